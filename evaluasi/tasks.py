"""Background work of the evaluation: opening forms and the weekly reminders, run by beat.

Both tasks are idempotent (a unique constraint per form, a ``kunci`` per reminder), so a run that
is repeated, or redelivered after a lost worker, does only what is still missing.
"""

from celery import shared_task

from evaluasi.jadwal import (
    formulir_perilaku_open_due,
    formulir_reaksi_open_due,
    pengingat_evaluasi_send,
)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def evaluasi_buka_task() -> dict:
    """Open the level-1 forms of finished events and the level-3 forms falling due."""
    return {"reaksi": formulir_reaksi_open_due(), "perilaku": formulir_perilaku_open_due()}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def pengingat_evaluasi_task() -> dict:
    """The weekly reminder of forms waiting to be filled: once per person and ISO week."""
    hasil = pengingat_evaluasi_send()
    return {"sent": hasil.terkirim, "skipped": hasil.dilewati}
