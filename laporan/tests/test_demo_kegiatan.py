"""pelatihan.demo, the catalogue and events step: partners, programs with curricula, events in
every status around the reference date, nominations in every state with real scores, attendance,
JP credited by the finished events, and on the reference date a reminder of every kind due. The
acceptance walk runs on it through the services: kadis.dinkes approves, Admin BKPSDM confirms,
then finishes the running event and the JP reaches the participant's transcript and the report."""

import io
import json
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pegawai import demo as pegawai_demo
from pegawai.models import DataDemo, Notifikasi, Pengguna
from pelatihan import demo
from pelatihan.eligibilitas import nilai
from pelatihan.models import (
    KegiatanPelatihan,
    Kehadiran,
    LembagaPelatihan,
    MataPelatihan,
    Nominasi,
    ProgramPelatihan,
    RiwayatPengembangan,
    Sertifikat,
)
from pelatihan.services import (
    hasil_save,
    kegiatan_complete,
    nominasi_approve,
    nominasi_confirm,
)

pytestmark = pytest.mark.django_db

S = KegiatanPelatihan.Status
N = Nominasi.Status
HARI_INI = pegawai_demo.TANGGAL_ACUAN


def bangun(pegawai=150, seed=2026) -> demo.HasilKegiatanDemo:
    """As seed_demo does it: higher layers deleted first, then people, ledger, events."""
    if DataDemo.objects.exists():
        demo.kegiatan_demo_delete()
        demo.demo_delete()
    pegawai_demo.demo_build(jumlah_pegawai=pegawai, seed=seed)
    demo.demo_build(seed=seed)
    return demo.kegiatan_demo_build(seed=seed)


def snapshot():
    return {
        "kegiatan": sorted(
            KegiatanPelatihan.objects.values_list(
                "program__kode", "angkatan", "status", "tanggal_mulai", "batas_nominasi", "kuota"
            )
        ),
        "nominasi": sorted(
            Nominasi.objects.values_list(
                "kegiatan__program__kode",
                "kegiatan__angkatan",
                "pegawai__nip",
                "status",
                "skor_prioritas",
                "alasan",
                "dibuat_pada",
            ),
            key=repr,
        ),
        "kehadiran": sorted(
            Kehadiran.objects.values_list("nominasi__pegawai__nip", "tanggal", "status"), key=repr
        ),
        "sertifikat": sorted(
            Sertifikat.objects.values_list("nomor", "kode", "nominasi__pegawai__nip")
        ),
        "riwayat": sorted(
            RiwayatPengembangan.objects.filter(kegiatan__isnull=False).values_list(
                "pegawai__nip", "nama_pelatihan", "jp", "nomor_sertifikat"
            )
        ),
    }


def walk_nominasi() -> Nominasi:
    return (
        Nominasi.objects.filter(
            status=N.DIUSULKAN,
            kegiatan__status=S.NOMINASI_DIBUKA,
            pegawai__perangkat_daerah__singkatan="DINKES",
            diusulkan_oleh__username=pegawai_demo.OPERATOR_DINKES,
        )
        .select_related("pegawai", "kegiatan")
        .latest("dibuat_pada")
    )


def laporan_pegawai(tahun: int) -> dict:
    out = io.StringIO()
    call_command("laporan_jp", tahun=str(tahun), per="pegawai", format="json", stdout=out)
    return {b["nip"]: b for b in json.loads(out.getvalue())}


# --- what the demo holds ----------------------------------------------------------------------


def test_events_exist_in_every_status_and_nominations_in_every_state():
    hasil = bangun()
    assert set(KegiatanPelatihan.objects.values_list("status", flat=True)) == set(S.values)
    assert set(Nominasi.objects.values_list("status", flat=True)) == set(N.values)
    assert hasil.jumlah_kegiatan == KegiatanPelatihan.objects.count()
    assert hasil.jumlah_nominasi == Nominasi.objects.count()
    # Rejections carry a reason, the waiting list an order.
    assert not Nominasi.objects.filter(status=N.DITOLAK, alasan="").exists()
    tunggu = Nominasi.objects.filter(status=N.DAFTAR_TUNGGU)
    assert sorted(tunggu.values_list("urutan_tunggu", flat=True)) == list(
        range(1, tunggu.count() + 1)
    )
    # Nothing stamped in the future of the reference day.
    batas = demo._waktu(HARI_INI, 23, 59)
    assert not Nominasi.objects.filter(dibuat_pada__gt=batas).exists()
    assert not KegiatanPelatihan.objects.filter(dibuat_pada__gt=batas).exists()


