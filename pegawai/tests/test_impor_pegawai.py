"""Impor pegawai (DESIGN §6): berkas OPD yang berantakan, XLSX, upsert, uji coba, perintah, dan
ketahanan (satu transaksi, jumlah query tetap, proses yang dibunuh di tengah jalan)."""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from langsa_kompetensi.tests.test_worker import database_url_for_this_test
from pegawai import impor as modul_impor
from pegawai import impor_massal
from pegawai.berkas import BerkasTidakTerbaca
from pegawai.impor import HasilImpor, Penolakan, pegawai_import
from pegawai.models import Jabatan, JenisJabatan, Pegawai, PerangkatDaerah, UnitKerja
from pegawai.nip import buat_nip_pns
from pegawai.tests.factories import JabatanFactory, PegawaiFactory, PenggunaFactory

DATA = Path(__file__).parent / "data"
BERANTAKAN = DATA / "pegawai_opd_berantakan.csv"
BASE_DIR = Path(settings.BASE_DIR)

NIP_KADIS = "198001152005012003"
NIP_FAUZI = "198508172010011002"
NIP_BIDAN = "199003122015032001"
NIP_PPPK = "199205052022211001"
NIP_SEKRETARIS = "197912022003011009"
NIP_CPNS = "200010102025012010"

# (baris, kolom) yang harus ditolak dari pegawai_opd_berantakan.csv, berikut potongan pesannya.
PENOLAKAN_BERANTAKAN = [
    (6, "NIP", "notasi ilmiah"),
    (7, "GOLONGAN", "'III/f' tidak ada"),
    (9, "PERANGKAT_DAERAH", "'Dinas Pariwisata Antah Berantah' tidak dikenal"),
    (10, "NIP", "muncul 2 kali dalam berkas (baris 10, 11)"),
    (11, "NIP", "muncul 2 kali dalam berkas (baris 10, 11)"),
    (12, "JENIS_KELAMIN", "tidak sesuai dengan NIP"),
    (13, "TANGGAL_LAHIR", "Tanggal lahir (3 Februari 1988) tidak sesuai"),
    (14, "NIP_ATASAN", "197001011995031001 tidak ditemukan"),
    (15, "JENIS_JABATAN", "'Struktural' tidak dikenal"),
]


def impor(berkas, **kwargs) -> HasilImpor:
    nama = kwargs.pop("nama_berkas", None) or Path(str(berkas)).name
    return pegawai_import(berkas, nama_berkas=nama, **kwargs)


def ringkas(hasil: HasilImpor) -> list[tuple[int, str]]:
    return [(p.baris, p.kolom) for p in hasil.rejected]


def tulis_csv(path: Path, header: list[str], baris: list[list], delimiter=",", encoding="utf-8"):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(baris)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


HEADER_SEDERHANA = [
    "NIP",
    "NAMA",
    "JENIS_PEGAWAI",
    "PERANGKAT_DAERAH",
    "JABATAN",
    "JENIS_JABATAN",
    "JENIS_KELAMIN",
    "TANGGAL_LAHIR",
    "GOLONGAN",
    "UNIT_KERJA",
    "NIP_ATASAN",
]
_OPD = ("DINKES", "DISDIKBUD", "RSUD", "BKPSDM", "DPUPR", "BPKD")
_JABATAN = ("Pengadministrasi Umum", "Pengelola Keuangan", "Analis SDM Aparatur")


def baris_sederhana(n: int, mulai: int = 0) -> list[list]:
    """``n`` pegawai PNS yang sah; setiap baris ke-10 beratasan pegawai pertama berkas ini."""
    baris = []
    for i in range(mulai, mulai + n):
        lahir = date(1970, 1, 1) + (date(1970, 1, 2) - date(1970, 1, 1)) * (i % 9000)
        kelamin = "L" if i % 2 else "P"
        tmt = date(lahir.year + 20 + i % 5, 1 + i % 12, 1)
        nip = buat_nip_pns(lahir, tmt, kelamin, i % 999 + 1)
        atasan = baris[0][0] if baris and i % 10 == 0 else ""
        baris.append(
            [
                nip,
                f"Pegawai Uji {i}, S.E.",
                "PNS",
                _OPD[i % len(_OPD)],
                _JABATAN[i % len(_JABATAN)],
                "Pelaksana",
                kelamin,
                lahir.strftime("%d-%m-%Y"),
                "III/a",
                f"Bidang {i % 3}",
                atasan,
            ]
        )
    return baris


