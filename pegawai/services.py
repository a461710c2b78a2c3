"""Writes on people and organisation. Other apps call these instead of writing the models."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from pegawai.models import Notifikasi


def notifikasi_send(
    *,
    penerima,
    judul: str,
    pesan: str = "",
    tautan: str = "",
    kunci: str = "",
    kirim_email: bool = False,
) -> tuple[Notifikasi, bool]:
    """Put a notification in the recipient's inbox, and send it by email after commit if asked.

    With a ``kunci`` (the occasion) it is written at most once per recipient: a reminder task that
    runs again returns the existing row and ``False``.
    """
    if kunci:
        existing = Notifikasi.objects.filter(penerima=penerima, kunci=kunci).first()
        if existing is not None:
            return existing, False
    notifikasi = Notifikasi(
        penerima=penerima,
        judul=judul,
        pesan=pesan,
        tautan=tautan,
        kunci=kunci,
        kirim_email=kirim_email and bool(penerima.email),
    )
    notifikasi.full_clean()
    try:
        with transaction.atomic():
            notifikasi.save()
    except IntegrityError:
        # A concurrent run wrote the same occasion first; the unique constraint decided.
        return Notifikasi.objects.get(penerima=penerima, kunci=kunci), False
    if notifikasi.kirim_email:
        from pegawai.tasks import notifikasi_email_task

        notifikasi_email_task.delay_on_commit(notifikasi.pk)
    return notifikasi, True


def notifikasi_mark_read(*, notifikasi: Notifikasi) -> Notifikasi:
    if notifikasi.dibaca_pada is None:
        notifikasi.dibaca_pada = timezone.now()
        notifikasi.save(update_fields=["dibaca_pada"])
    return notifikasi


def notifikasi_mark_all_read(*, penerima) -> int:
    return Notifikasi.objects.filter(penerima=penerima, dibaca_pada__isnull=True).update(
        dibaca_pada=timezone.now()
    )


def notifikasi_email_deliver(*, notifikasi_id: int) -> bool:
    """Send one notification by email, once. Returns whether this call sent it.

    The row is claimed with a conditional UPDATE before sending, so a retried or duplicated task
    never sends twice; if sending fails the claim is released for the retry.
    """
    from django.conf import settings
    from django.core.mail import send_mail

    claimed = Notifikasi.objects.filter(
        pk=notifikasi_id, kirim_email=True, email_terkirim_pada__isnull=True
    ).update(email_terkirim_pada=timezone.now())
    if not claimed:
        return False
    notifikasi = Notifikasi.objects.select_related("penerima").get(pk=notifikasi_id)
    pesan = notifikasi.pesan
    if notifikasi.tautan:
        pesan = f"{pesan}\n\n{settings.SITE_URL.rstrip('/')}{notifikasi.tautan}"
    try:
        send_mail(
            subject=f"[Langsa Kompetensi] {notifikasi.judul}",
            message=pesan,
            from_email=None,
            recipient_list=[notifikasi.penerima.email],
        )
    except Exception:
        Notifikasi.objects.filter(pk=notifikasi_id).update(email_terkirim_pada=None)
        raise
    return True


ADMIN_BKPSDM_GROUP = "Admin BKPSDM"
ADMIN_BKPSDM_APPS = ("pegawai", "pelatihan", "evaluasi", "laporan")


def grup_admin_bkpsdm_sync():
    """The permission group behind the Admin BKPSDM role: every permission of the project's apps.

    Permissions exist only after migrate, so the group is (re)built when the role is given, and
    picks up the models that later issues add.
    """
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=ADMIN_BKPSDM_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=ADMIN_BKPSDM_APPS))
    return group


@transaction.atomic
def peran_assign(*, user, peran: str, perangkat_daerah=None):
    """Give a role. Admin BKPSDM also works in the Django admin, so it becomes staff."""
    from pegawai.models import PenugasanPeran, Peran

    penugasan = PenugasanPeran(user=user, peran=peran, perangkat_daerah=perangkat_daerah)
    penugasan.full_clean()
    penugasan.save()
    if peran == Peran.ADMIN_BKPSDM:
        user.groups.add(grup_admin_bkpsdm_sync())
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    return penugasan
