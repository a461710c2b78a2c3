"""The JP ledger in the Django admin: fast at millions of rows, scoped, and the place where
Admin BKPSDM verifies and rejects claims."""

import datetime

import pytest
from django.contrib.admin import helpers
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pegawai.models import Notifikasi
from pegawai.tests.factories import PegawaiFactory
from pelatihan.models import RiwayatPengembangan
from pelatihan.tests.factories import ISI_PNG, RiwayatPengembanganFactory, jenis

CHANGELIST = reverse("admin:pelatihan_riwayatpengembangan_changelist")
ADD = reverse("admin:pelatihan_riwayatpengembangan_add")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def shown(response):
    return {r.pk for r in response.context["cl"].result_list}


def change_url(riwayat):
    return reverse("admin:pelatihan_riwayatpengembangan_change", args=[riwayat.pk])


def klaim(pegawai, **kwargs):
    return RiwayatPengembanganFactory(pegawai=pegawai, klaim=True, **kwargs)


def action(client, name, rows, **extra):
    data = {"action": name, helpers.ACTION_CHECKBOX_NAME: [r.pk for r in rows], **extra}
    return client.post(CHANGELIST, data, follow=True)


# The changelist ----------------------------------------------------------------------------


def test_admin_sees_every_row_with_pegawai_and_a_protected_certificate_link(client, pemeran):
    rows = [
        klaim(pemeran.asn.pegawai),
        RiwayatPengembanganFactory(pegawai=pemeran.asn_opd_lain.pegawai),
    ]
    client.force_login(pemeran.admin)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert shown(response) == {r.pk for r in rows}
    body = response.content.decode()
    assert pemeran.asn.pegawai.nip in body
    assert reverse("pelatihan:klaim-sertifikat", args=[rows[0].pk]) in body
    assert rows[0].berkas_sertifikat.name not in body
    assert "Cari dengan NIP, nama pegawai atau nama pelatihan." in body


def test_filters(client, pemeran):
    menunggu = klaim(pemeran.asn.pegawai, jenis=jenis("NKL03"))
    lama = RiwayatPengembanganFactory(
        pegawai=pemeran.asn_opd_lain.pegawai,
        tanggal_mulai=datetime.date(2023, 1, 2),
        tanggal_selesai=datetime.date(2023, 1, 3),
    )
    client.force_login(pemeran.admin)
    assert shown(client.get(CHANGELIST, {"status__exact": "menunggu"})) == {menunggu.pk}
    assert shown(client.get(CHANGELIST, {"sumber__exact": "impor"})) == {lama.pk}
    assert shown(client.get(CHANGELIST, {"jenis__id__exact": jenis("NKL03").pk})) == {menunggu.pk}
    response = client.get(CHANGELIST, {"tahun": "2023"})
    assert shown(response) == {lama.pk}
    body = response.content.decode()
    assert "?tahun=2025" in body and "?tahun=2024" in body  # every year between the ends
    assert shown(client.get(CHANGELIST, {"opd": pemeran.opd_lain.pk})) == {lama.pk}
    assert shown(client.get(CHANGELIST, {"opd": pemeran.opd.pk})) == {menunggu.pk}


def test_search_by_nip_name_and_training(client, pemeran):
    satu = klaim(pemeran.asn.pegawai, nama_pelatihan="Pelatihan Kepemimpinan Pengawas")
    dua = RiwayatPengembanganFactory(
        pegawai=pemeran.asn_opd_lain.pegawai, nama_pelatihan="Bimtek Keuangan Daerah"
    )
    client.force_login(pemeran.admin)
    nip = pemeran.asn.pegawai.nip
    assert shown(client.get(CHANGELIST, {"q": nip[:10]})) >= {satu.pk}
    assert dua.pk not in shown(client.get(CHANGELIST, {"q": nip}))
    assert shown(client.get(CHANGELIST, {"q": f"{nip[:8]} {nip[8:14]}"})) >= {satu.pk}
    nama = pemeran.asn_opd_lain.pegawai.nama
    assert dua.pk in shown(client.get(CHANGELIST, {"q": nama.upper()}))
    assert shown(client.get(CHANGELIST, {"q": "keuangan  daerah"})) == {dua.pk}
    assert shown(client.get(CHANGELIST, {"q": "tidak-ada-sama-sekali"})) == set()


