"""Login by username or NIP, with Django's standard login form."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from pegawai.nip import bersihkan_nip


class UsernameAtauNIPBackend(ModelBackend):
    """An ASN may type their NIP (spaces and dots allowed) instead of their username."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        nip = bersihkan_nip(username)
        if len(nip) == 18 and nip.isdigit():
            user_model = get_user_model()
            user = user_model._default_manager.filter(pegawai__nip=nip).first()
            if user is None:
                # Same work as for a wrong password, so timing does not tell whether the NIP exists.
                user_model().set_password(password)
                return None
            if user.check_password(password) and self.user_can_authenticate(user):
                return user
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def nama_login_baku(request, credentials=None) -> str:
    """The account a login attempt names, for throttling: a NIP however it was typed, else the
    username in lower case."""
    data = credentials if credentials is not None else getattr(request, "POST", {})
    nama = str((data or {}).get("username", "") or "")
    nip = bersihkan_nip(nama)
    if len(nip) == 18 and nip.isdigit():
        return nip
    return nama.strip().lower()


def alamat_klien(request) -> str | None:
    """The client's address. Behind PROXY_TEPERCAYA reverse proxies, the address the outermost of
    them saw; X-Forwarded-For entries added before that can be forged by the client."""
    from django.conf import settings

    jumlah_proxy = settings.PROXY_TEPERCAYA
    if jumlah_proxy > 0:
        alamat = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        alamat = [a for a in alamat if a]
        if len(alamat) >= jumlah_proxy:
            return alamat[-jumlah_proxy]
    return request.META.get("REMOTE_ADDR")


def respons_terkunci(request, original_response=None, credentials=None):
    """The page shown while an account is locked out from an address (HTTP 429)."""
    from django.conf import settings
    from django.shortcuts import render

    menit = round(settings.AXES_COOLOFF_TIME * 60)
    return render(request, "registration/terkunci.html", {"menit_jeda": menit}, status=429)
