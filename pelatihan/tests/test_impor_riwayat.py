"""Impor riwayat pengembangan (DESIGN §6): ekspor SIASN/berkas OPD, XLSX, catatan yang sama,
sumber lain, uji coba, perintah, dan jumlah query."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from pegawai import impor_massal
from pegawai.berkas import BerkasTidakTerbaca
from pegawai.impor import HasilImpor
from pegawai.models import JenisPegawai
from pegawai.tests.factories import PegawaiFactory
from pelatihan import impor as modul_impor
from pelatihan.impor import riwayat_import
from pelatihan.models import JenisPengembangan, RiwayatPengembangan

DATA = Path(__file__).parent / "data"
SIASN = DATA / "riwayat_siasn.csv"

NIP_A = "198001152005012003"
NIP_B = "198508172010011002"
NIP_C = "199205052022211001"

PENOLAKAN_SIASN = [
    (4, "NAMA_PELATIHAN", "sudah ada di baris 2"),
    (6, "NIP", "197001011995031001 tidak terdaftar"),
    (7, "TANGGAL_MULAI", "tidak ada di kalender"),
    (8, "TANGGAL_MULAI", "setelah tanggal selesai"),
    (9, "TANGGAL_SELESAI", "masa depan"),
    (10, "JP", "'12,5' bukan bilangan bulat"),
    (11, "JP", "di luar rentang"),
    (12, "JP", "di luar rentang"),
    (13, "JENIS_PENGEMBANGAN", "'KL99' tidak dikenal"),
    (14, "NIP", "notasi ilmiah"),
]
Sumber = RiwayatPengembangan.Sumber
Status = RiwayatPengembangan.Status


def jenis(kode: str) -> JenisPengembangan:
    return JenisPengembangan.objects.get(kode=kode)


@pytest.fixture
def pegawai(db):
    return {
        NIP_A: PegawaiFactory(nip=NIP_A, jenis_kelamin="P"),
        NIP_B: PegawaiFactory(nip=NIP_B),
        NIP_C: PegawaiFactory(nip=NIP_C, jenis_pegawai=JenisPegawai.PPPK),
    }


@pytest.fixture
def tersimpan(pegawai):
    """Satu klaim ASN yang menunggu verifikasi dan satu impor lama, keduanya ada di berkas."""
    klaim = RiwayatPengembangan.objects.create(
        pegawai=pegawai[NIP_A],
        nama_pelatihan="Coaching Kepemimpinan",
        jenis=jenis("NKL01"),
        penyelenggara="Mentor sendiri",
        tanggal_mulai=date(2024, 2, 1),
        tanggal_selesai=date(2024, 2, 28),
        jp=6,
        sumber=Sumber.KLAIM,
        status=Status.MENUNGGU,
    )
    impor_lama = RiwayatPengembangan.objects.create(
        pegawai=pegawai[NIP_B],
        nama_pelatihan="Diklat PIM IV",
        jenis=jenis("KL01"),
        penyelenggara="BPSDM Aceh",
        tanggal_mulai=date(2019, 3, 1),
        tanggal_selesai=date(2019, 6, 30),
        jp=40,
        sumber=Sumber.IMPOR,
        status=Status.TERVERIFIKASI,
    )
    return klaim, impor_lama


def impor(berkas, **kwargs) -> HasilImpor:
    return riwayat_import(berkas, nama_berkas=Path(str(berkas)).name, **kwargs)


def ringkas(hasil: HasilImpor) -> list[tuple[int, str]]:
    return [(p.baris, p.kolom) for p in hasil.rejected]


def tulis_csv(path: Path, header, baris, delimiter=","):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(baris)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


HEADER = ["NIP", "NAMA_PELATIHAN", "JENIS_PENGEMBANGAN", "TANGGAL_MULAI", "TANGGAL_SELESAI", "JP"]


def test_a_siasn_export_imports_exactly_its_valid_rows(tersimpan, pegawai):
    klaim, impor_lama = tersimpan

    hasil = impor(SIASN)

    assert ringkas(hasil) == [(b, k) for b, k, _ in PENOLAKAN_SIASN]
    for penolakan, (_, _, potongan) in zip(hasil.rejected, PENOLAKAN_SIASN, strict=True):
        assert potongan in penolakan.pesan, penolakan
    # Dibuat: baris 2, 3, 15; diperbarui: baris 17 (impor lama); tidak berubah: baris 16 (klaim).
    assert (hasil.created, hasil.updated, hasil.unchanged) == (3, 1, 1)
    assert hasil.exit_status == 1

    pkp = RiwayatPengembangan.objects.get(pegawai=pegawai[NIP_A], jenis__kode="KL01")
    assert (pkp.nama_pelatihan, pkp.tanggal_mulai, pkp.tanggal_selesai, pkp.jp) == (
        "Pelatihan Kepemimpinan Pengawas",
        date(2023, 3, 1),
        date(2023, 6, 30),
        41,
    )
    assert (pkp.penyelenggara, pkp.nomor_sertifikat, pkp.tanggal_sertifikat) == (
        "BPSDM Aceh",
        "800/123/PKP/2023",
        date(2023, 7, 5),
    )
    assert (pkp.sumber, pkp.status, pkp.nama_kunci) == (
        Sumber.IMPOR,
        Status.TERVERIFIKASI,
        "pelatihan kepemimpinan pengawas",
    )
    assert pkp.diverifikasi_pada is not None

    seminar = RiwayatPengembangan.objects.get(pegawai=pegawai[NIP_B], jenis__kode="KL06")
    assert (seminar.jp, seminar.tanggal_mulai) == (8, date(2024, 8, 12))  # "8.0", "12 Agt 2024"
    elearning = RiwayatPengembangan.objects.get(pegawai=pegawai[NIP_C])
    assert (elearning.jenis.kode, elearning.tanggal_mulai, elearning.tanggal_selesai) == (
        "NKL03",
        date(2024, 8, 1),
        date(2024, 8, 12),
    )

    klaim.refresh_from_db()
    assert (klaim.sumber, klaim.status, klaim.jp, klaim.penyelenggara) == (
        Sumber.KLAIM,
        Status.MENUNGGU,
        6,
        "Mentor sendiri",
    )
    impor_lama.refresh_from_db()
    assert (impor_lama.jp, impor_lama.nomor_sertifikat, impor_lama.tanggal_sertifikat) == (
        45,
        "PIM4/2019/77",
        date(2019, 7, 15),
    )
    assert impor_lama.nama_pelatihan == "Diklat PIM IV"
    assert RiwayatPengembangan.objects.count() == 5


def test_importing_the_same_file_again_changes_nothing(tersimpan):
    impor(SIASN)
    sebelum = list(RiwayatPengembangan.objects.order_by("pk").values())

    hasil = impor(SIASN)

    assert (hasil.created, hasil.updated, hasil.unchanged) == (0, 0, 5)
    assert ringkas(hasil) == [(b, k) for b, k, _ in PENOLAKAN_SIASN]
    assert list(RiwayatPengembangan.objects.order_by("pk").values()) == sebelum


def test_a_dry_run_reports_the_same_and_changes_nothing(tersimpan):
    sebelum = list(RiwayatPengembangan.objects.order_by("pk").values())
    uji = impor(SIASN, dry_run=True)
    assert list(RiwayatPengembangan.objects.order_by("pk").values()) == sebelum
    assert uji.as_dict() == impor(SIASN).as_dict()


def test_a_rejected_claim_is_not_the_same_record(pegawai, tmp_path):
    RiwayatPengembangan.objects.create(
        pegawai=pegawai[NIP_A],
        nama_pelatihan="Bimtek SIASN",
        jenis=jenis("KL10"),
        tanggal_mulai=date(2024, 4, 1),
        tanggal_selesai=date(2024, 4, 3),
        jp=24,
        sumber=Sumber.KLAIM,
        status=Status.DITOLAK,
        alasan_penolakan="Sertifikat tidak terbaca",
    )
    berkas = tulis_csv(
        tmp_path / "a.csv",
        HEADER,
        [[NIP_A, "bimtek siasn", "KL10", "01-04-2024", "03-04-2024", 24]],
    )
    hasil = impor(berkas)
    assert (hasil.created, hasil.unchanged) == (1, 0)
    assert RiwayatPengembangan.objects.filter(status=Status.TERVERIFIKASI).count() == 1


def test_an_optional_column_left_out_keeps_the_stored_value(tersimpan, tmp_path):
    _, impor_lama = tersimpan
    RiwayatPengembangan.objects.filter(pk=impor_lama.pk).update(nomor_sertifikat="LAMA/1")
    berkas = tulis_csv(
        tmp_path / "a.csv",
        [*HEADER, "PENYELENGGARA"],
        [[NIP_B, "DIKLAT  PIM IV", "Pelatihan Struktural Kepemimpinan", "01/03/2019",
          "30/06/2019", "40", "BPSDM Aceh"]],
    )  # fmt: skip
    assert impor(berkas).unchanged == 1
    berkas = tulis_csv(
        tmp_path / "b.csv",
        [*HEADER, "PENYELENGGARA"],
        [[NIP_B, "Diklat PIM IV", "KL01", "01/03/2019", "30/06/2019", "45", ""]],
    )
    assert impor(berkas).updated == 1
    impor_lama.refresh_from_db()
    assert (impor_lama.jp, impor_lama.penyelenggara, impor_lama.nomor_sertifikat) == (
        45,
        "",
        "LAMA/1",
    )


@pytest.mark.parametrize(
    ("kolom", "nilai", "potongan"),
    [
        ("NIP", "", "NIP wajib diisi"),
        ("NIP", "19800115200501200", "18 digit"),
        ("NAMA_PELATIHAN", "", "wajib diisi"),
        ("NAMA_PELATIHAN", "x" * 301, "terlalu panjang"),
        ("JENIS_PENGEMBANGAN", "", "wajib diisi"),
        ("TANGGAL_MULAI", "", "wajib diisi"),
        ("TANGGAL_MULAI", "kemarin", "bukan tanggal"),
        ("TANGGAL_SELESAI", "12/08/24", "empat digit"),
        ("JP", "", "wajib diisi"),
        ("JP", "dua belas", "bukan bilangan bulat"),
        ("JP", "12.5", "bukan bilangan bulat"),
        ("JP", "-3", "bukan bilangan bulat"),
    ],
)
def test_each_bad_value_rejects_its_row_naming_the_column(
    pegawai, tmp_path, kolom, nilai, potongan
):
    baris = [
        [NIP_A, "Pelatihan Teknis", "KL03", "01-02-2024", "03-02-2024", "24"],
        [NIP_B, "Pelatihan Teknis", "KL03", "01-02-2024", "03-02-2024", "24"],
    ]
    baris[1][HEADER.index(kolom)] = nilai
    hasil = impor(tulis_csv(tmp_path / "a.csv", HEADER, baris))
    assert ringkas(hasil) == [(3, kolom)]
    assert potongan in hasil.rejected[0].pesan
    assert hasil.created == 1


@pytest.mark.parametrize("jp", ["12", " 12 ", "12.0", "12,0", "12,00"])
def test_jp_written_by_excel_as_a_whole_decimal_is_accepted(pegawai, tmp_path, jp):
    berkas = tulis_csv(
        tmp_path / "a.csv", HEADER, [[NIP_A, "Pelatihan", "KL03", "01-02-2024", "03-02-2024", jp]]
    )
    assert impor(berkas).created == 1
    assert RiwayatPengembangan.objects.get().jp == 12


def test_the_end_date_may_be_today_but_not_tomorrow(pegawai, tmp_path, settings):
    from django.utils import timezone

    hari_ini = timezone.localdate()
    besok = hari_ini.toordinal() + 1
    baris = [
        [NIP_A, "Hari ini", "KL03", hari_ini.isoformat(), hari_ini.isoformat(), "8"],
        [NIP_A, "Besok", "KL03", hari_ini.isoformat(), date.fromordinal(besok).isoformat(), "8"],
    ]
    hasil = impor(tulis_csv(tmp_path / "a.csv", HEADER, baris))
    assert ringkas(hasil) == [(3, "TANGGAL_SELESAI")]


def test_an_xlsx_with_date_cells_numbers_and_a_formula(pegawai, tmp_path):
    wb = Workbook()
    wb.active.title = "Petunjuk"
    wb.active.sheet_state = "hidden"
    ws = wb.create_sheet("Riwayat")
    ws.append(["NIP", "Nama Pelatihan", "Jenis Pengembangan", "Tanggal Mulai", "Tanggal Selesai",
               "JP", "Nomor Sertifikat"])  # fmt: skip
    ws.append(
        [NIP_A, "Latsar CPNS", "KL04", datetime(2023, 5, 2), datetime(2023, 7, 28), 12.0, 1234]
    )
    ws.append([int(NIP_B), "Bimtek", "KL10", datetime(2024, 1, 2), datetime(2024, 1, 3), 16, None])
    ws.append([NIP_C, "Webinar", "KL06", datetime(2024, 2, 2), datetime(2024, 2, 2), "=2*4", None])
    ws.append([NIP_C, "Kursus", "KL08", datetime(2024, 3, 1), datetime(2024, 3, 9), 12.5, None])
    berkas = tmp_path / "riwayat.xlsx"
    wb.save(berkas)

    hasil = impor(berkas)

    assert ringkas(hasil) == [(3, "NIP"), (4, "JP"), (5, "JP")]
    assert "15 digit" in hasil.rejected[0].pesan
    assert "rumus tanpa nilai tersimpan" in hasil.rejected[1].pesan
    assert "12,5 bukan bilangan bulat" in hasil.rejected[2].pesan
    latsar = RiwayatPengembangan.objects.get()
    assert (latsar.jp, latsar.nomor_sertifikat, latsar.tanggal_selesai) == (
        12,
        "1234",
        date(2023, 7, 28),
    )
    assert impor(berkas).unchanged == 1


def test_a_file_that_cannot_be_used_changes_nothing(tersimpan, tmp_path):
    berkas = tmp_path / "riwayat.xlsx"
    berkas.write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(BerkasTidakTerbaca):
        impor(berkas)
    kurang = tulis_csv(tmp_path / "a.csv", ["NIP", "NAMA_PELATIHAN", "JP"], [[NIP_A, "x", "1"]])
    with pytest.raises(BerkasTidakTerbaca) as exc:
        impor(kurang)
    assert "JENIS_PENGEMBANGAN, TANGGAL_MULAI, TANGGAL_SELESAI" in str(exc.value)
    assert RiwayatPengembangan.objects.count() == 2


def test_the_command_prints_json_and_uses_the_exit_statuses(tersimpan, tmp_path):
    out = io.StringIO()
    with pytest.raises(SystemExit) as keluar:
        call_command("import_riwayat", str(SIASN), "--json", stdout=out)
    assert keluar.value.code == 1
    data = json.loads(out.getvalue())
    assert (data["created"], data["updated"], data["unchanged"]) == (3, 1, 1)
    assert [(r["row"], r["column"]) for r in data["rejected"]] == [
        (b, k) for b, k, _ in PENOLAKAN_SIASN
    ]

    header_saja = tulis_csv(tmp_path / "h.csv", HEADER, [])
    out = io.StringIO()
    call_command("import_riwayat", str(header_saja), "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "created": 0,
        "updated": 0,
        "unchanged": 0,
        "rejected": [],
    }

    kosong = tmp_path / "kosong.csv"
    kosong.write_bytes(b"")
    with pytest.raises(CommandError) as exc:
        call_command("import_riwayat", str(kosong), stdout=io.StringIO())
    assert exc.value.returncode == 2


def test_the_command_summary_in_indonesian(tersimpan):
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import_riwayat", str(SIASN), "--dry-run", stdout=out)
    teks = out.getvalue()
    assert "Impor riwayat pengembangan dari" in teks
    assert "dibuat 3, diperbarui 1, tidak berubah 1, ditolak 10 baris" in teks
    assert "10     JP" in teks
    assert RiwayatPengembangan.objects.count() == 2


def test_the_number_of_queries_does_not_grow_with_rows(pegawai, tmp_path):
    def berkas(n, nama):
        baris = [
            [nip, f"Pelatihan {nama} {i}", "KL03", "01-02-2024", "03-02-2024", "8"]
            for i in range(n)
            for nip in pegawai
        ]
        return tulis_csv(tmp_path / f"{nama}.csv", HEADER, baris)

    with CaptureQueriesContext(connection) as kecil:
        assert impor(berkas(3, "kecil")).created == 9
    with CaptureQueriesContext(connection) as besar:
        assert impor(berkas(100, "besar")).created == 300
    assert len(besar) == len(kecil)
    assert len(kecil) <= 15


# ---------------------------------------------------------------------------------------------
# Muat massal (impor besar dibanding isi tabel): hasil yang sama, skema yang sama
# ---------------------------------------------------------------------------------------------


def skema() -> tuple[list, list]:
    tabel = RiwayatPengembangan._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = %s::regclass"
            " ORDER BY 1",
            [tabel],
        )
        indeks = [b[0] for b in cursor.fetchall()]
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid), convalidated FROM pg_constraint"
            " WHERE conrelid = %s::regclass ORDER BY 1",
            [tabel],
        )
        return indeks, cursor.fetchall()


def potret() -> list[tuple]:
    return sorted(
        RiwayatPengembangan.objects.values_list(
            "pegawai__nip", "nama_pelatihan", "nama_kunci", "jenis__kode", "penyelenggara",
            "tanggal_mulai", "tanggal_selesai", "jp", "nomor_sertifikat", "tanggal_sertifikat",
            "berkas_sertifikat", "sumber", "status", "alasan_penolakan", "kegiatan_id",
            "diverifikasi_oleh_id",
        )
    )  # fmt: skip


@pytest.fixture
def massal(monkeypatch) -> list[bool]:
    """Setiap penulisan dimuat massal bila bisa; daftar yang dihasilkan mencatat apakah setiap
    penulisan benar-benar dimuat massal."""
    monkeypatch.setattr(impor_massal, "BATAS_BARIS", 1)
    monkeypatch.setattr(impor_massal, "BAGIAN_TABEL", 0)
    dimuat: list[bool] = []
    asli = impor_massal.muat_massal

    @contextlib.contextmanager
    def catat(*args, **kwargs):
        with asli(*args, **kwargs) as massal:
            dimuat.append(massal)
            yield massal

    monkeypatch.setattr(modul_impor, "muat_massal", catat)
    return dimuat


def test_a_bulk_load_gives_the_same_rows_report_and_schema(tersimpan, massal, monkeypatch):
    awal = skema()
    with transaction.atomic():
        monkeypatch.setattr(impor_massal, "BATAS_BARIS", 10**9)
        biasa = impor(SIASN).as_dict()
        isi_biasa = potret()
        transaction.set_rollback(True)
    monkeypatch.setattr(impor_massal, "BATAS_BARIS", 1)
    assert massal == [False]

    # Baris pegawai tanpa catatan langsung di-COPY, sisanya lewat pencocokan: keduanya massal.
    assert impor(SIASN).as_dict() == biasa
    assert massal == [False, True]
    assert (biasa["created"], biasa["updated"], biasa["unchanged"]) == (3, 1, 1)
    assert potret() == isi_biasa
    assert skema() == awal

    ulang = impor(SIASN)
    assert (ulang.created, ulang.updated, ulang.unchanged) == (0, 0, 5)
    assert massal == [False, True, False]
    assert potret() == isi_biasa


def indeks() -> dict[str, tuple[int, bool, bool]]:
    """Nama → (oid, unik, parsial) setiap indeks tabel riwayat."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexrelid::regclass::text, indexrelid::int, indisunique, indpred IS NOT NULL"
            " FROM pg_index WHERE indrelid = %s::regclass",
            [RiwayatPengembangan._meta.db_table],
        )
        return {nama: tuple(sisa) for nama, *sisa in cursor.fetchall()}


