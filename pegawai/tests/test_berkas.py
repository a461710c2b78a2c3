"""Tes pembacaan tabel berkas impor: CSV dalam berbagai encoding dan pemisah, XLSX, berkas rusak."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook

from pegawai.berkas import (
    RUMUS_TANPA_NILAI,
    BerkasTidakTerbaca,
    KolomWajibTidakAda,
    SelGalat,
    baca_tabel,
    kanonik,
)

WAJIB = ("NIP", "NAMA")


def baca(isi: bytes, nama="data.csv", wajib=WAJIB, **kwargs):
    with baca_tabel(io.BytesIO(isi), nama_berkas=nama, kolom_wajib=wajib, **kwargs) as tabel:
        return tabel, list(tabel.baris())


def xlsx(*lembar: tuple[str, list[list]], tersembunyi: tuple[str, ...] = ()) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for judul, baris in lembar:
        ws = wb.create_sheet(judul)
        for b in baris:
            ws.append(b)
        if judul in tersembunyi:
            ws.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def ganti_xml_lembar(isi: bytes, pola: str, pengganti: str) -> bytes:
    """Ubah XML lembar pertama, misalnya untuk memberi sel rumus nilai tersimpan seperti Excel."""
    masuk = zipfile.ZipFile(io.BytesIO(isi))
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for item in masuk.infolist():
            data = masuk.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                baru = re.sub(pola, pengganti, data.decode())
                assert baru != data.decode()
                data = baru.encode()
            z.writestr(item, data)
    return keluar.getvalue()


# ---------------------------------------------------------------------------------------------
# Header
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nama", "baku"),
    [
        ("NIP", "NIP"),
        ("nip", "NIP"),
        (" Tanggal Lahir ", "TANGGAL_LAHIR"),
        ("tanggal_lahir", "TANGGAL_LAHIR"),
        ("Tanggal  _ Lahir", "TANGGAL_LAHIR"),
        ("\ufeffNIP", "NIP"),
        ("No HP", "NO_HP"),
    ],
)
def test_it_canonicalises_header_names(nama, baku):
    assert kanonik(nama) == baku


def test_it_matches_headers_in_any_order_case_and_spacing_and_ignores_unknown_columns():
    isi = b"Keterangan,nama , n_i_p,NIP\n-,Ahmad,x,198708122010011001\n"
    tabel, baris = baca(isi, kolom_opsional=("EMAIL",))
    assert tabel.header == ["Keterangan", "nama", "n_i_p", "NIP"]
    assert baris == [(2, {"NAMA": "Ahmad", "NIP": "198708122010011001"})]


def test_it_names_every_missing_required_column():
    with pytest.raises(KolomWajibTidakAda) as exc:
        baca(b"NAMA,EMAIL\nAhmad,a@b.id\n", wajib=("NIP", "NAMA", "JP"))
    assert exc.value.kolom == ["NIP", "JP"]
    assert "NIP, JP" in str(exc.value)
    assert str(exc.value).startswith("Berkas tidak dapat dibaca: kolom wajib tidak ada")


def test_it_refuses_a_known_column_given_twice():
    with pytest.raises(BerkasTidakTerbaca, match="kolom NIP muncul lebih dari sekali"):
        baca(b"NIP,Nama,nip\n1,2,3\n")


def test_it_takes_the_first_non_blank_row_as_header():
    tabel, baris = baca(b"\n;;\nNIP;NAMA\n1;Ahmad\n")
    assert tabel.nomor_header == 3
    assert baris == [(4, {"NIP": "1", "NAMA": "Ahmad"})]


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("isi", "keterangan"),
    [
        ("NIP,NAMA\n1,Zulkifli Ma’ruf\n".encode(), "UTF-8 tanpa BOM, koma"),
        ("\ufeffNIP;NAMA\r\n1;Zulkifli Ma’ruf\r\n".encode(), "UTF-8 ber-BOM, titik koma"),
        ("NIP;NAMA\r\n1;Zulkifli Ma’ruf\r\n".encode("cp1252"), "Windows-1252, titik koma"),
        ("NIP\tNAMA\r\n1\tZulkifli Ma’ruf\r\n".encode("utf-16"), "UTF-16 teks Unicode Excel"),
        ('"NIP";"NAMA"\n"1";"Zulkifli Ma’ruf"\n'.encode("cp1252"), "semua sel berkutip"),
    ],
)
def test_it_reads_csv_in_the_encodings_and_delimiters_excel_writes(isi, keterangan):
    tabel, baris = baca(isi)
    assert tabel.format == "csv"
    assert baris == [(2, {"NIP": "1", "NAMA": "Zulkifli Ma’ruf"})], keterangan


def test_it_keeps_quoted_delimiters_and_newlines_inside_a_cell():
    isi = (
        b'NIP,NAMA,PERANGKAT_DAERAH\n1,"Ahmad","Dinas Pemuda, Olahraga dan Pariwisata"\n'
        b'2,"Baris\ndua",DINKES\n3,Cut,DLH\n'
    )
    _, baris = baca(isi, kolom_opsional=("PERANGKAT_DAERAH",))
    assert [b[0] for b in baris] == [2, 3, 4]  # nomor baris spreadsheet, bukan baris teks
    assert baris[0][1]["PERANGKAT_DAERAH"] == "Dinas Pemuda, Olahraga dan Pariwisata"
    assert baris[1][1]["NAMA"] == "Baris\ndua"


def test_it_guesses_the_delimiter_ignoring_commas_inside_quoted_headers():
    _, baris = baca(b'"NIP";"NAMA, LENGKAP";NAMA\n1;x;Ahmad\n', kolom_opsional=())
    assert baris == [(2, {"NIP": "1", "NAMA": "Ahmad"})]


def test_it_skips_blank_rows_and_keeps_row_numbers():
    isi = b"NIP;NAMA\n1;Ahmad\n;\n  ;  \n\n2;Cut\n"
    _, baris = baca(isi)
    assert baris == [(2, {"NIP": "1", "NAMA": "Ahmad"}), (6, {"NIP": "2", "NAMA": "Cut"})]


def test_it_trims_cells_and_turns_empty_ones_into_none_and_pads_short_rows():
    _, baris = baca(b"NIP,NAMA,EMAIL\n 1 ,\xc2\xa0Ahmad  ,\n2\n", kolom_opsional=("EMAIL",))
    assert baris == [
        (2, {"NIP": "1", "NAMA": "Ahmad", "EMAIL": None}),
        (3, {"NIP": "2", "NAMA": None, "EMAIL": None}),
    ]


def test_a_header_only_file_has_no_rows():
    tabel, baris = baca(b"\xef\xbb\xbfNIP;NAMA\r\n")
    assert tabel.header == ["NIP", "NAMA"]
    assert baris == []


def test_it_estimates_the_number_of_rows_cheaply():
    isi = "NIP,NAMA\n" + "".join(f"{i},Pegawai {i}\n" for i in range(250))
    tabel, baris = baca(isi.encode())
    assert tabel.jumlah_baris_perkiraan == 250
    assert len(baris) == 250


def test_it_reads_from_a_path_and_leaves_callers_file_objects_open(tmp_path):
    jalur = tmp_path / "pegawai.csv"
    jalur.write_bytes(b"NIP,NAMA\n1,Ahmad\n")
    with baca_tabel(jalur, nama_berkas="pegawai.csv", kolom_wajib=WAJIB) as tabel:
        assert list(tabel.baris()) == [(2, {"NIP": "1", "NAMA": "Ahmad"})]
    berkas = io.BytesIO(b"NIP,NAMA\n1,Ahmad\n")
    berkas.read()  # posisi di akhir, seperti unggahan yang sudah dibaca
    with baca_tabel(berkas, nama_berkas="unggahan.CSV", kolom_wajib=WAJIB) as tabel:
        assert len(list(tabel.baris())) == 1
    assert not berkas.closed


# ---------------------------------------------------------------------------------------------
# Berkas yang tidak dapat dibaca
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("isi", "nama", "alasan"),
    [
        (b"", "kosong.csv", "berkas kosong"),
        (b"\xef\xbb\xbf \r\n\r\n", "kosong.csv", "berkas kosong"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\n", "pegawai.xlsx", "dokumen PDF"),
        (b"%PDF-1.4\n", "pegawai.csv", "dokumen PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "pegawai.xls", "Excel lama (.xls)"),
        (b"NIP,NAMA\n1,Ahmad\n", "pegawai.xlsx", "bukan XLSX yang sah"),
        (bytes(range(256)) * 8, "pegawai.csv", "data biner"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "foto.csv", "data biner"),
        (b"NIP,NAMA\n1,Ahmad\n", "pegawai.ods", "format berkas .ods tidak didukung"),
        (b"NIP,NAMA\n1,Ahmad\n", "pegawai", "tanpa akhiran"),
    ],
)
def test_it_refuses_files_that_cannot_be_used_with_the_reason(isi, nama, alasan):
    with pytest.raises(BerkasTidakTerbaca) as exc:
        baca(isi, nama=nama)
    assert alasan in str(exc.value)
    assert str(exc.value).startswith("Berkas tidak dapat dibaca: ")


def test_it_refuses_a_zip_that_is_not_a_workbook():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("dokumen.txt", "bukan buku kerja")
    with pytest.raises(BerkasTidakTerbaca, match="bukan XLSX yang sah"):
        baca(buf.getvalue(), nama="pegawai.xlsx")


def test_it_refuses_a_truncated_workbook():
    isi = xlsx(("Pegawai", [["NIP", "NAMA"], *[[str(i), f"P{i}"] for i in range(2000)]]))
    with pytest.raises(BerkasTidakTerbaca):
        baca(isi[: len(isi) // 2], nama="pegawai.xlsx")


def test_it_refuses_a_missing_path(tmp_path):
    with pytest.raises(BerkasTidakTerbaca, match="tidak ditemukan"):
        baca_tabel(tmp_path / "tidak-ada.csv", nama_berkas="tidak-ada.csv", kolom_wajib=WAJIB)


# ---------------------------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------------------------


def test_it_reads_the_first_sheet_with_cell_types_kept():
    isi = xlsx(
        (
            "Pegawai",
            [
                ["NIP", "NAMA", "TANGGAL_LAHIR", "JP", "AKTIF"],
                ["198708122010011001", "Cut Nyak Dhien", datetime(1987, 8, 12), 12, True],
                [198708122010011001, "  Teuku Umar ", datetime(1990, 1, 2), 12.5, None],
            ],
        ),
        ("Referensi", [["NIP", "NAMA"], ["x", "lembar lain"]]),
    )
    tabel, baris = baca(isi, nama="pegawai.xlsx", kolom_opsional=("TANGGAL_LAHIR", "JP", "AKTIF"))
    assert tabel.format == "xlsx"
    assert tabel.jumlah_baris_perkiraan == 2
    assert baris[0] == (
        2,
        {
            "NIP": "198708122010011001",
            "NAMA": "Cut Nyak Dhien",
            "TANGGAL_LAHIR": datetime(1987, 8, 12),
            "JP": 12,
            "AKTIF": True,
        },
    )
    nomor, data = baris[1]
    assert nomor == 3
    # NIP sebagai angka: sudah bukan teks, dan digitnya tidak utuh lagi.
    assert isinstance(data["NIP"], float)
    assert data["NAMA"] == "Teuku Umar"
    assert data["JP"] == 12.5
    assert data["AKTIF"] is None


def test_it_reads_another_sheet_by_name_and_skips_hidden_first_sheets():
    isi = xlsx(
        ("Petunjuk", [["Isi kolom NIP sebagai teks"]]),
        ("Data ASN", [["NIP", "NAMA"], ["1", "Ahmad"]]),
        tersembunyi=("Petunjuk",),
    )
    assert baca(isi, nama="a.xlsx")[1] == [(2, {"NIP": "1", "NAMA": "Ahmad"})]
    assert baca(isi, nama="a.xlsx", sheet="data asn")[1] == [(2, {"NIP": "1", "NAMA": "Ahmad"})]
    with pytest.raises(KolomWajibTidakAda):
        baca(isi, nama="a.xlsx", sheet="Petunjuk")


def test_it_names_the_available_sheets_when_asked_for_an_unknown_one():
    isi = xlsx(("Pegawai", [["NIP", "NAMA"]]), ("Riwayat", [["NIP"]]))
    with pytest.raises(BerkasTidakTerbaca) as exc:
        baca(isi, nama="a.xlsx", sheet="Sheet1")
    assert "lembar 'Sheet1' tidak ada; lembar yang tersedia: 'Pegawai', 'Riwayat'" in str(exc.value)


def test_it_marks_formulas_without_a_cached_value_and_error_cells():
    isi = xlsx(("Pegawai", [["NIP", "NAMA", "GOLONGAN"], ["1", '=A2&"x"', "=NA()"]]))
    _, baris = baca(isi, nama="a.xlsx", kolom_opsional=("GOLONGAN",))
    assert baris == [(2, {"NIP": "1", "NAMA": RUMUS_TANPA_NILAI, "GOLONGAN": RUMUS_TANPA_NILAI})]

    # Seperti yang disimpan Excel: rumus dengan nilai tersimpannya, dan galat #N/A.
    isi = ganti_xml_lembar(
        isi, r'<c r="B2"><f>(.*?)</f><v ?/>', r'<c r="B2" t="str"><f>\1</f><v>Ahmad</v>'
    )
    isi = ganti_xml_lembar(
        isi, r'<c r="C2"><f>NA\(\)</f><v ?/>', r'<c r="C2" t="e"><f>NA()</f><v>#N/A</v>'
    )
    _, baris = baca(isi, nama="a.xlsx", kolom_opsional=("GOLONGAN",))
    assert baris == [(2, {"NIP": "1", "NAMA": "Ahmad", "GOLONGAN": SelGalat("#N/A")})]


def test_it_skips_blank_rows_of_a_sheet_and_keeps_spreadsheet_row_numbers():
    wb = Workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "NIP", "NAMA"
    ws["A2"], ws["B2"] = "1", "Ahmad"
    ws["A3"] = "   "
    ws["A7"], ws["C7"] = "2", "kolom tak bertajuk"
    ws["B9"] = "Cut"
    buf = io.BytesIO()
    wb.save(buf)
    _, baris = baca(buf.getvalue(), nama="a.xlsx")
    assert baris == [
        (2, {"NIP": "1", "NAMA": "Ahmad"}),
        (7, {"NIP": "2", "NAMA": None}),
        (9, {"NIP": None, "NAMA": "Cut"}),
    ]


def test_a_header_only_sheet_has_no_rows():
    tabel, baris = baca(xlsx(("Pegawai", [["NIP", "NAMA"]])), nama="a.xlsx")
    assert tabel.header == ["NIP", "NAMA"]
    assert baris == []


def test_rows_can_be_read_only_once():
    with baca_tabel(io.BytesIO(b"NIP,NAMA\n1,A\n"), nama_berkas="a.csv", kolom_wajib=WAJIB) as t:
        list(t.baris())
        with pytest.raises(RuntimeError):
            list(t.baris())


def _dari_potongan(isi: bytes, nama: str, ukuran: int, **kwargs) -> list:
    with baca_tabel(io.BytesIO(isi), nama_berkas=nama, kolom_wajib=WAJIB, **kwargs) as tabel:
        baris = []
        for nomor, kolom in tabel.potongan(ukuran):
            assert list(kolom) == tabel.kolom
            assert all(len(nilai) == len(nomor) for nilai in kolom.values())
            baris.extend(
                (n, {k: nilai[j] for k, nilai in kolom.items()}) for j, n in enumerate(nomor)
            )
        return baris


@pytest.mark.parametrize("ukuran", [1, 2, 3, 100])
def test_chunks_by_column_hold_the_same_rows_as_reading_row_by_row(ukuran):
    # Blank rows, a short row, spaces to trim, a skipped unknown column, chunk edges anywhere.
    isi = b"NIP;ASAL;NAMA;EMAIL\n1;x;Ahmad;a@b.id\n;;;\n  ;  ;  ;\n\n 2 ;y;\xc2\xa0Cut \n3\n;;;\n"
    opsi = {"kolom_opsional": ("EMAIL",)}
    harapan = baca(isi, **opsi)[1]
    assert harapan[0] == (2, {"NIP": "1", "NAMA": "Ahmad", "EMAIL": "a@b.id"})
    assert [n for n, _ in harapan] == [2, 6, 7]
    assert _dari_potongan(isi, "data.csv", ukuran, **opsi) == harapan

    lembar = xlsx(("Data", [["NIP", "NAMA"], ["1", "Ahmad"], [None, None], [2, " Cut "], ["3"]]))
    harapan = baca(lembar, nama="data.xlsx")[1]
    assert [n for n, _ in harapan] == [2, 4, 5]
    assert _dari_potongan(lembar, "data.xlsx", ukuran) == harapan


def test_a_file_of_blank_rows_gives_no_chunk():
    assert _dari_potongan(b"NIP;NAMA\n;\n;\n", "data.csv", 1) == []
