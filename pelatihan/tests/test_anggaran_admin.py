"""Budgets in the Django admin: totals in the list, allocations inline through the services (the
pagu holds, with the refusal shown in Indonesian), realisation capped by its allocation, and
the action that turns a committed partner proposal into a budget."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin import helpers
from django.contrib.messages import get_messages
from django.urls import reverse

from pegawai.tests.factories import PenggunaFactory
from pelatihan.anggaran import alokasi_create, realisasi_create
from pelatihan.models import AlokasiAnggaran, Anggaran, RealisasiAnggaran, UsulanPendanaan
from pelatihan.tests.factories_kegiatan import KegiatanPelatihanFactory
from pelatihan.tests.test_anggaran_factories import AnggaranFactory, UsulanPendanaanFactory

JUTA = Decimal("1000000")
CL_ANGGARAN = reverse("admin:pelatihan_anggaran_changelist")
ADD_ANGGARAN = reverse("admin:pelatihan_anggaran_add")
CL_ALOKASI = reverse("admin:pelatihan_alokasianggaran_changelist")
CL_REALISASI = reverse("admin:pelatihan_realisasianggaran_changelist")
ADD_REALISASI = reverse("admin:pelatihan_realisasianggaran_add")
CL_USULAN = reverse("admin:pelatihan_usulanpendanaan_changelist")


def pesan(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def ubah(anggaran):
    return reverse("admin:pelatihan_anggaran_change", args=[anggaran.pk])


def data_anggaran(anggaran=None, *, pagu, alokasi=(), baru=()):
    """POST data of the budget form: ``alokasi`` are (allocation, jumlah, hapus) for existing
    rows, ``baru`` are (kegiatan, jumlah) for new rows."""
    data = {
        "tahun": "2025",
        "sumber_dana": "apbk",
        "uraian": anggaran.uraian if anggaran else "Belanja Kursus Singkat/Pelatihan",
        "kode_rekening": "5.1.02.02.12.0001",
        "perangkat_daerah": "",
        "pagu": str(pagu),
        "alokasi-TOTAL_FORMS": str(len(alokasi) + len(baru)),
        "alokasi-INITIAL_FORMS": str(len(alokasi)),
        "alokasi-MIN_NUM_FORMS": "0",
        "alokasi-MAX_NUM_FORMS": "1000",
    }
    for i, (a, jumlah, hapus) in enumerate(alokasi):
        data |= {
            f"alokasi-{i}-id": str(a.pk),
            f"alokasi-{i}-anggaran": str(a.anggaran_id),
            f"alokasi-{i}-kegiatan": str(a.kegiatan_id),
            f"alokasi-{i}-rencana": "",
            f"alokasi-{i}-jumlah": str(jumlah),
            f"alokasi-{i}-uraian": a.uraian,
        }
        if hapus:
            data[f"alokasi-{i}-DELETE"] = "on"
    for j, (kegiatan, jumlah) in enumerate(baru, start=len(alokasi)):
        data |= {
            f"alokasi-{j}-anggaran": str(anggaran.pk) if anggaran else "",
            f"alokasi-{j}-kegiatan": str(kegiatan.pk),
            f"alokasi-{j}-rencana": "",
            f"alokasi-{j}-jumlah": str(jumlah),
            f"alokasi-{j}-uraian": "",
        }
    return data


def galat_inline(response) -> str:
    formset = response.context["inline_admin_formsets"][0].formset
    return " ".join(formset.non_form_errors()) + " ".join(
        str(e) for f in formset.forms for e in f.errors.values()
    )


@pytest.fixture
def kegiatan(db):
    return KegiatanPelatihanFactory()


@pytest.fixture
def anggaran_berisi(pemeran, kegiatan):
    """Rp 100 juta with Rp 60 juta allocated in two rows, Rp 5 juta of the first realised."""
    anggaran = AnggaranFactory(pagu=100 * JUTA)
    a = alokasi_create(anggaran=anggaran, jumlah=40 * JUTA, kegiatan=kegiatan, oleh=pemeran.admin)
    b = alokasi_create(anggaran=anggaran, jumlah=20 * JUTA, kegiatan=kegiatan, oleh=pemeran.admin)
    realisasi_create(
        alokasi=a, tanggal=datetime.date(2025, 2, 3), jumlah=5 * JUTA, oleh=pemeran.admin
    )
    return anggaran, a, b


# --- the list ------------------------------------------------------------------------------------


def test_the_changelist_shows_the_totals_with_constant_queries(
    client, pemeran, anggaran_berisi, kegiatan, django_assert_num_queries
):
    client.force_login(pemeran.admin)
    with django_assert_num_queries(10) as awal:
        response = client.get(CL_ANGGARAN)
    body = response.content.decode()
    for teks in ("Rp 100.000.000", "Rp 60.000.000", "Rp 5.000.000", "Rp 95.000.000"):
        assert teks in body
    assert "BKPSDM (terpusat)" in body
    for opd in (pemeran.opd, pemeran.opd_lain, None):
        lain = AnggaranFactory(perangkat_daerah=opd, pagu=10 * JUTA)
        alokasi_create(anggaran=lain, jumlah=JUTA, kegiatan=kegiatan, oleh=pemeran.admin)
    with django_assert_num_queries(len(awal.captured_queries)):
        response = client.get(CL_ANGGARAN)
    assert len(response.context["cl"].result_list) == 4


@pytest.mark.parametrize("url", [CL_ANGGARAN, CL_ALOKASI, CL_REALISASI, CL_USULAN])
def test_only_admin_bkpsdm_works_on_budgets(client, pemeran, anggaran_berisi, url):
    staf = PenggunaFactory(username="staf.keuangan", is_staff=True)
    for user in (staf, pemeran.pimpinan, pemeran.kepala, pemeran.operator, pemeran.asn):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code in (302, 403), (user, url)
    client.force_login(pemeran.admin)
    assert client.get(url).status_code == 200


# --- allocations inline ------------------------------------------------------------------------


def test_a_new_budget_with_its_allocations(client, pemeran, kegiatan):
    client.force_login(pemeran.admin)
    data = data_anggaran(pagu=50 * JUTA, baru=[(kegiatan, 30 * JUTA), (kegiatan, 20 * JUTA)])
    response = client.post(ADD_ANGGARAN, data)
    assert response.status_code == 302, galat_inline(response)
    anggaran = Anggaran.objects.get()
    assert sorted(anggaran.alokasi.values_list("jumlah", flat=True)) == [20 * JUTA, 30 * JUTA]
    assert set(anggaran.alokasi.values_list("dibuat_oleh", flat=True)) == {pemeran.admin.pk}


def test_a_new_budget_whose_allocations_exceed_its_pagu_is_refused(client, pemeran, kegiatan):
    client.force_login(pemeran.admin)
    data = data_anggaran(pagu=50 * JUTA, baru=[(kegiatan, 30 * JUTA), (kegiatan, 21 * JUTA)])
    response = client.post(ADD_ANGGARAN, data)
    assert response.status_code == 200
    assert "Total alokasi Rp 51.000.000 melebihi pagu Rp 50.000.000 sebesar Rp 1.000.000." in (
        galat_inline(response)
    )
    assert not Anggaran.objects.exists()


def test_an_allocation_above_the_remaining_pagu_shows_the_remaining_rupiah(
    client, pemeran, anggaran_berisi, kegiatan
):
    anggaran, a, b = anggaran_berisi
    client.force_login(pemeran.admin)
    data = data_anggaran(
        anggaran,
        pagu=100 * JUTA,
        alokasi=[(a, 40 * JUTA, False), (b, 20 * JUTA, False)],
        baru=[(kegiatan, 41 * JUTA)],
    )
    response = client.post(ubah(anggaran), data)
    assert response.status_code == 200
    galat = galat_inline(response)
    assert galat == (
        "Total alokasi Rp 101.000.000 melebihi pagu Rp 100.000.000 sebesar Rp 1.000.000. Sisa "
        "pagu yang belum dialokasikan sebelum perubahan ini: Rp 40.000.000."
    )
    assert anggaran.alokasi.count() == 2

    data = data_anggaran(
        anggaran,
        pagu=100 * JUTA,
        alokasi=[(a, 40 * JUTA, False), (b, 20 * JUTA, False)],
        baru=[(kegiatan, 40 * JUTA)],
    )
    assert client.post(ubah(anggaran), data).status_code == 302
    assert sum(anggaran.alokasi.values_list("jumlah", flat=True)) == 100 * JUTA


def test_money_moves_between_allocations_in_one_save(client, pemeran, anggaran_berisi):
    anggaran, a, b = anggaran_berisi
    AlokasiAnggaran.objects.filter(pk=b.pk).update(jumlah=60 * JUTA)  # the pagu is now full
    client.force_login(pemeran.admin)
    data = data_anggaran(
        anggaran, pagu=100 * JUTA, alokasi=[(a, 10 * JUTA, False), (b, 90 * JUTA, False)]
    )
    response = client.post(ubah(anggaran), data)
    assert response.status_code == 302, galat_inline(response)
    assert dict(anggaran.alokasi.values_list("pk", "jumlah")) == {a.pk: 10 * JUTA, b.pk: 90 * JUTA}


def test_an_allocation_cannot_shrink_below_or_be_deleted_with_its_realisation(
    client, pemeran, anggaran_berisi
):
    anggaran, a, b = anggaran_berisi
    client.force_login(pemeran.admin)
    kecil = data_anggaran(
        anggaran, pagu=100 * JUTA, alokasi=[(a, 4 * JUTA, False), (b, 20 * JUTA, False)]
    )
    response = client.post(ubah(anggaran), kecil)
    assert response.status_code == 200
    assert "sudah direalisasikan Rp 5.000.000" in galat_inline(response)
    hapus = data_anggaran(
        anggaran, pagu=100 * JUTA, alokasi=[(a, 40 * JUTA, True), (b, 20 * JUTA, True)]
    )
    response = client.post(ubah(anggaran), hapus)
    assert response.status_code == 200
    # Django's own check of protected rows refuses it first, in Indonesian too.
    assert "objek terlindungi" in galat_inline(response)
    assert anggaran.alokasi.count() == 2


def test_the_pagu_cannot_drop_below_the_allocations(client, pemeran, anggaran_berisi):
    anggaran, a, b = anggaran_berisi
    client.force_login(pemeran.admin)
    data = data_anggaran(
        anggaran, pagu=59 * JUTA, alokasi=[(a, 40 * JUTA, False), (b, 20 * JUTA, False)]
    )
    response = client.post(ubah(anggaran), data)
    assert response.status_code == 200
    assert "Total alokasi Rp 60.000.000 melebihi pagu Rp 59.000.000 sebesar Rp 1.000.000." in (
        galat_inline(response)
    )
    anggaran.refresh_from_db()
    assert anggaran.pagu == 100 * JUTA
    # Lowered together with an allocation, in one save: accepted.
    data = data_anggaran(
        anggaran, pagu=50 * JUTA, alokasi=[(a, 30 * JUTA, False), (b, 20 * JUTA, False)]
    )
    response = client.post(ubah(anggaran), data)
    assert response.status_code == 302, galat_inline(response)
    anggaran.refresh_from_db()
    assert anggaran.pagu == 50 * JUTA
    assert sum(anggaran.alokasi.values_list("jumlah", flat=True)) == 50 * JUTA


# --- realisation ---------------------------------------------------------------------------------


def test_realisation_in_the_admin_is_capped_by_its_allocation(client, pemeran, anggaran_berisi):
    _anggaran, _a, b = anggaran_berisi
    client.force_login(pemeran.admin)
    data = {
        "alokasi": str(b.pk),
        "tanggal": "2025-03-04",
        "jumlah": str(20 * JUTA + 1),
        "uraian": "Honorarium narasumber",
        "nomor_bukti": "SP2D/1/2025",
    }
    response = client.post(ADD_REALISASI, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["jumlah"] == [
        "Realisasi Rp 20.000.001 melebihi sisa alokasi: Rp 20.000.000 (alokasi Rp 20.000.000, "
        "sudah direalisasikan Rp 0)."
    ]
    response = client.post(ADD_REALISASI, {**data, "tanggal": "2024-12-31", "jumlah": "1"})
    assert response.context["adminform"].form.errors["tanggal"] == [
        "Tanggal realisasi harus dalam tahun anggaran 2025."
    ]
    response = client.post(ADD_REALISASI, {**data, "jumlah": str(20 * JUTA)})
    assert response.status_code == 302
    baru = RealisasiAnggaran.objects.get(alokasi=b)
    assert (baru.jumlah, baru.dibuat_oleh) == (20 * JUTA, pemeran.admin)
    ubah_realisasi = reverse("admin:pelatihan_realisasianggaran_change", args=[baru.pk])
    response = client.post(ubah_realisasi, {**data, "jumlah": str(20 * JUTA + 1)})
    assert response.status_code == 200
    assert "melebihi sisa alokasi" in str(response.context["adminform"].form.errors)


# --- partner proposals ---------------------------------------------------------------------------


def test_the_action_turns_a_committed_proposal_into_a_budget_once(client, pemeran):
    disetujui = UsulanPendanaanFactory(status=UsulanPendanaan.Status.DISETUJUI)
    diajukan = UsulanPendanaanFactory(status=UsulanPendanaan.Status.DIAJUKAN)
    client.force_login(pemeran.admin)
    data = {
        "action": "jadikan_anggaran",
        helpers.ACTION_CHECKBOX_NAME: [disetujui.pk, diajukan.pk],
    }
    response = client.post(CL_USULAN, data)
    assert response.status_code == 302
    anggaran = Anggaran.objects.get()
    assert anggaran.pagu == disetujui.jumlah
    teks = pesan(response)
    assert any("Anggaran dibuat dari usulan" in t for t in teks)
    assert any(diajukan.mitra in t and "belum dapat dijadikan anggaran" in t for t in teks)

    response = client.post(CL_USULAN, {**data, helpers.ACTION_CHECKBOX_NAME: [disetujui.pk]})
    assert Anggaran.objects.count() == 1
    assert "Usulan terpilih sudah menjadi anggaran; tidak ada yang diubah." in pesan(response)
    disetujui.refresh_from_db()
    assert disetujui.anggaran == anggaran


def test_a_proposal_with_its_budget_keeps_its_commitment(client, pemeran):
    usulan = UsulanPendanaanFactory(status=UsulanPendanaan.Status.DISETUJUI)
    client.force_login(pemeran.admin)
    client.post(
        CL_USULAN,
        {"action": "jadikan_anggaran", helpers.ACTION_CHECKBOX_NAME: [usulan.pk]},
    )
    url = reverse("admin:pelatihan_usulanpendanaan_change", args=[usulan.pk])
    form = client.get(url).context["adminform"].form
    assert "status" not in form.fields
    assert "jumlah" not in form.fields
