"""Runs of the optimiser in a worker (``pelatihan.optimasi_jalan``): claimed once, taken over from
a dead worker, failures shown, a broker that is down, and a real worker computing a run asked
for on the web."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from langsa_kompetensi.tests.test_worker import wait_for, worker  # noqa: F401 - the fixture
from pelatihan import optimasi_jalan, tasks
from pelatihan.models import HasilOptimasiAnggaran
from pelatihan.optimasi_jalan import TERTINGGAL, optimasi_minta, optimasi_run
from pelatihan.tests.test_akpk_services import TAHUN
from pelatihan.tests.test_optimasi_rencana import JUTA, baris, pagu

Status = HasilOptimasiAnggaran.Status


@pytest.fixture
def rencana(pemeran):
    baris("Pelatihan Dinkes", kursi={pemeran.opd: 4}, biaya=[("kontribusi", 4 * JUTA)])
    pagu(6 * JUTA)


@pytest.fixture
def hitungan(monkeypatch):
    """How many times the optimiser was run."""
    asli = optimasi_jalan.optimasi_jalankan
    panggilan = []

    def dihitung(**kwargs):
        panggilan.append(kwargs)
        return asli(**kwargs)

    monkeypatch.setattr(optimasi_jalan, "optimasi_jalankan", dihitung)
    return panggilan


def test_a_run_is_computed_once_however_often_its_task_comes(pemeran, rencana, hitungan):
    run = HasilOptimasiAnggaran.objects.create(tahun=TAHUN, dijalankan_oleh=pemeran.admin)
    assert optimasi_run(run.pk) is True
    assert optimasi_run(run.pk) is False
    assert len(hitungan) == 1
    run.refresh_from_db()
    assert run.status == Status.SELESAI
    assert run.mulai_pada <= run.selesai_pada
    assert "4 dari 4 ASN" in " ".join(run.hasil_html.split())
    assert [r[0] for r in run.lembar[0][2]] == ["Pelatihan Dinkes"]


def test_a_run_still_computing_is_left_to_its_worker(pemeran, rencana, hitungan):
    baru = timezone.now() - TERTINGGAL + timedelta(seconds=5)
    run = HasilOptimasiAnggaran.objects.create(tahun=TAHUN, status=Status.BERJALAN, mulai_pada=baru)
    assert optimasi_run(run.pk) is False
    assert hitungan == []
    # Longer than any run takes: its worker died, and the task delivered again takes it over.
    HasilOptimasiAnggaran.objects.filter(pk=run.pk).update(
        mulai_pada=timezone.now() - TERTINGGAL - timedelta(seconds=1)
    )
    assert optimasi_run(run.pk) is True
    assert len(hitungan) == 1


def test_a_failure_is_kept_with_a_message_for_the_user(pemeran, rencana, monkeypatch, caplog):
    def rusak(**kwargs):
        raise RuntimeError("HiGHS menolak model")

    monkeypatch.setattr(optimasi_jalan, "optimasi_jalankan", rusak)
    run = HasilOptimasiAnggaran.objects.create(tahun=TAHUN)
    assert optimasi_run(run.pk) is False
    run.refresh_from_db()
    assert run.status == Status.GAGAL and run.selesai_pada is not None
    assert run.pesan == (
        "Optimasi gagal karena kesalahan sistem; laporkan kepada pengelola aplikasi."
    )
    assert run.lembar is None
    assert "HiGHS menolak model" in caplog.text  # for the administrator, not the page


def test_a_broker_that_is_down_fails_the_run_with_a_message(
    pemeran, rencana, monkeypatch, django_capture_on_commit_callbacks
):
    def mati(run_id):
        raise ConnectionError("broker mati")

    monkeypatch.setattr(tasks.optimasi_run_task, "delay", mati)
    with django_capture_on_commit_callbacks(execute=True):
        run = optimasi_minta(tahun=TAHUN, total=None, oleh=pemeran.admin)
    run.refresh_from_db()
    assert run.status == Status.GAGAL
    assert run.pesan == "Antrean tugas tidak dapat dihubungi. Coba jalankan lagi sebentar lagi."


def test_the_task_runs_the_service(pemeran, rencana, hitungan):
    run = HasilOptimasiAnggaran.objects.create(tahun=TAHUN, anggaran_total=5 * JUTA)
    assert tasks.optimasi_run_task.apply(args=[str(run.pk)]).get() is True
    assert hitungan[0]["total"] == 5 * JUTA
    assert tasks.optimasi_run_task.apply(args=[str(run.pk)]).get() is False


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_run_asked_on_the_web_is_computed_by_the_worker(worker, client, pemeran, rencana):  # noqa: F811
    process, tmp_path = worker
    client.force_login(pemeran.admin)
    response = client.post(reverse("pelatihan:rencana-optimasi"), {"tahun": TAHUN, "dasar": "pagu"})
    assert response.status_code == 302
    run = HasilOptimasiAnggaran.objects.get()

    selesai = wait_for(lambda: HasilOptimasiAnggaran.objects.get(pk=run.pk).status == "selesai")
    assert selesai, (tmp_path / "worker.log").read_text()
    halaman = client.get(response["Location"])
    assert "4 dari 4 ASN" in " ".join(halaman.content.decode().split())
    assert client.get(reverse("pelatihan:rencana-optimasi-unduh", args=[run.pk])).status_code == 200
    assert process.poll() is None
