"""Admin of standar and asesmen kompetensi: lists at constant queries, search, filters, no
dropdown of every pegawai, and assessments scoped like the pegawai themselves."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pegawai.models import AsesmenKompetensi, Kompetensi, StandarKompetensiJabatan
from pegawai.tests.factories import JabatanFactory, PegawaiFactory

ASESMEN = reverse("admin:pegawai_asesmenkompetensi_changelist")
ASESMEN_TAMBAH = reverse("admin:pegawai_asesmenkompetensi_add")
STANDAR = reverse("admin:pegawai_standarkompetensijabatan_changelist")
STANDAR_TAMBAH = reverse("admin:pegawai_standarkompetensijabatan_add")


def kompetensi(kode):
    return Kompetensi.objects.get(kode=kode)


@pytest.fixture
def data(pemeran):
    asn = pemeran.asn.pegawai
    lain = pemeran.asn_opd_lain.pegawai
    AsesmenKompetensi.objects.create(
        pegawai=asn, kompetensi=kompetensi("M.01"), tahun=2024, level=2
    )
    AsesmenKompetensi.objects.create(
        pegawai=asn, kompetensi=kompetensi("M.02"), tahun=2025, level=4
    )
    AsesmenKompetensi.objects.create(
        pegawai=lain, kompetensi=kompetensi("M.01"), tahun=2025, level=3
    )
    perawat = JabatanFactory(nama="Perawat", jenis_jabatan="fungsional", jenjang="ahli_muda")
    StandarKompetensiJabatan.objects.create(jabatan=perawat, kompetensi=kompetensi("M.01"), level=3)
    StandarKompetensiJabatan.objects.create(
        jabatan=asn.jabatan, kompetensi=kompetensi("M.05"), level=2
    )
    return {"asn": asn, "lain": lain, "perawat": perawat}


def shown(response):
    return {str(o) for o in response.context["cl"].result_list}


def test_admin_bkpsdm_lists_filters_and_searches_assessments(client, pemeran, data):
    client.force_login(pemeran.admin)
    response = client.get(ASESMEN)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 3
    body = response.content.decode()
    assert "Cari dengan NIP atau nama pegawai, atau kode kompetensi." in body
    assert len(shown(client.get(ASESMEN, {"tahun": "2025"}))) == 2
    assert len(shown(client.get(ASESMEN, {"level": "4"}))) == 1
    opd = {"pegawai__perangkat_daerah__id__exact": pemeran.opd_lain.pk}
    assert shown(client.get(ASESMEN, opd)) == {
        str(a) for a in AsesmenKompetensi.objects.filter(pegawai=data["lain"])
    }
    assert len(shown(client.get(ASESMEN, {"q": data["asn"].nip[:12]}))) == 2
    assert len(shown(client.get(ASESMEN, {"q": "M.02"}))) == 1


def test_admin_bkpsdm_lists_filters_and_searches_standards(client, pemeran, data):
    client.force_login(pemeran.admin)
    response = client.get(STANDAR)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2
    assert "Fungsional" in response.content.decode()
    assert len(shown(client.get(STANDAR, {"q": "perawat"}))) == 1
    assert len(shown(client.get(STANDAR, {"jabatan__jenis_jabatan__exact": "fungsional"}))) == 1
    assert len(shown(client.get(STANDAR, {"level": "2"}))) == 1


def test_the_add_forms_use_autocomplete_not_a_dropdown_of_every_row(client, pemeran, data):
    client.force_login(pemeran.admin)
    for url, nama in [(ASESMEN_TAMBAH, "pegawai"), (STANDAR_TAMBAH, "jabatan")]:
        body = client.get(url).content.decode()
        assert f'name="{nama}"' in body
        assert "admin-autocomplete" in body
    assert data["asn"].nama not in client.get(ASESMEN_TAMBAH).content.decode()


def test_admin_bkpsdm_records_an_assessment(client, pemeran, data):
    client.force_login(pemeran.admin)
    response = client.post(
        ASESMEN_TAMBAH,
        {
            "pegawai": pemeran.operator.pegawai.pk,
            "kompetensi": kompetensi("M.03").pk,
            "tahun": 2025,
            "level": 3,
            "metode": "Uji kompetensi",
        },
    )
    assert response.status_code == 302
    assert AsesmenKompetensi.objects.filter(
        pegawai=pemeran.operator.pegawai, kompetensi__kode="M.03", tahun=2025, level=3
    ).exists()


def test_the_database_refuses_a_level_outside_1_to_5(client, pemeran, data):
    client.force_login(pemeran.admin)
    response = client.post(
        STANDAR_TAMBAH,
        {"jabatan": data["perawat"].pk, "kompetensi": kompetensi("M.02").pk, "level": 6},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["level"]


@pytest.mark.parametrize("url", [ASESMEN, STANDAR])
def test_the_changelists_query_count_is_constant(client, pemeran, data, url):
    client.force_login(pemeran.admin)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    before = queries()
    for i in range(20):
        p = PegawaiFactory(perangkat_daerah=pemeran.opd)
        AsesmenKompetensi.objects.create(
            pegawai=p, kompetensi=kompetensi("M.04"), tahun=2025, level=2
        )
        jabatan = JabatanFactory(nama=f"Jabatan {i}")
        StandarKompetensiJabatan.objects.create(
            jabatan=jabatan, kompetensi=kompetensi("M.04"), level=2
        )
    assert queries() == before


@pytest.fixture
def kepala_staf(pemeran):
    """A kepala OPD who was given admin access to assessments: they see their own OPD only."""
    user = pemeran.kepala
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_asesmenkompetensi", "add_asesmenkompetensi"])
    )
    return user


def test_assessments_are_scoped_to_the_pegawai_a_user_may_see(client, pemeran, data, kepala_staf):
    client.force_login(kepala_staf)
    response = client.get(ASESMEN)
    assert response.status_code == 200
    assert shown(response) == {
        str(a) for a in AsesmenKompetensi.objects.filter(pegawai=data["asn"])
    }
    lain = AsesmenKompetensi.objects.get(pegawai=data["lain"])
    detail = reverse("admin:pegawai_asesmenkompetensi_change", args=[lain.pk])
    assert client.get(detail).status_code == 302  # "does not exist" → back to the list
    response = client.post(
        ASESMEN_TAMBAH,
        {
            "pegawai": data["lain"].pk,
            "kompetensi": kompetensi("M.03").pk,
            "tahun": 2025,
            "level": 3,
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["pegawai"]
    assert not AsesmenKompetensi.objects.filter(kompetensi__kode="M.03").exists()


@pytest.mark.parametrize("viewer", ["pimpinan", "operator", "asn"])
def test_users_without_admin_access_are_sent_to_the_admin_login(client, pemeran, viewer):
    client.force_login(getattr(pemeran, viewer))
    for url in (ASESMEN, STANDAR):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]
