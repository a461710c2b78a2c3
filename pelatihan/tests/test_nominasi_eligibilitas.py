"""Eligibility warnings and the priority score: shown to the proposer, never enforced."""

import datetime
from decimal import Decimal

import pytest

from pegawai.models import Golongan, JenisJabatan, JenisPegawai, PerangkatDaerah
from pegawai.tests.factories import JabatanFactory, PegawaiFactory
from pelatihan.eligibilitas import batas_usia_pensiun, nilai
from pelatihan.models import Nominasi
from pelatihan.services import nominasi_confirm, nominasi_propose
from pelatihan.tests.factories import RiwayatPengembanganFactory
from pelatihan.tests.factories_kegiatan import KegiatanPelatihanFactory, MataPelatihanFactory

pytestmark = pytest.mark.django_db


def kegiatan_jp(jp: int = 8, **kwargs):
    kegiatan = KegiatanPelatihanFactory(**kwargs)
    MataPelatihanFactory(program=kegiatan.program, jp=jp)
    return kegiatan


def kode(pegawai, kegiatan) -> set[str]:
    return {p.kode for p in nilai(pegawai=pegawai, kegiatan=kegiatan).peringatan}


def tahun_kegiatan(kegiatan) -> int:
    return kegiatan.tanggal_selesai.year


def test_a_plain_pegawai_gets_no_warning():
    assert kode(PegawaiFactory(), kegiatan_jp()) == set()


def test_it_warns_when_the_program_was_completed_through_the_ledger():
    lama = kegiatan_jp(status="selesai")
    pegawai = PegawaiFactory()
    RiwayatPengembanganFactory(pegawai=pegawai, kegiatan=lama, sumber="kegiatan")
    baru = KegiatanPelatihanFactory(program=lama.program)
    assert "sudah_mengikuti" in kode(pegawai, baru)


def test_an_unverified_ledger_row_of_the_program_does_not_count():
    lama = kegiatan_jp(status="selesai")
    pegawai = PegawaiFactory()
    RiwayatPengembanganFactory(pegawai=pegawai, kegiatan=lama, status="menunggu", sumber="klaim")
    baru = KegiatanPelatihanFactory(program=lama.program)
    assert "sudah_mengikuti" not in kode(pegawai, baru)


def test_it_warns_when_a_nomination_of_the_program_passed():
    lama = kegiatan_jp()
    pegawai = PegawaiFactory()
    Nominasi.objects.create(kegiatan=lama, pegawai=pegawai, jalur="usulan_opd", status="lulus")
    baru = KegiatanPelatihanFactory(program=lama.program)
    assert "sudah_mengikuti" in kode(pegawai, baru)


def test_it_warns_when_the_jp_target_is_met_that_year():
    kegiatan = kegiatan_jp()
    pegawai = PegawaiFactory()
    selesai = datetime.date(tahun_kegiatan(kegiatan), 1, 5)
    RiwayatPengembanganFactory(
        pegawai=pegawai, tanggal_mulai=selesai, tanggal_selesai=selesai, jp=19
    )
    assert "target_jp_terpenuhi" not in kode(pegawai, kegiatan)
    RiwayatPengembanganFactory(
        pegawai=pegawai, tanggal_mulai=selesai, tanggal_selesai=selesai, jp=1
    )
    assert "target_jp_terpenuhi" in kode(pegawai, kegiatan)


def test_it_warns_a_pppk_over_24_jp(settings):
    settings.JP_MAKSIMUM_PPPK = 24
    kegiatan = kegiatan_jp(jp=8)
    pppk = PegawaiFactory(jenis_pegawai=JenisPegawai.PPPK)
    selesai = datetime.date(tahun_kegiatan(kegiatan), 1, 5)
    RiwayatPengembanganFactory(pegawai=pppk, tanggal_mulai=selesai, tanggal_selesai=selesai, jp=16)
    assert "pppk_melebihi_batas" not in kode(pppk, kegiatan)  # 16 + 8 = 24
    RiwayatPengembanganFactory(pegawai=pppk, tanggal_mulai=selesai, tanggal_selesai=selesai, jp=1)
    peringatan = nilai(pegawai=pppk, kegiatan=kegiatan).peringatan
    assert any(p.kode == "pppk_melebihi_batas" and "25 JP" in p.pesan for p in peringatan)
    pns = PegawaiFactory()
    RiwayatPengembanganFactory(pegawai=pns, tanggal_mulai=selesai, tanggal_selesai=selesai, jp=17)
    assert "pppk_melebihi_batas" not in kode(pns, kegiatan)


