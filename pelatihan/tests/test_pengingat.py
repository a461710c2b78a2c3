"""Reminders: unused OPD quota, nominations waiting for the kepala, events about to start. Each
reaches the right people once per occasion, however often it runs."""

import datetime
import json
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pegawai.models import Notifikasi, Peran
from pegawai.services import peran_assign
from pegawai.tests.factories import PegawaiFactory, PenggunaFactory, PerangkatDaerahFactory
from pelatihan.models import KegiatanPelatihan, Nominasi
from pelatihan.pengingat import (
    pengingat_kuota_send,
    pengingat_mulai_send,
    pengingat_persetujuan_send,
    send_reminders,
)
from pelatihan.tests.factories_kegiatan import KegiatanPelatihanFactory, KuotaOPDFactory

HARI_INI = datetime.date(2026, 6, 10)
S = KegiatanPelatihan.Status


def hari(n: int) -> datetime.date:
    return HARI_INI + datetime.timedelta(days=n)


def kegiatan(*, batas: int = 30, mulai: int = 40, status=S.NOMINASI_DIBUKA, **kwargs):
    return KegiatanPelatihanFactory(
        mulai=hari(mulai), batas_nominasi=hari(batas), status=status, **kwargs
    )


def nominasi(kegiatan, pegawai, status=Nominasi.Status.DIUSULKAN, *, diusulkan_hari=-10):
    n = Nominasi.objects.create(
        kegiatan=kegiatan,
        pegawai=pegawai,
        jalur=Nominasi.Jalur.USULAN_OPD,
        status=status,
        urutan_tunggu=1 if status == Nominasi.Status.DAFTAR_TUNGGU else None,
        alasan="Tidak sesuai kebutuhan" if status == Nominasi.Status.DITOLAK else "",
    )
    # dibuat_pada is set on insert: move it to the day the test means.
    dibuat = timezone.make_aware(datetime.datetime.combine(hari(diusulkan_hari), datetime.time(10)))
    Nominasi.objects.filter(pk=n.pk).update(dibuat_pada=dibuat)
    return n


def pengingat(kunci_awal: str):
    return Notifikasi.objects.filter(kunci__startswith=kunci_awal)


def penerima(kunci_awal: str) -> set:
    return set(pengingat(kunci_awal).values_list("penerima__username", flat=True))


# ---------------------------------------------------------------------------------------------
# Unused OPD quota before the nomination deadline.
# ---------------------------------------------------------------------------------------------


def test_it_reminds_kepala_and_operator_of_the_opd_with_unused_quota(pemeran):
    k = kegiatan(batas=3)
    KuotaOPDFactory(kegiatan=k, perangkat_daerah=pemeran.opd, kuota=2)
    KuotaOPDFactory(kegiatan=k, perangkat_daerah=pemeran.opd_lain, kuota=1)
    # The other OPD has used its one seat: nobody there is reminded.
    nominasi(k, pemeran.asn_opd_lain.pegawai, Nominasi.Status.DISETUJUI)
    nominasi(k, pemeran.asn.pegawai, Nominasi.Status.DITETAPKAN)

    hasil = pengingat_kuota_send(hari_ini=HARI_INI)

    assert (hasil.terkirim, hasil.sudah_ada, hasil.tanpa_akun) == (2, 0, 0)
    assert penerima("pengingat:kuota:") == {"kadis.uji", "operator.uji"}
    notifikasi = pengingat(f"pengingat:kuota:{k.pk}:{pemeran.opd.pk}").get(penerima=pemeran.kepala)
    assert notifikasi.kirim_email
    assert notifikasi.dibaca_pada is None
    assert "1 dari 2 kursi" in notifikasi.pesan
    assert "13 Juni 2026" in notifikasi.pesan
    assert notifikasi.tautan == f"/pelatihan/kegiatan/{k.pk}/"


@pytest.mark.parametrize("batas", [0, 1, 3])
def test_it_reminds_within_three_days_of_the_deadline(pemeran, batas):
    k = kegiatan(batas=batas)
    KuotaOPDFactory(kegiatan=k, perangkat_daerah=pemeran.opd, kuota=2)

    assert pengingat_kuota_send(hari_ini=HARI_INI).terkirim == 2


