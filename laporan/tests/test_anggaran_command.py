"""`python manage.py laporan_anggaran --tahun YYYY`: the per-source rows, equal to SQL written by
hand on the same data and to the web page."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from pelatihan.models import SumberDana
from pelatihan.tests.test_anggaran_factories import kota_beranggaran

URUTAN = {kode: i for i, kode in enumerate(SumberDana.values)}


def perintah(*args) -> str:
    out = io.StringIO()
    call_command("laporan_anggaran", *args, stdout=out)
    return out.getvalue()


def angka(nilai: Decimal):
    return int(nilai) if nilai == nilai.to_integral_value() else float(nilai)


def sql_sumber(tahun: int) -> list[dict]:
    """Every source with a budget in the year: the pagu, what is allocated from it and what is
    realised from those allocations; sisa = pagu − realisasi."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT a.sumber_dana,
                   SUM(a.pagu),
                   SUM(COALESCE(al.s, 0)),
                   SUM(COALESCE(re.s, 0)),
                   SUM(a.pagu) - SUM(COALESCE(re.s, 0))
            FROM pelatihan_anggaran a
            LEFT JOIN (SELECT anggaran_id, SUM(jumlah) AS s FROM pelatihan_alokasianggaran
                       GROUP BY anggaran_id) al ON al.anggaran_id = a.id
            LEFT JOIN (SELECT x.anggaran_id, SUM(r.jumlah) AS s
                       FROM pelatihan_realisasianggaran r
                       JOIN pelatihan_alokasianggaran x ON x.id = r.alokasi_id
                       GROUP BY x.anggaran_id) re ON re.anggaran_id = a.id
            WHERE a.tahun = %s
            GROUP BY a.sumber_dana
            """,
            [tahun],
        )
        rows = sorted(cursor.fetchall(), key=lambda r: URUTAN[r[0]])
    kunci = ("sumber_dana", "pagu", "dialokasikan", "realisasi", "sisa")
    return [dict(zip(kunci, (r[0], *map(angka, r[1:])), strict=True)) for r in rows]


@pytest.fixture
def kota(pemeran):
    return kota_beranggaran(pemeran)


@pytest.mark.parametrize("tahun", [2024, 2025])
def test_the_json_equals_sql_on_the_same_data(kota, tahun):
    hasil = json.loads(perintah("--tahun", str(tahun), "--format", "json"))
    assert hasil == sql_sumber(tahun)
    for baris in hasil:
        assert list(baris) == ["sumber_dana", "pagu", "dialokasikan", "realisasi", "sisa"]
        assert all(isinstance(baris[k], int | float) for k in list(baris)[1:])
        assert baris["sisa"] == pytest.approx(baris["pagu"] - baris["realisasi"])


def test_every_source_with_a_budget_even_untouched(kota):
    hasil = json.loads(perintah("--tahun", "2025", "--format", "json"))
    assert [b["sumber_dana"] for b in hasil] == ["apbk", "apba", "hibah", "csr"]
    hibah = hasil[2]
    assert hibah == {
        "sumber_dana": "hibah",
        "pagu": 50_000_000,
        "dialokasikan": 0,
        "realisasi": 0,
        "sisa": 50_000_000,
    }
    assert hasil[1]["realisasi"] == 34_500_000.5  # sen are kept


def test_a_year_without_budgets_is_an_empty_list(db):
    assert json.loads(perintah("--tahun", "2025")) == []


def test_the_command_and_the_page_agree(client, kota, pemeran):
    client.force_login(pemeran.admin)
    sumber = client.get(reverse("laporan:anggaran"), {"tahun": 2025}).context["sumber"]
    halaman = [
        {
            "sumber_dana": b.kunci,
            "pagu": angka(b.pagu),
            "dialokasikan": angka(b.dialokasikan),
            "realisasi": angka(b.realisasi),
            "sisa": angka(b.sisa),
        }
        for b in sumber
    ]
    assert halaman == json.loads(perintah("--tahun", "2025", "--format", "json"))


def test_csv_and_xlsx_carry_the_same_rows(kota, tmp_path):
    harapan = sql_sumber(2025)
    teks = perintah("--tahun", "2025", "--format", "csv")
    assert not teks.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(teks)))
    assert [r["sumber_dana"] for r in rows] == [h["sumber_dana"] for h in harapan]
    assert [float(r["sisa"]) for r in rows] == [h["sisa"] for h in harapan]
    berkas = tmp_path / "anggaran.xlsx"
    perintah("--tahun", "2025", "--format", "xlsx", "--output", str(berkas))
    ws = load_workbook(berkas).worksheets[0]
    isi = list(ws.iter_rows(values_only=True))
    assert list(isi[0]) == ["sumber_dana", "pagu", "dialokasikan", "realisasi", "sisa"]
    assert [dict(zip(isi[0], r, strict=True)) for r in isi[1:]] == harapan
    keluaran = tmp_path / "anggaran.json"
    assert perintah("--tahun", "2025", "--output", str(keluaran)) == ""
    assert json.loads(keluaran.read_text(encoding="utf-8")) == harapan


@pytest.mark.parametrize(
    ("args", "pesan"),
    [
        ([], "--tahun wajib diisi"),
        (["--tahun", "25"], "Tahun tidak valid"),
        (["--tahun", "2025", "--format", "pdf"], "--format harus"),
        (["--tahun", "2025", "--format", "xlsx"], "memerlukan --output"),
    ],
)
def test_mistakes_get_an_indonesian_message(db, args, pesan):
    with pytest.raises(CommandError, match=pesan):
        perintah(*args)
