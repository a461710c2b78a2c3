"""The pagu holds under concurrent edits: two clerks allocating from the same budget at the
same moment, each in their own database connection and transaction."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from pelatihan.anggaran import alokasi_create, realisasi_create
from pelatihan.models import AlokasiAnggaran, RealisasiAnggaran
from pelatihan.tests.factories_kegiatan import KegiatanPelatihanFactory
from pelatihan.tests.test_anggaran_factories import AnggaranFactory

JUTA = Decimal("1000000")


def serentak(jumlah_utas: int, kerja) -> list:
    """Run ``kerja`` in ``jumlah_utas`` threads released together by a barrier; each thread has
    its own connection, closed when it ends. Returns what each returned or raised."""
    pintu = threading.Barrier(jumlah_utas)
    hasil: list = [None] * jumlah_utas

    def jalan(i):
        try:
            pintu.wait(timeout=10)
            hasil[i] = kerja()
        except Exception as exc:  # the outcome is what the test asserts
            hasil[i] = exc
        finally:
            connections.close_all()

    utas = [threading.Thread(target=jalan, args=(i,)) for i in range(jumlah_utas)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(timeout=30)
    assert not any(u.is_alive() for u in utas)
    return hasil


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_allocations_never_exceed_the_pagu(pemeran):
    anggaran = AnggaranFactory(pagu=100 * JUTA)
    kegiatan = KegiatanPelatihanFactory()
    anggaran_id = anggaran.pk
    # Each alone fits (60 of 100); together they would not.
    hasil = serentak(
        2,
        lambda: alokasi_create(
            anggaran=anggaran, jumlah=60 * JUTA, kegiatan=kegiatan, oleh=pemeran.admin
        ),
    )
    berhasil = [h for h in hasil if isinstance(h, AlokasiAnggaran)]
    ditolak = [h for h in hasil if isinstance(h, ValidationError)]
    assert len(berhasil) == 1, hasil
    assert len(ditolak) == 1, hasil
    assert "sisa pagu yang belum dialokasikan: Rp 40.000.000" in " ".join(ditolak[0].messages)
    total = sum(
        AlokasiAnggaran.objects.filter(anggaran_id=anggaran_id).values_list("jumlah", flat=True)
    )
    assert total == 60 * JUTA


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_many_concurrent_allocations_fill_the_pagu_exactly(pemeran):
    anggaran = AnggaranFactory(pagu=100 * JUTA)
    kegiatan = KegiatanPelatihanFactory()
    hasil = serentak(
        6,
        lambda: alokasi_create(
            anggaran=anggaran, jumlah=25 * JUTA, kegiatan=kegiatan, oleh=pemeran.admin
        ),
    )
    assert sum(isinstance(h, AlokasiAnggaran) for h in hasil) == 4, hasil
    assert sum(isinstance(h, ValidationError) for h in hasil) == 2, hasil
    total = sum(AlokasiAnggaran.objects.filter(anggaran=anggaran).values_list("jumlah", flat=True))
    assert total == 100 * JUTA


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_realisations_never_exceed_the_allocation(pemeran):

    anggaran = AnggaranFactory(pagu=100 * JUTA)
    alokasi = alokasi_create(
        anggaran=anggaran, jumlah=10 * JUTA, kegiatan=KegiatanPelatihanFactory(), oleh=pemeran.admin
    )
    hasil = serentak(
        2,
        lambda: realisasi_create(
            alokasi=alokasi, tanggal=datetime.date(2025, 6, 1), jumlah=6 * JUTA, oleh=pemeran.admin
        ),
    )
    assert sum(isinstance(h, RealisasiAnggaran) for h in hasil) == 1, hasil
    assert sum(isinstance(h, ValidationError) for h in hasil) == 1, hasil
    total = sum(RealisasiAnggaran.objects.filter(alokasi=alokasi).values_list("jumlah", flat=True))
    assert total == 6 * JUTA