def test_it_warns_about_overlapping_approved_events(pemeran):
    satu = kegiatan_jp()
    bentrok = kegiatan_jp(mulai=satu.tanggal_selesai)
    pegawai = pemeran.asn.pegawai
    nominasi = nominasi_propose(kegiatan=satu, pegawai=pegawai, oleh=pemeran.operator)
    assert "jadwal_bentrok" not in kode(pegawai, bentrok)  # only proposed
    nominasi = nominasi_propose(
        kegiatan=satu, pegawai=pemeran.asn_lain_satu_opd.pegawai, oleh=pemeran.kepala
    )
    assert "jadwal_bentrok" in kode(pemeran.asn_lain_satu_opd.pegawai, bentrok)
    nominasi_confirm(nominasi=nominasi, oleh=pemeran.admin)
    assert "jadwal_bentrok" in kode(pemeran.asn_lain_satu_opd.pegawai, bentrok)
    sesudahnya = kegiatan_jp(mulai=satu.tanggal_selesai + datetime.timedelta(days=1))
    assert "jadwal_bentrok" not in kode(pemeran.asn_lain_satu_opd.pegawai, sesudahnya)


def test_it_warns_about_retirement_within_the_event_year():
    kegiatan = kegiatan_jp()
    tahun = tahun_kegiatan(kegiatan)
    pelaksana = PegawaiFactory(tanggal_lahir=datetime.date(tahun - 58, 12, 31))
    assert "pensiun" in kode(pelaksana, kegiatan)
    muda = PegawaiFactory(tanggal_lahir=datetime.date(tahun - 57, 1, 1))
    assert "pensiun" not in kode(muda, kegiatan)
    jpt = PegawaiFactory(
        tanggal_lahir=datetime.date(tahun - 58, 6, 1),
        jabatan=JabatanFactory(nama="Kepala Dinas", jenis_jabatan=JenisJabatan.JPT_PRATAMA),
    )
    assert "pensiun" not in kode(jpt, kegiatan)


def test_the_retirement_age_follows_the_jabatan():
    assert batas_usia_pensiun(None) == 58
    assert batas_usia_pensiun(JabatanFactory(jenis_jabatan=JenisJabatan.PENGAWAS)) == 58
    assert batas_usia_pensiun(JabatanFactory(jenis_jabatan=JenisJabatan.JPT_MADYA)) == 60
    madya = JabatanFactory(nama="Dokter", jenis_jabatan="fungsional", jenjang="ahli_madya")
    muda = JabatanFactory(nama="Dokter", jenis_jabatan="fungsional", jenjang="ahli_muda")
    assert (batas_usia_pensiun(madya), batas_usia_pensiun(muda)) == (60, 58)


def test_it_warns_outside_the_programs_audience():
    kegiatan = kegiatan_jp()
    program = kegiatan.program
    program.sasaran_jenis_jabatan = [JenisJabatan.PENGAWAS]
    program.golongan_min = Golongan.objects.get(untuk="PNS", kode="III/c")
    program.golongan_max = Golongan.objects.get(untuk="PNS", kode="IV/a")
    program.save()
    program.sasaran_opd.set([PerangkatDaerah.objects.get(singkatan="DINKES")])
    pegawai = PegawaiFactory()  # pelaksana, III/a, another OPD
    assert {
        "di_luar_sasaran_jabatan",
        "di_luar_sasaran_golongan",
        "di_luar_sasaran_opd",
    } <= kode(pegawai, kegiatan)
    cocok = PegawaiFactory(
        perangkat_daerah=PerangkatDaerah.objects.get(singkatan="DINKES"),
        jabatan=JabatanFactory(nama="Kepala Seksi", jenis_jabatan=JenisJabatan.PENGAWAS),
        golongan=Golongan.objects.get(untuk="PNS", kode="III/d"),
    )
    assert kode(cocok, kegiatan) == set()


def test_the_score_weights_missing_jp_and_years_since_training():
    kegiatan = kegiatan_jp()
    tahun = tahun_kegiatan(kegiatan)
    baru = PegawaiFactory()
    skor = nilai(pegawai=baru, kegiatan=kegiatan).skor
    assert skor.nilai == Decimal(2 * 20 + 5 * 5)  # never trained: the cap
    assert len(skor.penjelasan) == 3
    assert "20 JP" in skor.penjelasan[0]

    lama = PegawaiFactory()
    dua_tahun_lalu = datetime.date(tahun - 2, 3, 1)
    RiwayatPengembanganFactory(
        pegawai=lama, tanggal_mulai=dua_tahun_lalu, tanggal_selesai=dua_tahun_lalu, jp=30
    )
    ini = datetime.date(tahun, 1, 2)
    RiwayatPengembanganFactory(pegawai=lama, tanggal_mulai=ini, tanggal_selesai=ini, jp=12)
    assert nilai(pegawai=lama, kegiatan=kegiatan).skor.nilai == Decimal(2 * 8 + 5 * 0)


def test_the_proposal_keeps_the_warnings_and_the_score(pemeran):
    kegiatan = kegiatan_jp()
    pegawai = pemeran.asn.pegawai
    pegawai.tanggal_lahir = datetime.date(tahun_kegiatan(kegiatan) - 58, 2, 1)
    pegawai.save()
    nominasi = nominasi_propose(kegiatan=kegiatan, pegawai=pegawai, oleh=pemeran.operator)
    nominasi.refresh_from_db()
    assert [p["kode"] for p in nominasi.peringatan] == ["pensiun"]
    assert nominasi.skor_prioritas == Decimal("65.00")
    assert len(nominasi.penjelasan_skor) == 3
