"""pelatihan.demo_perencanaan: the AKPK needs of the plan year in every status, the plan built from
them costing more than the year's APBK, the reference year's budgets by source with allocations
to the demo events and realisation through the year, and partner proposals. The acceptance walk
starts here: ten verified needs wait for Admin BKPSDM to consolidate them."""

from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.models import ProtectedError, Sum
from django.test.utils import CaptureQueriesContext

from pegawai import demo as pegawai_demo
from pegawai import demo_kompetensi as kompetensi_demo
from pegawai.models import DataDemo, Notifikasi, Pegawai, Pengguna
from pelatihan import akpk
from pelatihan import demo as pelatihan_demo
from pelatihan import demo_perencanaan as demo
from pelatihan.anggaran import alokasi_with_realisasi, anggaran_with_jumlah
from pelatihan.models import (
    AlokasiAnggaran,
    Anggaran,
    JenisPengembangan,
    KebutuhanPengembangan,
    KegiatanPelatihan,
    ProgramPelatihan,
    RealisasiAnggaran,
    RencanaKursiOPD,
    RencanaPengembangan,
    RincianBiayaRencana,
    SumberDana,
    UsulanPendanaan,
)

pytestmark = pytest.mark.django_db

HARI_INI = pegawai_demo.TANGGAL_ACUAN
TAHUN = HARI_INI.year
TAHUN_RENCANA = TAHUN + 1
K = KebutuhanPengembangan.Status


def bangun(pegawai=150, seed=2026) -> demo.HasilPerencanaanDemo:
    """As seed_demo does it: higher layers deleted first, then people, competencies, ledger,
    events, and the plan with its budgets."""
    if DataDemo.objects.exists():
        demo.perencanaan_demo_delete()
        pelatihan_demo.kegiatan_demo_delete()
        pelatihan_demo.demo_delete()
        kompetensi_demo.kompetensi_demo_delete()
    pegawai_demo.demo_build(jumlah_pegawai=pegawai, seed=seed)
    kompetensi_demo.kompetensi_demo_build(seed=seed)
    pelatihan_demo.demo_build(seed=seed)
    pelatihan_demo.kegiatan_demo_build(seed=seed)
    return demo.perencanaan_demo_build(seed=seed)


def admin():
    return Pengguna.objects.get(username=pegawai_demo.ADMIN_BKPSDM)


def snapshot():
    return {
        "kebutuhan": sorted(
            KebutuhanPengembangan.objects.values_list(
                "tahun",
                "perangkat_daerah__kode",
                "pegawai__nip",
                "kompetensi__kode",
                "jenis__kode",
                "program__kode",
                "uraian",
                "jumlah_peserta",
                "asal",
                "status",
                "alasan_penolakan",
                "rencana__nama",
                "diusulkan_oleh__username",
                "dibuat_pada",
                "diverifikasi_pada",
            ),
            key=repr,
        ),
        "rencana": sorted(
            RencanaPengembangan.objects.values_list(
                "tahun", "nama", "jp", "bulan_rencana", "sumber_dana", "kegiatan__angkatan"
            ),
            key=repr,
        ),
        "kursi": sorted(
            RencanaKursiOPD.objects.values_list(
                "rencana__tahun", "rencana__nama", "perangkat_daerah__kode", "kursi"
            )
        ),
        "rincian": sorted(
            RincianBiayaRencana.objects.values_list(
                "rencana__tahun", "rencana__nama", "kategori", "kode_rekening", "uraian", "jumlah"
            )
        ),
        "anggaran": sorted(
            Anggaran.objects.values_list("tahun", "sumber_dana", "uraian", "pagu", "dibuat_pada")
        ),
        "alokasi": sorted(
            AlokasiAnggaran.objects.values_list(
                "anggaran__uraian", "rencana__nama", "kegiatan__angkatan", "jumlah", "dibuat_pada"
            ),
            key=repr,
        ),
        "realisasi": sorted(
            RealisasiAnggaran.objects.values_list(
                "alokasi__rencana__nama", "tanggal", "jumlah", "uraian", "nomor_bukti"
            )
        ),
        "usulan": sorted(
            UsulanPendanaan.objects.values_list(
                "mitra", "tahun", "status", "jumlah", "anggaran__uraian", "diajukan_pada"
            ),
            key=repr,
        ),
        "notifikasi": sorted(
            Notifikasi.objects.filter(kunci__startswith="kebutuhan:").values_list(
                "penerima__username", "judul", "pesan", "dibuat_pada", "dibaca_pada"
            ),
            key=repr,
        ),
    }