# ---------------------------------------------------------------------------------------------
# Berkas OPD yang berantakan (CSV titik koma, Windows-1252)
# ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_messy_opd_csv_imports_exactly_its_valid_rows():
    hasil = impor(BERANTAKAN)

    assert ringkas(hasil) == [(b, k) for b, k, _ in PENOLAKAN_BERANTAKAN]
    for penolakan, (_, _, potongan) in zip(hasil.rejected, PENOLAKAN_BERANTAKAN, strict=True):
        assert potongan in penolakan.pesan, penolakan
    assert (hasil.created, hasil.updated, hasil.unchanged) == (6, 0, 0)
    assert hasil.exit_status == 1
    assert Pegawai.objects.count() == 6

    kadis = Pegawai.objects.with_relations().get(nip=NIP_KADIS)
    assert (kadis.gelar_depan, kadis.nama, kadis.gelar_belakang) == (
        "dr.",
        "Cut Nyak Dhien",
        "M.Kes.",
    )
    assert kadis.nama_lengkap == "dr. Cut Nyak Dhien, M.Kes."
    assert kadis.jenis_kelamin == "P"
    assert kadis.tanggal_lahir == date(1980, 1, 15)
    assert kadis.tempat_lahir == "Langsa"
    assert kadis.golongan.kode == "IV/c"
    assert (kadis.jabatan.nama, kadis.jabatan.jenis_jabatan) == (
        "Kepala Dinas Kesehatan",
        JenisJabatan.JPT_PRATAMA,
    )
    assert kadis.perangkat_daerah.singkatan == "DINKES"
    assert kadis.unit_kerja is None
    assert kadis.email == "cut.dhien@langsakota.go.id"
    assert kadis.no_hp == "081234567890"
    assert kadis.atasan is None
    assert kadis.aktif is True

    fauzi = Pegawai.objects.with_relations().get(nip=NIP_FAUZI)  # NIP berapostrof
    assert (fauzi.gelar_depan, fauzi.nama, fauzi.gelar_belakang) == (
        "",
        "Teuku Ahmad Fauzi",
        "S.Kom.",
    )
    assert fauzi.tanggal_lahir == date(1985, 8, 17)  # "17 Agt 1985"
    assert (fauzi.jabatan.nama, fauzi.jabatan.jenjang) == ("Pranata Komputer", "ahli_muda")
    assert fauzi.unit_kerja.nama == "Subbagian Umum dan Kepegawaian"
    assert fauzi.unit_kerja.perangkat_daerah == fauzi.perangkat_daerah
    assert fauzi.atasan == kadis

    bidan = Pegawai.objects.with_relations().get(nip=NIP_BIDAN)  # NIP berspasi
    assert (bidan.gelar_depan, bidan.nama) == ("Hj.", "Nurhayati")
    assert bidan.golongan.kode == "III/b"  # "3b"
    assert bidan.perangkat_daerah.kode == "3.02"
    assert bidan.atasan == kadis

    pppk = Pegawai.objects.with_relations().get(nip=NIP_PPPK)
    assert (pppk.jenis_pegawai, pppk.golongan.kode, pppk.golongan.untuk) == ("PPPK", "VII", "PPPK")
    assert pppk.gelar_belakang == "A.Md.Kep."

    sekretaris = Pegawai.objects.with_relations().get(nip=NIP_SEKRETARIS)
    assert (sekretaris.gelar_depan, sekretaris.nama, sekretaris.gelar_belakang) == (
        "Drs. H.",
        "Zulkifli Ma’ruf",  # kutip miring Windows-1252 terbaca benar
        "M.Si.",
    )
    assert sekretaris.perangkat_daerah.singkatan == "DISDIKBUD"
    assert sekretaris.tanggal_lahir == date(1979, 12, 2)

    cpns = Pegawai.objects.get(nip=NIP_CPNS)
    assert (cpns.jenis_pegawai, cpns.aktif, cpns.nama, cpns.jenis_kelamin) == (
        "CPNS",
        False,
        "Cut Rahmi",
        "P",
    )


@pytest.mark.django_db
def test_importing_the_messy_csv_again_changes_nothing():
    impor(BERANTAKAN)
    sebelum = list(Pegawai.objects.order_by("nip").values())
    jabatan, unit = Jabatan.objects.count(), UnitKerja.objects.count()

    hasil = impor(BERANTAKAN)

    assert (hasil.created, hasil.updated, hasil.unchanged) == (0, 0, 6)
    assert ringkas(hasil) == [(b, k) for b, k, _ in PENOLAKAN_BERANTAKAN]
    assert list(Pegawai.objects.order_by("nip").values()) == sebelum
    assert (Jabatan.objects.count(), UnitKerja.objects.count()) == (jabatan, unit)


@pytest.mark.django_db
def test_a_dry_run_reports_the_same_and_changes_nothing():
    jabatan, unit = Jabatan.objects.count(), UnitKerja.objects.count()

    uji = impor(BERANTAKAN, dry_run=True)

    assert Pegawai.objects.count() == 0
    assert (Jabatan.objects.count(), UnitKerja.objects.count()) == (jabatan, unit)
    sungguhan = impor(BERANTAKAN)
    assert uji.as_dict() == sungguhan.as_dict()


@pytest.mark.django_db
def test_rejections_carry_the_row_data_for_a_preview():
    hasil = impor(BERANTAKAN)
    penolakan = next(p for p in hasil.rejected if p.baris == 7)
    assert penolakan.data["NAMA"] == "Muhammad Iqbal"
    assert penolakan.data["GOLONGAN"] == "III/f"
    assert penolakan.as_dict() == {
        "row": 7,
        "column": "GOLONGAN",
        "message": penolakan.pesan,
    }


# ---------------------------------------------------------------------------------------------
# Upsert
# ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_updates_by_nip_and_never_touches_the_user_link(tmp_path):
    user = PenggunaFactory(username="asn.lama")
    lama = PegawaiFactory(
        nip=NIP_FAUZI,
        nama="Ahmad Fauzi",
        email="lama@example.org",
        no_hp="0811111111",
        user=user,
        perangkat_daerah=PerangkatDaerah.objects.get(singkatan="DISDIKBUD"),
        jabatan=JabatanFactory(nama="Pengadministrasi Umum"),
    )
    berkas = tulis_csv(
        tmp_path / "mutasi.csv",
        ["NIP", "NAMA", "JENIS_PEGAWAI", "PERANGKAT_DAERAH", "JABATAN", "JENIS_JABATAN", "EMAIL"],
        [[NIP_FAUZI, "Teuku Ahmad Fauzi, S.Kom.", "PNS", "DINKES", "Pranata Komputer Ahli Muda",
          "Fungsional", "teuku.fauzi@langsakota.go.id"]],
    )  # fmt: skip

    hasil = impor(berkas)

    assert (hasil.created, hasil.updated, hasil.unchanged, hasil.rejected) == (0, 1, 0, [])
    lama.refresh_from_db()
    assert lama.nama == "Teuku Ahmad Fauzi"
    assert lama.gelar_belakang == "S.Kom."
    assert lama.perangkat_daerah.singkatan == "DINKES"
    assert str(lama.jabatan) == "Pranata Komputer Ahli Muda"
    assert lama.email == "teuku.fauzi@langsakota.go.id"
    assert lama.no_hp == "0811111111"  # kolom NO_HP tidak ada: dibiarkan
    assert lama.golongan.kode == "III/a"  # kolom GOLONGAN tidak ada: dibiarkan
    assert lama.user == user

    again = impor(berkas)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


