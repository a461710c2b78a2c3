"""The budget optimiser on the year's development plan: its inputs read from the database, its
result laid out for the page and the XLSX export. The solving is ``pelatihan.optimasi``.

From the plan (``RencanaPengembangan`` of the year), one ``AcaraKandidat`` per line:

- ``jp``, ``sumber_dana`` and ``kompetensi`` (ids of the targeted competencies) as on the line;
- ``kapasitas`` = all its seats, ``kursi_per_opd`` = its ``RencanaKursiOPD``, and only those OPDs
  may take seats (``opd_sasaran``);
- cost: the *kontribusi peserta* lines are paid per participant, so ``biaya_per_peserta`` = their
  sum ÷ seats (rounded to the sen); honorarium, konsumsi, perjalanan dinas and lainnya are paid
  once the event is held, whatever its size, so they make ``biaya_tetap``. A line without seats
  can seat nobody and is never funded.

The ASN: every active pegawai of an OPD with seats in some line, with ``jp_tahun_ini`` = verified
JP of the plan year so far (0 for a year that has not begun), the target of their jenis pegawai
(``jp_target_expression``), and ``gap`` = standard of their jabatan − their latest assessment up
to the plan year, for the competencies the plan targets (positive gaps only; a competency not yet
assessed counts for nothing).

The budget: by default the pagu of every ``Anggaran`` of the year per source (held by BKPSDM or
by an OPD); or one total entered by the user for every source.

Seven queries, however many lines, OPDs and pegawai.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Prefetch, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pegawai.models import AsesmenKompetensi, Pegawai, StandarKompetensiJabatan
from pelatihan.models import (
    Anggaran,
    RencanaKursiOPD,
    RencanaPengembangan,
    RincianBiayaRencana,
    SumberDana,
    format_rupiah,
)
from pelatihan.optimasi import (
    SEMUA_SUMBER,
    AcaraKandidat,
    AsnKandidat,
    HasilOptimasi,
    anggaran_optimize,
)
from pelatihan.selectors import pegawai_with_jp

SEN = Decimal("0.01")
# Seconds the solver may take for one run, in a worker (the demo's plan needs well under one).
BATAS_WAKTU = 10.0
# ASN not reached listed on the page; the export has all of them.
ASN_DITAMPILKAN = 100

KOLOM_TERPILIH = (
    gettext_lazy("Kegiatan"),
    gettext_lazy("JP"),
    gettext_lazy("Sumber dana"),
    gettext_lazy("Kode OPD"),
    gettext_lazy("Perangkat daerah"),
    gettext_lazy("Kursi direncanakan"),
    gettext_lazy("Kursi didanai"),
    gettext_lazy("Biaya kegiatan (Rp)"),
)
KOLOM_TIDAK_TERPILIH = (
    gettext_lazy("Kegiatan"),
    gettext_lazy("JP"),
    gettext_lazy("Sumber dana"),
    gettext_lazy("Kursi"),
    gettext_lazy("Perkiraan biaya (Rp)"),
    gettext_lazy("Alasan"),
)
KOLOM_ASN = (
    gettext_lazy("NIP"),
    gettext_lazy("Nama"),
    gettext_lazy("Kode OPD"),
    gettext_lazy("JP tahun ini"),
    gettext_lazy("Target JP"),
    gettext_lazy("JP tambahan"),
    gettext_lazy("Kegiatan"),
    gettext_lazy("Mencapai target"),
    gettext_lazy("Bobot kesenjangan"),
    gettext_lazy("Alasan"),
)


def _sen(nilai: Decimal) -> Decimal:
    return nilai.quantize(SEN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Opd:
    id: int
    kode: str
    singkatan: str
    nama: str

    @property
    def label(self) -> str:
        return self.singkatan or self.nama


@dataclass
class MasukanOptimasi:
    """What the optimiser gets for a year, with what the page needs to name things."""

    tahun: int
    acara: list[AcaraKandidat]
    asn: list[AsnKandidat]
    pagu: dict[str, Decimal]  # per source, from the year's Anggaran
    rencana: dict[int, RencanaPengembangan]
    biaya_rencana: dict[int, Decimal]  # the line's whole cost, all seats filled
    opd: dict[int, Opd]
    nip: dict[int, str]


def masukan_optimasi(*, tahun: int) -> MasukanOptimasi:
    """The inputs for the plan of ``tahun`` (see the module docstring), in seven queries."""
    rencana = list(
        RencanaPengembangan.objects.filter(tahun=tahun)
        .prefetch_related(
            Prefetch(
                "kursi_opd",
                queryset=RencanaKursiOPD.objects.select_related("perangkat_daerah").order_by(
                    "perangkat_daerah__kode", "pk"
                ),
            ),
            Prefetch("rincian_biaya", queryset=RincianBiayaRencana.objects.order_by("pk")),
            Prefetch("kompetensi"),
        )
        .order_by("bulan_rencana", "nama", "pk")
    )
    acara, biaya_rencana, opd = [], {}, {}
    for r in rencana:
        kursi = {}
        for k in r.kursi_opd.all():
            kursi[k.perangkat_daerah_id] = k.kursi
            p = k.perangkat_daerah
            opd[p.pk] = Opd(p.pk, p.kode, p.singkatan, p.nama)
        kapasitas = sum(kursi.values())
        kontribusi, tetap = Decimal(0), Decimal(0)
        for b in r.rincian_biaya.all():
            if b.kategori == RincianBiayaRencana.Kategori.KONTRIBUSI:
                kontribusi += b.jumlah
            else:
                tetap += b.jumlah
        biaya_rencana[r.pk] = kontribusi + tetap
        if kapasitas:
            per_peserta = _sen(kontribusi / kapasitas)
        else:  # nobody to pay for: the whole cost is fixed (the line is never funded)
            per_peserta, tetap = Decimal(0), tetap + kontribusi
        acara.append(
            AcaraKandidat(
                id=r.pk,
                nama=r.nama,
                jp=r.jp,
                biaya_tetap=tetap,
                biaya_per_peserta=per_peserta,
                sumber_dana=r.sumber_dana,
                kapasitas=kapasitas,
                kursi_per_opd=kursi,
                opd_sasaran=frozenset(kursi),
                kompetensi=frozenset(k.pk for k in r.kompetensi.all()),
            )
        )

    opd_ids = sorted(opd)
    kompetensi_ids = sorted({k for a in acara for k in a.kompetensi})
    pegawai = list(
        pegawai_with_jp(
            Pegawai.objects.filter(aktif=True, perangkat_daerah_id__in=opd_ids), tahun=tahun
        )
        .order_by("perangkat_daerah__kode", "nama", "pk")
        .values_list("pk", "nip", "nama", "perangkat_daerah_id", "total_jp", "target_jp")
    )
    gap = _kesenjangan(opd_ids=opd_ids, kompetensi_ids=kompetensi_ids, tahun=tahun)
    belum_mulai = tahun > timezone.localdate().year
    asn = [
        AsnKandidat(
            id=pk,
            opd_id=opd_id,
            jp_tahun_ini=0 if belum_mulai else int(jp),
            target_jp=int(target),
            gap=gap.get(pk, {}),
            nama=nama,
        )
        for pk, _nip, nama, opd_id, jp, target in pegawai
    ]
    pagu = dict(
        Anggaran.objects.filter(tahun=tahun)
        .values("sumber_dana")
        .annotate(total=Sum("pagu"))
        .order_by("sumber_dana")
        .values_list("sumber_dana", "total")
    )
    return MasukanOptimasi(
        tahun=tahun,
        acara=acara,
        asn=asn,
        pagu=pagu,
        rencana={r.pk: r for r in rencana},
        biaya_rencana=biaya_rencana,
        opd=opd,
        nip={p[0]: p[1] for p in pegawai},
    )


def _kesenjangan(*, opd_ids, kompetensi_ids, tahun: int) -> dict[int, dict[int, int]]:
    """Positive gaps per active pegawai of the OPDs in the competencies given, one query."""
    if not opd_ids or not kompetensi_ids:
        return {}
    pegawai = Pegawai._meta.db_table
    standar = StandarKompetensiJabatan._meta.db_table
    asesmen = AsesmenKompetensi._meta.db_table
    # The latest assessment up to the year comes from the unique index (pegawai, kompetensi,
    # tahun), one probe per required competency of each pegawai.
    sql = f"""
        SELECT p.id, s.kompetensi_id, s.level - a.level
        FROM {pegawai} AS p
        JOIN {standar} AS s ON s.jabatan_id = p.jabatan_id
        JOIN LATERAL (
            SELECT a.level FROM {asesmen} AS a
            WHERE a.pegawai_id = p.id AND a.kompetensi_id = s.kompetensi_id AND a.tahun <= %s
            ORDER BY a.tahun DESC LIMIT 1
        ) AS a ON TRUE
        WHERE p.aktif AND p.perangkat_daerah_id = ANY(%s) AND s.kompetensi_id = ANY(%s)
          AND s.level > a.level
    """  # noqa: S608 - table names from the models, values as parameters
    hasil: dict[int, dict[int, int]] = defaultdict(dict)
    with connection.cursor() as cursor:
        cursor.execute(sql, [tahun, list(opd_ids), list(kompetensi_ids)])
        for pegawai_id, kompetensi_id, nilai in cursor.fetchall():
            hasil[pegawai_id][kompetensi_id] = int(nilai)
    return dict(hasil)


def optimasi_jalankan(
    *, masukan: MasukanOptimasi, total: Decimal | None = None, batas_waktu: float = BATAS_WAKTU
) -> HasilOptimasi:
    """Run the optimiser: per source with the year's pagu, or with one ``total``."""
    anggaran = total if total is not None else masukan.pagu
    return anggaran_optimize(
        acara=masukan.acara,
        asn=masukan.asn,
        anggaran=anggaran,
        batas_waktu=batas_waktu,
        nama_sumber={s: label_sumber(s) for s in SumberDana.values},
    )


