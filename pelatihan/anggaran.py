"""Writes on budgets (DESIGN §2 "Lead and fund"): allocations of a budget to events and plan
lines, realisation (actual spend) of an allocation, the pagu, and partner proposals becoming a
budget once committed.

Two invariants, each kept under a row lock so that concurrent edits cannot break them:

- the allocations of an ``Anggaran`` never add up to more than its pagu (the budget row is
  locked for every change of its allocations and of its pagu);
- the realisation of an ``AlokasiAnggaran`` never adds up to more than the allocation (the
  allocation row is locked for every change of its realisation and of its amount).

Locks are always taken budget first, then allocation, so two writers never wait on each other
in a circle.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DecimalField, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from pelatihan.models import (
    AlokasiAnggaran,
    Anggaran,
    RealisasiAnggaran,
    UsulanPendanaan,
    format_rupiah,
)

NOL = Decimal("0.00")
_UANG = DecimalField(max_digits=18, decimal_places=2)


# --- reads shared by the admin and the reports ------------------------------------------------


def _jumlah_per(model, kolom: str, ref: str, **filter_):
    """SUM(jumlah) of ``model`` rows whose ``kolom`` is the outer row's ``ref``, 0 when none."""
    jumlah = (
        model.objects.filter(**{kolom: OuterRef(ref)}, **filter_)
        .order_by()
        .values(kolom)
        .annotate(s=Sum("jumlah"))
        .values("s")
    )
    return Coalesce(Subquery(jumlah, output_field=_UANG), Value(NOL), output_field=_UANG)


def anggaran_with_jumlah(qs: QuerySet[Anggaran] | None = None) -> QuerySet[Anggaran]:
    """Budgets with ``dialokasikan`` (sum of allocations), ``realisasi`` (sum of realisation on
    those allocations), ``sisa`` (pagu − realisasi) and ``belum_dialokasikan`` (pagu −
    dialokasikan), each computed by PostgreSQL in the same query."""
    qs = Anggaran.objects.all() if qs is None else qs
    return qs.annotate(
        dialokasikan=_jumlah_per(AlokasiAnggaran, "anggaran", "pk"),
        realisasi=_jumlah_per(RealisasiAnggaran, "alokasi__anggaran", "pk"),
    ).annotate(
        sisa=F("pagu") - F("realisasi"),
        belum_dialokasikan=F("pagu") - F("dialokasikan"),
    )


def alokasi_with_realisasi(qs: QuerySet[AlokasiAnggaran] | None = None):
    """Allocations with ``jumlah_realisasi`` (the sum of their realisation lines; ``realisasi``
    is the name of the lines themselves) and ``sisa``."""
    qs = AlokasiAnggaran.objects.all() if qs is None else qs
    return qs.annotate(jumlah_realisasi=_jumlah_per(RealisasiAnggaran, "alokasi", "pk")).annotate(
        sisa=F("jumlah") - F("jumlah_realisasi")
    )


def _total_alokasi(anggaran_id: int, *, kecuali: int | None = None) -> Decimal:
    qs = AlokasiAnggaran.objects.filter(anggaran_id=anggaran_id)
    if kecuali is not None:
        qs = qs.exclude(pk=kecuali)
    return qs.aggregate(s=Sum("jumlah"))["s"] or NOL


def _total_realisasi(alokasi_id: int, *, kecuali: int | None = None) -> Decimal:
    qs = RealisasiAnggaran.objects.filter(alokasi_id=alokasi_id)
    if kecuali is not None:
        qs = qs.exclude(pk=kecuali)
    return qs.aggregate(s=Sum("jumlah"))["s"] or NOL


# --- checks --------------------------------------------------------------------------------------


def _check_admin(oleh) -> None:
    from pegawai.akses import akses_for

    if not akses_for(oleh).admin_bkpsdm:
        raise ValidationError(
            _("Anggaran hanya dikelola oleh Admin BKPSDM."), code="tidak_berwenang"
        )


def _jumlah_valid(jumlah, field: str = "jumlah") -> Decimal:
    try:
        nilai = Decimal(jumlah)
    except (ArithmeticError, TypeError, ValueError):
        raise ValidationError({field: _("Jumlah harus berupa angka Rupiah.")}) from None
    if not nilai.is_finite() or nilai <= 0:
        raise ValidationError({field: _("Jumlah harus lebih dari Rp 0.")}, code="tidak_positif")
    return nilai.quantize(Decimal("0.01"))


