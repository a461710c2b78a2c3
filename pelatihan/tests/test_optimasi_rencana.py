"""The optimiser's inputs read from the year's plan: costs split into per-participant and fixed,
seats, JP of the year, targets, competency gaps and the budget; and the result laid out."""

import datetime
from decimal import Decimal

from django.utils import timezone

from pegawai.models import Pegawai
from pegawai.tests.factories import PegawaiFactory
from pelatihan.models import (
    Anggaran,
    RencanaKursiOPD,
    RencanaPengembangan,
    RincianBiayaRencana,
)
from pelatihan.optimasi import SEMUA_SUMBER
from pelatihan.optimasi_rencana import (
    laporan_optimasi,
    lembar_ekspor,
    masukan_optimasi,
    optimasi_jalankan,
)
from pelatihan.tests.factories import RiwayatPengembanganFactory, jenis
from pelatihan.tests.test_akpk_services import TAHUN, asesmen, kompetensi, standar

JUTA = Decimal(1_000_000)


def baris(nama, *, kursi, biaya, tahun=TAHUN, jp=24, sumber="apbk", kode_kompetensi=()):
    """A plan line with ``kursi`` {OPD: seats} and ``biaya`` [(kategori, jumlah)]."""
    r = RencanaPengembangan.objects.create(
        tahun=tahun, nama=nama, jenis=jenis("KL03"), jp=jp, sumber_dana=sumber
    )
    for opd, n in kursi.items():
        RencanaKursiOPD.objects.create(rencana=r, perangkat_daerah=opd, kursi=n)
    for kategori, jumlah in biaya:
        RincianBiayaRencana.objects.create(rencana=r, kategori=kategori, jumlah=jumlah)
    r.kompetensi.set([kompetensi(k) for k in kode_kompetensi])
    return r


def pagu(jumlah, *, tahun=TAHUN, sumber="apbk", **kwargs):
    return Anggaran.objects.create(
        tahun=tahun, sumber_dana=sumber, uraian=f"Pagu {sumber}", pagu=jumlah, **kwargs
    )


def test_a_plan_line_becomes_an_event_with_its_costs_split(pemeran):
    r = baris(
        "Pelayanan Prima",
        kursi={pemeran.opd: 3, pemeran.opd_lain: 1},
        biaya=[
            ("kontribusi", 3 * JUTA),
            ("kontribusi", JUTA),
            ("honorarium", 2 * JUTA),
            ("konsumsi", Decimal("500000")),
            ("perjalanan", Decimal("250000")),
            ("lainnya", Decimal("100000")),
        ],
        jp=32,
        kode_kompetensi=["M.01", "M.03"],
    )
    m = masukan_optimasi(tahun=TAHUN)
    (a,) = m.acara
    assert a.id == r.pk
    assert (a.nama, a.jp, a.sumber_dana) == ("Pelayanan Prima", 32, "apbk")
    assert a.kapasitas == 4
    assert dict(a.kursi_per_opd) == {pemeran.opd.pk: 3, pemeran.opd_lain.pk: 1}
    assert a.opd_sasaran == {pemeran.opd.pk, pemeran.opd_lain.pk}
    # Kontribusi per participant; every other category once per event.
    assert a.biaya_per_peserta == JUTA
    assert a.biaya_tetap == Decimal("2850000")
    assert a.biaya(4) == m.biaya_rencana[r.pk] == Decimal("6850000")
    assert a.kompetensi == {kompetensi("M.01").pk, kompetensi("M.03").pk}


def test_kontribusi_per_seat_is_rounded_to_the_sen(pemeran):
    baris("Tiga kursi", kursi={pemeran.opd: 3}, biaya=[("kontribusi", Decimal(100))])
    (a,) = masukan_optimasi(tahun=TAHUN).acara
    assert a.biaya_per_peserta == Decimal("33.33")
    assert a.biaya_tetap == 0


