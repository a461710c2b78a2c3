"""pegawai.demo_kompetensi: competency standards for every jabatan of the demo city at the levels
PermenPANRB 38/2017 sets by jenis jabatan, and assessments 2024–2026 for about 40% of the active
pegawai around those standards, so that gaps exist; Dinas Kesehatan nearly all assessed, asn.dinkes
with a gap."""

from collections import Counter, defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pegawai import demo as pegawai_demo
from pegawai import demo_kompetensi as demo
from pegawai.kompetensi import kesenjangan_pegawai, peta_kesenjangan_per_unit_kerja
from pegawai.models import (
    AsesmenKompetensi,
    DataDemo,
    Jabatan,
    JenisJabatan,
    JenisPegawai,
    JenjangFungsional,
    Pegawai,
    StandarKompetensiJabatan,
)

pytestmark = pytest.mark.django_db

KODE = {"M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"}


def bangun(pegawai=150, seed=2026) -> demo.HasilKompetensiDemo:
    """As seed_demo does it: the old standards and assessments first, then people, then these."""
    if DataDemo.objects.exists():
        demo.kompetensi_demo_delete()
    pegawai_demo.demo_build(jumlah_pegawai=pegawai, seed=seed)
    return demo.kompetensi_demo_build(seed=seed)


def snapshot():
    return {
        "standar": sorted(
            StandarKompetensiJabatan.objects.values_list(
                "jabatan__nama",
                "jabatan__jenis_jabatan",
                "jabatan__jenjang",
                "kompetensi__kode",
                "level",
            )
        ),
        "asesmen": sorted(
            AsesmenKompetensi.objects.values_list(
                "pegawai__nip", "kompetensi__kode", "tahun", "level", "metode", "diubah_pada"
            )
        ),
    }


def test_every_jabatan_has_a_standard_for_each_managerial_and_sociocultural_competency():
    hasil = bangun()
    jabatan = Jabatan.objects.count()
    assert hasil.jumlah_jabatan == jabatan
    assert StandarKompetensiJabatan.objects.count() == hasil.jumlah_standar == jabatan * len(KODE)
    per_jabatan = defaultdict(dict)
    for j, kode, level in StandarKompetensiJabatan.objects.values_list(
        "jabatan_id", "kompetensi__kode", "level"
    ):
        per_jabatan[j][kode] = level
    assert all(set(s) == KODE for s in per_jabatan.values())
    # The typical levels by jenis jabatan (Integritas: never lowered).
    integritas = {
        (j.jenis_jabatan, j.jenjang): per_jabatan[j.pk]["M.01"] for j in Jabatan.objects.all()
    }
    diharapkan = {
        (JenisJabatan.JPT_MADYA, ""): 5,
        (JenisJabatan.JPT_PRATAMA, ""): 4,
        (JenisJabatan.ADMINISTRATOR, ""): 3,
        (JenisJabatan.PENGAWAS, ""): 3,
        (JenisJabatan.PELAKSANA, ""): 2,
        (JenisJabatan.FUNGSIONAL, JenjangFungsional.AHLI_PERTAMA): 2,
        (JenisJabatan.FUNGSIONAL, JenjangFungsional.AHLI_MUDA): 3,
        (JenisJabatan.FUNGSIONAL, JenjangFungsional.AHLI_MADYA): 3,
    }
    for kunci, level in integritas.items():
        if kunci in diharapkan:
            assert level == diharapkan[kunci], kunci
    assert {k for k in diharapkan if k in integritas} >= {
        (JenisJabatan.JPT_PRATAMA, ""),
        (JenisJabatan.ADMINISTRATOR, ""),
        (JenisJabatan.PENGAWAS, ""),
        (JenisJabatan.PELAKSANA, ""),
    }
    # A pelaksana is asked less of leading others and deciding.
    pelaksana = Jabatan.objects.filter(jenis_jabatan=JenisJabatan.PELAKSANA).first()
    assert per_jabatan[pelaksana.pk]["M.08"] == 1 and per_jabatan[pelaksana.pk]["M.05"] == 2


