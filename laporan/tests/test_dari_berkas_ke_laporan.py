"""End to end: spreadsheets in, JP compliance out. The files are generated here together with the
figures they must produce, computed directly from the generated rows (not through the app), and
compared with what `laporan_jp` reports after `import_pegawai` and `import_riwayat`."""

import csv
import io
import json
import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command

from pegawai.nip import buat_nip_pns, buat_nip_pppk

OPD = {"DINKES": "3.02", "DISDIKBUD": "3.01", "BKPSDM": "2.03"}
BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
TAHUN = (2023, 2024, 2025)
TARGET = 20


def tanggal_indonesia(d: date) -> str:
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def buat_berkas(tmp_path, rng: random.Random):
    """Returns the two files and, per pegawai, what the report must say."""
    pegawai = []
    for i in range(60):
        jenis = rng.choice(["PNS", "PNS", "PNS", "PPPK", "CPNS"])
        kelamin = rng.choice("LP")
        lahir = date(1970, 1, 1) + timedelta(days=rng.randrange(9000))
        if jenis == "PPPK":
            nip = buat_nip_pppk(lahir, 2022, 1, kelamin, i + 1)
        else:
            nip = buat_nip_pns(lahir, date(2019 if jenis == "PNS" else 2025, 3, 1), kelamin, i + 1)
        pegawai.append(
            {
                "nip": nip,
                "nama": f"{rng.choice(['Cut', 'Teuku', 'Nurul', 'Muhammad'])} Pegawai {i}",
                "jenis": jenis,
                "kelamin": kelamin,
                "lahir": lahir,
                "opd": rng.choice(list(OPD)),
                "aktif": rng.random() > 0.1,
            }
        )

    berkas_pegawai = tmp_path / "pegawai.csv"
    with open(berkas_pegawai, "w", encoding="cp1252", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(
            [
                "NIP",
                "Nama",
                "Jenis Pegawai",
                "Perangkat Daerah",
                "Jabatan",
                "Jenis Jabatan",
                "Jenis Kelamin",
                "Tanggal Lahir",
                "Golongan",
                "Aktif",
            ]
        )
        for p in pegawai:
            golongan = "IX" if p["jenis"] == "PPPK" else "III/a"
            w.writerow(
                [
                    p["nip"],
                    p["nama"],
                    p["jenis"].lower(),
                    p["opd"],
                    "Pengelola Data",
                    "Pelaksana",
                    p["kelamin"],
                    tanggal_indonesia(p["lahir"]),
                    golongan,
                    "Ya" if p["aktif"] else "Tidak",
                ]
            )

    jp = defaultdict(int)  # (nip, year) -> JP that must count
    berkas_riwayat = tmp_path / "riwayat.csv"
    with open(berkas_riwayat, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "NIP",
                "NAMA_PELATIHAN",
                "JENIS_PENGEMBANGAN",
                "TANGGAL_MULAI",
                "TANGGAL_SELESAI",
                "JP",
                "PENYELENGGARA",
            ]
        )
        for n in range(400):
            p = rng.choice(pegawai)
            tahun = rng.choice(TAHUN)
            selesai = date(tahun, 1, 1) + timedelta(days=rng.randrange(365))
            # Some trainings start in the previous year: they count in the year they end.
            mulai = selesai - timedelta(days=rng.choice([0, 2, 4, 30]))
            nilai = rng.randint(2, 16)
            nama = f"Pelatihan {n}"
            w.writerow(
                [
                    p["nip"],
                    nama,
                    rng.choice(["KL03", "KL10", "NKL03", "E-Learning"]),
                    mulai.isoformat(),
                    selesai.strftime("%d/%m/%Y"),
                    nilai,
                    "BPSDM Aceh",
                ]
            )
            jp[p["nip"], tahun] += nilai
            if n % 50 == 0:  # a second copy in the same file: rejected, counted once
                w.writerow(
                    [
                        p["nip"],
                        f"  pelatihan  {n} ",
                        "KL03",
                        mulai.isoformat(),
                        selesai.strftime("%d/%m/%Y"),
                        nilai,
                        "BPSDM Aceh",
                    ]
                )
        # Rows that must be rejected and never counted.
        w.writerow(
            ["199001012015031999", "NIP tak dikenal", "KL03", "2024-01-01", "2024-01-02", 5, ""]
        )
        w.writerow([pegawai[0]["nip"], "JP nol", "KL03", "2024-01-01", "2024-01-02", 0, ""])
        w.writerow([pegawai[0]["nip"], "Terbalik", "KL03", "2024-02-05", "2024-02-01", 4, ""])
        w.writerow([pegawai[0]["nip"], "Masa depan", "KL03", "2099-01-01", "2099-01-02", 4, ""])
    ditolak = 4 + 8  # the four bad rows and the eight second copies
    return berkas_pegawai, berkas_riwayat, pegawai, jp, ditolak


def dua_desimal(nilai: Decimal) -> float:
    return float(nilai.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def run_json(*args) -> object:
    out = io.StringIO()
    try:
        call_command(*args, stdout=out)
    except SystemExit as exc:  # the import commands exit 1 when rows were rejected
        assert exc.code in (0, 1)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_the_report_equals_the_files_for_every_year(tmp_path):
    berkas_pegawai, berkas_riwayat, pegawai, jp, ditolak = buat_berkas(tmp_path, random.Random(7))

    hasil = run_json("import_pegawai", str(berkas_pegawai), "--json")
    assert (hasil["created"], hasil["rejected"]) == (60, [])
    hasil = run_json("import_riwayat", str(berkas_riwayat), "--json")
    assert hasil["created"] == 400
    assert len({r["row"] for r in hasil["rejected"]}) == ditolak

    for tahun in TAHUN:
        aktif = [p for p in pegawai if p["aktif"]]
        per_pegawai = run_json(
            "laporan_jp", "--tahun", str(tahun), "--per", "pegawai", "--format", "json"
        )
        assert {r["nip"]: (r["total_jp"], r["memenuhi_target"]) for r in per_pegawai} == {
            p["nip"]: (jp[p["nip"], tahun], jp[p["nip"], tahun] >= TARGET) for p in aktif
        }

        per_opd = run_json("laporan_jp", "--tahun", str(tahun), "--per", "opd", "--format", "json")
        harapan = []
        for singkatan, kode in sorted(OPD.items(), key=lambda item: item[1]):
            anggota = [p for p in aktif if p["opd"] == singkatan]
            if not anggota:
                continue
            total = sum(jp[p["nip"], tahun] for p in anggota)
            memenuhi = sum(jp[p["nip"], tahun] >= TARGET for p in anggota)
            harapan.append(
                {
                    "kode_opd": kode,
                    "jumlah_asn": len(anggota),
                    "memenuhi_target": memenuhi,
                    "persen_memenuhi": dua_desimal(Decimal(memenuhi * 100) / len(anggota)),
                    "total_jp": total,
                    "rata_rata_jp": dua_desimal(Decimal(total) / len(anggota)),
                }
            )
        assert [{k: r[k] for k in harapan[0]} for r in per_opd] == harapan

    # Importing the same files again changes nothing.
    again = run_json("import_pegawai", str(berkas_pegawai), "--json")
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 60)
    again = run_json("import_riwayat", str(berkas_riwayat), "--json")
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 400)