def test_a_bulk_load_keeps_unique_and_partial_indexes_and_rebuilds_the_others(tersimpan, massal):
    awal = indeks()
    assert impor(SIASN).created == 3
    assert massal == [True]
    akhir = indeks()
    assert akhir.keys() == awal.keys()
    tetap = {nama for nama, (oid, *_) in awal.items() if akhir[nama][0] == oid}
    assert tetap == {nama for nama, (_, unik, parsial) in awal.items() if unik or parsial}
    assert {"riwayat_kegiatan", "riwayat_jp_terverifikasi", "riwayat_unik_per_pegawai"} <= tetap
    assert "riwayat_tanggal_selesai" not in tetap


def test_a_bulk_dry_run_changes_neither_rows_nor_schema(tersimpan, massal):
    awal = skema()
    isi = potret()
    assert impor(SIASN, dry_run=True).created == 3
    assert massal == [True]
    assert potret() == isi
    assert skema() == awal


def test_a_bulk_load_streams_rows_while_reading_with_the_same_report(tersimpan, massal):
    isi = potret()
    with transaction.atomic():
        biasa = impor(SIASN, progress=lambda dibaca: None).as_dict()
        transaction.set_rollback(True)
    assert massal == [True]
    assert potret() == isi

    mengalir = impor(SIASN)
    assert massal == [True, True]
    assert mengalir.as_dict() == biasa
    assert [p.as_dict() for p in mengalir.rejected] == biasa["rejected"]


