"""The PDF documents: a graduate's certificate (with the QR code of its verification address),
the invitation letter and the attendance sheet; who may download each, and at what cost."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils.formats import date_format
from PIL import Image
from pypdf import PdfReader

from pegawai.models import PerangkatDaerah
from pegawai.tests.factories import PegawaiFactory
from pelatihan.dokumen import qr_png, url_verifikasi
from pelatihan.models import KegiatanPelatihan, KuotaOPD, Nominasi
from pelatihan.services import hasil_save, kegiatan_complete
from pelatihan.tests.factories_kegiatan import KegiatanPelatihanFactory, MataPelatihanFactory

S = KegiatanPelatihan.Status


def kegiatan_berjalan(**kwargs):
    kwargs.setdefault("mulai", datetime.date.today() - datetime.timedelta(days=5))
    kwargs.setdefault("status", S.BERLANGSUNG)
    kegiatan = KegiatanPelatihanFactory(**kwargs)
    MataPelatihanFactory(program=kegiatan.program, jp=8)
    MataPelatihanFactory(program=kegiatan.program, jp=16)
    return kegiatan


def peserta(kegiatan, pegawai=None, status=Nominasi.Status.LULUS):
    return Nominasi.objects.create(
        kegiatan=kegiatan,
        pegawai=pegawai or PegawaiFactory(),
        jalur=Nominasi.Jalur.USULAN_OPD,
        status=status,
    )


@pytest.fixture
def lulusan(pemeran, settings):
    """A finished event: the DINKES ASN graduated and holds a certificate."""
    settings.SERTIFIKAT_PENANDATANGAN_NAMA = "Teuku Umar, S.STP."
    kegiatan = kegiatan_berjalan()
    nominasi = peserta(kegiatan, pemeran.asn.pegawai)
    kegiatan_complete(kegiatan=kegiatan, oleh=pemeran.admin)
    return nominasi


def url_sertifikat(nominasi):
    return reverse("pelatihan:sertifikat-pdf", args=[nominasi.kegiatan_id, nominasi.pk])


def teks_pdf(isi: bytes) -> str:
    assert isi.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(isi)).pages)


def satu_baris(teks: str) -> str:
    return " ".join(teks.split())


# --- certificate -----------------------------------------------------------------------------


def test_it_shows_what_a_certificate_shows(client, pemeran, lulusan):
    client.force_login(pemeran.asn)
    response = client.get(url_sertifikat(lulusan))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    teks = satu_baris(teks_pdf(response.content))
    sertifikat = lulusan.sertifikat
    pegawai, kegiatan = lulusan.pegawai, lulusan.kegiatan
    for harapan in (
        sertifikat.nomor,
        pegawai.nama_lengkap,
        pegawai.nip,
        kegiatan.program.nama,
        "24 jam pelajaran",
        kegiatan.lembaga.nama,
        date_format(kegiatan.tanggal_selesai, "j F Y"),
        "Teuku Umar, S.STP.",
        "Kepala BKPSDM Kota Langsa",
    ):
        assert harapan in teks


def test_its_qr_code_holds_the_absolute_verification_address(client, pemeran, lulusan, settings):
    settings.SITE_URL = "https://kompetensi.langsakota.go.id/"
    client.force_login(pemeran.admin)
    isi = client.get(url_sertifikat(lulusan)).content

    url = url_verifikasi(lulusan.sertifikat)
    assert url == (f"https://kompetensi.langsakota.go.id/verifikasi/{lulusan.sertifikat.kode}/")
    gambar = PdfReader(io.BytesIO(isi)).pages[0].images
    assert len(gambar) == 1

    def piksel(img):
        return img.convert("L").tobytes()

    tertanam = piksel(gambar[0].image)
    assert tertanam == piksel(Image.open(io.BytesIO(qr_png(url))))
    assert tertanam != piksel(Image.open(io.BytesIO(qr_png(url.replace("https", "http")))))


@pytest.mark.parametrize("peran", ["asn", "admin", "kepala", "operator"])
def test_the_graduate_bkpsdm_and_their_opd_get_the_certificate(client, pemeran, lulusan, peran):
    client.force_login(getattr(pemeran, peran))
    assert client.get(url_sertifikat(lulusan)).status_code == 200


@pytest.mark.parametrize(
    "peran", ["asn_lain_satu_opd", "kepala_lain", "asn_opd_lain", "pimpinan", "tanpa_peran"]
)
def test_anyone_else_gets_404(client, pemeran, lulusan, peran):
    client.force_login(getattr(pemeran, peran))
    assert client.get(url_sertifikat(lulusan)).status_code == 404


def test_anonymous_is_sent_to_login(client, lulusan):
    response = client.get(url_sertifikat(lulusan))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_certificate_is_get_only(client, pemeran, lulusan):
    client.force_login(pemeran.admin)
    assert client.post(url_sertifikat(lulusan)).status_code == 405


def test_another_events_address_is_404(client, pemeran, lulusan):
    client.force_login(pemeran.admin)
    lain = kegiatan_berjalan()
    url = reverse("pelatihan:sertifikat-pdf", args=[lain.pk, lulusan.pk])
    assert client.get(url).status_code == 404


def test_a_result_corrected_to_tidak_lulus_withdraws_the_certificate(client, pemeran, lulusan):
    hasil_save(
        kegiatan=lulusan.kegiatan,
        hasil={lulusan.pk: {"hasil": Nominasi.Status.TIDAK_LULUS}},
        oleh=pemeran.admin,
    )
    client.force_login(pemeran.admin)
    assert client.get(url_sertifikat(lulusan)).status_code == 404
    verifikasi = reverse("sertifikat-verifikasi", args=[lulusan.sertifikat.kode])
    assert client.get(verifikasi).status_code == 404


def test_the_certificate_costs_a_fixed_number_of_queries(
    client, pemeran, lulusan, django_assert_num_queries
):
    client.force_login(pemeran.kepala)
    client.get(url_sertifikat(lulusan))  # warm the session
    # session, user, roles, pegawai of the user, the certificate with everything it prints
    with django_assert_num_queries(5):
        assert client.get(url_sertifikat(lulusan)).status_code == 200


# --- public verification page ----------------------------------------------------------------


def test_the_verification_page_is_public_and_shows_the_certificate(client, lulusan):
    sertifikat = lulusan.sertifikat
    response = client.get(reverse("sertifikat-verifikasi", args=[sertifikat.kode]))

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    isi = response.content.decode()
    pegawai, kegiatan = lulusan.pegawai, lulusan.kegiatan
    for harapan in (
        sertifikat.nomor,
        pegawai.nama_lengkap,
        pegawai.nip,
        kegiatan.program.nama,
        kegiatan.lembaga.nama,
        "Teuku Umar, S.STP.",
    ):
        assert harapan in isi
    assert '<dd class="col-sm-8">24</dd>' in isi
    # Only what the certificate shows: nothing else about the person.
    assert pegawai.perangkat_daerah.nama not in isi


def test_an_unknown_code_is_404(client, lulusan):
    kode = lulusan.sertifikat.kode
    lain = kode[:-1] + ("x" if kode[-1] != "x" else "y")
    assert client.get(reverse("sertifikat-verifikasi", args=[lain])).status_code == 404
    assert client.get("/verifikasi/tidak-ada/").status_code == 404


def test_the_verification_page_is_get_only(client, lulusan):
    url = reverse("sertifikat-verifikasi", args=[lulusan.sertifikat.kode])
    assert client.post(url).status_code == 405


def test_the_verification_page_costs_one_query(client, lulusan, django_assert_num_queries):
    url = reverse("sertifikat-verifikasi", args=[lulusan.sertifikat.kode])
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200


# --- invitation letter -----------------------------------------------------------------------


def undangan(kegiatan):
    return reverse("pelatihan:undangan-pdf", args=[kegiatan.pk])


def kegiatan_dengan_kuota(jumlah_opd):
    kegiatan = kegiatan_berjalan(status=S.NOMINASI_DIBUKA, mulai=datetime.date(2099, 3, 2))
    for opd in PerangkatDaerah.objects.order_by("kode")[:jumlah_opd]:
        KuotaOPD.objects.create(kegiatan=kegiatan, perangkat_daerah=opd, kuota=2)
    return kegiatan


def test_the_invitation_lists_the_event_and_each_opds_quota(client, pemeran):
    kegiatan = kegiatan_dengan_kuota(3)
    client.force_login(pemeran.admin)
    response = client.get(undangan(kegiatan))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    teks = satu_baris(teks_pdf(response.content))
    assert kegiatan.program.nama in teks
    assert kegiatan.lembaga.nama in teks
    assert "2 Maret 2099" in teks
    assert "Kepala Perangkat Daerah se-Kota Langsa" in teks
    for kuota in KuotaOPD.objects.filter(kegiatan=kegiatan).select_related("perangkat_daerah"):
        assert kuota.perangkat_daerah.nama in teks


def test_an_invitation_without_opd_quota_says_so(client, pemeran):
    kegiatan = kegiatan_dengan_kuota(0)
    client.force_login(pemeran.admin)
    teks = satu_baris(teks_pdf(client.get(undangan(kegiatan)).content))
    assert "Kuota tidak dibagi per perangkat daerah" in teks


@pytest.mark.parametrize("peran", ["kepala", "operator", "asn", "pimpinan", "tanpa_peran"])
def test_only_bkpsdm_gets_the_invitation(client, pemeran, peran):
    client.force_login(getattr(pemeran, peran))
    assert client.get(undangan(kegiatan_dengan_kuota(1))).status_code == 403


def test_the_invitation_of_an_unknown_event_is_404(client, pemeran):
    client.force_login(pemeran.admin)
    assert client.get(reverse("pelatihan:undangan-pdf", args=[999999])).status_code == 404


def test_the_invitation_needs_a_login_and_get(client, pemeran):
    kegiatan = kegiatan_dengan_kuota(1)
    assert client.get(undangan(kegiatan)).status_code == 302
    client.force_login(pemeran.admin)
    assert client.post(undangan(kegiatan)).status_code == 405


@pytest.mark.parametrize("jumlah_opd", [1, 10])
def test_the_invitation_costs_the_same_for_any_number_of_opds(
    client, pemeran, django_assert_num_queries, jumlah_opd
):
    kegiatan = kegiatan_dengan_kuota(jumlah_opd)
    client.force_login(pemeran.admin)
    client.get(undangan(kegiatan))
    # session, user, roles, pegawai of the user, the event, its quota per OPD
    with django_assert_num_queries(6):
        assert client.get(undangan(kegiatan)).status_code == 200


# --- attendance sheet ------------------------------------------------------------------------


def daftar_hadir(kegiatan):
    return reverse("pelatihan:daftar-hadir-pdf", args=[kegiatan.pk])


def kelas(jumlah, **kwargs):
    kegiatan = kegiatan_berjalan(**kwargs)
    for _ in range(jumlah):
        peserta(kegiatan, status=Nominasi.Status.DITETAPKAN)
    return kegiatan


def test_the_attendance_sheet_has_every_participant_and_day(client, pemeran):
    kegiatan = kelas(3)
    tidak_ikut = peserta(kegiatan, status=Nominasi.Status.BATAL)
    client.force_login(pemeran.admin)
    response = client.get(daftar_hadir(kegiatan))

    assert response.status_code == 200
    teks = satu_baris(teks_pdf(response.content))
    assert "DAFTAR HADIR PESERTA" in teks
    for nominasi in Nominasi.objects.filter(kegiatan=kegiatan, status="ditetapkan"):
        assert nominasi.pegawai.nip in teks
    assert tidak_ikut.pegawai.nip not in teks
    for hari in range(3):
        tanggal = kegiatan.tanggal_mulai + datetime.timedelta(days=hari)
        assert f"{tanggal.day} " in teks and str(tanggal.year) in teks


def test_a_long_event_continues_its_days_on_more_pages(client, pemeran):
    kegiatan = kelas(2)
    kegiatan.tanggal_selesai = kegiatan.tanggal_mulai + datetime.timedelta(days=9)
    kegiatan.save(update_fields=["tanggal_selesai"])
    client.force_login(pemeran.admin)
    reader = PdfReader(io.BytesIO(client.get(daftar_hadir(kegiatan)).content))
    assert len(reader.pages) == 2


@pytest.mark.parametrize("peran", ["kepala", "operator", "asn", "pimpinan", "tanpa_peran"])
def test_only_bkpsdm_gets_the_attendance_sheet(client, pemeran, peran):
    client.force_login(getattr(pemeran, peran))
    assert client.get(daftar_hadir(kelas(1))).status_code == 403


def test_the_attendance_sheet_needs_a_login_and_get(client, pemeran):
    kegiatan = kelas(1)
    assert client.get(daftar_hadir(kegiatan)).status_code == 302
    client.force_login(pemeran.admin)
    assert client.post(daftar_hadir(kegiatan)).status_code == 405
    assert client.get(reverse("pelatihan:daftar-hadir-pdf", args=[999999])).status_code == 404


@pytest.mark.parametrize("jumlah", [1, 15])
def test_the_attendance_sheet_costs_the_same_for_any_class_size(
    client, pemeran, django_assert_num_queries, jumlah
):
    kegiatan = kelas(jumlah)
    client.force_login(pemeran.admin)
    client.get(daftar_hadir(kegiatan))
    # session, user, roles, pegawai of the user, event, participants
    with django_assert_num_queries(6):
        assert client.get(daftar_hadir(kegiatan)).status_code == 200
