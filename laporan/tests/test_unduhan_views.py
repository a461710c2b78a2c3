"""/laporan/unduhan/: the user's report jobs, asking for one, its progress row and its file."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from laporan import jobs
from laporan.models import LaporanJob

Status = LaporanJob.Status
Jenis = LaporanJob.Jenis
DAFTAR = reverse("laporan:unduhan")
BUAT = reverse("laporan:unduhan-buat")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def minta(user, laporan=Jenis.ANGGARAN_PDF, **parameter):
    parameter = parameter or (
        {"tahun": 2025, "jenis": ""} if laporan == Jenis.JP_PEGAWAI else {"tahun": 2025}
    )
    return jobs.laporan_job_request(jenis=laporan, parameter=parameter, oleh=user)


def siap(user, laporan=Jenis.ANGGARAN_PDF, **parameter):
    job = minta(user, laporan, **parameter)
    jobs.laporan_job_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def status_url(job):
    return reverse("laporan:unduhan-status", args=[job.pk])


def berkas_url(job):
    return reverse("laporan:unduhan-berkas", args=[job.pk])


# --- asking (POST /laporan/unduhan/buat/) ------------------------------------------------------


@pytest.mark.parametrize("peminta", ["admin", "pimpinan"])
def test_asking_for_the_jp_of_every_pegawai(client, pemeran, peminta):
    user = getattr(pemeran, peminta)
    client.force_login(user)
    data = {"jenis": "jp_pegawai", "tahun": "2024", "jenis_pegawai": "PPPK"}
    response = client.post(BUAT, data)
    job = LaporanJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{DAFTAR}#unduhan-{job.pk}"
    assert (job.oleh, job.jenis, job.parameter) == (
        user,
        "jp_pegawai",
        {"tahun": 2024, "jenis": "PPPK"},
    )
    assert job.nama_berkas == "kepatuhan-jp-pegawai-2024-pppk.xlsx"
    halaman = client.get(response["Location"]).content.decode()
    assert "Laporan sedang disiapkan" in halaman
    # The same click again: the same job, no second build.
    assert client.post(BUAT, data).status_code == 302
    assert LaporanJob.objects.count() == 1


def test_asking_again_once_ready_says_it_is_ready(client, pemeran):
    job = siap(pemeran.admin, Jenis.ANGGARAN_XLSX)
    client.force_login(pemeran.admin)
    response = client.post(BUAT, {"jenis": "anggaran_xlsx", "tahun": "2025"}, follow=True)
    assert LaporanJob.objects.get().pk == job.pk
    assert "Laporan yang sama sudah siap hari ini" in response.content.decode()


@pytest.mark.parametrize("jenis", ["anggaran_xlsx", "anggaran_pdf"])
def test_asking_for_a_budget_report(client, pemeran, jenis):
    client.force_login(pemeran.pimpinan)
    assert client.post(BUAT, {"jenis": jenis, "tahun": "2024"}).status_code == 302
    job = LaporanJob.objects.get()
    assert (job.jenis, job.parameter) == (jenis, {"tahun": 2024})


def test_the_year_defaults_to_this_year(client, pemeran):
    client.force_login(pemeran.admin)
    client.post(BUAT, {"jenis": "anggaran_pdf"})
    assert LaporanJob.objects.get().parameter == {"tahun": timezone.localdate().year}


@pytest.mark.parametrize("peran", ["kepala", "operator", "asn", "tanpa_peran"])
def test_others_are_refused_as_by_the_synchronous_pages(client, pemeran, peran):
    client.force_login(getattr(pemeran, peran))
    assert client.post(BUAT, {"jenis": "jp_pegawai", "tahun": "2025"}).status_code == 403
    assert client.post(BUAT, {"jenis": "anggaran_xlsx", "tahun": "2025"}).status_code == 404
    assert client.post(BUAT, {"jenis": "anggaran_pdf", "tahun": "2025"}).status_code == 404
    assert not LaporanJob.objects.exists()


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({"jenis": "jp_pegawai", "tahun": "2O25"}, "Tahun harus berupa angka"),
        ({"jenis": "anggaran_pdf", "tahun": "1900"}, "Tahun harus antara 1950"),
        ({"jenis": "jp_pegawai", "tahun": "2025", "jenis_pegawai": "Honorer"}, "Honorer"),
        ({"jenis": "semua_data", "tahun": "2025"}, "Jenis laporan tidak dikenal."),
        ({"tahun": "2025"}, "Pilih jenis laporan."),
    ],
)
def test_bad_requests_get_a_clear_400(client, pemeran, data, pesan):
    client.force_login(pemeran.admin)
    response = client.post(BUAT, data)
    assert response.status_code == 400
    assert pesan in response.content.decode()
    assert not LaporanJob.objects.exists()


def test_asking_needs_post_and_a_login(client, pemeran):
    data = {"jenis": "anggaran_pdf", "tahun": "2025"}
    response = client.post(BUAT, data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(pemeran.admin)
    assert client.get(BUAT, data).status_code == 405
    assert not LaporanJob.objects.exists()


# --- the list and its progress rows --------------------------------------------------------------


def test_the_list_shows_own_jobs_with_their_state(client, pemeran, settings):
    admin = pemeran.admin
    berjalan = minta(admin, Jenis.JP_PEGAWAI, tahun=2025, jenis="PNS")
    LaporanJob.objects.filter(pk=berjalan.pk).update(status=Status.BERJALAN, persen=42)
    selesai = siap(admin, Jenis.ANGGARAN_PDF)
    gagal = minta(admin, Jenis.ANGGARAN_XLSX)
    LaporanJob.objects.filter(pk=gagal.pk).update(
        status=Status.GAGAL, pesan_galat="Laporan gagal disiapkan karena galat tak terduga."
    )
    lama = siap(admin, Jenis.ANGGARAN_XLSX, tahun=2024)
    LaporanJob.objects.filter(pk=lama.pk).update(selesai_pada=timezone.now() - timedelta(days=2))
    jobs.laporan_job_expire()
    milik_lain = siap(pemeran.pimpinan, Jenis.ANGGARAN_PDF, tahun=2024)

    client.force_login(admin)
    response = client.get(DAFTAR)
    html = response.content.decode()
    assert response.status_code == 200
    assert [j.pk for j in response.context["page"]] == [lama.pk, gagal.pk, selesai.pk, berjalan.pk]
    assert milik_lain.nama_berkas not in html and berkas_url(milik_lain) not in html
    # Running: a progress bar that htmx refreshes every 2 seconds.
    assert f'hx-get="{status_url(berjalan)}" hx-trigger="every 2s"' in html
    assert 'value="42"' in html and "Tahun 2025, PNS" in html
    assert "vendor/htmx-2.0.11/htmx.min.js" in html
    assert '"includeIndicatorStyles": false' in html  # no inline style under the CSP
    # Ready: the link; failed: the message; expired: said so, no link.
    assert berkas_url(selesai) in html and "anggaran-2025.pdf" in html
    assert "Laporan gagal disiapkan karena galat tak terduga." in html
    assert "Kedaluwarsa" in html and berkas_url(lama) not in html
    assert f'hx-get="{status_url(selesai)}"' not in html
    assert "<script>" not in html  # no inline script


def test_without_running_jobs_no_polling(client, pemeran):
    siap(pemeran.admin)
    client.force_login(pemeran.admin)
    html = client.get(DAFTAR).content.decode()
    assert "hx-get" not in html and "htmx.min.js" not in html


def test_an_empty_list_for_a_user_without_jobs(client, pemeran):
    siap(pemeran.admin)
    client.force_login(pemeran.asn)
    response = client.get(DAFTAR)
    assert response.status_code == 200
    assert "Belum ada laporan yang Anda minta" in response.content.decode()


def test_the_list_needs_get_and_a_login(client, pemeran):
    response = client.get(DAFTAR)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(pemeran.admin)
    assert client.post(DAFTAR).status_code == 405


def test_the_list_query_count_does_not_grow_with_jobs(client, pemeran, django_assert_num_queries):
    client.force_login(pemeran.admin)
    minta(pemeran.admin, Jenis.ANGGARAN_PDF, tahun=2020)
    with django_assert_num_queries(7):
        assert len(client.get(DAFTAR).context["page"]) == 1
    for tahun in (2021, 2022):
        siap(pemeran.admin, Jenis.ANGGARAN_PDF, tahun=tahun)
    for tahun in (2023, 2024):
        minta(pemeran.admin, Jenis.JP_PEGAWAI, tahun=tahun, jenis="")
    with django_assert_num_queries(7):
        assert len(client.get(DAFTAR).context["page"]) == 5


def test_the_progress_row(client, pemeran, django_assert_num_queries):
    job = minta(pemeran.admin)
    LaporanJob.objects.filter(pk=job.pk).update(status=Status.BERJALAN, persen=63)
    client.force_login(pemeran.admin)
    with django_assert_num_queries(3):
        response = client.get(status_url(job))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="unduhan-{job.pk}" hx-get="{status_url(job)}"')
    assert 'value="63"' in html and "<html" not in html
    # Once ready the row carries the link and stops asking.
    jobs.laporan_job_run(job_id=job.pk)
    with django_assert_num_queries(3):
        html = client.get(status_url(job)).content.decode()
    assert "hx-get" not in html and berkas_url(job) in html


def test_the_progress_row_is_the_owners_alone(client, pemeran):
    job = minta(pemeran.admin)
    for lain in (pemeran.pimpinan, pemeran.kepala, pemeran.asn):
        client.force_login(lain)
        assert client.get(status_url(job)).status_code == 404
    client.force_login(pemeran.admin)
    assert client.post(status_url(job)).status_code == 405
    assert client.get(reverse("laporan:unduhan-status", args=[job.pk + 99])).status_code == 404
    client.logout()
    assert client.get(status_url(job)).status_code == 302


# --- the file -----------------------------------------------------------------------------------


def test_the_owner_downloads_the_same_bytes_each_time(client, pemeran):
    job = siap(pemeran.admin, Jenis.ANGGARAN_XLSX)
    client.force_login(pemeran.admin)
    pertama = client.get(berkas_url(job))
    assert pertama.status_code == 200
    assert pertama["Content-Type"] == jobs.XLSX
    assert 'attachment; filename="anggaran-2025.xlsx"' in pertama["Content-Disposition"]
    assert pertama["Cache-Control"] == "private, no-store"
    isi = b"".join(pertama.streaming_content)
    assert isi.startswith(b"PK")
    assert b"".join(client.get(berkas_url(job)).streaming_content) == isi


@pytest.mark.parametrize("lain", ["pimpinan", "kepala", "operator", "asn", "tanpa_peran"])
def test_nobody_else_gets_the_file(client, pemeran, lain):
    job = siap(pemeran.admin)
    client.force_login(getattr(pemeran, lain))
    assert client.get(berkas_url(job)).status_code == 404


def test_an_owner_who_lost_the_role_gets_no_file(client, pemeran):
    from pegawai.models import PenugasanPeran, Peran

    job = siap(pemeran.pimpinan)
    PenugasanPeran.objects.filter(user=pemeran.pimpinan, peran=Peran.PIMPINAN).delete()
    client.force_login(pemeran.pimpinan)
    assert client.get(berkas_url(job)).status_code == 404


def test_a_file_not_yet_ready_sends_back_to_the_list(client, pemeran):
    job = minta(pemeran.admin)
    client.force_login(pemeran.admin)
    response = client.get(berkas_url(job), follow=True)
    assert response.redirect_chain == [(f"{DAFTAR}#unduhan-{job.pk}", 302)]
    assert "Berkas laporan ini belum siap." in response.content.decode()


def test_an_expired_file_says_so(client, pemeran):
    job = siap(pemeran.admin)
    LaporanJob.objects.filter(pk=job.pk).update(selesai_pada=timezone.now() - timedelta(hours=25))
    client.force_login(pemeran.admin)
    # Past its time, before the hourly expiry ran...
    response = client.get(berkas_url(job))
    assert response.status_code == 410
    assert "Berkas laporan sudah kedaluwarsa" in response.content.decode()
    # ...and after it deleted the file.
    jobs.laporan_job_expire()
    response = client.get(berkas_url(job))
    assert response.status_code == 410
    assert "disimpan 24 jam" in response.content.decode()


def test_a_file_missing_from_storage_is_not_a_500(client, pemeran):
    from django.core.files.storage import default_storage

    job = siap(pemeran.admin)
    default_storage.delete(job.berkas.name)
    client.force_login(pemeran.admin)
    assert client.get(berkas_url(job)).status_code == 410


def test_the_file_needs_get_and_a_login(client, pemeran):
    job = siap(pemeran.admin)
    response = client.get(berkas_url(job))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(pemeran.admin)
    assert client.post(berkas_url(job)).status_code == 405


def test_the_file_query_count(client, pemeran, django_assert_num_queries):
    job = siap(pemeran.admin)
    client.force_login(pemeran.admin)
    with django_assert_num_queries(5):
        assert client.get(berkas_url(job)).status_code == 200


# --- the buttons on the synchronous pages ------------------------------------------------------


def test_the_jp_page_offers_the_background_export(client, pemeran):
    client.force_login(pemeran.admin)
    html = client.get(reverse("laporan:jp"), {"tahun": 2024, "jenis": "CPNS"}).content.decode()
    assert f'action="{BUAT}" id="form-unduhan-latar"' in html
    assert 'name="jenis" value="jp_pegawai"' in html
    assert 'name="tahun" value="2024"' in html and 'name="jenis_pegawai" value="CPNS"' in html
    assert 'form="form-unduhan-latar"' in html and "Siapkan di latar belakang" in html
    client.force_login(pemeran.kepala)
    assert "Siapkan di latar belakang" not in client.get(reverse("laporan:jp")).content.decode()


def test_the_budget_page_offers_both_formats(client, pemeran):
    client.force_login(pemeran.pimpinan)
    html = client.get(reverse("laporan:anggaran"), {"tahun": 2024}).content.decode()
    assert f'action="{BUAT}" id="form-unduhan-latar"' in html
    assert 'name="jenis" value="anggaran_xlsx"' in html
    assert 'name="jenis" value="anggaran_pdf"' in html
    assert 'name="tahun" value="2024"' in html