@pytest.mark.django_db
def test_an_empty_optional_cell_clears_the_field_and_aktif_defaults_to_ya(tmp_path):
    pegawai = PegawaiFactory(nip=NIP_KADIS, jenis_kelamin="P", email="a@b.id", aktif=False)
    berkas = tulis_csv(
        tmp_path / "a.csv",
        ["NIP", "NAMA", "JENIS_PEGAWAI", "PERANGKAT_DAERAH", "JABATAN", "JENIS_JABATAN", "EMAIL",
         "AKTIF", "GOLONGAN"],
        [[NIP_KADIS, "Cut Nyak Dhien", "PNS", "DINKES", "Kepala", "JPT Pratama", "", "", ""]],
    )  # fmt: skip
    assert impor(berkas).updated == 1
    pegawai.refresh_from_db()
    assert (pegawai.email, pegawai.aktif, pegawai.golongan) == ("", True, None)


@pytest.mark.django_db
def test_an_atasan_may_be_already_stored_or_later_in_the_same_file(tmp_path):
    atasan_lama = PegawaiFactory(nip=NIP_SEKRETARIS)
    baris = baris_sederhana(3)
    baris[0][10] = baris[2][0]  # atasan di baris yang belum dibaca
    baris[1][10] = NIP_SEKRETARIS  # atasan yang sudah tersimpan
    hasil = impor(tulis_csv(tmp_path / "a.csv", HEADER_SEDERHANA, baris))
    assert (hasil.created, hasil.rejected) == (3, [])
    assert Pegawai.objects.get(nip=baris[0][0]).atasan.nip == baris[2][0]
    assert Pegawai.objects.get(nip=baris[1][0]).atasan == atasan_lama


@pytest.mark.django_db
def test_a_row_whose_atasan_was_rejected_is_rejected_too(tmp_path):
    baris = baris_sederhana(3)
    baris[0][3] = "OPD Fiktif"  # baris 2 ditolak
    baris[1][10] = baris[0][0]  # baris 3 beratasan baris 2
    baris[2][10] = baris[2][0]  # baris 4 beratasan dirinya sendiri
    hasil = impor(tulis_csv(tmp_path / "a.csv", HEADER_SEDERHANA, baris))
    assert ringkas(hasil) == [(2, "PERANGKAT_DAERAH"), (3, "NIP_ATASAN"), (4, "NIP_ATASAN")]
    assert "dirinya sendiri" in hasil.rejected[2].pesan
    assert Pegawai.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kolom", "nilai", "potongan"),
    [
        ("NIP", "19870812201001100", "18 digit"),
        ("NIP", "198708122010011001.0", "angka desimal"),
        ("NIP", "", "NIP wajib diisi"),
        ("JENIS_PEGAWAI", "Honorer", "PNS, CPNS, atau PPPK"),
        ("PERANGKAT_DAERAH", "Kecamatan Antah", "tidak dikenal"),
        ("JABATAN", "", "JABATAN wajib diisi"),
        ("JENIS_JABATAN", "Eselon IV", "JPT Utama"),
        ("JENIS_KELAMIN", "X", "L/P"),
        ("TANGGAL_LAHIR", "31-02-1987", "tidak ada di kalender"),
        ("GOLONGAN", "IX", "bukan golongan PNS"),
        ("GOLONGAN", "Penata Mud", "tidak dikenali"),
        ("EMAIL", "bukan-email", "tidak sah"),
        ("NO_HP", "08-abc", "tidak sah"),
        ("NIP_ATASAN", "1,98708E+17", "notasi ilmiah"),
        ("AKTIF", "Mungkin", "Ya atau Tidak"),
        ("NAMA", "", "NAMA wajib diisi"),
    ],
)
def test_each_bad_value_rejects_its_row_naming_the_column(tmp_path, kolom, nilai, potongan):
    header = [*HEADER_SEDERHANA, "EMAIL", "NO_HP", "AKTIF"]
    baris = [[*b, "a@b.id", "0812345678", "Ya"] for b in baris_sederhana(2)]
    baris[1][header.index(kolom)] = nilai
    hasil = impor(tulis_csv(tmp_path / "a.csv", header, baris))
    assert ringkas(hasil) == [(3, kolom)]
    assert potongan in hasil.rejected[0].pesan
    assert hasil.created == 1


@pytest.mark.django_db
def test_one_row_may_have_several_problems_each_reported(tmp_path):
    baris = baris_sederhana(1)
    baris[0][3] = "OPD Fiktif"
    baris[0][8] = "III/z"
    baris[0][5] = "Eselon"
    hasil = impor(tulis_csv(tmp_path / "a.csv", HEADER_SEDERHANA, baris))
    assert ringkas(hasil) == [(2, "PERANGKAT_DAERAH"), (2, "JENIS_JABATAN"), (2, "GOLONGAN")]


@pytest.mark.django_db
def test_an_inactive_opd_rejects_the_row(tmp_path):
    PerangkatDaerah.objects.filter(singkatan="DPUPR").update(aktif=False)
    baris = baris_sederhana(5)
    hasil = impor(tulis_csv(tmp_path / "a.csv", HEADER_SEDERHANA, baris))
    assert ringkas(hasil) == [(6, "PERANGKAT_DAERAH")]
    assert "tidak aktif" in hasil.rejected[0].pesan


@pytest.mark.django_db
def test_a_header_only_file_does_nothing_and_succeeds(tmp_path):
    hasil = impor(tulis_csv(tmp_path / "kosong.csv", HEADER_SEDERHANA, []))
    assert hasil.as_dict() == {"created": 0, "updated": 0, "unchanged": 0, "rejected": []}
    assert hasil.exit_status == 0


