"""Certificate files: size and type by content, whatever the name or declared type says."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from pelatihan.berkas import MAKS_BYTES_BAWAAN, periksa_sertifikat
from pelatihan.services import klaim_submit
from pelatihan.tests.factories import ISI_JPEG, ISI_PDF, ISI_PNG, jenis

LIMA_MB = 5 * 1024 * 1024


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def submit(pegawai, berkas):
    return klaim_submit(
        pegawai=pegawai,
        nama_pelatihan="Literasi Digital ASN",
        jenis=jenis("NKL03"),
        penyelenggara="Kominfo",
        tanggal_mulai=datetime.date(2025, 5, 1),
        tanggal_selesai=datetime.date(2025, 5, 2),
        jp=10,
        nomor_sertifikat="",
        tanggal_sertifikat=None,
        berkas=berkas,
    )


def test_the_default_limit_is_five_megabytes():
    assert MAKS_BYTES_BAWAAN == LIMA_MB


def test_a_png_renamed_pdf_is_stored_as_png(pemeran, tmp_path):
    berkas = SimpleUploadedFile("sertifikat.pdf", ISI_PNG, content_type="application/pdf")
    riwayat = submit(pemeran.asn.pegawai, berkas)
    riwayat.refresh_from_db()
    assert riwayat.berkas_sertifikat.name.endswith(".png")
    assert riwayat.berkas_sertifikat.name.startswith("sertifikat/")
    assert (tmp_path / riwayat.berkas_sertifikat.name).read_bytes() == ISI_PNG


@pytest.mark.parametrize(
    ("nama", "isi", "ekstensi", "content_type"),
    [
        ("SERTIFIKAT.PDF", ISI_PDF, "pdf", "application/pdf"),
        ("foto.jpeg", ISI_JPEG, "jpg", "image/jpeg"),
        ("foto", ISI_JPEG, "jpg", "image/jpeg"),  # no extension at all
        ("scan.png", ISI_PNG, "png", "image/png"),
        ("scan.exe", ISI_PDF, "pdf", "application/pdf"),
    ],
)
def test_the_name_takes_the_extension_of_the_content(nama, isi, ekstensi, content_type):
    berkas = periksa_sertifikat(SimpleUploadedFile(nama, isi, content_type="text/plain"))
    assert berkas.name == f"sertifikat.{ekstensi}"
    assert berkas.content_type == content_type
    assert berkas.read() == isi  # left at its start, whole


@pytest.mark.parametrize(
    ("nama", "isi", "content_type"),
    [
        ("sertifikat.pdf", b"Ini sertifikat saya, sungguh.", "application/pdf"),
        ("sertifikat.png", b"<html><script>alert(1)</script></html>", "image/png"),
        ("sertifikat.jpg", b"GIF89a" + b"\x00" * 20, "image/jpeg"),
        ("sertifikat.pdf", b"%PD", "application/pdf"),  # shorter than any signature
    ],
)
def test_content_that_is_not_pdf_jpeg_or_png_is_rejected(nama, isi, content_type):
    with pytest.raises(ValidationError) as e:
        periksa_sertifikat(SimpleUploadedFile(nama, isi, content_type=content_type))
    assert e.value.code == "jenis_berkas"
    assert "PDF, JPEG atau PNG" in e.value.messages[0]


def test_a_text_file_renamed_pdf_is_rejected_by_the_service(pemeran, tmp_path):
    from pelatihan.models import RiwayatPengembangan

    berkas = SimpleUploadedFile("sertifikat.pdf", b"bukan pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as e:
        submit(pemeran.asn.pegawai, berkas)
    assert "berkas_sertifikat" in e.value.message_dict
    assert not RiwayatPengembangan.objects.exists()
    assert not list(tmp_path.rglob("*.*"))  # nothing written to storage


def test_exactly_five_megabytes_is_accepted(pemeran):
    isi = ISI_PDF + b"\x00" * (LIMA_MB - len(ISI_PDF))
    assert len(isi) == LIMA_MB
    riwayat = submit(pemeran.asn.pegawai, SimpleUploadedFile("besar.pdf", isi))
    assert riwayat.berkas_sertifikat.size == LIMA_MB


def test_five_megabytes_and_one_byte_is_rejected():
    isi = ISI_PDF + b"\x00" * (LIMA_MB + 1 - len(ISI_PDF))
    with pytest.raises(ValidationError) as e:
        periksa_sertifikat(SimpleUploadedFile("besar.pdf", isi))
    assert e.value.code == "terlalu_besar"
    assert "5 MB" in e.value.messages[0]
    assert "terlalu besar" in e.value.messages[0]


def test_an_empty_file_is_rejected():
    with pytest.raises(ValidationError) as e:
        periksa_sertifikat(SimpleUploadedFile("kosong.pdf", b""))
    assert e.value.code == "kosong"


def test_no_file_is_rejected():
    with pytest.raises(ValidationError) as e:
        periksa_sertifikat(None)
    assert e.value.code == "required"


def test_the_limit_follows_the_setting(settings):
    settings.SERTIFIKAT_MAKS_BYTES = 1024
    periksa_sertifikat(SimpleUploadedFile("a.pdf", ISI_PDF + b"\x00" * (1024 - len(ISI_PDF))))
    with pytest.raises(ValidationError) as e:
        periksa_sertifikat(SimpleUploadedFile("a.pdf", ISI_PDF + b"\x00" * 1024))
    assert "1 KB" in e.value.messages[0]
