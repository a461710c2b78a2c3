"""What the trainings achieved, along the four Kirkpatrick levels: the reads behind the
effectiveness reports. Every figure is aggregated by PostgreSQL; Python only joins the few
aggregated rows and rounds them.

Definitions:

- The scope of a report is a queryset of finished events (:func:`kegiatan_dievaluasi`); the year
  of an event is the year it ended, as for JP. A partner (lembaga) is the institution that ran
  the event (``KegiatanPelatihan.lembaga``).
- Response rate: filled level-1 forms / issued level-1 forms.
- Index: AVG(nilai) / the scale's maximum × 100, one decimal (each answer is taken as a
  percentage of its own scale, so templates on different scales still add up).
- Level 2: participants with both a pre- and a post-test score; gain = post − pre.
- Level 3 application rate: among filled level-3 forms of graduates, the share whose answer to
  the item marked ``penerapan`` is at least :data:`NILAI_DITERAPKAN` on the 1–5 scale.

Confidentiality (DESIGN §1): a figure whose group has fewer than
``settings.EVALUASI_AMBANG_ANONIM`` respondents comes back as ``{"ada": True, "tersembunyi":
True, "keterangan": …}`` without its numbers; a group without any data as ``{"ada": False}``.
Nothing here returns who answered what. Open answers are for Admin BKPSDM only, without names,
sorted by their text so that their order says nothing about who wrote them or when.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.postgres.aggregates import ArrayAgg
from django.core.paginator import Paginator
from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, ExtractYear, Round
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluasi.models import (
    LABEL_SKALA,
    ButirKuesioner,
    FormulirEvaluasi,
    Jawaban,
    NilaiIndikator,
    TindakLanjut,
)
from pegawai.akses import akses_for
from pegawai.models import PerangkatDaerah
from pelatihan.models import (
    KegiatanPelatihan,
    LembagaPelatihan,
    MataPelatihan,
    Nominasi,
    ProgramPelatihan,
)
from pelatihan.selectors import kegiatan_for

Jenis = FormulirEvaluasi.Jenis
Penanda = ButirKuesioner.Penanda

# "Applied" on the 1–5 scale of the level-3 questionnaire: Baik or Sangat Baik.
NILAI_DITERAPKAN = 4
# Nominations that took part in an event (with or without a result yet).
STATUS_PESERTA = (
    Nominasi.Status.DITETAPKAN,
    Nominasi.Status.LULUS,
    Nominasi.Status.TIDAK_LULUS,
)
STATUS_TINDAK_LANJUT_TERBUKA = (TindakLanjut.Status.DIRENCANAKAN, TindakLanjut.Status.BERJALAN)
CATATAN_LEVEL_4 = gettext_lazy(
    "Perubahan indikator tidak serta-merta disebabkan oleh pelatihan: banyak faktor lain ikut "
    "berpengaruh. Angka ini menunjukkan keterkaitan, bukan sebab-akibat."
)
PER_HALAMAN_PERILAKU = 50

# Paths from each model to the event it belongs to.
KE_KEGIATAN_FORMULIR = "nominasi__kegiatan"
KE_KEGIATAN_JAWABAN = "formulir__nominasi__kegiatan"
KE_KEGIATAN_NOMINASI = "kegiatan"


# --- Who may see what ----------------------------------------------------------------------------


def boleh_lihat_efektivitas(user) -> bool:
    """Admin BKPSDM, pimpinan and kepala OPD read the reports (aggregates)."""
    akses = akses_for(user)
    return akses.lihat_semua or akses.kepala_opd


def boleh_baca_jawaban_terbuka(user) -> bool:
    """Comments and application plans are read by Admin BKPSDM only."""
    return akses_for(user).admin_bkpsdm


def boleh_catat_tindak_lanjut(user) -> bool:
    return akses_for(user).admin_bkpsdm


def kegiatan_dievaluasi() -> QuerySet[KegiatanPelatihan]:
    """Finished events: the only ones that have forms to report on."""
    return KegiatanPelatihan.objects.filter(status=KegiatanPelatihan.Status.SELESAI)


def kegiatan_tunggal(kegiatan: KegiatanPelatihan) -> QuerySet[KegiatanPelatihan]:
    """The scope of one event's report."""
    return KegiatanPelatihan.objects.filter(pk=kegiatan.pk)


