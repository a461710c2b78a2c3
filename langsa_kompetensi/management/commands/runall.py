"""`make run`: migrate, fill an empty database with the demo city, then run web, worker and beat
together until Ctrl-C, which stops all of them (and the embedded PostgreSQL) cleanly."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

from pegawai import demo
from pegawai.models import DataDemo, Pegawai, Pengguna

LOGIN_DEMO = [
    (demo.ADMIN_BKPSDM, "Admin BKPSDM"),
    (demo.PIMPINAN, "Pimpinan"),
    (demo.KADIS_DINKES, "Kepala OPD, Dinas Kesehatan"),
    (demo.OPERATOR_DINKES, "Operator OPD, Dinas Kesehatan"),
    (demo.KADIS_DISDIKBUD, "Kepala OPD, Dinas Pendidikan dan Kebudayaan"),
    (demo.ASN_DINKES, "ASN, Dinas Kesehatan"),
]
STOP_TIMEOUT = 15


class Command(BaseCommand):
    help = "Menjalankan seluruh aplikasi: server web, worker Celery dan Celery beat."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000", help="Alamat server web.")
        parser.add_argument(
            "--tanpa-demo", action="store_true", help="Jangan isi data demo pada basis data kosong."
        )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if not options["tanpa_demo"] and not (
            Pegawai.objects.exists() or Pengguna.objects.exists()
        ):
            self.stdout.write("Basis data masih kosong: mengisi data demo Kota Langsa …")
            call_command("seed_demo")
        ada_demo = DataDemo.objects.exists()
        connections.close_all()

        python = sys.executable
        commands = {
            "web": [python, "manage.py", "runserver", options["addr"], "--noreload"],
            "worker": [
                python,
                "-m",
                "celery",
                "-A",
                "langsa_kompetensi",
                "worker",
                "--loglevel",
                "INFO",
                "--concurrency",
                "2",
            ],
            "beat": [
                python,
                "-m",
                "celery",
                "-A",
                "langsa_kompetensi",
                "beat",
                "--loglevel",
                "INFO",
            ],
        }
        processes = {
            # Own sessions: Ctrl-C reaches only this process, which then stops them in order.
            name: subprocess.Popen(cmd, cwd=settings.BASE_DIR, start_new_session=True)
            for name, cmd in commands.items()
        }
        stopping = False

        def request_stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)

        self._banner(options["addr"], ada_demo)
        exit_code = 0
        try:
            while not stopping:
                for name, process in processes.items():
                    if process.poll() is not None:
                        self.stderr.write(f"Proses {name} berhenti (kode {process.returncode}).")
                        exit_code = 1
                        stopping = True
                time.sleep(0.5)
        finally:
            self.stdout.write("\nMenghentikan web, worker dan beat …")
            self._stop(processes)
            if not os.environ.get("DATABASE_URL"):
                from langsa_kompetensi import embedded

                if embedded.stop_server():
                    self.stdout.write("PostgreSQL tertanam dihentikan.")
            self.stdout.write("Selesai.")
        if exit_code:
            sys.exit(exit_code)

    def _stop(self, processes):
        # The main processes only: Celery stops its own pool children on a warm shutdown.
        for process in processes.values():
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + STOP_TIMEOUT
        for process in processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def _banner(self, addr, ada_demo):
        lines = [
            "",
            "=" * 64,
            f"  Langsa Kompetensi berjalan di http://{addr}/",
            f"  Administrasi BKPSDM: http://{addr}/admin/   Kesehatan: http://{addr}/health/",
        ]
        if ada_demo:
            lines.append(
                f"  Login demo (kata sandi {demo.PASSWORD_BAWAAN}, kecuali diganti di seed_demo):"
            )
            lines += [f"    {username:<17} {peran}" for username, peran in LOGIN_DEMO]
            lines.append("  Setiap ASN juga dapat masuk dengan NIP-nya.")
        lines += ["  Tekan Ctrl-C untuk menghentikan semuanya.", "=" * 64, ""]
        self.stdout.write("\n".join(lines))
