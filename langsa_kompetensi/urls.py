from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from langsa_kompetensi import health
from laporan.views import beranda, pegawai_profil
from pegawai.forms import LoginForm
from pelatihan import views as pelatihan_views

admin.site.site_header = _("Langsa Kompetensi — BKPSDM Kota Langsa")
admin.site.site_title = _("Langsa Kompetensi")
admin.site.index_title = _("Administrasi pengembangan kompetensi ASN")

urlpatterns = [
    path("", beranda, name="beranda"),
    path("", include("pegawai.urls")),
    # The profile shows the JP transcript (and later gaps and evaluations): the top layer.
    path("pegawai/<str:nip>/", pegawai_profil, name="pegawai-profil"),
    path("pelatihan/", include("pelatihan.urls")),
    path("evaluasi/", include("evaluasi.urls")),
    path("laporan/", include("laporan.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
    path("health/", health.health, name="health"),
    # Public: the QR code on every certificate points here.
    path(
        "verifikasi/<str:kode>/",
        pelatihan_views.sertifikat_verifikasi,
        name="sertifikat-verifikasi",
    ),
]
