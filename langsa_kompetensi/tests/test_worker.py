"""A task sent by the web process is executed by a real Celery worker process, on whatever broker
the environment configures (Redis with REDIS_URL, else the embedded filesystem broker)."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from pegawai.models import Notifikasi
from pegawai.services import notifikasi_send
from pegawai.tests.factories import PenggunaFactory

BASE_DIR = Path(settings.BASE_DIR)


def database_url_for_this_test() -> str:
    db = connection.settings_dict
    host = db["HOST"] or "127.0.0.1"
    if host.startswith("/"):
        host = quote(host, safe="")
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgresql://{auth}@{host}{port}/{db['NAME']}"


@pytest.fixture
def worker(tmp_path):
    name = f"uji-{uuid.uuid4().hex[:8]}@%h"
    env = os.environ | {
        "DATABASE_URL": database_url_for_this_test(),
        "EMAIL_URL": f"file://{tmp_path}",
        "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        "CELERY_DATA_DIR": str(settings.CELERY_DATA_DIR),
    }
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 - closed in the finalizer
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "langsa_kompetensi", "worker",
         "--concurrency", "1", "--hostname", name, "--loglevel", "INFO"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    yield process, tmp_path
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_sent_by_the_web_process_is_executed_by_the_worker(worker, client):
    process, mail_dir = worker
    penerima = PenggunaFactory(email="asn.dinkes@langsakota.go.id")
    notifikasi, _ = notifikasi_send(penerima=penerima, judul="Undangan pelatihan", kirim_email=True)

    def messages():
        return [p for p in mail_dir.iterdir() if p.suffix == ".log" and p.name != "worker.log"]

    # The file backend writes the message once the worker has sent it.
    sent = wait_for(lambda: any("Undangan pelatihan" in p.read_text() for p in messages()))
    log = (mail_dir / "worker.log").read_text()
    assert sent, f"the worker did not run the task; its log:\n{log}"
    assert len(messages()) == 1
    assert Notifikasi.objects.get(pk=notifikasi.pk).email_terkirim_pada is not None

    # /health/ sees that worker too.
    assert wait_for(lambda: client.get(reverse("health")).status_code == 200, seconds=30), log
    data = client.get(reverse("health")).json()
    assert data["workers"]["ok"] is True
    assert any(name.startswith("uji-") for name in data["workers"]["names"])
    assert process.poll() is None
