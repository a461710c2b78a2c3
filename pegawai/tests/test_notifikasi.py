"""The inbox: the service every app writes through, and the pages that read it."""

import pytest
from django.db import transaction
from django.urls import reverse

from pegawai.models import Notifikasi
from pegawai.services import notifikasi_email_deliver, notifikasi_send
from pegawai.tests.factories import NotifikasiFactory, PenggunaFactory

LIST = reverse("pegawai:notifikasi-list")


def test_send_writes_to_the_inbox(db):
    penerima = PenggunaFactory()
    notifikasi, created = notifikasi_send(penerima=penerima, judul="Nominasi disetujui")
    assert created
    assert list(Notifikasi.objects.filter(penerima=penerima)) == [notifikasi]
    assert not notifikasi.sudah_dibaca


def test_send_with_an_occasion_writes_once_however_often_it_runs(db):
    penerima = PenggunaFactory()
    first, created = notifikasi_send(penerima=penerima, judul="Pengingat", kunci="batas:1")
    again, created_again = notifikasi_send(penerima=penerima, judul="Pengingat", kunci="batas:1")
    assert created and not created_again
    assert first.pk == again.pk
    assert Notifikasi.objects.filter(penerima=penerima).count() == 1
    # Another occasion, or another person, is another notification.
    notifikasi_send(penerima=penerima, judul="Pengingat", kunci="batas:2")
    notifikasi_send(penerima=PenggunaFactory(), judul="Pengingat", kunci="batas:1")
    assert Notifikasi.objects.count() == 3


def test_email_is_queued_only_after_commit(db, django_capture_on_commit_callbacks):
    penerima = PenggunaFactory(email="asn@langsakota.go.id")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notifikasi, _ = notifikasi_send(penerima=penerima, judul="Undangan", kirim_email=True)
    # Nothing is sent while the transaction is open; one task is queued when it commits.
    assert len(callbacks) == 1
    assert notifikasi.kirim_email
    assert notifikasi.email_terkirim_pada is None


def test_no_email_for_a_user_without_address(db, django_capture_on_commit_callbacks):
    penerima = PenggunaFactory(email="")
    with django_capture_on_commit_callbacks() as callbacks:
        notifikasi, _ = notifikasi_send(penerima=penerima, judul="Undangan", kirim_email=True)
    assert callbacks == []
    assert not notifikasi.kirim_email


def test_email_delivery_sends_once(db, mailoutbox, settings):
    settings.SITE_URL = "https://kompetensi.langsakota.go.id"
    penerima = PenggunaFactory(email="asn@langsakota.go.id")
    notifikasi = NotifikasiFactory(penerima=penerima, kirim_email=True, tautan="/evaluasi/")
    assert notifikasi_email_deliver(notifikasi_id=notifikasi.pk) is True
    assert notifikasi_email_deliver(notifikasi_id=notifikasi.pk) is False  # a retried task
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["asn@langsakota.go.id"]
    assert "https://kompetensi.langsakota.go.id/evaluasi/" in mailoutbox[0].body
    notifikasi.refresh_from_db()
    assert notifikasi.email_terkirim_pada is not None


def test_a_failed_email_is_released_for_the_retry(db, monkeypatch):
    penerima = PenggunaFactory(email="asn@langsakota.go.id")
    notifikasi = NotifikasiFactory(penerima=penerima, kirim_email=True)

    def broken(**kwargs):
        raise OSError("SMTP tidak dapat dihubungi")

    monkeypatch.setattr("django.core.mail.send_mail", broken)
    with pytest.raises(OSError), transaction.atomic():
        notifikasi_email_deliver(notifikasi_id=notifikasi.pk)
    notifikasi.refresh_from_db()
    assert notifikasi.email_terkirim_pada is None


# The inbox pages -----------------------------------------------------------------------------


def test_the_inbox_shows_only_the_users_own_notifications(client, pemeran):
    NotifikasiFactory(penerima=pemeran.asn, judul="Untuk saya")
    NotifikasiFactory(penerima=pemeran.kepala, judul="Untuk kepala")
    client.force_login(pemeran.asn)
    response = client.get(LIST)
    assert [n.judul for n in response.context["page"].object_list] == ["Untuk saya"]
    assert "Untuk kepala" not in response.content.decode()


def test_the_inbox_has_an_empty_state(client, pemeran):
    client.force_login(pemeran.admin)
    assert "Belum ada notifikasi." in client.get(LIST).content.decode()


def test_the_unread_badge_counts_unread_notifications(client, pemeran):
    NotifikasiFactory.create_batch(3, penerima=pemeran.asn)
    client.force_login(pemeran.asn)
    assert client.get(reverse("beranda")).context["notifikasi_belum_dibaca"] == 3


def test_reading_a_notification_marks_it_and_follows_its_link(client, pemeran):
    notifikasi = NotifikasiFactory(penerima=pemeran.asn, tautan="/pegawai/")
    client.force_login(pemeran.asn)
    response = client.post(reverse("pegawai:notifikasi-read", args=[notifikasi.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/pegawai/"
    notifikasi.refresh_from_db()
    assert notifikasi.sudah_dibaca


def test_an_outside_link_is_never_followed(client, pemeran):
    notifikasi = NotifikasiFactory(penerima=pemeran.asn, tautan="https://contoh.invalid/")
    client.force_login(pemeran.asn)
    response = client.post(reverse("pegawai:notifikasi-read", args=[notifikasi.pk]))
    assert response["Location"] == LIST


def test_someone_elses_notification_is_a_404(client, pemeran):
    notifikasi = NotifikasiFactory(penerima=pemeran.kepala)
    for user in (pemeran.asn, pemeran.admin, pemeran.operator):
        client.force_login(user)
        response = client.post(reverse("pegawai:notifikasi-read", args=[notifikasi.pk]))
        assert response.status_code == 404
    notifikasi.refresh_from_db()
    assert not notifikasi.sudah_dibaca


def test_reading_is_post_only(client, pemeran):
    notifikasi = NotifikasiFactory(penerima=pemeran.asn)
    client.force_login(pemeran.asn)
    assert client.get(reverse("pegawai:notifikasi-read", args=[notifikasi.pk])).status_code == 405
    assert client.get(reverse("pegawai:notifikasi-read-all")).status_code == 405


def test_read_all(client, pemeran):
    NotifikasiFactory.create_batch(2, penerima=pemeran.asn)
    lain = NotifikasiFactory(penerima=pemeran.kepala)
    client.force_login(pemeran.asn)
    client.post(reverse("pegawai:notifikasi-read-all"))
    assert not Notifikasi.objects.filter(penerima=pemeran.asn, dibaca_pada__isnull=True).exists()
    lain.refresh_from_db()
    assert not lain.sudah_dibaca


def test_anonymous_is_sent_to_login(client, db):
    for url in (LIST, reverse("pegawai:notifikasi-read-all")):
        response = client.post(url) if "baca" in url else client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_inbox_query_count_is_constant(client, pemeran, django_assert_num_queries):
    client.force_login(pemeran.asn)
    NotifikasiFactory(penerima=pemeran.asn)
    with django_assert_num_queries(7):
        client.get(LIST)
    NotifikasiFactory.create_batch(30, penerima=pemeran.asn)
    with django_assert_num_queries(7):
        client.get(LIST)
