"""The audit trail in the admin: the "Riwayat" button of a JP row, nomination or budget shows
who changed what and when, from the PostgreSQL copies (also changes made outside the admin)."""

from decimal import Decimal

import pgtrigger
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from pelatihan.models import Anggaran, RiwayatPengembangan
from pelatihan.tests.factories import RiwayatPengembanganFactory
from pelatihan.tests.test_anggaran_factories import AnggaranFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def jejak_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


def staf(user, izin: str):
    """``user`` as admin staff with one model permission, without the Admin BKPSDM role."""
    user.is_staff = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename=izin))
    return user


def isi(response) -> str:
    return " ".join(response.content.decode().split())


def test_a_verified_claim_shows_who_verified_it_and_what_changed(client, pemeran):
    riwayat = RiwayatPengembanganFactory(pegawai=pemeran.asn.pegawai, klaim=True, jp=30)
    client.force_login(pemeran.admin)
    client.post(reverse("pelatihan:klaim-verify", args=[riwayat.pk]), {"jp": "9"})

    response = client.get(jejak_url(riwayat))

    assert response.status_code == 200
    diubah, dibuat = response.context["perubahan"]
    assert (diubah.aksi, diubah.oleh) == ("Diubah", pemeran.admin.get_full_name() or "admin.uji")
    assert diubah.alamat == reverse("pelatihan:klaim-verify", args=[riwayat.pk])
    assert ("Status verifikasi", "Menunggu verifikasi", "Terverifikasi") in diubah.isian
    assert ("JP", "30", "9") in diubah.isian
    assert ("JP diajukan", "–", "30") in diubah.isian
    assert (dibuat.aksi, dibuat.oleh) == ("Dibuat", "sistem")  # made outside a request
    assert ("Pegawai", "", str(pemeran.asn.pegawai)) in dibuat.isian
    body = isi(response)
    assert "Jejak perubahan" in body
    assert "Menunggu verifikasi → Terverifikasi" in body


def test_a_bulk_update_and_money_show_in_rupiah(client, pemeran):
    anggaran = AnggaranFactory(pagu=Decimal(100_000_000))
    Anggaran.objects.filter(pk=anggaran.pk).update(pagu=Decimal(75_500_000))
    client.force_login(pemeran.admin)

    response = client.get(jejak_url(anggaran))

    diubah, _dibuat = response.context["perubahan"]
    assert diubah.isian == (("Pagu (Rp)", "Rp 100.000.000", "Rp 75.500.000"),)
    assert diubah.oleh == "sistem"


def test_a_row_loaded_in_bulk_says_where_its_record_is(client, pemeran):
    # As a bulk import loads it: the insert trigger off (pegawai.impor_massal).
    with pgtrigger.ignore("pelatihan.RiwayatPengembangan:insert_insert"):
        riwayat = RiwayatPengembanganFactory(pegawai=pemeran.asn.pegawai)
    assert not RiwayatPengembangan.pgh_event_model.objects.filter(pgh_obj_id=riwayat.pk).exists()
    client.force_login(pemeran.admin)
    response = client.get(jejak_url(riwayat))
    assert response.context["perubahan"] == []
    assert "tercatat pada catatan impornya" in isi(response)


def test_the_query_count_does_not_grow_with_the_changes(client, pemeran, django_assert_num_queries):
    anggaran = AnggaranFactory(pagu=Decimal(1_000_000))
    client.force_login(pemeran.admin)
    with django_assert_num_queries(8) as awal:
        client.get(jejak_url(anggaran))
    for pagu in range(2, 12):
        Anggaran.objects.filter(pk=anggaran.pk).update(pagu=Decimal(pagu * 1_000_000))
    with django_assert_num_queries(len(awal.captured_queries)):
        response = client.get(jejak_url(anggaran))
    assert len(response.context["perubahan"]) == 11


def test_an_operator_sees_the_trail_of_their_own_opd_only(client, pemeran):
    sendiri = RiwayatPengembanganFactory(pegawai=pemeran.asn.pegawai)
    lain = RiwayatPengembanganFactory(pegawai=pemeran.asn_opd_lain.pegawai)
    client.force_login(staf(pemeran.operator, "view_riwayatpengembangan"))
    assert client.get(jejak_url(sendiri)).status_code == 200
    response = client.get(jejak_url(lain))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_only_admin_bkpsdm_sees_the_trail_of_a_budget(client, pemeran):
    anggaran = AnggaranFactory()
    client.force_login(staf(pemeran.operator, "view_anggaran"))
    assert client.get(jejak_url(anggaran)).status_code == 403


@pytest.mark.parametrize("viewer", ["asn", "kepala", "pimpinan", None])
def test_non_staff_and_anonymous_are_sent_to_the_admin_login(client, pemeran, viewer):
    riwayat = RiwayatPengembanganFactory(pegawai=pemeran.asn.pegawai)
    if viewer is not None:
        client.force_login(getattr(pemeran, viewer))
    response = client.get(jejak_url(riwayat))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_every_audited_admin_has_the_trail(client, pemeran):
    from pelatihan.tests.test_anggaran_factories import (
        AlokasiAnggaranFactory,
        UsulanPendanaanFactory,
    )
    from pelatihan.tests.test_nominasi_admin import disetujui, kegiatan_terbuka

    (nominasi,) = disetujui(pemeran, kegiatan_terbuka(), 1)
    client.force_login(pemeran.admin)
    for obj in (nominasi, AlokasiAnggaranFactory(), UsulanPendanaanFactory()):
        response = client.get(jejak_url(obj))
        assert response.status_code == 200, obj
        assert [p.aksi for p in response.context["perubahan"]][-1] == "Dibuat"


def test_a_nomination_trail_names_its_event_with_constant_queries(
    client, pemeran, django_assert_num_queries
):
    from pelatihan.models import Nominasi
    from pelatihan.tests.test_nominasi_admin import disetujui, kegiatan_terbuka

    (nominasi,) = disetujui(pemeran, kegiatan_terbuka(), 1)
    client.force_login(pemeran.admin)
    with django_assert_num_queries(15) as awal:
        response = client.get(jejak_url(nominasi))
    (dibuat,) = response.context["perubahan"]
    assert ("Kegiatan", "", str(nominasi.kegiatan)) in dibuat.isian
    for skor in range(1, 6):
        Nominasi.objects.filter(pk=nominasi.pk).update(skor_prioritas=skor)
    with django_assert_num_queries(len(awal.captured_queries)):
        response = client.get(jejak_url(nominasi))
    assert len(response.context["perubahan"]) == 6
