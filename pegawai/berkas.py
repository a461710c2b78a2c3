"""Membaca tabel dari berkas impor (.csv atau .xlsx) baris demi baris, dengan memori kecil.

- Header: baris tak-kosong pertama (biasanya baris 1). Nama kolom tidak membedakan huruf besar-
  kecil, spasi dan garis bawah dianggap sama ("Tanggal Lahir" = "TANGGAL_LAHIR"), urutannya bebas,
  BOM dibuang, kolom yang tidak dikenal diabaikan.
- CSV: UTF-8 dengan/tanpa BOM, UTF-16 ber-BOM, atau Windows-1252 (Excel berlokal Indonesia);
  pemisah koma, titik koma, atau tab (ditebak dari baris header); sel berkutip boleh memuat baris
  baru. Semua nilai berupa teks.
- XLSX: lembar pertama yang terlihat, atau ``sheet``. Nilai sel apa adanya: teks, ``int``/``float``,
  ``bool``, ``datetime`` (sel tanggal), nilai tersimpan dari sel rumus; sel rumus tanpa nilai
  tersimpan menjadi :data:`RUMUS_TANPA_NILAI`, sel galat (#N/A, #REF!) menjadi :class:`SelGalat`.
- Nomor baris seperti yang ditampilkan spreadsheet (header di baris 1); baris kosong dilewati.
  Teks dirapikan dari spasi di tepinya; sel kosong menjadi ``None``.

CSV UTF-8 yang setiap rekamannya selebar header dibaca PyArrow (:mod:`pegawai.csv_arrow`),
per kolom dan dengan semua inti, dengan hasil yang sama; berkas lain dibaca modul ``csv``.

Lembar XLSX dibaca dengan ``iterparse`` langsung dari arsipnya (openpyxl hanya membuka buku kerja:
daftar lembar, teks bersama, format tanggal): sekitar lima kali lebih cepat daripada
``iter_rows(values_only=True)`` dan sekaligus melihat rumus beserta nilai tersimpannya, yang tidak
bisa dilakukan openpyxl dalam satu kali baca.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import itertools
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import PurePath
from xml.etree.ElementTree import ParseError, iterparse

from django.utils.translation import gettext as _

__all__ = [
    "RUMUS_TANPA_NILAI",
    "BerkasTidakTerbaca",
    "KolomWajibTidakAda",
    "SelGalat",
    "Tabel",
    "baca_tabel",
    "kanonik",
]

_UKURAN_POTONGAN = 1 << 20
# Berkas unggahan disalin ke berkas sementara milik sendiri; yang kecil cukup di memori.
_BATAS_MEMORI_SALINAN = 16 << 20

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _C, _V, _F, _IS, _SHEET_DATA = (
    f"{_NS}row",
    f"{_NS}c",
    f"{_NS}v",
    f"{_NS}f",
    f"{_NS}is",
    f"{_NS}sheetData",
)
_BOM_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class BerkasTidakTerbaca(Exception):
    """Berkas tidak dapat dipakai sama sekali (bukan CSV/XLSX, kosong, rusak, kolom wajib tidak
    ada); ``alasan`` menjelaskan sebabnya dalam Bahasa Indonesia."""

    def __init__(self, alasan: str) -> None:
        self.alasan = alasan
        super().__init__(_("Berkas tidak dapat dibaca: %(alasan)s") % {"alasan": alasan})


class KolomWajibTidakAda(BerkasTidakTerbaca):
    def __init__(self, kolom: Sequence[str]) -> None:
        self.kolom = list(kolom)
        super().__init__(
            _("kolom wajib tidak ada: %(kolom)s. Baris pertama berkas harus berisi nama kolom.")
            % {"kolom": ", ".join(self.kolom)}
        )


class _RumusTanpaNilai:
    """Sel rumus yang tidak menyimpan hasil hitungannya (berkas belum pernah dihitung Excel)."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "RUMUS_TANPA_NILAI"

    def __str__(self) -> str:
        return ""


