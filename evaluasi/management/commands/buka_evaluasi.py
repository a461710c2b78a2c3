"""`manage.py buka_evaluasi [--tanggal YYYY-MM-DD]`: open the evaluation forms that are due and send
the weekly reminders now.

The same work as the beat tasks ``evaluasi.tasks.evaluasi_buka_task`` and
``evaluasi.tasks.pengingat_evaluasi_task``, for a server without beat and for the demo; running it
again opens and sends nothing new.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluasi.jadwal import (
    formulir_perilaku_open_due_detail,
    formulir_reaksi_open_due_detail,
    pengingat_evaluasi_send,
)


def _tanggal(teks: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(teks)
    except ValueError:
        raise CommandError(
            _("Tanggal “%(teks)s” tidak dikenal; gunakan bentuk YYYY-MM-DD.") % {"teks": teks}
        ) from None


class Command(BaseCommand):
    help = gettext_lazy(
        "Buka formulir evaluasi yang sudah waktunya: umpan balik peserta (level 1) kegiatan yang "
        "selesai dan evaluasi pasca-pelatihan (level 3) oleh atasan dan lulusan; lalu kirim "
        "pengingat mingguan formulir yang belum diisi. Yang sudah dibuka atau dikirim tidak "
        "diulang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tanggal",
            type=_tanggal,
            default=None,
            help=gettext_lazy("Kerjakan seolah-olah hari ini tanggal ini (YYYY-MM-DD)."),
        )

    def handle(self, *args, **options):
        hari_ini = options["tanggal"]
        reaksi = formulir_reaksi_open_due_detail(hari_ini=hari_ini)
        perilaku = formulir_perilaku_open_due_detail(hari_ini=hari_ini)
        pengingat = pengingat_evaluasi_send(hari_ini=hari_ini)
        self.stdout.write(
            _(
                "Umpan balik peserta (level 1): %(dibuka)s formulir dibuka, %(tanpa_akun)s peserta "
                "tanpa akun aktif."
            )
            % {"dibuka": reaksi.dibuka, "tanpa_akun": reaksi.tanpa_akun}
        )
        self.stdout.write(
            _(
                "Evaluasi pasca-pelatihan (level 3): %(dibuka)s formulir dibuka, %(tanpa_akun)s "
                "tanpa pengisi berakun."
            )
            % {"dibuka": perilaku.dibuka, "tanpa_akun": perilaku.tanpa_akun}
        )
        self.stdout.write(
            _(
                "Pengingat evaluasi: %(terkirim)s terkirim, %(sudah)s sudah pernah dikirim minggu "
                "ini, %(tanpa_akun)s pengisi tanpa akun aktif."
            )
            % {
                "terkirim": pengingat.terkirim,
                "sudah": pengingat.sudah_ada,
                "tanpa_akun": pengingat.tanpa_akun,
            }
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("Jumlah: %(dibuka)s formulir dibuka, %(terkirim)s pengingat terkirim.")
                % {"dibuka": reaksi.dibuka + perilaku.dibuka, "terkirim": pengingat.terkirim}
            )
        )
