from django.urls import path

from pelatihan import views, views_akpk, views_optimasi

app_name = "pelatihan"

urlpatterns = [
    path("", views.katalog, name="katalog"),
    path("kegiatan/<int:pk>/", views.kegiatan_detail, name="kegiatan-detail"),
    path("kegiatan/<int:pk>/kalender.ics", views.kegiatan_ics, name="kegiatan-ics"),
    path("klaim/", views.klaim_list, name="klaim-list"),
    path("klaim/baru/", views.klaim_create, name="klaim-create"),
    path("klaim/verifikasi/", views.klaim_verifikasi, name="klaim-verifikasi"),
    path("klaim/<int:pk>/sertifikat/", views.klaim_sertifikat, name="klaim-sertifikat"),
    path("klaim/<int:pk>/tarik/", views.klaim_withdraw, name="klaim-withdraw"),
    path("klaim/<int:pk>/verifikasi/", views.klaim_verify, name="klaim-verify"),
    path("klaim/<int:pk>/tolak/", views.klaim_reject, name="klaim-reject"),
    path("nominasi/", views.nominasi_list, name="nominasi-list"),
    path("nominasi/<int:pk>/setujui/", views.nominasi_approve, name="nominasi-approve"),
    path("nominasi/<int:pk>/tolak/", views.nominasi_reject, name="nominasi-reject"),
    path("nominasi/<int:pk>/tetapkan/", views.nominasi_confirm, name="nominasi-confirm"),
    path("nominasi/<int:pk>/batal/", views.nominasi_cancel, name="nominasi-cancel"),
    path("kegiatan/<int:pk>/usulkan/", views.nominasi_create, name="nominasi-create"),
    path("kegiatan/<int:pk>/daftar/", views.nominasi_daftar, name="nominasi-daftar"),
    path("kegiatan/<int:pk>/kehadiran/", views.kehadiran_grid, name="kehadiran"),
    path("kegiatan/<int:pk>/hasil/", views.hasil_form, name="hasil"),
    path("kegiatan/<int:pk>/selesai/", views.kegiatan_complete, name="kegiatan-complete"),
    path(
        "kegiatan/<int:pk>/sertifikat/<int:nominasi_id>.pdf",
        views.sertifikat_pdf,
        name="sertifikat-pdf",
    ),
    path("kegiatan/<int:pk>/undangan.pdf", views.undangan_pdf, name="undangan-pdf"),
    path("kegiatan/<int:pk>/daftar-hadir.pdf", views.daftar_hadir_pdf, name="daftar-hadir-pdf"),
    path("kebutuhan/", views_akpk.kebutuhan_list, name="kebutuhan-list"),
    path("kebutuhan/baru/", views_akpk.kebutuhan_create, name="kebutuhan-create"),
    path("kebutuhan/<int:pk>/verifikasi/", views_akpk.kebutuhan_verify, name="kebutuhan-verify"),
    path("kebutuhan/<int:pk>/tolak/", views_akpk.kebutuhan_reject, name="kebutuhan-reject"),
    path("rencana/", views_akpk.rencana, name="rencana"),
    path("rencana/gabungkan/", views_akpk.rencana_create, name="rencana-create"),
    path("rencana/<int:pk>/", views_akpk.rencana_edit, name="rencana-edit"),
    path("rencana.xlsx", views_akpk.rencana_xlsx, name="rencana-xlsx"),
    path("rencana/optimasi/", views_optimasi.rencana_optimasi, name="rencana-optimasi"),
    path(
        "rencana/optimasi/<uuid:pk>/",
        views_optimasi.rencana_optimasi_hasil,
        name="rencana-optimasi-hasil",
    ),
    path(
        "rencana/optimasi/<uuid:pk>/kemajuan/",
        views_optimasi.rencana_optimasi_kemajuan,
        name="rencana-optimasi-kemajuan",
    ),
    path(
        "rencana/optimasi/<uuid:pk>.xlsx",
        views_optimasi.rencana_optimasi_unduh,
        name="rencana-optimasi-unduh",
    ),
]