RUMUS_TANPA_NILAI = _RumusTanpaNilai()


@dataclass(frozen=True)
class SelGalat:
    """Sel berisi galat Excel, misalnya ``#N/A`` atau ``#REF!``."""

    kode: str

    def __str__(self) -> str:
        return self.kode


def kanonik(nama: object) -> str:
    """Nama kolom baku: huruf besar, spasi dan garis bawah menjadi satu garis bawah."""
    teks = str(nama).replace("\ufeff", "").strip()
    return re.sub(r"[\s_]+", "_", teks).strip("_").upper()


def _rapikan(nilai):
    if isinstance(nilai, str):
        return nilai.strip() or None
    return nilai


class Tabel:
    """Satu tabel berkas impor; baris dibaca sekali, secara malas, lewat :meth:`baris`."""

    def __init__(
        self,
        *,
        header: list[str],
        nomor_header: int,
        kolom: list[tuple[int, str]],
        sumber: Iterator[tuple[int, list]],
        jumlah_baris_perkiraan: int | None,
        format: str,
        tutup: Callable[[], None],
    ) -> None:
        self.header = header
        self.nomor_header = nomor_header
        self.kolom = [nama for _, nama in kolom]
        self.jumlah_baris_perkiraan = jumlah_baris_perkiraan
        self.format = format
        self._kolom = kolom
        self._sumber = sumber
        self._tutup = tutup
        self._dibaca = False

    def baris(self) -> Iterator[tuple[int, dict[str, object]]]:
        """``(nomor_baris, {KOLOM: nilai})`` untuk setiap baris yang tidak kosong."""
        self._mulai_membaca()
        try:
            if self.format == "csv" and self._kolom:
                yield from self._baris_csv()
            else:
                yield from self._baris_umum()
        finally:
            self.close()

    def potongan(self, ukuran: int = 4096) -> Iterator[tuple[list[int], dict[str, list]]]:
        """Baris yang sama dengan :meth:`baris`, per potongan dan per kolom:
        ``([nomor_baris, …], {KOLOM: [nilai, …]})``.

        Untuk pemeriksaan per kolom (``map`` atas ingatan nilai): tanpa satu dict per baris, yang
        pada berkas sekota memakan waktu sebanyak pemeriksaannya sendiri."""
        self._mulai_membaca()
        try:
            if self.format == "csv" and self._kolom:
                yield from self._potongan_csv(ukuran)
                return
            for isi in itertools.batched(self._baris_umum(), ukuran):
                yield [n for n, _ in isi], {k: [d[k] for _, d in isi] for k in self.kolom}
        finally:
            self.close()

    def _mulai_membaca(self) -> None:
        if self._dibaca:
            raise RuntimeError("Baris tabel hanya dapat dibaca sekali.")
        self._dibaca = True

    def _baris_umum(self) -> Iterator[tuple[int, dict[str, object]]]:
        kolom = self._kolom
        for nomor, nilai in self._sumber:
            panjang = len(nilai)
            data = {nama: (_rapikan(nilai[i]) if i < panjang else None) for i, nama in kolom}
            if any(v is not None for v in data.values()):
                yield nomor, data

    def _potongan_csv(self, ukuran: int) -> Iterator[tuple[list[int], dict[str, list]]]:
        # Sama dengan _baris_csv, dengan fungsi C (zip, map, compress) per potongan.
        if hasattr(self._sumber, "potongan"):  # csv_arrow.SumberArrow
            yield from self._sumber.potongan(self._kolom, ukuran)
            return
        nama = [k for _, k in self._kolom]
        indeks = [i for i, _ in self._kolom]
        lebar = max(indeks) + 1
        ambil = itemgetter(*indeks) if len(indeks) > 1 else (lambda nilai: (nilai[indeks[0]],))
        for isi in itertools.batched(self._sumber, ukuran):
            nomor, mentah = zip(*isi, strict=True)
            if min(map(len, mentah)) < lebar:
                mentah = [b if len(b) >= lebar else b + [""] * (lebar - len(b)) for b in mentah]
            kolom = [[v.strip() or None for v in k] for k in zip(*map(ambil, mentah), strict=True)]
            terisi = list(map(any, zip(*kolom, strict=True)))
            if not all(terisi):
                nomor = list(itertools.compress(nomor, terisi))
                kolom = [list(itertools.compress(k, terisi)) for k in kolom]
                if not nomor:
                    continue
            yield list(nomor), dict(zip(nama, kolom, strict=True))

    def _baris_csv(self) -> Iterator[tuple[int, dict[str, object]]]:
        # Per potongan dengan fungsi C, lalu satu dict per baris dari zip: tanpa satu panggilan
        # Python per sel; hasilnya sama dengan jalur umum.
        for nomor_baris, kolom in self._potongan_csv(4096):
            nama = list(kolom)
            for nomor, nilai in zip(nomor_baris, zip(*kolom.values(), strict=True), strict=True):
                yield nomor, dict(zip(nama, nilai, strict=True))

    def close(self) -> None:
        tutup, self._tutup = self._tutup, None
        if tutup is not None:
            tutup()

    def __enter__(self) -> Tabel:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def baca_tabel(
    berkas,
    *,
    nama_berkas: str,
    kolom_wajib: Sequence[str],
    sheet: str | None = None,
    kolom_opsional: Sequence[str] | None = None,
) -> Tabel:
    """Buka ``berkas`` (path atau objek berkas biner) dan periksa header-nya.

    Hanya kolom ``kolom_wajib`` dan ``kolom_opsional`` yang masuk ke data baris (semua kolom bila
    ``kolom_opsional`` tidak diberikan). Melempar :class:`BerkasTidakTerbaca` bila berkas tidak
    dapat dipakai, termasuk :class:`KolomWajibTidakAda`.
    """
    fh = _buka(berkas)
    try:
        return _baca(fh, nama_berkas, kolom_wajib, sheet, kolom_opsional)
    except BaseException:
        fh.close()
        raise


