"""Normalisasi golongan/pangkat PNS dan golongan PPPK ke bentuk baku.

Data dari OPD datang dalam banyak ejaan ("III/a", "3a", "Penata Muda Tk. I", "Gol. IX", ...);
semuanya dibakukan menjadi satu ``Golongan`` agar bisa dibandingkan dan diurutkan.

Modul ini sengaja bebas dari Django agar bisa dipakai di importer, skrip, dan tes
tanpa konfigurasi.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "GOLONGAN_PNS",
    "GOLONGAN_PPPK",
    "Golongan",
    "GolonganTidakValid",
    "normalisasi_golongan",
]


class GolonganTidakValid(ValueError):
    """Golongan tidak dikenali; pesannya menyebut nilai yang diberikan dan bentuk yang diterima."""

    def __init__(self, pesan: str, nilai: object = None) -> None:
        self.pesan = pesan
        self.nilai = nilai
        super().__init__(pesan)


@dataclass(frozen=True)
class Golongan:
    kode: str
    jenis: str
    pangkat: str
    urutan: int

    def __str__(self) -> str:
        return self.kode

    @property
    def label(self) -> str:
        """Untuk tampilan: "Penata Muda (III/a)" bagi PNS, "IX" bagi PPPK."""
        return f"{self.pangkat} ({self.kode})" if self.pangkat else self.kode


_ROMAWI = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
)
# Sampai XX agar "XVIII" dikenali sebagai angka yang terlalu besar, bukan teks acak.
_ANGKA_ROMAWI = {romawi.casefold(): i for i, romawi in enumerate(_ROMAWI, start=1)}

_PANGKAT_PNS = (
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
)

GOLONGAN_PNS: tuple[Golongan, ...] = tuple(
    Golongan(kode=kode, jenis="PNS", pangkat=pangkat, urutan=i)
    for i, (kode, pangkat) in enumerate(_PANGKAT_PNS, start=1)
)
GOLONGAN_PPPK: tuple[Golongan, ...] = tuple(
    Golongan(kode=romawi, jenis="PPPK", pangkat="", urutan=i)
    for i, romawi in enumerate(_ROMAWI[:17], start=1)
)

_PNS_PER_KODE = {
    (_ANGKA_ROMAWI[g.kode.split("/")[0].casefold()], g.kode[-1]): g for g in GOLONGAN_PNS
}
_PPPK_PER_ANGKA = {g.urutan: g for g in GOLONGAN_PPPK}

_BENTUK_PNS = (
    "untuk PNS: III/a, III.a, III-a, IIIa, 3a, 3/a, nama pangkat (misalnya 'Penata Muda' "
    "atau 'Penata Muda Tk. I'), atau gabungan seperti 'Penata Muda (III/a)'"
)
_BENTUK_PPPK = "untuk PPPK: angka Romawi I sampai XVII atau angka 1 sampai 17 (misalnya IX atau 9)"
_DAFTAR_PNS = "I/a–I/d, II/a–II/d, III/a–III/d, dan IV/a–IV/e"

# Prefiks "Gol."/"Golongan" boleh ada; lalu angka Romawi atau Arab, pemisah opsional, huruf ruang.
# Huruf ruang ditangkap apa adanya (bukan hanya a-e) agar "III/f" ditolak sebagai ruang yang
# tidak ada, bukan sebagai teks yang tak dikenali. Romawi hanya memakai i, v, x sehingga tidak
# bertabrakan dengan huruf ruang a-e.
_POLA_KODE = re.compile(
    r"^(?:gol(?:ongan)?\s*\.?\s*)?(?P<angka>[ivx]+|[0-9]{1,2})\s*(?:[/.\-\u2013\u2014]\s*)?"
    r"(?P<ruang>[a-z])?$"
)


def _rapikan(teks: str) -> str:
    return " ".join(teks.replace("\u00a0", " ").split())


def _kunci_pangkat(teks: str) -> str:
    # "Penata Muda Tk.I", "penata muda tk. 1", "Penata Muda Tingkat I" -> satu kunci yang sama.
    kata = teks.casefold().replace(".", " ").split()
    hasil: list[str] = []
    for k in kata:
        if k in ("tk", "tkt", "tingkat"):
            hasil.append("tingkat")
        elif k == "1" and hasil and hasil[-1] == "tingkat":
            hasil.append("i")
        else:
            hasil.append(k)
    return " ".join(hasil)


_PNS_PER_PANGKAT = {_kunci_pangkat(g.pangkat): g for g in GOLONGAN_PNS}


@dataclass(frozen=True)
class _Kode:
    angka: int
    ruang: str | None  # None: hanya angka (bentuk PPPK, atau PNS yang belum lengkap)


def _romawi(angka: int) -> str:
    return _ROMAWI[angka - 1] if 1 <= angka <= len(_ROMAWI) else str(angka)


def _baca_kode(teks: str) -> _Kode | None:
    cocok = _POLA_KODE.match(teks.casefold())
    if cocok is None:
        return None
    angka_teks = cocok["angka"]
    if angka_teks.isascii() and angka_teks.isdigit():
        angka = int(angka_teks)
    elif angka_teks in _ANGKA_ROMAWI:
        angka = _ANGKA_ROMAWI[angka_teks]
    else:
        return None  # Romawi tidak baku seperti "IIII"
    return _Kode(angka=angka, ruang=cocok["ruang"])


def _baca_pangkat(teks: str) -> Golongan | None:
    return _PNS_PER_PANGKAT.get(_kunci_pangkat(teks))


def _normalisasi_jenis_pegawai(jenis_pegawai: str | None) -> str | None:
    if jenis_pegawai is None:
        return None
    teks = jenis_pegawai.strip().upper() if isinstance(jenis_pegawai, str) else None
    if teks in ("PNS", "CPNS"):
        return "PNS"
    if teks == "PPPK":
        return "PPPK"
    raise ValueError(
        f"Jenis pegawai tidak dikenal: {jenis_pegawai!r}; gunakan PNS, CPNS, atau PPPK"
    )


def _bentuk_diterima(jenis: str | None) -> str:
    if jenis == "PNS":
        return f"Bentuk yang diterima {_BENTUK_PNS}"
    if jenis == "PPPK":
        return f"Bentuk yang diterima {_BENTUK_PPPK}"
    return f"Bentuk yang diterima {_BENTUK_PNS}; {_BENTUK_PPPK}"


def _tolak(nilai: object, teks: str, masalah: str, jenis: str | None) -> GolonganTidakValid:
    return GolonganTidakValid(f"Golongan {teks!r} {masalah}. {_bentuk_diterima(jenis)}", nilai)


def _dari_kode(nilai: object, teks: str, kode: _Kode, jenis: str | None) -> Golongan:
    if kode.ruang is not None:
        if jenis == "PPPK":
            raise _tolak(
                nilai,
                teks,
                "adalah bentuk golongan PNS (dengan huruf ruang), padahal golongan PPPK ditulis "
                "I sampai XVII tanpa huruf ruang",
                jenis,
            )
        golongan = _PNS_PER_KODE.get((kode.angka, kode.ruang))
        if golongan is None:
            raise _tolak(
                nilai, teks, f"tidak ada; golongan PNS yang berlaku hanya {_DAFTAR_PNS}", "PNS"
            )
        return golongan

    if jenis == "PNS":
        if 1 <= kode.angka <= 4:
            raise _tolak(
                nilai,
                teks,
                f"belum lengkap: huruf ruang (a–e) tidak ada, misalnya {_romawi(kode.angka)}/a",
                jenis,
            )
        raise _tolak(
            nilai,
            teks,
            "bukan golongan PNS; golongan PNS ditulis I/a sampai IV/e, sedangkan angka I sampai "
            "XVII tanpa huruf ruang hanya dipakai untuk golongan PPPK",
            jenis,
        )
    golongan = _PPPK_PER_ANGKA.get(kode.angka)
    if golongan is None:
        raise _tolak(
            nilai, teks, "tidak ada; golongan PPPK hanya I sampai XVII (1 sampai 17)", jenis
        )
    return golongan


def _dari_pangkat(nilai: object, teks: str, golongan: Golongan, jenis: str | None) -> Golongan:
    if jenis == "PPPK":
        raise _tolak(
            nilai,
            teks,
            f"adalah pangkat PNS ({golongan.kode}); PPPK tidak memiliki pangkat dan golongannya "
            "ditulis I sampai XVII",
            jenis,
        )
    return golongan


def _dari_gabungan(
    nilai: object, teks: str, teks_pangkat: str, kode: _Kode, jenis: str | None
) -> Golongan:
    dari_pangkat = _baca_pangkat(teks_pangkat)
    if dari_pangkat is None:
        raise _tolak(nilai, teks, f"memuat pangkat {teks_pangkat!r} yang tidak dikenal", jenis)
    _dari_pangkat(nilai, teks, dari_pangkat, jenis)
    if kode.ruang is None:
        # "Penata Muda (III)": pangkat sudah menentukan ruang, angkanya cukup sebagai konfirmasi.
        if kode.angka != _ANGKA_ROMAWI[dari_pangkat.kode.split("/")[0].casefold()]:
            raise _tolak(
                nilai,
                teks,
                f"tidak konsisten: pangkat {dari_pangkat.pangkat!r} adalah golongan "
                f"{dari_pangkat.kode}, bukan golongan {_romawi(kode.angka)}",
                "PNS",
            )
        return dari_pangkat
    dari_kode = _dari_kode(nilai, teks, kode, "PNS")
    if dari_kode != dari_pangkat:
        raise _tolak(
            nilai,
            teks,
            f"tidak konsisten: pangkat {dari_pangkat.pangkat!r} adalah golongan "
            f"{dari_pangkat.kode}, sedangkan kodenya {dari_kode.kode} ({dari_kode.pangkat})",
            "PNS",
        )
    return dari_kode


def _pecah_gabungan(teks: str) -> list[tuple[str, str]]:
    """Kemungkinan pasangan (bagian, bagian) dari bentuk gabungan pangkat dan kode."""
    pasangan: list[tuple[str, str]] = []
    kurung = re.fullmatch(r"(?P<depan>[^()]*)\((?P<isi>[^()]*)\)(?P<belakang>[^()]*)", teks)
    if kurung is not None:
        luar = _rapikan(kurung["depan"] + " " + kurung["belakang"])
        pasangan.append((luar, _rapikan(kurung["isi"])))
        return pasangan
    for pemisah in (r"\s*,\s*", r"\s+[-\u2013\u2014]\s+", r"\s*;\s*"):
        bagian = re.split(pemisah, teks, maxsplit=1)
        if len(bagian) == 2:
            pasangan.append((bagian[0], bagian[1]))
    kata = teks.split(" ")
    for i in range(1, len(kata)):
        pasangan.append((" ".join(kata[:i]), " ".join(kata[i:])))
    return pasangan


def _pemisah_tegas(teks: str) -> bool:
    return bool(re.search(r"[(),;]|\s[-\u2013\u2014]\s", teks))


def normalisasi_golongan(nilai: object, jenis_pegawai: str | None = None) -> Golongan:
    """Bakukan ejaan golongan/pangkat menjadi ``Golongan``.

    ``jenis_pegawai`` "PNS"/"CPNS" hanya menerima golongan PNS, "PPPK" hanya golongan PPPK, dan
    ``None`` menebak dari bentuknya: huruf ruang atau nama pangkat berarti PNS, angka saja berarti
    PPPK. Jenis pegawai yang tidak dikenal melempar ``ValueError``.
    """
    jenis = _normalisasi_jenis_pegawai(jenis_pegawai)

    if isinstance(nilai, Golongan):
        if jenis is not None and nilai.jenis != jenis:
            raise _tolak(nilai, nilai.kode, f"adalah golongan {nilai.jenis}, bukan {jenis}", jenis)
        return nilai
    if isinstance(nilai, float) and nilai.is_integer():
        # Kolom angka di Excel/pandas membuat 9 menjadi 9.0.
        teks = str(int(nilai))
    else:
        teks = "" if nilai is None else _rapikan(str(nilai))
    if not teks:
        raise GolonganTidakValid(f"Golongan kosong. {_bentuk_diterima(jenis)}", nilai)

    kode = _baca_kode(teks)
    if kode is not None:
        return _dari_kode(nilai, teks, kode, jenis)
    pangkat = _baca_pangkat(teks)
    if pangkat is not None:
        return _dari_pangkat(nilai, teks, pangkat, jenis)

    # Bentuk gabungan: "Penata Muda (III/a)", "Penata Muda, III/a", "III/a - Penata Muda".
    for kiri, kanan in _pecah_gabungan(teks):
        for teks_pangkat, teks_kode in ((kiri, kanan), (kanan, kiri)):
            kode = _baca_kode(teks_kode)
            if kode is None:
                continue
            # Pangkat yang salah ketik pada bentuk berkurung/berkoma tetap dilaporkan, tetapi
            # pemisahan di sembarang spasi hanya dipakai bila kedua bagiannya dikenali.
            if _baca_pangkat(teks_pangkat) is None and not _pemisah_tegas(teks):
                continue
            return _dari_gabungan(nilai, teks, teks_pangkat, kode, jenis)

    raise _tolak(nilai, teks, "tidak dikenali", jenis)
