"""JP compliance for a year, per OPD or per pegawai, as CSV, XLSX or JSON (DESIGN §6).

    python manage.py laporan_jp --tahun 2025 [--per opd|pegawai] [--format csv|xlsx|json]
                                [--output BERKAS] [--jenis PNS|CPNS|PPPK]

The same selectors as the web page ``/laporan/jp/``, so both show the same numbers. Numbers:
``persen_memenuhi`` and ``rata_rata_jp`` are rounded to two decimals (half away from zero);
OPD rows are ordered by kode_opd, pegawai rows by kode_opd, nama and NIP. In CSV,
``memenuhi_target`` of a pegawai is written Ya/Tidak; in JSON and XLSX it is a boolean.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError

from laporan import selectors
from pegawai.ekspor import Lembar, baris_csv, tulis_xlsx
from pegawai.models import JenisPegawai, Pegawai

PER = ("opd", "pegawai")
FORMAT = ("csv", "xlsx", "json")


class Command(BaseCommand):
    help = "Laporan kepatuhan JP per perangkat daerah atau per pegawai untuk satu tahun."

    def add_arguments(self, parser):
        # Checked in handle(), so that every mistake gets an Indonesian message.
        parser.add_argument("--tahun", help="Tahun laporan, misalnya 2025 (wajib).")
        parser.add_argument("--per", default="opd", help="opd (bawaan) atau pegawai.")
        parser.add_argument("--format", default="csv", help="csv (bawaan), xlsx atau json.")
        parser.add_argument("--output", help="Berkas tujuan; tanpa ini ditulis ke layar.")
        parser.add_argument("--jenis", default="", help="Hanya PNS, CPNS atau PPPK.")

    def handle(self, *args, **options):
        tahun = _tahun(options["tahun"])
        per = (options["per"] or "").strip().lower()
        if per not in PER:
            raise CommandError(f"--per harus 'opd' atau 'pegawai', bukan '{options['per']}'.")
        format_ = (options["format"] or "").strip().lower()
        if format_ not in FORMAT:
            raise CommandError(
                f"--format harus 'csv', 'xlsx' atau 'json', bukan '{options['format']}'."
            )
        jenis = (options["jenis"] or "").strip().upper()
        if jenis and jenis not in JenisPegawai.values:
            raise CommandError(f"--jenis harus PNS, CPNS atau PPPK, bukan '{options['jenis']}'.")
        output = options["output"]
        if format_ == "xlsx" and not output:
            raise CommandError("Format xlsx memerlukan --output BERKAS.xlsx.")

        pegawai = Pegawai.objects.all()
        if per == "opd":
            rekap = selectors.kepatuhan_jp_per_opd(pegawai, tahun=tahun, jenis=jenis)
            header = selectors.KOLOM_REKAP_OPD
            baris = selectors.baris_rekap_opd(rekap["baris"])
        else:
            qs = selectors.kepatuhan_jp_pegawai_kota(pegawai, tahun=tahun, jenis=jenis)
            header = selectors.KOLOM_REKAP_PEGAWAI
            baris = selectors.baris_rekap_pegawai(qs)

        if format_ == "xlsx":
            judul = f"Kepatuhan JP {tahun}" if per == "opd" else f"JP pegawai {tahun}"
            try:
                with open(output, "wb") as berkas:
                    tulis_xlsx(berkas, [Lembar(judul, header, baris)])
            except OSError as exc:
                raise CommandError(f"Berkas {output} tidak dapat ditulis: {exc.strerror}.") from exc
            return
        try:
            with self._tujuan(output) as tulis:
                if format_ == "csv":
                    for nomor, line in enumerate(baris_csv(header, selectors.untuk_csv(baris))):
                        # The BOM helps Excel open a file; on a terminal or a pipe it is noise.
                        tulis(line.removeprefix("\ufeff") if nomor == 0 and not output else line)
                else:
                    _tulis_json(tulis, header, baris)
        except BrokenPipeError:
            # The reader of a pipe (head, less) stopped early: not an error of ours.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

    @contextmanager
    def _tujuan(self, output):
        if not output:
            yield lambda teks: self.stdout.write(teks, ending="")
            return
        try:
            berkas = open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"Berkas {output} tidak dapat ditulis: {exc.strerror}.") from exc
        with berkas:
            yield berkas.write


def _tahun(nilai) -> int:
    if nilai in (None, ""):
        raise CommandError("--tahun wajib diisi, misalnya --tahun 2025.")
    teks = str(nilai).strip()
    if not (teks.isdigit() and len(teks) == 4):
        raise CommandError(f"Tahun tidak valid: '{nilai}'. Tulis empat angka, misalnya 2025.")
    tahun = int(teks)
    if not selectors.TAHUN_MINIMUM <= tahun <= selectors.tahun_maksimum():
        raise CommandError(
            f"Tahun {tahun} di luar rentang {selectors.TAHUN_MINIMUM}–{selectors.tahun_maksimum()}."
        )
    return tahun


def _tulis_json(tulis, header, baris) -> None:
    """A JSON list written object by object, so that 100,000 pegawai stream."""
    tulis("[")
    for nomor, row in enumerate(baris):
        tulis(("," if nomor else "") + "\n  ")
        tulis(json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False))
    tulis("\n]\n")