def _buka(berkas):
    if isinstance(berkas, str | os.PathLike):
        try:
            return open(berkas, "rb")  # ditutup oleh Tabel
        except FileNotFoundError:
            raise BerkasTidakTerbaca(
                _("berkas %(nama)s tidak ditemukan") % {"nama": berkas}
            ) from None
        except OSError as exc:
            raise BerkasTidakTerbaca(
                _("berkas %(nama)s tidak dapat dibuka (%(sebab)s)")
                % {"nama": berkas, "sebab": exc.strerror or exc}
            ) from None
    # Salinan milik sendiri: bebas di-seek dan ditutup tanpa mengganggu berkas pemanggil.
    salinan = tempfile.SpooledTemporaryFile(max_size=_BATAS_MEMORI_SALINAN)  # noqa: SIM115
    try:
        if hasattr(berkas, "seek"):
            berkas.seek(0)
        shutil.copyfileobj(berkas, salinan, _UKURAN_POTONGAN)
    except (OSError, ValueError, TypeError) as exc:
        salinan.close()
        raise BerkasTidakTerbaca(
            _("berkas tidak dapat dibaca dari unggahan (%(sebab)s)") % {"sebab": exc}
        ) from None
    salinan.seek(0)
    return salinan


def _baca(fh, nama_berkas, kolom_wajib, sheet, kolom_opsional) -> Tabel:
    awal = fh.read(8192)
    fh.seek(0)
    akhiran = PurePath(nama_berkas or "").suffix.lower()
    if not awal.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise BerkasTidakTerbaca(_("berkas kosong"))
    if awal.startswith(b"PK\x03\x04"):
        header_sumber = _buka_xlsx(fh, sheet)
        format_ = "xlsx"
    elif awal.startswith(b"%PDF"):
        raise BerkasTidakTerbaca(
            _("berkas ini dokumen PDF, bukan CSV atau XLSX; unggah berkas spreadsheet aslinya")
        )
    elif awal.startswith(b"\xd0\xcf\x11\xe0"):
        raise BerkasTidakTerbaca(
            _(
                "berkas ini format Excel lama (.xls) atau dokumen Office lama; buka di Excel lalu "
                "simpan sebagai .xlsx atau CSV"
            )
        )
    elif akhiran in (".xlsx", ".xlsm"):
        raise BerkasTidakTerbaca(
            _(
                "isi berkas bukan XLSX yang sah (XLSX adalah arsip ZIP); bila isinya teks CSV, "
                "beri nama berakhiran .csv"
            )
        )
    elif akhiran in (".csv", ".txt"):
        if not awal.startswith(_BOM_UTF16) and _tampak_biner(awal):
            raise BerkasTidakTerbaca(_("berkas berisi data biner, bukan teks CSV"))
        header_sumber = _buka_csv(fh)
        format_ = "csv"
    else:
        raise BerkasTidakTerbaca(
            _("format berkas %(akhiran)s tidak didukung; gunakan .csv atau .xlsx")
            % {"akhiran": akhiran or _("tanpa akhiran")}
        )

    sumber, perkiraan, tutup = header_sumber
    try:
        nomor_header, header = _header(sumber)
    except BaseException:
        tutup()
        raise
    kolom = _pilih_kolom(header, kolom_wajib, kolom_opsional, tutup)
    return Tabel(
        header=[("" if h is None else str(h)).replace("\ufeff", "").strip() for h in header],
        nomor_header=nomor_header,
        kolom=kolom,
        sumber=sumber,
        jumlah_baris_perkiraan=None if perkiraan is None else max(perkiraan - nomor_header, 0),
        format=format_,
        tutup=lambda: (tutup(), fh.close()),
    )


