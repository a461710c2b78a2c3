"""Nominations through their services: who may do what, the quota, the waiting list."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from pegawai.models import Notifikasi
from pegawai.tests.factories import PegawaiFactory
from pelatihan.models import KegiatanPelatihan, Nominasi
from pelatihan.services import (
    nominasi_approve,
    nominasi_cancel,
    nominasi_confirm,
    nominasi_propose,
    nominasi_reject,
)
from pelatihan.tests.factories_kegiatan import (
    KegiatanPelatihanFactory,
    KuotaOPDFactory,
    MataPelatihanFactory,
)


def kegiatan_terbuka(**kwargs) -> KegiatanPelatihan:
    kegiatan = KegiatanPelatihanFactory(**kwargs)
    MataPelatihanFactory(program=kegiatan.program, jp=8)
    return kegiatan


def disetujui(kegiatan, pegawai, pemeran) -> Nominasi:
    return nominasi_propose(kegiatan=kegiatan, pegawai=pegawai, oleh=pemeran.kepala)


def pegawai_dinkes(pemeran, n: int):
    return [PegawaiFactory(perangkat_daerah=pemeran.opd) for _ in range(n)]


def test_it_runs_the_flow_operator_kepala_admin(pemeran):
    kegiatan = kegiatan_terbuka()
    asn = pemeran.asn.pegawai

    nominasi = nominasi_propose(kegiatan=kegiatan, pegawai=asn, oleh=pemeran.operator)
    assert (nominasi.status, nominasi.jalur) == ("diusulkan", "usulan_opd")
    assert nominasi.diusulkan_oleh == pemeran.operator
    assert Notifikasi.objects.filter(penerima=pemeran.asn, judul="Nominasi pelatihan").exists()
    assert Notifikasi.objects.filter(
        penerima=pemeran.kepala, judul="Nominasi menunggu persetujuan"
    ).exists()

    nominasi = nominasi_approve(nominasi=nominasi, oleh=pemeran.kepala)
    assert nominasi.status == "disetujui"
    assert nominasi.disetujui_oleh == pemeran.kepala

    nominasi = nominasi_confirm(nominasi=nominasi, oleh=pemeran.admin)
    assert nominasi.status == "ditetapkan"
    assert nominasi.diputuskan_oleh == pemeran.admin
    assert Notifikasi.objects.filter(penerima=pemeran.asn, judul="Nominasi ditetapkan").count() == 1


def test_it_counts_a_kepalas_own_proposal_as_approved(pemeran):
    nominasi = disetujui(kegiatan_terbuka(), pemeran.asn.pegawai, pemeran)
    assert nominasi.status == "disetujui"
    assert not Notifikasi.objects.filter(judul="Nominasi menunggu persetujuan").exists()


def test_it_refuses_proposals_for_another_opd(pemeran):
    kegiatan = kegiatan_terbuka()
    for oleh in (pemeran.kepala_lain, pemeran.admin, pemeran.asn, pemeran.pimpinan):
        with pytest.raises(ValidationError, match="perangkat daerah Anda sendiri"):
            nominasi_propose(
                kegiatan=kegiatan, pegawai=pemeran.asn_lain_satu_opd.pegawai, oleh=oleh
            )
    assert not Nominasi.objects.exists()


def test_it_lets_an_asn_apply_and_the_atasan_approve(pemeran):
    kegiatan = kegiatan_terbuka()
    nominasi = nominasi_propose(kegiatan=kegiatan, pegawai=pemeran.asn.pegawai, oleh=pemeran.asn)
    assert (nominasi.jalur, nominasi.status) == ("mandiri", "diusulkan")
    with pytest.raises(ValidationError, match="tidak berwenang"):
        nominasi_approve(nominasi=nominasi, oleh=pemeran.asn)
    with pytest.raises(ValidationError, match="tidak berwenang"):
        nominasi_approve(nominasi=nominasi, oleh=pemeran.asn_lain_satu_opd)
    with pytest.raises(ValidationError, match="tidak berwenang"):
        nominasi_approve(nominasi=nominasi, oleh=pemeran.operator)
    # The kepala is the ASN's atasan in the cast.
    assert nominasi_approve(nominasi=nominasi, oleh=pemeran.kepala).status == "disetujui"


def test_it_lets_the_atasan_who_is_not_kepala_approve_an_application(pemeran):
    atasan = pemeran.asn_lain_satu_opd
    pegawai = pemeran.asn.pegawai
    pegawai.atasan = atasan.pegawai
    pegawai.save()
    nominasi = nominasi_propose(kegiatan=kegiatan_terbuka(), pegawai=pegawai, oleh=pemeran.asn)
    assert Notifikasi.objects.filter(penerima=atasan, judul__contains="menunggu").exists()
    assert nominasi_approve(nominasi=nominasi, oleh=atasan).status == "disetujui"


def test_it_refuses_an_event_not_open_or_past_its_deadline(pemeran):
    ditutup = kegiatan_terbuka(status=KegiatanPelatihan.Status.DITUTUP)
    with pytest.raises(ValidationError, match="tidak dibuka"):
        nominasi_propose(kegiatan=ditutup, pegawai=pemeran.asn.pegawai, oleh=pemeran.operator)
    lewat = kegiatan_terbuka(mulai=datetime.date.today() + datetime.timedelta(days=3))
    with pytest.raises(ValidationError, match="sudah lewat"):
        nominasi_propose(kegiatan=lewat, pegawai=pemeran.asn.pegawai, oleh=pemeran.operator)


def test_it_proposes_a_pegawai_once_per_event(pemeran):
    kegiatan = kegiatan_terbuka()
    nominasi_propose(kegiatan=kegiatan, pegawai=pemeran.asn.pegawai, oleh=pemeran.operator)
    with pytest.raises(ValidationError, match="sudah dinominasikan"):
        nominasi_propose(kegiatan=kegiatan, pegawai=pemeran.asn.pegawai, oleh=pemeran.kepala)
    assert Nominasi.objects.count() == 1


def test_it_requires_a_reason_to_reject(pemeran):
    nominasi = nominasi_propose(
        kegiatan=kegiatan_terbuka(), pegawai=pemeran.asn.pegawai, oleh=pemeran.operator
    )
    with pytest.raises(ValidationError, match="alasan"):
        nominasi_reject(nominasi=nominasi, oleh=pemeran.kepala, alasan="   ")
    nominasi.refresh_from_db()
    assert nominasi.status == "diusulkan"
    nominasi = nominasi_reject(nominasi=nominasi, oleh=pemeran.kepala, alasan="Sedang tugas luar")
    assert (nominasi.status, nominasi.alasan) == ("ditolak", "Sedang tugas luar")
    with pytest.raises(ValidationError, match="tidak dapat disetujui"):
        nominasi_approve(nominasi=nominasi, oleh=pemeran.kepala)


def test_the_database_refuses_a_rejection_without_reason(pemeran):
    nominasi = disetujui(kegiatan_terbuka(), pemeran.asn.pegawai, pemeran)
    with pytest.raises(IntegrityError), transaction.atomic():
        Nominasi.objects.filter(pk=nominasi.pk).update(status="ditolak", alasan="")


def test_it_does_nothing_twice(pemeran):
    nominasi = nominasi_propose(
        kegiatan=kegiatan_terbuka(), pegawai=pemeran.asn.pegawai, oleh=pemeran.operator
    )
    nominasi_approve(nominasi=nominasi, oleh=pemeran.kepala)
    nominasi_approve(nominasi=nominasi, oleh=pemeran.kepala)
    nominasi_confirm(nominasi=nominasi, oleh=pemeran.admin)
    nominasi_confirm(nominasi=nominasi, oleh=pemeran.admin)
    nominasi_cancel(nominasi=nominasi, oleh=pemeran.asn)
    nominasi_cancel(nominasi=nominasi, oleh=pemeran.asn)
    judul = list(Notifikasi.objects.filter(penerima=pemeran.asn).values_list("judul", flat=True))
    assert sorted(judul) == sorted(
        [
            "Nominasi pelatihan",
            "Nominasi disetujui atasan",
            "Nominasi ditetapkan",
            "Nominasi dibatalkan",
        ]
    )


def test_only_admin_bkpsdm_confirms(pemeran):
    nominasi = disetujui(kegiatan_terbuka(), pemeran.asn.pegawai, pemeran)
    for oleh in (pemeran.kepala, pemeran.operator, pemeran.pimpinan):
        with pytest.raises(ValidationError, match="Admin BKPSDM"):
            nominasi_confirm(nominasi=nominasi, oleh=oleh)
    nominasi.refresh_from_db()
    assert nominasi.status == "disetujui"


def test_it_confirms_only_approved_nominations(pemeran):
    nominasi = nominasi_propose(
        kegiatan=kegiatan_terbuka(), pegawai=pemeran.asn.pegawai, oleh=pemeran.operator
    )
    with pytest.raises(ValidationError, match="tidak dapat ditetapkan"):
        nominasi_confirm(nominasi=nominasi, oleh=pemeran.admin)


def test_a_full_quota_puts_the_rest_on_the_waiting_list_that_moves_up(pemeran):
    kegiatan = kegiatan_terbuka(kuota=2)
    pegawai = [*pegawai_dinkes(pemeran, 2), pemeran.asn.pegawai, *pegawai_dinkes(pemeran, 1)]
    nominasi = [disetujui(kegiatan, p, pemeran) for p in pegawai]
    hasil = [nominasi_confirm(nominasi=n, oleh=pemeran.admin) for n in nominasi]
    assert [(n.status, n.urutan_tunggu) for n in hasil] == [
        ("ditetapkan", None),
        ("ditetapkan", None),
        ("daftar_tunggu", 1),
        ("daftar_tunggu", 2),
    ]
    assert Notifikasi.objects.filter(
        penerima=pemeran.asn, judul="Nominasi masuk daftar tunggu", pesan__contains="nomor 1"
    ).exists()

    nominasi_cancel(nominasi=hasil[0], oleh=pemeran.operator)
    for n in hasil:
        n.refresh_from_db()
    assert [(n.status, n.urutan_tunggu) for n in hasil] == [
        ("batal", None),
        ("ditetapkan", None),
        ("ditetapkan", None),
        ("daftar_tunggu", 2),
    ]
    assert Notifikasi.objects.filter(penerima=pemeran.asn, judul="Nominasi ditetapkan").count() == 1


def test_cancelling_a_waiting_nomination_promotes_nobody(pemeran):
    kegiatan = kegiatan_terbuka(kuota=1)
    a, b, c = (disetujui(kegiatan, p, pemeran) for p in pegawai_dinkes(pemeran, 3))
    for n in (a, b, c):
        nominasi_confirm(nominasi=n, oleh=pemeran.admin)
    nominasi_cancel(nominasi=b, oleh=pemeran.admin)
    c.refresh_from_db()
    assert Nominasi.objects.filter(kegiatan=kegiatan, status="ditetapkan").count() == 1
    assert c.status == "daftar_tunggu"


def test_the_opd_quota_is_kept_and_promotion_skips_a_full_opd(pemeran):
    kegiatan = kegiatan_terbuka(kuota=3)
    KuotaOPDFactory(kegiatan=kegiatan, perangkat_daerah=pemeran.opd, kuota=1)
    d1, d2 = (disetujui(kegiatan, p, pemeran) for p in pegawai_dinkes(pemeran, 2))
    lain = [PegawaiFactory(perangkat_daerah=pemeran.opd_lain) for _ in range(3)]
    l1, l2, l3 = (
        nominasi_propose(kegiatan=kegiatan, pegawai=p, oleh=pemeran.kepala_lain) for p in lain
    )
    urutan = [d1, d2, l1, l2, l3]
    for n in urutan:
        nominasi_confirm(nominasi=n, oleh=pemeran.admin)
        n.refresh_from_db()
    assert [n.status for n in urutan] == [
        "ditetapkan",
        "daftar_tunggu",  # DINKES has one seat
        "ditetapkan",
        "ditetapkan",
        "daftar_tunggu",  # the event is full
    ]
    nominasi_cancel(nominasi=l1, oleh=pemeran.admin)
    d2.refresh_from_db()
    l3.refresh_from_db()
    # d2 waits first but its OPD is full: the seat goes to l3.
    assert (d2.status, l3.status) == ("daftar_tunggu", "ditetapkan")


def test_it_refuses_to_cancel_after_the_event_started(pemeran):
    kegiatan = kegiatan_terbuka()
    nominasi = disetujui(kegiatan, pemeran.asn.pegawai, pemeran)
    KegiatanPelatihan.objects.filter(pk=kegiatan.pk).update(status="berlangsung")
    with pytest.raises(ValidationError, match="setelah kegiatan dimulai"):
        nominasi_cancel(nominasi=nominasi, oleh=pemeran.admin)


def test_only_those_in_scope_cancel(pemeran):
    nominasi = disetujui(kegiatan_terbuka(), pemeran.asn.pegawai, pemeran)
    for oleh in (pemeran.kepala_lain, pemeran.asn_lain_satu_opd, pemeran.pimpinan):
        with pytest.raises(ValidationError, match="tidak berwenang"):
            nominasi_cancel(nominasi=nominasi, oleh=oleh)
    assert nominasi_cancel(nominasi=nominasi, oleh=pemeran.asn).status == "batal"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_confirmations_never_exceed_the_quota(pemeran):
    kuota, lebih = 3, 5
    kegiatan = kegiatan_terbuka(kuota=kuota)
    nominasi = [disetujui(kegiatan, p, pemeran) for p in pegawai_dinkes(pemeran, kuota + lebih)]
    mulai = threading.Barrier(len(nominasi))
    galat = []

    def tetapkan(n):
        try:
            mulai.wait()
            nominasi_confirm(nominasi=n, oleh=pemeran.admin)
        except Exception as e:
            galat.append(e)
        finally:
            connection.close()

    utas = [threading.Thread(target=tetapkan, args=(n,)) for n in nominasi]
    for t in utas:
        t.start()
    for t in utas:
        t.join()

    assert galat == []
    statuses = list(Nominasi.objects.filter(kegiatan=kegiatan).values_list("status", flat=True))
    assert statuses.count("ditetapkan") == kuota
    assert statuses.count("daftar_tunggu") == lebih
    urutan = sorted(
        Nominasi.objects.filter(status="daftar_tunggu").values_list("urutan_tunggu", flat=True)
    )
    assert urutan == list(range(1, lebih + 1))
