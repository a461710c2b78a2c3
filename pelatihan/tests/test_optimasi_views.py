"""/pelatihan/rencana/optimasi/ and its XLSX: who may run it, the form, the known best choice
shown with its reasons, the budget never exceeded, and query counts that do not grow."""

import dataclasses
import io
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from pelatihan.models import HasilOptimasiAnggaran
from pelatihan.optimasi_rencana import SIMPAN_JAM
from pelatihan.tests.test_akpk_services import TAHUN
from pelatihan.tests.test_akpk_views import RENCANA, is_login_redirect
from pelatihan.tests.test_optimasi_rencana import JUTA, baris, pagu

HALAMAN = reverse("pelatihan:rencana-optimasi")
XLSX = reverse("pelatihan:rencana-optimasi-xlsx")
PAGU = {"tahun": TAHUN, "dasar": "pagu"}


@pytest.fixture
def dua(pemeran):
    """Four Dinkes ASN or two Disdikbud ASN; the APBK pagu pays for one line only."""
    dinkes = baris(
        "Pelatihan Dinkes",
        kursi={pemeran.opd: 4},
        biaya=[("kontribusi", 4 * JUTA), ("honorarium", 2 * JUTA)],
    )
    disdik = baris(
        "Pelatihan Disdikbud",
        kursi={pemeran.opd_lain: 2},
        biaya=[("kontribusi", 2 * JUTA), ("honorarium", 2 * JUTA)],
    )
    pagu(6 * JUTA)
    return dinkes, disdik


