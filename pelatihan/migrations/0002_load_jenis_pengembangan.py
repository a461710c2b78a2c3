"""Forms of development KL01–KL12 and NKL01–NKL13 (Peraturan LAN 10/2018) with their SIASN ids,
from pelatihan/data/jenis_pengembangan.csv. Idempotent by kode; editable in the admin."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    JenisPengembangan = apps.get_model("pelatihan", "JenisPengembangan")
    with open(DATA / "jenis_pengembangan.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            JenisPengembangan.objects.get_or_create(
                kode=row["kode"],
                defaults={
                    "nama": row["nama"],
                    "jalur": row["jalur"],
                    "siasn_jenis_diklat_id": row["siasn_jenis_diklat_id"],
                },
            )


class Migration(migrations.Migration):
    dependencies = [("pelatihan", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
