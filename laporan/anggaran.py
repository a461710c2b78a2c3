"""Budget reports (DESIGN §2 "Lead and fund"): plan against realisation for a budget year, and
what it would cost to bring every ASN to their JP target.

Every sum is computed by PostgreSQL (one query per table, whatever the number of rows); Python
only subtracts, divides and rounds the sums it gets back. Definitions:

- **pagu**: the ceilings of the year's budgets (``Anggaran.tahun``); **dialokasikan**: their
  allocations; **realisasi**: the realisation lines of those allocations; **sisa** = pagu −
  realisasi; **belum dialokasikan** = pagu − dialokasikan.
- **per program**: allocations of the year's budgets to events of the program (or to plan lines
  of it, before an event is scheduled).
- **penyerapan**: realisation by the month of its date; cumulative, as a percentage of the
  year's total pagu.
- **biaya per peserta / per JP** of a form of development (jenis pengembangan): over the events
  of that jenis finished (status selesai) in the year that have realised spending, the sum of
  all realisation on their allocations divided by their graduates (nominasi lulus), and by the
  JP credited to the ledger from them (verified rows). Rounded to whole Rupiah.
- **biaya menuju target**: for the active pegawai below their JP target in a year, the shortfall
  (target − JP) × the city's historical cost per JP: realisation over JP credited of all events
  finished before that year, by jenis where a jenis has such history.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf.enums import XPos, YPos

from pegawai.akses import akses_for
from pegawai.ekspor import Lembar, tulis_xlsx
from pegawai.models import Pegawai, PerangkatDaerah
from pegawai.tanggal import NAMA_BULAN, format_tanggal
from pelatihan.anggaran import alokasi_with_realisasi, anggaran_with_jumlah
from pelatihan.dokumen import HURUF, DokumenPdf, teks_pdf
from pelatihan.models import (
    AlokasiAnggaran,
    Anggaran,
    KegiatanPelatihan,
    Nominasi,
    RealisasiAnggaran,
    RiwayatPengembangan,
    SumberDana,
    UsulanPendanaan,
    format_rupiah,
)
from pelatihan.selectors import pegawai_with_jp

NOL = Decimal("0.00")
# The command's JSON rows (issue contract): amounts in Rupiah as numbers, sisa = pagu − realisasi.
KOLOM_SUMBER = ("sumber_dana", "pagu", "dialokasikan", "realisasi", "sisa")


def boleh_lihat_anggaran(user) -> bool:
    """Budgets are read by Admin BKPSDM and pimpinan; nobody else."""
    return akses_for(user).lihat_semua


def _bulat(nilai: Decimal, tempat: str = "1") -> Decimal:
    return nilai.quantize(Decimal(tempat), rounding=ROUND_HALF_UP)


def persen(bagian, dari) -> Decimal | None:
    """bagian / dari × 100, two decimals (half away from zero); None when dari is 0."""
    if not dari:
        return None
    return _bulat(Decimal(bagian) * 100 / Decimal(dari), "0.01")


def bagi_rupiah(jumlah, pembagi) -> Decimal | None:
    """Rupiah per unit, rounded to whole Rupiah; None when there is nothing to divide by."""
    if not pembagi:
        return None
    return _bulat(Decimal(jumlah) / Decimal(pembagi))


def _rp(nilai) -> str:
    return "–" if nilai is None else format_rupiah(nilai)


def angka(nilai):
    """A Rupiah amount for JSON: an integer when it has no sen, a float otherwise."""
    if nilai is None:
        return None
    nilai = Decimal(nilai)
    return int(nilai) if nilai == nilai.to_integral_value() else float(nilai)


# --- plan against realisation --------------------------------------------------------------------


@dataclass(frozen=True)
class BarisAnggaran:
    """One row of a budget table. ``pagu`` is None for rows without a ceiling of their own (a
    program is funded by allocations); their ``sisa`` is what is left of the allocations."""

    kunci: str
    nama: str
    dialokasikan: Decimal
    realisasi: Decimal
    pagu: Decimal | None = None
    jumlah: int = 0  # budgets in the row (per source and OPD) or events (per program)

    @property
    def sisa(self) -> Decimal:
        dasar = self.dialokasikan if self.pagu is None else self.pagu
        return dasar - self.realisasi

    @property
    def belum_dialokasikan(self) -> Decimal | None:
        return None if self.pagu is None else self.pagu - self.dialokasikan

    @property
    def persen_realisasi(self) -> Decimal | None:
        return persen(self.realisasi, self.dialokasikan if self.pagu is None else self.pagu)

    @property
    def persen_alokasi(self) -> Decimal | None:
        return None if self.pagu is None else persen(self.dialokasikan, self.pagu)

    @property
    def pagu_rp(self) -> str:
        return _rp(self.pagu)

    @property
    def dialokasikan_rp(self) -> str:
        return _rp(self.dialokasikan)

    @property
    def realisasi_rp(self) -> str:
        return _rp(self.realisasi)

    @property
    def sisa_rp(self) -> str:
        return _rp(self.sisa)

    @property
    def belum_dialokasikan_rp(self) -> str:
        return _rp(self.belum_dialokasikan)


def total_baris(baris: list[BarisAnggaran], nama: str) -> BarisAnggaran:
    ada_pagu = any(b.pagu is not None for b in baris)
    return BarisAnggaran(
        kunci="",
        nama=nama,
        pagu=sum((b.pagu or NOL for b in baris), NOL) if ada_pagu else None,
        dialokasikan=sum((b.dialokasikan for b in baris), NOL),
        realisasi=sum((b.realisasi for b in baris), NOL),
        jumlah=sum(b.jumlah for b in baris),
    )


def _anggaran_tahun(tahun: int):
    return anggaran_with_jumlah(Anggaran.objects.filter(tahun=tahun)).order_by()


def _jumlah_kelompok(qs):
    return qs.annotate(
        n=Count("pk"),
        t_pagu=Sum("pagu"),
        t_dialokasikan=Sum("dialokasikan"),
        t_realisasi=Sum("realisasi"),
    )


def rekap_per_sumber(tahun: int) -> list[BarisAnggaran]:
    """One row per funding source with a budget in the year, in the order of ``SumberDana``."""
    urutan = {kode: i for i, kode in enumerate(SumberDana.values)}
    baris = [
        BarisAnggaran(
            kunci=r["sumber_dana"],
            nama=str(SumberDana(r["sumber_dana"]).label),
            pagu=r["t_pagu"],
            dialokasikan=r["t_dialokasikan"],
            realisasi=r["t_realisasi"],
            jumlah=r["n"],
        )
        for r in _jumlah_kelompok(_anggaran_tahun(tahun).values("sumber_dana"))
    ]
    return sorted(baris, key=lambda b: urutan[b.kunci])


def rekap_per_opd(tahun: int) -> list[BarisAnggaran]:
    """One row per holder of the year's budgets: BKPSDM's central budgets first, as
    "BKPSDM (terpusat)", then the OPDs by kode."""
    rows = _jumlah_kelompok(
        _anggaran_tahun(tahun).values("perangkat_daerah__kode", "perangkat_daerah__nama")
    )
    baris = [
        BarisAnggaran(
            kunci=r["perangkat_daerah__kode"] or "",
            nama=r["perangkat_daerah__nama"] or _("BKPSDM (terpusat)"),
            pagu=r["t_pagu"],
            dialokasikan=r["t_dialokasikan"],
            realisasi=r["t_realisasi"],
            jumlah=r["n"],
        )
        for r in rows
    ]
    return sorted(baris, key=lambda b: (b.kunci != "", b.kunci))


def rekap_per_program(tahun: int) -> list[BarisAnggaran]:
    """Allocations of the year's budgets per training program: those to its events, and those
    to plan lines of it not yet scheduled. Allocations to a plan line without a program are one
    row of their own, last."""
    rows = (
        alokasi_with_realisasi(AlokasiAnggaran.objects.filter(anggaran__tahun=tahun))
        .order_by()
        .annotate(
            p_kode=Coalesce("kegiatan__program__kode", "rencana__program__kode"),
            p_nama=Coalesce("kegiatan__program__nama", "rencana__program__nama"),
        )
        .values("p_kode", "p_nama")
        .annotate(
            n=Count("kegiatan", distinct=True),
            t_dialokasikan=Sum("jumlah"),
            t_realisasi=Sum("jumlah_realisasi"),
        )
    )
    baris = [
        BarisAnggaran(
            kunci=r["p_kode"] or "",
            nama=r["p_nama"] or _("Rencana tanpa program"),
            dialokasikan=r["t_dialokasikan"],
            realisasi=r["t_realisasi"],
            jumlah=r["n"],
        )
        for r in rows
    ]
    return sorted(baris, key=lambda b: (b.kunci == "", b.kunci, b.nama))


@dataclass(frozen=True)
class BulanPenyerapan:
    bulan: int
    nama: str
    realisasi: Decimal
    kumulatif: Decimal
    persen_kumulatif: Decimal | None

    @property
    def realisasi_rp(self) -> str:
        return _rp(self.realisasi)

    @property
    def kumulatif_rp(self) -> str:
        return _rp(self.kumulatif)


def penyerapan_bulanan(tahun: int, *, pagu: Decimal) -> list[BulanPenyerapan]:
    """Twelve months of the year's realisation (by the month of each line's date), cumulative,
    and cumulative as a percentage of ``pagu`` (the year's total)."""
    per_bulan = dict(
        RealisasiAnggaran.objects.filter(alokasi__anggaran__tahun=tahun)
        .annotate(bulan=ExtractMonth("tanggal"))
        .order_by()
        .values("bulan")
        .annotate(s=Sum("jumlah"))
        .values_list("bulan", "s")
    )
    hasil, kumulatif = [], NOL
    for bulan in range(1, 13):
        nilai = per_bulan.get(bulan, NOL)
        kumulatif += nilai
        hasil.append(
            BulanPenyerapan(
                bulan=bulan,
                nama=NAMA_BULAN[bulan - 1],
                realisasi=nilai,
                kumulatif=kumulatif,
                persen_kumulatif=persen(kumulatif, pagu),
            )
        )
    return hasil


# --- cost per participant and per JP -------------------------------------------------------------


@dataclass(frozen=True)
class BiayaJenis:
    kode: str
    nama: str
    jumlah_kegiatan: int
    realisasi: Decimal
    peserta: int
    jp: int

    @property
    def biaya_per_peserta(self) -> Decimal | None:
        return bagi_rupiah(self.realisasi, self.peserta)

    @property
    def biaya_per_jp(self) -> Decimal | None:
        return bagi_rupiah(self.realisasi, self.jp)

    @property
    def realisasi_rp(self) -> str:
        return _rp(self.realisasi)

    @property
    def biaya_per_peserta_rp(self) -> str:
        return _rp(self.biaya_per_peserta)

    @property
    def biaya_per_jp_rp(self) -> str:
        return _rp(self.biaya_per_jp)


def _kegiatan_berbiaya(kegiatan):
    """Finished events with their realised spending (all realisation on their allocations),
    graduates and JP credited, keeping those that spent something."""
    realisasi = (
        RealisasiAnggaran.objects.filter(alokasi__kegiatan=OuterRef("pk"))
        .order_by()
        .values("alokasi__kegiatan")
        .annotate(s=Sum("jumlah"))
        .values("s")
    )
    lulusan = (
        Nominasi.objects.filter(kegiatan=OuterRef("pk"), status=Nominasi.Status.LULUS)
        .order_by()
        .values("kegiatan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    jp = (
        RiwayatPengembangan.objects.filter(
            kegiatan=OuterRef("pk"), status=RiwayatPengembangan.Status.TERVERIFIKASI
        )
        .order_by()
        .values("kegiatan")
        .annotate(s=Sum("jp"))
        .values("s")
    )
    return (
        kegiatan.filter(status=KegiatanPelatihan.Status.SELESAI)
        .annotate(
            k_realisasi=Subquery(realisasi),
            k_peserta=Coalesce(Subquery(lulusan, output_field=IntegerField()), Value(0)),
            k_jp=Coalesce(Subquery(jp, output_field=IntegerField()), Value(0)),
        )
        .filter(k_realisasi__gt=0)
        .order_by()
    )


def _biaya_per_jenis(kegiatan) -> list[BiayaJenis]:
    rows = (
        _kegiatan_berbiaya(kegiatan)
        .values("program__jenis__kode", "program__jenis__nama")
        .annotate(
            n=Count("pk"),
            t_realisasi=Sum("k_realisasi"),
            t_peserta=Sum("k_peserta"),
            t_jp=Sum("k_jp"),
        )
        .order_by("program__jenis__kode")
    )
    return [
        BiayaJenis(
            kode=r["program__jenis__kode"],
            nama=r["program__jenis__nama"],
            jumlah_kegiatan=r["n"],
            realisasi=r["t_realisasi"],
            peserta=int(r["t_peserta"]),
            jp=int(r["t_jp"]),
        )
        for r in rows
    ]


def _total_biaya(baris: list[BiayaJenis], nama: str) -> BiayaJenis:
    return BiayaJenis(
        kode="",
        nama=nama,
        jumlah_kegiatan=sum(b.jumlah_kegiatan for b in baris),
        realisasi=sum((b.realisasi for b in baris), NOL),
        peserta=sum(b.peserta for b in baris),
        jp=sum(b.jp for b in baris),
    )


def biaya_per_jenis(tahun: int) -> list[BiayaJenis]:
    """Cost per graduate and per JP credited, by jenis pengembangan, of the events finished in
    the year (see the module's definitions)."""
    return _biaya_per_jenis(KegiatanPelatihan.objects.filter(tanggal_selesai__year=tahun))


def biaya_historis_per_jenis(sebelum_tahun: int) -> list[BiayaJenis]:
    """The same over every event finished before ``sebelum_tahun``: the city's own history."""
    awal = datetime.date(sebelum_tahun, 1, 1)
    return _biaya_per_jenis(KegiatanPelatihan.objects.filter(tanggal_selesai__lt=awal))


# --- partner funding pipeline --------------------------------------------------------------------


@dataclass(frozen=True)
class RingkasanUsulan:
    status: str
    nama: str
    jumlah_usulan: int
    jumlah: Decimal

    @property
    def jumlah_rp(self) -> str:
        return _rp(self.jumlah)


def usulan_per_status(tahun: int) -> list[RingkasanUsulan]:
    """Partner funding proposals for the year, counted and summed per status."""
    rows = {
        r["status"]: (r["n"], r["s"])
        for r in UsulanPendanaan.objects.filter(tahun=tahun)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"), s=Sum("jumlah"))
    }
    return [
        RingkasanUsulan(
            status=kode, nama=str(label), jumlah_usulan=rows[kode][0], jumlah=rows[kode][1]
        )
        for kode, label in UsulanPendanaan.Status.choices
        if kode in rows
    ]


def pilihan_tahun_anggaran(tahun_ini: int) -> list[int]:
    """Years with a budget, and the current one, newest first."""
    tahun = set(Anggaran.objects.order_by().values_list("tahun", flat=True).distinct())
    return sorted(tahun | {tahun_ini}, reverse=True)


def laporan_anggaran(tahun: int) -> dict:
    """Everything /laporan/anggaran/ and its downloads show for a budget year."""
    sumber = rekap_per_sumber(tahun)
    total = total_baris(sumber, _("Total"))
    opd = rekap_per_opd(tahun)
    program = rekap_per_program(tahun)
    biaya = biaya_per_jenis(tahun)
    return {
        "tahun": tahun,
        "sumber": sumber,
        "total": total,
        "opd": opd,
        "opd_total": total_baris(opd, _("Total")),
        "program": program,
        "program_total": total_baris(program, _("Total")),
        "penyerapan": penyerapan_bulanan(tahun, pagu=total.pagu or NOL),
        "biaya": biaya,
        "biaya_total": _total_biaya(biaya, _("Semua jenis")),
        "usulan": usulan_per_status(tahun),
    }


def baris_json_sumber(baris: list[BarisAnggaran]) -> list[dict]:
    """The per-source rows as the command prints them (keys of :data:`KOLOM_SUMBER`)."""
    return [
        {
            "sumber_dana": b.kunci,
            "pagu": angka(b.pagu),
            "dialokasikan": angka(b.dialokasikan),
            "realisasi": angka(b.realisasi),
            "sisa": angka(b.sisa),
        }
        for b in baris
    ]


def grafik_penyerapan(penyerapan: list[BulanPenyerapan]) -> dict:
    """Data of the absorption chart (drawn by static/js/anggaran.js)."""
    return {
        "label": [b.nama for b in penyerapan],
        "realisasi": [float(b.realisasi) for b in penyerapan],
        "persen_kumulatif": [
            None if b.persen_kumulatif is None else float(b.persen_kumulatif) for b in penyerapan
        ],
        "judul_realisasi": _("Realisasi per bulan"),
        "judul_kumulatif": _("Penyerapan kumulatif (% pagu)"),
    }


def grafik_sumber(sumber: list[BarisAnggaran]) -> dict:
    return {
        "label": [b.nama for b in sumber],
        "seri": [
            {"label": _("Pagu"), "data": [float(b.pagu) for b in sumber]},
            {"label": _("Dialokasikan"), "data": [float(b.dialokasikan) for b in sumber]},
            {"label": _("Realisasi"), "data": [float(b.realisasi) for b in sumber]},
        ],
    }


# --- what the JP target costs (point 5) ----------------------------------------------------------


@dataclass(frozen=True)
class KekuranganOPD:
    kode: str
    nama: str
    jumlah_asn: int
    di_bawah_target: int
    kekurangan_jp: int
    estimasi_biaya: Decimal | None

    @property
    def estimasi_biaya_rp(self) -> str:
        return _rp(self.estimasi_biaya)

    @property
    def persen_di_bawah(self) -> Decimal | None:
        return persen(self.di_bawah_target, self.jumlah_asn)


@dataclass(frozen=True)
class SkenarioJenis:
    """The city's whole shortfall priced at one jenis' historical cost per JP."""

    jenis: BiayaJenis
    estimasi_biaya: Decimal | None

    @property
    def estimasi_biaya_rp(self) -> str:
        return _rp(self.estimasi_biaya)


@dataclass
class BiayaMenujuTarget:
    tahun: int
    biaya_per_jp: Decimal | None  # the city's average over past years' finished events
    historis: list[BiayaJenis] = field(default_factory=list)
    historis_total: BiayaJenis | None = None
    opd: list[KekuranganOPD] = field(default_factory=list)
    total: KekuranganOPD | None = None
    skenario: list[SkenarioJenis] = field(default_factory=list)

    @property
    def biaya_per_jp_rp(self) -> str:
        return _rp(self.biaya_per_jp)


def _estimasi(kekurangan_jp: int, biaya_per_jp: Decimal | None) -> Decimal | None:
    return None if biaya_per_jp is None else _bulat(Decimal(kekurangan_jp) * biaya_per_jp)


def kekurangan_jp_per_opd(tahun: int) -> list[dict]:
    """Per OPD with active pegawai: active pegawai, how many are below their JP target in the
    year, and their summed shortfall in JP. One query over the JP compliance selector."""
    per_pegawai = (
        pegawai_with_jp(Pegawai.objects.filter(aktif=True), tahun=tahun)
        .order_by()
        .values_list("perangkat_daerah_id", "kurang_jp")
    )
    try:
        sql_pegawai, params = per_pegawai.query.sql_with_params()
    except EmptyResultSet:
        return []
    connection = connections[per_pegawai.db]
    qn = connection.ops.quote_name
    sql = f"""
        SELECT o.{qn("kode")}, o.{qn("nama")}, COUNT(*),
               COUNT(*) FILTER (WHERE t.kurang_jp > 0), COALESCE(SUM(t.kurang_jp), 0)
        FROM ({sql_pegawai}) AS t (opd_id, kurang_jp)
        JOIN {qn(PerangkatDaerah._meta.db_table)} AS o ON o.{qn("id")} = t.opd_id
        GROUP BY o.{qn("id")}
        ORDER BY o.{qn("kode")}
    """  # noqa: S608 - identifiers are quoted constants, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            {
                "kode": kode,
                "nama": nama,
                "jumlah_asn": jumlah,
                "di_bawah_target": kurang,
                "kekurangan_jp": int(jp),
            }
            for kode, nama, jumlah, kurang, jp in cursor.fetchall()
        ]