def lembar(response) -> dict[str, list[list]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


# Access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("peran", ["admin", "pimpinan"])
def test_admin_and_pimpinan_run_it(client, pemeran, dua, peran):
    client.force_login(getattr(pemeran, peran))
    response = client.get(HALAMAN, {"tahun": TAHUN})
    assert response.status_code == 200
    assert response.context["laporan"] is None
    assert "Rp 6.000.000" in response.content.decode()  # the pagu
    assert client.post(HALAMAN, PAGU).context["laporan"] is not None
    assert client.get(XLSX, PAGU).status_code == 200


def test_the_form_says_it_is_computing_once_sent(client, pemeran, dua):
    # The optimiser takes seconds on a city's plan: the button turns into "Menghitung…".
    client.force_login(pemeran.admin)
    html = client.get(HALAMAN, {"tahun": TAHUN}).content.decode()
    assert 'data-sibuk="Menghitung… mohon tunggu beberapa detik"' in html
    assert "/static/js/sibuk.js" in html


@pytest.mark.parametrize("peran", ["kepala", "operator", "asn", "kepala_lain", "tanpa_peran"])
def test_other_roles_get_the_no_access_page(client, pemeran, dua, peran):
    client.force_login(getattr(pemeran, peran))
    for response in (
        client.get(HALAMAN, {"tahun": TAHUN}),
        client.post(HALAMAN, PAGU),
        client.get(XLSX, PAGU),
        client.post(XLSX, PAGU),
    ):
        assert response.status_code == 403
        assert "Pelatihan Dinkes" not in response.content.decode()


def test_anonymous_goes_to_login(client, dua):
    for url in (HALAMAN, XLSX):
        assert is_login_redirect(client.get(url, PAGU))
        assert is_login_redirect(client.post(url, PAGU))


def test_wrong_methods(client, pemeran):
    client.force_login(pemeran.admin)
    for url in (HALAMAN, XLSX):
        assert client.put(url).status_code == 405
        assert client.delete(url).status_code == 405


def test_the_plan_page_links_to_it_for_admin_and_pimpinan_only(client, pemeran):
    link = f"{HALAMAN}?tahun={TAHUN}"
    for peran, ada in (("admin", True), ("pimpinan", True), ("kepala", False)):
        client.force_login(getattr(pemeran, peran))
        assert (link in client.get(RENCANA, {"tahun": TAHUN}).content.decode()) == ada


# The result ---------------------------------------------------------------------------------


def test_the_known_best_line_is_funded_with_reasons(client, pemeran, dua):
    dinkes, disdik = dua
    client.force_login(pemeran.admin)
    response = client.post(HALAMAN, PAGU)
    assert response.status_code == 200
    laporan = response.context["laporan"]
    assert [b.acara.id for b in laporan.terpilih] == [dinkes.pk]
    assert [t.acara.id for t in laporan.tidak_terpilih] == [disdik.pk]
    assert laporan.hasil.jumlah_tercapai == 4
    (apbk,) = laporan.anggaran
    assert apbk.terpakai <= apbk.anggaran == 6 * JUTA
    body = response.content.decode()
    assert "4 dari 6 ASN" in body
    assert "Optimal" in body
    # The line left out and the ASN not reached, each with its reason.
    alasan = laporan.tidak_terpilih[0].alasan
    assert alasan and alasan in body
    for a in laporan.belum_tercapai:
        assert a.nama in body and a.alasan in body
    assert {a.opd.id for a in laporan.belum_tercapai} == {pemeran.opd_lain.pk}
    assert "DINKES 4/4" in body
    assert "Rp 6.000.000" in body


def test_it_says_how_certain_the_gap_weights_and_the_cost_are(client, pemeran, dua, monkeypatch):
    client.force_login(pemeran.admin)
    body = client.post(HALAMAN, PAGU).content.decode()
    # A small plan: every step proven.
    assert "terbesar yang mungkin dengan jumlah ASN itu" in body
    assert "Biayanya yang termurah di antara rencana seperti itu." in body

    # A city's plan, where only HiGHS's bound is known for the gap weights.
    from pelatihan import views_optimasi

    asli = views_optimasi.optimasi_jalankan

    def belum_terbukti(**kwargs):
        hasil = asli(**kwargs)
        return dataclasses.replace(
            hasil,
            prioritas_terbukti=False,
            batas_bobot_kesenjangan=hasil.bobot_kesenjangan + 1234,
            biaya_minimal=False,
        )

    monkeypatch.setattr(views_optimasi, "optimasi_jalankan", belum_terbukti)
    response = client.post(HALAMAN, PAGU)
    batas = f"{response.context['laporan'].hasil.bobot_kesenjangan + 1234:,}".replace(",", ".")
    body = response.content.decode()
    assert f"tidak ada rencana dengan jumlah ASN itu yang bobotnya di atas {batas}." in body
    assert "Belum terbukti termurah di antara rencana seperti itu." in body


def test_one_total_entered_in_rupiah(client, pemeran, dua):
    client.force_login(pemeran.admin)
    response = client.post(HALAMAN, {"tahun": TAHUN, "dasar": "total", "total": "Rp 5.000.000"})
    laporan = response.context["laporan"]
    # 5 jt: Dinkes costs 2 jt + 1 jt per seat, so 3 seats of it (3 ASN) beat Disdikbud's 2.
    assert laporan.hasil.jumlah_tercapai == 3
    assert laporan.total.terpakai <= 5 * JUTA
    assert laporan.anggaran[0].label == "Semua sumber dana"
    response = client.post(HALAMAN, {"tahun": TAHUN, "dasar": "total", "total": "4000000"})
    laporan = response.context["laporan"]
    # 4 jt: two seats of either line; a tie in ASN and cost.
    assert len(laporan.terpilih) == 1
    assert laporan.hasil.jumlah_tercapai == 2
    assert laporan.total.terpakai <= 4 * JUTA


def test_a_budget_too_small_for_anything(client, pemeran, dua):
    client.force_login(pemeran.admin)
    response = client.post(HALAMAN, {"tahun": TAHUN, "dasar": "total", "total": "1.000"})
    laporan = response.context["laporan"]
    assert laporan.terpilih == []
    assert laporan.total.terpakai == 0
    assert len(laporan.tidak_terpilih) == 2
    assert "Tidak ada kegiatan yang dapat didanai" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"tahun": TAHUN, "dasar": "total"},
        {"tahun": TAHUN, "dasar": "total", "total": "banyak"},
        {"tahun": TAHUN, "dasar": "total", "total": "-5"},
        {"tahun": "abc", "dasar": "pagu"},
        {"tahun": TAHUN, "dasar": "lain"},
    ],
)
def test_a_bad_form_is_shown_again(client, pemeran, dua, data):
    client.force_login(pemeran.admin)
    response = client.post(HALAMAN, data)
    assert response.status_code == 400
    assert response.context["laporan"] is None
    assert response.context["form"].errors
    assert client.get(XLSX, data).status_code == 400


