"""Kesenjangan kompetensi (DESIGN §4): gap = standard − the latest assessment up to the year,
checked against the same rule computed again in plain Python over every row."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

import pytest

from pegawai import kompetensi as sel
from pegawai.models import (
    AsesmenKompetensi,
    JenisJabatan,
    Kompetensi,
    Pegawai,
    PerangkatDaerah,
    StandarKompetensiJabatan,
)
from pegawai.tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory


def kode(k: str) -> Kompetensi:
    return Kompetensi.objects.get(kode=k)


def standar(jabatan, **level):
    for k, v in level.items():
        StandarKompetensiJabatan.objects.create(
            jabatan=jabatan, kompetensi=kode(k.replace("_", ".")), level=v
        )


def asesmen(pegawai, k, tahun, level, metode=""):
    return AsesmenKompetensi.objects.create(
        pegawai=pegawai, kompetensi=kode(k), tahun=tahun, level=level, metode=metode
    )


# --- One pegawai ---------------------------------------------------------------------------------


@pytest.fixture
def perawat(db):
    opd = PerangkatDaerah.objects.get(singkatan="DINKES")
    jabatan = JabatanFactory(
        nama="Perawat", jenis_jabatan=JenisJabatan.FUNGSIONAL, jenjang="ahli_muda"
    )
    standar(jabatan, M_01=3, M_03=3, M_05=4, SK_01=2)
    return PegawaiFactory(perangkat_daerah=opd, jabatan=jabatan)


def test_the_gap_is_the_standard_minus_the_latest_assessment_up_to_the_year(
    perawat, django_assert_num_queries
):
    asesmen(perawat, "M.01", 2022, 1)
    asesmen(perawat, "M.01", 2024, 2)  # latest up to 2025: wins over 2022
    asesmen(perawat, "M.01", 2026, 5)  # after the year asked: ignored
    asesmen(perawat, "M.03", 2023, 4)  # above the standard
    asesmen(perawat, "M.05", 2025, 4)  # exactly the standard
    asesmen(perawat, "M.08", 2025, 2)  # assessed, but the jabatan has no standard for it
    with django_assert_num_queries(1):
        baris = {
            k.kode: (k.standar, k.level_asesmen, k.tahun_asesmen, k.kesenjangan)
            for k in sel.kesenjangan_pegawai(perawat, tahun=2025)
        }
    assert baris == {
        "M.01": (3, 2, 2024, 1),
        "M.03": (3, 4, 2023, -1),
        "M.05": (4, 4, 2025, 0),
        "M.08": (None, 2, 2025, None),
        "SK.01": (2, None, None, None),  # not assessed: no gap
    }
    # Asking for 2026 takes the 2026 assessment; 2021 has nothing assessed yet.
    assert {k.kode: k.kesenjangan for k in sel.kesenjangan_pegawai(perawat, tahun=2026)}[
        "M.01"
    ] == -2
    assert [k.level_asesmen for k in sel.kesenjangan_pegawai(perawat, tahun=2021)] == [None] * 4


def test_several_pegawai_do_not_mix(perawat):
    rekan = PegawaiFactory(perangkat_daerah=perawat.perangkat_daerah, jabatan=perawat.jabatan)
    asesmen(perawat, "M.01", 2025, 1)
    asesmen(rekan, "M.01", 2025, 3)
    asesmen(rekan, "M.05", 2025, 2)
    gap = {k.kode: k.kesenjangan for k in sel.kesenjangan_pegawai(perawat, tahun=2025)}
    gap_rekan = {k.kode: k.kesenjangan for k in sel.kesenjangan_pegawai(rekan, tahun=2025)}
    assert (gap["M.01"], gap["M.05"]) == (2, None)
    assert (gap_rekan["M.01"], gap_rekan["M.05"]) == (0, 2)


def test_a_jabatan_without_a_standard_has_no_gap(db):
    pegawai = PegawaiFactory(jabatan=JabatanFactory(nama="Pengemudi"))
    assert list(sel.kesenjangan_pegawai(pegawai, tahun=2025)) == []
    asesmen(pegawai, "M.02", 2024, 3)
    [baris] = sel.kesenjangan_pegawai(pegawai, tahun=2025)
    assert (baris.kode, baris.standar, baris.level_asesmen, baris.kesenjangan) == (
        "M.02",
        None,
        3,
        None,
    )


def test_a_pegawai_without_a_jabatan_has_assessments_only(db):
    pegawai = PegawaiFactory(jabatan=None)
    StandarKompetensiJabatan.objects.create(
        jabatan=JabatanFactory(), kompetensi=kode("M.01"), level=3
    )
    asesmen(pegawai, "M.01", 2025, 2)
    assert [(k.standar, k.kesenjangan) for k in sel.kesenjangan_pegawai(pegawai, tahun=2025)] == [
        (None, None)
    ]
    assert list(sel.standar_for_pegawai(pegawai)) == []


def test_the_standard_and_latest_assessment_selectors(perawat):
    asesmen(perawat, "M.01", 2023, 1)
    asesmen(perawat, "M.01", 2025, 2)
    asesmen(perawat, "M.03", 2024, 3)
    assert [(s.kompetensi.kode, s.level) for s in sel.standar_for_pegawai(perawat)] == [
        ("M.01", 3),
        ("M.03", 3),
        ("M.05", 4),
        ("SK.01", 2),
    ]
    terakhir = sel.asesmen_terakhir_for_pegawai(perawat, tahun=2024)
    assert sorted((a.kompetensi.kode, a.tahun, a.level) for a in terakhir) == [
        ("M.01", 2023, 1),
        ("M.03", 2024, 3),
    ]


# --- The maps, against the rule in plain Python ------------------------------------------------


def latest(tahun: int) -> dict[tuple[int, int], int]:
    """(pegawai, kompetensi) → level of the latest assessment up to ``tahun``."""
    hasil: dict[tuple[int, int], tuple[int, int]] = {}
    for a in AsesmenKompetensi.objects.all():
        k = (a.pegawai_id, a.kompetensi_id)
        if a.tahun <= tahun and (k not in hasil or hasil[k][0] < a.tahun):
            hasil[k] = (a.tahun, a.level)
    return {k: v[1] for k, v in hasil.items()}


def hitung(tahun: int, grup, pegawai=None) -> dict[tuple[str, object], tuple]:
    """(kompetensi kode, group) → (jumlah, diases, kurang, rata_rata); group "*" is the total."""
    level = latest(tahun)
    standar_jabatan: dict[int, dict[int, int]] = {}
    for s in StandarKompetensiJabatan.objects.all():
        standar_jabatan.setdefault(s.jabatan_id, {})[s.kompetensi_id] = s.level
    kodes = dict(Kompetensi.objects.values_list("pk", "kode"))
    kumpulan: dict[tuple[str, object], list] = {}
    for p in pegawai if pegawai is not None else Pegawai.objects.all():
        if not p.aktif:
            continue
        for k, std in standar_jabatan.get(p.jabatan_id, {}).items():
            gap = std - level[(p.pk, k)] if (p.pk, k) in level else None
            for g in (grup(p), "*"):
                kumpulan.setdefault((kodes[k], g), []).append(gap)
    hasil = {}
    for kunci, gaps in kumpulan.items():
        diases = [g for g in gaps if g is not None]
        rata = None
        if diases:
            rata = (Decimal(sum(diases)) / len(diases)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        hasil[kunci] = (len(gaps), len(diases), sum(1 for g in diases if g > 0), rata)
    return hasil


def dari_peta(peta) -> dict[tuple[str, object], tuple]:
    hasil = {}
    for b in peta.baris:
        t = b.total
        hasil[(b.kode, "*")] = (t.jumlah, t.diases, t.kurang, t.rata_rata)
        for kolom, s in zip(peta.kolom, b.sel, strict=True):
            if s is not None:
                hasil[(b.kode, kolom.id)] = (s.jumlah, s.diases, s.kurang, s.rata_rata)
    return hasil


@pytest.fixture
def kota(db):
    """Three OPDs with units, jabatan with and without standards, inactive pegawai, pegawai
    without a unit, and assessments over several years (some after the year asked)."""
    rng = random.Random(20251130)
    kode_kompetensi = ["M.01", "M.02", "M.03", "M.05", "SK.01"]
    jabatan = [JabatanFactory(nama=f"Jabatan Uji {i}") for i in range(4)]
    for j in jabatan[:3]:  # the fourth has no standard
        for k in rng.sample(kode_kompetensi, 3):
            StandarKompetensiJabatan.objects.create(
                jabatan=j, kompetensi=kode(k), level=rng.randint(2, 4)
            )
    opds = list(PerangkatDaerah.objects.filter(singkatan__in=["DINKES", "DISDIKBUD", "BPKD"]))
    for opd in opds:
        units = [UnitKerjaFactory(perangkat_daerah=opd, nama=f"Bidang {n}") for n in "ABC"]
        for i in range(14):
            p = PegawaiFactory(
                perangkat_daerah=opd,
                jabatan=rng.choice(jabatan),
                unit_kerja=None if i % 7 == 0 else rng.choice(units),
                aktif=i != 3,
            )
            for k in rng.sample(kode_kompetensi, rng.randint(0, 4)):
                for tahun in rng.sample([2022, 2023, 2024, 2025, 2026], rng.randint(1, 3)):
                    asesmen(p, k, tahun, rng.randint(1, 5))
    return opds


@pytest.mark.parametrize("tahun", [2021, 2023, 2025])
def test_the_unit_map_equals_the_rule(kota, tahun, django_assert_num_queries):
    opd = kota[0]
    scope = Pegawai.objects.filter(perangkat_daerah=opd)
    with django_assert_num_queries(1):
        peta = sel.peta_kesenjangan_per_unit_kerja(scope, tahun=tahun)
    assert dari_peta(peta) == hitung(tahun, lambda p: p.unit_kerja_id, scope)
    assert [k.label for k in peta.kolom] == ["Bidang A", "Bidang B", "Bidang C", "Tanpa unit kerja"]
    assert [b.kode for b in peta.baris] == sorted(b.kode for b in peta.baris)
    assert peta.ada_asesmen is (tahun > 2021)


@pytest.mark.parametrize("tahun", [2023, 2025])
def test_the_city_map_equals_the_rule(kota, tahun, django_assert_num_queries):
    with django_assert_num_queries(1):
        peta = sel.peta_kesenjangan_per_opd(Pegawai.objects.all(), tahun=tahun)
    assert dari_peta(peta) == hitung(tahun, lambda p: p.perangkat_daerah_id)
    assert [k.kode for k in peta.kolom] == sorted(o.kode for o in kota)
    assert {k.label for k in peta.kolom} == {"DINKES", "DISDIKBUD", "BPKD"}


def test_an_empty_scope_costs_no_query(kota, django_assert_num_queries):
    with django_assert_num_queries(0):
        peta = sel.peta_kesenjangan_per_opd(Pegawai.objects.none(), tahun=2025)
    assert (peta.kolom, peta.baris, peta.ada_asesmen) == ([], [], False)


def test_the_map_query_count_does_not_grow_with_units_or_opds(kota, django_assert_num_queries):
    satu = Pegawai.objects.filter(perangkat_daerah=kota[0])
    with django_assert_num_queries(1):
        sel.peta_kesenjangan_per_unit_kerja(satu, tahun=2025)
    with django_assert_num_queries(1):
        sel.peta_kesenjangan_per_opd(satu, tahun=2025)
    with django_assert_num_queries(1):
        assert len(sel.peta_kesenjangan_per_opd(Pegawai.objects.all(), tahun=2025).kolom) == 3


def test_cells_classify_their_average_gap():
    def tingkat(rata):
        return sel.SelKesenjangan(jumlah=4, diases=2, kurang=1, rata_rata=rata).tingkat

    assert tingkat(None) == "belum"
    assert tingkat(Decimal("-1.50")) == "memenuhi"
    assert tingkat(Decimal("0.00")) == "memenuhi"
    assert tingkat(Decimal("0.50")) == "rendah"
    assert tingkat(Decimal("1.00")) == "sedang"
    assert tingkat(Decimal("2.00")) == "tinggi"
    assert sel.SelKesenjangan(jumlah=3, diases=3, kurang=2, rata_rata=1).persen_kurang == Decimal(
        "66.67"
    )
    assert sel.SelKesenjangan(jumlah=3, diases=0, kurang=0, rata_rata=None).persen_kurang is None


def test_the_year_range_of_assessments(perawat, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert sel.rentang_tahun_asesmen() is None
    asesmen(perawat, "M.01", 2019, 2)
    asesmen(perawat, "M.03", 2024, 2)
    assert sel.rentang_tahun_asesmen() == (2019, 2024)
