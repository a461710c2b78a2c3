"""Impor data pegawai di admin: unggah → pratinjau → konfirmasi, tugas yang aman diulang, baris
ditolak sebagai XLSX, templat, akses, dan jumlah query yang tetap."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import psycopg
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from langsa_kompetensi.tests.test_worker import database_url_for_this_test
from pegawai import services
from pegawai.impor import KOLOM_OPSIONAL, KOLOM_WAJIB, pegawai_import
from pegawai.impor_admin import IMPOR_PEGAWAI, PENOLAKAN_PER_HALAMAN
from pegawai.models import ImporBerkas, Pegawai
from pegawai.nip import buat_nip_pns
from pegawai.tasks import (
    KOLOM_PEGAWAI,
    impor_pegawai_check_task,
    impor_pegawai_resume_task,
    impor_pegawai_run_task,
)
from pegawai.tests.factories import PegawaiFactory, PenggunaFactory

Status = ImporBerkas.Status
KOLOM = KOLOM_WAJIB + KOLOM_OPSIONAL

NIP_BARU = buat_nip_pns(date(1990, 5, 1), date(2015, 3, 1), "L", 1)
NIP_OPD_ASING = buat_nip_pns(date(1991, 6, 2), date(2016, 3, 1), "L", 2)
NIP_GOLONGAN = buat_nip_pns(date(1992, 7, 3), date(2017, 3, 1), "P", 3)
NIP_ATASAN_ASING = buat_nip_pns(date(1993, 8, 4), date(2018, 3, 1), "L", 4)
NIP_ATASAN_TAK_ADA = buat_nip_pns(date(1970, 1, 1), date(1995, 3, 1), "L", 5)

HEADER = [
    "NIP",
    "Nama",
    "Jenis Pegawai",
    "Perangkat Daerah",
    "Jabatan",
    "Jenis Jabatan",
    "Golongan",
    "NIP Atasan",
    "Keterangan",
]


def url(aksi: str, *args) -> str:
    return reverse(f"admin:pegawai_pegawai_{aksi}", args=args)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def admin_client(client, pemeran):
    client.force_login(pemeran.admin)
    return client


def berkas_csv(baris, header=HEADER, nama="pegawai dinkes.csv", delimiter=";"):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(baris)
    return SimpleUploadedFile(nama, buf.getvalue().encode("utf-8"), content_type="text/csv")


def berkas_berantakan(pemeran):
    """Baris 2 baru, 3 memperbarui pegawai yang ada, 4–5 dan 7 ditolak, 6 kosong."""
    asn = pemeran.asn.pegawai
    return berkas_csv(
        [
            [NIP_BARU, "Fajar Ramadhan", "PNS", "DINKES", "Pengadministrasi Umum", "Pelaksana",
             "II/c", "", "baru"],
            [asn.nip, "Nama Sesudah Diperbaiki", "pns", "Dinas Kesehatan",
             "Pengadministrasi Umum", "Pelaksana", "III/a", "", ""],
            [NIP_OPD_ASING, "Ridwan", "PNS", "Dinas Antah Berantah", "Pengadministrasi Umum",
             "Pelaksana", "II/d", "", "x"],
            [NIP_GOLONGAN, "Putri", "PNS", "DINKES", "Pengadministrasi Umum", "Pelaksana",
             "III/f", "", ""],
            ["", "", "", "", "", "", "", "", ""],
            [NIP_ATASAN_ASING, "Zulfikar", "PNS", "DINKES", "Pengadministrasi Umum",
             "Pelaksana", "II/c", NIP_ATASAN_TAK_ADA, "atasan"],
        ]
    )  # fmt: skip


def unggah(client, berkas, **data):
    return client.post(url("impor"), {"berkas": berkas, **data})


def impor_terakhir() -> ImporBerkas:
    return ImporBerkas.objects.latest("pk")


def periksa(impor: ImporBerkas) -> ImporBerkas:
    impor_pegawai_check_task.apply(args=[impor.pk]).get()
    impor.refresh_from_db()
    return impor


def jalankan(impor: ImporBerkas) -> ImporBerkas:
    impor_pegawai_run_task.apply(args=[impor.pk]).get()
    impor.refresh_from_db()
    return impor


def baca_xlsx(response):
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def laporan_sintetis(n_baris: int) -> dict:
    """Laporan tersimpan dengan ``n_baris`` baris ditolak, untuk halaman dan jumlah query."""
    return {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "ditolak_baris": n_baris,
        "ditolak_entri": n_baris,
        "terpotong": False,
        "rejected": [
            {"row": i + 2, "column": "NIP", "message": f"pesan {i}"} for i in range(n_baris)
        ],
        "kolom": ["NIP"],
        "judul_kolom": ["NIP"],
        "data": {str(i + 2): [f"nip-{i}"] for i in range(n_baris)},
    }


def impor_dengan_status(pemeran, status, n_ditolak=3, **kwargs) -> ImporBerkas:
    laporan = laporan_sintetis(n_ditolak)
    return ImporBerkas.objects.create(
        jenis=ImporBerkas.Jenis.PEGAWAI,
        berkas=SimpleUploadedFile("a.csv", b"NIP\n"),
        nama_berkas="a.csv",
        diunggah_oleh=pemeran.admin,
        status=status,
        jumlah_baris=100,
        diproses=40,
        pratinjau=laporan if status in (Status.SIAP, Status.MENGIMPOR, Status.SELESAI) else None,
        hasil=laporan if status == Status.SELESAI else None,
        **kwargs,
    )


# The whole flow ----------------------------------------------------------------------------


def test_upload_preview_confirm_import(admin_client, pemeran, django_capture_on_commit_callbacks):
    asn = pemeran.asn.pegawai
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = unggah(admin_client, berkas_berantakan(pemeran))
    impor = impor_terakhir()
    assert response.status_code == 302
    assert response["Location"] == url("impor_detail", impor.pk)
    assert len(callbacks) == 1  # the check is queued only after commit
    assert impor.status == Status.DIUNGGAH
    assert impor.nama_berkas == "pegawai dinkes.csv"
    assert impor.diunggah_oleh == pemeran.admin
    assert "dinkes" not in impor.berkas.name  # stored under an unguessable name

    page = admin_client.get(url("impor_detail", impor.pk))
    assert page.status_code == 200
    assert page.context["berjalan"] is True
    assert b"<progress" in page.content
    assert b'http-equiv="refresh"' in page.content
    assert b"js/impor.js" in page.content

    impor = periksa(impor)
    assert impor.status == Status.SIAP
    assert impor.diproses == 5  # the blank row is not counted
    pratinjau = impor.pratinjau
    assert (pratinjau["created"], pratinjau["updated"], pratinjau["unchanged"]) == (1, 1, 0)
    assert pratinjau["ditolak_baris"] == 3
    assert [(p["row"], p["column"]) for p in pratinjau["rejected"]] == [
        (4, "PERANGKAT_DAERAH"),
        (5, "GOLONGAN"),
        (7, "NIP_ATASAN"),
    ]
    assert not Pegawai.objects.filter(nip=NIP_BARU).exists()  # a preview writes nothing

    page = admin_client.get(url("impor_detail", impor.pk))
    body = page.content.decode()
    assert page.context["berjalan"] is False
    assert "<progress" not in body
    assert 'data-jumlah="created">1<' in body
    assert 'data-jumlah="updated">1<' in body
    assert 'data-jumlah="ditolak">3<' in body
    assert "Dinas Antah Berantah" in body
    assert "&#x27;III/f&#x27; tidak ada" in body or "'III/f' tidak ada" in body
    assert url("impor_konfirmasi", impor.pk) in body
    assert url("impor_batal", impor.pk) in body

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = admin_client.post(url("impor_konfirmasi", impor.pk))
    assert response.status_code == 302
    assert len(callbacks) == 1
    impor.refresh_from_db()
    assert impor.status == Status.MENGIMPOR
    assert impor.dikonfirmasi_pada is not None
    assert admin_client.get(url("impor_detail", impor.pk)).context["berjalan"] is True

    impor = jalankan(impor)
    assert impor.status == Status.SELESAI
    assert impor.selesai_pada is not None
    assert (impor.hasil["created"], impor.hasil["updated"]) == (1, 1)
    assert impor.hasil["ditolak_baris"] == 3
    baru = Pegawai.objects.get(nip=NIP_BARU)
    assert baru.nama == "Fajar Ramadhan"
    assert baru.perangkat_daerah.singkatan == "DINKES"
    asn.refresh_from_db()
    assert asn.nama == "Nama Sesudah Diperbaiki"
    assert not Pegawai.objects.filter(nip__in=[NIP_OPD_ASING, NIP_GOLONGAN]).exists()

    body = admin_client.get(url("impor_detail", impor.pk)).content.decode()
    assert "Hasil impor" in body
    assert 'data-jumlah="created">1<' in body
    assert "Pratinjau sebelumnya" in body
    assert url("impor_konfirmasi", impor.pk) not in body


def test_a_second_confirm_and_a_duplicated_task_import_once(
    admin_client, pemeran, django_capture_on_commit_callbacks
):
    unggah(admin_client, berkas_berantakan(pemeran))
    impor = periksa(impor_terakhir())
    admin_client.post(url("impor_konfirmasi", impor.pk))
    impor = jalankan(impor)
    assert impor.hasil["created"] == 1

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = admin_client.post(url("impor_konfirmasi", impor.pk), follow=True)
    assert callbacks == []
    assert "tidak sedang menunggu konfirmasi" in response.content.decode()
    # The same run task delivered again finds the import done and leaves the report alone.
    assert impor_pegawai_run_task.apply(args=[impor.pk]).get() is False
    impor.refresh_from_db()
    assert impor.status == Status.SELESAI
    assert impor.hasil["created"] == 1
    assert Pegawai.objects.filter(nip=NIP_BARU).count() == 1


def test_a_duplicated_check_task_does_nothing(admin_client, pemeran):
    unggah(admin_client, berkas_berantakan(pemeran))
    impor = periksa(impor_terakhir())
    diubah = ImporBerkas.objects.filter(pk=impor.pk).update(pratinjau={"created": 99})
    assert diubah == 1
    assert impor_pegawai_check_task.apply(args=[impor.pk]).get() is False
    impor.refresh_from_db()
    assert impor.status == Status.SIAP
    assert impor.pratinjau == {"created": 99}


def test_a_task_running_elsewhere_holds_the_import(admin_client, pemeran):
    """A copy of the task that arrives while another worker holds the import does nothing."""
    unggah(admin_client, berkas_berantakan(pemeran))
    impor = impor_terakhir()
    with psycopg.connect(database_url_for_this_test(), autocommit=True) as lain:
        lain.execute("SELECT pg_advisory_lock(hashtext('pegawai.imporberkas'), %s)", [impor.pk])
        assert impor_pegawai_check_task.apply(args=[impor.pk]).get() is False
        impor.refresh_from_db()
        assert impor.status == Status.DIUNGGAH
        # ... and the periodic resume leaves it alone too: a task is at work on it.
        ImporBerkas.objects.filter(pk=impor.pk).update(
            dibuat_pada=timezone.now() - timedelta(hours=1)
        )
        assert impor_pegawai_resume_task.apply().get() == 0
        # Released (as a finished task does): the next delivery does the work.
        lain.execute("SELECT pg_advisory_unlock(hashtext('pegawai.imporberkas'), %s)", [impor.pk])
        assert impor_pegawai_check_task.apply(args=[impor.pk]).get() is True


def test_a_task_whose_worker_died_is_done_again(admin_client, pemeran):
    unggah(admin_client, berkas_berantakan(pemeran))
    impor = impor_terakhir()
    # The worker claimed the check, then died: the lock went with its connection.
    ImporBerkas.objects.filter(pk=impor.pk).update(status=Status.MEMERIKSA, diproses=3000)
    impor = periksa(impor)
    assert impor.status == Status.SIAP
    assert impor.pratinjau["created"] == 1
    admin_client.post(url("impor_konfirmasi", impor.pk))
    impor = jalankan(impor)
    assert impor.status == Status.SELESAI
    assert Pegawai.objects.filter(nip=NIP_BARU).count() == 1


def test_cancelling_during_the_check_is_not_overwritten(admin_client, pemeran):
    unggah(admin_client, berkas_berantakan(pemeran))
    impor = impor_terakhir()

    def pengimpor_yang_dibatalkan(*args, **kwargs):
        hasil = pegawai_import(*args, **kwargs)
        assert admin_client.post(url("impor_batal", impor.pk)).status_code == 302
        return hasil

    services.impor_check(impor_id=impor.pk, pengimpor=pengimpor_yang_dibatalkan, kolom=KOLOM)
    impor.refresh_from_db()
    assert impor.status == Status.DIBATALKAN
    assert impor.pratinjau is None
    assert admin_client.post(url("impor_konfirmasi", impor.pk)).status_code == 302
    impor.refresh_from_db()
    assert impor.status == Status.DIBATALKAN


def test_cancel_after_the_preview(admin_client, pemeran):
    unggah(admin_client, berkas_berantakan(pemeran))
    impor = periksa(impor_terakhir())
    response = admin_client.post(url("impor_batal", impor.pk), follow=True)
    assert "Impor dibatalkan" in response.content.decode()
    impor.refresh_from_db()
    assert impor.status == Status.DIBATALKAN
    response = admin_client.post(url("impor_batal", impor.pk), follow=True)
    assert "tidak dapat dibatalkan lagi" in response.content.decode()
    assert not Pegawai.objects.filter(nip=NIP_BARU).exists()


def test_progress_is_written_while_reading(admin_client, pemeran, monkeypatch):
    monkeypatch.setattr(services, "IMPOR_SELANG_KEMAJUAN", 0)
    unggah(admin_client, berkas_berantakan(pemeran))
    impor = impor_terakhir()
    kemajuan = services._impor_progress(impor.pk, Status.DIUNGGAH)
    kemajuan.total = 5000
    kemajuan(1000)
    impor.refresh_from_db()
    assert (impor.diproses, impor.jumlah_baris) == (1000, 5000)
    status = admin_client.get(url("impor_status", impor.pk)).json()
    assert status["diproses"] == 1000
    assert status["jumlah_baris"] == 5000
    assert status["berjalan"] is True
    assert status["status"] == "diunggah"


def test_the_status_json_while_checking(admin_client, pemeran):
    impor = impor_dengan_status(pemeran, Status.MEMERIKSA)
    data = admin_client.get(url("impor_status", impor.pk)).json()
    assert data == {
        "status": "memeriksa",
        "diproses": 40,
        "jumlah_baris": 100,
        "label": "Sedang diperiksa",
        "berjalan": True,
        "keterangan": "Memeriksa: 40 dari sekitar 100 baris terbaca (40%)",
        "persen": 40,
    }
    ImporBerkas.objects.filter(pk=impor.pk).update(status=Status.SIAP)
    data = admin_client.get(url("impor_status", impor.pk)).json()
    assert data["berjalan"] is False
    assert data["label"] == "Siap dikonfirmasi"


# Rejected rows as XLSX ---------------------------------------------------------------------


def test_the_rejected_rows_download_keeps_the_original_row_and_adds_the_reason(
    admin_client, pemeran
):
    unggah(admin_client, berkas_berantakan(pemeran))
    impor = periksa(impor_terakhir())
    response = admin_client.get(url("impor_ditolak", impor.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "ditolak_pegawai dinkes.xlsx" in response["Content-Disposition"]
    lembar = baca_xlsx(response)
    baris = lembar["Baris ditolak"]
    # The file's own headings in the file's order; the unknown column is not carried over.
    assert baris[0] == ["BARIS_ASAL", *HEADER[:-1], "ALASAN_PENOLAKAN"]
    assert [r[0] for r in baris[1:]] == [4, 5, 7]
    assert baris[1][1:9] == [
        NIP_OPD_ASING, "Ridwan", "PNS", "Dinas Antah Berantah", "Pengadministrasi Umum",
        "Pelaksana", "II/d", None,
    ]  # fmt: skip
    assert baris[1][9].startswith("PERANGKAT_DAERAH: Perangkat daerah 'Dinas Antah Berantah'")
    assert baris[2][7] == "III/f"
    assert baris[2][9].startswith("GOLONGAN: ")
    # Rejected while writing: the whole original row is read back from the file.
    assert baris[3][1:9] == [
        NIP_ATASAN_ASING, "Zulfikar", "PNS", "DINKES", "Pengadministrasi Umum", "Pelaksana",
        "II/c", NIP_ATASAN_TAK_ADA,
    ]  # fmt: skip
    assert baris[3][9].startswith(f"NIP_ATASAN: Atasan dengan NIP {NIP_ATASAN_TAK_ADA}")
    assert "Keterangan" in lembar


def test_the_fixed_rejected_rows_file_can_be_uploaded_again(admin_client, pemeran):
    unggah(admin_client, berkas_berantakan(pemeran))
    impor = periksa(impor_terakhir())
    lembar = baca_xlsx(admin_client.get(url("impor_ditolak", impor.pk)))["Baris ditolak"]
    wb = Workbook()
    ws = wb.active
    for baris in lembar:
        ws.append(baris)
    ws["E2"] = "DINKES"  # row 4: a known OPD now
    ws["H3"] = "III/a"  # row 5: a grade that exists
    ws["I4"] = None  # row 7: no superior
    buf = io.BytesIO()
    wb.save(buf)
    unggah(admin_client, SimpleUploadedFile("diperbaiki.xlsx", buf.getvalue()))
    impor = periksa(impor_terakhir())
    assert impor.pratinjau["rejected"] == []
    assert impor.pratinjau["created"] == 3


def test_the_final_report_has_its_own_rejected_rows(admin_client, pemeran):
    unggah(admin_client, berkas_berantakan(pemeran))
    impor = periksa(impor_terakhir())
    admin_client.post(url("impor_konfirmasi", impor.pk))
    # Between preview and confirm the superior was added: row 7 is now imported too.
    PegawaiFactory(nip=NIP_ATASAN_TAK_ADA, perangkat_daerah=pemeran.opd)
    impor = jalankan(impor)
    assert impor.hasil["created"] == 2
    assert impor.pratinjau["created"] == 1
    baris = baca_xlsx(admin_client.get(url("impor_ditolak", impor.pk)))["Baris ditolak"]
    assert [r[0] for r in baris[1:]] == [4, 5]


def test_no_report_no_download(admin_client, pemeran):
    impor = impor_dengan_status(pemeran, Status.MEMERIKSA)
    assert admin_client.get(url("impor_ditolak", impor.pk)).status_code == 404


def test_a_huge_report_is_capped_and_says_so(admin_client, pemeran, monkeypatch):
    monkeypatch.setattr(services, "IMPOR_MAKS_BARIS_DITOLAK", 2)
    unggah(admin_client, berkas_berantakan(pemeran))
    impor = periksa(impor_terakhir())
    assert impor.pratinjau["ditolak_baris"] == 3
    assert [p["row"] for p in impor.pratinjau["rejected"]] == [4, 5]
    assert impor.pratinjau["terpotong"] is True
    body = admin_client.get(url("impor_detail", impor.pk)).content.decode()
    assert "Dari 3 baris ditolak, hanya 2 baris pertama yang disimpan" in body
    baris = baca_xlsx(admin_client.get(url("impor_ditolak", impor.pk)))
    assert [r[0] for r in baris["Baris ditolak"][1:]] == [4, 5]
    assert any(str(r[1]).startswith("Hanya 2 baris") for r in baris["Keterangan"])


def test_the_rejected_table_is_paginated(admin_client, pemeran):
    impor = impor_dengan_status(pemeran, Status.SIAP, n_ditolak=450)
    page = admin_client.get(url("impor_detail", impor.pk))
    assert len(page.context["penolakan"]) == PENOLAKAN_PER_HALAMAN
    assert page.context["penolakan"][0] == {"row": 2, "column": "NIP", "message": "pesan 0"}
    assert page.context["jumlah_halaman"] == 3
    last = admin_client.get(url("impor_detail", impor.pk), {"halaman": 3})
    assert [p["row"] for p in last.context["penolakan"]] == list(range(402, 452))
    assert admin_client.get(url("impor_detail", impor.pk), {"halaman": 4}).status_code == 404
    assert admin_client.get(url("impor_detail", impor.pk), {"halaman": "x"}).status_code == 200


# Files that cannot be used -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("pegawai.xlsx", b"NIP;NAMA\n1;2\n", "bukan XLSX yang sah"),
        ("pegawai.csv", b"NIP;NAMA\n1;2\n", "kolom wajib tidak ada: JENIS_PEGAWAI"),
        ("pegawai.csv", b"\x00\x01\x02binary\x00" * 50, "data biner"),
    ],
)
def test_an_unreadable_file_fails_with_a_message(admin_client, pemeran, nama, isi, pesan):
    unggah(admin_client, SimpleUploadedFile(nama, isi))
    impor = periksa(impor_terakhir())
    assert impor.status == Status.GAGAL
    assert impor.pesan_galat.startswith("Berkas tidak dapat dibaca")
    assert pesan in impor.pesan_galat
    page = admin_client.get(url("impor_detail", impor.pk))
    assert page.status_code == 200
    assert pesan in page.content.decode()
    assert admin_client.post(url("impor_konfirmasi", impor.pk)).status_code == 302
    impor.refresh_from_db()
    assert impor.status == Status.GAGAL


def test_a_missing_sheet_fails_with_a_message(admin_client, pemeran):
    wb = Workbook()
    wb.active.append(list(KOLOM_WAJIB))
    buf = io.BytesIO()
    wb.save(buf)
    unggah(admin_client, SimpleUploadedFile("pegawai.xlsx", buf.getvalue()), sheet="Data 2024")
    impor = periksa(impor_terakhir())
    assert impor.status == Status.GAGAL
    assert "lembar 'Data 2024' tidak ada" in impor.pesan_galat


def test_a_stored_file_that_disappeared_fails_with_a_message(admin_client, pemeran):
    unggah(admin_client, berkas_berantakan(pemeran))
    impor = impor_terakhir()
    impor.berkas.storage.delete(impor.berkas.name)
    impor = periksa(impor)
    assert impor.status == Status.GAGAL
    assert "tidak ditemukan di penyimpanan" in impor.pesan_galat


def test_an_unexpected_error_fails_the_import_and_is_raised(admin_client, pemeran):
    unggah(admin_client, berkas_berantakan(pemeran))
    impor = impor_terakhir()

    def rusak(*args, **kwargs):
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        services.impor_check(impor_id=impor.pk, pengimpor=rusak, kolom=KOLOM)
    impor.refresh_from_db()
    assert impor.status == Status.GAGAL
    assert f"nomor impor {impor.pk}" in impor.pesan_galat


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("pegawai.pdf", b"%PDF-1.4", "Format .pdf tidak didukung"),
        ("pegawai.xls", b"\xd0\xcf\x11\xe0", "Format .xls tidak didukung"),
        ("pegawai.csv", b"", "kosong"),
    ],
)
def test_the_upload_form_refuses_other_formats(admin_client, pemeran, nama, isi, pesan):
    response = unggah(admin_client, SimpleUploadedFile(nama, isi))
    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert not ImporBerkas.objects.exists()


def test_the_upload_size_is_limited(admin_client, pemeran, settings):
    settings.IMPOR_MAKS_BYTES = 100
    response = unggah(admin_client, berkas_berantakan(pemeran))
    assert response.status_code == 200
    assert "Berkas terlalu besar" in response.content.decode()
    assert "paling besar 100\xa0bita" in response.content.decode()
    assert not ImporBerkas.objects.exists()


def test_the_default_limit_is_fifty_megabytes(admin_client, pemeran):
    body = admin_client.get(url("impor")).content.decode()
    assert "paling besar 50,0\xa0MB" in body


def test_a_broker_that_is_down_does_not_fail_the_upload(admin_client, pemeran, monkeypatch):
    def mati(*args, **kwargs):
        raise OSError("broker mati")

    monkeypatch.setattr(impor_pegawai_check_task, "delay", mati)
    response = unggah(admin_client, berkas_berantakan(pemeran))
    assert response.status_code == 302
    impor = impor_terakhir()
    assert impor.status == Status.DIUNGGAH


def test_the_periodic_resume_sends_stuck_imports_again(pemeran, monkeypatch):
    dikirim = []
    monkeypatch.setattr(impor_pegawai_check_task, "delay", lambda pk: dikirim.append(("c", pk)))
    monkeypatch.setattr(impor_pegawai_run_task, "delay", lambda pk: dikirim.append(("r", pk)))
    lama = timezone.now() - timedelta(hours=1)
    baru = impor_dengan_status(pemeran, Status.DIUNGGAH)
    tertahan = impor_dengan_status(pemeran, Status.DIUNGGAH)
    memeriksa = impor_dengan_status(pemeran, Status.MEMERIKSA)
    mengimpor = impor_dengan_status(pemeran, Status.MENGIMPOR, dikonfirmasi_pada=lama)
    selesai = impor_dengan_status(pemeran, Status.SELESAI)
    ImporBerkas.objects.exclude(pk=baru.pk).update(dibuat_pada=lama)
    assert impor_pegawai_resume_task.apply().get() == 3
    assert sorted(dikirim) == sorted([("c", tertahan.pk), ("c", memeriksa.pk), ("r", mengimpor.pk)])
    assert selesai.pk not in {pk for _t, pk in dikirim}


# Templates ---------------------------------------------------------------------------------


def test_the_xlsx_template(admin_client, pemeran):
    response = admin_client.get(url("impor_templat_xlsx"))
    assert response.status_code == 200
    assert 'filename="templat_impor_pegawai.xlsx"' in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert wb.sheetnames == ["Impor data pegawai", "Petunjuk", "Daftar OPD"]
    data = wb.worksheets[0]
    header = [c.value for c in data[1]]
    assert header == list(KOLOM_WAJIB + KOLOM_OPSIONAL)
    wajib = [c.value for c in data[1] if c.comment is not None]
    assert wajib == list(KOLOM_WAJIB)
    assert data["A1"].fill.fgColor.rgb.endswith("FFE699")
    assert data["G1"].fill.fgColor.rgb in (None, "00000000")
    assert data.column_dimensions["A"].number_format == "@"  # NIP stays text in Excel
    assert data.max_row == 1
    petunjuk = [list(r) for r in wb["Petunjuk"].iter_rows(values_only=True)]
    assert petunjuk[0] == ["KOLOM", "WAJIB", "KETERANGAN", "CONTOH"]
    assert [r[0] for r in petunjuk[1 : len(KOLOM) + 1]] == list(KOLOM)
    assert [r[1] for r in petunjuk[1:7]] == ["Ya"] * 6
    assert petunjuk[7][1] == "Tidak"
    teks = " ".join(str(c) for r in petunjuk for c in r if c)
    assert "17 Agustus 2024" in teks
    assert "JPT Pratama" in teks
    opd = [list(r) for r in wb["Daftar OPD"].iter_rows(values_only=True)]
    assert opd[0] == ["KODE", "SINGKATAN", "NAMA"]
    assert "DINKES" in {r[1] for r in opd}


def test_the_petunjuk_explains_every_column_in_order():
    assert [k for k, _ket, _contoh in IMPOR_PEGAWAI.petunjuk] == list(KOLOM)
    assert KOLOM_PEGAWAI == KOLOM


def test_the_csv_template(admin_client, pemeran):
    response = admin_client.get(url("impor_templat_csv"))
    assert response.status_code == 200
    assert 'filename="templat_impor_pegawai.csv"' in response["Content-Disposition"]
    isi = b"".join(response.streaming_content).decode("utf-8")
    assert isi == "\ufeff" + ",".join(KOLOM) + "\r\n"


@pytest.mark.parametrize("aksi", ["impor_templat_xlsx", "impor_templat_csv"])
def test_importing_an_empty_template_creates_nothing(admin_client, pemeran, aksi):
    response = admin_client.get(url(aksi))
    isi = b"".join(response.streaming_content)
    nama = "templat.xlsx" if aksi.endswith("xlsx") else "templat.csv"
    unggah(admin_client, SimpleUploadedFile(nama, isi))
    impor = periksa(impor_terakhir())
    assert impor.status == Status.SIAP
    assert impor.pratinjau["created"] == 0
    assert impor.pratinjau["updated"] == 0
    assert impor.pratinjau["rejected"] == []
    body = admin_client.get(url("impor_detail", impor.pk)).content.decode()
    assert "Tidak ada data baru atau perubahan untuk diimpor." in body
    assert url("impor_konfirmasi", impor.pk) not in body


# Pages: upload, changelist button, past imports --------------------------------------------


def test_the_upload_page(admin_client, pemeran):
    lama = impor_dengan_status(pemeran, Status.SELESAI)
    response = admin_client.get(url("impor"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'accept=".csv,.xlsx"' in body
    assert 'enctype="multipart/form-data"' in body
    assert url("impor_templat_xlsx") in body
    assert url("impor_templat_csv") in body
    assert url("impor_detail", lama.pk) in body
    assert "baru 1, berubah 0, ditolak 3 baris" in body
    assert "style=" not in body.split('id="content-main"')[1]


def test_the_upload_page_without_imports(admin_client):
    assert "Belum ada impor jenis ini." in admin_client.get(url("impor")).content.decode()


def test_the_changelist_has_an_import_button_for_admin_bkpsdm(admin_client):
    body = admin_client.get(reverse("admin:pegawai_pegawai_changelist")).content.decode()
    assert f'href="{url("impor")}"' in body
    assert "Impor dari berkas" in body


def staff_tanpa_peran():
    user = PenggunaFactory(username="staf.tanpa.peran", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_pegawai", "view_pegawai", "view_imporberkas"])
    )
    return user


def test_staff_without_the_role_sees_no_button(client, pemeran):
    client.force_login(staff_tanpa_peran())
    response = client.get(reverse("admin:pegawai_pegawai_changelist"))
    assert response.status_code == 200
    assert "Impor dari berkas" not in response.content.decode()


def test_past_imports_in_the_admin(admin_client, pemeran):
    impor = impor_dengan_status(pemeran, Status.SELESAI)
    response = admin_client.get(reverse("admin:pegawai_imporberkas_changelist"))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="{url("impor_detail", impor.pk)}"' in body
    assert "dibuat 1, diperbarui 0, tidak berubah 0, ditolak 3 baris" in body
    change = admin_client.get(reverse("admin:pegawai_imporberkas_change", args=[impor.pk]))
    assert change.status_code == 302
    assert change["Location"] == url("impor_detail", impor.pk)
    assert admin_client.get(reverse("admin:pegawai_imporberkas_add")).status_code == 403


def test_past_imports_are_hidden_from_staff_without_the_role(client, pemeran):
    client.force_login(staff_tanpa_peran())
    response = client.get(reverse("admin:pegawai_imporberkas_changelist"))
    assert response.status_code == 403


# Access and methods ------------------------------------------------------------------------


def semua_halaman(impor):
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


def test_staff_without_the_role_is_refused(client, pemeran):
    impor = impor_dengan_status(pemeran, Status.SIAP)
    client.force_login(staff_tanpa_peran())
    for metode, alamat in semua_halaman(impor):
        assert getattr(client, metode)(alamat).status_code == 403, alamat
    assert unggah(client, berkas_berantakan(pemeran)).status_code == 403
    impor.refresh_from_db()
    assert impor.status == Status.SIAP
    assert ImporBerkas.objects.count() == 1


def test_admin_bkpsdm_without_the_add_permission_is_refused(client, pemeran):
    impor = impor_dengan_status(pemeran, Status.SIAP)
    user = PenggunaFactory(username="admin.terbatas")
    from pegawai.models import Peran

    services.peran_assign(user=user, peran=Peran.ADMIN_BKPSDM)
    user.groups.clear()
    user.user_permissions.add(Permission.objects.get(codename="view_pegawai"))
    client.force_login(user)
    assert client.get(url("impor_detail", impor.pk)).status_code == 403


@pytest.mark.parametrize("peran", ["kepala", "operator", "asn", "kepala_lain", "pimpinan"])
def test_other_roles_are_sent_to_the_admin_login(client, pemeran, peran):
    impor = impor_dengan_status(pemeran, Status.SIAP)
    client.force_login(getattr(pemeran, peran))
    for metode, alamat in semua_halaman(impor):
        response = getattr(client, metode)(alamat)
        assert response.status_code == 302, alamat
        assert response["Location"].startswith(reverse("admin:login"))
    impor.refresh_from_db()
    assert impor.status == Status.SIAP


def test_anonymous_is_sent_to_the_admin_login(client, pemeran):
    impor = impor_dengan_status(pemeran, Status.SIAP)
    for metode, alamat in semua_halaman(impor):
        response = getattr(client, metode)(alamat)
        assert response.status_code == 302, alamat
        assert response["Location"].startswith(reverse("admin:login"))


def test_wrong_methods(admin_client, pemeran):
    impor = impor_dengan_status(pemeran, Status.SIAP)
    assert admin_client.get(url("impor_konfirmasi", impor.pk)).status_code == 405
    assert admin_client.get(url("impor_batal", impor.pk)).status_code == 405
    assert admin_client.post(url("impor_status", impor.pk)).status_code == 405
    assert admin_client.post(url("impor_detail", impor.pk)).status_code == 405
    assert admin_client.post(url("impor_ditolak", impor.pk)).status_code == 405
    assert admin_client.post(url("impor_templat_xlsx")).status_code == 405
    assert admin_client.put(url("impor")).status_code == 405
    impor.refresh_from_db()
    assert impor.status == Status.SIAP


def test_an_import_of_another_kind_or_id_is_not_found(admin_client, pemeran):
    lain = impor_dengan_status(pemeran, Status.SIAP)
    ImporBerkas.objects.filter(pk=lain.pk).update(jenis=ImporBerkas.Jenis.RIWAYAT)
    for metode, alamat in semua_halaman(lain)[3:]:
        assert getattr(admin_client, metode)(alamat).status_code == 404, alamat
    lain.refresh_from_db()
    assert lain.status == Status.SIAP
    assert admin_client.get(url("impor_detail", 999999)).status_code == 404


# Query counts ------------------------------------------------------------------------------

# Session, user, roles (2), permissions (2), then one query of our own.
QUERIES_UPLOAD_PAGE = 7
QUERIES_IMPORT_PAGE = 7
QUERIES_STATUS = 7


def test_the_upload_page_query_count_is_constant(admin_client, pemeran, django_assert_num_queries):
    impor_dengan_status(pemeran, Status.SELESAI)
    with django_assert_num_queries(QUERIES_UPLOAD_PAGE):
        assert admin_client.get(url("impor")).status_code == 200
    for status in Status.values:
        impor_dengan_status(pemeran, status, n_ditolak=50)
    with django_assert_num_queries(QUERIES_UPLOAD_PAGE):
        assert admin_client.get(url("impor")).status_code == 200


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("n_ditolak", [1, 600])
def test_the_import_page_query_count_is_constant(
    admin_client, pemeran, django_assert_num_queries, status, n_ditolak
):
    impor = impor_dengan_status(pemeran, status, n_ditolak=n_ditolak)
    with django_assert_num_queries(QUERIES_IMPORT_PAGE):
        response = admin_client.get(url("impor_detail", impor.pk))
    assert response.status_code == 200
    with django_assert_num_queries(QUERIES_STATUS):
        assert admin_client.get(url("impor_status", impor.pk)).status_code == 200


def test_the_import_page_reads_only_one_page_of_the_report(admin_client, pemeran):
    impor = impor_dengan_status(pemeran, Status.SIAP, n_ditolak=600)
    with CaptureQueriesContext(connection) as ctx:
        admin_client.get(url("impor_detail", impor.pk))
    sql = " ".join(q["sql"] for q in ctx)
    assert "jsonb_path_query_array" in sql
    assert '"pegawai_imporberkas"."pratinjau",' not in sql


def test_a_long_file_name_is_kept(admin_client, pemeran):
    nama = "Data Pegawai Dinas Kesehatan Kota Langsa " * 5 + ".csv"
    isi = berkas_berantakan(pemeran).read()
    response = unggah(admin_client, SimpleUploadedFile(nama, isi))
    assert response.status_code == 302
    impor = impor_terakhir()
    assert impor.nama_berkas == nama
    assert len(impor.berkas.name) < 100


@pytest.mark.parametrize(
    ("status", "diproses", "jumlah", "teks", "persen"),
    [
        ("diunggah", 0, None, "Menunggu giliran pemeriksaan…", 0),
        ("memeriksa", 2500, None, "Memeriksa: 2.500 baris terbaca", 0),
        ("memeriksa", 2500, 10000, "Memeriksa: 2.500 dari sekitar 10.000 baris terbaca (25%)", 25),
        ("memeriksa", 10000, 10000, "Semua baris terbaca; menyusun pratinjau…", 100),
        ("mengimpor", 12000, 10000, "Semua baris terbaca; menyimpan ke basis data…", 100),
        ("selesai", 10000, 10000, "Selesai", 100),
    ],
)
def test_the_progress_sentence(status, diproses, jumlah, teks, persen):
    from pegawai.impor_admin import keterangan_kemajuan

    assert keterangan_kemajuan(status, diproses, jumlah) == (teks, persen)


# Retention: the uploaded file and the original rejected rows are personal data (UU 27/2022 PDP).


def mundur(impor: ImporBerkas, hari: int) -> None:
    """The import ended (and was uploaded) ``hari`` days ago."""
    lalu = timezone.now() - timedelta(days=hari)
    ImporBerkas.objects.filter(pk=impor.pk).update(selesai_pada=lalu, dibuat_pada=lalu)


def test_an_ended_import_loses_its_file_and_rejected_rows_after_the_days_kept(
    admin_client, pemeran, settings
):
    from django.core.files.storage import default_storage

    settings.IMPOR_SIMPAN_HARI = 30
    unggah(admin_client, berkas_berantakan(pemeran))
    impor = periksa(impor_terakhir())
    admin_client.post(url("impor_konfirmasi", impor.pk))
    impor = jalankan(impor)
    nama = impor.berkas.name
    hitungan = {k: impor.hasil[k] for k in ("created", "updated", "unchanged", "ditolak_baris")}
    assert impor.hasil["rejected"] and default_storage.exists(nama)

    mundur(impor, 29)
    assert services.impor_expire() == 0
    assert default_storage.exists(nama)

    mundur(impor, 31)
    assert services.impor_expire() == 1
    impor.refresh_from_db()
    assert not default_storage.exists(nama)
    assert (impor.berkas.name, impor.status) == ("", Status.SELESAI)
    assert impor.dihapus_pada is not None
    for laporan in (impor.hasil, impor.pratinjau):
        assert not set(services.IMPOR_LAPORAN_DATA) & set(laporan)
    assert {k: impor.hasil[k] for k in hitungan} == hitungan
    assert services.impor_expire() == 0  # once

    halaman = admin_client.get(url("impor_detail", impor.pk)).content.decode()
    assert "sudah dihapus pada" in halaman
    assert "Unduh baris yang ditolak" not in halaman
    assert f'data-jumlah="ditolak">{hitungan["ditolak_baris"]}<' in halaman
    response = admin_client.get(url("impor_ditolak", impor.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("impor_detail", impor.pk)
    assert "sudah dihapus pada" in next(str(m) for m in response.context["messages"])


def test_a_preview_left_unconfirmed_is_cancelled_then_expired(pemeran, settings):
    settings.IMPOR_SIMPAN_HARI = 30
    lama = impor_dengan_status(pemeran, Status.SIAP)
    berjalan = impor_dengan_status(pemeran, Status.MENGIMPOR)
    baru = impor_dengan_status(pemeran, Status.SELESAI)
    for impor in (lama, berjalan):
        mundur(impor, 31)
    mundur(baru, 1)

    assert services.impor_expire() == 1

    lama.refresh_from_db()
    assert (lama.status, lama.berkas.name) == (Status.DIBATALKAN, "")
    for impor in (berjalan, baru):
        impor.refresh_from_db()
        assert impor.dihapus_pada is None and impor.berkas.name


def test_beat_runs_the_expiry():
    from django.conf import settings

    tugas = {t["task"] for t in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "pegawai.tasks.impor_expire_task" in tugas
