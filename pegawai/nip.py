"""NIP PNS/CPNS dan NI PPPK: pembersihan, validasi, penguraian, dan pembuatan.

Susunan 18 digit:

- NIP PNS/CPNS: tanggal lahir YYYYMMDD (8) + TMT CPNS YYYYMM (6)
  + jenis kelamin (1 = laki-laki, 2 = perempuan) (1) + nomor urut (3).
- NI PPPK: tanggal lahir YYYYMMDD (8) + tahun pengangkatan YYYY (4) + angka 2 (1)
  + nomor kontrak (1) + jenis kelamin (1) + nomor urut (3).

Jenis pegawai tidak pernah ditebak dari NIP: pemanggil selalu menyebutkannya, karena
kedua susunan sama panjang dan sebuah NIP yang salah ketik bisa tampak seperti jenis lain.

Modul ini sengaja bebas dari Django agar bisa dipakai di importer, skrip, dan tes
tanpa konfigurasi.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from pegawai.tanggal import NAMA_BULAN, format_tanggal

__all__ = [
    "NIP",
    "NIPTidakValid",
    "PenguraiNIP",
    "alasan_nip_tidak_valid",
    "bersihkan_nip",
    "buat_nip_pns",
    "buat_nip_pppk",
    "cocok_dengan_data",
    "parse_nip",
]

PANJANG_NIP = 18
TAHUN_LAHIR_MINIMUM = 1940
TAHUN_TMT_CPNS_MINIMUM = 1950
# PPPK pertama kali diangkat pada 2019 (PP 49/2018).
TAHUN_PPPK_MINIMUM = 2019
USIA_MINIMUM_PENGANGKATAN = 18

_DIGIT = frozenset("0123456789")
# Karakter tak terlihat yang sering ikut tersalin dari web/PDF; str.isspace() tidak mengenalinya.
_KARAKTER_TAK_TERLIHAT = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_TANDA_HUBUNG = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2212")
# Excel menandai sel teks dengan apostrof di depan; sebagian editor mengubahnya jadi kutip miring.
_APOSTROF = ("'", "\u2018", "\u2019")

# Excel/Python menulis satu digit sebelum koma dan pangkat pendek ("1.98708E+17"); pola yang
# lebih longgar akan salah mengira NIP dengan huruf E salah ketik di tengahnya.
_NOTASI_ILMIAH = re.compile(r"^[+-]?\d(?:[.,]\d+)?[eE][+-]?\d{1,3}$")
_DESIMAL_NOL = re.compile(r"^\d+[.,]0+$")


_KODE_JENIS_KELAMIN = {"1": "L", "2": "P"}
_DIGIT_JENIS_KELAMIN = {"L": "1", "P": "2"}
_NAMA_JENIS_KELAMIN = {"L": "laki-laki", "P": "perempuan"}


class NIPTidakValid(ValueError):
    """NIP/NI PPPK ditolak; ``alasan`` berisi semua alasan penolakan, bukan hanya yang pertama."""

    def __init__(self, alasan: list[str] | tuple[str, ...] | str, nilai: object = None) -> None:
        daftar = [alasan] if isinstance(alasan, str) else list(alasan)
        self.alasan: list[str] = daftar
        self.nilai = nilai
        super().__init__("; ".join(daftar))

    def __str__(self) -> str:
        return "; ".join(self.alasan)


class NIP(NamedTuple):
    """Hasil penguraian NIP PNS/CPNS atau NI PPPK yang sudah lolos validasi.

    NamedTuple, bukan dataclass beku: impor sekota membuat puluhan ribu, dan ``__init__``
    dataclass beku (``object.__setattr__`` per field) hampir tiga kali lebih lambat."""

    nip: str
    jenis: str
    tanggal_lahir: date
    jenis_kelamin: str
    nomor_urut: int
    tmt_cpns: date | None = None
    tahun_pengangkatan: int | None = None
    nomor_kontrak: int | None = None

    def __str__(self) -> str:
        return self.nip

    def format(self) -> str:
        """Kelompokkan digit agar mudah dibaca dan dicocokkan dengan SK."""
        n = self.nip
        if self.jenis == "PPPK":
            return f"{n[:8]} {n[8:12]} {n[12]} {n[13]} {n[14]} {n[15:]}"
        return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}"


def _normalisasi_jenis_pegawai(jenis_pegawai: str) -> str:
    teks = jenis_pegawai.strip().upper() if isinstance(jenis_pegawai, str) else None
    if teks in ("PNS", "CPNS"):
        # CPNS sudah memakai NIP dengan susunan PNS.
        return "PNS"
    if teks == "PPPK":
        return "PPPK"
    raise ValueError(
        f"Jenis pegawai tidak dikenal: {jenis_pegawai!r}; gunakan PNS, CPNS, atau PPPK"
    )


def _teks(nilai: object) -> str:
    if nilai is None:
        return ""
    try:
        return str(nilai)
    except Exception:
        return ""


def _tanpa_spasi_dan_apostrof(teks: str) -> str:
    teks = "".join(ch for ch in teks if not ch.isspace() and ch not in _KARAKTER_TAK_TERLIHAT)
    if teks.startswith(_APOSTROF):
        teks = teks[1:]
    return teks


def bersihkan_nip(nilai: object) -> str:
    """Buang spasi (termasuk spasi tak-putus), titik, tanda hubung, dan apostrof penanda teks Excel.

    Hanya membersihkan, tidak memvalidasi, dan tidak pernah melempar exception.
    """
    if _sudah_bersih(nilai):
        return nilai  # type: ignore[return-value]
    teks = _tanpa_spasi_dan_apostrof(_teks(nilai))
    return "".join(ch for ch in teks if ch != "." and ch not in _TANDA_HUBUNG)


def _sudah_bersih(nilai: object) -> bool:
    # Jalur cepat: impor puluhan ribu baris yang NIP-nya sudah 18 digit ASCII tidak perlu
    # diperiksa karakter demi karakter.
    return type(nilai) is str and len(nilai) == PANJANG_NIP and nilai.isascii() and nilai.isdigit()


def _alasan_kerusakan_excel(nilai: object) -> str | None:
    if _sudah_bersih(nilai):
        return None
    # Harus diperiksa sebelum titik dibuang: "1.98708122E+17" dan "...001.0" kehilangan jejaknya
    # setelah dibersihkan, padahal digitnya sudah tidak bisa dipercaya.
    mentah = _tanpa_spasi_dan_apostrof(_teks(nilai))
    if _NOTASI_ILMIAH.match(mentah):
        return (
            f"NIP tertulis dalam notasi ilmiah ({mentah}): Excel telah mengubah NIP menjadi angka "
            "sehingga sebagian digitnya hilang. Format kolom NIP sebagai Teks, lalu ketik atau "
            "salin ulang NIP dari dokumen aslinya"
        )
    if _DESIMAL_NOL.match(mentah):
        return (
            f"NIP tertulis sebagai angka desimal ({mentah}): Excel telah mengubah NIP menjadi "
            "angka sehingga digit terakhirnya bisa berubah. Format kolom NIP sebagai Teks, lalu "
            "ketik atau salin ulang NIP dari dokumen aslinya"
        )
    return None


def _cek_usia_pengangkatan(
    label: str, tahun: int, tahun_lahir: int, hari_ini: date, alasan: list[str]
) -> None:
    if tahun_lahir > hari_ini.year:
        # Tahun lahir yang mustahil sudah dilaporkan; perbandingan usia hanya menambah kebingungan.
        return
    usia = tahun - tahun_lahir
    if usia < 0:
        alasan.append(f"{label} ({tahun}) lebih awal dari tahun lahir pada NIP ({tahun_lahir})")
    elif usia < USIA_MINIMUM_PENGANGKATAN:
        alasan.append(
            f"{label} ({tahun}) berarti pegawai baru berusia {usia} tahun saat diangkat; "
            f"usia minimal {USIA_MINIMUM_PENGANGKATAN} tahun"
        )


def _periksa(
    nilai: object, jenis_pegawai: str, hari_ini: date | None
) -> tuple[list[str], NIP | None]:
    jenis = _normalisasi_jenis_pegawai(jenis_pegawai)
    if hari_ini is None:
        hari_ini = date.today()
    sebutan = "NI PPPK" if jenis == "PPPK" else "NIP"

    alasan: list[str] = []
    if _sudah_bersih(nilai):
        # Jalur cepat impor: 18 digit ASCII tidak punya kerusakan Excel atau karakter asing.
        nip: str = nilai  # type: ignore[assignment]
    else:
        kerusakan = _alasan_kerusakan_excel(nilai)
        if kerusakan is not None:
            # Digit yang tersisa sudah rusak; memeriksa isinya hanya menghasilkan alasan
            # menyesatkan.
            return [kerusakan], None

        nip = bersihkan_nip(nilai)
        if not nip:
            return [f"{sebutan} kosong"], None

        asing = list(dict.fromkeys(ch for ch in nip if ch not in _DIGIT))
        if asing:
            daftar = ", ".join(repr(ch) for ch in asing)
            alasan.append(f"{sebutan} mengandung karakter selain angka: {daftar}")
        jumlah_digit = sum(1 for ch in nip if ch in _DIGIT)
        if jumlah_digit != PANJANG_NIP:
            alasan.append(
                f"{sebutan} harus terdiri dari {PANJANG_NIP} digit angka, "
                f"tetapi ditemukan {jumlah_digit} digit"
            )
        if alasan:
            # Tanpa tepat 18 digit, posisi setiap bagian tidak bisa ditentukan.
            return alasan, None

    # Tanggal lahir (digit 1-8)
    tahun_lahir = int(nip[0:4])
    try:
        tanggal_lahir: date | None = date(tahun_lahir, int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        tanggal_lahir = None
        alasan.append(
            f"Tanggal lahir pada {sebutan} (digit 1–8: {nip[:8]}) bukan tanggal yang valid"
        )
    if tahun_lahir < TAHUN_LAHIR_MINIMUM:
        alasan.append(f"Tahun lahir pada {sebutan} ({nip[:4]}) sebelum tahun {TAHUN_LAHIR_MINIMUM}")
    if tanggal_lahir is not None and tanggal_lahir > hari_ini:
        alasan.append(
            f"Tanggal lahir pada {sebutan} ({format_tanggal(tanggal_lahir)}) "
            f"berada di masa depan (setelah {format_tanggal(hari_ini)})"
        )

    tmt_cpns: date | None = None
    tahun_pengangkatan: int | None = None
    nomor_kontrak: int | None = None
    if jenis == "PNS":
        # TMT CPNS (digit 9-14)
        tahun_tmt = int(nip[8:12])
        bulan_tmt = int(nip[12:14])
        bulan_valid = 1 <= bulan_tmt <= 12
        if not bulan_valid:
            alasan.append(f"Bulan TMT CPNS pada NIP (digit 13–14: {nip[12:14]}) harus 01 sampai 12")
        if tahun_tmt < TAHUN_TMT_CPNS_MINIMUM:
            alasan.append(
                f"Tahun TMT CPNS pada NIP (digit 9–12: {nip[8:12]}) "
                f"sebelum tahun {TAHUN_TMT_CPNS_MINIMUM}"
            )
        _cek_usia_pengangkatan("Tahun TMT CPNS pada NIP", tahun_tmt, tahun_lahir, hari_ini, alasan)
        if bulan_valid:
            if (tahun_tmt, bulan_tmt) > (hari_ini.year, hari_ini.month):
                alasan.append(
                    f"TMT CPNS pada NIP ({NAMA_BULAN[bulan_tmt - 1]} {tahun_tmt}) "
                    f"berada di masa depan (setelah {NAMA_BULAN[hari_ini.month - 1]} "
                    f"{hari_ini.year})"
                )
        elif tahun_tmt > hari_ini.year:
            alasan.append(
                f"Tahun TMT CPNS pada NIP ({tahun_tmt}) berada di masa depan "
                f"(setelah tahun {hari_ini.year})"
            )
        if not alasan:
            tmt_cpns = date(tahun_tmt, bulan_tmt, 1)
    else:
        # Tahun pengangkatan (digit 9-12), angka 2 (digit 13), nomor kontrak (digit 14)
        tahun = int(nip[8:12])
        if tahun < TAHUN_PPPK_MINIMUM:
            alasan.append(
                f"Tahun pengangkatan PPPK pada NI PPPK (digit 9–12: {nip[8:12]}) sebelum tahun "
                f"{TAHUN_PPPK_MINIMUM}; PPPK baru diangkat sejak {TAHUN_PPPK_MINIMUM}"
            )
        _cek_usia_pengangkatan(
            "Tahun pengangkatan PPPK pada NI PPPK", tahun, tahun_lahir, hari_ini, alasan
        )
        if tahun > hari_ini.year:
            alasan.append(
                f"Tahun pengangkatan PPPK pada NI PPPK ({tahun}) berada di masa depan "
                f"(setelah tahun {hari_ini.year})"
            )
        if nip[12] != "2":
            alasan.append(f"Digit ke-13 NI PPPK harus 2, tetapi tertulis {nip[12]}")
        if nip[13] == "0":
            alasan.append(
                "Nomor kontrak PPPK pada NI PPPK (digit ke-14) tidak boleh 0; "
                "nomor kontrak dimulai dari 1"
            )
        tahun_pengangkatan = tahun
        nomor_kontrak = int(nip[13])

    # Jenis kelamin (digit 15) dan nomor urut (digit 16-18) sama letaknya pada kedua susunan.
    if nip[14] not in _KODE_JENIS_KELAMIN:
        alasan.append(
            f"Kode jenis kelamin pada {sebutan} (digit ke-15: {nip[14]}) harus 1 (laki-laki) "
            "atau 2 (perempuan)"
        )
    if nip[15:18] == "000":
        alasan.append(
            f"Nomor urut pada {sebutan} (digit 16–18) tidak boleh 000; nomor urut dimulai dari 001"
        )

    if alasan or tanggal_lahir is None:
        return alasan, None
    return [], NIP(
        nip=nip,
        jenis=jenis,
        tanggal_lahir=tanggal_lahir,
        jenis_kelamin=_KODE_JENIS_KELAMIN[nip[14]],
        nomor_urut=int(nip[15:18]),
        tmt_cpns=tmt_cpns,
        tahun_pengangkatan=tahun_pengangkatan,
        nomor_kontrak=nomor_kontrak,
    )


def alasan_nip_tidak_valid(
    nilai: object, jenis_pegawai: str, *, hari_ini: date | None = None
) -> list[str]:
    """Semua alasan ``nilai`` bukan NIP yang valid untuk ``jenis_pegawai``; ``[]`` jika valid.

    Jenis pegawai yang tidak dikenal melempar ``ValueError`` (kesalahan pemanggil, bukan data).
    """
    alasan, _ = _periksa(nilai, jenis_pegawai, hari_ini)
    return alasan


def parse_nip(nilai: object, jenis_pegawai: str, *, hari_ini: date | None = None) -> NIP:
    """Bersihkan, validasi, dan uraikan NIP; melempar ``NIPTidakValid`` berisi semua alasan."""
    alasan, hasil = _periksa(nilai, jenis_pegawai, hari_ini)
    if hasil is None:
        raise NIPTidakValid(alasan, nilai)
    return hasil


class PenguraiNIP:
    """:func:`parse_nip` untuk ribuan NIP sekaligus (impor), dengan jalur cepat yang diingat.

    Sebuah kota punya puluhan ribu NIP berbeda, tetapi tanggal lahirnya (digit 1–8) dan bagian
    pengangkatannya (tahun lahir dengan digit 9–14) berulang: aturan keduanya cukup diperiksa
    sekali per nilai. :meth:`urai` hanya menjawab NIP 18 digit ASCII yang lolos semua aturan,
    dengan hasil yang sama dengan ``parse_nip``; selain itu ``None``, dan pemanggil bertanya ke
    ``parse_nip`` untuk alasan penolakannya (atau NIP yang masih harus dibersihkan).
    """

    __slots__ = ("_angkat", "_lahir", "hari_ini")

    def __init__(self, hari_ini: date) -> None:
        self.hari_ini = hari_ini
        self._lahir: dict[str, date | None] = {}
        self._angkat: dict[tuple[str, str, str], tuple | None] = {}

    def urai(self, nilai: object, jenis_pegawai: str) -> NIP | None:
        if not _sudah_bersih(nilai):
            return None
        nip: str = nilai  # type: ignore[assignment]
        jenis = "PPPK" if jenis_pegawai == "PPPK" else "PNS"
        if jenis_pegawai not in ("PNS", "CPNS", "PPPK") or nip[14] not in _KODE_JENIS_KELAMIN:
            return None
        if nip[15:18] == "000":
            return None
        try:
            lahir = self._lahir[nip[:8]]
        except KeyError:
            lahir = self._lahir[nip[:8]] = self._tanggal_lahir(nip[:8])
        if lahir is None:
            return None
        kunci = (jenis, nip[:4], nip[8:14])
        try:
            angkat = self._angkat[kunci]
        except KeyError:
            angkat = self._angkat[kunci] = self._pengangkatan(*kunci)
        if angkat is None:
            return None
        return NIP(nip, jenis, lahir, _KODE_JENIS_KELAMIN[nip[14]], int(nip[15:18]), *angkat)

    def _tanggal_lahir(self, digit: str) -> date | None:
        try:
            lahir = date(int(digit[:4]), int(digit[4:6]), int(digit[6:8]))
        except ValueError:
            return None
        if lahir.year < TAHUN_LAHIR_MINIMUM or lahir > self.hari_ini:
            return None
        return lahir

    def _pengangkatan(self, jenis: str, tahun_lahir: str, digit: str) -> tuple | None:
        """(tmt_cpns, tahun_pengangkatan, nomor_kontrak), atau None bila ada aturan dilanggar."""
        hari_ini = self.hari_ini
        tahun = int(digit[:4])
        if tahun - int(tahun_lahir) < USIA_MINIMUM_PENGANGKATAN:
            return None
        if jenis == "PNS":
            bulan = int(digit[4:6])
            if (
                not 1 <= bulan <= 12
                or tahun < TAHUN_TMT_CPNS_MINIMUM
                or (tahun, bulan) > (hari_ini.year, hari_ini.month)
            ):
                return None
            return date(tahun, bulan, 1), None, None
        if tahun < TAHUN_PPPK_MINIMUM or tahun > hari_ini.year or digit[4] != "2":
            return None
        if digit[5] == "0":
            return None
        return None, tahun, int(digit[5])


def _digit_jenis_kelamin(jenis_kelamin: str) -> str:
    kode = jenis_kelamin.strip().upper() if isinstance(jenis_kelamin, str) else None
    if kode not in _DIGIT_JENIS_KELAMIN:
        raise ValueError(f"Jenis kelamin harus 'L' atau 'P', bukan {jenis_kelamin!r}")
    return _DIGIT_JENIS_KELAMIN[kode]


def _cek_rentang(nama: str, nilai: int, minimum: int, maksimum: int) -> None:
    if isinstance(nilai, bool) or not isinstance(nilai, int) or not minimum <= nilai <= maksimum:
        raise ValueError(
            f"{nama} harus bilangan bulat {minimum} sampai {maksimum}, bukan {nilai!r}"
        )


def buat_nip_pns(tanggal_lahir: date, tmt_cpns: date, jenis_kelamin: str, nomor_urut: int) -> str:
    """Susun NIP PNS/CPNS (hari pada ``tmt_cpns`` diabaikan).

    Hanya memeriksa bentuk bagian-bagiannya; aturan seperti usia minimal diperiksa ``parse_nip``.
    """
    _cek_rentang("Nomor urut", nomor_urut, 1, 999)
    return (
        f"{tanggal_lahir:%Y%m%d}{tmt_cpns.year:04d}{tmt_cpns.month:02d}"
        f"{_digit_jenis_kelamin(jenis_kelamin)}{nomor_urut:03d}"
    )


def buat_nip_pppk(
    tanggal_lahir: date,
    tahun_pengangkatan: int,
    nomor_kontrak: int,
    jenis_kelamin: str,
    nomor_urut: int,
) -> str:
    """Susun NI PPPK. Hanya memeriksa bentuk bagian-bagiannya, bukan aturan tahun/usia."""
    _cek_rentang("Tahun pengangkatan", tahun_pengangkatan, 1000, 9999)
    _cek_rentang("Nomor kontrak", nomor_kontrak, 1, 9)
    _cek_rentang("Nomor urut", nomor_urut, 1, 999)
    return (
        f"{tanggal_lahir:%Y%m%d}{tahun_pengangkatan:04d}2{nomor_kontrak}"
        f"{_digit_jenis_kelamin(jenis_kelamin)}{nomor_urut:03d}"
    )


def cocok_dengan_data(
    nip: NIP, *, jenis_kelamin: str | None = None, tanggal_lahir: date | None = None
) -> list[str]:
    """Alasan data pegawai bertentangan dengan NIP; ``[]`` jika cocok.

    Data yang tidak diisi (``None`` atau teks kosong) tidak dibandingkan. ``jenis_kelamin`` hanya
    menerima "L" atau "P"; nilai lain melempar ``ValueError`` karena importer wajib
    menormalkannya lebih dulu.
    """
    alasan: list[str] = []
    sebutan = "NI PPPK" if nip.jenis == "PPPK" else "NIP"
    if jenis_kelamin is not None and (not isinstance(jenis_kelamin, str) or jenis_kelamin.strip()):
        _digit_jenis_kelamin(jenis_kelamin)
        kode = jenis_kelamin.strip().upper()
        if kode != nip.jenis_kelamin:
            alasan.append(
                f"Jenis kelamin ({kode}, {_NAMA_JENIS_KELAMIN[kode]}) tidak sesuai dengan "
                f"{sebutan}: digit ke-15 bernilai {_DIGIT_JENIS_KELAMIN[nip.jenis_kelamin]} "
                f"({_NAMA_JENIS_KELAMIN[nip.jenis_kelamin]})"
            )
    if tanggal_lahir is not None:
        # datetime adalah turunan date; jam tidak relevan untuk tanggal lahir.
        tanggal = date(tanggal_lahir.year, tanggal_lahir.month, tanggal_lahir.day)
        if tanggal != nip.tanggal_lahir:
            alasan.append(
                f"Tanggal lahir ({format_tanggal(tanggal)}) tidak sesuai dengan tanggal lahir "
                f"pada {sebutan} ({format_tanggal(nip.tanggal_lahir)})"
            )
    return alasan
