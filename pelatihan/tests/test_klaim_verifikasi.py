"""/pelatihan/klaim/verifikasi/: Admin BKPSDM's queue of waiting claims, with verify and reject."""

import datetime

import pytest
from django.urls import reverse

from pegawai.models import Notifikasi
from pelatihan.models import RiwayatPengembangan
from pelatihan.tests.factories import RiwayatPengembanganFactory, jenis

ANTREAN = reverse("pelatihan:klaim-verifikasi")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def klaim(pegawai, **kwargs):
    return RiwayatPengembanganFactory(pegawai=pegawai, klaim=True, **kwargs)


def verifikasi(riwayat):
    return reverse("pelatihan:klaim-verify", args=[riwayat.pk])


def tolak(riwayat):
    return reverse("pelatihan:klaim-reject", args=[riwayat.pk])


# The queue ---------------------------------------------------------------------------------


def test_admin_sees_waiting_claims_of_every_opd_oldest_first(client, pemeran):
    baru = klaim(pemeran.asn.pegawai, nama_pelatihan="Baru")
    lama = klaim(pemeran.asn_opd_lain.pegawai, nama_pelatihan="Lama")
    RiwayatPengembangan.objects.filter(pk=lama.pk).update(
        dibuat_pada=baru.dibuat_pada - datetime.timedelta(days=3)
    )
    klaim(pemeran.asn.pegawai, nama_pelatihan="Sudah", status="terverifikasi")
    RiwayatPengembanganFactory(pegawai=pemeran.asn.pegawai, nama_pelatihan="Impor")
    client.force_login(pemeran.admin)
    response = client.get(ANTREAN)
    assert response.status_code == 200
    assert [r.pk for r in response.context["page"].object_list] == [lama.pk, baru.pk]
    body = response.content.decode()
    assert pemeran.asn.pegawai.nip in body
    assert verifikasi(baru) in body and tolak(baru) in body
    assert reverse("pelatihan:klaim-sertifikat", args=[baru.pk]) in body


def test_the_queue_shows_the_recognition_rule_of_a_nonclassical_jenis(client, pemeran):
    coaching = jenis("NKL01")
    coaching.aturan_pengakuan_jp = "Satu sesi coaching 60 menit diakui 1 JP, paling banyak 10 JP."
    coaching.save()
    klaim(pemeran.asn.pegawai, jenis=coaching)
    client.force_login(pemeran.admin)
    assert "paling banyak 10 JP" in client.get(ANTREAN).content.decode()


def test_an_admins_own_claim_has_no_buttons_for_them(client, pemeran):
    sendiri = klaim(pemeran.admin.pegawai)
    client.force_login(pemeran.admin)
    body = client.get(ANTREAN).content.decode()
    assert "Ini klaim Anda sendiri" in body
    assert verifikasi(sendiri) not in body


def test_the_queue_has_an_empty_state(client, pemeran):
    client.force_login(pemeran.admin)
    assert "Tidak ada klaim JP yang menunggu verifikasi." in client.get(ANTREAN).content.decode()


@pytest.mark.parametrize(
    "viewer", ["kepala", "operator", "asn", "pimpinan", "kepala_lain", "tanpa_peran"]
)
def test_only_admin_bkpsdm_opens_the_queue(client, pemeran, viewer):
    klaim(pemeran.asn.pegawai, nama_pelatihan="Rahasia")
    client.force_login(getattr(pemeran, viewer))
    response = client.get(ANTREAN)
    assert response.status_code == 403
    body = response.content.decode()
    assert "hanya dilakukan oleh Admin BKPSDM" in body
    assert "Rahasia" not in body


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(ANTREAN)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_queue_rejects_post(client, pemeran):
    client.force_login(pemeran.admin)
    assert client.post(ANTREAN).status_code == 405


def test_the_queue_is_paginated_with_constant_queries(client, pemeran, django_assert_num_queries):
    klaim(pemeran.asn.pegawai)
    client.force_login(pemeran.admin)
    with django_assert_num_queries(7):
        client.get(ANTREAN)
    for pegawai in (pemeran.asn_opd_lain.pegawai, pemeran.kepala.pegawai):
        for _ in range(12):
            klaim(pegawai, jenis=jenis("NKL03"))
    with django_assert_num_queries(7):
        response = client.get(ANTREAN)
    page = response.context["page"]
    assert len(page.object_list) == 20
    assert page.paginator.count == 25


# Verify and reject -------------------------------------------------------------------------


