"""Runs of the budget optimiser in a worker: asked for from the page, computed by a Celery task,
kept for a day with their result page and export sheets.

- ``optimasi_minta`` saves the run and queues its task after commit. A broker that cannot be
  reached marks the run failed with a message to try again, rather than leaving it waiting.
- ``optimasi_run`` claims the run with a conditional UPDATE, so a task delivered twice computes
  it once; a run left by a worker that died (``acks_late`` delivers its task again) is claimed
  again once it has been running longer than any run can.
- ``optimasi_kemajuan`` is what the waiting page shows: the solver gives no progress of its own,
  but it stops at its time limit, so the elapsed share of that limit is an honest bar.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pelatihan.models import HasilOptimasiAnggaran
from pelatihan.optimasi_rencana import (
    BATAS_WAKTU,
    laporan_optimasi,
    lembar_ekspor,
    masukan_optimasi,
    optimasi_jalankan,
)

logger = logging.getLogger(__name__)

Status = HasilOptimasiAnggaran.Status

# A run can be shown and downloaded this long; older ones are deleted when a new one is asked for.
SIMPAN_JAM = 24
# A run still "berjalan" after this long was left by a worker that died: it may be claimed again.
# Reading the plan, solving (BATAS_WAKTU at most) and rendering take far less.
TERTINGGAL = timedelta(minutes=2)


def _sel_json(nilai):
    # Amounts stay numbers in the spreadsheet: whole Rupiah as int, sen as float (exact to the
    # sen far beyond any budget).
    if isinstance(nilai, Decimal):
        return int(nilai) if nilai == nilai.to_integral_value() else float(nilai)
    return nilai


def optimasi_minta(*, tahun: int, total: Decimal | None, oleh) -> HasilOptimasiAnggaran:
    """Ask a worker to run the optimiser on the plan of ``tahun`` (with the year's pagu per
    source, or one ``total``)."""
    HasilOptimasiAnggaran.objects.filter(
        dijalankan_pada__lt=timezone.now() - timedelta(hours=SIMPAN_JAM)
    ).delete()
    run = HasilOptimasiAnggaran.objects.create(
        tahun=tahun, anggaran_total=total, dijalankan_oleh=oleh
    )
    transaction.on_commit(partial(_kirim, run.pk))
    return run


def _kirim(pk) -> None:
    from pelatihan.tasks import optimasi_run_task

    try:
        optimasi_run_task.delay(str(pk))
    except Exception:
        logger.exception("Optimasi %s tidak dapat dimasukkan ke antrean", pk)
        HasilOptimasiAnggaran.objects.filter(pk=pk, status=Status.ANTRI).update(
            status=Status.GAGAL,
            selesai_pada=timezone.now(),
            pesan=_("Antrean tugas tidak dapat dihubungi. Coba jalankan lagi sebentar lagi."),
        )


def optimasi_run(pk) -> bool:
    """Compute a run and keep its result page and sheets; False if another task has it or it
    is done."""
    sekarang = timezone.now()
    tertinggal = Q(status=Status.BERJALAN, mulai_pada__lt=sekarang - TERTINGGAL)
    diklaim = (
        HasilOptimasiAnggaran.objects.filter(pk=pk)
        .filter(Q(status=Status.ANTRI) | tertinggal)
        .update(status=Status.BERJALAN, mulai_pada=sekarang)
    )
    if not diklaim:
        return False
    run = HasilOptimasiAnggaran.objects.get(pk=pk)
    try:
        masukan = masukan_optimasi(tahun=run.tahun)
        hasil = optimasi_jalankan(masukan=masukan, total=run.anggaran_total)
        laporan = laporan_optimasi(masukan, hasil)
        with translation.override(settings.LANGUAGE_CODE):
            hasil_html = render_to_string(
                "pelatihan/rencana_optimasi_hasil.html", {"laporan": laporan}
            )
            lembar = [
                [judul, list(header), [[_sel_json(v) for v in baris] for baris in isi]]
                for judul, header, isi in lembar_ekspor(laporan)
            ]
    except Exception:
        logger.exception("Optimasi %s gagal", pk)
        HasilOptimasiAnggaran.objects.filter(pk=pk).update(
            status=Status.GAGAL,
            selesai_pada=timezone.now(),
            pesan=_("Optimasi gagal karena kesalahan sistem; laporkan kepada pengelola aplikasi."),
        )
        return False
    HasilOptimasiAnggaran.objects.filter(pk=pk).update(
        status=Status.SELESAI, hasil_html=hasil_html, lembar=lembar, selesai_pada=timezone.now()
    )
    return True


# What a run keeps that is large (the sheets list every ASN below target): read only when asked.
_BESAR = ("hasil_html", "lembar")


def optimasi_tersimpan(pk, *, dengan: tuple[str, ...] = ()) -> HasilOptimasiAnggaran | None:
    """A run that has not expired yet, with the large fields named in ``dengan``."""
    batas = timezone.now() - timedelta(hours=SIMPAN_JAM)
    return (
        HasilOptimasiAnggaran.objects.filter(pk=pk, dijalankan_pada__gte=batas)
        .defer(*(f for f in _BESAR if f not in dengan))
        .first()
    )


def optimasi_terbaru(*, tahun: int, jumlah: int = 10) -> list[HasilOptimasiAnggaran]:
    """The runs on the plan of ``tahun`` still kept, newest first: the way back to a run."""
    batas = timezone.now() - timedelta(hours=SIMPAN_JAM)
    return list(
        HasilOptimasiAnggaran.objects.filter(tahun=tahun, dijalankan_pada__gte=batas)
        .select_related("dijalankan_oleh")
        .defer(*_BESAR)[:jumlah]
    )


@dataclass(frozen=True)
class Kemajuan:
    persen: int
    detik: int  # seconds since the worker started it (0 while it waits)
    batas_detik: int


def optimasi_kemajuan(run: HasilOptimasiAnggaran) -> Kemajuan:
    """How far a run that is not finished has come."""
    batas = round(BATAS_WAKTU)
    if run.status != Status.BERJALAN or run.mulai_pada is None:
        return Kemajuan(0, 0, batas)
    detik = max(0.0, (timezone.now() - run.mulai_pada).total_seconds())
    # Never 100 % before the page says it is done.
    return Kemajuan(min(95, round(100 * detik / BATAS_WAKTU)), int(detik), batas)
