"""Budget services: allocations within the pagu, realisation within the allocation, the pagu
never below what is allocated, and a committed partner proposal becoming a budget once."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pelatihan.anggaran import (
    alokasi_create,
    alokasi_delete,
    alokasi_update,
    anggaran_update_pagu,
    anggaran_with_jumlah,
    realisasi_create,
    realisasi_delete,
    realisasi_update,
    usulan_pendanaan_commit,
)
from pelatihan.models import AlokasiAnggaran, Anggaran, RealisasiAnggaran, UsulanPendanaan
from pelatihan.tests.factories_kegiatan import KegiatanPelatihanFactory
from pelatihan.tests.test_anggaran_factories import AnggaranFactory, UsulanPendanaanFactory

JUTA = Decimal("1000000")


@pytest.fixture
def anggaran(db):
    return AnggaranFactory(pagu=100 * JUTA)


@pytest.fixture
def kegiatan(db):
    return KegiatanPelatihanFactory()


def pesan(exc_info) -> str:
    return " ".join(exc_info.value.messages)


# --- allocations ---------------------------------------------------------------------------------


def test_it_allocates_up_to_the_pagu_exactly(pemeran, anggaran, kegiatan):
    a = alokasi_create(anggaran=anggaran, jumlah=60 * JUTA, kegiatan=kegiatan, oleh=pemeran.admin)
    b = alokasi_create(
        anggaran=anggaran, jumlah=40 * JUTA, kegiatan=kegiatan, oleh=pemeran.admin, uraian=" Sisa "
    )
    assert (a.jumlah, b.jumlah) == (60 * JUTA, 40 * JUTA)
    assert b.uraian == "Sisa"
    assert b.dibuat_oleh == pemeran.admin
    baris = anggaran_with_jumlah().get(pk=anggaran.pk)
    assert baris.dialokasikan == 100 * JUTA
    assert baris.belum_dialokasikan == 0


def test_an_allocation_above_the_remaining_pagu_is_refused_in_rupiah(pemeran, anggaran, kegiatan):
    alokasi_create(anggaran=anggaran, jumlah=70 * JUTA, kegiatan=kegiatan, oleh=pemeran.admin)
    with pytest.raises(ValidationError) as e:
        alokasi_create(
            anggaran=anggaran, jumlah=Decimal("30000000.01"), kegiatan=kegiatan, oleh=pemeran.admin
        )
    assert e.value.message_dict["jumlah"] == [
        "Alokasi Rp 30.000.000,01 melebihi sisa pagu yang belum dialokasikan: Rp 30.000.000 "
        "(pagu Rp 100.000.000, sudah dialokasikan Rp 70.000.000)."
    ]
    assert AlokasiAnggaran.objects.count() == 1


@pytest.mark.parametrize("jumlah", [0, -5, "abc"])
def test_an_allocation_must_be_a_positive_amount(pemeran, anggaran, kegiatan, jumlah):
    with pytest.raises(ValidationError) as e:
        alokasi_create(anggaran=anggaran, jumlah=jumlah, kegiatan=kegiatan, oleh=pemeran.admin)
    assert "jumlah" in e.value.message_dict
    assert not AlokasiAnggaran.objects.exists()


def test_an_allocation_needs_an_event_or_a_plan_line(pemeran, anggaran):
    with pytest.raises(ValidationError) as e:
        alokasi_create(anggaran=anggaran, jumlah=JUTA, oleh=pemeran.admin)
    assert "Alokasi harus untuk sebuah kegiatan atau rencana." in pesan(e)


@pytest.mark.parametrize("peran", ["pimpinan", "kepala", "operator", "asn"])
def test_only_admin_bkpsdm_manages_budgets(pemeran, anggaran, kegiatan, peran):
    with pytest.raises(ValidationError) as e:
        alokasi_create(
            anggaran=anggaran, jumlah=JUTA, kegiatan=kegiatan, oleh=getattr(pemeran, peran)
        )
    assert pesan(e) == "Anggaran hanya dikelola oleh Admin BKPSDM."
    assert not AlokasiAnggaran.objects.exists()


def test_an_allocation_grows_only_within_the_pagu(pemeran, anggaran, kegiatan):
    a = alokasi_create(anggaran=anggaran, jumlah=50 * JUTA, kegiatan=kegiatan, oleh=pemeran.admin)
    alokasi_create(anggaran=anggaran, jumlah=30 * JUTA, kegiatan=kegiatan, oleh=pemeran.admin)
    alokasi_update(alokasi=a, jumlah=70 * JUTA, oleh=pemeran.admin)
    with pytest.raises(ValidationError) as e:
        alokasi_update(alokasi=a, jumlah=71 * JUTA, oleh=pemeran.admin)
    assert "sisa pagu yang belum dialokasikan: Rp 70.000.000" in pesan(e)
    a.refresh_from_db()
    assert a.jumlah == 70 * JUTA


def test_an_allocation_never_shrinks_below_its_realisation(pemeran, anggaran, kegiatan):
    a = alokasi_create(anggaran=anggaran, jumlah=50 * JUTA, kegiatan=kegiatan, oleh=pemeran.admin)
    realisasi_create(
        alokasi=a, tanggal=datetime.date(2025, 3, 1), jumlah=20 * JUTA, oleh=pemeran.admin
    )
    with pytest.raises(ValidationError) as e:
        alokasi_update(alokasi=a, jumlah=19 * JUTA, oleh=pemeran.admin)
    assert pesan(e) == (
        "Alokasi tidak dapat dikurangi menjadi Rp 19.000.000: sudah direalisasikan Rp 20.000.000."
    )
    alokasi_update(alokasi=a, jumlah=20 * JUTA, uraian="Kontribusi peserta", oleh=pemeran.admin)
    a.refresh_from_db()
    assert (a.jumlah, a.uraian) == (20 * JUTA, "Kontribusi peserta")


def test_an_allocation_with_realisation_cannot_be_deleted(pemeran, anggaran, kegiatan):
    a = alokasi_create(anggaran=anggaran, jumlah=50 * JUTA, kegiatan=kegiatan, oleh=pemeran.admin)
    r = realisasi_create(
        alokasi=a, tanggal=datetime.date(2025, 3, 1), jumlah=JUTA, oleh=pemeran.admin
    )
    with pytest.raises(ValidationError) as e:
        alokasi_delete(alokasi=a, oleh=pemeran.admin)
    assert pesan(e) == "Alokasi yang sudah direalisasikan (Rp 1.000.000) tidak dapat dihapus."
    realisasi_delete(realisasi=r, oleh=pemeran.admin)
    alokasi_delete(alokasi=a, oleh=pemeran.admin)
    assert not AlokasiAnggaran.objects.exists()


# --- the pagu ------------------------------------------------------------------------------------


def test_the_pagu_never_drops_below_what_is_allocated(pemeran, anggaran, kegiatan):
    alokasi_create(anggaran=anggaran, jumlah=80 * JUTA, kegiatan=kegiatan, oleh=pemeran.admin)
    with pytest.raises(ValidationError) as e:
        anggaran_update_pagu(anggaran=anggaran, pagu=79 * JUTA, oleh=pemeran.admin)
    assert e.value.message_dict["pagu"] == [
        "Pagu tidak dapat diturunkan menjadi Rp 79.000.000: sudah dialokasikan Rp 80.000.000."
    ]
    anggaran_update_pagu(anggaran=anggaran, pagu=80 * JUTA, oleh=pemeran.admin)
    anggaran.refresh_from_db()
    assert anggaran.pagu == 80 * JUTA
    with pytest.raises(ValidationError):
        alokasi_create(
            anggaran=anggaran, jumlah=Decimal("0.01"), kegiatan=kegiatan, oleh=pemeran.admin
        )


def test_a_negative_pagu_is_refused(pemeran, anggaran):
    with pytest.raises(ValidationError) as e:
        anggaran_update_pagu(anggaran=anggaran, pagu=-1, oleh=pemeran.admin)
    assert e.value.message_dict["pagu"] == ["Pagu tidak boleh negatif."]


# --- realisation ---------------------------------------------------------------------------------


@pytest.fixture
def alokasi(pemeran, anggaran, kegiatan):
    return alokasi_create(
        anggaran=anggaran, jumlah=10 * JUTA, kegiatan=kegiatan, oleh=pemeran.admin
    )


def test_realisation_is_capped_by_the_allocation(pemeran, alokasi):
    tanggal = datetime.date(2025, 4, 30)
    realisasi_create(alokasi=alokasi, tanggal=tanggal, jumlah=6 * JUTA, oleh=pemeran.admin)
    r = realisasi_create(
        alokasi=alokasi,
        tanggal=tanggal,
        jumlah=4 * JUTA,
        nomor_bukti=" SP2D/0042/2025 ",
        oleh=pemeran.admin,
    )
    assert r.nomor_bukti == "SP2D/0042/2025"
    with pytest.raises(ValidationError) as e:
        realisasi_create(alokasi=alokasi, tanggal=tanggal, jumlah=1, oleh=pemeran.admin)
    assert e.value.message_dict["jumlah"] == [
        "Realisasi Rp 1 melebihi sisa alokasi: Rp 0 (alokasi Rp 10.000.000, sudah direalisasikan "
        "Rp 10.000.000)."
    ]
    assert RealisasiAnggaran.objects.count() == 2


def test_a_corrected_realisation_still_fits_the_allocation(pemeran, alokasi):
    tanggal = datetime.date(2025, 4, 30)
    r = realisasi_create(alokasi=alokasi, tanggal=tanggal, jumlah=6 * JUTA, oleh=pemeran.admin)
    realisasi_create(alokasi=alokasi, tanggal=tanggal, jumlah=3 * JUTA, oleh=pemeran.admin)
    realisasi_update(realisasi=r, jumlah=7 * JUTA, oleh=pemeran.admin)
    with pytest.raises(ValidationError) as e:
        realisasi_update(realisasi=r, jumlah=Decimal("7000000.01"), oleh=pemeran.admin)
    assert "sisa alokasi: Rp 7.000.000" in pesan(e)
    r.refresh_from_db()
    assert r.jumlah == 7 * JUTA


def test_realisation_is_booked_in_the_budget_year(pemeran, alokasi):
    with pytest.raises(ValidationError) as e:
        realisasi_create(
            alokasi=alokasi, tanggal=datetime.date(2026, 1, 2), jumlah=JUTA, oleh=pemeran.admin
        )
    assert e.value.message_dict["tanggal"] == ["Tanggal realisasi harus dalam tahun anggaran 2025."]


def test_the_totals_of_a_budget(pemeran, anggaran, kegiatan):
    a = alokasi_create(anggaran=anggaran, jumlah=30 * JUTA, kegiatan=kegiatan, oleh=pemeran.admin)
    b = alokasi_create(anggaran=anggaran, jumlah=20 * JUTA, kegiatan=kegiatan, oleh=pemeran.admin)
    for alokasi, jumlah in ((a, 5), (a, 7), (b, 11)):
        realisasi_create(
            alokasi=alokasi,
            tanggal=datetime.date(2025, 5, 1),
            jumlah=jumlah * JUTA,
            oleh=pemeran.admin,
        )
    AnggaranFactory(pagu=JUTA)  # another budget, nothing of it counts here
    baris = anggaran_with_jumlah().get(pk=anggaran.pk)
    assert (baris.dialokasikan, baris.realisasi) == (50 * JUTA, 23 * JUTA)
    assert (baris.sisa, baris.belum_dialokasikan) == (77 * JUTA, 50 * JUTA)


# --- partner proposals ---------------------------------------------------------------------------


def test_a_committed_proposal_becomes_a_budget_once(pemeran):
    usulan = UsulanPendanaanFactory(status=UsulanPendanaan.Status.DISETUJUI)
    pertama = usulan_pendanaan_commit(
        usulan=usulan,
        oleh=pemeran.admin,
        kode_rekening="5.1.02.02.12.0001",
        perangkat_daerah=pemeran.opd,
    )
    kedua = usulan_pendanaan_commit(usulan=usulan, oleh=pemeran.admin)
    assert kedua.pk == pertama.pk
    assert Anggaran.objects.count() == 1
    assert (pertama.tahun, pertama.sumber_dana, pertama.pagu) == (2025, "csr", 75 * JUTA)
    assert pertama.perangkat_daerah == pemeran.opd
    assert pertama.kode_rekening == "5.1.02.02.12.0001"
    assert pertama.uraian.startswith(f"{usulan.mitra}: Pelatihan pelayanan prima")
    usulan.refresh_from_db()
    assert usulan.anggaran == pertama


@pytest.mark.parametrize("status", ["disiapkan", "diajukan", "ditolak"])
def test_only_a_committed_proposal_becomes_a_budget(pemeran, status):
    usulan = UsulanPendanaanFactory(status=status)
    with pytest.raises(ValidationError) as e:
        usulan_pendanaan_commit(usulan=usulan, oleh=pemeran.admin)
    assert "belum dapat dijadikan anggaran" in pesan(e)
    assert not Anggaran.objects.exists()
