"""Issuing certificates: only for graduates, once each, numbered per year without gaps or
duplicates even when issued concurrently, and automatically when an event is completed."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from pegawai.tests.factories import PegawaiFactory
from pelatihan.models import KegiatanPelatihan, Nominasi, Sertifikat
from pelatihan.services import kegiatan_complete, sertifikat_issue
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


def test_it_issues_a_numbered_certificate_with_an_unguessable_code(pemeran, settings):
    settings.SERTIFIKAT_PENANDATANGAN_NAMA = "Dr. Cut Nyak Dhien, M.Si."
    settings.SERTIFIKAT_PENANDATANGAN_JABATAN = "Kepala BKPSDM Kota Langsa"
    settings.SERTIFIKAT_PENANDATANGAN_NIP = "197501012000032001"
    nominasi = peserta(kegiatan_berjalan(), pemeran.asn.pegawai)

    sertifikat = sertifikat_issue(nominasi=nominasi, oleh=pemeran.admin)

    tahun = timezone.localdate().year
    assert sertifikat.nomor == f"800/1/BKPSDM/{tahun}"
    assert (sertifikat.tahun, sertifikat.urutan) == (tahun, 1)
    assert len(sertifikat.kode) >= 22  # 128 random bits in URL-safe base64
    assert sertifikat.penandatangan_nama == "Dr. Cut Nyak Dhien, M.Si."
    assert sertifikat.penandatangan_nip == "197501012000032001"
    assert sertifikat.diterbitkan_oleh == pemeran.admin


def test_it_gives_each_certificate_its_own_code_and_the_next_number(pemeran):
    kegiatan = kegiatan_berjalan()
    pertama = sertifikat_issue(nominasi=peserta(kegiatan), oleh=pemeran.admin)
    kedua = sertifikat_issue(nominasi=peserta(kegiatan), oleh=pemeran.admin)
    assert kedua.urutan == pertama.urutan + 1
    assert kedua.nomor != pertama.nomor
    assert kedua.kode != pertama.kode


def test_issuing_twice_returns_the_same_certificate(pemeran):
    nominasi = peserta(kegiatan_berjalan(), pemeran.asn.pegawai)
    pertama = sertifikat_issue(nominasi=nominasi, oleh=pemeran.admin)
    kedua = sertifikat_issue(nominasi=nominasi, oleh=pemeran.admin)
    assert kedua.pk == pertama.pk
    assert kedua.nomor == pertama.nomor
    assert Sertifikat.objects.count() == 1


@pytest.mark.parametrize(
    "status", [Nominasi.Status.TIDAK_LULUS, Nominasi.Status.DITETAPKAN, Nominasi.Status.BATAL]
)
def test_only_graduates_get_a_certificate(pemeran, status):
    nominasi = peserta(kegiatan_berjalan(), pemeran.asn.pegawai, status)
    with pytest.raises(ValidationError) as e:
        sertifikat_issue(nominasi=nominasi, oleh=pemeran.admin)
    assert e.value.code == "belum_lulus"
    assert not Sertifikat.objects.exists()


def test_completing_an_event_issues_certificates_to_its_graduates_once(pemeran):
    kegiatan = kegiatan_berjalan()
    lulus = peserta(kegiatan, pemeran.asn.pegawai)
    gagal = peserta(kegiatan, pemeran.asn_lain_satu_opd.pegawai, Nominasi.Status.TIDAK_LULUS)

    kegiatan_complete(kegiatan=kegiatan, oleh=pemeran.admin)
    kegiatan_complete(kegiatan=kegiatan, oleh=pemeran.admin)

    assert list(Sertifikat.objects.values_list("nominasi_id", flat=True)) == [lulus.pk]
    assert not Sertifikat.objects.filter(nominasi=gagal).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issues_never_share_or_skip_a_number(pemeran):
    kegiatan = kegiatan_berjalan()
    nominasi = [peserta(kegiatan) for _ in range(8)]
    # The same graduate twice at once as well: still one certificate.
    tugas = [*nominasi, nominasi[0]]
    mulai = threading.Barrier(len(tugas))
    galat, hasil = [], []

    def terbitkan(n):
        try:
            mulai.wait()
            hasil.append(sertifikat_issue(nominasi=n, oleh=pemeran.admin).pk)
        except Exception as e:
            galat.append(e)
        finally:
            connection.close()

    utas = [threading.Thread(target=terbitkan, args=(n,)) for n in tugas]
    for t in utas:
        t.start()
    for t in utas:
        t.join()

    assert galat == []
    assert len(set(hasil)) == len(nominasi)
    urutan = sorted(Sertifikat.objects.values_list("urutan", flat=True))
    assert urutan == list(range(1, len(nominasi) + 1))
