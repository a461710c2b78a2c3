from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from laporan import selectors


@login_required
@require_GET
def beranda(request):
    """The dashboard of the logged-in user's roles; each role sees its own part."""
    return render(request, "laporan/beranda.html", selectors.beranda_for_user(request.user))
