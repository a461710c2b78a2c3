"""/pelatihan/kebutuhan/… and /pelatihan/rencana/…: every page for every role, the forms, and
query counts that do not grow with the rows shown."""

from decimal import Decimal

import pytest
from django.urls import reverse

from pegawai.models import Notifikasi
from pegawai.tests.factories import PegawaiFactory
from pelatihan import akpk
from pelatihan.models import KebutuhanPengembangan, RencanaPengembangan
from pelatihan.tests.factories import jenis
from pelatihan.tests.test_akpk_services import (
    TAHUN,
    asesmen,
    gabung,
    kompetensi,
    standar,
    terverifikasi,
    usul,
)

DAFTAR = reverse("pelatihan:kebutuhan-list")
BARU = reverse("pelatihan:kebutuhan-create")
RENCANA = reverse("pelatihan:rencana")
GABUNG = reverse("pelatihan:rencana-create")


def verifikasi_url(k):
    return reverse("pelatihan:kebutuhan-verify", args=[k.pk])


def tolak_url(k):
    return reverse("pelatihan:kebutuhan-reject", args=[k.pk])


def edit_url(r):
    return reverse("pelatihan:rencana-edit", args=[r.pk])


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


# The list of needs --------------------------------------------------------------------------


@pytest.fixture
def tiga(pemeran):
    """A need of the OPD, one of the ASN themself, one of another OPD."""
    return {
        "opd": usul(pemeran, oleh=pemeran.operator, uraian="Kebutuhan OPD Dinkes"),
        "diri": usul(
            pemeran, oleh=pemeran.asn, pegawai=pemeran.asn.pegawai, uraian="Kebutuhan ASN"
        ),
        "lain": usul(
            pemeran,
            oleh=pemeran.kepala_lain,
            perangkat_daerah=pemeran.opd_lain,
            uraian="Kebutuhan Disdikbud",
        ),
    }


@pytest.mark.parametrize(
    ("peran", "terlihat"),
    [
        ("admin", {"opd", "diri", "lain"}),
        ("pimpinan", {"opd", "diri", "lain"}),
        ("kepala", {"opd", "diri"}),
        ("operator", {"opd", "diri"}),
        ("kepala_lain", {"lain"}),
        ("asn", {"diri"}),
        ("asn_lain_satu_opd", set()),
    ],
)
def test_the_list_shows_the_users_scope(client, pemeran, tiga, peran, terlihat):
    client.force_login(getattr(pemeran, peran))
    response = client.get(DAFTAR)
    assert response.status_code == 200
    assert set(response.context["page"].object_list) == {tiga[n] for n in terlihat}
    body = response.content.decode()
    for nama, k in tiga.items():
        assert (k.uraian in body) == (nama in terlihat)


def test_only_the_admin_gets_verify_and_reject_buttons(client, pemeran, tiga):
    for peran, tombol in (("admin", True), ("pimpinan", False), ("kepala", False)):
        client.force_login(getattr(pemeran, peran))
        body = client.get(DAFTAR).content.decode()
        assert (verifikasi_url(tiga["opd"]) in body) == tombol
        assert (tolak_url(tiga["opd"]) in body) == tombol
    # Pimpinan reads only: no proposal button either.
    client.force_login(pemeran.pimpinan)
    assert BARU not in client.get(DAFTAR).content.decode()


def test_the_list_shows_reason_and_plan_line(client, pemeran):
    ditolak = usul(pemeran, uraian="Ditolak saja")
    akpk.kebutuhan_reject(kebutuhan=ditolak, oleh=pemeran.admin, alasan="Sudah ada di e-learning.")
    tercakup = terverifikasi(pemeran, uraian="Masuk rencana")
    gabung(pemeran, [tercakup], nama="Diklat Pelayanan Prima")
    client.force_login(pemeran.operator)
    body = client.get(DAFTAR).content.decode()
    assert "Sudah ada di e-learning." in body
    assert "Diklat Pelayanan Prima" in body


def test_the_list_filters_by_year_and_status(client, pemeran):
    baru = usul(pemeran)
    lama = terverifikasi(pemeran, tahun=TAHUN - 1)
    client.force_login(pemeran.admin)
    assert list(client.get(DAFTAR, {"tahun": TAHUN}).context["page"].object_list) == [baru]
    assert list(client.get(DAFTAR, {"status": "diverifikasi"}).context["page"].object_list) == [
        lama
    ]
    # A bad filter value is ignored rather than an error.
    assert client.get(DAFTAR, {"tahun": "abc"}).status_code == 200


