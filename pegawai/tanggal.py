"""Membaca tanggal dari berkas impor: teks dalam berbagai bentuk dan sel tanggal Excel.

Bentuk yang diterima (hari selalu di depan, seperti kebiasaan di Indonesia):

- ISO: ``1987-08-12`` (juga dengan jam ``1987-08-12 00:00:00`` dari ekspor basis data);
- angka: ``12-08-1987``, ``12/08/1987``, ``12.08.1987`` (hari dan bulan boleh satu digit);
- nama bulan Indonesia atau Inggris, lengkap atau singkat: ``12 Agustus 1987``, ``12 Agt 1987``,
  ``12-Ags-1987``, ``12 Aug 1987``, ``12-Agu-1987``;
- sel tanggal Excel (``date``/``datetime``) dan nomor seri tanggal Excel dari sel ``.xlsx`` yang
  kehilangan format tanggalnya.

Tahun dua digit ("12/08/87") ditolak: abadnya tidak bisa dipastikan. Susunan bulan-di-depan ala
Amerika tidak dikenali; "08/12/1987" selalu berarti 8 Desember 1987.

Modul ini sengaja bebas dari Django, seperti ``pegawai.nip``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

__all__ = ["BENTUK_TANGGAL", "TanggalTidakValid", "format_tanggal", "parse_tanggal"]

BENTUK_TANGGAL = "YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY, atau '12 Agustus 1987'"

NAMA_BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

# Ejaan yang ditemui di berkas OPD: nama Indonesia lengkap dan singkatannya (termasuk ejaan lama
# "Pebruari"/"Nopember"), serta nama Inggris dari Excel berbahasa Inggris.
_BULAN = {
    1: ("januari", "jan", "january"),
    2: ("februari", "pebruari", "feb", "peb", "february"),
    3: ("maret", "mar", "march"),
    4: ("april", "apr"),
    5: ("mei", "may"),
    6: ("juni", "jun", "june"),
    7: ("juli", "jul", "july"),
    8: ("agustus", "agu", "agt", "ags", "agus", "agst", "aug", "august"),
    9: ("september", "sep", "sept"),
    10: ("oktober", "okt", "oct", "october"),
    11: ("november", "nopember", "nov", "nop"),
    12: ("desember", "des", "dec", "december"),
}
_ANGKA_BULAN = {ejaan: bulan for bulan, semua in _BULAN.items() for ejaan in semua}

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_ANGKA = re.compile(r"^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{2,4})$")
_NAMA = re.compile(r"^(\d{1,2})(?:\s*[-/.\s]\s*)([a-z]+)\.?(?:\s*[-/.\s]\s*)(\d{2,4})$")

# Nomor seri tanggal Excel (sistem 1900): 1 = 1 Januari 1900; 60 adalah 29 Februari 1900 yang
# tidak pernah ada, sehingga hari setelahnya bergeser satu. Batas atas: 31 Desember 9999.
_EPOCH_EXCEL = datetime(1899, 12, 30)
_SERI_MAKSIMUM = 2_958_465


class TanggalTidakValid(ValueError):
    """Nilai yang tidak dapat dibaca sebagai tanggal; pesannya siap ditampilkan ke pengguna."""


def format_tanggal(tanggal: date) -> str:
    """``12 Agustus 1987``: bentuk tanggal dalam pesan kepada pengguna."""
    return f"{tanggal.day} {NAMA_BULAN[tanggal.month - 1]} {tanggal.year}"


def _buat(tahun: int, bulan: int, hari: int, teks: str) -> date:
    try:
        return date(tahun, bulan, hari)
    except ValueError:
        raise TanggalTidakValid(
            f"Tanggal '{teks}' tidak ada di kalender (hari {hari}, bulan {bulan}, tahun {tahun})"
        ) from None


def _tahun(teks_tahun: str, teks: str) -> int:
    if len(teks_tahun) != 4:
        raise TanggalTidakValid(
            f"Tahun pada tanggal '{teks}' harus empat digit (misalnya 1987), agar abadnya pasti"
        )
    return int(teks_tahun)


def _dari_seri_excel(seri: float, asal: object) -> date:
    if not 1 <= seri <= _SERI_MAKSIMUM:
        raise TanggalTidakValid(
            f"Angka {asal!r} bukan tanggal; tulis tanggal sebagai {BENTUK_TANGGAL}"
        )
    hari = int(seri)
    if hari < 61:
        hari += 1  # sebelum 1 Maret 1900 Excel belum menghitung 29 Februari 1900 fiktifnya
    return (_EPOCH_EXCEL + timedelta(days=hari)).date()


def parse_tanggal(nilai: object) -> date:
    """Tanggal dari sel berkas impor; melempar ``TanggalTidakValid`` dengan pesan berbahasa
    Indonesia. Nilai kosong juga ditolak: pemanggil memutuskan sendiri kolom mana yang wajib."""
    if isinstance(nilai, datetime):
        return nilai.date()
    if isinstance(nilai, date):
        return nilai
    if isinstance(nilai, bool):
        raise TanggalTidakValid(f"Nilai {nilai!r} bukan tanggal")
    if isinstance(nilai, int | float):
        # Sel .xlsx berisi nomor seri tanggal yang format tanggalnya hilang.
        return _dari_seri_excel(float(nilai), nilai)
    teks = " ".join(str(nilai or "").split())
    if not teks:
        raise TanggalTidakValid("Tanggal kosong")

    cocok = _ISO.match(teks)
    if cocok:
        return _buat(int(cocok[1]), int(cocok[2]), int(cocok[3]), teks)
    cocok = _ANGKA.match(teks)
    if cocok:
        return _buat(_tahun(cocok[4], teks), int(cocok[3]), int(cocok[1]), teks)
    cocok = _NAMA.match(teks.casefold())
    if cocok:
        bulan = _ANGKA_BULAN.get(cocok[2])
        if bulan is None:
            raise TanggalTidakValid(
                f"Nama bulan '{cocok[2]}' pada tanggal '{teks}' tidak dikenali; "
                f"tulis tanggal sebagai {BENTUK_TANGGAL}"
            )
        return _buat(_tahun(cocok[3], teks), bulan, int(cocok[1]), teks)
    raise TanggalTidakValid(f"'{teks}' bukan tanggal yang dikenali; tulis sebagai {BENTUK_TANGGAL}")
