"""The dashboards of /laporan/ (DESIGN §1, §2 "Lead and fund"): the city for pimpinan and Admin
BKPSDM, the working queue of Admin BKPSDM, and the learning culture of one OPD for its kepala
(and operator).

Every figure is aggregated by PostgreSQL; Python only adds up the few grouped rows, divides and
rounds. The number of queries depends on the roles shown, never on the number of OPDs, pegawai,
years or rows. Definitions:

- **JP compliance** as DESIGN §6: active pegawai, verified ledger rows whose end date falls in
  the year, ``memenuhi_target`` = JP ≥ the pegawai's target. The trend takes the pegawai active
  today for every year, as ``/laporan/jp/?tahun=`` does.
- **Dilatih** (learning culture): active pegawai with any verified JP in the year.
- **Penerapan** (level 3): among filled atasan forms of graduates of events finished in the year,
  the share whose answer to the penerapan item is at least
  :data:`evaluasi.efektivitas.NILAI_DITERAPKAN`; hidden below the confidentiality threshold.
- **Penyerapan anggaran**: realisation of the year's budgets as a percentage of their pagu.
- **Kegiatan tahun ini**: events whose dates overlap the year, by status.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, Exists, F, OuterRef, QuerySet, Sum, Window
from django.db.models.functions import ExtractYear, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluasi import efektivitas
from evaluasi.models import FormulirEvaluasi, Jawaban, TindakLanjut
from laporan import anggaran, selectors
from pegawai.akses import akses_for, pegawai_for, perangkat_daerah_for
from pegawai.models import ImporBerkas, Pegawai
from pelatihan import selectors as pelatihan_selectors
from pelatihan.akpk import kebutuhan_for
from pelatihan.models import KebutuhanPengembangan, KegiatanPelatihan, Nominasi, RiwayatPengembangan

# Years on the compliance trend: the selected one and those before it, at most this many.
TAHUN_TREN = 6
OPD_PERINGKAT = 5
PEGAWAI_KURANG = 10
STATUS_IMPOR_BERJALAN = (ImporBerkas.Status.MEMERIKSA, ImporBerkas.Status.MENGIMPOR)


def boleh_lihat_dasbor(user) -> bool:
    """The dashboards are for Admin BKPSDM, pimpinan, kepala and operator OPD."""
    akses = akses_for(user)
    return akses.lihat_semua or bool(akses.opd_ids)


def _persen(bagian, dari) -> Decimal | None:
    return anggaran.persen(bagian, dari)


def _rata(jumlah, dari) -> Decimal | None:
    if not dari:
        return None
    return (Decimal(jumlah) / Decimal(dari)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _persen_satu(bagian: int, dari: int) -> Decimal | None:
    """A percentage with one decimal, as the effectiveness reports show them."""
    if not dari:
        return None
    return (Decimal(100 * bagian) / Decimal(dari)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _tampil(jumlah: int, /, **angka) -> dict:
    """A level-3 figure as the effectiveness reports give it: hidden for small groups."""
    if not jumlah:
        return dict(efektivitas.KOSONG)
    if jumlah < efektivitas.ambang():
        return {
            "ada": True,
            "tersembunyi": True,
            "keterangan": efektivitas.keterangan_tersembunyi(),
        }
    return {"ada": True, "tersembunyi": False, **angka}


def _jalankan(sql: str, params, db: str) -> list[tuple]:
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# --- Years ---------------------------------------------------------------------------------------


def tahun_tren(tahun: int, pilihan: list[int]) -> list[int]:
    """The trend's years, oldest first: the years of the picker up to ``tahun``, at most
    :data:`TAHUN_TREN` of them (the picker runs from the first year with verified JP)."""
    tahun_list = sorted(t for t in pilihan if t <= tahun)[-TAHUN_TREN:]
    return tahun_list or [tahun]


# --- City: JP compliance -------------------------------------------------------------------------


def kepatuhan_kota(pegawai: QuerySet[Pegawai], *, tahun: int) -> dict:
    """The city's compliance (one query): the total row, and the OPDs ranked by the share of
    their active ASN meeting the target — the first and the last :data:`OPD_PERINGKAT` (the
    last ones worst first, never repeating an OPD of the first ones)."""
    baris = pelatihan_selectors.rekap_jp_per_opd(
        pegawai, tahun=tahun, urut="persen_memenuhi", turun=True
    )
    teratas = baris[:OPD_PERINGKAT]
    terbawah = baris[max(OPD_PERINGKAT, len(baris) - OPD_PERINGKAT) :][::-1]
    return {
        "total": pelatihan_selectors.rekap_jp_total(baris),
        "teratas": teratas,
        "terbawah": terbawah,
        "jumlah_opd": len(baris),
    }


def tren_kepatuhan(pegawai: QuerySet[Pegawai], tahun_list: list[int]) -> list[dict]:
    """Per year of ``tahun_list`` (consecutive): active ASN, those meeting their target that
    year, the share, and the average JP. One query: the active pegawai with their target,
    crossed with the years, joined with the verified JP summed per pegawai and year."""
    if not tahun_list:
        return []
    awal, akhir = min(tahun_list), max(tahun_list)
    target = (
        pegawai.filter(aktif=True)
        .annotate(target_jp=pelatihan_selectors.jp_target_expression())
        .order_by()
        .values_list("pk", "target_jp")
    )
    jp_tahunan = (
        RiwayatPengembangan.objects.terverifikasi()
        .filter(tanggal_selesai__range=(datetime.date(awal, 1, 1), datetime.date(akhir, 12, 31)))
        .annotate(tahun=ExtractYear("tanggal_selesai"))
        .order_by()
        .values("pegawai_id", "tahun")
        .annotate(jp=Sum("jp"))
        .values_list("pegawai_id", "tahun", "jp")
    )
    try:
        sql_target, params_target = target.query.sql_with_params()
        sql_jp, params_jp = jp_tahunan.query.sql_with_params()
    except EmptyResultSet:
        return []
    sql = f"""
        SELECT y.tahun,
               COUNT(*) AS jumlah_asn,
               COUNT(*) FILTER (WHERE COALESCE(j.jp, 0) >= p.target_jp) AS memenuhi_target,
               COALESCE(SUM(j.jp), 0) AS total_jp
        FROM ({sql_target}) AS p (id, target_jp)
        CROSS JOIN generate_series(%s, %s) AS y (tahun)
        LEFT JOIN ({sql_jp}) AS j (pegawai_id, tahun, jp)
               ON j.pegawai_id = p.id AND j.tahun = y.tahun
        GROUP BY y.tahun
        ORDER BY y.tahun
    """  # noqa: S608 - the subqueries are the ORM's own SQL, values are parameters
    rows = _jalankan(sql, [*params_target, awal, akhir, *params_jp], target.db)
    return [
        {
            "tahun": t,
            "jumlah_asn": jumlah,
            "memenuhi_target": memenuhi,
            "persen_memenuhi": _persen(memenuhi, jumlah),
            "total_jp": int(total),
            "rata_rata_jp": _rata(total, jumlah),
        }
        for t, jumlah, memenuhi, total in rows
    ]


def grafik_tren_kepatuhan(tren: list[dict]) -> dict:
    """Data of the trend chart (drawn by static/js/dasbor.js)."""
    return {
        "label": [str(b["tahun"]) for b in tren],
        "persen": [
            None if b["persen_memenuhi"] is None else float(b["persen_memenuhi"]) for b in tren
        ],
        "judul": _("ASN memenuhi target JP (%)"),
    }


# --- City: budget, events, evaluation ------------------------------------------------------------


def anggaran_kota(tahun: int) -> dict:
    """The year's pagu, realisation and absorption, and absorption per month (two queries)."""
    total = anggaran.total_baris(anggaran.rekap_per_sumber(tahun), _("Total"))
    penyerapan = anggaran.penyerapan_bulanan(tahun, pagu=total.pagu or anggaran.NOL)
    return {
        "total": total,
        "ada": total.pagu is not None,
        "grafik_penyerapan": anggaran.grafik_penyerapan(penyerapan),
    }


