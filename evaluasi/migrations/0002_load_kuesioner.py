"""The two questionnaires the system starts with, editable in the admin afterwards:

- level 1 (reaction), from evaluasi/data/kuesioner_reaksi.csv, on the 1–4 Tidak Puas … Sangat Puas
  scale; its Pengajar/Narasumber section is asked once per subject and pengajar, and an open
  section asks for the application plan and comments;
- level 3 (behaviour), from evaluasi/data/kuesioner_perilaku.csv, on the 1–5 Sangat Kurang …
  Sangat Baik scale, filled by the atasan and by the graduate 90 days after the event.

Idempotent by kode."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"

BAGIAN_PER_MATA_PELATIHAN = {"Pengajar/Narasumber"}
BAGIAN_TERBUKA_REAKSI = "Rencana penerapan dan saran"
BUTIR_TERBUKA_REAKSI = [
    (1, "Apa yang akan Anda terapkan dalam pekerjaan Anda sesudah pelatihan ini?",
     "rencana_penerapan", True),
    (2, "Komentar dan saran untuk perbaikan pelatihan berikutnya", "komentar", False),
]


def _bagian(Bagian, kuesioner, nama, cache, **extra):
    if nama not in cache:
        cache[nama] = Bagian.objects.create(
            kuesioner=kuesioner, urutan=len(cache) + 1, nama=nama, **extra
        )
    return cache[nama]


def load(apps, schema_editor):
    Kuesioner = apps.get_model("evaluasi", "Kuesioner")
    Bagian = apps.get_model("evaluasi", "BagianKuesioner")
    Butir = apps.get_model("evaluasi", "ButirKuesioner")

    reaksi, dibuat = Kuesioner.objects.get_or_create(
        kode="REAKSI",
        defaults={
            "nama": "Umpan balik peserta pelatihan",
            "level": 1,
            "skala": "puas4",
            "petunjuk": "Nilailah setiap butir sesuai pengalaman Anda selama pelatihan.",
        },
    )
    if dibuat:
        bagian = {}
        with open(DATA / "kuesioner_reaksi.csv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                nama = row["bagian"]
                b = _bagian(
                    Bagian, reaksi, nama, bagian,
                    per_mata_pelatihan=nama in BAGIAN_PER_MATA_PELATIHAN,
                )
                Butir.objects.create(bagian=b, urutan=int(row["urutan"]), teks=row["butir"])
        b = _bagian(Bagian, reaksi, BAGIAN_TERBUKA_REAKSI, bagian)
        for urutan, teks, penanda, wajib in BUTIR_TERBUKA_REAKSI:
            Butir.objects.create(
                bagian=b, urutan=urutan, teks=teks, jenis="terbuka", penanda=penanda, wajib=wajib
            )

    perilaku, dibuat = Kuesioner.objects.get_or_create(
        kode="PERILAKU",
        defaults={
            "nama": "Evaluasi penerapan hasil pelatihan (3 bulan sesudah pelatihan)",
            "level": 3,
            "skala": "baik5",
            "petunjuk": "Nilailah penerapan hasil pelatihan dalam pekerjaan sehari-hari selama "
            "tiga bulan terakhir.",
        },
    )
    if dibuat:
        bagian = {}
        with open(DATA / "kuesioner_perilaku.csv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                b = _bagian(Bagian, perilaku, row["bagian"], bagian)
                Butir.objects.create(
                    bagian=b,
                    urutan=int(row["urutan"]),
                    teks=row["butir"],
                    jenis=row["jenis"],
                    penanda=row["penanda"],
                    wajib=row["wajib"] == "ya",
                )


class Migration(migrations.Migration):
    dependencies = [("evaluasi", "0001_kuesioner_formulir_tindak_lanjut")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
