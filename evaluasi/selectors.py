"""Reads on evaluation forms for the person who fills them.

A form is seen only by its pengisi: not by the kepala of the participant's OPD, not by BKPSDM.
Everyone else reads answers in aggregate only (DESIGN §1), so an answer page that is not one's
own looks exactly like one that does not exist.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import (
    Case,
    DateField,
    F,
    Func,
    IntegerField,
    Prefetch,
    QuerySet,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluasi.models import BagianKuesioner, ButirKuesioner, FormulirEvaluasi, Jawaban

# Closed forms stay on the list this long after their last day, so that the respondent still
# finds what they sent (or missed) shortly after.
TAMPIL_SETELAH_DITUTUP_HARI = 30


class Kelompok:
    """Where a form stands on the list, in the order the list shows them."""

    do_not_call_in_templates = True

    MENUNGGU = 0  # not filled, still open
    TERISI = 1  # filled, still editable
    DITUTUP = 2  # past its last day, filled or not


def formulir_for_user(user) -> QuerySet[FormulirEvaluasi]:
    """The forms the user has to fill themself, whatever their roles."""
    if user is None or not user.is_authenticated:
        return FormulirEvaluasi.objects.none()
    return FormulirEvaluasi.objects.filter(pengisi=user)


def _sisa_hari(hari_ini: datetime.date) -> Func:
    # date - date is a whole number of days in PostgreSQL.
    return Func(
        F("batas"),
        Value(hari_ini, output_field=DateField()),
        template="(%(expressions)s)",
        arg_joiner=" - ",
        output_field=IntegerField(),
    )


def formulir_daftar(user, *, hari_ini: datetime.date | None = None) -> QuerySet[FormulirEvaluasi]:
    """The user's forms for /evaluasi/: pending and open first (fewest days left first), then
    filled and still editable, then those closed in the last ``TAMPIL_SETELAH_DITUTUP_HARI``
    days (most recently closed first). Annotated with ``kelompok`` and ``sisa_hari``."""
    hari_ini = hari_ini or timezone.localdate()
    paling_awal = hari_ini - datetime.timedelta(days=TAMPIL_SETELAH_DITUTUP_HARI)
    return (
        formulir_for_user(user)
        .filter(batas__gte=paling_awal)
        .select_related("nominasi__kegiatan__program", "nominasi__pegawai")
        .annotate(
            sisa_hari=_sisa_hari(hari_ini),
            kelompok=Case(
                When(batas__lt=hari_ini, then=Value(Kelompok.DITUTUP)),
                When(diisi_pada__isnull=False, then=Value(Kelompok.TERISI)),
                default=Value(Kelompok.MENUNGGU),
                output_field=IntegerField(),
            ),
            urutan_batas=Case(
                When(batas__lt=hari_ini, then=-F("sisa_hari")),
                default=F("sisa_hari"),
                output_field=IntegerField(),
            ),
        )
        .order_by("kelompok", "urutan_batas", "pk")
    )


# ---------------------------------------------------------------------------------------------
# One form with everything its page shows.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pertanyaan:
    """One answer the form asks for: an item, for one subject in a per-subject section."""

    butir: ButirKuesioner
    mata_pelatihan: object | None  # pelatihan.MataPelatihan
    jawaban: Jawaban | None
    label_nilai: str  # "3 – Puas", for showing a scale answer

    @property
    def kunci(self) -> tuple[int, int | None]:
        return (self.butir.pk, self.mata_pelatihan.pk if self.mata_pelatihan else None)

    @property
    def skala(self) -> bool:
        return self.butir.jenis == ButirKuesioner.Jenis.SKALA


@dataclass(frozen=True)
class KelompokPertanyaan:
    """The items of a section, once, or once per subject with its pengajar."""

    mata_pelatihan: object | None
    pertanyaan: list[Pertanyaan]


@dataclass(frozen=True)
class BagianIsian:
    bagian: BagianKuesioner
    kelompok: list[KelompokPertanyaan]


@dataclass(frozen=True)
class IsianFormulir:
    formulir: FormulirEvaluasi
    bagian: list[BagianIsian]

    def semua_pertanyaan(self) -> Iterator[Pertanyaan]:
        for bagian in self.bagian:
            for kelompok in bagian.kelompok:
                yield from kelompok.pertanyaan


def _formulir_lengkap(qs: QuerySet[FormulirEvaluasi]) -> QuerySet[FormulirEvaluasi]:
    return qs.select_related(
        "kuesioner", "nominasi__kegiatan__program", "nominasi__pegawai"
    ).prefetch_related(
        Prefetch(
            "kuesioner__bagian",
            queryset=BagianKuesioner.objects.order_by("urutan", "pk").prefetch_related(
                Prefetch("butir", queryset=ButirKuesioner.objects.order_by("urutan", "pk"))
            ),
        ),
        # MataPelatihan's own ordering: program, urutan, id.
        "nominasi__kegiatan__program__mata_pelatihan",
        "jawaban",
    )


def isian_formulir(formulir: FormulirEvaluasi) -> IsianFormulir:
    """Sections, items, subjects and existing answers of a form loaded by
    ``_formulir_lengkap`` arranged for its page: no further queries."""
    label = dict(formulir.kuesioner.pilihan_skala())
    jawaban = {(j.butir_id, j.mata_pelatihan_id): j for j in formulir.jawaban.all()}
    mata_pelatihan = list(formulir.nominasi.kegiatan.program.mata_pelatihan.all())

    def pertanyaan(butir, mp) -> Pertanyaan:
        j = jawaban.get((butir.pk, mp.pk if mp else None))
        label_nilai = ""
        if j is not None and j.nilai is not None:
            label_nilai = _("%(nilai)s – %(label)s") % {
                "nilai": j.nilai,
                "label": label.get(j.nilai, ""),
            }
        return Pertanyaan(butir=butir, mata_pelatihan=mp, jawaban=j, label_nilai=label_nilai)

    daftar_bagian = []
    for bagian in formulir.kuesioner.bagian.all():
        butir = list(bagian.butir.all())
        if not butir:
            continue
        sasaran = mata_pelatihan if bagian.per_mata_pelatihan else [None]
        kelompok = [
            KelompokPertanyaan(mata_pelatihan=mp, pertanyaan=[pertanyaan(b, mp) for b in butir])
            for mp in sasaran
        ]
        if kelompok:
            daftar_bagian.append(BagianIsian(bagian=bagian, kelompok=kelompok))
    return IsianFormulir(formulir=formulir, bagian=daftar_bagian)


def get_isian_formulir_for_user(user, pk: int) -> IsianFormulir:
    """The user's own form with its questionnaire, the event's subjects and the answers given,
    in a fixed number of queries whatever their count; 404 for anybody else's form."""
    try:
        formulir = _formulir_lengkap(formulir_for_user(user)).get(pk=pk)
    except FormulirEvaluasi.DoesNotExist:
        raise Http404(_("Formulir tidak ditemukan.")) from None
    return isian_formulir(formulir)
