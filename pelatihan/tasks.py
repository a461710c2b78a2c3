"""Tugas latar pelatihan. Impor riwayat dari admin: setiap tugas mengambil id dan memanggil satu
layanan impor bersama (``pegawai.services``) dengan pengimpor riwayat; layanan itu mengklaim
pekerjaannya, jadi tugas yang datang dua kali tidak mengerjakannya dua kali."""

from celery import shared_task

from pegawai.models import ImporBerkas
from pegawai.services import impor_check, impor_resume, impor_run
from pelatihan.impor import KOLOM_OPSIONAL, KOLOM_WAJIB, riwayat_import

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
