"""Filter forms of the reports: they validate and normalise the query string, nothing more."""

from django import forms
from django.utils.translation import gettext_lazy as _

from laporan import selectors
from pegawai.models import JenisPegawai


def _pilihan_urut(kolom) -> list[tuple[str, str]]:
    return [(k, k) for k in kolom] + [(f"-{k}", f"-{k}") for k in kolom]


class FilterJPForm(forms.Form):
    tahun = forms.IntegerField(
        label=_("Tahun"),
        required=False,
        error_messages={"invalid": _("Tahun harus berupa angka, misalnya 2025.")},
    )
    jenis = forms.ChoiceField(
        label=_("Jenis pegawai"),
        required=False,
        choices=[("", _("Semua jenis")), *JenisPegawai.choices],
    )
    format = forms.ChoiceField(
        label=_("Format unduhan"),
        required=False,
        choices=[("", "HTML"), ("xlsx", "XLSX"), ("csv", "CSV")],
    )

    def clean_tahun(self):
        tahun = self.cleaned_data["tahun"]
        if tahun is None:
            return selectors.tahun_ini()
        if not selectors.TAHUN_MINIMUM <= tahun <= selectors.tahun_maksimum():
            raise forms.ValidationError(
                _("Tahun harus antara %(awal)s dan %(akhir)s."),
                params={"awal": selectors.TAHUN_MINIMUM, "akhir": selectors.tahun_maksimum()},
            )
        return tahun


class KepatuhanJPForm(FilterJPForm):
    urut = forms.ChoiceField(
        label=_("Urutan"), required=False, choices=_pilihan_urut(selectors.KOLOM_REKAP_OPD)
    )


class KepatuhanJPOPDForm(FilterJPForm):
    urut = forms.ChoiceField(
        label=_("Urutan"), required=False, choices=_pilihan_urut(selectors.URUT_PEGAWAI)
    )
    kurang = forms.BooleanField(label=_("Hanya yang belum memenuhi target"), required=False)
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False, max_length=100)


class FilterEfektivitasForm(forms.Form):
    """The query string of the effectiveness pages; every field is optional."""

    tahun = forms.IntegerField(
        label=_("Tahun"),
        required=False,
        error_messages={"invalid": _("Tahun harus berupa angka, misalnya 2025.")},
    )
    opd = forms.IntegerField(
        label=_("Perangkat daerah"),
        required=False,
        min_value=1,
        error_messages={"invalid": _("Pilih perangkat daerah dari daftar.")},
    )
    nama = forms.CharField(label=_("Nama pengajar"), required=False, max_length=300)

    def clean_tahun(self):
        tahun = self.cleaned_data["tahun"]
        if tahun is not None and not (
            selectors.TAHUN_MINIMUM <= tahun <= selectors.tahun_maksimum()
        ):
            raise forms.ValidationError(
                _("Tahun harus antara %(awal)s dan %(akhir)s."),
                params={"awal": selectors.TAHUN_MINIMUM, "akhir": selectors.tahun_maksimum()},
            )
        return tahun

    def clean_nama(self):
        return " ".join(self.cleaned_data["nama"].split())
