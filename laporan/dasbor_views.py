"""/laporan/: the dashboards of the user's roles on one page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from laporan import dasbor as dasbor_selectors
from laporan.forms import FilterJPForm
from pegawai.akses import akses_for

TEMPLATE = "laporan/dasbor.html"


class DasborForm(FilterJPForm):
    """Only the year (default: the current one), validated as on the JP reports."""

    jenis = None
    format = None


@login_required
@require_GET
def dasbor(request):
    """/laporan/?tahun=: the city for pimpinan and Admin BKPSDM, what waits for Admin BKPSDM,
    the own OPD for kepala and operator. An ASN without those roles goes to their own JP; a
    user with no role at all is refused."""
    if not dasbor_selectors.boleh_lihat_dasbor(request.user):
        akses = akses_for(request.user)
        if akses.asn:
            return redirect(reverse("pegawai-profil", args=[akses.pegawai_nip]) + "#jp")
        raise PermissionDenied
    form = DasborForm(request.GET)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form}, status=400)
    context = dasbor_selectors.dasbor_for_user(request.user, tahun=form.cleaned_data["tahun"])
    return render(request, TEMPLATE, {"form": form, **context})