def biaya_menuju_target(tahun: int) -> BiayaMenujuTarget:
    """How many active ASN are below their JP target in ``tahun`` and what it would cost to
    bring them all to it, per OPD and city-wide, at the city's historical cost per JP (events
    finished before ``tahun``); with the same shortfall priced per jenis as scenarios."""
    historis = biaya_historis_per_jenis(tahun)
    historis_total = _total_biaya(historis, _("Rata-rata kota"))
    biaya_per_jp = historis_total.biaya_per_jp
    opd = [
        KekuranganOPD(**r, estimasi_biaya=_estimasi(r["kekurangan_jp"], biaya_per_jp))
        for r in kekurangan_jp_per_opd(tahun)
    ]
    kekurangan = sum(o.kekurangan_jp for o in opd)
    total = KekuranganOPD(
        kode="",
        nama=_("Kota Langsa"),
        jumlah_asn=sum(o.jumlah_asn for o in opd),
        di_bawah_target=sum(o.di_bawah_target for o in opd),
        kekurangan_jp=kekurangan,
        estimasi_biaya=_estimasi(kekurangan, biaya_per_jp),
    )
    skenario = [
        SkenarioJenis(jenis=j, estimasi_biaya=_estimasi(kekurangan, j.biaya_per_jp))
        for j in historis
    ]
    return BiayaMenujuTarget(
        tahun=tahun,
        biaya_per_jp=biaya_per_jp,
        historis=historis,
        historis_total=historis_total,
        opd=opd,
        total=total,
        skenario=skenario,
    )


