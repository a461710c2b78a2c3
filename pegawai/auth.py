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