def _tampak_biner(awal: bytes) -> bool:
    if b"\x00" in awal:
        return True
    kendali = sum(1 for b in awal if b < 9 or 13 < b < 32)
    return kendali > len(awal) // 100


def _header(sumber: Iterator[tuple[int, list]]) -> tuple[int, list]:
    for nomor, nilai in sumber:
        if any(_rapikan(v) is not None for v in nilai):
            return nomor, nilai
    return 0, []


def _pilih_kolom(header, kolom_wajib, kolom_opsional, tutup) -> list[tuple[int, str]]:
    dikenal = None if kolom_opsional is None else {*kolom_wajib, *kolom_opsional}
    posisi: dict[str, list[int]] = {}
    for i, nama in enumerate(header):
        if nama is None or isinstance(nama, _RumusTanpaNilai):
            continue
        k = kanonik(nama)
        if k and (dikenal is None or k in dikenal):
            posisi.setdefault(k, []).append(i)
    ganda = {k: v for k, v in posisi.items() if len(v) > 1}
    if ganda:
        tutup()
        k, v = next(iter(ganda.items()))
        raise BerkasTidakTerbaca(
            _("kolom %(kolom)s muncul lebih dari sekali (kolom ke-%(posisi)s)")
            % {"kolom": k, "posisi": ", ".join(str(i + 1) for i in v)}
        )
    hilang = [k for k in kolom_wajib if k not in posisi]
    if hilang:
        tutup()
        raise KolomWajibTidakAda(hilang)
    return [(v[0], k) for k, v in posisi.items()]


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------