def test_a_line_without_seats_is_all_fixed_cost_and_never_funded(pemeran):
    baris("Tanpa kursi", kursi={}, biaya=[("kontribusi", JUTA), ("honorarium", JUTA)])
    pagu(100 * JUTA)
    m = masukan_optimasi(tahun=TAHUN)
    (a,) = m.acara
    assert (a.kapasitas, a.biaya_per_peserta, a.biaya_tetap) == (0, 0, 2 * JUTA)
    hasil = optimasi_jalankan(masukan=m)
    assert not hasil.terpilih
    assert [t.acara.id for t in hasil.tidak_terpilih] == [a.id]


def test_the_asn_are_the_active_pegawai_of_the_opds_with_seats(pemeran):
    baris("Dinkes saja", kursi={pemeran.opd: 2}, biaya=[("kontribusi", JUTA)])
    PegawaiFactory(perangkat_daerah=pemeran.opd, aktif=False)
    m = masukan_optimasi(tahun=TAHUN)
    diharapkan = set(
        Pegawai.objects.filter(perangkat_daerah=pemeran.opd, aktif=True).values_list(
            "pk", flat=True
        )
    )
    assert len(diharapkan) == 4
    assert {a.id for a in m.asn} == diharapkan
    assert {a.opd_id for a in m.asn} == {pemeran.opd.pk}
    asn = next(a for a in m.asn if a.id == pemeran.asn.pegawai.pk)
    assert asn.nama == pemeran.asn.pegawai.nama
    assert m.nip[asn.id] == pemeran.asn.pegawai.nip


def test_jp_of_the_year_so_far_and_the_target(pemeran, settings):
    settings.JP_TARGET_PER_TAHUN = {**settings.JP_TARGET_PER_TAHUN, "PNS": 20, "PPPK": 24}
    tahun_ini = timezone.localdate().year
    awal = datetime.date(tahun_ini, 1, 1)
    pegawai = pemeran.asn.pegawai
    RiwayatPengembanganFactory(pegawai=pegawai, tanggal_mulai=awal, tanggal_selesai=awal, jp=8)
    RiwayatPengembanganFactory(
        pegawai=pegawai, tanggal_mulai=awal, tanggal_selesai=awal, jp=5, klaim=True
    )
    lalu = datetime.date(tahun_ini - 1, 6, 1)
    RiwayatPengembanganFactory(pegawai=pegawai, tanggal_mulai=lalu, tanggal_selesai=lalu, jp=40)
    pppk = PegawaiFactory(perangkat_daerah=pemeran.opd, jenis_pegawai="PPPK")
    for tahun in (tahun_ini, TAHUN):
        baris(f"Baris {tahun}", tahun=tahun, kursi={pemeran.opd: 2}, biaya=[])

    sekarang = {a.id: a for a in masukan_optimasi(tahun=tahun_ini).asn}
    # Only verified rows of the year count; a claim still waiting does not.
    assert sekarang[pegawai.pk].jp_tahun_ini == 8
    assert sekarang[pegawai.pk].target_jp == 20
    assert sekarang[pppk.pk].target_jp == 24
    # The plan's year has not begun: nobody has JP in it yet.
    depan = {a.id: a for a in masukan_optimasi(tahun=TAHUN).asn}
    assert depan[pegawai.pk].jp_tahun_ini == 0
    assert depan[pegawai.pk].kekurangan_jp == 20


def test_gaps_are_standard_minus_the_latest_assessment_in_targeted_competencies(pemeran):
    asn, rekan, operator = (
        pemeran.asn.pegawai,
        pemeran.asn_lain_satu_opd.pegawai,
        pemeran.operator.pegawai,
    )
    # One jabatan for all of them (the factory's): one standard each.
    standar(asn, "M.01", 4)
    standar(asn, "M.02", 3)
    asesmen(asn, "M.01", TAHUN - 3, 1)
    asesmen(asn, "M.01", TAHUN - 1, 3)  # the latest: gap 1
    asesmen(asn, "M.02", TAHUN - 1, 1)  # gap 2, but no line targets M.02
    asesmen(rekan, "M.01", TAHUN - 1, 2)  # gap 2
    asesmen(rekan, "M.01", TAHUN + 1, 4)  # after the plan's year: ignored
    asesmen(operator, "M.01", TAHUN - 1, 5)  # above the standard: no gap
    baris("M.01", kursi={pemeran.opd: 2}, biaya=[], kode_kompetensi=["M.01"])
    gap = {a.id: dict(a.gap) for a in masukan_optimasi(tahun=TAHUN).asn}
    m01 = kompetensi("M.01").pk
    assert gap[asn.pk] == {m01: 1}
    assert gap[rekan.pk] == {m01: 2}
    assert gap[operator.pk] == {}
    assert gap[pemeran.kepala.pegawai.pk] == {}  # not assessed


