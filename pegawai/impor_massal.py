"""Muat massal di dalam transaksi impor: indeks dan foreign key dibangun sekali, bukan per baris.

Impor yang menulis banyak baris dibanding isi tabelnya (misalnya memuat data sebuah kota untuk
pertama kali) menghabiskan sebagian besar waktunya di PostgreSQL untuk dua hal per baris:
memperbarui indeks (terutama indeks trigram GIN pencarian admin) dan pemeriksaan foreign key
(pemicu per baris per foreign key, yang ditunda sampai commit). Untuk impor seperti itu,
:func:`muat_massal` di dalam transaksi impor:

1. membuang semua foreign key tabel itu dan indeksnya yang tidak menjaga keunikan (kecuali
   indeks parsial, lihat :data:`_SQL_INDEKS`), dan
   mematikan pemicu INSERT-nya (jejak audit: baris yang dimuat massal tidak disalin satu per
   satu; catatan impornya yang menyebut siapa memuat berkas apa);
2. membiarkan pemanggil menulis barisnya (COPY, UPDATE … FROM);
3. membuat ulang indeks itu (satu kali sortir, jauh lebih cepat daripada sisipan satu per satu)
   dan menambahkan kembali foreign key-nya: PostgreSQL memeriksa seluruh tabel dengan satu join
   per foreign key, bukan satu query per baris. Id rujukan sudah dicari importer, jadi
   pemeriksaan ini praktis tidak pernah gagal; bila gagal, impor gagal dan semuanya batal.

DDL PostgreSQL ikut transaksi: definisi yang dibuat ulang diambil dari katalog
(``pg_get_indexdef``/``pg_get_constraintdef``) sehingga persis sama dengan sebelumnya (nama, kolom,
DEFERRABLE INITIALLY DEFERRED), dan bila proses mati atau impor gagal di tengah jalan semuanya
kembali seperti semula. Indeks unik (NIP, catatan riwayat yang sama) tetap dijaga per baris.

Harganya kunci: ACCESS EXCLUSIVE atas tabel yang dimuat dan atas semua tabel yang dirujuk foreign
key-nya (untuk impor pegawai: pegawai, golongan, jabatan, perangkat daerah, unit kerja, pengguna;
untuk impor riwayat: riwayat, pegawai, jenis pengembangan, kegiatan, pengguna) sampai transaksi
impor selesai, yaitu beberapa detik untuk puluhan ribu baris. Selama itu permintaan yang membaca
tabel-tabel tersebut (hampir semua halaman, juga login) menunggu. Karena itu cara ini hanya dipakai
bila baris yang ditulis paling sedikit :data:`BATAS_BARIS` dan paling sedikit :data:`BAGIAN_TABEL`
dari isi tabel; impor kecil dan impor ulang yang hampir tidak mengubah apa pun tetap menulis per
baris dengan kunci baris biasa.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import OperationalError, connection, transaction

__all__ = ["BAGIAN_TABEL", "BATAS_BARIS", "ambang", "muat_massal"]

BATAS_BARIS = 10_000
BAGIAN_TABEL = 0.2
# Memori pembuatan indeks, hanya untuk transaksi impor (SET LOCAL). Pada 50.000–110.000 baris
# bawaan 64 MB sudah cukup (tidak lebih cepat dengan lebih banyak); tabel yang jauh lebih besar
# tetap tersortir di memori.
_MEMORI_INDEKS = "128MB"
# Galat PostgreSQL "object_in_use": tabel masih punya pemeriksaan tertunda dari awal transaksi.
_OBJEK_DIPAKAI = "55006"

# Foreign key tabel (conrelid) beserta foreign key tabel-tabel yang dirujuknya: kunci yang harus
# ditunaikan lebih dulu agar DDL diizinkan ("pending trigger events").
_SQL_FK = """
    WITH fk AS (
        SELECT c.oid, c.conname, c.conrelid, c.confrelid, c.condeferrable, c.condeferred,
               pg_get_constraintdef(c.oid) AS definisi
        FROM pg_constraint c WHERE c.contype = 'f'
    )
    SELECT conname, conrelid = %(t)s::regclass, confrelid::regclass::text, condeferrable,
           condeferred, definisi
    FROM fk
    WHERE conrelid = %(t)s::regclass
       OR conrelid IN (SELECT confrelid FROM fk WHERE conrelid = %(t)s::regclass)
    ORDER BY conname
"""
# Pemicu baris tabel pada INSERT selain milik batasan (jejak audit, pelatihan.models._diaudit):
# dimatikan selama pemuatan, agar baris yang dimuat tidak disalin satu per satu.
_SQL_PEMICU_INSERT = """
    SELECT tgname FROM pg_trigger
    WHERE tgrelid = %s::regclass AND NOT tgisinternal AND tgenabled <> 'D'
      AND (tgtype::int & 4) <> 0
    ORDER BY 1
"""
# Indeks yang tidak menjaga keunikan, tidak menjadi bagian batasan, dan tidak parsial. Indeks
# parsial tetap: baris muatan jarang masuk ke sana (riwayat impor tidak punya kegiatan,
# verifikator, atau status menunggu), menjaganya hanya memeriksa syaratnya per baris, sedangkan
# membangunnya ulang memindai seluruh tabel per indeks (riwayat sekota: 0,03 detik lebih cepat).
_SQL_INDEKS = """
    SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
    FROM pg_index i
    WHERE i.indrelid = %s::regclass AND NOT i.indisunique AND NOT i.indisprimary
      AND i.indpred IS NULL
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
    ORDER BY 1
