"""`manage.py laporan_jp` (DESIGN §6 "JP compliance"): the numbers equal the rule computed in
Python over the same rows, in every format."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from laporan.tests.conftest import TAHUN_DATA, hitung_opd, hitung_pegawai, riwayat, sebagai_json
from pegawai.models import JenisPegawai
from pegawai.tests.factories import PegawaiFactory


def jalankan(*args) -> str:
    out = io.StringIO()
    call_command("laporan_jp", *args, stdout=out)
    return out.getvalue()


def urut_nip(baris):
    return sorted(baris, key=lambda b: b["nip"])


@pytest.mark.parametrize("tahun", TAHUN_DATA)
def test_per_opd_json_equals_the_rule_for_each_year(data_jp, tahun):
    hasil = json.loads(jalankan("--tahun", str(tahun), "--per", "opd", "--format", "json"))
    assert hasil == sebagai_json(hitung_opd(tahun))
    assert list(hasil[0]) == [
        "kode_opd",
        "nama_opd",
        "jumlah_asn",
        "memenuhi_target",
        "persen_memenuhi",
        "total_jp",
        "rata_rata_jp",
    ]


def test_per_opd_leaves_out_an_opd_without_active_pegawai(data_jp):
    hasil = json.loads(jalankan("--tahun", "2025", "--format", "json"))
    kode = {h["kode_opd"] for h in hasil}
    assert data_jp.opd_tanpa_aktif.kode not in kode
    assert kode == {"2.03", "3.01", "3.02"}  # BKPSDM, Disdikbud, Dinkes
    assert [h["kode_opd"] for h in hasil] == sorted(kode)


def test_the_asn_with_exactly_the_target_counts_and_claims_do_not(data_jp):
    asn = data_jp.pemeran.asn.pegawai
    hasil = json.loads(jalankan("--tahun", "2025", "--per", "pegawai", "--format", "json"))
    (baris,) = [h for h in hasil if h["nip"] == asn.nip]
    assert baris == {
        "nip": asn.nip,
        "nama": asn.nama,
        "kode_opd": "3.02",
        "jenis_pegawai": "PNS",
        "total_jp": 20,
        "target_jp": 20,
        "memenuhi_target": True,
    }
    (tahun_lalu,) = [
        h
        for h in json.loads(jalankan("--tahun", "2024", "--per", "pegawai", "--format", "json"))
        if h["nip"] == asn.nip
    ]
    assert (tahun_lalu["total_jp"], tahun_lalu["memenuhi_target"]) == (5, False)


@pytest.mark.parametrize("tahun", TAHUN_DATA)
def test_per_pegawai_json_equals_the_rule(data_jp, tahun):
    hasil = json.loads(jalankan("--tahun", str(tahun), "--per", "pegawai", "--format", "json"))
    assert urut_nip(hasil) == urut_nip(hitung_pegawai(tahun))
    kode = [h["kode_opd"] for h in hasil]
    assert kode == sorted(kode)


@pytest.mark.parametrize("jenis", JenisPegawai.values)
def test_the_jenis_filter(data_jp, jenis):
    opd = json.loads(jalankan("--tahun", "2025", "--format", "json", "--jenis", jenis.lower()))
    assert opd == sebagai_json(hitung_opd(2025, jenis=jenis))
    pegawai = json.loads(
        jalankan("--tahun", "2025", "--per", "pegawai", "--format", "json", "--jenis", jenis)
    )
    assert urut_nip(pegawai) == urut_nip(hitung_pegawai(2025, jenis=jenis))
    assert {p["jenis_pegawai"] for p in pegawai} == {jenis}


def test_the_target_follows_the_settings(data_jp, settings):
    settings.JP_TARGET_PER_TAHUN = {"PNS": 10, "CPNS": 30, "PPPK": 24}
    assert json.loads(jalankan("--tahun", "2025", "--format", "json")) == sebagai_json(
        hitung_opd(2025)
    )
    pegawai = json.loads(jalankan("--tahun", "2025", "--per", "pegawai", "--format", "json"))
    assert {(p["jenis_pegawai"], p["target_jp"]) for p in pegawai} == {
        ("PNS", 10),
        ("CPNS", 30),
        ("PPPK", 24),
    }


def test_csv_is_the_default_and_goes_to_stdout_without_bom(data_jp):
    teks = jalankan("--tahun", "2025")
    assert not teks.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(teks)))
    harapan = hitung_opd(2025)
    assert [r["kode_opd"] for r in rows] == [h["kode_opd"] for h in harapan]
    for r, h in zip(rows, harapan, strict=True):
        assert int(r["jumlah_asn"]) == h["jumlah_asn"]
        assert int(r["memenuhi_target"]) == h["memenuhi_target"]
        assert int(r["total_jp"]) == h["total_jp"]
        assert Decimal(r["persen_memenuhi"]) == h["persen_memenuhi"]
        assert Decimal(r["rata_rata_jp"]) == h["rata_rata_jp"]


def test_csv_per_pegawai_writes_ya_tidak(data_jp):
    rows = list(csv.DictReader(io.StringIO(jalankan("--tahun", "2025", "--per", "pegawai"))))
    harapan = {h["nip"]: h for h in hitung_pegawai(2025)}
    assert {r["nip"] for r in rows} == set(harapan)
    for r in rows:
        h = harapan[r["nip"]]
        assert int(r["total_jp"]) == h["total_jp"]
        assert r["memenuhi_target"] == ("Ya" if h["memenuhi_target"] else "Tidak")


def test_csv_to_a_file_has_a_bom_for_excel(data_jp, tmp_path):
    berkas = tmp_path / "jp.csv"
    assert jalankan("--tahun", "2025", "--output", str(berkas)) == ""
    isi = berkas.read_bytes()
    assert isi.startswith(b"\xef\xbb\xbfkode_opd,nama_opd,")
    assert len(isi.decode("utf-8-sig").splitlines()) == 1 + len(hitung_opd(2025))


@pytest.mark.parametrize("per", ["opd", "pegawai"])
def test_xlsx_read_back_equals_the_json(data_jp, tmp_path, per):
    berkas = tmp_path / f"jp-{per}.xlsx"
    jalankan("--tahun", "2025", "--per", per, "--format", "xlsx", "--output", str(berkas))
    rows = list(load_workbook(berkas, read_only=True).active.iter_rows(values_only=True))
    data = json.loads(jalankan("--tahun", "2025", "--per", per, "--format", "json"))
    assert rows[0] == tuple(data[0])
    assert [dict(zip(rows[0], r, strict=True)) for r in rows[1:]] == data


def test_json_to_a_file(data_jp, tmp_path):
    berkas = tmp_path / "jp.json"
    jalankan("--tahun", "2024", "--format", "json", "--output", str(berkas))
    assert json.loads(berkas.read_text(encoding="utf-8")) == sebagai_json(hitung_opd(2024))


def test_formula_looking_names_are_escaped(pemeran, tmp_path):
    berbahaya = PegawaiFactory(perangkat_daerah=pemeran.opd, nama='=HYPERLINK("http://x")')
    riwayat(berbahaya, 3, datetime.date(2025, 2, 1))
    rows = list(csv.reader(io.StringIO(jalankan("--tahun", "2025", "--per", "pegawai"))))
    assert [r[1] for r in rows if r[0] == berbahaya.nip] == ['\'=HYPERLINK("http://x")']
    berkas = tmp_path / "jp.xlsx"
    jalankan("--tahun", "2025", "--per", "pegawai", "--format", "xlsx", "--output", str(berkas))
    ws = load_workbook(berkas).active
    (sel,) = [r[1] for r in ws.iter_rows(min_row=2) if r[0].value == berbahaya.nip]
    assert sel.value == '\'=HYPERLINK("http://x")'
    assert sel.data_type == "s"


def test_an_empty_year_gives_an_empty_list(data_jp):
    assert json.loads(jalankan("--tahun", "2000", "--per", "pegawai", "--format", "json")) == [
        dict(h, total_jp=0, memenuhi_target=False) for h in hitung_pegawai(2000)
    ]


@pytest.mark.parametrize(
    ("args", "pesan"),
    [
        ([], "--tahun wajib diisi"),
        (["--tahun", "dua ribu"], "Tahun tidak valid"),
        (["--tahun", "25"], "Tahun tidak valid"),
        (["--tahun", "1800"], "di luar rentang"),
        (["--tahun", "9999"], "di luar rentang"),
        (["--tahun", "2025", "--per", "unit"], "--per harus 'opd' atau 'pegawai'"),
        (["--tahun", "2025", "--format", "pdf"], "--format harus 'csv', 'xlsx' atau 'json'"),
        (["--tahun", "2025", "--format", "xlsx"], "Format xlsx memerlukan --output"),
        (["--tahun", "2025", "--jenis", "honorer"], "--jenis harus PNS, CPNS atau PPPK"),
        (
            ["--tahun", "2025", "--output", "/tidak/ada/folder/jp.csv"],
            "tidak dapat ditulis",
        ),
    ],
)
def test_bad_arguments_get_an_indonesian_error(db, args, pesan):
    with pytest.raises(CommandError, match=pesan):
        jalankan(*args)


def test_the_per_opd_report_is_one_query_however_many_pegawai(data_jp, django_assert_num_queries):
    with django_assert_num_queries(1):
        jalankan("--tahun", "2025", "--format", "json")
    PegawaiFactory.create_batch(10, perangkat_daerah=data_jp.pemeran.opd)
    with django_assert_num_queries(1):
        jalankan("--tahun", "2025", "--format", "json")
