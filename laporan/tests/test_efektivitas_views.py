"""/laporan/efektivitas/…: who sees which page, what each role sees, and constant queries."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.urls import reverse

from evaluasi.models import FormulirEvaluasi, TindakLanjut
from evaluasi.tests.factories import (
    IndikatorHasilFactory,
    NilaiIndikatorFactory,
    TindakLanjutFactory,
    kegiatan_selesai,
    peserta,
)
from evaluasi.tests.test_efektivitas import formulir_perilaku, responden
from pegawai.tests.factories import PegawaiFactory
from pelatihan.models import KegiatanPelatihan, Nominasi

Jenis = FormulirEvaluasi.Jenis
SELESAI = datetime.date(2025, 6, 20)
KOMENTAR = ["Waktu praktik kurang", "Bagus sekali", "Materi padat", "Contoh kasus", "Diskusi"]
TERSEMBUNYI = "Disembunyikan: kurang dari 5 responden"


@dataclass
class Data:
    pemeran: object
    kegiatan: KegiatanPelatihan
    kecil: KegiatanPelatihan
    responden: list
    lulusan_sendiri: list
    lulusan_lain: list

    @property
    def program(self):
        return self.kegiatan.program


def url_ringkasan(d):
    return reverse("laporan:efektivitas") + "?tahun=2025"


def url_program(d):
    return reverse("laporan:efektivitas-program", args=[d.program.pk])


def url_kegiatan(d):
    return reverse("laporan:efektivitas-kegiatan", args=[d.kegiatan.pk])


def url_lembaga(d):
    return reverse("laporan:efektivitas-lembaga", args=[d.kegiatan.lembaga_id])


def url_pengajar_daftar(d):
    return reverse("laporan:efektivitas-pengajar")


def url_pengajar(d):
    return reverse("laporan:efektivitas-pengajar") + f"?nama=Pengajar {d.kegiatan.pk}-1"


def url_perilaku(d):
    return reverse("laporan:efektivitas-perilaku") + "?tahun=2025"


SEMUA_URL = [
    url_ringkasan,
    url_program,
    url_kegiatan,
    url_lembaga,
    url_pengajar_daftar,
    url_pengajar,
    url_perilaku,
]


def isi_kegiatan(kegiatan, pemeran, *, jumlah=5, teks=None):
    """``jumlah`` respondents of the kepala's OPD, with pre/post scores and an atasan's and a
    self level-3 form each."""
    formulir = responden(
        kegiatan,
        [3] * jumlah,
        opd=pemeran.opd,
        teks=list(teks) if teks else "Bermanfaat",
    )
    for i, f in enumerate(formulir):
        Nominasi.objects.filter(pk=f.nominasi_id).update(
            nilai_pre=Decimal(50 + i), nilai_post=Decimal(70 + i)
        )
        formulir_perilaku(f.nominasi, Jenis.PERILAKU_ATASAN, 4 + i % 2)
        formulir_perilaku(f.nominasi, Jenis.PERILAKU_DIRI, 3)
    return formulir


def tambah_data(pemeran, n: int = 1):
    """More of everything, for the query-count checks."""
    for _ in range(n):
        kegiatan = kegiatan_selesai(selesai=SELESAI)
        isi_kegiatan(kegiatan, pemeran, jumlah=6)
        lain = peserta(kegiatan, PegawaiFactory(perangkat_daerah=pemeran.opd_lain))
        formulir_perilaku(lain, Jenis.PERILAKU_ATASAN, 2)
        TindakLanjutFactory(program=kegiatan.program, kegiatan=kegiatan)
        indikator = IndikatorHasilFactory()
        indikator.program.add(kegiatan.program)
        NilaiIndikatorFactory(indikator=indikator, perangkat_daerah=pemeran.opd, tahun=2024)


@pytest.fixture
def data(pemeran):
    kegiatan = kegiatan_selesai(selesai=SELESAI)
    formulir = isi_kegiatan(kegiatan, pemeran, teks=KOMENTAR)
    lain = [peserta(kegiatan, PegawaiFactory(perangkat_daerah=pemeran.opd_lain)) for _ in range(2)]
    for n in lain:
        formulir_perilaku(n, Jenis.PERILAKU_ATASAN, 2)
    # The same program a year earlier, for the trend; a small event on another program.
    lama = kegiatan_selesai(
        selesai=datetime.date(2024, 3, 1), program=kegiatan.program, mata_pelatihan=0
    )
    responden(lama, [4] * 5)
    kecil = kegiatan_selesai(selesai=SELESAI)
    responden(kecil, [2] * 4, teks="Rahasia peserta kecil")
    TindakLanjutFactory(
        program=kegiatan.program,
        tindakan="Tambah sesi praktik",
        batas_waktu=datetime.date.today() - datetime.timedelta(days=3),
    )
    indikator = IndikatorHasilFactory(nama="Indeks Kepuasan Masyarakat Puskesmas")
    indikator.program.add(kegiatan.program)
    for tahun, nilai in ((2024, 70), (2025, 74), (2026, 79)):
        NilaiIndikatorFactory(
            indikator=indikator, perangkat_daerah=pemeran.opd, tahun=tahun, nilai=nilai
        )
    return Data(
        pemeran=pemeran,
        kegiatan=kegiatan,
        kecil=kecil,
        responden=formulir,
        lulusan_sendiri=[f.nominasi for f in formulir],
        lulusan_lain=lain,
    )


# --- Access --------------------------------------------------------------------------------------


@pytest.mark.parametrize("halaman", SEMUA_URL)
@pytest.mark.parametrize("peran", ["admin", "pimpinan", "kepala", "kepala_lain"])
def test_report_roles_see_every_page(client, data, halaman, peran):
    client.force_login(getattr(data.pemeran, peran))
    response = client.get(halaman(data))
    assert response.status_code == 200


@pytest.mark.parametrize("halaman", SEMUA_URL)
@pytest.mark.parametrize("peran", ["operator", "asn", "asn_opd_lain", "tanpa_peran"])
def test_operator_and_plain_asn_are_refused(client, data, halaman, peran):
    client.force_login(getattr(data.pemeran, peran))
    assert client.get(halaman(data)).status_code == 403


@pytest.mark.parametrize("halaman", SEMUA_URL)
def test_anonymous_is_sent_to_login(client, data, halaman):
    response = client.get(halaman(data))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("halaman", SEMUA_URL)
def test_it_rejects_post(client, data, halaman):
    client.force_login(data.pemeran.admin)
    assert client.post(halaman(data)).status_code == 405


def test_unknown_or_draft_objects_are_404(client, data):
    client.force_login(data.pemeran.kepala)
    draf = kegiatan_selesai()
    KegiatanPelatihan.objects.filter(pk=draf.pk).update(status=KegiatanPelatihan.Status.DRAFT)
    for url in (
        reverse("laporan:efektivitas-kegiatan", args=[draf.pk]),
        reverse("laporan:efektivitas-program", args=[999999]),
        reverse("laporan:efektivitas-lembaga", args=[999999]),
        reverse("laporan:efektivitas-pengajar") + "?nama=Bukan Pengajar",
    ):
        assert client.get(url).status_code == 404, url
    client.force_login(data.pemeran.admin)
    assert client.get(reverse("laporan:efektivitas-kegiatan", args=[draf.pk])).status_code == 200


def test_a_bad_year_is_a_400_with_a_message(client, data):
    client.force_login(data.pemeran.admin)
    for url in (
        reverse("laporan:efektivitas"),
        reverse("laporan:efektivitas-program", args=[data.program.pk]),
        reverse("laporan:efektivitas-perilaku"),
    ):
        response = client.get(url, {"tahun": "dua ribu"})
        assert response.status_code == 400
        assert "Tahun harus berupa angka" in response.content.decode()


# --- What each page shows ------------------------------------------------------------------------


def test_overview_compares_programs_of_the_year_with_links_and_charts(client, data):
    client.force_login(data.pemeran.kepala)
    response = client.get(url_ringkasan(data))
    body = response.content.decode()
    baris = {b["pk"]: b for b in response.context["program"]}
    assert set(baris) == {data.program.pk, data.kecil.program_id}
    assert baris[data.program.pk]["reaksi"]["indeks"] == Decimal("75.0")
    assert baris[data.program.pk]["tindak_lanjut_terbuka"] == 1
    assert baris[data.kecil.program_id]["reaksi"]["tersembunyi"]
    assert reverse("laporan:efektivitas-program", args=[data.program.pk]) + "?tahun=2025" in body
    assert reverse("laporan:efektivitas-lembaga", args=[data.kegiatan.lembaga_id]) in body
    assert TERSEMBUNYI in body
    assert [t["tahun"] for t in response.context["tren"]] == [2024, 2025]
    # Charts: data in json_script, drawing code in static files, no inline script.
    assert 'id="grafik-tren" type="application/json"' in body
    assert 'src="/static/js/grafik.js"' in body
    assert 'src="/static/vendor/chartjs-4.6.1/chart.umd.min.js"' in body
    for tag in re.findall(r"<script[^>]*>", body):
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_program_page_has_every_level_and_its_actions(client, data):
    client.force_login(data.pemeran.admin)
    response = client.get(url_program(data))
    body = response.content.decode()
    # Five own staff judged 4 or 5, two of another OPD judged 2.
    assert response.context["total"]["penerapan"]["persen"] == Decimal("71.4")
    assert response.context["total"]["belajar"]["rata_kenaikan"] == Decimal("20.00")
    assert "Perubahan indikator tidak serta-merta disebabkan oleh pelatihan" in body
    assert "Indeks Kepuasan Masyarakat Puskesmas" in body
    (indikator,) = response.context["level_4"]["indikator"]
    baris = {b["opd"]: b for b in indikator["baris"]}
    sendiri = baris[data.pemeran.opd.nama]
    assert (sendiri["dilatih"], sendiri["sebelum"], sendiri["sesudah"]) == (
        5,
        Decimal("70.00"),
        Decimal("79.00"),
    )
    assert baris[data.pemeran.opd_lain.nama]["tersembunyi"]  # two graduates only
    assert "Tambah sesi praktik" in body and "Terlambat" in body
    catat = reverse("admin:evaluasi_tindaklanjut_add") + f"?program={data.program.pk}"
    assert catat in body
    assert "Catat tindak lanjut" in body
    assert 'id="grafik-bagian" type="application/json"' in body
    assert [t["tahun"] for t in response.context["tren"]] == [2024, 2025]
    assert [k["kegiatan"].pk for k in response.context["daftar_kegiatan"]] == [
        data.kegiatan.pk,
        KegiatanPelatihan.objects.get(program=data.program, tanggal_selesai__year=2024).pk,
    ]


def test_program_page_year_filter_narrows_the_events(client, data):
    client.force_login(data.pemeran.admin)
    response = client.get(url_program(data), {"tahun": 2024})
    assert response.context["total"]["reaksi"]["indeks"] == Decimal("100.0")
    assert len(response.context["daftar_kegiatan"]) == 1
    assert len(response.context["tren"]) == 2  # the trend always spans every year


def test_only_admin_gets_the_link_to_record_an_action(client, data):
    for peran in ("pimpinan", "kepala"):
        client.force_login(getattr(data.pemeran, peran))
        body = client.get(url_program(data)).content.decode()
        assert reverse("admin:evaluasi_tindaklanjut_add") not in body
        assert "Catat tindak lanjut" not in body


def test_admin_reads_comments_without_names(client, data):
    client.force_login(data.pemeran.admin)
    response = client.get(url_kegiatan(data))
    body = response.content.decode()
    posisi = [body.index(t) for t in sorted(KOMENTAR)]
    assert posisi == sorted(posisi)  # sorted by text
    for f in data.responden:
        assert f.nominasi.pegawai.nama not in body
        assert f.nominasi.pegawai.nip not in body


@pytest.mark.parametrize("peran", ["pimpinan", "kepala", "kepala_lain"])
def test_other_roles_never_see_comments(client, data, peran):
    client.force_login(getattr(data.pemeran, peran))
    body = client.get(url_kegiatan(data)).content.decode()
    assert response_has_figures(body)
    for teks in KOMENTAR:
        assert teks not in body
    assert "Rencana penerapan dan saran peserta" not in body


def response_has_figures(body: str) -> bool:
    return "Indeks reaksi peserta (level 1)" in body and "75,0" in body


def test_comments_of_a_small_event_stay_hidden_even_for_admin(client, data):
    client.force_login(data.pemeran.admin)
    body = client.get(
        reverse("laporan:efektivitas-kegiatan", args=[data.kecil.pk])
    ).content.decode()
    assert "Rahasia peserta kecil" not in body
    assert TERSEMBUNYI in body
    assert "50,0" not in body  # the index of four respondents (2 of 4) is not shown


def test_pengajar_page_lists_and_details(client, data):
    client.force_login(data.pemeran.kepala)
    daftar = client.get(url_pengajar_daftar(data))
    nama = {p["pengajar"] for p in daftar.context["daftar"]}
    assert f"Pengajar {data.kegiatan.pk}-1" in nama
    rinci = client.get(url_pengajar(data)).context["rinci"]
    # Five rated 3 in 2025, five rated 4 in 2024 (the same curriculum).
    assert rinci["total"]["indeks"] == Decimal("87.5")
    assert rinci["total"]["responden"] == 10
    assert len(rinci["baris"]) == 2


def test_lembaga_page_shows_its_programs(client, data):
    client.force_login(data.pemeran.pimpinan)
    response = client.get(url_lembaga(data))
    assert [b["pk"] for b in response.context["program"]] == [data.program.pk]
    assert data.kegiatan.lembaga.nama in response.content.decode()


# --- Level 3 of own staff ------------------------------------------------------------------------


def test_kepala_sees_level_3_of_own_staff_with_names(client, data):
    client.force_login(data.pemeran.kepala)
    response = client.get(url_perilaku(data))
    body = response.content.decode()
    assert {n.pk for n in response.context["page"].object_list} == {
        n.pk for n in data.lulusan_sendiri
    }
    for n in data.lulusan_sendiri:
        assert n.pegawai.nama in body
    for n in data.lulusan_lain:
        assert n.pegawai.nama not in body
    total = response.context["total"]
    assert (total["lulusan"], total["atasan_diisi"], total["diterapkan"]) == (5, 5, 5)
    skor = {n.pk: (n.skor_atasan, n.skor_diri) for n in response.context["page"].object_list}
    assert skor[data.lulusan_sendiri[1].pk] == (5, 3)


def test_kepala_cannot_ask_for_another_opd(client, data):
    client.force_login(data.pemeran.kepala)
    url = reverse("laporan:efektivitas-perilaku")
    assert client.get(url, {"opd": data.pemeran.opd_lain.pk, "tahun": 2025}).status_code == 404
    assert client.get(url, {"opd": data.pemeran.opd.pk, "tahun": 2025}).status_code == 200


def test_admin_sees_every_opd_and_filters_by_one(client, data):
    client.force_login(data.pemeran.admin)
    url = reverse("laporan:efektivitas-perilaku")
    semua = client.get(url, {"tahun": 2025}).context["page"].object_list
    lulusan_2025 = Nominasi.objects.filter(
        status=Nominasi.Status.LULUS, kegiatan__tanggal_selesai__year=2025
    )
    assert {n.pk for n in semua} == set(lulusan_2025.values_list("pk", flat=True))
    assert {n.pk for n in data.lulusan_sendiri + data.lulusan_lain} <= {n.pk for n in semua}
    response = client.get(url, {"tahun": 2025, "opd": data.pemeran.opd_lain.pk})
    assert {n.pk for n in response.context["page"].object_list} == {n.pk for n in data.lulusan_lain}
    assert response.context["total"]["diterapkan"] == 0
    assert client.get(url, {"tahun": 2025, "opd": 999999}).status_code == 404


def test_atasan_form_not_yet_filled_or_not_yet_opened(client, data):
    belum = peserta(data.kegiatan, PegawaiFactory(perangkat_daerah=data.pemeran.opd))
    formulir_perilaku(belum, Jenis.PERILAKU_ATASAN, None)
    tanpa = peserta(data.kegiatan, PegawaiFactory(perangkat_daerah=data.pemeran.opd))
    client.force_login(data.pemeran.kepala)
    response = client.get(url_perilaku(data))
    baris = {n.pk: n for n in response.context["page"].object_list}
    assert (baris[belum.pk].atasan_dibuka, baris[belum.pk].atasan_diisi) == (True, False)
    assert (baris[tanpa.pk].atasan_dibuka, baris[tanpa.pk].atasan_diisi) == (False, False)
    body = response.content.decode()
    assert "Belum diisi" in body and "Belum dibuka" in body


# --- Query counts --------------------------------------------------------------------------------

# Per page: queries for every report role (the admin's event page also reads the comments).
JUMLAH_KUERI = {
    url_ringkasan: 25,
    url_program: 29,
    url_kegiatan: 16,
    url_lembaga: 21,
    url_pengajar_daftar: 6,
    url_pengajar: 8,
    url_perilaku: 9,
}
TAMBAHAN_ADMIN = {url_kegiatan: 2}


@pytest.mark.parametrize("halaman", list(JUMLAH_KUERI))
@pytest.mark.parametrize("peran", ["admin", "pimpinan", "kepala"])
def test_queries_do_not_grow_with_the_rows(client, data, django_assert_num_queries, halaman, peran):
    jumlah = JUMLAH_KUERI[halaman] + (TAMBAHAN_ADMIN.get(halaman, 0) if peran == "admin" else 0)
    client.force_login(getattr(data.pemeran, peran))
    with django_assert_num_queries(jumlah):
        assert client.get(halaman(data)).status_code == 200
    tambah_data(data.pemeran, 2)
    TindakLanjutFactory.create_batch(3, program=data.program, status=TindakLanjut.Status.BERJALAN)
    with django_assert_num_queries(jumlah):
        assert client.get(halaman(data)).status_code == 200


def test_a_finished_event_links_to_its_evaluation_for_those_who_may_see_it(client, pemeran):
    from evaluasi.tests.factories import kegiatan_selesai

    kegiatan = kegiatan_selesai()
    halaman = reverse("pelatihan:kegiatan-detail", args=[kegiatan.pk])
    tautan = reverse("laporan:efektivitas-kegiatan", args=[kegiatan.pk])
    for user, terlihat in ((pemeran.admin, True), (pemeran.kepala, True), (pemeran.asn, False)):
        client.force_login(user)
        respons = client.get(halaman)
        assert respons.status_code == 200
        assert (tautan in respons.content.decode()) is terlihat
