"""Impor data pegawai dari .csv/.xlsx (DESIGN §6 "Pegawai"); dipakai ``import_pegawai`` dan admin.

Aturan yang diputuskan di sini (di luar yang sudah ditulis DESIGN §6):

- Penolakan dilaporkan satu entri per masalah: satu baris bisa punya beberapa entri (misalnya NIP
  dan GOLONGAN sekaligus), agar semua kesalahan bisa diperbaiki dalam sekali jalan. Daftar urut
  menurut nomor baris.
- Kolom opsional yang tidak ada di berkas tidak mengubah data yang sudah tersimpan; kolom yang
  ada tetapi selnya kosong mengosongkan isian itu (AKTIF kosong berarti Ya).
- NAMA yang bergelar dipisah (``pegawai.nama``) bila kolom GELAR_DEPAN/GELAR_BELAKANG tidak ada.
- JABATAN fungsional yang diakhiri jenjang ("Perawat Ahli Muda") disimpan sebagai jabatan
  "Perawat" berjenjang Ahli Muda, seperti di data referensi.
- NIP_ATASAN harus menunjuk pegawai yang ada di berkas (dan lolos impor) atau sudah tersimpan;
  selain itu barisnya ditolak (kolom NIP_ATASAN), begitu pula pegawai yang menjadi atasan dirinya
  sendiri.
- Perangkat daerah yang sudah tidak aktif menolak baris.

Kecepatan: baris dibaca mengalir dan disimpan sebagai tuple; nilai berkode dan yang berulang
(OPD, jabatan, golongan, tanggal) diperiksa sekali per ejaan (:class:`Ingatan`); data
pembanding dimuat dalam beberapa query; pegawai baru di-COPY langsung ke tabelnya, yang berubah
lewat COPY ke tabel sementara dan satu UPDATE, jadi jumlah query tidak bergantung pada jumlah
baris. Berkas yang besar dibanding isi tabel pegawai dimuat massal (:mod:`pegawai.impor_massal`:
indeks dan foreign key dibangun ulang sekali di dalam transaksi yang sama, dengan kunci ACCESS
EXCLUSIVE selama impor).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import itemgetter

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pegawai.berkas import RUMUS_TANPA_NILAI, SelGalat, baca_tabel
from pegawai.golongan import GolonganTidakValid, normalisasi_golongan
from pegawai.impor_massal import muat_massal
from pegawai.models import (
    Golongan,
    Jabatan,
    JenisJabatan,
    JenisPegawai,
    JenjangFungsional,
    Pegawai,
    PerangkatDaerah,
    UnitKerja,
)
from pegawai.nama import pisahkan_gelar
from pegawai.nip import (
    PANJANG_NIP,
    NIPTidakValid,
    PenguraiNIP,
    alasan_nip_tidak_valid,
    bersihkan_nip,
    cocok_dengan_data,
    parse_nip,
)
from pegawai.tanggal import TanggalTidakValid, format_tanggal, parse_tanggal

__all__ = [
    "KOLOM_OPSIONAL",
    "KOLOM_WAJIB",
    "Gagal",
    "HasilImpor",
    "Ingatan",
    "NilaiTidakValid",
    "Penolakan",
    "copy_biner",
    "kunci_impor",
    "nip_dari_sel",
    "nip_sekaligus",
    "pegawai_import",
    "potong",
    "salin_biner",
    "tanpa_gc",
    "teks_sekaligus",
    "teks_sel",
    "wajib",
]

KOLOM_WAJIB = ("NIP", "NAMA", "JENIS_PEGAWAI", "PERANGKAT_DAERAH", "JABATAN", "JENIS_JABATAN")
KOLOM_OPSIONAL = (
    "GELAR_DEPAN",
    "GELAR_BELAKANG",
    "JENIS_KELAMIN",
    "TANGGAL_LAHIR",
    "TEMPAT_LAHIR",
    "GOLONGAN",
    "UNIT_KERJA",
    "EMAIL",
    "NO_HP",
    "NIP_ATASAN",
    "AKTIF",
)

# Cukup jarang untuk murah, cukup sering untuk bilah kemajuan yang hidup.
LANGKAH_KEMAJUAN = 1000
# Batas daftar nilai IN per query (PostgreSQL membatasi 65.535 parameter per perintah).
POTONGAN_QUERY = 10_000


# ---------------------------------------------------------------------------------------------
# Hasil
# ---------------------------------------------------------------------------------------------


@dataclass
class Penolakan:
    baris: int
    kolom: str
    pesan: str
    data: dict = field(default_factory=dict, repr=False)

    def as_dict(self) -> dict:
        return {"row": self.baris, "column": self.kolom, "message": self.pesan}


@dataclass
class HasilImpor:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Penolakan] = field(default_factory=list)

    def as_dict(self) -> dict:
        """Bentuk JSON DESIGN §6 (tanpa ``data`` baris)."""
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [p.as_dict() for p in self.rejected],
        }

    @property
    def exit_status(self) -> int:
        """0 bila semua baris masuk, 1 bila ada yang ditolak (2, berkas tak terbaca, adalah
        pengecualian ``BerkasTidakTerbaca``)."""
        return 1 if self.rejected else 0

    @property
    def baris_ditolak(self) -> int:
        return len({p.baris for p in self.rejected})


# ---------------------------------------------------------------------------------------------
# Nilai sel (dipakai juga oleh pelatihan.impor)
# ---------------------------------------------------------------------------------------------


class NilaiTidakValid(ValueError):
    def __init__(self, pesan: str) -> None:
        self.pesan = pesan
        super().__init__(pesan)


def teks_sel(nilai: object) -> str | None:
    """Isi sel sebagai teks rapi (spasi berlebih dibuang); ``None`` bila kosong."""
    if nilai is None:
        return None
    if isinstance(nilai, str):
        teks = " ".join(nilai.split())
        return teks or None
    if nilai is RUMUS_TANPA_NILAI:
        raise NilaiTidakValid(
            _(
                "Sel berisi rumus tanpa nilai tersimpan. Buka berkas di Excel lalu simpan ulang "
                "agar hasil rumusnya tersimpan, atau salin dan tempel sebagai nilai (Paste Values)"
            )
        )
    if isinstance(nilai, SelGalat):
        raise NilaiTidakValid(
            _("Sel berisi galat Excel %(kode)s; perbaiki rumusnya atau isi nilainya langsung")
            % {"kode": nilai.kode}
        )
    if isinstance(nilai, bool):
        return _("Ya") if nilai else _("Tidak")
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    if isinstance(nilai, datetime):
        return nilai.date().isoformat() if nilai.time() == datetime.min.time() else str(nilai)
    if isinstance(nilai, date):
        return nilai.isoformat()
    return str(nilai)


def wajib(nilai: object, kolom: str) -> str:
    teks = teks_sel(nilai)
    if teks is None:
        raise NilaiTidakValid(_("%(kolom)s wajib diisi") % {"kolom": kolom})
    return teks


def _panjang(teks: str, kolom: str, maksimum: int) -> str:
    if len(teks) > maksimum:
        raise NilaiTidakValid(
            _("%(kolom)s terlalu panjang: %(n)s karakter, paling banyak %(maks)s")
            % {"kolom": kolom, "n": len(teks), "maks": maksimum}
        )
    return teks


def _tolak_nip_angka(nilai: object, kolom: str) -> None:
    if isinstance(nilai, int | float) and not isinstance(nilai, bool):
        tampil = f"{nilai:.15g}" if isinstance(nilai, float) or nilai >= 10**15 else str(nilai)
        raise NilaiTidakValid(
            _(
                "%(kolom)s tersimpan sebagai angka (%(nilai)s) di sel Excel. Excel hanya menyimpan "
                "15 digit bermakna, jadi NIP 18 digit ini sudah rusak (digit terakhirnya berubah). "
                "Format kolom %(kolom)s sebagai Teks, lalu ketik atau salin ulang NIP dari dokumen "
                "aslinya"
            )
            % {"kolom": kolom, "nilai": tampil}
        )


def nip_dari_sel(nilai: object, kolom: str = "NIP") -> str:
    """NIP 18 digit dari sel tanpa mengetahui jenis pegawainya (NIP_ATASAN, impor riwayat).

    Angka di sel XLSX dan notasi ilmiah/desimal dari CSV ditolak dengan pesan modul ``nip``.
    """
    _tolak_nip_angka(nilai, kolom)
    teks = wajib(nilai, kolom)
    nip = bersihkan_nip(teks)
    if len(nip) != 18 or not nip.isascii() or not nip.isdigit():
        alasan = alasan_nip_tidak_valid(teks, JenisPegawai.PNS)
        raise NilaiTidakValid(alasan[0] if alasan else _("NIP harus 18 digit angka"))
    return nip


def _kunci(teks: str) -> str:
    """Kunci pencocokan: tanpa spasi sama sekali, tanpa beda huruf besar-kecil."""
    return "".join(teks.split()).casefold()


def _kunci_kode(teks: str) -> str:
    return re.sub(r"[\s_]+", "", teks).casefold()


# ---------------------------------------------------------------------------------------------
# Nilai berkode
# ---------------------------------------------------------------------------------------------

_JENIS_PEGAWAI = {"pns": "PNS", "cpns": "CPNS", "pppk": "PPPK", "p3k": "PPPK"}
_JENIS_KELAMIN = {
    "l": "L",
    "lk": "L",
    "laki-laki": "L",
    "lakilaki": "L",
    "laki": "L",
    "pria": "L",
    "p": "P",
    "pr": "P",
    "perempuan": "P",
    "wanita": "P",
}
_JENIS_JABATAN = {_kunci_kode(str(label)): nilai for nilai, label in JenisJabatan.choices} | {
    _kunci_kode(nilai): nilai for nilai in JenisJabatan.values
}
_AKTIF = {
    "ya": True,
    "y": True,
    "aktif": True,
    "1": True,
    "true": True,
    "tidak": False,
    "t": False,
    "tidakaktif": False,
    "nonaktif": False,
    "0": False,
    "false": False,
}
# Jenjang fungsional di ujung nama jabatan, yang terpanjang dicoba dulu ("Ahli Muda" ≠ "Muda").
_JENJANG = sorted(
    ((str(label).casefold(), nilai) for nilai, label in JenjangFungsional.choices),
    key=lambda p: -len(p[0]),
)


def _jenis_pegawai(nilai: object) -> str:
    teks = wajib(nilai, "JENIS_PEGAWAI")
    jenis = _JENIS_PEGAWAI.get(_kunci(teks))
    if jenis is None:
        raise NilaiTidakValid(
            _("Jenis pegawai %(nilai)s tidak dikenal; gunakan PNS, CPNS, atau PPPK")
            % {"nilai": repr(teks)}
        )
    return jenis


def _jenis_jabatan(nilai: object) -> str:
    teks = wajib(nilai, "JENIS_JABATAN")
    jenis = _JENIS_JABATAN.get(_kunci_kode(teks))
    if jenis is None:
        raise NilaiTidakValid(
            _("Jenis jabatan %(nilai)s tidak dikenal; gunakan salah satu dari: %(daftar)s")
            % {"nilai": repr(teks), "daftar": ", ".join(str(lb) for lb in JenisJabatan.labels)}
        )
    return jenis


def _jabatan(nilai: object, jenis_jabatan: str | None) -> tuple[str, str]:
    nama = _panjang(wajib(nilai, "JABATAN"), "JABATAN", 200)
    if jenis_jabatan != JenisJabatan.FUNGSIONAL:
        return nama, ""
    lipat = nama.casefold()
    for label, jenjang in _JENJANG:
        if lipat.endswith(" " + label) and len(lipat) > len(label) + 1:
            return nama[: -len(label) - 1].strip(), jenjang
    return nama, ""


def _jenis_kelamin(nilai: object) -> str:
    teks = teks_sel(nilai)
    if teks is None:
        return ""
    kode = _JENIS_KELAMIN.get(_kunci(teks).replace("–", "-"))
    if kode is None:
        raise NilaiTidakValid(
            _(
                "Jenis kelamin %(nilai)s tidak dikenal; gunakan L/P, Laki-laki/Perempuan, atau "
                "Pria/Wanita"
            )
            % {"nilai": repr(teks)}
        )
    return kode


def _tanggal(nilai: object, kolom: str, hari_ini: date) -> date | None:
    if nilai is RUMUS_TANPA_NILAI or isinstance(nilai, SelGalat):
        teks_sel(nilai)  # melempar pesan rumus/galat yang sama untuk semua kolom
    if nilai is None:
        return None
    try:
        tanggal = parse_tanggal(nilai)
    except TanggalTidakValid as exc:
        raise NilaiTidakValid(str(exc)) from None
    if tanggal > hari_ini:
        raise NilaiTidakValid(
            _("%(kolom)s (%(tanggal)s) berada di masa depan")
            % {"kolom": kolom, "tanggal": format_tanggal(tanggal)}
        )
    return tanggal


def _aktif(nilai: object) -> bool:
    if isinstance(nilai, bool):
        return nilai
    if isinstance(nilai, int | float) and nilai in (0, 1):
        return bool(nilai)
    teks = teks_sel(nilai)
    if teks is None:
        return True
    aktif = _AKTIF.get(_kunci(teks))
    if aktif is None:
        raise NilaiTidakValid(
            _("AKTIF %(nilai)s tidak dikenal; gunakan Ya atau Tidak") % {"nilai": repr(teks)}
        )
    return aktif


# Bentuk umum alamat email (nama.titik@domain.tld): setiap teks yang cocok juga diterima
# validate_email, yang jauh lebih lambat; selain bentuk ini validator Django yang memutuskan.
_EMAIL_UMUM = re.compile(
    r"[A-Za-z0-9]+(?:[._+-][A-Za-z0-9]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,63}"
)


def _email(nilai: object) -> str:
    teks = teks_sel(nilai)
    if teks is None:
        return ""
    if len(teks) <= 254 and _EMAIL_UMUM.fullmatch(teks):
        return teks
    try:
        validate_email(teks)
    except ValidationError:
        raise NilaiTidakValid(
            _("Alamat email %(nilai)s tidak sah") % {"nilai": repr(teks)}
        ) from None
    return _panjang(teks, "EMAIL", 254)


_NO_HP_PEMISAH = re.compile(r"[\s\-.()/]")
_NO_HP_SAH = re.compile(r"\+?[0-9]{6,15}")
# Satu kolom sekaligus: setiap baris teks yang digabung dengan "\n" cocok dengan bentuk di atas
# (keduanya tidak pernah cocok dengan baris baru).
_EMAIL_KOLOM = re.compile(rf"(?:{_EMAIL_UMUM.pattern})(?:\n(?:{_EMAIL_UMUM.pattern}))*")
_NO_HP_KOLOM = re.compile(rf"{_NO_HP_SAH.pattern}(?:\n{_NO_HP_SAH.pattern})*")


def _no_hp(nilai: object) -> str:
    if isinstance(nilai, int | float) and not isinstance(nilai, bool):
        # Sel angka membuang nol di depan: 81234567890 adalah 081234567890.
        teks = str(int(nilai))
        if teks.startswith("8"):
            teks = "0" + teks
    else:
        teks = teks_sel(nilai)
        if teks is None:
            return ""
        teks = _NO_HP_PEMISAH.sub("", teks.lstrip("'"))
    if not _NO_HP_SAH.fullmatch(teks):
        raise NilaiTidakValid(
            _("Nomor HP %(nilai)s tidak sah; tulis angka saja, misalnya 081234567890")
            % {"nilai": repr(teks_sel(nilai))}
        )
    return teks


# ---------------------------------------------------------------------------------------------
# Data pembanding
# ---------------------------------------------------------------------------------------------


@dataclass
class _Rujukan:
    opd: dict[str, tuple[int, bool, str]]  # kunci → (id, aktif, nama)
    opd_ganda: dict[str, list[str]]
    golongan: dict[tuple[str, str], int]


def _muat_rujukan() -> _Rujukan:
    opd: dict[str, tuple[int, bool, str]] = {}
    ganda: dict[str, list[str]] = {}
    for pk, kode, singkatan, nama, aktif in PerangkatDaerah.objects.values_list(
        "pk", "kode", "singkatan", "nama", "aktif"
    ):
        for teks in (kode, singkatan, nama):
            k = _kunci(teks)
            if k in opd and opd[k][0] != pk:
                ganda.setdefault(k, [opd[k][2]]).append(nama)
            else:
                opd[k] = (pk, aktif, nama)
    golongan = {
        (untuk, kode): pk for pk, untuk, kode in Golongan.objects.values_list("pk", "untuk", "kode")
    }
    return _Rujukan(opd=opd, opd_ganda=ganda, golongan=golongan)


def _perangkat_daerah(nilai: object, rujukan: _Rujukan) -> int:
    teks = wajib(nilai, "PERANGKAT_DAERAH")
    k = _kunci(teks)
    if k in rujukan.opd_ganda:
        raise NilaiTidakValid(
            _(
                "Perangkat daerah %(nilai)s cocok dengan lebih dari satu OPD (%(daftar)s); "
                "tulis kodenya"
            )
            % {"nilai": repr(teks), "daftar": ", ".join(rujukan.opd_ganda[k])}
        )
    ditemukan = rujukan.opd.get(k)
    if ditemukan is None:
        raise NilaiTidakValid(
            _(
                "Perangkat daerah %(nilai)s tidak dikenal; tulis kode, singkatan, atau nama OPD "
                "seperti di data perangkat daerah (misalnya 3.02, DINKES, atau Dinas Kesehatan)"
            )
            % {"nilai": repr(teks)}
        )
    pk, aktif, nama = ditemukan
    if not aktif:
        raise NilaiTidakValid(_("Perangkat daerah %(nama)s sudah tidak aktif") % {"nama": nama})
    return pk


def _golongan(nilai: object, jenis_pegawai: str, rujukan: _Rujukan) -> int | None:
    if isinstance(nilai, int | float) and not isinstance(nilai, bool):
        mentah: object = nilai
    else:
        mentah = teks_sel(nilai)
        if mentah is None:
            return None
    try:
        golongan = normalisasi_golongan(mentah, jenis_pegawai)
    except GolonganTidakValid as exc:
        raise NilaiTidakValid(exc.pesan) from None
    untuk = Golongan.Untuk.PPPK if jenis_pegawai == JenisPegawai.PPPK else Golongan.Untuk.PNS
    pk = rujukan.golongan.get((untuk, golongan.kode))
    if pk is None:
        raise NilaiTidakValid(
            _("Golongan %(kode)s tidak ada di data golongan %(untuk)s")
            % {"kode": golongan.kode, "untuk": untuk}
        )
    return pk


# ---------------------------------------------------------------------------------------------
# Membaca baris
# ---------------------------------------------------------------------------------------------

# Urutan isian tuple baris yang lolos pemeriksaan.
(
    I_BARIS,
    I_NIP,
    I_NAMA,
    I_GELAR_DEPAN,
    I_GELAR_BELAKANG,
    I_JENIS_KELAMIN,
    I_TEMPAT_LAHIR,
    I_TANGGAL_LAHIR,
    I_JENIS_PEGAWAI,
    I_GOLONGAN,
    I_JABATAN,
    I_OPD,
    I_UNIT,
    I_EMAIL,
    I_NO_HP,
    I_NIP_ATASAN,
    I_AKTIF,
) = range(17)
# Isian pegawai yang dibandingkan, sejajar dengan tuple baris mulai _NAMA (jabatan dan unit kerja
# dibandingkan lewat id setelah dicari/dibuat; atasan lewat NIP-nya).
_ISIAN = (
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "jenis_kelamin",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_pegawai",
    "golongan_id",
    "jabatan_id",
    "perangkat_daerah_id",
    "unit_kerja_id",
    "email",
    "no_hp",
    "atasan__nip",
    "aktif",
)
# Nilai isian bagi pegawai baru bila kolomnya tidak ada di berkas.
_BAWAAN = ("", "", "", "", "", None, "", None, None, None, None, "", "", None, True)
# Isian tuple (mulai _NAMA) yang berasal dari kolom opsional: kolom → posisi dalam _ISIAN.
# GELAR_DEPAN/GELAR_BELAKANG tidak di sini: tanpa kolomnya, gelar diambil dari NAMA.
_KOLOM_ISIAN = {
    "JENIS_KELAMIN": 3,
    "TEMPAT_LAHIR": 4,
    "TANGGAL_LAHIR": 5,
    "GOLONGAN": 7,
    "UNIT_KERJA": 10,
    "EMAIL": 11,
    "NO_HP": 12,
    "NIP_ATASAN": 13,
    "AKTIF": 14,
}


# Batas nilai berbeda yang diingat per kolom: cukup untuk semua ejaan OPD, jabatan, golongan, dan
# tanggal sebuah kota, dan memori tetap kecil untuk berkas berisi jutaan nilai unik.
_BATAS_INGATAN = 50_000


class Gagal:
    """Hasil :class:`Ingatan` bagi nilai yang ditolak: pesan ``NilaiTidakValid``-nya."""

    __slots__ = ("pesan",)

    def __init__(self, pesan: str) -> None:
        self.pesan = pesan


def nip_sekaligus(nilai: list) -> list | None:
    """:func:`nip_dari_sel` untuk satu kolom sekaligus, dengan fungsi C: kolom itu sendiri bila
    setiap selnya sudah 18 digit ASCII (yang dikembalikan ``nip_dari_sel`` apa adanya); selain
    itu ``None``, dan sel diperiksa satu per satu."""
    if not nilai or set(map(type, nilai)) != {str} or set(map(len, nilai)) != {PANJANG_NIP}:
        return None
    gabung = "".join(nilai)
    return nilai if gabung.isascii() and gabung.isdigit() else None


def _kolom_sekaligus(nilai: list, maksimum: int, sah: Callable[[list[str]], bool]) -> list | None:
    # Kolom teks yang semua isinya sah menurut ``sah`` (satu pemeriksaan C atas seluruh kolom)
    # apa adanya, sel kosong menjadi ""; selain itu None, dan sel diperiksa satu per satu.
    isi = [v for v in nilai if v is not None]
    if not isi:
        return [""] * len(nilai)
    if set(map(type, isi)) != {str} or max(map(len, isi)) > maksimum or not sah(isi):
        return None
    return nilai if len(isi) == len(nilai) else ["" if v is None else v for v in nilai]


def _teks_rapi(isi: list[str]) -> bool:
    # Tanpa spasi di tepi, tanpa spasi ganda, tanpa tab atau baris baru. Pemisah NUL bukan
    # spasi, jadi spasi di tepi sebuah teks terlihat di sebelahnya.
    gabung = "\x00".join(isi)
    return " ".join(gabung.split()) == gabung and "\x00 " not in gabung and " \x00" not in gabung


def _cocok_semua(pola: re.Pattern, isi: list[str]) -> bool:
    # Satu pencocokan regex atas seluruh kolom; sel yang memuat baris baru sendiri akan tampak
    # sebagai dua sel yang sah.
    gabung = "\n".join(isi)
    return gabung.count("\n") == len(isi) - 1 and pola.fullmatch(gabung) is not None


def teks_sekaligus(nilai: list, maksimum: int) -> list | None:
    """Kolom teks bebas (nomor sertifikat, …) sekaligus, dengan fungsi C: ``""`` bagi sel kosong
    dan teks apa adanya bila setiap teks sudah rapi (``teks_sel`` tidak mengubahnya) dan paling
    panjang ``maksimum``; selain itu ``None``, dan sel diperiksa satu per satu."""
    return _kolom_sekaligus(nilai, maksimum, _teks_rapi)


def email_sekaligus(nilai: list) -> list | None:
    """:func:`_email` untuk satu kolom sekaligus: kolom itu bila setiap selnya kosong atau
    alamat berbentuk umum (yang dikembalikan ``_email`` apa adanya); selain itu ``None``."""
    return _kolom_sekaligus(nilai, 254, functools.partial(_cocok_semua, _EMAIL_KOLOM))


def no_hp_sekaligus(nilai: list) -> list | None:
    """:func:`_no_hp` untuk satu kolom sekaligus: kolom itu bila setiap selnya kosong atau sudah
    berupa angka saja (yang dikembalikan ``_no_hp`` apa adanya); selain itu ``None``."""
    return _kolom_sekaligus(nilai, 16, functools.partial(_cocok_semua, _NO_HP_KOLOM))


class Ingatan(dict):
    """``ingatan[nilai]`` adalah ``fungsi(nilai, *args)``, atau :class:`Gagal` bila fungsi itu
    melempar ``NilaiTidakValid``, diingat per nilai sel.

    Nama OPD, jabatan, golongan, dan tanggal berulang ribuan kali dalam satu berkas: setiap ejaan
    cukup diperiksa sekali, dan nilai yang sudah dikenal hanya satu pencarian dict. ``fungsi``
    harus murni. Hanya sel teks dan sel kosong yang diingat; angka, tanggal, dan nilai lain dari
    XLSX dihitung setiap kali, karena bagi dict ``True == 1`` padahal sel TRUE bukan sel 1.
    """

    __slots__ = ("args", "batas", "fungsi", "sekaligus")

    def __init__(
        self,
        fungsi: Callable,
        *args,
        batas: int = _BATAS_INGATAN,
        sekaligus: Callable[[list], list | None] | None = None,
    ) -> None:
        super().__init__()
        self.fungsi = fungsi
        self.args = args
        self.batas = batas
        self.sekaligus = sekaligus

    def kolom(self, nilai: list) -> Iterable:
        """Hasil untuk setiap nilai satu kolom: dari ``sekaligus`` bila ia menjawab (kolom nilai
        unik yang semuanya sah, tanpa satu panggilan Python per sel), selain itu per nilai."""
        if self.sekaligus is not None:
            hasil = self.sekaligus(nilai)
            if hasil is not None:
                return hasil
        return map(self.__getitem__, nilai)

    def __missing__(self, nilai):
        try:
            hasil = self.fungsi(nilai, *self.args)
        except NilaiTidakValid as exc:
            hasil = Gagal(exc.pesan)
        if (nilai is None or nilai.__class__ is str) and len(self) < self.batas:
            self[nilai] = hasil
        return hasil


class _Pemeriksa:
    """Memeriksa satu baris; ``masalah`` menampung (kolom, pesan) semua kesalahannya.

    Kolom berkode dan kolom yang nilainya berulang diperiksa lewat :class:`Ingatan`; NIP, nama,
    email, dan nomor HP (hampir selalu unik) diperiksa setiap baris.
    """

    def __init__(self, kolom: Iterable[str], rujukan: _Rujukan, hari_ini: date) -> None:
        kolom = set(kolom)
        self.ada = kolom
        self.pisah_gelar = not {"GELAR_DEPAN", "GELAR_BELAKANG"} <= kolom
        self.rujukan = rujukan
        self.hari_ini = hari_ini
        self.masalah: list[tuple[str, str]] = []
        self._jenis_pegawai = Ingatan(_jenis_pegawai)
        self._jenis_kelamin = Ingatan(_jenis_kelamin)
        self._tanggal_lahir = Ingatan(_tanggal, "TANGGAL_LAHIR", hari_ini)
        self._tempat_lahir = Ingatan(self._teks, "TEMPAT_LAHIR", 100)
        self._perangkat_daerah = Ingatan(_perangkat_daerah, rujukan)
        self._jenis_jabatan = Ingatan(_jenis_jabatan)
        # Jabatan bergantung pada jenis jabatan, golongan pada jenis pegawai: ingatan per jenis.
        self._jabatan = {jenis: Ingatan(_jabatan, jenis) for jenis in (*JenisJabatan.values, None)}
        self._golongan = {
            jenis: Ingatan(_golongan, jenis, rujukan) for jenis in JenisPegawai.values
        }
        self._unit_kerja = Ingatan(self._teks, "UNIT_KERJA", 200)
        self._nip_atasan = Ingatan(_nip_atasan)
        self._aktif = Ingatan(_aktif)
        self._gelar: dict[str, object] = {}
        self._pengurai = PenguraiNIP(hari_ini)

    def ambil(self, kolom: str, fungsi: Callable, *args):
        try:
            return fungsi(*args)
        except NilaiTidakValid as exc:
            self.masalah.append((kolom, exc.pesan))
            return None

    def periksa(self, nomor: int, data: dict) -> tuple | None:
        # Urutan pemeriksaan menentukan urutan penolakan sebuah baris; jangan diubah. Nilai dari
        # Ingatan yang berkelas Gagal adalah penolakan.
        self.masalah = masalah = []
        get = data.get
        ada = self.ada

        jenis = self._jenis_pegawai[get("JENIS_PEGAWAI")]
        if jenis.__class__ is Gagal:
            masalah.append(("JENIS_PEGAWAI", jenis.pesan))
            jenis = None
        try:
            nip = self._nip(get("NIP"), jenis)
        except NilaiTidakValid as exc:
            masalah.append(("NIP", exc.pesan))
            nip = None
        nama, gelar_depan, gelar_belakang = self._nama(
            get("NAMA"), get("GELAR_DEPAN"), get("GELAR_BELAKANG")
        )
        jenis_kelamin = tanggal_lahir = None
        if "JENIS_KELAMIN" in ada:
            jenis_kelamin = self._jenis_kelamin[get("JENIS_KELAMIN")]
            if jenis_kelamin.__class__ is Gagal:
                masalah.append(("JENIS_KELAMIN", jenis_kelamin.pesan))
                jenis_kelamin = None
        if "TANGGAL_LAHIR" in ada:
            tanggal_lahir = self._tanggal_lahir[get("TANGGAL_LAHIR")]
            if tanggal_lahir.__class__ is Gagal:
                masalah.append(("TANGGAL_LAHIR", tanggal_lahir.pesan))
                tanggal_lahir = None
        if nip is not None:
            # cocok_dengan_data hanya untuk yang berbeda: yang sama tidak punya alasan.
            if jenis_kelamin and jenis_kelamin != nip.jenis_kelamin:
                for pesan in cocok_dengan_data(nip, jenis_kelamin=jenis_kelamin):
                    masalah.append(("JENIS_KELAMIN", pesan))
            if tanggal_lahir is not None and tanggal_lahir != nip.tanggal_lahir:
                for pesan in cocok_dengan_data(nip, tanggal_lahir=tanggal_lahir):
                    masalah.append(("TANGGAL_LAHIR", pesan))
        tempat_lahir = ""
        if "TEMPAT_LAHIR" in ada:
            tempat_lahir = self._tempat_lahir[get("TEMPAT_LAHIR")]
            if tempat_lahir.__class__ is Gagal:
                masalah.append(("TEMPAT_LAHIR", tempat_lahir.pesan))
        opd = self._perangkat_daerah[get("PERANGKAT_DAERAH")]
        if opd.__class__ is Gagal:
            masalah.append(("PERANGKAT_DAERAH", opd.pesan))
        jenis_jabatan = self._jenis_jabatan[get("JENIS_JABATAN")]
        if jenis_jabatan.__class__ is Gagal:
            masalah.append(("JENIS_JABATAN", jenis_jabatan.pesan))
            jenis_jabatan = None
        jabatan = self._jabatan[jenis_jabatan][get("JABATAN")]
        if jabatan.__class__ is Gagal:
            masalah.append(("JABATAN", jabatan.pesan))
        golongan = None
        if "GOLONGAN" in ada and jenis is not None:
            golongan = self._golongan[jenis][get("GOLONGAN")]
            if golongan.__class__ is Gagal:
                masalah.append(("GOLONGAN", golongan.pesan))
        unit = ""
        if "UNIT_KERJA" in ada:
            unit = self._unit_kerja[get("UNIT_KERJA")]
            if unit.__class__ is Gagal:
                masalah.append(("UNIT_KERJA", unit.pesan))
        email = ""
        if "EMAIL" in ada:
            try:
                email = _email(get("EMAIL"))
            except NilaiTidakValid as exc:
                masalah.append(("EMAIL", exc.pesan))
        no_hp = ""
        if "NO_HP" in ada:
            try:
                no_hp = _no_hp(get("NO_HP"))
            except NilaiTidakValid as exc:
                masalah.append(("NO_HP", exc.pesan))
        nip_atasan = None
        if "NIP_ATASAN" in ada:
            nip_atasan = self._nip_atasan[get("NIP_ATASAN")]
            if nip_atasan.__class__ is Gagal:
                masalah.append(("NIP_ATASAN", nip_atasan.pesan))
            elif nip_atasan is not None and nip is not None and nip_atasan == nip.nip:
                masalah.append(
                    ("NIP_ATASAN", _("Pegawai tidak dapat menjadi atasan dirinya sendiri"))
                )
        aktif = True
        if "AKTIF" in ada:
            aktif = self._aktif[get("AKTIF")]
            if aktif.__class__ is Gagal:
                masalah.append(("AKTIF", aktif.pesan))

        if masalah:
            return None
        return (
            nomor,
            nip.nip,
            nama,
            gelar_depan,
            gelar_belakang,
            jenis_kelamin or "",
            tempat_lahir or "",
            tanggal_lahir,
            jenis,
            golongan,
            (jabatan[0], jenis_jabatan, jabatan[1]),
            opd,
            unit or "",
            email,
            no_hp,
            nip_atasan,
            aktif,
        )

    def periksa_potongan(self, nomor_baris: list[int], kolom: dict[str, list]) -> list:
        """:meth:`periksa` untuk satu potongan baris (:meth:`Tabel.potongan`), per kolom: nilai
        berulang dicari di ingatannya dengan satu ``map`` per kolom, tanpa dict per baris.

        Hanya jalur lolos: ``None`` bagi baris yang tidak lolos pemeriksaan cepat ini, yang lalu
        diperiksa ulang dengan :meth:`periksa` untuk pesan-pesannya (atau untuk tuple-nya, bila
        misalnya NIP-nya masih harus dibersihkan). Baris yang lolos di sini menghasilkan tuple
        yang sama dengan :meth:`periksa`."""
        ada = self.ada

        def nilai(nama: str, ingatan=None, kosong=None):
            if nama not in ada:
                return itertools.repeat(kosong, len(nomor_baris))
            return kolom[nama] if ingatan is None else map(ingatan.__getitem__, kolom[nama])

        urai_nip = self._pengurai.urai
        nama_ = self._nama
        jabatan_ = self._jabatan
        golongan_ = self._golongan
        ada_golongan = "GOLONGAN" in ada
        # Kolom yang semuanya sudah rapi diterima sekaligus; selain itu sel demi sel.
        email_siap = email_sekaligus(kolom["EMAIL"]) if "EMAIL" in ada else None
        no_hp_siap = no_hp_sekaligus(kolom["NO_HP"]) if "NO_HP" in ada else None
        cek_email = email_siap is None and "EMAIL" in ada
        cek_no_hp = no_hp_siap is None and "NO_HP" in ada
        hasil: list[tuple | None] = []
        tambah = hasil.append
        self.masalah = []
        for (
            nomor,
            jenis,
            nip,
            nama,
            gelar_depan,
            gelar_belakang,
            jenis_kelamin,
            tanggal_lahir,
            tempat_lahir,
            opd,
            jenis_jabatan,
            jabatan,
            golongan,
            unit,
            email,
            no_hp,
            nip_atasan,
            aktif,
        ) in zip(
            nomor_baris,
            nilai("JENIS_PEGAWAI", self._jenis_pegawai),
            kolom["NIP"],
            kolom["NAMA"],
            nilai("GELAR_DEPAN"),
            nilai("GELAR_BELAKANG"),
            nilai("JENIS_KELAMIN", self._jenis_kelamin),
            nilai("TANGGAL_LAHIR", self._tanggal_lahir),
            nilai("TEMPAT_LAHIR", self._tempat_lahir, ""),
            nilai("PERANGKAT_DAERAH", self._perangkat_daerah),
            nilai("JENIS_JABATAN", self._jenis_jabatan),
            kolom["JABATAN"],
            nilai("GOLONGAN"),
            nilai("UNIT_KERJA", self._unit_kerja, ""),
            email_siap or nilai("EMAIL", kosong=""),
            no_hp_siap or nilai("NO_HP", kosong=""),
            nilai("NIP_ATASAN", self._nip_atasan),
            nilai("AKTIF", self._aktif, True),
            strict=True,
        ):
            if (
                jenis.__class__ is Gagal
                or jenis_kelamin.__class__ is Gagal
                or tanggal_lahir.__class__ is Gagal
                or tempat_lahir.__class__ is Gagal
                or opd.__class__ is Gagal
                or jenis_jabatan.__class__ is Gagal
                or unit.__class__ is Gagal
                or nip_atasan.__class__ is Gagal
                or aktif.__class__ is Gagal
            ):
                tambah(None)
                continue
            nip = urai_nip(nip, jenis)
            if (
                nip is None
                or (jenis_kelamin and jenis_kelamin != nip.jenis_kelamin)
                or (tanggal_lahir is not None and tanggal_lahir != nip.tanggal_lahir)
                or nip_atasan == nip.nip
            ):
                tambah(None)
                continue
            jabatan = jabatan_[jenis_jabatan][jabatan]
            golongan = golongan_[jenis][golongan] if ada_golongan else None
            if jabatan.__class__ is Gagal or golongan.__class__ is Gagal:
                tambah(None)
                continue
            nama, gelar_depan, gelar_belakang = nama_(nama, gelar_depan, gelar_belakang)
            if self.masalah:
                self.masalah = []
                tambah(None)
                continue
            try:
                if cek_email:
                    email = _email(email)
                if cek_no_hp:
                    no_hp = _no_hp(no_hp)
            except NilaiTidakValid:
                tambah(None)
                continue
            # Sama dengan tuple di akhir periksa(), ditulis ulang di sini: satu panggilan fungsi
            # per baris untuk membangunnya memperlambat pemeriksaan sekota 7 %.
            tambah(
                (
                    nomor,
                    nip.nip,
                    nama,
                    gelar_depan,
                    gelar_belakang,
                    jenis_kelamin or "",
                    tempat_lahir or "",
                    tanggal_lahir,
                    jenis,
                    golongan,
                    (jabatan[0], jenis_jabatan, jabatan[1]),
                    opd,
                    unit or "",
                    email,
                    no_hp,
                    nip_atasan,
                    aktif,
                )
            )
        return hasil

    def _nip(self, nilai, jenis):
        _tolak_nip_angka(nilai, "NIP")
        teks = wajib(nilai, "NIP")
        if jenis is None:
            return None  # jenis pegawai salah: susunan NIP tidak bisa diperiksa
        try:
            return parse_nip(teks, jenis, hari_ini=self.hari_ini)
        except NIPTidakValid as exc:
            raise NilaiTidakValid(str(exc)) from None

    @staticmethod
    def _teks(nilai, kolom, maksimum):
        teks = teks_sel(nilai)
        return "" if teks is None else _panjang(teks, kolom, maksimum)

    def _nama(self, nilai, nilai_gelar_depan, nilai_gelar_belakang) -> tuple[str, str, str]:
        ambil = self.ambil
        nama = ambil("NAMA", wajib, nilai, "NAMA")
        if nama is None:
            return "", "", ""
        gelar_depan = gelar_belakang = ""
        if self.pisah_gelar:
            terpisah = self._gelar.get(nama)
            if terpisah is None:
                terpisah = pisahkan_gelar(nama)
                if len(self._gelar) < _BATAS_INGATAN:
                    self._gelar[nama] = terpisah
            nama, gelar_depan, gelar_belakang = (
                terpisah.nama,
                terpisah.gelar_depan,
                terpisah.gelar_belakang,
            )
        if "GELAR_DEPAN" in self.ada:
            gelar_depan = ambil("GELAR_DEPAN", self._teks, nilai_gelar_depan, "GELAR_DEPAN", 40)
        elif len(gelar_depan) > 40:
            self.masalah.append(("NAMA", _("Gelar depan lebih dari 40 karakter")))
        if "GELAR_BELAKANG" in self.ada:
            gelar_belakang = ambil(
                "GELAR_BELAKANG", self._teks, nilai_gelar_belakang, "GELAR_BELAKANG", 60
            )
        elif len(gelar_belakang) > 60:
            self.masalah.append(("NAMA", _("Gelar belakang lebih dari 60 karakter")))
        if len(nama) > 200:
            self.masalah.append(("NAMA", _("NAMA lebih dari 200 karakter")))
        return nama, gelar_depan or "", gelar_belakang or ""


def _nip_atasan(nilai) -> str | None:
    if teks_sel(nilai) is None:
        return None
    return nip_dari_sel(nilai, "NIP_ATASAN")


# ---------------------------------------------------------------------------------------------
# Layanan
# ---------------------------------------------------------------------------------------------


def tanpa_gc(fungsi):
    """Jalankan ``fungsi`` dengan pengumpul siklus Python dimatikan, lalu nyalakan lagi.

    Impor membuat ratusan ribu tuple, dict, dan list yang hidup sampai impor selesai; pengumpul
    siklus terus memindai semuanya tanpa menemukan apa pun (sekitar sepersepuluh waktu
    pemeriksaan baris). Objek yang dibebaskan tetap dibebaskan seketika lewat hitungan referensi;
    hanya pencarian siklus yang ditunda sampai impor selesai.
    """

    @functools.wraps(fungsi)
    def bungkus(*args, **kwargs):
        if not gc.isenabled():
            return fungsi(*args, **kwargs)
        gc.disable()
        try:
            return fungsi(*args, **kwargs)
        finally:
            gc.enable()

    return bungkus


@tanpa_gc
def pegawai_import(
    berkas,
    *,
    nama_berkas: str,
    dry_run: bool = False,
    sheet: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> HasilImpor:
    """Impor (upsert menurut NIP) pegawai dari berkas; satu transaksi untuk seluruh berkas.

    ``dry_run`` menghitung laporan yang sama lalu membatalkan transaksinya. ``progress`` dipanggil
    sesekali dengan jumlah baris yang sudah dibaca; bila ia punya atribut ``total``, atribut itu
    diisi perkiraan jumlah baris sebelum pembacaan. Berkas yang tidak dapat dipakai melempar
    ``BerkasTidakTerbaca`` tanpa mengubah apa pun.
    """
    hasil = HasilImpor()
    hari_ini = timezone.localdate()
    with baca_tabel(
        berkas,
        nama_berkas=nama_berkas,
        kolom_wajib=KOLOM_WAJIB,
        kolom_opsional=KOLOM_OPSIONAL,
        sheet=sheet,
    ) as tabel:
        if progress is not None and hasattr(progress, "total"):
            progress.total = tabel.jumlah_baris_perkiraan
        pemeriksa = _Pemeriksa(tabel.kolom, _muat_rujukan(), hari_ini)
        baris_valid, data_baris, nip_per_baris, dibaca = _periksa_semua(
            tabel, pemeriksa, hasil, progress
        )
        ada_kolom = set(tabel.kolom)

    _tolak_nip_ganda(baris_valid, data_baris, nip_per_baris, hasil)
    if baris_valid:
        with transaction.atomic():
            kunci_impor("impor_pegawai")
            _simpan(baris_valid, ada_kolom, hasil, dry_run=dry_run)
            if dry_run:
                transaction.set_rollback(True)
    hasil.rejected.sort(key=lambda p: p.baris)
    if progress is not None:
        progress(dibaca)
    return hasil


def _periksa_semua(tabel, pemeriksa: _Pemeriksa, hasil: HasilImpor, progress):
    baris_valid: list[tuple] = []
    data_baris: dict[int, dict] = {}  # data mentah, hanya untuk baris yang mungkin ditolak
    nip_per_baris: dict[str, list[int]] = {}
    dibaca = 0
    for nomor_baris, kolom in tabel.potongan():
        cepat = pemeriksa.periksa_potongan(nomor_baris, kolom)
        for j, (nomor, hasil_baris) in enumerate(zip(nomor_baris, cepat, strict=True)):
            dibaca += 1
            if hasil_baris is None:
                # Tidak lolos pemeriksaan cepat: diperiksa lengkap, untuk pesannya.
                data = {k: v[j] for k, v in kolom.items()}
                hasil_baris = pemeriksa.periksa(nomor, data)
            if hasil_baris is None:
                data_baris[nomor] = data
                for k, pesan in pemeriksa.masalah:
                    hasil.rejected.append(Penolakan(nomor, k, pesan, data))
                nip = _nip_longgar(data.get("NIP"))
            else:
                baris_valid.append(hasil_baris)
                nip = hasil_baris[I_NIP]
            if nip:
                nip_per_baris.setdefault(nip, []).append(nomor)
            if progress is not None and dibaca % LANGKAH_KEMAJUAN == 0:
                progress(dibaca)
    return baris_valid, data_baris, nip_per_baris, dibaca


def _nip_longgar(nilai) -> str:
    try:
        return bersihkan_nip(teks_sel(nilai) or "")
    except NilaiTidakValid:
        return ""


def _tolak_nip_ganda(baris_valid, data_baris, nip_per_baris, hasil: HasilImpor) -> None:
    ganda = {nip: nomor for nip, nomor in nip_per_baris.items() if len(nomor) > 1}
    if not ganda:
        return
    sisa = []
    for b in baris_valid:
        if b[I_NIP] in ganda:
            data_baris[b[I_BARIS]] = _data_dari_tuple(b)
        else:
            sisa.append(b)
    baris_valid[:] = sisa
    for nip, nomor in ganda.items():
        daftar = ", ".join(str(n) for n in nomor)
        for n in nomor:
            hasil.rejected.append(
                Penolakan(
                    n,
                    "NIP",
                    _(
                        "NIP %(nip)s muncul %(kali)s kali dalam berkas (baris %(daftar)s); semua "
                        "barisnya ditolak"
                    )
                    % {"nip": nip, "kali": len(nomor), "daftar": daftar},
                    data_baris.get(n, {}),
                )
            )


def _data_dari_tuple(b: tuple) -> dict:
    return {
        "NIP": b[I_NIP],
        "NAMA": b[I_NAMA],
        "JENIS_PEGAWAI": b[I_JENIS_PEGAWAI],
        "JABATAN": b[I_JABATAN][0],
        "NIP_ATASAN": b[I_NIP_ATASAN],
    }


def kunci_impor(nama: str) -> None:
    # Dua impor sejenis yang bersamaan berjalan bergiliran, tidak saling menimpa.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [nama])


def potong(daftar: list, ukuran: int = POTONGAN_QUERY) -> Iterator[list]:
    for i in range(0, len(daftar), ukuran):
        yield daftar[i : i + ukuran]


def copy_biner(cursor, tabel: str, kolom: Sequence[str], model, baris: Iterable[Sequence]) -> None:
    """COPY ``baris`` ke ``kolom`` tabel ``tabel`` (nama sudah dikutip) dalam format biner.

    Tanggal, angka, dan waktu tidak diubah menjadi teks lalu diurai kembali: sisi Python sekitar
    lima kali lebih cepat daripada COPY teks. Tipe setiap kolom diambil dari field ``model`` yang
    bernama sama (migrasi menjaga tabelnya sama dengan model; tabel sementara impor memakai tipe
    yang sama), jadi tanpa query tambahan; tipe yang tidak cocok membuat COPY gagal, bukan salah
    simpan.
    """
    with salin_biner(cursor, tabel, kolom, model) as copy:
        for b in baris:
            copy.write_row(b)


@contextlib.contextmanager
def salin_biner(cursor, tabel: str, kolom: Sequence[str], model) -> Iterator:
    """:func:`copy_biner` yang barisnya ditulis pemanggil (``copy.write_row``) sambil berjalan."""
    tipe = {f.column: f.db_type(connection).partition("(")[0] for f in model._meta.concrete_fields}
    with cursor.copy(f"COPY {tabel} ({', '.join(kolom)}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types([tipe[k] for k in kolom])
        yield copy


def _simpan(baris_valid: list[tuple], ada_kolom: set[str], hasil: HasilImpor, *, dry_run: bool):
    nip_berkas = {b[I_NIP] for b in baris_valid}
    nip_atasan = {b[I_NIP_ATASAN] for b in baris_valid if b[I_NIP_ATASAN]}
    tersimpan = _tersimpan(sorted(nip_berkas | nip_atasan))

    baris_valid = _tolak_atasan_tak_dikenal(baris_valid, tersimpan, hasil)
    if not baris_valid:
        return
    jabatan = _jabatan_ids({b[I_JABATAN] for b in baris_valid})
    unit = _unit_ids({(b[I_OPD], b[I_UNIT]) for b in baris_valid if b[I_UNIT]})

    # Isian dari kolom opsional yang tidak ada di berkas dibiarkan seperti tersimpan.
    dipakai = [True] * len(_ISIAN)
    for kolom, posisi in _KOLOM_ISIAN.items():
        dipakai[posisi] = kolom in ada_kolom

    tidak_dipakai = [i for i, pakai in enumerate(dipakai) if not pakai]

    # Pegawai baru tetap tuple pemeriksaan sampai COPY: baris tulisnya dibangun selagi
    # PostgreSQL menyisipkan baris sebelumnya (:func:`_baris_baru`). Yang sudah tersimpan
    # dibandingkan di sini: [id, nip, *isian sesuai _ISIAN].
    baru: list[tuple] = []
    berubah: list[list] = []
    for b in baris_valid:
        lama = tersimpan.get(b[I_NIP])
        if lama is None:
            baru.append(b)
            continue
        baris = [lama[0], b[I_NIP], *_isian(b, jabatan, unit, b[I_NIP_ATASAN])]
        for i in tidak_dipakai:
            baris[i + 2] = lama[i + 1]
        if tuple(baris[2:]) == lama[1:]:
            hasil.unchanged += 1
        else:
            berubah.append(baris)
    if baru or berubah:
        with muat_massal(Pegawai, jumlah=len(baru) + len(berubah), pulihkan=not dry_run) as massal:
            id_per_nip = _id_per_nip(baru, berubah, tersimpan, massal=massal)
            _tulis(
                _baris_baru(baru, id_per_nip, jabatan, unit, tidak_dipakai, timezone.now())
                if baru
                else None,
                berubah,
            )
    hasil.created += len(baru)
    hasil.updated += len(berubah)


def _tersimpan(nips: list[str]) -> dict[str, tuple]:
    """NIP → (id, *_ISIAN) pegawai tersimpan: satu query dengan satu parameter (daftar IN berisi
    puluhan ribu parameter lebih lama direncanakan daripada dijalankan). NIP yang sudah diperiksa
    hanya berisi angka, jadi dikirim sebagai satu teks berpemisah koma: lebih murah dikodekan
    daripada larik."""
    qn = connection.ops.quote_name
    kolom = ", ".join("a.nip" if k == "atasan__nip" else f"p.{qn(k)}" for k in _ISIAN)
    tabel = qn(Pegawai._meta.db_table)
    sql = (
        f"SELECT p.nip, p.id, {kolom} FROM {tabel} AS p"  # noqa: S608 - nama dari kode
        f" LEFT JOIN {tabel} AS a ON a.id = p.atasan_id"
        " WHERE p.nip = ANY(string_to_array(%s, ','))"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [",".join(nips)])
        return {baris[0]: baris[1:] for baris in cursor.fetchall()}


def _tolak_atasan_tak_dikenal(baris_valid, tersimpan, hasil: HasilImpor) -> list[tuple]:
    """Atasan harus ada di berkas (dan lolos) atau sudah tersimpan; penolakan bisa berantai."""
    while True:
        dikenal = {b[I_NIP] for b in baris_valid} | tersimpan.keys()
        tolak = [b for b in baris_valid if b[I_NIP_ATASAN] and b[I_NIP_ATASAN] not in dikenal]
        if not tolak:
            return baris_valid
        for b in tolak:
            hasil.rejected.append(
                Penolakan(
                    b[I_BARIS],
                    "NIP_ATASAN",
                    _(
                        "Atasan dengan NIP %(nip)s tidak ditemukan di berkas ini maupun di data "
                        "pegawai"
                    )
                    % {"nip": b[I_NIP_ATASAN]},
                    _data_dari_tuple(b),
                )
            )
        ditolak = {b[I_BARIS] for b in tolak}
        baris_valid = [b for b in baris_valid if b[I_BARIS] not in ditolak]


def _kunci_jabatan(nama: str, jenis: str, jenjang: str) -> tuple[str, str, str]:
    return (" ".join(nama.split()).upper(), jenis, jenjang)


def _jabatan_ids(dibutuhkan: set[tuple[str, str, str]]) -> dict[tuple[str, str, str], int]:
    def muat():
        return {
            _kunci_jabatan(nama, jenis, jenjang): pk
            for pk, nama, jenis, jenjang in Jabatan.objects.values_list(
                "pk", "nama", "jenis_jabatan", "jenjang"
            )
        }

    ada = muat()
    hasil = {}
    kurang = {}
    for k in dibutuhkan:
        kk = _kunci_jabatan(*k)
        if kk in ada:
            hasil[k] = ada[kk]
        else:
            kurang.setdefault(kk, k)
    if kurang:
        Jabatan.objects.bulk_create(
            [
                Jabatan(nama=nama, jenis_jabatan=jenis, jenjang=jenjang)
                for nama, jenis, jenjang in kurang.values()
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
        ada = muat()
        hasil = {k: ada[_kunci_jabatan(*k)] for k in dibutuhkan}
    return hasil


def _unit_ids(dibutuhkan: set[tuple[int, str]]) -> dict[tuple[int, str], int]:
    if not dibutuhkan:
        return {}
    opd_ids = sorted({opd for opd, _nama in dibutuhkan})

    def muat():
        return {
            (opd, nama.upper()): pk
            for pk, opd, nama in UnitKerja.objects.filter(
                perangkat_daerah_id__in=opd_ids
            ).values_list("pk", "perangkat_daerah_id", "nama")
        }

    ada = muat()
    kurang = {}
    for opd, nama in dibutuhkan:
        if (opd, nama.upper()) not in ada:
            kurang.setdefault((opd, nama.upper()), (opd, nama))
    if kurang:
        UnitKerja.objects.bulk_create(
            [UnitKerja(perangkat_daerah_id=opd, nama=nama) for opd, nama in kurang.values()],
            batch_size=1000,
            ignore_conflicts=True,
        )
        ada = muat()
    return {(opd, nama): ada[(opd, nama.upper())] for opd, nama in dibutuhkan}


_SQL_ID_SATU_SATU = (
    "WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence(%s, 'id')::regclass AS seq)"
    " SELECT nextval(s.seq) FROM s, generate_series(1, %s)"
)
# Id pertama sebuah rentang yang diambil sekaligus; sisanya dihitung di Python.
_SQL_ID_RENTANG = (
    "WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence(%s, 'id')::regclass AS seq)"
    " SELECT v FROM s, LATERAL nextval(s.seq) AS v, LATERAL setval(s.seq, v + %s - 1) AS akhir"
)


def _id_per_nip(
    baru: list[tuple], berubah: list[list], tersimpan, *, massal: bool = False
) -> dict[str, int]:
    """NIP → id semua pegawai berkas: pegawai baru diberi id dari sequence-nya lebih dulu, agar
    atasan (yang boleh pegawai baru di berkas yang sama) langsung tertulis sebagai id dalam satu
    kali tulis, tanpa UPDATE kedua. Atasan baris ``berubah`` diganti id-nya di tempat.

    Pegawai baru diurutkan menurut NIP (di tempat) sebelum diberi id: indeks id dan NIP lalu
    bertambah di ujung kanannya, bukan di halaman acak."""
    id_per_nip = {nip: lama[0] for nip, lama in tersimpan.items()}
    if baru:
        baru.sort(key=itemgetter(I_NIP))
        with connection.cursor() as cursor:
            # Nama sequence dicari sekali, bukan sekali per baris. Saat muat massal tabel pegawai
            # terkunci ACCESS EXCLUSIVE, jadi tidak ada sesi lain yang menyisipkan pegawai:
            # satu rentang id diambil sekaligus.
            cursor.execute(
                _SQL_ID_RENTANG if massal else _SQL_ID_SATU_SATU,
                [Pegawai._meta.db_table, len(baru)],
            )
            if massal:
                (awal,) = cursor.fetchone()
                ids = range(awal, awal + len(baru))
            else:
                ids = [pk for (pk,) in cursor.fetchall()]
        id_per_nip.update(zip(map(itemgetter(I_NIP), baru), ids, strict=True))
    i = 2 + _ISIAN.index("atasan__nip")
    for b in berubah:
        b[i] = id_per_nip[b[i]] if b[i] else None
    return id_per_nip


def _baris_baru(
    baru: list[tuple], id_per_nip: dict[str, int], jabatan, unit, tidak_dipakai: list[int], waktu
) -> Iterator[tuple]:
    """Baris tulis pegawai baru (id, nip, *_KOLOM_TULIS, dibuat_pada, diubah_pada) dari tuple
    pemeriksaannya."""
    for b in baru:
        atasan = b[I_NIP_ATASAN]
        isian = _isian(b, jabatan, unit, id_per_nip[atasan] if atasan else None)
        # Kolom opsional yang tidak ada di berkas: nilai bawaan pegawai baru.
        for i in tidak_dipakai:
            isian[i] = _BAWAAN[i]
        yield (id_per_nip[b[I_NIP]], b[I_NIP], *isian, waktu, waktu)


def _isian(b: tuple, jabatan, unit, atasan) -> list:
    """Isian tulis sesuai _ISIAN dari tuple pemeriksaan ``b``, dengan id jabatan dan unit kerja;
    atasan seperti diberikan (NIP untuk dibandingkan, id untuk ditulis)."""
    return [
        b[I_NAMA],
        b[I_GELAR_DEPAN],
        b[I_GELAR_BELAKANG],
        b[I_JENIS_KELAMIN],
        b[I_TEMPAT_LAHIR],
        b[I_TANGGAL_LAHIR],
        b[I_JENIS_PEGAWAI],
        b[I_GOLONGAN],
        jabatan[b[I_JABATAN]],
        b[I_OPD],
        unit[(b[I_OPD], b[I_UNIT])] if b[I_UNIT] else None,
        b[I_EMAIL],
        b[I_NO_HP],
        atasan,
        b[I_AKTIF],
    ]


_KOLOM_TULIS = (
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "jenis_kelamin",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_pegawai",
    "golongan_id",
    "jabatan_id",
    "perangkat_daerah_id",
    "unit_kerja_id",
    "email",
    "no_hp",
    "atasan_id",
    "aktif",
)


def _tulis(baru: Iterable[tuple] | None, berubah: list[list]) -> None:
    """Pegawai baru (:func:`_baris_baru`): COPY langsung ke tabelnya. Yang berubah (id, nip,
    *isian sesuai _KOLOM_TULIS): COPY ke tabel sementara lalu satu UPDATE … FROM."""
    tabel = connection.ops.quote_name(Pegawai._meta.db_table)
    with connection.cursor() as cursor:
        if baru is not None:
            copy_biner(
                cursor,
                tabel,
                ("id", "nip", *_KOLOM_TULIS, "dibuat_pada", "diubah_pada"),
                Pegawai,
                baru,
            )
        if not berubah:
            return
        # Sisa impor sebelumnya dalam transaksi luar yang sama (ON COMMIT belum terjadi).
        cursor.execute("DROP TABLE IF EXISTS pg_temp.impor_pegawai")
        cursor.execute(
            """
            CREATE TEMP TABLE impor_pegawai (
                id bigint, nip varchar(18), nama varchar(200), gelar_depan varchar(40),
                gelar_belakang varchar(60), jenis_kelamin varchar(1), tempat_lahir varchar(100),
                tanggal_lahir date, jenis_pegawai varchar(4), golongan_id bigint,
                jabatan_id bigint, perangkat_daerah_id bigint, unit_kerja_id bigint,
                email varchar(254), no_hp varchar(20), atasan_id bigint, aktif boolean
            ) ON COMMIT DROP
            """
        )
        copy_biner(cursor, "impor_pegawai", ("id", "nip", *_KOLOM_TULIS), Pegawai, berubah)
        ubah = ", ".join(f"{k} = t.{k}" for k in _KOLOM_TULIS)
        cursor.execute(
            f"""
            UPDATE {tabel} AS p SET {ubah}, diubah_pada = now()
            FROM impor_pegawai AS t WHERE p.id = t.id
            """  # noqa: S608 - nama kolom dari kode, nilai lewat COPY
        )
