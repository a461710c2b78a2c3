"""Impor standar kompetensi jabatan dan hasil asesmen kompetensi dari .csv/.xlsx.

Konvensi berkas, laporan, dan status keluar sama dengan ``pegawai.impor`` (DESIGN §6): header
tanpa beda huruf besar-kecil (spasi = garis bawah), kolom tak dikenal diabaikan, satu entri
penolakan per masalah (nomor baris seperti di spreadsheet, kolom, pesan), satu transaksi, upsert,
impor ulang berkas yang sama tidak mengubah apa pun.

**Standar kompetensi jabatan** — kolom ``JABATAN, KODE_KOMPETENSI, LEVEL``.

- JABATAN dicocokkan dengan nama jabatan tanpa beda huruf besar-kecil dan spasi berlebih. Bila
  beberapa jabatan bernama sama (jenis atau jenjang berbeda), standar berlaku untuk semuanya.
- Untuk memilih satu jenjang: "Perawat Ahli Muda" (nama + jenjang, seperti jabatan ditampilkan
  di aplikasi) atau "Perawat — Ahli Muda" (pemisah —, – atau -; sesudahnya jenjang atau jenis
  jabatan, misalnya "Kepala Seksi - Pengawas"). Nama yang persis ada sebagai jabatan selalu
  menang atas pembacaan ini.
- Jumlah dibuat/diperbarui/tidak berubah dihitung per standar yang ditulis: satu baris untuk
  nama yang dipakai tiga jabatan dihitung tiga.
- Satu jabatan dan kompetensi yang muncul lebih dari sekali dalam berkas (juga lewat nama umum
  dan nama berjenjang) menolak semua baris itu.

**Asesmen kompetensi** — kolom ``NIP, KODE_KOMPETENSI, LEVEL, TAHUN``; opsional ``METODE``.

- NIP harus terdaftar (pegawai aktif maupun tidak). TAHUN 2000 sampai tahun berjalan.
- Satu NIP, kompetensi, dan tahun yang muncul lebih dari sekali menolak semua baris itu.
- Bila kolom METODE tidak ada, metode yang tersimpan tidak diubah.

Kedua impor: KODE_KOMPETENSI adalah kode kamus kompetensi (M.01, SK.01, …) tanpa beda huruf
besar-kecil dan spasi, atau nama kompetensinya; LEVEL bilangan bulat 1 sampai 5. Baris yang
lolos dimuat dengan COPY ke tabel sementara lalu satu UPDATE dan satu INSERT: jumlah query tidak
bergantung pada jumlah baris.
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
    Gagal,
    HasilImpor,
    Ingatan,
    NilaiTidakValid,
    Penolakan,
    copy_biner,
    kunci_impor,
    nip_dari_sel,
    teks_sel,
    wajib,
)
from pegawai.kompetensi import TAHUN_ASESMEN_MINIMUM
from pegawai.models import (
    AsesmenKompetensi,
    Jabatan,
    JenisJabatan,
    JenjangFungsional,
    Kompetensi,
    Pegawai,
    StandarKompetensiJabatan,
)

__all__ = [
    "KOLOM_ASESMEN",
    "KOLOM_ASESMEN_OPSIONAL",
    "KOLOM_STANDAR",
    "asesmen_kompetensi_import",
    "standar_kompetensi_import",
]

KOLOM_STANDAR = ("JABATAN", "KODE_KOMPETENSI", "LEVEL")
KOLOM_ASESMEN = ("NIP", "KODE_KOMPETENSI", "LEVEL", "TAHUN")
KOLOM_ASESMEN_OPSIONAL = ("METODE",)

_ANGKA_BULAT = re.compile(r"^(\d+)(?:[.,]0+)?$")
# "Nama — Jenjang": an em or en dash, or a hyphen with spaces around it ("Sarana-Prasarana" is a
# name, not a name and a jenjang).
_PEMISAH_JENJANG = re.compile(r"\s*[—–]\s*|\s+-\s+")


def _kunci(teks: str) -> str:
    return " ".join(teks.split()).casefold()


# --- Cell values ---------------------------------------------------------------------------------


def _bulat(nilai: object, kolom: str) -> tuple[int, str]:
    """A whole number from a cell (text "3", "3,0", numbers 3 and 3.0) and how it was written."""
    if isinstance(nilai, bool):
        raise NilaiTidakValid(
            _("%(kolom)s berisi %(nilai)s, bukan angka") % {"kolom": kolom, "nilai": nilai}
        )
    if isinstance(nilai, int):
        return nilai, str(nilai)
    if isinstance(nilai, float):
        if not nilai.is_integer():
            raise NilaiTidakValid(
                _("%(kolom)s %(nilai)s bukan bilangan bulat")
                % {"kolom": kolom, "nilai": f"{nilai:g}".replace(".", ",")}
            )
        return int(nilai), f"{nilai:g}"
    if isinstance(nilai, date):
        raise NilaiTidakValid(
            _("%(kolom)s berisi tanggal, bukan angka; format selnya sebagai angka atau teks")
            % {"kolom": kolom}
        )
    teks = wajib(nilai, kolom)
    cocok = _ANGKA_BULAT.match(teks.replace(" ", ""))
    if cocok is None:
        raise NilaiTidakValid(
            _("%(kolom)s %(nilai)s bukan bilangan bulat") % {"kolom": kolom, "nilai": repr(teks)}
        )
    return int(cocok[1]), teks


def _level(nilai: object) -> int:
    try:
        level, tertulis = _bulat(nilai, "LEVEL")
    except NilaiTidakValid as exc:
        raise NilaiTidakValid(
            _("%(pesan)s; level kompetensi adalah bilangan bulat 1 sampai 5") % {"pesan": exc.pesan}
        ) from None
    if not 1 <= level <= 5:
        raise NilaiTidakValid(
            _("LEVEL %(nilai)s di luar rentang; level kompetensi adalah 1 sampai 5")
            % {"nilai": tertulis}
        )
    return level


def _tahun(nilai: object, tahun_ini: int) -> int:
    try:
        tahun, tertulis = _bulat(nilai, "TAHUN")
    except NilaiTidakValid as exc:
        raise NilaiTidakValid(
            _("%(pesan)s; tulis tahun asesmen dengan empat angka, misalnya %(contoh)s")
            % {"pesan": exc.pesan, "contoh": tahun_ini}
        ) from None
    if not TAHUN_ASESMEN_MINIMUM <= tahun <= tahun_ini:
        raise NilaiTidakValid(
            _("TAHUN %(nilai)s tidak wajar; tahun asesmen %(awal)s sampai %(akhir)s")
            % {"nilai": tertulis, "awal": TAHUN_ASESMEN_MINIMUM, "akhir": tahun_ini}
        )
    return tahun


def _metode(nilai: object) -> str:
    teks = teks_sel(nilai) or ""
    if len(teks) > 100:
        raise NilaiTidakValid(
            _("METODE terlalu panjang: %(n)s karakter, paling banyak 100") % {"n": len(teks)}
        )
    return teks


def _kamus_kompetensi() -> tuple[dict[str, int], dict[int, str]]:
    """(code with spaces and case ignored, or name → id; id → code), in one query. A name that
    two competencies share is left out, so that only their codes match."""
    kode: dict[str, int] = {}
    nama: dict[str, int | None] = {}
    asli: dict[int, str] = {}
    for pk, k, n in Kompetensi.objects.values_list("pk", "kode", "nama"):
        asli[pk] = k
        kode["".join(k.split()).casefold()] = pk
        nama[_kunci(n)] = None if _kunci(n) in nama else pk
    return {k: v for k, v in nama.items() if v is not None} | kode, asli


def _kompetensi(nilai: object, kamus: dict[str, int]) -> int:
    teks = wajib(nilai, "KODE_KOMPETENSI")
    pk = kamus.get("".join(teks.split()).casefold())
    if pk is None:
        pk = kamus.get(_kunci(teks))
    if pk is None:
        raise NilaiTidakValid(
            _(
                "Kode kompetensi %(nilai)s tidak dikenal; gunakan kode dari kamus kompetensi, "
                "misalnya M.01 (Integritas) atau SK.01 (Perekat Bangsa)"
            )
            % {"nilai": repr(teks)}
        )
    return pk


# --- Jabatan -------------------------------------------------------------------------------------

# Jenjang and jenis jabatan by their label, longest first ("Ahli Muda" before "Muda").
_JENJANG = sorted(
    ((str(label).casefold(), nilai) for nilai, label in JenjangFungsional.choices),
    key=lambda p: -len(p[0]),
)
_JENJANG_PER_LABEL = dict(_JENJANG)
_JENIS_JABATAN = {str(label).casefold(): nilai for nilai, label in JenisJabatan.choices}


class _KamusJabatan:
    """Resolves a JABATAN cell to the ids of the jabatan it names (see the module's rules)."""

    def __init__(self) -> None:
        self.per_nama: dict[str, list[tuple[int, str, str]]] = {}
        for pk, nama, jenis, jenjang in Jabatan.objects.values_list(
            "pk", "nama", "jenis_jabatan", "jenjang"
        ).order_by("pk"):
            self.per_nama.setdefault(_kunci(nama), []).append((pk, jenis, jenjang))

    def __call__(self, nilai: object) -> tuple[tuple[int, ...], str]:
        teks = wajib(nilai, "JABATAN")
        kunci = _kunci(teks)
        semua = self.per_nama.get(kunci)
        if semua:
            return tuple(j[0] for j in semua), teks
        # "Nama — Jenjang" or "Nama - Jenis jabatan", split at the last separator
        pemisah = list(_PEMISAH_JENJANG.finditer(teks))
        if pemisah:
            akhir = pemisah[-1]
            sisa_teks = teks[akhir.end() :]
            sisa = _kunci(sisa_teks)
            calon = self.per_nama.get(_kunci(teks[: akhir.start()]))
            if calon:
                cocok = [
                    j
                    for j in calon
                    if (j[2] and j[2] == _JENJANG_PER_LABEL.get(sisa))
                    or j[1] == _JENIS_JABATAN.get(sisa)
                ]
                if cocok:
                    return tuple(j[0] for j in cocok), teks
                raise self._tanpa_jenjang(teks, sisa_teks, calon)
        # "Nama Jenjang", as a jabatan is shown in the app
        for label, jenjang in _JENJANG:
            if kunci.endswith(" " + label):
                calon = self.per_nama.get(kunci[: -len(label) - 1])
                if calon:
                    cocok = [j for j in calon if j[2] == jenjang]
                    if cocok:
                        return tuple(j[0] for j in cocok), teks
                    raise self._tanpa_jenjang(teks, teks[-len(label) :], calon)
        raise NilaiTidakValid(
            _(
                "Jabatan %(nilai)s tidak ditemukan; tulis nama jabatan seperti di data pegawai, "
                "boleh diikuti jenjangnya (misalnya Perawat Ahli Muda atau Perawat — Ahli Muda)"
            )
            % {"nilai": repr(teks)}
        )

    @staticmethod
    def _tanpa_jenjang(teks: str, jenjang: str, calon) -> NilaiTidakValid:
        ada = sorted(
            {
                str(JenjangFungsional(j[2]).label) if j[2] else str(JenisJabatan(j[1]).label)
                for j in calon
            }
        )
        return NilaiTidakValid(
            _(
                "Jabatan %(nilai)s tidak ditemukan: jabatan itu tidak ada dengan %(jenjang)s; "
                "yang ada: %(daftar)s"
            )
            % {"nilai": repr(teks), "jenjang": repr(jenjang.strip()), "daftar": ", ".join(ada)}
        )


# --- Shared steps --------------------------------------------------------------------------------


def _baca(berkas, nama_berkas, sheet, kolom_wajib, kolom_opsional, periksa, hasil, progress):
    """Read every row through ``periksa(data, kolom_ada) -> (masalah, kunci, baris)``.

    Rows without problems are kept as ``(nomor, *baris)``. Every row whose key could be read is
    remembered under each of its ``kunci`` (one row may write several records): the rows of a
    key written more than once are returned in ``ganda`` (row number → all its rows)."""
    valid: list[tuple] = []
    data_ditolak: dict[int, dict] = {}  # raw data, only of rows already rejected
    pertama: dict[tuple, int] = {}
    per_kunci_ganda: dict[tuple, list[int]] = {}
    with baca_tabel(
        berkas,
        nama_berkas=nama_berkas,
        kolom_wajib=kolom_wajib,
        kolom_opsional=kolom_opsional,
        sheet=sheet,
    ) as tabel:
        if progress is not None and hasattr(progress, "total"):
            progress.total = tabel.jumlah_baris_perkiraan
        ada = set(tabel.kolom)
        dibaca = 0
        for nomor, data in tabel.baris():
            dibaca += 1
            masalah, kunci, baris = periksa(data, ada)
            for k in kunci:
                awal = pertama.setdefault(k, nomor)
                if awal != nomor:
                    per_kunci_ganda.setdefault(k, [awal]).append(nomor)
            if masalah:
                data_ditolak[nomor] = data
                for kolom, pesan in masalah:
                    hasil.rejected.append(Penolakan(nomor, kolom, pesan, data))
            else:
                valid.append((nomor, *baris))
            if progress is not None and dibaca % LANGKAH_KEMAJUAN == 0:
                progress(dibaca)
    ganda: dict[int, set[int]] = {}
    for nomor in per_kunci_ganda.values():
        for n in nomor:
            ganda.setdefault(n, set()).update(nomor)
    return valid, data_ditolak, ganda, dibaca


def _tolak_ganda(valid, data_ditolak, ganda, hasil: HasilImpor, pesan, data_dari) -> list[tuple]:
    """Reject every row of a key written twice (each row once, naming all the rows)."""
    if not ganda:
        return valid
    sisa = []
    for b in valid:
        if b[0] in ganda:
            data_ditolak[b[0]] = data_dari(b)
        else:
            sisa.append(b)
    for n, semua in ganda.items():
        daftar = ", ".join(str(x) for x in sorted(semua))
        hasil.rejected.append(Penolakan(n, "KODE_KOMPETENSI", pesan(daftar), data_ditolak[n]))
    return sisa


def _upsert(cursor, model, kunci: tuple[str, ...], nilai: tuple[str, ...], baris, ekstra="") -> int:
    """COPY ``baris`` (columns ``kunci + nilai``) to a temporary table, then UPDATE the stored
    records whose values differ; returns how many were updated. :func:`_insert` adds the rest."""
    tabel = connection.ops.quote_name(model._meta.db_table)
    kolom = (*kunci, *nilai)
    tipe = {f.column: f.db_type(connection) for f in model._meta.concrete_fields}
    # A leftover of an earlier import in the same outer transaction (ON COMMIT has not run yet).
    cursor.execute("DROP TABLE IF EXISTS pg_temp.impor_kompetensi")
    cursor.execute(
        "CREATE TEMP TABLE impor_kompetensi ("
        + ", ".join(f"{k} {tipe[k]}" for k in kolom)
        + ") ON COMMIT DROP"
    )
    copy_biner(cursor, "impor_kompetensi", kolom, model, baris)
    sama = " AND ".join(f"t.{k} = s.{k}" for k in kunci)
    # NULL (an optional column absent from the file) keeps the stored value.
    ubah = ", ".join(f"{k} = coalesce(s.{k}, t.{k})" for k in nilai)
    beda = " OR ".join(f"t.{k} IS DISTINCT FROM coalesce(s.{k}, t.{k})" for k in nilai)
    cursor.execute(
        f"UPDATE {tabel} AS t SET {ubah}{ekstra} FROM impor_kompetensi AS s "  # noqa: S608
        f"WHERE {sama} AND ({beda})"
    )
    return cursor.rowcount


def _insert(cursor, model, kunci: tuple[str, ...], kolom: tuple[str, ...], pilih) -> int:
    """INSERT the rows of the temporary table whose key is not stored yet."""
    tabel = connection.ops.quote_name(model._meta.db_table)
    sama = " AND ".join(f"t.{k} = s.{k}" for k in kunci)
    cursor.execute(
        f"INSERT INTO {tabel} ({', '.join(kolom)}) "  # noqa: S608
        f"SELECT {', '.join(pilih)} FROM impor_kompetensi AS s "
        f"WHERE NOT EXISTS (SELECT 1 FROM {tabel} AS t WHERE {sama})"
    )
    return cursor.rowcount


def _selesai(hasil: HasilImpor, progress, dibaca: int) -> HasilImpor:
    hasil.rejected.sort(key=lambda p: p.baris)
    if progress is not None:
        progress(dibaca)
    return hasil


# --- Standar kompetensi jabatan ------------------------------------------------------------------


def standar_kompetensi_import(
    berkas,
    *,
    nama_berkas: str,
    dry_run: bool = False,
    sheet: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> HasilImpor:
    """Upsert standar kompetensi jabatan (jabatan × kompetensi → level) from a file, in one
    transaction. Parameters and result as ``pegawai.impor.pegawai_import``."""
    hasil = HasilImpor()
    kamus, kode_kompetensi = _kamus_kompetensi()
    periksa_jabatan = Ingatan(_KamusJabatan())
    periksa_kompetensi = Ingatan(_kompetensi, kamus)
    periksa_level = Ingatan(_level)

    def periksa(data: dict, ada: set[str]):
        masalah: list[tuple[str, str]] = []
        jabatan = periksa_jabatan[data.get("JABATAN")]
        if jabatan.__class__ is Gagal:
            masalah.append(("JABATAN", jabatan.pesan))
        kompetensi = periksa_kompetensi[data.get("KODE_KOMPETENSI")]
        if kompetensi.__class__ is Gagal:
            masalah.append(("KODE_KOMPETENSI", kompetensi.pesan))
        level = periksa_level[data.get("LEVEL")]
        if level.__class__ is Gagal:
            masalah.append(("LEVEL", level.pesan))
        kunci: tuple = ()
        if jabatan.__class__ is not Gagal and kompetensi.__class__ is not Gagal:
            kunci = tuple((pk, kompetensi) for pk in jabatan[0])
        return masalah, kunci, (jabatan, kompetensi, level)

    valid, data_ditolak, ganda, dibaca = _baca(
        berkas, nama_berkas, sheet, KOLOM_STANDAR, (), periksa, hasil, progress
    )

    def pesan_ganda(daftar: str) -> str:
        return _(
            "Standar untuk jabatan dan kompetensi yang sama muncul lebih dari sekali dalam berkas "
            "(baris %(daftar)s); semua baris itu ditolak. Tulis setiap jabatan (atau jenjangnya) "
            "dan kompetensi satu kali saja"
        ) % {"daftar": daftar}

    def data_dari(b: tuple) -> dict:
        _nomor, (_ids, jabatan), kompetensi, level = b
        return {"JABATAN": jabatan, "KODE_KOMPETENSI": kode_kompetensi[kompetensi], "LEVEL": level}

    valid = _tolak_ganda(valid, data_ditolak, ganda, hasil, pesan_ganda, data_dari)
    rekaman = [(pk, kompetensi, level) for _n, (ids, _t), kompetensi, level in valid for pk in ids]
    if rekaman:
        kunci = ("jabatan_id", "kompetensi_id")
        kolom = (*kunci, "level")
        with transaction.atomic(), connection.cursor() as cursor:
            kunci_impor("impor_standar_kompetensi")
            diperbarui = _upsert(cursor, StandarKompetensiJabatan, kunci, ("level",), rekaman)
            dibuat = _insert(cursor, StandarKompetensiJabatan, kunci, kolom, kolom)
            if dry_run:
                transaction.set_rollback(True)
        hasil.created += dibuat
        hasil.updated += diperbarui
        hasil.unchanged += len(rekaman) - dibuat - diperbarui
    return _selesai(hasil, progress, dibaca)


# --- Asesmen kompetensi --------------------------------------------------------------------------


def asesmen_kompetensi_import(
    berkas,
    *,
    nama_berkas: str,
    dry_run: bool = False,
    sheet: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> HasilImpor:
    """Upsert asesmen kompetensi (pegawai × kompetensi × tahun → level) from a file, in one
    transaction. Parameters and result as ``pegawai.impor.pegawai_import``."""
    hasil = HasilImpor()
    kamus, kode_kompetensi = _kamus_kompetensi()
    periksa_nip = Ingatan(nip_dari_sel, "NIP")
    periksa_kompetensi = Ingatan(_kompetensi, kamus)
    periksa_level = Ingatan(_level)
    periksa_tahun = Ingatan(_tahun, timezone.localdate().year)
    periksa_metode = Ingatan(_metode)

    def periksa(data: dict, ada: set[str]):
        masalah: list[tuple[str, str]] = []
        get = data.get
        nip = periksa_nip[get("NIP")]
        if nip.__class__ is Gagal:
            masalah.append(("NIP", nip.pesan))
        kompetensi = periksa_kompetensi[get("KODE_KOMPETENSI")]
        if kompetensi.__class__ is Gagal:
            masalah.append(("KODE_KOMPETENSI", kompetensi.pesan))
        level = periksa_level[get("LEVEL")]
        if level.__class__ is Gagal:
            masalah.append(("LEVEL", level.pesan))
        tahun = periksa_tahun[get("TAHUN")]
        if tahun.__class__ is Gagal:
            masalah.append(("TAHUN", tahun.pesan))
        metode = None  # the column is absent: the stored method stays
        if "METODE" in ada:
            metode = periksa_metode[get("METODE")]
            if metode.__class__ is Gagal:
                masalah.append(("METODE", metode.pesan))
        kunci: tuple = ()
        if Gagal not in (nip.__class__, kompetensi.__class__, tahun.__class__):
            kunci = ((nip, kompetensi, tahun),)
        return masalah, kunci, (nip, kompetensi, tahun, level, metode)

    valid, data_ditolak, ganda, dibaca = _baca(
        berkas, nama_berkas, sheet, KOLOM_ASESMEN, KOLOM_ASESMEN_OPSIONAL, periksa, hasil, progress
    )

    def pesan_ganda(daftar: str) -> str:
        return _(
            "Asesmen untuk NIP, kompetensi, dan tahun yang sama muncul lebih dari sekali dalam "
            "berkas (baris %(daftar)s); semua baris itu ditolak"
        ) % {"daftar": daftar}

    def data_dari(b: tuple) -> dict:
        _nomor, nip, kompetensi, tahun, level, metode = b
        data = {
            "NIP": nip,
            "KODE_KOMPETENSI": kode_kompetensi[kompetensi],
            "LEVEL": level,
            "TAHUN": tahun,
        }
        return data if metode is None else data | {"METODE": metode}

    valid = _tolak_ganda(valid, data_ditolak, ganda, hasil, pesan_ganda, data_dari)
    if not valid:
        return _selesai(hasil, progress, dibaca)
    with transaction.atomic(), connection.cursor() as cursor:
        kunci_impor("impor_asesmen_kompetensi")
        pegawai = _pegawai_ids(cursor, {b[1] for b in valid})
        rekaman = []
        for b in valid:
            pk = pegawai.get(b[1])
            if pk is not None:
                rekaman.append((pk, *b[2:]))
                continue
            hasil.rejected.append(
                Penolakan(
                    b[0],
                    "NIP",
                    _("NIP %(nip)s tidak terdaftar sebagai pegawai; impor data pegawainya dahulu")
                    % {"nip": b[1]},
                    data_dari(b),
                )
            )
        dibuat = diperbarui = 0
        if rekaman:
            kunci = ("pegawai_id", "kompetensi_id", "tahun")
            diperbarui = _upsert(
                cursor,
                AsesmenKompetensi,
                kunci,
                ("level", "metode"),
                rekaman,
                ekstra=", diubah_pada = now()",
            )
            dibuat = _insert(
                cursor,
                AsesmenKompetensi,
                kunci,
                (*kunci, "level", "metode", "diubah_pada"),
                (
                    "s.pegawai_id",
                    "s.kompetensi_id",
                    "s.tahun",
                    "s.level",
                    "coalesce(s.metode, '')",
                    "now()",
                ),
            )
        if dry_run:
            transaction.set_rollback(True)
    hasil.created += dibuat
    hasil.updated += diperbarui
    hasil.unchanged += len(rekaman) - dibuat - diperbarui
    return _selesai(hasil, progress, dibaca)


def _pegawai_ids(cursor, nips: set[str]) -> dict[str, int]:
    # One array parameter rather than an IN list of tens of thousands of parameters.
    tabel = connection.ops.quote_name(Pegawai._meta.db_table)
    cursor.execute(
        f"SELECT nip, id FROM {tabel} WHERE nip = ANY(%s)",  # noqa: S608
        [sorted(nips)],
    )
    return dict(cursor.fetchall())
