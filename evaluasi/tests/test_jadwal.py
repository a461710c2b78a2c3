"""Opening the evaluation forms: a level-1 form for every participant who attended a finished
event, the two level-3 forms for every graduate from day 90 after the event, each announced once
and opened once however often the periodic work runs."""

import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.utils import timezone

from evaluasi.jadwal import (
    formulir_perilaku_open_due,
    formulir_perilaku_open_due_detail,
    formulir_reaksi_open,
    formulir_reaksi_open_due,
    formulir_reaksi_open_due_detail,
)
from evaluasi.models import FormulirEvaluasi, Kuesioner
from evaluasi.tasks import evaluasi_buka_task
from evaluasi.tests.factories import (
    kegiatan_selesai,
    kuesioner_perilaku,
    kuesioner_reaksi,
    peserta,
)
from pegawai.models import Notifikasi, Peran
from pegawai.services import peran_assign
from pegawai.tests.factories import PegawaiFactory, PenggunaFactory
from pelatihan.models import KegiatanPelatihan, Kehadiran, Nominasi
from pelatihan.services import kegiatan_complete
from pelatihan.tests.factories_kegiatan import KegiatanPelatihanFactory, MataPelatihanFactory

pytestmark = pytest.mark.django_db

J = FormulirEvaluasi.Jenis
N = Nominasi.Status
S = KegiatanPelatihan.Status


def hari_ini() -> datetime.date:
    return timezone.localdate()


def kegiatan_berjalan():
    kegiatan = KegiatanPelatihanFactory(
        mulai=hari_ini() - datetime.timedelta(days=5), status=S.BERLANGSUNG
    )
    MataPelatihanFactory(program=kegiatan.program, jp=8)
    return kegiatan


def peserta_tidak_hadir(kegiatan, status_hari, *, status=N.TIDAK_LULUS):
    """A participant with a result, absent every day with ``status_hari`` (izin, sakit, alpa)."""
    nominasi = peserta(kegiatan, status=status, hadir=False)
    nominasi.kehadiran.update(status=status_hari)
    return nominasi


def peserta_tanpa_kehadiran(kegiatan, pegawai=None, *, status=N.LULUS, **kwargs):
    return Nominasi.objects.create(
        kegiatan=kegiatan,
        pegawai=pegawai or PegawaiFactory(user=PenggunaFactory()),
        jalur=Nominasi.Jalur.USULAN_OPD,
        status=status,
        **kwargs,
    )


def formulir(jenis=None, **filter):
    qs = FormulirEvaluasi.objects.filter(**filter)
    return qs.filter(jenis=jenis) if jenis else qs


def notifikasi_formulir(f):
    return Notifikasi.objects.get(kunci=f"evaluasi:formulir:{f.pk}")


@pytest.fixture
def tanpa_pengumuman():
    """Announcements replaced by a stub, so that a query count shows the opener's own work."""
    with mock.patch("evaluasi.jadwal.notifikasi_send", return_value=(None, True)) as kirim:
        yield kirim


# ---------------------------------------------------------------------------------------------
# Level 1.
# ---------------------------------------------------------------------------------------------


def test_it_opens_a_form_for_each_participant_who_attended_when_the_event_completes(pemeran):
    kegiatan = kegiatan_berjalan()
    hadir_lulus = peserta(kegiatan, pemeran.asn.pegawai)
    hadir_tidak_lulus = peserta(kegiatan, pemeran.asn_lain_satu_opd.pegawai, status=N.TIDAK_LULUS)
    lulus_tanpa_kehadiran = peserta_tanpa_kehadiran(kegiatan)
    sebagian_hadir = peserta_tidak_hadir(kegiatan, Kehadiran.Status.SAKIT)
    sebagian_hadir.kehadiran.filter(tanggal=kegiatan.tanggal_mulai).update(
        status=Kehadiran.Status.HADIR
    )
    # Absent every day, whatever the reason; or never in the event at all.
    peserta_tidak_hadir(kegiatan, Kehadiran.Status.ALPA)
    peserta_tidak_hadir(kegiatan, Kehadiran.Status.IZIN)
    peserta_tidak_hadir(kegiatan, Kehadiran.Status.SAKIT)
    peserta_tanpa_kehadiran(kegiatan, status=N.TIDAK_LULUS)
    peserta_tanpa_kehadiran(kegiatan, status=N.BATAL)
    peserta_tanpa_kehadiran(kegiatan, status=N.DITOLAK, alasan="Kuota penuh")

    kegiatan_complete(kegiatan=kegiatan, oleh=pemeran.admin)
    dibuka = formulir_reaksi_open(kegiatan=kegiatan)

    assert dibuka == 4
    assert set(formulir(J.REAKSI).values_list("nominasi_id", "pengisi_id")) == {
        (hadir_lulus.pk, pemeran.asn.pk),
        (hadir_tidak_lulus.pk, pemeran.asn_lain_satu_opd.pk),
        (lulus_tanpa_kehadiran.pk, lulus_tanpa_kehadiran.pegawai.user_id),
        (sebagian_hadir.pk, sebagian_hadir.pegawai.user_id),
    }
    f = formulir(J.REAKSI, nominasi=hadir_lulus).get()
    assert f.kuesioner == kuesioner_reaksi()
    assert f.diisi_pada is None
    assert f.batas == hari_ini() + datetime.timedelta(days=settings.EVALUASI_REAKSI_HARI)


