"""Jejak perubahan satu baris yang diaudit (nominasi, riwayat JP, anggaran): siapa mengubah apa,
kapan, dari nilai berapa menjadi berapa.

Dibaca dari salinan yang dibuat pemicu PostgreSQL (``models._diaudit``, django-pghistory): setiap
INSERT, UPDATE, dan DELETE, juga ``QuerySet.update()`` dan SQL mentah. Jumlah query tetap, berapa
pun banyak perubahannya: salinan, pengguna, lalu satu query per model yang dirujuk foreign key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pegawai.tanggal import format_tanggal
from pelatihan.models import format_rupiah

__all__ = ["Perubahan", "jejak_perubahan"]

AKSI = {
    "insert": gettext_lazy("Dibuat"),
    "update": gettext_lazy("Diubah"),
    "delete": gettext_lazy("Dihapus"),
}
# Isian yang berubah pada setiap simpan: tidak ditampilkan sebagai perubahan.
_ABAIKAN = {"diubah_pada", "nama_kunci"}


@dataclass(frozen=True)
class Perubahan:
    waktu: datetime
    aksi: str
    oleh: str  # nama pengguna, atau keterangan bila dibuat di luar permintaan web
    alamat: str  # halaman yang membuat perubahan
    isian: tuple[tuple[str, str, str], ...]  # (nama isian, sebelum, sesudah)


def jejak_perubahan(model: type[models.Model], pk) -> list[Perubahan]:
    """Perubahan baris ``pk`` dari ``model`` yang diaudit, yang terbaru lebih dulu."""
    salinan = list(
        model.pgh_event_model.objects.filter(pgh_obj_id=pk)
        .select_related("pgh_context")
        .order_by("pgh_id")
    )
    isian = [f for f in model._meta.concrete_fields if not f.primary_key and f.name not in _ABAIKAN]
    pengguna = _pengguna(salinan)
    rujukan = _rujukan(salinan, isian)

    hasil = []
    sebelumnya = None
    for s in salinan:
        if s.pgh_label == "delete":
            berubah = ()
        else:
            berubah = tuple(
                (
                    str(capfirst(f.verbose_name)),
                    _tampil(f, getattr(sebelumnya, f.attname), rujukan)
                    if sebelumnya is not None
                    else "",
                    _tampil(f, getattr(s, f.attname), rujukan),
                )
                for f in isian
                if sebelumnya is None or getattr(sebelumnya, f.attname) != getattr(s, f.attname)
            )
            if sebelumnya is None:
                berubah = tuple(b for b in berubah if b[2] != "–")
        metadata = s.pgh_context.metadata if s.pgh_context is not None else {}
        hasil.append(
            Perubahan(
                waktu=s.pgh_created_at,
                aksi=str(AKSI.get(s.pgh_label, s.pgh_label)),
                oleh=pengguna.get(metadata.get("user"))
                or (_("pengguna terhapus") if metadata.get("user") else _("sistem")),
                alamat=metadata.get("url") or "",
                isian=berubah,
            )
        )
        sebelumnya = s
    hasil.reverse()
    return hasil


def _pengguna(salinan) -> dict[int, str]:
    ids = {
        s.pgh_context.metadata.get("user")
        for s in salinan
        if s.pgh_context is not None and s.pgh_context.metadata.get("user")
    }
    if not ids:
        return {}
    return {
        u.pk: (u.get_full_name() or u.get_username())
        for u in get_user_model().objects.filter(pk__in=ids)
    }


def _rujukan(salinan, isian) -> dict[tuple[str, object], str]:
    """(nama isian, id) → teks baris yang dirujuk: satu query per model yang dirujuk."""
    hasil: dict[tuple[str, object], str] = {}
    for f in isian:
        if not f.is_relation:
            continue
        ids = {getattr(s, f.attname) for s in salinan} - {None}
        if ids:
            # The text of a row may read its own required references (an event names its
            # program): fetched in the same query.
            model = f.related_model
            wajib = [g.name for g in model._meta.concrete_fields if g.is_relation and not g.null]
            rujuk = model._default_manager.all()
            if wajib:
                rujuk = rujuk.select_related(*wajib)
            for pk, obj in rujuk.in_bulk(ids).items():
                hasil[(f.name, pk)] = str(obj)
    return hasil


def _tampil(f, nilai, rujukan) -> str:
    if nilai is None or nilai == "":
        return "–"
    if f.is_relation:
        return rujukan.get((f.name, nilai), _("(terhapus, id %(id)s)") % {"id": nilai})
    if f.choices:
        return str(dict(f.flatchoices).get(nilai, nilai))
    if isinstance(nilai, bool):
        return _("Ya") if nilai else _("Tidak")
    if isinstance(nilai, datetime):
        waktu = timezone.localtime(nilai)
        return f"{format_tanggal(waktu.date())} {waktu:%H.%M}"
    if isinstance(nilai, date):
        return format_tanggal(nilai)
    # Uang: isian Rupiah (models._rupiah_field).
    if isinstance(nilai, Decimal) and (f.max_digits, f.decimal_places) == (16, 2):
        return format_rupiah(nilai)
    if isinstance(f, models.FileField):
        return nilai.name if hasattr(nilai, "name") else str(nilai)
    return str(nilai)
