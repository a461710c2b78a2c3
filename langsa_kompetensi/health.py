"""/health/: the state of the database, the broker and the workers, for monitoring."""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from langsa_kompetensi.celery import app as celery_app

WORKER_PING_TIMEOUT = 1.0


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True}
    except Exception as exc:  # any failure is the answer, not a 500
        return {"ok": False, "error": exc.__class__.__name__}


def _broker() -> dict:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return {"ok": True, "transport": celery_app.conf.broker_url.split(":", 1)[0]}
    except Exception as exc:
        return {"ok": False, "error": exc.__class__.__name__}


def _workers() -> dict:
    try:
        replies = celery_app.control.ping(timeout=WORKER_PING_TIMEOUT) or []
    except Exception as exc:
        return {"ok": False, "count": 0, "error": exc.__class__.__name__}
    names = sorted(name for reply in replies for name in reply)
    return {"ok": bool(names), "count": len(names), "names": names}


@never_cache
@require_GET
def health(request):
    database = _database()
    broker = _broker()
    workers = _workers() if broker["ok"] else {"ok": False, "count": 0, "error": "broker"}
    ok = database["ok"] and broker["ok"] and workers["ok"]
    return JsonResponse(
        {
            "status": "ok" if ok else "error",
            "database": database,
            "broker": broker,
            "workers": workers,
        },
        status=200 if ok else 503,
    )