# --- needs ---------------------------------------------------------------------------------------


def test_needs_of_the_plan_year_come_in_every_status_from_many_opds_and_proposers():
    hasil = bangun()
    kebutuhan = KebutuhanPengembangan.objects.filter(tahun=TAHUN_RENCANA).select_related(
        "pegawai", "kompetensi", "diusulkan_oleh", "perangkat_daerah"
    )
    assert hasil.jumlah_kebutuhan == kebutuhan.count() == KebutuhanPengembangan.objects.count()
    assert 35 <= kebutuhan.count() <= 45
    status = Counter(k.status for k in kebutuhan)
    assert set(status) == set(K.values) and min(status.values()) >= 5
    assert all(k.alasan_penolakan for k in kebutuhan if k.status == K.DITOLAK)
    assert all(not k.alasan_penolakan for k in kebutuhan if k.status != K.DITOLAK)
    assert len({k.perangkat_daerah_id for k in kebutuhan}) >= 10
    pengusul = {k.diusulkan_oleh.username for k in kebutuhan}
    assert {pegawai_demo.ASN_DINKES, pegawai_demo.OPERATOR_DINKES} <= pengusul
    assert pegawai_demo.KADIS_DISDIKBUD in pengusul
    # ASN who propose for themselves, beside the named logins.
    assert any(k.pegawai and k.pegawai.user_id == k.diusulkan_oleh_id for k in kebutuhan)
    # Decided by Admin BKPSDM after they were proposed; waiting ones undecided.
    for k in kebutuhan:
        if k.status == K.DIUSULKAN:
            assert k.diverifikasi_oleh_id is None and k.diverifikasi_pada is None
        else:
            assert k.diverifikasi_oleh.username == pegawai_demo.ADMIN_BKPSDM
            assert k.dibuat_pada < k.diverifikasi_pada
            assert k.diverifikasi_pada.date() < HARI_INI


def test_a_need_is_from_a_gap_exactly_when_its_pegawai_lacks_that_competency():
    bangun()
    kebutuhan = list(
        KebutuhanPengembangan.objects.select_related("pegawai", "kompetensi", "perangkat_daerah")
    )
    asal = Counter(k.asal for k in kebutuhan)
    assert asal["kesenjangan"] >= 8 and asal["usulan"] >= 15
    for k in kebutuhan:
        if k.pegawai is not None:
            assert k.jumlah_peserta == 1
            assert k.pegawai.aktif and k.pegawai.perangkat_daerah_id == k.perangkat_daerah_id
        celah = {
            c.kompetensi.kode: c
            for c in (
                akpk.kesenjangan_pegawai(pegawai=k.pegawai, tahun=k.tahun) if k.pegawai else []
            )
        }
        ada = (
            k.kompetensi is not None and k.kompetensi.kode in celah and celah[k.kompetensi.kode].ada
        )
        assert (k.asal == "kesenjangan") == ada, k.uraian
        if ada:
            c = celah[k.kompetensi.kode]
            assert f"standar jabatan level {c.level_standar}" in k.uraian
            assert f"level {c.level_asesmen}" in k.uraian


def test_asn_dinkes_proposed_a_need_from_a_gap_that_waits_for_the_plan():
    bangun()
    asn = Pegawai.objects.get(user__username=pegawai_demo.ASN_DINKES)
    (kebutuhan,) = KebutuhanPengembangan.objects.filter(diusulkan_oleh=asn.user)
    assert kebutuhan.pegawai == asn
    assert kebutuhan.status == K.DIVERIFIKASI and kebutuhan.rencana is None
    assert kebutuhan.asal == "kesenjangan" and kebutuhan.kompetensi.kode in (
        kompetensi_demo.ASN_DINKES_KURANG
    )
    # Verified recently: the notice in asn.dinkes's inbox is still unread.
    notifikasi = Notifikasi.objects.get(
        penerima=asn.user, kunci=f"kebutuhan:{kebutuhan.pk}:verifikasi"
    )
    assert notifikasi.dibaca_pada is None
    assert notifikasi.dibuat_pada == kebutuhan.diverifikasi_pada