"""


@contextlib.contextmanager
def muat_massal(model, *, jumlah: int, pulihkan: bool = True) -> Iterator[bool]:
    """Konteks penulisan ``jumlah`` baris ke tabel ``model``; menghasilkan ``True`` bila memuat
    massal.

    Harus dipanggil di dalam transaksi impor. Semua foreign key tabel dibuang selama pemuatan,
    juga yang kolomnya dibiarkan kosong oleh impor: pemicu pemeriksaannya tetap berjalan untuk
    setiap baris meski nilainya kosong. ``pulihkan=False`` (dry-run yang transaksinya dibatalkan)
    melewatkan pembangunan ulang: pembatalan transaksi sudah mengembalikan semuanya, dan
    pemeriksaan foreign key yang ditunda memang tidak dijalankan oleh transaksi yang dibatalkan.

    Bila tabel masih punya pemeriksaan tertunda yang tidak dapat dijalankan di sini, impor
    berjalan seperti biasa (``False``).
    """
    tabel = model._meta.db_table
    # Berkas kecil: tanpa query statistik.
    if jumlah < BATAS_BARIS or jumlah < ambang(model):
        yield False
        return
    try:
        with transaction.atomic():
            rencana = _siapkan(tabel)
    except OperationalError as exc:
        if getattr(exc.__cause__, "sqlstate", None) != _OBJEK_DIPAKAI:
            raise
        rencana = None
    if rencana is None:
        yield False
        return
    yield True
    if pulihkan:
        _pulihkan(tabel, *rencana)


def ambang(model) -> float:
    """Jumlah baris terkecil yang dimuat massal ke tabel ``model`` (:func:`muat_massal`).

    Importer yang menulis sambil membaca memakainya untuk mulai memuat massal begitu baris yang
    akan ditulis mencapainya, tanpa menunggu akhir berkas."""
    return max(BATAS_BARIS, BAGIAN_TABEL * _perkiraan_isi(model._meta.db_table))


def _perkiraan_isi(tabel: str) -> float:
    # Statistik katalog, bukan COUNT(*): cukup untuk memilih cara, dan murah pada tabel besar.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = %s::regclass", [tabel]
        )
        return cursor.fetchone()[0]


def _qn(nama: str) -> str:
    return connection.ops.quote_name(nama)


def _siapkan(tabel: str):
    with connection.cursor() as cursor:
        cursor.execute(_SQL_FK, {"t": tabel})
        semua_fk = cursor.fetchall()
        cursor.execute(_SQL_INDEKS, [tabel])
        indeks = cursor.fetchall()
        cursor.execute(_SQL_PEMICU_INSERT, [tabel])
        pemicu = [nama for (nama,) in cursor.fetchall()]
        dibuang = [(nama, definisi) for nama, milik, _r, _t, _a, definisi in semua_fk if milik]
        if not dibuang:
            # DROP INDEX tidak memeriksa pemeriksaan tertunda, ALTER TABLE memeriksanya: tanpa
            # foreign key yang dibuang, kegagalan baru terlihat saat indeks dibangun ulang.
            return None
        dirujuk = sorted({rujukan for _n, milik, rujukan, *_ in semua_fk if milik} - {tabel})
        # Semua tabel dikunci dalam satu perintah dengan urutan tetap; DROP CONSTRAINT akan
        # mengunci tabel yang dirujuk juga.
        cursor.execute(
            f"LOCK TABLE {', '.join(_qn(t) for t in [tabel, *dirujuk])} IN ACCESS EXCLUSIVE MODE"
        )
        # Pemeriksaan yang tertunda sejak awal transaksi dijalankan sekarang (hasilnya sama
        # dengan saat commit): DDL menolak tabel yang masih punya pemeriksaan tertunda.
        segera = [nama for nama, _m, _r, tunda, _a, _d in semua_fk if tunda]
        if segera:
            cursor.execute(f"SET CONSTRAINTS {', '.join(_qn(n) for n in segera)} IMMEDIATE")
            ditunda = [nama for nama, _m, _r, tunda, awal, _d in semua_fk if tunda and awal]
            if ditunda:
                cursor.execute(f"SET CONSTRAINTS {', '.join(_qn(n) for n in ditunda)} DEFERRED")
        # ALTER TABLE lebih dulu: ia yang menolak tabel dengan pemeriksaan tertunda yang tersisa.
        cursor.execute(
            f"ALTER TABLE {_qn(tabel)} "
            + ", ".join(
                [f"DROP CONSTRAINT {_qn(nama)}" for nama, _d in dibuang]
                + [f"DISABLE TRIGGER {_qn(nama)}" for nama in pemicu]
            )
        )
        for nama, _definisi in indeks:
            cursor.execute(f"DROP INDEX {nama}")
    return indeks, dibuang, pemicu


def _pulihkan(tabel: str, indeks, dibuang, pemicu) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL maintenance_work_mem = '{_MEMORI_INDEKS}'")
        for _nama, definisi in indeks:
            cursor.execute(definisi)
        # Satu ALTER TABLE: setiap foreign key diperiksa dengan satu join atas seluruh tabel.
        cursor.execute(
            f"ALTER TABLE {_qn(tabel)} "
            + ", ".join(
                [f"ADD CONSTRAINT {_qn(nama)} {definisi}" for nama, definisi in dibuang]
                + [f"ENABLE TRIGGER {_qn(nama)}" for nama in pemicu]
            )
        )
