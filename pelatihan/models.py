"""Development work: forms of development; programs, events and the JP ledger as they come."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _


class JenisPengembangan(models.Model):
    """A form of development (Peraturan LAN 10/2018): KL01–KL12 classical, NKL01–NKL13 not."""

    class Jalur(models.TextChoices):
        KLASIKAL = "klasikal", _("Klasikal")
        NONKLASIKAL = "nonklasikal", _("Nonklasikal")

    kode = models.CharField(_("kode"), max_length=10, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    jalur = models.CharField(_("jalur"), max_length=20, choices=Jalur.choices)
    siasn_jenis_diklat_id = models.CharField(_("ID jenis diklat SIASN"), max_length=10, blank=True)
    aturan_pengakuan_jp = models.TextField(
        _("aturan pengakuan JP"),
        blank=True,
        help_text=_(
            "Untuk pembelajaran nonklasikal yang tidak memiliki tabel JP nasional: cara "
            "verifikator "
            "menetapkan JP yang diakui."
        ),
    )
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("jenis pengembangan")
        verbose_name_plural = _("jenis pengembangan")
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class RiwayatPengembanganQuerySet(models.QuerySet):
    def terverifikasi(self):
        return self.filter(status=RiwayatPengembangan.Status.TERVERIFIKASI)

    def tahun(self, tahun: int):
        """Rows of a year: the year of a row is the year of its end date."""
        return self.filter(tanggal_selesai__year=tahun)


def kunci_nama(nama: str) -> str:
    """The name as the duplicate rule compares it: case and spacing ignored."""
    return " ".join(nama.split()).casefold()


def berkas_sertifikat_path(instance, filename: str) -> str:
    import uuid
    from pathlib import PurePosixPath

    # An unguessable name: certificates are personal data.
    return f"sertifikat/{uuid.uuid4().hex}{PurePosixPath(filename).suffix.lower()}"


class RiwayatPengembangan(models.Model):
    """The JP ledger: the one source of JP. Only verified rows count; a row belongs to the year
    of its end date. Rows come from completed events, imports (verified on arrival) and claims
    by ASN (waiting until BKPSDM verifies them)."""

    class Sumber(models.TextChoices):
        KEGIATAN = "kegiatan", _("Kegiatan BKPSDM")
        IMPOR = "impor", _("Impor berkas")
        KLAIM = "klaim", _("Klaim ASN")

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu verifikasi")
        TERVERIFIKASI = "terverifikasi", _("Terverifikasi")
        DITOLAK = "ditolak", _("Ditolak")

    pegawai = models.ForeignKey(
        "pegawai.Pegawai",
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="riwayat_pengembangan",
    )
    nama_pelatihan = models.CharField(_("nama pelatihan"), max_length=300)
    nama_kunci = models.CharField(max_length=300, editable=False)
    jenis = models.ForeignKey(
        JenisPengembangan, verbose_name=_("jenis pengembangan"), on_delete=models.PROTECT
    )
    penyelenggara = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"))
    jp = models.PositiveSmallIntegerField(
        _("JP"), validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    jp_diajukan = models.PositiveSmallIntegerField(
        _("JP diajukan"),
        null=True,
        blank=True,
        help_text=_("JP yang diajukan ASN pada klaim, bila verifikator menetapkan JP lain."),
    )
    nomor_sertifikat = models.CharField(_("nomor sertifikat"), max_length=100, blank=True)
    tanggal_sertifikat = models.DateField(_("tanggal sertifikat"), null=True, blank=True)
    berkas_sertifikat = models.FileField(
        _("berkas sertifikat"), upload_to=berkas_sertifikat_path, blank=True
    )
    sumber = models.CharField(_("sumber"), max_length=10, choices=Sumber.choices)
    status = models.CharField(
        _("status verifikasi"), max_length=15, choices=Status.choices, default=Status.MENUNGGU
    )
    alasan_penolakan = models.TextField(_("alasan penolakan"), blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diverifikasi oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diverifikasi_pada = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = RiwayatPengembanganQuerySet.as_manager()

    class Meta:
        verbose_name = _("riwayat pengembangan kompetensi")
        verbose_name_plural = _("riwayat pengembangan kompetensi")
        ordering = ["-tanggal_selesai", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_mulai__lte=models.F("tanggal_selesai")),
                name="riwayat_tanggal_urut",
                violation_error_message=_("Tanggal mulai tidak boleh setelah tanggal selesai."),
            ),
            models.CheckConstraint(
                condition=Q(jp__gte=1, jp__lte=999),
                name="riwayat_jp_1_sampai_999",
                violation_error_message=_("JP harus bilangan bulat 1 sampai 999."),
            ),
            models.CheckConstraint(
                condition=~Q(status="ditolak") | ~Q(alasan_penolakan=""),
                name="riwayat_penolakan_beralasan",
                violation_error_message=_("Penolakan wajib disertai alasan."),
            ),
            # The same training (name, dates) once per pegawai; a rejected claim may be resubmitted.
            models.UniqueConstraint(
                "pegawai",
                "nama_kunci",
                "tanggal_mulai",
                "tanggal_selesai",
                condition=~Q(status="ditolak"),
                name="riwayat_unik_per_pegawai",
                violation_error_message=_(
                    "Riwayat dengan nama dan tanggal yang sama sudah tercatat untuk pegawai ini."
                ),
            ),
        ]
        indexes = [
            # JP per pegawai and year: verified rows by end date.
            models.Index(
                fields=["pegawai", "tanggal_selesai"],
                include=["jp"],
                condition=Q(status="terverifikasi"),
                name="riwayat_jp_terverifikasi",
            ),
            models.Index(fields=["tanggal_selesai"], name="riwayat_tanggal_selesai"),
            # The admin search on the training name: UPPER(col) LIKE UPPER('%…%').
            GinIndex(
                OpClass(Upper("nama_pelatihan"), name="gin_trgm_ops"), name="riwayat_nama_trgm"
            ),
            models.Index(
                fields=["status", "dibuat_pada"],
                condition=Q(status="menunggu"),
                name="riwayat_menunggu_verifikasi",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama_pelatihan} ({self.jp} JP)"

    def save(self, *args, **kwargs):
        self.nama_kunci = kunci_nama(self.nama_pelatihan)
        if kwargs.get("update_fields") is not None and "nama_pelatihan" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "nama_kunci"}
        super().save(*args, **kwargs)

    @property
    def tahun(self) -> int:
        return self.tanggal_selesai.year

    @property
    def dihitung(self) -> bool:
        """Whether this row counts toward JP: only verified rows do."""
        return self.status == self.Status.TERVERIFIKASI