def test_about_two_in_five_are_assessed_around_their_standard_with_gaps():
    hasil = bangun(pegawai=400)
    aktif = Pegawai.objects.filter(aktif=True)
    diases = aktif.filter(asesmen_kompetensi__isnull=False).distinct()
    assert hasil.pegawai_aktif == aktif.count()
    assert hasil.pegawai_diases == diases.count()
    assert 0.3 <= diases.count() / aktif.count() <= 0.55
    assert hasil.jumlah_asesmen == AsesmenKompetensi.objects.count()
    assert not AsesmenKompetensi.objects.filter(pegawai__aktif=False).exists()
    # CPNS have only just started: nobody assessed them yet.
    assert not diases.filter(jenis_pegawai=JenisPegawai.CPNS).exists()
    tahun = Counter(AsesmenKompetensi.objects.values_list("tahun", flat=True))
    assert set(tahun) == {2024, 2025, 2026}
    # Every assessment covers all nine competencies, at level 1–5.
    per_orang_tahun = Counter(AsesmenKompetensi.objects.values_list("pegawai_id", "tahun"))
    assert set(per_orang_tahun.values()) == {len(KODE)}
    # Gaps, in both directions: the latest level against the standard.
    standar = {
        (j, k): level
        for j, k, level in StandarKompetensiJabatan.objects.values_list(
            "jabatan_id", "kompetensi_id", "level"
        )
    }
    terakhir = {}
    for p, jabatan, k, level in AsesmenKompetensi.objects.order_by("tahun").values_list(
        "pegawai_id", "pegawai__jabatan_id", "kompetensi_id", "level"
    ):
        terakhir[(p, k)] = level - standar[(jabatan, k)]
    selisih = Counter(terakhir.values())
    assert selisih[0] > selisih[-1] > 0 and selisih[1] > 0
    assert min(selisih) >= -2 and max(selisih) <= 1
    kurang = {p for (p, _k), s in terakhir.items() if s < 0}
    assert hasil.pegawai_berkesenjangan == len(kurang)
    # Structural posts go to the assessment centre.
    metode = dict(
        AsesmenKompetensi.objects.values_list("pegawai__jabatan__jenis_jabatan", "metode")
    )
    assert "Assessment center" in metode[JenisJabatan.JPT_PRATAMA]


def test_a_reassessment_never_lowers_a_level():
    bangun(pegawai=400)
    level = defaultdict(dict)
    for p, k, t, lv in AsesmenKompetensi.objects.values_list(
        "pegawai_id", "kompetensi_id", "tahun", "level"
    ):
        level[(p, k)][t] = lv
    ulang = [v for v in level.values() if len(v) > 1]
    assert ulang
    assert all(v[max(v)] >= v[min(v)] for v in ulang)


def test_dinas_kesehatan_is_well_covered_and_its_heatmap_shows_gaps():
    bangun()
    dinkes = Pegawai.objects.filter(perangkat_daerah__singkatan="DINKES")
    aktif = dinkes.filter(aktif=True).exclude(jenis_pegawai=JenisPegawai.CPNS)
    diases = aktif.filter(asesmen_kompetensi__isnull=False).distinct().count()
    assert diases / aktif.count() >= 0.7
    peta = peta_kesenjangan_per_unit_kerja(dinkes, tahun=2026)
    assert peta.ada_asesmen and len(peta.kolom) >= 2
    assert any(b.total.kurang for b in peta.baris)
    assert {s.tingkat for b in peta.baris for s in b.sel if s} >= {"memenuhi", "rendah"}


def test_asn_dinkes_and_the_demo_logins_are_assessed_asn_dinkes_with_gaps():
    bangun()
    asn = Pegawai.objects.get(user__username=pegawai_demo.ASN_DINKES)
    baris = {k.kode: k for k in kesenjangan_pegawai(asn, tahun=2026)}
    kurang = {kode for kode, k in baris.items() if k.kesenjangan and k.kesenjangan > 0}
    assert kurang == set(demo.ASN_DINKES_KURANG)
    assert {k.tahun_asesmen for k in baris.values()} == {demo.ASN_DINKES_TAHUN}
    for login in (pegawai_demo.ADMIN_BKPSDM, pegawai_demo.KADIS_DINKES, pegawai_demo.PIMPINAN):
        assert AsesmenKompetensi.objects.filter(pegawai__user__username=login).exists(), login


# --- rebuild, speed, refusal ---------------------------------------------------------------------


def test_a_rebuild_gives_the_same_data_and_another_seed_other_data():
    bangun()
    sebelum = snapshot()
    bangun()
    assert snapshot() == sebelum
    bangun(seed=7)
    assert snapshot()["asesmen"] != sebelum["asesmen"]


def test_the_query_count_does_not_grow_with_the_number_of_pegawai():
    pegawai_demo.demo_build(jumlah_pegawai=100)
    with CaptureQueriesContext(connection) as kecil:
        demo.kompetensi_demo_build()
    demo.kompetensi_demo_delete()
    pegawai_demo.demo_build(jumlah_pegawai=300)
    with CaptureQueriesContext(connection) as besar:
        demo.kompetensi_demo_build()
    assert len(besar) == len(kecil)
    assert AsesmenKompetensi.objects.count() > 1000


def test_delete_refuses_a_database_without_the_demo_marker():
    with pytest.raises(pegawai_demo.DataBukanDemo):
        demo.kompetensi_demo_delete()
