"""Imports and the JP report at city scale: 50,000 pegawai and about 110,000 ledger rows.

Builds a database of its own (``langsa_bench_jp``) on the configured server (DATABASE_URL, or the
embedded PostgreSQL) and writes two realistic files, deterministically from a seed: pegawai in the
DESIGN §6 format (semicolons and a BOM as Indonesian Excel writes them, valid NIPs, every OPD by
its singkatan, jabatan, golongan in several spellings, names with titles, dates in several forms,
chains of NIP_ATASAN) and riwayat pengembangan over 2022–2026 (KL/NKL codes or names, events
with many participants). Then, in one run against the same data:

- PostgreSQL's own ``COPY`` of both files into plain tables of text columns (psycopg), against
  ``pegawai_import`` and ``riwayat_import`` run in this process — goal: at most 15×; beside it
  two floors: ``COPY`` of the imported rows themselves back into the real tables row by row,
  with all their indexes and deferred foreign-key checks, and the same through
  ``pegawai.impor_massal`` (indexes rebuilt and foreign keys checked once, as the imports of a
  large file do): the database's share of the imports;
- peak memory of ``manage.py import_pegawai`` and ``import_riwayat`` in child processes — goal:
  under 500 MB each;
- ``laporan_jp --per opd --format json`` (call_command, Django's start-up excluded) against a
  hand-written SQL aggregate — goal: at most 3×, and the same numbers;
- the per-pegawai XLSX export of everyone (``/laporan/jp/pegawai.xlsx`` through the test client
  as Admin BKPSDM, and ``laporan_jp --per pegawai --format xlsx``) in child processes — goal:
  peak memory under 300 MB.

Prints a table of measurements, baselines, ratios and verdicts. Exits 0 whatever the verdicts
(a benchmark reports; the lines marked TIDAK say which goal is missed).

    python bench/impor_laporan_jp.py [--pegawai 50000] [--riwayat 110000] [--ulang 3]
                                     [--seed 2026] [--basis-data langsa_bench_jp]
"""

import argparse
import csv
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._bersama import (
    database_url,
    jalankan_anak,
    median_ms,
    psycopg_params,
    recreate_database,
    setup_django,
)

DB_NAME = "langsa_bench_jp"
TAHUN_LAPORAN = 2025
SASARAN_IMPOR = 15
SASARAN_LAPORAN = 3
MAKS_MB_IMPOR = 500
MAKS_MB_EKSPOR = 300

# ---------------------------------------------------------------------------------------------
# The files
# ---------------------------------------------------------------------------------------------

NAMA_BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)  # fmt: skip

# Share of the city's staff per OPD (the rest: 1 each); schools and health centres are large.
BOBOT_OPD = {"DISDIKBUD": 40, "DINKES": 12, "RSUD": 9, "SETDA": 3, "BPKD": 2, "DPUPR": 2}

