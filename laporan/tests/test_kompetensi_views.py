"""/laporan/kompetensi/ (kompetensi × OPD), /laporan/kompetensi/opd/<kode>/ (kompetensi × unit
kerja) and the "Kesenjangan kompetensi" block of /pegawai/<nip>/."""

from decimal import Decimal

import pytest
from django.urls import reverse

from laporan.tests.test_pegawai_profil import QUERIES_PROFIL
from pegawai.models import (
    AsesmenKompetensi,
    Kompetensi,
    Peran,
    PerangkatDaerah,
    StandarKompetensiJabatan,
)
from pegawai.services import peran_assign
from pegawai.tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory

URL = reverse("laporan:kompetensi")
TAHUN = 2025
# Session, user, roles (2), unread badge, the year range, the map.
QUERIES_KOTA = 7
QUERIES_OPD = QUERIES_KOTA + 1  # the OPD


def url_opd(opd):
    return reverse("laporan:kompetensi-opd", args=[opd.kode])


def standar(jabatan, kode, level):
    StandarKompetensiJabatan.objects.create(
        jabatan=jabatan, kompetensi=Kompetensi.objects.get(kode=kode), level=level
    )


def asesmen(pegawai, kode, tahun, level):
    AsesmenKompetensi.objects.create(
        pegawai=pegawai, kompetensi=Kompetensi.objects.get(kode=kode), tahun=tahun, level=level
    )


def pegawai(pemeran, nama):
    return getattr(pemeran, nama).pegawai


@pytest.fixture
def data(pemeran):
    """Every pegawai of the cast holds "Pengadministrasi Umum": standard M.01 = 3, M.05 = 2.
    Dinas Kesehatan: two in "Bidang Pelayanan", the kepala in "Sekretariat", the operator in no
    unit; Disdikbud: one assessed."""
    jabatan = pegawai(pemeran, "asn").jabatan
    standar(jabatan, "M.01", 3)
    standar(jabatan, "M.05", 2)
    pelayanan = UnitKerjaFactory(perangkat_daerah=pemeran.opd, nama="Bidang Pelayanan")
    sekretariat = UnitKerjaFactory(perangkat_daerah=pemeran.opd, nama="Sekretariat")
    for nama, unit in [
        ("asn", pelayanan),
        ("asn_lain_satu_opd", pelayanan),
        ("kepala", sekretariat),
    ]:
        p = pegawai(pemeran, nama)
        p.unit_kerja = unit
        p.save(update_fields=["unit_kerja"])
    asesmen(pegawai(pemeran, "asn"), "M.01", 2023, 2)
    asesmen(pegawai(pemeran, "asn"), "M.01", 2024, 1)  # the latest up to 2025: gap 2
    asesmen(pegawai(pemeran, "asn"), "M.05", 2025, 2)  # gap 0
    asesmen(pegawai(pemeran, "asn_lain_satu_opd"), "M.01", 2025, 3)  # gap 0
    asesmen(pegawai(pemeran, "asn_lain_satu_opd"), "M.01", 2026, 1)  # after 2025: ignored
    asesmen(pegawai(pemeran, "asn_opd_lain"), "M.01", 2025, 2)  # gap 1
    return {"pelayanan": pelayanan, "sekretariat": sekretariat}


def sel(peta, kode, label=None):
    baris = next(b for b in peta.baris if b.kode == kode)
    kolom = [k.label for k in peta.kolom]
    s = baris.total if label is None else baris.sel[kolom.index(label)]
    return (s.jumlah, s.diases, s.kurang, s.rata_rata)


# --- /laporan/kompetensi/ ------------------------------------------------------------------------