@pytest.mark.parametrize(
    ("batas", "status"),
    [
        (4, S.NOMINASI_DIBUKA),  # deadline still far
        (-1, S.NOMINASI_DIBUKA),  # deadline passed
        (2, S.DRAFT),
        (2, S.DITUTUP),
        (2, S.DIBATALKAN),
    ],
)
def test_it_ignores_events_outside_the_window_or_not_open(pemeran, batas, status):
    k = kegiatan(batas=batas, status=status)
    KuotaOPDFactory(kegiatan=k, perangkat_daerah=pemeran.opd, kuota=2)

    hasil = pengingat_kuota_send(hari_ini=HARI_INI)

    assert (hasil.terkirim, hasil.dilewati) == (0, 0)
    assert not pengingat("pengingat:kuota:").exists()


def test_it_counts_live_nominations_as_used_quota(pemeran):
    k = kegiatan(batas=2)
    KuotaOPDFactory(kegiatan=k, perangkat_daerah=pemeran.opd, kuota=4)
    nominasi(k, pemeran.asn.pegawai, Nominasi.Status.DIUSULKAN)
    nominasi(k, pemeran.asn_lain_satu_opd.pegawai, Nominasi.Status.DISETUJUI)
    nominasi(k, PegawaiFactory(perangkat_daerah=pemeran.opd), Nominasi.Status.DITETAPKAN)
    nominasi(k, PegawaiFactory(perangkat_daerah=pemeran.opd), Nominasi.Status.DAFTAR_TUNGGU)
    # A cancelled nomination gives its seat back.
    nominasi(k, PegawaiFactory(perangkat_daerah=pemeran.opd), Nominasi.Status.BATAL)

    assert pengingat_kuota_send(hari_ini=HARI_INI).terkirim == 0

    Nominasi.objects.filter(kegiatan=k, status=Nominasi.Status.DITETAPKAN).update(
        status=Nominasi.Status.BATAL
    )
    assert pengingat_kuota_send(hari_ini=HARI_INI).terkirim == 2


def test_it_reminds_nobody_for_an_event_without_opd_quota(pemeran):
    kegiatan(batas=1)

    hasil = pengingat_kuota_send(hari_ini=HARI_INI)

    assert (hasil.terkirim, hasil.dilewati) == (0, 0)


def test_it_reminds_each_user_once_even_with_two_roles_in_the_opd(pemeran):
    peran_assign(user=pemeran.kepala, peran=Peran.OPERATOR_OPD, perangkat_daerah=pemeran.opd)
    k = kegiatan(batas=1)
    KuotaOPDFactory(kegiatan=k, perangkat_daerah=pemeran.opd, kuota=2)

    hasil = pengingat_kuota_send(hari_ini=HARI_INI)

    assert (hasil.terkirim, hasil.sudah_ada) == (2, 0)
    assert pengingat("pengingat:kuota:").filter(penerima=pemeran.kepala).count() == 1


def test_it_counts_an_opd_without_active_kepala_or_operator_as_skipped(pemeran):
    opd_kosong = PerangkatDaerahFactory()
    nonaktif = PenggunaFactory(is_active=False)
    peran_assign(user=nonaktif, peran=Peran.OPERATOR_OPD, perangkat_daerah=opd_kosong)
    k = kegiatan(batas=1)
    KuotaOPDFactory(kegiatan=k, perangkat_daerah=opd_kosong, kuota=2)

    hasil = pengingat_kuota_send(hari_ini=HARI_INI)

    assert (hasil.terkirim, hasil.sudah_ada, hasil.tanpa_akun) == (0, 0, 1)
    assert not Notifikasi.objects.filter(penerima=nonaktif).exists()


# ---------------------------------------------------------------------------------------------
# Nominations waiting for the kepala.
# ---------------------------------------------------------------------------------------------


