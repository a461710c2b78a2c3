"""/laporan/: who sees which part of the dashboard, what each part links to, the charts, and
the query count of each role (the same on an empty city and on one with many OPDs and years)."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from laporan import selectors
from laporan.tests.test_dasbor_angka import TAHUN, TARGET, bangun_kota
from pegawai.models import Pegawai, Peran, PerangkatDaerah
from pegawai.services import peran_assign
from pegawai.tests.factories import PegawaiFactory

URL = reverse("laporan:dasbor")
# session + user, the user's roles (2), the unread badge, the year picker; then per part:
# city 8 (compliance, trend, budget 2, events, evaluation 2), queue 1, OPD 4 (+1 level 3).
QUERIES = {"admin": 14, "pimpinan": 13, "kepala": 11, "operator": 10}


@pytest.fixture
def kota(data_jp, settings):
    settings.JP_TARGET_PER_TAHUN = TARGET
    return bangun_kota(data_jp)


def get(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


# --- Access --------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_asn_without_another_role_goes_to_their_own_jp(client, pemeran):
    response = get(client, pemeran.asn)
    assert response.status_code == 302
    assert response["Location"] == reverse("pegawai-profil", args=[pemeran.asn.pegawai.nip]) + "#jp"


def test_a_user_without_role_or_pegawai_is_refused(client, pemeran):
    assert get(client, pemeran.tanpa_peran).status_code == 403


def test_it_rejects_post(client, pemeran):
    client.force_login(pemeran.pimpinan)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("tahun", ["dua ribu", "1900", "2999"])
def test_a_bad_year_is_explained_with_400(client, pemeran, tahun):
    response = get(client, pemeran.pimpinan, tahun=tahun)
    assert response.status_code == 400
    assert "Parameter laporan tidak valid" in response.content.decode()
    assert "kota" not in response.context


def test_the_default_year_is_the_current_one(client, pemeran):
    response = get(client, pemeran.kepala)
    assert response.context["tahun"] == selectors.tahun_ini()


# --- What each role sees -------------------------------------------------------------------------


def test_pimpinan_sees_the_city_and_nothing_to_do(client, kota):
    response = get(client, kota.pemeran.pimpinan, tahun=TAHUN)
    assert response.status_code == 200
    assert set(response.context["kota"]) >= {"total", "teratas", "terbawah", "tren", "anggaran"}
    assert "antrean" not in response.context
    assert "opd_saya" not in response.context
    body = response.content.decode()
    assert 'id="antrean-bkpsdm"' not in body
    assert f"{reverse('laporan:anggaran')}?tahun={TAHUN}" in body
    assert f"{reverse('laporan:efektivitas')}?tahun={TAHUN}" in body


def test_admin_sees_the_city_and_what_waits_with_links(client, kota):
    response = get(client, kota.pemeran.admin, tahun=TAHUN)
    assert "kota" in response.context
    body = response.content.decode()
    for url in (
        reverse("pelatihan:klaim-verifikasi"),
        reverse("pelatihan:nominasi-list") + "?status=disetujui",
        reverse("pelatihan:kebutuhan-list") + "?status=diusulkan",
        reverse("admin:evaluasi_tindaklanjut_changelist") + "?terlambat=ya",
        reverse("admin:pelatihan_kegiatanpelatihan_changelist") + "?status__exact=berlangsung",
        reverse("admin:pegawai_imporberkas_changelist") + "?status__in=memeriksa,mengimpor",
    ):
        assert f'href="{url}"' in body


def test_the_queue_links_open_lists_of_the_same_count(client, kota):
    client.force_login(kota.pemeran.admin)
    antrean = {a["kunci"]: a for a in client.get(URL, {"tahun": TAHUN}).context["antrean"]}
    nominasi = client.get(antrean["nominasi"]["url"])
    assert nominasi.context["page"].paginator.count == antrean["nominasi"]["jumlah"]
    kebutuhan = client.get(antrean["kebutuhan"]["url"])
    assert kebutuhan.context["page"].paginator.count == antrean["kebutuhan"]["jumlah"]
    klaim = client.get(antrean["klaim"]["url"])
    assert klaim.context["page"].paginator.count == antrean["klaim"]["jumlah"]
    for kunci in ("tindak_lanjut", "berlangsung", "selesai_pekan", "impor"):
        admin_page = client.get(antrean[kunci]["url"])
        assert admin_page.status_code == 200
        assert admin_page.context["cl"].result_count == antrean[kunci]["jumlah"] == 1


def test_kepala_sees_only_own_opd(client, kota):
    p = kota.pemeran
    response = get(client, p.kepala, tahun=TAHUN)
    assert [b["opd"] for b in response.context["opd_saya"]] == [p.opd]
    assert "kota" not in response.context
    assert "antrean" not in response.context
    body = response.content.decode()
    assert p.opd.nama in body
    for opd in [p.opd_lain, *kota.opd_lain_lain]:
        assert opd.nama not in body
        assert reverse("laporan:jp-opd", args=[opd.kode]) not in body
    lain = Pegawai.objects.exclude(perangkat_daerah=p.opd)
    for nip in lain.values_list("nip", flat=True):
        assert nip not in body
    assert f"{reverse('laporan:jp-opd', args=[p.opd.kode])}?tahun={TAHUN}&amp;kurang=on" in body
    assert f"{reverse('pelatihan:nominasi-list')}?status=diusulkan" in body
    assert response.context["opd_saya"][0]["nominasi_menunggu"] == 2


def test_another_kepala_sees_only_their_opd(client, kota):
    p = kota.pemeran
    response = get(client, p.kepala_lain, tahun=TAHUN)
    (bagian,) = response.context["opd_saya"]
    assert bagian["opd"] == p.opd_lain
    assert bagian["nominasi_menunggu"] == 1
    body = response.content.decode()
    assert p.opd.nama not in body
    assert "Disembunyikan: kurang dari 5 responden" in body


def test_operator_sees_own_opd_without_level_3(client, kota):
    p = kota.pemeran
    response = get(client, p.operator, tahun=TAHUN)
    (bagian,) = response.context["opd_saya"]
    assert bagian["opd"] == p.opd and bagian["kepala"] is False
    assert bagian["penerapan"] is None and bagian["penerapan_kota"] is None
    body = response.content.decode()
    assert "level 3" not in body
    assert p.opd_lain.nama not in body
    assert "kota" not in response.context


def test_a_kepala_of_two_opds_sees_both_in_the_same_queries(
    client, kota, django_assert_num_queries
):
    p = kota.pemeran
    peran_assign(user=p.kepala, peran=Peran.OPERATOR_OPD, perangkat_daerah=p.opd_lain)
    client.force_login(p.kepala)
    with django_assert_num_queries(QUERIES["kepala"]):
        response = client.get(URL, {"tahun": TAHUN})
    bagian = response.context["opd_saya"]
    assert [b["opd"] for b in bagian] == sorted([p.opd, p.opd_lain], key=lambda o: o.kode)
    assert {b["opd"]: b["kepala"] for b in bagian} == {p.opd: True, p.opd_lain: False}


def test_the_menu_links_the_dashboard(client, pemeran):
    for user in (pemeran.pimpinan, pemeran.kepala, pemeran.operator):
        client.force_login(user)
        body = client.get(reverse("laporan:jp")).content.decode()
        assert f'href="{URL}"' in body


# --- Charts --------------------------------------------------------------------------------------


def test_charts_are_drawn_by_a_static_script_in_fixed_height_boxes(client, kota):
    response = get(client, kota.pemeran.pimpinan, tahun=TAHUN)
    body = response.content.decode()
    assert "/static/vendor/chartjs-4.6.1/chart.umd.min.js" in body
    assert "/static/js/dasbor.js" in body
    assert "cdn" not in body.lower()
    for id_ in ("grafik-tren", "grafik-penyerapan-dasbor"):
        assert re.search(
            rf'<div class="grafik-dasbor[^"]*">\s*<canvas data-grafik-dasbor="{id_}"', body
        )
        assert f'<script id="{id_}" type="application/json">' in body
    # The only inline code is the style of those boxes, under the nonce of the CSP header.
    nonce = re.search(r'<style nonce="([^"]+)">', body).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert re.search(r"<script(?![^>]*(src=|application/json))", body) is None
    # The canvas follows the box (a phone's width, the box's height) instead of an aspect ratio.
    skrip = Path(finders.find("js/dasbor.js")).read_text()
    assert "maintainAspectRatio: false" in skrip and "responsive: true" in skrip


def test_kepala_page_loads_no_chart_script(client, pemeran):
    body = get(client, pemeran.kepala).content.decode()
    assert "dasbor.js" not in body


# --- Query counts --------------------------------------------------------------------------------


def pengguna(pemeran):
    return {
        "admin": pemeran.admin,
        "pimpinan": pemeran.pimpinan,
        "kepala": pemeran.kepala,
        "operator": pemeran.operator,
    }


@pytest.mark.parametrize("peran", list(QUERIES))
def test_query_count_on_an_almost_empty_city(client, pemeran, peran, django_assert_num_queries):
    client.force_login(pengguna(pemeran)[peran])
    with django_assert_num_queries(QUERIES[peran]):
        assert client.get(URL, {"tahun": TAHUN}).status_code == 200


@pytest.mark.parametrize("peran", list(QUERIES))
def test_query_count_with_many_opds_years_and_rows(client, kota, peran, django_assert_num_queries):
    opd = PerangkatDaerah.objects.get(singkatan="DINKES")
    PegawaiFactory.create_batch(15, perangkat_daerah=opd)
    client.force_login(pengguna(kota.pemeran)[peran])
    with django_assert_num_queries(QUERIES[peran]):
        assert client.get(URL, {"tahun": TAHUN}).status_code == 200