# ---------------------------------------------------------------------------------------------
# The result as the page and the export read it.
# ---------------------------------------------------------------------------------------------


def label_sumber(sumber: str) -> str:
    if sumber == SEMUA_SUMBER:
        return _("Semua sumber dana")
    return str(SumberDana(sumber).label) if sumber in SumberDana.values else sumber


@dataclass
class BarisAnggaran:
    sumber: str
    anggaran: Decimal
    terpakai: Decimal
    rencana: Decimal  # the whole plan's cost from this source

    @property
    def label(self) -> str:
        return label_sumber(self.sumber)

    @property
    def sisa(self) -> Decimal:
        return self.anggaran - self.terpakai

    def rupiah(self) -> dict[str, str]:
        return {
            "anggaran": format_rupiah(self.anggaran),
            "terpakai": format_rupiah(self.terpakai),
            "sisa": format_rupiah(self.sisa),
            "rencana": format_rupiah(self.rencana),
        }


@dataclass
class BarisTerpilih:
    acara: AcaraKandidat
    kursi: list[tuple[Opd, int, int]]  # OPD, planned seats, funded seats
    peserta: int
    biaya: Decimal
    biaya_rencana: Decimal

    @property
    def label_sumber(self) -> str:
        return label_sumber(self.acara.sumber_dana)

    @property
    def biaya_rupiah(self) -> str:
        return format_rupiah(self.biaya)

    @property
    def biaya_rencana_rupiah(self) -> str:
        return format_rupiah(self.biaya_rencana)


