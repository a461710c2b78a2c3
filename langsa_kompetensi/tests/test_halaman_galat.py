"""The error pages say what happened, in Bahasa Indonesia, with the way back."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_a_missing_page_says_not_found(client):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    body = response.content.decode()
    assert '<h1 class="h4">Halaman tidak ditemukan</h1>' in body
    assert "Akses ditolak" not in body
    assert f'href="{reverse("beranda")}"' in body


@pytest.mark.django_db
def test_a_forbidden_page_says_access_denied(client, pemeran):
    # The city's JP workbook is for Admin BKPSDM and pimpinan only.
    client.force_login(pemeran.kepala)
    response = client.get(reverse("laporan:jp-pegawai-xlsx"))
    assert response.status_code == 403
    body = response.content.decode()
    assert '<h1 class="h4">Akses ditolak</h1>' in body
    assert "Halaman tidak ditemukan" not in body
