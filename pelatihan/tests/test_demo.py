"""pelatihan.demo: the JP history of the demo city — deterministic, valid row by row, with claims
in every state for asn.dinkes and a verification queue, and compliance that rises over the years
and differs between OPDs."""

from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pegawai import demo as pegawai_demo
from pegawai.models import DataDemo, JenisPegawai, Notifikasi, Pegawai, PerangkatDaerah
from pegawai.nip import parse_nip
from pelatihan import demo
from pelatihan.models import RiwayatPengembangan, kunci_nama
from pelatihan.selectors import rekap_jp_per_opd, rekap_jp_total, transkrip_jp
from pelatihan.tests.factories import RiwayatPengembanganFactory

pytestmark = pytest.mark.django_db

Status = RiwayatPengembangan.Status
Sumber = RiwayatPengembangan.Sumber
HARI_INI = min(pegawai_demo.TANGGAL_ACUAN, timezone.localdate())
TAHUN = range(2023, HARI_INI.year + 1)
# JP per jenis as the catalogue's categories allow them (pelatihan 24–80, bimtek 8–32, …).
RENTANG_JP = {
    "KL01": (24, 80),
    "KL02": (24, 80),
    "KL03": (24, 80),
    "KL04": (24, 80),
    "KL05": (24, 80),
    "KL06": (2, 8),
    "KL07": (8, 24),
    "KL10": (8, 32),
    "KL11": (2, 8),
    "NKL01": (2, 8),
    "NKL02": (4, 12),
    "NKL03": (4, 20),
    "NKL04": (24, 40),
    "NKL07": (8, 16),
    "NKL10": (4, 16),
}


def bangun(pegawai=150, seed=2026) -> demo.HasilRiwayatDemo:
    """The people, then their JP history; an earlier demo is replaced as seed_demo replaces it."""
    if DataDemo.objects.exists():
        demo.demo_delete()
    pegawai_demo.demo_build(jumlah_pegawai=pegawai, seed=seed)
    return demo.demo_build(seed=seed)


def snapshot():
    return sorted(
        RiwayatPengembangan.objects.values_list(
            "pegawai__nip",
            "nama_pelatihan",
            "jenis__kode",
            "penyelenggara",
            "tanggal_mulai",
            "tanggal_selesai",
            "jp",
            "jp_diajukan",
            "nomor_sertifikat",
            "tanggal_sertifikat",
            "sumber",
            "status",
            "alasan_penolakan",
            "diverifikasi_oleh__username",
            "diverifikasi_pada",
            "dibuat_pada",
        ),
        key=repr,
    )


def kepatuhan(tahun, qs=None) -> float:
    total = rekap_jp_total(rekap_jp_per_opd(qs or Pegawai.objects.all(), tahun=tahun))
    return total["memenuhi_target"] / total["jumlah_asn"]


# --- determinism and rebuild ------------------------------------------------------------------


def test_the_same_seed_gives_the_same_ledger_and_another_seed_another():
    hasil = bangun(seed=7)
    pertama = snapshot()
    assert len(pertama) == hasil.jumlah_baris > 500
    assert bangun(seed=7) == hasil
    assert snapshot() == pertama
    bangun(seed=8)
    lain = snapshot()
    assert {r[:2] for r in lain} != {r[:2] for r in pertama}


def test_a_rebuild_replaces_the_ledger_without_duplicates():
    bangun()
    sebelum = RiwayatPengembangan.objects.count()
    hasil = bangun(pegawai=120)
    assert RiwayatPengembangan.objects.count() == hasil.jumlah_baris != sebelum
    pegawai = set(Pegawai.objects.values_list("pk", flat=True))
    assert set(RiwayatPengembangan.objects.values_list("pegawai_id", flat=True)) <= pegawai
    kunci = Counter(
        RiwayatPengembangan.objects.exclude(status=Status.DITOLAK).values_list(
            "pegawai_id", "nama_kunci", "tanggal_mulai", "tanggal_selesai"
        )
    )
    assert kunci.most_common(1)[0][1] == 1


def test_the_delete_refuses_a_database_without_the_demo_marker_and_changes_nothing():
    riwayat = RiwayatPengembanganFactory()
    with pytest.raises(demo.DataBukanDemo):
        demo.demo_delete()
    assert list(RiwayatPengembangan.objects.values_list("pk", flat=True)) == [riwayat.pk]