def test_the_xlsx_has_the_documented_sheets(client, pemeran, dua):
    _dinkes, disdik = dua
    disdik.nama = "=HYPERLINK(1)"
    disdik.save()
    client.force_login(pemeran.admin)
    response = client.post(XLSX, PAGU)
    assert f"optimasi-anggaran-{TAHUN}.xlsx" in response["Content-Disposition"]
    sheets = lembar(response)
    assert list(sheets) == ["Kegiatan terpilih", "Tidak terpilih", "ASN"]
    terpilih = sheets["Kegiatan terpilih"]
    assert terpilih[0][:3] == ["Kegiatan", "JP", "Sumber dana"]
    assert terpilih[1][0] == "Pelatihan Dinkes"
    assert terpilih[1][5:8] == [4, 4, 6_000_000]
    tidak = sheets["Tidak terpilih"]
    assert tidak[1][0] == "'=HYPERLINK(1)"  # not a formula
    assert tidak[1][5]  # the reason
    asn = sheets["ASN"]
    assert len(asn) == 1 + 6
    assert sorted(r[7] for r in asn[1:]) == ["Tidak", "Tidak", "Ya", "Ya", "Ya", "Ya"]
    # GET with the same parameters gives the same.
    assert lembar(client.get(XLSX, PAGU)) == sheets


# Query counts -------------------------------------------------------------------------------


def test_query_counts_do_not_grow_with_the_plan(client, pemeran, django_assert_num_queries):
    baris("Satu", kursi={pemeran.opd: 2}, biaya=[("kontribusi", JUTA)], kode_kompetensi=["M.01"])
    pagu(3 * JUTA)
    client.force_login(pemeran.admin)
    jumlah = {}
    # Session, user, roles and own pegawai; the plan, its seats, cost lines and competencies,
    # pegawai with JP, gaps, pagu; the page's layout one more; a run: expired runs deleted and
    # this one kept.
    for nama, kirim, n in (
        ("halaman", lambda: client.get(HALAMAN, {"tahun": TAHUN}), 12),
        ("hasil", lambda: client.post(HALAMAN, PAGU), 14),
        ("xlsx", lambda: client.get(XLSX, PAGU), 11),
    ):
        with django_assert_num_queries(n) as awal:
            assert kirim().status_code == 200
        jumlah[nama] = len(awal.captured_queries)
    for n in range(4):
        baris(
            f"Lain {n}",
            kursi={pemeran.opd: 1, pemeran.opd_lain: 2},
            biaya=[("kontribusi", JUTA), ("konsumsi", JUTA)],
            kode_kompetensi=["M.01", "M.02"],
            sumber="apba" if n % 2 else "apbk",
        )
    pagu(2 * JUTA, sumber="apba")
    with django_assert_num_queries(jumlah["halaman"]):
        client.get(HALAMAN, {"tahun": TAHUN})
    with django_assert_num_queries(jumlah["hasil"]):
        response = client.post(HALAMAN, PAGU)
    assert len(response.context["laporan"].terpilih) >= 1
    with django_assert_num_queries(jumlah["xlsx"]):
        client.get(XLSX, PAGU)
    assert all(b.terpakai <= b.anggaran for b in response.context["laporan"].anggaran)