@pytest.mark.django_db
def test_a_file_missing_a_required_column_cannot_be_used(tmp_path):
    berkas = tulis_csv(tmp_path / "a.csv", ["NIP", "NAMA", "JABATAN"], [["1", "2", "3"]])
    with pytest.raises(BerkasTidakTerbaca) as exc:
        impor(berkas)
    assert "JENIS_PEGAWAI, PERANGKAT_DAERAH, JENIS_JABATAN" in str(exc.value)


@pytest.mark.django_db
def test_the_progress_callback_is_told_rows_read_and_an_estimate(tmp_path):
    berkas = tulis_csv(tmp_path / "a.csv", HEADER_SEDERHANA, baris_sederhana(2500))

    class Kemajuan:
        total = None

        def __init__(self):
            self.panggilan = []

        def __call__(self, n):
            self.panggilan.append(n)

    kemajuan = Kemajuan()
    impor(berkas, progress=kemajuan)
    assert kemajuan.total == 2500
    assert kemajuan.panggilan == [1000, 2000, 2500]


# ---------------------------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------------------------


def buku_kerja_pegawai(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Pegawai"
    ws.append(["NIP", "NAMA", "Jenis Pegawai", "Perangkat Daerah", "Jabatan", "Jenis Jabatan",
               "Tanggal Lahir", "Golongan", "No HP", "Aktif"])  # fmt: skip
    ws.append([NIP_KADIS, "dr. Cut Nyak Dhien, M.Kes.", "PNS", "Dinas Kesehatan",
               "Kepala Dinas Kesehatan", "JPT Pratama", datetime(1980, 1, 15), "IV/c", None,
               "Ya"])  # fmt: skip
    # Excel menyimpan NIP bersel angka dengan 15 digit bermakna.
    ws.append([int(NIP_FAUZI), "Teuku Ahmad Fauzi", "PNS", "DINKES", "Pranata Komputer",
               "Fungsional", datetime(1985, 8, 17), "III/c", None, "Ya"])  # fmt: skip
    ws.append([NIP_BIDAN, "Nurhayati", "PNS", "DINKES", "Bidan", "Fungsional",
               datetime(1990, 3, 12), '="III"&"/b"', None, "Ya"])  # fmt: skip
    ws.append([NIP_SEKRETARIS, "Zulkifli", "PNS", "DISDIKBUD", "Sekretaris", "Administrator",
               datetime(1979, 12, 3), "IV/a", None, "Ya"])  # fmt: skip
    ws.append([NIP_PPPK, "Rahmat Hidayat", "PPPK", "RSUD", "Perawat", "Fungsional",
               datetime(1992, 5, 5), 7, 81377788899, False])  # fmt: skip
    ws.append([])
    ws.append([NIP_CPNS, "Cut Rahmi", "CPNS", "BPKD", "Penata Laksana Keuangan", "Pelaksana",
               "10 Oktober 2000", "3a", "0852 1234 5678", True])  # fmt: skip
    lain = wb.create_sheet("Referensi OPD")
    lain.append(["KODE", "NAMA"])
    lain.append(["3.02", "Dinas Kesehatan"])
    wb.save(path)
    return path


@pytest.mark.django_db
def test_an_xlsx_with_date_cells_a_numeric_nip_and_a_formula(tmp_path):
    berkas = buku_kerja_pegawai(tmp_path / "pegawai.xlsx")

    hasil = impor(berkas)

    assert ringkas(hasil) == [(3, "NIP"), (4, "GOLONGAN"), (5, "TANGGAL_LAHIR")]
    assert "Excel hanya menyimpan 15 digit" in hasil.rejected[0].pesan
    assert "Teks" in hasil.rejected[0].pesan
    assert "rumus tanpa nilai tersimpan" in hasil.rejected[1].pesan
    assert "3 Desember 1979" in hasil.rejected[2].pesan
    assert (hasil.created, hasil.updated, hasil.unchanged) == (3, 0, 0)
    kadis = Pegawai.objects.get(nip=NIP_KADIS)
    assert (kadis.gelar_depan, kadis.nama, kadis.tanggal_lahir) == (
        "dr.",
        "Cut Nyak Dhien",
        date(1980, 1, 15),
    )
    pppk = Pegawai.objects.select_related("golongan").get(nip=NIP_PPPK)
    assert (pppk.golongan.kode, pppk.no_hp, pppk.aktif) == ("VII", "081377788899", False)
    cpns = Pegawai.objects.select_related("golongan").get(nip=NIP_CPNS)
    assert (cpns.golongan.kode, cpns.no_hp, cpns.tanggal_lahir) == (
        "III/a",
        "085212345678",
        date(2000, 10, 10),
    )

    again = impor(berkas)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def _cepat_dan_lengkap(berkas: Path) -> tuple[list, list]:
    """Per baris berkas: hasil pemeriksaan cepat per kolom dan hasil pemeriksaan lengkap."""
    from pegawai.berkas import baca_tabel

    with baca_tabel(
        berkas,
        nama_berkas=berkas.name,
        kolom_wajib=modul_impor.KOLOM_WAJIB,
        kolom_opsional=modul_impor.KOLOM_OPSIONAL,
    ) as tabel:
        rujukan = modul_impor._muat_rujukan()
        cepat = modul_impor._Pemeriksa(tabel.kolom, rujukan, date(2026, 11, 29))
        lengkap = modul_impor._Pemeriksa(tabel.kolom, rujukan, date(2026, 11, 29))
        hasil_cepat, hasil_lengkap = [], []
        for nomor_baris, kolom in tabel.potongan(ukuran=3):
            hasil_cepat += cepat.periksa_potongan(nomor_baris, kolom)
            for j, nomor in enumerate(nomor_baris):
                hasil_lengkap.append(lengkap.periksa(nomor, {k: v[j] for k, v in kolom.items()}))
    return hasil_cepat, hasil_lengkap


@pytest.mark.django_db
@pytest.mark.parametrize("contoh", ["berantakan", "xlsx", "sederhana"])
def test_the_column_wise_checks_accept_only_what_the_full_checks_accept_and_the_same(
    tmp_path, contoh
):
    # The import checks a chunk per column and checks a row in full only when that fails: a
    # row accepted per column must be exactly the row the full checks give.
    if contoh == "berantakan":
        berkas = BERANTAKAN
    elif contoh == "xlsx":
        berkas = buku_kerja_pegawai(tmp_path / "pegawai.xlsx")
    else:
        berkas = tulis_csv(tmp_path / "p.csv", HEADER_SEDERHANA, baris_sederhana(50))

    cepat, lengkap = _cepat_dan_lengkap(berkas)

    assert len(cepat) == len(lengkap)
    for hasil_cepat, hasil_lengkap in zip(cepat, lengkap, strict=True):
        if hasil_cepat is not None:
            assert hasil_cepat == hasil_lengkap
    diterima = sum(h is not None for h in lengkap)
    dari_cepat = sum(h is not None for h in cepat)
    # Only rows that need cleaning (a NIP with spaces, an XLSX number) go the long way.
    assert dari_cepat == {"berantakan": diterima - 2, "xlsx": diterima, "sederhana": 50}[contoh]


@pytest.mark.django_db
def test_an_xlsx_sheet_other_than_the_first_can_be_chosen(tmp_path):
    wb = Workbook()
    wb.active.title = "Petunjuk"
    wb.active.append(["Isi lembar Data"])
    ws = wb.create_sheet("Data")
    ws.append(HEADER_SEDERHANA)
    for b in baris_sederhana(4):
        ws.append(b)
    berkas = tmp_path / "a.xlsx"
    wb.save(berkas)

    with pytest.raises(BerkasTidakTerbaca, match="kolom wajib tidak ada"):
        impor(berkas)
    with pytest.raises(BerkasTidakTerbaca, match="lembar yang tersedia: 'Petunjuk', 'Data'"):
        impor(berkas, sheet="Pegawai")
    assert impor(berkas, sheet="Data").created == 4


@pytest.mark.django_db
def test_an_uploaded_file_object_works_like_a_path():
    with open(BERANTAKAN, "rb") as berkas:
        hasil = pegawai_import(berkas, nama_berkas="unggahan.csv", dry_run=True)
    assert hasil.created == 6


# ---------------------------------------------------------------------------------------------
# Perintah
# ---------------------------------------------------------------------------------------------


def jalankan(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_pegawai", *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exc:
        status = exc.code
    return status, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_the_command_prints_one_json_object_and_exits_1_when_rows_were_rejected():
    status, out, _ = jalankan(str(BERANTAKAN), "--json")
    assert status == 1
    data = json.loads(out)
    assert set(data) == {"created", "updated", "unchanged", "rejected"}
    assert (data["created"], data["updated"], data["unchanged"]) == (6, 0, 0)
    assert [(r["row"], r["column"]) for r in data["rejected"]] == [
        (b, k) for b, k, _ in PENOLAKAN_BERANTAKAN
    ]
    assert all(set(r) == {"row", "column", "message"} for r in data["rejected"])


@pytest.mark.django_db
def test_the_command_exits_0_when_every_row_was_imported(tmp_path):
    berkas = tulis_csv(tmp_path / "a.csv", HEADER_SEDERHANA, baris_sederhana(3))
    status, out, _ = jalankan(str(berkas), "--json")
    assert (status, json.loads(out)) == (
        0,
        {"created": 3, "updated": 0, "unchanged": 0, "rejected": []},
    )
    status, out, _ = jalankan(str(berkas))
    assert status == 0
    assert "dibuat 0, diperbarui 0, tidak berubah 3, ditolak 0 baris" in out
    assert "Semua baris berhasil diimpor" in out


@pytest.mark.django_db
def test_the_command_shows_a_readable_summary_and_the_rejected_rows():
    status, out, _ = jalankan(str(BERANTAKAN), "--dry-run")
    assert status == 1
    assert "dibuat 6, diperbarui 0, tidak berubah 0, ditolak 9 baris" in out
    assert "Uji coba (--dry-run): tidak ada yang disimpan." in out
    assert "Baris  Kolom" in out
    assert "7      GOLONGAN" in out
    assert Pegawai.objects.count() == 0


@pytest.mark.django_db
def test_the_command_exits_2_for_an_unreadable_file(tmp_path):
    pdf = tmp_path / "pegawai.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    with pytest.raises(CommandError) as exc:
        call_command("import_pegawai", str(pdf), "--json", stdout=io.StringIO())
    assert exc.value.returncode == 2
    assert "Berkas tidak dapat dibaca: berkas ini dokumen PDF" in str(exc.value)


def manage(*args, database_url: str, timeout=120) -> subprocess.CompletedProcess:
    env = os.environ | {"DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.django_db
def test_as_a_process_it_keeps_stdout_to_the_json_and_uses_exit_statuses(tmp_path):
    url = database_url_for_this_test()
    # --dry-run: the process must not commit into the shared test database.
    hasil = manage("import_pegawai", str(BERANTAKAN), "--json", "--dry-run", database_url=url)
    assert hasil.returncode == 1, hasil.stderr
    assert json.loads(hasil.stdout)["created"] == 6
    assert hasil.stdout.count("\n") == 1

    kosong = tmp_path / "kosong.csv"
    kosong.write_bytes(b"")
    hasil = manage("import_pegawai", str(kosong), "--json", database_url=url)
    assert hasil.returncode == 2
    assert hasil.stdout == ""
    assert "Berkas tidak dapat dibaca: berkas kosong" in hasil.stderr

    kurang = tulis_csv(tmp_path / "kurang.csv", ["NIP", "NAMA"], [["1", "2"]])
    hasil = manage("import_pegawai", str(kurang), database_url=url)
    assert hasil.returncode == 2
    assert "JENIS_PEGAWAI, PERANGKAT_DAERAH, JABATAN, JENIS_JABATAN" in hasil.stderr

    tanpa_baris = tulis_csv(tmp_path / "header.csv", HEADER_SEDERHANA, [])
    hasil = manage("import_pegawai", str(tanpa_baris), "--json", database_url=url)
    assert (hasil.returncode, json.loads(hasil.stdout)["created"]) == (0, 0)


# ---------------------------------------------------------------------------------------------
# Ketahanan dan kecepatan
# ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_rows(tmp_path):
    # Jabatan dan unit kerja sudah ada, agar kedua impor menjalankan langkah yang sama.
    impor(tulis_csv(tmp_path / "awal.csv", HEADER_SEDERHANA, baris_sederhana(6, mulai=5000)))
    kecil = tulis_csv(tmp_path / "kecil.csv", HEADER_SEDERHANA, baris_sederhana(10))
    besar = tulis_csv(tmp_path / "besar.csv", HEADER_SEDERHANA, baris_sederhana(200, mulai=10))

    with CaptureQueriesContext(connection) as q_kecil:
        assert impor(kecil).created == 10
    with CaptureQueriesContext(connection) as q_besar:
        assert impor(besar).created == 200
    assert len(q_besar) == len(q_kecil)
    assert len(q_kecil) <= 20

    # Impor ulang (semua tidak berubah) juga tetap.
    with CaptureQueriesContext(connection) as q_ulang:
        assert impor(besar).unchanged == 200
    assert len(q_ulang) <= len(q_kecil)


def _sedang_menulis(pid_sendiri: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> %s AND state = 'active'
              AND (query LIKE 'COPY %%pegawai%%' OR query LIKE '%%INSERT INTO "pegawai_%%'
                   OR query LIKE '%%UPDATE "pegawai_pegawai"%%')
            """,
            [pid_sendiri],
        )
        return cursor.fetchone()[0] > 0


def _koneksi_lain(pid_sendiri: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> %s",
            [pid_sendiri],
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_process_killed_mid_import_leaves_the_database_as_it_was(tmp_path):
    lama = PegawaiFactory(nip=NIP_KADIS, nama="Sebelum Impor")
    awal = skema(Pegawai)
    baris = baris_sederhana(40_000)
    baris[0][0] = NIP_KADIS  # pegawai tersimpan yang akan diperbarui bila impor selesai
    berkas = tulis_csv(tmp_path / "besar.csv", HEADER_SEDERHANA, baris)
    jumlah = (Pegawai.objects.count(), Jabatan.objects.count(), UnitKerja.objects.count())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid_sendiri = cursor.fetchone()[0]

    env = os.environ | {"DATABASE_URL": database_url_for_this_test()}
    proses = subprocess.Popen(
        [sys.executable, "manage.py", "import_pegawai", str(berkas), "--json"],
        cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        batas = time.monotonic() + 120
        while not _sedang_menulis(pid_sendiri):
            assert proses.poll() is None, proses.communicate()
            assert time.monotonic() < batas, "impor tidak pernah mulai menulis"
            time.sleep(0.005)
        os.kill(proses.pid, signal.SIGKILL)
        proses.wait(timeout=30)
    finally:
        if proses.poll() is None:
            proses.kill()
            proses.wait()
    assert proses.returncode == -signal.SIGKILL

    # Server menggulung balik transaksi yatim itu begitu koneksinya putus.
    batas = time.monotonic() + 60
    while _koneksi_lain(pid_sendiri) and time.monotonic() < batas:
        time.sleep(0.05)
    assert _koneksi_lain(pid_sendiri) == 0
    assert (Pegawai.objects.count(), Jabatan.objects.count(), UnitKerja.objects.count()) == jumlah
    lama.refresh_from_db()
    assert lama.nama == "Sebelum Impor"
    # 40.000 baris ke tabel yang hampir kosong dimuat massal: indeks dan foreign key yang sudah
    # dibuang ikut kembali.
    assert skema(Pegawai) == awal


@pytest.mark.django_db
def test_a_crash_while_writing_rolls_everything_back(tmp_path, monkeypatch):
    from pegawai import impor as modul

    def gagal(baru, berubah):
        raise RuntimeError("listrik padam")

    # Sesudah jabatan dan unit kerja dibuat dan id pegawai diambil dari sequence.

    monkeypatch.setattr(modul, "_tulis", gagal)
    jabatan = Jabatan.objects.count()
    with pytest.raises(RuntimeError):
        impor(BERANTAKAN)
    # Jabatan "Pranata Komputer" dan lainnya sudah dibuat sebelum gagal, lalu ikut batal.
    assert Jabatan.objects.count() == jabatan
    assert Pegawai.objects.count() == 0
    # Pengumpul siklus Python yang dimatikan selama impor menyala lagi.
    assert gc.isenabled()


def test_penolakan_and_hasil_have_the_documented_shape():
    hasil = HasilImpor(created=1, rejected=[Penolakan(3, "NIP", "salah", {"NIP": "x"})])
    assert hasil.as_dict() == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "rejected": [{"row": 3, "column": "NIP", "message": "salah"}],
    }
    assert hasil.exit_status == 1
    assert HasilImpor().exit_status == 0


class _TerminalPalsu(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.django_db
def test_on_a_terminal_the_command_shows_a_progress_bar_but_never_with_json(tmp_path, monkeypatch):
    berkas = tulis_csv(tmp_path / "a.csv", HEADER_SEDERHANA, baris_sederhana(2500))
    terminal = _TerminalPalsu()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv("COLUMNS", "100")
    status, out, _ = jalankan(str(berkas), "--dry-run")
    assert status == 0
    assert "2500/2500" in terminal.getvalue()
    assert "baris/s" in terminal.getvalue()
    assert "%" not in out

    terminal.seek(0)
    terminal.truncate()
    status, out, _ = jalankan(str(berkas), "--dry-run", "--json")
    assert terminal.getvalue() == ""
    assert json.loads(out)["created"] == 2500


# ---------------------------------------------------------------------------------------------
# Muat massal (impor besar dibanding isi tabel): hasil yang sama, skema yang sama
# ---------------------------------------------------------------------------------------------


def skema(model) -> tuple[list, list]:
    """Definisi semua indeks dan batasan tabel ``model`` menurut katalog PostgreSQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = %s::regclass"
            " ORDER BY 1",
            [model._meta.db_table],
        )
        indeks = [b[0] for b in cursor.fetchall()]
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid), convalidated FROM pg_constraint"
            " WHERE conrelid = %s::regclass ORDER BY 1",
            [model._meta.db_table],
        )
        return indeks, cursor.fetchall()


@pytest.fixture
def massal(monkeypatch) -> list[bool]:
    """Setiap penulisan, sekecil apa pun, dimuat massal bila bisa; daftar yang dihasilkan
    mencatat apakah setiap penulisan benar-benar dimuat massal."""
    monkeypatch.setattr(impor_massal, "BATAS_BARIS", 1)
    monkeypatch.setattr(impor_massal, "BAGIAN_TABEL", 0)
    dimuat: list[bool] = []
    asli = impor_massal.muat_massal

    @contextlib.contextmanager
    def catat(*args, **kwargs):
        with asli(*args, **kwargs) as massal:
            dimuat.append(massal)
            yield massal

    monkeypatch.setattr(modul_impor, "muat_massal", catat)
    return dimuat


def potret() -> list[tuple]:
    return sorted(
        Pegawai.objects.values_list(
            "nip", "nama", "gelar_depan", "gelar_belakang", "jenis_kelamin", "tempat_lahir",
            "tanggal_lahir", "jenis_pegawai", "golongan__kode", "jabatan__nama",
            "jabatan__jenis_jabatan", "jabatan__jenjang", "perangkat_daerah__kode",
            "unit_kerja__nama", "email", "no_hp", "atasan__nip", "aktif", "user_id",
        )
    )  # fmt: skip


@pytest.mark.django_db
def test_a_bulk_load_gives_the_same_rows_report_and_schema(massal, monkeypatch):
    awal = skema(Pegawai)
    PegawaiFactory(nip=NIP_FAUZI, nama="Nama Lama", user=PenggunaFactory())
    with transaction.atomic():
        monkeypatch.setattr(impor_massal, "BATAS_BARIS", 10**9)
        biasa = impor(BERANTAKAN).as_dict()
        isi_biasa = potret()
        transaction.set_rollback(True)
    monkeypatch.setattr(impor_massal, "BATAS_BARIS", 1)
    assert massal == [False]

    assert impor(BERANTAKAN).as_dict() == biasa
    assert massal == [False, True]
    assert (biasa["created"], biasa["updated"]) == (5, 1)
    assert potret() == isi_biasa
    assert skema(Pegawai) == awal

    # Impor ulang: tidak ada yang ditulis.
    ulang = impor(BERANTAKAN)
    assert (ulang.created, ulang.updated, ulang.unchanged) == (0, 0, 6)
    assert massal == [False, True]
    assert potret() == isi_biasa


@pytest.mark.django_db
def test_a_bulk_load_takes_one_range_of_ids_in_nip_order(tmp_path, massal):
    hasil = impor(tulis_csv(tmp_path / "a.csv", HEADER_SEDERHANA, baris_sederhana(40)))
    assert hasil.created == 40
    assert massal == [True]
    ids = list(Pegawai.objects.order_by("nip").values_list("id", flat=True))
    assert ids == list(range(ids[0], ids[0] + 40))
    # The sequence is past the range: the next pegawai gets the next id.
    assert PegawaiFactory().pk == ids[-1] + 1


@pytest.mark.django_db
def test_a_bulk_load_of_changed_rows_updates_them(tmp_path, massal):
    awal = skema(Pegawai)
    baris = baris_sederhana(30)
    impor(tulis_csv(tmp_path / "a.csv", HEADER_SEDERHANA, baris))
    for b in baris:
        b[1] = b[1].replace("Pegawai Uji", "Pegawai Baru")
    hasil = impor(tulis_csv(tmp_path / "b.csv", HEADER_SEDERHANA, baris))
    assert (hasil.created, hasil.updated, hasil.unchanged) == (0, 30, 0)
    assert massal == [True, True]
    assert Pegawai.objects.filter(nama__startswith="Pegawai Baru").count() == 30
    assert Pegawai.objects.filter(atasan__nip=baris[0][0]).count() == 2
    assert skema(Pegawai) == awal


@pytest.mark.django_db
def test_a_bulk_dry_run_changes_neither_rows_nor_schema(massal):
    awal = skema(Pegawai)
    assert impor(BERANTAKAN, dry_run=True).created == 6
    assert massal == [True]
    assert Pegawai.objects.count() == 0
    assert skema(Pegawai) == awal


@pytest.mark.django_db
def test_a_bulk_load_still_rejects_a_broken_foreign_key(massal):
    awal = skema(Pegawai)
    opd = PerangkatDaerah.objects.first()
    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        impor_massal.muat_massal(Pegawai, jumlah=1) as dimuat,
    ):
        assert dimuat
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO pegawai_pegawai (nip, nama, gelar_depan, gelar_belakang,"
                " jenis_kelamin, tempat_lahir, jenis_pegawai, perangkat_daerah_id, jabatan_id,"
                " email, no_hp, aktif, dibuat_pada, diubah_pada)"
                " VALUES (%s, 'X', '', '', '', '', 'PNS', %s, 999999999, '', '', true,"
                " now(), now())",
                [NIP_FAUZI, opd.pk],
            )
    assert Pegawai.objects.count() == 0
    assert skema(Pegawai) == awal


