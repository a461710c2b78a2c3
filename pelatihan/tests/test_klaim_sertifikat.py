"""/pelatihan/klaim/<id>/sertifikat/: the certificate file, for its owner and Admin BKPSDM only."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from pelatihan.tests.factories import ISI_PDF, ISI_PNG, RiwayatPengembanganFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(riwayat):
    return reverse("pelatihan:klaim-sertifikat", args=[riwayat.pk])


@pytest.fixture
def klaim(pemeran):
    return RiwayatPengembanganFactory(pegawai=pemeran.asn.pegawai, klaim=True)


def isi(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("viewer", ["asn", "admin"])
def test_the_owner_and_admin_bkpsdm_see_the_file_inline(client, pemeran, klaim, viewer):
    client.force_login(getattr(pemeran, viewer))
    response = client.get(url(klaim))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="sertifikat-{klaim.pk}.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert isi(response) == ISI_PDF


@pytest.mark.parametrize(
    "viewer",
    [
        "asn_lain_satu_opd",
        "kepala",  # the owner's own kepala: sees JP, not the documents
        "operator",
        "kepala_lain",
        "asn_opd_lain",
        "pimpinan",
        "tanpa_peran",
    ],
)
def test_everyone_else_gets_404(client, pemeran, klaim, viewer):
    client.force_login(getattr(pemeran, viewer))
    assert client.get(url(klaim)).status_code == 404


def test_anonymous_is_sent_to_login(client, klaim):
    response = client.get(url(klaim))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_post_is_refused(client, pemeran, klaim):
    client.force_login(pemeran.asn)
    assert client.post(url(klaim)).status_code == 405


def test_the_content_type_follows_the_content(client, pemeran):
    riwayat = RiwayatPengembanganFactory(pegawai=pemeran.asn.pegawai, klaim=True)
    riwayat.berkas_sertifikat.save("foto.png", ContentFile(ISI_PNG))
    client.force_login(pemeran.asn)
    response = client.get(url(riwayat))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].endswith('.png"')


def test_a_stored_file_of_another_type_is_only_downloaded(client, pemeran):
    # E.g. a file stored before the checks existed: never rendered by the browser.
    riwayat = RiwayatPengembanganFactory(pegawai=pemeran.asn.pegawai, klaim=True)
    riwayat.berkas_sertifikat.save("lama.pdf", ContentFile(b"<html><script></script></html>"))
    client.force_login(pemeran.asn)
    response = client.get(url(riwayat))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_row_without_a_file_or_a_missing_file_is_404(client, pemeran, tmp_path):
    tanpa_berkas = RiwayatPengembanganFactory(pegawai=pemeran.asn.pegawai)
    hilang = RiwayatPengembanganFactory(pegawai=pemeran.asn.pegawai, klaim=True)
    (tmp_path / hilang.berkas_sertifikat.name).unlink()
    client.force_login(pemeran.admin)
    assert client.get(url(tanpa_berkas)).status_code == 404
    assert client.get(url(hilang)).status_code == 404
    assert client.get("/pelatihan/klaim/999999/sertifikat/").status_code == 404


def test_the_storage_address_is_not_served(client, pemeran, klaim):
    client.force_login(pemeran.admin)
    assert client.get(f"/media/{klaim.berkas_sertifikat.name}").status_code == 404


def test_query_count(client, pemeran, klaim, django_assert_num_queries):
    client.force_login(pemeran.asn)
    # session, user, roles, pegawai, the row
    with django_assert_num_queries(5):
        response = client.get(url(klaim))
    assert isi(response) == ISI_PDF