def test_it_sends_the_kepala_one_daily_summary_of_nominations_waiting_over_three_days(pemeran):
    k1, k2 = kegiatan(), kegiatan(status=S.DITUTUP)
    nominasi(k1, pemeran.asn.pegawai, diusulkan_hari=-4)
    nominasi(k2, pemeran.asn_lain_satu_opd.pegawai, diusulkan_hari=-20)
    nominasi(k1, pemeran.asn_opd_lain.pegawai, diusulkan_hari=-2)  # other OPD, still fresh

    hasil = pengingat_persetujuan_send(hari_ini=HARI_INI)

    assert hasil.terkirim == 1
    notifikasi = pengingat("pengingat:persetujuan:").get()
    assert notifikasi.penerima == pemeran.kepala
    assert notifikasi.kunci == f"pengingat:persetujuan:{pemeran.kepala.pk}:2026-06-10"
    assert notifikasi.pesan.startswith("2 nominasi")
    assert notifikasi.kirim_email
    assert notifikasi.tautan == "/pelatihan/nominasi/?status=diusulkan"

    # The next day is a new occasion; the same day is not.
    assert pengingat_persetujuan_send(hari_ini=HARI_INI).terkirim == 0
    assert pengingat_persetujuan_send(hari_ini=hari(1)).terkirim == 1


@pytest.mark.parametrize(
    ("diusulkan_hari", "status", "status_kegiatan"),
    [
        (-3, Nominasi.Status.DIUSULKAN, S.NOMINASI_DIBUKA),  # exactly 3 days: not yet more
        (0, Nominasi.Status.DIUSULKAN, S.NOMINASI_DIBUKA),
        (-10, Nominasi.Status.DISETUJUI, S.NOMINASI_DIBUKA),  # already decided
        (-10, Nominasi.Status.DITOLAK, S.NOMINASI_DIBUKA),
        (-10, Nominasi.Status.DIUSULKAN, S.DIBATALKAN),  # event no longer takes approvals
        (-10, Nominasi.Status.DIUSULKAN, S.SELESAI),
    ],
)
def test_it_does_not_remind_of_fresh_decided_or_moot_nominations(
    pemeran, diusulkan_hari, status, status_kegiatan
):
    k = kegiatan(status=status_kegiatan)
    nominasi(k, pemeran.asn.pegawai, status, diusulkan_hari=diusulkan_hari)

    assert pengingat_persetujuan_send(hari_ini=HARI_INI).terkirim == 0
    assert not pengingat("pengingat:persetujuan:").exists()


def test_it_reminds_each_kepala_of_their_own_opd_only(pemeran):
    k = kegiatan()
    nominasi(k, pemeran.asn_opd_lain.pegawai, diusulkan_hari=-5)

    assert pengingat_persetujuan_send(hari_ini=HARI_INI).terkirim == 1
    assert penerima("pengingat:persetujuan:") == {"kadis.lain"}


def test_it_does_not_count_the_kepalas_own_nomination(pemeran):
    k = kegiatan()
    nominasi(k, pemeran.kepala.pegawai, diusulkan_hari=-5)

    assert pengingat_persetujuan_send(hari_ini=HARI_INI).terkirim == 0


# ---------------------------------------------------------------------------------------------
# Participants before the event starts.
# ---------------------------------------------------------------------------------------------


def test_it_reminds_confirmed_participants_three_days_before_the_start(pemeran):
    k = kegiatan(batas=-5, mulai=3, status=S.DITUTUP)
    nominasi(k, pemeran.asn.pegawai, Nominasi.Status.DITETAPKAN)
    nominasi(k, pemeran.asn_opd_lain.pegawai, Nominasi.Status.DITETAPKAN)
    nominasi(k, pemeran.asn_lain_satu_opd.pegawai, Nominasi.Status.DISETUJUI)
    nominasi(k, pemeran.operator.pegawai, Nominasi.Status.DAFTAR_TUNGGU)

    hasil = pengingat_mulai_send(hari_ini=HARI_INI)

    assert hasil.terkirim == 2
    assert penerima("pengingat:mulai:") == {"asn.uji", "asn.lain"}
    notifikasi = Notifikasi.objects.get(
        kunci=f"pengingat:mulai:{k.pk}:{pemeran.asn.pegawai.pk}", penerima=pemeran.asn
    )
    assert notifikasi.kirim_email
    assert "13 Juni 2026" in notifikasi.pesan
    assert "Aula BKPSDM Kota Langsa" in notifikasi.pesan


