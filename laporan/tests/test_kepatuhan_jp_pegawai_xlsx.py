"""/laporan/jp/pegawai.xlsx: every active pegawai of the city with their JP, for Admin BKPSDM and
pimpinan."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from laporan.tests.conftest import hitung_pegawai, riwayat
from pegawai.tests.factories import PegawaiFactory

URL = reverse("laporan:jp-pegawai-xlsx")


def baca(response):
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def json_perintah(tahun, *args):
    out = io.StringIO()
    call_command(
        "laporan_jp",
        "--tahun",
        str(tahun),
        "--per",
        "pegawai",
        "--format",
        "json",
        *args,
        stdout=out,
    )
    return json.loads(out.getvalue())


@pytest.mark.parametrize("viewer", ["admin", "pimpinan"])
def test_it_equals_the_command_and_the_rule(client, data_jp, viewer):
    client.force_login(getattr(data_jp.pemeran, viewer))
    response = client.get(URL, {"tahun": 2024})
    assert response.status_code == 200
    assert 'filename="kepatuhan-jp-pegawai-2024.xlsx"' in response["Content-Disposition"]
    rows = baca(response)
    assert rows == json_perintah(2024)
    assert sorted(rows, key=lambda r: r["nip"]) == sorted(
        hitung_pegawai(2024), key=lambda r: r["nip"]
    )


def test_the_jenis_filter(client, data_jp):
    client.force_login(data_jp.pemeran.admin)
    response = client.get(URL, {"tahun": 2025, "jenis": "CPNS"})
    assert 'filename="kepatuhan-jp-pegawai-2025-cpns.xlsx"' in response["Content-Disposition"]
    assert baca(response) == json_perintah(2025, "--jenis", "CPNS")


@pytest.mark.parametrize("viewer", ["kepala", "operator", "asn", "tanpa_peran"])
def test_others_are_refused(client, data_jp, viewer):
    client.force_login(getattr(data_jp.pemeran, viewer))
    assert client.get(URL, {"tahun": 2025}).status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_rejects_post(client, data_jp):
    client.force_login(data_jp.pemeran.admin)
    assert client.post(URL).status_code == 405


def test_a_bad_year_gets_a_400(client, data_jp):
    client.force_login(data_jp.pemeran.admin)
    response = client.get(URL, {"tahun": "2O25"})
    assert response.status_code == 400
    assert "Tahun harus berupa angka" in response.content.decode()


def test_formula_looking_names_are_escaped(client, data_jp):
    PegawaiFactory(perangkat_daerah=data_jp.pemeran.opd, nama="+62 Cut Nyak")
    client.force_login(data_jp.pemeran.admin)
    assert "'+62 Cut Nyak" in [r["nama"] for r in baca(client.get(URL, {"tahun": 2025}))]


def test_query_count_does_not_grow_with_pegawai(client, data_jp, django_assert_num_queries):
    client.force_login(data_jp.pemeran.admin)
    with django_assert_num_queries(5):
        client.get(URL, {"tahun": 2025})
    for p in PegawaiFactory.create_batch(30, perangkat_daerah=data_jp.pemeran.opd_lain):
        riwayat(p, 20, datetime.date(2025, 5, 5))
    with django_assert_num_queries(5):
        response = client.get(URL, {"tahun": 2025})
    assert len(baca(response)) == len(hitung_pegawai(2025))
