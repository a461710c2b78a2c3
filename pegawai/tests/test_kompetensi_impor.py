"""Impor standar kompetensi jabatan dan asesmen kompetensi: berkas berantakan, upsert, uji coba,
duplikat, berkas tak terbaca, perintah (JSON dan status keluar 0/1/2), satu transaksi."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import Workbook

from pegawai import impor_kompetensi
from pegawai.berkas import BerkasTidakTerbaca, KolomWajibTidakAda
from pegawai.impor_kompetensi import asesmen_kompetensi_import, standar_kompetensi_import
from pegawai.models import (
    AsesmenKompetensi,
    JenisJabatan,
    Kompetensi,
    StandarKompetensiJabatan,
)
from pegawai.tests.factories import JabatanFactory, PegawaiFactory

pytestmark = pytest.mark.django_db


def tulis_csv(path: Path, header, baris, *, delimiter=",", encoding="utf-8") -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(baris)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def ringkas(hasil) -> list[tuple[int, str]]:
    return [(p.baris, p.kolom) for p in hasil.rejected]


def pesan(hasil, baris: int) -> str:
    return " | ".join(p.pesan for p in hasil.rejected if p.baris == baris)


def standar_tersimpan() -> set[tuple[str, str, str, int]]:
    return {
        (s.jabatan.nama, s.jabatan.jenjang, s.kompetensi.kode, s.level)
        for s in StandarKompetensiJabatan.objects.select_related("jabatan", "kompetensi")
    }


def asesmen_tersimpan() -> set[tuple]:
    return set(
        AsesmenKompetensi.objects.values_list(
            "pegawai__nip", "kompetensi__kode", "tahun", "level", "metode"
        )
    )


def jalankan(perintah: str, *args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command(perintah, *args, stdout=out, stderr=io.StringIO())
        status = 0
    except SystemExit as exc:
        status = exc.code
    return status, out.getvalue()


# --- Standar kompetensi jabatan ------------------------------------------------------------------


@pytest.fixture
def jabatan(db):
    fungsional = JenisJabatan.FUNGSIONAL
    return {
        "perawat_ap": JabatanFactory(
            nama="Perawat", jenis_jabatan=fungsional, jenjang="ahli_pertama"
        ),
        "perawat_am": JabatanFactory(nama="Perawat", jenis_jabatan=fungsional, jenjang="ahli_muda"),
        "analis": JabatanFactory(
            nama="Analis SDM Aparatur", jenis_jabatan=fungsional, jenjang="ahli_pertama"
        ),
        "kasi": JabatanFactory(nama="Kepala Seksi Pelayanan", jenis_jabatan=JenisJabatan.PENGAWAS),
        "umum": JabatanFactory(nama="Pengadministrasi Umum"),
    }


HEADER_STANDAR = ["Jabatan", "Kode Kompetensi", "level", "Keterangan"]  # an unknown column too
BARIS_STANDAR = [
    ["perawat", "m.01", "3", "semua jenjang"],  # 2: overlaps row 13 → rejected
    ["Perawat Ahli Muda", "M.05", "4", ""],  # 3
    ["Analis SDM Aparatur — Ahli Pertama", "SK.01", "2,0", ""],  # 4
    ["Kepala Seksi Pelayanan - Pengawas", "Integritas", "3", "by name"],  # 5
    ["Jabatan Antah Berantah", "M.01", "3", ""],  # 6
    ["Pengadministrasi Umum", "X.99", "3", ""],  # 7
    ["Pengadministrasi Umum", "M.02", "6", ""],  # 8
    ["Pengadministrasi Umum", "M.03", "tinggi", ""],  # 9
    ["Perawat Ahli Utama", "M.01", "3", ""],  # 10
    ["Pengadministrasi Umum", "M.04", "2", ""],  # 11: twice with row 12
    ["pengadministrasi   UMUM", "m.04", "2", ""],  # 12
    ["Perawat Ahli Pertama", "M.01", "2", ""],  # 13
    ["", "", "", ""],  # 14: blank, skipped
    ["Pengadministrasi Umum", "", "", ""],  # 15: two problems
    ["Perawat", "M.02", "3", ""],  # 16: both jenjang of Perawat
]
PENOLAKAN_STANDAR = [
    (2, "KODE_KOMPETENSI"),
    (6, "JABATAN"),
    (7, "KODE_KOMPETENSI"),
    (8, "LEVEL"),
    (9, "LEVEL"),
    (10, "JABATAN"),
    (11, "KODE_KOMPETENSI"),
    (12, "KODE_KOMPETENSI"),
    (13, "KODE_KOMPETENSI"),
    (15, "KODE_KOMPETENSI"),
    (15, "LEVEL"),
]
HARAPAN_STANDAR = {
    ("Perawat", "ahli_muda", "M.05", 4),
    ("Analis SDM Aparatur", "ahli_pertama", "SK.01", 2),
    ("Kepala Seksi Pelayanan", "", "M.01", 3),
    ("Perawat", "ahli_pertama", "M.02", 3),
    ("Perawat", "ahli_muda", "M.02", 3),
}


@pytest.fixture
def berkas_standar(tmp_path, jabatan):
    return tulis_csv(
        tmp_path / "standar.csv", HEADER_STANDAR, BARIS_STANDAR, delimiter=";", encoding="cp1252"
    )


def impor_standar(berkas, **kwargs):
    return standar_kompetensi_import(berkas, nama_berkas=Path(str(berkas)).name, **kwargs)


def test_a_messy_standard_file_imports_exactly_its_valid_rows(berkas_standar):
    hasil = impor_standar(berkas_standar)
    assert ringkas(hasil) == PENOLAKAN_STANDAR
    assert (hasil.created, hasil.updated, hasil.unchanged) == (5, 0, 0)
    assert standar_tersimpan() == HARAPAN_STANDAR
    assert "'Jabatan Antah Berantah' tidak ditemukan" in pesan(hasil, 6)
    assert "'X.99' tidak dikenal" in pesan(hasil, 7)
    assert "LEVEL 6 di luar rentang; level kompetensi adalah 1 sampai 5" in pesan(hasil, 8)
    assert "'tinggi' bukan bilangan bulat" in pesan(hasil, 9)
    assert "tidak ada dengan 'Ahli Utama'; yang ada: Ahli Muda, Ahli Pertama" in pesan(hasil, 10)
    assert "(baris 11, 12); semua baris itu ditolak" in pesan(hasil, 11)
    assert "(baris 2, 13)" in pesan(hasil, 2)
    assert pesan(hasil, 15) == "KODE_KOMPETENSI wajib diisi | LEVEL wajib diisi; " + (
        "level kompetensi adalah bilangan bulat 1 sampai 5"
    )


def test_importing_the_standard_file_again_changes_nothing(berkas_standar):
    impor_standar(berkas_standar)
    hasil = impor_standar(berkas_standar)
    assert (hasil.created, hasil.updated, hasil.unchanged) == (0, 0, 5)
    assert standar_tersimpan() == HARAPAN_STANDAR


def test_a_changed_level_updates_the_standard(tmp_path, jabatan):
    StandarKompetensiJabatan.objects.create(
        jabatan=jabatan["umum"], kompetensi=Kompetensi.objects.get(kode="M.02"), level=2
    )
    berkas = tulis_csv(
        tmp_path / "s.csv",
        ["JABATAN", "KODE_KOMPETENSI", "LEVEL"],
        [["Pengadministrasi Umum", "M.02", "3"], ["Pengadministrasi Umum", "M.03", "2"]],
    )
    hasil = impor_standar(berkas)
    assert (hasil.created, hasil.updated, hasil.unchanged, hasil.rejected) == (1, 1, 0, [])
    assert standar_tersimpan() == {
        ("Pengadministrasi Umum", "", "M.02", 3),
        ("Pengadministrasi Umum", "", "M.03", 2),
    }


def test_a_standard_dry_run_reports_the_same_and_changes_nothing(berkas_standar):
    hasil = impor_standar(berkas_standar, dry_run=True)
    assert ringkas(hasil) == PENOLAKAN_STANDAR
    assert hasil.created == 5
    assert StandarKompetensiJabatan.objects.count() == 0


def test_a_name_that_exists_as_written_wins_over_reading_a_jenjang(tmp_path, jabatan):
    # A jabatan literally named "Perawat Ahli Muda" (no jenjang) is not the fungsional jenjang.
    harfiah = JabatanFactory(nama="Perawat Ahli Muda")
    berkas = tulis_csv(
        tmp_path / "s.csv",
        ["JABATAN", "KODE_KOMPETENSI", "LEVEL"],
        [["Perawat Ahli Muda", "M.01", 3]],
    )
    assert impor_standar(berkas).created == 1
    assert StandarKompetensiJabatan.objects.get().jabatan == harfiah


# --- Asesmen kompetensi --------------------------------------------------------------------------


@pytest.fixture
def pegawai(db):
    return PegawaiFactory(), PegawaiFactory(aktif=False)


def baris_asesmen(pegawai):
    satu, dua = pegawai
    tahun_depan = timezone.localdate().year + 1
    berformat = f"'{satu.nip[:8]} {satu.nip[8:14]} {satu.nip[14]} {satu.nip[15:]}"
    return [
        [satu.nip, "M.01", "3", "2024", ""],  # 2
        [berformat, " m.03 ", "2", "2025", "Uji kompetensi"],  # 3
        ["199001012015031099", "M.01", "3", "2024", ""],  # 4: valid NIP, nobody
        ["123", "M.01", "3", "2024", ""],  # 5
        [satu.nip, "M.99", "3", "2024", ""],  # 6
        [satu.nip, "M.02", "0", "2024", ""],  # 7
        [satu.nip, "M.02", "3", "1999", ""],  # 8
        [satu.nip, "M.02", "3", str(tahun_depan), ""],  # 9
        [satu.nip, "M.04", "2", "2024", ""],  # 10: twice with row 11
        [satu.nip, "M.04", "3", "2024", ""],  # 11
        [dua.nip, "M.01", "4", "2023", "Assessment center"],  # 12: inactive pegawai count
        [satu.nip, "M.01", "4", "2025", ""],  # 13: another year of row 2
    ]


PENOLAKAN_ASESMEN = [
    (4, "NIP"),
    (5, "NIP"),
    (6, "KODE_KOMPETENSI"),
    (7, "LEVEL"),
    (8, "TAHUN"),
    (9, "TAHUN"),
    (10, "KODE_KOMPETENSI"),
    (11, "KODE_KOMPETENSI"),
]
HEADER_ASESMEN = ["NIP", "KODE_KOMPETENSI", "LEVEL", "TAHUN", "METODE"]


@pytest.fixture
def berkas_asesmen(tmp_path, pegawai):
    return tulis_csv(tmp_path / "asesmen.csv", HEADER_ASESMEN, baris_asesmen(pegawai))


def impor_asesmen(berkas, **kwargs):
    return asesmen_kompetensi_import(berkas, nama_berkas=Path(str(berkas)).name, **kwargs)


def harapan_asesmen(pegawai):
    satu, dua = pegawai
    return {
        (satu.nip, "M.01", 2024, 3, ""),
        (satu.nip, "M.03", 2025, 2, "Uji kompetensi"),
        (dua.nip, "M.01", 2023, 4, "Assessment center"),
        (satu.nip, "M.01", 2025, 4, ""),
    }


def test_an_assessment_file_imports_exactly_its_valid_rows(berkas_asesmen, pegawai):
    hasil = impor_asesmen(berkas_asesmen)
    assert ringkas(hasil) == PENOLAKAN_ASESMEN
    assert (hasil.created, hasil.updated, hasil.unchanged) == (4, 0, 0)
    assert asesmen_tersimpan() == harapan_asesmen(pegawai)
    assert "NIP 199001012015031099 tidak terdaftar sebagai pegawai" in pesan(hasil, 4)
    assert "'M.99' tidak dikenal" in pesan(hasil, 6)
    assert "LEVEL 0 di luar rentang" in pesan(hasil, 7)
    assert "TAHUN 1999 tidak wajar; tahun asesmen 2000 sampai" in pesan(hasil, 8)
    assert f"sampai {timezone.localdate().year}" in pesan(hasil, 9)
    assert "(baris 10, 11); semua baris itu ditolak" in pesan(hasil, 10)
    # Every rejection keeps the row's data (for a rejected-rows download).
    assert all(p.data for p in hasil.rejected)


def test_importing_the_assessment_file_again_changes_nothing(berkas_asesmen, pegawai):
    impor_asesmen(berkas_asesmen)
    sebelum = dict(AsesmenKompetensi.objects.values_list("pk", "diubah_pada"))
    hasil = impor_asesmen(berkas_asesmen)
    assert (hasil.created, hasil.updated, hasil.unchanged) == (0, 0, 4)
    assert dict(AsesmenKompetensi.objects.values_list("pk", "diubah_pada")) == sebelum


def test_a_changed_level_updates_and_an_absent_metode_column_keeps_the_stored_one(
    tmp_path, pegawai
):
    satu, _dua = pegawai
    AsesmenKompetensi.objects.create(
        pegawai=satu,
        kompetensi=Kompetensi.objects.get(kode="M.01"),
        tahun=2024,
        level=2,
        metode="Assessment center",
    )
    berkas = tulis_csv(
        tmp_path / "a.csv",
        ["nip", "kode kompetensi", "level", "tahun"],
        [[satu.nip, "M.01", 3, 2024]],
    )
    hasil = impor_asesmen(berkas)
    assert (hasil.created, hasil.updated, hasil.unchanged, hasil.rejected) == (0, 1, 0, [])
    assert asesmen_tersimpan() == {(satu.nip, "M.01", 2024, 3, "Assessment center")}
    assert impor_asesmen(berkas).unchanged == 1


def test_an_assessment_dry_run_reports_the_same_and_changes_nothing(berkas_asesmen):
    hasil = impor_asesmen(berkas_asesmen, dry_run=True)
    assert ringkas(hasil) == PENOLAKAN_ASESMEN
    assert hasil.created == 4
    assert AsesmenKompetensi.objects.count() == 0


def test_an_xlsx_with_number_cells(tmp_path, pegawai):
    satu, _dua = pegawai
    wb = Workbook()
    ws = wb.active
    ws.append(["NIP", "KODE_KOMPETENSI", "LEVEL", "TAHUN"])
    ws.append([satu.nip, "M.05", 3, 2024])
    ws.append([satu.nip, "M.06", 2.0, 2025.0])
    ws.append([int(satu.nip), "M.07", 2, 2025])  # Excel kept 15 digits of the NIP
    ws.append([satu.nip, "M.08", 2.5, 2025])
    ws.append([satu.nip, "M.02", 2, date(2025, 1, 1)])
    wb.save(tmp_path / "asesmen.xlsx")
    hasil = impor_asesmen(tmp_path / "asesmen.xlsx")
    assert ringkas(hasil) == [(4, "NIP"), (5, "LEVEL"), (6, "TAHUN")]
    assert "tersimpan sebagai angka" in pesan(hasil, 4)
    assert "LEVEL 2,5 bukan bilangan bulat" in pesan(hasil, 5)
    assert "TAHUN berisi tanggal" in pesan(hasil, 6)
    assert {(k, t, lv) for _n, k, t, lv, _m in asesmen_tersimpan()} == {
        ("M.05", 2024, 3),
        ("M.06", 2025, 2),
    }


def test_a_crash_while_writing_rolls_everything_back(berkas_asesmen, monkeypatch):
    def gagal(*args, **kwargs):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(impor_kompetensi, "_insert", gagal)
    with pytest.raises(RuntimeError):
        impor_asesmen(berkas_asesmen)
    assert AsesmenKompetensi.objects.count() == 0


# --- Both: files that cannot be used, header only, query count -----------------------------------


@pytest.mark.parametrize(
    ("fungsi", "header"),
    [(impor_standar, ["JABATAN", "KODE_KOMPETENSI", "LEVEL"]), (impor_asesmen, HEADER_ASESMEN)],
)
def test_a_header_only_file_does_nothing_and_succeeds(tmp_path, fungsi, header):
    hasil = fungsi(tulis_csv(tmp_path / "kosong.csv", header, []))
    assert hasil.as_dict() == {"created": 0, "updated": 0, "unchanged": 0, "rejected": []}
    assert hasil.exit_status == 0


@pytest.mark.parametrize("fungsi", [impor_standar, impor_asesmen])
def test_a_file_missing_a_required_column_cannot_be_used(tmp_path, fungsi):
    berkas = tulis_csv(tmp_path / "x.csv", ["KODE_KOMPETENSI", "LEVEL"], [["M.01", "3"]])
    with pytest.raises(KolomWajibTidakAda):
        fungsi(berkas)


def test_the_number_of_queries_does_not_grow_with_rows(tmp_path):
    pegawai = [PegawaiFactory() for _ in range(30)]
    kode = ["M.01", "M.02", "M.03"]

    def queries(n: int, tahun: int) -> int:
        baris = [[p.nip, k, 3, tahun] for p in pegawai[:n] for k in kode]
        berkas = tulis_csv(tmp_path / f"a{n}.csv", HEADER_ASESMEN[:4], baris)
        with CaptureQueriesContext(connection) as ctx:
            assert impor_asesmen(berkas).created == len(baris)
        return len(ctx)

    assert queries(2, 2023) == queries(30, 2024)


# --- The commands --------------------------------------------------------------------------------


def test_the_standard_command_prints_json_and_exits_1_when_rows_were_rejected(berkas_standar):
    status, out = jalankan("import_standar_kompetensi", str(berkas_standar), "--json")
    assert status == 1
    data = json.loads(out)
    assert set(data) == {"created", "updated", "unchanged", "rejected"}
    assert (data["created"], data["updated"], data["unchanged"]) == (5, 0, 0)
    assert [(r["row"], r["column"]) for r in data["rejected"]] == PENOLAKAN_STANDAR
    assert all(set(r) == {"row", "column", "message"} for r in data["rejected"])


def test_the_assessment_command_dry_run_summary(berkas_asesmen):
    status, out = jalankan("import_asesmen_kompetensi", str(berkas_asesmen), "--dry-run")
    assert status == 1
    assert "dibuat 4, diperbarui 0, tidak berubah 0, ditolak 8 baris" in out
    assert "Uji coba (--dry-run): tidak ada yang disimpan." in out
    assert AsesmenKompetensi.objects.count() == 0


def test_the_assessment_command_exits_0_when_every_row_was_imported(tmp_path, pegawai):
    satu, _dua = pegawai
    berkas = tulis_csv(tmp_path / "a.csv", HEADER_ASESMEN[:4], [[satu.nip, "M.01", 3, 2024]])
    status, out = jalankan("import_asesmen_kompetensi", str(berkas), "--json")
    assert (status, json.loads(out)) == (
        0,
        {"created": 1, "updated": 0, "unchanged": 0, "rejected": []},
    )
    status, out = jalankan("import_asesmen_kompetensi", str(berkas))
    assert status == 0
    assert "dibuat 0, diperbarui 0, tidak berubah 1, ditolak 0 baris" in out


@pytest.mark.parametrize("perintah", ["import_standar_kompetensi", "import_asesmen_kompetensi"])
def test_the_commands_exit_2_for_an_unreadable_file(tmp_path, perintah):
    pdf = tmp_path / "kompetensi.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    with pytest.raises(CommandError) as exc:
        call_command(perintah, str(pdf), "--json", stdout=io.StringIO())
    assert exc.value.returncode == 2
    assert "Berkas tidak dapat dibaca: berkas ini dokumen PDF" in str(exc.value)
    with pytest.raises(CommandError) as exc:
        call_command(perintah, str(tmp_path / "tidak-ada.csv"), stdout=io.StringIO())
    assert exc.value.returncode == 2


def test_an_unreadable_file_raises_before_touching_anything(tmp_path, jabatan):
    rusak = tmp_path / "standar.xlsx"
    rusak.write_bytes(b"PK\x03\x04 bukan arsip")
    with pytest.raises(BerkasTidakTerbaca):
        impor_standar(rusak)
    assert StandarKompetensiJabatan.objects.count() == 0


def test_a_hyphen_inside_a_name_is_not_a_jenjang_separator(tmp_path):
    fungsional = JenisJabatan.FUNGSIONAL
    muda = JabatanFactory(
        nama="Pengelola Sarana-Prasarana", jenis_jabatan=fungsional, jenjang="ahli_muda"
    )
    pertama = JabatanFactory(
        nama="Pengelola Sarana-Prasarana", jenis_jabatan=fungsional, jenjang="ahli_pertama"
    )
    berkas = tulis_csv(
        tmp_path / "s.csv",
        ["JABATAN", "KODE_KOMPETENSI", "LEVEL"],
        [
            ["Pengelola Sarana-Prasarana", "M.01", 2],
            ["Pengelola Sarana-Prasarana – Ahli Muda", "M.02", 4],
            ["pengelola sarana-prasarana - ahli pertama", "M.03", 3],
        ],
    )
    hasil = impor_standar(berkas)
    assert (hasil.created, hasil.rejected) == (4, [])
    assert set(StandarKompetensiJabatan.objects.values_list("jabatan", "kompetensi__kode")) == {
        (muda.pk, "M.01"),
        (pertama.pk, "M.01"),
        (muda.pk, "M.02"),
        (pertama.pk, "M.03"),
    }