def test_the_catalogue_has_partners_with_mous_and_programs_with_curricula():
    bangun()
    lembaga = {lg.singkatan: lg for lg in LembagaPelatihan.objects.all()}
    assert {"BKPSDM", "BPSDM Aceh", "LAN RI", "Unsam"} <= set(lembaga)
    assert lembaga["BKPSDM"].jenis == LembagaPelatihan.Jenis.INTERNAL
    assert lembaga["BPSDM Aceh"].mou_berlaku_sampai > HARI_INI
    assert lembaga["Unsam"].mou_berlaku_sampai < HARI_INI
    assert LembagaPelatihan.objects.filter(akreditasi__icontains="CSR").exists()
    assert ProgramPelatihan.objects.count() >= 8
    for program in ProgramPelatihan.objects.prefetch_related("mata_pelatihan", "kompetensi"):
        mata = list(program.mata_pelatihan.all())
        assert len(mata) >= 3, program
        assert all(m.jp >= 1 and m.tujuan_pembelajaran and m.pengajar for m in mata), program
        assert any(k.kode.startswith("M.") for k in program.kompetensi.all()), program
    assert ProgramPelatihan.objects.exclude(sasaran_jenis_jabatan=[]).exists()
    assert ProgramPelatihan.objects.filter(sasaran_opd__singkatan="DINKES").exists()
    # An event with the partner whose MoU has ended shows it.
    unsam = KegiatanPelatihan.objects.filter(lembaga=lembaga["Unsam"]).select_related("lembaga")
    assert unsam and all(k.mou_kedaluwarsa for k in unsam)


def test_nominations_carry_the_scores_and_warnings_the_eligibility_rules_give():
    bangun()
    nominasi = Nominasi.objects.select_related(
        "pegawai__jabatan", "pegawai__golongan", "pegawai__perangkat_daerah", "kegiatan__program"
    )
    assert all(len(n.penjelasan_skor) == 3 for n in nominasi)
    assert nominasi.filter(skor_prioritas__gt=0).exists()
    assert nominasi.exclude(peringatan=[]).exists()
    # Recomputed now, the score of an open event's nomination is what was stored, for those the
    # demo's finished events have not credited since.
    dikreditkan = RiwayatPengembangan.objects.filter(kegiatan__isnull=False).values("pegawai")
    terbuka = nominasi.filter(kegiatan__status=S.NOMINASI_DIBUKA).exclude(pegawai__in=dikreditkan)
    assert terbuka.count() > 5
    for n in terbuka:
        penilaian = nilai(pegawai=n.pegawai, kegiatan=n.kegiatan)
        assert n.skor_prioritas == penilaian.skor.nilai
        assert n.penjelasan_skor == penilaian.skor.penjelasan
        assert {p["kode"] for p in n.peringatan} <= {p.kode for p in penilaian.peringatan} | {
            "jadwal_bentrok"
        }


def test_the_running_event_has_dinkes_participants_and_attendance_for_the_past_days():
    bangun()
    kegiatan = KegiatanPelatihan.objects.get(status=S.BERLANGSUNG)
    assert kegiatan.tanggal_mulai < HARI_INI <= kegiatan.tanggal_selesai
    peserta = Nominasi.objects.filter(kegiatan=kegiatan, status=N.DITETAPKAN)
    assert peserta.filter(pegawai__perangkat_daerah__singkatan="DINKES").count() >= 3
    assert peserta.filter(pegawai__user__username=pegawai_demo.ASN_DINKES).exists()
    hari_lalu = (HARI_INI - kegiatan.tanggal_mulai).days
    hadir = Kehadiran.objects.filter(nominasi__kegiatan=kegiatan)
    assert hadir.count() == peserta.count() * hari_lalu
    assert set(hadir.values_list("tanggal", flat=True)) == {
        kegiatan.tanggal_mulai + timedelta(days=i) for i in range(hari_lalu)
    }
    assert not hadir.exclude(nominasi__status=N.DITETAPKAN).exists()


def test_finished_events_credit_their_graduates_once_in_the_ledger():
    bangun()
    selesai = KegiatanPelatihan.objects.filter(status=S.SELESAI).select_related("program")
    assert selesai.count() >= 2
    assert {k.tanggal_selesai.year for k in selesai} == {2026}
    for k in selesai:
        jp = sum(MataPelatihan.objects.filter(program=k.program).values_list("jp", flat=True))
        lulus = set(
            Nominasi.objects.filter(kegiatan=k, status=N.LULUS).values_list("pegawai", flat=True)
        )
        baris = RiwayatPengembangan.objects.filter(kegiatan=k)
        assert lulus and set(baris.values_list("pegawai", flat=True)) == lulus
        assert baris.count() == len(lulus)
        assert set(baris.values_list("jp", "status", "sumber")) == {
            (jp, RiwayatPengembangan.Status.TERVERIFIKASI, RiwayatPengembangan.Sumber.KEGIATAN)
        }
        assert set(baris.values_list("tanggal_selesai", flat=True)) == {k.tanggal_selesai}
        # Each graduate holds the certificate whose number the ledger row carries.
        sertifikat = dict(
            Sertifikat.objects.filter(nominasi__kegiatan=k).values_list(
                "nominasi__pegawai", "nomor"
            )
        )
        assert sertifikat == dict(baris.values_list("pegawai", "nomor_sertifikat"))
    # asn.dinkes finished one class, last week's SKP class, whose feedback she has yet to give.
    assert list(
        RiwayatPengembangan.objects.filter(
            kegiatan__isnull=False, pegawai__user__username=pegawai_demo.ASN_DINKES
        ).values_list("kegiatan__program__kode", "kegiatan__angkatan")
    ) == [("LKS-SKP", 1)]