PELAKSANA = (
    "Pengadministrasi Perkantoran",
    "Penata Layanan Operasional",
    "Pengelola Layanan Operasional",
    "Operator Layanan Operasional",
)
FUNGSIONAL = {
    "pendidikan": (
        ("Guru", ("Ahli Pertama", "Ahli Muda", "Ahli Madya"), 10),
        ("Pengawas Sekolah", ("Ahli Muda", "Ahli Madya"), 0.3),
        ("Pustakawan", ("Terampil", "Ahli Pertama"), 0.3),
    ),
    "kesehatan": (
        ("Perawat", ("Terampil", "Mahir", "Ahli Pertama", "Ahli Muda"), 5),
        ("Bidan", ("Terampil", "Mahir", "Ahli Pertama"), 3),
        ("Dokter", ("Ahli Pertama", "Ahli Muda", "Ahli Madya"), 1),
        ("Apoteker", ("Ahli Pertama", "Ahli Muda"), 0.5),
        ("Nutrisionis", ("Terampil", "Ahli Pertama"), 0.5),
        ("Sanitarian", ("Terampil", "Ahli Pertama"), 0.5),
        ("Pranata Laboratorium Kesehatan", ("Terampil", "Mahir"), 0.5),
    ),
    "umum": (
        ("Analis Kebijakan", ("Ahli Pertama", "Ahli Muda"), 1),
        ("Pranata Komputer", ("Terampil", "Ahli Pertama"), 0.6),
        ("Arsiparis", ("Terampil", "Ahli Pertama"), 0.5),
        ("Analis Sumber Daya Manusia Aparatur", ("Ahli Pertama", "Ahli Muda"), 0.5),
        ("Perencana", ("Ahli Pertama", "Ahli Muda"), 0.5),
        ("Auditor", ("Ahli Pertama", "Ahli Muda"), 0.3),
        ("Polisi Pamong Praja", ("Terampil", "Mahir"), 0.3),
    ),
}
UNIT = {
    "pendidikan": (
        *(f"SD Negeri {i} Langsa" for i in range(1, 41)),
        *(f"SMP Negeri {i} Langsa" for i in range(1, 11)),
        "Sekretariat",
        "Bidang Pembinaan Sekolah Dasar",
        "Bidang Pembinaan Sekolah Menengah Pertama",
    ),
    "kesehatan": (
        "Puskesmas Langsa Kota",
        "Puskesmas Langsa Baro",
        "Puskesmas Langsa Lama",
        "Puskesmas Langsa Timur",
        "Puskesmas Langsa Barat",
        "Puskesmas Lhok Banie",
        "Instalasi Rawat Inap",
        "Instalasi Gawat Darurat",
        "Sekretariat",
        "Bidang Pelayanan Kesehatan",
        "Bidang Kesehatan Masyarakat",
    ),
    "umum": ("Sekretariat", "Bidang Perencanaan", "Bidang Pelayanan", "Bidang Pengembangan"),
}
GELAR = {
    "pendidikan": (("", "S.Pd."), ("", "S.Pd.I."), ("", "S.Ag."), ("", "M.Pd.")),
    "kesehatan": (
        ("", "A.Md.Kep."), ("Ns.", "S.Kep."), ("", "A.Md.Keb."), ("dr.", ""), ("", "S.KM."),
    ),
    "umum": (
        ("", "S.E."), ("", "S.Sos."), ("", "S.H."), ("", "S.Kom."), ("", "S.T."), ("", "M.Si."),
    ),
}  # fmt: skip
TEMPAT_LAHIR = ("Langsa", "Langsa", "Langsa", "Aceh Timur", "Aceh Tamiang", "Medan", "Bireuen")
GOLONGAN_PNS = (
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
)  # fmt: skip
PANGKAT = (
    "Juru Muda", "Juru Muda Tingkat I", "Juru", "Juru Tingkat I", "Pengatur Muda",
    "Pengatur Muda Tingkat I", "Pengatur", "Pengatur Tingkat I", "Penata Muda",
    "Penata Muda Tingkat I", "Penata", "Penata Tingkat I", "Pembina", "Pembina Tingkat I",
    "Pembina Utama Muda", "Pembina Utama Madya", "Pembina Utama",
)  # fmt: skip
ROMAWI = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
    "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)  # fmt: skip

PELATIHAN = (
    ("Pelatihan Dasar CPNS Golongan III", "KL02", "BPSDM Aceh", 60, 20),
    ("Pelatihan Kepemimpinan Pengawas", "KL01", "BPSDM Aceh", 60, 25),
    ("Pelatihan Kepemimpinan Administrator", "KL01", "BPSDM Aceh", 60, 30),
    ("Bimbingan Teknis Penyusunan SAKIP", "KL10", "BKPSDM Kota Langsa", 24, 3),
    ("Bimbingan Teknis Pengelolaan Keuangan Daerah", "KL10", "BPKD Kota Langsa", 24, 3),
    ("Bimbingan Teknis Aplikasi SIPD", "KL10", "Kementerian Dalam Negeri", 16, 2),
    ("Pelatihan Teknis Pengadaan Barang/Jasa", "KL03", "LKPP", 40, 5),
    ("Pelatihan Teknis Kearsipan", "KL03", "ANRI", 30, 4),
    ("Pelatihan Fungsional Guru Penggerak", "KL04", "Kemendikbudristek", 40, 6),
    ("Pelatihan Implementasi Kurikulum Merdeka", "KL03", "Dinas Pendidikan Aceh", 32, 4),
    ("Pelatihan Pelayanan Prima", "KL03", "BKPSDM Kota Langsa", 24, 3),
    ("Pelatihan Penanganan Kegawatdaruratan (BTCLS)", "KL04", "Kementerian Kesehatan", 40, 5),
    ("Pelatihan Manajemen Puskesmas", "KL03", "Bapelkes Aceh", 36, 5),
    ("Seminar Reformasi Birokrasi", "KL06", "BKPSDM Kota Langsa", 8, 1),
    ("Workshop Penyusunan Analisis Jabatan", "KL07", "BKPSDM Kota Langsa", 16, 2),
    ("Sosialisasi Manajemen Talenta ASN", "KL11", "BKN Regional XIII", 4, 1),
    ("Kursus Bahasa Inggris", "KL08", "Universitas Samudra", 40, 10),
    ("Pelatihan Sosial Kultural Moderasi Beragama", "KL05", "Kementerian Agama", 24, 3),
    ("Coaching Kinerja", "NKL01", "BKPSDM Kota Langsa", 4, 1),
    ("Mentoring Aktualisasi Latsar", "NKL02", "BKPSDM Kota Langsa", 8, 1),
    ("E-Learning Literasi Digital", "NKL03", "LAN RI", 10, 5),
    ("E-Learning Wawasan Kebangsaan", "E-Learning", "LAN RI", 8, 3),
    ("Pelatihan Jarak Jauh Manajemen ASN", "NKL04", "BPSDM Kemendagri", 20, 5),
    ("Benchmarking Mal Pelayanan Publik", "NKL07", "BKPSDM Kota Langsa", 8, 2),
    ("Belajar Mandiri MOOC ASN", "Belajar Mandiri (Self Development)", "ASN Unggul", 6, 7),
    ("Komunitas Belajar Guru", "NKL10", "Dinas Pendidikan dan Kebudayaan", 4, 1),
    ("Bimbingan di Tempat Kerja Penyusunan SKP", "NKL11", "BKPSDM Kota Langsa", 4, 1),
    ("Magang Pelayanan Perizinan", "NKL12", "DPMPTSP Provinsi Aceh", 30, 10),
)


