"""/laporan/jp/: JP compliance per OPD (DESIGN §6), the same numbers as `laporan_jp`."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from laporan.tests.conftest import TAHUN_DATA, hitung_opd, riwayat, sebagai_json
from pegawai.models import PerangkatDaerah
from pegawai.tests.factories import PegawaiFactory

URL = reverse("laporan:jp")
KOLOM = [
    "kode_opd",
    "nama_opd",
    "jumlah_asn",
    "memenuhi_target",
    "persen_memenuhi",
    "total_jp",
    "rata_rata_jp",
]


def json_perintah(tahun, *args):
    out = io.StringIO()
    call_command("laporan_jp", "--tahun", str(tahun), "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def baca_xlsx(response):
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]], wb


@pytest.mark.parametrize("tahun", TAHUN_DATA)
@pytest.mark.parametrize("viewer", ["admin", "pimpinan"])
def test_admin_and_pimpinan_see_every_opd_with_the_rules_numbers(client, data_jp, viewer, tahun):
    client.force_login(getattr(data_jp.pemeran, viewer))
    response = client.get(URL, {"tahun": tahun})
    assert response.status_code == 200
    harapan = hitung_opd(tahun)
    assert response.context["baris"] == harapan
    total = response.context["total"]
    assert total["jumlah_asn"] == sum(h["jumlah_asn"] for h in harapan)
    assert total["memenuhi_target"] == sum(h["memenuhi_target"] for h in harapan)
    assert total["total_jp"] == sum(h["total_jp"] for h in harapan)
    body = response.content.decode()
    for h in harapan:
        assert h["nama_opd"] in body
        link = reverse("laporan:jp-opd", args=[h["kode_opd"]]) + f"?tahun={tahun}"
        assert link in body
    assert data_jp.opd_tanpa_aktif.nama not in body
    assert "Kota Langsa" in body  # the city-wide total row


def test_the_page_and_the_command_agree(client, data_jp):
    client.force_login(data_jp.pemeran.admin)
    for tahun in TAHUN_DATA:
        baris = client.get(URL, {"tahun": tahun}).context["baris"]
        assert sebagai_json(baris) == json_perintah(tahun)


@pytest.mark.parametrize("jenis", ["PNS", "CPNS", "PPPK"])
def test_the_jenis_filter(client, data_jp, jenis):
    client.force_login(data_jp.pemeran.admin)
    response = client.get(URL, {"tahun": 2025, "jenis": jenis})
    assert response.context["baris"] == hitung_opd(2025, jenis=jenis)


@pytest.mark.parametrize(
    ("viewer", "opd"), [("kepala", "DINKES"), ("operator", "DINKES"), ("kepala_lain", "DISDIKBUD")]
)
def test_kepala_and_operator_see_only_their_own_opd(client, data_jp, viewer, opd):
    client.force_login(getattr(data_jp.pemeran, viewer))
    response = client.get(URL, {"tahun": 2025})
    assert response.status_code == 200
    own = PerangkatDaerah.objects.get(singkatan=opd)
    assert response.context["baris"] == hitung_opd(2025, opd_ids={own.pk})
    body = response.content.decode()
    lain = data_jp.pemeran.opd_lain if opd == "DINKES" else data_jp.pemeran.opd
    assert lain.nama not in body
    assert reverse("laporan:jp-pegawai-xlsx") not in body  # city-wide export is not theirs


def test_an_asn_is_sent_to_their_own_transcript(client, data_jp):
    asn = data_jp.pemeran.asn
    client.force_login(asn)
    response = client.get(URL, {"tahun": 2025})
    assert response.status_code == 302
    assert response["Location"] == reverse("pegawai-profil", args=[asn.pegawai.nip]) + "#jp"
    assert client.get(URL, {"tahun": 2025, "format": "xlsx"}).status_code == 302


def test_a_user_without_any_role_is_refused(client, data_jp):
    client.force_login(data_jp.pemeran.tanpa_peran)
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"format": "xlsx"}).status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_rejects_post(client, data_jp):
    client.force_login(data_jp.pemeran.admin)
    assert client.post(URL).status_code == 405


def test_the_year_defaults_to_the_current_year_in_jakarta(client, data_jp, monkeypatch):
    # 31 December 18:00 UTC is already New Year's Day in Langsa.
    sekarang = datetime.datetime(2025, 12, 31, 18, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: sekarang)
    client.force_login(data_jp.pemeran.admin)
    response = client.get(URL)
    assert response.context["tahun"] == 2026
    assert response.context["baris"] == hitung_opd(2026)
    # the picker: the years with verified JP and the current one, newest first
    assert response.context["pilihan_tahun"] == [2026, 2025, 2024, 2023]
    body = response.content.decode()
    assert '<option value="2026" selected>2026</option>' in body  # years are never "2.026"
    assert '<option value="2023">2023</option>' in body
    assert "Kepatuhan 20 JP tahun 2026" in body


@pytest.mark.parametrize("kolom", KOLOM)
def test_every_column_sorts_both_ways_on_the_server(client, data_jp, kolom):
    client.force_login(data_jp.pemeran.admin)
    harapan = hitung_opd(2024)
    naik = client.get(URL, {"tahun": 2024, "urut": kolom}).context["baris"]
    assert naik == sorted(harapan, key=lambda h: (h[kolom], h["kode_opd"]))
    turun = client.get(URL, {"tahun": 2024, "urut": f"-{kolom}"}).context["baris"]
    assert [h[kolom] for h in turun] == sorted((h[kolom] for h in harapan), reverse=True)


def test_sort_links_keep_the_filters_and_flip_the_direction(client, data_jp):
    client.force_login(data_jp.pemeran.admin)
    body = client.get(URL, {"tahun": 2024, "jenis": "PNS", "urut": "total_jp"}).content.decode()
    assert "?tahun=2024&amp;jenis=PNS&amp;urut=-total_jp" in body
    assert 'aria-sort="ascending"' in body


@pytest.mark.parametrize(
    ("params", "pesan"),
    [
        ({"tahun": "abc"}, "Tahun harus berupa angka"),
        ({"tahun": "1800"}, "Tahun harus antara 1950 dan"),
        ({"urut": "nama_opd; DROP TABLE x"}, "Urutan: Masukkan pilihan yang valid"),
        ({"jenis": "HONORER"}, "Jenis pegawai: Masukkan pilihan yang valid"),
        ({"format": "pdf"}, "Format unduhan: Masukkan pilihan yang valid"),
    ],
)
def test_bad_parameters_get_a_400_with_a_message(client, data_jp, params, pesan):
    client.force_login(data_jp.pemeran.admin)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert pesan in response.content.decode()


def test_xlsx_has_the_same_table_as_the_json(client, data_jp):
    client.force_login(data_jp.pemeran.pimpinan)
    response = client.get(URL, {"tahun": 2024, "format": "xlsx"})
    assert response.status_code == 200
    assert 'filename="kepatuhan-jp-2024.xlsx"' in response["Content-Disposition"]
    rows, wb = baca_xlsx(response)
    assert rows == json_perintah(2024)
    ringkasan = dict(wb["Ringkasan"].iter_rows(min_row=2, values_only=True))
    harapan = hitung_opd(2024)
    assert ringkasan["tahun"] == 2024
    assert ringkasan["jumlah_asn"] == sum(h["jumlah_asn"] for h in harapan)
    assert ringkasan["total_jp"] == sum(h["total_jp"] for h in harapan)


def test_xlsx_follows_the_jenis_filter_sort_and_scope(client, data_jp):
    client.force_login(data_jp.pemeran.kepala)
    response = client.get(URL, {"tahun": 2025, "jenis": "PPPK", "format": "xlsx"})
    assert 'filename="kepatuhan-jp-2025-pppk.xlsx"' in response["Content-Disposition"]
    rows, _ = baca_xlsx(response)
    assert rows == sebagai_json(hitung_opd(2025, jenis="PPPK", opd_ids={data_jp.pemeran.opd.pk}))
    client.force_login(data_jp.pemeran.admin)
    rows, _ = baca_xlsx(client.get(URL, {"tahun": 2025, "urut": "-total_jp", "format": "xlsx"}))
    totals = [r["total_jp"] for r in rows]
    assert totals == sorted(totals, reverse=True)


def test_csv_download(client, data_jp):
    client.force_login(data_jp.pemeran.admin)
    response = client.get(URL, {"tahun": 2025, "format": "csv"})
    teks = b"".join(response.streaming_content).decode("utf-8-sig")
    assert 'filename="kepatuhan-jp-2025.csv"' in response["Content-Disposition"]
    lines = teks.splitlines()
    assert lines[0] == ",".join(KOLOM)
    assert len(lines) == 1 + len(hitung_opd(2025))


def test_formula_looking_opd_names_are_escaped_in_the_xlsx(client, data_jp):
    opd = data_jp.pemeran.opd
    opd.nama = "=1+1 Dinas"
    opd.save()
    client.force_login(data_jp.pemeran.admin)
    rows, _ = baca_xlsx(client.get(URL, {"tahun": 2025, "format": "xlsx"}))
    assert "'=1+1 Dinas" in [r["nama_opd"] for r in rows]


def test_an_empty_scope_shows_an_empty_state(client, pemeran):
    client.force_login(pemeran.kepala)
    response = client.get(URL, {"tahun": 2025})
    assert response.context["baris"][0]["total_jp"] == 0
    pemeran.opd.pegawai.update(aktif=False)
    response = client.get(URL, {"tahun": 2025})
    assert response.context["baris"] == []
    assert "Tidak ada ASN aktif" in response.content.decode()


def test_the_page_uses_no_inline_style(client, data_jp):
    client.force_login(data_jp.pemeran.admin)
    body = client.get(URL, {"tahun": 2025}).content.decode()
    assert "style=" not in body
    assert "<progress" in body


@pytest.mark.parametrize(
    ("viewer", "html", "xlsx"), [("admin", 7, 5), ("kepala", 7, 5), ("pimpinan", 7, 5)]
)
def test_query_counts_do_not_grow_with_pegawai_or_rows(
    client, data_jp, django_assert_num_queries, viewer, html, xlsx
):
    client.force_login(getattr(data_jp.pemeran, viewer))
    with django_assert_num_queries(html):
        client.get(URL, {"tahun": 2025})
    with django_assert_num_queries(xlsx):
        client.get(URL, {"tahun": 2025, "format": "xlsx"})
    for opd in (data_jp.pemeran.opd, data_jp.pemeran.opd_lain, data_jp.opd_tanpa_aktif):
        for p in PegawaiFactory.create_batch(5, perangkat_daerah=opd):
            riwayat(p, 21, datetime.date(2025, 4, 1))
    with django_assert_num_queries(html):
        response = client.get(URL, {"tahun": 2025})
    with django_assert_num_queries(xlsx):
        client.get(URL, {"tahun": 2025, "format": "xlsx"})
    assert response.context["total"]["jumlah_asn"] == sum(
        h["jumlah_asn"] for h in response.context["baris"]
    )
