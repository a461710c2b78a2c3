"""Writes on evaluation forms."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluasi.models import ButirKuesioner, FormulirEvaluasi, Jawaban

PESAN_DITUTUP = gettext_lazy("Masa pengisian formulir ini sudah ditutup.")


def _nama_butir(butir: ButirKuesioner, mata_pelatihan) -> str:
    if mata_pelatihan is None:
        return f"“{butir.teks}”"
    return _("“%(butir)s” untuk mata pelatihan %(mata_pelatihan)s") % {
        "butir": butir.teks,
        "mata_pelatihan": mata_pelatihan.nama,
    }


@transaction.atomic
def jawaban_save(
    *,
    formulir: FormulirEvaluasi,
    oleh,
    jawaban: dict[tuple[int, int | None], int | str | None],
    hari_ini: datetime.date | None = None,
) -> FormulirEvaluasi:
    """Store the answers of ``formulir``, replacing those given before.

    ``jawaban`` maps (butir id, mata pelatihan id or None) to a scale value or a text; the
    per-subject sections take one answer per subject of the event's program. Only the form's
    pengisi may answer, until its ``batas`` (inclusive). The first submission dates the form;
    later edits keep that date.
    """
    hari_ini = hari_ini or timezone.localdate()
    # Locked so that two submissions (a double tap) do not interleave their replacements.
    formulir_terkunci = (
        FormulirEvaluasi.objects.select_for_update(of=("self",))
        .select_related("kuesioner", "nominasi__kegiatan__program")
        .get(pk=formulir.pk)
    )
    if oleh is None or formulir_terkunci.pengisi_id != oleh.pk:
        raise ValidationError(_("Formulir ini bukan untuk Anda isi."), code="bukan_pengisi")
    if not formulir_terkunci.terbuka(hari_ini):
        raise ValidationError(PESAN_DITUTUP, code="ditutup")

    kuesioner = formulir_terkunci.kuesioner
    nilai_maksimum = kuesioner.nilai_maksimum
    butir_list = list(
        ButirKuesioner.objects.filter(bagian__kuesioner=kuesioner)
        .select_related("bagian")
        .order_by("bagian__urutan", "urutan", "pk")
    )
    # The subjects as they are now: their pengajar is copied into each answer.
    mata_pelatihan = list(formulir_terkunci.nominasi.kegiatan.program.mata_pelatihan.all())

    sisa = dict(jawaban)
    kesalahan: list[str] = []
    baru: list[Jawaban] = []
    for butir in butir_list:
        sasaran = mata_pelatihan if butir.bagian.per_mata_pelatihan else [None]
        for mp in sasaran:
            isi = sisa.pop((butir.pk, mp.pk if mp else None), None)
            nama = _nama_butir(butir, mp)
            if butir.jenis == ButirKuesioner.Jenis.SKALA:
                if isi in (None, ""):
                    if butir.wajib:
                        kesalahan.append(
                            _("Nilai untuk %(butir)s wajib dipilih.") % {"butir": nama}
                        )
                    continue
                if isinstance(isi, bool) or not isinstance(isi, int):
                    try:
                        isi = int(str(isi))
                    except ValueError:
                        isi = 0
                if not 1 <= isi <= nilai_maksimum:
                    kesalahan.append(
                        _("Nilai untuk %(butir)s harus 1 sampai %(maks)s.")
                        % {"butir": nama, "maks": nilai_maksimum}
                    )
                    continue
                baru.append(Jawaban(butir=butir, mata_pelatihan=mp, nilai=isi))
            else:
                teks = str(isi or "").strip()
                if not teks:
                    if butir.wajib:
                        kesalahan.append(
                            _("Jawaban untuk %(butir)s wajib diisi.") % {"butir": nama}
                        )
                    continue
                baru.append(Jawaban(butir=butir, mata_pelatihan=mp, teks=teks))
    if sisa:
        kesalahan.append(_("Ada jawaban untuk butir yang tidak terdapat pada formulir ini."))
    if kesalahan:
        raise ValidationError(kesalahan, code="tidak_lengkap")

    for j in baru:
        j.formulir = formulir_terkunci
        j.pengajar = j.mata_pelatihan.pengajar if j.mata_pelatihan else ""
        # Fields only: the keys and the 1–5 range were checked above, without a query per row.
        j.full_clean(
            exclude=["formulir", "butir", "mata_pelatihan"],
            validate_unique=False,
            validate_constraints=False,
        )
    formulir_terkunci.jawaban.all().delete()
    Jawaban.objects.bulk_create(baru, batch_size=500)

    if formulir_terkunci.diisi_pada is None:
        formulir_terkunci.diisi_pada = timezone.now()
    formulir_terkunci.save(update_fields=["diisi_pada", "diubah_pada"])
    formulir.diisi_pada = formulir_terkunci.diisi_pada
    formulir.diubah_pada = formulir_terkunci.diubah_pada
    return formulir_terkunci
