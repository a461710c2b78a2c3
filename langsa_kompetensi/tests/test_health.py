"""/health/: database, broker and workers; 503 when one of them is down."""

import pytest
from celery import Celery
from django.urls import reverse

URL = reverse("health")


def isolated_app(broker_url, **conf):
    app = Celery("uji-kesehatan", broker=broker_url, set_as_current=False)
    app.conf.update(broker_connection_retry=False, broker_connection_max_retries=0, **conf)
    return app


def test_no_worker_listening_is_a_503(client, db, monkeypatch, tmp_path):
    # A broker of its own, on which certainly no worker listens.
    folders = {name: str(tmp_path / name) for name in ("in", "processed", "control")}
    for folder in folders.values():
        (tmp_path / folder).mkdir(exist_ok=True)
    app = isolated_app(
        "filesystem://",
        broker_transport_options={
            "data_folder_in": folders["in"],
            "data_folder_out": folders["in"],
            "processed_folder": folders["processed"],
            "control_folder": folders["control"],
        },
    )
    monkeypatch.setattr("langsa_kompetensi.health.celery_app", app)
    monkeypatch.setattr("langsa_kompetensi.health.WORKER_PING_TIMEOUT", 0.3)
    response = client.get(URL)
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "error"
    assert data["database"] == {"ok": True}
    assert data["broker"]["ok"] is True
    assert data["workers"]["ok"] is False
    assert data["workers"]["count"] == 0


def test_a_broker_that_cannot_be_reached_is_a_503(client, db, monkeypatch):
    app = isolated_app("redis://127.0.0.1:1/0")
    monkeypatch.setattr("langsa_kompetensi.health.celery_app", app)
    response = client.get(URL)
    assert response.status_code == 503
    data = response.json()
    assert data["database"]["ok"] is True
    assert data["broker"]["ok"] is False
    assert data["workers"]["ok"] is False


def test_health_is_get_only_and_never_cached(client, db, monkeypatch):
    monkeypatch.setattr(
        "langsa_kompetensi.health.celery_app", isolated_app("redis://127.0.0.1:1/0")
    )
    assert client.post(URL).status_code == 405
    assert "no-cache" in client.get(URL)["Cache-Control"]


@pytest.mark.parametrize("path", ["/health/", "/accounts/login/"])
def test_public_pages_carry_a_content_security_policy(client, db, path, monkeypatch):
    monkeypatch.setattr(
        "langsa_kompetensi.health.celery_app", isolated_app("redis://127.0.0.1:1/0")
    )
    policy = client.get(path)["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy


def test_health_asks_the_database_once(client, db, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(
        "langsa_kompetensi.health.celery_app", isolated_app("redis://127.0.0.1:1/0")
    )
    with django_assert_num_queries(1):
        client.get(URL)