@dataclass
class BarisTidakTerpilih:
    acara: AcaraKandidat
    biaya_rencana: Decimal
    alasan: str

    @property
    def label_sumber(self) -> str:
        return label_sumber(self.acara.sumber_dana)

    @property
    def biaya_rencana_rupiah(self) -> str:
        return format_rupiah(self.biaya_rencana)


@dataclass
class BarisOpd:
    opd: Opd
    asn: int = 0  # active pegawai
    di_bawah_target: int = 0
    tercapai: int = 0
    kursi: int = 0  # funded seats


@dataclass
class BarisAsn:
    nip: str
    nama: str
    opd: Opd | None
    jp_tahun_ini: int
    target_jp: int
    jp_tambahan: int
    kegiatan: list[str]
    tercapai: bool
    bobot_kesenjangan: int
    alasan: str


@dataclass
class LaporanOptimasi:
    tahun: int
    hasil: HasilOptimasi
    per_sumber: bool
    anggaran: list[BarisAnggaran]
    terpilih: list[BarisTerpilih]
    tidak_terpilih: list[BarisTidakTerpilih]
    opd: list[BarisOpd]
    asn: list[BarisAsn] = field(default_factory=list)  # every ASN below target

    @property
    def di_bawah_target(self) -> int:
        return len(self.asn)

    @property
    def belum_tercapai(self) -> list[BarisAsn]:
        return [a for a in self.asn if not a.tercapai]

    @property
    def belum_tercapai_ditampilkan(self) -> list[BarisAsn]:
        return self.belum_tercapai[:ASN_DITAMPILKAN]

    @property
    def alasan_belum_tercapai(self) -> list[tuple[str, int]]:
        return Counter(a.alasan for a in self.belum_tercapai).most_common()

    @property
    def total(self) -> BarisAnggaran:
        return BarisAnggaran(
            SEMUA_SUMBER,
            sum((b.anggaran for b in self.anggaran), Decimal(0)),
            sum((b.terpakai for b in self.anggaran), Decimal(0)),
            sum((b.rencana for b in self.anggaran), Decimal(0)),
        )

    @property
    def opd_terbantu(self) -> list[BarisOpd]:
        return [o for o in self.opd if o.kursi]