def pesan_melebihi_pagu(*, jumlah, pagu, dialokasikan) -> str:
    """The refusal an allocation above the pagu gets, naming what is still free."""
    return _(
        "Alokasi %(jumlah)s melebihi sisa pagu yang belum dialokasikan: %(sisa)s "
        "(pagu %(pagu)s, sudah dialokasikan %(dialokasikan)s)."
    ) % {
        "jumlah": format_rupiah(jumlah),
        "sisa": format_rupiah(max(Decimal(pagu) - Decimal(dialokasikan), NOL)),
        "pagu": format_rupiah(pagu),
        "dialokasikan": format_rupiah(dialokasikan),
    }


def _check_pagu(anggaran: Anggaran, *, lain: Decimal, jumlah: Decimal) -> None:
    if lain + jumlah > anggaran.pagu:
        raise ValidationError(
            {"jumlah": pesan_melebihi_pagu(jumlah=jumlah, pagu=anggaran.pagu, dialokasikan=lain)},
            code="melebihi_pagu",
        )


def _check_realisasi(alokasi: AlokasiAnggaran, *, lain: Decimal, jumlah: Decimal) -> None:
    if lain + jumlah > alokasi.jumlah:
        raise ValidationError(
            {
                "jumlah": _(
                    "Realisasi %(jumlah)s melebihi sisa alokasi: %(sisa)s (alokasi %(alokasi)s, "
                    "sudah direalisasikan %(realisasi)s)."
                )
                % {
                    "jumlah": format_rupiah(jumlah),
                    "sisa": format_rupiah(max(alokasi.jumlah - lain, NOL)),
                    "alokasi": format_rupiah(alokasi.jumlah),
                    "realisasi": format_rupiah(lain),
                }
            },
            code="melebihi_alokasi",
        )


def _check_tanggal(alokasi: AlokasiAnggaran, tanggal: datetime.date) -> None:
    # Regional budgets are annual: spending is booked in the budget's own year.
    if tanggal.year != alokasi.anggaran.tahun:
        raise ValidationError(
            {
                "tanggal": _("Tanggal realisasi harus dalam tahun anggaran %(tahun)s.")
                % {"tahun": alokasi.anggaran.tahun}
            },
            code="di_luar_tahun",
        )


def lock_anggaran(anggaran_id: int) -> Anggaran:
    """The budget row under ``SELECT … FOR UPDATE``: every change of its allocations or pagu
    waits here, so totals read after this are final until the transaction ends."""
    return Anggaran.objects.select_for_update(of=("self",)).get(pk=anggaran_id)


def _lock_alokasi(alokasi_id: int) -> AlokasiAnggaran:
    return (
        AlokasiAnggaran.objects.select_for_update(of=("self",))
        .select_related("anggaran")
        .get(pk=alokasi_id)
    )


def alokasi_check(*, anggaran_id: int, jumlah: Decimal, alokasi_id: int | None = None):
    """Lock the budget (and the allocation being changed) and check that ``jumlah`` fits: with
    the budget's other allocations within the pagu, and not below what the allocation has
    already realised. Returns the locked budget and allocation (None for a new one).

    Runs inside the caller's transaction, which keeps the locks until it ends: the admin calls
    it while validating a form, so that the check it shows stays true until the save."""
    anggaran = lock_anggaran(anggaran_id)
    alokasi = _lock_alokasi(alokasi_id) if alokasi_id is not None else None
    _check_pagu(anggaran, lain=_total_alokasi(anggaran_id, kecuali=alokasi_id), jumlah=jumlah)
    if alokasi is not None:
        realisasi = _total_realisasi(alokasi.pk)
        if jumlah < realisasi:
            raise ValidationError(
                {
                    "jumlah": _(
                        "Alokasi tidak dapat dikurangi menjadi %(jumlah)s: sudah "
                        "direalisasikan %(realisasi)s."
                    )
                    % {"jumlah": format_rupiah(jumlah), "realisasi": format_rupiah(realisasi)}
                },
                code="di_bawah_realisasi",
            )
    return anggaran, alokasi


