"""Reference lists shipped with the project (pegawai/data/*.csv): the OPDs of Kota Langsa, the
grades of PNS and PPPK and the managerial and socio-cultural competencies. All stay editable in the
admin; loading is idempotent (by kode), so an edited row is never overwritten by a re-run."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def _rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def load(apps, schema_editor):
    PerangkatDaerah = apps.get_model("pegawai", "PerangkatDaerah")
    Golongan = apps.get_model("pegawai", "Golongan")
    Kompetensi = apps.get_model("pegawai", "Kompetensi")
    for row in _rows("opd_kota_langsa.csv"):
        PerangkatDaerah.objects.get_or_create(
            kode=row["kode"],
            defaults={"nama": row["nama"], "singkatan": row["singkatan"], "jenis": row["jenis"]},
        )
    for row in _rows("golongan.csv"):
        Golongan.objects.get_or_create(
            untuk=row["jenis_pegawai"],
            kode=row["kode"],
            defaults={
                "pangkat": row["pangkat"],
                "urutan": int(row["urutan"]),
                "siasn_id": row["siasn_id"],
            },
        )
    for row in _rows("kompetensi.csv"):
        Kompetensi.objects.get_or_create(
            kode=row["kode"], defaults={"nama": row["nama"], "jenis": row["jenis"]}
        )


class Migration(migrations.Migration):
    dependencies = [("pegawai", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
