"""Development work: forms of development; programs, events and the JP ledger as they come."""

import uuid

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from pegawai.models import JenisJabatan


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


def _diaudit():
    """The audit trail (DESIGN §7): a copy of every row of nominations, the JP ledger and budgets
    as it was inserted, updated and deleted, stored by PostgreSQL triggers (so bulk updates and
    raw SQL are recorded too) with the user and address of the request that made the change
    (``pghistory.middleware.HistoryMiddleware``). Append-only: the copies themselves cannot be
    changed. A large import does not copy the rows it inserts (``pegawai.impor_massal``): the
    import record says who loaded which file."""
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        # One INSERT … SELECT per statement from its transition table, not one per row: with the
        # ledger's deferred foreign-key checks queued, per-row triggers slow a COPY of 110,000
        # rows to minutes (each nested INSERT walks the queue), per-statement ones take a second.
        level=pghistory.Statement,
    )


@_diaudit()
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
    # No index: a score of kinds, never deleted while in use (PROTECT); the index would serve
    # only that check, and rebuilding it cost every bulk import of the ledger.
    jenis = models.ForeignKey(
        JenisPengembangan,
        verbose_name=_("jenis pengembangan"),
        on_delete=models.PROTECT,
        db_index=False,
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
    kegiatan = models.ForeignKey(
        "KegiatanPelatihan",
        verbose_name=_("kegiatan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="riwayat",
        help_text=_("Kegiatan BKPSDM yang menghasilkan JP ini (sumber kegiatan)."),
        db_index=False,  # riwayat_kegiatan below, partial
    )
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
        db_index=False,  # riwayat_diverifikasi_oleh below, partial
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
            # A completed event credits each graduate once: the guarantee behind a rerun.
            models.UniqueConstraint(
                "pegawai",
                "kegiatan",
                condition=Q(kegiatan__isnull=False) & ~Q(status="ditolak"),
                name="riwayat_unik_per_kegiatan",
                violation_error_message=_("JP kegiatan ini sudah tercatat untuk pegawai ini."),
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
            # No trigram index on the training name: its admin search scans the table (about
            # 0.1 s for a city's 110,000 rows), while building that index took a bulk import of
            # the same rows longer than everything else it does in the database.
            # Imported history has neither an event nor a verifier: indexing only the rows that
            # have one keeps a bulk import from building index entries for NULLs, and still
            # serves every lookup by event or user (their value is never NULL).
            models.Index(
                fields=["kegiatan"], condition=Q(kegiatan__isnull=False), name="riwayat_kegiatan"
            ),
            models.Index(
                fields=["diverifikasi_oleh"],
                condition=Q(diverifikasi_oleh__isnull=False),
                name="riwayat_diverifikasi_oleh",
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


# ---------------------------------------------------------------------------------------------
# Catalogue and events: partners, programs with their curriculum, scheduled events.
# ---------------------------------------------------------------------------------------------


def format_rupiah(nilai) -> str:
    """Rupiah as Indonesians write it: "Rp 1.250.000" (sen only when there are any)."""
    from decimal import ROUND_HALF_UP, Decimal

    nilai = Decimal(nilai).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    tanda = "-" if nilai < 0 else ""
    rupiah, sen = f"{abs(nilai):.2f}".split(".")
    ribuan = f"{int(rupiah):,}".replace(",", ".")
    return f"{tanda}Rp {ribuan}" + (f",{sen}" if sen != "00" else "")


class LembagaPelatihan(models.Model):
    """A partner institution that builds curricula with BKPSDM or runs its events."""

    class Jenis(models.TextChoices):
        INTERNAL = "internal", _("BKPSDM Kota Langsa (internal)")
        BPSDM_PROVINSI = "bpsdm_provinsi", _("BPSDM Aceh")
        LAN = "lan", _("Lembaga Administrasi Negara")
        KEMENTERIAN = "kementerian", _("Kementerian/lembaga")
        PERGURUAN_TINGGI = "perguruan_tinggi", _("Perguruan tinggi")
        SWASTA = "swasta", _("Swasta")
        INTERNASIONAL = "internasional", _("Internasional")

    nama = models.CharField(_("nama"), max_length=200, unique=True)
    singkatan = models.CharField(_("singkatan"), max_length=40, blank=True)
    jenis = models.CharField(_("jenis lembaga"), max_length=20, choices=Jenis.choices)
    akreditasi = models.CharField(
        _("akreditasi"),
        max_length=100,
        blank=True,
        help_text=_("Mis. terakreditasi LAN predikat A, beserta nomor keputusannya."),
    )
    nomor_mou = models.CharField(_("nomor MoU/PKS"), max_length=100, blank=True)
    mou_berlaku_mulai = models.DateField(_("MoU berlaku mulai"), null=True, blank=True)
    mou_berlaku_sampai = models.DateField(_("MoU berlaku sampai"), null=True, blank=True)
    alamat = models.TextField(_("alamat"), blank=True)
    kontak = models.CharField(_("kontak"), max_length=200, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("lembaga pelatihan")
        verbose_name_plural = _("lembaga pelatihan")
        ordering = ["nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mou_berlaku_mulai__isnull=True)
                | Q(mou_berlaku_sampai__isnull=True)
                | Q(mou_berlaku_mulai__lte=models.F("mou_berlaku_sampai")),
                name="lembaga_mou_masa_berlaku_urut",
                violation_error_message=_(
                    "Tanggal akhir masa berlaku MoU tidak boleh sebelum tanggal mulainya."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def mou_berakhir_sebelum(self, tanggal) -> bool:
        """Whether the MoU ends before this date. In-house events need no MoU."""
        return (
            self.jenis != self.Jenis.INTERNAL
            and self.mou_berlaku_sampai is not None
            and self.mou_berlaku_sampai < tanggal
        )


class ProgramPelatihanQuerySet(models.QuerySet):
    def aktif(self):
        return self.filter(aktif=True)


class ProgramPelatihan(models.Model):
    """A training program: its curriculum (MataPelatihan), the competencies it builds and who may
    attend. The program's JP is the sum of its subjects' JP, computed when read."""

    kode = models.CharField(_("kode"), max_length=30, unique=True)
    nama = models.CharField(_("nama program"), max_length=300)
    jenis = models.ForeignKey(
        JenisPengembangan, verbose_name=_("jenis pengembangan"), on_delete=models.PROTECT
    )
    lembaga = models.ForeignKey(
        LembagaPelatihan,
        verbose_name=_("lembaga mitra kurikulum"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="program",
    )
    deskripsi = models.TextField(_("deskripsi"), blank=True)
    kompetensi = models.ManyToManyField(
        "pegawai.Kompetensi",
        verbose_name=_("kompetensi sasaran"),
        blank=True,
        related_name="program_pelatihan",
    )
    sasaran_jenis_jabatan = ArrayField(
        models.CharField(max_length=20, choices=JenisJabatan.choices),
        verbose_name=_("jenis jabatan sasaran"),
        default=list,
        blank=True,
        help_text=_("Kosongkan bila terbuka untuk semua jenis jabatan."),
    )
    golongan_min = models.ForeignKey(
        "pegawai.Golongan",
        verbose_name=_("golongan terendah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    golongan_max = models.ForeignKey(
        "pegawai.Golongan",
        verbose_name=_("golongan tertinggi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sasaran_opd = models.ManyToManyField(
        "pegawai.PerangkatDaerah",
        verbose_name=_("perangkat daerah sasaran"),
        blank=True,
        related_name="program_pelatihan",
        help_text=_("Kosongkan bila terbuka untuk semua perangkat daerah."),
    )
    aktif = models.BooleanField(_("aktif"), default=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = ProgramPelatihanQuerySet.as_manager()

    class Meta:
        verbose_name = _("program pelatihan")
        verbose_name_plural = _("program pelatihan")
        ordering = ["nama"]
        indexes = [
            GinIndex(OpClass(Upper("nama"), name="gin_trgm_ops"), name="program_nama_trgm"),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self):
        # A range of grades only makes sense within one scale (PNS I/a–IV/e or PPPK I–XVII).
        bawah, atas = self.golongan_min, self.golongan_max
        if bawah is not None and atas is not None:
            if bawah.untuk != atas.untuk:
                raise ValidationError(
                    {
                        "golongan_max": _(
                            "Golongan terendah dan tertinggi harus sama-sama golongan PNS atau "
                            "sama-sama golongan PPPK."
                        )
                    }
                )
            if bawah.urutan > atas.urutan:
                raise ValidationError(
                    {
                        "golongan_max": _(
                            "Golongan tertinggi tidak boleh di bawah golongan terendah."
                        )
                    }
                )

    def get_sasaran_jenis_jabatan_display(self) -> list[str]:
        return [str(JenisJabatan(j).label) for j in self.sasaran_jenis_jabatan]


class MataPelatihan(models.Model):
    """One subject of a program's curriculum."""

    program = models.ForeignKey(
        ProgramPelatihan,
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="mata_pelatihan",
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    nama = models.CharField(_("mata pelatihan"), max_length=300)
    jp = models.PositiveSmallIntegerField(
        _("JP"), validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    tujuan_pembelajaran = models.TextField(_("tujuan pembelajaran"), blank=True)
    pengajar = models.CharField(_("pengajar"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("mata pelatihan")
        verbose_name_plural = _("mata pelatihan")
        ordering = ["program", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jp__gte=1, jp__lte=999),
                name="mata_pelatihan_jp_1_sampai_999",
                violation_error_message=_("JP harus bilangan bulat 1 sampai 999."),
            ),
            models.UniqueConstraint(
                "program",
                Upper("nama"),
                name="mata_pelatihan_unik_per_program",
                violation_error_message=_("Mata pelatihan ini sudah ada dalam program."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.jp} JP)"


class KegiatanPelatihanQuerySet(models.QuerySet):
    def terbit(self):
        """Events everyone may see: drafts are BKPSDM's work in progress."""
        return self.exclude(status=KegiatanPelatihan.Status.DRAFT)


class KegiatanPelatihan(models.Model):
    """One scheduled run (angkatan) of a program. Its status moves only through
    ``pelatihan.services.kegiatan_transition``."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        NOMINASI_DIBUKA = "nominasi_dibuka", _("Nominasi dibuka")
        DITUTUP = "ditutup", _("Nominasi ditutup")
        BERLANGSUNG = "berlangsung", _("Berlangsung")
        SELESAI = "selesai", _("Selesai")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    class Modalitas(models.TextChoices):
        TATAP_MUKA = "tatap_muka", _("Tatap muka")
        DARING = "daring", _("Daring")
        BLENDED = "blended", _("Blended (tatap muka dan daring)")

    program = models.ForeignKey(
        ProgramPelatihan,
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="kegiatan",
    )
    angkatan = models.PositiveSmallIntegerField(_("angkatan"), default=1)
    lembaga = models.ForeignKey(
        LembagaPelatihan,
        verbose_name=_("penyelenggara"),
        on_delete=models.PROTECT,
        related_name="kegiatan",
    )
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"))
    batas_nominasi = models.DateField(_("batas nominasi"))
    modalitas = models.CharField(_("modalitas"), max_length=20, choices=Modalitas.choices)
    tempat = models.CharField(
        _("tempat"), max_length=300, blank=True, help_text=_("Wajib untuk tatap muka dan blended.")
    )
    tautan_daring = models.URLField(_("tautan daring"), blank=True)
    kuota = models.PositiveIntegerField(_("kuota peserta"))
    biaya_per_peserta = models.DecimalField(
        _("biaya per peserta (Rp)"), max_digits=14, decimal_places=2, default=0
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    status_diubah_pada = models.DateTimeField(_("status diubah pada"), null=True, blank=True)
    status_diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status diubah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = KegiatanPelatihanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kegiatan pelatihan")
        verbose_name_plural = _("kegiatan pelatihan")
        ordering = ["tanggal_mulai", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_mulai__lte=models.F("tanggal_selesai")),
                name="kegiatan_tanggal_urut",
                violation_error_message=_("Tanggal mulai tidak boleh setelah tanggal selesai."),
            ),
            models.CheckConstraint(
                condition=Q(batas_nominasi__lte=models.F("tanggal_mulai")),
                name="kegiatan_batas_nominasi_sebelum_mulai",
                violation_error_message=_(
                    "Batas nominasi tidak boleh setelah tanggal mulai kegiatan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kuota__gte=1),
                name="kegiatan_kuota_minimal_1",
                violation_error_message=_("Kuota peserta paling sedikit 1."),
            ),
            models.CheckConstraint(
                condition=Q(biaya_per_peserta__gte=0),
                name="kegiatan_biaya_tidak_negatif",
                violation_error_message=_("Biaya per peserta tidak boleh negatif."),
            ),
            models.CheckConstraint(
                condition=Q(modalitas="daring") | ~Q(tempat=""),
                name="kegiatan_tempat_untuk_tatap_muka",
                violation_error_message=_("Tempat wajib diisi untuk kegiatan tatap muka/blended."),
            ),
            models.UniqueConstraint(
                "program",
                "angkatan",
                name="kegiatan_angkatan_unik_per_program",
                violation_error_message=_("Angkatan ini sudah ada untuk program tersebut."),
            ),
        ]
        indexes = [
            models.Index(fields=["tanggal_mulai", "tanggal_selesai"], name="kegiatan_tanggal"),
            models.Index(fields=["status", "tanggal_mulai"], name="kegiatan_status_tanggal"),
        ]

    def __str__(self) -> str:
        return _("%(program)s angkatan %(angkatan)s") % {
            "program": self.program.nama,
            "angkatan": self.angkatan,
        }

    @property
    def biaya_rupiah(self) -> str:
        return format_rupiah(self.biaya_per_peserta)

    @property
    def mou_kedaluwarsa(self) -> bool:
        """The partner's MoU ends before this event does."""
        return self.lembaga.mou_berakhir_sebelum(self.tanggal_selesai)


class KuotaOPD(models.Model):
    """Seats of one event reserved for one OPD. Their sum never exceeds the event's quota
    (checked by ``pelatihan.services.kuota_opd_check``)."""

    kegiatan = models.ForeignKey(
        KegiatanPelatihan,
        verbose_name=_("kegiatan"),
        on_delete=models.CASCADE,
        related_name="kuota_opd",
    )
    perangkat_daerah = models.ForeignKey(
        "pegawai.PerangkatDaerah", verbose_name=_("perangkat daerah"), on_delete=models.PROTECT
    )
    kuota = models.PositiveIntegerField(_("kuota"))

    class Meta:
        verbose_name = _("kuota per perangkat daerah")
        verbose_name_plural = _("kuota per perangkat daerah")
        ordering = ["kegiatan", "perangkat_daerah__kode"]
        constraints = [
            models.UniqueConstraint(
                "kegiatan",
                "perangkat_daerah",
                name="kuota_opd_unik_per_kegiatan",
                violation_error_message=_(
                    "Kuota untuk perangkat daerah ini sudah ditetapkan pada kegiatan ini."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kuota__gte=1),
                name="kuota_opd_minimal_1",
                violation_error_message=_("Kuota perangkat daerah paling sedikit 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.perangkat_daerah} ({self.kuota})"


# ---------------------------------------------------------------------------------------------
# Nominations: one pegawai in one event, from proposal to result.
# ---------------------------------------------------------------------------------------------


@_diaudit()
class Nominasi(models.Model):
    """One pegawai in one event. Moves only through the ``nominasi_*`` services:
    diusulkan → disetujui (kepala OPD/atasan) → ditetapkan (BKPSDM, within the quota) or
    daftar_tunggu (quota full; moves up when a seat frees) → lulus/tidak_lulus;
    or ditolak (with a reason) / batal."""

    class Jalur(models.TextChoices):
        USULAN_OPD = "usulan_opd", _("Usulan perangkat daerah")
        MANDIRI = "mandiri", _("Pendaftaran mandiri")

    class Status(models.TextChoices):
        DIUSULKAN = "diusulkan", _("Diusulkan")
        DISETUJUI = "disetujui", _("Disetujui atasan")
        DITETAPKAN = "ditetapkan", _("Ditetapkan")
        DAFTAR_TUNGGU = "daftar_tunggu", _("Daftar tunggu")
        DITOLAK = "ditolak", _("Ditolak")
        BATAL = "batal", _("Batal")
        LULUS = "lulus", _("Lulus")
        TIDAK_LULUS = "tidak_lulus", _("Tidak lulus")

    kegiatan = models.ForeignKey(
        KegiatanPelatihan,
        verbose_name=_("kegiatan"),
        on_delete=models.PROTECT,
        related_name="nominasi",
    )
    pegawai = models.ForeignKey(
        "pegawai.Pegawai",
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="nominasi",
    )
    jalur = models.CharField(_("jalur"), max_length=12, choices=Jalur.choices)
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.DIUSULKAN
    )
    alasan = models.TextField(_("alasan"), blank=True, help_text=_("Wajib bila nominasi ditolak."))
    skor_prioritas = models.DecimalField(
        _("skor prioritas"), max_digits=7, decimal_places=2, default=0
    )
    penjelasan_skor = models.JSONField(
        _("penjelasan skor"),
        default=list,
        blank=True,
        help_text=_("Rincian perhitungan skor prioritas saat diusulkan."),
    )
    peringatan = models.JSONField(
        _("peringatan kelayakan"),
        default=list,
        blank=True,
        help_text=_("Peringatan kelayakan yang ditampilkan saat diusulkan."),
    )
    urutan_tunggu = models.PositiveIntegerField(_("urutan daftar tunggu"), null=True, blank=True)
    nilai_pre = models.DecimalField(
        _("nilai pre-test"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    nilai_post = models.DecimalField(
        _("nilai post-test"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    diusulkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diusulkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disetujui oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disetujui_pada = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Yang terakhir mengubah status (menetapkan, menolak, membatalkan)."),
    )
    diputuskan_pada = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("nominasi")
        verbose_name_plural = _("nominasi")
        ordering = ["-dibuat_pada", "-id"]
        constraints = [
            models.UniqueConstraint(
                "kegiatan",
                "pegawai",
                name="nominasi_unik_per_kegiatan",
                violation_error_message=_("Pegawai ini sudah dinominasikan pada kegiatan ini."),
            ),
            models.CheckConstraint(
                condition=~Q(status="ditolak") | ~Q(alasan=""),
                name="nominasi_penolakan_beralasan",
                violation_error_message=_("Penolakan nominasi wajib disertai alasan."),
            ),
            models.CheckConstraint(
                condition=Q(status="daftar_tunggu", urutan_tunggu__isnull=False)
                | (~Q(status="daftar_tunggu") & Q(urutan_tunggu__isnull=True)),
                name="nominasi_urutan_hanya_daftar_tunggu",
                violation_error_message=_(
                    "Urutan tunggu diisi hanya untuk nominasi dalam daftar tunggu."
                ),
            ),
            models.CheckConstraint(
                condition=Q(skor_prioritas__gte=0),
                name="nominasi_skor_tidak_negatif",
                violation_error_message=_("Skor prioritas tidak boleh negatif."),
            ),
        ]
        indexes = [
            models.Index(fields=["kegiatan", "status"], name="nominasi_kegiatan_status"),
            models.Index(fields=["pegawai", "status"], name="nominasi_pegawai_status"),
            models.Index(fields=["status", "-skor_prioritas"], name="nominasi_antrean"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai} – {self.kegiatan}"


# ---------------------------------------------------------------------------------------------
# Attendance: one row per participant and day of the event.
# ---------------------------------------------------------------------------------------------


class Kehadiran(models.Model):
    """A confirmed participant's attendance on one day of the event. The day lies within the
    event's dates (checked by ``pelatihan.services.kehadiran_grid_save``)."""

    class Status(models.TextChoices):
        HADIR = "hadir", _("Hadir")
        IZIN = "izin", _("Izin")
        SAKIT = "sakit", _("Sakit")
        ALPA = "alpa", _("Alpa")

    nominasi = models.ForeignKey(
        Nominasi,
        verbose_name=_("nominasi"),
        on_delete=models.CASCADE,
        related_name="kehadiran",
    )
    tanggal = models.DateField(_("tanggal"))
    status = models.CharField(_("status kehadiran"), max_length=5, choices=Status.choices)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        ordering = ["nominasi", "tanggal"]
        constraints = [
            models.UniqueConstraint(
                "nominasi",
                "tanggal",
                name="kehadiran_unik_per_hari",
                violation_error_message=_("Kehadiran peserta pada tanggal ini sudah tercatat."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nominasi_id} {self.tanggal:%Y-%m-%d} {self.status}"


# ---------------------------------------------------------------------------------------------
# Certificates: one per graduate, numbered per year, verifiable through an unguessable code.
# ---------------------------------------------------------------------------------------------


def kode_sertifikat() -> str:
    """The code in the certificate's QR link: 128 random bits, so guessing one is hopeless."""
    import secrets

    return secrets.token_urlsafe(16)


class Sertifikat(models.Model):
    """The certificate of one graduate (a ``lulus`` nomination). Issued only through
    ``pelatihan.services.sertifikat_issue``; the signatory is copied at issue so a later change
    of office does not rewrite certificates already handed out."""

    nominasi = models.OneToOneField(
        Nominasi,
        verbose_name=_("nominasi"),
        on_delete=models.PROTECT,
        related_name="sertifikat",
    )
    nomor = models.CharField(_("nomor sertifikat"), max_length=100, unique=True)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    urutan = models.PositiveIntegerField(_("nomor urut"))
    kode = models.CharField(
        _("kode verifikasi"), max_length=64, unique=True, default=kode_sertifikat, editable=False
    )
    diterbitkan_pada = models.DateTimeField(_("diterbitkan pada"))
    diterbitkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterbitkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    penandatangan_nama = models.CharField(_("nama penandatangan"), max_length=200, blank=True)
    penandatangan_jabatan = models.CharField(_("jabatan penandatangan"), max_length=200)
    penandatangan_nip = models.CharField(_("NIP penandatangan"), max_length=18, blank=True)

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        ordering = ["-tahun", "-urutan"]
        constraints = [
            # The number sequence of a year: the last word when two issues race.
            models.UniqueConstraint(
                "tahun",
                "urutan",
                name="sertifikat_urutan_unik_per_tahun",
                violation_error_message=_("Nomor urut sertifikat tahun ini sudah dipakai."),
            ),
        ]

    def __str__(self) -> str:
        return self.nomor


# ---------------------------------------------------------------------------------------------
# Planning and funding (DESIGN §2 Plan, Lead and fund): needs (AKPK) → the year's plan → budgets
# by funding source, allocated to events and realised. Money is Rupiah in DecimalFields.
# ---------------------------------------------------------------------------------------------


class SumberDana(models.TextChoices):
    APBK = "apbk", _("APBK (APBD Kota)")
    APBA = "apba", _("APBA (APBD Aceh)")
    APBN = "apbn", _("APBN")
    OTSUS = "otsus", _("Dana Otonomi Khusus Aceh")
    HIBAH = "hibah", _("Hibah / lembaga internasional")
    CSR = "csr", _("CSR / TJSL")
    KERJA_SAMA = "kerja_sama", _("Kerja sama")
    MANDIRI = "mandiri", _("Mandiri")
    TANPA_BIAYA = "tanpa_biaya", _("Tanpa biaya")


def _rupiah_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=16, decimal_places=2, **kwargs)


class KebutuhanPengembangan(models.Model):
    """One row of the needs analysis (AKPK): a development need of an OPD, often of one pegawai
    and one competency gap, proposed by the ASN, the operator or the kepala OPD and verified by
    BKPSDM. A verified need is covered once a line of the year's plan takes it up."""

    class Asal(models.TextChoices):
        KESENJANGAN = "kesenjangan", _("Kesenjangan kompetensi")
        USULAN = "usulan", _("Usulan bebas")

    class Status(models.TextChoices):
        DIUSULKAN = "diusulkan", _("Diusulkan")
        DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
        DITOLAK = "ditolak", _("Ditolak")

    tahun = models.PositiveSmallIntegerField(_("tahun rencana"))
    perangkat_daerah = models.ForeignKey(
        "pegawai.PerangkatDaerah",
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        related_name="kebutuhan_pengembangan",
    )
    pegawai = models.ForeignKey(
        "pegawai.Pegawai",
        verbose_name=_("pegawai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kebutuhan_pengembangan",
    )
    kompetensi = models.ForeignKey(
        "pegawai.Kompetensi",
        verbose_name=_("kompetensi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    jenis = models.ForeignKey(
        JenisPengembangan,
        verbose_name=_("bentuk pengembangan yang diusulkan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    program = models.ForeignKey(
        ProgramPelatihan,
        verbose_name=_("program yang diusulkan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kebutuhan",
    )
    uraian = models.TextField(_("uraian kebutuhan"))
    jumlah_peserta = models.PositiveIntegerField(_("jumlah peserta"), default=1)
    asal = models.CharField(_("asal"), max_length=12, choices=Asal.choices, default=Asal.USULAN)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DIUSULKAN
    )
    alasan_penolakan = models.TextField(_("alasan penolakan"), blank=True)
    rencana = models.ForeignKey(
        "RencanaPengembangan",
        verbose_name=_("baris rencana yang memenuhinya"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kebutuhan",
    )
    diusulkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diusulkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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

    class Meta:
        verbose_name = _("kebutuhan pengembangan (AKPK)")
        verbose_name_plural = _("kebutuhan pengembangan (AKPK)")
        ordering = ["-tahun", "perangkat_daerah", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="ditolak") | ~Q(alasan_penolakan=""),
                name="kebutuhan_ditolak_beralasan",
                violation_error_message=_("Kebutuhan yang ditolak wajib diberi alasan."),
            ),
            models.CheckConstraint(
                condition=Q(rencana__isnull=True) | Q(status="diverifikasi"),
                name="kebutuhan_direncanakan_terverifikasi",
                violation_error_message=_(
                    "Hanya kebutuhan yang sudah diverifikasi yang dapat masuk rencana."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["tahun", "status"], name="kebutuhan_tahun_status"),
            models.Index(fields=["perangkat_daerah", "tahun"], name="kebutuhan_opd_tahun"),
        ]

    def __str__(self) -> str:
        return self.uraian[:80]


class RencanaPengembangan(models.Model):
    """One line of the year's development plan: a training to hold, its seats per OPD, its
    estimated cost by budget line and its funding source. Becomes an event when scheduled."""

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    nama = models.CharField(_("nama kegiatan yang direncanakan"), max_length=300)
    program = models.ForeignKey(
        ProgramPelatihan,
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rencana",
    )
    jenis = models.ForeignKey(
        JenisPengembangan,
        verbose_name=_("bentuk pengembangan"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    jp = models.PositiveSmallIntegerField(
        _("JP"), validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    kompetensi = models.ManyToManyField(
        "pegawai.Kompetensi",
        verbose_name=_("kompetensi sasaran"),
        blank=True,
        related_name="+",
    )
    bulan_rencana = models.PositiveSmallIntegerField(
        _("bulan pelaksanaan"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    sumber_dana = models.CharField(_("sumber dana"), max_length=12, choices=SumberDana.choices)
    kegiatan = models.OneToOneField(
        KegiatanPelatihan,
        verbose_name=_("kegiatan yang terlaksana"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rencana",
    )
    keterangan = models.TextField(_("keterangan"), blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("rencana pengembangan")
        verbose_name_plural = _("rencana pengembangan")
        ordering = ["-tahun", "bulan_rencana", "nama"]
        indexes = [models.Index(fields=["tahun", "sumber_dana"], name="rencana_tahun_sumber")]

    def __str__(self) -> str:
        return f"{self.nama} ({self.tahun})"


class RencanaKursiOPD(models.Model):
    rencana = models.ForeignKey(
        RencanaPengembangan,
        verbose_name=_("rencana"),
        on_delete=models.CASCADE,
        related_name="kursi_opd",
    )
    perangkat_daerah = models.ForeignKey(
        "pegawai.PerangkatDaerah",
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kursi = models.PositiveIntegerField(_("kursi"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("kursi per perangkat daerah")
        verbose_name_plural = _("kursi per perangkat daerah")
        constraints = [
            models.UniqueConstraint("rencana", "perangkat_daerah", name="rencana_kursi_opd_unik"),
            models.CheckConstraint(condition=Q(kursi__gte=1), name="rencana_kursi_positif"),
        ]

    def __str__(self) -> str:
        return f"{self.perangkat_daerah_id}: {self.kursi}"


class RincianBiayaRencana(models.Model):
    """An estimated cost line of a plan line, by the regional budget's spending categories."""

    class Kategori(models.TextChoices):
        KONTRIBUSI = "kontribusi", _("Kontribusi peserta")
        HONORARIUM = "honorarium", _("Honorarium narasumber")
        KONSUMSI = "konsumsi", _("Konsumsi")
        PERJALANAN = "perjalanan", _("Perjalanan dinas")
        LAINNYA = "lainnya", _("Lainnya")

    rencana = models.ForeignKey(
        RencanaPengembangan,
        verbose_name=_("rencana"),
        on_delete=models.CASCADE,
        related_name="rincian_biaya",
    )
    kategori = models.CharField(_("kategori"), max_length=12, choices=Kategori.choices)
    kode_rekening = models.CharField(_("kode rekening"), max_length=40, blank=True)
    uraian = models.CharField(_("uraian"), max_length=300, blank=True)
    jumlah = _rupiah_field(_("jumlah (Rp)"), validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("rincian biaya rencana")
        verbose_name_plural = _("rincian biaya rencana")
        constraints = [
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="rincian_biaya_tidak_negatif")
        ]

    def __str__(self) -> str:
        return f"{self.get_kategori_display()}: {format_rupiah(self.jumlah)}"


@_diaudit()
class Anggaran(models.Model):
    """A budget ceiling (pagu) for development in a year from one funding source, held centrally
    by BKPSDM (no OPD) or by an OPD. Allocations to events never exceed it
    (``pelatihan.anggaran.alokasi_create`` locks the row)."""

    tahun = models.PositiveSmallIntegerField(_("tahun anggaran"))
    sumber_dana = models.CharField(_("sumber dana"), max_length=12, choices=SumberDana.choices)
    uraian = models.CharField(_("uraian"), max_length=300)
    kode_rekening = models.CharField(
        _("kode rekening"),
        max_length=40,
        blank=True,
        help_text=_("Mis. 5.1.02.02.12.0001 Belanja Kursus Singkat/Pelatihan."),
    )
    perangkat_daerah = models.ForeignKey(
        "pegawai.PerangkatDaerah",
        verbose_name=_("perangkat daerah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="anggaran",
        help_text=_("Kosongkan untuk anggaran terpusat di BKPSDM."),
    )
    pagu = _rupiah_field(_("pagu (Rp)"), validators=[MinValueValidator(0)])
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("anggaran")
        verbose_name_plural = _("anggaran")
        ordering = ["-tahun", "sumber_dana", "uraian"]
        constraints = [
            models.CheckConstraint(condition=Q(pagu__gte=0), name="anggaran_pagu_tidak_negatif"),
        ]
        indexes = [models.Index(fields=["tahun", "sumber_dana"], name="anggaran_tahun_sumber")]

    def __str__(self) -> str:
        return f"{self.uraian} ({self.get_sumber_dana_display()} {self.tahun})"


@_diaudit()
class AlokasiAnggaran(models.Model):
    """Part of a budget set aside for one event (or, before it is scheduled, one plan line)."""

    anggaran = models.ForeignKey(
        Anggaran, verbose_name=_("anggaran"), on_delete=models.PROTECT, related_name="alokasi"
    )
    kegiatan = models.ForeignKey(
        KegiatanPelatihan,
        verbose_name=_("kegiatan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="alokasi_anggaran",
    )
    rencana = models.ForeignKey(
        RencanaPengembangan,
        verbose_name=_("rencana"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="alokasi_anggaran",
    )
    jumlah = _rupiah_field(_("jumlah (Rp)"), validators=[MinValueValidator(0)])
    uraian = models.CharField(_("uraian"), max_length=300, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("alokasi anggaran")
        verbose_name_plural = _("alokasi anggaran")
        ordering = ["anggaran", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(jumlah__gt=0), name="alokasi_positif"),
            models.CheckConstraint(
                condition=Q(kegiatan__isnull=False) | Q(rencana__isnull=False),
                name="alokasi_untuk_kegiatan_atau_rencana",
                violation_error_message=_("Alokasi harus untuk sebuah kegiatan atau rencana."),
            ),
        ]

    def __str__(self) -> str:
        return f"{format_rupiah(self.jumlah)} – {self.anggaran}"


@_diaudit()
class RealisasiAnggaran(models.Model):
    """Money actually spent from an allocation (a payment: SP2D or receipt)."""

    alokasi = models.ForeignKey(
        AlokasiAnggaran,
        verbose_name=_("alokasi"),
        on_delete=models.PROTECT,
        related_name="realisasi",
    )
    tanggal = models.DateField(_("tanggal"))
    jumlah = _rupiah_field(_("jumlah (Rp)"), validators=[MinValueValidator(0)])
    uraian = models.CharField(_("uraian"), max_length=300, blank=True)
    nomor_bukti = models.CharField(_("nomor SP2D / bukti"), max_length=100, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("realisasi anggaran")
        verbose_name_plural = _("realisasi anggaran")
        ordering = ["tanggal", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(jumlah__gt=0), name="realisasi_positif"),
        ]
        indexes = [models.Index(fields=["tanggal"], name="realisasi_tanggal")]

    def __str__(self) -> str:
        return f"{self.tanggal}: {format_rupiah(self.jumlah)}"


@_diaudit()
class UsulanPendanaan(models.Model):
    """A funding proposal to a partner (CSR/TJSL, international bodies, ...), tracked until the
    partner commits, when it becomes an ``Anggaran``."""

    class Status(models.TextChoices):
        DISIAPKAN = "disiapkan", _("Disiapkan")
        DIAJUKAN = "diajukan", _("Diajukan")
        DISETUJUI = "disetujui", _("Disetujui (komitmen)")
        DITOLAK = "ditolak", _("Ditolak")

    mitra = models.CharField(_("calon mitra"), max_length=200)
    sumber_dana = models.CharField(_("sumber dana"), max_length=12, choices=SumberDana.choices)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    uraian = models.TextField(_("uraian usulan"))
    jumlah = _rupiah_field(_("jumlah diusulkan (Rp)"), validators=[MinValueValidator(0)])
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DISIAPKAN
    )
    diajukan_pada = models.DateField(_("tanggal diajukan"), null=True, blank=True)
    anggaran = models.OneToOneField(
        Anggaran,
        verbose_name=_("anggaran yang terbentuk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="usulan_pendanaan",
    )
    catatan = models.TextField(_("catatan"), blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("usulan pendanaan mitra")
        verbose_name_plural = _("usulan pendanaan mitra")
        ordering = ["-tahun", "status", "mitra"]
        constraints = [
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="usulan_jumlah_tidak_negatif"),
            models.CheckConstraint(
                condition=Q(anggaran__isnull=True) | Q(status="disetujui"),
                name="usulan_beranggaran_disetujui",
                violation_error_message=_(
                    "Hanya usulan yang disetujui yang dapat menjadi anggaran."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mitra}: {format_rupiah(self.jumlah)}"


class HasilOptimasiAnggaran(models.Model):
    """One run of the budget optimiser. A worker runs it (``pelatihan.optimasi_jalan``) and keeps
    the result page and the export sheets, so that what is shown and downloaded is the plan that
    was computed: a second run may seat other ASN among equally good plans. Runs older than
    ``pelatihan.optimasi_jalan.SIMPAN_JAM`` are deleted when a new one is asked for."""

    class Status(models.TextChoices):
        ANTRI = "antri", _("Menunggu giliran")
        BERJALAN = "berjalan", _("Sedang dihitung")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tahun = models.PositiveSmallIntegerField(_("tahun rencana"))
    anggaran_total = models.DecimalField(
        _("total anggaran"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Kosong: pagu tahun itu per sumber dana."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ANTRI
    )
    # The result section of the page as the worker rendered it, and the export's sheets.
    hasil_html = models.TextField(_("halaman hasil"), blank=True, default="")
    lembar = models.JSONField(_("lembar ekspor"), null=True, blank=True)
    pesan = models.TextField(_("pesan"), blank=True, default="")
    dijalankan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dijalankan oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dijalankan_pada = models.DateTimeField(_("dijalankan pada"), auto_now_add=True, db_index=True)
    mulai_pada = models.DateTimeField(_("mulai dihitung"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("hasil optimasi anggaran")
        verbose_name_plural = _("hasil optimasi anggaran")
        ordering = ["-dijalankan_pada"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="selesai") | Q(lembar__isnull=False),
                name="hasil_optimasi_selesai_ada_lembar",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tahun} ({self.dijalankan_pada:%d-%m-%Y %H:%M})"

    @property
    def total_rupiah(self) -> str:
        return format_rupiah(self.anggaran_total) if self.anggaran_total is not None else ""
