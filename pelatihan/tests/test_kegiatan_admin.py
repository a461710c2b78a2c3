"""The catalogue in the Django admin: partners, programs with their curriculum, events with
quota per OPD and status actions through the service."""

import datetime

import pytest
from django.contrib.admin import helpers
from django.contrib.messages import get_messages
from django.urls import reverse

from pegawai.models import Golongan, Kompetensi, PerangkatDaerah
from pegawai.tests.factories import PenggunaFactory
from pelatihan.models import KegiatanPelatihan, ProgramPelatihan
from pelatihan.tests.factories import jenis
from pelatihan.tests.factories_kegiatan import (
    KegiatanPelatihanFactory,
    KuotaOPDFactory,
    LembagaPelatihanFactory,
    MataPelatihanFactory,
    ProgramPelatihanFactory,
)

S = KegiatanPelatihan.Status
CL_LEMBAGA = reverse("admin:pelatihan_lembagapelatihan_changelist")
CL_PROGRAM = reverse("admin:pelatihan_programpelatihan_changelist")
CL_KEGIATAN = reverse("admin:pelatihan_kegiatanpelatihan_changelist")
ADD_PROGRAM = reverse("admin:pelatihan_programpelatihan_add")


def pesan(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def kegiatan_change(kegiatan):
    return reverse("admin:pelatihan_kegiatanpelatihan_change", args=[kegiatan.pk])


def _banyak(n):
    for _ in range(n):
        kegiatan = KegiatanPelatihanFactory()
        MataPelatihanFactory(program=kegiatan.program)
        MataPelatihanFactory(program=kegiatan.program)


@pytest.mark.parametrize("url,jumlah", [(CL_LEMBAGA, 9), (CL_PROGRAM, 10), (CL_KEGIATAN, 13)])
def test_changelists_load_with_constant_queries(
    client, pemeran, django_assert_num_queries, url, jumlah
):
    client.force_login(pemeran.admin)
    client.get(url)
    for n in (1, 6):
        _banyak(n)
        with django_assert_num_queries(jumlah):
            response = client.get(url)
        assert response.status_code == 200


def test_program_changelist_shows_the_sum_of_subject_jp(client, pemeran):
    program = ProgramPelatihanFactory(nama="Pelatihan Kearsipan")
    for jp in (6, 9):
        MataPelatihanFactory(program=program, jp=jp)
    client.force_login(pemeran.admin)
    response = client.get(CL_PROGRAM)
    hasil = {p.pk: p for p in response.context["cl"].result_list}
    assert hasil[program.pk].jp_total == 15
    assert '<td class="field-jp">15</td>' in response.content.decode()


def test_only_admin_bkpsdm_works_on_the_catalogue(client, pemeran):
    KegiatanPelatihanFactory()
    staf = PenggunaFactory(username="staf.biasa", is_staff=True)
    for user in (staf, pemeran.kepala, pemeran.operator, pemeran.pimpinan, pemeran.asn):
        client.force_login(user)
        for url in (CL_LEMBAGA, CL_PROGRAM, CL_KEGIATAN):
            response = client.get(url)
            assert response.status_code in (302, 403), (user, url)
            assert "cl" not in (response.context or {})


def test_anonymous_is_sent_to_the_admin_login(client, db):
    response = client.get(CL_KEGIATAN)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_admin_creates_a_program_with_its_curriculum_and_audience(client, pemeran):
    client.force_login(pemeran.admin)
    lembaga = LembagaPelatihanFactory()
    data = {
        "kode": "PKP-01",
        "nama": "Pelatihan Kepemimpinan Pengawas",
        "jenis": jenis("KL01").pk,
        "lembaga": lembaga.pk,
        "deskripsi": "",
        "aktif": "on",
        "kompetensi": [k.pk for k in Kompetensi.objects.order_by("kode")[:2]],
        "sasaran_jenis_jabatan": ["pengawas"],
        "golongan_min": Golongan.objects.get(untuk="PNS", kode="III/a").pk,
        "golongan_max": Golongan.objects.get(untuk="PNS", kode="III/d").pk,
        "sasaran_opd": [pemeran.opd.pk],
        "mata_pelatihan-TOTAL_FORMS": "2",
        "mata_pelatihan-INITIAL_FORMS": "0",
        "mata_pelatihan-MIN_NUM_FORMS": "0",
        "mata_pelatihan-MAX_NUM_FORMS": "1000",
        "mata_pelatihan-0-urutan": "1",
        "mata_pelatihan-0-nama": "Kepemimpinan Pancasila",
        "mata_pelatihan-0-jp": "20",
        "mata_pelatihan-0-tujuan_pembelajaran": "Memahami nilai kepemimpinan.",
        "mata_pelatihan-0-pengajar": "Widyaiswara",
        "mata_pelatihan-1-urutan": "2",
        "mata_pelatihan-1-nama": "Manajemen Kinerja",
        "mata_pelatihan-1-jp": "21",
        "mata_pelatihan-1-tujuan_pembelajaran": "",
        "mata_pelatihan-1-pengajar": "",
    }
    response = client.post(ADD_PROGRAM, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    program = ProgramPelatihan.objects.get(kode="PKP-01")
    assert program.sasaran_jenis_jabatan == ["pengawas"]
    assert program.mata_pelatihan.count() == 2
    assert program.kompetensi.count() == 2
    data["kode"] = "PKP-02"
    data["golongan_max"] = Golongan.objects.get(untuk="PNS", kode="II/a").pk
    response = client.post(ADD_PROGRAM, data)
    assert response.status_code == 200
    assert "tidak boleh di bawah golongan terendah" in response.content.decode()


def _kegiatan_post(kegiatan, kuota_opd):
    data = {
        "program": kegiatan.program.pk,
        "angkatan": kegiatan.angkatan,
        "lembaga": kegiatan.lembaga.pk,
        "tanggal_mulai": kegiatan.tanggal_mulai.isoformat(),
        "tanggal_selesai": kegiatan.tanggal_selesai.isoformat(),
        "batas_nominasi": kegiatan.batas_nominasi.isoformat(),
        "modalitas": kegiatan.modalitas,
        "tempat": kegiatan.tempat,
        "tautan_daring": "",
        "kuota": kegiatan.kuota,
        "biaya_per_peserta": "1500000",
        "kuota_opd-TOTAL_FORMS": str(len(kuota_opd)),
        "kuota_opd-INITIAL_FORMS": "0",
        "kuota_opd-MIN_NUM_FORMS": "0",
        "kuota_opd-MAX_NUM_FORMS": "1000",
    }
    for i, (opd, jumlah) in enumerate(kuota_opd):
        data[f"kuota_opd-{i}-perangkat_daerah"] = opd.pk
        data[f"kuota_opd-{i}-kuota"] = jumlah
    return data


def test_quota_per_opd_above_the_event_quota_is_refused(client, pemeran):
    kegiatan = KegiatanPelatihanFactory(kuota=10)
    client.force_login(pemeran.admin)
    lain = PerangkatDaerah.objects.get(singkatan="DISDIKBUD")
    response = client.post(
        kegiatan_change(kegiatan), _kegiatan_post(kegiatan, [(pemeran.opd, 6), (lain, 5)])
    )
    assert response.status_code == 200
    assert "(11) melebihi kuota kegiatan (10)" in response.content.decode()
    assert not kegiatan.kuota_opd.exists()
    response = client.post(
        kegiatan_change(kegiatan), _kegiatan_post(kegiatan, [(pemeran.opd, 6), (lain, 4)])
    )
    assert response.status_code == 302
    assert kegiatan.kuota_opd.count() == 2
    kegiatan.refresh_from_db()
    assert str(kegiatan.biaya_per_peserta) == "1500000.00"


def test_the_status_cannot_be_edited_in_the_form(client, pemeran):
    kegiatan = KegiatanPelatihanFactory(status=S.DRAFT)
    client.force_login(pemeran.admin)
    data = _kegiatan_post(kegiatan, [])
    data["status"] = S.SELESAI
    assert client.post(kegiatan_change(kegiatan), data).status_code == 302
    kegiatan.refresh_from_db()
    assert kegiatan.status == S.DRAFT


def test_status_actions_go_through_the_transition_table(client, pemeran):
    siap = KegiatanPelatihanFactory(status=S.DRAFT)
    MataPelatihanFactory(program=siap.program)
    selesai = KegiatanPelatihanFactory(status=S.SELESAI)
    client.force_login(pemeran.admin)
    response = client.post(
        CL_KEGIATAN,
        {"action": "ubah_ke_nominasi_dibuka", helpers.ACTION_CHECKBOX_NAME: [siap.pk, selesai.pk]},
        follow=True,
    )
    siap.refresh_from_db()
    selesai.refresh_from_db()
    assert siap.status == S.NOMINASI_DIBUKA
    assert siap.status_diubah_oleh == pemeran.admin
    assert selesai.status == S.SELESAI
    teks = pesan(response)
    assert any("1 kegiatan diubah menjadi “Nominasi dibuka”" in t for t in teks)
    assert any("tidak dapat diubah dari “Selesai” menjadi “Nominasi dibuka”" in t for t in teks)


def test_expired_mou_is_warned_in_the_event_form_and_on_save(client, pemeran):
    lembaga = LembagaPelatihanFactory(mou_berlaku_sampai=datetime.date.today())
    kegiatan = KegiatanPelatihanFactory(lembaga=lembaga)
    client.force_login(pemeran.admin)
    response = client.get(kegiatan_change(kegiatan))
    assert any("Perhatian: MoU dengan" in t for t in pesan(response))
    response = client.post(kegiatan_change(kegiatan), _kegiatan_post(kegiatan, []), follow=True)
    assert any("Perhatian: MoU dengan" in t for t in pesan(response))
    changelist = client.get(CL_KEGIATAN).content.decode()
    assert "Kedaluwarsa" in changelist


def test_no_mou_warning_while_the_mou_is_valid(client, pemeran):
    kegiatan = KegiatanPelatihanFactory()
    client.force_login(pemeran.admin)
    response = client.get(kegiatan_change(kegiatan))
    assert not any("MoU" in t for t in pesan(response))


def test_saving_a_partner_with_an_expired_mou_warns(client, pemeran):
    lembaga = LembagaPelatihanFactory(
        mou_berlaku_mulai=datetime.date(2020, 1, 1), mou_berlaku_sampai=datetime.date(2021, 1, 1)
    )
    client.force_login(pemeran.admin)
    url = reverse("admin:pelatihan_lembagapelatihan_change", args=[lembaga.pk])
    data = {
        "nama": lembaga.nama,
        "singkatan": "",
        "jenis": lembaga.jenis,
        "akreditasi": "",
        "aktif": "on",
        "nomor_mou": lembaga.nomor_mou,
        "mou_berlaku_mulai": "2020-01-01",
        "mou_berlaku_sampai": "2021-01-01",
        "alamat": "",
        "kontak": "",
    }
    response = client.post(url, data, follow=True)
    assert any("sudah berakhir pada 01-01-2021" in t for t in pesan(response))
    assert "Kedaluwarsa" in client.get(CL_LEMBAGA).content.decode()


def test_drafts_are_in_the_admin_changelist(client, pemeran):
    draf = KegiatanPelatihanFactory(status=S.DRAFT)
    KuotaOPDFactory(kegiatan=draf, perangkat_daerah=pemeran.opd)
    client.force_login(pemeran.admin)
    response = client.get(CL_KEGIATAN)
    assert draf.pk in {k.pk for k in response.context["cl"].result_list}