def kegiatan_per_status(user, *, tahun: int) -> list[dict]:
    """Events the user may see whose dates overlap the year, counted per status in the order of
    the status machine (one query)."""
    jumlah = dict(
        pelatihan_selectors.kegiatan_for(user)
        .filter(
            tanggal_mulai__lte=datetime.date(tahun, 12, 31),
            tanggal_selesai__gte=datetime.date(tahun, 1, 1),
        )
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [
        {"status": kode, "label": label, "jumlah": jumlah[kode]}
        for kode, label in KegiatanPelatihan.Status.choices
        if kode in jumlah
    ]


def evaluasi_kota(tahun: int) -> dict:
    """The city's level-1 index and level-3 application rate (by the atasan) over the events
    finished in the year, through the effectiveness selectors (two queries)."""
    kegiatan = efektivitas.kegiatan_dievaluasi().filter(tanggal_selesai__year=tahun)
    return {
        "reaksi": efektivitas.indeks_reaksi(kegiatan).get(None, efektivitas.KOSONG),
        "penerapan": efektivitas.tingkat_penerapan(kegiatan).get(None, efektivitas.KOSONG),
    }


# --- Admin BKPSDM: what waits ------------------------------------------------------------------


def _hitung_sekaligus(daftar: dict[str, QuerySet]) -> dict[str, int]:
    """COUNT(*) of several querysets in one query (one scalar subquery each)."""
    bagian, params, db = [], [], "default"
    for nama, qs in daftar.items():
        db = qs.db
        try:
            sql, p = qs.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:
            bagian.append("0")
            continue
        # The subquery is the ORM's own SQL, the alias a key of this module; values are params.
        bagian.append(f"(SELECT COUNT(*) FROM ({sql}) AS {nama})")  # noqa: S608
        params.extend(p)
    (baris,) = _jalankan("SELECT " + ", ".join(bagian), params, db)
    return dict(zip(daftar, baris, strict=True))


def _awal_akhir_pekan(hari_ini: datetime.date) -> tuple[datetime.date, datetime.date]:
    senin = hari_ini - datetime.timedelta(days=hari_ini.weekday())
    return senin, senin + datetime.timedelta(days=6)


def antrean_bkpsdm(user) -> list[dict]:
    """What waits for BKPSDM, each count with the page where it is done (one query)."""
    hari_ini = timezone.localdate()
    senin, minggu = _awal_akhir_pekan(hari_ini)
    kegiatan = pelatihan_selectors.kegiatan_for(user)
    Status = KegiatanPelatihan.Status
    jumlah = _hitung_sekaligus(
        {
            "klaim": RiwayatPengembangan.objects.filter(status=RiwayatPengembangan.Status.MENUNGGU),
            "nominasi": pelatihan_selectors.nominasi_for(user).filter(
                status=Nominasi.Status.DISETUJUI
            ),
            "kebutuhan": kebutuhan_for(user).filter(status=KebutuhanPengembangan.Status.DIUSULKAN),
            "berlangsung": kegiatan.filter(status=Status.BERLANGSUNG),
            "selesai_pekan": kegiatan.filter(
                tanggal_selesai__range=(senin, minggu),
                status__in=[Status.NOMINASI_DIBUKA, Status.DITUTUP, Status.BERLANGSUNG],
            ),
            "tindak_lanjut": TindakLanjut.objects.filter(
                status__in=efektivitas.STATUS_TINDAK_LANJUT_TERBUKA, batas_waktu__lt=hari_ini
            ),
            "impor": ImporBerkas.objects.filter(status__in=STATUS_IMPOR_BERJALAN),
        }
    )
    kegiatan_admin = reverse("admin:pelatihan_kegiatanpelatihan_changelist")
    return [
        {
            "kunci": "klaim",
            "label": _("Klaim JP menunggu verifikasi"),
            "jumlah": jumlah["klaim"],
            "url": reverse("pelatihan:klaim-verifikasi"),
        },
        {
            "kunci": "nominasi",
            "label": _("Nominasi disetujui atasan, menunggu penetapan"),
            "jumlah": jumlah["nominasi"],
            "url": reverse("pelatihan:nominasi-list") + "?status=disetujui",
        },
        {
            "kunci": "kebutuhan",
            "label": _("Kebutuhan pengembangan (AKPK) menunggu verifikasi"),
            "jumlah": jumlah["kebutuhan"],
            "url": reverse("pelatihan:kebutuhan-list") + "?status=diusulkan",
        },
        {
            "kunci": "berlangsung",
            "label": _("Kegiatan sedang berlangsung"),
            "jumlah": jumlah["berlangsung"],
            "url": kegiatan_admin + "?status__exact=berlangsung",
        },
        {
            "kunci": "selesai_pekan",
            "label": _("Kegiatan berakhir pekan ini"),
            "jumlah": jumlah["selesai_pekan"],
            "url": kegiatan_admin
            + f"?tanggal_selesai__gte={senin.isoformat()}"
            + f"&tanggal_selesai__lte={minggu.isoformat()}",
        },
        {
            "kunci": "tindak_lanjut",
            "label": _("Tindak lanjut evaluasi lewat batas waktu"),
            "jumlah": jumlah["tindak_lanjut"],
            "url": reverse("admin:evaluasi_tindaklanjut_changelist") + "?terlambat=ya",
        },
        {
            "kunci": "impor",
            "label": _("Impor berkas sedang diproses"),
            "jumlah": jumlah["impor"],
            "url": reverse("admin:pegawai_imporberkas_changelist")
            + "?status__in="
            + ",".join(STATUS_IMPOR_BERJALAN),
        },
    ]


# --- One OPD: learning culture -------------------------------------------------------------------


@dataclass(frozen=True)
class BudayaBelajar:
    """JP figures of a group of active ASN (one OPD, or the whole city) for a year."""

    jumlah_asn: int = 0
    dilatih: int = 0
    memenuhi_target: int = 0
    total_jp: int = 0

    @property
    def kurang(self) -> int:
        return self.jumlah_asn - self.memenuhi_target

    @property
    def persen_dilatih(self) -> Decimal | None:
        return _persen(self.dilatih, self.jumlah_asn)

    @property
    def persen_memenuhi(self) -> Decimal | None:
        return _persen(self.memenuhi_target, self.jumlah_asn)

    @property
    def rata_rata_jp(self) -> Decimal | None:
        return _rata(self.total_jp, self.jumlah_asn)


def budaya_belajar_per_opd(pegawai: QuerySet[Pegawai], *, tahun: int) -> dict[int, BudayaBelajar]:
    """Per OPD with active pegawai in ``pegawai``: active ASN, those with any verified JP in the
    year, those meeting their target, and the JP. One query over the per-pegawai sums of
    :func:`pelatihan.selectors.pegawai_with_jp`."""
    per_pegawai = (
        pelatihan_selectors.pegawai_with_jp(pegawai.filter(aktif=True), tahun=tahun)
        .order_by()
        .values_list("perangkat_daerah_id", "total_jp", "target_jp")
    )
    try:
        sql_pegawai, params = per_pegawai.query.sql_with_params()
    except EmptyResultSet:
        return {}
    sql = f"""
        SELECT t.opd_id,
               COUNT(*),
               COUNT(*) FILTER (WHERE t.total_jp > 0),
               COUNT(*) FILTER (WHERE t.total_jp >= t.target_jp),
               SUM(t.total_jp)
        FROM ({sql_pegawai}) AS t (opd_id, total_jp, target_jp)
        GROUP BY t.opd_id
    """  # noqa: S608 - the subquery is the ORM's own SQL, values are parameters
    return {
        opd_id: BudayaBelajar(jumlah, dilatih, memenuhi, int(total))
        for opd_id, jumlah, dilatih, memenuhi, total in _jalankan(sql, params, per_pegawai.db)
    }


def jumlahkan(baris) -> BudayaBelajar:
    baris = list(baris)
    return BudayaBelajar(
        jumlah_asn=sum(b.jumlah_asn for b in baris),
        dilatih=sum(b.dilatih for b in baris),
        memenuhi_target=sum(b.memenuhi_target for b in baris),
        total_jp=sum(b.total_jp for b in baris),
    )


def pegawai_kurang_jp(pegawai: QuerySet[Pegawai], *, tahun: int) -> dict[int, list[Pegawai]]:
    """Per OPD, the first :data:`PEGAWAI_KURANG` active pegawai below their target, largest
    shortfall first (then by name). One query: a row number per OPD over the shortfall."""
    qs = (
        pelatihan_selectors.pegawai_with_jp(pegawai.filter(aktif=True), tahun=tahun)
        .filter(total_jp__lt=F("target_jp"))
        .annotate(
            urutan=Window(
                RowNumber(),
                partition_by=F("perangkat_daerah_id"),
                order_by=[F("kurang_jp").desc(), F("nama").asc(), F("nip").asc()],
            )
        )
        .filter(urutan__lte=PEGAWAI_KURANG)
        .only("pk", "nip", "nama", "gelar_depan", "gelar_belakang", "perangkat_daerah_id")
        .order_by("perangkat_daerah_id", "urutan")
    )
    hasil: dict[int, list[Pegawai]] = {}
    for p in qs:
        hasil.setdefault(p.perangkat_daerah_id, []).append(p)
    return hasil


def _diterapkan() -> Exists:
    return Exists(
        Jawaban.objects.filter(
            formulir=OuterRef("pk"),
            butir__penanda=efektivitas.Penanda.PENERAPAN,
            nilai__gte=efektivitas.NILAI_DITERAPKAN,
        )
    )


def penerapan_per_opd(*, tahun: int) -> dict[int, tuple[int, int]]:
    """Level 3 by the atasan per OPD of the graduate: (filled forms, judged applied), over the
    events finished in the year (one query; the same forms as
    :func:`evaluasi.efektivitas.tingkat_penerapan`)."""
    kegiatan = efektivitas.kegiatan_dievaluasi().filter(tanggal_selesai__year=tahun)
    baris = (
        FormulirEvaluasi.objects.filter(
            jenis=FormulirEvaluasi.Jenis.PERILAKU_ATASAN,
            diisi_pada__isnull=False,
            nominasi__status=Nominasi.Status.LULUS,
            nominasi__kegiatan__in=kegiatan,
        )
        .order_by()
        .values("nominasi__pegawai__perangkat_daerah_id")
        .annotate(dinilai=Count("pk"), diterapkan=Count("pk", filter=_diterapkan()))
        .values_list("nominasi__pegawai__perangkat_daerah_id", "dinilai", "diterapkan")
    )
    return {opd_id: (dinilai, diterapkan) for opd_id, dinilai, diterapkan in baris}


def tampil_penerapan(dinilai: int, diterapkan: int) -> dict:
    return _tampil(
        dinilai, dinilai=dinilai, diterapkan=diterapkan, persen=_persen_satu(diterapkan, dinilai)
    )


def nominasi_menunggu_per_opd(user, opd_ids) -> dict[int, int]:
    """Nominations of the OPDs' staff waiting for the kepala's approval (one query)."""
    return dict(
        pelatihan_selectors.nominasi_for(user)
        .filter(status=Nominasi.Status.DIUSULKAN, pegawai__perangkat_daerah_id__in=opd_ids)
        .order_by()
        .values("pegawai__perangkat_daerah_id")
        .annotate(n=Count("pk"))
        .values_list("pegawai__perangkat_daerah_id", "n")
    )


def dasbor_opd(user, *, tahun: int) -> list[dict]:
    """One part per OPD of the user's kepala or operator role (normally one), each compared with
    the city as a single number per figure; level 3 only where the user is kepala. Four or five
    queries, whatever the number of OPDs."""
    akses = akses_for(user)
    daftar_opd = list(perangkat_daerah_for(user).filter(pk__in=akses.opd_ids).order_by("kode"))
    if not daftar_opd:
        return []
    # Every OPD's sums, so that the city's figure is the same query; only the user's OPDs leave.
    budaya = budaya_belajar_per_opd(Pegawai.objects.all(), tahun=tahun)
    kota = jumlahkan(budaya.values())
    opd_ids = [o.pk for o in daftar_opd]
    kurang = pegawai_kurang_jp(Pegawai.objects.filter(perangkat_daerah_id__in=opd_ids), tahun=tahun)
    menunggu = nominasi_menunggu_per_opd(user, opd_ids)
    penerapan, penerapan_kota = {}, efektivitas.KOSONG
    if akses.kepala_opd:
        per_opd = penerapan_per_opd(tahun=tahun)
        penerapan = {k: tampil_penerapan(*v) for k, v in per_opd.items()}
        penerapan_kota = tampil_penerapan(
            sum(d for d, _t in per_opd.values()), sum(t for _d, t in per_opd.values())
        )
    hasil = []
    for opd in daftar_opd:
        kepala = opd.pk in akses.kepala_opd_ids
        hasil.append(
            {
                "opd": opd,
                "kepala": kepala,
                "budaya": budaya.get(opd.pk, BudayaBelajar()),
                "kota": kota,
                "kurang": kurang.get(opd.pk, []),
                "nominasi_menunggu": menunggu.get(opd.pk, 0),
                "penerapan": penerapan.get(opd.pk, efektivitas.KOSONG) if kepala else None,
                "penerapan_kota": penerapan_kota if kepala else None,
            }
        )
    return hasil


# --- The page ------------------------------------------------------------------------------------


def dasbor_for_user(user, *, tahun: int) -> dict:
    """Everything /laporan/ shows this user for the year: the city (pimpinan, Admin BKPSDM),
    the working queue (Admin BKPSDM), their OPDs (kepala, operator)."""
    akses = akses_for(user)
    pilihan = selectors.pilihan_tahun()
    context: dict = {"akses": akses, "tahun": tahun, "pilihan_tahun": pilihan}
    if akses.lihat_semua:
        pegawai = pegawai_for(user)
        tren = tren_kepatuhan(pegawai, tahun_tren(tahun, pilihan))
        context["kota"] = {
            **kepatuhan_kota(pegawai, tahun=tahun),
            "tren": tren,
            "grafik_tren": grafik_tren_kepatuhan(tren),
            "anggaran": anggaran_kota(tahun),
            "kegiatan": kegiatan_per_status(user, tahun=tahun),
            "evaluasi": evaluasi_kota(tahun),
        }
    if akses.admin_bkpsdm:
        context["antrean"] = antrean_bkpsdm(user)
    if akses.opd_ids:
        context["opd_saya"] = dasbor_opd(user, tahun=tahun)
    return context
