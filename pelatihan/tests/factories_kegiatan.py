"""Factories for the catalogue: partners, programs with curricula, events."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from pelatihan.models import (
    KegiatanPelatihan,
    KuotaOPD,
    LembagaPelatihan,
    MataPelatihan,
    ProgramPelatihan,
)
from pelatihan.tests.factories import jenis


class LembagaPelatihanFactory(DjangoModelFactory):
    class Meta:
        model = LembagaPelatihan

    nama = factory.Sequence(lambda n: f"Lembaga Uji {n}")
    jenis = LembagaPelatihan.Jenis.BPSDM_PROVINSI
    akreditasi = "Terakreditasi LAN predikat A"
    nomor_mou = factory.Sequence(lambda n: f"MoU/{n}/2026")
    mou_berlaku_mulai = datetime.date(2025, 1, 1)
    mou_berlaku_sampai = datetime.date(2099, 12, 31)


class ProgramPelatihanFactory(DjangoModelFactory):
    class Meta:
        model = ProgramPelatihan

    kode = factory.Sequence(lambda n: f"PRG-{n:03d}")
    nama = factory.Sequence(lambda n: f"Pelatihan Pelayanan Publik {n}")
    jenis = factory.LazyFunction(jenis)
    lembaga = factory.SubFactory(LembagaPelatihanFactory)


class MataPelatihanFactory(DjangoModelFactory):
    class Meta:
        model = MataPelatihan

    program = factory.SubFactory(ProgramPelatihanFactory)
    urutan = factory.Sequence(lambda n: n + 1)
    nama = factory.Sequence(lambda n: f"Mata Pelatihan {n}")
    jp = 8
    tujuan_pembelajaran = "Peserta mampu menerapkan materi."
    pengajar = "Widyaiswara BPSDM Aceh"


class KegiatanPelatihanFactory(DjangoModelFactory):
    """An event with dates relative to ``mulai`` (default: 30 days from today)."""

    class Meta:
        model = KegiatanPelatihan

    class Params:
        mulai = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))

    program = factory.SubFactory(ProgramPelatihanFactory)
    angkatan = factory.Sequence(lambda n: n + 1)
    lembaga = factory.SelfAttribute("program.lembaga")
    tanggal_mulai = factory.SelfAttribute("mulai")
    tanggal_selesai = factory.LazyAttribute(lambda o: o.mulai + datetime.timedelta(days=2))
    batas_nominasi = factory.LazyAttribute(lambda o: o.mulai - datetime.timedelta(days=14))
    modalitas = KegiatanPelatihan.Modalitas.TATAP_MUKA
    tempat = "Aula BKPSDM Kota Langsa"
    kuota = 30
    biaya_per_peserta = Decimal("1250000.00")
    status = KegiatanPelatihan.Status.NOMINASI_DIBUKA


class KuotaOPDFactory(DjangoModelFactory):
    class Meta:
        model = KuotaOPD

    kegiatan = factory.SubFactory(KegiatanPelatihanFactory)
    perangkat_daerah = None
    kuota = 5
