"""/pelatihan/rencana.xlsx: the documented columns, one row per plan line and OPD, costs split by
seats to the sen, formulas neutralised, the OPD's rows only for kepala and operator."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from pelatihan import akpk
from pelatihan.tests.factories import jenis
from pelatihan.tests.factories_kegiatan import ProgramPelatihanFactory
from pelatihan.tests.test_akpk_services import TAHUN, gabung, kompetensi, terverifikasi

XLSX = reverse("pelatihan:rencana-xlsx")

KOLOM = [
    "TAHUN",
    "NAMA_KEGIATAN",
    "KODE_PROGRAM",
    "JENIS_PENGEMBANGAN",
    "KODE_JENIS_SIASN",
    "JP",
    "BULAN",
    "SUMBER_DANA",
    "KODE_OPD",
    "NAMA_OPD",
    "KURSI",
    "KONTRIBUSI",
    "HONORARIUM",
    "KONSUMSI",
    "PERJALANAN_DINAS",
    "LAINNYA",
    "TOTAL_BIAYA",
    "KODE_REKENING",
    "KOMPETENSI",
]


def baca(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert f"rencana-pengembangan-{TAHUN}.xlsx" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    ws = wb.worksheets[0]
    assert ws.title == f"Rencana {TAHUN}"
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return rows[0], rows[1:]


@pytest.fixture
def rencana(pemeran):
    """A line with 2 seats for Dinkes (3.02) and 1 for Disdikbud (3.01), and a line whose seats
    were all removed."""
    program = ProgramPelatihanFactory(kode="PRG-PP-01")
    utama = gabung(
        pemeran,
        [
            terverifikasi(pemeran, jumlah_peserta=2, kompetensi=kompetensi("M.03")),
            terverifikasi(
                pemeran,
                oleh=pemeran.kepala_lain,
                perangkat_daerah=pemeran.opd_lain,
                kompetensi=kompetensi("M.01"),
            ),
        ],
        nama='=HYPERLINK("http://contoh")',
        program=program,
        bulan_rencana=4,
    )
    akpk.rencana_biaya_set(
        rencana=utama,
        rincian=[
            {
                "kategori": "kontribusi",
                "jumlah": Decimal("1000000"),
                "kode_rekening": "5.1.02.02.12.0001",
            },
            {"kategori": "konsumsi", "jumlah": Decimal("100"), "kode_rekening": "5.1.02.01.01"},
            {
                "kategori": "konsumsi",
                "jumlah": Decimal("0"),
                "kode_rekening": "5.1.02.02.12.0001",
            },
        ],
        oleh=pemeran.admin,
    )
    tanpa_kursi = gabung(
        pemeran,
        [terverifikasi(pemeran)],
        nama="Coaching Kepemimpinan",
        jenis=jenis("NKL01"),
        jp=10,
        sumber_dana="kerja_sama",
    )
    akpk.rencana_kursi_set(rencana=tanpa_kursi, kursi={}, oleh=pemeran.admin)
    akpk.rencana_biaya_set(
        rencana=tanpa_kursi,
        rincian=[{"kategori": "lainnya", "jumlah": Decimal("750000.50")}],
        oleh=pemeran.admin,
    )
    return utama


def test_the_columns_are_documented_and_in_order():
    assert list(akpk.KOLOM_RENCANA) == KOLOM


def test_the_admin_gets_one_row_per_line_and_opd(client, pemeran, rencana):
    client.force_login(pemeran.admin)
    header, rows = baca(client.get(XLSX, {"tahun": TAHUN}))
    assert header == KOLOM
    assert len(rows) == 3
    # Ordered by month (lines without a month last), then by OPD code.
    disdikbud, dinkes, coaching = rows
    awal = [TAHUN, '\'=HYPERLINK("http://contoh")', "PRG-PP-01", "KL03", "3", 24, 4, "APBK"]
    assert disdikbud[:8] == awal
    assert dinkes[:8] == awal
    assert disdikbud[8:11] == ["3.01", "Dinas Pendidikan dan Kebudayaan", 1]
    assert dinkes[8:11] == ["3.02", "Dinas Kesehatan", 2]
    # 1,000,100 split 1:2 to the sen, the two rows adding up exactly to the line.
    assert disdikbud[11:17] == [333333.33, 0, 33.33, 0, 0, 333366.66]
    assert dinkes[11:17] == [666666.67, 0, 66.67, 0, 0, 666733.34]
    assert Decimal(str(disdikbud[16])) + Decimal(str(dinkes[16])) == Decimal("1000100")
    assert disdikbud[17:] == ["5.1.02.02.12.0001;5.1.02.01.01", "M.01;M.03"]
    assert coaching[:11] == [
        TAHUN,
        "Coaching Kepemimpinan",
        None,
        "NKL01",
        None,
        10,
        None,
        "KERJA_SAMA",
        None,
        None,
        0,
    ]
    assert coaching[11:17] == [0, 0, 0, 0, 750000.5, 750000.5]


@pytest.mark.parametrize("peran", ["kepala", "operator"])
def test_kepala_and_operator_get_their_opds_rows_with_their_share(client, pemeran, rencana, peran):
    client.force_login(getattr(pemeran, peran))
    header, rows = baca(client.get(XLSX, {"tahun": TAHUN}))
    assert header == KOLOM
    assert [(r[8], r[10], r[16]) for r in rows] == [("3.02", 2, 666733.34)]


def test_pimpinan_reads_the_whole_plan(client, pemeran, rencana):
    client.force_login(pemeran.pimpinan)
    _, rows = baca(client.get(XLSX, {"tahun": TAHUN}))
    assert len(rows) == 3


def test_another_year_is_an_empty_sheet_with_its_header(client, pemeran, rencana):
    client.force_login(pemeran.admin)
    response = client.get(XLSX, {"tahun": TAHUN + 1})
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)] == [KOLOM]


def test_the_export_needs_a_login_and_get(client, pemeran):
    response = client.get(XLSX)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(pemeran.admin)
    assert client.post(XLSX).status_code == 405


def test_the_export_query_count_does_not_grow(client, pemeran, rencana, django_assert_num_queries):
    client.force_login(pemeran.admin)
    with django_assert_num_queries(8) as awal:
        client.get(XLSX, {"tahun": TAHUN})
    for i in range(3):
        r = gabung(
            pemeran,
            [
                terverifikasi(pemeran, kompetensi=kompetensi(f"M.0{i + 4}")),
                terverifikasi(pemeran, oleh=pemeran.kepala_lain, perangkat_daerah=pemeran.opd_lain),
            ],
            nama=f"Baris {i}",
        )
        akpk.rencana_biaya_set(
            rencana=r,
            rincian=[{"kategori": "honorarium", "jumlah": Decimal("300000")}],
            oleh=pemeran.admin,
        )
    with django_assert_num_queries(len(awal.captured_queries)):
        _, rows = baca(client.get(XLSX, {"tahun": TAHUN}))
    assert len(rows) == 9
