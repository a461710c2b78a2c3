"""Background work of the reports: each task takes an id (or nothing) and calls one service of
``laporan.jobs``. The run claims its job under a lock, so a task delivered twice (``acks_late``
with ``reject_on_worker_lost``) builds the file once."""

from celery import shared_task

from laporan.jobs import laporan_job_expire, laporan_job_resume, laporan_job_run


@shared_task(acks_late=True, reject_on_worker_lost=True)
def laporan_job_run_task(job_id: int) -> bool:
    return laporan_job_run(job_id=job_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def laporan_job_resume_task() -> int:
    """Run by beat every 5 minutes: jobs never queued or left by a dead worker."""
    return laporan_job_resume()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def laporan_job_expire_task() -> int:
    """Run by beat hourly: files older than LAPORAN_JOB_SIMPAN_JAM hours are deleted."""
    return laporan_job_expire()