def _buka_csv(fh):
    encoding, jumlah_baris = _deteksi_encoding(fh)
    fh.seek(0)
    errors = "replace" if encoding == "cp1252" else "strict"
    teks = io.TextIOWrapper(fh, encoding=encoding, errors=errors, newline="")
    # Pemisah ditebak dari baris header: baris tak-kosong pertama.
    awal: list[str] = []
    while baris := teks.readline():
        awal.append(baris)
        if baris.strip(" \t\r\n,;\ufeff") or len(awal) >= 100:
            break
    pemisah = _tebak_pemisah(awal[-1] if awal else "")

    def tutup():
        # Lepaskan tanpa menutup: berkasnya ditutup oleh Tabel.
        with contextlib.suppress(ValueError):
            teks.detach()

    if encoding == "utf-8-sig" and len(awal) == 1:
        # Dimuat saat dipakai: PyArrow besar, dan proses web jarang membaca CSV.
        from pegawai import csv_arrow

        if (arrow := csv_arrow.baca(fh, pemisah, awal[0])) is not None:
            return arrow, jumlah_baris, tutup
    reader = csv.reader(itertools.chain(awal, teks), delimiter=pemisah)

    def sumber():
        try:
            yield from enumerate(reader, start=1)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise BerkasTidakTerbaca(
                _("CSV rusak di sekitar baris %(baris)s (%(sebab)s)")
                % {"baris": reader.line_num, "sebab": exc}
            ) from None

    return sumber(), jumlah_baris, tutup


def _deteksi_encoding(fh) -> tuple[str, int]:
    """UTF-8 bila seluruh berkas sah sebagai UTF-8, selain itu Windows-1252 (Excel Indonesia).

    Sekalian menghitung baris untuk perkiraan kemajuan; satu kali baca berkas dengan kecepatan C.
    """
    awal = fh.read(4)
    fh.seek(0)
    pengurai = None if awal.startswith(_BOM_UTF16) else codecs.getincrementaldecoder("utf-8")()
    jumlah_baris = 0
    sah = True
    terakhir = b""
    while potongan := fh.read(_UKURAN_POTONGAN):
        jumlah_baris += potongan.count(b"\n")
        terakhir = potongan
        if sah and pengurai is not None:
            try:
                pengurai.decode(potongan)
            except UnicodeDecodeError:
                sah = False
    if terakhir and not terakhir.endswith(b"\n"):
        jumlah_baris += 1
    if pengurai is None:
        return "utf-16", jumlah_baris
    if sah:
        try:
            pengurai.decode(b"", final=True)
        except UnicodeDecodeError:
            sah = False
    return ("utf-8-sig" if sah else "cp1252"), jumlah_baris


def _tebak_pemisah(baris: str) -> str:
    # Hitung hanya di luar tanda kutip: "Dinas Pemuda, Olahraga dan Pariwisata" memuat koma.
    tanpa_kutip = re.sub(r'"[^"]*"', "", baris)
    jumlah = {p: tanpa_kutip.count(p) for p in (",", ";", "\t")}
    pemisah = max(jumlah, key=lambda p: jumlah[p])
    return pemisah if jumlah[pemisah] else ","


# ---------------------------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------------------------


