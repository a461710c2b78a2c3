"""`manage.py seed_demo` (DESIGN §6 "Demo data"): the command that builds the demo of every app —
people, then their JP history — in one transaction, prints the logins, replaces an earlier demo
and refuses a database with real data before touching anything."""

import io
import json
import re

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Sum
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from langsa_kompetensi.management.commands.runall import LOGIN_DEMO
from pegawai import demo as pegawai_demo
from pegawai.models import (
    AsesmenKompetensi,
    DataDemo,
    Jabatan,
    Notifikasi,
    Pegawai,
    Pengguna,
    PenugasanPeran,
    PerangkatDaerah,
    UnitKerja,
)
from pegawai.tests.factories import PegawaiFactory, PenggunaFactory
from pelatihan.models import (
    Anggaran,
    KebutuhanPengembangan,
    RealisasiAnggaran,
    RincianBiayaRencana,
    RiwayatPengembangan,
    format_rupiah,
)
from pelatihan.tests.factories import RiwayatPengembanganFactory

pytestmark = pytest.mark.django_db

PASSWORD = "langsa-demo"
LOGINS = (
    "admin.bkpsdm",
    "pimpinan",
    "kadis.dinkes",
    "operator.dinkes",
    "kadis.disdikbud",
    "asn.dinkes",
)
MODEL = (Pegawai, Pengguna, UnitKerja, Jabatan, PenugasanPeran, RiwayatPengembangan, Notifikasi)


def seed(pegawai=150, **options) -> str:
    out = io.StringIO()
    call_command("seed_demo", pegawai=pegawai, stdout=out, **options)
    return out.getvalue()


def jumlah() -> list[int]:
    return [m.objects.count() for m in MODEL]


def masuk(**credentials):
    """authenticate() as the login page calls it: the login throttle needs the request."""
    return authenticate(RequestFactory().post("/accounts/login/"), **credentials)


def test_the_command_lives_in_the_top_layer():
    # Only laporan may depend on every app whose demo data it writes.
    assert get_commands()["seed_demo"] == "laporan"


# --- output -----------------------------------------------------------------------------------


def test_it_prints_the_logins_the_password_and_the_jp_history():
    out = seed(pegawai=150, seed=2026)
    opd = PerangkatDaerah.objects.aktif().count()
    assert re.search(
        rf"Data demo Kota Langsa dibuat: 150 pegawai di {opd} perangkat daerah \(seed 2026\) "
        r"dalam \d+,\d detik\.",
        out,
    )
    baris = RiwayatPengembangan.objects.count()
    klaim = RiwayatPengembangan.objects.filter(sumber="klaim")
    menunggu = klaim.filter(status="menunggu").count()
    ribuan = f"{baris:,}".replace(",", ".")  # Indonesian digit grouping
    assert (
        f"Riwayat JP 2023–2026: {ribuan} baris, termasuk {klaim.count()} klaim ASN "
        f"({menunggu} menunggu verifikasi)."
    ) in out
    for username in LOGINS:
        line = next(b for b in out.splitlines() if b.strip().startswith(username + " "))
        assert PASSWORD in line
    assert "Dinas Kesehatan" in out and "Admin BKPSDM" in out
    asn = Pegawai.objects.get(user__username="asn.dinkes")
    assert f"NIP {asn.nip}" in out and "masuk dengan NIP" in out


def test_it_prints_the_planning_and_budget_line():
    out = seed(pegawai=150, seed=2026)
    (baris,) = [b for b in out.splitlines() if b.startswith("Perencanaan dan anggaran: ")]
    diases = AsesmenKompetensi.objects.values("pegawai").distinct().count()
    assert f"{diases} pegawai diases 2024–2026 (" in baris
    kebutuhan = KebutuhanPengembangan.objects.filter(tahun=2027)
    belum = kebutuhan.filter(status="diverifikasi", rencana=None).count()
    assert f"{kebutuhan.count()} kebutuhan AKPK 2027 ({belum} terverifikasi belum masuk" in baris
    biaya = RincianBiayaRencana.objects.filter(rencana__tahun=2027).aggregate(s=Sum("jumlah"))
    apbk = Anggaran.objects.filter(tahun=2027, sumber_dana="apbk").aggregate(s=Sum("pagu"))
    assert f"{format_rupiah(biaya['s'])} untuk pagu APBK {format_rupiah(apbk['s'])}" in baris
    pagu = Anggaran.objects.filter(tahun=2026).aggregate(s=Sum("pagu"))["s"]
    realisasi = RealisasiAnggaran.objects.aggregate(s=Sum("jumlah"))["s"]
    assert (
        f"anggaran 2026 {format_rupiah(pagu)}, terealisasi {realisasi * 100 / pagu:.0f}%" in baris
    )


