from django.urls import path

from laporan import views

app_name = "laporan"

urlpatterns = [
    path("jp/", views.kepatuhan_jp, name="jp"),
    path("jp/opd/<str:kode>/", views.kepatuhan_jp_opd, name="jp-opd"),
    path("jp/pegawai.xlsx", views.kepatuhan_jp_pegawai_xlsx, name="jp-pegawai-xlsx"),
    path("efektivitas/", views.efektivitas_ringkasan, name="efektivitas"),
    path("efektivitas/program/<int:pk>/", views.efektivitas_program, name="efektivitas-program"),
    path(
        "efektivitas/kegiatan/<int:pk>/",
        views.efektivitas_kegiatan,
        name="efektivitas-kegiatan",
    ),
    path("efektivitas/lembaga/<int:pk>/", views.efektivitas_lembaga, name="efektivitas-lembaga"),
    path("efektivitas/pengajar/", views.efektivitas_pengajar, name="efektivitas-pengajar"),
    path("efektivitas/perilaku/", views.efektivitas_perilaku, name="efektivitas-perilaku"),
]
