"""People and organisation of the Pemerintah Kota Langsa."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _


class JenisPegawai(models.TextChoices):
    PNS = "PNS", "PNS"
    CPNS = "CPNS", "CPNS"
    PPPK = "PPPK", "PPPK"


class JenisKelamin(models.TextChoices):
    LAKI_LAKI = "L", _("Laki-laki")
    PEREMPUAN = "P", _("Perempuan")


class JenisJabatan(models.TextChoices):
    JPT_UTAMA = "jpt_utama", _("JPT Utama")
    JPT_MADYA = "jpt_madya", _("JPT Madya")
    JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    PELAKSANA = "pelaksana", _("Pelaksana")
    FUNGSIONAL = "fungsional", _("Fungsional")


class JenjangFungsional(models.TextChoices):
    PEMULA = "pemula", _("Pemula")
    TERAMPIL = "terampil", _("Terampil")
    MAHIR = "mahir", _("Mahir")
    PENYELIA = "penyelia", _("Penyelia")
    AHLI_PERTAMA = "ahli_pertama", _("Ahli Pertama")
    AHLI_MUDA = "ahli_muda", _("Ahli Muda")
    AHLI_MADYA = "ahli_madya", _("Ahli Madya")
    AHLI_UTAMA = "ahli_utama", _("Ahli Utama")


class Pengguna(AbstractUser):
    """A login. Roles come from :class:`PenugasanPeran`; an ASN is a user linked to a Pegawai."""

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")


class PerangkatDaerahQuerySet(models.QuerySet):
    def aktif(self):
        return self.filter(aktif=True)


class PerangkatDaerah(models.Model):
    """An OPD (dinas, badan, kecamatan, …). Kept editable: Langsa is restructuring its OPDs."""

    class Jenis(models.TextChoices):
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        BADAN = "badan", _("Badan")
        DINAS = "dinas", _("Dinas")
        RSUD = "rsud", _("Rumah Sakit Umum Daerah")
        KECAMATAN = "kecamatan", _("Kecamatan")
        LAINNYA = "lainnya", _("Lainnya")

    kode = models.CharField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=40, unique=True)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    induk = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_perangkat_daerah",
    )
    aktif = models.BooleanField(_("aktif"), default=True)
    berlaku_mulai = models.DateField(_("berlaku mulai"), null=True, blank=True)
    berlaku_sampai = models.DateField(_("berlaku sampai"), null=True, blank=True)

    objects = PerangkatDaerahQuerySet.as_manager()

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["kode"]
        constraints = [
            models.CheckConstraint(
                condition=Q(berlaku_mulai__isnull=True)
                | Q(berlaku_sampai__isnull=True)
                | Q(berlaku_mulai__lte=models.F("berlaku_sampai")),
                name="perangkat_daerah_masa_berlaku_urut",
                violation_error_message=_(
                    "Tanggal 'berlaku sampai' tidak boleh sebelum 'berlaku mulai'."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class UnitKerja(models.Model):
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        related_name="unit_kerja",
    )
    nama = models.CharField(_("nama"), max_length=200)
    induk = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_unit",
    )

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["perangkat_daerah__kode", "nama"]
        constraints = [
            models.UniqueConstraint(
                "perangkat_daerah",
                Upper("nama"),
                name="unit_kerja_nama_unik_per_opd",
                violation_error_message=_(
                    "Unit kerja dengan nama ini sudah ada di perangkat daerah ini."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.nama


class Jabatan(models.Model):
    nama = models.CharField(_("nama"), max_length=200)
    jenis_jabatan = models.CharField(
        _("jenis jabatan"), max_length=20, choices=JenisJabatan.choices
    )
    jenjang = models.CharField(
        _("jenjang"),
        max_length=20,
        choices=JenjangFungsional.choices,
        blank=True,
        help_text=_("Hanya untuk jabatan fungsional."),
    )

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["nama"]
        constraints = [
            models.UniqueConstraint(
                Upper("nama"),
                "jenis_jabatan",
                "jenjang",
                name="jabatan_unik",
                violation_error_message=_("Jabatan ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(jenjang="") | Q(jenis_jabatan=JenisJabatan.FUNGSIONAL),
                name="jabatan_jenjang_hanya_fungsional",
                violation_error_message=_("Jenjang hanya diisi untuk jabatan fungsional."),
            ),
        ]
        indexes = [
            GinIndex(OpClass(Upper("nama"), name="gin_trgm_ops"), name="jabatan_nama_trgm"),
        ]

    def __str__(self) -> str:
        if self.jenjang:
            return f"{self.nama} {self.get_jenjang_display()}"
        return self.nama


class Golongan(models.Model):
    """Grade: I/a … IV/e for PNS and CPNS, I … XVII for PPPK."""

    class Untuk(models.TextChoices):
        PNS = "PNS", _("PNS dan CPNS")
        PPPK = "PPPK", "PPPK"

    kode = models.CharField(_("kode"), max_length=10)
    pangkat = models.CharField(_("pangkat"), max_length=60, blank=True)
    untuk = models.CharField(_("berlaku untuk"), max_length=4, choices=Untuk.choices)
    urutan = models.PositiveSmallIntegerField(
        _("urutan"), validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    siasn_id = models.CharField(_("ID SIASN"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("golongan")
        verbose_name_plural = _("golongan")
        ordering = ["untuk", "urutan"]
        constraints = [
            models.UniqueConstraint("untuk", "kode", name="golongan_kode_unik"),
            models.UniqueConstraint("untuk", "urutan", name="golongan_urutan_unik"),
        ]

    def __str__(self) -> str:
        if self.pangkat:
            return f"{self.pangkat} ({self.kode})"
        return f"{self.kode} (PPPK)"


class PegawaiQuerySet(models.QuerySet):
    def aktif(self):
        return self.filter(aktif=True)

    def with_relations(self):
        return self.select_related(
            "perangkat_daerah", "unit_kerja", "jabatan", "golongan", "atasan"
        )


class Pegawai(models.Model):
    nip = models.CharField(
        _("NIP"),
        max_length=18,
        unique=True,
        help_text=_("18 digit NIP PNS/CPNS atau NI PPPK."),
    )
    nama = models.CharField(_("nama"), max_length=200)
    gelar_depan = models.CharField(_("gelar depan"), max_length=40, blank=True)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    jenis_kelamin = models.CharField(
        _("jenis kelamin"), max_length=1, choices=JenisKelamin.choices, blank=True
    )
    tempat_lahir = models.CharField(_("tempat lahir"), max_length=100, blank=True)
    tanggal_lahir = models.DateField(_("tanggal lahir"), null=True, blank=True)
    jenis_pegawai = models.CharField(_("jenis pegawai"), max_length=4, choices=JenisPegawai.choices)
    # No index: 17 golongan, never deleted while in use (PROTECT); the index would serve only
    # that check, and rebuilding it cost every bulk import of the city's pegawai.
    golongan = models.ForeignKey(
        Golongan,
        verbose_name=_("golongan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,
    )
    jabatan = models.ForeignKey(
        Jabatan, verbose_name=_("jabatan"), null=True, blank=True, on_delete=models.PROTECT
    )
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        related_name="pegawai",
        db_index=False,  # pegawai_opd_aktif (perangkat_daerah, aktif) serves it
    )
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja"), null=True, blank=True, on_delete=models.SET_NULL
    )
    atasan = models.ForeignKey(
        "self",
        verbose_name=_("atasan langsung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bawahan",
    )
    email = models.EmailField(_("email"), blank=True)
    no_hp = models.CharField(_("nomor HP"), max_length=20, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun pengguna"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pegawai",
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = PegawaiQuerySet.as_manager()

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["nama", "nip"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nip__regex=r"^[0-9]{18}$"),
                name="pegawai_nip_18_digit",
                violation_error_message=_("NIP harus 18 digit angka."),
            ),
            models.CheckConstraint(
                condition=~Q(atasan=models.F("id")),
                name="pegawai_bukan_atasan_sendiri",
                violation_error_message=_("Pegawai tidak dapat menjadi atasan dirinya sendiri."),
            ),
        ]
        indexes = [
            models.Index(fields=["perangkat_daerah", "aktif"], name="pegawai_opd_aktif"),
            # Lists sort by name; NIP is unique, so the admin adds no extra sort key.
            models.Index(fields=["nama", "nip"], name="pegawai_urut_nama"),
            # The admin search emits UPPER(col) LIKE UPPER(%…%): index that very expression.
            GinIndex(OpClass(Upper("nama"), name="gin_trgm_ops"), name="pegawai_nama_trgm"),
            # NIP is searched by its beginning (nip__startswith): the unique field's
            # varchar_pattern_ops index serves it.
        ]

    def __str__(self) -> str:
        return f"{self.nama_lengkap} ({self.nip})"

    @property
    def nama_lengkap(self) -> str:
        """Name with academic titles as written on letters: "dr. Cut Nyak Dhien, M.Kes"."""
        nama = self.nama
        if self.gelar_depan:
            nama = f"{self.gelar_depan} {nama}"
        if self.gelar_belakang:
            nama = f"{nama}, {self.gelar_belakang}"
        return nama

    @property
    def nip_terformat(self) -> str:
        """The NIP grouped as printed on SK and ID cards."""
        n = self.nip
        if self.jenis_pegawai == JenisPegawai.PPPK:
            return f"{n[:8]} {n[8:12]} {n[12]} {n[13]} {n[14]} {n[15:]}"
        return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}"


class Peran(models.TextChoices):
    """Roles of DESIGN §1. ASN is not assigned: every user linked to a Pegawai is one."""

    ADMIN_BKPSDM = "admin_bkpsdm", _("Admin BKPSDM")
    OPERATOR_OPD = "operator_opd", _("Operator OPD")
    KEPALA_OPD = "kepala_opd", _("Kepala OPD")
    PIMPINAN = "pimpinan", _("Pimpinan")


PERAN_BERLINGKUP_OPD = (Peran.OPERATOR_OPD, Peran.KEPALA_OPD)


class PenugasanPeran(models.Model):
    """A role given to a user; Operator and Kepala OPD are scoped to exactly one OPD."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="penugasan_peran",
    )
    peran = models.CharField(_("peran"), max_length=20, choices=Peran.choices)
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        verbose_name=_("perangkat daerah"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="penugasan_peran",
        help_text=_("Wajib untuk Operator OPD dan Kepala OPD; kosong untuk peran lain."),
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("penugasan peran")
        verbose_name_plural = _("penugasan peran")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(peran__in=PERAN_BERLINGKUP_OPD, perangkat_daerah__isnull=False)
                    | (~Q(peran__in=PERAN_BERLINGKUP_OPD) & Q(perangkat_daerah__isnull=True))
                ),
                name="penugasan_peran_lingkup_opd",
                violation_error_message=_(
                    "Operator OPD dan Kepala OPD wajib memilih satu perangkat daerah; "
                    "peran lain tidak terikat perangkat daerah."
                ),
            ),
            models.UniqueConstraint(
                "user",
                "peran",
                "perangkat_daerah",
                nulls_distinct=False,
                name="penugasan_peran_unik",
                violation_error_message=_("Pengguna ini sudah memiliki peran tersebut."),
            ),
            # One kepala per OPD: the head of a department is a single person.
            models.UniqueConstraint(
                "perangkat_daerah",
                condition=Q(peran=Peran.KEPALA_OPD),
                name="satu_kepala_per_opd",
                violation_error_message=_("Perangkat daerah ini sudah memiliki Kepala OPD."),
            ),
        ]

    def __str__(self) -> str:
        if self.perangkat_daerah_id:
            return f"{self.get_peran_display()} – {self.perangkat_daerah}"
        return str(self.get_peran_display())


