"""Factories for development work. Forms of development come from the data migration, so the
factories pick existing JenisPengembangan rows by kode."""

import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory

from pegawai.tests.factories import PegawaiFactory
from pelatihan.models import JenisPengembangan, RiwayatPengembangan

# The smallest files that carry each accepted signature.
ISI_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ISI_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
ISI_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 16 + b"\xff\xd9"


def jenis(kode: str = "KL03") -> JenisPengembangan:
    return JenisPengembangan.objects.get(kode=kode)


def berkas_pdf(nama: str = "sertifikat.pdf", isi: bytes = ISI_PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, content_type="application/pdf")


class RiwayatPengembanganFactory(DjangoModelFactory):
    """A ledger row; verified and imported unless told otherwise. ``klaim=True`` gives a claim
    by the ASN waiting for verification, with a PDF certificate."""

    class Meta:
        model = RiwayatPengembangan

    class Params:
        klaim = factory.Trait(
            sumber=RiwayatPengembangan.Sumber.KLAIM,
            status=RiwayatPengembangan.Status.MENUNGGU,
            berkas_sertifikat=factory.django.FileField(filename="sertifikat.pdf", data=ISI_PDF),
        )

    pegawai = factory.SubFactory(PegawaiFactory)
    nama_pelatihan = factory.Sequence(lambda n: f"Pelatihan Uji {n}")
    jenis = factory.LazyFunction(jenis)
    penyelenggara = "BPSDM Aceh"
    tanggal_mulai = datetime.date(2025, 3, 10)
    tanggal_selesai = datetime.date(2025, 3, 12)
    jp = 24
    nomor_sertifikat = factory.Sequence(lambda n: f"800/{n}/BPSDM/2025")
    sumber = RiwayatPengembangan.Sumber.IMPOR
    status = RiwayatPengembangan.Status.TERVERIFIKASI