def test_the_changelist_query_count_is_constant(client, pemeran):
    client.force_login(pemeran.admin)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(CHANGELIST).status_code == 200
        return len(ctx)

    klaim(pemeran.asn.pegawai)
    before = queries()
    for _ in range(10):
        klaim(PegawaiFactory(perangkat_daerah=pemeran.opd_lain), jenis=jenis("NKL01"))
        RiwayatPengembanganFactory(pegawai=PegawaiFactory(perangkat_daerah=pemeran.opd))
    assert queries() == before


def test_no_full_count_on_unfiltered_pages(client, pemeran):
    klaim(pemeran.asn.pegawai)
    client.force_login(pemeran.admin)
    with CaptureQueriesContext(connection) as ctx:
        client.get(CHANGELIST)
    counts = [
        q["sql"]
        for q in ctx
        if "COUNT(" in q["sql"] and "pelatihan_riwayatpengembangan" in q["sql"]
    ]
    assert len(counts) == 1  # the paginator's; show_full_result_count is off
    assert " WHERE " not in counts[0]  # so the paginator may use the estimate at scale


def test_a_staff_operator_sees_only_their_opd(client, pemeran):
    own = klaim(pemeran.asn.pegawai)
    other = klaim(pemeran.asn_opd_lain.pegawai)
    operator = pemeran.operator
    operator.is_staff = True
    operator.save()
    operator.user_permissions.add(
        Permission.objects.get(codename="view_riwayatpengembangan"),
        Permission.objects.get(codename="change_riwayatpengembangan"),
    )
    client.force_login(operator)
    response = client.get(CHANGELIST)
    assert shown(response) == {own.pk}
    # Not Admin BKPSDM: no verification actions, and the other OPD's row does not exist.
    assert "verifikasi_terpilih" not in response.content.decode()
    assert client.get(change_url(other)).status_code == 302
    action(client, "verifikasi_terpilih", [own])
    own.refresh_from_db()
    assert own.status == "menunggu"


@pytest.mark.parametrize("viewer", ["asn", "kepala", "operator", "pimpinan"])
def test_only_staff_reach_the_admin(client, pemeran, viewer):
    client.force_login(getattr(pemeran, viewer))
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_anonymous_is_sent_to_the_admin_login(client, db):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# The change and add forms ------------------------------------------------------------------


def test_the_change_form_uses_autocomplete_and_links_the_certificate_safely(client, pemeran):
    riwayat = klaim(pemeran.asn.pegawai)
    PegawaiFactory.create_batch(30, perangkat_daerah=pemeran.opd)
    client.force_login(pemeran.admin)
    response = client.get(change_url(riwayat))
    assert response.status_code == 200
    body = response.content.decode()
    assert "admin-autocomplete" in body
    assert body.count("<option") < 60  # no option per pegawai
    assert reverse("pelatihan:klaim-sertifikat", args=[riwayat.pk]) in body
    assert riwayat.berkas_sertifikat.name not in body


def isian_admin(pegawai, **ubah):
    data = {
        "pegawai": pegawai.pk,
        "nama_pelatihan": "Pelatihan Teknis Arsip",
        "jenis": jenis("KL03").pk,
        "penyelenggara": "ANRI",
        "tanggal_mulai": "2024-02-05",
        "tanggal_selesai": "2024-02-07",
        "jp": "24",
        "sumber": "impor",
        "nomor_sertifikat": "",
        "tanggal_sertifikat": "",
    }
    data.update(ubah)
    return data


def test_admin_adds_a_row_and_the_file_is_checked_by_content(client, pemeran):
    client.force_login(pemeran.admin)
    berkas = SimpleUploadedFile("scan.pdf", ISI_PNG)
    response = client.post(
        ADD, isian_admin(pemeran.asn.pegawai, berkas_sertifikat=berkas), follow=True
    )
    assert response.status_code == 200
    riwayat = RiwayatPengembangan.objects.get()
    assert riwayat.berkas_sertifikat.name.endswith(".png")
    assert riwayat.status == "menunggu"  # decided only through the actions, with who and when

    teks = SimpleUploadedFile("scan.pdf", b"bukan sertifikat")
    response = client.post(
        ADD, isian_admin(pemeran.asn.pegawai, nama_pelatihan="Lain", berkas_sertifikat=teks)
    )
    assert response.status_code == 200
    assert "PDF, JPEG atau PNG" in response.content.decode()
    assert RiwayatPengembangan.objects.count() == 1


