from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from pegawai import selectors, services
from pegawai.akses import get_notifikasi_for_user, notifikasi_for
from pegawai.forms import CariPegawaiForm

PER_HALAMAN = 50


@login_required
@require_GET
def pegawai_list(request):
    form = CariPegawaiForm(request.GET or None)
    cari = form.cleaned_data["q"] if form.is_valid() else ""
    halaman = Paginator(selectors.pegawai_list_for_user(request.user, cari=cari), PER_HALAMAN)
    page = halaman.get_page(request.GET.get("halaman"))
    return render(request, "pegawai/pegawai_list.html", {"form": form, "page": page, "cari": cari})


@login_required
@require_GET
def notifikasi_list(request):
    halaman = Paginator(notifikasi_for(request.user), PER_HALAMAN)
    page = halaman.get_page(request.GET.get("halaman"))
    return render(request, "pegawai/notifikasi_list.html", {"page": page})


@login_required
@require_POST
def notifikasi_read(request, pk):
    notifikasi = get_notifikasi_for_user(request.user, pk)
    services.notifikasi_mark_read(notifikasi=notifikasi)
    tujuan = notifikasi.tautan
    if tujuan and url_has_allowed_host_and_scheme(tujuan, allowed_hosts={request.get_host()}):
        return redirect(tujuan)
    return redirect("pegawai:notifikasi-list")


@login_required
@require_POST
def notifikasi_read_all(request):
    services.notifikasi_mark_all_read(penerima=request.user)
    return redirect("pegawai:notifikasi-list")