class Kompetensi(models.Model):
    """Competency dictionary (PermenPANRB 38/2017): managerial, socio-cultural and technical."""

    class Jenis(models.TextChoices):
        MANAJERIAL = "manajerial", _("Manajerial")
        SOSIAL_KULTURAL = "sosial_kultural", _("Sosial Kultural")
        TEKNIS = "teknis", _("Teknis")

    kode = models.CharField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    definisi = models.TextField(_("definisi"), blank=True)

    class Meta:
        verbose_name = _("kompetensi")
        verbose_name_plural = _("kompetensi")
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class DeskripsiLevelKompetensi(models.Model):
    kompetensi = models.ForeignKey(
        Kompetensi, verbose_name=_("kompetensi"), on_delete=models.CASCADE, related_name="level"
    )
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    deskripsi = models.TextField(_("deskripsi"))

    class Meta:
        verbose_name = _("deskripsi level kompetensi")
        verbose_name_plural = _("deskripsi level kompetensi")
        ordering = ["kompetensi", "level"]
        constraints = [
            models.UniqueConstraint("kompetensi", "level", name="deskripsi_level_unik"),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="deskripsi_level_1_sampai_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kompetensi.kode} level {self.level}"


class Notifikasi(models.Model):
    """The in-app inbox. Every app writes here through ``pegawai.services.notifikasi_send``.

    ``kunci`` names the occasion ("pengingat-nominasi:12:2026-11-29"): one notification per user
    and occasion, however often a reminder task runs.
    """

    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penerima"),
        on_delete=models.CASCADE,
        related_name="notifikasi",
    )
    judul = models.CharField(_("judul"), max_length=200)
    pesan = models.TextField(_("pesan"), blank=True)
    tautan = models.CharField(_("tautan"), max_length=500, blank=True)
    kunci = models.CharField(_("kunci kejadian"), max_length=200, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True, db_index=True)
    dibaca_pada = models.DateTimeField(_("dibaca pada"), null=True, blank=True)
    kirim_email = models.BooleanField(_("kirim email"), default=False)
    email_terkirim_pada = models.DateTimeField(_("email terkirim pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-dibuat_pada", "-id"]
        constraints = [
            models.UniqueConstraint(
                "penerima",
                "kunci",
                condition=~Q(kunci=""),
                name="notifikasi_satu_per_kejadian",
            )
        ]
        indexes = [
            models.Index(
                fields=["penerima", "-dibuat_pada"],
                condition=Q(dibaca_pada__isnull=True),
                name="notifikasi_belum_dibaca",
            )
        ]

    def __str__(self) -> str:
        return self.judul

    @property
    def sudah_dibaca(self) -> bool:
        return self.dibaca_pada is not None


class DataDemo(models.Model):
    """Marks a database filled by ``seed_demo``: only such a database may be filled again."""

    seed = models.IntegerField(_("seed"))
    jumlah_pegawai = models.PositiveIntegerField(_("jumlah pegawai"))
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("data demo")
        verbose_name_plural = _("data demo")

    def __str__(self) -> str:
        return f"Data demo (seed {self.seed}, {self.jumlah_pegawai} pegawai)"


def berkas_impor_path(instance, filename: str) -> str:
    import uuid
    from pathlib import PurePosixPath

    return f"impor/{uuid.uuid4().hex}{PurePosixPath(filename).suffix.lower()}"


class ImporBerkas(models.Model):
    """A spreadsheet uploaded in the admin for import: checked first (a dry run whose report is
    the preview), then imported once confirmed. Both steps run as Celery tasks."""

    class Jenis(models.TextChoices):
        PEGAWAI = "pegawai", _("Data pegawai")
        RIWAYAT = "riwayat", _("Riwayat pengembangan kompetensi (JP)")

    class Status(models.TextChoices):
        DIUNGGAH = "diunggah", _("Diunggah")
        MEMERIKSA = "memeriksa", _("Sedang diperiksa")
        SIAP = "siap", _("Siap dikonfirmasi")
        MENGIMPOR = "mengimpor", _("Sedang diimpor")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    jenis = models.CharField(_("jenis data"), max_length=10, choices=Jenis.choices)
    berkas = models.FileField(_("berkas"), upload_to=berkas_impor_path)
    nama_berkas = models.CharField(_("nama berkas"), max_length=255)
    sheet = models.CharField(_("lembar (sheet)"), max_length=100, blank=True)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DIUNGGAH
    )
    jumlah_baris = models.PositiveIntegerField(_("perkiraan jumlah baris"), null=True, blank=True)
    diproses = models.PositiveIntegerField(_("baris diproses"), default=0)
    pratinjau = models.JSONField(_("hasil pemeriksaan"), null=True, blank=True)
    hasil = models.JSONField(_("hasil impor"), null=True, blank=True)
    pesan_galat = models.TextField(_("pesan galat"), blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    dikonfirmasi_pada = models.DateTimeField(_("dikonfirmasi pada"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    # Data pribadi (UU 27/2022 PDP) disimpan secukupnya: berkas unggahan dan data asli baris yang
    # ditolak dihapus IMPOR_SIMPAN_HARI hari setelah impor berakhir (services.impor_expire);
    # jumlah-jumlahnya tetap.
    dihapus_pada = models.DateTimeField(
        _("berkas dan baris ditolak dihapus pada"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("impor berkas")
        verbose_name_plural = _("impor berkas")
        ordering = ["-dibuat_pada", "-id"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.nama_berkas}"


class StandarKompetensiJabatan(models.Model):
    """The level a jabatan requires of a competency (PermenPANRB 38/2017). The gap of a pegawai is
    this level minus their assessed level, computed when read and never stored."""

    jabatan = models.ForeignKey(
        Jabatan,
        verbose_name=_("jabatan"),
        on_delete=models.CASCADE,
        related_name="standar_kompetensi",
    )
    kompetensi = models.ForeignKey(
        Kompetensi, verbose_name=_("kompetensi"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(
        _("level standar"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("standar kompetensi jabatan")
        verbose_name_plural = _("standar kompetensi jabatan")
        ordering = ["jabatan", "kompetensi"]
        constraints = [
            models.UniqueConstraint(
                "jabatan",
                "kompetensi",
                name="standar_kompetensi_unik",
                violation_error_message=_(
                    "Standar kompetensi ini untuk jabatan tersebut sudah ada."
                ),
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="standar_level_1_sampai_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jabatan} – {self.kompetensi_id}: {self.level}"


class AsesmenKompetensi(models.Model):
    """A pegawai's assessed level of a competency in a year (assessment centre, uji kompetensi or
    the atasan's judgement). The latest year up to the one asked for is the one that counts."""

    pegawai = models.ForeignKey(
        Pegawai,
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="asesmen_kompetensi",
    )
    kompetensi = models.ForeignKey(
        Kompetensi, verbose_name=_("kompetensi"), on_delete=models.PROTECT, related_name="+"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    level = models.PositiveSmallIntegerField(
        _("level hasil asesmen"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    metode = models.CharField(_("metode asesmen"), max_length=100, blank=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("asesmen kompetensi")
        verbose_name_plural = _("asesmen kompetensi")
        ordering = ["pegawai", "kompetensi", "-tahun"]
        constraints = [
            models.UniqueConstraint(
                "pegawai",
                "kompetensi",
                "tahun",
                name="asesmen_unik_per_tahun",
                violation_error_message=_(
                    "Asesmen kompetensi ini untuk pegawai dan tahun tersebut sudah ada."
                ),
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="asesmen_level_1_sampai_5"
            ),
            models.CheckConstraint(
                condition=Q(tahun__gte=2000, tahun__lte=2100), name="asesmen_tahun_wajar"
            ),
        ]
        indexes = [models.Index(fields=["kompetensi", "tahun"], name="asesmen_kompetensi_tahun")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.kompetensi_id} {self.tahun}: {self.level}"