def get_program(pk: int) -> ProgramPelatihan:
    try:
        return ProgramPelatihan.objects.select_related("lembaga", "jenis").get(pk=pk)
    except ProgramPelatihan.DoesNotExist:
        raise Http404("Program tidak ditemukan.") from None


def get_lembaga(pk: int) -> LembagaPelatihan:
    try:
        return LembagaPelatihan.objects.get(pk=pk)
    except LembagaPelatihan.DoesNotExist:
        raise Http404("Lembaga tidak ditemukan.") from None


def get_kegiatan_for_user(user, pk: int) -> KegiatanPelatihan:
    """One event the user may see (drafts only for Admin BKPSDM), or 404."""
    try:
        return kegiatan_for(user).select_related("program", "lembaga").get(pk=pk)
    except KegiatanPelatihan.DoesNotExist:
        raise Http404("Kegiatan tidak ditemukan.") from None


def opd_perilaku_for(user) -> QuerySet[PerangkatDaerah]:
    """The OPDs whose level-3 results (with names) the user may read: all for Admin BKPSDM and
    pimpinan, their own for a kepala OPD, none otherwise."""
    akses = akses_for(user)
    if akses.lihat_semua:
        return PerangkatDaerah.objects.all()
    return PerangkatDaerah.objects.filter(pk__in=akses.kepala_opd_ids)


# --- Figures and their confidentiality -----------------------------------------------------------


def ambang() -> int:
    return settings.EVALUASI_AMBANG_ANONIM


def keterangan_tersembunyi() -> str:
    return _("Disembunyikan: kurang dari %(n)s responden") % {"n": ambang()}


KOSONG = {"ada": False, "tersembunyi": False}


def _tampil(jumlah: int, /, **angka) -> dict:
    """The figures of a group of ``jumlah`` respondents, or only the fact that they are hidden
    when the group is small."""
    if not jumlah:
        return dict(KOSONG)
    if jumlah < ambang():
        return {"ada": True, "tersembunyi": True, "keterangan": keterangan_tersembunyi()}
    return {"ada": True, "tersembunyi": False, **angka}


