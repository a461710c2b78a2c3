"""Budget plan against realisation per funding source for a year, as JSON, CSV or XLSX.

    python manage.py laporan_anggaran --tahun 2025 [--format json|csv|xlsx] [--output BERKAS]

One row per funding source that has a budget in the year, in the order of ``SumberDana``, with
the keys ``sumber_dana, pagu, dialokasikan, realisasi, sisa``: amounts in Rupiah as numbers
(integers when they have no sen), ``sisa = pagu − realisasi``. The same selector as
``/laporan/anggaran/``, so both show the same numbers.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from laporan import anggaran
from laporan.management.commands.laporan_jp import _tahun
from pegawai.ekspor import Lembar, baris_csv, tulis_xlsx

FORMAT = ("json", "csv", "xlsx")


class Command(BaseCommand):
    help = "Pagu, alokasi, realisasi, dan sisa anggaran per sumber dana untuk satu tahun."

    def add_arguments(self, parser):
        # Checked in handle(), so that every mistake gets an Indonesian message.
        parser.add_argument("--tahun", help="Tahun anggaran, misalnya 2025 (wajib).")
        parser.add_argument("--format", default="json", help="json (bawaan), csv atau xlsx.")
        parser.add_argument("--output", help="Berkas tujuan; tanpa ini ditulis ke layar.")

    def handle(self, *args, **options):
        tahun = _tahun(options["tahun"])
        format_ = (options["format"] or "").strip().lower()
        if format_ not in FORMAT:
            raise CommandError(
                f"--format harus 'json', 'csv' atau 'xlsx', bukan '{options['format']}'."
            )
        output = options["output"]
        if format_ == "xlsx" and not output:
            raise CommandError("Format xlsx memerlukan --output BERKAS.xlsx.")

        baris = anggaran.baris_json_sumber(anggaran.rekap_per_sumber(tahun))
        header = list(anggaran.KOLOM_SUMBER)
        rows = [[b[k] for k in header] for b in baris]
        if format_ == "xlsx":
            self._tulis_xlsx(output, Lembar(f"Anggaran {tahun}", header, rows))
            return
        if format_ == "json":
            teks = json.dumps(baris, ensure_ascii=False, indent=2) + "\n"
        else:
            teks = "".join(baris_csv(header, rows))
            if not output:
                # The BOM helps Excel open a file; on a terminal or a pipe it is noise.
                teks = teks.removeprefix("\ufeff")
        if not output:
            self.stdout.write(teks, ending="")
            return
        try:
            with open(output, "w", encoding="utf-8", newline="") as berkas:
                berkas.write(teks)
        except OSError as exc:
            raise CommandError(f"Berkas {output} tidak dapat ditulis: {exc.strerror}.") from exc

    def _tulis_xlsx(self, output: str, lembar: Lembar) -> None:
        try:
            with open(output, "wb") as berkas:
                tulis_xlsx(berkas, [lembar])
        except OSError as exc:
            raise CommandError(f"Berkas {output} tidak dapat ditulis: {exc.strerror}.") from exc