def test_the_budget_is_never_exceeded_per_source(client, pemeran):
    for n in range(5):
        baris(
            f"Baris {n}",
            kursi={pemeran.opd: 2 + n % 2, pemeran.opd_lain: 1},
            biaya=[("kontribusi", (n + 1) * JUTA), ("honorarium", Decimal(750_000) * n)],
            jp=8 + 8 * (n % 3),
            sumber=("apbk", "apba")[n % 2],
        )
    pagu(Decimal("4500000"))
    pagu(Decimal("2500000"), sumber="apba")
    client.force_login(pemeran.admin)
    laporan = client.post(HALAMAN, PAGU).context["laporan"]
    assert laporan.terpilih
    assert {b.sumber for b in laporan.anggaran} == {"apbk", "apba"}
    for b in laporan.anggaran:
        assert b.terpakai <= b.anggaran
    assert sum(b.biaya for b in laporan.terpilih) == laporan.total.terpakai


# The run just shown, kept for its download ---------------------------------------------------


def unduh(response) -> str:
    return reverse("pelatihan:rencana-optimasi-unduh", args=[response.context["tersimpan"].pk])


def test_the_download_is_the_plan_that_was_shown(client, pemeran, dua, monkeypatch):
    client.force_login(pemeran.admin)
    response = client.post(HALAMAN, PAGU)
    alamat = unduh(response)
    assert alamat in response.content.decode()
    ditampilkan = lembar(client.get(XLSX, PAGU))
    # A later run that would choose otherwise changes nothing in what was shown.
    monkeypatch.setattr(
        "pelatihan.views_optimasi.optimasi_jalankan",
        lambda **kwargs: pytest.fail("the download must not run the optimiser again"),
    )
    dari_tersimpan = lembar(client.get(alamat))
    assert dari_tersimpan == ditampilkan
    assert [r[0] for r in dari_tersimpan["Kegiatan terpilih"][1:]] == ["Pelatihan Dinkes"]
    biaya = dari_tersimpan["Kegiatan terpilih"][1][-1]
    assert biaya == 6_000_000 and isinstance(biaya, int)  # a number, not text


def test_pimpinan_downloads_a_run_of_admin(client, pemeran, dua):
    client.force_login(pemeran.admin)
    alamat = unduh(client.post(HALAMAN, PAGU))
    client.force_login(pemeran.pimpinan)
    assert "Pelatihan Dinkes" in str(lembar(client.get(alamat))["Kegiatan terpilih"])


@pytest.mark.parametrize("peran", ["kepala", "operator", "asn", "kepala_lain", "tanpa_peran"])
def test_other_roles_cannot_download_a_run(client, pemeran, dua, peran):
    client.force_login(pemeran.admin)
    alamat = unduh(client.post(HALAMAN, PAGU))
    client.force_login(getattr(pemeran, peran))
    response = client.get(alamat)
    assert response.status_code == 403
    assert "Pelatihan Dinkes" not in response.content.decode()


def test_anonymous_download_goes_to_login(client, pemeran, dua):
    client.force_login(pemeran.admin)
    alamat = unduh(client.post(HALAMAN, PAGU))
    client.logout()
    assert is_login_redirect(client.get(alamat))


def test_a_run_expires_after_a_day_and_is_then_deleted(client, pemeran, dua):
    client.force_login(pemeran.admin)
    lama = client.post(HALAMAN, PAGU).context["tersimpan"]
    HasilOptimasiAnggaran.objects.filter(pk=lama.pk).update(
        dijalankan_pada=timezone.now() - timedelta(hours=SIMPAN_JAM, minutes=1)
    )
    response = client.get(reverse("pelatihan:rencana-optimasi-unduh", args=[lama.pk]))
    assert response.status_code == 404
    baru = client.post(HALAMAN, PAGU).context["tersimpan"]
    assert list(HasilOptimasiAnggaran.objects.values_list("pk", flat=True)) == [baru.pk]
    tak_dikenal = reverse("pelatihan:rencana-optimasi-unduh", args=[uuid.uuid4()])
    assert client.get(tak_dikenal).status_code == 404


def test_the_download_runs_constant_queries(client, pemeran, dua, django_assert_num_queries):
    client.force_login(pemeran.admin)
    alamat = unduh(client.post(HALAMAN, PAGU))
    # Session, user, roles, own pegawai; the kept run.
    with django_assert_num_queries(5):
        assert client.get(alamat).status_code == 200
    assert client.post(alamat).status_code == 405
