from django.urls import path

from laporan import anggaran_views, dasbor_views, job_views, kompetensi_views, views

app_name = "laporan"

urlpatterns = [
    path("", dasbor_views.dasbor, name="dasbor"),
    path("jp/", views.kepatuhan_jp, name="jp"),
    path("jp/opd/<str:kode>/", views.kepatuhan_jp_opd, name="jp-opd"),
    path("jp/pegawai.xlsx", views.kepatuhan_jp_pegawai_xlsx, name="jp-pegawai-xlsx"),
    path("kompetensi/", kompetensi_views.kompetensi_kota, name="kompetensi"),
    path("kompetensi/opd/<str:kode>/", kompetensi_views.kompetensi_opd, name="kompetensi-opd"),
    path("anggaran/", anggaran_views.laporan_anggaran, name="anggaran"),
    path("anggaran/target/", anggaran_views.laporan_anggaran_target, name="anggaran-target"),
    path("unduhan/", job_views.unduhan_list, name="unduhan"),
    path("unduhan/buat/", job_views.unduhan_buat, name="unduhan-buat"),
    path("unduhan/<int:pk>/", job_views.unduhan_status, name="unduhan-status"),
    path("unduhan/<int:pk>/berkas/", job_views.unduhan_berkas, name="unduhan-berkas"),
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