# --- downloads: the page's XLSX and PDF, built alike for the page and its background job ---------


def tulis_berkas(berkas, data: dict, *, format_: str) -> None:
    """Write the report of :func:`laporan_anggaran` as ``xlsx`` or ``pdf`` into a binary file."""
    if format_ == "xlsx":
        tulis_xlsx(berkas, lembar_xlsx(data))
    elif format_ == "pdf":
        berkas.write(dokumen_pdf(data))
    else:
        raise ValueError(f"Format laporan anggaran tidak dikenal: {format_}")


def _lembar_anggaran(judul: str, kolom_kunci: str, kolom_jumlah: str, baris, total) -> Lembar:
    header = [
        kolom_kunci,
        "nama",
        kolom_jumlah,
        "pagu",
        "dialokasikan",
        "realisasi",
        "sisa",
        "persen_realisasi",
    ]
    return Lembar(
        judul,
        header,
        [
            (
                b.kunci,
                b.nama,
                b.jumlah,
                b.pagu,
                b.dialokasikan,
                b.realisasi,
                b.sisa,
                b.persen_realisasi,
            )
            for b in [*baris, total]
        ],
    )


def lembar_xlsx(data: dict) -> list[Lembar]:
    """The page's tables as sheets; amounts are numbers (Rupiah) so that Excel can sum them."""
    return [
        _lembar_anggaran(
            _("Per sumber dana"), "sumber_dana", "jumlah_anggaran", data["sumber"], data["total"]
        ),
        _lembar_anggaran(
            _("Per perangkat daerah"), "kode_opd", "jumlah_anggaran", data["opd"], data["opd_total"]
        ),
        _lembar_anggaran(
            _("Per program"),
            "kode_program",
            "jumlah_kegiatan",
            data["program"],
            data["program_total"],
        ),
        Lembar(
            _("Penyerapan bulanan"),
            ["bulan", "nama_bulan", "realisasi", "kumulatif", "persen_kumulatif"],
            [
                (b.bulan, b.nama, b.realisasi, b.kumulatif, b.persen_kumulatif)
                for b in data["penyerapan"]
            ],
        ),
        Lembar(
            _("Biaya per jenis"),
            [
                "kode_jenis",
                "jenis_pengembangan",
                "jumlah_kegiatan",
                "realisasi",
                "peserta_lulus",
                "jp_dikreditkan",
                "biaya_per_peserta",
                "biaya_per_jp",
            ],
            [
                (
                    b.kode,
                    b.nama,
                    b.jumlah_kegiatan,
                    b.realisasi,
                    b.peserta,
                    b.jp,
                    b.biaya_per_peserta,
                    b.biaya_per_jp,
                )
                for b in [*data["biaya"], data["biaya_total"]]
            ],
        ),
        Lembar(
            _("Ringkasan"),
            [_("Keterangan"), _("Nilai")],
            [
                ["tahun", data["tahun"]],
                ["dibuat_pada", timezone.localtime().replace(tzinfo=None)],
            ],
        ),
    ]


