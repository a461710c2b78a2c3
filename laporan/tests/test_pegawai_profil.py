"""/pegawai/<nip>/: the profile and JP transcript, for the ASN themself, their OPD's kepala and
operator, Admin BKPSDM and pimpinan; 404 for everyone else (DESIGN §6)."""

import datetime
import re

import pytest
from django.urls import reverse

from laporan.tests.conftest import riwayat
from pegawai.tests.factories import PASSWORD, PegawaiFactory
from pelatihan.models import RiwayatPengembangan

Status = RiwayatPengembangan.Status
D = datetime.date
# Session, user, roles (2), pegawai, bawahan, transcript (2), unread badge, competency gaps.
QUERIES_PROFIL = 10


def url(pegawai):
    return reverse("pegawai-profil", args=[pegawai.nip])


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("asn", 200),  # self
        ("kepala", 200),  # kepala of own OPD
        ("operator", 200),  # operator of own OPD
        ("admin", 200),
        ("pimpinan", 200),
        ("asn_lain_satu_opd", 404),  # another ASN, even in the same OPD
        ("kepala_lain", 404),  # kepala of another OPD
        ("asn_opd_lain", 404),
        ("tanpa_peran", 404),
    ],
)
def test_it_shows_the_profile_only_within_scope(client, pemeran, viewer, status):
    client.force_login(getattr(pemeran, viewer))
    response = client.get(url(pemeran.asn.pegawai))
    assert response.status_code == status
    if status == 200:
        assert pemeran.asn.pegawai.nama in response.content.decode()
        assert response.context["pegawai"] == pemeran.asn.pegawai


def test_it_redirects_anonymous_to_login(client, pemeran):
    response = client.get(url(pemeran.asn.pegawai))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_gives_404_for_an_unknown_nip(client, pemeran):
    client.force_login(pemeran.admin)
    assert client.get("/pegawai/199001012015031001/").status_code == 404
    assert client.get("/pegawai/bukan-nip/").status_code == 404


def test_it_shows_identity_jabatan_golongan_opd_unit_and_atasan(client, pemeran):
    client.force_login(pemeran.asn)
    pegawai = pemeran.asn.pegawai
    body = client.get(url(pegawai)).content.decode()
    assert pegawai.nip_terformat in body
    assert pegawai.jabatan.nama in body
    assert pegawai.golongan.pangkat in body
    assert pemeran.opd.nama in body
    assert pemeran.kepala.pegawai.nama in body  # atasan


def test_it_rejects_post(client, pemeran):
    client.force_login(pemeran.asn)
    assert client.post(url(pemeran.asn.pegawai)).status_code == 405


def test_it_uses_the_same_number_of_queries_however_many_bawahan(
    client, pemeran, django_assert_num_queries
):
    client.force_login(pemeran.kepala)
    target = url(pemeran.kepala.pegawai)
    with django_assert_num_queries(QUERIES_PROFIL):
        client.get(target)
    PegawaiFactory.create_batch(15, perangkat_daerah=pemeran.opd, atasan=pemeran.kepala.pegawai)
    with django_assert_num_queries(QUERIES_PROFIL):
        response = client.get(target)
    assert len(response.context["bawahan"]) == 16


def test_an_asn_can_log_in_with_their_nip_and_open_their_own_profile(client, pemeran):
    masuk = client.post(
        reverse("login"), {"username": pemeran.asn.pegawai.nip, "password": PASSWORD}
    )
    assert masuk.status_code == 302
    assert client.get(url(pemeran.asn.pegawai)).status_code == 200


# --- The JP transcript ----------------------------------------------------------------------------


@pytest.fixture
def riwayat_asn(pemeran):
    asn = pemeran.asn.pegawai
    return {
        "awal_tahun": riwayat(
            asn,
            12,
            D(2025, 1, 3),
            mulai=D(2024, 12, 28),
            nama_pelatihan="Pelatihan Pelayanan Prima",
            penyelenggara="BPSDM Aceh",
            nomor_sertifikat="800/77/BPSDM/2025",
        ),
        "pertengahan": riwayat(asn, 8, D(2025, 6, 30), nama_pelatihan="Coaching Kinerja"),
        "tahun_lalu": riwayat(asn, 5, D(2024, 11, 30), nama_pelatihan="E-learning SIASN"),
        "menunggu": riwayat(
            asn, 10, D(2025, 8, 1), status=Status.MENUNGGU, nama_pelatihan="Seminar Klaim"
        ),
        "ditolak": riwayat(
            asn,
            15,
            D(2025, 9, 1),
            status=Status.DITOLAK,
            nama_pelatihan="Webinar Ditolak",
            alasan_penolakan="Sertifikat tanpa tanda tangan.",
        ),
    }


