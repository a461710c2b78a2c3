"""The budget optimiser on the year's plan (``pelatihan.optimasi_rencana``), run by a worker
(``pelatihan.optimasi_jalan``).

- /pelatihan/rencana/optimasi/?tahun=: the form (year; the year's pagu per funding source, or
  one total in Rupiah); POST asks a worker for a run and goes to its page.
- /pelatihan/rencana/optimasi/<id>/: the run: the form as it was sent, then either its progress
  (``…/kemajuan/``, which htmx asks for every second and which reloads the page once the run is
  done) or what it funds, what it leaves out and why, the ASN reached and not reached, and the
  OPDs that benefit.
- /pelatihan/rencana/optimasi/<id>.xlsx: that run as a spreadsheet (sheets "Kegiatan terpilih",
  "Tidak terpilih" and "ASN"). Each run is kept for a day, because a second run may seat other
  ASN among equally good plans.

Running the optimiser changes nothing, so pimpinan may run it and see any run as well as Admin
BKPSDM; any other user gets the 403 page with a message, as on the plan's pages.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from pegawai.akses import akses_for
from pegawai.ekspor import Lembar, xlsx_response
from pelatihan import akpk
from pelatihan.models import HasilOptimasiAnggaran, format_rupiah
from pelatihan.optimasi_jalan import (
    optimasi_kemajuan,
    optimasi_minta,
    optimasi_terbaru,
    optimasi_tersimpan,
)
from pelatihan.optimasi_rencana import label_sumber, masukan_optimasi
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


TEMPLATE = "pelatihan/rencana_optimasi.html"
Status = HasilOptimasiAnggaran.Status


def _render(request, form, masukan, run=None, *, status=200):
    return render(
        request,
        TEMPLATE,
        {
            "tahun": masukan.tahun,
            "form": form,
            "pagu": [(label_sumber(s), format_rupiah(p)) for s, p in masukan.pagu.items()],
            "jumlah_baris": len(masukan.acara),
            "biaya_rencana": format_rupiah(sum(masukan.biaya_rencana.values(), Decimal(0))),
            "run": run,
            "kemajuan": optimasi_kemajuan(run) if run else None,
            "kedaluwarsa": status == 404,
            "terbaru": optimasi_terbaru(tahun=masukan.tahun),
        },
        status=400 if form.errors else status,
    )


def _formulir(request, tahun: int, *, status=200):
    form = OptimasiForm(initial={"tahun": tahun, "dasar": PAGU})
    return _render(request, form, masukan_optimasi(tahun=tahun), status=status)


def _kedaluwarsa(request):
    """A run that is gone (kept for a day) or never was: the form, with a word on why."""
    return _formulir(request, _tahun_rencana(), status=404)


@login_required
@require_http_methods(["GET", "POST"])
def rencana_optimasi(request):
    if not _boleh(request.user):
        return _bukan_perencana_anggaran(request)
    if request.method == "GET":
        return _formulir(request, _tahun(request.GET.get("tahun"), _tahun_rencana()))
    form = OptimasiForm(request.POST)
    if not form.is_valid():
        tahun = _tahun(request.POST.get("tahun"), _tahun_rencana())
        return _render(request, form, masukan_optimasi(tahun=tahun))
    run = optimasi_minta(
        tahun=form.cleaned_data["tahun"], total=form.anggaran_total(), oleh=request.user
    )
    return redirect("pelatihan:rencana-optimasi-hasil", pk=run.pk)


@login_required
@require_http_methods(["GET"])
def rencana_optimasi_hasil(request, pk):
    if not _boleh(request.user):
        return _bukan_perencana_anggaran(request)
    run = optimasi_tersimpan(pk, dengan=("hasil_html",))
    if run is None:
        return _kedaluwarsa(request)
    total = run.anggaran_total
    form = OptimasiForm(
        initial={"tahun": run.tahun, "dasar": PAGU if total is None else TOTAL, "total": total}
    )
    return _render(request, form, masukan_optimasi(tahun=run.tahun), run)


@login_required
@require_http_methods(["GET"])
def rencana_optimasi_kemajuan(request, pk):
    """The progress of a run, asked for by htmx every second; once the run has ended, htmx
    reloads the page, which then shows the result."""
    if not _boleh(request.user):
        return _bukan_perencana_anggaran(request)
    run = optimasi_tersimpan(pk)
    if run is None:
        raise Http404
    if run.status in (Status.SELESAI, Status.GAGAL):
        return HttpResponse(headers={"HX-Refresh": "true"})
    return render(request, f"{TEMPLATE}#kemajuan", {"run": run, "kemajuan": optimasi_kemajuan(run)})


@login_required
@require_http_methods(["GET"])
def rencana_optimasi_unduh(request, pk):
    if not _boleh(request.user):
        return _bukan_perencana_anggaran(request)
    run = optimasi_tersimpan(pk, dengan=("lembar",))
    if run is None:
        return _kedaluwarsa(request)
    if run.status != Status.SELESAI:
        messages.info(
            request, _("Hasil optimasi ini belum ada; unduh setelah perhitungannya selesai.")
        )
        return redirect("pelatihan:rencana-optimasi-hasil", pk=run.pk)
    return xlsx_response(
        f"optimasi-anggaran-{run.tahun}.xlsx",
        [Lembar(judul, tuple(header), baris) for judul, header, baris in run.lembar],
    )