def test_each_new_form_is_announced_in_the_inbox_and_by_email(pemeran):
    kegiatan = kegiatan_selesai()
    nominasi = peserta(kegiatan, pemeran.asn.pegawai)

    formulir_reaksi_open(kegiatan=kegiatan)

    f = formulir(J.REAKSI, nominasi=nominasi).get()
    notifikasi = notifikasi_formulir(f)
    assert notifikasi.penerima == pemeran.asn
    assert notifikasi.tautan == f"/evaluasi/formulir/{f.pk}/"
    assert notifikasi.kirim_email
    assert str(kegiatan) in notifikasi.pesan
    assert "umpan balik" in notifikasi.pesan
    batas = f.batas
    assert f"{batas.day} " in notifikasi.pesan and str(batas.year) in notifikasi.pesan


def test_participants_without_an_active_account_get_no_form():
    kegiatan = kegiatan_selesai()
    tanpa_akun = peserta(kegiatan, PegawaiFactory(user=None))
    nonaktif = peserta(kegiatan, PegawaiFactory(user=PenggunaFactory(is_active=False)))
    dengan_akun = peserta(kegiatan)

    hasil = formulir_reaksi_open_due_detail()

    assert (hasil.dibuka, hasil.tanpa_akun) == (1, 2)
    assert list(formulir().values_list("nominasi_id", flat=True)) == [dengan_akun.pk]
    assert not formulir(nominasi__in=[tanpa_akun, nonaktif]).exists()


def test_running_twice_opens_one_form_per_participant(pemeran):
    kegiatan = kegiatan_selesai()
    peserta(kegiatan, pemeran.asn.pegawai)
    peserta(kegiatan)

    assert formulir_reaksi_open(kegiatan=kegiatan) == 2
    assert formulir_reaksi_open(kegiatan=kegiatan) == 0
    assert formulir_reaksi_open_due() == 0

    assert formulir(J.REAKSI).count() == 2
    assert Notifikasi.objects.filter(kunci__startswith="evaluasi:formulir:").count() == 2


def test_a_participant_added_later_gets_a_form_on_the_next_run():
    kegiatan = kegiatan_selesai()
    peserta(kegiatan)
    assert formulir_reaksi_open_due() == 1

    nominasi = peserta(kegiatan)

    assert formulir_reaksi_open_due() == 1
    assert formulir(nominasi=nominasi).exists()


def test_no_form_before_the_event_is_finished():
    kegiatan = kegiatan_berjalan()
    peserta(kegiatan)

    assert formulir_reaksi_open(kegiatan=kegiatan) == 0
    assert formulir_reaksi_open_due() == 0
    assert not formulir().exists()


def test_the_deadline_counts_from_the_local_day_the_event_was_marked_finished():
    kegiatan = kegiatan_selesai(selesai=datetime.date(2026, 6, 5))
    # 17:30 UTC is 00:30 the next day in Langsa (WIB).
    KegiatanPelatihan.objects.filter(pk=kegiatan.pk).update(
        status_diubah_pada=datetime.datetime(2026, 6, 10, 17, 30, tzinfo=datetime.UTC)
    )
    kegiatan.refresh_from_db()
    nominasi = peserta(kegiatan)

    assert formulir_reaksi_open(kegiatan=kegiatan, hari_ini=datetime.date(2026, 6, 11)) == 1
    assert formulir(nominasi=nominasi).get().batas == datetime.date(2026, 6, 25)


