"""Report jobs in the admin: Admin BKPSDM sees every job and why one failed; nobody edits them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from laporan.models import LaporanJob
from pegawai.tests.factories import PenggunaFactory

DAFTAR = reverse("admin:laporan_laporanjob_changelist")


def job(oleh, n=0, **kwargs):
    return LaporanJob.objects.create(
        jenis=LaporanJob.Jenis.JP_PEGAWAI,
        parameter={"tahun": 2025},
        kunci=f"kunci-{oleh.pk}-{n}",
        oleh=oleh,
        nama_berkas=f"jp-pegawai-2025-{n}.xlsx",
        **kwargs,
    )


def test_admin_bkpsdm_sees_every_job_and_the_reason_one_failed(client, pemeran):
    gagal = job(
        pemeran.kepala,
        status=LaporanJob.Status.GAGAL,
        pesan_galat="Basis data tidak dapat dihubungi.",
        selesai_pada=timezone.now(),
    )
    job(pemeran.pimpinan, 1)
    client.force_login(pemeran.admin)
    body = client.get(DAFTAR).content.decode()
    assert "jp-pegawai-2025-0.xlsx" in body and "jp-pegawai-2025-1.xlsx" in body
    assert "Gagal" in body
    halaman = client.get(reverse("admin:laporan_laporanjob_change", args=[gagal.pk]))
    assert halaman.status_code == 200
    assert "Basis data tidak dapat dihubungi." in halaman.content.decode()


def test_jobs_are_read_only_in_the_admin(client, pemeran):
    j = job(pemeran.kepala)
    client.force_login(pemeran.admin)
    assert client.get(reverse("admin:laporan_laporanjob_add")).status_code == 403
    assert client.get(reverse("admin:laporan_laporanjob_delete", args=[j.pk])).status_code == 403
    response = client.post(
        reverse("admin:laporan_laporanjob_change", args=[j.pk]), {"status": "siap"}
    )
    assert response.status_code == 403
    j.refresh_from_db()
    assert j.status == LaporanJob.Status.MENUNGGU


def test_only_admin_bkpsdm_sees_the_jobs(client, pemeran):
    job(pemeran.kepala)
    staf = PenggunaFactory(username="staf.biasa", is_staff=True)
    for user in (staf, pemeran.kepala, pemeran.kepala_lain, pemeran.pimpinan, pemeran.asn):
        client.force_login(user)
        response = client.get(DAFTAR)
        assert response.status_code in (302, 403), user
        assert "cl" not in (response.context or {})


def test_anonymous_is_sent_to_the_admin_login(client, db):
    response = client.get(DAFTAR)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("jumlah_job", [1, 8])
def test_the_list_runs_constant_queries(client, pemeran, django_assert_num_queries, jumlah_job):
    pengguna = [pemeran.kepala, pemeran.pimpinan, pemeran.asn, pemeran.kepala_lain]
    for n in range(jumlah_job):
        job(pengguna[n % len(pengguna)], n)
    client.force_login(pemeran.admin)
    with django_assert_num_queries(11):
        assert client.get(DAFTAR).status_code == 200