def test_the_delete_removes_uploaded_certificates_after_commit(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    bangun()
    asn = Pegawai.objects.get(user__username="asn.dinkes")
    klaim = RiwayatPengembanganFactory(pegawai=asn, klaim=True, nama_pelatihan="Kursus Daring")
    berkas = tmp_path / klaim.berkas_sertifikat.name
    assert berkas.exists()
    with django_capture_on_commit_callbacks(execute=True):
        jumlah = demo.demo_delete()
    assert jumlah > 1 and not RiwayatPengembangan.objects.exists()
    assert not berkas.exists()


def test_the_query_count_does_not_grow_with_the_number_of_pegawai():
    # Rows are written with one COPY; the reads are one query each whatever the city's size.
    pegawai_demo.demo_build(jumlah_pegawai=100)
    with CaptureQueriesContext(connection) as kecil:
        sedikit = demo.demo_build().jumlah_baris
    demo.demo_delete()
    pegawai_demo.demo_build(jumlah_pegawai=400)
    with CaptureQueriesContext(connection) as besar:
        banyak = demo.demo_build().jumlah_baris
    assert banyak > 3 * sedikit
    assert len(besar) == len(kecil)


# --- every row --------------------------------------------------------------------------------


def test_every_row_is_valid():
    bangun(pegawai=300)
    admin = Pegawai.objects.get(user__username="admin.bkpsdm").user_id
    sekarang = timezone.now()
    rows = list(RiwayatPengembangan.objects.select_related("jenis", "pegawai"))
    for r in rows:
        assert date(2023, 1, 1) <= r.tanggal_mulai <= r.tanggal_selesai <= HARI_INI, r.pk
        assert r.tanggal_selesai.year in TAHUN
        assert r.nama_kunci == kunci_nama(r.nama_pelatihan)
        lo, hi = RENTANG_JP[r.jenis.kode]
        assert lo <= r.jp <= hi, (r.nama_pelatihan, r.jp)
        assert r.penyelenggara and not r.berkas_sertifikat
        if r.nomor_sertifikat:
            assert r.tanggal_mulai <= r.tanggal_sertifikat <= HARI_INI
        else:
            assert r.tanggal_sertifikat is None
        assert r.dibuat_pada <= sekarang
        assert r.dibuat_pada.date() > r.tanggal_selesai or r.dibuat_pada.year == 2026
        if r.sumber == Sumber.IMPOR:
            assert r.status == Status.TERVERIFIKASI and r.diverifikasi_oleh_id is None
            assert r.diverifikasi_pada == r.dibuat_pada
        else:
            assert r.sumber == Sumber.KLAIM and r.tanggal_selesai.year == HARI_INI.year
        if r.status == Status.MENUNGGU:
            assert r.diverifikasi_oleh_id is None and r.diverifikasi_pada is None
        if r.sumber == Sumber.KLAIM and r.status != Status.MENUNGGU:
            assert r.diverifikasi_oleh_id == admin
            assert r.dibuat_pada < r.diverifikasi_pada <= sekarang
        assert bool(r.alasan_penolakan) == (r.status == Status.DITOLAK)
        assert r.jp_diajukan is None or (r.jp_diajukan > r.jp and r.jenis.kode.startswith("NKL"))
    # The model's own validation (constraints included) on a sample.
    for r in rows[:: max(1, len(rows) // 60)]:
        r.full_clean()
    # Certificate numbers are unique within an organiser's year.
    nomor = Counter(r.nomor_sertifikat for r in rows if r.nomor_sertifikat)
    assert nomor and nomor.most_common(1)[0][1] == 1
    assert any(r.nomor_sertifikat.startswith("800/") for r in rows)
    assert {r.sumber for r in rows} == {Sumber.IMPOR, Sumber.KLAIM}
    assert Counter(r.sumber for r in rows)[Sumber.IMPOR] > 0.8 * len(rows)


def test_history_starts_with_service():
    bangun(pegawai=1000)
    per_pegawai = defaultdict(list)
    for nip, jenis, selesai, nama in RiwayatPengembangan.objects.values_list(
        "pegawai__nip", "pegawai__jenis_pegawai", "tanggal_selesai", "nama_pelatihan"
    ):
        per_pegawai[(nip, jenis)].append((selesai, nama))
    latsar = 0
    for (nip, jenis), rows in per_pegawai.items():
        n = parse_nip(nip, jenis)
        if jenis == JenisPegawai.PPPK:
            assert min(s for s, _ in rows).year > n.tahun_pengangkatan, nip
            continue
        assert min(s for s, _ in rows) > n.tmt_cpns, nip
        nama = {nama: s for s, nama in rows}
        latsar_ini = [k for k in nama if k.startswith("Pelatihan Dasar CPNS")]
        latsar += bool(latsar_ini)
        if "MOOC Pelatihan Dasar CPNS" in nama:
            assert latsar_ini and nama["MOOC Pelatihan Dasar CPNS"] < nama[latsar_ini[0]]
    assert latsar >= 10
    # The CPNS of the first months of 2025 have had their Latsar.
    cpns_lama = [
        p
        for p in Pegawai.objects.filter(jenis_pegawai=JenisPegawai.CPNS)
        if parse_nip(p.nip, p.jenis_pegawai).tmt_cpns <= date(2025, 6, 1)
    ]
    assert cpns_lama
    for p in cpns_lama:
        assert any(k.startswith("Pelatihan Dasar CPNS") for _, k in per_pegawai[(p.nip, "CPNS")])


# --- claims -----------------------------------------------------------------------------------


def test_asn_dinkes_has_a_claim_in_every_state_and_is_told_about_the_decisions():
    bangun()
    asn = Pegawai.objects.get(user__username="asn.dinkes")
    klaim = {
        r.status: r for r in RiwayatPengembangan.objects.filter(pegawai=asn, sumber=Sumber.KLAIM)
    }
    assert set(klaim) == {Status.MENUNGGU, Status.TERVERIFIKASI, Status.DITOLAK}
    assert klaim[Status.TERVERIFIKASI].diverifikasi_oleh.username == "admin.bkpsdm"
    assert klaim[Status.DITOLAK].diverifikasi_oleh.username == "admin.bkpsdm"
    assert "bukan kegiatan pengembangan kompetensi" in klaim[Status.DITOLAK].alasan_penolakan
    # Decided recently, so that the inbox is fresh; the waiting one was sent in the last weeks.
    for status in (Status.TERVERIFIKASI, Status.DITOLAK):
        assert klaim[status].diverifikasi_pada.date() >= HARI_INI - timedelta(days=7)
    assert klaim[Status.MENUNGGU].dibuat_pada.date() >= HARI_INI - timedelta(days=35)
    # This year's JP falls short of 20 until the waiting claim is verified.
    terverifikasi = sum(
        RiwayatPengembangan.objects.terverifikasi()
        .tahun(HARI_INI.year)
        .filter(pegawai=asn)
        .values_list("jp", flat=True)
    )
    assert terverifikasi < 20 <= terverifikasi + klaim[Status.MENUNGGU].jp
    judul = sorted(Notifikasi.objects.filter(penerima=asn.user).values_list("judul", "kunci"))
    assert judul == [
        ("Klaim JP ditolak", f"klaim:{klaim[Status.DITOLAK].pk}:penolakan"),
        ("Klaim JP diverifikasi", f"klaim:{klaim[Status.TERVERIFIKASI].pk}:verifikasi"),
    ]


def test_asn_dinkes_transcript_shows_every_year():
    bangun()
    asn = Pegawai.objects.get(user__username="asn.dinkes")
    transkrip = transkrip_jp(asn, tahun_ini=HARI_INI.year, dengan_belum_dihitung=True)
    per_tahun = {t.tahun: t for t in transkrip}
    assert list(per_tahun) == sorted(TAHUN, reverse=True)
    assert per_tahun[2024].memenuhi_target and per_tahun[2025].memenuhi_target
    assert not per_tahun[2023].memenuhi_target
    ini = per_tahun[HARI_INI.year]
    assert not ini.memenuhi_target and ini.riwayat
    assert {r.status for r in ini.belum_dihitung} == {Status.MENUNGGU, Status.DITOLAK}


def test_the_verification_queue_has_claims_from_several_opds():
    bangun(pegawai=300)
    menunggu = list(
        RiwayatPengembangan.objects.filter(status=Status.MENUNGGU).select_related(
            "pegawai__user", "jenis"
        )
    )
    assert len(menunggu) == demo.JUMLAH_KLAIM_MENUNGGU + 1
    assert len({r.pegawai.perangkat_daerah_id for r in menunggu}) >= 8
    for r in menunggu:
        assert r.sumber == Sumber.KLAIM and r.pegawai.aktif
        assert r.pegawai.user.username != "admin.bkpsdm"  # the verifier has work, not own claims
        assert HARI_INI - timedelta(days=60) <= r.dibuat_pada.date() < HARI_INI
    ditolak = RiwayatPengembangan.objects.filter(status=Status.DITOLAK)
    assert ditolak.count() == demo.JUMLAH_KLAIM_DITOLAK + 1
    terverifikasi = RiwayatPengembangan.objects.filter(
        sumber=Sumber.KLAIM, status=Status.TERVERIFIKASI
    )
    assert terverifikasi.count() > 10
    assert terverifikasi.filter(jp_diajukan__isnull=False).exists()


# --- what the report shows --------------------------------------------------------------------


def test_compliance_rises_over_the_years_and_differs_between_opds():
    bangun(pegawai=1000)
    kota = {tahun: kepatuhan(tahun) for tahun in TAHUN}
    for tahun, target in demo.TARGET_KEPATUHAN.items():
        assert target - 0.06 <= kota[tahun] <= target + 0.06, (tahun, kota[tahun])
    assert kota[2023] < kota[2024] < kota[2025]
    assert kota[2026] < kota[2025]

    dinkes = Pegawai.objects.filter(perangkat_daerah__singkatan="DINKES")
    disdikbud = Pegawai.objects.filter(perangkat_daerah__singkatan="DISDIKBUD")
    kecamatan = Pegawai.objects.filter(perangkat_daerah__jenis=PerangkatDaerah.Jenis.KECAMATAN)
    pppk = Pegawai.objects.filter(jenis_pegawai=JenisPegawai.PPPK)
    pns = Pegawai.objects.filter(jenis_pegawai=JenisPegawai.PNS)
    for tahun in TAHUN:
        assert kepatuhan(tahun, dinkes) > kota[tahun] + 0.05, tahun
        assert kepatuhan(tahun, kecamatan) < kota[tahun] - 0.1, tahun
        assert kepatuhan(tahun, pppk) < kepatuhan(tahun, pns), tahun
    for tahun in (2024, 2025):
        assert kepatuhan(tahun, disdikbud) > kota[tahun], tahun
    # Some OPDs reach most of their staff, some few: the table is worth sorting.
    persen = [b["persen_memenuhi"] for b in rekap_jp_per_opd(Pegawai.objects.all(), tahun=2025)]
    assert max(persen) >= 75 and min(persen) <= 25


def test_teachers_learn_mostly_online_and_in_curriculum_trainings():
    bangun(pegawai=1000)
    guru = RiwayatPengembangan.objects.filter(pegawai__jabatan__nama="Guru")
    jenis = Counter(guru.values_list("jenis__kode", flat=True))
    assert jenis.most_common(1)[0][0] == "NKL03"
    kurikulum = guru.filter(jenis__kode="KL03").values_list("nama_pelatihan", flat=True)
    daring = jenis["NKL03"] + jenis["NKL10"]
    assert (daring + len(kurikulum)) / sum(jenis.values()) >= 0.55
    assert {
        "Pelatihan Kurikulum Merdeka bagi Guru",
        "Pelatihan Pembelajaran Mendalam bagi Guru",
    } <= (set(kurikulum))
    # Organisers follow the ministry's name of the year.
    penyelenggara = dict(
        guru.filter(nama_pelatihan__startswith="Pelatihan Mandiri").values_list(
            "nama_pelatihan", "penyelenggara"
        )
    )
    assert penyelenggara["Pelatihan Mandiri Platform Merdeka Mengajar: Kurikulum Merdeka"] == (
        "Kemendikbudristek"
    )
    assert penyelenggara["Pelatihan Mandiri Ruang GTK: Pembelajaran Mendalam"] == "Kemendikdasmen"


def test_pppk_stay_within_their_yearly_maximum_and_classical_trainings_run_in_cohorts():
    bangun(pegawai=1000)
    pppk = defaultdict(int)
    for pk, tahun, jp in (
        RiwayatPengembangan.objects.terverifikasi()
        .filter(pegawai__jenis_pegawai=JenisPegawai.PPPK)
        .values_list("pegawai_id", "tanggal_selesai__year", "jp")
    ):
        pppk[(pk, tahun)] += jp
    assert pppk and max(pppk.values()) <= 40
    assert sum(v > 24 for v in pppk.values()) <= 0.05 * len(pppk)
    # A classical training is held in a few cohorts: many participants share their dates.
    angkatan = Counter(
        RiwayatPengembangan.objects.filter(nama_pelatihan="Pelatihan Pelayanan Prima").values_list(
            "tanggal_mulai", "tanggal_selesai", "penyelenggara"
        )
    )
    assert angkatan and max(angkatan.values()) >= 10