def test_without_the_moment_it_was_marked_the_deadline_counts_from_the_end_date():
    kegiatan = kegiatan_selesai(selesai=datetime.date(2026, 6, 5))
    KegiatanPelatihan.objects.filter(pk=kegiatan.pk).update(status_diubah_pada=None)
    kegiatan.refresh_from_db()
    nominasi = peserta(kegiatan)

    assert formulir_reaksi_open(kegiatan=kegiatan, hari_ini=datetime.date(2026, 6, 6)) == 1
    assert formulir(nominasi=nominasi).get().batas == datetime.date(2026, 6, 19)


@pytest.mark.parametrize(("hari", "dibuka"), [(0, 1), (14, 1), (15, 0)])
def test_the_due_opener_opens_while_the_feedback_period_lasts(hari, dibuka):
    kegiatan = kegiatan_selesai(selesai=datetime.date(2026, 6, 9))
    ditandai = datetime.date(2026, 6, 10)
    KegiatanPelatihan.objects.filter(pk=kegiatan.pk).update(
        status_diubah_pada=timezone.make_aware(
            datetime.datetime.combine(ditandai, datetime.time(23, 50))
        )
    )
    peserta(kegiatan)

    hasil = formulir_reaksi_open_due(hari_ini=ditandai + datetime.timedelta(days=hari))

    assert hasil == dibuka
    if dibuka:
        assert formulir().get().batas == datetime.date(2026, 6, 24)


def test_the_due_opener_ignores_events_not_finished():
    for status in (S.BERLANGSUNG, S.DIBATALKAN):
        kegiatan = KegiatanPelatihanFactory(
            mulai=hari_ini() - datetime.timedelta(days=5), status=status
        )
        peserta(kegiatan)

    assert formulir_reaksi_open_due() == 0


def test_no_form_without_an_active_level_1_questionnaire():
    Kuesioner.objects.filter(level=Kuesioner.Level.REAKSI).update(aktif=False)
    peserta(kegiatan_selesai())

    assert formulir_reaksi_open_due() == 0
    assert not formulir().exists()


def _tiga_peserta_per_kegiatan(jumlah_kegiatan):
    for _i in range(jumlah_kegiatan):
        kegiatan = kegiatan_selesai()
        for _j in range(3):
            peserta(kegiatan)


@pytest.mark.parametrize("jumlah_kegiatan", [1, 3])
def test_the_due_opener_reads_in_the_same_queries_however_many_events(
    jumlah_kegiatan, tanpa_pengumuman, django_assert_num_queries
):
    _tiga_peserta_per_kegiatan(jumlah_kegiatan)

    # candidates, questionnaire; savepoint, insert, read back the forms written, release
    with django_assert_num_queries(6):
        assert formulir_reaksi_open_due() == 3 * jumlah_kegiatan
    assert tanpa_pengumuman.call_count == 3 * jumlah_kegiatan


@pytest.mark.parametrize("jumlah_kegiatan", [1, 3])
def test_the_due_opener_with_nothing_new_is_one_query(jumlah_kegiatan, django_assert_num_queries):
    _tiga_peserta_per_kegiatan(jumlah_kegiatan)
    peserta(kegiatan_selesai(), PegawaiFactory(user=None))
    formulir_reaksi_open_due()

    with django_assert_num_queries(1):
        assert formulir_reaksi_open_due() == 0


# ---------------------------------------------------------------------------------------------
# Level 3.
# ---------------------------------------------------------------------------------------------

SELESAI = datetime.date(2026, 3, 2)


def hari_ke(n: int) -> datetime.date:
    return SELESAI + datetime.timedelta(days=n)


def lulusan(pegawai=None, *, kegiatan=None, status=N.LULUS):
    return peserta(kegiatan or kegiatan_selesai(selesai=SELESAI), pegawai, status=status)


def atasan_dari(nominasi):
    return formulir(J.PERILAKU_ATASAN, nominasi=nominasi).get().pengisi


def test_level_3_opens_the_atasan_and_self_forms_from_day_90(pemeran):
    nominasi = lulusan(pemeran.asn.pegawai)  # atasan: the kepala of Dinas Kesehatan

    assert formulir_perilaku_open_due(hari_ini=hari_ke(89)) == 0
    assert not formulir().exists()

    assert formulir_perilaku_open_due(hari_ini=hari_ke(90)) == 2

    atasan = formulir(J.PERILAKU_ATASAN, nominasi=nominasi).get()
    diri = formulir(J.PERILAKU_DIRI, nominasi=nominasi).get()
    assert atasan.pengisi == pemeran.kepala
    assert diri.pengisi == pemeran.asn
    assert atasan.kuesioner == diri.kuesioner == kuesioner_perilaku()
    assert atasan.batas == diri.batas == hari_ke(120)