def _pilih_berbobot(rng, pilihan):
    return rng.choices([p for p, _ in pilihan], weights=[b for _, b in pilihan])[0]


def _tanggal_teks(rng, tanggal: date) -> str:
    r = rng.random()
    if r < 0.70:
        return f"{tanggal:%d-%m-%Y}"
    if r < 0.85:
        return tanggal.isoformat()
    if r < 0.95:
        return f"{tanggal.day} {NAMA_BULAN[tanggal.month - 1]} {tanggal.year}"
    return f"{tanggal:%d/%m/%Y}"


def _golongan_teks(rng, urutan: int, jenis: str) -> str:
    if jenis == "PPPK":
        return str(urutan) if rng.random() < 0.1 else ROMAWI[urutan - 1]
    kode = GOLONGAN_PNS[urutan - 1]
    r = rng.random()
    if r < 0.70:
        return kode
    if r < 0.80:
        return kode.replace("/", ".")
    if r < 0.85:
        return f"{ROMAWI.index(kode.split('/')[0]) + 1}{kode[-1]}"
    if r < 0.95:
        return f"{PANGKAT[urutan - 1]} ({kode})"
    return PANGKAT[urutan - 1]


def _rumpun(singkatan: str) -> str:
    if singkatan == "DISDIKBUD":
        return "pendidikan"
    if singkatan in ("DINKES", "RSUD"):
        return "kesehatan"
    return "umum"