def test_decisions_reach_the_proposers_inbox():
    bangun()
    operator = Pengguna.objects.get(username=pegawai_demo.OPERATOR_DINKES)
    ditolak = KebutuhanPengembangan.objects.filter(status=K.DITOLAK, diusulkan_oleh=operator)
    assert ditolak.exists()
    for k in ditolak:
        n = Notifikasi.objects.get(penerima=operator, kunci=f"kebutuhan:{k.pk}:penolakan")
        assert k.alasan_penolakan in n.pesan
    diputuskan = KebutuhanPengembangan.objects.exclude(status=K.DIUSULKAN)
    kunci = set(
        Notifikasi.objects.filter(kunci__startswith="kebutuhan:").values_list(
            "penerima_id", "kunci"
        )
    )
    for k in diputuskan:
        kejadian = "verifikasi" if k.status == K.DIVERIFIKASI else "penolakan"
        assert (k.diusulkan_oleh_id, f"kebutuhan:{k.pk}:{kejadian}") in kunci
    menunggu = KebutuhanPengembangan.objects.filter(status=K.DIUSULKAN)
    assert not any(k.endswith(f":{m.pk}:verifikasi") for _p, k in kunci for m in menunggu)
    # Old decisions were read, recent ones wait.
    dibaca = Notifikasi.objects.filter(kunci__startswith="kebutuhan:")
    assert dibaca.filter(dibaca_pada__isnull=True).exists()
    assert dibaca.filter(dibaca_pada__isnull=False).exists()


# --- the walk: verified needs become a plan line -------------------------------------------------


def test_ten_verified_needs_wait_and_admin_bkpsdm_can_consolidate_them():
    hasil = bangun()
    belum = list(akpk.kebutuhan_belum_tercakup(tahun=TAHUN_RENCANA))
    assert len(belum) == hasil.kebutuhan_belum_tercakup == 10
    assert len({k.perangkat_daerah_id for k in belum}) >= 5
    # Similar needs side by side, ready to be ticked together.
    per_kompetensi = Counter(k.kompetensi.kode for k in belum if k.kompetensi)
    assert max(per_kompetensi.values()) >= 3
    kode, _n = per_kompetensi.most_common(1)[0]
    dipilih = [k for k in belum if k.kompetensi and k.kompetensi.kode == kode]
    rencana = akpk.rencana_create_from_kebutuhan(
        kebutuhan_ids=[k.pk for k in dipilih],
        oleh=admin(),
        nama="Pelatihan Transformasi Digital dan Keamanan Informasi Angkatan 3",
        jenis=JenisPengembangan.objects.get(kode="KL03"),
        jp=20,
        sumber_dana=SumberDana.APBK,
        program=ProgramPelatihan.objects.get(kode="LKS-DIGI"),
        bulan_rencana=11,
    )
    kursi = defaultdict(int)
    for k in dipilih:
        kursi[k.perangkat_daerah_id] += k.jumlah_peserta
    assert dict(rencana.kursi_opd.values_list("perangkat_daerah_id", "kursi")) == kursi
    assert akpk.kebutuhan_belum_tercakup(tahun=TAHUN_RENCANA).count() == 10 - len(dipilih)


# --- the plan ------------------------------------------------------------------------------------


