"""What the benchmarks in bench/ share: a database of their own, Django set up on it, medians,
and child processes measured for wall time and peak memory.

Not a benchmark itself (``make bench`` runs it too, and it does nothing).
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent


def database_url(nama_db: str) -> str:
    """The URL of database ``nama_db`` on the configured server: DATABASE_URL's, or the
    embedded PostgreSQL of this checkout."""
    import dj_database_url

    if os.environ.get("DATABASE_URL"):
        config = dj_database_url.parse(os.environ["DATABASE_URL"])
        host = config["HOST"] or "127.0.0.1"
    else:
        from langsa_kompetensi import embedded

        config = {"USER": "postgres", "PASSWORD": "", "PORT": 5432}
        host = str(embedded.ensure_server())
    if host.startswith("/"):
        host = quote(host, safe="")
    auth = config["USER"] + (f":{config['PASSWORD']}" if config.get("PASSWORD") else "")
    return f"postgresql://{auth}@{host}:{config['PORT'] or 5432}/{nama_db}"


def psycopg_params(url: str, *, dbname: str | None = None) -> dict:
    """Connection keywords for psycopg.connect() from a database URL."""
    import dj_database_url

    config = dj_database_url.parse(url)
    params = {
        "host": config["HOST"],
        "port": config["PORT"] or None,
        "user": config["USER"],
        "password": config["PASSWORD"] or None,
        "dbname": dbname or config["NAME"],
    }
    return {k: v for k, v in params.items() if v is not None}


def recreate_database(url: str) -> None:
    """Drop (closing its connections) and create the database of ``url``."""
    import psycopg

    nama = psycopg_params(url)["dbname"]
    with psycopg.connect(**psycopg_params(url, dbname="postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{nama}"')


def setup_django(url: str) -> None:
    """Point Django at ``url`` and set it up (in this process)."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "langsa_kompetensi.settings")
    import django

    django.setup()


def median_ms(fn, ulang: int) -> float:
    fn()  # warm-up: caches, prepared plans
    samples = []
    for _ in range(ulang):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


class HasilAnak:
    """A finished child process: exit status, wall seconds, peak resident memory, output."""

    def __init__(self, status: int, detik: float, rss_mb: float, stdout: str, stderr: str):
        self.status = status
        self.detik = detik
        self.rss_mb = rss_mb
        self.stdout = stdout
        self.stderr = stderr


# Runs the measured command and writes its peak RSS (KiB) to the file named first. A child's
# ru_maxrss starts from the RSS of the process that forked it (Linux carries the high-water
# mark across exec), so the measured command is started by this small launcher rather than by
# the benchmark, whose own memory would otherwise be counted.
_PELUNCUR = """
import os, sys
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
_, status, rusage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as berkas:
    berkas.write(str(rusage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def jalankan_anak(args: list[str], *, url: str) -> HasilAnak:
    """Run ``args`` (a command line, cwd = the checkout) against database ``url``; its wall time
    and its own peak resident memory (a launcher of about 10 MB stands between, see above).

    Output goes to files, so a chatty child cannot block on a full pipe while we wait for it.
    """
    env = {**os.environ, "DATABASE_URL": url}
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r") as rss,
    ):
        start = time.perf_counter()
        status = subprocess.run(
            [sys.executable, "-c", _PELUNCUR, rss.name, *args],
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=err,
            check=False,
        ).returncode
        detik = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        # Linux reports ru_maxrss in kibibytes.
        return HasilAnak(
            status,
            detik,
            int(rss.read() or 0) / 1024,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )
