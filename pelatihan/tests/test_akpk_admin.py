"""AKPK and the plan in the Django admin: lists, the Verifikasi / Tolak actions through the
services, plan lines with their seats and cost lines inline."""

from decimal import Decimal

from django.contrib.admin import helpers
from django.urls import reverse

from pegawai.models import Notifikasi
from pelatihan import akpk
from pelatihan.models import KebutuhanPengembangan
from pelatihan.tests.test_akpk_services import gabung, terverifikasi, usul

CL = reverse("admin:pelatihan_kebutuhanpengembangan_changelist")
CL_RENCANA = reverse("admin:pelatihan_rencanapengembangan_changelist")


def test_the_needs_changelist_loads_with_constant_queries(
    client, pemeran, django_assert_num_queries
):
    client.force_login(pemeran.admin)
    usul(pemeran, oleh=pemeran.asn, pegawai=pemeran.asn.pegawai)
    with django_assert_num_queries(11) as awal:
        assert client.get(CL).status_code == 200
    for _ in range(5):
        usul(pemeran, oleh=pemeran.asn, pegawai=pemeran.asn.pegawai)
    gabung(pemeran, [terverifikasi(pemeran)])
    with django_assert_num_queries(len(awal.captured_queries)):
        response = client.get(CL)
    assert response.context["cl"].result_count == 7


def test_the_verify_action_verifies_proposed_needs_only(client, pemeran):
    diusulkan = usul(pemeran)
    ditolak = usul(pemeran)
    akpk.kebutuhan_reject(kebutuhan=ditolak, oleh=pemeran.admin, alasan="Tidak.")
    client.force_login(pemeran.admin)
    response = client.post(
        CL,
        {"action": "verifikasi_terpilih", helpers.ACTION_CHECKBOX_NAME: [diusulkan.pk, ditolak.pk]},
        follow=True,
    )
    assert response.status_code == 200
    status = dict(KebutuhanPengembangan.objects.values_list("pk", "status"))
    assert status == {diusulkan.pk: "diverifikasi", ditolak.pk: "ditolak"}
    body = response.content.decode()
    assert "1 kebutuhan diproses." in body and "1 kebutuhan dilewati" in body
    assert Notifikasi.objects.filter(penerima=pemeran.operator, judul__contains="diverifikasi")


def test_the_reject_action_asks_for_a_reason_first(client, pemeran):
    a, b = usul(pemeran), terverifikasi(pemeran)
    tercakup = terverifikasi(pemeran)
    gabung(pemeran, [tercakup])
    client.force_login(pemeran.admin)
    pilih = {
        "action": "tolak_terpilih",
        helpers.ACTION_CHECKBOX_NAME: [a.pk, b.pk, tercakup.pk],
    }
    response = client.post(CL, pilih)
    assert response.status_code == 200
    assert "2 kebutuhan akan ditolak" in response.content.decode()
    # Without a reason nothing happens; the page asks again.
    response = client.post(CL, {**pilih, "terapkan": "1", "alasan": ""})
    assert response.status_code == 200
    assert set(KebutuhanPengembangan.objects.values_list("status", flat=True)) == {
        "diusulkan",
        "diverifikasi",
    }
    response = client.post(CL, {**pilih, "terapkan": "1", "alasan": "Di luar prioritas."})
    assert response.status_code == 302
    status = dict(KebutuhanPengembangan.objects.values_list("pk", "status"))
    assert status == {a.pk: "ditolak", b.pk: "ditolak", tercakup.pk: "diverifikasi"}
    assert Notifikasi.objects.filter(pesan__contains="Di luar prioritas.").count() == 2


def test_needs_are_not_added_here_and_a_covered_need_is_read_only(client, pemeran):
    tercakup = terverifikasi(pemeran)
    gabung(pemeran, [tercakup])
    client.force_login(pemeran.admin)
    assert client.get(reverse("admin:pelatihan_kebutuhanpengembangan_add")).status_code == 403
    url = reverse("admin:pelatihan_kebutuhanpengembangan_change", args=[tercakup.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="jumlah_peserta"' not in response.content.decode()
    lepas = usul(pemeran)
    response = client.get(reverse("admin:pelatihan_kebutuhanpengembangan_change", args=[lepas.pk]))
    assert 'name="jumlah_peserta"' in response.content.decode()
    assert 'name="status"' not in response.content.decode()


def test_plan_lines_show_seats_and_cost_and_edit_inline(client, pemeran):
    rencana = gabung(pemeran, [terverifikasi(pemeran, jumlah_peserta=6)], nama="Diklat SIPD")
    akpk.rencana_biaya_set(
        rencana=rencana,
        rincian=[
            {"kategori": "kontribusi", "jumlah": Decimal("1500000")},
            {"kategori": "konsumsi", "jumlah": Decimal("250000")},
        ],
        oleh=pemeran.admin,
    )
    client.force_login(pemeran.admin)
    body = client.get(CL_RENCANA).content.decode()
    assert "Diklat SIPD" in body and "Rp 1.750.000" in body
    assert '<td class="field-kursi">6</td>' in body
    response = client.get(reverse("admin:pelatihan_rencanapengembangan_change", args=[rencana.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "kursi_opd-0-kursi" in body and "rincian_biaya-0-jumlah" in body


def test_only_the_admin_works_on_plan_lines_here(client, pemeran):
    pemeran.kepala.is_staff = True
    pemeran.kepala.save()
    client.force_login(pemeran.kepala)
    assert client.get(CL_RENCANA).status_code == 403
