"""Impor riwayat pengembangan (JP) di admin: unggah → pratinjau → konfirmasi lewat halaman impor
bersama, dengan tugas dan pengimpor milik pelatihan."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from pegawai.models import ImporBerkas
from pegawai.tests.factories import PenggunaFactory
from pelatihan.admin import IMPOR_RIWAYAT
from pelatihan.impor import KOLOM_OPSIONAL, KOLOM_WAJIB
from pelatihan.models import RiwayatPengembangan
from pelatihan.tasks import (
    KOLOM_RIWAYAT,
    impor_riwayat_check_task,
    impor_riwayat_resume_task,
    impor_riwayat_run_task,
)
from pelatihan.tests.factories import RiwayatPengembanganFactory

Status = ImporBerkas.Status
KOLOM = KOLOM_WAJIB + KOLOM_OPSIONAL
NIP_TAK_TERDAFTAR = "199001012015031001"
HEADER = [
    "NIP",
    "Nama Pelatihan",
    "Jenis Pengembangan",
    "Tanggal Mulai",
    "Tanggal Selesai",
    "JP",
    "Penyelenggara",
    "Catatan",
]


def url(aksi: str, *args) -> str:
    return reverse(f"admin:pelatihan_riwayatpengembangan_{aksi}", args=args)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def admin_client(client, pemeran):
    client.force_login(pemeran.admin)
    return client


def berkas_csv(baris, header=HEADER, nama="riwayat siasn.csv"):
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(baris)
    return SimpleUploadedFile(nama, buf.getvalue().encode("utf-8"), content_type="text/csv")


def berkas_riwayat(pemeran):
    """Baris 2 baru, 3 memperbarui impor lama, 4 JP salah, 5 NIP belum terdaftar."""
    asn = pemeran.asn.pegawai.nip
    kepala = pemeran.kepala.pegawai.nip
    return berkas_csv(
        [
            [asn, "Pelatihan Dasar CPNS", "KL03", "01/03/2023", "30/06/2023", "41",
             "BPSDM Aceh", "a"],
            [kepala, "Diklat PIM IV", "KL01", "2019-03-01", "2019-06-30", "45", "BPSDM Aceh", ""],
            [asn, "Seminar Kesehatan", "NKL02", "12 Agustus 2024", "12 Agustus 2024", "1000",
             "Kemenkes", ""],
            [NIP_TAK_TERDAFTAR, "Bimtek Keuangan", "KL03", "02-02-2024", "03-02-2024", "16",
             "BPKP", "x"],
        ]
    )  # fmt: skip


@pytest.fixture
def impor_lama(pemeran):
    return RiwayatPengembanganFactory(
        pegawai=pemeran.kepala.pegawai,
        nama_pelatihan="Diklat PIM IV",
        tanggal_mulai=date(2019, 3, 1),
        tanggal_selesai=date(2019, 6, 30),
        jp=40,
    )


def unggah(client, berkas, **data):
    return client.post(url("impor"), {"berkas": berkas, **data})


def impor_terakhir() -> ImporBerkas:
    return ImporBerkas.objects.latest("pk")


def periksa(impor: ImporBerkas) -> ImporBerkas:
    impor_riwayat_check_task.apply(args=[impor.pk]).get()
    impor.refresh_from_db()
    return impor


def jalankan(impor: ImporBerkas) -> ImporBerkas:
    impor_riwayat_run_task.apply(args=[impor.pk]).get()
    impor.refresh_from_db()
    return impor


def baca_xlsx(response):
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def impor_siap(pemeran, n_ditolak=2) -> ImporBerkas:
    laporan = {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "ditolak_baris": n_ditolak,
        "ditolak_entri": n_ditolak,
        "terpotong": False,
        "rejected": [{"row": i + 2, "column": "JP", "message": "x"} for i in range(n_ditolak)],
        "kolom": ["JP"],
        "judul_kolom": ["JP"],
        "data": {str(i + 2): ["0"] for i in range(n_ditolak)},
    }
    return ImporBerkas.objects.create(
        jenis=ImporBerkas.Jenis.RIWAYAT,
        berkas=SimpleUploadedFile("r.csv", b"NIP\n"),
        nama_berkas="r.csv",
        diunggah_oleh=pemeran.admin,
        status=Status.SIAP,
        pratinjau=laporan,
    )


# The flow ----------------------------------------------------------------------------------


def test_upload_preview_confirm_import(
    admin_client, pemeran, impor_lama, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = unggah(admin_client, berkas_riwayat(pemeran))
    impor = impor_terakhir()
    assert response["Location"] == url("impor_detail", impor.pk)
    assert impor.jenis == ImporBerkas.Jenis.RIWAYAT
    assert len(callbacks) == 1

    impor = periksa(impor)
    assert impor.status == Status.SIAP
    p = impor.pratinjau
    assert (p["created"], p["updated"], p["unchanged"], p["ditolak_baris"]) == (1, 1, 0, 2)
    assert [(r["row"], r["column"]) for r in p["rejected"]] == [(4, "JP"), (5, "NIP")]
    assert not RiwayatPengembangan.objects.filter(nama_pelatihan="Pelatihan Dasar CPNS").exists()

    body = admin_client.get(url("impor_detail", impor.pk)).content.decode()
    assert 'data-jumlah="created">1<' in body
    assert 'data-jumlah="updated">1<' in body
    assert "tidak terdaftar sebagai pegawai" in body

    admin_client.post(url("impor_konfirmasi", impor.pk))
    impor = jalankan(impor)
    assert impor.status == Status.SELESAI
    assert (impor.hasil["created"], impor.hasil["updated"]) == (1, 1)
    baru = RiwayatPengembangan.objects.get(nama_pelatihan="Pelatihan Dasar CPNS")
    assert baru.pegawai == pemeran.asn.pegawai
    assert baru.jp == 41
    assert baru.sumber == RiwayatPengembangan.Sumber.IMPOR
    assert baru.status == RiwayatPengembangan.Status.TERVERIFIKASI
    impor_lama.refresh_from_db()
    assert impor_lama.jp == 45

    # A second confirm and a duplicated run task change nothing.
    admin_client.post(url("impor_konfirmasi", impor.pk))
    assert impor_riwayat_run_task.apply(args=[impor.pk]).get() is False
    assert RiwayatPengembangan.objects.filter(nama_pelatihan="Pelatihan Dasar CPNS").count() == 1


def test_the_rejected_rows_carry_the_whole_original_row(admin_client, pemeran):
    unggah(admin_client, berkas_riwayat(pemeran))
    impor = periksa(impor_terakhir())
    lembar = baca_xlsx(admin_client.get(url("impor_ditolak", impor.pk)))
    baris = lembar["Baris ditolak"]
    assert baris[0] == ["BARIS_ASAL", *HEADER[:-1], "ALASAN_PENOLAKAN"]
    assert baris[1][:8] == [
        4, pemeran.asn.pegawai.nip, "Seminar Kesehatan", "NKL02", "12 Agustus 2024",
        "12 Agustus 2024", "1000", "Kemenkes",
    ]  # fmt: skip
    assert baris[1][8].startswith("JP: ")
    # Rejected only when written (unknown NIP): read back whole from the stored file.
    assert baris[2] == [
        5, NIP_TAK_TERDAFTAR, "Bimtek Keuangan", "KL03", "02-02-2024", "03-02-2024", "16",
        "BPKP",
        f"NIP: NIP {NIP_TAK_TERDAFTAR} tidak terdaftar sebagai pegawai; impor data "
        "pegawainya lebih dahulu",
    ]  # fmt: skip


def test_an_unreadable_file_fails_with_a_message(admin_client, pemeran):
    unggah(admin_client, berkas_csv([["1"]], header=["NIP"]))
    impor = periksa(impor_terakhir())
    assert impor.status == Status.GAGAL
    assert "kolom wajib tidak ada: NAMA_PELATIHAN" in impor.pesan_galat
    page = admin_client.get(url("impor_detail", impor.pk))
    assert page.status_code == 200
    assert "kolom wajib tidak ada: NAMA_PELATIHAN" in page.content.decode()


def test_the_periodic_resume_uses_the_riwayat_tasks(pemeran, monkeypatch):
    dikirim = []
    monkeypatch.setattr(impor_riwayat_check_task, "delay", dikirim.append)
    impor = impor_siap(pemeran)
    ImporBerkas.objects.filter(pk=impor.pk).update(
        status=Status.DIUNGGAH, dibuat_pada=impor.dibuat_pada.replace(year=2020)
    )
    assert impor_riwayat_resume_task.apply().get() == 1
    assert dikirim == [impor.pk]


# Templates ---------------------------------------------------------------------------------


def test_the_templates(admin_client, pemeran):
    response = admin_client.get(url("impor_templat_xlsx"))
    assert 'filename="templat_impor_riwayat.xlsx"' in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert wb.sheetnames == ["Impor riwayat pengembangan (JP)", "Petunjuk", "Jenis pengembangan"]
    assert [c.value for c in wb.worksheets[0][1]] == list(KOLOM)
    assert [c.value for c in wb.worksheets[0][1] if c.comment] == list(KOLOM_WAJIB)
    petunjuk = [list(r) for r in wb["Petunjuk"].iter_rows(values_only=True)]
    assert [r[0] for r in petunjuk[1 : len(KOLOM) + 1]] == list(KOLOM)
    jenis = {r[0] for r in wb["Jenis pengembangan"].iter_rows(min_row=2, values_only=True)}
    assert {"KL01", "KL12", "NKL01", "NKL13"} <= jenis

    response = admin_client.get(url("impor_templat_csv"))
    assert 'filename="templat_impor_riwayat.csv"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).decode() == "\ufeff" + ",".join(KOLOM) + "\r\n"


def test_the_petunjuk_explains_every_column_in_order():
    assert [k for k, _ket, _contoh in IMPOR_RIWAYAT.petunjuk] == list(KOLOM)
    assert KOLOM_RIWAYAT == KOLOM


@pytest.mark.parametrize("aksi", ["impor_templat_xlsx", "impor_templat_csv"])
def test_importing_an_empty_template_creates_nothing(admin_client, pemeran, aksi):
    isi = b"".join(admin_client.get(url(aksi)).streaming_content)
    nama = "templat.xlsx" if aksi.endswith("xlsx") else "templat.csv"
    unggah(admin_client, SimpleUploadedFile(nama, isi))
    impor = periksa(impor_terakhir())
    assert impor.status == Status.SIAP
    assert (impor.pratinjau["created"], impor.pratinjau["rejected"]) == (0, [])


# Pages and access --------------------------------------------------------------------------


def test_the_changelist_button_and_the_claim_actions_live_together(admin_client):
    body = admin_client.get(reverse("admin:pelatihan_riwayatpengembangan_changelist")).content
    body = body.decode()
    assert f'href="{url("impor")}"' in body
    assert "verifikasi_terpilih" in body


def test_past_riwayat_imports_link_to_their_page(admin_client, pemeran):
    impor = impor_siap(pemeran)
    body = admin_client.get(reverse("admin:pegawai_imporberkas_changelist")).content.decode()
    assert f'href="{url("impor_detail", impor.pk)}"' in body
    response = admin_client.get(reverse("admin:pegawai_imporberkas_change", args=[impor.pk]))
    assert response["Location"] == url("impor_detail", impor.pk)


def staff_tanpa_peran():
    user = PenggunaFactory(username="staf.riwayat", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["add_riwayatpengembangan", "view_riwayatpengembangan"]
        )
    )
    return user


def halaman(impor):
    return [
        ("get", url("impor")),
        ("get", url("impor_templat_xlsx")),
        ("get", url("impor_templat_csv")),
        ("get", url("impor_detail", impor.pk)),
        ("get", url("impor_status", impor.pk)),
        ("get", url("impor_ditolak", impor.pk)),
        ("post", url("impor_konfirmasi", impor.pk)),
        ("post", url("impor_batal", impor.pk)),
    ]


def test_admin_bkpsdm_reaches_every_page(admin_client, pemeran):
    impor = impor_siap(pemeran)
    for metode, alamat in halaman(impor)[:6]:
        assert getattr(admin_client, metode)(alamat).status_code == 200, alamat


def test_staff_without_the_role_is_refused(client, pemeran):
    impor = impor_siap(pemeran)
    client.force_login(staff_tanpa_peran())
    assert (
        "Impor dari berkas"
        not in client.get(
            reverse("admin:pelatihan_riwayatpengembangan_changelist")
        ).content.decode()
    )
    for metode, alamat in halaman(impor):
        assert getattr(client, metode)(alamat).status_code == 403, alamat
    impor.refresh_from_db()
    assert impor.status == Status.SIAP


@pytest.mark.parametrize("peran", ["kepala", "operator", "asn", "pimpinan", None])
def test_everyone_else_is_sent_to_the_admin_login(client, pemeran, peran):
    impor = impor_siap(pemeran)
    if peran:
        client.force_login(getattr(pemeran, peran))
    for metode, alamat in halaman(impor):
        response = getattr(client, metode)(alamat)
        assert response.status_code == 302, alamat
        assert response["Location"].startswith(reverse("admin:login"))
    impor.refresh_from_db()
    assert impor.status == Status.SIAP


def test_wrong_methods(admin_client, pemeran):
    impor = impor_siap(pemeran)
    assert admin_client.get(url("impor_konfirmasi", impor.pk)).status_code == 405
    assert admin_client.get(url("impor_batal", impor.pk)).status_code == 405
    assert admin_client.post(url("impor_status", impor.pk)).status_code == 405
    assert admin_client.delete(url("impor")).status_code == 405
    impor.refresh_from_db()
    assert impor.status == Status.SIAP


def test_a_pegawai_import_is_not_found_here(admin_client, pemeran):
    impor = impor_siap(pemeran)
    ImporBerkas.objects.filter(pk=impor.pk).update(jenis=ImporBerkas.Jenis.PEGAWAI)
    for metode, alamat in halaman(impor)[3:]:
        assert getattr(admin_client, metode)(alamat).status_code == 404, alamat


def test_query_counts_do_not_grow_with_rejected_rows(
    admin_client, pemeran, django_assert_num_queries
):
    kecil = impor_siap(pemeran, n_ditolak=1)
    besar = impor_siap(pemeran, n_ditolak=700)
    for impor in (kecil, besar):
        with django_assert_num_queries(7):
            assert admin_client.get(url("impor_detail", impor.pk)).status_code == 200
        with django_assert_num_queries(7):
            assert admin_client.get(url("impor_status", impor.pk)).status_code == 200
    with django_assert_num_queries(7):
        assert admin_client.get(url("impor")).status_code == 200