def _persen(bagian: int, dari: int) -> Decimal | None:
    if not dari:
        return None
    return (Decimal(100 * bagian) / Decimal(dari)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _nilai_persen(prefix: str = "") -> ExpressionWrapper:
    """An answer as a percentage of the maximum of its questionnaire's scale."""
    maksimum = Case(
        *(
            When(**{f"{prefix}butir__bagian__kuesioner__skala": skala}, then=Value(len(label)))
            for skala, label in LABEL_SKALA.items()
        ),
        output_field=IntegerField(),
    )
    # numeric, so that no scale's division is ever truncated to an integer
    nilai = Cast(f"{prefix}nilai", DecimalField(max_digits=5, decimal_places=2))
    return ExpressionWrapper(nilai * Value(Decimal(100)) / maksimum, output_field=DecimalField())


def _indeks():
    return Round(Avg(_nilai_persen()), 1)


def _kunci(ke_kegiatan: str, kelompok: str):
    if kelompok == "pk":
        return F(ke_kegiatan)
    if kelompok == "tahun":
        return ExtractYear(f"{ke_kegiatan}__tanggal_selesai")
    return F(f"{ke_kegiatan}__{kelompok}")


def _kelompokkan(qs: QuerySet, ke_kegiatan: str, kelompok: str | None, **agregat) -> dict:
    """One aggregate per group of events: ``kelompok`` is None (one group), ``"pk"`` (per event),
    ``"tahun"``, or a field of the event such as ``"program_id"`` or ``"lembaga_id"``."""
    qs = qs.order_by()
    if kelompok is None:
        return {None: qs.aggregate(**agregat)}
    baris = qs.annotate(kunci=_kunci(ke_kegiatan, kelompok)).values("kunci").annotate(**agregat)
    return {(int(b.pop("kunci")) if kelompok == "tahun" else b.pop("kunci")): b for b in baris}


def _formulir(kegiatan: QuerySet, jenis: str) -> QuerySet[FormulirEvaluasi]:
    return FormulirEvaluasi.objects.filter(jenis=jenis, nominasi__kegiatan__in=kegiatan)


def _jawaban_skala(kegiatan: QuerySet, jenis: str) -> QuerySet[Jawaban]:
    """Scale answers of filled forms of one kind for the events in ``kegiatan``."""
    return Jawaban.objects.filter(
        formulir__jenis=jenis,
        formulir__diisi_pada__isnull=False,
        formulir__nominasi__kegiatan__in=kegiatan,
        nilai__isnull=False,
    )


def tingkat_respons(kegiatan: QuerySet, kelompok: str | None = None) -> dict:
    """Filled / issued level-1 forms per group. Hidden when fewer forms than the threshold were
    issued."""
    hasil = _kelompokkan(
        _formulir(kegiatan, Jenis.REAKSI),
        KE_KEGIATAN_FORMULIR,
        kelompok,
        diterbitkan=Count("pk"),
        diisi=Count("pk", filter=Q(diisi_pada__isnull=False)),
    )
    return {
        k: _tampil(
            b["diterbitkan"],
            diterbitkan=b["diterbitkan"],
            diisi=b["diisi"],
            persen=_persen(b["diisi"], b["diterbitkan"]),
        )
        for k, b in hasil.items()
    }


def indeks_reaksi(kegiatan: QuerySet, kelompok: str | None = None) -> dict:
    """The level-1 index over every scale answer, and the number of respondents, per group."""
    hasil = _kelompokkan(
        _jawaban_skala(kegiatan, Jenis.REAKSI),
        KE_KEGIATAN_JAWABAN,
        kelompok,
        indeks=_indeks(),
        responden=Count("formulir", distinct=True),
    )
    return {
        k: _tampil(b["responden"], indeks=b["indeks"], responden=b["responden"])
        for k, b in hasil.items()
    }


def hasil_belajar(kegiatan: QuerySet, kelompok: str | None = None) -> dict:
    """Level 2 per group: participants with both scores, average pre, post and gain, and the
    share who improved."""
    qs = Nominasi.objects.filter(
        kegiatan__in=kegiatan,
        status__in=STATUS_PESERTA,
        nilai_pre__isnull=False,
        nilai_post__isnull=False,
    )
    hasil = _kelompokkan(
        qs,
        KE_KEGIATAN_NOMINASI,
        kelompok,
        peserta=Count("pk"),
        rata_pre=Round(Avg("nilai_pre"), 2),
        rata_post=Round(Avg("nilai_post"), 2),
        rata_kenaikan=Round(Avg(F("nilai_post") - F("nilai_pre")), 2),
        naik=Count("pk", filter=Q(nilai_post__gt=F("nilai_pre"))),
    )
    return {
        k: _tampil(
            b["peserta"],
            peserta=b["peserta"],
            rata_pre=b["rata_pre"],
            rata_post=b["rata_post"],
            rata_kenaikan=b["rata_kenaikan"],
            naik=b["naik"],
            persen_naik=_persen(b["naik"], b["peserta"]),
        )
        for k, b in hasil.items()
    }


def _diterapkan(formulir_ref: str = "pk") -> Exists:
    return Exists(
        Jawaban.objects.filter(
            formulir=OuterRef(formulir_ref),
            butir__penanda=Penanda.PENERAPAN,
            nilai__gte=NILAI_DITERAPKAN,
        )
    )


def tingkat_penerapan(
    kegiatan: QuerySet, kelompok: str | None = None, *, jenis: str = Jenis.PERILAKU_ATASAN
) -> dict:
    """Level 3 per group: the share of graduates judged to apply what they learned, among the
    filled forms of ``jenis`` (the atasan's, or the graduate's own)."""
    qs = _formulir(kegiatan, jenis).filter(
        diisi_pada__isnull=False, nominasi__status=Nominasi.Status.LULUS
    )
    hasil = _kelompokkan(
        qs,
        KE_KEGIATAN_FORMULIR,
        kelompok,
        dinilai=Count("pk"),
        diterapkan=Count("pk", filter=_diterapkan()),
    )
    return {
        k: _tampil(
            b["dinilai"],
            dinilai=b["dinilai"],
            diterapkan=b["diterapkan"],
            persen=_persen(b["diterapkan"], b["dinilai"]),
        )
        for k, b in hasil.items()
    }


def ringkasan(kegiatan: QuerySet, kelompok: str | None = None) -> dict:
    """The four headline figures per group (four queries): ``respons``, ``reaksi`` (L1 index),
    ``belajar`` (L2) and ``penerapan`` (L3, by the atasan)."""
    bagian = {
        "respons": tingkat_respons(kegiatan, kelompok),
        "reaksi": indeks_reaksi(kegiatan, kelompok),
        "belajar": hasil_belajar(kegiatan, kelompok),
        "penerapan": tingkat_penerapan(kegiatan, kelompok),
    }
    kunci = set().union(*(b.keys() for b in bagian.values()))
    return {k: {nama: b.get(k, KOSONG) for nama, b in bagian.items()} for k in kunci}


def ringkasan_total(kegiatan: QuerySet) -> dict:
    """The headline figures of the whole scope, with level 3 also by the graduates themselves
    (five queries)."""
    hasil = ringkasan(kegiatan).get(None) or {}
    hasil["penerapan_diri"] = tingkat_penerapan(kegiatan, jenis=Jenis.PERILAKU_DIRI)[None]
    for kunci in ("respons", "reaksi", "belajar", "penerapan"):
        hasil.setdefault(kunci, KOSONG)
    return hasil


# --- Sections, distributions and pengajar --------------------------------------------------------


def indeks_per_bagian(kegiatan: QuerySet, jenis: str = Jenis.REAKSI) -> list[dict]:
    """Per section of the questionnaire: its index, respondents and the number of answers of
    each scale value (for the distribution chart). One query."""
    baris = (
        _jawaban_skala(kegiatan, jenis)
        .order_by()
        .values(
            "butir__bagian_id",
            "butir__bagian__nama",
            "butir__bagian__urutan",
            "butir__bagian__per_mata_pelatihan",
            "butir__bagian__kuesioner_id",
            "butir__bagian__kuesioner__nama",
            "butir__bagian__kuesioner__skala",
        )
        .annotate(
            indeks=_indeks(),
            responden=Count("formulir", distinct=True),
            **{f"n{i}": Count("pk", filter=Q(nilai=i)) for i in range(1, 6)},
        )
        .order_by("butir__bagian__kuesioner_id", "butir__bagian__urutan")
    )
    hasil = []
    for b in baris:
        label = LABEL_SKALA.get(b["butir__bagian__kuesioner__skala"], ())
        hasil.append(
            {
                "bagian": b["butir__bagian__nama"],
                "kuesioner_id": b["butir__bagian__kuesioner_id"],
                "kuesioner": b["butir__bagian__kuesioner__nama"],
                "per_mata_pelatihan": b["butir__bagian__per_mata_pelatihan"],
                **_tampil(
                    b["responden"],
                    indeks=b["indeks"],
                    responden=b["responden"],
                    sebaran=[
                        {"nilai": i, "label": str(teks), "jumlah": b[f"n{i}"]}
                        for i, teks in enumerate(label, start=1)
                    ],
                ),
            }
        )
    return hasil


def indeks_per_pengajar(kegiatan: QuerySet) -> list[dict]:
    """Per pengajar (as named in the answers of the per-subject sections): index, respondents
    and the subjects rated. One query."""
    baris = (
        _jawaban_skala(kegiatan, Jenis.REAKSI)
        .filter(butir__bagian__per_mata_pelatihan=True)
        .exclude(pengajar="")
        .order_by()
        .values("pengajar")
        .annotate(
            indeks=_indeks(),
            responden=Count("formulir", distinct=True),
            mata_pelatihan=ArrayAgg(
                "mata_pelatihan__nama", distinct=True, order_by="mata_pelatihan__nama"
            ),
        )
        .order_by("pengajar")
    )
    return [
        {
            "pengajar": b["pengajar"],
            "mata_pelatihan": [m for m in b["mata_pelatihan"] if m],
            **_tampil(b["responden"], indeks=b["indeks"], responden=b["responden"]),
        }
        for b in baris
    ]


def pengajar_rinci(kegiatan: QuerySet, nama: str) -> dict:
    """One pengajar across subjects and events: the overall index, the response rate of the
    events of programs they teach, and one row per event and subject. Four queries; 404 when
    nothing is known of this name."""
    jawaban = (
        _jawaban_skala(kegiatan, Jenis.REAKSI)
        .filter(butir__bagian__per_mata_pelatihan=True, pengajar=nama)
        .order_by()
    )
    total = jawaban.aggregate(indeks=_indeks(), responden=Count("formulir", distinct=True))
    diajar = kegiatan.filter(
        program__in=MataPelatihan.objects.filter(pengajar=nama).values("program")
    )
    respons = tingkat_respons(diajar).get(None, KOSONG)
    if not total["responden"] and not respons["ada"]:
        raise Http404("Pengajar tidak ditemukan.")
    k = KE_KEGIATAN_JAWABAN
    baris = (
        jawaban.values(
            f"{k}_id",
            f"{k}__angkatan",
            f"{k}__tanggal_selesai",
            f"{k}__program_id",
            f"{k}__program__nama",
            "mata_pelatihan__nama",
        )
        .annotate(indeks=_indeks(), responden=Count("formulir", distinct=True))
        .order_by(f"-{k}__tanggal_selesai", f"{k}_id", "mata_pelatihan__nama")
    )
    return {
        "nama": nama,
        "total": _tampil(total["responden"], indeks=total["indeks"], responden=total["responden"]),
        "respons": respons,
        "baris": [
            {
                "kegiatan_id": b[f"{k}_id"],
                "program_id": b[f"{k}__program_id"],
                "program": b[f"{k}__program__nama"],
                "angkatan": b[f"{k}__angkatan"],
                "tanggal_selesai": b[f"{k}__tanggal_selesai"],
                "mata_pelatihan": b["mata_pelatihan__nama"] or "",
                **_tampil(b["responden"], indeks=b["indeks"], responden=b["responden"]),
            }
            for b in baris
        ],
    }


# --- Lists of events, programs and partners ------------------------------------------------------


def kegiatan_dengan_ringkasan(kegiatan: QuerySet) -> list[dict]:
    """The events of the scope, newest first, with their participants and headline figures
    (five queries)."""
    daftar = (
        kegiatan.select_related("program", "lembaga")
        .annotate(
            jumlah_peserta=Count("nominasi", filter=Q(nominasi__status__in=STATUS_PESERTA)),
            jumlah_lulus=Count("nominasi", filter=Q(nominasi__status=Nominasi.Status.LULUS)),
        )
        .order_by("-tanggal_selesai", "-pk")
    )
    angka = ringkasan(kegiatan, "pk")
    kosong = dict.fromkeys(("respons", "reaksi", "belajar", "penerapan"), KOSONG)
    return [{"kegiatan": k, **angka.get(k.pk, kosong)} for k in daftar]


def _perbandingan(kegiatan: QuerySet, kelompok: str, label: dict[str, str]) -> list[dict]:
    """Groups of events side by side: a label, events, participants and the headline figures.
    Five queries."""
    baris = (
        kegiatan.order_by()
        .values(kelompok, *label.values())
        .annotate(
            jumlah_kegiatan=Count("pk", distinct=True),
            jumlah_peserta=Count("nominasi", filter=Q(nominasi__status__in=STATUS_PESERTA)),
        )
        .order_by(label["nama"], kelompok)
    )
    angka = ringkasan(kegiatan, kelompok)
    kosong = dict.fromkeys(("respons", "reaksi", "belajar", "penerapan"), KOSONG)
    return [
        {
            "pk": b[kelompok],
            **{nama: b[kolom] for nama, kolom in label.items()},
            "jumlah_kegiatan": b["jumlah_kegiatan"],
            "jumlah_peserta": b["jumlah_peserta"],
            **angka.get(b[kelompok], kosong),
        }
        for b in baris
    ]


def perbandingan_program(kegiatan: QuerySet) -> list[dict]:
    """Programs side by side, with their open improvement actions. Six queries."""
    baris = _perbandingan(
        kegiatan,
        "program_id",
        {"nama": "program__nama", "kode": "program__kode", "lembaga": "program__lembaga__nama"},
    )
    terbuka = dict(
        TindakLanjut.objects.filter(
            program_id__in=[b["pk"] for b in baris], status__in=STATUS_TINDAK_LANJUT_TERBUKA
        )
        .order_by()
        .values("program_id")
        .annotate(n=Count("pk"))
        .values_list("program_id", "n")
    )
    for b in baris:
        b["tindak_lanjut_terbuka"] = terbuka.get(b["pk"], 0)
    return baris


def perbandingan_lembaga(kegiatan: QuerySet) -> list[dict]:
    """Partners (the institutions that ran the events) side by side. Five queries."""
    return _perbandingan(
        kegiatan, "lembaga_id", {"nama": "lembaga__nama", "singkatan": "lembaga__singkatan"}
    )


def tren(kegiatan: QuerySet) -> list[dict]:
    """The headline figures per year, oldest first (four queries)."""
    per_tahun = ringkasan(kegiatan, "tahun")
    return [{"tahun": t, **per_tahun[t]} for t in sorted(per_tahun)]


# --- Level 3 sections, open answers, level 4, improvement actions --------------------------------


def jawaban_terbuka(user, kegiatan: KegiatanPelatihan) -> dict | None:
    """The application plans and comments of an event's level-1 forms: for Admin BKPSDM only
    (None for anyone else), without names, sorted by text, and only when the event has at least
    the threshold of respondents. Two queries."""
    if not boleh_baca_jawaban_terbuka(user):
        return None
    formulir = FormulirEvaluasi.objects.filter(
        jenis=Jenis.REAKSI, nominasi__kegiatan=kegiatan, diisi_pada__isnull=False
    )
    responden = formulir.count()
    hasil = _tampil(responden)
    if not hasil["ada"] or hasil["tersembunyi"]:
        return hasil
    teks = (
        Jawaban.objects.filter(
            formulir__in=formulir,
            butir__penanda__in=[Penanda.RENCANA_PENERAPAN, Penanda.KOMENTAR],
        )
        .exclude(teks="")
        .order_by("butir__penanda", "teks")
        .values_list("butir__penanda", "teks")
    )
    hasil["rencana_penerapan"] = []
    hasil["komentar"] = []
    for penanda, isi in teks:
        hasil[penanda].append(isi)
    return hasil


def tahun_lulusan_terakhir(program: ProgramPelatihan) -> int | None:
    """The last year in which the program had graduates: the default year of level 4."""
    akhir = Nominasi.objects.filter(
        kegiatan__program=program,
        kegiatan__status=KegiatanPelatihan.Status.SELESAI,
        status=Nominasi.Status.LULUS,
    ).aggregate(akhir=Max("kegiatan__tanggal_selesai"))["akhir"]
    return akhir.year if akhir else None


def indikator_hasil(program: ProgramPelatihan, tahun: int | None) -> dict:
    """Level 4: for each indicator linked to the program, per OPD that had graduates of the
    program in ``tahun``, the indicator in the year before, that year and the year after, beside
    the number trained. An OPD with fewer graduates than the threshold is hidden. Three queries."""
    hasil: dict = {"tahun": tahun, "catatan": str(CATATAN_LEVEL_4), "indikator": []}
    indikator = list(program.indikator_hasil.order_by("nama"))
    if not indikator or tahun is None:
        return hasil
    dilatih = list(
        Nominasi.objects.filter(
            kegiatan__program=program,
            kegiatan__status=KegiatanPelatihan.Status.SELESAI,
            kegiatan__tanggal_selesai__year=tahun,
            status=Nominasi.Status.LULUS,
        )
        .order_by()
        .values(
            "pegawai__perangkat_daerah_id",
            "pegawai__perangkat_daerah__nama",
            "pegawai__perangkat_daerah__kode",
        )
        .annotate(n=Count("pk"))
        .order_by("pegawai__perangkat_daerah__kode")
    )
    opd_ids = [d["pegawai__perangkat_daerah_id"] for d in dilatih]
    nilai = {
        (i, o, t): v
        for i, o, t, v in NilaiIndikator.objects.filter(
            indikator__in=indikator,
            perangkat_daerah_id__in=opd_ids,
            tahun__in=[tahun - 1, tahun, tahun + 1],
        ).values_list("indikator_id", "perangkat_daerah_id", "tahun", "nilai")
    }
    for ind in indikator:
        baris = []
        for d in dilatih:
            opd = d["pegawai__perangkat_daerah_id"]
            sebelum = nilai.get((ind.pk, opd, tahun - 1))
            sesudah = nilai.get((ind.pk, opd, tahun + 1))
            perubahan = sesudah - sebelum if sebelum is not None and sesudah is not None else None
            membaik = None
            if perubahan:
                membaik = (perubahan > 0) == ind.naik_lebih_baik
            baris.append(
                {
                    "opd": d["pegawai__perangkat_daerah__nama"],
                    **_tampil(
                        d["n"],
                        dilatih=d["n"],
                        sebelum=sebelum,
                        tahun_ini=nilai.get((ind.pk, opd, tahun)),
                        sesudah=sesudah,
                        perubahan=perubahan,
                        membaik=membaik,
                    ),
                }
            )
        hasil["indikator"].append({"indikator": ind, "baris": baris})
    return hasil


def tindak_lanjut_list(*, program=None, kegiatan=None) -> QuerySet[TindakLanjut]:
    """Improvement actions of a program (or of an event), open ones first, each with
    ``lewat_batas`` (still open after its deadline)."""
    qs = TindakLanjut.objects.select_related("kegiatan__program")
    if program is not None:
        qs = qs.filter(program=program)
    if kegiatan is not None:
        qs = qs.filter(kegiatan=kegiatan)
    terbuka = Q(status__in=STATUS_TINDAK_LANJUT_TERBUKA)
    return qs.annotate(
        lewat_batas=Case(
            When(terbuka & Q(batas_waktu__lt=timezone.localdate()), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        masih_terbuka=Case(
            When(terbuka, then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
    ).order_by("-masih_terbuka", "batas_waktu", "pk")


# --- Charts (data for static/js/grafik.js) -------------------------------------------------------


def _angka(m: dict, kunci: str):
    """A figure for a chart: a number, or None (a gap) when absent or hidden."""
    if not m.get("ada") or m.get("tersembunyi"):
        return None
    nilai = m.get(kunci)
    return float(nilai) if nilai is not None else None


def grafik_bagian(bagian: list[dict]) -> dict:
    """A bar chart of the section indexes (hidden sections are left out)."""
    tampil = [b for b in bagian if b["ada"] and not b["tersembunyi"]]
    return {
        "jenis": "bar",
        "label": [b["bagian"] for b in tampil],
        "maks": 100,
        "seri": [{"label": _("Indeks (%)"), "data": [float(b["indeks"]) for b in tampil]}],
    }


def grafik_sebaran(bagian: list[dict]) -> list[dict]:
    """Per questionnaire, a stacked bar chart of how many answers each scale value got in each
    section (hidden sections are left out)."""
    per_kuesioner: dict[int, list[dict]] = {}
    for b in bagian:
        if b["ada"] and not b["tersembunyi"]:
            per_kuesioner.setdefault(b["kuesioner_id"], []).append(b)
    grafik = []
    for daftar in per_kuesioner.values():
        skala = daftar[0]["sebaran"]
        grafik.append(
            {
                "jenis": "bar",
                "tumpuk": True,
                "horizontal": True,
                "judul": daftar[0]["kuesioner"],
                "label": [b["bagian"] for b in daftar],
                "seri": [
                    {"label": s["label"], "data": [b["sebaran"][i]["jumlah"] for b in daftar]}
                    for i, s in enumerate(skala)
                ],
            }
        )
    return grafik


def grafik_tren(baris: list[dict]) -> dict:
    """A line chart of the yearly figures: percentages on the left axis, the average gain in
    test points on the right."""
    return {
        "jenis": "line",
        "label": [str(b["tahun"]) for b in baris],
        "maks": 100,
        "seri": [
            {
                "label": _("Tingkat respons (%)"),
                "data": [_angka(b["respons"], "persen") for b in baris],
            },
            {
                "label": _("Indeks reaksi (%)"),
                "data": [_angka(b["reaksi"], "indeks") for b in baris],
            },
            {
                "label": _("Tingkat penerapan (%)"),
                "data": [_angka(b["penerapan"], "persen") for b in baris],
            },
            {
                "label": _("Rata-rata kenaikan nilai (poin)"),
                "data": [_angka(b["belajar"], "rata_kenaikan") for b in baris],
                "sumbu": "kanan",
            },
        ],
    }


def grafik_perbandingan(baris: list[dict]) -> dict:
    """Programs (or partners) side by side: level-1 index and level-3 application rate."""
    return {
        "jenis": "bar",
        "label": [b.get("kode") or b["nama"] for b in baris],
        "maks": 100,
        "seri": [
            {
                "label": _("Indeks reaksi (%)"),
                "data": [_angka(b["reaksi"], "indeks") for b in baris],
            },
            {
                "label": _("Tingkat penerapan (%)"),
                "data": [_angka(b["penerapan"], "persen") for b in baris],
            },
        ],
    }


# --- Level 3 of own staff, with names (the atasan's own judgement) -------------------------------


def _skor_penerapan(jenis: str) -> Subquery:
    return Subquery(
        Jawaban.objects.filter(
            formulir__nominasi=OuterRef("pk"),
            formulir__jenis=jenis,
            formulir__diisi_pada__isnull=False,
            butir__penanda=Penanda.PENERAPAN,
        ).values("nilai")[:1],
        output_field=IntegerField(),
    )


def _lulusan(*, tahun: int, opd_ids) -> QuerySet[Nominasi]:
    qs = Nominasi.objects.filter(
        status=Nominasi.Status.LULUS,
        kegiatan__status=KegiatanPelatihan.Status.SELESAI,
        kegiatan__tanggal_selesai__year=tahun,
    )
    if opd_ids is not None:
        qs = qs.filter(pegawai__perangkat_daerah_id__in=opd_ids)
    return qs


def _formulir_nominasi(jenis: str) -> QuerySet[FormulirEvaluasi]:
    return FormulirEvaluasi.objects.filter(nominasi=OuterRef("pk"), jenis=jenis)


def lulusan_perilaku(*, tahun: int, opd_ids) -> QuerySet[Nominasi]:
    """Graduates of events that ended in ``tahun`` who work in ``opd_ids`` (every OPD when
    None), each with whether the atasan's level-3 form is issued and filled, the atasan's and
    the graduate's own application score, and the level-2 gain."""
    atasan = _formulir_nominasi(Jenis.PERILAKU_ATASAN)
    diri = _formulir_nominasi(Jenis.PERILAKU_DIRI)
    return _lulusan(tahun=tahun, opd_ids=opd_ids).annotate(
        atasan_dibuka=Exists(atasan),
        atasan_diisi=Exists(atasan.filter(diisi_pada__isnull=False)),
        atasan_batas=Subquery(atasan.values("batas")[:1]),
        skor_atasan=_skor_penerapan(Jenis.PERILAKU_ATASAN),
        diri_diisi=Exists(diri.filter(diisi_pada__isnull=False)),
        skor_diri=_skor_penerapan(Jenis.PERILAKU_DIRI),
        kenaikan=ExpressionWrapper(
            F("nilai_post") - F("nilai_pre"),
            output_field=DecimalField(max_digits=6, decimal_places=2),
        ),
    )


def perilaku_opd(*, tahun: int, opd_ids, halaman) -> dict:
    """The level-3 page of one or more OPDs: a summary and a page of graduates (names allowed:
    the atasan's own judgement of own staff). Three queries."""
    atasan_diisi = _formulir_nominasi(Jenis.PERILAKU_ATASAN).filter(diisi_pada__isnull=False)
    total = (
        _lulusan(tahun=tahun, opd_ids=opd_ids)
        .order_by()
        .aggregate(
            lulusan=Count("pk"),
            atasan_diisi=Count("pk", filter=Exists(atasan_diisi)),
            diterapkan=Count(
                "pk",
                filter=Exists(
                    Jawaban.objects.filter(
                        formulir__nominasi=OuterRef("pk"),
                        formulir__jenis=Jenis.PERILAKU_ATASAN,
                        formulir__diisi_pada__isnull=False,
                        butir__penanda=Penanda.PENERAPAN,
                        nilai__gte=NILAI_DITERAPKAN,
                    )
                ),
            ),
        )
    )
    total["persen_diisi"] = _persen(total["atasan_diisi"], total["lulusan"])
    total["persen_diterapkan"] = _persen(total["diterapkan"], total["atasan_diisi"])
    daftar = (
        lulusan_perilaku(tahun=tahun, opd_ids=opd_ids)
        .select_related("pegawai__perangkat_daerah", "kegiatan__program")
        .order_by("-kegiatan__tanggal_selesai", "kegiatan_id", "pegawai__nama", "pegawai__nip")
    )
    page = Paginator(daftar, PER_HALAMAN_PERILAKU).get_page(halaman)
    return {"total": total, "page": page, "nilai_diterapkan": NILAI_DITERAPKAN}