def test_the_logins_runall_announces_work_with_the_password_option():
    seed(password="sandi-lain-2026")
    for username, _ in LOGIN_DEMO:
        assert masuk(username=username, password="sandi-lain-2026") is not None, username
        assert masuk(username=username, password=PASSWORD) is None


# --- rebuild ----------------------------------------------------------------------------------


def test_a_rebuild_replaces_people_and_their_jp_history(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    seed()
    root = Pengguna.objects.create_superuser("root", "root@example.org", "sandi-root-123")
    # Data written while the demo was used: a claim with its certificate, a notification.
    asn = Pegawai.objects.get(user__username="asn.dinkes")
    klaim = RiwayatPengembanganFactory(pegawai=asn, klaim=True, nama_pelatihan="Kursus Daring")
    berkas = tmp_path / klaim.berkas_sertifikat.name
    Notifikasi.objects.create(penerima=asn.user, judul="Hai")
    with django_capture_on_commit_callbacks(execute=True):
        seed(pegawai=120)  # the ledger refers to pegawai with PROTECT: deleted first
    assert Pegawai.objects.count() == 120
    assert DataDemo.objects.count() == 1
    assert Pengguna.objects.filter(pk=root.pk).exists()
    assert not RiwayatPengembangan.objects.filter(nama_pelatihan="Kursus Daring").exists()
    assert not berkas.exists()
    assert not Notifikasi.objects.filter(judul="Hai").exists()
    pegawai = set(Pegawai.objects.values_list("pk", flat=True))
    assert set(RiwayatPengembangan.objects.values_list("pegawai_id", flat=True)) <= pegawai
    assert RiwayatPengembangan.objects.filter(pegawai__user__username="asn.dinkes").exists()

    sebelum = sorted(
        RiwayatPengembangan.objects.values_list(
            "pegawai__nip", "nama_pelatihan", "tanggal_mulai", "tanggal_selesai", "jp", "status"
        )
    )
    seed(pegawai=120)  # the same again: the same rows, once
    assert (
        sorted(
            RiwayatPengembangan.objects.values_list(
                "pegawai__nip", "nama_pelatihan", "tanggal_mulai", "tanggal_selesai", "jp", "status"
            )
        )
        == sebelum
    )


# --- refusal ----------------------------------------------------------------------------------


@pytest.mark.parametrize("buat", ["pegawai", "pengguna", "riwayat"])
def test_it_refuses_a_database_with_non_demo_data_and_changes_nothing(buat):
    {"pegawai": PegawaiFactory, "pengguna": PenggunaFactory, "riwayat": RiwayatPengembanganFactory}[
        buat
    ]()
    sebelum = jumlah()
    with pytest.raises(CommandError, match="bukan data demo") as exc:
        seed()
    assert exc.value.returncode == 1
    assert jumlah() == sebelum
    assert not DataDemo.objects.exists()


def test_it_refuses_too_few_pegawai_before_deleting_the_old_demo():
    seed()
    sebelum = jumlah()
    minimal = pegawai_demo.jumlah_pegawai_minimal(list(PerangkatDaerah.objects.aktif()))
    with pytest.raises(CommandError, match=f"minimal {minimal}"):
        seed(pegawai=minimal - 1)
    assert jumlah() == sebelum
    assert list(DataDemo.objects.values_list("jumlah_pegawai", flat=True)) == [150]


# --- speed ------------------------------------------------------------------------------------


def test_the_query_count_does_not_grow_with_the_number_of_pegawai(django_assert_max_num_queries):
    # Both measured runs replace a 100-pegawai demo, so only the new city's size differs. Pegawai
    # are written in batches of 1000 per atasan layer and the ledger with one COPY.
    seed(pegawai=100)
    with CaptureQueriesContext(connection) as kecil:
        seed(pegawai=100)
    with django_assert_max_num_queries(len(kecil) + 2):
        seed(pegawai=300)
    assert RiwayatPengembangan.objects.count() > 1000


# --- what a fresh demo shows --------------------------------------------------------------------


def test_laporan_jp_runs_on_the_demo():
    seed(pegawai=300)
    aktif = Pegawai.objects.filter(aktif=True).count()
    for tahun in (2023, 2024, 2025, 2026):
        out = io.StringIO()
        call_command("laporan_jp", tahun=str(tahun), per="opd", format="json", stdout=out)
        baris = json.loads(out.getvalue())
        assert sum(b["jumlah_asn"] for b in baris) == aktif
        assert 0 < sum(b["memenuhi_target"] for b in baris) < aktif
        assert {b["kode_opd"] for b in baris} == set(
            PerangkatDaerah.objects.aktif().values_list("kode", flat=True)
        )
    out = io.StringIO()
    call_command("laporan_jp", tahun="2025", per="pegawai", format="json", stdout=out)
    pegawai = json.loads(out.getvalue())
    assert len(pegawai) == aktif
    assert {p["memenuhi_target"] for p in pegawai} == {True, False}


def test_the_demo_logins_see_a_report_a_transcript_and_a_verification_queue(client):
    seed()
    client.force_login(Pengguna.objects.get(username="admin.bkpsdm"))
    response = client.get(reverse("laporan:jp"), {"tahun": 2025})
    assert response.status_code == 200
    assert "Dinas Kesehatan" in response.content.decode()

    menunggu = RiwayatPengembangan.objects.filter(status="menunggu").order_by("dibuat_pada")
    response = client.get(reverse("pelatihan:klaim-verifikasi"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == menunggu.count() > 5

    asn = Pegawai.objects.get(user__username="asn.dinkes")
    client.force_login(asn.user)
    response = client.get(reverse("pelatihan:klaim-list"))
    assert response.status_code == 200
    halaman = response.content.decode()
    for r in RiwayatPengembangan.objects.filter(pegawai=asn, sumber="klaim"):
        assert r.nama_pelatihan in halaman
    response = client.get(f"/pegawai/{asn.nip}/")
    assert response.status_code == 200
    assert [t.tahun for t in response.context["transkrip"]] == [2026, 2025, 2024, 2023]


def test_the_planning_walk_starts_from_the_demo(client):
    """admin.bkpsdm finds verified needs to consolidate in next year's plan, which costs more than
    its APBK; the budget year shows absorption; kadis.dinkes sees the heatmap of Dinas Kesehatan
    only."""
    seed()
    client.force_login(Pengguna.objects.get(username="admin.bkpsdm"))
    response = client.get(reverse("pelatihan:rencana"))
    assert response.status_code == 200
    assert response.context["tahun"] == 2027
    assert response.context["page"].paginator.count == 10
    rencana = response.context["rencana"]
    apbk = Anggaran.objects.filter(tahun=2027, sumber_dana="apbk").aggregate(s=Sum("pagu"))["s"]
    assert len(rencana.baris) == 12 and rencana.total_biaya > apbk

    response = client.get(reverse("laporan:anggaran"), {"tahun": 2026})
    assert response.status_code == 200
    assert response.context["total"].realisasi > 0
    assert len([b for b in response.context["penyerapan"] if b.realisasi]) >= 9
    assert {s.status for s in response.context["usulan"] if s.jumlah_usulan} >= {
        "diajukan",
        "disetujui",
        "ditolak",
    }

    client.force_login(Pengguna.objects.get(username="kadis.dinkes"))
    dinkes = PerangkatDaerah.objects.get(singkatan="DINKES")
    response = client.get(reverse("laporan:kompetensi-opd", args=[dinkes.kode]))
    assert response.status_code == 200
    assert response.context["peta"].ada_asesmen
    lain = PerangkatDaerah.objects.get(singkatan="DISDIKBUD")
    assert client.get(reverse("laporan:kompetensi-opd", args=[lain.kode])).status_code == 404
