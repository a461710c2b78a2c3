"""/pelatihan/klaim/ and /pelatihan/klaim/baru/: an ASN's own claims and the claim form."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from pelatihan.models import RiwayatPengembangan
from pelatihan.services import riwayat_reject
from pelatihan.tests.factories import ISI_PDF, ISI_PNG, RiwayatPengembanganFactory, jenis

DAFTAR = reverse("pelatihan:klaim-list")
BARU = reverse("pelatihan:klaim-create")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def klaim(pegawai, **kwargs):
    return RiwayatPengembanganFactory(pegawai=pegawai, klaim=True, **kwargs)


def isian(**ubah):
    data = {
        "nama_pelatihan": "Seminar Nasional Kesehatan Masyarakat",
        "jenis": jenis("KL06").pk,
        "penyelenggara": "Kemenkes",
        "tanggal_mulai": "2025-10-01",
        "tanggal_selesai": "2025-10-02",
        "jp": "16",
        "nomor_sertifikat": "SK/2025/001",
        "tanggal_sertifikat": "2025-10-02",
        "berkas_sertifikat": SimpleUploadedFile("sertifikat.pdf", ISI_PDF),
    }
    data.update(ubah)
    return data


# The list ----------------------------------------------------------------------------------


def test_the_asn_sees_only_their_own_claims_with_status_and_reason(client, pemeran):
    milik = pemeran.asn.pegawai
    menunggu = klaim(milik, nama_pelatihan="E-Learning Anti Korupsi")
    diverifikasi = klaim(milik, nama_pelatihan="Webinar SPBE", status="terverifikasi")
    ditolak = klaim(milik, nama_pelatihan="Coaching Klinis")
    riwayat_reject(riwayat=ditolak, oleh=pemeran.admin, alasan="Sertifikat tidak terbaca.")
    orang_lain = klaim(pemeran.asn_lain_satu_opd.pegawai, nama_pelatihan="Milik Rekan")
    impor = RiwayatPengembanganFactory(pegawai=milik, nama_pelatihan="Diklat Impor")

    client.force_login(pemeran.asn)
    response = client.get(DAFTAR)
    assert response.status_code == 200
    assert set(response.context["page"].object_list) == {menunggu, diverifikasi, ditolak}
    body = response.content.decode()
    assert "Menunggu verifikasi" in body
    assert "Terverifikasi" in body
    assert "Sertifikat tidak terbaca." in body
    assert orang_lain.nama_pelatihan not in body
    assert impor.nama_pelatihan not in body
    # The certificate is linked through the checked view, never by its storage address.
    assert reverse("pelatihan:klaim-sertifikat", args=[menunggu.pk]) in body
    assert menunggu.berkas_sertifikat.name not in body
    assert "/media/" not in body
    # Only a waiting claim can be withdrawn.
    assert reverse("pelatihan:klaim-withdraw", args=[menunggu.pk]) in body
    assert reverse("pelatihan:klaim-withdraw", args=[diverifikasi.pk]) not in body


def test_the_list_has_an_empty_state(client, pemeran):
    client.force_login(pemeran.asn)
    body = client.get(DAFTAR).content.decode()
    assert "Anda belum pernah mengajukan klaim JP." in body
    assert BARU in body


def test_the_list_is_paginated_newest_first(client, pemeran):
    for _ in range(21):
        klaim(pemeran.asn.pegawai)
    client.force_login(pemeran.asn)
    pertama = client.get(DAFTAR).context["page"]
    assert len(pertama.object_list) == 20
    assert pertama.paginator.num_pages == 2
    assert pertama.object_list[0].pk == RiwayatPengembangan.objects.order_by("-pk")[0].pk
    kedua = client.get(DAFTAR, {"halaman": 2}).context["page"]
    assert len(kedua.object_list) == 1


@pytest.mark.parametrize("viewer", ["pimpinan", "tanpa_peran"])
def test_users_who_are_not_an_active_pegawai_get_403_with_a_message(client, pemeran, viewer):
    client.force_login(getattr(pemeran, viewer))
    for url in (DAFTAR, BARU):
        response = client.get(url)
        assert response.status_code == 403
        assert "hanya dapat diajukan oleh ASN" in response.content.decode()


def test_an_inactive_pegawai_gets_403(client, pemeran):
    pegawai = pemeran.asn.pegawai
    pegawai.aktif = False
    pegawai.save()
    client.force_login(pemeran.asn)
    assert client.get(DAFTAR).status_code == 403
    assert client.post(BARU, isian()).status_code == 403
    assert not RiwayatPengembangan.objects.exists()


@pytest.mark.parametrize("viewer", ["kepala", "operator", "kepala_lain", "asn_opd_lain"])
def test_a_kepala_or_operator_sees_only_their_own_claims_here(client, pemeran, viewer):
    # Their own staff's claims are not listed on this personal page.
    klaim(pemeran.asn.pegawai)
    user = getattr(pemeran, viewer)
    own = klaim(user.pegawai)
    client.force_login(user)
    assert list(client.get(DAFTAR).context["page"].object_list) == [own]


def test_anonymous_is_sent_to_login(client, db):
    for url in (DAFTAR, BARU):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_list_rejects_post(client, pemeran):
    client.force_login(pemeran.asn)
    assert client.post(DAFTAR).status_code == 405


def test_the_list_query_count_does_not_grow_with_rows(client, pemeran, django_assert_num_queries):
    client.force_login(pemeran.asn)
    klaim(pemeran.asn.pegawai)
    with django_assert_num_queries(7):
        client.get(DAFTAR)
    for _ in range(15):
        klaim(pemeran.asn.pegawai, jenis=jenis("NKL03"))
    with django_assert_num_queries(7):
        response = client.get(DAFTAR)
    assert len(response.context["page"].object_list) == 16


# The form ----------------------------------------------------------------------------------


def test_the_form_offers_active_jenis_grouped_and_explains_nonclassical(client, pemeran):
    mati = jenis("KL09")
    mati.aktif = False
    mati.save()
    client.force_login(pemeran.asn)
    response = client.get(BARU)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<optgroup label="Klasikal">' in body
    assert '<optgroup label="Nonklasikal">' in body
    assert "NKL01 – Coaching" in body
    assert "KL09 – Penataran" not in body
    assert "tidak memiliki tabel JP nasional" in body
    assert 'type="date"' in body
    assert 'accept=".pdf,.jpg,.jpeg,.png"' in body
    assert 'enctype="multipart/form-data"' in body
    assert "5 MB" in body


def test_the_form_shows_the_recognition_rules_bkpsdm_wrote(client, pemeran):
    elearning = jenis("NKL03")
    elearning.aturan_pengakuan_jp = "Diakui sesuai JP pada sertifikat LMS, paling banyak 20 JP."
    elearning.save()
    client.force_login(pemeran.asn)
    body = client.get(BARU).content.decode()
    assert "paling banyak 20 JP" in body


def test_the_form_query_count(client, pemeran, django_assert_num_queries):
    client.force_login(pemeran.asn)
    # session, user, roles, pegawai, the jenis list (once, for select and notes), unread count
    with django_assert_num_queries(6):
        response = client.get(BARU)
    assert response.status_code == 200


def test_a_valid_claim_is_recorded_for_the_asn_and_redirects(client, pemeran):
    client.force_login(pemeran.asn)
    response = client.post(BARU, isian(), follow=True)
    assert response.redirect_chain == [(DAFTAR, 302)]
    assert "Klaim JP dikirim dan menunggu verifikasi BKPSDM" in response.content.decode()
    riwayat = RiwayatPengembangan.objects.get()
    assert riwayat.pegawai == pemeran.asn.pegawai
    assert riwayat.sumber == "klaim"
    assert riwayat.status == "menunggu"
    assert riwayat.jp == 16
    assert riwayat.tanggal_mulai == datetime.date(2025, 10, 1)
    assert riwayat.berkas_sertifikat.name.endswith(".pdf")


def test_dates_typed_the_indonesian_way_are_accepted(client, pemeran):
    client.force_login(pemeran.asn)
    response = client.post(BARU, isian(tanggal_mulai="01-10-2025", tanggal_selesai="02/10/2025"))
    assert response.status_code == 302
    assert RiwayatPengembangan.objects.get().tanggal_selesai == datetime.date(2025, 10, 2)


def test_a_png_sent_as_pdf_is_kept_as_png(client, pemeran):
    client.force_login(pemeran.asn)
    berkas = SimpleUploadedFile("sertifikat.pdf", ISI_PNG, content_type="application/pdf")
    assert client.post(BARU, isian(berkas_sertifikat=berkas)).status_code == 302
    assert RiwayatPengembangan.objects.get().berkas_sertifikat.name.endswith(".png")


@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        (
            {"berkas_sertifikat": SimpleUploadedFile("sertifikat.pdf", b"teks biasa")},
            "berkas_sertifikat",
            "PDF, JPEG atau PNG",
        ),
        ({"berkas_sertifikat": ""}, "berkas_sertifikat", "Unggah berkas sertifikat"),
        ({"tanggal_selesai": "2999-01-01"}, "tanggal_selesai", "masa depan"),
        ({"tanggal_mulai": "2025-10-05"}, "tanggal_selesai", "sebelum tanggal mulai"),
        ({"jp": "0"}, "jp", "1"),
        ({"jenis": "999999"}, "jenis", "Pilih"),
    ],
)
def test_invalid_input_shows_the_form_again_with_a_message(client, pemeran, ubah, field, pesan):
    client.force_login(pemeran.asn)
    response = client.post(BARU, isian(**ubah))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert pesan in " ".join(errors[field])
    assert not RiwayatPengembangan.objects.exists()


def test_a_duplicate_claim_shows_the_services_message(client, pemeran):
    client.force_login(pemeran.asn)
    assert client.post(BARU, isian()).status_code == 302
    response = client.post(BARU, isian(nama_pelatihan="seminar nasional  KESEHATAN masyarakat"))
    assert response.status_code == 200
    assert "sudah tercatat" in " ".join(response.context["form"].non_field_errors())
    assert RiwayatPengembangan.objects.count() == 1


def test_a_claim_today_is_accepted(client, pemeran):
    hari_ini = timezone.localdate().isoformat()
    client.force_login(pemeran.asn)
    response = client.post(BARU, isian(tanggal_mulai=hari_ini, tanggal_selesai=hari_ini))
    assert response.status_code == 302


def test_the_form_refuses_other_methods(client, pemeran):
    client.force_login(pemeran.asn)
    assert client.put(BARU).status_code == 405
    assert client.delete(BARU).status_code == 405


# Withdraw ----------------------------------------------------------------------------------


def tarik(riwayat):
    return reverse("pelatihan:klaim-withdraw", args=[riwayat.pk])


def test_the_asn_withdraws_their_waiting_claim(client, pemeran):
    riwayat = klaim(pemeran.asn.pegawai)
    client.force_login(pemeran.asn)
    response = client.post(tarik(riwayat), follow=True)
    assert response.redirect_chain == [(DAFTAR, 302)]
    assert "ditarik" in response.content.decode()
    assert not RiwayatPengembangan.objects.exists()


def test_a_verified_claim_is_not_withdrawn(client, pemeran):
    riwayat = klaim(pemeran.asn.pegawai, status="terverifikasi")
    client.force_login(pemeran.asn)
    response = client.post(tarik(riwayat), follow=True)
    assert "tidak dapat ditarik" in response.content.decode()
    assert RiwayatPengembangan.objects.filter(pk=riwayat.pk).exists()


@pytest.mark.parametrize(
    "viewer", ["asn_lain_satu_opd", "kepala", "operator", "asn_opd_lain", "admin", "tanpa_peran"]
)
def test_nobody_else_withdraws_a_claim(client, pemeran, viewer):
    riwayat = klaim(pemeran.asn.pegawai)
    client.force_login(getattr(pemeran, viewer))
    assert client.post(tarik(riwayat)).status_code == 404
    assert RiwayatPengembangan.objects.filter(pk=riwayat.pk).exists()


def test_withdraw_is_post_only_and_needs_a_login(client, pemeran):
    riwayat = klaim(pemeran.asn.pegawai)
    response = client.post(tarik(riwayat))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(pemeran.asn)
    assert client.get(tarik(riwayat)).status_code == 405
    assert RiwayatPengembangan.objects.filter(pk=riwayat.pk).exists()


def test_withdraw_query_count(client, pemeran, django_assert_num_queries):
    riwayat = klaim(pemeran.asn.pegawai)
    client.force_login(pemeran.asn)
    with django_assert_num_queries(9):
        client.post(tarik(riwayat))
