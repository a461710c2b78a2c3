"""Report jobs (laporan.jobs): asked once per user, kind, parameters and day; built once however
often the task arrives; failures and expiry told in Bahasa Indonesia; lost tasks sent again."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import connections
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from laporan import jobs
from laporan.models import LaporanJob
from laporan.tasks import laporan_job_run_task
from laporan.tests.conftest import hitung_pegawai
from pegawai.models import PenugasanPeran, Peran
from pelatihan.tests.test_anggaran_factories import kota_beranggaran

Status = LaporanJob.Status
JP = LaporanJob.Jenis.JP_PEGAWAI


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def terkirim(monkeypatch):
    """The ids the run task was sent for, instead of a broker."""
    ids = []
    monkeypatch.setattr(laporan_job_run_task, "delay", ids.append)
    return ids


def minta(user, laporan=JP, **parameter):
    parameter = parameter or ({"tahun": 2025, "jenis": ""} if laporan == JP else {"tahun": 2025})
    return jobs.laporan_job_request(jenis=laporan, parameter=parameter, oleh=user)


def isi(job) -> bytes:
    job.refresh_from_db()
    with job.berkas.open("rb") as f:
        return f.read()


def baris_xlsx(data: bytes, lembar=None) -> list[tuple]:
    wb = load_workbook(io.BytesIO(data))
    return list((wb[lembar] if lembar else wb.active).values)


# --- asking --------------------------------------------------------------------------------------


def test_the_same_request_twice_is_one_job_and_one_file(
    data_jp, django_capture_on_commit_callbacks, terkirim
):
    admin = data_jp.pemeran.admin
    with django_capture_on_commit_callbacks(execute=True):
        job = minta(admin)
    assert terkirim == [job.pk]
    assert job.status == Status.MENUNGGU
    assert job.nama_berkas == "kepatuhan-jp-pegawai-2025.xlsx"

    with django_capture_on_commit_callbacks(execute=True):
        assert minta(admin).pk == job.pk  # while waiting
    assert terkirim == [job.pk]  # not sent again
    assert jobs.laporan_job_run(job_id=job.pk) is True
    pertama = isi(job)
    with django_capture_on_commit_callbacks(execute=True):
        lagi = minta(admin)  # once ready
    assert lagi.pk == job.pk
    assert terkirim == [job.pk]
    assert jobs.laporan_job_run(job_id=job.pk) is False
    assert isi(lagi) == pertama
    assert LaporanJob.objects.count() == 1
    assert default_storage.listdir("laporan")[1] == [f"{job.pk}-kepatuhan-jp-pegawai-2025.xlsx"]


def test_the_file_equals_the_synchronous_download(client, data_jp):
    admin = data_jp.pemeran.admin
    job = minta(admin, tahun=2024, jenis="")
    jobs.laporan_job_run(job_id=job.pk)
    client.force_login(admin)
    sinkron = client.get(reverse("laporan:jp-pegawai-xlsx"), {"tahun": 2024})
    dari_job = baris_xlsx(isi(job))
    assert dari_job == baris_xlsx(b"".join(sinkron.streaming_content))
    assert len(dari_job) == len(hitung_pegawai(2024)) + 1
    job.refresh_from_db()
    assert job.status == Status.SIAP
    assert job.persen == 100
    assert job.ukuran == default_storage.size(job.berkas.name)


def test_other_parameters_users_or_days_are_other_jobs(data_jp, monkeypatch):
    p = data_jp.pemeran
    a = minta(p.admin, tahun=2025, jenis="")
    assert minta(p.admin, tahun=2025, jenis="PPPK").pk != a.pk
    assert minta(p.admin, tahun=2024, jenis="").pk != a.pk
    assert minta(p.pimpinan, tahun=2025, jenis="").pk != a.pk
    besok = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda: besok)
    assert minta(p.admin, tahun=2025, jenis="").pk != a.pk
    assert LaporanJob.objects.count() == 5


def test_a_failed_job_is_asked_again_as_a_new_one(pemeran):
    job = minta(pemeran.admin)
    LaporanJob.objects.filter(pk=job.pk).update(status=Status.GAGAL)
    assert minta(pemeran.admin).pk != job.pk


def test_the_active_key_is_unique_in_the_database(pemeran):
    from django.db import IntegrityError, transaction

    job = minta(pemeran.admin)
    with pytest.raises(IntegrityError), transaction.atomic():
        LaporanJob.objects.create(
            jenis=JP, parameter=job.parameter, kunci=job.kunci, oleh=pemeran.admin, nama_berkas="x"
        )


def test_a_broker_outage_does_not_fail_the_request(
    pemeran, monkeypatch, django_capture_on_commit_callbacks
):
    def mati(_job_id):
        raise OSError("Connection refused")

    monkeypatch.setattr(laporan_job_run_task, "delay", mati)
    with django_capture_on_commit_callbacks(execute=True):
        job = minta(pemeran.admin)
    assert LaporanJob.objects.get(pk=job.pk).status == Status.MENUNGGU


@pytest.mark.parametrize(
    ("parameter", "pesan"),
    [
        ({"tahun": "2025", "jenis": ""}, "Tahun harus berupa angka"),
        ({"tahun": 2025, "jenis": "", "urut": "nama"}, "Parameter tidak dikenal"),
    ],
)
def test_parameters_are_checked(pemeran, parameter, pesan):
    with pytest.raises(ValidationError, match=pesan):
        jobs.laporan_job_request(jenis=JP, parameter=parameter, oleh=pemeran.admin)


def test_an_unknown_kind_is_refused(pemeran):
    with pytest.raises(ValidationError, match="Jenis laporan tidak dikenal"):
        jobs.laporan_job_request(jenis="semua_data", parameter={}, oleh=pemeran.admin)


@pytest.mark.parametrize("peran", ["kepala", "operator", "asn", "tanpa_peran"])
def test_only_admin_and_pimpinan_may_ask(pemeran, peran):
    for jenis in LaporanJob.Jenis.values:
        with pytest.raises(PermissionDenied):
            minta(getattr(pemeran, peran), laporan=jenis)
    assert not LaporanJob.objects.exists()


# --- building ------------------------------------------------------------------------------------


def test_a_second_run_does_nothing(data_jp, django_assert_num_queries):
    job = minta(data_jp.pemeran.admin)
    assert jobs.laporan_job_run(job_id=job.pk) is True
    selesai = LaporanJob.objects.get(pk=job.pk)
    # Lock, claim that finds nothing to do, unlock.
    with django_assert_num_queries(3):
        assert jobs.laporan_job_run(job_id=job.pk) is False
    assert LaporanJob.objects.get(pk=job.pk).selesai_pada == selesai.selesai_pada
    assert LaporanJob.objects.get(pk=job.pk).percobaan == 1


def test_a_copy_arriving_while_the_job_runs_does_nothing(pemeran):
    job = minta(pemeran.admin, laporan=LaporanJob.Jenis.ANGGARAN_PDF)
    LaporanJob.objects.filter(pk=job.pk).update(status=Status.BERJALAN, percobaan=1)
    # The running copy: another database session holding the job's lock.
    lain = connections.create_connection("default")
    try:
        with lain.cursor() as c:
            c.execute("SELECT pg_advisory_lock(hashtext(%s), %s)", [jobs._KUNCI_KELAS, job.pk])
        assert jobs.laporan_job_run(job_id=job.pk) is False
        job.refresh_from_db()
        assert (job.status, job.percobaan) == (Status.BERJALAN, 1)
    finally:
        with lain.cursor() as c:  # closing would too, but the server lets go asynchronously
            c.execute("SELECT pg_advisory_unlock_all()")
        lain.close()
    assert jobs.laporan_job_run(job_id=job.pk) is True
    assert LaporanJob.objects.get(pk=job.pk).status == Status.SIAP


def test_a_failing_build_says_so_in_indonesian(pemeran, monkeypatch, caplog):
    job = minta(pemeran.admin, laporan=LaporanJob.Jenis.ANGGARAN_XLSX)

    def rusak(*args, **kwargs):
        raise RuntimeError("division by zero")

    monkeypatch.setattr(jobs.anggaran, "tulis_berkas", rusak)
    assert jobs.laporan_job_run(job_id=job.pk) is True
    job.refresh_from_db()
    assert job.status == Status.GAGAL
    assert job.pesan_galat.startswith("Laporan gagal disiapkan karena galat tak terduga.")
    assert f"nomor unduhan {job.pk}" in job.pesan_galat
    assert "division" not in job.pesan_galat
    assert not job.berkas
    assert "division by zero" in caplog.text
    assert not default_storage.exists(f"laporan/{job.pk}-anggaran-2025.xlsx")


def test_a_user_who_lost_the_role_gets_no_file(pemeran):
    job = minta(pemeran.pimpinan, laporan=LaporanJob.Jenis.ANGGARAN_PDF)
    PenugasanPeran.objects.filter(user=pemeran.pimpinan, peran=Peran.PIMPINAN).delete()
    job = LaporanJob.objects.select_related("oleh").get(pk=job.pk)  # a fresh user: no cached roles
    assert jobs.laporan_job_run(job_id=job.pk) is True
    job.refresh_from_db()
    assert job.status == Status.GAGAL
    assert job.pesan_galat == "Anda tidak lagi berhak atas laporan ini."


def test_the_budget_files_equal_the_synchronous_downloads(client, pemeran):
    kota_beranggaran(pemeran)
    xlsx = minta(pemeran.admin, laporan=LaporanJob.Jenis.ANGGARAN_XLSX)
    pdf = minta(pemeran.admin, laporan=LaporanJob.Jenis.ANGGARAN_PDF)
    jobs.laporan_job_run(job_id=xlsx.pk)
    jobs.laporan_job_run(job_id=pdf.pk)
    client.force_login(pemeran.admin)
    sinkron = client.get(reverse("laporan:anggaran"), {"tahun": 2025, "format": "xlsx"})
    wb_sinkron = load_workbook(io.BytesIO(b"".join(sinkron.streaming_content)))
    data = isi(xlsx)
    assert load_workbook(io.BytesIO(data)).sheetnames == wb_sinkron.sheetnames
    for nama in wb_sinkron.sheetnames[:-1]:  # the last one holds the time it was made
        assert baris_xlsx(data, nama) == list(wb_sinkron[nama].values)
    assert isi(pdf).startswith(b"%PDF")
    pdf.refresh_from_db()
    assert pdf.nama_berkas == "anggaran-2025.pdf"


def test_progress_is_written_while_the_rows_stream(data_jp, monkeypatch):
    job = minta(data_jp.pemeran.admin)
    monkeypatch.setattr(jobs, "KEMAJUAN_SETIAP_BARIS", 5)
    monkeypatch.setattr(jobs, "SELANG_KEMAJUAN", 0)
    tersimpan = []
    asli = jobs._kemajuan

    def kemajuan(masih):
        tulis = asli(masih)

        def catat(persen, **kw):
            tulis(persen, **kw)
            tersimpan.append(LaporanJob.objects.get(pk=job.pk).persen)

        return catat

    monkeypatch.setattr(jobs, "_kemajuan", kemajuan)
    jobs.laporan_job_run(job_id=job.pk)
    jumlah = len(hitung_pegawai(2025))
    assert tersimpan == [n * 95 // jumlah for n in range(5, jumlah + 1, 5)]
    assert tersimpan[-1] < 100
    job.refresh_from_db()
    assert job.persen == 100


# --- expiry --------------------------------------------------------------------------------------


def test_expiry_deletes_the_file_and_marks_the_job(pemeran, settings):
    settings.LAPORAN_JOB_SIMPAN_JAM = 24
    job = minta(pemeran.admin, laporan=LaporanJob.Jenis.ANGGARAN_PDF)
    baru = minta(pemeran.pimpinan, laporan=LaporanJob.Jenis.ANGGARAN_PDF)
    jobs.laporan_job_run(job_id=job.pk)
    jobs.laporan_job_run(job_id=baru.pk)
    job.refresh_from_db()
    nama = job.berkas.name
    assert default_storage.exists(nama)
    LaporanJob.objects.filter(pk=job.pk).update(
        selesai_pada=timezone.now() - timedelta(hours=24, minutes=1)
    )
    assert jobs.laporan_job_expire() == 1
    assert jobs.laporan_job_expire() == 0
    job.refresh_from_db()
    assert job.status == Status.KEDALUWARSA
    assert not job.berkas
    assert not default_storage.exists(nama)
    assert LaporanJob.objects.get(pk=baru.pk).status == Status.SIAP


def test_asking_again_after_expiry_builds_a_new_file(pemeran, settings):
    settings.LAPORAN_JOB_SIMPAN_JAM = 1
    job = minta(pemeran.admin, laporan=LaporanJob.Jenis.ANGGARAN_PDF)
    jobs.laporan_job_run(job_id=job.pk)
    LaporanJob.objects.filter(pk=job.pk).update(selesai_pada=timezone.now() - timedelta(hours=2))
    # The hourly expiry has not run yet; the request expires the old job itself.
    lagi = minta(pemeran.admin, laporan=LaporanJob.Jenis.ANGGARAN_PDF)
    assert lagi.pk != job.pk
    assert lagi.status == Status.MENUNGGU
    assert LaporanJob.objects.get(pk=job.pk).status == Status.KEDALUWARSA


# --- resume --------------------------------------------------------------------------------------


def test_resume_sends_lost_jobs_again_and_they_get_built(pemeran, terkirim):
    lama = timezone.now() - timedelta(minutes=jobs.TERTAHAN_MENIT + 1)
    hilang = minta(pemeran.admin, laporan=LaporanJob.Jenis.ANGGARAN_XLSX)  # broker was down
    LaporanJob.objects.filter(pk=hilang.pk).update(dibuat_pada=lama)
    baru = minta(pemeran.admin, laporan=LaporanJob.Jenis.ANGGARAN_PDF)  # its task may be queued
    mati = minta(pemeran.pimpinan, laporan=LaporanJob.Jenis.ANGGARAN_PDF)  # worker killed
    LaporanJob.objects.filter(pk=mati.pk).update(status=Status.BERJALAN, persen=40, percobaan=1)
    siap = minta(pemeran.pimpinan, laporan=LaporanJob.Jenis.ANGGARAN_XLSX)
    jobs.laporan_job_run(job_id=siap.pk)

    assert jobs.laporan_job_resume() == 2
    assert sorted(terkirim) == sorted([hilang.pk, mati.pk])
    assert baru.pk not in terkirim
    for pk in terkirim:
        assert jobs.laporan_job_run(job_id=pk) is True
    assert LaporanJob.objects.get(pk=hilang.pk).status == Status.SIAP
    rebuilt = LaporanJob.objects.get(pk=mati.pk)
    assert (rebuilt.status, rebuilt.percobaan) == (Status.SIAP, 2)
    assert jobs.laporan_job_resume() == 0


def test_resume_leaves_a_running_job_alone(pemeran, terkirim):
    job = minta(pemeran.admin, laporan=LaporanJob.Jenis.ANGGARAN_PDF)
    LaporanJob.objects.filter(pk=job.pk).update(status=Status.BERJALAN, percobaan=1)
    with jobs._kunci_job(job.pk) as dapat:  # the live worker's lock
        assert dapat
        assert jobs.laporan_job_resume() == 0
    assert terkirim == []
    assert jobs.laporan_job_resume() == 1


def test_a_job_that_keeps_killing_its_worker_is_given_up(pemeran):
    job = minta(pemeran.admin, laporan=LaporanJob.Jenis.ANGGARAN_PDF)
    LaporanJob.objects.filter(pk=job.pk).update(
        status=Status.BERJALAN, percobaan=jobs.PERCOBAAN_MAKSIMUM
    )
    assert jobs.laporan_job_run(job_id=job.pk) is True
    job.refresh_from_db()
    assert job.status == Status.GAGAL
    assert "terhenti 3 kali" in job.pesan_galat


def test_the_beat_schedule_runs_resume_and_expiry(settings):
    tugas = {j["task"]: j["schedule"] for j in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tugas["laporan.tasks.laporan_job_resume_task"] == 300.0
    assert "laporan.tasks.laporan_job_expire_task" in tugas


def test_the_run_task_calls_the_service(pemeran):
    job = minta(pemeran.admin, laporan=LaporanJob.Jenis.ANGGARAN_PDF)
    assert laporan_job_run_task.acks_late is True
    assert laporan_job_run_task.reject_on_worker_lost is True
    assert laporan_job_run_task.run(job.pk) is True
    assert laporan_job_run_task.run(job.pk) is False
    assert LaporanJob.objects.get(pk=job.pk).status == Status.SIAP
