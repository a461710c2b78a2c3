"""The embedded PostgreSQL of a fresh machine: started on demand, reused across runs, and started
again after the server died and left its lock file behind."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SCRIPT = """
import psycopg
from langsa_kompetensi import embedded
socket_dir = embedded.ensure_server()
with psycopg.connect(host=str(socket_dir), dbname=embedded.DB_NAME, user="postgres") as c:
    print(c.execute("SELECT pg_backend_pid() > 0, current_database()").fetchone())
"""


def run(local_dir, code=SCRIPT):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR, env=env | {"LANGSA_LOCAL_DIR": str(local_dir)},
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip


def postmaster_pid(local_dir):
    return int((local_dir / "pgdata" / "postmaster.pid").read_text().splitlines()[0])


@pytest.mark.embedded
def test_it_starts_reuses_and_recovers_from_a_killed_server(tmp_path):
    local = tmp_path / "lokal"
    try:
        first = run(local)
        assert first.returncode == 0, first.stderr
        assert "(True, 'langsa_kompetensi')" in first.stdout
        pid = postmaster_pid(local)

        again = run(local)  # reused: same server, no second initdb
        assert again.returncode == 0, again.stderr
        assert postmaster_pid(local) == pid

        os.kill(pid, signal.SIGKILL)  # a crash: postmaster.pid stays behind
        for _ in range(50):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        assert (local / "pgdata" / "postmaster.pid").exists()

        recovered = run(local)
        assert recovered.returncode == 0, recovered.stderr
        assert "(True, 'langsa_kompetensi')" in recovered.stdout
        assert postmaster_pid(local) != pid
    finally:
        run(local, "from langsa_kompetensi import embedded; embedded.stop_server()")
