"""The nomination pages: the queue, the actions, the proposal with its preview, applying."""

import pytest
from django.urls import reverse

from pegawai.models import Notifikasi
from pegawai.tests.factories import PegawaiFactory
from pelatihan.models import Nominasi
from pelatihan.services import nominasi_confirm, nominasi_propose
from pelatihan.tests.factories_kegiatan import KegiatanPelatihanFactory, MataPelatihanFactory

DAFTAR = reverse("pelatihan:nominasi-list")


def kegiatan_terbuka(**kwargs):
    kegiatan = KegiatanPelatihanFactory(**kwargs)
    MataPelatihanFactory(program=kegiatan.program, jp=8)
    return kegiatan


def usulan(pemeran, pegawai=None, kegiatan=None, oleh=None):
    return nominasi_propose(
        kegiatan=kegiatan or kegiatan_terbuka(),
        pegawai=pegawai or pemeran.asn.pegawai,
        oleh=oleh or pemeran.operator,
    )


def aksi(nama, nominasi):
    return reverse(f"pelatihan:nominasi-{nama}", args=[nominasi.pk])


# --- the queue -----------------------------------------------------------------------------


def test_each_role_sees_its_own_scope(client, pemeran):
    kegiatan = kegiatan_terbuka()
    milik_dinkes = usulan(pemeran, kegiatan=kegiatan)
    milik_lain = usulan(
        pemeran, pegawai=pemeran.asn_opd_lain.pegawai, kegiatan=kegiatan, oleh=pemeran.kepala_lain
    )
    milik_rekan = usulan(pemeran, pegawai=pemeran.asn_lain_satu_opd.pegawai, kegiatan=kegiatan)

    def terlihat(user):
        client.force_login(user)
        response = client.get(DAFTAR)
        assert response.status_code == 200
        return {n.pk for n in response.context["page"].object_list}

    semua = {milik_dinkes.pk, milik_lain.pk, milik_rekan.pk}
    assert terlihat(pemeran.admin) == semua
    assert terlihat(pemeran.pimpinan) == semua
    assert terlihat(pemeran.kepala) == {milik_dinkes.pk, milik_rekan.pk}
    assert terlihat(pemeran.operator) == {milik_dinkes.pk, milik_rekan.pk}
    assert terlihat(pemeran.kepala_lain) == {milik_lain.pk}
    assert terlihat(pemeran.asn) == {milik_dinkes.pk}


def test_the_row_shows_score_explanation_warnings_and_actions(client, pemeran):
    nominasi = usulan(pemeran)
    Nominasi.objects.filter(pk=nominasi.pk).update(
        peringatan=[{"kode": "pensiun", "pesan": "Pegawai mencapai batas usia pensiun."}]
    )
    client.force_login(pemeran.kepala)
    isi = client.get(DAFTAR).content.decode()
    assert "Pegawai mencapai batas usia pensiun." in isi
    assert "Skor prioritas 65,00" in isi or "Skor prioritas 65.00" in isi
    assert "Kekurangan JP tahun" in isi
    assert aksi("approve", nominasi) in isi
    assert aksi("reject", nominasi) in isi
    assert aksi("confirm", nominasi) not in isi


def test_the_operator_gets_no_approve_button_and_admin_gets_confirm(client, pemeran):
    nominasi = usulan(pemeran, oleh=pemeran.kepala)
    client.force_login(pemeran.operator)
    isi = client.get(DAFTAR).content.decode()
    assert aksi("approve", nominasi) not in isi
    assert aksi("cancel", nominasi) in isi
    client.force_login(pemeran.admin)
    isi = client.get(DAFTAR).content.decode()
    assert aksi("confirm", nominasi) in isi


