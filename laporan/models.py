"""laporan owns no business data; only the records of report jobs (who asked, parameters,
progress, file, status) live here."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LaporanJob(models.Model):
    """One city-wide export built in the background: asked once, built by a Celery task, kept for
    ``LAPORAN_JOB_SIMPAN_JAM`` hours and then deleted. The same request by the same user on the
    same day is the same job (``kunci``), so it gives the same file and is built once."""

    class Jenis(models.TextChoices):
        JP_PEGAWAI = "jp_pegawai", _("JP seluruh pegawai (XLSX)")
        ANGGARAN_XLSX = "anggaran_xlsx", _("Laporan anggaran (XLSX)")
        ANGGARAN_PDF = "anggaran_pdf", _("Laporan anggaran (PDF)")

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu giliran")
        BERJALAN = "berjalan", _("Sedang disiapkan")
        SIAP = "siap", _("Siap diunduh")
        GAGAL = "gagal", _("Gagal")
        KEDALUWARSA = "kedaluwarsa", _("Kedaluwarsa")

    # A job in one of these states answers a repeated request; at most one per key.
    STATUS_AKTIF = (Status.MENUNGGU, Status.BERJALAN, Status.SIAP)

    jenis = models.CharField(_("jenis laporan"), max_length=20, choices=Jenis.choices)
    parameter = models.JSONField(_("parameter"), default=dict, blank=True)
    kunci = models.CharField(
        _("kunci permintaan"),
        max_length=64,
        help_text=_("Sidik jari peminta, jenis, parameter, dan tanggal data."),
    )
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diminta oleh"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.MENUNGGU
    )
    persen = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    berkas = models.FileField(_("berkas"), max_length=255, blank=True)
    nama_berkas = models.CharField(_("nama berkas"), max_length=150)
    ukuran = models.PositiveBigIntegerField(_("ukuran (bita)"), null=True, blank=True)
    pesan_galat = models.TextField(_("pesan galat"), blank=True)
    dibuat_pada = models.DateTimeField(_("diminta pada"), auto_now_add=True)
    dimulai_pada = models.DateTimeField(_("dimulai pada"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("unduhan laporan")
        verbose_name_plural = _("unduhan laporan")
        ordering = ["-dibuat_pada", "-id"]
        indexes = [
            models.Index(fields=["oleh", "-dibuat_pada"], name="laporanjob_oleh_idx"),
            models.Index(fields=["status", "selesai_pada"], name="laporanjob_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kunci"],
                condition=Q(status__in=["menunggu", "berjalan", "siap"]),
                name="laporanjob_kunci_aktif_unik",
                violation_error_message=_("Laporan yang sama sedang atau sudah disiapkan."),
            ),
            models.CheckConstraint(condition=Q(persen__lte=100), name="laporanjob_persen_0_100"),
            models.CheckConstraint(
                condition=~Q(status="siap") | (~Q(berkas="") & Q(selesai_pada__isnull=False)),
                name="laporanjob_siap_ada_berkas",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.nama_berkas}"

    @property
    def berjalan(self) -> bool:
        """Still waiting or being built: the page keeps asking for its progress."""
        return self.status in (self.Status.MENUNGGU, self.Status.BERJALAN)

    @property
    def keterangan(self) -> str:
        """The parameters as a clerk reads them: "Tahun 2025, PPPK"."""
        bagian = []
        if "tahun" in self.parameter:
            bagian.append(str(_("Tahun %(tahun)s")) % {"tahun": self.parameter["tahun"]})
        if "jenis" in self.parameter:
            bagian.append(self.parameter["jenis"] or str(_("semua jenis pegawai")))
        return ", ".join(bagian)

    @property
    def kedaluwarsa_pada(self):
        """When the file is deleted (hours after it was finished, as configured now)."""
        if self.selesai_pada is None or self.status != self.Status.SIAP:
            return None
        return self.selesai_pada + timedelta(hours=settings.LAPORAN_JOB_SIMPAN_JAM)

    @property
    def tersedia(self) -> bool:
        """Ready and not yet past its time; the hourly expiry may not have run yet."""
        return self.status == self.Status.SIAP and timezone.now() < self.kedaluwarsa_pada

    @property
    def kedaluwarsa(self) -> bool:
        return self.status == self.Status.KEDALUWARSA or (
            self.status == self.Status.SIAP and not self.tersedia
        )