def tulis_berkas_pegawai(path: Path, opds: list[tuple[str, str]], jumlah: int, rng) -> list:
    """``opds``: (singkatan, nama) in kode order. Returns (nip, jenis, aktif) per row."""
    from pegawai.demo import buat_email, buat_nama, buat_no_hp
    from pegawai.nip import buat_nip_pns, buat_nip_pppk

    bobot = [BOBOT_OPD.get(s, 1.5 if s.startswith("KEC-") else 1) for s, _ in opds]
    per_opd = [max(8, round(jumlah * b / sum(bobot))) for b in bobot]
    per_opd[0] += jumlah - sum(per_opd)  # SETDA absorbs the rounding
    nip_terpakai: set[str] = set()
    email_terpakai: set[str] = set()
    ringkas = []
    sekda = None

    def buat_nip(jenis, lahir, jk, tahun_angkat):
        while True:
            urut = rng.randrange(1, 1000)
            if jenis == "PPPK":
                nip = buat_nip_pppk(lahir, tahun_angkat, rng.choice((1, 1, 2, 3)), jk, urut)
            else:
                nip = buat_nip_pns(lahir, date(tahun_angkat, rng.randrange(1, 13), 1), jk, urut)
            if nip not in nip_terpakai:
                nip_terpakai.add(nip)
                return nip

    kolom = [
        "NIP", "NAMA", "JENIS_PEGAWAI", "JENIS_KELAMIN", "TEMPAT_LAHIR", "TANGGAL_LAHIR",
        "GOLONGAN", "PERANGKAT_DAERAH", "UNIT_KERJA", "JABATAN", "JENIS_JABATAN", "EMAIL",
        "NO_HP", "NIP_ATASAN", "AKTIF",
    ]  # fmt: skip
    with open(path, "w", encoding="utf-8-sig", newline="") as berkas:
        tulis = csv.writer(berkas, delimiter=";").writerow
        tulis(kolom)
        for (singkatan, nama_opd), n in zip(opds, per_opd, strict=True):
            rumpun = _rumpun(singkatan)
            unit = UNIT[rumpun]
            kepala = ""
            kabid: list[str] = []
            kasi: list[str] = []
            jumlah_kabid = max(1, n // 60)
            jumlah_kasi = max(2, n // 20)
            for i in range(n):
                jk = "P" if rng.random() < 0.5 else "L"
                atasan = ""
                if i == 0:
                    jenis, jenis_jabatan = "PNS", "JPT Pratama"
                    jabatan = f"Kepala {nama_opd}" if singkatan != "SETDA" else "Sekretaris Daerah"
                    if singkatan == "SETDA":
                        jenis_jabatan = "JPT Madya"
                    golongan = rng.choice((14, 15))
                    atasan = sekda or ""
                    unit_kerja = ""
                elif i <= jumlah_kabid:
                    jenis, jenis_jabatan, golongan = "PNS", "Administrator", rng.choice((13, 14))
                    unit_kerja = rng.choice(unit)
                    jabatan = f"Kepala {unit_kerja}"
                    atasan = kepala
                elif i <= jumlah_kabid + jumlah_kasi:
                    jenis, jenis_jabatan, golongan = "PNS", "Pengawas", rng.choice((11, 12))
                    unit_kerja = rng.choice(unit)
                    jabatan = f"Kepala Subbagian {unit_kerja.split()[-1]}"
                    atasan = rng.choice(kabid)
                else:
                    r = rng.random()
                    jenis = "PPPK" if r < 0.27 else "CPNS" if r < 0.32 else "PNS"
                    unit_kerja = rng.choice(unit) if rng.random() < 0.9 else ""
                    if rng.random() < (0.3 if rumpun == "umum" else 0.85):
                        nama_f, jenjang, _ = rng.choices(
                            FUNGSIONAL[rumpun], weights=[f[2] for f in FUNGSIONAL[rumpun]]
                        )[0]
                        jabatan = f"{nama_f} {rng.choice(jenjang)}"
                        jenis_jabatan = "Fungsional"
                    else:
                        jabatan, jenis_jabatan = rng.choice(PELAKSANA), "Pelaksana"
                    if jenis == "PPPK":
                        golongan = rng.choice((5, 7, 9, 9, 10))
                    elif jenis == "CPNS":
                        golongan = rng.choice((5, 7, 9))
                    else:
                        golongan = rng.randrange(5, 13)
                    if rng.random() < 0.7:
                        atasan = rng.choice(kasi)
                # Birth and appointment consistent with the NIP rules of DESIGN §5.
                if jenis == "PPPK":
                    lahir = date(1968, 1, 1) + timedelta(days=rng.randrange(0, 365 * 32))
                    angkat = rng.randrange(max(2019, lahir.year + 20), 2026)
                elif jenis == "CPNS":
                    lahir = date(1992, 1, 1) + timedelta(days=rng.randrange(0, 365 * 9))
                    angkat = 2024
                else:
                    lahir = date(1966, 1, 1) + timedelta(days=rng.randrange(0, 365 * 30))
                    angkat = rng.randrange(lahir.year + 20, min(lahir.year + 35, 2023) + 1)
                nip = buat_nip(jenis, lahir, jk, angkat)
                if i == 0:
                    kepala = nip
                    if singkatan == "SETDA":
                        sekda = nip
                elif i <= jumlah_kabid:
                    kabid.append(nip)
                elif i <= jumlah_kabid + jumlah_kasi:
                    kasi.append(nip)
                nama = buat_nama(rng, jk)
                depan, belakang = rng.choice(GELAR[rumpun]) if rng.random() < 0.6 else ("", "")
                nama_lengkap = f"{depan} {nama}".strip() + (f", {belakang}" if belakang else "")
                aktif = rng.random() >= 0.01
                tulis(
                    [
                        nip,
                        nama_lengkap,
                        jenis,
                        jk if rng.random() < 0.8 else {"L": "Laki-laki", "P": "Perempuan"}[jk],
                        rng.choice(TEMPAT_LAHIR),
                        _tanggal_teks(rng, lahir),
                        _golongan_teks(rng, golongan, jenis),
                        singkatan,
                        unit_kerja,
                        jabatan,
                        jenis_jabatan,
                        buat_email(nama, nip, email_terpakai) if rng.random() < 0.7 else "",
                        buat_no_hp(rng) if rng.random() < 0.8 else "",
                        atasan,
                        "Ya" if aktif else "Tidak",
                    ]
                )
                ringkas.append((nip, jenis, aktif))
    return ringkas


def tulis_berkas_riwayat(path: Path, pegawai: list, jumlah: int, rng, akhir: date) -> int:
    """Ledger rows over 2022 to ``akhir``: events with many participants, plus personal
    learning (e-learning, coaching) with dates of its own."""
    hari = (akhir - date(2022, 1, 1)).days
    kegiatan = []
    for k in range(jumlah // 40):
        nama, jenis, penyelenggara, jp, durasi = rng.choice(PELATIHAN)
        mulai = date(2022, 1, 1) + timedelta(days=rng.randrange(0, hari - durasi))
        selesai = mulai + timedelta(days=durasi - 1)
        kegiatan.append((f"{nama} Angkatan {k % 9 + 1}", jenis, penyelenggara, jp, mulai, selesai))
    baris: list[tuple] = []
    sudah: set[tuple] = set()
    while len(baris) < jumlah:
        nip = rng.choice(pegawai)[0]
        if rng.random() < 0.8:
            nama, jenis, penyelenggara, jp, mulai, selesai = rng.choice(kegiatan)
        else:
            nama, jenis, penyelenggara, jp, durasi = rng.choice(PELATIHAN)
            mulai = date(2022, 1, 1) + timedelta(days=rng.randrange(0, hari - durasi))
            selesai = mulai + timedelta(days=durasi - 1)
            jp = max(1, jp + rng.randrange(-2, 3))
        if (nip, nama, mulai, selesai) in sudah:
            continue
        sudah.add((nip, nama, mulai, selesai))
        baris.append((nip, nama, jenis, penyelenggara, mulai, selesai, jp))
    # A SIASN-like export: per pegawai, oldest first.
    baris.sort(key=lambda b: (b[0], b[4]))
    with open(path, "w", encoding="utf-8-sig", newline="") as berkas:
        tulis = csv.writer(berkas, delimiter=";").writerow
        tulis(
            [
                "NIP",
                "NAMA_PELATIHAN",
                "JENIS_PENGEMBANGAN",
                "PENYELENGGARA",
                "TANGGAL_MULAI",
                "TANGGAL_SELESAI",
                "JP",
                "NOMOR_SERTIFIKAT",
                "TANGGAL_SERTIFIKAT",
            ]
        )
        for i, (nip, nama, jenis, penyelenggara, mulai, selesai, jp) in enumerate(baris):
            sertifikat = rng.random() < 0.7
            tulis(
                [
                    nip,
                    nama,
                    jenis,
                    penyelenggara,
                    _tanggal_teks(rng, mulai),
                    _tanggal_teks(rng, selesai),
                    jp,
                    f"800/{i + 1:06d}/SERT/{selesai.year}" if sertifikat else "",
                    _tanggal_teks(rng, selesai) if sertifikat else "",
                ]
            )
    return len(baris)


# ---------------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------------


def copy_detik(url: str, path: Path, tabel: str) -> float:
    """COPY of the file, as it is, into a fresh plain table of text columns; seconds."""
    import psycopg

    with open(path, encoding="utf-8-sig") as berkas:
        jumlah_kolom = len(next(csv.reader(berkas, delimiter=";")))
    kolom = ", ".join(f"k{i} text" for i in range(jumlah_kolom))
    with psycopg.connect(**psycopg_params(url)) as conn:
        conn.execute(f"DROP TABLE IF EXISTS {tabel}")
        conn.execute(f"CREATE TABLE {tabel} ({kolom})")
        conn.commit()
        start = time.perf_counter()
        with (
            conn.cursor() as cur,
            cur.copy(f"COPY {tabel} FROM STDIN (FORMAT csv, HEADER true, DELIMITER ';')") as cp,
            open(path, "rb") as berkas,
        ):
            while potongan := berkas.read(1 << 20):
                cp.write(potongan)
        conn.commit()
        detik = time.perf_counter() - start
        conn.execute(f"DROP TABLE {tabel}")
        conn.commit()
    return detik


def copy_tabel_asli(url: str) -> tuple[float, float]:
    """Dump pegawai and riwayat as they are, empty both, COPY them back; seconds for each."""
    import psycopg

    tabel = ("pegawai_pegawai", "pelatihan_riwayatpengembangan")
    with psycopg.connect(**psycopg_params(url)) as conn:
        isi = {}
        for nama in tabel:
            with conn.cursor().copy(f"COPY (SELECT * FROM {nama} ORDER BY id) TO STDOUT") as cp:
                isi[nama] = b"".join(bytes(blok) for blok in cp)
        conn.execute(f"TRUNCATE {', '.join(tabel)} CASCADE")
        conn.commit()
        detik = []
        for nama in tabel:
            start = time.perf_counter()
            with conn.cursor().copy(f"COPY {nama} FROM STDIN") as cp:
                cp.write(isi[nama])
            conn.commit()
            detik.append(time.perf_counter() - start)
    return detik[0], detik[1]


def copy_tabel_massal() -> tuple[float, float]:
    """The same, through ``pegawai.impor_massal`` as the imports of a large file do it: in one
    transaction per table, foreign keys and non-unique indexes dropped, COPY, then rebuilt and
    checked once. The database's share of such an import; seconds for each table."""
    from django.db import connection, transaction

    from pegawai.impor_massal import BATAS_BARIS, muat_massal
    from pegawai.models import Pegawai
    from pelatihan.models import RiwayatPengembangan

    model = (Pegawai, RiwayatPengembangan)
    isi = {}
    with connection.cursor() as cursor:
        for m in model:
            tabel = m._meta.db_table
            cursor.execute(f"SELECT count(*) FROM {tabel}")
            jumlah = cursor.fetchone()[0]
            with cursor.copy(f"COPY (SELECT * FROM {tabel} ORDER BY id) TO STDOUT") as cp:
                isi[m] = (jumlah, b"".join(bytes(blok) for blok in cp))
        cursor.execute(f"TRUNCATE {', '.join(m._meta.db_table for m in model)} CASCADE")
    detik = []
    for m in model:
        jumlah, data = isi[m]
        start = time.perf_counter()
        # Whatever the size given to this benchmark (the imports load in bulk only from
        # impor_massal.BATAS_BARIS rows on).
        with transaction.atomic(), muat_massal(m, jumlah=max(jumlah, BATAS_BARIS)) as massal:
            if not massal:
                raise SystemExit(f"{m._meta.db_table}: tidak dimuat massal")
            with (
                connection.cursor() as cursor,
                cursor.copy(f"COPY {m._meta.db_table} FROM STDIN") as cp,
            ):
                cp.write(data)
        detik.append(time.perf_counter() - start)
    return detik[0], detik[1]


def kosongkan() -> None:
    """An empty city again (reference data stays): what a first import meets."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE pelatihan_riwayatpengembangan, pegawai_pegawai, pegawai_unitkerja,"
            " pegawai_jabatan CASCADE"
        )


def impor_detik(fungsi, path: Path, harapan: int) -> float:
    start = time.perf_counter()
    hasil = fungsi(path, nama_berkas=path.name)
    detik = time.perf_counter() - start
    if hasil.rejected or hasil.created + hasil.updated + hasil.unchanged != harapan:
        contoh = [p.as_dict() for p in hasil.rejected[:3]]
        raise SystemExit(f"{path.name}: {hasil.as_dict()['created']} dibuat; ditolak {contoh}")
    return detik


SQL_REKAP_OPD = """
    SELECT o.kode, o.nama, COUNT(*),
           COUNT(*) FILTER (WHERE t.jp >= t.target),
           ROUND(100.0 * COUNT(*) FILTER (WHERE t.jp >= t.target) / COUNT(*), 2),
           SUM(t.jp),
           ROUND(SUM(t.jp)::numeric / COUNT(*), 2)
    FROM (
        SELECT p.perangkat_daerah_id AS opd_id,
               COALESCE(r.jp, 0) AS jp,
               CASE p.jenis_pegawai WHEN 'PNS' THEN %(pns)s WHEN 'CPNS' THEN %(cpns)s
                    WHEN 'PPPK' THEN %(pppk)s END AS target
        FROM pegawai_pegawai p
        LEFT JOIN (
            SELECT pegawai_id, SUM(jp) AS jp FROM pelatihan_riwayatpengembangan
            WHERE status = 'terverifikasi' AND tanggal_selesai BETWEEN %(awal)s AND %(akhir)s
            GROUP BY pegawai_id
        ) r ON r.pegawai_id = p.id
        WHERE p.aktif
    ) t
    JOIN pegawai_perangkatdaerah o ON o.id = t.opd_id
    GROUP BY o.id
    ORDER BY o.kode
"""


def anak_xlsx(args) -> None:
    """Child process: the per-pegawai XLSX through the view, as Admin BKPSDM, to a file."""
    setup_django(os.environ["DATABASE_URL"])
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    client = Client()
    client.force_login(get_user_model().objects.get(username=args.pengguna))
    start = time.perf_counter()
    response = client.get("/laporan/jp/pegawai.xlsx", {"tahun": args.tahun})
    if response.status_code != 200:
        raise SystemExit(f"HTTP {response.status_code}")
    with open(args.keluaran, "wb") as berkas:
        for potongan in response.streaming_content:
            berkas.write(potongan)
    print(json.dumps({"detik": time.perf_counter() - start}))


def jumlah_baris_xlsx(path: str) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        return sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    finally:
        wb.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pegawai", type=int, default=50_000)
    parser.add_argument("--riwayat", type=int, default=110_000)
    parser.add_argument("--ulang", type=int, default=3, help="pengulangan impor")
    parser.add_argument("--ulang-laporan", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--basis-data", default=DB_NAME, help="dibuang dan dibuat ulang")
    parser.add_argument("--anak-xlsx", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--pengguna", help=argparse.SUPPRESS)
    parser.add_argument("--tahun", type=int, default=TAHUN_LAPORAN, help=argparse.SUPPRESS)
    parser.add_argument("--keluaran", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.anak_xlsx:
        anak_xlsx(args)
        return

    url = database_url(args.basis_data)
    recreate_database(url)
    setup_django(url)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from pegawai.impor import pegawai_import
    from pegawai.models import Peran, PerangkatDaerah
    from pegawai.services import peran_assign
    from pelatihan.impor import riwayat_import

    call_command("migrate", verbosity=0)
    folder = Path(tempfile.mkdtemp(prefix="bench-jp-"))
    berkas_pegawai = folder / "pegawai.csv"
    berkas_riwayat = folder / "riwayat.csv"
    rng = random.Random(args.seed)
    opds = list(PerangkatDaerah.objects.order_by("kode").values_list("singkatan", "nama"))
    ringkas = tulis_berkas_pegawai(berkas_pegawai, opds, args.pegawai, rng)
    # Fixed, so that the file is the same every day; never after yesterday (the importer rejects
    # end dates in the future).
    akhir = min(date(2026, 10, 31), date.today() - timedelta(days=1))
    jumlah_riwayat = tulis_berkas_riwayat(berkas_riwayat, ringkas, args.riwayat, rng, akhir)

    python = sys.executable
    hasil: list[tuple] = []  # (pengukuran, waktu, pembanding, rasio, sasaran, lolos)

    # a. PostgreSQL's own COPY of the same files.
    copy = {
        nama: statistics.median(copy_detik(url, path, f"mentah_{nama}") for _ in range(args.ulang))
        for nama, path in (("pegawai", berkas_pegawai), ("riwayat", berkas_riwayat))
    }

    # b. The two imports through the services, in this process, into an empty city.
    waktu_pegawai, waktu_riwayat, waktu_total = [], [], []
    for _ in range(args.ulang):
        kosongkan()
        p = impor_detik(pegawai_import, berkas_pegawai, args.pegawai)
        r = impor_detik(riwayat_import, berkas_riwayat, jumlah_riwayat)
        waktu_pegawai.append(p)
        waktu_riwayat.append(r)
        waktu_total.append(p + r)
    # The same files once more: nothing changes (DESIGN §6).
    ulang_pegawai = impor_detik(pegawai_import, berkas_pegawai, args.pegawai)
    ulang_riwayat = impor_detik(riwayat_import, berkas_riwayat, jumlah_riwayat)

    # The floor of any import that keeps the schema: PostgreSQL's own COPY of the imported rows
    # (already checked, ids resolved) into the real tables, with their indexes, constraints and
    # foreign-key checks at commit; and the same as the bulk load the imports of a large file do
    # (pegawai.impor_massal): the database's share of those imports.
    lantai = [copy_tabel_asli(url) for _ in range(args.ulang)]
    lantai_total = statistics.median(p + r for p, r in lantai)
    massal = [copy_tabel_massal() for _ in range(args.ulang)]
    massal_total = statistics.median(p + r for p, r in massal)

    # Peak memory of the commands, each in a child process of its own, into an empty city.
    kosongkan()
    connection.close()
    anak = {}
    for nama, perintah, path in (
        ("pegawai", "import_pegawai", berkas_pegawai),
        ("riwayat", "import_riwayat", berkas_riwayat),
    ):
        anak[nama] = jalankan_anak([python, "manage.py", perintah, str(path), "--json"], url=url)
        if anak[nama].status != 0:
            raise SystemExit(f"{perintah}: status {anak[nama].status}\n{anak[nama].stderr[-2000:]}")
    kosong = jalankan_anak([python, "manage.py", "check"], url=url)

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")

    # c. laporan_jp --per opd against the hand-written aggregate.
    target = settings.JP_TARGET_PER_TAHUN
    params = {
        "pns": target["PNS"],
        "cpns": target["CPNS"],
        "pppk": target["PPPK"],
        "awal": date(TAHUN_LAPORAN, 1, 1),
        "akhir": date(TAHUN_LAPORAN, 12, 31),
    }
    keluaran = io.StringIO()

    def laporan():
        keluaran.seek(0)
        keluaran.truncate()
        call_command("laporan_jp", tahun=TAHUN_LAPORAN, per="opd", format="json", stdout=keluaran)

    raw = connection.cursor()

    def sql():
        raw.execute(SQL_REKAP_OPD, params)
        return raw.fetchall()

    laporan_ms = median_ms(laporan, args.ulang_laporan)
    sql_ms = median_ms(sql, args.ulang_laporan)
    dari_perintah = [tuple(b.values()) for b in json.loads(keluaran.getvalue())]
    dari_sql = [(*b[:4], float(b[4]), int(b[5]), float(b[6])) for b in sql()]
    if dari_perintah != dari_sql:
        raise SystemExit("laporan_jp dan SQL pembanding tidak sama")

    # d. The per-pegawai XLSX of everyone, through the view and through the command.
    admin = get_user_model().objects.create_user("bench.admin", password=None)
    peran_assign(user=admin, peran=Peran.ADMIN_BKPSDM)
    connection.close()
    xlsx_view = str(folder / "pegawai-view.xlsx")
    xlsx_perintah = str(folder / "pegawai-perintah.xlsx")
    ekspor = jalankan_anak(
        [python, __file__, "--anak-xlsx", "--pengguna", admin.username, "--keluaran", xlsx_view],
        url=url,
    )
    if ekspor.status != 0:
        raise SystemExit(f"ekspor XLSX: status {ekspor.status}\n{ekspor.stderr[-2000:]}")
    ekspor_detik = json.loads(ekspor.stdout)["detik"]
    ekspor_perintah = jalankan_anak(
        [
            *(python, "manage.py", "laporan_jp", "--tahun", str(TAHUN_LAPORAN)),
            *("--per", "pegawai", "--format", "xlsx", "--output", xlsx_perintah),
        ],
        url=url,
    )
    if ekspor_perintah.status != 0:
        raise SystemExit(f"laporan_jp xlsx: status {ekspor_perintah.status}")
    aktif = sum(1 for _, _, a in ringkas if a)
    for path in (xlsx_view, xlsx_perintah):
        if jumlah_baris_xlsx(path) != aktif + 1:
            raise SystemExit(f"{path}: jumlah baris tidak sama dengan {aktif} pegawai aktif")

    # The report.
    impor_total = statistics.median(waktu_total)
    copy_total = copy["pegawai"] + copy["riwayat"]
    mb = os.path.getsize
    print(
        f"Impor dan laporan JP: {args.pegawai:,} pegawai, {jumlah_riwayat:,} riwayat "
        f"(seed {args.seed}); median {args.ulang}x impor, {args.ulang_laporan}x laporan"
    )
    print(
        f"Berkas: pegawai.csv {mb(berkas_pegawai) / 2**20:.1f} MB, riwayat.csv "
        f"{mb(berkas_riwayat) / 2**20:.1f} MB (CSV titik koma, UTF-8 BOM); "
        f"XLSX {mb(xlsx_view) / 2**20:.1f} MB, {aktif:,} pegawai aktif"
    )
    print()
    print(f"{'pengukuran':<40} {'waktu':>9} {'pembanding':>14} {'rasio':>7} {'sasaran':>8}  hasil")

    def baris(nama, waktu, pembanding="", rasio=None, sasaran=None):
        teks_rasio = f"{rasio:6.1f}x" if rasio is not None else ""
        teks_sasaran = f"<= {sasaran}x" if sasaran is not None else ""
        vonis = ("OK" if rasio <= sasaran else "TIDAK") if sasaran is not None else ""
        print(f"{nama:<40} {waktu:>9} {pembanding:>14} {teks_rasio:>7} {teks_sasaran:>8}  {vonis}")
        if vonis:
            hasil.append((nama, vonis))

    baris("COPY pegawai.csv ke tabel teks", f"{copy['pegawai']:.2f} s")
    baris("COPY riwayat.csv ke tabel teks", f"{copy['riwayat']:.2f} s")
    baris(
        f"pegawai_import ({args.pegawai:,} baru)",
        f"{statistics.median(waktu_pegawai):.2f} s",
        f"COPY {copy['pegawai']:.2f} s",
        statistics.median(waktu_pegawai) / copy["pegawai"],
    )
    baris(
        f"riwayat_import ({jumlah_riwayat:,} baru)",
        f"{statistics.median(waktu_riwayat):.2f} s",
        f"COPY {copy['riwayat']:.2f} s",
        statistics.median(waktu_riwayat) / copy["riwayat"],
    )
    baris(
        "kedua impor",
        f"{impor_total:.2f} s",
        f"COPY {copy_total:.2f} s",
        impor_total / copy_total,
        SASARAN_IMPOR,
    )
    for nama, waktu in (
        ("  lantai: COPY baris jadi ke tabel asli", lantai_total),
        ("  lantai massal: indeks & FK sekali", massal_total),
        ("kedua impor, berkas yang sama lagi", ulang_pegawai + ulang_riwayat),
    ):
        baris(nama, f"{waktu:.2f} s", f"COPY {copy_total:.2f} s", waktu / copy_total)
    baris(
        f"laporan_jp --tahun {TAHUN_LAPORAN} --per opd (json)",
        f"{laporan_ms:.0f} ms",
        f"SQL {sql_ms:.0f} ms",
        laporan_ms / sql_ms,
        SASARAN_LAPORAN,
    )
    baris("/laporan/jp/pegawai.xlsx (semua pegawai)", f"{ekspor_detik:.2f} s")
    baris("laporan_jp --per pegawai --format xlsx", f"{ekspor_perintah.detik:.2f} s", "(+start)")

    print()
    print(f"{'memori puncak (RSS proses anak)':<40} {'MB':>9} {'batas':>14}  hasil")

    def memori(nama, rss, batas=None):
        vonis = ("OK" if rss < batas else "TIDAK") if batas is not None else ""
        teks_batas = f"< {batas} MB" if batas is not None else ""
        print(f"{nama:<40} {rss:9.0f} {teks_batas:>14}  {vonis}")
        if vonis:
            hasil.append((nama, vonis))

    memori("manage.py import_pegawai --json", anak["pegawai"].rss_mb, MAKS_MB_IMPOR)
    memori("manage.py import_riwayat --json", anak["riwayat"].rss_mb, MAKS_MB_IMPOR)
    memori("/laporan/jp/pegawai.xlsx (test client)", ekspor.rss_mb, MAKS_MB_EKSPOR)
    memori("laporan_jp --per pegawai --format xlsx", ekspor_perintah.rss_mb, MAKS_MB_EKSPOR)
    memori("manage.py check (Django saja)", kosong.rss_mb)

    gagal = [nama for nama, vonis in hasil if vonis != "OK"]
    print()
    if gagal:
        print("Sasaran TIDAK tercapai: " + "; ".join(gagal))
    else:
        print("Semua sasaran tercapai.")
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


if __name__ == "__main__":
    main()
