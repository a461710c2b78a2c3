from celery import shared_task

from pegawai.impor import KOLOM_OPSIONAL, KOLOM_WAJIB, pegawai_import
from pegawai.models import ImporBerkas
from pegawai.services import (
    impor_check,
    impor_expire,
    impor_resume,
    impor_run,
    notifikasi_email_deliver,
)


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
    acks_late=True,
    reject_on_worker_lost=True,
)
def notifikasi_email_task(notifikasi_id: int) -> bool:
    return notifikasi_email_deliver(notifikasi_id=notifikasi_id)


# Impor data pegawai dari admin: setiap tugas mengambil id dan memanggil satu layanan; layanan
# itu mengklaim pekerjaannya, jadi tugas yang datang dua kali tidak mengerjakannya dua kali.
KOLOM_PEGAWAI = KOLOM_WAJIB + KOLOM_OPSIONAL


@shared_task(acks_late=True, reject_on_worker_lost=True)
def impor_pegawai_check_task(impor_id: int) -> bool:
    return impor_check(impor_id=impor_id, pengimpor=pegawai_import, kolom=KOLOM_PEGAWAI)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def impor_pegawai_run_task(impor_id: int) -> bool:
    return impor_run(impor_id=impor_id, pengimpor=pegawai_import, kolom=KOLOM_PEGAWAI)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def impor_pegawai_resume_task() -> int:
    return impor_resume(
        jenis=ImporBerkas.Jenis.PEGAWAI,
        check_task=impor_pegawai_check_task,
        run_task=impor_pegawai_run_task,
    )


@shared_task(acks_late=True, reject_on_worker_lost=True)
def impor_expire_task() -> int:
    return impor_expire()
