"""Weekly reminders of evaluation forms waiting to be filled: one per person and ISO week however
often the task runs, from a week after a form was opened until it is filled or closed."""

import datetime

import pytest
from django.utils import timezone

from evaluasi.jadwal import formulir_perilaku_open_due, pengingat_evaluasi_send
from evaluasi.models import FormulirEvaluasi
from evaluasi.tasks import pengingat_evaluasi_task
from evaluasi.tests.factories import (
    FormulirEvaluasiFactory,
    isi_formulir,
    kegiatan_selesai,
    kuesioner_perilaku,
    peserta,
)
from pegawai.models import Notifikasi
from pegawai.tests.factories import PenggunaFactory

pytestmark = pytest.mark.django_db

HARI_INI = datetime.date(2026, 6, 10)  # a Wednesday, ISO week 2026-W24


def hari(n: int) -> datetime.date:
    return HARI_INI + datetime.timedelta(days=n)


def pukul(tanggal: datetime.date, jam: int = 10, menit: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(tanggal, datetime.time(jam, menit)))


def formulir_menunggu(*, dibuka=-7, batas=7, **kwargs) -> FormulirEvaluasi:
    """A form opened on day ``dibuka`` (relative to HARI_INI) and open until day ``batas``."""
    return FormulirEvaluasiFactory(dibuka_pada=pukul(hari(dibuka)), batas=hari(batas), **kwargs)


def formulir_atasan(pengisi, **kwargs) -> FormulirEvaluasi:
    return formulir_menunggu(
        jenis=FormulirEvaluasi.Jenis.PERILAKU_ATASAN,
        kuesioner=kuesioner_perilaku(),
        pengisi=pengisi,
        **kwargs,
    )


def pengingat(user=None):
    qs = Notifikasi.objects.filter(kunci__startswith="pengingat:evaluasi:")
    return qs.filter(penerima=user) if user else qs


def test_each_person_is_reminded_once_a_week_however_often_it_runs():
    kepala = PenggunaFactory()
    sendiri = formulir_menunggu()  # the participant's own feedback
    formulir_atasan(kepala)
    formulir_atasan(kepala, batas=3)

    hasil = pengingat_evaluasi_send(hari_ini=HARI_INI)
    assert (hasil.terkirim, hasil.sudah_ada, hasil.tanpa_akun) == (2, 0, 0)

    for _i in range(2):
        hasil = pengingat_evaluasi_send(hari_ini=HARI_INI)
        assert (hasil.terkirim, hasil.sudah_ada) == (0, 2)
    # Another day of the same ISO week (Sunday 14 June).
    hasil = pengingat_evaluasi_send(hari_ini=hari(4))
    assert (hasil.terkirim, hasil.sudah_ada) == (0, 2)

    assert pengingat().count() == 2
    n = pengingat(kepala).get()
    assert n.kunci == f"pengingat:evaluasi:{kepala.pk}:2026-W24"
    assert n.pesan.startswith("2 formulir evaluasi")
    assert "13 Juni 2026" in n.pesan  # the nearest deadline
    assert n.tautan == "/evaluasi/"
    assert n.kirim_email
    assert pengingat(sendiri.pengisi).get().pesan.startswith("1 formulir evaluasi")

    # The next week (Monday 15 June): another one, for what still waits.
    hasil = pengingat_evaluasi_send(hari_ini=hari(5))
    assert (hasil.terkirim, hasil.sudah_ada) == (2, 0)
    assert (
        pengingat(kepala)
        .filter(kunci__endswith=":2026-W25")
        .get()
        .pesan.startswith("1 formulir evaluasi")
    )
    assert pengingat().count() == 4


def test_the_iso_week_spans_the_new_year():
    f = formulir_menunggu(dibuka=190, batas=220)  # opened 17 December 2026

    # Thursday 31 December 2026 and Sunday 3 January 2027 are both in 2026-W53.
    assert pengingat_evaluasi_send(hari_ini=datetime.date(2026, 12, 31)).terkirim == 1
    assert pengingat_evaluasi_send(hari_ini=datetime.date(2027, 1, 3)).terkirim == 0
    assert pengingat().get().kunci == f"pengingat:evaluasi:{f.pengisi_id}:2026-W53"
    assert pengingat_evaluasi_send(hari_ini=datetime.date(2027, 1, 4)).terkirim == 1
    assert pengingat().filter(kunci__endswith=":2027-W01").exists()


