"""Tugas latar pelatihan. Impor riwayat dari admin: setiap tugas mengambil id dan memanggil satu
layanan impor bersama (``pegawai.services``) dengan pengimpor riwayat; layanan itu mengklaim
pekerjaannya, jadi tugas yang datang dua kali tidak mengerjakannya dua kali. Optimasi anggaran:
satu tugas per permintaan (``pelatihan.optimasi_jalan``), diklaim dengan cara yang sama."""

from celery import shared_task

from pegawai.models import ImporBerkas
from pegawai.services import impor_check, impor_resume, impor_run
from pelatihan.impor import KOLOM_OPSIONAL, KOLOM_WAJIB, riwayat_import
from pelatihan.optimasi_jalan import optimasi_run

KOLOM_RIWAYAT = KOLOM_WAJIB + KOLOM_OPSIONAL


@shared_task(acks_late=True, reject_on_worker_lost=True)
def impor_riwayat_check_task(impor_id: int) -> bool:
    return impor_check(impor_id=impor_id, pengimpor=riwayat_import, kolom=KOLOM_RIWAYAT)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def impor_riwayat_run_task(impor_id: int) -> bool:
    return impor_run(impor_id=impor_id, pengimpor=riwayat_import, kolom=KOLOM_RIWAYAT)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def impor_riwayat_resume_task() -> int:
    return impor_resume(
        jenis=ImporBerkas.Jenis.RIWAYAT,
        check_task=impor_riwayat_check_task,
        run_task=impor_riwayat_run_task,
    )


@shared_task(acks_late=True, reject_on_worker_lost=True)
def kegiatan_complete_task(kegiatan_id: int) -> int:
    """Credit the JP of a finished event's graduates. The service only writes what is missing
    (under the event's row lock and a unique constraint), so a retried task credits nothing
    twice. The ledger rows are verified by whoever marked the event finished."""
    from pelatihan.models import KegiatanPelatihan
    from pelatihan.services import kegiatan_complete

    kegiatan = KegiatanPelatihan.objects.select_related("status_diubah_oleh").get(pk=kegiatan_id)
    return kegiatan_complete(kegiatan=kegiatan, oleh=kegiatan.status_diubah_oleh)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_reminders_task() -> dict:
    """Run by beat. Each reminder is written at most once per recipient and occasion, so a run
    that is repeated or redelivered after a lost worker sends only what is still missing."""
    from pelatihan.pengingat import send_reminders

    return send_reminders()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def optimasi_run_task(run_id: str) -> bool:
    """One run of the budget optimiser; a task delivered twice computes it once."""
    return optimasi_run(run_id)
