"""Budget report pages: plan against realisation for a year (/laporan/anggaran/, with XLSX and
PDF downloads) and what bringing every ASN to the JP target would cost
(/laporan/anggaran/target/). For Admin BKPSDM and pimpinan; anyone else gets a 404, so the
pages look as if they did not exist."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from laporan import anggaran, selectors
from laporan.forms import LaporanAnggaranForm
from pegawai.ekspor import xlsx_response


def _cek_akses(request) -> None:
    if not anggaran.boleh_lihat_anggaran(request.user):
        raise Http404("Halaman tidak ditemukan.")


@login_required
@require_GET
def laporan_anggaran(request):
    """/laporan/anggaran/?tahun=: pagu, allocated, realised and remaining per funding source, OPD
    and program; absorption per month; cost per participant and per JP; ``format=xlsx|pdf``."""
    _cek_akses(request)
    template = "laporan/anggaran.html"
    form = LaporanAnggaranForm(request.GET)
    if not form.is_valid():
        return render(request, template, {"form": form}, status=400)
    tahun = form.cleaned_data["tahun"]
    data = anggaran.laporan_anggaran(tahun)
    if form.cleaned_data["format"] == "xlsx":
        return xlsx_response(f"anggaran-{tahun}.xlsx", anggaran.lembar_xlsx(data))
    if form.cleaned_data["format"] == "pdf":
        response = HttpResponse(anggaran.dokumen_pdf(data), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="anggaran-{tahun}.pdf"'
        return response
    return render(
        request,
        template,
        {
            "form": form,
            **data,
            "pilihan_tahun": anggaran.pilihan_tahun_anggaran(selectors.tahun_ini()),
            "grafik_penyerapan": anggaran.grafik_penyerapan(data["penyerapan"]),
            "grafik_sumber": anggaran.grafik_sumber(data["sumber"]),
        },
    )


@login_required
@require_GET
def laporan_anggaran_target(request):
    """/laporan/anggaran/target/?tahun=: ASN below their JP target per OPD and the estimated
    cost of bringing them to it, from the city's own cost per JP."""
    _cek_akses(request)
    template = "laporan/anggaran_target.html"
    form = LaporanAnggaranForm(request.GET)
    if not form.is_valid():
        return render(request, template, {"form": form}, status=400)
    tahun = form.cleaned_data["tahun"]
    return render(
        request,
        template,
        {
            "form": form,
            "tahun": tahun,
            "target": anggaran.biaya_menuju_target(tahun),
            "pilihan_tahun": selectors.pilihan_tahun(),
        },
    )
