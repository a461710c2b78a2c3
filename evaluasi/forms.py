"""The answer form, built from the form's questionnaire. It validates and normalises; the
service (``evaluasi.services.jawaban_save``) checks again and writes."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _

from evaluasi.selectors import IsianFormulir, Pertanyaan

PANJANG_TEKS_MAKSIMUM = 2000


def nama_isian(kunci: tuple[int, int | None]) -> str:
    """The field name of one answer: ``butir_12``, or ``butir_12_mp_3`` for a subject."""
    butir_id, mata_pelatihan_id = kunci
    if mata_pelatihan_id is None:
        return f"butir_{butir_id}"
    return f"butir_{butir_id}_mp_{mata_pelatihan_id}"


def _nama_butir(pertanyaan: Pertanyaan) -> str:
    if pertanyaan.mata_pelatihan is None:
        return f"“{pertanyaan.butir.teks}”"
    return _("“%(butir)s” untuk mata pelatihan %(mata_pelatihan)s") % {
        "butir": pertanyaan.butir.teks,
        "mata_pelatihan": pertanyaan.mata_pelatihan.nama,
    }


@dataclass(frozen=True)
class ButirForm:
    pertanyaan: Pertanyaan
    field: forms.BoundField


@dataclass(frozen=True)
class KelompokForm:
    mata_pelatihan: object | None
    butir: list[ButirForm]


@dataclass(frozen=True)
class BagianForm:
    bagian: object
    kelompok: list[KelompokForm]


class SkalaRadioSelect(forms.RadioSelect):
    """Radios drawn as Bootstrap toggle buttons by the template."""

    def __init__(self):
        super().__init__(attrs={"class": "btn-check", "autocomplete": "off"})


class JawabanForm(forms.Form):
    # Server-side checks only: a hidden toggle-button radio cannot show the browser's bubble,
    # and the page lists every missing answer at once in Bahasa Indonesia.
    use_required_attribute = False

    def __init__(self, *args, isian: IsianFormulir, **kwargs):
        super().__init__(*args, **kwargs)
        self.isian = isian
        kuesioner = isian.formulir.kuesioner
        pilihan = kuesioner.pilihan_skala()
        maksimum = kuesioner.nilai_maksimum
        self._kunci: dict[str, tuple[int, int | None]] = {}
        for pertanyaan in isian.semua_pertanyaan():
            nama = nama_isian(pertanyaan.kunci)
            butir = pertanyaan.butir
            label = _nama_butir(pertanyaan)
            jawaban = pertanyaan.jawaban
            if pertanyaan.skala:
                self.fields[nama] = forms.TypedChoiceField(
                    label=butir.teks,
                    choices=pilihan,
                    coerce=int,
                    empty_value=None,
                    required=butir.wajib,
                    widget=SkalaRadioSelect(),
                    initial=jawaban.nilai if jawaban else None,
                    error_messages={
                        "required": _("Pilih nilai untuk %(butir)s.") % {"butir": label},
                        "invalid_choice": _("Nilai untuk %(butir)s harus 1 sampai %(maks)s.")
                        % {"butir": label, "maks": maksimum},
                    },
                )
            else:
                self.fields[nama] = forms.CharField(
                    label=butir.teks,
                    required=butir.wajib,
                    max_length=PANJANG_TEKS_MAKSIMUM,
                    widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
                    initial=jawaban.teks if jawaban else "",
                    error_messages={
                        "required": _("Isi jawaban untuk %(butir)s.") % {"butir": label},
                        "max_length": _("Jawaban untuk %(butir)s paling banyak %(maks)s karakter.")
                        % {"butir": label, "maks": PANJANG_TEKS_MAKSIMUM},
                    },
                )
            self._kunci[nama] = pertanyaan.kunci

        # The page's layout: sections, then once or per subject, then items with their field.
        self.susunan = [
            BagianForm(
                bagian=bagian.bagian,
                kelompok=[
                    KelompokForm(
                        mata_pelatihan=kelompok.mata_pelatihan,
                        butir=[
                            ButirForm(pertanyaan=p, field=self[nama_isian(p.kunci)])
                            for p in kelompok.pertanyaan
                        ],
                    )
                    for kelompok in bagian.kelompok
                ],
            )
            for bagian in isian.bagian
        ]

    def jawaban(self) -> dict[tuple[int, int | None], int | str | None]:
        """The cleaned answers keyed as the service takes them."""
        return {kunci: self.cleaned_data.get(nama) for nama, kunci in self._kunci.items()}
