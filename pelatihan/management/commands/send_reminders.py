"""`manage.py send_reminders [--json] [--tanggal YYYY-MM-DD]`: run the reminders now.

The same work as the beat task ``pelatihan.tasks.send_reminders_task``; running it again the same
day sends nothing new.
"""

from __future__ import annotations

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pelatihan.pengingat import send_reminders_detail


def _tanggal(teks: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(teks)
    except ValueError:
        raise CommandError(
            _("Tanggal “%(teks)s” tidak dikenal; gunakan bentuk YYYY-MM-DD.") % {"teks": teks}
        ) from None


class Command(BaseCommand):
    help = gettext_lazy(
        "Kirim pengingat sekarang: kuota OPD yang belum terpakai menjelang batas nominasi, "
        "nominasi yang menunggu persetujuan kepala lebih dari 3 hari, dan peserta yang "
        "pelatihannya dimulai dalam 3 hari. Pengingat yang sudah terkirim tidak dikirim ulang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--json",
            action="store_true",
            help=gettext_lazy('Cetak satu objek JSON: {"sent": N, "skipped": N}.'),
        )
        parser.add_argument(
            "--tanggal",
            type=_tanggal,
            default=None,
            help=gettext_lazy("Hitung pengingat seolah-olah hari ini tanggal ini (YYYY-MM-DD)."),
        )

    def handle(self, *args, **options):
        rincian = send_reminders_detail(hari_ini=options["tanggal"])
        terkirim = sum(h.terkirim for h in rincian.values())
        dilewati = sum(h.dilewati for h in rincian.values())
        if options["json"]:
            self.stdout.write(json.dumps({"sent": terkirim, "skipped": dilewati}))
            return
        judul = {
            "kuota": _("Kuota OPD belum terpakai menjelang batas nominasi"),
            "persetujuan": _("Nominasi menunggu persetujuan kepala OPD"),
            "mulai": _("Peserta pelatihan yang segera dimulai"),
        }
        # Kepala are found through their role, so they always have an account.
        tanpa_akun = {
            "kuota": _("OPD tanpa kepala/operator aktif"),
            "mulai": _("peserta tanpa akun aktif"),
        }
        for nama, hasil in rincian.items():
            baris = _("%(judul)s: %(terkirim)s terkirim, %(sudah)s sudah pernah dikirim") % {
                "judul": judul[nama],
                "terkirim": hasil.terkirim,
                "sudah": hasil.sudah_ada,
            }
            if nama in tanpa_akun:
                baris += f", {hasil.tanpa_akun} {tanpa_akun[nama]}"
            self.stdout.write(f"{baris}.")
        self.stdout.write(
            self.style.SUCCESS(
                _("Jumlah: %(terkirim)s pengingat terkirim, %(dilewati)s dilewati.")
                % {"terkirim": terkirim, "dilewati": dilewati}
            )
        )
