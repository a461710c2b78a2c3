"""Tes jalur PyArrow pembacaan CSV: hasilnya sama persis dengan jalur modul ``csv``, atau tidak
dipakai sama sekali."""

from __future__ import annotations

import csv
import io
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pegawai import csv_arrow
from pegawai.berkas import BerkasTidakTerbaca, baca_tabel

WAJIB = ("NIP", "NAMA")


def _baca(isi: bytes, ukuran: int, *, arrow: bool) -> tuple[str, object]:
    """(jalur yang dipakai, hasil): header, nomor header, dan baris per potongan; atau pesan
    penolakan berkas."""
    asli = csv_arrow.baca
    if not arrow:
        csv_arrow.baca = lambda *args: None
    try:
        with baca_tabel(
            io.BytesIO(isi), nama_berkas="data.csv", kolom_wajib=WAJIB, kolom_opsional=("EMAIL",)
        ) as tabel:
            jalur = type(tabel._sumber).__name__
            baris = []
            for nomor, kolom in tabel.potongan(ukuran):
                assert list(kolom) == tabel.kolom
                baris += [(n, [k[j] for k in kolom.values()]) for j, n in enumerate(nomor)]
            return jalur, (tabel.header, tabel.nomor_header, baris)
    except BerkasTidakTerbaca as exc:
        return "ditolak", str(exc)
    finally:
        csv_arrow.baca = asli


# Sel yang menguji batas kedua pengurai: pemisah, kutip, baris baru di dalam kutip, CR saja,
# spasi Unicode yang dibuang str.strip(), NUL, BOM di tengah berkas.
_HURUF = st.sampled_from(
    [*'ab1 ;,"\n\r\t', "\xa0", "\u2003", "\x1c", "\x85", "\x00", "\ufeff", "é", "\u200b"]
)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    isi=st.lists(_HURUF, max_size=80).map("".join),
    pemisah=st.sampled_from(";,\t"),
    bom=st.booleans(),
    ukuran=st.integers(1, 5),
)
@example(isi='1;"Ah\nmad";a@b.id\n\n  ;  ;  \n2;" Cut ";\n', pemisah=";", bom=True, ukuran=2)
@example(isi='"ab"c;d;e\na"b;"x""y";\r3;z;w', pemisah=";", bom=False, ukuran=1)
@example(isi='"tanpa kutip penutup;x;y\n', pemisah=";", bom=False, ukuran=1)
def test_arrow_reads_exactly_what_the_csv_module_reads(isi, pemisah, bom, ukuran):
    header = pemisah.join(["NIP", "NAMA", "EMAIL"]) + "\r\n"
    data = (b"\xef\xbb\xbf" if bom else b"") + (header + isi).encode()
    _, hasil = _baca(data, ukuran, arrow=True)
    jalur_csv, hasil_csv = _baca(data, ukuran, arrow=False)
    assert jalur_csv != "SumberArrow"
    assert hasil == hasil_csv


def test_a_regular_file_takes_the_arrow_path():
    # Sel berkutip dengan pemisah dan baris baru di dalamnya, baris kosong, spasi di tepi.
    isi = '\ufeffNIP;NAMA;EMAIL\n1;"Ahmad;\nMa\'ruf";a@b.id\n;;\n\n 2 ;\xa0Cut ;\n'.encode()
    jalur, (header, nomor_header, baris) = _baca(isi, 4096, arrow=True)
    assert jalur == "SumberArrow"
    assert (header, nomor_header) == (["NIP", "NAMA", "EMAIL"], 1)
    assert baris == [(2, ["1", "Ahmad;\nMa'ruf", "a@b.id"]), (5, ["2", "Cut", None])]


@pytest.mark.parametrize(
    "isi",
    [
        pytest.param(b"\nNIP;NAMA\n1;A\n", id="baris kosong di atas header"),
        pytest.param(b"NIP;NAMA\n1;A;lebih\n", id="baris lebih lebar"),
        pytest.param(b"NIP;NAMA\n1\n", id="baris lebih sempit"),
        pytest.param("NIP;NAMA\n1;Ahmad Ma\u2019ruf\n".encode("cp1252"), id="Windows-1252"),
        pytest.param("NIP;NAMA\n1;A\n".encode("utf-16"), id="UTF-16"),
    ],
)
def test_files_it_cannot_read_the_same_way_go_to_the_csv_module(isi):
    jalur, hasil = _baca(isi, 10, arrow=True)
    assert jalur == "generator"
    assert hasil == _baca(isi, 10, arrow=False)[1]


def test_a_cell_over_the_csv_field_limit_is_refused_as_before():
    isi = b"NIP;NAMA\n1;" + b"x" * (csv.field_size_limit() + 1) + b"\n"
    jalur, pesan = _baca(isi, 10, arrow=True)
    assert jalur == "ditolak"
    assert "CSV rusak di sekitar baris 2" in pesan


def test_a_file_over_the_size_limit_is_read_by_the_csv_module(monkeypatch):
    isi = b"NIP;NAMA\n1;A\n"
    monkeypatch.setattr(csv_arrow, "BATAS_UKURAN", len(isi) - 1)
    assert _baca(isi, 10, arrow=True) == ("generator", (["NIP", "NAMA"], 1, [(2, ["1", "A"])]))


def test_the_whitespace_trimmed_is_that_of_str_strip():
    semua = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    assert semua == csv_arrow.SPASI


@pytest.mark.parametrize(
    "header",
    [
        '"NIP";"NAMA";"EMAIL"',
        'NIP;"NAMA;X";NAMA',
        '"Nama\nLengkap";NIP;NAMA',
        '"NIP',
        "NIP;NAMA;",
        ";NIP;NAMA",
    ],
)
def test_quoted_or_odd_headers_read_the_same(header):
    isi = (header + '\n1;"Ahmad";a@b.id\n2;Cut;\n').encode()
    assert _baca(isi, 2, arrow=True)[1] == _baca(isi, 2, arrow=False)[1]