def test_the_plan_year_costs_more_than_its_apbk_budget_so_the_optimiser_must_choose():
    hasil = bangun()
    tahun = akpk.rencana_tahun(tahun=TAHUN_RENCANA, user=admin())
    assert len(tahun.baris) == hasil.baris_rencana == 12
    assert tahun.total_biaya == hasil.biaya_rencana
    pagu = Anggaran.objects.filter(tahun=TAHUN_RENCANA).aggregate(s=Sum("pagu"))["s"]
    apbk = Anggaran.objects.filter(tahun=TAHUN_RENCANA, sumber_dana=SumberDana.APBK)
    pagu_apbk = apbk.aggregate(s=Sum("pagu"))["s"]
    assert hasil.pagu_apbk_rencana == pagu_apbk
    assert tahun.total_biaya > pagu > pagu_apbk
    per_sumber = {s.sumber_dana: s.biaya for s in tahun.per_sumber}
    assert per_sumber[SumberDana.APBK] > pagu_apbk
    # Every line has seats, cost lines by category and, on the regional budget, account codes.
    for b in tahun.baris:
        assert b.total_kursi > 0 and b.total_biaya > 0, b.rencana.nama
        if b.rencana.sumber_dana in (SumberDana.APBK, SumberDana.APBA):
            assert b.kode_rekening and all(k.startswith("5.1.02.") for k in b.kode_rekening)
    assert all(tahun.per_kategori[k] > 0 for k in akpk.KATEGORI)
    kode = {k for b in tahun.baris for k in b.kode_rekening}
    assert {"5.1.02.02.12.0001", "5.1.02.02.01.0003", "5.1.02.04.01.0001"} <= kode
    # The year's budget is not allocated yet: the optimiser decides.
    assert not AlokasiAnggaran.objects.filter(anggaran__tahun=TAHUN_RENCANA).exists()


def test_lines_built_from_needs_seat_exactly_their_participants():
    bangun()
    digabung = RencanaPengembangan.objects.filter(kebutuhan__isnull=False).distinct()
    assert digabung.count() >= 3
    for r in digabung:
        kursi = defaultdict(int)
        for opd, n in r.kebutuhan.values_list("perangkat_daerah_id", "jumlah_peserta"):
            kursi[opd] += n
        assert dict(r.kursi_opd.values_list("perangkat_daerah_id", "kursi")) == kursi
        assert r.tahun == TAHUN_RENCANA
        assert set(r.kebutuhan.values_list("status", flat=True)) == {K.DIVERIFIKASI}
        komp = set(r.kebutuhan.exclude(kompetensi=None).values_list("kompetensi", flat=True))
        assert komp <= set(r.kompetensi.values_list("pk", flat=True))


def test_every_demo_event_has_its_plan_line_in_its_year():
    bangun()
    kegiatan = KegiatanPelatihan.objects.select_related("rencana", "program")
    assert kegiatan.count() >= 10
    for k in kegiatan:
        r = k.rencana
        assert r.tahun == k.tanggal_mulai.year and r.program == k.program
        assert r.bulan_rencana == k.tanggal_mulai.month
    keu = KegiatanPelatihan.objects.get(program__kode="LKS-KEU", angkatan=1)
    assert keu.rencana.sumber_dana == SumberDana.CSR


# --- budgets -------------------------------------------------------------------------------------


def test_the_reference_year_has_budgets_of_every_kind_and_allocations_never_pass_the_pagu():
    hasil = bangun()
    tahun = Anggaran.objects.filter(tahun=TAHUN)
    assert {a.sumber_dana for a in tahun} >= {
        SumberDana.APBK,
        SumberDana.APBA,
        SumberDana.CSR,
        SumberDana.HIBAH,
        SumberDana.MANDIRI,
    }
    terpusat = tahun.filter(sumber_dana=SumberDana.APBK, perangkat_daerah=None)
    assert terpusat.aggregate(s=Sum("pagu"))["s"] == Decimal("1200000000")
    assert tahun.filter(perangkat_daerah__singkatan="DINKES").exists()
    assert hasil.jumlah_anggaran == tahun.count()
    assert hasil.pagu == tahun.aggregate(s=Sum("pagu"))["s"]
    for a in anggaran_with_jumlah():
        assert a.dialokasikan <= a.pagu, a.uraian
        assert a.realisasi <= a.dialokasikan, a.uraian
    for a in alokasi_with_realisasi():
        assert a.jumlah_realisasi <= a.jumlah, a.uraian
    assert hasil.dialokasikan == AlokasiAnggaran.objects.aggregate(s=Sum("jumlah"))["s"]
    assert hasil.realisasi == RealisasiAnggaran.objects.aggregate(s=Sum("jumlah"))["s"]
    # A realistic absorption by late November.
    assert 55 <= hasil.persen_realisasi <= 90


