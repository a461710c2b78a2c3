"""`/`: the dashboard of the logged-in user's roles."""

from django.urls import reverse

from pegawai.tests.factories import PegawaiFactory

URL = reverse("beranda")


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_asn_gets_a_link_to_their_own_profile(client, pemeran):
    client.force_login(pemeran.asn)
    response = client.get(URL)
    body = response.content.decode()
    assert reverse("pegawai-profil", args=[pemeran.asn.pegawai.nip]) in body
    assert "ringkasan_kota" not in response.context
    assert "opd_saya" not in response.context


def test_kepala_sees_own_opd_and_not_another(client, pemeran):
    client.force_login(pemeran.kepala)
    response = client.get(URL)
    opds = [item["opd"] for item in response.context["opd_saya"]]
    assert opds == [pemeran.opd]
    # kepala, operator, asn, asn2 of Dinkes
    assert response.context["opd_saya"][0]["ringkasan"]["total"] == 4
    assert pemeran.opd_lain.nama not in response.content.decode()
    assert "ringkasan_kota" not in response.context


def test_operator_sees_own_opd(client, pemeran):
    client.force_login(pemeran.operator)
    response = client.get(URL)
    assert [item["opd"] for item in response.context["opd_saya"]] == [pemeran.opd]


def test_pimpinan_and_admin_see_the_whole_city(client, pemeran):
    for user in (pemeran.pimpinan, pemeran.admin):
        client.force_login(user)
        response = client.get(URL)
        assert response.context["ringkasan_kota"]["total"] == 7
        assert response.context["jumlah_opd"] == 40  # every OPD of pegawai/data/opd_kota_langsa.csv


def test_admin_gets_the_admin_link_and_pimpinan_does_not(client, pemeran):
    client.force_login(pemeran.admin)
    assert reverse("admin:index") in client.get(URL).content.decode()
    client.force_login(pemeran.pimpinan)
    assert reverse("admin:index") not in client.get(URL).content.decode()


def test_a_user_without_role_is_told_so(client, pemeran):
    client.force_login(pemeran.tanpa_peran)
    assert "belum memiliki peran" in client.get(URL).content.decode()


def test_it_rejects_post(client, pemeran):
    client.force_login(pemeran.asn)
    assert client.post(URL).status_code == 405


def test_query_count_does_not_grow_with_pegawai(client, pemeran, django_assert_num_queries):
    # The count of evaluation forms waiting is one query for every role.
    for user, expected in ((pemeran.admin, 8), (pemeran.kepala, 8), (pemeran.asn, 6)):
        client.force_login(user)
        with django_assert_num_queries(expected):
            client.get(URL)
    PegawaiFactory.create_batch(20, perangkat_daerah=pemeran.opd)
    for user, expected in ((pemeran.admin, 8), (pemeran.kepala, 8), (pemeran.asn, 6)):
        client.force_login(user)
        with django_assert_num_queries(expected):
            client.get(URL)


def test_forms_waiting_are_announced_with_a_link(client, pemeran, django_assert_num_queries):
    from evaluasi.tests.factories import FormulirEvaluasiFactory, kegiatan_selesai, peserta

    kegiatan = kegiatan_selesai()
    for _ in range(2):
        FormulirEvaluasiFactory(nominasi=peserta(kegiatan), pengisi=pemeran.asn)
    FormulirEvaluasiFactory(nominasi=peserta(kegiatan), pengisi=pemeran.asn_lain_satu_opd)
    client.force_login(pemeran.asn)
    with django_assert_num_queries(6):
        html = client.get(URL).content.decode()
    assert "Ada 2 formulir evaluasi pelatihan yang menunggu Anda isi." in html
    assert reverse("evaluasi:daftar") in html
    client.force_login(pemeran.kepala)
    assert "formulir evaluasi" not in client.get(URL).content.decode()


def test_the_menu_offers_each_role_its_own_reports(client, pemeran):
    anggaran = reverse("laporan:anggaran")
    efektivitas = reverse("laporan:efektivitas")
    evaluasi = reverse("evaluasi:daftar")
    rencana = reverse("pelatihan:rencana")
    cases = (
        (pemeran.admin, {anggaran, efektivitas, rencana}, set()),
        (pemeran.pimpinan, {anggaran, efektivitas, rencana}, {evaluasi}),
        (pemeran.kepala, {efektivitas, rencana, evaluasi}, {anggaran}),
        (pemeran.operator, {rencana}, {anggaran, efektivitas}),
        (pemeran.asn, {evaluasi, reverse("pelatihan:kebutuhan-list")}, {anggaran, rencana}),
    )
    for user, ada, tidak in cases:
        client.force_login(user)
        html = client.get(URL).content.decode()
        assert all(f'href="{u}"' in html for u in ada), user
        assert not any(f'href="{u}"' in html for u in tidak), user


def test_staff_keep_their_own_pages_under_their_name_and_asn_in_the_bar(client, pemeran):
    # So that the whole menu of Admin BKPSDM fits one line on a 1280 px screen.
    for user, kelas in ((pemeran.asn, "nav-link"), (pemeran.kepala, "dropdown-item")):
        client.force_login(user)
        html = client.get(URL).content.decode()
        for url in (
            reverse("pegawai-profil", args=[user.pegawai.nip]),
            reverse("pelatihan:klaim-list"),
            reverse("evaluasi:daftar"),
        ):
            assert f'<a class="{kelas}" href="{url}">' in html, (user, url)
