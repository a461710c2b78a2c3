"""One request through the stack on whatever database the environment names: the login page,
then the dashboard and a profile as the demo Admin BKPSDM. Exits non-zero on any surprise."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "langsa_kompetensi.settings")

import django

django.setup()

from django.test import Client
from django.test.utils import setup_test_environment

from pegawai.models import Pegawai

setup_test_environment()
client = Client()
checks = []
response = client.get("/accounts/login/")
checks.append(("GET /accounts/login/", response.status_code == 200))
response = client.post(
    "/accounts/login/",
    {"username": "admin.bkpsdm", "password": os.environ.get("DEMO_PASSWORD", "langsa-demo")},
)
checks.append(("login admin.bkpsdm", response.status_code == 302))
response = client.get("/")
checks.append(("GET / sebagai admin.bkpsdm", response.status_code == 200))
pegawai = Pegawai.objects.order_by("nip").first()
response = client.get(f"/pegawai/{pegawai.nip}/")
checks.append((f"GET /pegawai/{pegawai.nip}/", response.status_code == 200))
response = client.get("/health/")
checks.append(("GET /health/ database ok", response.json()["database"]["ok"]))
response = client.get("/laporan/jp/")
checks.append(("GET /laporan/jp/", response.status_code == 200))
for name, passed in checks:
    print(f"{'OK  ' if passed else 'GAGAL'} {name}")
sys.exit(0 if all(passed for _, passed in checks) else 1)