@pytest.mark.parametrize(
    ("mulai", "status"),
    [
        (4, S.DITUTUP),  # still far
        (-1, S.BERLANGSUNG),  # already started
        (2, S.DIBATALKAN),
        (2, S.DRAFT),
    ],
)
def test_it_ignores_events_not_starting_within_three_days(pemeran, mulai, status):
    k = kegiatan(batas=mulai - 1, mulai=mulai, status=status)
    nominasi(k, pemeran.asn.pegawai, Nominasi.Status.DITETAPKAN)

    hasil = pengingat_mulai_send(hari_ini=HARI_INI)

    assert (hasil.terkirim, hasil.dilewati) == (0, 0)


@pytest.mark.parametrize("mulai", [0, 1, 3])
def test_it_reminds_on_every_day_of_the_window(pemeran, mulai):
    k = kegiatan(batas=mulai, mulai=mulai, status=S.DITUTUP)
    nominasi(k, pemeran.asn.pegawai, Nominasi.Status.DITETAPKAN)

    assert pengingat_mulai_send(hari_ini=HARI_INI).terkirim == 1


def test_it_skips_participants_without_an_active_account(pemeran):
    k = kegiatan(batas=0, mulai=2, status=S.DITUTUP)
    nominasi(k, PegawaiFactory(perangkat_daerah=pemeran.opd, user=None), Nominasi.Status.DITETAPKAN)
    nonaktif = PenggunaFactory(is_active=False)
    nominasi(
        k,
        PegawaiFactory(perangkat_daerah=pemeran.opd, user=nonaktif),
        Nominasi.Status.DITETAPKAN,
    )
    nominasi(k, pemeran.asn.pegawai, Nominasi.Status.DITETAPKAN)

    hasil = pengingat_mulai_send(hari_ini=HARI_INI)

    assert (hasil.terkirim, hasil.sudah_ada, hasil.tanpa_akun) == (1, 0, 2)
    assert not Notifikasi.objects.filter(penerima=nonaktif).exists()


# ---------------------------------------------------------------------------------------------
# All kinds together: once per occasion, a constant number of queries, the task, the command.
# ---------------------------------------------------------------------------------------------


def data_pengingat(pemeran, *, n: int = 1):
    """``n`` of every kind of reminder for Dinas Kesehatan and Disdikbud."""
    for _ in range(n):
        k = kegiatan(batas=2)
        KuotaOPDFactory(kegiatan=k, perangkat_daerah=pemeran.opd, kuota=3)
        KuotaOPDFactory(kegiatan=k, perangkat_daerah=pemeran.opd_lain, kuota=3)
        nominasi(k, PegawaiFactory(perangkat_daerah=pemeran.opd), diusulkan_hari=-5)
        nominasi(k, PegawaiFactory(perangkat_daerah=pemeran.opd_lain), diusulkan_hari=-5)
        segera = kegiatan(batas=0, mulai=1, status=S.DITUTUP)
        for opd in (pemeran.opd, pemeran.opd_lain):
            user = PenggunaFactory()
            peserta = PegawaiFactory(perangkat_daerah=opd, user=user)
            nominasi(segera, peserta, Nominasi.Status.DITETAPKAN)


def test_it_sends_nothing_new_when_run_again(pemeran):
    data_pengingat(pemeran)

    pertama = send_reminders(hari_ini=HARI_INI)
    jumlah = Notifikasi.objects.filter(kunci__startswith="pengingat:").count()
    kedua = send_reminders(hari_ini=HARI_INI)

    # kuota: kepala + operator of DINKES, kepala of DISDIKBUD; persetujuan: both kepala;
    # mulai: both participants.
    assert pertama == {"sent": 7, "skipped": 0}
    assert jumlah == 7
    assert kedua == {"sent": 0, "skipped": 7}
    assert Notifikasi.objects.filter(kunci__startswith="pengingat:").count() == 7


def test_it_does_not_resend_what_another_run_wrote_meanwhile(pemeran):
    data_pengingat(pemeran)
    # The other run wrote this one after our candidates were read: the service's check decides.
    with mock.patch("pelatihan.pengingat._sudah_diingatkan", return_value=set()):
        send_reminders(hari_ini=HARI_INI)
        kedua = send_reminders(hari_ini=HARI_INI)

    assert kedua == {"sent": 0, "skipped": 7}
    assert Notifikasi.objects.filter(kunci__startswith="pengingat:").count() == 7