def test_realisation_is_spread_over_the_year_up_to_the_reference_day():
    bangun()
    tanggal = list(RealisasiAnggaran.objects.values_list("tanggal", flat=True))
    assert all(t.year == TAHUN and t <= HARI_INI for t in tanggal)
    assert len({t.month for t in tanggal}) >= 9
    assert all(r.nomor_bukti for r in RealisasiAnggaran.objects.all())


def test_finished_events_are_paid_the_cancelled_one_is_not_and_csr_funds_lks_keu():
    bangun()
    alokasi = alokasi_with_realisasi(AlokasiAnggaran.objects.select_related("anggaran"))
    per_kegiatan = {a.kegiatan_id: a for a in alokasi if a.kegiatan_id}
    for k in KegiatanPelatihan.objects.filter(tanggal_selesai__year=TAHUN):
        if k.status == KegiatanPelatihan.Status.SELESAI:
            assert per_kegiatan[k.pk].jumlah_realisasi > 0, k
        elif k.status == KegiatanPelatihan.Status.DIBATALKAN:
            assert k.pk not in per_kegiatan
        else:
            assert k.pk in per_kegiatan
    keu = KegiatanPelatihan.objects.get(program__kode="LKS-KEU", angkatan=1)
    csr = per_kegiatan[keu.pk].anggaran
    assert csr.sumber_dana == SumberDana.CSR
    usulan = csr.usulan_pendanaan
    assert usulan.status == UsulanPendanaan.Status.DISETUJUI and usulan.jumlah == csr.pagu
    assert "Bank Aceh Syariah" in usulan.mitra


def test_partner_proposals_in_every_status_one_committed_as_a_budget():
    hasil = bangun()
    usulan = UsulanPendanaan.objects.all()
    assert hasil.jumlah_usulan == usulan.count()
    assert set(usulan.values_list("status", flat=True)) == set(UsulanPendanaan.Status.values)
    (jadi,) = usulan.exclude(anggaran=None)
    assert jadi.status == UsulanPendanaan.Status.DISETUJUI and jadi.tahun == TAHUN
    assert all(u.diajukan_pada for u in usulan.exclude(status=UsulanPendanaan.Status.DISIAPKAN))


# --- rebuild, speed, deletion --------------------------------------------------------------------


def test_a_rebuild_gives_the_same_data():
    bangun()
    sebelum = snapshot()
    bangun()
    assert snapshot() == sebelum


def test_the_query_count_does_not_grow_with_the_number_of_pegawai():
    def jumlah_query(pegawai: int) -> int:
        if DataDemo.objects.exists():
            demo.perencanaan_demo_delete()
            pelatihan_demo.kegiatan_demo_delete()
            pelatihan_demo.demo_delete()
            kompetensi_demo.kompetensi_demo_delete()
        pegawai_demo.demo_build(jumlah_pegawai=pegawai)
        kompetensi_demo.kompetensi_demo_build()
        pelatihan_demo.demo_build()
        pelatihan_demo.kegiatan_demo_build()
        with CaptureQueriesContext(connection) as q:
            demo.perencanaan_demo_build()
        return len(q)

    assert jumlah_query(300) == jumlah_query(100)


def test_plan_and_budgets_are_deleted_before_the_events_they_hold():
    bangun()
    # Allocations hold the events (PROTECT): the events cannot go first.
    with pytest.raises(ProtectedError), transaction.atomic():
        pelatihan_demo.kegiatan_demo_delete()
    demo.perencanaan_demo_delete()
    pelatihan_demo.kegiatan_demo_delete()
    for model in (
        KebutuhanPengembangan,
        RencanaPengembangan,
        RencanaKursiOPD,
        RincianBiayaRencana,
        Anggaran,
        AlokasiAnggaran,
        RealisasiAnggaran,
        UsulanPendanaan,
    ):
        assert not model.objects.exists(), model
    assert not Notifikasi.objects.filter(kunci__startswith="kebutuhan:").exists()


def test_delete_refuses_a_database_without_the_demo_marker():
    with pytest.raises(pegawai_demo.DataBukanDemo):
        demo.perencanaan_demo_delete()
