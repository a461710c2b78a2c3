"""Filter forms of the reports: they validate and normalise the query string, nothing more."""

from django import forms
from django.utils.translation import gettext_lazy as _

from laporan import selectors
from pegawai.models import JenisPegawai


def _pilihan_urut(kolom) -> list[tuple[str, str]]:
    return [(k, k) for k in kolom] + [(f"-{k}", f"-{k}") for k in kolom]


class TahunForm(forms.Form):
    """A report's year in the query string: empty is this year (or nothing, where
    ``kosong_tahun_ini`` is False); otherwise from ``tahun_awal()`` to next year."""

    tahun = forms.IntegerField(
        label=_("Tahun"),
        required=False,
        error_messages={"invalid": _("Tahun harus berupa angka, misalnya 2025.")},
    )
    kosong_tahun_ini = True

    def tahun_awal(self) -> int:
        return selectors.TAHUN_MINIMUM

    def clean_tahun(self):
        tahun = self.cleaned_data["tahun"]
        if tahun is None:
            return selectors.tahun_ini() if self.kosong_tahun_ini else None
        awal, akhir = self.tahun_awal(), selectors.tahun_maksimum()
        if not awal <= tahun <= akhir:
            raise forms.ValidationError(
                _("Tahun harus antara %(awal)s dan %(akhir)s."),
                params={"awal": awal, "akhir": akhir},
            )
        return tahun


class FilterJPForm(TahunForm):
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


class FilterEfektivitasForm(TahunForm):
    """The query string of the effectiveness pages; every field is optional."""

    kosong_tahun_ini = False
    opd = forms.IntegerField(
        label=_("Perangkat daerah"),
        required=False,
        min_value=1,
        error_messages={"invalid": _("Pilih perangkat daerah dari daftar.")},
    )
    nama = forms.CharField(label=_("Nama pengajar"), required=False, max_length=300)

    def clean_nama(self):
        return " ".join(self.cleaned_data["nama"].split())


class LaporanAnggaranForm(TahunForm):
    """The query string of the budget pages: the budget year and, for downloads, the format."""

    format = forms.ChoiceField(
        label=_("Format unduhan"),
        required=False,
        choices=[("", "HTML"), ("xlsx", "XLSX"), ("pdf", "PDF")],
    )
