"""/evaluasi/: the forms a user has to fill, and the page where one is filled.

Only the pengisi ever sees a form and its answers; for anyone else (the kepala of the
participant's OPD, BKPSDM, a colleague) it does not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from evaluasi import selectors, services
from evaluasi.forms import JawabanForm

PER_HALAMAN = 20


@login_required
@require_GET
def formulir_daftar(request):
    hari_ini = timezone.localdate()
    qs = selectors.formulir_daftar(request.user, hari_ini=hari_ini)
    page = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))
    page.object_list = list(page.object_list)
    # Pending forms come first: none at the top of the first page means none at all.
    tidak_ada_tugas = page.number == 1 and (
        not page.object_list or page.object_list[0].kelompok != selectors.Kelompok.MENUNGGU
    )
    return render(
        request,
        "evaluasi/formulir_list.html",
        {
            "page": page,
            "tidak_ada_tugas": tidak_ada_tugas,
            "Kelompok": selectors.Kelompok,
            "hari_ini": hari_ini,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def formulir_isi(request, pk):
    isian = selectors.get_isian_formulir_for_user(request.user, pk)
    formulir = isian.formulir
    hari_ini = timezone.localdate()
    if not formulir.terbuka(hari_ini):
        if request.method == "POST":
            messages.error(request, str(services.PESAN_DITUTUP))
            return redirect("evaluasi:formulir-isi", pk=formulir.pk)
        return render(request, "evaluasi/formulir_isi.html", {"isian": isian, "ditutup": True})

    form = JawabanForm(request.POST if request.method == "POST" else None, isian=isian)
    if request.method == "POST" and form.is_valid():
        try:
            services.jawaban_save(
                formulir=formulir, oleh=request.user, jawaban=form.jawaban(), hari_ini=hari_ini
            )
        except ValidationError as e:
            form.add_error(None, e.messages)
        else:
            messages.success(request, _("Terima kasih, jawaban Anda tersimpan."))
            return redirect("evaluasi:daftar")
    return render(
        request, "evaluasi/formulir_isi.html", {"isian": isian, "form": form, "ditutup": False}
    )