def test_a_duplicate_entered_in_the_admin_is_a_form_error(client, pemeran):
    RiwayatPengembanganFactory(
        pegawai=pemeran.asn.pegawai,
        nama_pelatihan="Pelatihan Teknis Arsip",
        tanggal_mulai=datetime.date(2024, 2, 5),
        tanggal_selesai=datetime.date(2024, 2, 7),
    )
    client.force_login(pemeran.admin)
    response = client.post(
        ADD, isian_admin(pemeran.asn.pegawai, nama_pelatihan="PELATIHAN teknis  arsip")
    )
    assert response.status_code == 200
    assert "sudah tercatat" in response.content.decode()
    assert RiwayatPengembangan.objects.count() == 1


# Actions -----------------------------------------------------------------------------------


def test_the_verify_action_verifies_waiting_rows_and_reports_counts(client, pemeran):
    a = klaim(pemeran.asn.pegawai)
    b = klaim(pemeran.asn_opd_lain.pegawai)
    sudah = RiwayatPengembanganFactory(pegawai=pemeran.asn.pegawai)
    sendiri = klaim(pemeran.admin.pegawai)
    client.force_login(pemeran.admin)
    response = action(client, "verifikasi_terpilih", [a, b, sudah, sendiri])
    body = response.content.decode()
    assert "2 klaim diverifikasi." in body
    assert "1 klaim dilewati" in body
    assert "klaim Anda sendiri" in body
    for riwayat in (a, b):
        riwayat.refresh_from_db()
        assert riwayat.status == "terverifikasi"
        assert riwayat.diverifikasi_oleh == pemeran.admin
    sendiri.refresh_from_db()
    assert sendiri.status == "menunggu"
    assert Notifikasi.objects.filter(kunci__endswith=":verifikasi").count() == 2
    # Again: nothing happens twice.
    body = action(client, "verifikasi_terpilih", [a, b]).content.decode()
    assert "0 klaim diverifikasi." in body
    assert Notifikasi.objects.filter(kunci__endswith=":verifikasi").count() == 2


def test_the_reject_action_asks_for_a_reason_first(client, pemeran):
    a = klaim(pemeran.asn.pegawai, nama_pelatihan="Webinar Tanpa Bukti")
    b = klaim(pemeran.asn_opd_lain.pegawai)
    client.force_login(pemeran.admin)
    response = action(client, "tolak_terpilih", [a, b])
    assert response.status_code == 200
    body = response.content.decode()
    assert "Webinar Tanpa Bukti" in body
    assert 'name="alasan"' in body
    for riwayat in (a, b):
        riwayat.refresh_from_db()
        assert riwayat.status == "menunggu"


def test_the_reject_action_needs_a_reason(client, pemeran):
    a = klaim(pemeran.asn.pegawai)
    client.force_login(pemeran.admin)
    response = action(client, "tolak_terpilih", [a], terapkan="1", alasan=" ")
    assert response.status_code == 200
    assert "Alasan penolakan wajib diisi." in response.content.decode()
    a.refresh_from_db()
    assert a.status == "menunggu"


def test_the_reject_action_applies_the_reason_and_notifies(client, pemeran):
    a = klaim(pemeran.asn.pegawai)
    b = klaim(pemeran.asn_opd_lain.pegawai)
    c = klaim(pemeran.asn_lain_satu_opd.pegawai)  # not selected
    client.force_login(pemeran.admin)
    response = action(
        client, "tolak_terpilih", [a, b], terapkan="1", alasan="Sertifikat tidak sah."
    )
    assert response.redirect_chain[-1][0].startswith(CHANGELIST)
    assert "2 klaim ditolak." in response.content.decode()
    for riwayat in (a, b):
        riwayat.refresh_from_db()
        assert riwayat.status == "ditolak"
        assert riwayat.alasan_penolakan == "Sertifikat tidak sah."
    c.refresh_from_db()
    assert c.status == "menunggu"
    pesan = Notifikasi.objects.get(penerima=pemeran.asn).pesan
    assert "Sertifikat tidak sah." in pesan


def test_the_admin_pages_load(client, pemeran):
    riwayat = klaim(pemeran.asn.pegawai)
    client.force_login(pemeran.admin)
    for url in (
        CHANGELIST,
        ADD,
        change_url(riwayat),
        reverse("admin:pelatihan_jenispengembangan_changelist"),
    ):
        assert client.get(url).status_code == 200, url
