"""Reports prepared in the background (/laporan/unduhan/): the user's report jobs with their
progress, the request that starts one, and the download of a finished file.

A job is its owner's alone: anyone else gets a 404, as if it did not exist. Asking for a report
follows the rules of its synchronous download: the JP of every pegawai and the budget reports are
for Admin BKPSDM and pimpinan (the JP export refuses others with 403, the budget pages with 404).
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from laporan import jobs
from laporan.forms import FilterJPForm, LaporanAnggaranForm
from laporan.models import LaporanJob

PER_HALAMAN = 25
TEMPLATE = "laporan/unduhan.html"
Jenis = LaporanJob.Jenis


class UnduhanBuatForm(forms.Form):
    jenis = forms.ChoiceField(
        label=gettext_lazy("Jenis laporan"),
        choices=Jenis.choices,
        error_messages={
            "required": gettext_lazy("Pilih jenis laporan."),
            "invalid_choice": gettext_lazy("Jenis laporan tidak dikenal."),
        },
    )


def _parameter_jp(data) -> tuple[forms.Form, Callable]:
    # On the JP pages ``jenis`` is the jenis pegawai; here it names the report.
    form = FilterJPForm({"tahun": data.get("tahun", ""), "jenis": data.get("jenis_pegawai", "")})
    return form, lambda c: {"tahun": c["tahun"], "jenis": c["jenis"]}


def _parameter_anggaran(data) -> tuple[forms.Form, Callable]:
    form = LaporanAnggaranForm({"tahun": data.get("tahun", "")})
    return form, lambda c: {"tahun": c["tahun"]}


# Per kind: the synchronous page's form for its parameters, and how that page refuses others.
PARAMETER = {
    Jenis.JP_PEGAWAI: (_parameter_jp, PermissionDenied),
    Jenis.ANGGARAN_XLSX: (_parameter_anggaran, Http404),
    Jenis.ANGGARAN_PDF: (_parameter_anggaran, Http404),
}


def _job_for_user(user, pk: int) -> LaporanJob:
    """The user's own job; anyone else's looks missing."""
    try:
        return LaporanJob.objects.get(pk=pk, oleh=user)
    except LaporanJob.DoesNotExist:
        raise Http404("Unduhan tidak ditemukan.") from None


def _daftar(request, *, galat=None, status=200):
    page = Paginator(LaporanJob.objects.filter(oleh=request.user), PER_HALAMAN).get_page(
        request.GET.get("halaman")
    )
    return render(
        request,
        TEMPLATE,
        {
            "page": page,
            "galat": galat or [],
            "ada_berjalan": any(job.berjalan for job in page),
            "simpan_jam": settings.LAPORAN_JOB_SIMPAN_JAM,
        },
        status=status,
    )


def _kedaluwarsa(request, job: LaporanJob):
    konteks = {"job": job, "simpan_jam": settings.LAPORAN_JOB_SIMPAN_JAM}
    return render(request, "laporan/unduhan_kedaluwarsa.html", konteks, status=410)


@login_required
@require_GET
def unduhan_list(request):
    """/laporan/unduhan/: the user's report jobs, newest first; running ones refresh their row."""
    return _daftar(request)


@login_required
@require_GET
def unduhan_status(request, pk):
    """The row of one job, which htmx asks for every 2 seconds while the job runs."""
    return render(request, f"{TEMPLATE}#baris", {"job": _job_for_user(request.user, pk)})


@login_required
@require_POST
def unduhan_buat(request):
    """Ask for a report in the background; the same request again gives the same job."""
    form = UnduhanBuatForm(request.POST)
    if not form.is_valid():
        return _daftar(request, galat=form.errors["jenis"], status=400)
    jenis = form.cleaned_data["jenis"]
    buat_form, ke_parameter = PARAMETER[jenis][0](request.POST)
    if not jobs.boleh_minta(jenis, request.user):
        raise PARAMETER[jenis][1]
    if not buat_form.is_valid():
        galat = [e for daftar in buat_form.errors.values() for e in daftar]
        return _daftar(request, galat=galat, status=400)
    job = jobs.laporan_job_request(
        jenis=jenis, parameter=ke_parameter(buat_form.cleaned_data), oleh=request.user
    )
    if job.status == LaporanJob.Status.SIAP:
        messages.info(request, _("Laporan yang sama sudah siap hari ini; silakan unduh."))
    else:
        messages.success(
            request,
            _(
                "Laporan sedang disiapkan. Kemajuannya tampil di halaman ini; Anda boleh "
                "membuka halaman lain sementara menunggu."
            ),
        )
    return redirect(reverse("laporan:unduhan") + f"#unduhan-{job.pk}")


@login_required
@require_GET
def unduhan_berkas(request, pk):
    """The finished file, to its owner while they still may see that report; an expired one
    gets a page that says so (410)."""
    job = _job_for_user(request.user, pk)
    if not jobs.boleh_minta(job.jenis, request.user):
        raise Http404("Unduhan tidak ditemukan.")
    if job.kedaluwarsa:
        return _kedaluwarsa(request, job)
    if job.status != LaporanJob.Status.SIAP:
        messages.warning(request, _("Berkas laporan ini belum siap."))
        return redirect(reverse("laporan:unduhan") + f"#unduhan-{job.pk}")
    try:
        berkas = job.berkas.open("rb")
    except OSError:
        return _kedaluwarsa(request, job)
    response = FileResponse(
        berkas,
        as_attachment=True,
        filename=job.nama_berkas,
        content_type=jobs.JENIS_LAPORAN[job.jenis].content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
