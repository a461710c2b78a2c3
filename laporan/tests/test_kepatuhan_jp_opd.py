"""/laporan/jp/opd/<kode>/: one OPD's active pegawai with their JP, who is behind, exports."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from laporan.tests.conftest import TAHUN_DATA, hitung_pegawai, riwayat
from pegawai.models import Peran, PerangkatDaerah
from pegawai.services import peran_assign
from pegawai.tests.factories import PegawaiFactory, PenggunaFactory


def url(opd):
    return reverse("laporan:jp-opd", args=[opd.kode])


def nip_di_halaman(response):
    return [p.nip for p in response.context["page"].object_list]


def json_pegawai(tahun, kode_opd, *args):
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
    return [b for b in json.loads(out.getvalue()) if b["kode_opd"] == kode_opd]


@pytest.mark.parametrize("tahun", TAHUN_DATA)
def test_it_lists_the_opds_active_pegawai_with_the_rules_numbers(client, data_jp, tahun):
    opd = data_jp.pemeran.opd
    client.force_login(data_jp.pemeran.admin)
    response = client.get(url(opd), {"tahun": tahun})
    assert response.status_code == 200
    harapan = {h["nip"]: h for h in hitung_pegawai(tahun, opd_ids={opd.pk})}
    dilihat = {
        p.nip: {
            "total_jp": p.total_jp,
            "target_jp": p.target_jp,
            "memenuhi_target": p.memenuhi_target,
            "kurang_jp": p.kurang_jp,
        }
        for p in response.context["page"].object_list
    }
    assert dilihat == {
        nip: {
            "total_jp": h["total_jp"],
            "target_jp": h["target_jp"],
            "memenuhi_target": h["memenuhi_target"],
            "kurang_jp": max(h["target_jp"] - h["total_jp"], 0),
        }
        for nip, h in harapan.items()
    }
    body = response.content.decode()
    for h in harapan.values():
        if not h["memenuhi_target"]:
            assert f"Kurang {h['target_jp'] - h['total_jp']} JP" in body
    assert "Memenuhi target" in body or not any(h["memenuhi_target"] for h in harapan.values())


def test_the_asn_at_exactly_the_target_is_shown_as_meeting_it(client, data_jp):
    client.force_login(data_jp.pemeran.kepala)
    response = client.get(
        url(data_jp.pemeran.opd), {"tahun": 2025, "q": data_jp.pemeran.asn.pegawai.nip}
    )
    (asn,) = response.context["page"].object_list
    assert (asn.total_jp, asn.memenuhi_target) == (20, True)
    assert "Memenuhi target" in response.content.decode()


def test_only_those_behind(client, data_jp):
    opd = data_jp.pemeran.opd
    client.force_login(data_jp.pemeran.operator)
    response = client.get(url(opd), {"tahun": 2025, "kurang": "on"})
    harapan = {h["nip"] for h in hitung_pegawai(2025, opd_ids={opd.pk}) if not h["memenuhi_target"]}
    assert set(nip_di_halaman(response)) == harapan
    assert data_jp.pemeran.asn.pegawai.nip not in harapan


def test_the_jenis_filter(client, data_jp):
    opd = data_jp.pemeran.opd_lain
    client.force_login(data_jp.pemeran.admin)
    response = client.get(url(opd), {"tahun": 2024, "jenis": "PPPK"})
    harapan = {h["nip"] for h in hitung_pegawai(2024, jenis="PPPK", opd_ids={opd.pk})}
    assert set(nip_di_halaman(response)) == harapan
    assert harapan


def test_search_by_name_and_by_nip(client, data_jp):
    target = data_jp.pemeran.asn_lain_satu_opd.pegawai
    client.force_login(data_jp.pemeran.kepala)
    page = url(data_jp.pemeran.opd)
    assert target.nip in nip_di_halaman(client.get(page, {"q": target.nama[:6].lower()}))
    spasi = f"{target.nip[:8]} {target.nip[8:14]} {target.nip[14:]}"
    assert nip_di_halaman(client.get(page, {"q": spasi})) == [target.nip]
    response = client.get(page, {"q": "tidak-ada-yang-bernama-begini"})
    assert nip_di_halaman(response) == []
    assert "Tidak ada pegawai yang cocok" in response.content.decode()


def test_sorting_by_jp_and_shortfall(client, data_jp):
    opd = data_jp.pemeran.opd
    client.force_login(data_jp.pemeran.admin)
    turun = client.get(url(opd), {"tahun": 2025, "urut": "-total_jp"}).context["page"]
    jp = [p.total_jp for p in turun.object_list]
    assert jp == sorted(jp, reverse=True)
    kurang = client.get(url(opd), {"tahun": 2025, "urut": "kurang_jp"}).context["page"]
    nilai = [p.kurang_jp for p in kurang.object_list]
    assert nilai == sorted(nilai)
    nama = client.get(url(opd), {"tahun": 2025}).context["page"]
    assert [p.nama for p in nama.object_list] == sorted(p.nama for p in nama.object_list)


def test_inactive_pegawai_are_not_listed(client, data_jp):
    opd = data_jp.pemeran.opd
    keluar = PegawaiFactory(perangkat_daerah=opd, aktif=False)
    riwayat(keluar, 40, datetime.date(2025, 3, 1))
    client.force_login(data_jp.pemeran.admin)
    assert keluar.nip not in nip_di_halaman(client.get(url(opd), {"tahun": 2025}))


@pytest.mark.parametrize(
    ("viewer", "opd", "status"),
    [
        ("admin", "opd", 200),
        ("pimpinan", "opd_lain", 200),
        ("kepala", "opd", 200),
        ("operator", "opd", 200),
        ("kepala", "opd_lain", 404),
        ("operator", "opd_lain", 404),
        ("kepala_lain", "opd", 404),
        ("tanpa_peran", "opd", 403),
    ],
)
def test_access(client, data_jp, viewer, opd, status):
    client.force_login(getattr(data_jp.pemeran, viewer))
    target = getattr(data_jp.pemeran, opd)
    assert client.get(url(target), {"tahun": 2025}).status_code == status
    assert client.get(url(target), {"tahun": 2025, "format": "xlsx"}).status_code == status


def test_a_role_in_one_opd_does_not_open_the_opd_one_works_in(client, data_jp):
    # an operator of Dinas Perhubungan who is on the staff of Dinas Kesehatan
    user = PenggunaFactory(username="operator.dishub")
    PegawaiFactory(user=user, perangkat_daerah=data_jp.pemeran.opd)
    peran_assign(user=user, peran=Peran.OPERATOR_OPD, perangkat_daerah=data_jp.opd_tanpa_aktif)
    client.force_login(user)
    assert client.get(url(data_jp.pemeran.opd)).status_code == 404
    assert client.get(url(data_jp.opd_tanpa_aktif)).status_code == 200
    rekap = client.get(reverse("laporan:jp"), {"tahun": 2025})
    assert rekap.context["baris"] == []  # only inactive pegawai there


def test_an_asn_is_sent_to_their_own_transcript(client, data_jp):
    client.force_login(data_jp.pemeran.asn)
    response = client.get(url(data_jp.pemeran.opd))
    assert response.status_code == 302
    assert response["Location"].endswith("#jp")


def test_unknown_opd_is_404(client, data_jp):
    client.force_login(data_jp.pemeran.admin)
    assert client.get(reverse("laporan:jp-opd", args=["9.99"])).status_code == 404


def test_anonymous_is_sent_to_login(client, data_jp):
    response = client.get(url(data_jp.pemeran.opd))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_rejects_post(client, data_jp):
    client.force_login(data_jp.pemeran.admin)
    assert client.post(url(data_jp.pemeran.opd)).status_code == 405


def test_bad_parameters_get_a_400(client, data_jp):
    client.force_login(data_jp.pemeran.admin)
    response = client.get(url(data_jp.pemeran.opd), {"urut": "password"})
    assert response.status_code == 400
    assert "Urutan" in response.content.decode()


def test_xlsx_holds_every_row_not_just_the_page(client, data_jp):
    opd = data_jp.pemeran.opd
    for p in PegawaiFactory.create_batch(55, perangkat_daerah=opd):
        riwayat(p, 7, datetime.date(2025, 2, 2))
    client.force_login(data_jp.pemeran.kepala)
    assert len(nip_di_halaman(client.get(url(opd), {"tahun": 2025}))) == 50
    response = client.get(url(opd), {"tahun": 2025, "format": "xlsx"})
    assert 'filename="kepatuhan-jp-2025-dinkes.xlsx"' in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(wb.active.iter_rows(values_only=True))
    dibaca = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert len(dibaca) == len(hitung_pegawai(2025, opd_ids={opd.pk})) > 50
    assert sorted(dibaca, key=lambda b: b["nip"]) == sorted(
        json_pegawai(2025, opd.kode), key=lambda b: b["nip"]
    )


def test_xlsx_follows_the_filters(client, data_jp):
    opd = data_jp.pemeran.opd
    client.force_login(data_jp.pemeran.admin)
    response = client.get(
        url(opd), {"tahun": 2024, "kurang": "on", "jenis": "PNS", "format": "xlsx"}
    )
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    harapan = {
        h["nip"]
        for h in hitung_pegawai(2024, jenis="PNS", opd_ids={opd.pk})
        if not h["memenuhi_target"]
    }
    assert {r[0] for r in rows[1:]} == harapan


def test_csv_download_escapes_formula_looking_names(client, data_jp):
    opd = data_jp.pemeran.opd
    PegawaiFactory(perangkat_daerah=opd, nama="@SUM(A1) Budi")
    client.force_login(data_jp.pemeran.admin)
    response = client.get(url(opd), {"tahun": 2025, "format": "csv"})
    teks = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'@SUM(A1) Budi" in teks
    assert (
        teks.splitlines()[0] == "nip,nama,kode_opd,jenis_pegawai,total_jp,target_jp,memenuhi_target"
    )


def test_the_page_uses_progress_elements_and_no_inline_style(client, data_jp):
    client.force_login(data_jp.pemeran.admin)
    body = client.get(url(data_jp.pemeran.opd), {"tahun": 2025}).content.decode()
    assert "style=" not in body
    assert 'max="20" value="20"' in body  # the ASN at the target


def test_it_paginates_with_constant_queries(client, data_jp, django_assert_num_queries):
    opd = data_jp.pemeran.opd
    client.force_login(data_jp.pemeran.kepala)
    with django_assert_num_queries(9):
        client.get(url(opd), {"tahun": 2025})
    with django_assert_num_queries(6):
        client.get(url(opd), {"tahun": 2025, "format": "xlsx"})
    for p in PegawaiFactory.create_batch(60, perangkat_daerah=opd):
        riwayat(p, 3, datetime.date(2025, 2, 2))
        riwayat(p, 4, datetime.date(2025, 3, 2))
    with django_assert_num_queries(9):
        response = client.get(url(opd), {"tahun": 2025})
    with django_assert_num_queries(6):
        client.get(url(opd), {"tahun": 2025, "format": "xlsx"})
    assert response.context["page"].paginator.count == 69
    halaman_2 = client.get(url(opd), {"tahun": 2025, "halaman": 2})
    assert len(nip_di_halaman(halaman_2)) == 19
    assert "tahun=2025&amp;urut=nama&amp;halaman=1" in halaman_2.content.decode()


def test_the_opd_is_looked_up_by_kode(client, data_jp):
    client.force_login(data_jp.pemeran.admin)
    response = client.get(url(PerangkatDaerah.objects.get(singkatan="BKPSDM")))
    assert response.context["opd"].singkatan == "BKPSDM"
