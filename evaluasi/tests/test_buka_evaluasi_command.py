"""`manage.py buka_evaluasi`: opens the forms that are due and sends the weekly reminders, saying
how many in Bahasa Indonesia; a second run opens and sends nothing new."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from evaluasi.models import FormulirEvaluasi
from evaluasi.tests.factories import FormulirEvaluasiFactory, kegiatan_selesai, peserta
from pegawai.tests.factories import PegawaiFactory
from pelatihan.models import KegiatanPelatihan

J = FormulirEvaluasi.Jenis


def buka_evaluasi(*args) -> list[str]:
    out = StringIO()
    call_command("buka_evaluasi", *args, stdout=out)
    return out.getvalue().splitlines()


def kegiatan_lama(selesai: datetime.date):
    """An event that ended on ``selesai`` and was marked finished that day."""
    kegiatan = kegiatan_selesai(selesai=selesai)
    KegiatanPelatihan.objects.filter(pk=kegiatan.pk).update(
        status_diubah_pada=timezone.make_aware(
            datetime.datetime.combine(selesai, datetime.time(15))
        )
    )
    return kegiatan


def test_it_opens_both_levels_sends_the_reminders_and_says_how_many(pemeran):
    hari_ini = timezone.localdate()
    baru = kegiatan_selesai()
    peserta(baru)
    peserta(baru)
    peserta(baru, PegawaiFactory(user=None))
    lulusan = peserta(kegiatan_lama(hari_ini - datetime.timedelta(days=90)), pemeran.asn.pegawai)
    menunggu = FormulirEvaluasiFactory(
        dibuka_pada=timezone.now() - datetime.timedelta(days=8),
        batas=hari_ini + datetime.timedelta(days=6),
    )

    assert buka_evaluasi() == [
        "Umpan balik peserta (level 1): 2 formulir dibuka, 1 peserta tanpa akun aktif.",
        "Evaluasi pasca-pelatihan (level 3): 2 formulir dibuka, 0 tanpa pengisi berakun.",
        "Pengingat evaluasi: 1 terkirim, 0 sudah pernah dikirim minggu ini, "
        "0 pengisi tanpa akun aktif.",
        "Jumlah: 4 formulir dibuka, 1 pengingat terkirim.",
    ]
    assert FormulirEvaluasi.objects.filter(nominasi__kegiatan=baru, jenis=J.REAKSI).count() == 2
    assert set(
        FormulirEvaluasi.objects.filter(nominasi=lulusan).values_list("jenis", "pengisi")
    ) == {(J.PERILAKU_ATASAN, pemeran.kepala.pk), (J.PERILAKU_DIRI, pemeran.asn.pk)}
    assert menunggu.pengisi.notifikasi.filter(kunci__startswith="pengingat:evaluasi:").exists()

    assert buka_evaluasi() == [
        "Umpan balik peserta (level 1): 0 formulir dibuka, 1 peserta tanpa akun aktif.",
        "Evaluasi pasca-pelatihan (level 3): 0 formulir dibuka, 0 tanpa pengisi berakun.",
        "Pengingat evaluasi: 0 terkirim, 1 sudah pernah dikirim minggu ini, "
        "0 pengisi tanpa akun aktif.",
        "Jumlah: 0 formulir dibuka, 0 pengingat terkirim.",
    ]
    assert FormulirEvaluasi.objects.count() == 5


@pytest.mark.parametrize(("hari", "dibuka"), [(89, 0), (90, 2), (119, 2), (120, 0)])
def test_it_works_as_of_the_given_date(pemeran, hari, dibuka):
    selesai = datetime.date(2026, 3, 2)
    peserta(kegiatan_lama(selesai), pemeran.asn.pegawai)
    tanggal = selesai + datetime.timedelta(days=hari)

    keluaran = buka_evaluasi("--tanggal", tanggal.isoformat())

    assert keluaran[1] == (
        f"Evaluasi pasca-pelatihan (level 3): {dibuka} formulir dibuka, 0 tanpa pengisi berakun."
    )
    assert FormulirEvaluasi.objects.filter(jenis__startswith="perilaku").count() == dibuka


def test_the_level_1_period_follows_the_given_date(db):
    kegiatan = kegiatan_lama(datetime.date(2026, 3, 2))
    peserta(kegiatan)

    assert buka_evaluasi("--tanggal", "2026-03-17")[0].startswith(
        "Umpan balik peserta (level 1): 0 formulir dibuka"
    )
    assert buka_evaluasi("--tanggal", "2026-03-16")[0].startswith(
        "Umpan balik peserta (level 1): 1 formulir dibuka"
    )
    assert FormulirEvaluasi.objects.get().batas == datetime.date(2026, 3, 16)


def test_a_date_it_cannot_read_is_refused_in_indonesian(db):
    with pytest.raises(CommandError, match="Tanggal “kemarin” tidak dikenal"):
        buka_evaluasi("--tanggal", "kemarin")