def _tabel(pdf, judul: str, kepala: list[str], baris: list[list[str]], lebar) -> None:
    pdf.ln(2)
    pdf.baris(judul, ukuran=11, gaya="B")
    pdf.set_font(HURUF, "", 8)
    rata = ("LEFT", *(["RIGHT"] * (len(kepala) - 1)))
    with pdf.table(col_widths=lebar, line_height=5, text_align=rata) as tabel:
        row = tabel.row()
        for teks in kepala:
            row.cell(teks_pdf(teks))
        for isi in baris:
            row = tabel.row()
            for teks in isi:
                row.cell(teks_pdf(teks))
    pdf.set_x(pdf.l_margin)


def _persen_teks(nilai) -> str:
    return "–" if nilai is None else f"{nilai:.2f}".replace(".", ",") + "%"


def _baris_pdf(baris, total) -> list[list[str]]:
    return [
        [
            b.nama,
            b.pagu_rp,
            b.dialokasikan_rp,
            b.realisasi_rp,
            b.sisa_rp,
            _persen_teks(b.persen_realisasi),
        ]
        for b in [*baris, total]
    ]


def dokumen_pdf(data: dict) -> bytes:
    """The same tables on A4 landscape, with the BKPSDM letterhead."""
    tahun = data["tahun"]
    judul = _("Laporan Anggaran Pengembangan Kompetensi ASN Tahun %(tahun)s") % {"tahun": tahun}
    pdf = DokumenPdf(orientasi="L", judul=judul)
    pdf.add_page()
    pdf.kop()
    pdf.baris(judul, ukuran=13, gaya="B", rata="C")
    pdf.baris(
        _("Dicetak %(tanggal)s") % {"tanggal": format_tanggal(timezone.localdate())},
        ukuran=9,
        rata="C",
    )
    lebar = (85, 38, 38, 38, 38, 30)
    kolom = [_("Pagu"), _("Dialokasikan"), _("Realisasi"), _("Sisa"), _("% realisasi")]
    _tabel(
        pdf,
        _("Per sumber dana"),
        [_("Sumber dana"), *kolom],
        _baris_pdf(data["sumber"], data["total"]),
        lebar,
    )
    _tabel(
        pdf,
        _("Per perangkat daerah"),
        [_("Pemegang anggaran"), *kolom],
        _baris_pdf(data["opd"], data["opd_total"]),
        lebar,
    )
    _tabel(
        pdf,
        _("Per program (alokasi ke kegiatan)"),
        [_("Program"), _("Dialokasikan"), _("Realisasi"), _("Sisa alokasi"), _("% realisasi")],
        [
            [b.nama, b.dialokasikan_rp, b.realisasi_rp, b.sisa_rp, _persen_teks(b.persen_realisasi)]
            for b in [*data["program"], data["program_total"]]
        ],
        (123, 38, 38, 38, 30),
    )
    _tabel(
        pdf,
        _("Penyerapan per bulan"),
        [_("Bulan"), _("Realisasi"), _("Kumulatif"), _("% pagu (kumulatif)")],
        [
            [b.nama, b.realisasi_rp, b.kumulatif_rp, _persen_teks(b.persen_kumulatif)]
            for b in data["penyerapan"]
        ],
        (85, 60, 60, 62),
    )
    _tabel(
        pdf,
        _("Biaya per peserta dan per JP menurut jenis pengembangan"),
        [
            _("Jenis"),
            _("Kegiatan"),
            _("Realisasi"),
            _("Peserta lulus"),
            _("JP"),
            _("Per peserta"),
            _("Per JP"),
        ],
        [
            [
                f"{b.kode} {b.nama}".strip(),
                str(b.jumlah_kegiatan),
                b.realisasi_rp,
                str(b.peserta),
                str(b.jp),
                b.biaya_per_peserta_rp,
                b.biaya_per_jp_rp,
            ]
            for b in [*data["biaya"], data["biaya_total"]]
        ],
        (85, 20, 38, 26, 20, 39, 39),
    )
    pdf.set_font(HURUF, "", 8)
    pdf.multi_cell(
        0,
        4,
        teks_pdf(
            _(
                "Sisa = pagu - realisasi. Biaya per peserta dan per JP: realisasi alokasi "
                "kegiatan yang selesai pada tahun ini dibagi jumlah peserta lulus dan jumlah JP "
                "yang dikreditkan."
            )
        ),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    return pdf.hasil()
