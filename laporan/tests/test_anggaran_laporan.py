"""/laporan/anggaran/?tahun=: plan against realisation per source, holder and program, absorption
per month and cost per participant and per JP — every figure checked against SQL written by
hand on the same data, and against a few numbers worked out on paper."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from pelatihan.anggaran import alokasi_create, realisasi_create
from pelatihan.models import SumberDana
from pelatihan.tests.factories_kegiatan import KegiatanPelatihanFactory
from pelatihan.tests.test_anggaran_factories import AnggaranFactory, kota_beranggaran

URL = reverse("laporan:anggaran")
JUTA = Decimal("1000000")
URUTAN_SUMBER = {kode: i for i, kode in enumerate(SumberDana.values)}

# Totals per budget, joined as derived tables (not the report's correlated subqueries).
SQL_PER_ANGGARAN = """
    SELECT a.id, a.sumber_dana, a.perangkat_daerah_id, a.pagu,
           COALESCE(al.s, 0) AS dialokasikan, COALESCE(re.s, 0) AS realisasi
    FROM pelatihan_anggaran a
    LEFT JOIN (SELECT anggaran_id, SUM(jumlah) AS s FROM pelatihan_alokasianggaran
               GROUP BY anggaran_id) al ON al.anggaran_id = a.id
    LEFT JOIN (SELECT x.anggaran_id, SUM(r.jumlah) AS s FROM pelatihan_realisasianggaran r
               JOIN pelatihan_alokasianggaran x ON x.id = r.alokasi_id
               GROUP BY x.anggaran_id) re ON re.anggaran_id = a.id
    WHERE a.tahun = %s
