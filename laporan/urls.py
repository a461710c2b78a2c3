from django.urls import path

from laporan import views

app_name = "laporan"

urlpatterns = [
    path("jp/", views.kepatuhan_jp, name="jp"),
    path("jp/opd/<str:kode>/", views.kepatuhan_jp_opd, name="jp-opd"),
    path("jp/pegawai.xlsx", views.kepatuhan_jp_pegawai_xlsx, name="jp-pegawai-xlsx"),
]