def test_level_3_is_opened_once_however_often_it_runs(pemeran):
    lulusan(pemeran.asn.pegawai)

    assert formulir_perilaku_open_due(hari_ini=hari_ke(90)) == 2
    assert formulir_perilaku_open_due(hari_ini=hari_ke(90)) == 0
    assert formulir_perilaku_open_due(hari_ini=hari_ke(100)) == 0

    assert formulir().count() == 2
    assert Notifikasi.objects.filter(kunci__startswith="evaluasi:formulir:").count() == 2


@pytest.mark.parametrize(("hari", "dibuka"), [(119, 2), (120, 0), (150, 0)])
def test_level_3_is_not_opened_once_its_period_is_over(pemeran, hari, dibuka):
    lulusan(pemeran.asn.pegawai)

    assert formulir_perilaku_open_due(hari_ini=hari_ke(hari)) == dibuka


def test_level_3_only_for_graduates_of_finished_events(pemeran):
    lulusan(pemeran.asn.pegawai, status=N.TIDAK_LULUS)
    kegiatan = KegiatanPelatihanFactory(
        mulai=SELESAI - datetime.timedelta(days=2), status=S.DIBATALKAN
    )
    lulusan(pemeran.asn_lain_satu_opd.pegawai, kegiatan=kegiatan)

    assert formulir_perilaku_open_due(hari_ini=hari_ke(90)) == 0


def test_the_direct_atasan_evaluates_not_the_kepala(pemeran):
    kasi = PegawaiFactory(user=PenggunaFactory(), perangkat_daerah=pemeran.opd)
    staf = PegawaiFactory(user=PenggunaFactory(), perangkat_daerah=pemeran.opd, atasan=kasi)
    nominasi = lulusan(staf)

    formulir_perilaku_open_due(hari_ini=hari_ke(90))

    assert atasan_dari(nominasi) == kasi.user


@pytest.mark.parametrize("atasan", ["tanpa", "tanpa_akun", "akun_nonaktif", "pegawai_nonaktif"])
def test_the_kepala_opd_evaluates_when_the_atasan_cannot(pemeran, atasan):
    kasi = {
        "tanpa": None,
        "tanpa_akun": PegawaiFactory(user=None, perangkat_daerah=pemeran.opd),
        "akun_nonaktif": PegawaiFactory(
            user=PenggunaFactory(is_active=False), perangkat_daerah=pemeran.opd
        ),
        "pegawai_nonaktif": PegawaiFactory(
            user=PenggunaFactory(), perangkat_daerah=pemeran.opd, aktif=False
        ),
    }[atasan]
    staf = PegawaiFactory(user=PenggunaFactory(), perangkat_daerah=pemeran.opd, atasan=kasi)
    nominasi = lulusan(staf)

    formulir_perilaku_open_due(hari_ini=hari_ke(90))

    assert atasan_dari(nominasi) == pemeran.kepala


def test_a_kepala_is_never_their_own_evaluator(pemeran):
    nominasi = lulusan(pemeran.kepala.pegawai)  # no atasan: the fallback would be themself

    hasil = formulir_perilaku_open_due_detail(hari_ini=hari_ke(90))

    assert (hasil.dibuka, hasil.tanpa_akun) == (1, 1)
    assert not formulir(J.PERILAKU_ATASAN).exists()
    assert formulir(J.PERILAKU_DIRI, nominasi=nominasi).get().pengisi == pemeran.kepala


def test_no_atasan_form_when_the_opd_has_no_kepala_with_an_account(pemeran):
    staf = PegawaiFactory(user=PenggunaFactory())  # an OPD of its own, without a kepala
    nominasi = lulusan(staf)

    hasil = formulir_perilaku_open_due_detail(hari_ini=hari_ke(90))

    assert (hasil.dibuka, hasil.tanpa_akun) == (1, 1)
    assert list(formulir().values_list("jenis", flat=True)) == [J.PERILAKU_DIRI]
    assert formulir(J.PERILAKU_DIRI, nominasi=nominasi).exists()


def test_a_graduate_without_an_account_is_still_evaluated_by_the_atasan(pemeran):
    staf = PegawaiFactory(user=None, perangkat_daerah=pemeran.opd, atasan=pemeran.kepala.pegawai)
    nominasi = lulusan(staf)

    hasil = formulir_perilaku_open_due_detail(hari_ini=hari_ke(90))

    assert (hasil.dibuka, hasil.tanpa_akun) == (1, 1)
    assert atasan_dari(nominasi) == pemeran.kepala
    assert not formulir(J.PERILAKU_DIRI).exists()


