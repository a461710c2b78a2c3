# The Celery app is loaded with Django so that `delay_on_commit` uses it everywhere.
from langsa_kompetensi.celery import app as celery_app

__all__ = ("celery_app",)
