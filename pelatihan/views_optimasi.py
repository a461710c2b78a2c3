"""The budget optimiser on the year's plan (``pelatihan.optimasi_rencana``).

- /pelatihan/rencana/optimasi/?tahun=: the form (year; the year's pagu per funding source, or
  one total in Rupiah); POST runs the optimiser and shows what it funds, what it leaves out and
  why, the ASN reached and not reached, and the OPDs that benefit.
- /pelatihan/rencana/optimasi/<id>.xlsx: the run just shown, as a spreadsheet (sheets "Kegiatan
  terpilih", "Tidak terpilih" and "ASN"): each run is kept for a day, because a second run may
  seat other ASN among equally good plans.
- /pelatihan/rencana/optimasi.xlsx: a new run straight to a spreadsheet (POST with the form, or
  GET with its parameters), for scripts.

Running the optimiser changes nothing, so pimpinan may run it as well as Admin BKPSDM; any other
user gets the 403 page with a message, as on the plan's pages.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from pegawai.akses import akses_for
from pegawai.ekspor import Lembar, xlsx_response
from pelatihan import akpk
from pelatihan.models import format_rupiah
from pelatihan.optimasi_rencana import (
    label_sumber,
    laporan_optimasi,
    lembar_ekspor,
    masukan_optimasi,
    optimasi_jalankan,
    optimasi_simpan,
    optimasi_tersimpan,
)
from pelatihan.views_akpk import _forbidden, _tahun, _tahun_rencana

PAGU = "pagu"
TOTAL = "total"


class RupiahField(forms.DecimalField):
    """An amount as people type it: "750.000.000", "Rp 750.000.000" or "750000000,50"."""

    def to_python(self, value):
        if isinstance(value, str):
            teks = value.strip().removeprefix("Rp").replace(" ", "").replace(".", "")
            value = teks.replace(",", ".")
        try:
            return super().to_python(value)
        except (InvalidOperation, ValidationError):
            pesan = _("Tulis jumlah dalam Rupiah, mis. 750.000.000.")
            raise ValidationError(pesan, "invalid") from None


class OptimasiForm(forms.Form):
    tahun = forms.IntegerField(
        label=gettext_lazy("Tahun rencana"),
        min_value=akpk.TAHUN_TERKECIL,
        max_value=akpk.TAHUN_TERBESAR,
        widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric"}),
    )
    dasar = forms.ChoiceField(
        label=gettext_lazy("Anggaran"),
        choices=[
            (PAGU, gettext_lazy("Anggaran per sumber dana (pagu tahun itu)")),
            (TOTAL, gettext_lazy("Satu total untuk semua sumber dana")),
        ],
        initial=PAGU,
        widget=forms.RadioSelect,
    )
    total = RupiahField(
        label=gettext_lazy("Total anggaran (Rp)"),
        required=False,
        min_value=0,
        max_digits=16,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("dasar") == TOTAL and data.get("total") is None:
            self.add_error("total", _("Isi total anggaran dalam Rupiah."))
        return data

    def anggaran_total(self) -> Decimal | None:
        c = self.cleaned_data
        return c["total"] if c["dasar"] == TOTAL else None


def _bukan_perencana_anggaran(request):
    return _forbidden(
        request, _("Optimasi anggaran dapat dijalankan oleh Admin BKPSDM dan pimpinan.")
    )


def _boleh(user) -> bool:
    return akses_for(user).lihat_semua


def _render(request, form, masukan, laporan=None, tersimpan=None):
    return render(
        request,
        "pelatihan/rencana_optimasi.html",
        {
            "tahun": masukan.tahun,
            "form": form,
            "pagu": [(label_sumber(s), format_rupiah(p)) for s, p in masukan.pagu.items()],
            "jumlah_baris": len(masukan.acara),
            "biaya_rencana": format_rupiah(sum(masukan.biaya_rencana.values(), Decimal(0))),
            "laporan": laporan,
            "tersimpan": tersimpan,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def rencana_optimasi(request):
    if not _boleh(request.user):
        return _bukan_perencana_anggaran(request)
    if request.method == "GET":
        tahun = _tahun(request.GET.get("tahun"), _tahun_rencana())
        form = OptimasiForm(initial={"tahun": tahun, "dasar": PAGU})
        return _render(request, form, masukan_optimasi(tahun=tahun))
    form = OptimasiForm(request.POST)
    if not form.is_valid():
        tahun = _tahun(request.POST.get("tahun"), _tahun_rencana())
        return _render(request, form, masukan_optimasi(tahun=tahun))
    tahun, total = form.cleaned_data["tahun"], form.anggaran_total()
    masukan = masukan_optimasi(tahun=tahun)
    laporan = laporan_optimasi(masukan, optimasi_jalankan(masukan=masukan, total=total))
    tersimpan = optimasi_simpan(laporan=laporan, tahun=tahun, total=total, oleh=request.user)
    return _render(request, form, masukan, laporan, tersimpan)


@login_required
@require_http_methods(["GET"])
def rencana_optimasi_unduh(request, pk):
    if not _boleh(request.user):
        return _bukan_perencana_anggaran(request)
    tersimpan = optimasi_tersimpan(pk)
    if tersimpan is None:
        raise Http404(_("Hasil optimasi ini sudah kedaluwarsa; jalankan optimasi lagi."))
    return xlsx_response(
        f"optimasi-anggaran-{tersimpan.tahun}.xlsx",
        [Lembar(judul, tuple(header), baris) for judul, header, baris in tersimpan.lembar],
    )


@login_required
@require_http_methods(["GET", "POST"])
def rencana_optimasi_xlsx(request):
    if not _boleh(request.user):
        return _bukan_perencana_anggaran(request)
    data = request.POST if request.method == "POST" else request.GET.copy()
    if request.method == "GET":
        data.setdefault("tahun", str(_tahun_rencana()))
        data.setdefault("dasar", PAGU)
    form = OptimasiForm(data)
    if not form.is_valid():
        tahun = _tahun(data.get("tahun"), _tahun_rencana())
        return _render(request, form, masukan_optimasi(tahun=tahun))
    tahun = form.cleaned_data["tahun"]
    masukan = masukan_optimasi(tahun=tahun)
    hasil = optimasi_jalankan(masukan=masukan, total=form.anggaran_total())
    lembar = lembar_ekspor(laporan_optimasi(masukan, hasil))
    return xlsx_response(
        f"optimasi-anggaran-{tahun}.xlsx",
        [Lembar(judul, header, baris) for judul, header, baris in lembar],
    )