@pytest.mark.django_db
def test_pending_checks_from_earlier_in_the_transaction_are_run_first(massal):
    # Pegawai yang dibuat sebelumnya dalam transaksi yang sama masih menunggu pemeriksaan foreign
    # key-nya (ditunda sampai commit): dijalankan dulu, lalu muat massal tetap berjalan.
    PegawaiFactory(atasan=PegawaiFactory())
    assert impor(BERANTAKAN).created == 6
    assert massal == [True]


@pytest.mark.django_db
def test_a_pending_check_that_cannot_be_run_first_means_writing_row_by_row(massal):
    # Pegawai yang dihapus dalam transaksi ini: pemeriksaan tabel lain yang merujuknya masih
    # tertunda, dan PostgreSQL menolak DDL atas tabel pegawai sampai commit.
    awal = skema(Pegawai)
    hapus = PegawaiFactory()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM pegawai_pegawai WHERE id = %s", [hapus.pk])
    hasil = impor(BERANTAKAN)
    assert hasil.created == 6
    assert massal == [False]
    assert Pegawai.objects.count() == 6
    assert skema(Pegawai) == awal


# ---------------------------------------------------------------------------------------------
# Kolom sekaligus: jalur C bagi kolom bernilai unik, harus sama dengan pemeriksaan per sel
# ---------------------------------------------------------------------------------------------

