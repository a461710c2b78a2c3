"""Nominations in the Django admin: scoped, read-only but for the service actions."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from pegawai.tests.factories import PegawaiFactory
from pelatihan.models import Nominasi
from pelatihan.services import nominasi_propose
from pelatihan.tests.factories_kegiatan import KegiatanPelatihanFactory, MataPelatihanFactory

CL = reverse("admin:pelatihan_nominasi_changelist")


def kegiatan_terbuka(**kwargs):
    kegiatan = KegiatanPelatihanFactory(**kwargs)
    MataPelatihanFactory(program=kegiatan.program)
    return kegiatan


def disetujui(pemeran, kegiatan, n):
    return [
        nominasi_propose(
            kegiatan=kegiatan,
            pegawai=PegawaiFactory(perangkat_daerah=pemeran.opd),
            oleh=pemeran.kepala,
        )
        for _ in range(n)
    ]


def test_the_changelist_loads_with_constant_queries(client, pemeran, django_assert_num_queries):
    client.force_login(pemeran.admin)
    client.get(CL)
    disetujui(pemeran, kegiatan_terbuka(), 1)
    with django_assert_num_queries(9) as awal:
        assert client.get(CL).status_code == 200
    disetujui(pemeran, kegiatan_terbuka(), 6)
    with django_assert_num_queries(len(awal.captured_queries)):
        assert client.get(CL).status_code == 200


def test_the_confirm_action_keeps_the_quota(client, pemeran):
    kegiatan = kegiatan_terbuka(kuota=2)
    nominasi = disetujui(pemeran, kegiatan, 3)
    client.force_login(pemeran.admin)
    response = client.post(
        CL,
        {
            "action": "aksi_nominasi_confirm",
            helpers.ACTION_CHECKBOX_NAME: [n.pk for n in nominasi],
        },
    )
    assert response.status_code == 302
    statuses = sorted(Nominasi.objects.values_list("status", flat=True))
    assert statuses == ["daftar_tunggu", "ditetapkan", "ditetapkan"]


def test_nobody_adds_or_deletes_here(client, pemeran):
    client.force_login(pemeran.admin)
    assert client.get(reverse("admin:pelatihan_nominasi_add")).status_code == 403
    nominasi = disetujui(pemeran, kegiatan_terbuka(), 1)[0]
    url = reverse("admin:pelatihan_nominasi_delete", args=[nominasi.pk])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("peran", ["kepala_lain", "asn"])
def test_others_do_not_reach_the_nomination_in_the_admin(client, pemeran, peran):
    nominasi = disetujui(pemeran, kegiatan_terbuka(), 1)[0]
    client.force_login(getattr(pemeran, peran))
    url = reverse("admin:pelatihan_nominasi_change", args=[nominasi.pk])
    assert client.get(url).status_code in (302, 403, 404)