"""


def sql(query: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


def sql_per_sumber(tahun: int) -> list[tuple]:
    rows = sql(
        f"""SELECT sumber_dana, SUM(pagu), SUM(dialokasikan), SUM(realisasi),
                   SUM(pagu) - SUM(realisasi)
            FROM ({SQL_PER_ANGGARAN}) t GROUP BY sumber_dana""",  # noqa: S608
        [tahun],
    )
    return sorted(rows, key=lambda r: URUTAN_SUMBER[r[0]])


def sql_per_opd(tahun: int) -> list[tuple]:
    return sql(
        f"""SELECT COALESCE(o.nama, 'BKPSDM (terpusat)'), SUM(pagu), SUM(dialokasikan),
                   SUM(realisasi), SUM(pagu) - SUM(realisasi)
            FROM ({SQL_PER_ANGGARAN}) t
            LEFT JOIN pegawai_perangkatdaerah o ON o.id = t.perangkat_daerah_id
            GROUP BY o.kode, o.nama ORDER BY o.kode NULLS FIRST""",  # noqa: S608
        [tahun],
    )


def sql_per_program(tahun: int) -> list[tuple]:
    return sql(
        """SELECT COALESCE(nama, 'Rencana tanpa program'), SUM(jumlah), SUM(realisasi)
           FROM (SELECT COALESCE(pk.kode, pr.kode) AS kode, COALESCE(pk.nama, pr.nama) AS nama,
                        al.jumlah,
                        COALESCE((SELECT SUM(r.jumlah) FROM pelatihan_realisasianggaran r
                                  WHERE r.alokasi_id = al.id), 0) AS realisasi
                 FROM pelatihan_alokasianggaran al
                 JOIN pelatihan_anggaran a ON a.id = al.anggaran_id
                 LEFT JOIN pelatihan_kegiatanpelatihan k ON k.id = al.kegiatan_id
                 LEFT JOIN pelatihan_programpelatihan pk ON pk.id = k.program_id
                 LEFT JOIN pelatihan_rencanapengembangan rc ON rc.id = al.rencana_id
                 LEFT JOIN pelatihan_programpelatihan pr ON pr.id = rc.program_id
                 WHERE a.tahun = %s) t
           GROUP BY kode, nama ORDER BY kode NULLS LAST""",
        [tahun],
    )


def sql_per_bulan(tahun: int) -> dict[int, Decimal]:
    return dict(
        sql(
            """SELECT EXTRACT(MONTH FROM r.tanggal)::int, SUM(r.jumlah)
               FROM pelatihan_realisasianggaran r
               JOIN pelatihan_alokasianggaran al ON al.id = r.alokasi_id
               JOIN pelatihan_anggaran a ON a.id = al.anggaran_id
               WHERE a.tahun = %s GROUP BY 1""",
            [tahun],
        )
    )


def sql_biaya_per_jenis(kondisi: str, params) -> list[tuple]:
    """Per jenis: events, spend, graduates, JP credited, and cost per graduate and per JP
    rounded to whole Rupiah by PostgreSQL."""
    return sql(
        f"""WITH k AS (
              SELECT k.id, p.jenis_id,
                (SELECT SUM(r.jumlah) FROM pelatihan_realisasianggaran r
                 JOIN pelatihan_alokasianggaran al ON al.id = r.alokasi_id
                 WHERE al.kegiatan_id = k.id) AS belanja,
                (SELECT COUNT(*) FROM pelatihan_nominasi n
                 WHERE n.kegiatan_id = k.id AND n.status = 'lulus') AS lulus,
                (SELECT COALESCE(SUM(w.jp), 0) FROM pelatihan_riwayatpengembangan w
                 WHERE w.kegiatan_id = k.id AND w.status = 'terverifikasi') AS jp
              FROM pelatihan_kegiatanpelatihan k
              JOIN pelatihan_programpelatihan p ON p.id = k.program_id
              WHERE k.status = 'selesai' AND {kondisi})
            SELECT j.kode, COUNT(*), SUM(belanja), SUM(lulus), SUM(jp),
                   ROUND(SUM(belanja) / NULLIF(SUM(lulus), 0), 0),
                   ROUND(SUM(belanja) / NULLIF(SUM(jp), 0), 0)
            FROM k JOIN pelatihan_jenispengembangan j ON j.id = k.jenis_id
            WHERE belanja > 0 GROUP BY j.kode ORDER BY j.kode""",  # noqa: S608
        params,
    )


def sebagai_tuple(baris, *kolom) -> list[tuple]:
    return [tuple(getattr(b, k) for k in kolom) for b in baris]


@pytest.fixture
def kota(pemeran):
    return kota_beranggaran(pemeran)


# --- the figures ---------------------------------------------------------------------------------


@pytest.mark.parametrize("tahun", [2024, 2025])
@pytest.mark.parametrize("viewer", ["admin", "pimpinan"])
def test_the_page_equals_sql_on_the_same_data(client, kota, pemeran, viewer, tahun):
    client.force_login(getattr(pemeran, viewer))
    response = client.get(URL, {"tahun": tahun})
    assert response.status_code == 200
    c = response.context
    kolom = ("kunci", "pagu", "dialokasikan", "realisasi", "sisa")
    assert sebagai_tuple(c["sumber"], *kolom) == sql_per_sumber(tahun)
    assert sebagai_tuple(c["opd"], "nama", *kolom[1:]) == sql_per_opd(tahun)
    assert sebagai_tuple(c["program"], "nama", "dialokasikan", "realisasi") == sql_per_program(
        tahun
    )
    bulanan = sql_per_bulan(tahun)
    assert [b.realisasi for b in c["penyerapan"]] == [
        bulanan.get(m, Decimal("0.00")) for m in range(1, 13)
    ]
    assert c["penyerapan"][-1].kumulatif == c["total"].realisasi
    kolom_biaya = ("kode", "jumlah_kegiatan", "realisasi", "peserta", "jp")
    kolom_biaya += ("biaya_per_peserta", "biaya_per_jp")
    assert sebagai_tuple(c["biaya"], *kolom_biaya) == sql_biaya_per_jenis(
        "EXTRACT(YEAR FROM k.tanggal_selesai) = %s", [tahun]
    )


def test_the_figures_worked_out_on_paper(client, kota, pemeran):
    client.force_login(pemeran.admin)
    c = client.get(URL, {"tahun": 2025}).context
    per_sumber = {b.kunci: (b.pagu, b.dialokasikan, b.realisasi, b.sisa) for b in c["sumber"]}
    assert list(per_sumber) == ["apbk", "apba", "hibah", "csr"]
    assert per_sumber["apbk"] == (600 * JUTA, 180 * JUTA, 60 * JUTA, 540 * JUTA)
    assert per_sumber["apba"] == (
        200 * JUTA,
        50 * JUTA,
        Decimal("34500000.50"),
        Decimal("165499999.50"),
    )
    assert per_sumber["csr"] == (75 * JUTA, 20 * JUTA, 0, 75 * JUTA)
    dua_opd = sorted([pemeran.opd, pemeran.opd_lain], key=lambda o: o.kode)
    assert [b.nama for b in c["opd"]] == ["BKPSDM (terpusat)", *[o.nama for o in dua_opd]]
    assert [b.nama for b in c["program"]] == [
        "Coaching Kinerja",
        "Pelatihan Pelayanan Prima",
        "Rencana tanpa program",
    ]
    bulan = {b.nama: b for b in c["penyerapan"]}
    assert bulan["Maret"].realisasi == 40 * JUTA
    assert bulan["Maret"].kumulatif == 60 * JUTA
    # 60 of a total pagu of 925 million after March.
    assert bulan["Maret"].persen_kumulatif == Decimal("6.49")
    biaya = {b.kode: b for b in c["biaya"]}
    assert set(biaya) == {"KL03", "NKL01"}  # the event without realisation is not counted
    assert (biaya["KL03"].peserta, biaya["KL03"].jp) == (4, 72)
    assert biaya["KL03"].biaya_per_peserta == 15 * JUTA
    assert biaya["KL03"].biaya_per_jp == Decimal("833333")
    assert biaya["NKL01"].biaya_per_peserta == Decimal("15250000")
    body = client.get(URL, {"tahun": 2025}).content.decode()
    for teks in ("Rp 925.000.000", "Rp 94.500.000,50", "Rp 830.499.999,50", "Rp 833.333"):
        assert teks in body
    assert "Maret" in body and "BKPSDM (terpusat)" in body


def test_a_year_without_budgets(client, pemeran):
    client.force_login(pemeran.admin)
    response = client.get(URL, {"tahun": 2025})
    assert response.status_code == 200
    assert response.context["sumber"] == []
    assert "Belum ada anggaran untuk tahun 2025." in response.content.decode()


@pytest.mark.parametrize("tahun", ["abc", "1800", "3000"])
def test_a_bad_year_is_a_clear_400(client, pemeran, tahun):
    client.force_login(pemeran.admin)
    response = client.get(URL, {"tahun": tahun})
    assert response.status_code == 400
    assert "Tahun" in response.content.decode()


def test_the_year_defaults_to_the_current_year_in_jakarta(client, pemeran, monkeypatch):
    sekarang = datetime.datetime(2025, 12, 31, 18, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: sekarang)
    client.force_login(pemeran.admin)
    assert client.get(URL).context["tahun"] == 2026


def test_the_charts_are_drawn_from_json_by_a_static_script(client, kota, pemeran):
    client.force_login(pemeran.admin)
    body = client.get(URL, {"tahun": 2025}).content.decode()
    assert '<script id="grafik-penyerapan" type="application/json">' in body
    assert "js/anggaran.js" in body
    assert "chartjs-4.6.1/chart.umd.min.js" in body
    assert "<script>" not in body  # the CSP forbids inline script


# --- access --------------------------------------------------------------------------------------


@pytest.mark.parametrize("peran", ["kepala", "operator", "asn", "kepala_lain", "tanpa_peran"])
def test_others_get_a_404(client, kota, pemeran, peran):
    client.force_login(getattr(pemeran, peran))
    for params in ({"tahun": 2025}, {"tahun": 2025, "format": "xlsx"}, {"format": "pdf"}):
        assert client.get(URL, params).status_code == 404


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL, {"tahun": 2025})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_rejects_post(client, pemeran):
    client.force_login(pemeran.admin)
    assert client.post(URL, {"tahun": 2025}).status_code == 405


# --- downloads -----------------------------------------------------------------------------------


def test_the_xlsx_download_has_the_same_numbers(client, kota, pemeran):
    client.force_login(pemeran.pimpinan)
    response = client.get(URL, {"tahun": 2025, "format": "xlsx"})
    assert response.status_code == 200
    assert 'filename="anggaran-2025.xlsx"' in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert wb.sheetnames[:5] == [
        "Per sumber dana",
        "Per perangkat daerah",
        "Per program",
        "Penyerapan bulanan",
        "Biaya per jenis",
    ]
    rows = list(wb["Per sumber dana"].iter_rows(values_only=True))
    assert rows[0][:7] == (
        "sumber_dana",
        "nama",
        "jumlah_anggaran",
        "pagu",
        "dialokasikan",
        "realisasi",
        "sisa",
    )
    harapan = sql_per_sumber(2025)
    dari_xlsx = [(r[0], r[3], r[4], r[5], r[6]) for r in rows[1:-1]]
    assert dari_xlsx == [tuple(float(v) if i else v for i, v in enumerate(h)) for h in harapan]
    assert rows[-1][1] == "Total"


def test_the_pdf_download_opens(client, kota, pemeran):
    client.force_login(pemeran.admin)
    response = client.get(URL, {"tahun": 2025, "format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="anggaran-2025.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 2000


# --- query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize(("viewer", "html", "unduhan"), [("admin", 12, 10), ("pimpinan", 12, 10)])
def test_query_counts_do_not_grow_with_sources_or_opds(
    client, pemeran, django_assert_num_queries, viewer, html, unduhan
):
    kegiatan = KegiatanPelatihanFactory()
    satu = AnggaranFactory(pagu=10 * JUTA)
    a = alokasi_create(anggaran=satu, jumlah=JUTA, kegiatan=kegiatan, oleh=pemeran.admin)
    realisasi_create(alokasi=a, tanggal=datetime.date(2025, 1, 5), jumlah=JUTA, oleh=pemeran.admin)
    client.force_login(getattr(pemeran, viewer))

    def hitung():
        with django_assert_num_queries(html):
            response = client.get(URL, {"tahun": 2025})
        for format_ in ("xlsx", "pdf"):
            with django_assert_num_queries(unduhan):
                client.get(URL, {"tahun": 2025, "format": format_})
        return response

    assert len(hitung().context["sumber"]) == 1
    kota_beranggaran(pemeran)
    for sumber in (SumberDana.APBN, SumberDana.OTSUS, SumberDana.MANDIRI):
        AnggaranFactory(sumber_dana=sumber, perangkat_daerah=pemeran.opd_lain)
    response = hitung()
    assert len(response.context["sumber"]) == 7
    assert len(response.context["opd"]) == 3
