from celery import shared_task

from pegawai.services import notifikasi_email_deliver


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
    acks_late=True,
    reject_on_worker_lost=True,
)
def notifikasi_email_task(notifikasi_id: int) -> bool:
    return notifikasi_email_deliver(notifikasi_id=notifikasi_id)
