from django.urls import path

from pegawai import views

app_name = "pegawai"

urlpatterns = [
    path("pegawai/", views.pegawai_list, name="pegawai-list"),
    path("notifikasi/", views.notifikasi_list, name="notifikasi-list"),
    path("notifikasi/<int:pk>/baca/", views.notifikasi_read, name="notifikasi-read"),
    path("notifikasi/baca-semua/", views.notifikasi_read_all, name="notifikasi-read-all"),
]