@pytest.mark.parametrize("viewer", ["admin", "pimpinan"])
def test_admin_and_pimpinan_see_the_city_map(client, pemeran, data, viewer):
    client.force_login(getattr(pemeran, viewer))
    response = client.get(URL, {"tahun": TAHUN})
    assert response.status_code == 200
    peta = response.context["peta"]
    semua = PerangkatDaerah.objects.filter(singkatan__in=["BKPSDM", "DINKES", "DISDIKBUD"])
    assert [k.label for k in peta.kolom] == [o.singkatan for o in semua.order_by("kode")]
    assert [b.kode for b in peta.baris] == ["M.01", "M.05"]
    assert sel(peta, "M.01", "DINKES") == (4, 2, 1, Decimal("1.00"))
    assert sel(peta, "M.01", "DISDIKBUD") == (2, 1, 1, Decimal("1.00"))
    assert sel(peta, "M.01", "BKPSDM") == (1, 0, 0, None)
    assert sel(peta, "M.01") == (7, 3, 2, Decimal("1.00"))  # Kota Langsa: gaps 2, 0, 1
    assert sel(peta, "M.05", "DINKES") == (4, 1, 0, Decimal("0.00"))
    body = response.content.decode()
    assert f"{url_opd(pemeran.opd)}?tahun={TAHUN}" in body
    assert "Kota Langsa" in body
    assert "kesenjangan-sedang" in body  # 1.00: one to two levels below
    assert "kesenjangan-memenuhi" in body
    assert "kesenjangan-belum" in body
    assert "Keterangan warna" in body
    assert "style=" not in body


def test_the_latest_assessment_up_to_the_year_counts(client, pemeran, data):
    client.force_login(pemeran.admin)
    peta = client.get(URL, {"tahun": 2026}).context["peta"]
    assert sel(peta, "M.01", "DINKES") == (4, 2, 2, Decimal("2.00"))  # 2026: gaps 2 and 2
    peta = client.get(URL, {"tahun": 2023}).context["peta"]
    assert sel(peta, "M.01", "DINKES") == (4, 1, 1, Decimal("1.00"))
    peta = client.get(URL, {"tahun": 2022}).context["peta"]
    assert peta.ada_asesmen is False
    assert (
        "Belum ada hasil asesmen kompetensi sampai tahun 2022"
        in client.get(URL, {"tahun": 2022}).content.decode()
    )


@pytest.mark.parametrize(
    ("viewer", "opd"), [("kepala", "DINKES"), ("operator", "DINKES"), ("kepala_lain", "DISDIKBUD")]
)
def test_kepala_and_operator_are_sent_to_their_own_opd(client, pemeran, data, viewer, opd):
    client.force_login(getattr(pemeran, viewer))
    kode = PerangkatDaerah.objects.get(singkatan=opd).kode
    response = client.get(URL, {"tahun": TAHUN})
    assert response.status_code == 302
    assert response["Location"] == reverse("laporan:kompetensi-opd", args=[kode]) + "?tahun=2025"
    assert client.get(URL)["Location"] == reverse("laporan:kompetensi-opd", args=[kode])


def test_a_user_serving_two_opds_sees_both_in_the_city_map(client, pemeran, data):
    peran_assign(user=pemeran.operator, peran=Peran.OPERATOR_OPD, perangkat_daerah=pemeran.opd_lain)
    client.force_login(pemeran.operator)
    response = client.get(URL, {"tahun": TAHUN})
    assert response.status_code == 200
    peta = response.context["peta"]
    assert {k.label for k in peta.kolom} == {"DINKES", "DISDIKBUD"}  # not BKPSDM
    assert sel(peta, "M.01") == (6, 3, 2, Decimal("1.00"))


@pytest.mark.parametrize("viewer", ["asn", "asn_lain_satu_opd", "tanpa_peran"])
def test_an_asn_or_a_user_without_a_role_gets_404(client, pemeran, data, viewer):
    client.force_login(getattr(pemeran, viewer))
    assert client.get(URL).status_code == 404