_SEL_TEKS = st.one_of(
    st.none(),
    st.text(alphabet=st.sampled_from("ab/1 \t\n\u00a0\x00\x1f"), min_size=1, max_size=8),
)


def _per_sel(nilai: list, fungsi) -> list | None:
    try:
        return [fungsi(v) for v in nilai]
    except modul_impor.NilaiTidakValid:
        return None


def _teks_per_sel(v, maksimum=6):
    teks = modul_impor.teks_sel(v)
    return "" if teks is None else modul_impor._panjang(teks, "X", maksimum)


@given(st.lists(_SEL_TEKS, max_size=6))
def test_a_text_column_at_once_is_the_same_as_cell_by_cell(nilai):
    sekaligus = modul_impor.teks_sekaligus(nilai, 6)
    if sekaligus is not None:
        assert sekaligus == _per_sel(nilai, _teks_per_sel)


@given(st.lists(st.one_of(st.none(), st.from_regex(r"[a-z0-9/]+( [a-z0-9/]+)*", fullmatch=True))))
def test_a_tidy_text_column_is_taken_at_once(nilai):
    hasil = modul_impor.teks_sekaligus(nilai, 1000)
    assert hasil == ["" if v is None else v for v in nilai]


@pytest.mark.parametrize(
    "nilai",
    [[" a"], ["a "], ["a  b"], ["a\tb"], ["a\u00a0b"], ["a", " b"], ["abcdefg"], [1.0], [True]],
)
def test_a_text_column_that_needs_tidying_or_checking_goes_cell_by_cell(nilai):
    assert modul_impor.teks_sekaligus(nilai, 6) is None