def test_admin_verifies_with_a_recognised_jp(client, pemeran):
    riwayat = klaim(pemeran.asn.pegawai, jp=30)
    client.force_login(pemeran.admin)
    response = client.post(verifikasi(riwayat), {"jp": "9"}, follow=True)
    assert response.redirect_chain == [(ANTREAN, 302)]
    assert "9 JP diakui" in response.content.decode()
    riwayat.refresh_from_db()
    assert (riwayat.status, riwayat.jp, riwayat.diverifikasi_oleh) == (
        "terverifikasi",
        9,
        pemeran.admin,
    )
    assert Notifikasi.objects.filter(penerima=pemeran.asn).count() == 1


def test_an_empty_jp_keeps_the_claimed_jp_and_a_repeat_does_nothing_twice(client, pemeran):
    riwayat = klaim(pemeran.asn.pegawai, jp=30)
    client.force_login(pemeran.admin)
    client.post(verifikasi(riwayat), {"jp": ""})
    client.post(verifikasi(riwayat), {"jp": "5"})
    riwayat.refresh_from_db()
    assert riwayat.jp == 30
    assert riwayat.status == "terverifikasi"
    assert Notifikasi.objects.filter(penerima=pemeran.asn).count() == 1


def test_an_invalid_jp_is_reported_and_nothing_changes(client, pemeran):
    riwayat = klaim(pemeran.asn.pegawai)
    client.force_login(pemeran.admin)
    response = client.post(verifikasi(riwayat), {"jp": "1000"}, follow=True)
    assert response.redirect_chain == [(ANTREAN, 302)]
    assert "999" in response.content.decode()
    riwayat.refresh_from_db()
    assert riwayat.status == "menunggu"


def test_admin_rejects_with_a_reason(client, pemeran):
    riwayat = klaim(pemeran.asn.pegawai)
    client.force_login(pemeran.admin)
    response = client.post(tolak(riwayat), {"alasan": "Sertifikat buram."}, follow=True)
    assert "ditolak" in response.content.decode()
    riwayat.refresh_from_db()
    assert riwayat.status == "ditolak"
    assert riwayat.alasan_penolakan == "Sertifikat buram."
    [notifikasi] = Notifikasi.objects.filter(penerima=pemeran.asn)
    assert "Sertifikat buram." in notifikasi.pesan


def test_a_rejection_without_a_reason_is_refused(client, pemeran):
    riwayat = klaim(pemeran.asn.pegawai)
    client.force_login(pemeran.admin)
    response = client.post(tolak(riwayat), {"alasan": "  "}, follow=True)
    assert "Alasan penolakan wajib diisi." in response.content.decode()
    riwayat.refresh_from_db()
    assert riwayat.status == "menunggu"
    assert not Notifikasi.objects.exists()


def test_an_admin_cannot_decide_their_own_claim(client, pemeran):
    riwayat = klaim(pemeran.admin.pegawai)
    client.force_login(pemeran.admin)
    response = client.post(verifikasi(riwayat), {"jp": ""}, follow=True)
    assert "klaim Anda sendiri" in response.content.decode()
    riwayat.refresh_from_db()
    assert riwayat.status == "menunggu"


@pytest.mark.parametrize("viewer", ["kepala", "operator", "asn", "pimpinan", "tanpa_peran"])
def test_only_admin_bkpsdm_verifies_or_rejects(client, pemeran, viewer):
    riwayat = klaim(pemeran.asn_lain_satu_opd.pegawai)
    client.force_login(getattr(pemeran, viewer))
    assert client.post(verifikasi(riwayat), {"jp": ""}).status_code == 403
    assert client.post(tolak(riwayat), {"alasan": "Tidak"}).status_code == 403
    riwayat.refresh_from_db()
    assert riwayat.status == "menunggu"


def test_verify_and_reject_are_post_only_and_need_a_login(client, pemeran):
    riwayat = klaim(pemeran.asn.pegawai)
    for url in (verifikasi(riwayat), tolak(riwayat)):
        assert client.post(url).status_code == 302
    client.force_login(pemeran.admin)
    for url in (verifikasi(riwayat), tolak(riwayat)):
        assert client.get(url).status_code == 405
    riwayat.refresh_from_db()
    assert riwayat.status == "menunggu"


def test_an_unknown_claim_is_404(client, pemeran):
    client.force_login(pemeran.admin)
    assert client.post("/pelatihan/klaim/999999/verifikasi/").status_code == 404
    assert client.post("/pelatihan/klaim/999999/tolak/", {"alasan": "x"}).status_code == 404


def test_verify_query_count(client, pemeran, django_assert_num_queries):
    riwayat = klaim(pemeran.asn.pegawai)
    client.force_login(pemeran.admin)
    with django_assert_num_queries(23):
        client.post(verifikasi(riwayat), {"jp": ""})