def _buka_xlsx(fh, sheet: str | None):
    from openpyxl import load_workbook

    try:
        wb = load_workbook(fh, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # isi berkas tidak tepercaya: kegagalan apa pun berarti rusak
        raise BerkasTidakTerbaca(
            _("berkas ZIP ini bukan XLSX yang sah atau sudah rusak (%(sebab)s)")
            % {"sebab": _sebab(exc)}
        ) from None
    try:
        ws = _pilih_lembar(wb, sheet)
        teks_bersama = ws._shared_strings
        format_tanggal = wb._date_formats
        format_durasi = wb._timedelta_formats
        epoch = wb.epoch
        sumber_xml = ws._get_source()
        perkiraan = ws.max_row if ws.max_row and ws.max_row > 1 else None
    except BerkasTidakTerbaca:
        wb.close()
        raise
    except Exception as exc:
        wb.close()
        raise BerkasTidakTerbaca(
            _("lembar kerja XLSX tidak dapat dibaca (%(sebab)s)") % {"sebab": _sebab(exc)}
        ) from None

    def tutup():
        sumber_xml.close()
        wb.close()

    baris = _baris_xlsx(sumber_xml, teks_bersama, format_tanggal, format_durasi, epoch)
    return baris, perkiraan, tutup


def _sebab(exc: Exception) -> str:
    teks = str(exc).strip()
    return f"{type(exc).__name__}: {teks}" if teks else type(exc).__name__


def _pilih_lembar(wb, sheet: str | None):
    lembar = list(wb.worksheets)
    if sheet is not None:
        for ws in lembar:
            if ws.title == sheet:
                return ws
        for ws in lembar:
            if ws.title.strip().casefold() == sheet.strip().casefold():
                return ws
        raise BerkasTidakTerbaca(
            _("lembar %(lembar)s tidak ada; lembar yang tersedia: %(daftar)s")
            % {"lembar": repr(sheet), "daftar": ", ".join(repr(ws.title) for ws in lembar)}
        )
    if not lembar:
        raise BerkasTidakTerbaca(_("buku kerja tidak memiliki lembar kerja"))
    terlihat = [ws for ws in lembar if ws.sheet_state == "visible"]
    return (terlihat or lembar)[0]


def _indeks_kolom(referensi: str) -> int:
    indeks = 0
    for ch in referensi:
        if "A" <= ch <= "Z":
            indeks = indeks * 26 + ord(ch) - 64
        else:
            break
    return indeks


def _baris_xlsx(sumber_xml, teks_bersama, format_tanggal, format_durasi, epoch):
    from openpyxl.utils.datetime import from_excel, from_ISO8601

    def nilai_sel(c):
        jenis = c.get("t", "n")
        if jenis == "inlineStr":
            isi = c.find(_IS)
            return None if isi is None else "".join(isi.itertext())
        elemen_v = c.find(_V)
        v = None if elemen_v is None else elemen_v.text
        if not v:
            # Rumus yang hasilnya belum pernah dihitung tidak punya nilai (openpyxl menulis <v/>);
            # hasil teks kosong yang sudah dihitung ditandai t="str".
            if jenis != "str" and c.find(_F) is not None:
                return RUMUS_TANPA_NILAI
            return None
        if jenis == "s":
            return teks_bersama[int(v)]
        if jenis == "n":
            angka = int(v) if v.isdigit() or (v[0] == "-" and v[1:].isdigit()) else float(v)
            gaya = c.get("s")
            if gaya:
                gaya = int(gaya)
                if gaya in format_tanggal:
                    try:
                        return from_excel(angka, epoch, timedelta=gaya in format_durasi)
                    except (OverflowError, ValueError):
                        return SelGalat("#VALUE!")
            return angka
        if jenis == "str":
            return v
        if jenis == "b":
            return v == "1"
        if jenis == "e":
            return SelGalat(v)
        if jenis == "d":
            return from_ISO8601(v)
        return v

    try:
        induk = None
        nomor = 0
        # Expat bawaan Python menolak ledakan entitas dan tidak memuat entitas eksternal.
        for peristiwa, el in iterparse(sumber_xml, events=("start", "end")):  # noqa: S314
            if peristiwa == "start":
                if el.tag == _SHEET_DATA:
                    induk = el
                continue
            if el.tag != _ROW:
                continue
            r = el.get("r")
            nomor = int(r) if r else nomor + 1
            nilai: list = []
            kolom = 0
            for c in el:
                if c.tag != _C:
                    continue
                ref = c.get("r")
                kolom = _indeks_kolom(ref) if ref else kolom + 1
                isi = nilai_sel(c)
                if isi is None:
                    continue
                kurang = kolom - len(nilai)
                if kurang > 0:
                    nilai.extend([None] * (kurang - 1))
                    nilai.append(isi)
                else:
                    nilai[kolom - 1] = isi
            if induk is not None:
                induk.remove(el)  # baris yang sudah dibaca tidak ditahan di memori
            else:
                el.clear()
            yield nomor, nilai
    except (ParseError, zipfile.BadZipFile, EOFError, KeyError, ValueError, IndexError) as exc:
        raise BerkasTidakTerbaca(
            _("lembar kerja XLSX rusak di sekitar baris %(baris)s (%(sebab)s)")
            % {"baris": nomor + 1, "sebab": _sebab(exc)}
        ) from None