def test_admin_filters_by_event_and_status(client, pemeran):
    satu, dua = kegiatan_terbuka(), kegiatan_terbuka()
    a = usulan(pemeran, kegiatan=satu)
    usulan(pemeran, kegiatan=dua)
    b = usulan(
        pemeran, pegawai=pemeran.asn_lain_satu_opd.pegawai, kegiatan=satu, oleh=pemeran.kepala
    )
    client.force_login(pemeran.admin)
    response = client.get(DAFTAR, {"kegiatan": satu.pk})
    assert {n.pk for n in response.context["page"].object_list} == {a.pk, b.pk}
    response = client.get(DAFTAR, {"kegiatan": satu.pk, "status": "disetujui"})
    assert [n.pk for n in response.context["page"].object_list] == [b.pk]


def test_the_queue_has_an_empty_state(client, pemeran):
    client.force_login(pemeran.asn)
    assert "Belum ada nominasi dalam cakupan Anda." in client.get(DAFTAR).content.decode()


def test_the_queue_is_paginated(client, pemeran):
    kegiatan = kegiatan_terbuka()
    for p in [PegawaiFactory(perangkat_daerah=pemeran.opd) for _ in range(21)]:
        usulan(pemeran, pegawai=p, kegiatan=kegiatan)
    client.force_login(pemeran.operator)
    response = client.get(DAFTAR)
    assert len(response.context["page"].object_list) == 20
    assert len(client.get(DAFTAR, {"halaman": 2}).context["page"].object_list) == 1


def test_the_queue_needs_a_login_a_role_and_get(client, pemeran):
    assert client.get(DAFTAR).status_code == 302
    client.force_login(pemeran.tanpa_peran)
    assert client.get(DAFTAR).status_code == 403
    client.force_login(pemeran.admin)
    assert client.post(DAFTAR).status_code == 405


@pytest.mark.parametrize("peran", ["admin", "kepala", "asn"])
def test_the_queue_query_count_does_not_grow(client, pemeran, django_assert_num_queries, peran):
    kegiatan = kegiatan_terbuka()
    usulan(pemeran, kegiatan=kegiatan)
    client.force_login(getattr(pemeran, peran))
    client.get(DAFTAR)  # warm the session
    with django_assert_num_queries(8) as sedikit:
        client.get(DAFTAR)
    for p in [
        PegawaiFactory(perangkat_daerah=pemeran.opd, atasan=pemeran.asn.pegawai) for _ in range(5)
    ]:
        usulan(pemeran, pegawai=p, kegiatan=kegiatan_terbuka())
    with django_assert_num_queries(len(sedikit.captured_queries)):
        client.get(DAFTAR)


# --- actions -------------------------------------------------------------------------------


def test_the_kepala_approves_and_the_admin_confirms_through_the_page(client, pemeran):
    nominasi = usulan(pemeran)
    client.force_login(pemeran.kepala)
    assert client.post(aksi("approve", nominasi)).status_code == 302
    nominasi.refresh_from_db()
    assert nominasi.status == "disetujui"
    client.force_login(pemeran.admin)
    assert client.post(aksi("confirm", nominasi)).status_code == 302
    nominasi.refresh_from_db()
    assert nominasi.status == "ditetapkan"


def test_the_operator_may_not_approve_403(client, pemeran):
    nominasi = usulan(pemeran)
    client.force_login(pemeran.operator)
    assert client.post(aksi("approve", nominasi)).status_code == 403
    client.force_login(pemeran.kepala)
    assert client.post(aksi("confirm", nominasi)).status_code == 403
    nominasi.refresh_from_db()
    assert nominasi.status == "diusulkan"


@pytest.mark.parametrize("nama", ["approve", "reject", "confirm", "cancel"])
def test_another_opd_gets_404(client, pemeran, nama):
    nominasi = usulan(pemeran)
    client.force_login(pemeran.kepala_lain)
    assert client.post(aksi(nama, nominasi), {"alasan": "x"}).status_code == 404
    nominasi.refresh_from_db()
    assert nominasi.status == "diusulkan"