def test_the_list_has_an_empty_state(client, pemeran):
    client.force_login(pemeran.asn)
    body = client.get(DAFTAR).content.decode()
    assert "Belum ada kebutuhan pengembangan dalam cakupan Anda." in body
    assert BARU in body


def test_the_list_is_paginated_keeping_the_filters(client, pemeran):
    for _ in range(21):
        usul(pemeran)
    client.force_login(pemeran.operator)
    pertama = client.get(DAFTAR, {"tahun": TAHUN})
    assert len(pertama.context["page"].object_list) == 20
    assert f"tahun={TAHUN}&amp;halaman=2" in pertama.content.decode()
    kedua = client.get(DAFTAR, {"tahun": TAHUN, "halaman": 2}).context["page"]
    assert len(kedua.object_list) == 1


def test_users_without_a_role_get_403_and_anonymous_a_login(client, pemeran):
    client.force_login(pemeran.tanpa_peran)
    for url in (DAFTAR, BARU):
        response = client.get(url)
        assert response.status_code == 403
        assert "Akses ditolak" in response.content.decode()
    client.logout()
    for url in (DAFTAR, BARU):
        assert is_login_redirect(client.get(url))


def test_the_list_rejects_post(client, pemeran):
    client.force_login(pemeran.admin)
    assert client.post(DAFTAR).status_code == 405


@pytest.mark.parametrize("peran", ["admin", "kepala", "asn"])
def test_the_list_query_count_does_not_grow(client, pemeran, peran, django_assert_num_queries):
    user = getattr(pemeran, peran)
    client.force_login(user)
    usul(pemeran, oleh=pemeran.asn, pegawai=pemeran.asn.pegawai, kompetensi=kompetensi())
    with django_assert_num_queries(7) as awal:
        assert client.get(DAFTAR).status_code == 200
    for _ in range(4):
        k = usul(
            pemeran,
            oleh=pemeran.asn,
            pegawai=pemeran.asn.pegawai,
            kompetensi=kompetensi("M.02"),
            jenis=jenis("KL03"),
        )
    akpk.kebutuhan_reject(kebutuhan=k, oleh=pemeran.admin, alasan="Tidak.")
    gabung(pemeran, [terverifikasi(pemeran, oleh=pemeran.asn, pegawai=pemeran.asn.pegawai)])
    with django_assert_num_queries(len(awal.captured_queries)):
        response = client.get(DAFTAR)
    assert len(response.context["page"].object_list) == 6


# Proposing --------------------------------------------------------------------------------------


def test_the_asn_form_shows_their_gaps_first(client, pemeran):
    diri = pemeran.asn.pegawai
    standar(diri, "M.04", 4)
    asesmen(diri, "M.04", TAHUN - 1, 2)
    standar(diri, "M.01", 3)
    client.force_login(pemeran.asn)
    response = client.get(BARU)
    assert response.status_code == 200
    form = response.context["form"]
    assert "nip" not in form.fields and "perangkat_daerah" not in form.fields
    pilihan = form.fields["kompetensi"].choices
    assert pilihan[1][0] == kompetensi("M.04").pk
    assert "kesenjangan 2 level" in str(pilihan[1][1])
    body = response.content.decode()
    assert "Kesenjangan kompetensi Anda" in body
    assert "belum diasesmen" in body
    # Works on a phone: the page sets the viewport and the form is full width on small screens.
    assert 'name="viewport"' in body and "col-12 col-lg-7" in body