def laporan_optimasi(masukan: MasukanOptimasi, hasil: HasilOptimasi) -> LaporanOptimasi:
    """The result with names: chosen lines with seats per OPD, lines left out, ASN and OPDs."""
    per_sumber = SEMUA_SUMBER not in hasil.anggaran
    rencana_per_sumber: dict[str, Decimal] = defaultdict(Decimal)
    for a in masukan.acara:
        sumber = a.sumber_dana if per_sumber else SEMUA_SUMBER
        rencana_per_sumber[sumber] += masukan.biaya_rencana[a.id]
    sumber_semua = list(hasil.anggaran) + [s for s in rencana_per_sumber if s not in hasil.anggaran]
    anggaran = [
        BarisAnggaran(
            s,
            hasil.anggaran.get(s, Decimal(0)),
            hasil.biaya_per_sumber.get(s, Decimal(0)),
            rencana_per_sumber.get(s, Decimal(0)),
        )
        for s in sumber_semua
    ]
    terpilih = [
        BarisTerpilih(
            acara=k.acara,
            kursi=[
                (masukan.opd[o], n, k.kursi_per_opd.get(o, 0))
                for o, n in k.acara.kursi_per_opd.items()
            ],
            peserta=k.jumlah_peserta,
            biaya=k.biaya,
            biaya_rencana=masukan.biaya_rencana[k.acara.id],
        )
        for k in hasil.terpilih
    ]
    tidak = [
        BarisTidakTerpilih(t.acara, masukan.biaya_rencana[t.acara.id], t.alasan)
        for t in hasil.tidak_terpilih
    ]
    nama_acara = {a.id: a.nama for a in masukan.acara}
    opd = {o: BarisOpd(v) for o, v in sorted(masukan.opd.items(), key=lambda x: x[1].kode)}
    for a in masukan.asn:
        opd[a.opd_id].asn += 1
    for k in hasil.terpilih:
        for o, n in k.kursi_per_opd.items():
            opd[o].kursi += n
    asn = []
    for h in hasil.asn:
        baris_opd = opd.get(h.asn.opd_id)
        baris_opd.di_bawah_target += 1
        baris_opd.tercapai += h.tercapai
        asn.append(
            BarisAsn(
                nip=masukan.nip.get(h.asn.id, ""),
                nama=h.asn.nama,
                opd=baris_opd.opd,
                jp_tahun_ini=h.asn.jp_tahun_ini,
                target_jp=h.asn.target_jp,
                jp_tambahan=h.jp_tambahan,
                kegiatan=[nama_acara[e] for e in h.acara_ids],
                tercapai=h.tercapai,
                bobot_kesenjangan=h.bobot_kesenjangan,
                alasan=h.alasan,
            )
        )
    return LaporanOptimasi(
        tahun=masukan.tahun,
        hasil=hasil,
        per_sumber=per_sumber,
        anggaran=anggaran,
        terpilih=terpilih,
        tidak_terpilih=tidak,
        opd=list(opd.values()),
        asn=asn,
    )


def lembar_ekspor(laporan: LaporanOptimasi) -> list[tuple[str, tuple[str, ...], list[list]]]:
    """Sheets "Kegiatan terpilih" (one row per line and OPD with seats; the event's cost on its
    first row only, so that the column adds up), "Tidak terpilih" and "ASN" (every ASN below
    target), as (title, header, rows)."""
    terpilih = [
        [
            b.acara.nama,
            b.acara.jp,
            b.label_sumber,
            o.kode,
            o.nama,
            rencana,
            didanai,
            b.biaya if i == 0 else None,
        ]
        for b in laporan.terpilih
        for i, (o, rencana, didanai) in enumerate(b.kursi)
    ]
    tidak = [
        [t.acara.nama, t.acara.jp, t.label_sumber, t.acara.kapasitas, t.biaya_rencana, t.alasan]
        for t in laporan.tidak_terpilih
    ]
    asn = [
        [
            a.nip,
            a.nama,
            a.opd.kode if a.opd else "",
            a.jp_tahun_ini,
            a.target_jp,
            a.jp_tambahan,
            "; ".join(a.kegiatan),
            _("Ya") if a.tercapai else _("Tidak"),
            a.bobot_kesenjangan,
            a.alasan,
        ]
        for a in laporan.asn
    ]
    return [
        (_("Kegiatan terpilih"), tuple(str(k) for k in KOLOM_TERPILIH), terpilih),
        (_("Tidak terpilih"), tuple(str(k) for k in KOLOM_TIDAK_TERPILIH), tidak),
        (_("ASN"), tuple(str(k) for k in KOLOM_ASN), asn),
    ]
