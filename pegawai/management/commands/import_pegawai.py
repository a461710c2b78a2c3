"""`manage.py import_pegawai FILE [--dry-run] [--json] [--sheet NAMA]` (DESIGN §6).

Status keluar: 0 semua baris masuk, 1 ada baris ditolak, 2 berkas tidak dapat dibaca.
``--json`` mencetak tepat satu objek JSON ke stdout; pesan berkas tak terbaca ke stderr.
"""

from __future__ import annotations

import json
import sys
import textwrap

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pegawai.berkas import BerkasTidakTerbaca
from pegawai.impor import HasilImpor, pegawai_import

LEBAR_PESAN = 70


class _Kemajuan:
    """Bilah kemajuan tqdm di stderr; layanan impor mengisi ``total`` bila bisa memperkirakan."""

    def __init__(self, satuan: str) -> None:
        from tqdm import tqdm

        self.bilah = tqdm(file=sys.stderr, unit=satuan, dynamic_ncols=True, leave=False)

    @property
    def total(self):
        return self.bilah.total

    @total.setter
    def total(self, nilai) -> None:
        self.bilah.total = nilai
        self.bilah.refresh()

    def __call__(self, jumlah: int) -> None:
        self.bilah.update(jumlah - self.bilah.n)

    def close(self) -> None:
        # An import quicker than tqdm's redraw interval would otherwise never show its last count.
        self.bilah.refresh()
        self.bilah.close()


class PerintahImpor(BaseCommand):
    """Kerangka bersama ``import_pegawai`` dan ``import_riwayat``."""

    judul = ""

    def layanan(self, berkas, **kwargs) -> HasilImpor:
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("berkas", metavar="FILE", help=_("Berkas .csv atau .xlsx."))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Periksa dan laporkan seperti impor sungguhan, tetapi jangan simpan apa pun."),
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help=_("Cetak hasil sebagai satu objek JSON (tanpa bilah kemajuan)."),
        )
        parser.add_argument(
            "--sheet",
            metavar="NAMA",
            help=_("Lembar XLSX yang dibaca (bawaan: lembar pertama)."),
        )

    def handle(self, *args, **options):
        berkas = options["berkas"]
        kemajuan = None
        if not options["json"] and sys.stderr.isatty():
            kemajuan = _Kemajuan(_("baris"))
        try:
            hasil = self.layanan(
                berkas,
                nama_berkas=berkas,
                dry_run=options["dry_run"],
                sheet=options["sheet"],
                progress=kemajuan,
            )
        except BerkasTidakTerbaca as exc:
            raise CommandError(str(exc), returncode=2) from None
        finally:
            if kemajuan is not None:
                kemajuan.close()

        if options["json"]:
            self.stdout.write(json.dumps(hasil.as_dict(), ensure_ascii=False))
        else:
            self._ringkasan(berkas, hasil, options["dry_run"])
        if hasil.exit_status:
            self.stdout.flush()
            sys.exit(hasil.exit_status)

    def _ringkasan(self, berkas: str, hasil: HasilImpor, dry_run: bool) -> None:
        out = self.stdout
        out.write(_("%(judul)s dari %(berkas)s:") % {"judul": self.judul, "berkas": berkas})
        out.write(
            _(
                "  dibuat %(dibuat)s, diperbarui %(diperbarui)s, tidak berubah %(tetap)s, "
                "ditolak %(ditolak)s baris"
            )
            % {
                "dibuat": hasil.created,
                "diperbarui": hasil.updated,
                "tetap": hasil.unchanged,
                "ditolak": hasil.baris_ditolak,
            }
        )
        if dry_run:
            out.write(self.style.WARNING(_("Uji coba (--dry-run): tidak ada yang disimpan.")))
        if not hasil.rejected:
            out.write(self.style.SUCCESS(_("Semua baris berhasil diimpor.")))
            return
        out.write("")
        out.write(self.style.ERROR(_("Baris yang ditolak:")))
        judul = (_("Baris"), _("Kolom"), _("Pesan"))
        lebar_baris = max(len(judul[0]), *(len(str(p.baris)) for p in hasil.rejected))
        lebar_kolom = max(len(judul[1]), *(len(p.kolom) for p in hasil.rejected))
        indent = " " * (lebar_baris + lebar_kolom + 4)
        out.write(f"{judul[0]:<{lebar_baris}}  {judul[1]:<{lebar_kolom}}  {judul[2]}")
        out.write(f"{'-' * lebar_baris}  {'-' * lebar_kolom}  {'-' * len(judul[2])}")
        for p in hasil.rejected:
            baris = textwrap.wrap(p.pesan, LEBAR_PESAN) or [""]
            out.write(f"{p.baris:<{lebar_baris}}  {p.kolom:<{lebar_kolom}}  {baris[0]}")
            for lanjutan in baris[1:]:
                out.write(indent + lanjutan)


class Command(PerintahImpor):
    help = gettext_lazy(
        "Impor data pegawai dari berkas .csv atau .xlsx (upsert menurut NIP). Status keluar 0 bila "
        "semua baris masuk, 1 bila ada baris ditolak, 2 bila berkas tidak dapat dibaca."
    )
    judul = gettext_lazy("Impor pegawai")

    def layanan(self, berkas, **kwargs) -> HasilImpor:
        return pegawai_import(berkas, **kwargs)