@given(
    st.lists(
        st.one_of(
            st.text(alphabet="0123456789", min_size=17, max_size=19),
            st.sampled_from(["19870812201001100١", " 198708122010011001", "1,98708E+17", ""]),
            st.none(),
            st.integers(10**17, 10**18 - 1),
        ),
        max_size=4,
    )
)
def test_a_nip_column_at_once_is_the_same_as_cell_by_cell(nilai):
    sekaligus = modul_impor.nip_sekaligus(nilai)
    if sekaligus is not None:
        assert sekaligus == _per_sel(nilai, modul_impor.nip_dari_sel)
    if nilai and all(isinstance(v, str) and len(v) == 18 and v.isdigit() for v in nilai):
        assert sekaligus == nilai or not "".join(nilai).isascii()


_SEL_EMAIL = st.one_of(
    st.none(),
    st.emails(),
    st.text(alphabet=st.sampled_from("ab.@-_+ \n\u00a0"), min_size=1, max_size=12),
    st.sampled_from(["a@b.id", "a@b.id ", "a@@b.id", "a@b", "A.B@c-d.co.id", "x" * 250 + "@b.id"]),
)
_SEL_NO_HP = st.one_of(
    st.none(),
    st.from_regex(r"\+?[0-9]{4,17}", fullmatch=True),
    st.text(alphabet=st.sampled_from("0123456789+-() '\n"), min_size=1, max_size=16),
    st.sampled_from(["081234567890", "+6281234567890", "0812-3456-7890", "'0812345678"]),
)