def test_every_kind_of_reminder_is_due_on_the_reference_date():
    bangun()
    out = io.StringIO()
    call_command("send_reminders", "--json", "--tanggal", HARI_INI.isoformat(), stdout=out)
    hasil = json.loads(out.getvalue())
    jenis = Counter(
        k.split(":")[1]
        for k in Notifikasi.objects.filter(kunci__startswith="pengingat:").values_list(
            "kunci", flat=True
        )
    )
    assert jenis["kuota"] >= 1 and jenis["persetujuan"] >= 1 and jenis["mulai"] >= 1
    assert hasil["sent"] == sum(jenis.values())
    penerima = set(
        Notifikasi.objects.filter(kunci__startswith="pengingat:persetujuan:").values_list(
            "penerima__username", flat=True
        )
    )
    assert pegawai_demo.KADIS_DINKES in penerima


# --- the acceptance walk -----------------------------------------------------------------------


def test_the_walk_approve_confirm_complete_credits_jp_on_the_transcript_and_the_report(client):
    bangun()
    kadis = Pengguna.objects.get(username=pegawai_demo.KADIS_DINKES)
    admin = Pengguna.objects.get(username=pegawai_demo.ADMIN_BKPSDM)

    usulan = walk_nominasi()
    assert usulan.dibuat_pada.date() >= HARI_INI - timedelta(days=3)
    nominasi_approve(nominasi=usulan, oleh=kadis)
    usulan = nominasi_confirm(nominasi=usulan, oleh=admin)
    assert usulan.status == N.DITETAPKAN

    kegiatan = KegiatanPelatihan.objects.select_related("program").get(status=S.BERLANGSUNG)
    peserta = list(
        Nominasi.objects.filter(kegiatan=kegiatan, status=N.DITETAPKAN).select_related("pegawai")
    )
    lulus = next(n for n in peserta if n.pegawai.perangkat_daerah.singkatan == "DINKES")
    tidak = next(n for n in peserta if n.pk != lulus.pk)
    sebelum = laporan_pegawai(kegiatan.tanggal_selesai.year)
    hasil_save(
        kegiatan=kegiatan,
        hasil={
            n.pk: {
                "nilai_pre": 50,
                "nilai_post": 45 if n.pk == tidak.pk else 85,
                "hasil": N.TIDAK_LULUS if n.pk == tidak.pk else N.LULUS,
            }
            for n in peserta
        },
        oleh=admin,
    )
    assert kegiatan_complete(kegiatan=kegiatan, oleh=admin) == len(peserta) - 1

    jp = sum(MataPelatihan.objects.filter(program=kegiatan.program).values_list("jp", flat=True))
    sesudah = laporan_pegawai(kegiatan.tanggal_selesai.year)
    nip = lulus.pegawai.nip
    assert sesudah[nip]["total_jp"] == sebelum[nip]["total_jp"] + jp
    assert sesudah[tidak.pegawai.nip]["total_jp"] == sebelum[tidak.pegawai.nip]["total_jp"]

    client.force_login(admin)
    response = client.get(f"/pegawai/{nip}/")
    assert response.status_code == 200
    assert f"{kegiatan.program.nama} Angkatan {kegiatan.angkatan}" in response.content.decode()
    assert Sertifikat.objects.filter(nominasi=lulus).exists()
    assert not Sertifikat.objects.filter(nominasi=tidak).exists()


# --- rebuild, determinism, speed ----------------------------------------------------------------


def test_a_rebuild_gives_the_same_data_once_and_another_seed_other_participants():
    bangun(seed=2026)
    pertama = snapshot()
    bangun(seed=2026)
    assert snapshot() == pertama
    assert LembagaPelatihan.objects.count() == len(demo.LEMBAGA_DEMO)
    bangun(seed=7)
    lain = snapshot()
    assert lain["kegiatan"] == pertama["kegiatan"]
    assert lain["nominasi"] != pertama["nominasi"]


def test_the_delete_refuses_a_database_without_the_demo_marker():
    bangun()
    jumlah = Nominasi.objects.count()
    DataDemo.objects.all().delete()
    with pytest.raises(demo.DataBukanDemo):
        demo.kegiatan_demo_delete()
    assert Nominasi.objects.count() == jumlah


def test_the_query_count_does_not_grow_with_the_number_of_pegawai():
    bangun(pegawai=100)
    demo.kegiatan_demo_delete()
    with CaptureQueriesContext(connection) as kecil:
        demo.kegiatan_demo_build(seed=2026)
    bangun(pegawai=300)
    demo.kegiatan_demo_delete()
    with CaptureQueriesContext(connection) as besar:
        demo.kegiatan_demo_build(seed=2026)
    assert len(besar) <= len(kecil) + 2
