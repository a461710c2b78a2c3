import pytest
from django.urls import reverse

from pegawai.tests.factories import PegawaiFactory

URL = reverse("pegawai:pegawai-list")


def nips(response):
    return {p.nip for p in response.context["page"].object_list}


def test_admin_and_pimpinan_see_every_opd(client, pemeran):
    for user in (pemeran.admin, pemeran.pimpinan):
        client.force_login(user)
        found = nips(client.get(URL))
        assert pemeran.asn.pegawai.nip in found
        assert pemeran.asn_opd_lain.pegawai.nip in found


@pytest.mark.parametrize("viewer", ["kepala", "operator"])
def test_kepala_and_operator_see_only_their_opd(client, pemeran, viewer):
    client.force_login(getattr(pemeran, viewer))
    found = nips(client.get(URL))
    assert pemeran.asn.pegawai.nip in found
    assert pemeran.asn_lain_satu_opd.pegawai.nip in found
    assert pemeran.asn_opd_lain.pegawai.nip not in found
    assert pemeran.kepala_lain.pegawai.nip not in found


def test_an_asn_sees_only_themself(client, pemeran):
    client.force_login(pemeran.asn)
    assert nips(client.get(URL)) == {pemeran.asn.pegawai.nip}


def test_a_user_without_role_sees_nobody(client, pemeran):
    client.force_login(pemeran.tanpa_peran)
    response = client.get(URL)
    assert nips(response) == set()
    assert "Belum ada data pegawai." in response.content.decode()


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_search_by_name_and_by_nip_with_spaces(client, pemeran):
    client.force_login(pemeran.admin)
    target = pemeran.asn.pegawai
    assert nips(client.get(URL, {"q": target.nama[:6].lower()})) >= {target.nip}
    spaced = f"{target.nip[:8]} {target.nip[8:14]}"
    assert target.nip in nips(client.get(URL, {"q": spaced}))
    response = client.get(URL, {"q": "tidak-ada-yang-bernama-begini"})
    assert nips(response) == set()
    assert "Tidak ada pegawai yang cocok" in response.content.decode()


def test_it_paginates_with_constant_queries(client, pemeran, django_assert_num_queries):
    client.force_login(pemeran.kepala)
    with django_assert_num_queries(7):
        client.get(URL)
    PegawaiFactory.create_batch(60, perangkat_daerah=pemeran.opd)
    with django_assert_num_queries(7):
        response = client.get(URL)
    assert len(response.context["page"].object_list) == 50
    assert response.context["page"].paginator.count == 64
    assert len(client.get(URL, {"halaman": 2}).context["page"].object_list) == 14


def test_it_rejects_post(client, pemeran):
    client.force_login(pemeran.admin)
    assert client.post(URL).status_code == 405