def test_the_budget_is_the_years_pagu_per_source(pemeran):
    pagu(500 * JUTA)
    pagu(250 * JUTA, perangkat_daerah=pemeran.opd)
    pagu(100 * JUTA, sumber="apba")
    pagu(900 * JUTA, tahun=TAHUN - 1)
    assert masukan_optimasi(tahun=TAHUN).pagu == {"apba": 100 * JUTA, "apbk": 750 * JUTA}


def test_the_best_of_two_lines_within_the_budget(pemeran):
    """Four Dinkes ASN or two Disdikbud ASN, budget for one line: Dinkes's."""
    dinkes = baris(
        "Dinkes", kursi={pemeran.opd: 4}, biaya=[("kontribusi", 4 * JUTA), ("honorarium", 2 * JUTA)]
    )
    disdik = baris(
        "Disdikbud",
        kursi={pemeran.opd_lain: 2},
        biaya=[("kontribusi", 2 * JUTA), ("honorarium", 2 * JUTA)],
    )
    pagu(6 * JUTA)
    m = masukan_optimasi(tahun=TAHUN)
    hasil = optimasi_jalankan(masukan=m)
    assert [k.acara.id for k in hasil.terpilih] == [dinkes.pk]
    assert hasil.jumlah_tercapai == 4
    assert hasil.biaya_per_sumber["apbk"] <= 6 * JUTA
    laporan = laporan_optimasi(m, hasil)
    assert [t.acara.id for t in laporan.tidak_terpilih] == [disdik.pk]
    # The reason names the source as the budget pages do.
    assert "sisa anggaran APBK (APBD Kota) Rp " in laporan.tidak_terpilih[0].alasan
    assert laporan.di_bawah_target == 6
    assert len(laporan.belum_tercapai) == 2
    assert all(a.alasan for a in laporan.belum_tercapai)
    assert [(o.opd.id, o.kursi, o.tercapai) for o in laporan.opd_terbantu] == [
        (pemeran.opd.pk, 4, 4)
    ]
    # One total instead: the same choice, the budget row is "all sources".
    hasil_total = optimasi_jalankan(masukan=m, total=6 * JUTA)
    assert [k.acara.id for k in hasil_total.terpilih] == [dinkes.pk]
    assert list(hasil_total.anggaran) == [SEMUA_SUMBER]


def test_the_export_rows(pemeran):
    baris("Dinkes", kursi={pemeran.opd: 4, pemeran.opd_lain: 1}, biaya=[("kontribusi", 5 * JUTA)])
    baris("=Mahal", kursi={pemeran.opd_lain: 2}, biaya=[("honorarium", 90 * JUTA)])
    pagu(6 * JUTA)
    m = masukan_optimasi(tahun=TAHUN)
    lembar = {
        j: (h, b) for j, h, b in lembar_ekspor(laporan_optimasi(m, optimasi_jalankan(masukan=m)))
    }
    assert list(lembar) == ["Kegiatan terpilih", "Tidak terpilih", "ASN"]
    header, terpilih = lembar["Kegiatan terpilih"]
    assert header[0] == "Kegiatan"
    # One row per OPD with seats, by OPD kode (Disdikbud 3.01, Dinkes 3.02); the cost once.
    assert [(r[0], r[4], r[5], r[6]) for r in terpilih] == [
        ("Dinkes", pemeran.opd_lain.nama, 1, 1),
        ("Dinkes", pemeran.opd.nama, 4, 4),
    ]
    assert [r[7] for r in terpilih] == [5 * JUTA, None]
    _header, tidak = lembar["Tidak terpilih"]
    assert [r[0] for r in tidak] == ["=Mahal"]
    assert tidak[0][5]
    _header, asn = lembar["ASN"]
    assert len(asn) == 6
    assert sum(r[7] == "Ya" for r in asn) == 5
