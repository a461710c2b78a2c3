"""/laporan/: every figure of the dashboards against SQL written by hand on the same data — JP
compliance of the city, per OPD and per year, the learning culture of an OPD and of the city,
budget absorption, and the level-3 application rate with its confidentiality threshold."""

import datetime
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from evaluasi import efektivitas
from evaluasi.models import FormulirEvaluasi, Jawaban
from evaluasi.tests.factories import (
    FormulirEvaluasiFactory,
    TindakLanjutFactory,
    isi_formulir,
    kegiatan_selesai,
    kuesioner_perilaku,
    peserta,
)
from laporan.tests.conftest import riwayat
from pegawai.models import ImporBerkas, PerangkatDaerah
from pegawai.tests.factories import PegawaiFactory, PenggunaFactory
from pelatihan.models import KebutuhanPengembangan, KegiatanPelatihan, Nominasi
from pelatihan.tests.factories_kegiatan import KegiatanPelatihanFactory
from pelatihan.tests.test_anggaran_factories import kota_beranggaran

URL = reverse("laporan:dasbor")
TAHUN = 2025
# PPPK get a different target so that the target rule is exercised, not only the constant 20.
TARGET = {"PNS": 20, "CPNS": 20, "PPPK": 24}
SQL_TARGET = "CASE p.jenis_pegawai WHEN 'PPPK' THEN 24 ELSE 20 END"

# JP of each active pegawai in a year, joined as a derived table (the report uses FilteredRelation).
SQL_PEGAWAI_JP = f"""
    SELECT p.id, p.perangkat_daerah_id AS opd_id, {SQL_TARGET} AS target,
           COALESCE(j.jp, 0) AS jp
    FROM pegawai_pegawai p
    LEFT JOIN (SELECT pegawai_id, SUM(jp) AS jp FROM pelatihan_riwayatpengembangan
               WHERE status = 'terverifikasi' AND EXTRACT(YEAR FROM tanggal_selesai) = %s
               GROUP BY pegawai_id) j ON j.pegawai_id = p.id
    WHERE p.aktif
"""  # noqa: S608 - constants of this module


