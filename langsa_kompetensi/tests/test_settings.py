"""Configuration comes from the environment; production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from langsa_kompetensi.settings import _mailer, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 60,
    "ALLOWED_HOSTS": "kompetensi.langsakota.go.id",
    "DATABASE_URL": "postgres://langsa@db.internal:5432/langsa_kompetensi",
    "REDIS_URL": "redis://redis.internal:6379/0",
}


def load_settings(env):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
         "print(settings.DEBUG, settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.USE_TZ)"],
        cwd=BASE_DIR, env=clean | {"DJANGO_SETTINGS_MODULE": "langsa_kompetensi.settings"} | env,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"])
def test_production_without_required_environment_stops_with_a_clear_message(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = load_settings(env)
    assert result.returncode != 0
    assert "DEBUG=false (mode produksi)" in result.stderr
    assert missing in result.stderr.splitlines()[-1]


def test_production_with_its_environment_starts():
    result = load_settings(PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "id", "Asia/Jakarta", "True"]


def test_language_time_zone_and_user_model(settings):
    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.USE_TZ is True
    assert settings.AUTH_USER_MODEL == "pegawai.Pengguna"


def test_email_url_forms():
    smtp = _mailer("smtp://bkpsdm%40langsakota.go.id:rahasia@mail.langsakota.go.id:587")
    assert smtp["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert smtp["OPTIONS"]["host"] == "mail.langsakota.go.id"
    assert smtp["OPTIONS"]["username"] == "bkpsdm@langsakota.go.id"
    assert smtp["OPTIONS"]["use_tls"] is True
    assert _mailer("smtps://u:p@mail:465")["OPTIONS"]["use_ssl"] is True
    assert _mailer("console://")["BACKEND"].endswith("console.EmailBackend")
    assert _mailer("file:///var/surat")["OPTIONS"] == {"file_path": "/var/surat"}
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL tidak dikenal"):
        _mailer("pigeon://kantor")


def test_env_helpers(monkeypatch):
    monkeypatch.setenv("X_UJI", "Ya")
    assert env_bool("X_UJI", False) is True
    monkeypatch.setenv("X_UJI", "0")
    assert env_bool("X_UJI", True) is False
    monkeypatch.setenv("X_UJI", "")
    assert env_bool("X_UJI", True) is True
    monkeypatch.setenv("X_UJI", "a.go.id, b.go.id,")
    assert env_list("X_UJI") == ["a.go.id", "b.go.id"]
