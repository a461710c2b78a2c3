"""Writing spreadsheets people open in Excel: safe cells, bounded memory, any app's exports.

A cell that starts with ``= + - @``, a tab, a carriage return or NUL would run as a formula when
opened (CSV injection); such text gets a leading apostrophe. XLSX is written with openpyxl's
write-only mode into a temporary file, so 50,000 rows cost little memory.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import FileResponse, StreamingHttpResponse

AWALAN_RUMUS = ("=", "+", "-", "@", "\t", "\r", "\0")
BARIS_MAKSIMUM_XLSX = 1_048_576


def sel_aman(nilai):
    """Text that a spreadsheet would read as a formula is neutralised; other values pass."""
    if isinstance(nilai, str) and nilai.startswith(AWALAN_RUMUS):
        return "'" + nilai
    return nilai


class Lembar:
    """One sheet: a title, a header row and an iterable of rows (consumed once, lazily)."""

    def __init__(self, judul: str, header: Sequence[str], baris: Iterable[Sequence]):
        self.judul = judul[:31]  # Excel's limit on sheet names
        self.header = list(header)
        self.baris = baris


def tulis_xlsx(berkas, lembar: Iterable[Lembar]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    tebal = Font(bold=True)
    for sheet in lembar:
        ws = workbook.create_sheet(title=sheet.judul)
        header = []
        for judul in sheet.header:
            cell = WriteOnlyCell(ws, value=sel_aman(judul))
            cell.font = tebal
            header.append(cell)
        ws.append(header)
        for nomor, row in enumerate(sheet.baris, start=2):
            if nomor > BARIS_MAKSIMUM_XLSX:
                raise ValueError("Lembar XLSX tidak dapat memuat lebih dari 1.048.576 baris.")
            ws.append([_nilai_xlsx(ws, v) for v in row])
    workbook.save(berkas)


def _nilai_xlsx(ws, nilai):
    from openpyxl.cell import WriteOnlyCell

    if isinstance(nilai, str):
        cell = WriteOnlyCell(ws, value=sel_aman(nilai))
        cell.data_type = "s"  # text is never stored as a formula
        return cell
    if isinstance(nilai, datetime | date):
        cell = WriteOnlyCell(ws, value=nilai)
        cell.number_format = "DD-MM-YYYY"
        return cell
    return nilai


def xlsx_response(nama_berkas: str, lembar: Iterable[Lembar]) -> FileResponse:
    berkas = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    tulis_xlsx(berkas, lembar)
    berkas.seek(0)
    return FileResponse(
        berkas,
        as_attachment=True,
        filename=nama_berkas,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


class _Gema:
    def write(self, nilai):
        return nilai


def baris_csv(header: Sequence[str], baris: Iterable[Sequence], delimiter: str = ","):
    """CSV lines one at a time (UTF-8 with BOM, as Excel expects), for streaming."""
    writer = csv.writer(_Gema(), delimiter=delimiter)
    yield "\ufeff" + writer.writerow([sel_aman(v) for v in header])
    for row in baris:
        yield writer.writerow(["" if v is None else sel_aman(v) for v in row])


def csv_response(nama_berkas: str, header: Sequence[str], baris: Iterable[Sequence]):
    response = StreamingHttpResponse(
        baris_csv(header, baris), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{nama_berkas}"'
    return response
