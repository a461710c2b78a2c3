"""/pegawai/<nip>/: the profile, for the ASN themself, their OPD's kepala and operator, Admin
BKPSDM and pimpinan; 404 for everyone else (DESIGN §6)."""

import pytest
from django.urls import reverse

from pegawai.tests.factories import PASSWORD, PegawaiFactory


def url(pegawai):
    return reverse("pegawai:pegawai-detail", args=[pegawai.nip])


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("asn", 200),  # self
        ("kepala", 200),  # kepala of own OPD
        ("operator", 200),  # operator of own OPD
        ("admin", 200),
        ("pimpinan", 200),
        ("asn_lain_satu_opd", 404),  # another ASN, even in the same OPD
        ("kepala_lain", 404),  # kepala of another OPD
        ("asn_opd_lain", 404),
        ("tanpa_peran", 404),
    ],
)
def test_it_shows_the_profile_only_within_scope(client, pemeran, viewer, status):
    client.force_login(getattr(pemeran, viewer))
    response = client.get(url(pemeran.asn.pegawai))
    assert response.status_code == status
    if status == 200:
        assert pemeran.asn.pegawai.nama in response.content.decode()
        assert response.context["pegawai"] == pemeran.asn.pegawai


def test_it_redirects_anonymous_to_login(client, pemeran):
    response = client.get(url(pemeran.asn.pegawai))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_gives_404_for_an_unknown_nip(client, pemeran):
    client.force_login(pemeran.admin)
    assert client.get("/pegawai/199001012015031001/").status_code == 404
    assert client.get("/pegawai/bukan-nip/").status_code == 404


def test_it_shows_identity_jabatan_golongan_opd_unit_and_atasan(client, pemeran):
    client.force_login(pemeran.asn)
    pegawai = pemeran.asn.pegawai
    body = client.get(url(pegawai)).content.decode()
    assert pegawai.nip_terformat in body
    assert pegawai.jabatan.nama in body
    assert pegawai.golongan.pangkat in body
    assert pemeran.opd.nama in body
    assert pemeran.kepala.pegawai.nama in body  # atasan


def test_it_rejects_post(client, pemeran):
    client.force_login(pemeran.asn)
    assert client.post(url(pemeran.asn.pegawai)).status_code == 405


def test_it_uses_the_same_number_of_queries_however_many_bawahan(
    client, pemeran, django_assert_num_queries
):
    client.force_login(pemeran.kepala)
    target = url(pemeran.kepala.pegawai)
    with django_assert_num_queries(7):
        client.get(target)
    PegawaiFactory.create_batch(15, perangkat_daerah=pemeran.opd, atasan=pemeran.kepala.pegawai)
    with django_assert_num_queries(7):
        response = client.get(target)
    assert len(response.context["bawahan"]) == 16


def test_an_asn_can_log_in_and_open_their_own_profile(client, pemeran):
    assert client.login(username=pemeran.asn.pegawai.nip, password=PASSWORD)
    assert client.get(url(pemeran.asn.pegawai)).status_code == 200