def test_anonymous_is_sent_to_login(client, db):
    for url in (URL, "/laporan/kompetensi/opd/1.02.01/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_it_rejects_post(client, pemeran, data):
    client.force_login(pemeran.admin)
    assert client.post(URL).status_code == 405
    assert client.post(url_opd(pemeran.opd)).status_code == 405


@pytest.mark.parametrize("tahun", ["1999", "3000", "dua ribu"])
def test_a_bad_year_is_explained(client, pemeran, data, tahun):
    client.force_login(pemeran.admin)
    response = client.get(URL, {"tahun": tahun})
    assert response.status_code == 400
    assert "Parameter laporan tidak valid" in response.content.decode()
    assert client.get(url_opd(pemeran.opd), {"tahun": tahun}).status_code == 400


def test_the_year_defaults_to_this_year(client, pemeran, data):
    client.force_login(pemeran.admin)
    from laporan.selectors import tahun_ini

    assert client.get(URL).context["tahun"] == tahun_ini()


def test_without_any_standard_the_page_says_so(client, pemeran):
    client.force_login(pemeran.admin)
    response = client.get(URL, {"tahun": TAHUN})
    assert response.status_code == 200
    assert response.context["peta"].baris == []
    assert "Belum ada standar kompetensi untuk jabatan pegawai aktif" in response.content.decode()


# --- /laporan/kompetensi/opd/<kode>/ -------------------------------------------------------------


@pytest.mark.parametrize("viewer", ["admin", "pimpinan", "kepala", "operator"])
def test_the_opd_map_per_unit(client, pemeran, data, viewer):
    client.force_login(getattr(pemeran, viewer))
    response = client.get(url_opd(pemeran.opd), {"tahun": TAHUN})
    assert response.status_code == 200
    peta = response.context["peta"]
    assert [k.label for k in peta.kolom] == ["Bidang Pelayanan", "Sekretariat", "Tanpa unit kerja"]
    assert sel(peta, "M.01", "Bidang Pelayanan") == (2, 2, 1, Decimal("1.00"))
    assert sel(peta, "M.01", "Sekretariat") == (1, 0, 0, None)
    assert sel(peta, "M.01", "Tanpa unit kerja") == (1, 0, 0, None)
    assert sel(peta, "M.01") == (4, 2, 1, Decimal("1.00"))
    assert sel(peta, "M.05", "Bidang Pelayanan") == (2, 1, 0, Decimal("0.00"))
    body = response.content.decode()
    assert pemeran.opd.nama in body
    assert "Seluruh OPD" in body
    assert "style=" not in body
    kota = f'href="{URL}?tahun={TAHUN}"'
    assert (kota in body) is (viewer in ("admin", "pimpinan"))


@pytest.mark.parametrize("viewer", ["kepala", "operator", "asn", "asn_opd_lain", "tanpa_peran"])
def test_another_opd_is_404_for_everyone_but_admin_and_pimpinan(client, pemeran, data, viewer):
    client.force_login(getattr(pemeran, viewer))
    assert client.get(url_opd(pemeran.opd_lain)).status_code == 404


@pytest.mark.parametrize("viewer", ["asn", "tanpa_peran"])
def test_an_asn_cannot_read_even_their_own_opd(client, pemeran, data, viewer):
    client.force_login(getattr(pemeran, viewer))
    assert client.get(url_opd(pemeran.opd)).status_code == 404


def test_an_unknown_opd_is_404(client, pemeran):
    client.force_login(pemeran.admin)
    assert client.get("/laporan/kompetensi/opd/tidak-ada/").status_code == 404


def test_an_opd_without_standards_says_so(client, pemeran, data):
    client.force_login(pemeran.admin)
    opd = PerangkatDaerah.objects.get(singkatan="DISHUB")
    PegawaiFactory(perangkat_daerah=opd, jabatan=JabatanFactory(nama="Pengemudi"))
    response = client.get(url_opd(opd), {"tahun": TAHUN})
    assert response.status_code == 200
    assert "Belum ada standar kompetensi untuk jabatan pegawai aktif di perangkat daerah ini" in (
        response.content.decode()
    )


# --- Query counts --------------------------------------------------------------------------------


def test_the_city_map_query_count_is_the_same_for_one_and_many_opds(
    client, pemeran, data, django_assert_num_queries
):
    client.force_login(pemeran.admin)
    with django_assert_num_queries(QUERIES_KOTA):
        assert len(client.get(URL, {"tahun": TAHUN}).context["peta"].kolom) == 3
    jabatan = pegawai(pemeran, "asn").jabatan
    for singkatan in ("DISHUB", "BPKD", "RSUD", "DPUPR"):
        opd = PerangkatDaerah.objects.get(singkatan=singkatan)
        for _ in range(3):
            p = PegawaiFactory(perangkat_daerah=opd, jabatan=jabatan)
            asesmen(p, "M.05", 2024, 1)
    with django_assert_num_queries(QUERIES_KOTA):
        assert len(client.get(URL, {"tahun": TAHUN}).context["peta"].kolom) == 7


@pytest.mark.parametrize("viewer", ["admin", "kepala"])
def test_the_opd_map_query_count_is_the_same_for_one_and_many_units(
    client, pemeran, data, django_assert_num_queries, viewer
):
    client.force_login(getattr(pemeran, viewer))
    with django_assert_num_queries(QUERIES_OPD):
        assert len(client.get(url_opd(pemeran.opd)).context["peta"].kolom) == 3
    jabatan = pegawai(pemeran, "asn").jabatan
    for i in range(5):
        unit = UnitKerjaFactory(perangkat_daerah=pemeran.opd, nama=f"Puskesmas {i}")
        p = PegawaiFactory(perangkat_daerah=pemeran.opd, jabatan=jabatan, unit_kerja=unit)
        asesmen(p, "M.01", 2024, 2)
    with django_assert_num_queries(QUERIES_OPD):
        assert len(client.get(url_opd(pemeran.opd)).context["peta"].kolom) == 8


# --- The profile block ---------------------------------------------------------------------------


def profil(client, p):
    return client.get(reverse("pegawai-profil", args=[p.nip]))


def blok(body: str) -> str:
    awal = body.index('id="kompetensi"')
    return body[awal : body.index("</section>", awal)]


def test_the_profile_shows_each_competency_with_standard_assessment_and_gap(
    client, pemeran, data, monkeypatch
):
    monkeypatch.setattr("laporan.selectors.tahun_ini", lambda: TAHUN)
    asesmen(pegawai(pemeran, "asn"), "M.08", 2025, 3)  # no standard for it
    client.force_login(pemeran.asn)
    response = profil(client, pegawai(pemeran, "asn"))
    assert [
        (k.kode, k.standar, k.level_asesmen, k.tahun_asesmen, k.kesenjangan)
        for k in response.context["kesenjangan_kompetensi"]
    ] == [("M.01", 3, 1, 2024, 2), ("M.05", 2, 2, 2025, 0), ("M.08", None, 3, 2025, None)]
    html = blok(response.content.decode())
    assert "Kesenjangan kompetensi" in html
    assert "Integritas" in html
    assert "(2024)" in html
    assert "Kurang 2 level" in html
    assert "Memenuhi" in html
    assert "Tanpa standar" in html


@pytest.mark.parametrize("viewer", ["kepala", "operator", "admin", "pimpinan"])
def test_a_pegawai_not_assessed_shows_belum_diases(client, pemeran, data, viewer):
    client.force_login(getattr(pemeran, viewer))
    html = blok(profil(client, pegawai(pemeran, "operator")).content.decode())
    assert html.count("Belum diases") == 2
    assert "Kurang" not in html


def test_a_pegawai_whose_jabatan_has_no_standard(client, pemeran, data):
    client.force_login(pemeran.admin)
    p = PegawaiFactory(perangkat_daerah=pemeran.opd, jabatan=JabatanFactory(nama="Pengemudi"))
    html = blok(profil(client, p).content.decode())
    assert "Jabatan ini belum memiliki standar kompetensi dan belum ada hasil asesmen." in html


def test_the_profile_query_count_does_not_grow_with_competencies(
    client, pemeran, data, django_assert_num_queries
):
    client.force_login(pemeran.asn)
    with django_assert_num_queries(QUERIES_PROFIL):
        profil(client, pegawai(pemeran, "asn"))
    jabatan = pegawai(pemeran, "asn").jabatan
    for kode in ("M.02", "M.03", "M.04", "M.06", "M.07", "SK.01"):
        standar(jabatan, kode, 3)
        for tahun in (2022, 2023, 2024):
            asesmen(pegawai(pemeran, "asn"), kode, tahun, 2)
    with django_assert_num_queries(QUERIES_PROFIL):
        response = profil(client, pegawai(pemeran, "asn"))
    assert len(response.context["kesenjangan_kompetensi"]) == 8
