"""/evaluasi/ and /evaluasi/formulir/<pk>/: the forms a user fills, and filling one."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluasi.forms import nama_isian
from evaluasi.models import ButirKuesioner, FormulirEvaluasi, Jawaban
from evaluasi.tests.factories import (
    FormulirEvaluasiFactory,
    isi_formulir,
    kegiatan_selesai,
    kuesioner_perilaku,
    peserta,
)
from pelatihan.models import MataPelatihan

DAFTAR = reverse("evaluasi:daftar")
PESAN_KOSONG = "Tidak ada formulir yang perlu Anda isi."
PESAN_RAHASIA = (
    "Jawaban Anda rahasia: kepala perangkat daerah, lembaga dan pengajar hanya melihat "
    "rekapitulasi tanpa nama."
)


def hari(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def isi_url(formulir) -> str:
    return reverse("evaluasi:formulir-isi", args=[formulir.pk])


def formulir_reaksi(user, *, batas=14, mata_pelatihan=2, **kwargs):
    """A level-1 form of a participant (``user``'s pegawai) due in ``batas`` days."""
    kegiatan = kegiatan_selesai(mata_pelatihan=mata_pelatihan)
    return FormulirEvaluasiFactory(
        nominasi=peserta(kegiatan, user.pegawai), batas=hari(batas), **kwargs
    )


def formulir_atasan(atasan, bawahan, *, batas=14):
    """A level-3 form about ``bawahan``'s participation, filled by their atasan."""
    return FormulirEvaluasiFactory(
        nominasi=peserta(kegiatan_selesai(), bawahan.pegawai),
        jenis=FormulirEvaluasi.Jenis.PERILAKU_ATASAN,
        kuesioner=kuesioner_perilaku(),
        pengisi=atasan,
        batas=hari(batas),
    )


def pertanyaan(formulir):
    """(butir, mata pelatihan or None) for every answer the form asks for."""
    mata = list(
        MataPelatihan.objects.filter(program=formulir.nominasi.kegiatan.program).order_by("urutan")
    )
    butir = (
        ButirKuesioner.objects.filter(bagian__kuesioner=formulir.kuesioner)
        .select_related("bagian")
        .order_by("bagian__urutan", "urutan")
    )
    return [(b, mp) for b in butir for mp in (mata if b.bagian.per_mata_pelatihan else [None])]


def isian(formulir, nilai=3, teks="Menerapkan SOP pelayanan baru."):
    data = {}
    for butir, mp in pertanyaan(formulir):
        nama = nama_isian((butir.pk, mp.pk if mp else None))
        data[nama] = str(nilai) if butir.jenis == ButirKuesioner.Jenis.SKALA else teks
    return data


# The list ----------------------------------------------------------------------------------


def test_the_list_shows_only_own_forms_pending_then_filled_then_closed(client, pemeran):
    asn = pemeran.asn
    menunggu_nanti = formulir_reaksi(asn, batas=10)
    menunggu_segera = formulir_reaksi(asn, batas=2)
    terisi = isi_formulir(formulir_reaksi(asn, batas=5))
    ditutup_terisi = isi_formulir(formulir_reaksi(asn, batas=-3))
    ditutup_kosong = formulir_reaksi(asn, batas=-1)
    sudah_lama = isi_formulir(formulir_reaksi(asn, batas=-31))
    milik_rekan = formulir_reaksi(pemeran.asn_lain_satu_opd)
    tentang_asn = formulir_atasan(pemeran.kepala, asn)

    client.force_login(asn)
    response = client.get(DAFTAR)

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [
        menunggu_segera,
        menunggu_nanti,
        terisi,
        ditutup_kosong,
        ditutup_terisi,
    ]
    body = response.content.decode()
    assert PESAN_KOSONG not in body
    assert "Sisa 2 hari" in body
    assert "Sisa 10 hari" in body
    assert body.count("Isi formulir</a>") == 2
    assert "Ubah jawaban" in body
    assert "Lihat jawaban" in body
    assert "Tidak diisi" in body
    for formulir in (menunggu_nanti, menunggu_segera, terisi, ditutup_terisi):
        assert isi_url(formulir) in body
    # A closed form that was never filled has nothing to open.
    assert isi_url(ditutup_kosong) not in body
    for formulir in (sudah_lama, milik_rekan, tentang_asn):
        assert isi_url(formulir) not in body
    assert menunggu_segera.nominasi.kegiatan.program.nama in body


def test_the_last_day_is_announced(client, pemeran):
    formulir_reaksi(pemeran.asn, batas=0)
    client.force_login(pemeran.asn)
    body = client.get(DAFTAR).content.decode()
    assert "Hari ini hari terakhir pengisian" in body


def test_the_atasan_sees_whom_a_level_3_form_is_about(client, pemeran):
    formulir = formulir_atasan(pemeran.kepala, pemeran.asn)
    client.force_login(pemeran.kepala)
    response = client.get(DAFTAR)
    assert list(response.context["page"].object_list) == [formulir]
    body = response.content.decode()
    assert f"Penilaian untuk: {pemeran.asn.pegawai.nama_lengkap}" in body
    assert "Evaluasi oleh atasan (level 3)" in body


@pytest.mark.parametrize("viewer", ["asn", "admin", "pimpinan", "tanpa_peran", "kepala_lain"])
def test_the_list_has_an_empty_state_for_every_logged_in_user(client, pemeran, viewer):
    formulir_reaksi(pemeran.asn_lain_satu_opd)
    client.force_login(getattr(pemeran, viewer))
    response = client.get(DAFTAR)
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
    assert PESAN_KOSONG in response.content.decode()


def test_nothing_to_fill_is_said_above_the_filled_forms(client, pemeran):
    terisi = isi_formulir(formulir_reaksi(pemeran.asn))
    client.force_login(pemeran.asn)
    response = client.get(DAFTAR)
    assert list(response.context["page"].object_list) == [terisi]
    assert PESAN_KOSONG in response.content.decode()


def test_the_list_is_paginated(client, pemeran):
    for i in range(21):
        formulir_reaksi(pemeran.asn, batas=i + 1, mata_pelatihan=0)
    client.force_login(pemeran.asn)
    pertama = client.get(DAFTAR).context["page"]
    assert len(pertama.object_list) == 20
    assert pertama.paginator.num_pages == 2
    assert pertama.object_list[0].batas == hari(1)
    kedua = client.get(DAFTAR, {"halaman": 2})
    assert [f.batas for f in kedua.context["page"].object_list] == [hari(21)]
    assert PESAN_KOSONG not in kedua.content.decode()


def test_the_list_query_count_does_not_grow_with_the_forms(
    client, pemeran, django_assert_num_queries
):
    client.force_login(pemeran.kepala)
    formulir_atasan(pemeran.kepala, pemeran.asn)
    with django_assert_num_queries(7):
        assert client.get(DAFTAR).status_code == 200
    for _ in range(2):
        formulir_reaksi(pemeran.kepala)
        isi_formulir(formulir_reaksi(pemeran.kepala, batas=3))
    assert FormulirEvaluasi.objects.filter(pengisi=pemeran.kepala).count() == 5
    with django_assert_num_queries(7):
        response = client.get(DAFTAR)
    assert len(response.context["page"].object_list) == 5


def test_the_list_answers_get_only(client, pemeran):
    client.force_login(pemeran.asn)
    assert client.post(DAFTAR).status_code == 405


def test_anonymous_users_are_sent_to_the_login_page(client, pemeran):
    formulir = formulir_reaksi(pemeran.asn)
    for url in (DAFTAR, isi_url(formulir)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    response = client.post(isi_url(formulir), isian(formulir))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Jawaban.objects.exists()


# The form page ---------------------------------------------------------------------------


def test_the_page_says_which_event_and_that_the_answers_are_confidential(client, pemeran):
    formulir = formulir_reaksi(pemeran.asn)
    kegiatan = formulir.nominasi.kegiatan
    client.force_login(pemeran.asn)
    response = client.get(isi_url(formulir))
    assert response.status_code == 200
    body = response.content.decode()
    assert kegiatan.program.nama in body
    assert f"Angkatan {kegiatan.angkatan}" in body
    assert kegiatan.tanggal_mulai.strftime("%Y") in body
    bulan = [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
        "September", "Oktober", "November", "Desember",
    ]  # fmt: skip
    mulai = f"{kegiatan.tanggal_mulai.day} {bulan[kegiatan.tanggal_mulai.month - 1]}"
    selesai = f"{kegiatan.tanggal_selesai.day} {bulan[kegiatan.tanggal_selesai.month - 1]}"
    assert mulai in body
    assert selesai in body
    assert PESAN_RAHASIA in body
    assert "Penilaian penerapan hasil pelatihan oleh atasan" not in body


def test_the_page_asks_every_item_per_subject_with_the_scale_labels(client, pemeran):
    formulir = formulir_reaksi(pemeran.asn, mata_pelatihan=2)
    mata = list(formulir.nominasi.kegiatan.program.mata_pelatihan.order_by("urutan"))
    client.force_login(pemeran.asn)
    body = client.get(isi_url(formulir)).content.decode()

    for mp in mata:
        assert mp.nama in body
        assert mp.pengajar in body
    # 7 items for each of 2 subjects, then 13 once; 4 choices each (Tidak Puas … Sangat Puas).
    skala = 7 * 2 + 13
    assert len(re.findall(r'<input type="radio"[^>]*class="btn-check"', body)) == skala * 4
    assert body.count("<textarea") == 2
    for label in ("Tidak Puas", "Kurang Puas", "Puas", "Sangat Puas"):
        assert f"<span>{label}</span>" in body
    assert "Sangat Baik" not in body
    for butir, mp in pertanyaan(formulir):
        assert f'name="{nama_isian((butir.pk, mp.pk if mp else None))}"' in body
    # Phone layout: stacked toggle buttons, a sticky submit, no inline scripts or styles (CSP).
    assert 'class="skala d-grid gap-2 d-sm-flex"' in body
    assert "sticky-bottom" in body
    assert "<table" not in body
    assert not re.search(r"<script(?![^>]*\bsrc=)", body)
    assert " style=" not in body


def test_the_atasan_page_says_whom_it_is_about_on_the_1_to_5_scale(client, pemeran):
    formulir = formulir_atasan(pemeran.kepala, pemeran.asn)
    client.force_login(pemeran.kepala)
    body = client.get(isi_url(formulir)).content.decode()
    nama = pemeran.asn.pegawai.nama_lengkap
    assert f"Penilaian penerapan hasil pelatihan oleh atasan untuk: {nama}" in body
    assert PESAN_RAHASIA not in body
    assert len(re.findall(r'<input type="radio"', body)) == 5 * 5
    for label in ("Sangat Kurang", "Cukup", "Sangat Baik"):
        assert f"<span>{label}</span>" in body


def test_the_pengisi_fills_the_form_and_the_answers_are_stored(client, pemeran):
    formulir = formulir_reaksi(pemeran.asn, mata_pelatihan=2)
    data = isian(formulir, nilai=4, teks="Menyusun SOP antrean daring.")
    client.force_login(pemeran.asn)

    response = client.post(isi_url(formulir), data, follow=True)

    assert response.redirect_chain == [(DAFTAR, 302)]
    assert "Terima kasih, jawaban Anda tersimpan." in response.content.decode()
    formulir.refresh_from_db()
    assert formulir.diisi_pada is not None
    assert formulir.jawaban.count() == 7 * 2 + 13 + 2
    assert set(formulir.jawaban.exclude(nilai=None).values_list("nilai", flat=True)) == {4}
    assert set(formulir.jawaban.filter(nilai=None).values_list("teks", flat=True)) == {
        "Menyusun SOP antrean daring."
    }
    for mp in formulir.nominasi.kegiatan.program.mata_pelatihan.all():
        assert formulir.jawaban.filter(mata_pelatihan=mp, pengajar=mp.pengajar).count() == 7
    # The form moves down the list and the list says there is nothing left to fill.
    assert list(response.context["page"].object_list) == [formulir]
    assert PESAN_KOSONG in response.content.decode()


def test_an_edit_shows_the_answers_replaces_them_and_keeps_the_first_date(client, pemeran):
    formulir = formulir_reaksi(pemeran.asn)
    client.force_login(pemeran.asn)
    client.post(isi_url(formulir), isian(formulir, nilai=2, teks="Rencana awal."))
    formulir.refresh_from_db()
    pertama = formulir.diisi_pada

    body = client.get(isi_url(formulir)).content.decode()
    assert len(re.findall(r'<input type="radio"[^>]*value="2"[^>]*checked', body)) == 7 * 2 + 13
    assert re.search(r"<textarea[^>]*>\s*Rencana awal\.</textarea>", body)
    assert len(re.findall(r"\bchecked\b", body)) == 7 * 2 + 13
    assert "Simpan perubahan" in body

    response = client.post(isi_url(formulir), isian(formulir, nilai=3, teks="Rencana akhir."))
    assert response.status_code == 302
    formulir.refresh_from_db()
    assert formulir.diisi_pada == pertama
    assert formulir.jawaban.count() == 7 * 2 + 13 + 2
    assert not formulir.jawaban.filter(nilai=2).exists()
    assert not formulir.jawaban.filter(teks="Rencana awal.").exists()


def _post_salah(client, pemeran, ubah):
    """Post a complete form after ``ubah(data, kunci)`` spoiled it; ``kunci(teks, urutan mata
    pelatihan or None)`` gives an answer's field name. Nothing may be stored."""
    formulir = formulir_reaksi(pemeran.asn)
    data = isian(formulir)
    nama = {
        (b.teks, mp.urutan if mp else None): nama_isian((b.pk, mp.pk if mp else None))
        for b, mp in pertanyaan(formulir)
    }
    ubah(data, lambda teks, urutan=None: nama[(teks, urutan)])
    client.force_login(pemeran.asn)
    response = client.post(isi_url(formulir), data)
    assert response.status_code == 200
    formulir.refresh_from_db()
    assert formulir.diisi_pada is None
    assert not formulir.jawaban.exists()
    return formulir, response


def test_a_missing_required_answer_is_shown_with_its_item_and_subject(client, pemeran):
    def ubah(data, kunci):
        del data[kunci("Konsumsi")]
        del data[kunci("Penguasaan materi", 2)]

    formulir, response = _post_salah(client, pemeran, ubah)
    mp = formulir.nominasi.kegiatan.program.mata_pelatihan.get(urutan=2)
    pesan = [p for errors in response.context["form"].errors.values() for p in errors]
    assert pesan == [
        f"Pilih nilai untuk “Penguasaan materi” untuk mata pelatihan {mp.nama}.",
        "Pilih nilai untuk “Konsumsi”.",
    ]
    body = response.content.decode()
    assert "Jawaban belum dapat disimpan:" in body
    assert "Pilih nilai untuk “Konsumsi”." in body


def test_a_value_out_of_the_scale_is_refused(client, pemeran):
    def ubah(data, kunci):
        data[kunci("Kenyamanan ruang belajar")] = "5"

    _, response = _post_salah(client, pemeran, ubah)
    pesan = [p for errors in response.context["form"].errors.values() for p in errors]
    assert pesan == ["Nilai untuk “Kenyamanan ruang belajar” harus 1 sampai 4."]
    assert "Nilai untuk “Kenyamanan ruang belajar” harus 1 sampai 4." in response.content.decode()


def test_an_empty_required_open_answer_is_refused(client, pemeran):
    teks = "Apa yang akan Anda terapkan dalam pekerjaan Anda sesudah pelatihan ini?"

    def ubah(data, kunci):
        data[kunci(teks)] = "   "

    _, response = _post_salah(client, pemeran, ubah)
    pesan = [p for errors in response.context["form"].errors.values() for p in errors]
    assert pesan == [f"Isi jawaban untuk “{teks}”."]


def test_an_empty_post_lists_every_required_item(client, pemeran):
    formulir = formulir_reaksi(pemeran.asn)
    client.force_login(pemeran.asn)
    response = client.post(isi_url(formulir), {})
    assert response.status_code == 200
    # Every scale item (7 × 2 + 13) and the required open item; the comment is optional.
    assert len(response.context["form"].errors) == 7 * 2 + 13 + 1
    assert not formulir.jawaban.exists()


def test_a_closed_form_shows_the_own_answers_read_only(client, pemeran):
    formulir = isi_formulir(
        formulir_reaksi(pemeran.asn, batas=-1), nilai=3, teks="Sudah saya terapkan."
    )
    client.force_login(pemeran.asn)
    response = client.get(isi_url(formulir))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Masa pengisian formulir ini sudah ditutup" in body
    assert "3 – Puas" in body
    assert "Sudah saya terapkan." in body
    assert 'type="radio"' not in body
    assert "Kirim jawaban" not in body
    assert "Simpan perubahan" not in body


def test_a_closed_form_never_filled_says_so(client, pemeran):
    formulir = formulir_reaksi(pemeran.asn, batas=-1)
    client.force_login(pemeran.asn)
    body = client.get(isi_url(formulir)).content.decode()
    assert "Anda tidak mengisi formulir ini." in body
    assert 'type="radio"' not in body


def test_a_closed_form_refuses_a_post(client, pemeran):
    formulir = isi_formulir(formulir_reaksi(pemeran.asn, batas=-1), nilai=3)
    diisi = formulir.diisi_pada
    client.force_login(pemeran.asn)
    response = client.post(isi_url(formulir), isian(formulir, nilai=1), follow=True)
    assert response.redirect_chain == [(isi_url(formulir), 302)]
    assert "Masa pengisian formulir ini sudah ditutup." in response.content.decode()
    formulir.refresh_from_db()
    assert formulir.diisi_pada == diisi
    assert not formulir.jawaban.filter(nilai=1).exists()
    assert formulir.jawaban.filter(nilai=3).exists()


def test_a_refusal_by_the_service_is_shown_on_the_form(client, pemeran, monkeypatch):
    # BKPSDM closes the form between the page loading it and the answers being saved.
    from evaluasi import selectors

    formulir = formulir_reaksi(pemeran.asn)
    asli = selectors.get_isian_formulir_for_user

    def lalu_ditutup(user, pk):
        isian_formulir = asli(user, pk)
        FormulirEvaluasi.objects.filter(pk=pk).update(batas=hari(-1))
        return isian_formulir

    monkeypatch.setattr(selectors, "get_isian_formulir_for_user", lalu_ditutup)
    client.force_login(pemeran.asn)
    response = client.post(isi_url(formulir), isian(formulir))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Masa pengisian formulir ini sudah ditutup."
    ]
    assert "Masa pengisian formulir ini sudah ditutup." in response.content.decode()
    assert not formulir.jawaban.exists()


def test_the_last_day_still_accepts_answers(client, pemeran):
    formulir = formulir_reaksi(pemeran.asn, batas=0)
    client.force_login(pemeran.asn)
    assert client.post(isi_url(formulir), isian(formulir)).status_code == 302
    assert formulir.jawaban.exists()


@pytest.mark.parametrize(
    "viewer",
    ["asn_lain_satu_opd", "kepala", "operator", "admin", "pimpinan", "kepala_lain", "asn_opd_lain"],
)
def test_nobody_but_the_pengisi_sees_or_answers_a_form(client, pemeran, viewer):
    formulir = isi_formulir(formulir_reaksi(pemeran.asn), nilai=2)
    client.force_login(getattr(pemeran, viewer))
    assert client.get(isi_url(formulir)).status_code == 404
    assert client.post(isi_url(formulir), isian(formulir, nilai=4)).status_code == 404
    assert not formulir.jawaban.filter(nilai=4).exists()
    assert formulir.jawaban.filter(nilai=2).exists()


def test_the_participant_does_not_see_the_atasans_form_about_them(client, pemeran):
    formulir = formulir_atasan(pemeran.kepala, pemeran.asn)
    client.force_login(pemeran.asn)
    assert client.get(isi_url(formulir)).status_code == 404
    assert client.post(isi_url(formulir), isian(formulir)).status_code == 404
    assert not formulir.jawaban.exists()


def test_a_form_that_does_not_exist_is_404(client, pemeran):
    client.force_login(pemeran.asn)
    assert client.get(reverse("evaluasi:formulir-isi", args=[999999])).status_code == 404


@pytest.mark.parametrize("metode", ["put", "delete", "patch"])
def test_the_form_page_answers_get_and_post_only(client, pemeran, metode):
    formulir = formulir_reaksi(pemeran.asn)
    client.force_login(pemeran.asn)
    assert getattr(client, metode)(isi_url(formulir)).status_code == 405


@pytest.mark.parametrize("terisi", [False, True])
def test_the_form_page_query_count_does_not_grow_with_the_subjects(
    client, pemeran, django_assert_num_queries, terisi
):
    client.force_login(pemeran.asn)
    satu = formulir_reaksi(pemeran.asn, mata_pelatihan=1)
    lima = formulir_reaksi(pemeran.asn, mata_pelatihan=5)
    if terisi:
        isi_formulir(satu)
        isi_formulir(lima)
    for formulir in (satu, lima):
        with django_assert_num_queries(10):
            response = client.get(isi_url(formulir))
        assert response.status_code == 200
    assert len(response.context["form"].fields) == 7 * 5 + 13 + 2


def test_saving_takes_the_same_queries_for_1_and_5_subjects(
    client, pemeran, django_assert_num_queries
):
    client.force_login(pemeran.asn)
    for n in (1, 5):
        formulir = formulir_reaksi(pemeran.asn, mata_pelatihan=n)
        data = isian(formulir)
        with django_assert_num_queries(15):
            assert client.post(isi_url(formulir), data).status_code == 302
        assert formulir.jawaban.count() == 7 * n + 13 + 2
