"""CSV UTF-8 dibaca dengan PyArrow: pengurai C++ yang memakai semua inti dan menghasilkan kolom.

Pada berkas sekota (50.000 pegawai, 110.000 riwayat) modul ``csv`` Python beserta perapian setiap
selnya memakan sekitar 0,6 detik, seperlima waktu kedua impor; PyArrow mengerjakan hal yang sama
dalam sekitar 0,2 detik. Jalur ini dipakai hanya bila hasilnya pasti sama dengan jalur ``csv``
(``berkas._buka_csv``), selain itu :func:`baca` mengembalikan ``None`` dan jalur ``csv`` yang
membaca:

- berkas UTF-8 (BOM di awal dibuang oleh keduanya) yang tidak lebih dari :data:`BATAS_UKURAN`:
  seluruh berkas dibaca ke memori sekaligus;
- setiap rekaman selebar baris pertamanya, dan baris pertama itu header (baris kosong di atas
  header, baris pendek, atau baris panjang: jalur ``csv``, yang menambal baris pendek);
- tidak ada sel yang lebih panjang dari ``csv.field_size_limit()`` (jalur ``csv`` menolaknya).

Nomor rekaman sama dengan ``enumerate`` atas pembaca ``csv``: sel berkutip boleh memuat baris
baru di keduanya. Satu-satunya beda bentuk, baris kosong (``csv``: ``[]``, PyArrow: sel-sel
kosong), sama-sama dilewati sebagai baris kosong dengan nomor yang sama. Kesamaan keduanya diuji
dengan berkas acak (``pegawai/tests/test_csv_arrow.py``).
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterator

import pyarrow as pa
from pyarrow import ArrowInvalid
from pyarrow import compute as pc
from pyarrow import csv as pa_csv

__all__ = ["BATAS_UKURAN", "SPASI", "SumberArrow", "baca"]

BATAS_UKURAN = 64 << 20
# Karakter yang dibuang str.strip() (str.isspace): perapian sel sama persis dengan jalur csv.
SPASI = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_TEKS_KOSONG = pa.scalar(None, pa.string())

# Alokator sistem, bukan mimalloc bawaan PyArrow yang menahan memori yang sudah dilepas: puncak
# memori impor sekota sekitar 30 MB lebih rendah, tanpa beda waktu. PyArrow hanya dipakai di sini.
pa.set_memory_pool(pa.system_memory_pool())


def baca(fh, pemisah: str, header: str) -> SumberArrow | None:
    """Seluruh berkas biner ``fh`` (UTF-8) sebagai :class:`SumberArrow`, atau ``None`` bila
    PyArrow tidak dapat menjamin hasil yang sama dengan modul ``csv``.

    ``header`` adalah baris pertama berkas yang berisi (teks), untuk lebar tabelnya. Posisi ``fh``
    dikembalikan seperti semula.
    """
    posisi = fh.tell()
    try:
        if fh.seek(0, io.SEEK_END) > BATAS_UKURAN:
            return None
        fh.seek(0)
        data = fh.read()
    finally:
        fh.seek(posisi)
    lebar = len(next(csv.reader([header], delimiter=pemisah), []))
    try:
        tabel = pa_csv.read_csv(
            pa.py_buffer(data),
            read_options=pa_csv.ReadOptions(autogenerate_column_names=True),
            # newlines_in_values: potongan berkas untuk pengurai paralel tidak dipotong di baris
            # baru dalam sel berkutip. ignore_empty_lines=False: nomor rekaman tetap.
            parse_options=pa_csv.ParseOptions(
                delimiter=pemisah, newlines_in_values=True, ignore_empty_lines=False
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types={f"f{i}": pa.string() for i in range(lebar)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except ArrowInvalid:
        # Rekaman yang lebarnya lain (juga baris kosong di atas header): jalur csv.
        return None
    if tabel.num_columns != lebar or not all(map(pa.types.is_string, tabel.schema.types)):
        return None
    batas = csv.field_size_limit()
    if any((pc.max(pc.utf8_length(k)).as_py() or 0) > batas for k in tabel.columns):
        return None
    return SumberArrow(tabel)


def _rapikan(kolom: pa.ChunkedArray) -> pa.ChunkedArray:
    # str.strip() lalu "" → None, seperti berkas._rapikan, untuk satu potongan kolom sekaligus.
    rapi = pc.utf8_trim(kolom, SPASI)
    return pc.if_else(pc.equal(rapi, ""), _TEKS_KOSONG, rapi)


class SumberArrow:
    """Rekaman berkas sebagai ``(nomor, [nilai, …])`` seperti pembaca ``csv`` (untuk header dan
    jalur umum), dan sisanya per potongan dan per kolom lewat :meth:`potongan`."""

    def __init__(self, tabel: pa.Table) -> None:
        self._tabel = tabel
        self._posisi = 0

    def __iter__(self) -> SumberArrow:
        return self

    def __next__(self) -> tuple[int, list[str]]:
        if self._posisi >= self._tabel.num_rows:
            raise StopIteration
        self._posisi += 1
        baris = self._tabel.slice(self._posisi - 1, 1)
        return self._posisi, [k[0].as_py() for k in baris.columns]

    def potongan(
        self, kolom: list[tuple[int, str]], ukuran: int
    ) -> Iterator[tuple[list[int], dict[str, list]]]:
        """Sisa rekaman seperti ``Tabel._potongan_csv``: nilai kolom ``kolom`` (indeks, nama)
        dirapikan, baris yang semua kolom itu kosong dilewati."""
        awal = self._posisi
        self._posisi = self._tabel.num_rows
        if not kolom:
            return
        nama = [n for _, n in kolom]
        # Per potongan, bukan seluruh kolom sekaligus: salinan yang dirapikan tetap kecil.
        for mulai in range(awal, self._tabel.num_rows, ukuran):
            bagian = self._tabel.slice(mulai, ukuran)
            nilai = [_rapikan(bagian.column(i)) for i, _ in kolom]
            terisi = functools.reduce(pc.or_, map(pc.is_valid, nilai))
            # Nomor rekaman: indeks dalam tabel ditambah satu.
            dipakai = pc.indices_nonzero(terisi)
            if len(dipakai) < bagian.num_rows:
                if not len(dipakai):
                    continue
                nilai = [pc.take(k, dipakai) for k in nilai]
            yield (
                pc.add(dipakai, mulai + 1).to_pylist(),
                {n: k.to_pylist() for n, k in zip(nama, nilai, strict=True)},
            )
