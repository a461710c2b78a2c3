from django.utils.functional import SimpleLazyObject

from pegawai.akses import akses_for
from pegawai.selectors import notifikasi_belum_dibaca_count


def akses(request):
    """The user's roles for the navigation, and the unread badge (counted only if shown)."""
    user = getattr(request, "user", None)
    return {
        "akses": SimpleLazyObject(lambda: akses_for(user)),
        "notifikasi_belum_dibaca": SimpleLazyObject(lambda: notifikasi_belum_dibaca_count(user)),
    }