def realisasi_check(
    *,
    alokasi_id: int,
    jumlah: Decimal,
    tanggal: datetime.date | None = None,
    realisasi_id: int | None = None,
) -> AlokasiAnggaran:
    """Lock the allocation and check that ``jumlah`` (dated ``tanggal``) fits beside its other
    realisation. Inside the caller's transaction, like :func:`alokasi_check`."""
    alokasi = _lock_alokasi(alokasi_id)
    if tanggal is not None:
        _check_tanggal(alokasi, tanggal)
    _check_realisasi(
        alokasi, lain=_total_realisasi(alokasi_id, kecuali=realisasi_id), jumlah=jumlah
    )
    return alokasi


# --- allocations ---------------------------------------------------------------------------------


@transaction.atomic
def alokasi_create(
    *, anggaran: Anggaran, jumlah, kegiatan=None, rencana=None, oleh, uraian: str = ""
) -> AlokasiAnggaran:
    """Set aside ``jumlah`` of ``anggaran`` for an event or a plan line. Refused when the
    budget's allocations would exceed its pagu; the budget row is locked while checking."""
    _check_admin(oleh)
    jumlah = _jumlah_valid(jumlah)
    anggaran, _tanpa = alokasi_check(anggaran_id=anggaran.pk, jumlah=jumlah)
    alokasi = AlokasiAnggaran(
        anggaran=anggaran,
        kegiatan=kegiatan,
        rencana=rencana,
        jumlah=jumlah,
        uraian=uraian.strip(),
        dibuat_oleh=oleh,
    )
    alokasi.full_clean()
    alokasi.save()
    return alokasi


_TANPA_PERUBAHAN = object()


@transaction.atomic
def alokasi_update(
    *,
    alokasi: AlokasiAnggaran,
    oleh,
    jumlah=None,
    kegiatan=_TANPA_PERUBAHAN,
    rencana=_TANPA_PERUBAHAN,
    uraian: str | None = None,
) -> AlokasiAnggaran:
    """Change an allocation. A larger amount must fit the pagu; a smaller one must still cover
    what has been realised from it. Locks the budget, then the allocation."""
    _check_admin(oleh)
    baru = alokasi.jumlah if jumlah is None else _jumlah_valid(jumlah)
    anggaran, alokasi = alokasi_check(
        anggaran_id=alokasi.anggaran_id, jumlah=baru, alokasi_id=alokasi.pk
    )
    alokasi.jumlah = baru
    if kegiatan is not _TANPA_PERUBAHAN:
        alokasi.kegiatan = kegiatan
    if rencana is not _TANPA_PERUBAHAN:
        alokasi.rencana = rencana
    if uraian is not None:
        alokasi.uraian = uraian.strip()
    alokasi.anggaran = anggaran
    alokasi.full_clean()
    alokasi.save(update_fields=["jumlah", "kegiatan", "rencana", "uraian"])
    return alokasi


@transaction.atomic
def alokasi_delete(*, alokasi: AlokasiAnggaran, oleh) -> None:
    """Remove an allocation that nothing has been spent from yet."""
    _check_admin(oleh)
    lock_anggaran(alokasi.anggaran_id)
    alokasi = _lock_alokasi(alokasi.pk)
    realisasi = _total_realisasi(alokasi.pk)
    if realisasi > 0:
        raise ValidationError(
            _("Alokasi yang sudah direalisasikan (%(realisasi)s) tidak dapat dihapus.")
            % {"realisasi": format_rupiah(realisasi)},
            code="sudah_direalisasikan",
        )
    alokasi.delete()


# --- the pagu ------------------------------------------------------------------------------------


@transaction.atomic
def anggaran_update_pagu(*, anggaran: Anggaran, pagu, oleh) -> Anggaran:
    """Change the pagu; never below what is already allocated from it."""
    _check_admin(oleh)
    try:
        pagu = Decimal(pagu).quantize(Decimal("0.01"))
    except (ArithmeticError, TypeError, ValueError):
        raise ValidationError({"pagu": _("Pagu harus berupa angka Rupiah.")}) from None
    if pagu < 0:
        raise ValidationError({"pagu": _("Pagu tidak boleh negatif.")}, code="negatif")
    anggaran = lock_anggaran(anggaran.pk)
    dialokasikan = _total_alokasi(anggaran.pk)
    if pagu < dialokasikan:
        raise ValidationError(
            {
                "pagu": _(
                    "Pagu tidak dapat diturunkan menjadi %(pagu)s: sudah dialokasikan "
                    "%(dialokasikan)s."
                )
                % {"pagu": format_rupiah(pagu), "dialokasikan": format_rupiah(dialokasikan)}
            },
            code="di_bawah_alokasi",
        )
    anggaran.pagu = pagu
    anggaran.full_clean()
    anggaran.save(update_fields=["pagu", "diubah_pada"])
    return anggaran


