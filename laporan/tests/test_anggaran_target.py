"""/laporan/anggaran/target/?tahun=: how many ASN are below their JP target and what bringing
them to it would cost at the city's own historical cost per JP — against SQL on the same data."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from pegawai.tests.factories import PegawaiFactory
from pelatihan.tests.factories import RiwayatPengembanganFactory
from pelatihan.tests.test_anggaran_factories import kota_beranggaran

URL = reverse("laporan:anggaran-target")


def sql(query: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


def sql_biaya_per_jp(sebelum: int):
    """Realised spend over JP credited, over finished events before ``sebelum`` that spent."""
    (hasil,) = sql(
        """WITH k AS (
             SELECT (SELECT SUM(r.jumlah) FROM pelatihan_realisasianggaran r
                     JOIN pelatihan_alokasianggaran al ON al.id = r.alokasi_id
                     WHERE al.kegiatan_id = k.id) AS belanja,
                    (SELECT COALESCE(SUM(w.jp), 0) FROM pelatihan_riwayatpengembangan w
                     WHERE w.kegiatan_id = k.id AND w.status = 'terverifikasi') AS jp
             FROM pelatihan_kegiatanpelatihan k
             WHERE k.status = 'selesai' AND k.tanggal_selesai < make_date(%s, 1, 1))
           SELECT ROUND(SUM(belanja) / NULLIF(SUM(jp), 0), 0) FROM k WHERE belanja > 0""",
        [sebelum],
    )
    return hasil[0]


def sql_kekurangan(tahun: int) -> list[tuple]:
    """Per OPD with active pegawai: kode, active pegawai, below target, shortfall JP, and the
    shortfall priced at the historical cost per JP (rounded to Rupiah)."""
    target = " ".join(
        f"WHEN '{jenis}' THEN {int(jp)}" for jenis, jp in settings.JP_TARGET_PER_TAHUN.items()
    )
    return sql(
        f"""WITH jp AS (
              SELECT pegawai_id, SUM(jp) AS s FROM pelatihan_riwayatpengembangan
              WHERE status = 'terverifikasi' AND tanggal_selesai BETWEEN %s AND %s
              GROUP BY pegawai_id),
            kurang AS (
              SELECT p.perangkat_daerah_id AS opd,
                     GREATEST((CASE p.jenis_pegawai {target} ELSE 20 END) - COALESCE(jp.s, 0), 0)
                       AS jp_kurang
              FROM pegawai_pegawai p LEFT JOIN jp ON jp.pegawai_id = p.id
              WHERE p.aktif)
            SELECT o.kode, COUNT(*), COUNT(*) FILTER (WHERE jp_kurang > 0), SUM(jp_kurang),
                   ROUND(SUM(jp_kurang) * %s, 0)
            FROM kurang JOIN pegawai_perangkatdaerah o ON o.id = kurang.opd
            GROUP BY o.kode ORDER BY o.kode""",  # noqa: S608 - the CASE comes from settings
        [datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31), sql_biaya_per_jp(tahun)],
    )


@pytest.fixture
def kota(pemeran):
    hasil = kota_beranggaran(pemeran)
    # Staff far from and past the target in 2025; an inactive one who does not count.
    RiwayatPengembanganFactory(
        pegawai=PegawaiFactory(perangkat_daerah=pemeran.opd),
        jp=25,
        tanggal_mulai=datetime.date(2025, 2, 1),
        tanggal_selesai=datetime.date(2025, 2, 3),
    )
    PegawaiFactory(perangkat_daerah=pemeran.opd, aktif=False)
    return hasil


@pytest.mark.parametrize("tahun", [2024, 2025, 2026])
@pytest.mark.parametrize("viewer", ["admin", "pimpinan"])
def test_the_page_equals_sql_on_the_same_data(client, kota, pemeran, viewer, tahun):
    client.force_login(getattr(pemeran, viewer))
    response = client.get(URL, {"tahun": tahun})
    assert response.status_code == 200
    target = response.context["target"]
    assert target.biaya_per_jp == sql_biaya_per_jp(tahun)
    assert [
        (o.kode, o.jumlah_asn, o.di_bawah_target, o.kekurangan_jp, o.estimasi_biaya)
        for o in target.opd
    ] == sql_kekurangan(tahun)
    assert target.total.kekurangan_jp == sum(o.kekurangan_jp for o in target.opd)
    assert target.total.di_bawah_target == sum(o.di_bawah_target for o in target.opd)


def test_the_history_worked_out_on_paper(client, kota, pemeran):
    client.force_login(pemeran.admin)
    target = client.get(URL, {"tahun": 2025}).context["target"]
    # Events finished before 2025: 72 juta over 4 × 24 JP, and 18 juta over 2 × 10 JP.
    per_jenis = {j.kode: j.biaya_per_jp for j in target.historis}
    assert per_jenis == {"KL03": Decimal("750000"), "NKL01": Decimal("900000")}
    assert target.biaya_per_jp == Decimal("775862")  # 90 juta / 116 JP
    skenario = {s.jenis.kode: s.estimasi_biaya for s in target.skenario}
    kurang = target.total.kekurangan_jp
    assert skenario == {"KL03": kurang * Decimal("750000"), "NKL01": kurang * Decimal("900000")}
    assert target.total.estimasi_biaya == kurang * Decimal("775862")
    body = client.get(URL, {"tahun": 2025}).content.decode()
    assert "Rp 775.862" in body
    assert "Cara menghitung" in body  # the formula is on the page


def test_without_history_the_cost_is_unknown_but_the_shortfall_is_shown(client, pemeran):
    client.force_login(pemeran.admin)
    response = client.get(URL, {"tahun": 2025})
    target = response.context["target"]
    assert target.biaya_per_jp is None
    assert target.total.estimasi_biaya is None
    assert target.total.di_bawah_target >= 1
    assert "biaya per JP belum dapat dihitung" in response.content.decode()


@pytest.mark.parametrize("peran", ["kepala", "operator", "asn", "tanpa_peran"])
def test_others_get_a_404(client, pemeran, peran):
    client.force_login(getattr(pemeran, peran))
    assert client.get(URL, {"tahun": 2025}).status_code == 404


def test_anonymous_is_sent_to_login_and_post_is_refused(client, pemeran):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(pemeran.admin)
    assert client.post(URL).status_code == 405
    assert client.get(URL, {"tahun": "dua ribu"}).status_code == 400


@pytest.mark.parametrize("viewer", ["admin", "pimpinan"])
def test_query_counts_do_not_grow_with_opds_or_events(
    client, pemeran, django_assert_num_queries, viewer
):
    client.force_login(getattr(pemeran, viewer))
    with django_assert_num_queries(8):
        client.get(URL, {"tahun": 2025})
    kota_beranggaran(pemeran)
    for _ in range(3):
        PegawaiFactory()
    with django_assert_num_queries(8):
        response = client.get(URL, {"tahun": 2025})
    assert len(response.context["target"].opd) >= 3
