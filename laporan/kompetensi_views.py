"""Peta kesenjangan kompetensi: kompetensi × perangkat daerah (kota) and kompetensi × unit kerja
(one OPD). Gap = standard of the jabatan − the latest assessment up to the year (DESIGN §4)."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from laporan import selectors
from laporan.forms import TahunForm
from pegawai import kompetensi
from pegawai.akses import akses_for, perangkat_daerah_for


class FilterKompetensiForm(TahunForm):
    def tahun_awal(self) -> int:
        return kompetensi.TAHUN_ASESMEN_MINIMUM


def _pilihan_tahun() -> list[int]:
    """Years with assessments, newest first, always with the current year."""
    sekarang = selectors.tahun_ini()
    awal, akhir = kompetensi.rentang_tahun_asesmen() or (sekarang, sekarang)
    return list(range(max(akhir, sekarang), min(awal, sekarang) - 1, -1))


def _form_tahun(request, template: str, context: dict):
    """The validated year, or the page with its errors (HTTP 400)."""
    form = FilterKompetensiForm(request.GET)
    if form.is_valid():
        return form.cleaned_data["tahun"], None
    return None, render(request, template, {**context, "form": form}, status=400)


@login_required
@require_GET
def kompetensi_kota(request):
    """/laporan/kompetensi/: competency × OPD for Admin BKPSDM and pimpinan. A kepala or operator
    is sent to the map of their OPD; anyone else gets 404, as for a page that is not theirs."""
    if not kompetensi.boleh_lihat_peta_kompetensi(request.user):
        raise Http404("Halaman tidak ditemukan.")
    akses = akses_for(request.user)
    if not akses.lihat_semua and len(akses.opd_ids) == 1:
        opd = perangkat_daerah_for(request.user).get(pk=next(iter(akses.opd_ids)))
        tujuan = reverse("laporan:kompetensi-opd", args=[opd.kode])
        query = urlencode({"tahun": request.GET["tahun"]}) if request.GET.get("tahun") else ""
        return redirect(f"{tujuan}?{query}" if query else tujuan)
    template = "laporan/kompetensi_kota.html"
    tahun, galat = _form_tahun(request, template, {})
    if galat is not None:
        return galat
    peta = kompetensi.peta_kesenjangan_per_opd(
        kompetensi.pegawai_peta_kompetensi_for(request.user), tahun=tahun
    )
    return render(
        request,
        template,
        {"tahun": tahun, "peta": peta, "pilihan_tahun": _pilihan_tahun()},
    )


@login_required
@require_GET
def kompetensi_opd(request, kode):
    """/laporan/kompetensi/opd/<kode>/: competency × unit kerja of one OPD (own OPD only for
    kepala and operator; 404 for another OPD)."""
    opd = kompetensi.get_opd_kompetensi_for_user(request.user, kode)
    template = "laporan/kompetensi_opd.html"
    tahun, galat = _form_tahun(request, template, {"opd": opd})
    if galat is not None:
        return galat
    peta = kompetensi.peta_kesenjangan_per_unit_kerja(
        kompetensi.pegawai_peta_kompetensi_for(request.user).filter(perangkat_daerah=opd),
        tahun=tahun,
    )
    return render(
        request,
        template,
        {
            "opd": opd,
            "tahun": tahun,
            "peta": peta,
            "pilihan_tahun": _pilihan_tahun(),
            "lihat_kota": akses_for(request.user).lihat_semua,
        },
    )