def test_level_3_forms_are_announced_to_each_pengisi(pemeran):
    nominasi = lulusan(pemeran.asn.pegawai)

    formulir_perilaku_open_due(hari_ini=hari_ke(90))

    atasan = notifikasi_formulir(formulir(J.PERILAKU_ATASAN, nominasi=nominasi).get())
    diri = notifikasi_formulir(formulir(J.PERILAKU_DIRI, nominasi=nominasi).get())
    assert atasan.penerima == pemeran.kepala
    assert pemeran.asn.pegawai.nama_lengkap in atasan.pesan
    assert diri.penerima == pemeran.asn
    for n in (atasan, diri):
        assert str(nominasi.kegiatan) in n.pesan
        assert "2 Maret 2026" in n.pesan  # the day the event ended
        assert "30 Juni 2026" in n.pesan  # the deadline, day 120
        assert n.kirim_email
        assert n.tautan.startswith("/evaluasi/formulir/")


def test_the_atasan_form_follows_once_the_opd_gets_a_kepala():
    staf = PegawaiFactory(user=PenggunaFactory())  # an OPD of its own, without a kepala
    nominasi = lulusan(staf)
    assert formulir_perilaku_open_due(hari_ini=hari_ke(90)) == 1

    kepala = PenggunaFactory()
    PegawaiFactory(user=kepala, perangkat_daerah=staf.perangkat_daerah)
    peran_assign(user=kepala, peran=Peran.KEPALA_OPD, perangkat_daerah=staf.perangkat_daerah)

    assert formulir_perilaku_open_due(hari_ini=hari_ke(91)) == 1
    assert atasan_dari(nominasi) == kepala
    assert formulir(nominasi=nominasi).count() == 2


def _lulusan_per_kegiatan(jumlah_kegiatan, pemeran):
    for _i in range(jumlah_kegiatan):
        kegiatan = kegiatan_selesai(selesai=SELESAI)
        peserta(kegiatan, PegawaiFactory(user=PenggunaFactory(), perangkat_daerah=pemeran.opd))
        peserta(kegiatan, PegawaiFactory(user=PenggunaFactory()))  # no kepala: self form only


@pytest.mark.parametrize("jumlah_kegiatan", [1, 3])
def test_level_3_reads_in_the_same_queries_however_many_events(
    pemeran, jumlah_kegiatan, tanpa_pengumuman, django_assert_num_queries
):
    _lulusan_per_kegiatan(jumlah_kegiatan, pemeran)

    # candidates, questionnaire, kepala OPD; savepoint, insert, read back, release
    with django_assert_num_queries(7):
        assert formulir_perilaku_open_due(hari_ini=hari_ke(90)) == 3 * jumlah_kegiatan
    assert tanpa_pengumuman.call_count == 3 * jumlah_kegiatan


@pytest.mark.parametrize("jumlah_kegiatan", [1, 3])
def test_level_3_with_nothing_new_reads_in_the_same_queries(
    pemeran, jumlah_kegiatan, django_assert_num_queries
):
    _lulusan_per_kegiatan(jumlah_kegiatan, pemeran)
    formulir_perilaku_open_due(hari_ini=hari_ke(90))

    # candidates, and the kepala OPD still looked for the graduates whose OPD has none
    with django_assert_num_queries(2):
        assert formulir_perilaku_open_due(hari_ini=hari_ke(95)) == 0


# ---------------------------------------------------------------------------------------------
# The beat task.
# ---------------------------------------------------------------------------------------------


def test_the_task_opens_both_levels_and_is_safe_to_redeliver(pemeran):
    peserta(kegiatan_selesai())
    kegiatan_lama = kegiatan_selesai(selesai=hari_ini() - datetime.timedelta(days=90))
    KegiatanPelatihan.objects.filter(pk=kegiatan_lama.pk).update(
        status_diubah_pada=timezone.now() - datetime.timedelta(days=89)
    )
    peserta(kegiatan_lama, pemeran.asn.pegawai)

    assert evaluasi_buka_task() == {"reaksi": 1, "perilaku": 2}
    assert evaluasi_buka_task() == {"reaksi": 0, "perilaku": 0}
    assert evaluasi_buka_task.acks_late is True
    assert evaluasi_buka_task.reject_on_worker_lost is True
