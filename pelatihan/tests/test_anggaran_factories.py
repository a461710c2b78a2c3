"""Factories for budgets, shared by the budget tests of pelatihan and laporan, and the check that
what they build satisfies the models' own rules."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from pegawai.tests.factories import PegawaiFactory
from pelatihan.models import (
    AlokasiAnggaran,
    Anggaran,
    Nominasi,
    RiwayatPengembangan,
    SumberDana,
    UsulanPendanaan,
)
from pelatihan.tests.factories import RiwayatPengembanganFactory
from pelatihan.tests.factories_kegiatan import KegiatanPelatihanFactory, MataPelatihanFactory


class AnggaranFactory(DjangoModelFactory):
    """A central APBK budget of 2025 with a pagu of Rp 100.000.000."""

    class Meta:
        model = Anggaran

    tahun = 2025
    sumber_dana = SumberDana.APBK
    uraian = factory.Sequence(lambda n: f"Belanja Kursus Singkat/Pelatihan {n}")
    kode_rekening = "5.1.02.02.12.0001"
    perangkat_daerah = None
    pagu = Decimal("100000000.00")


class AlokasiAnggaranFactory(DjangoModelFactory):
    """An allocation written straight to the table (tests that need the service call it)."""

    class Meta:
        model = AlokasiAnggaran

    anggaran = factory.SubFactory(AnggaranFactory)
    kegiatan = factory.SubFactory(KegiatanPelatihanFactory)
    jumlah = Decimal("10000000.00")


class UsulanPendanaanFactory(DjangoModelFactory):
    class Meta:
        model = UsulanPendanaan

    mitra = factory.Sequence(lambda n: f"PT Bank Aceh Syariah {n}")
    sumber_dana = SumberDana.CSR
    tahun = 2025
    uraian = "Pelatihan pelayanan prima bagi petugas loket pelayanan publik."
    jumlah = Decimal("75000000.00")
    status = UsulanPendanaan.Status.DIAJUKAN


def kegiatan_selesai(*, program=None, selesai: datetime.date, jp_mata: int = 8, **kwargs):
    """A finished event whose program has a curriculum of ``jp_mata`` JP."""
    if program is None:
        program = MataPelatihanFactory(jp=jp_mata).program
    mulai = selesai - datetime.timedelta(days=2)
    return KegiatanPelatihanFactory(
        program=program,
        mulai=mulai,
        tanggal_selesai=selesai,
        status="selesai",
        **kwargs,
    )


def lulusan(kegiatan, pegawai, *, jp: int, dikreditkan: bool = True):
    """A graduate of ``kegiatan`` with (unless told otherwise) the ledger row it credits."""
    Nominasi.objects.create(
        kegiatan=kegiatan,
        pegawai=pegawai,
        jalur=Nominasi.Jalur.USULAN_OPD,
        status=Nominasi.Status.LULUS,
    )
    if dikreditkan:
        RiwayatPengembanganFactory(
            pegawai=pegawai,
            nama_pelatihan=f"{kegiatan.program.nama} Angkatan {kegiatan.angkatan}",
            jenis=kegiatan.program.jenis,
            tanggal_mulai=kegiatan.tanggal_mulai,
            tanggal_selesai=kegiatan.tanggal_selesai,
            jp=jp,
            sumber=RiwayatPengembangan.Sumber.KEGIATAN,
            kegiatan=kegiatan,
        )


def test_the_factories_build_valid_rows(db):
    anggaran = AnggaranFactory()
    anggaran.full_clean()
    alokasi = AlokasiAnggaranFactory(anggaran=anggaran)
    alokasi.full_clean()
    usulan = UsulanPendanaanFactory()
    usulan.full_clean()
    assert str(anggaran).endswith("(APBK (APBD Kota) 2025)")
    assert str(alokasi).startswith("Rp 10.000.000 – ")


# --- a small city with budgets over two years, for the reports ----------------------------------


@dataclass
class KotaBeranggaran:
    """What :func:`kota_beranggaran` built, by name (see there)."""

    anggaran: dict
    kegiatan: dict
    program: dict


def kota_beranggaran(pemeran) -> KotaBeranggaran:
    """Budgets of 2024 and 2025 from several sources, central and per OPD; allocations to
    finished, running and future events and to plan lines (with and without a program);
    realisation in several months (one amount with sen); graduates with and without their JP
    credited; partner proposals in every state. Written through the services."""
    from pelatihan.anggaran import alokasi_create, realisasi_create, usulan_pendanaan_commit
    from pelatihan.models import RencanaPengembangan
    from pelatihan.tests.factories import jenis
    from pelatihan.tests.factories_kegiatan import ProgramPelatihanFactory

    admin = pemeran.admin
    juta = Decimal("1000000")
    p1 = ProgramPelatihanFactory(
        kode="PRG-PP", nama="Pelatihan Pelayanan Prima", jenis=jenis("KL03")
    )
    for _ in range(3):
        MataPelatihanFactory(program=p1, jp=8)
    p2 = ProgramPelatihanFactory(kode="PRG-CH", nama="Coaching Kinerja", jenis=jenis("NKL01"))
    MataPelatihanFactory(program=p2, jp=10)

    e1 = kegiatan_selesai(program=p1, selesai=datetime.date(2025, 3, 12))
    e2 = kegiatan_selesai(program=p2, selesai=datetime.date(2025, 6, 20))
    e3 = kegiatan_selesai(program=p1, selesai=datetime.date(2024, 10, 10))
    e5 = kegiatan_selesai(program=p2, selesai=datetime.date(2024, 5, 20))
    e6 = kegiatan_selesai(program=p1, selesai=datetime.date(2025, 8, 8))
    e4 = KegiatanPelatihanFactory(program=p1, mulai=datetime.date(2025, 11, 3))
    opd = [pemeran.opd, pemeran.opd_lain]
    pegawai = [PegawaiFactory(perangkat_daerah=opd[i % 2]) for i in range(12)]
    for p in pegawai[:3]:
        lulusan(e1, p, jp=24)
    lulusan(e1, pegawai[3], jp=24, dikreditkan=False)  # credited later: counts as graduate only
    Nominasi.objects.create(
        kegiatan=e1, pegawai=pegawai[4], jalur="usulan_opd", status=Nominasi.Status.TIDAK_LULUS
    )
    for p in pegawai[5:7]:
        lulusan(e2, p, jp=10)
    for p in pegawai[7:11]:
        lulusan(e3, p, jp=24)
    for p in pegawai[10:12]:
        lulusan(e5, p, jp=10)
    lulusan(e6, pegawai[0], jp=24)

    a1 = AnggaranFactory(uraian="Diklat teknis terpusat", pagu=500 * juta)
    a2 = AnggaranFactory(uraian="Bimtek Dinkes", perangkat_daerah=pemeran.opd, pagu=100 * juta)
    a3 = AnggaranFactory(uraian="Dukungan BPSDM Aceh", sumber_dana=SumberDana.APBA, pagu=200 * juta)
    a5 = AnggaranFactory(
        uraian="Hibah mitra pendidikan",
        sumber_dana=SumberDana.HIBAH,
        perangkat_daerah=pemeran.opd_lain,
        pagu=50 * juta,
    )
    b1 = AnggaranFactory(tahun=2024, uraian="Diklat teknis 2024", pagu=300 * juta)
    usulan = UsulanPendanaanFactory(status=UsulanPendanaan.Status.DISETUJUI, jumlah=75 * juta)
    a4 = usulan_pendanaan_commit(usulan=usulan, oleh=admin)
    UsulanPendanaanFactory(status=UsulanPendanaan.Status.DIAJUKAN, jumlah=50 * juta)
    UsulanPendanaanFactory(status=UsulanPendanaan.Status.DITOLAK, jumlah=25 * juta)
    UsulanPendanaanFactory(tahun=2026, jumlah=10 * juta)

    r1 = RencanaPengembangan.objects.create(
        tahun=2025, nama="Orientasi PPPK", jenis=jenis("KL03"), jp=16, sumber_dana="apba"
    )
    r2 = RencanaPengembangan.objects.create(
        tahun=2025,
        nama="Coaching angkatan II",
        program=p2,
        jenis=jenis("NKL01"),
        jp=10,
        sumber_dana="csr",
    )

    def alokasi(anggaran, jumlah, *, kegiatan=None, rencana=None, realisasi=()):
        a = alokasi_create(
            anggaran=anggaran, jumlah=jumlah, kegiatan=kegiatan, rencana=rencana, oleh=admin
        )
        for tanggal, nilai in realisasi:
            realisasi_create(alokasi=a, tanggal=tanggal, jumlah=nilai, oleh=admin)
        return a

    d = datetime.date
    alokasi(
        a1,
        60 * juta,
        kegiatan=e1,
        realisasi=[(d(2025, 2, 10), 20 * juta), (d(2025, 3, 15), 25 * juta)],
    )
    alokasi(a1, 100 * juta, kegiatan=e4)
    alokasi(a1, 5 * juta, kegiatan=e6)
    alokasi(a2, 15 * juta, kegiatan=e1, realisasi=[(d(2025, 3, 20), 15 * juta)])
    alokasi(a3, 40 * juta, kegiatan=e2, realisasi=[(d(2025, 6, 25), Decimal("30500000.50"))])
    alokasi(a3, 10 * juta, rencana=r1, realisasi=[(d(2025, 9, 1), 4 * juta)])
    alokasi(a4, 20 * juta, rencana=r2)
    alokasi(b1, 80 * juta, kegiatan=e3, realisasi=[(d(2024, 10, 15), 72 * juta)])
    alokasi(b1, 30 * juta, kegiatan=e5, realisasi=[(d(2024, 5, 22), 18 * juta)])
    return KotaBeranggaran(
        anggaran={"a1": a1, "a2": a2, "a3": a3, "a4": a4, "a5": a5, "b1": b1},
        kegiatan={"e1": e1, "e2": e2, "e3": e3, "e4": e4, "e5": e5, "e6": e6},
        program={"p1": p1, "p2": p2},
    )
