"""Evaluation along the four Kirkpatrick levels (DESIGN §2, §5).

- Level 1, reaction: every participant who attended a finished event fills a ``FormulirEvaluasi``
  of kind ``reaksi`` with the active level-1 ``Kuesioner``.
- Level 2, learning: the pre/post scores on ``pelatihan.Nominasi``; nothing is stored here.
- Level 3, behaviour: 90 days after the event the atasan of each graduate (``perilaku_atasan``) and
  the graduate (``perilaku_diri``) fill the active level-3 questionnaire.
- Level 4, results: ``IndikatorHasil`` values per OPD and year, shown beside the programs followed.

Findings become ``TindakLanjut`` rows tracked to done per program.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The labels of each scale, lowest first (the seed's two scales).
LABEL_SKALA = {
    "puas4": (_("Tidak Puas"), _("Kurang Puas"), _("Puas"), _("Sangat Puas")),
    "baik5": (_("Sangat Kurang"), _("Kurang"), _("Cukup"), _("Baik"), _("Sangat Baik")),
}


class Kuesioner(models.Model):
    """A questionnaire template: sections of items answered on one scale. The active template of
    a level is the one new forms are given; forms keep the template they were given."""

    class Level(models.IntegerChoices):
        REAKSI = 1, _("Level 1 — reaksi peserta")
        PERILAKU = 3, _("Level 3 — penerapan di tempat kerja")

    class Skala(models.TextChoices):
        PUAS_4 = "puas4", _("1–4: Tidak Puas … Sangat Puas")
        BAIK_5 = "baik5", _("1–5: Sangat Kurang … Sangat Baik")

    kode = models.CharField(_("kode"), max_length=30, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    skala = models.CharField(_("skala"), max_length=5, choices=Skala.choices)
    petunjuk = models.TextField(_("petunjuk pengisian"), blank=True)
    aktif = models.BooleanField(
        _("aktif"),
        default=True,
        help_text=_("Formulir baru memakai kuesioner aktif pada levelnya; hanya satu per level."),
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("kuesioner")
        verbose_name_plural = _("kuesioner")
        ordering = ["level", "-aktif", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["level"],
                condition=Q(aktif=True),
                name="kuesioner_satu_aktif_per_level",
                violation_error_message=_("Sudah ada kuesioner aktif untuk level ini."),
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def nilai_maksimum(self) -> int:
        return len(LABEL_SKALA[self.skala])

    def pilihan_skala(self) -> list[tuple[int, str]]:
        return [(i, str(label)) for i, label in enumerate(LABEL_SKALA[self.skala], start=1)]


class BagianKuesioner(models.Model):
    kuesioner = models.ForeignKey(
        Kuesioner, verbose_name=_("kuesioner"), on_delete=models.CASCADE, related_name="bagian"
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    nama = models.CharField(_("nama bagian"), max_length=200)
    per_mata_pelatihan = models.BooleanField(
        _("diulang per mata pelatihan"),
        default=False,
        help_text=_("Butir bagian ini dinilai untuk setiap mata pelatihan beserta pengajarnya."),
    )

    class Meta:
        verbose_name = _("bagian kuesioner")
        verbose_name_plural = _("bagian kuesioner")
        ordering = ["kuesioner", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["kuesioner", "urutan"],
                name="bagian_urutan_unik",
                violation_error_message=_("Urutan bagian sudah dipakai pada kuesioner ini."),
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class ButirKuesioner(models.Model):
    class Jenis(models.TextChoices):
        SKALA = "skala", _("Skala penilaian")
        TERBUKA = "terbuka", _("Pertanyaan terbuka")

    # Items that reports look for by meaning rather than by wording.
    class Penanda(models.TextChoices):
        PENERAPAN = "penerapan", _("Tingkat penerapan hasil belajar")
        RENCANA_PENERAPAN = "rencana_penerapan", _("Rencana penerapan")
        KOMENTAR = "komentar", _("Komentar dan saran")

    bagian = models.ForeignKey(
        BagianKuesioner, verbose_name=_("bagian"), on_delete=models.CASCADE, related_name="butir"
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    teks = models.CharField(_("butir pertanyaan"), max_length=300)
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices, default=Jenis.SKALA)
    wajib = models.BooleanField(_("wajib diisi"), default=True)
    penanda = models.CharField(
        _("penanda laporan"), max_length=20, choices=Penanda.choices, blank=True
    )

    class Meta:
        verbose_name = _("butir kuesioner")
        verbose_name_plural = _("butir kuesioner")
        ordering = ["bagian", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["bagian", "urutan"],
                name="butir_urutan_unik",
                violation_error_message=_("Urutan butir sudah dipakai pada bagian ini."),
            ),
        ]

    def __str__(self) -> str:
        return self.teks


class FormulirEvaluasiQuerySet(models.QuerySet):
    def terisi(self):
        return self.filter(diisi_pada__isnull=False)

    def menunggu(self, hari_ini=None):
        """Not yet filled and still open."""
        hari_ini = hari_ini or timezone.localdate()
        return self.filter(diisi_pada__isnull=True, batas__gte=hari_ini)


class FormulirEvaluasi(models.Model):
    """One form for one person to fill about one participation. The answers stay tied to the form
    so that the respondent can edit them until ``batas``; every report reads them only in
    aggregate (``evaluasi.selectors``), never beside the respondent's name."""

    class Jenis(models.TextChoices):
        REAKSI = "reaksi", _("Umpan balik peserta (level 1)")
        PERILAKU_ATASAN = "perilaku_atasan", _("Evaluasi oleh atasan (level 3)")
        PERILAKU_DIRI = "perilaku_diri", _("Evaluasi diri (level 3)")

    kuesioner = models.ForeignKey(
        Kuesioner, verbose_name=_("kuesioner"), on_delete=models.PROTECT, related_name="formulir"
    )
    nominasi = models.ForeignKey(
        "pelatihan.Nominasi",
        verbose_name=_("peserta"),
        on_delete=models.PROTECT,
        related_name="formulir_evaluasi",
    )
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    pengisi = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengisi"),
        on_delete=models.PROTECT,
        related_name="formulir_evaluasi",
    )
    dibuka_pada = models.DateTimeField(_("dibuka pada"), default=timezone.now)
    batas = models.DateField(_("batas pengisian"))
    diisi_pada = models.DateTimeField(_("diisi pada"), null=True, blank=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = FormulirEvaluasiQuerySet.as_manager()

    class Meta:
        verbose_name = _("formulir evaluasi")
        verbose_name_plural = _("formulir evaluasi")
        ordering = ["batas", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["nominasi", "jenis"],
                name="formulir_unik_per_peserta_dan_jenis",
                violation_error_message=_("Formulir ini sudah dibuat untuk peserta tersebut."),
            ),
        ]
        indexes = [
            models.Index(fields=["pengisi", "diisi_pada", "batas"], name="formulir_pengisi"),
            models.Index(fields=["jenis", "diisi_pada"], name="formulir_jenis_terisi"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} #{self.pk}"

    @property
    def terisi(self) -> bool:
        return self.diisi_pada is not None

    def terbuka(self, hari_ini=None) -> bool:
        return (hari_ini or timezone.localdate()) <= self.batas


class Jawaban(models.Model):
    """One answer: a scale value or a text. Items of a section repeated per subject carry the
    subject and a copy of its pengajar's name as it was when answered, so the report per
    pengajar does not change when the curriculum is edited later."""

    formulir = models.ForeignKey(
        FormulirEvaluasi,
        verbose_name=_("formulir"),
        on_delete=models.CASCADE,
        related_name="jawaban",
    )
    butir = models.ForeignKey(
        ButirKuesioner, verbose_name=_("butir"), on_delete=models.PROTECT, related_name="jawaban"
    )
    mata_pelatihan = models.ForeignKey(
        "pelatihan.MataPelatihan",
        verbose_name=_("mata pelatihan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    pengajar = models.CharField(_("pengajar"), max_length=300, blank=True)
    nilai = models.PositiveSmallIntegerField(_("nilai"), null=True, blank=True)
    teks = models.TextField(_("jawaban"), blank=True)

    class Meta:
        verbose_name = _("jawaban")
        verbose_name_plural = _("jawaban")
        constraints = [
            models.UniqueConstraint(
                fields=["formulir", "butir", "mata_pelatihan"],
                nulls_distinct=False,
                name="jawaban_unik_per_butir",
            ),
            models.CheckConstraint(
                condition=Q(nilai__isnull=True) | Q(nilai__gte=1, nilai__lte=5),
                name="jawaban_nilai_1_sampai_5",
            ),
        ]
        indexes = [models.Index(fields=["butir", "nilai"], name="jawaban_butir_nilai")]

    def __str__(self) -> str:
        return f"{self.butir_id}: {self.nilai if self.nilai is not None else self.teks[:40]}"


class IndikatorHasil(models.Model):
    """A level-4 indicator of an OPD's results (e.g. the public satisfaction index, IKM), linked
    to the programs meant to move it."""

    nama = models.CharField(_("nama indikator"), max_length=200, unique=True)
    satuan = models.CharField(_("satuan"), max_length=40, blank=True)
    naik_lebih_baik = models.BooleanField(
        _("makin tinggi makin baik"),
        default=True,
        help_text=_("Kosongkan bila nilai lebih rendah berarti lebih baik (mis. waktu tunggu)."),
    )
    keterangan = models.TextField(_("keterangan dan sumber data"), blank=True)
    program = models.ManyToManyField(
        "pelatihan.ProgramPelatihan",
        verbose_name=_("program terkait"),
        blank=True,
        related_name="indikator_hasil",
    )

    class Meta:
        verbose_name = _("indikator hasil (level 4)")
        verbose_name_plural = _("indikator hasil (level 4)")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class NilaiIndikator(models.Model):
    indikator = models.ForeignKey(
        IndikatorHasil, verbose_name=_("indikator"), on_delete=models.CASCADE, related_name="nilai"
    )
    perangkat_daerah = models.ForeignKey(
        "pegawai.PerangkatDaerah",
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    nilai = models.DecimalField(_("nilai"), max_digits=14, decimal_places=2)
    sumber = models.CharField(_("sumber data"), max_length=200, blank=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("nilai indikator")
        verbose_name_plural = _("nilai indikator")
        ordering = ["indikator", "perangkat_daerah", "tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "perangkat_daerah", "tahun"],
                name="nilai_indikator_unik",
                violation_error_message=_(
                    "Nilai indikator ini untuk perangkat daerah dan tahun tersebut sudah ada."
                ),
            ),
            models.CheckConstraint(
                condition=Q(tahun__gte=2000, tahun__lte=2100), name="nilai_indikator_tahun_wajar"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.tahun}: {self.nilai}"


class TindakLanjut(models.Model):
    """An improvement action: what an evaluation found and what will be done about it."""

    class Status(models.TextChoices):
        DIRENCANAKAN = "direncanakan", _("Direncanakan")
        BERJALAN = "berjalan", _("Sedang berjalan")
        SELESAI = "selesai", _("Selesai")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    program = models.ForeignKey(
        "pelatihan.ProgramPelatihan",
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="tindak_lanjut",
    )
    kegiatan = models.ForeignKey(
        "pelatihan.KegiatanPelatihan",
        verbose_name=_("kegiatan asal temuan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tindak_lanjut",
    )
    temuan = models.TextField(_("temuan"))
    tindakan = models.TextField(_("tindakan perbaikan"))
    penanggung_jawab = models.CharField(_("penanggung jawab"), max_length=200)
    batas_waktu = models.DateField(_("batas waktu"))
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.DIRENCANAKAN
    )
    selesai_pada = models.DateField(_("selesai pada"), null=True, blank=True)
    catatan = models.TextField(_("catatan hasil"), blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        ordering = ["status", "batas_waktu", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="selesai", selesai_pada__isnull=False)
                | (~Q(status="selesai") & Q(selesai_pada__isnull=True)),
                name="tindak_lanjut_selesai_bertanggal",
                violation_error_message=_(
                    "Tanggal selesai diisi tepat ketika status tindak lanjut “Selesai”."
                ),
            ),
        ]
        indexes = [models.Index(fields=["program", "status"], name="tindak_lanjut_program")]

    def __str__(self) -> str:
        return self.tindakan[:80]

    def terlambat(self, hari_ini=None) -> bool:
        hari_ini = hari_ini or timezone.localdate()
        return self.status in (self.Status.DIRENCANAKAN, self.Status.BERJALAN) and (
            self.batas_waktu < hari_ini
        )