def sql(query: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


def bulat(nilai, tempat="0.01") -> Decimal:
    return Decimal(nilai).quantize(Decimal(tempat), rounding=ROUND_HALF_UP)


def persen(bagian, dari, tempat="0.01") -> Decimal | None:
    return bulat(Decimal(100 * bagian) / Decimal(dari), tempat) if dari else None


@dataclass
class KotaDasbor:
    pemeran: object
    opd_lain_lain: list
    kegiatan_level_3: KegiatanPelatihan


def penilaian_atasan(nominasi, penerapan: int | None):
    """The atasan's level-3 form of a graduate: filled with ``penerapan`` on the penerapan item
    (3 elsewhere), or left open when None."""
    formulir = FormulirEvaluasiFactory(
        nominasi=nominasi,
        jenis=FormulirEvaluasi.Jenis.PERILAKU_ATASAN,
        kuesioner=kuesioner_perilaku(),
        pengisi=PenggunaFactory(),
    )
    if penerapan is not None:
        isi_formulir(formulir, 3)
        Jawaban.objects.filter(formulir=formulir, butir__penanda="penerapan").update(
            nilai=penerapan
        )
    return formulir


def bangun_kota(data_jp) -> KotaDasbor:
    """data_jp's three OPDs and ledger, the budgets and events of kota_beranggaran, nine more
    OPDs with JP in 2024–2025, level-1 and level-3 forms, and one of each thing that waits."""
    pemeran = data_jp.pemeran
    kota_beranggaran(pemeran)
    rng = random.Random(7)
    dipakai = [pemeran.opd.pk, pemeran.opd_lain.pk, data_jp.opd_tanpa_aktif.pk]
    lain = list(
        PerangkatDaerah.objects.exclude(pk__in=dipakai)
        .exclude(singkatan="BKPSDM")
        .order_by("kode")[:9]
    )
    for i, opd in enumerate(lain):
        for j in range(2 + i % 3):
            pegawai = PegawaiFactory(perangkat_daerah=opd, jenis_pegawai=["PNS", "PPPK"][j % 2])
            for tahun in (2024, TAHUN):
                for _ in range(rng.randint(0, 3)):
                    riwayat(
                        pegawai, rng.randint(4, 16), datetime.date(tahun, rng.randint(1, 12), 5)
                    )

    # Level 3 of 2025: six Dinkes graduates judged (four applied), three of Disdikbud (one
    # applied); an open form, a failed participant and a 2024 event that must not count.
    selesai = kegiatan_selesai(selesai=datetime.date(TAHUN, 6, 20))
    for nilai in (5, 4, 4, 3, 2, 5):
        penilaian_atasan(peserta(selesai, PegawaiFactory(perangkat_daerah=pemeran.opd)), nilai)
    for nilai in (4, 1, 2):
        penilaian_atasan(peserta(selesai, PegawaiFactory(perangkat_daerah=pemeran.opd_lain)), nilai)
    penilaian_atasan(peserta(selesai, PegawaiFactory(perangkat_daerah=pemeran.opd)), None)
    gagal = peserta(
        selesai,
        PegawaiFactory(perangkat_daerah=pemeran.opd),
        status=Nominasi.Status.TIDAK_LULUS,
    )
    penilaian_atasan(gagal, 5)
    lalu = kegiatan_selesai(selesai=datetime.date(2024, 6, 20))
    for _ in range(5):
        penilaian_atasan(peserta(lalu, PegawaiFactory(perangkat_daerah=pemeran.opd)), 1)
    # Level 1: five participants answering 3 on the 1–4 scale.
    for _ in range(5):
        pegawai = PegawaiFactory(user=PenggunaFactory(), perangkat_daerah=pemeran.opd_lain)
        isi_formulir(FormulirEvaluasiFactory(nominasi=peserta(selesai, pegawai)), 3)

    # What waits: nominations for an open event, needs, late actions, imports, this week's event.
    buka = KegiatanPelatihanFactory()
    for opd, status in (
        (pemeran.opd, Nominasi.Status.DIUSULKAN),
        (pemeran.opd, Nominasi.Status.DIUSULKAN),
        (pemeran.opd_lain, Nominasi.Status.DIUSULKAN),
        (pemeran.opd_lain, Nominasi.Status.DISETUJUI),
    ):
        Nominasi.objects.create(
            kegiatan=buka,
            pegawai=PegawaiFactory(perangkat_daerah=opd),
            jalur=Nominasi.Jalur.USULAN_OPD,
            status=status,
        )
    for status in ("diusulkan", "diusulkan", "diverifikasi"):
        KebutuhanPengembangan.objects.create(
            tahun=TAHUN + 1, perangkat_daerah=pemeran.opd, uraian="Pelatihan triase", status=status
        )
    hari_ini = timezone.localdate()
    TindakLanjutFactory(batas_waktu=hari_ini - datetime.timedelta(days=3))
    TindakLanjutFactory(batas_waktu=hari_ini + datetime.timedelta(days=3))
    TindakLanjutFactory(
        batas_waktu=hari_ini - datetime.timedelta(days=3), status="selesai", selesai_pada=hari_ini
    )
    for status in (ImporBerkas.Status.MENGIMPOR, ImporBerkas.Status.SELESAI):
        ImporBerkas.objects.create(
            jenis=ImporBerkas.Jenis.PEGAWAI,
            berkas="impor/pegawai.xlsx",
            nama_berkas="pegawai.xlsx",
            diunggah_oleh=pemeran.admin,
            status=status,
        )
    KegiatanPelatihanFactory(
        mulai=hari_ini - datetime.timedelta(days=hari_ini.weekday()),
        tanggal_selesai=hari_ini
        - datetime.timedelta(days=hari_ini.weekday())
        + datetime.timedelta(days=4),
        batas_nominasi=hari_ini - datetime.timedelta(days=30),
        status=KegiatanPelatihan.Status.BERLANGSUNG,
    )
    return KotaDasbor(pemeran=pemeran, opd_lain_lain=lain, kegiatan_level_3=selesai)


@pytest.fixture
def kota(data_jp, settings):
    settings.JP_TARGET_PER_TAHUN = TARGET
    return bangun_kota(data_jp)


def halaman(client, user, tahun=TAHUN):
    client.force_login(user)
    response = client.get(URL, {"tahun": tahun})
    assert response.status_code == 200
    return response


# --- City compliance -----------------------------------------------------------------------------


def sql_per_opd(tahun: int) -> list[dict]:
    rows = sql(
        f"""SELECT o.kode, o.nama, COUNT(*), COUNT(*) FILTER (WHERE t.jp >= t.target), SUM(t.jp)
            FROM ({SQL_PEGAWAI_JP}) t JOIN pegawai_perangkatdaerah o ON o.id = t.opd_id
            GROUP BY o.kode, o.nama""",  # noqa: S608
        [tahun],
    )
    baris = [
        {
            "kode_opd": kode,
            "nama_opd": nama,
            "jumlah_asn": n,
            "memenuhi_target": m,
            "persen_memenuhi": persen(m, n),
            "total_jp": int(jp),
            "rata_rata_jp": bulat(Decimal(jp) / n),
        }
        for kode, nama, n, m, jp in rows
    ]
    return sorted(baris, key=lambda b: (-b["persen_memenuhi"], b["kode_opd"]))


def test_city_compliance_equals_sql(client, kota):
    ((jumlah, memenuhi, total),) = sql(
        f"SELECT COUNT(*), COUNT(*) FILTER (WHERE jp >= target), SUM(jp) FROM ({SQL_PEGAWAI_JP}) t",  # noqa: S608
        [TAHUN],
    )
    dasbor = halaman(client, kota.pemeran.pimpinan).context["kota"]
    assert dasbor["total"] == {
        "jumlah_asn": jumlah,
        "memenuhi_target": memenuhi,
        "persen_memenuhi": persen(memenuhi, jumlah),
        "total_jp": total,
        "rata_rata_jp": bulat(Decimal(total) / jumlah),
    }
    assert 0 < memenuhi < jumlah


def test_opds_ranked_top_and_bottom_five_equal_sql(client, kota):
    urut = sql_per_opd(TAHUN)
    assert len(urut) == 12
    response = halaman(client, kota.pemeran.admin)
    dasbor = response.context["kota"]
    assert dasbor["teratas"] == urut[:5]
    assert dasbor["terbawah"] == urut[-5:][::-1]
    assert dasbor["jumlah_opd"] == 12
    body = response.content.decode()
    for b in urut[:5] + urut[-5:]:
        assert f"{reverse('laporan:jp-opd', args=[b['kode_opd']])}?tahun={TAHUN}" in body
    # The two in the middle are on the full report, not on the dashboard.
    for b in urut[5:7]:
        assert reverse("laporan:jp-opd", args=[b["kode_opd"]]) not in body


def test_trend_of_years_with_ledger_data_equals_sql(client, kota):
    rows = sql(
        f"""SELECT y, COUNT(*), COUNT(*) FILTER (WHERE COALESCE(j.jp, 0) >= {SQL_TARGET}),
                   COALESCE(SUM(j.jp), 0)
            FROM pegawai_pegawai p CROSS JOIN generate_series(2023, 2025) AS y
            LEFT JOIN (SELECT pegawai_id, EXTRACT(YEAR FROM tanggal_selesai) AS tahun,
                              SUM(jp) AS jp
                       FROM pelatihan_riwayatpengembangan WHERE status = 'terverifikasi'
                       GROUP BY 1, 2) j ON j.pegawai_id = p.id AND j.tahun = y
            WHERE p.aktif GROUP BY y ORDER BY y"""  # noqa: S608
    )
    dasbor = halaman(client, kota.pemeran.pimpinan).context["kota"]
    assert [
        (b["tahun"], b["jumlah_asn"], b["memenuhi_target"], b["total_jp"]) for b in dasbor["tren"]
    ] == [(y, n, m, int(jp)) for y, n, m, jp in rows]
    assert dasbor["grafik_tren"]["label"] == ["2023", "2024", "2025"]
    assert dasbor["grafik_tren"]["persen"] == [float(persen(m, n)) for _y, n, m, _jp in rows]
    # Each year of the trend is the same figure as the compliance report of that year.
    for b in dasbor["tren"]:
        jp_report = client.get(reverse("laporan:jp"), {"tahun": b["tahun"]}).context["total"]
        assert b["persen_memenuhi"] == jp_report["persen_memenuhi"]


def test_trend_stops_at_the_selected_year(client, kota):
    dasbor = halaman(client, kota.pemeran.pimpinan, tahun=2024).context["kota"]
    assert [b["tahun"] for b in dasbor["tren"]] == [2023, 2024]


# --- Budget absorption ---------------------------------------------------------------------------


def test_budget_absorption_equals_sql(client, kota):
    ((pagu,),) = sql("SELECT SUM(pagu) FROM pelatihan_anggaran WHERE tahun = %s", [TAHUN])
    per_bulan = dict(
        sql(
            """SELECT EXTRACT(MONTH FROM r.tanggal)::int, SUM(r.jumlah)
               FROM pelatihan_realisasianggaran r
               JOIN pelatihan_alokasianggaran a ON a.id = r.alokasi_id
               JOIN pelatihan_anggaran g ON g.id = a.anggaran_id
               WHERE g.tahun = %s GROUP BY 1""",
            [TAHUN],
        )
    )
    realisasi = sum(per_bulan.values())
    anggaran = halaman(client, kota.pemeran.pimpinan).context["kota"]["anggaran"]
    assert anggaran["total"].pagu == pagu
    assert anggaran["total"].realisasi == realisasi
    assert anggaran["total"].persen_realisasi == persen(realisasi, pagu)
    grafik = anggaran["grafik_penyerapan"]
    assert grafik["realisasi"] == [float(per_bulan.get(b, 0)) for b in range(1, 13)]
    kumulatif = [sum(per_bulan.get(x, 0) for x in range(1, b + 1)) for b in range(1, 13)]
    assert grafik["persen_kumulatif"] == [float(persen(k, pagu)) for k in kumulatif]
    # On paper: 20 + 25 + 15 + 30.5000005 + 4 million of 925 million.
    assert realisasi == Decimal("94500000.50")
    assert anggaran["total"].persen_realisasi == Decimal("10.22")


def test_year_without_budget_shows_no_absorption(client, kota):
    response = halaman(client, kota.pemeran.pimpinan, tahun=2023)
    assert response.context["kota"]["anggaran"]["ada"] is False
    assert "Belum ada anggaran untuk tahun 2023" in response.content.decode()


# --- Learning culture of an OPD ------------------------------------------------------------------


def sql_budaya(tahun: int, opd_id: int | None = None) -> tuple:
    filter_ = "WHERE t.opd_id = %s" if opd_id else ""
    ((n, dilatih, memenuhi, jp),) = sql(
        f"""SELECT COUNT(*), COUNT(*) FILTER (WHERE t.jp > 0),
                   COUNT(*) FILTER (WHERE t.jp >= t.target), SUM(t.jp)
            FROM ({SQL_PEGAWAI_JP}) t {filter_}""",  # noqa: S608
        [tahun, opd_id] if opd_id else [tahun],
    )
    return n, dilatih, memenuhi, int(jp)


def test_learning_culture_of_own_opd_and_city_equal_sql(client, kota):
    opd = kota.pemeran.opd
    (bagian,) = halaman(client, kota.pemeran.kepala).context["opd_saya"]
    assert bagian["opd"] == opd
    n, dilatih, memenuhi, jp = sql_budaya(TAHUN, opd.pk)
    b = bagian["budaya"]
    assert (b.jumlah_asn, b.dilatih, b.memenuhi_target, b.total_jp) == (n, dilatih, memenuhi, jp)
    assert b.kurang == n - memenuhi
    assert b.persen_dilatih == persen(dilatih, n)
    assert b.persen_memenuhi == persen(memenuhi, n)
    assert b.rata_rata_jp == bulat(Decimal(jp) / n)
    n, dilatih, memenuhi, jp = sql_budaya(TAHUN)
    k = bagian["kota"]
    assert (k.jumlah_asn, k.dilatih, k.memenuhi_target, k.total_jp) == (n, dilatih, memenuhi, jp)
    assert 0 < b.dilatih < b.jumlah_asn


def test_staff_with_the_largest_shortfall_equal_sql(client, kota):
    opd = kota.pemeran.opd
    rows = sql(
        f"""SELECT p.nip, t.target - t.jp FROM ({SQL_PEGAWAI_JP}) t
            JOIN pegawai_pegawai p ON p.id = t.id
            WHERE t.opd_id = %s AND t.jp < t.target
            ORDER BY t.target - t.jp DESC, p.nama, p.nip LIMIT 10""",  # noqa: S608
        [TAHUN, opd.pk],
    )
    (bagian,) = halaman(client, kota.pemeran.kepala).context["opd_saya"]
    assert [(p.nip, p.kurang_jp) for p in bagian["kurang"]] == rows
    assert len(rows) == 10 < bagian["budaya"].kurang


def sql_penerapan(tahun: int) -> dict:
    rows = sql(
        """SELECT p.perangkat_daerah_id, COUNT(*),
                  COUNT(*) FILTER (WHERE EXISTS (
                      SELECT 1 FROM evaluasi_jawaban j
                      JOIN evaluasi_butirkuesioner b ON b.id = j.butir_id
                      WHERE j.formulir_id = f.id AND b.penanda = 'penerapan' AND j.nilai >= 4))
           FROM evaluasi_formulirevaluasi f
           JOIN pelatihan_nominasi n ON n.id = f.nominasi_id
           JOIN pelatihan_kegiatanpelatihan k ON k.id = n.kegiatan_id
           JOIN pegawai_pegawai p ON p.id = n.pegawai_id
           WHERE f.jenis = 'perilaku_atasan' AND f.diisi_pada IS NOT NULL AND n.status = 'lulus'
             AND k.status = 'selesai' AND EXTRACT(YEAR FROM k.tanggal_selesai) = %s
           GROUP BY 1""",
        [tahun],
    )
    return {opd: (dinilai, diterapkan) for opd, dinilai, diterapkan in rows}


def test_level_3_application_rate_of_own_staff_and_city_equal_sql(client, kota):
    per_opd = sql_penerapan(TAHUN)
    dinilai, diterapkan = per_opd[kota.pemeran.opd.pk]
    assert (dinilai, diterapkan) == (6, 4)
    (bagian,) = halaman(client, kota.pemeran.kepala).context["opd_saya"]
    assert bagian["penerapan"] == {
        "ada": True,
        "tersembunyi": False,
        "dinilai": 6,
        "diterapkan": 4,
        "persen": persen(diterapkan, dinilai, "0.1"),
    }
    semua = sum(d for d, _t in per_opd.values()), sum(t for _d, t in per_opd.values())
    assert semua == (9, 5)
    assert bagian["penerapan_kota"]["persen"] == persen(5, 9, "0.1") == Decimal("55.6")
    # The city figure is the effectiveness reports' own.
    kegiatan = efektivitas.kegiatan_dievaluasi().filter(tanggal_selesai__year=TAHUN)
    assert bagian["penerapan_kota"] == efektivitas.tingkat_penerapan(kegiatan)[None]


def test_level_3_of_fewer_graduates_than_the_threshold_is_hidden(client, kota):
    (bagian,) = halaman(client, kota.pemeran.kepala_lain).context["opd_saya"]
    assert sql_penerapan(TAHUN)[kota.pemeran.opd_lain.pk] == (3, 1)
    assert bagian["penerapan"]["tersembunyi"] is True
    assert "persen" not in bagian["penerapan"]
    assert bagian["penerapan_kota"]["persen"] == Decimal("55.6")


def test_city_evaluation_uses_the_effectiveness_selectors(client, kota):
    evaluasi = halaman(client, kota.pemeran.pimpinan).context["kota"]["evaluasi"]
    assert evaluasi["reaksi"]["indeks"] == Decimal("75.0")  # 3 of 4 on every answer
    assert evaluasi["reaksi"]["responden"] == 5
    assert evaluasi["penerapan"]["persen"] == Decimal("55.6")


def test_events_of_the_year_by_status_equal_sql(client, kota):
    rows = dict(
        sql(
            """SELECT status, COUNT(*) FROM pelatihan_kegiatanpelatihan
               WHERE tanggal_mulai <= %s AND tanggal_selesai >= %s GROUP BY status""",
            [datetime.date(TAHUN, 12, 31), datetime.date(TAHUN, 1, 1)],
        )
    )
    kegiatan = halaman(client, kota.pemeran.admin).context["kota"]["kegiatan"]
    assert {k["status"]: k["jumlah"] for k in kegiatan} == rows
    # e1, e2, e6 of kota_beranggaran and the level-3 event finished; e4 is open for nominations.
    assert rows == {"selesai": 4, "nominasi_dibuka": 1}


def test_admin_queue_counts(client, kota):
    antrean = {
        a["kunci"]: a["jumlah"] for a in halaman(client, kota.pemeran.admin).context["antrean"]
    }
    ((klaim,),) = sql(
        "SELECT COUNT(*) FROM pelatihan_riwayatpengembangan WHERE status = 'menunggu'"
    )
    assert klaim > 0
    assert antrean == {
        "klaim": klaim,
        "nominasi": 1,
        "kebutuhan": 2,
        "berlangsung": 1,
        "selesai_pekan": 1,
        "tindak_lanjut": 1,
        "impor": 1,
    }