# --- realisation ---------------------------------------------------------------------------------


@transaction.atomic
def realisasi_create(
    *,
    alokasi: AlokasiAnggaran,
    tanggal: datetime.date,
    jumlah,
    oleh,
    uraian: str = "",
    nomor_bukti: str = "",
) -> RealisasiAnggaran:
    """Record money spent from an allocation, in the budget's year; refused above what is left
    of the allocation (the allocation row is locked while checking)."""
    _check_admin(oleh)
    jumlah = _jumlah_valid(jumlah)
    alokasi = realisasi_check(alokasi_id=alokasi.pk, jumlah=jumlah, tanggal=tanggal)
    realisasi = RealisasiAnggaran(
        alokasi=alokasi,
        tanggal=tanggal,
        jumlah=jumlah,
        uraian=uraian.strip(),
        nomor_bukti=nomor_bukti.strip(),
        dibuat_oleh=oleh,
    )
    realisasi.full_clean()
    realisasi.save()
    return realisasi


@transaction.atomic
def realisasi_update(
    *,
    realisasi: RealisasiAnggaran,
    oleh,
    tanggal: datetime.date | None = None,
    jumlah=None,
    uraian: str | None = None,
    nomor_bukti: str | None = None,
) -> RealisasiAnggaran:
    """Correct a realisation line; the allocation's cap still holds."""
    _check_admin(oleh)
    _lock_alokasi(realisasi.alokasi_id)  # first, so the line is read as the lock leaves it
    realisasi = RealisasiAnggaran.objects.get(pk=realisasi.pk)
    tanggal = realisasi.tanggal if tanggal is None else tanggal
    jumlah = realisasi.jumlah if jumlah is None else _jumlah_valid(jumlah)
    alokasi = realisasi_check(
        alokasi_id=realisasi.alokasi_id, jumlah=jumlah, tanggal=tanggal, realisasi_id=realisasi.pk
    )
    realisasi.tanggal, realisasi.jumlah = tanggal, jumlah
    if uraian is not None:
        realisasi.uraian = uraian.strip()
    if nomor_bukti is not None:
        realisasi.nomor_bukti = nomor_bukti.strip()
    realisasi.alokasi = alokasi
    realisasi.full_clean()
    realisasi.save(update_fields=["tanggal", "jumlah", "uraian", "nomor_bukti"])
    return realisasi


@transaction.atomic
def realisasi_delete(*, realisasi: RealisasiAnggaran, oleh) -> None:
    _check_admin(oleh)
    _lock_alokasi(realisasi.alokasi_id)
    RealisasiAnggaran.objects.filter(pk=realisasi.pk).delete()


# --- partner proposals ---------------------------------------------------------------------------


@transaction.atomic
def usulan_pendanaan_commit(
    *, usulan: UsulanPendanaan, oleh, kode_rekening: str = "", perangkat_daerah=None
) -> Anggaran:
    """Turn an approved (committed) partner proposal into a budget of its year and source, with
    the committed amount as pagu. Once only: a second call returns the same budget."""
    _check_admin(oleh)
    usulan = UsulanPendanaan.objects.select_for_update().get(pk=usulan.pk)
    if usulan.anggaran_id is not None:
        return Anggaran.objects.get(pk=usulan.anggaran_id)
    if usulan.status != UsulanPendanaan.Status.DISETUJUI:
        raise ValidationError(
            _(
                "Usulan berstatus “%(status)s” belum dapat dijadikan anggaran: hanya usulan "
                "yang disetujui mitra (komitmen)."
            )
            % {"status": UsulanPendanaan.Status(usulan.status).label},
            code="belum_disetujui",
        )
    uraian = " ".join(usulan.uraian.split())
    anggaran = Anggaran(
        tahun=usulan.tahun,
        sumber_dana=usulan.sumber_dana,
        uraian=f"{usulan.mitra}: {uraian}"[:300],
        kode_rekening=kode_rekening.strip(),
        perangkat_daerah=perangkat_daerah,
        pagu=usulan.jumlah,
    )
    anggaran.full_clean()
    anggaran.save()
    usulan.anggaran = anggaran
    usulan.save(update_fields=["anggaran", "diubah_pada"])
    return anggaran