@given(st.lists(_SEL_EMAIL, max_size=6))
def test_an_email_column_at_once_is_the_same_as_cell_by_cell(nilai):
    sekaligus = modul_impor.email_sekaligus(nilai)
    if sekaligus is not None:
        assert sekaligus == _per_sel(nilai, modul_impor._email)


@given(st.lists(_SEL_NO_HP, max_size=6))
def test_a_phone_column_at_once_is_the_same_as_cell_by_cell(nilai):
    sekaligus = modul_impor.no_hp_sekaligus(nilai)
    if sekaligus is not None:
        assert sekaligus == _per_sel(nilai, modul_impor._no_hp)


def test_tidy_email_and_phone_columns_are_taken_at_once_and_others_are_not():
    assert modul_impor.email_sekaligus(["a@b.id", None, "A.B@c-d.co.id"]) == [
        "a@b.id", "", "A.B@c-d.co.id",
    ]  # fmt: skip
    assert modul_impor.no_hp_sekaligus(["081234567890", None, "+6281234"]) == [
        "081234567890", "", "+6281234",
    ]  # fmt: skip
    for email in (["a@b.id", "bukan email"], ["a@b.id\nc@d.id"], ["a@b.id", 1.0]):
        assert modul_impor.email_sekaligus(email) is None
    for no_hp in (["0812-3456-7890"], ["12345"], ["0812\n0813"], [81234567890]):
        assert modul_impor.no_hp_sekaligus(no_hp) is None
