import io

import pytest
from openpyxl import load_workbook

from pegawai.ekspor import Lembar, baris_csv, sel_aman, tulis_xlsx


@pytest.mark.parametrize("nilai", ["=1+1", "+62811", "-2+3", "@SUM(A1)", "\tx", "\rx", "\0x"])
def test_formula_like_text_is_neutralised(nilai):
    assert sel_aman(nilai) == "'" + nilai


@pytest.mark.parametrize("nilai", ["Cut Meutia", "", 5, None, 3.5])
def test_other_values_pass(nilai):
    assert sel_aman(nilai) == nilai


def test_xlsx_never_holds_a_formula():
    berkas = io.BytesIO()
    tulis_xlsx(berkas, [Lembar("Data", ["=Judul"], [['=HYPERLINK("x")', 5, "Langsa"]])])
    berkas.seek(0)
    ws = load_workbook(berkas).active
    assert ws["A1"].value == "'=Judul"
    assert ws["A2"].value == '\'=HYPERLINK("x")'
    assert ws["A2"].data_type == "s"
    assert ws["B2"].value == 5
    assert ws["C2"].value == "Langsa"


def test_csv_lines():
    lines = list(baris_csv(["NIP", "NAMA"], [["198708122010011001", "=cmd"], ["1", None]]))
    assert lines[0] == "\ufeffNIP,NAMA\r\n"
    assert lines[1] == "198708122010011001,'=cmd\r\n"
    assert lines[2] == "1,\r\n"
