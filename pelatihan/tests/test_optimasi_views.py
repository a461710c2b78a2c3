"""/pelatihan/rencana/optimasi/, its runs and their XLSX: who may run and see them, the form, a run
queued for a worker and its progress, the known best choice shown with its reasons, the budget
never exceeded, and query counts that do not grow. The worker is this process here: the task's
``delay`` computes the run when the request's transaction commits
(``pelatihan/tests/test_optimasi_jalan.py`` has the task itself and a real worker)."""

import io
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from pelatihan import tasks
from pelatihan.models import HasilOptimasiAnggaran
from pelatihan.optimasi_jalan import SIMPAN_JAM, optimasi_run
from pelatihan.tests.test_akpk_services import TAHUN
from pelatihan.tests.test_akpk_views import RENCANA, is_login_redirect
from pelatihan.tests.test_optimasi_rencana import JUTA, baris, pagu

HALAMAN = reverse("pelatihan:rencana-optimasi")
PAGU = {"tahun": TAHUN, "dasar": "pagu"}
Status = HasilOptimasiAnggaran.Status


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


@pytest.fixture
def antrean(monkeypatch):
    """The queue: the ids of the runs sent to it, in order (nothing is computed)."""
    terkirim = []
    monkeypatch.setattr(tasks.optimasi_run_task, "delay", terkirim.append)
    return terkirim


@pytest.fixture
def jalankan(client, monkeypatch, django_capture_on_commit_callbacks):
    """POST the form as the logged-in user with a worker at hand; the run's page after it."""
    monkeypatch.setattr(tasks.optimasi_run_task, "delay", optimasi_run)

    def kirim(data):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(HALAMAN, data)
        assert response.status_code == 302, response.content.decode()[:500]
        halaman = client.get(response["Location"])
        assert halaman.status_code == 200
        return halaman

    return kirim


def hasil_url(run) -> str:
    return reverse("pelatihan:rencana-optimasi-hasil", args=[run.pk])


def kemajuan_url(run) -> str:
    return reverse("pelatihan:rencana-optimasi-kemajuan", args=[run.pk])


def unduh_url(run) -> str:
    return reverse("pelatihan:rencana-optimasi-unduh", args=[run.pk])


