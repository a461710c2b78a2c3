"""JP reads on the ledger: the 20 JP rule (DESIGN §5) as SQL."""

import datetime
from decimal import Decimal

import pytest

from pegawai.models import JenisPegawai, Pegawai
from pegawai.tests.factories import PegawaiFactory, PerangkatDaerahFactory
from pelatihan import selectors
from pelatihan.models import RiwayatPengembangan
from pelatihan.tests.factories import RiwayatPengembanganFactory

Status = RiwayatPengembangan.Status
D = datetime.date


def baris(pegawai, jp, selesai, *, mulai=None, status=Status.TERVERIFIKASI):
    return RiwayatPengembanganFactory(
        pegawai=pegawai,
        jp=jp,
        tanggal_mulai=mulai or selesai,
        tanggal_selesai=selesai,
        status=status,
        alasan_penolakan="Tidak sah." if status == Status.DITOLAK else "",
    )


def jp_of(pegawai, tahun):
    return (
        selectors.pegawai_with_jp(Pegawai.objects.filter(pk=pegawai.pk), tahun=tahun)
        .values("total_jp", "target_jp", "kurang_jp", "memenuhi_target")
        .get()
    )


@pytest.fixture
def opd(db):
    return PerangkatDaerahFactory()


def test_it_counts_only_verified_rows_of_the_year_by_end_date(opd):
    p = PegawaiFactory(perangkat_daerah=opd)
    baris(p, 12, D(2025, 1, 2), mulai=D(2024, 12, 30))  # 2025: the end date decides
    baris(p, 5, D(2025, 12, 31))
    baris(p, 7, D(2024, 12, 31))
    baris(p, 40, D(2025, 6, 1), status=Status.MENUNGGU)
    baris(p, 40, D(2025, 6, 2), status=Status.DITOLAK)
    assert jp_of(p, 2025) == {
        "total_jp": 17,
        "target_jp": 20,
        "kurang_jp": 3,
        "memenuhi_target": False,
    }
    assert jp_of(p, 2024)["total_jp"] == 7
    assert jp_of(p, 2023) == {
        "total_jp": 0,
        "target_jp": 20,
        "kurang_jp": 20,
        "memenuhi_target": False,
    }


def test_reaching_the_target_exactly_meets_it(opd):
    p = PegawaiFactory(perangkat_daerah=opd)
    baris(p, 20, D(2025, 3, 1))
    assert jp_of(p, 2025)["memenuhi_target"] is True
    assert jp_of(p, 2025)["kurang_jp"] == 0


def test_the_target_comes_from_the_settings_per_jenis(opd, settings):
    settings.JP_TARGET_PER_TAHUN = {"PNS": 20, "CPNS": 30, "PPPK": 24}
    pns = PegawaiFactory(perangkat_daerah=opd, jenis_pegawai=JenisPegawai.PNS)
    pppk = PegawaiFactory(perangkat_daerah=opd, jenis_pegawai=JenisPegawai.PPPK)
    for p in (pns, pppk):
        baris(p, 22, D(2025, 3, 1))
    assert jp_of(pns, 2025)["memenuhi_target"] is True
    assert jp_of(pppk, 2025) == {
        "total_jp": 22,
        "target_jp": 24,
        "kurang_jp": 2,
        "memenuhi_target": False,
    }
    assert selectors.jp_target("CPNS") == 30


def test_rekap_per_opd_counts_active_pegawai_and_rounds_half_up(opd, django_assert_num_queries):
    lain = PerangkatDaerahFactory()
    kosong = PerangkatDaerahFactory()
    a, b, c = PegawaiFactory.create_batch(3, perangkat_daerah=opd)
    baris(a, 20, D(2025, 2, 1))
    baris(b, 1, D(2025, 2, 1))
    keluar = PegawaiFactory(perangkat_daerah=opd, aktif=False)
    baris(keluar, 50, D(2025, 2, 1))
    baris(PegawaiFactory(perangkat_daerah=lain), 25, D(2025, 2, 1))
    PegawaiFactory(perangkat_daerah=kosong, aktif=False)
    with django_assert_num_queries(1):
        hasil = selectors.rekap_jp_per_opd(Pegawai.objects.all(), tahun=2025)
    assert [h["kode_opd"] for h in hasil] == [opd.kode, lain.kode]  # kosong is absent
    assert hasil[0] == {
        "kode_opd": opd.kode,
        "nama_opd": opd.nama,
        "jumlah_asn": 3,
        "memenuhi_target": 1,
        "persen_memenuhi": Decimal("33.33"),
        "total_jp": 21,
        "rata_rata_jp": Decimal("7.00"),
    }
    assert hasil[1]["persen_memenuhi"] == Decimal("100.00")
    baris(c, 30, D(2025, 2, 1))
    assert selectors.rekap_jp_per_opd(Pegawai.objects.all(), tahun=2025)[0][
        "persen_memenuhi"
    ] == Decimal("66.67")