def bagian_tahun(body, tahun):
    """The HTML of one year's card of the transcript."""
    match = re.search(rf'id="judul-jp-{tahun}".*?</article>', body, re.DOTALL)
    assert match, f"no card for {tahun}"
    return match.group(0)


def test_the_transcript_shows_each_year_with_its_rows_and_total(client, pemeran, riwayat_asn):
    client.force_login(pemeran.kepala)
    response = client.get(url(pemeran.asn.pegawai))
    tahun = [t.tahun for t in response.context["transkrip"]]
    assert tahun == sorted(tahun, reverse=True)
    assert {2025, 2024} <= set(tahun)
    body = response.content.decode()
    t2025 = bagian_tahun(body, 2025)
    assert "20 dari 20 JP" in t2025
    assert "Memenuhi target" in t2025
    assert "Pelatihan Pelayanan Prima" in t2025  # ended in 2025, though begun in 2024
    assert "BPSDM Aceh" in t2025
    assert "800/77/BPSDM/2025" in t2025
    assert "KL03" in t2025  # jenis
    assert "3 Jan 2025" in t2025
    assert 'max="20" value="20"' in t2025
    t2024 = bagian_tahun(body, 2024)
    assert "5 dari 20 JP" in t2024
    assert "Kurang 15 JP" in t2024
    assert "Pelatihan Pelayanan Prima" not in t2024


@pytest.mark.parametrize("viewer", ["asn", "admin"])
def test_rows_not_yet_counted_are_shown_to_the_asn_and_admin_marked(
    client, pemeran, riwayat_asn, viewer
):
    client.force_login(getattr(pemeran, viewer))
    t2025 = bagian_tahun(client.get(url(pemeran.asn.pegawai)).content.decode(), 2025)
    assert "Seminar Klaim" in t2025
    assert "Menunggu verifikasi" in t2025
    assert "Webinar Ditolak" in t2025
    assert "Sertifikat tanpa tanda tangan." in t2025
    assert "20 dari 20 JP" in t2025  # and they do not count


@pytest.mark.parametrize("viewer", ["kepala", "operator", "pimpinan"])
def test_rows_not_yet_counted_are_hidden_from_others(client, pemeran, riwayat_asn, viewer):
    client.force_login(getattr(pemeran, viewer))
    body = client.get(url(pemeran.asn.pegawai)).content.decode()
    assert "Coaching Kinerja" in body
    assert "Seminar Klaim" not in body
    assert "Webinar Ditolak" not in body


def test_the_current_year_is_always_shown(client, pemeran, monkeypatch):
    sekarang = datetime.datetime(2026, 12, 31, 17, 30, tzinfo=datetime.UTC)  # 2027 in Langsa
    monkeypatch.setattr("django.utils.timezone.now", lambda: sekarang)
    client.force_login(pemeran.asn)
    response = client.get(url(pemeran.asn.pegawai))
    assert [t.tahun for t in response.context["transkrip"]] == [2027]
    kartu = bagian_tahun(response.content.decode(), 2027)
    assert "0 dari 20 JP" in kartu
    assert "Kurang 20 JP" in kartu
    assert "Belum ada riwayat terverifikasi" in kartu


def test_the_target_follows_the_jenis_pegawai(client, pemeran, settings):
    settings.JP_TARGET_PER_TAHUN = {"PNS": 20, "CPNS": 20, "PPPK": 24}
    pppk = PegawaiFactory(perangkat_daerah=pemeran.opd, jenis_pegawai="PPPK")
    riwayat(pppk, 22, D(2025, 5, 5))
    client.force_login(pemeran.kepala)
    kartu = bagian_tahun(client.get(url(pppk)).content.decode(), 2025)
    assert "22 dari 24 JP" in kartu
    assert "Kurang 2 JP" in kartu


def test_the_profile_uses_no_inline_style(client, pemeran, riwayat_asn):
    client.force_login(pemeran.asn)
    body = client.get(url(pemeran.asn.pegawai)).content.decode()
    assert "style=" not in body
    assert "<progress" in body


def test_queries_do_not_grow_with_ledger_rows_or_years(
    client, pemeran, riwayat_asn, django_assert_num_queries
):
    client.force_login(pemeran.asn)
    target = url(pemeran.asn.pegawai)
    with django_assert_num_queries(QUERIES_PROFIL):
        client.get(target)
    for tahun in range(2012, 2024):
        riwayat(pemeran.asn.pegawai, 6, D(tahun, 3, 1))
        riwayat(pemeran.asn.pegawai, 6, D(tahun, 9, 1), status=Status.MENUNGGU)
    with django_assert_num_queries(QUERIES_PROFIL):
        response = client.get(target)
    assert len(response.context["transkrip"]) >= 14
