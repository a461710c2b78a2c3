from django.urls import path

from evaluasi import views

app_name = "evaluasi"

urlpatterns = [
    path("", views.formulir_daftar, name="daftar"),
    path("formulir/<int:pk>/", views.formulir_isi, name="formulir-isi"),
]