def test_a_progress_that_uses_the_database_during_a_bulk_load(tersimpan, massal):
    # Impor latar admin mencatat kemajuannya di basis data: dengan progress baris tidak
    # di-COPY sambil membaca, jadi koneksi bebas untuk query-nya.
    dicatat = []

    def kemajuan(dibaca: int) -> None:
        dicatat.append((dibaca, RiwayatPengembangan.objects.count()))

    kemajuan.total = None
    hasil = impor(SIASN, progress=kemajuan)
    assert massal == [True]
    assert (hasil.created, hasil.updated, hasil.unchanged) == (3, 1, 1)
    assert dicatat == [(15, RiwayatPengembangan.objects.count())]


def test_a_failure_while_streaming_leaves_rows_and_schema_as_they_were(
    tersimpan, massal, monkeypatch
):
    awal, isi = skema(), potret()
    asli = modul_impor._Penulis.terima

    def terima(self, b):
        # Putus pada baris berikutnya setelah baris pertama di-COPY ke tabel riwayat.
        if self.dialirkan:
            raise RuntimeError("putus")
        asli(self, b)

    monkeypatch.setattr(modul_impor._Penulis, "terima", terima)
    with pytest.raises(RuntimeError, match="putus"):
        impor(SIASN)
    assert massal == [True]
    assert potret() == isi
    assert skema() == awal