def lembar(response) -> dict[str, list[list]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def lembar_run(response) -> dict[str, list[list]]:
    """The sheets of the run a page shows, as kept."""
    run = response.context["run"]
    run.refresh_from_db()
    return {judul: [header, *isi] for judul, header, isi in run.lembar}


def teks(response) -> str:
    return " ".join(response.content.decode().split())


# Access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("peran", ["admin", "pimpinan"])
def test_admin_and_pimpinan_run_it(client, pemeran, dua, jalankan, peran):
    client.force_login(getattr(pemeran, peran))
    response = client.get(HALAMAN, {"tahun": TAHUN})
    assert response.status_code == 200
    assert response.context["run"] is None
    assert "Rp 6.000.000" in response.content.decode()  # the pagu
    halaman = jalankan(PAGU)
    run = halaman.context["run"]
    assert run.status == Status.SELESAI and run.dijalankan_oleh == getattr(pemeran, peran)
    assert "Pelatihan Dinkes" in halaman.content.decode()
    assert client.get(unduh_url(run)).status_code == 200


def test_the_form_says_it_is_sending_once_sent(client, pemeran, dua):
    client.force_login(pemeran.admin)
    html = client.get(HALAMAN, {"tahun": TAHUN}).content.decode()
    assert 'data-sibuk="Mengirim… mohon tunggu sebentar"' in html
    assert "/static/js/sibuk.js" in html


def run_admin(pemeran, **kwargs) -> HasilOptimasiAnggaran:
    return HasilOptimasiAnggaran.objects.create(
        tahun=TAHUN, dijalankan_oleh=pemeran.admin, **kwargs
    )


@pytest.mark.parametrize("peran", ["kepala", "operator", "asn", "kepala_lain", "tanpa_peran"])
def test_other_roles_get_the_no_access_page(client, pemeran, dua, antrean, peran):
    run = run_admin(pemeran)
    optimasi_run(run.pk)
    client.force_login(getattr(pemeran, peran))
    for response in (
        client.get(HALAMAN, {"tahun": TAHUN}),
        client.post(HALAMAN, PAGU),
        client.get(hasil_url(run)),
        client.get(kemajuan_url(run)),
        client.get(unduh_url(run)),
    ):
        assert response.status_code == 403
        assert "Pelatihan Dinkes" not in response.content.decode()
    assert antrean == [] and HasilOptimasiAnggaran.objects.count() == 1


def test_anonymous_goes_to_login(client, pemeran, dua):
    run = run_admin(pemeran)
    assert is_login_redirect(client.get(HALAMAN, PAGU))
    assert is_login_redirect(client.post(HALAMAN, PAGU))
    for url in (hasil_url(run), kemajuan_url(run), unduh_url(run)):
        assert is_login_redirect(client.get(url))


def test_wrong_methods(client, pemeran):
    client.force_login(pemeran.admin)
    run = run_admin(pemeran)
    assert client.put(HALAMAN).status_code == 405
    assert client.delete(HALAMAN).status_code == 405
    for url in (hasil_url(run), kemajuan_url(run), unduh_url(run)):
        assert client.post(url).status_code == 405


def test_the_plan_page_links_to_it_for_admin_and_pimpinan_only(client, pemeran):
    link = f"{HALAMAN}?tahun={TAHUN}"
    for peran, ada in (("admin", True), ("pimpinan", True), ("kepala", False)):
        client.force_login(getattr(pemeran, peran))
        assert (link in client.get(RENCANA, {"tahun": TAHUN}).content.decode()) == ada


# A run in the queue -------------------------------------------------------------------------


def test_sending_the_form_queues_a_run_after_commit_and_shows_its_page(
    client, pemeran, dua, antrean, django_capture_on_commit_callbacks
):
    client.force_login(pemeran.admin)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(HALAMAN, {"tahun": TAHUN, "dasar": "total", "total": "5.000.000"})
        # Nothing is sent before the run is saved for good.
        assert antrean == []
    assert len(callbacks) == 1
    run = HasilOptimasiAnggaran.objects.get()
    assert antrean == [str(run.pk)]
    assert response.status_code == 302 and response["Location"] == hasil_url(run)
    assert (run.status, run.anggaran_total, run.tahun) == (Status.ANTRI, 5 * JUTA, TAHUN)

    halaman = client.get(hasil_url(run))
    body = teks(halaman)
    assert "Menunggu giliran di antrean tugas…" in body
    assert f'hx-get="{kemajuan_url(run)}" hx-trigger="every 1s"' in body
    assert "vendor/htmx-2.0.11/htmx.min.js" in body
    assert '<meta http-equiv="refresh" content="3">' in body  # without JavaScript
    # The form shows what was sent.
    assert halaman.context["form"].initial == {"tahun": TAHUN, "dasar": "total", "total": 5 * JUTA}
    assert "Unduh hasil ini" not in body


def test_progress_while_it_runs_then_a_reload_once_done(client, pemeran, dua):
    client.force_login(pemeran.admin)
    run = run_admin(
        pemeran, status=Status.BERJALAN, mulai_pada=timezone.now() - timedelta(seconds=4)
    )
    response = client.get(kemajuan_url(run))
    assert response.status_code == 200
    body = teks(response)
    assert "Sedang dihitung: 4 dari paling lama 10 detik." in body
    assert 'value="40"' in body and 'hx-trigger="every 1s"' in body
    assert "<html" not in body  # the fragment only

    # Past the limit the bar waits at 95 %: it only fills with the result.
    run.mulai_pada = timezone.now() - timedelta(seconds=30)
    run.save()
    assert 'value="95"' in teks(client.get(kemajuan_url(run)))

    # A run "berjalan" for longer than any run takes was left by a dead worker: its task,
    # delivered again, claims it and computes it.
    run.mulai_pada = timezone.now() - timedelta(minutes=3)
    run.save()
    assert optimasi_run(run.pk)
    selesai = client.get(kemajuan_url(run))
    assert selesai.status_code == 200
    assert selesai["HX-Refresh"] == "true"


def test_a_failed_run_says_so(client, pemeran, dua):
    client.force_login(pemeran.admin)
    run = run_admin(pemeran, status=Status.GAGAL, pesan="Optimasi gagal karena kesalahan sistem.")
    body = teks(client.get(hasil_url(run)))
    assert (
        '<div class="alert alert-danger" role="alert">Optimasi gagal karena kesalahan sistem.'
        in body
    )
    assert "hx-get" not in body
    assert client.get(kemajuan_url(run))["HX-Refresh"] == "true"
    assert client.get(unduh_url(run))["Location"] == hasil_url(run)


# The result ---------------------------------------------------------------------------------


def test_the_known_best_line_is_funded_with_reasons(client, pemeran, dua, jalankan):
    client.force_login(pemeran.admin)
    response = jalankan(PAGU)
    sheets = lembar_run(response)
    assert [r[0] for r in sheets["Kegiatan terpilih"][1:]] == ["Pelatihan Dinkes"]
    assert [r[0] for r in sheets["Tidak terpilih"][1:]] == ["Pelatihan Disdikbud"]
    body = teks(response)
    assert "4 dari 6 ASN" in body
    assert "Optimal" in body
    # The line left out and the ASN not reached, each with its reason.
    alasan = sheets["Tidak terpilih"][1][5]
    assert "sisa anggaran APBK (APBD Kota) Rp " in alasan and alasan in body
    belum = [r for r in sheets["ASN"][1:] if r[7] == "Tidak"]
    assert len(belum) == 2
    for r in belum:
        assert r[1] in body and r[9] in body
        assert r[2] == pemeran.opd_lain.kode
    assert "DINKES 4/4" in body
    assert "Rp 6.000.000" in body


def test_it_says_how_certain_the_gap_weights_and_the_cost_are(
    client, pemeran, dua, jalankan, monkeypatch
):
    client.force_login(pemeran.admin)
    body = teks(jalankan(PAGU))
    # A small plan: every step proven.
    assert "terbesar yang mungkin dengan jumlah ASN itu" in body
    assert "Biayanya yang termurah di antara rencana seperti itu." in body

    # A city's plan, where only HiGHS's bound is known for the gap weights.
    import dataclasses

    from pelatihan import optimasi_jalan

    asli = optimasi_jalan.optimasi_jalankan
    bobot = []

    def belum_terbukti(**kwargs):
        hasil = asli(**kwargs)
        bobot.append(hasil.bobot_kesenjangan)
        return dataclasses.replace(
            hasil,
            prioritas_terbukti=False,
            batas_bobot_kesenjangan=hasil.bobot_kesenjangan + 1234,
            biaya_minimal=False,
        )

    monkeypatch.setattr(optimasi_jalan, "optimasi_jalankan", belum_terbukti)
    body = teks(jalankan(PAGU))
    batas = f"{bobot[0] + 1234:,}".replace(",", ".")
    assert f"tidak ada rencana dengan jumlah ASN itu yang bobotnya di atas {batas}." in body
    assert "Belum terbukti termurah di antara rencana seperti itu." in body


def test_one_total_entered_in_rupiah(client, pemeran, dua, jalankan):
    client.force_login(pemeran.admin)
    response = jalankan({"tahun": TAHUN, "dasar": "total", "total": "Rp 5.000.000"})
    # 5 jt: Dinkes costs 2 jt + 1 jt per seat, so 3 seats of it (3 ASN) beat Disdikbud's 2.
    asn = lembar_run(response)["ASN"][1:]
    assert sum(r[7] == "Ya" for r in asn) == 3
    body = teks(response)
    assert "3 dari 6 ASN" in body and "Semua sumber dana" in body
    response = jalankan({"tahun": TAHUN, "dasar": "total", "total": "4000000"})
    # 4 jt: two seats of either line; a tie in ASN and cost.
    sheets = lembar_run(response)
    assert len(sheets["Kegiatan terpilih"][1:]) == 1
    assert sum(r[7] == "Ya" for r in sheets["ASN"][1:]) == 2
    assert sheets["Kegiatan terpilih"][1][7] <= 4 * JUTA


def test_a_budget_too_small_for_anything(client, pemeran, dua, jalankan):
    client.force_login(pemeran.admin)
    response = jalankan({"tahun": TAHUN, "dasar": "total", "total": "1.000"})
    sheets = lembar_run(response)
    assert sheets["Kegiatan terpilih"][1:] == []
    assert len(sheets["Tidak terpilih"][1:]) == 2
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
def test_a_bad_form_is_shown_again(client, pemeran, dua, antrean, data):
    client.force_login(pemeran.admin)
    response = client.post(HALAMAN, data)
    assert response.status_code == 400
    assert response.context["run"] is None
    assert response.context["form"].errors
    assert antrean == [] and not HasilOptimasiAnggaran.objects.exists()


def test_the_xlsx_has_the_documented_sheets(client, pemeran, dua, jalankan):
    _dinkes, disdik = dua
    disdik.nama = "=HYPERLINK(1)"
    disdik.save()
    client.force_login(pemeran.admin)
    run = jalankan(PAGU).context["run"]
    response = client.get(unduh_url(run))
    assert f"optimasi-anggaran-{TAHUN}.xlsx" in response["Content-Disposition"]
    sheets = lembar(response)
    assert list(sheets) == ["Kegiatan terpilih", "Tidak terpilih", "ASN"]
    terpilih = sheets["Kegiatan terpilih"]
    assert terpilih[0][:3] == ["Kegiatan", "JP", "Sumber dana"]
    assert terpilih[1][0] == "Pelatihan Dinkes"
    assert terpilih[1][5:8] == [4, 4, 6_000_000]
    biaya = terpilih[1][7]
    assert isinstance(biaya, int)  # a number, not text
    tidak = sheets["Tidak terpilih"]
    assert tidak[1][0] == "'=HYPERLINK(1)"  # not a formula
    assert tidak[1][5]  # the reason
    asn = sheets["ASN"]
    assert len(asn) == 1 + 6
    assert sorted(r[7] for r in asn[1:]) == ["Tidak", "Tidak", "Ya", "Ya", "Ya", "Ya"]


def test_the_budget_is_never_exceeded_per_source(client, pemeran, jalankan):
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
    terpilih = lembar_run(jalankan(PAGU))["Kegiatan terpilih"][1:]
    assert terpilih
    per_sumber = {}
    for r in terpilih:
        per_sumber[r[2]] = per_sumber.get(r[2], 0) + (r[7] or 0)
    assert set(per_sumber) <= {"APBK (APBD Kota)", "APBA (APBD Aceh)"}
    assert per_sumber.get("APBK (APBD Kota)", 0) <= Decimal("4500000")
    assert per_sumber.get("APBA (APBD Aceh)", 0) <= Decimal("2500000")


# Query counts -------------------------------------------------------------------------------


def test_query_counts_do_not_grow_with_the_plan(
    client, pemeran, antrean, django_assert_num_queries
):
    baris("Satu", kursi={pemeran.opd: 2}, biaya=[("kontribusi", JUTA)], kode_kompetensi=["M.01"])
    pagu(3 * JUTA)
    client.force_login(pemeran.admin)
    selesai = run_admin(pemeran)
    optimasi_run(selesai.pk)
    berjalan = run_admin(pemeran, status=Status.BERJALAN, mulai_pada=timezone.now())
    jumlah, sql = {}, {}
    # Session, user, roles and own pegawai; the plan, its seats, cost lines and competencies,
    # pegawai with JP, gaps, pagu (the page's header); the page's layout one more; the year's
    # recent runs with who asked; a POST: expired runs deleted and this one saved; a run's
    # page: the run.
    for nama, kirim, n, status in (
        ("halaman", lambda: client.get(HALAMAN, {"tahun": TAHUN}), 13, 200),
        ("kirim", lambda: client.post(HALAMAN, PAGU), 6, 302),
        ("hasil", lambda: client.get(hasil_url(selesai)), 14, 200),
        ("menunggu", lambda: client.get(hasil_url(berjalan)), 14, 200),
        ("kemajuan", lambda: client.get(kemajuan_url(berjalan)), 5, 200),
        ("unduh", lambda: client.get(unduh_url(selesai)), 5, 200),
    ):
        with django_assert_num_queries(n) as awal:
            assert kirim().status_code == status
        jumlah[nama] = len(awal.captured_queries)
        sql[nama] = " ".join(q["sql"] for q in awal.captured_queries)
    # The sheets (every ASN below target) are read for the download only, the result page
    # for the run's page only: not every second while waiting.
    assert '"lembar"' in sql["unduh"] and '"hasil_html"' not in sql["unduh"]
    assert '"hasil_html"' in sql["hasil"] and '"lembar"' not in sql["hasil"]
    assert '"lembar"' not in sql["kemajuan"] and '"hasil_html"' not in sql["kemajuan"]
    for n in range(4):
        baris(
            f"Lain {n}",
            kursi={pemeran.opd: 1, pemeran.opd_lain: 2},
            biaya=[("kontribusi", JUTA), ("konsumsi", JUTA)],
            kode_kompetensi=["M.01", "M.02"],
            sumber="apba" if n % 2 else "apbk",
        )
    pagu(2 * JUTA, sumber="apba")
    besar = run_admin(pemeran)
    optimasi_run(besar.pk)
    with django_assert_num_queries(jumlah["halaman"]):
        client.get(HALAMAN, {"tahun": TAHUN})
    with django_assert_num_queries(jumlah["kirim"]):
        client.post(HALAMAN, PAGU)
    with django_assert_num_queries(jumlah["hasil"]):
        response = client.get(hasil_url(besar))
    assert len(lembar_run(response)["Kegiatan terpilih"]) > 2
    with django_assert_num_queries(jumlah["unduh"]):
        client.get(unduh_url(besar))


# A run kept for a day -----------------------------------------------------------------------


def test_the_page_lists_the_years_runs_of_the_last_day(client, pemeran, dua):
    lama = run_admin(pemeran, status=Status.GAGAL, pesan="x")
    HasilOptimasiAnggaran.objects.filter(pk=lama.pk).update(
        dijalankan_pada=timezone.now() - timedelta(hours=SIMPAN_JAM, minutes=1)
    )
    tahun_lain = HasilOptimasiAnggaran.objects.create(tahun=TAHUN + 1)
    pertama = run_admin(pemeran, anggaran_total=5 * JUTA)
    kedua = HasilOptimasiAnggaran.objects.create(tahun=TAHUN, dijalankan_oleh=pemeran.pimpinan)
    client.force_login(pemeran.admin)
    response = client.get(HALAMAN, {"tahun": TAHUN})
    assert response.context["terbaru"] == [kedua, pertama]
    body = teks(response)
    for run in (kedua, pertama):
        assert f'href="{hasil_url(run)}"' in body
    for run in (lama, tahun_lain):
        assert hasil_url(run) not in body
    assert "Satu total Rp 5.000.000" in body and "Pagu per sumber dana" in body
    # On a run's page, that run is marked.
    body = teks(client.get(hasil_url(pertama)))
    tanda = '<tr class="table-active" aria-current="true"> <td class="text-nowrap"><a href='
    assert f'{tanda}"{hasil_url(pertama)}"' in body and body.count(tanda) == 1

    HasilOptimasiAnggaran.objects.all().delete()
    assert "Belum ada optimasi untuk rencana tahun ini." in teks(
        client.get(HALAMAN, {"tahun": TAHUN})
    )


def test_the_download_is_the_plan_that_was_shown(client, pemeran, dua, jalankan, monkeypatch):
    client.force_login(pemeran.admin)
    response = jalankan(PAGU)
    run = response.context["run"]
    assert unduh_url(run) in response.content.decode()
    # Seeing it again or downloading it does not run the optimiser again.
    monkeypatch.setattr(
        "pelatihan.optimasi_jalan.optimasi_jalankan",
        lambda **kwargs: pytest.fail("a kept run must not be computed again"),
    )
    run.refresh_from_db()
    assert run.hasil_html and run.hasil_html in client.get(hasil_url(run)).content.decode()
    dari_tersimpan = lembar(client.get(unduh_url(run)))
    # As kept (a spreadsheet has no empty text: an empty cell reads as None).
    disimpan = {
        judul: [[None if v == "" else v for v in baris] for baris in isi]
        for judul, isi in lembar_run(response).items()
    }
    assert dari_tersimpan == disimpan
    assert [r[0] for r in dari_tersimpan["Kegiatan terpilih"][1:]] == ["Pelatihan Dinkes"]


def test_pimpinan_sees_and_downloads_a_run_of_admin(client, pemeran, dua, jalankan):
    client.force_login(pemeran.admin)
    run = jalankan(PAGU).context["run"]
    client.force_login(pemeran.pimpinan)
    assert "Pelatihan Dinkes" in client.get(hasil_url(run)).content.decode()
    assert "Pelatihan Dinkes" in str(lembar(client.get(unduh_url(run)))["Kegiatan terpilih"])


def test_an_unfinished_run_has_no_download(client, pemeran, dua):
    client.force_login(pemeran.admin)
    for status in (Status.ANTRI, Status.BERJALAN, Status.GAGAL):
        run = run_admin(pemeran, status=status)
        response = client.get(unduh_url(run), follow=True)
        assert response.redirect_chain == [(hasil_url(run), 302)]
        assert "belum ada; unduh setelah perhitungannya selesai" in response.content.decode()


def test_a_run_expires_after_a_day_and_is_then_deleted(client, pemeran, dua, jalankan):
    client.force_login(pemeran.admin)
    lama = jalankan(PAGU).context["run"]
    HasilOptimasiAnggaran.objects.filter(pk=lama.pk).update(
        dijalankan_pada=timezone.now() - timedelta(hours=SIMPAN_JAM, minutes=1)
    )
    for url in (hasil_url(lama), kemajuan_url(lama), unduh_url(lama)):
        response = client.get(url)
        assert response.status_code == 404
    for url in (hasil_url(lama), unduh_url(lama)):
        body = teks(client.get(url))
        assert "Hasil optimasi ini sudah kedaluwarsa (hasil disimpan 24 jam)" in body
        assert "Jalankan optimasi" in body  # the form, to run it again
    baru = jalankan(PAGU).context["run"]
    assert list(HasilOptimasiAnggaran.objects.values_list("pk", flat=True)) == [baru.pk]
    tak_dikenal = reverse("pelatihan:rencana-optimasi-hasil", args=[uuid.uuid4()])
    assert client.get(tak_dikenal).status_code == 404