def jumlah_query(fungsi) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fungsi()
    return len(ctx.captured_queries)


def test_it_runs_a_constant_number_of_queries_whatever_the_rows(pemeran):
    data_pengingat(pemeran, n=1)
    send_reminders(hari_ini=HARI_INI)
    sedikit = jumlah_query(lambda: send_reminders(hari_ini=HARI_INI))

    data_pengingat(pemeran, n=4)
    banyak_pertama = jumlah_query(lambda: send_reminders(hari_ini=HARI_INI))
    terkirim = Notifikasi.objects.filter(kunci__startswith="pengingat:").count() - 7
    banyak = jumlah_query(lambda: send_reminders(hari_ini=HARI_INI))

    # kuota: quota rows, recipients, already reminded; persetujuan: kepala with their counts,
    # already reminded; mulai: participants, already reminded.
    assert sedikit == banyak == 7
    # Writing adds the same few queries per notification, nothing per candidate read.
    # Four more events with quota (3 recipients each) and to start (2 participants each); the
    # kepala already had today's summary.
    assert terkirim == 4 * 3 + 4 * 2
    assert (banyak_pertama - banyak) % terkirim == 0
    assert (banyak_pertama - banyak) // terkirim <= 8


def test_the_task_calls_the_service(db):
    from pelatihan.tasks import send_reminders_task

    with mock.patch(
        "pelatihan.pengingat.send_reminders", return_value={"sent": 3, "skipped": 1}
    ) as layanan:
        assert send_reminders_task.apply().get() == {"sent": 3, "skipped": 1}

    layanan.assert_called_once_with()
    assert send_reminders_task.acks_late
    assert send_reminders_task.reject_on_worker_lost


def test_the_task_sends_the_reminders_of_today(pemeran):
    from pelatihan.tasks import send_reminders_task

    hari_ini = timezone.localdate()
    k = KegiatanPelatihanFactory(
        mulai=hari_ini + datetime.timedelta(days=2), batas_nominasi=hari_ini, status=S.DITUTUP
    )
    nominasi(k, pemeran.asn.pegawai, Nominasi.Status.DITETAPKAN)

    assert send_reminders_task.apply().get() == {"sent": 1, "skipped": 0}
    assert penerima("pengingat:mulai:") == {"asn.uji"}


def test_the_command_prints_exactly_the_json_counts(pemeran):
    data_pengingat(pemeran)

    keluaran = StringIO()
    call_command("send_reminders", "--json", "--tanggal", "2026-06-10", stdout=keluaran)
    assert json.loads(keluaran.getvalue()) == {"sent": 7, "skipped": 0}
    assert keluaran.getvalue() == '{"sent": 7, "skipped": 0}\n'

    keluaran = StringIO()
    call_command("send_reminders", "--json", "--tanggal", "2026-06-10", stdout=keluaran)
    assert keluaran.getvalue() == '{"sent": 0, "skipped": 7}\n'


def test_the_command_explains_each_kind_in_indonesian(pemeran):
    k = kegiatan(batas=0, mulai=2, status=S.DITUTUP)
    nominasi(k, PegawaiFactory(perangkat_daerah=pemeran.opd, user=None), Nominasi.Status.DITETAPKAN)
    nominasi(k, pemeran.asn.pegawai, Nominasi.Status.DITETAPKAN)

    keluaran = StringIO()
    call_command("send_reminders", "--tanggal", "2026-06-10", stdout=keluaran)

    teks = keluaran.getvalue()
    assert "Kuota OPD belum terpakai menjelang batas nominasi: 0 terkirim" in teks
    assert "Nominasi menunggu persetujuan kepala OPD: 0 terkirim" in teks
    assert (
        "Peserta pelatihan yang segera dimulai: 1 terkirim, 0 sudah pernah dikirim, "
        "1 peserta tanpa akun aktif" in teks
    )
    assert "Jumlah: 1 pengingat terkirim, 1 dilewati." in teks


def test_the_command_rejects_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--tanggal", "10-06-2026")
