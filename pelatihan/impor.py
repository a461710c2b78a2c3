"""Impor riwayat pengembangan kompetensi (JP masa lalu) dari .csv/.xlsx (DESIGN §6).

Konvensinya sama dengan ``pegawai.impor`` (satu entri penolakan per masalah, urut baris; kolom
opsional yang tidak ada di berkas tidak mengubah data tersimpan). Tambahan untuk riwayat:

- Baris impor tercatat bersumber ``impor`` dan langsung terverifikasi.
- Catatan yang sama = NIP + nama pelatihan (huruf besar-kecil dan spasi diabaikan) + tanggal
  mulai + tanggal selesai. Salinan kedua di berkas yang sama ditolak; yang pertama tetap masuk.
- Bila catatan itu sudah tersimpan dari impor, impor ulang memperbarui jenis, penyelenggara, JP,
  dan sertifikatnya (dan menandainya terverifikasi), atau melaporkannya tidak berubah.
- Bila catatan itu sudah tersimpan dari sumber lain (kegiatan BKPSDM atau klaim ASN yang belum
  ditolak), baris dilaporkan "tidak berubah" dan catatan itu tidak disentuh: sumber tersebut
  yang berwenang atasnya, dan impor tidak membuat duplikat. Klaim yang sudah ditolak tidak
  dihitung sebagai catatan yang sama (batasan unik pun mengabaikannya).
- Nama pelatihan disimpan seperti tertulis pada impor pertama; ejaan lain dengan kunci yang sama
  tidak mengubahnya.

Kecepatan: NIP dicari sekaligus, baris berkas dimuat dengan COPY ke tabel sementara, lalu
pencocokan, UPDATE, dan INSERT masing-masing satu perintah SQL.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pegawai.berkas import baca_tabel
from pegawai.impor import (
    LANGKAH_KEMAJUAN,
    POTONGAN_QUERY,
    HasilImpor,
    NilaiTidakValid,
    Penolakan,
    kunci_impor,
    nip_dari_sel,
    potong,
    teks_sel,
    wajib,
)
from pegawai.models import Pegawai
from pegawai.tanggal import TanggalTidakValid, format_tanggal, parse_tanggal
from pelatihan.models import JenisPengembangan, RiwayatPengembangan, kunci_nama

__all__ = ["KOLOM_OPSIONAL", "KOLOM_WAJIB", "riwayat_import"]

KOLOM_WAJIB = (
    "NIP",
    "NAMA_PELATIHAN",
    "JENIS_PENGEMBANGAN",
    "TANGGAL_MULAI",
    "TANGGAL_SELESAI",
    "JP",
)
KOLOM_OPSIONAL = ("PENYELENGGARA", "NOMOR_SERTIFIKAT", "TANGGAL_SERTIFIKAT")

_JP_DESIMAL_NOL = re.compile(r"^(\d+)(?:[.,]0+)?$")


def _kunci(teks: str) -> str:
    return "".join(teks.split()).casefold()


def _jenis(nilai: object, jenis: dict[str, int]) -> int:
    teks = wajib(nilai, "JENIS_PENGEMBANGAN")
    pk = jenis.get(_kunci(teks))
    if pk is None:
        raise NilaiTidakValid(
            _(
                "Jenis pengembangan %(nilai)s tidak dikenal; tulis kodenya (KL01 sampai KL12, "
                "NKL01 sampai NKL13) atau namanya, misalnya KL03 atau Pelatihan Teknis"
            )
            % {"nilai": repr(teks)}
        )
    return pk


def _tanggal(nilai: object, kolom: str, hari_ini: date, *, wajib_diisi: bool) -> date | None:
    if nilai is not None and not isinstance(nilai, str | int | float | date):
        teks_sel(nilai)  # rumus tanpa nilai atau galat: pesan yang sama untuk semua kolom
    if nilai is None:
        if wajib_diisi:
            raise NilaiTidakValid(_("%(kolom)s wajib diisi") % {"kolom": kolom})
        return None
    try:
        tanggal = parse_tanggal(nilai)
    except TanggalTidakValid as exc:
        raise NilaiTidakValid(str(exc)) from None
    if tanggal > hari_ini:
        raise NilaiTidakValid(
            _(
                "%(kolom)s (%(tanggal)s) berada di masa depan; hanya riwayat yang sudah terjadi "
                "yang dapat diimpor"
            )
            % {"kolom": kolom, "tanggal": format_tanggal(tanggal)}
        )
    return tanggal


def _jp(nilai: object) -> int:
    if isinstance(nilai, bool):
        raise NilaiTidakValid(_("JP harus bilangan bulat 1 sampai 999"))
    if isinstance(nilai, int):
        jp = nilai
    elif isinstance(nilai, float):
        if not nilai.is_integer():
            raise NilaiTidakValid(
                _("JP %(nilai)s bukan bilangan bulat; JP harus bilangan bulat 1 sampai 999")
                % {"nilai": f"{nilai:g}".replace(".", ",")}
            )
        jp = int(nilai)
    else:
        teks = wajib(nilai, "JP")
        cocok = _JP_DESIMAL_NOL.match(teks.replace(" ", ""))
        if cocok is None:
            raise NilaiTidakValid(
                _("JP %(nilai)s bukan bilangan bulat; JP harus bilangan bulat 1 sampai 999")
                % {"nilai": repr(teks)}
            )
        jp = int(cocok[1])
    if not 1 <= jp <= 999:
        raise NilaiTidakValid(
            _("JP %(nilai)s di luar rentang; JP harus 1 sampai 999") % {"nilai": jp}
        )
    return jp


def _teks(nilai: object, kolom: str, maksimum: int, *, wajib_diisi: bool = False) -> str:
    teks = wajib(nilai, kolom) if wajib_diisi else teks_sel(nilai)
    if teks is None:
        return ""
    if len(teks) > maksimum:
        raise NilaiTidakValid(
            _("%(kolom)s terlalu panjang: %(n)s karakter, paling banyak %(maks)s")
            % {"kolom": kolom, "n": len(teks), "maks": maksimum}
        )
    return teks


def _nomor_sertifikat(nilai: object) -> str:
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return _teks(nilai, "NOMOR_SERTIFIKAT", 100)


def riwayat_import(
    berkas,
    *,
    nama_berkas: str,
    dry_run: bool = False,
    sheet: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> HasilImpor:
    """Impor riwayat pengembangan dari berkas; satu transaksi untuk seluruh berkas.

    Parameter dan hasil sama dengan ``pegawai.impor.pegawai_import``.
    """
    hasil = HasilImpor()
    hari_ini = timezone.localdate()
    jenis: dict[str, int] = {}
    for pk, kode, nama in JenisPengembangan.objects.values_list("pk", "kode", "nama"):
        jenis[_kunci(nama)] = pk
        jenis[_kunci(kode)] = pk

    valid: list[tuple] = []
    data_baris: dict[int, dict] = {}
    pertama: dict[tuple, int] = {}
    nama_sama: dict[str, str] = {}  # satu objek str untuk nama/penyelenggara yang berulang
    with baca_tabel(
        berkas,
        nama_berkas=nama_berkas,
        kolom_wajib=KOLOM_WAJIB,
        kolom_opsional=KOLOM_OPSIONAL,
        sheet=sheet,
    ) as tabel:
        if progress is not None and hasattr(progress, "total"):
            progress.total = tabel.jumlah_baris_perkiraan
        ada = set(tabel.kolom)
        dibaca = 0
        for nomor, data in tabel.baris():
            dibaca += 1
            masalah: list[tuple[str, str]] = []

            def ambil(kolom, fungsi, *args, masalah=masalah, **kwargs):
                try:
                    return fungsi(*args, **kwargs)
                except NilaiTidakValid as exc:
                    masalah.append((kolom, exc.pesan))
                    return None

            get = data.get
            nip = ambil("NIP", nip_dari_sel, get("NIP"), "NIP")
            nama = ambil(
                "NAMA_PELATIHAN",
                _teks,
                get("NAMA_PELATIHAN"),
                "NAMA_PELATIHAN",
                300,
                wajib_diisi=True,
            )
            jenis_id = ambil("JENIS_PENGEMBANGAN", _jenis, get("JENIS_PENGEMBANGAN"), jenis)
            mulai = ambil(
                "TANGGAL_MULAI",
                _tanggal,
                get("TANGGAL_MULAI"),
                "TANGGAL_MULAI",
                hari_ini,
                wajib_diisi=True,
            )
            selesai = ambil(
                "TANGGAL_SELESAI",
                _tanggal,
                get("TANGGAL_SELESAI"),
                "TANGGAL_SELESAI",
                hari_ini,
                wajib_diisi=True,
            )
            if mulai is not None and selesai is not None and mulai > selesai:
                masalah.append(
                    (
                        "TANGGAL_MULAI",
                        _("Tanggal mulai (%(mulai)s) setelah tanggal selesai (%(selesai)s)")
                        % {"mulai": format_tanggal(mulai), "selesai": format_tanggal(selesai)},
                    )
                )
            jp = ambil("JP", _jp, get("JP"))
            penyelenggara = nomor_sertifikat = ""
            tanggal_sertifikat = None
            if "PENYELENGGARA" in ada:
                penyelenggara = ambil(
                    "PENYELENGGARA", _teks, get("PENYELENGGARA"), "PENYELENGGARA", 200
                )
            if "NOMOR_SERTIFIKAT" in ada:
                nomor_sertifikat = ambil(
                    "NOMOR_SERTIFIKAT", _nomor_sertifikat, get("NOMOR_SERTIFIKAT")
                )
            if "TANGGAL_SERTIFIKAT" in ada:
                tanggal_sertifikat = ambil(
                    "TANGGAL_SERTIFIKAT",
                    _tanggal,
                    get("TANGGAL_SERTIFIKAT"),
                    "TANGGAL_SERTIFIKAT",
                    hari_ini,
                    wajib_diisi=False,
                )

            if not masalah:
                kunci = kunci_nama(nama)
                sama = pertama.setdefault((nip, kunci, mulai, selesai), nomor)
                if sama != nomor:
                    masalah.append(
                        (
                            "NAMA_PELATIHAN",
                            _(
                                "Riwayat yang sama (NIP, nama pelatihan, tanggal mulai dan "
                                "selesai) sudah ada di baris %(baris)s; salinan ini ditolak"
                            )
                            % {"baris": sama},
                        )
                    )
            if masalah:
                data_baris[nomor] = data
                for kolom, pesan in masalah:
                    hasil.rejected.append(Penolakan(nomor, kolom, pesan, data))
            else:
                nama = nama_sama.setdefault(nama, nama)
                penyelenggara = nama_sama.setdefault(penyelenggara, penyelenggara)
                valid.append(
                    (
                        nomor,
                        nip,
                        nama,
                        kunci,
                        jenis_id,
                        penyelenggara,
                        mulai,
                        selesai,
                        jp,
                        nomor_sertifikat,
                        tanggal_sertifikat,
                    )
                )
            if progress is not None and dibaca % LANGKAH_KEMAJUAN == 0:
                progress(dibaca)
    del pertama, nama_sama

    if valid:
        with transaction.atomic():
            kunci_impor("impor_riwayat")
            _simpan(valid, ada, hasil)
            if dry_run:
                transaction.set_rollback(True)
    hasil.rejected.sort(key=lambda p: p.baris)
    if progress is not None:
        progress(dibaca)
    return hasil


def _simpan(valid: list[tuple], ada: set[str], hasil: HasilImpor) -> None:
    pegawai: dict[str, int] = {}
    nip_berkas = sorted({b[1] for b in valid})
    for potongan in potong(nip_berkas, POTONGAN_QUERY):
        pegawai.update(Pegawai.objects.filter(nip__in=potongan).values_list("nip", "pk"))
    tak_dikenal = [b for b in valid if b[1] not in pegawai]
    for b in tak_dikenal:
        hasil.rejected.append(
            Penolakan(
                b[0],
                "NIP",
                _("NIP %(nip)s tidak terdaftar sebagai pegawai; impor data pegawainya lebih dahulu")
                % {"nip": b[1]},
                {"NIP": b[1], "NAMA_PELATIHAN": b[2]},
            )
        )
    if tak_dikenal:
        valid = [b for b in valid if b[1] in pegawai]
    if not valid:
        return

    tabel = connection.ops.quote_name(RiwayatPengembangan._meta.db_table)
    impor = RiwayatPengembangan.Sumber.IMPOR
    terverifikasi = RiwayatPengembangan.Status.TERVERIFIKASI
    ditolak = RiwayatPengembangan.Status.DITOLAK
    # Isian opsional yang kolomnya tidak ada di berkas tidak dibandingkan dan tidak diubah.
    opsional = [
        k
        for k, kolom in (
            ("penyelenggara", "PENYELENGGARA"),
            ("nomor_sertifikat", "NOMOR_SERTIFIKAT"),
            ("tanggal_sertifikat", "TANGGAL_SERTIFIKAT"),
        )
        if kolom in ada
    ]
    dibanding = ["jenis_id", "jp", *opsional]
    sama = " AND ".join(f"r.{k} IS NOT DISTINCT FROM t.{k}" for k in dibanding)
    with connection.cursor() as cursor:
        # Sisa impor sebelumnya dalam transaksi luar yang sama (ON COMMIT belum terjadi).
        cursor.execute("DROP TABLE IF EXISTS pg_temp.impor_riwayat")
        cursor.execute(
            """
            CREATE TEMP TABLE impor_riwayat (
                pegawai_id bigint, nama_pelatihan varchar(300), nama_kunci varchar(300),
                jenis_id bigint, penyelenggara varchar(200), tanggal_mulai date,
                tanggal_selesai date, jp smallint, nomor_sertifikat varchar(100),
                tanggal_sertifikat date, riwayat_id bigint, sumber varchar(10),
                sama boolean
            ) ON COMMIT DROP
            """
        )
        with cursor.copy(
            "COPY impor_riwayat (pegawai_id, nama_pelatihan, nama_kunci, jenis_id, penyelenggara,"
            " tanggal_mulai, tanggal_selesai, jp, nomor_sertifikat, tanggal_sertifikat)"
            " FROM STDIN"
        ) as copy:
            for b in valid:
                copy.write_row((pegawai[b[1]], *b[2:]))
        cursor.execute("ANALYZE impor_riwayat")
        # Cocokkan dengan catatan tersimpan lewat indeks unik (pegawai, nama, tanggal).
        cursor.execute(
            f"""
            UPDATE impor_riwayat AS t
            SET riwayat_id = r.id, sumber = r.sumber,
                sama = ({sama} AND r.status = %s)
            FROM {tabel} AS r
            WHERE r.pegawai_id = t.pegawai_id AND r.nama_kunci = t.nama_kunci
              AND r.tanggal_mulai = t.tanggal_mulai AND r.tanggal_selesai = t.tanggal_selesai
              AND r.status <> %s
            """,  # noqa: S608 - nama kolom dari kode, nilai lewat parameter
            [terverifikasi, ditolak],
        )
        ubah = ", ".join(f"{k} = t.{k}" for k in dibanding)
        cursor.execute(
            f"""
            UPDATE {tabel} AS r SET {ubah}, status = %s, diubah_pada = now()
            FROM impor_riwayat AS t
            WHERE r.id = t.riwayat_id AND t.sumber = %s AND NOT t.sama
            """,  # noqa: S608
            [terverifikasi, impor],
        )
        diperbarui = cursor.rowcount
        cursor.execute(
            f"""
            INSERT INTO {tabel} (
                pegawai_id, nama_pelatihan, nama_kunci, jenis_id, penyelenggara, tanggal_mulai,
                tanggal_selesai, jp, nomor_sertifikat, tanggal_sertifikat, berkas_sertifikat,
                sumber, status, alasan_penolakan, diverifikasi_pada, dibuat_pada, diubah_pada
            )
            SELECT pegawai_id, nama_pelatihan, nama_kunci, jenis_id,
                   coalesce(penyelenggara, ''), tanggal_mulai, tanggal_selesai, jp,
                   coalesce(nomor_sertifikat, ''), tanggal_sertifikat, '', %s, %s, '',
                   now(), now(), now()
            FROM impor_riwayat WHERE riwayat_id IS NULL
            """,  # noqa: S608
            [impor, terverifikasi],
        )
        dibuat = cursor.rowcount
    hasil.created += dibuat
    hasil.updated += diperbarui
    hasil.unchanged += len(valid) - dibuat - diperbarui