@pytest.mark.parametrize(
    ("dibuka", "diingatkan"),
    [
        (pukul(hari(-7), 23, 59), True),
        (pukul(hari(-30)), True),
        (pukul(hari(-6), 0, 0), False),
        (pukul(hari(-1)), False),
    ],
)
def test_no_reminder_in_the_first_week_after_a_form_opens(dibuka, diingatkan):
    FormulirEvaluasiFactory(dibuka_pada=dibuka, batas=hari(10))

    assert pengingat_evaluasi_send(hari_ini=HARI_INI).terkirim == int(diingatkan)
    assert pengingat().exists() is diingatkan


def test_no_reminder_for_filled_or_closed_forms():
    isi_formulir(formulir_menunggu())
    formulir_menunggu(batas=-1)
    hari_terakhir = formulir_menunggu(batas=0)

    hasil = pengingat_evaluasi_send(hari_ini=HARI_INI)

    assert (hasil.terkirim, hasil.dilewati) == (1, 0)
    assert pengingat().get().penerima == hari_terakhir.pengisi


def test_the_reminders_stop_once_the_form_is_filled():
    f = formulir_menunggu(batas=30)
    assert pengingat_evaluasi_send(hari_ini=HARI_INI).terkirim == 1

    isi_formulir(f)

    hasil = pengingat_evaluasi_send(hari_ini=hari(7))
    assert (hasil.terkirim, hasil.dilewati) == (0, 0)
    assert pengingat().count() == 1


def test_level_3_reminders_stop_when_the_forms_close_30_days_after_opening(pemeran):
    hari_ini = timezone.localdate()
    kegiatan = kegiatan_selesai(selesai=hari_ini - datetime.timedelta(days=90))
    peserta(kegiatan, pemeran.asn.pegawai)
    assert formulir_perilaku_open_due(hari_ini=hari_ini) == 2

    def kirim(setelah: int):
        return pengingat_evaluasi_send(hari_ini=hari_ini + datetime.timedelta(days=setelah))

    assert kirim(6).terkirim == 0
    assert kirim(7).terkirim == 2  # the atasan and the graduate
    assert set(pengingat().values_list("penerima", flat=True)) == {
        pemeran.kepala.pk,
        pemeran.asn.pk,
    }
    hari_terakhir = kirim(30)  # the last day to fill: still reminded (a new week)
    assert (hari_terakhir.terkirim, hari_terakhir.sudah_ada) == (2, 0)
    assert (kirim(31).terkirim, kirim(31).dilewati) == (0, 0)
    assert (kirim(60).terkirim, kirim(60).dilewati) == (0, 0)


def test_a_pengisi_without_an_active_account_is_counted_not_reminded():
    nonaktif = PenggunaFactory(is_active=False)
    formulir_atasan(nonaktif)

    hasil = pengingat_evaluasi_send(hari_ini=HARI_INI)

    assert (hasil.terkirim, hasil.tanpa_akun) == (0, 1)
    assert not pengingat().exists()


@pytest.mark.parametrize("jumlah_pengisi", [1, 3])
def test_the_reminders_read_in_the_same_queries_however_many_people(
    jumlah_pengisi, django_assert_num_queries
):
    for _i in range(jumlah_pengisi):
        formulir_menunggu()
    pengingat_evaluasi_send(hari_ini=HARI_INI)

    # the waiting forms per person, their accounts, the reminders already sent this week
    with django_assert_num_queries(3):
        hasil = pengingat_evaluasi_send(hari_ini=HARI_INI)
    assert hasil.sudah_ada == jumlah_pengisi


def test_the_task_sends_the_reminders_and_is_safe_to_redeliver():
    formulir_menunggu(dibuka=-30, batas=3650)

    assert pengingat_evaluasi_task()["sent"] == 1
    assert pengingat_evaluasi_task() == {"sent": 0, "skipped": 1}
    assert pengingat_evaluasi_task.acks_late is True
    assert pengingat_evaluasi_task.reject_on_worker_lost is True
