"""A report asked for on the web is built by a real Celery worker and downloaded by its owner."""

import pytest
from django.urls import reverse

from langsa_kompetensi.tests.test_worker import wait_for, worker  # noqa: F401 - the fixture
from laporan.models import LaporanJob


@pytest.fixture
def media_bersama(monkeypatch, settings, tmp_path):
    """One media folder for this process and the worker it starts (read from the environment)."""
    media = tmp_path / "media"
    monkeypatch.setenv("MEDIA_ROOT", str(media))
    settings.MEDIA_ROOT = media
    return media


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_report_asked_on_the_web_is_built_by_the_worker(media_bersama, worker, client, pemeran):  # noqa: F811
    process, tmp_path = worker
    client.force_login(pemeran.admin)
    response = client.post(
        reverse("laporan:unduhan-buat"), {"jenis": "anggaran_pdf", "tahun": "2025"}
    )
    assert response.status_code == 302
    job = LaporanJob.objects.get()

    selesai = wait_for(lambda: LaporanJob.objects.get(pk=job.pk).status == "siap")
    assert selesai, (tmp_path / "worker.log").read_text()
    unduhan = client.get(reverse("laporan:unduhan-berkas", args=[job.pk]))
    assert unduhan.status_code == 200
    assert b"".join(unduhan.streaming_content).startswith(b"%PDF")
    assert process.poll() is None
