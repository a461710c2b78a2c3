"""Memisahkan gelar dari nama yang ditulis lengkap: "dr. Cut Nyak Dhien, M.Kes.".

Berkas OPD sering hanya punya satu kolom NAMA berisi nama bergelar. Aturannya:

- Gelar depan adalah kata di awal nama yang dikenal sebagai gelar: akademik dan profesi (Prof.,
  Dr., dr., drg., drh., Ir., Drs., Dra., Ns., apt., Bd.) dan gelar haji (H., Hj.). Huruf besar-
  kecil dipertahankan, karena "Dr." (doktor) dan "dr." (dokter) berbeda.
- Teuku, Cut, T. (Teuku), Tgk. dan Teungku adalah bagian dari nama Aceh, bukan gelar akademik:
  semuanya tetap di nama. "Muhammad"/"M." juga bagian nama.
- Gelar belakang adalah semua yang sesudah koma pertama ("…, S.Pd., M.Pd."), asal setiap
  bagiannya berbentuk gelar; tanpa koma, kata penutup yang berbentuk singkatan bertitik seperti
  "S.Kom." atau "A.Md.Kep." juga dianggap gelar.

Modul ini sengaja bebas dari Django, seperti ``pegawai.nip``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

__all__ = ["NamaBergelar", "pisahkan_gelar"]

# Dicocokkan tanpa titik dan tanpa membedakan huruf besar-kecil; penulisan aslinya disimpan.
_GELAR_DEPAN = frozenset(
    {"prof", "dr", "drg", "drh", "ir", "drs", "dra", "ns", "apt", "bd", "h", "hj", "kh"}
)
# Satu huruf ("H") hanya dianggap gelar bila bertitik: "H Ahmad" bisa saja inisial.
_GELAR_DEPAN_WAJIB_TITIK = frozenset({"h"})

# Singkatan bertitik: S.Kom, S.Pd.I., A.Md.Kep., Sp.PD, M.Kes., Ph.D, S.E.(Ak). "M." saja bukan.
_SINGKATAN_BERTITIK = re.compile(r"^[A-Za-z]{1,4}\.(?:[A-Za-z]{1,6}\.?)+(?:\([A-Za-z]+\))?$")
# Tanpa titik, hanya sesudah koma: SE, SH, SKM, MM, SPd, MKes, Amd.
_SINGKATAN_TANPA_TITIK = re.compile(r"^(?:[A-Z]{2,6}|[A-Z][a-z]{0,3}[A-Z][A-Za-z]{0,4}|Amd)$")
# Tanpa koma, kata penutup baru dianggap gelar bila semua bagiannya singkatan gelar yang dikenal:
# "Ahmad S.Kom" bergelar, "Teuku M.Amin" tidak (M. adalah Muhammad).
_AWAL_GELAR = frozenset({"s", "m", "a", "d", "sp", "ph", "b", "dr"})
_BAGIAN_GELAR = frozenset(
    {
        "a",
        "adm",
        "ag",
        "ak",
        "ap",
        "ars",
        "b",
        "biomed",
        "d",
        "ds",
        "e",
        "ei",
        "eng",
        "farm",
        "fil",
        "ft",
        "gz",
        "h",
        "hi",
        "hum",
        "hut",
        "i",
        "ikom",
        "ip",
        "k",
        "keb",
        "ked",
        "kel",
        "kep",
        "kes",
        "kg",
        "km",
        "kn",
        "kom",
        "kp",
        "m",
        "ma",
        "mat",
        "mb",
        "md",
        "mm",
        "ms",
        "p",
        "pd",
        "pdi",
        "pi",
        "psi",
        "pt",
        "s",
        "sc",
        "sdn",
        "sh",
        "si",
        "sn",
        "sos",
        "st",
        "stat",
        "sy",
        "t",
        "th",
        "tp",
        "tr",
    }
)


class NamaBergelar(NamedTuple):  # NamedTuple: dibuat sekali per nama pada impor sekota
    gelar_depan: str
    nama: str
    gelar_belakang: str


def _rapikan(teks: str) -> str:
    return " ".join(teks.split())


# The same words and title groups ("S.Pd., M.Pd.") recur across a whole city's staff list: each
# spelling is checked once per process.
@lru_cache(maxsize=16384)
def _gelar_depan(kata: str) -> bool:
    dasar = kata.rstrip(".").casefold()
    if dasar not in _GELAR_DEPAN:
        return False
    return kata.endswith(".") or dasar not in _GELAR_DEPAN_WAJIB_TITIK


@lru_cache(maxsize=16384)
def _bagian_gelar_belakang(bagian: str) -> bool:
    kata = bagian.split()
    if not kata:
        return False
    # "S. Kom." ditulis dengan spasi: gabungkan sebelum diperiksa.
    gabung = "".join(kata)
    return bool(_SINGKATAN_BERTITIK.match(gabung) or _SINGKATAN_TANPA_TITIK.match(gabung))


@lru_cache(maxsize=16384)
def _gelar_tanpa_koma(kata: str) -> bool:
    if not _SINGKATAN_BERTITIK.match(kata):
        return False
    bagian = [b for b in re.split(r"[.()]", kata.casefold()) if b]
    return bagian[0] in _AWAL_GELAR and all(b in _BAGIAN_GELAR for b in bagian[1:])


def pisahkan_gelar(nama_lengkap: str) -> NamaBergelar:
    """Pisahkan gelar depan dan belakang dari nama; nama tanpa gelar dikembalikan utuh."""
    teks = _rapikan(nama_lengkap)

    belakang: list[str] = []
    if "," in teks:
        kepala, ekor = teks.split(",", 1)
        bagian = [_rapikan(b) for b in ekor.split(",") if b.strip()]
        if bagian and all(_bagian_gelar_belakang(b) for b in bagian):
            teks = kepala.strip()
            belakang = bagian

    kata = teks.split(" ")
    depan: list[str] = []
    while len(kata) > 1 and _gelar_depan(kata[0]):
        depan.append(kata.pop(0))
    # Tanpa koma: singkatan bertitik di akhir ("Ahmad S.Kom") adalah gelar, bukan inisial.
    ekor_tanpa_koma: list[str] = []
    while len(kata) > 1 and _gelar_tanpa_koma(kata[-1]):
        ekor_tanpa_koma.insert(0, kata.pop())
    belakang = ekor_tanpa_koma + belakang

    # Posisional: dibuat sekali per nama pada impor sekota.
    return NamaBergelar(" ".join(depan), " ".join(kata), ", ".join(belakang))