@pytest.mark.parametrize("nama", ["approve", "reject", "confirm", "cancel"])
def test_actions_are_post_only_and_need_a_login(client, pemeran, nama):
    nominasi = usulan(pemeran)
    assert client.post(aksi(nama, nominasi)).status_code == 302
    assert "/accounts/login/" in client.post(aksi(nama, nominasi)).url
    client.force_login(pemeran.admin)
    assert client.get(aksi(nama, nominasi)).status_code == 405


def test_reject_needs_a_reason(client, pemeran):
    nominasi = usulan(pemeran)
    client.force_login(pemeran.kepala)
    response = client.post(aksi("reject", nominasi), {"alasan": " "}, follow=True)
    assert "Alasan penolakan wajib diisi." in response.content.decode()
    nominasi.refresh_from_db()
    assert nominasi.status == "diusulkan"
    client.post(aksi("reject", nominasi), {"alasan": "Kuota bidang sudah terisi"})
    nominasi.refresh_from_db()
    assert (nominasi.status, nominasi.alasan) == ("ditolak", "Kuota bidang sudah terisi")
    assert Notifikasi.objects.filter(penerima=pemeran.asn, judul="Nominasi ditolak").count() == 1


def test_the_asn_cancels_their_own(client, pemeran):
    nominasi = usulan(pemeran)
    client.force_login(pemeran.asn)
    client.post(aksi("cancel", nominasi))
    nominasi.refresh_from_db()
    assert nominasi.status == "batal"


def test_an_illegal_move_shows_a_message(client, pemeran):
    nominasi = usulan(pemeran, oleh=pemeran.kepala)
    nominasi_confirm(nominasi=nominasi, oleh=pemeran.admin)
    client.force_login(pemeran.kepala)
    response = client.post(aksi("reject", nominasi), {"alasan": "terlambat"}, follow=True)
    assert "tidak dapat ditolak" in response.content.decode()


# --- proposal with preview -----------------------------------------------------------------


def usulkan(kegiatan):
    return reverse("pelatihan:nominasi-create", args=[kegiatan.pk])


def test_the_operator_previews_then_proposes(client, pemeran):
    kegiatan = kegiatan_terbuka()
    client.force_login(pemeran.operator)
    response = client.get(usulkan(kegiatan))
    assert response.status_code == 200
    pilihan = {p.nip for p in response.context["form"].fields["pegawai"].queryset}
    assert pemeran.asn.pegawai.nip in pilihan
    assert pemeran.asn_opd_lain.pegawai.nip not in pilihan

    response = client.get(usulkan(kegiatan), {"pegawai": pemeran.asn.pegawai.nip})
    isi = response.content.decode()
    assert "Skor prioritas: 65" in isi
    assert "Tidak ada peringatan kelayakan." in isi
    assert not Nominasi.objects.exists()

    response = client.post(usulkan(kegiatan), {"pegawai": pemeran.asn.pegawai.nip})
    assert response.status_code == 302
    nominasi = Nominasi.objects.get()
    assert (nominasi.pegawai, nominasi.status) == (pemeran.asn.pegawai, "diusulkan")


def test_the_search_narrows_the_choice(client, pemeran):
    kegiatan = kegiatan_terbuka()
    PegawaiFactory(perangkat_daerah=pemeran.opd, nama="Teuku Umar")
    client.force_login(pemeran.kepala)
    response = client.get(usulkan(kegiatan), {"q": "teuku"})
    assert [p.nama for p in response.context["form"].fields["pegawai"].queryset] == ["Teuku Umar"]


def test_the_preview_lists_the_warnings(client, pemeran):
    kegiatan = kegiatan_terbuka()
    pegawai = pemeran.asn.pegawai
    pegawai.tanggal_lahir = kegiatan.tanggal_selesai.replace(
        year=kegiatan.tanggal_selesai.year - 58
    )
    pegawai.save()
    client.force_login(pemeran.operator)
    isi = client.get(usulkan(kegiatan), {"pegawai": pegawai.nip}).content.decode()
    assert "batas usia pensiun 58 tahun" in isi