def test_rekap_rounds_half_away_from_zero(opd):
    # 1 JP over 8 pegawai = 0.125 → 0.13 (banker's rounding would give 0.12)
    pegawai = PegawaiFactory.create_batch(8, perangkat_daerah=opd)
    baris(pegawai[0], 1, D(2025, 2, 1))
    (hasil,) = selectors.rekap_jp_per_opd(Pegawai.objects.all(), tahun=2025)
    assert hasil["rata_rata_jp"] == Decimal("0.13")
    assert hasil["persen_memenuhi"] == Decimal("0.00")


def test_rekap_sorts_by_a_whitelisted_column_and_refuses_others(opd):
    lain = PerangkatDaerahFactory()
    baris(PegawaiFactory(perangkat_daerah=opd), 3, D(2025, 2, 1))
    baris(PegawaiFactory(perangkat_daerah=lain), 30, D(2025, 2, 1))
    qs = Pegawai.objects.all()
    turun = selectors.rekap_jp_per_opd(qs, tahun=2025, urut="total_jp", turun=True)
    assert [h["kode_opd"] for h in turun] == [lain.kode, opd.kode]
    naik = selectors.rekap_jp_per_opd(qs, tahun=2025, urut="total_jp")
    assert [h["kode_opd"] for h in naik] == [opd.kode, lain.kode]
    with pytest.raises(ValueError, match="Kolom urut"):
        selectors.rekap_jp_per_opd(qs, tahun=2025, urut="1; DROP TABLE x")


def test_rekap_respects_the_scope_of_the_queryset(opd):
    lain = PerangkatDaerahFactory()
    PegawaiFactory(perangkat_daerah=opd)
    PegawaiFactory(perangkat_daerah=lain)
    hasil = selectors.rekap_jp_per_opd(Pegawai.objects.filter(perangkat_daerah=lain), tahun=2025)
    assert [h["kode_opd"] for h in hasil] == [lain.kode]


def test_rekap_of_an_empty_scope_is_empty(opd, django_assert_num_queries):
    PegawaiFactory(perangkat_daerah=opd)
    with django_assert_num_queries(0):
        assert selectors.rekap_jp_per_opd(Pegawai.objects.none(), tahun=2025) == []


def test_rekap_total_rounds_like_postgresql():
    total = selectors.rekap_jp_total(
        [
            {"jumlah_asn": 6, "memenuhi_target": 1, "total_jp": 1},
            {"jumlah_asn": 2, "memenuhi_target": 0, "total_jp": 0},
        ]
    )
    assert total == {
        "jumlah_asn": 8,
        "memenuhi_target": 1,
        "persen_memenuhi": Decimal("12.50"),
        "total_jp": 1,
        "rata_rata_jp": Decimal("0.13"),
    }
    assert selectors.rekap_jp_total([])["persen_memenuhi"] is None


def test_rentang_tahun_reads_verified_rows_only(opd):
    assert selectors.rentang_tahun_riwayat() is None
    p = PegawaiFactory(perangkat_daerah=opd)
    baris(p, 3, D(2019, 5, 1), status=Status.MENUNGGU)
    baris(p, 3, D(2021, 5, 1))
    baris(p, 3, D(2024, 1, 1), mulai=D(2023, 12, 20))
    assert selectors.rentang_tahun_riwayat() == (2021, 2024)


def test_transkrip_groups_rows_by_year_newest_first(opd, django_assert_num_queries):
    p = PegawaiFactory(perangkat_daerah=opd)
    a = baris(p, 12, D(2025, 1, 3), mulai=D(2024, 12, 28))
    b = baris(p, 9, D(2025, 7, 1))
    c = baris(p, 5, D(2023, 4, 1))
    tunggu = baris(p, 10, D(2024, 8, 1), status=Status.MENUNGGU)
    tolak = baris(p, 15, D(2025, 9, 1), status=Status.DITOLAK)
    with django_assert_num_queries(2):
        transkrip = selectors.transkrip_jp(p, tahun_ini=2026, dengan_belum_dihitung=True)
    assert [t.tahun for t in transkrip] == [2026, 2025, 2024, 2023]
    t2026, t2025, t2024, t2023 = transkrip
    assert (t2026.total_jp, t2026.riwayat, t2026.kurang_jp) == (0, [], 20)
    assert t2025.riwayat == [b, a]
    assert (t2025.total_jp, t2025.memenuhi_target, t2025.kurang_jp) == (21, True, 0)
    assert t2025.belum_dihitung == [tolak]
    assert (t2024.total_jp, t2024.riwayat, t2024.belum_dihitung) == (0, [], [tunggu])
    assert (t2023.total_jp, t2023.riwayat) == (5, [c])
    tanpa = selectors.transkrip_jp(p, tahun_ini=2026)
    assert [t.tahun for t in tanpa] == [2026, 2025, 2023]
    assert all(t.belum_dihitung == [] for t in tanpa)


def test_transkrip_queries_do_not_grow_with_rows_and_years(opd, django_assert_num_queries):
    p = PegawaiFactory(perangkat_daerah=opd)
    for tahun in range(2015, 2026):
        for bulan in (2, 5, 9):
            baris(p, 4, D(tahun, bulan, 1))
    with django_assert_num_queries(2):
        transkrip = selectors.transkrip_jp(p, tahun_ini=2025, dengan_belum_dihitung=True)
    assert len(transkrip) == 11
    assert all(t.total_jp == 12 and len(t.riwayat) == 3 for t in transkrip)