def test_the_asn_proposes_for_themself(client, pemeran):
    diri = pemeran.asn.pegawai
    standar(diri, "M.04", 4)
    asesmen(diri, "M.04", TAHUN - 1, 2)
    client.force_login(pemeran.asn)
    response = client.post(
        BARU,
        {
            "tahun": TAHUN,
            "kompetensi": kompetensi("M.04").pk,
            "jenis": jenis("KL03").pk,
            "uraian": "Saya perlu pelatihan orientasi pada hasil.",
            # Ignored for an ASN: they propose only for themself.
            "nip": pemeran.asn_lain_satu_opd.pegawai.nip,
            "jumlah_peserta": 9,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{DAFTAR}?tahun={TAHUN}"
    k = KebutuhanPengembangan.objects.get()
    assert (k.pegawai, k.perangkat_daerah, k.jumlah_peserta) == (diri, pemeran.opd, 1)
    assert k.asal == "kesenjangan"
    assert k.jenis == jenis("KL03")


@pytest.mark.parametrize("peran", ["kepala", "operator"])
def test_kepala_and_operator_propose_for_their_opd_or_a_pegawai_by_nip(client, pemeran, peran):
    client.force_login(getattr(pemeran, peran))
    form = client.get(BARU).context["form"]
    assert form.fields["perangkat_daerah"].choices == [(pemeran.opd.pk, pemeran.opd.nama)]
    isian = {
        "tahun": TAHUN,
        "perangkat_daerah": pemeran.opd.pk,
        "jumlah_peserta": 8,
        "uraian": "Bimtek aplikasi SIMPUS untuk puskesmas",
    }
    assert client.post(BARU, isian).status_code == 302
    nip = pemeran.asn.pegawai.nip
    nip_spasi = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    assert client.post(BARU, {**isian, "nip": nip_spasi, "jumlah_peserta": 1}).status_code == 302
    assert sorted(KebutuhanPengembangan.objects.values_list("jumlah_peserta", "pegawai__nip")) == [
        (1, nip),
        (8, None),
    ]


def test_a_nip_outside_the_scope_or_another_opd_is_a_form_error(client, pemeran):
    client.force_login(pemeran.operator)
    isian = {
        "tahun": TAHUN,
        "perangkat_daerah": pemeran.opd.pk,
        "jumlah_peserta": 1,
        "uraian": "x",
        "nip": pemeran.asn_opd_lain.pegawai.nip,
    }
    response = client.post(BARU, isian)
    assert response.status_code == 200
    assert "tidak ada dalam cakupan Anda" in response.content.decode()
    # Another OPD's id is not among the choices.
    response = client.post(BARU, {**isian, "nip": "", "perangkat_daerah": pemeran.opd_lain.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["perangkat_daerah"]
    assert not KebutuhanPengembangan.objects.exists()


def test_the_admin_proposes_for_any_opd_and_a_staff_member_there(client, pemeran):
    client.force_login(pemeran.admin)
    pegawai = PegawaiFactory(perangkat_daerah=pemeran.opd_lain)
    response = client.post(
        BARU,
        {
            "tahun": TAHUN,
            "perangkat_daerah": pemeran.opd.pk,
            "jumlah_peserta": 1,
            "uraian": "Salah OPD",
            "nip": pegawai.nip,
        },
    )
    # The service's refusal lands on the NIP field.
    assert response.status_code == 200
    assert response.context["form"].errors["nip"]
    response = client.post(
        BARU,
        {
            "tahun": TAHUN,
            "perangkat_daerah": pemeran.opd_lain.pk,
            "jumlah_peserta": 1,
            "uraian": "Guru penggerak",
            "nip": pegawai.nip,
        },
    )
    assert response.status_code == 302
    assert KebutuhanPengembangan.objects.get().pegawai == pegawai


def test_pimpinan_cannot_propose(client, pemeran):
    client.force_login(pemeran.pimpinan)
    assert client.get(BARU).status_code == 403
    assert client.post(BARU, {"uraian": "x"}).status_code == 403
    assert not KebutuhanPengembangan.objects.exists()


def test_the_form_rejects_other_methods(client, pemeran):
    client.force_login(pemeran.asn)
    assert client.put(BARU).status_code == 405


@pytest.mark.parametrize("peran", ["asn", "operator"])
def test_the_form_query_count_does_not_grow(client, pemeran, peran, django_assert_num_queries):
    client.force_login(getattr(pemeran, peran))
    diri = pemeran.asn.pegawai
    standar(diri, "M.01", 3)
    with django_assert_num_queries(10 if peran == "asn" else 9) as awal:
        assert client.get(BARU).status_code == 200
    for kode in ("M.02", "M.03", "M.04", "M.05"):
        standar(diri, kode, 3)
        asesmen(diri, kode, TAHUN - 1, 1)
    with django_assert_num_queries(len(awal.captured_queries)):
        assert client.get(BARU).status_code == 200


# Verify and reject -------------------------------------------------------------------------------


def test_the_admin_verifies_and_returns_to_the_same_page(client, pemeran, tiga):
    client.force_login(pemeran.admin)
    kembali = f"{DAFTAR}?status=diusulkan&halaman=1"
    response = client.post(verifikasi_url(tiga["opd"]), {"kembali": kembali})
    assert response.status_code == 302
    assert response["Location"] == kembali
    assert KebutuhanPengembangan.objects.get(pk=tiga["opd"].pk).status == "diverifikasi"
    assert Notifikasi.objects.filter(penerima=pemeran.operator).exists()
    # Only addresses of the list are followed back.
    response = client.post(verifikasi_url(tiga["diri"]), {"kembali": "https://contoh.com/"})
    assert response["Location"] == DAFTAR


def test_the_admin_rejects_with_a_reason(client, pemeran, tiga):
    client.force_login(pemeran.admin)
    response = client.post(tolak_url(tiga["diri"]), {"alasan": ""}, follow=True)
    assert "Alasan penolakan wajib diisi." in response.content.decode()
    assert KebutuhanPengembangan.objects.get(pk=tiga["diri"].pk).status == "diusulkan"
    response = client.post(tolak_url(tiga["diri"]), {"alasan": "Belum ada anggaran."})
    assert response.status_code == 302
    k = KebutuhanPengembangan.objects.get(pk=tiga["diri"].pk)
    assert (k.status, k.alasan_penolakan) == ("ditolak", "Belum ada anggaran.")
    assert "Belum ada anggaran." in Notifikasi.objects.get(penerima=pemeran.asn).pesan


def test_a_refused_decision_is_a_message(client, pemeran, tiga):
    akpk.kebutuhan_reject(kebutuhan=tiga["opd"], oleh=pemeran.admin, alasan="Tidak.")
    client.force_login(pemeran.admin)
    response = client.post(verifikasi_url(tiga["opd"]), follow=True)
    assert "sudah ditolak" in response.content.decode()


@pytest.mark.parametrize(
    ("peran", "kunci", "status"),
    [
        ("kepala", "opd", 403),  # sees it, may not decide
        ("operator", "opd", 403),
        ("pimpinan", "opd", 403),
        ("asn", "diri", 403),
        ("kepala", "lain", 404),  # another OPD's need looks missing
        ("asn", "opd", 404),
        ("tanpa_peran", "opd", 404),
    ],
)
def test_only_the_admin_decides(client, pemeran, tiga, peran, kunci, status):
    client.force_login(getattr(pemeran, peran))
    assert client.post(verifikasi_url(tiga[kunci])).status_code == status
    assert client.post(tolak_url(tiga[kunci]), {"alasan": "x"}).status_code == status
    assert KebutuhanPengembangan.objects.get(pk=tiga[kunci].pk).status == "diusulkan"


def test_decisions_are_post_only_and_need_a_login(client, pemeran, tiga):
    client.force_login(pemeran.admin)
    assert client.get(verifikasi_url(tiga["opd"])).status_code == 405
    assert client.get(tolak_url(tiga["opd"])).status_code == 405
    client.logout()
    assert is_login_redirect(client.post(verifikasi_url(tiga["opd"])))
    assert is_login_redirect(client.post(tolak_url(tiga["opd"]), {"alasan": "x"}))
    assert KebutuhanPengembangan.objects.get(pk=tiga["opd"].pk).status == "diusulkan"


# The plan page ----------------------------------------------------------------------------------


@pytest.fixture
def rencana_tahun(pemeran):
    """Two plan lines (one with a seat for the other OPD) and uncovered needs of both OPDs."""
    milik = gabung(pemeran, [terverifikasi(pemeran, jumlah_peserta=3)], nama="Pelayanan Prima")
    akpk.rencana_biaya_set(
        rencana=milik,
        rincian=[
            {
                "kategori": "kontribusi",
                "jumlah": Decimal("4500000"),
                "kode_rekening": "5.1.02.02.12.0001",
            }
        ],
        oleh=pemeran.admin,
    )
    lain = gabung(
        pemeran,
        [terverifikasi(pemeran, oleh=pemeran.kepala_lain, perangkat_daerah=pemeran.opd_lain)],
        nama="Guru Penggerak",
        sumber_dana="apbn",
    )
    return {
        "milik": milik,
        "lain": lain,
        "belum": terverifikasi(pemeran, uraian="Menunggu Dinkes"),
        "belum_lain": terverifikasi(
            pemeran,
            oleh=pemeran.kepala_lain,
            perangkat_daerah=pemeran.opd_lain,
            uraian="Menunggu Disdikbud",
        ),
    }


def test_the_admin_sees_the_whole_plan_and_the_merge_form(client, pemeran, rencana_tahun):
    client.force_login(pemeran.admin)
    response = client.get(RENCANA, {"tahun": TAHUN})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Pelayanan Prima" in body and "Guru Penggerak" in body
    assert "Rp 4.500.000" in body
    assert "Total per sumber dana" in body and "APBN" in body
    assert "Menunggu Dinkes" in body and "Menunggu Disdikbud" in body
    assert f'value="{rencana_tahun["belum"].pk}"' in body
    assert "Gabungkan menjadi baris rencana" in body
    assert edit_url(rencana_tahun["milik"]) in body
    assert f"{reverse('pelatihan:rencana-xlsx')}?tahun={TAHUN}" in body


def test_pimpinan_reads_the_plan_without_forms(client, pemeran, rencana_tahun):
    client.force_login(pemeran.pimpinan)
    body = client.get(RENCANA, {"tahun": TAHUN}).content.decode()
    assert "Guru Penggerak" in body and "Menunggu Disdikbud" in body
    assert "Gabungkan menjadi baris rencana" not in body
    assert edit_url(rencana_tahun["milik"]) not in body
    assert 'type="checkbox"' not in body


@pytest.mark.parametrize("peran", ["kepala", "operator"])
def test_kepala_and_operator_see_their_opds_part(client, pemeran, rencana_tahun, peran):
    client.force_login(getattr(pemeran, peran))
    response = client.get(RENCANA, {"tahun": TAHUN})
    assert response.status_code == 200
    assert [b.rencana for b in response.context["rencana"].baris] == [rencana_tahun["milik"]]
    body = response.content.decode()
    assert "Guru Penggerak" not in body
    assert "Menunggu Dinkes" in body and "Menunggu Disdikbud" not in body
    assert "Gabungkan menjadi baris rencana" not in body
    assert "Total per sumber dana" not in body


def test_the_plan_page_has_an_empty_state(client, pemeran):
    client.force_login(pemeran.admin)
    body = client.get(RENCANA, {"tahun": 2031}).content.decode()
    assert "Belum ada baris rencana untuk tahun 2031." in body
    assert "Tidak ada kebutuhan terverifikasi tahun 2031 yang menunggu" in body


def test_the_plan_year_defaults_to_next_year(client, pemeran, rencana_tahun):
    client.force_login(pemeran.admin)
    for tahun in (None, "abc", "99999"):
        response = client.get(RENCANA, {"tahun": tahun} if tahun else {})
        assert response.context["tahun"] == TAHUN


@pytest.mark.parametrize("peran", ["asn", "tanpa_peran"])
def test_the_plan_is_not_for_asn(client, pemeran, peran):
    client.force_login(getattr(pemeran, peran))
    assert client.get(RENCANA).status_code == 403
    assert client.get(reverse("pelatihan:rencana-xlsx")).status_code == 403


def test_the_plan_page_needs_a_login_and_get(client, pemeran):
    assert is_login_redirect(client.get(RENCANA))
    client.force_login(pemeran.admin)
    assert client.post(RENCANA).status_code == 405


@pytest.mark.parametrize("peran", ["admin", "kepala"])
def test_the_plan_query_count_does_not_grow(
    client, pemeran, rencana_tahun, peran, django_assert_num_queries
):
    client.force_login(getattr(pemeran, peran))
    with django_assert_num_queries(13 if peran == "admin" else 11) as awal:
        assert client.get(RENCANA, {"tahun": TAHUN}).status_code == 200
    for i in range(3):
        r = gabung(
            pemeran,
            [
                terverifikasi(pemeran, kompetensi=kompetensi(f"M.0{i + 1}")),
                terverifikasi(pemeran, oleh=pemeran.kepala_lain, perangkat_daerah=pemeran.opd_lain),
            ],
            nama=f"Baris {i}",
            program=None,
        )
        akpk.rencana_biaya_set(
            rencana=r,
            rincian=[
                {"kategori": "konsumsi", "jumlah": Decimal("100000")},
                {"kategori": "honorarium", "jumlah": Decimal("200000"), "kode_rekening": "5.1"},
            ],
            oleh=pemeran.admin,
        )
        terverifikasi(pemeran, kompetensi=kompetensi("M.05"), jenis=jenis("KL03"))
    with django_assert_num_queries(len(awal.captured_queries)):
        response = client.get(RENCANA, {"tahun": TAHUN})
    assert len(response.context["rencana"].baris) > 2


# Merging needs into a plan line ------------------------------------------------------------------


def test_the_admin_merges_ticked_needs_into_a_plan_line(client, pemeran):
    a = terverifikasi(pemeran, jumlah_peserta=4)
    b = terverifikasi(pemeran, oleh=pemeran.kepala_lain, perangkat_daerah=pemeran.opd_lain)
    tetap = terverifikasi(pemeran, uraian="Tetap menunggu")
    client.force_login(pemeran.admin)
    response = client.post(
        GABUNG,
        {
            "tahun": TAHUN,
            "kebutuhan": [a.pk, b.pk],
            "nama": "  Pelatihan   Pelayanan Prima ",
            "jenis": jenis("KL03").pk,
            "jp": 24,
            "bulan_rencana": 5,
            "sumber_dana": "apbk",
        },
    )
    rencana = RencanaPengembangan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == edit_url(rencana)
    assert rencana.nama == "Pelatihan Pelayanan Prima"
    assert dict(rencana.kursi_opd.values_list("perangkat_daerah_id", "kursi")) == {
        pemeran.opd.pk: 4,
        pemeran.opd_lain.pk: 1,
    }
    # The uncovered need stays listed on the plan page.
    body = client.get(RENCANA, {"tahun": TAHUN}).content.decode()
    assert "Tetap menunggu" in body and f'value="{tetap.pk}"' in body
    assert f'value="{a.pk}"' not in body


def test_a_refused_merge_shows_the_reason_and_keeps_the_ticks(client, pemeran):
    a = terverifikasi(pemeran)
    belum = usul(pemeran)
    client.force_login(pemeran.admin)
    response = client.post(
        GABUNG,
        {
            "tahun": TAHUN,
            "kebutuhan": [a.pk, belum.pk],
            "nama": "X",
            "jenis": jenis("KL03").pk,
            "jp": 8,
            "sumber_dana": "apbk",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Hanya kebutuhan yang sudah diverifikasi" in body
    assert f'value="{a.pk}" id="pilih-{a.pk}" checked' in body
    assert not RencanaPengembangan.objects.exists()


def test_a_field_error_of_the_merge_form_is_tied_to_its_field(client, pemeran):
    a = terverifikasi(pemeran)
    client.force_login(pemeran.admin)
    data = {"tahun": TAHUN, "kebutuhan": [a.pk], "nama": "", "jenis": jenis("KL03").pk}
    response = client.post(GABUNG, {**data, "jp": 0, "sumber_dana": "apbk"})
    assert response.status_code == 400
    body = response.content.decode()
    for nama in ("nama", "jp"):
        assert f'aria-describedby="id_{nama}_error"' in body
        assert f'<div class="small text-danger" id="id_{nama}_error">' in body
    assert not RencanaPengembangan.objects.exists()


def test_a_merge_without_ticks_is_a_form_error(client, pemeran):
    terverifikasi(pemeran)
    client.force_login(pemeran.admin)
    response = client.post(
        GABUNG,
        {"tahun": TAHUN, "nama": "X", "jenis": jenis("KL03").pk, "jp": 8, "sumber_dana": "apbk"},
    )
    assert response.status_code == 400
    assert "Centang kebutuhan yang akan digabungkan." in response.content.decode()


@pytest.mark.parametrize("peran", ["pimpinan", "kepala", "operator", "asn"])
def test_only_the_admin_merges(client, pemeran, peran):
    a = terverifikasi(pemeran)
    client.force_login(getattr(pemeran, peran))
    response = client.post(
        GABUNG,
        {"kebutuhan": [a.pk], "nama": "X", "jenis": jenis().pk, "jp": 8, "sumber_dana": "apbk"},
    )
    assert response.status_code == 403
    assert not RencanaPengembangan.objects.exists()


def test_merging_is_post_only_and_needs_a_login(client, pemeran):
    assert is_login_redirect(client.post(GABUNG))
    client.force_login(pemeran.admin)
    assert client.get(GABUNG).status_code == 405


# Editing a plan line ----------------------------------------------------------------------------


def isian_edit(rencana, **ubah):
    data = {"baris_biaya": 3}
    data.update(ubah)
    return data


def test_the_admin_edits_seats_and_cost_lines(client, pemeran, rencana_tahun):
    rencana = rencana_tahun["milik"]
    client.force_login(pemeran.admin)
    response = client.get(edit_url(rencana))
    assert response.status_code == 200
    form = response.context["form"]
    assert form[f"kursi-{pemeran.opd.pk}"].value() == 3
    assert form["b-0-kategori"].value() == "kontribusi"
    assert "Menunggu Dinkes" not in response.content.decode()

    response = client.post(
        edit_url(rencana),
        {
            "baris_biaya": 4,
            f"kursi-{pemeran.opd.pk}": "5",
            f"kursi-{pemeran.opd_lain.pk}": "2",
            "b-0-kategori": "kontribusi",
            "b-0-kode_rekening": "5.1.02.02.12.0001",
            "b-0-jumlah": "3500000",
            "b-1-kategori": "konsumsi",
            "b-1-uraian": "Snack dan makan siang",
            "b-1-jumlah": "1200000.50",
            "b-2-kategori": "",
            "b-2-jumlah": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{RENCANA}?tahun={TAHUN}"
    assert dict(rencana.kursi_opd.values_list("perangkat_daerah_id", "kursi")) == {
        pemeran.opd.pk: 5,
        pemeran.opd_lain.pk: 2,
    }
    assert list(rencana.rincian_biaya.order_by("pk").values_list("kategori", "jumlah")) == [
        ("kontribusi", Decimal("3500000")),
        ("konsumsi", Decimal("1200000.50")),
    ]


def test_an_incomplete_cost_line_is_a_form_error_and_nothing_changes(
    client, pemeran, rencana_tahun
):
    rencana = rencana_tahun["milik"]
    client.force_login(pemeran.admin)
    response = client.post(
        edit_url(rencana),
        {
            "baris_biaya": 2,
            f"kursi-{pemeran.opd.pk}": "9",
            "b-0-jumlah": "1000",
            "b-1-kategori": "honorarium",
            "b-1-jumlah": "-5",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "b-0-kategori" in errors and "b-1-jumlah" in errors
    # Each message sits under its field, where the widget's aria-describedby points.
    body = response.content.decode()
    assert 'aria-describedby="id_b-1-jumlah_error"' in body
    assert '<div class="small text-danger" id="id_b-1-jumlah_error">' in body
    assert list(rencana.kursi_opd.values_list("kursi", flat=True)) == [3]
    assert rencana.rincian_biaya.count() == 1


@pytest.mark.parametrize(
    ("peran", "kunci", "status"),
    [
        ("pimpinan", "milik", 403),
        ("kepala", "milik", 403),  # their OPD has seats: they see it, may not edit
        ("operator", "milik", 403),
        ("kepala", "lain", 404),  # no seats for their OPD: it looks missing
        ("asn", "milik", 404),
        ("tanpa_peran", "milik", 404),
    ],
)
def test_only_the_admin_edits_a_plan_line(client, pemeran, rencana_tahun, peran, kunci, status):
    rencana = rencana_tahun[kunci]
    client.force_login(getattr(pemeran, peran))
    assert client.get(edit_url(rencana)).status_code == status
    data = {"baris_biaya": 0, f"kursi-{pemeran.opd.pk}": "50"}
    assert client.post(edit_url(rencana), data).status_code == status
    assert 50 not in rencana.kursi_opd.values_list("kursi", flat=True)


def test_editing_needs_a_login_and_get_or_post(client, pemeran, rencana_tahun):
    url = edit_url(rencana_tahun["milik"])
    assert is_login_redirect(client.get(url))
    client.force_login(pemeran.admin)
    assert client.put(url).status_code == 405


def test_the_edit_page_query_count_does_not_grow(
    client, pemeran, rencana_tahun, django_assert_num_queries
):
    rencana = rencana_tahun["milik"]
    client.force_login(pemeran.admin)
    with django_assert_num_queries(11) as awal:
        assert client.get(edit_url(rencana)).status_code == 200
    akpk.rencana_biaya_set(
        rencana=rencana,
        rincian=[{"kategori": "konsumsi", "jumlah": Decimal(i * 1000)} for i in range(6)],
        oleh=pemeran.admin,
    )
    akpk.rencana_kursi_set(
        rencana=rencana,
        kursi={pemeran.opd.pk: 3, pemeran.opd_lain.pk: 4},
        oleh=pemeran.admin,
    )
    with django_assert_num_queries(len(awal.captured_queries)):
        assert client.get(edit_url(rencana)).status_code == 200