def test_the_proposal_refuses_pegawai_of_another_opd(client, pemeran):
    kegiatan = kegiatan_terbuka()
    client.force_login(pemeran.operator)
    response = client.post(usulkan(kegiatan), {"pegawai": pemeran.asn_opd_lain.pegawai.nip})
    assert response.status_code == 200
    assert "Pegawai tidak ditemukan di perangkat daerah Anda." in response.content.decode()
    response = client.get(usulkan(kegiatan), {"pegawai": pemeran.asn_opd_lain.pegawai.nip})
    assert response.context["penilaian"] is None
    assert not Nominasi.objects.exists()


def test_a_second_proposal_shows_the_services_message(client, pemeran):
    kegiatan = kegiatan_terbuka()
    usulan(pemeran, kegiatan=kegiatan)
    client.force_login(pemeran.kepala)
    response = client.post(usulkan(kegiatan), {"pegawai": pemeran.asn.pegawai.nip})
    assert "sudah dinominasikan" in response.content.decode()
    assert Nominasi.objects.count() == 1


@pytest.mark.parametrize("peran", ["admin", "asn", "pimpinan", "tanpa_peran"])
def test_only_kepala_and_operator_propose(client, pemeran, peran):
    client.force_login(getattr(pemeran, peran))
    assert client.get(usulkan(kegiatan_terbuka())).status_code == 403


def test_the_proposal_needs_a_login_and_get_or_post(client, pemeran):
    kegiatan = kegiatan_terbuka()
    assert client.get(usulkan(kegiatan)).status_code == 302
    client.force_login(pemeran.operator)
    assert client.put(usulkan(kegiatan)).status_code == 405
    draf = kegiatan_terbuka(status="draft")
    assert client.get(usulkan(draf)).status_code == 404


def test_the_preview_query_count(client, pemeran, django_assert_num_queries):
    kegiatan = kegiatan_terbuka()
    client.force_login(pemeran.operator)
    client.get(usulkan(kegiatan))
    with django_assert_num_queries(16) as awal:
        client.get(usulkan(kegiatan), {"pegawai": pemeran.asn.pegawai.nip})
    for _ in range(5):
        PegawaiFactory(perangkat_daerah=pemeran.opd)
    with django_assert_num_queries(len(awal.captured_queries)):
        client.get(usulkan(kegiatan), {"pegawai": pemeran.asn.pegawai.nip})


# --- the ASN applies -----------------------------------------------------------------------


def daftar(kegiatan):
    return reverse("pelatihan:nominasi-daftar", args=[kegiatan.pk])


def test_the_asn_applies_and_the_atasan_is_told(client, pemeran):
    kegiatan = kegiatan_terbuka()
    client.force_login(pemeran.asn)
    response = client.post(daftar(kegiatan))
    assert response.status_code == 302
    nominasi = Nominasi.objects.get()
    assert (nominasi.jalur, nominasi.pegawai) == ("mandiri", pemeran.asn.pegawai)
    assert (
        Notifikasi.objects.filter(
            penerima=pemeran.kepala, judul="Nominasi menunggu persetujuan"
        ).count()
        == 1
    )
    response = client.post(daftar(kegiatan), follow=True)
    assert "sudah dinominasikan" in response.content.decode()
    assert Nominasi.objects.count() == 1


def test_applying_needs_an_asn_post_and_a_login(client, pemeran):
    kegiatan = kegiatan_terbuka()
    assert client.post(daftar(kegiatan)).status_code == 302
    client.force_login(pemeran.pimpinan)
    assert client.post(daftar(kegiatan)).status_code == 403
    client.force_login(pemeran.asn)
    assert client.get(daftar(kegiatan)).status_code == 405
    assert not Nominasi.objects.exists()
