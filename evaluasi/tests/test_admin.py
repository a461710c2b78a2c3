"""The evaluation admin: questionnaires with sections and items, issued forms without their
answers, level-4 indicators, improvement actions prefilled from the reports."""

import datetime

import pytest
from django.urls import reverse

from evaluasi.models import (
    BagianKuesioner,
    FormulirEvaluasi,
    IndikatorHasil,
    TindakLanjut,
)
from evaluasi.tests.factories import (
    FormulirEvaluasiFactory,
    IndikatorHasilFactory,
    NilaiIndikatorFactory,
    TindakLanjutFactory,
    isi_formulir,
    kegiatan_selesai,
    kuesioner_reaksi,
    peserta,
)
from pegawai.models import PerangkatDaerah
from pegawai.tests.factories import PegawaiFactory, PenggunaFactory
from pelatihan.tests.factories_kegiatan import ProgramPelatihanFactory


def url(model, aksi="changelist", *args):
    return reverse(f"admin:evaluasi_{model}_{aksi}", args=args)


TL_TAMBAH = url("tindaklanjut", "add")


def formulir_terisi(teks="Jawaban rahasia uji"):
    formulir = FormulirEvaluasiFactory(nominasi=peserta(kegiatan_selesai()))
    return isi_formulir(formulir, 4, teks=teks)


# --- Who may use it ------------------------------------------------------------------------------


def test_every_page_loads_for_admin_bkpsdm(client, pemeran):
    formulir = formulir_terisi()
    indikator = IndikatorHasilFactory()
    NilaiIndikatorFactory(indikator=indikator, perangkat_daerah=pemeran.opd)
    tindak = TindakLanjutFactory()
    bagian = BagianKuesioner.objects.filter(kuesioner=kuesioner_reaksi()).first()
    client.force_login(pemeran.admin)
    for alamat in (
        url("kuesioner"),
        url("kuesioner", "add"),
        url("kuesioner", "change", kuesioner_reaksi().pk),
        url("bagiankuesioner"),
        url("bagiankuesioner", "change", bagian.pk),
        url("formulirevaluasi"),
        url("formulirevaluasi", "change", formulir.pk),
        url("indikatorhasil"),
        url("indikatorhasil", "add"),
        url("indikatorhasil", "change", indikator.pk),
        url("tindaklanjut"),
        TL_TAMBAH,
        url("tindaklanjut", "change", tindak.pk),
    ):
        assert client.get(alamat).status_code == 200, alamat


def test_only_admin_bkpsdm_works_here(client, pemeran):
    formulir_terisi()
    TindakLanjutFactory()
    staf = PenggunaFactory(username="staf.biasa", is_staff=True)
    for user in (staf, pemeran.kepala, pemeran.operator, pemeran.pimpinan, pemeran.asn):
        client.force_login(user)
        for alamat in (
            url("kuesioner"),
            url("formulirevaluasi"),
            url("indikatorhasil"),
            url("tindaklanjut"),
            TL_TAMBAH,
        ):
            response = client.get(alamat)
            assert response.status_code in (302, 403), (user, alamat)
            assert "cl" not in (response.context or {})


def test_anonymous_is_sent_to_the_admin_login(client, db):
    response = client.get(url("tindaklanjut"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


# --- Questionnaires ------------------------------------------------------------------------------


def test_questionnaire_page_links_to_each_section_and_the_section_edits_its_items(client, pemeran):
    client.force_login(pemeran.admin)
    kuesioner = kuesioner_reaksi()
    materi = BagianKuesioner.objects.get(kuesioner=kuesioner, nama="Materi")
    body = client.get(url("kuesioner", "change", kuesioner.pk)).content.decode()
    assert url("bagiankuesioner", "change", materi.pk) in body

    response = client.get(url("bagiankuesioner", "change", materi.pk))
    butir = list(materi.butir.order_by("urutan"))
    for b in butir:
        assert b.teks in response.content.decode()

    data = {
        "kuesioner": kuesioner.pk,
        "urutan": materi.urutan,
        "nama": "Materi pelatihan",
        "butir-TOTAL_FORMS": len(butir) + 1,
        "butir-INITIAL_FORMS": len(butir),
        "butir-MIN_NUM_FORMS": 0,
        "butir-MAX_NUM_FORMS": 1000,
    }
    for i, b in enumerate([*butir, None]):
        data.update(
            {
                f"butir-{i}-id": b.pk if b else "",
                f"butir-{i}-bagian": materi.pk,
                f"butir-{i}-urutan": b.urutan if b else len(butir) + 1,
                f"butir-{i}-teks": b.teks if b else "Keterkaitan materi antarsesi",
                f"butir-{i}-jenis": "skala",
                f"butir-{i}-wajib": "on",
                f"butir-{i}-penanda": "",
            }
        )
    data["butir-1-teks"] = "Kemutakhiran dan relevansi materi"
    response = client.post(url("bagiankuesioner", "change", materi.pk), data)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    materi.refresh_from_db()
    assert materi.nama == "Materi pelatihan"
    assert list(materi.butir.order_by("urutan").values_list("teks", flat=True))[1:] == [
        "Kemutakhiran dan relevansi materi",
        *[b.teks for b in butir[2:]],
        "Keterkaitan materi antarsesi",
    ]


def test_scale_and_level_are_fixed_once_forms_use_the_questionnaire(client, pemeran):
    client.force_login(pemeran.admin)
    alamat = url("kuesioner", "change", kuesioner_reaksi().pk)
    assert 'name="skala"' in client.get(alamat).content.decode()
    FormulirEvaluasiFactory()
    body = client.get(alamat).content.decode()
    assert 'name="skala"' not in body and 'name="level"' not in body
    assert 'name="nama"' in body


def test_sections_are_not_listed_on_the_admin_index(client, pemeran):
    client.force_login(pemeran.admin)
    body = client.get(reverse("admin:app_list", args=["evaluasi"])).content.decode()
    assert url("kuesioner") in body
    assert url("bagiankuesioner") not in body


# --- Issued forms --------------------------------------------------------------------------------


def test_forms_list_names_event_and_state_but_never_the_answers(client, pemeran):
    terisi = formulir_terisi("Jawaban rahasia uji")
    kosong = FormulirEvaluasiFactory()
    client.force_login(pemeran.admin)

    response = client.get(url("formulirevaluasi"))
    body = response.content.decode()
    assert {f.pk for f in response.context["cl"].result_list} == {terisi.pk, kosong.pk}
    assert terisi.nominasi.pegawai.nama in body
    assert str(terisi.nominasi.kegiatan) in body
    assert "Jawaban rahasia uji" not in body
    assert (
        client.get(url("formulirevaluasi"), {"terisi": "ya"}).context["cl"].result_list[0] == terisi
    )
    belum = client.get(url("formulirevaluasi"), {"terisi": "tidak"}).context["cl"].result_list
    assert list(belum) == [kosong]

    detail = client.get(url("formulirevaluasi", "change", terisi.pk)).content.decode()
    assert "Jawaban rahasia uji" not in detail
    assert 'name="_save"' not in detail  # read-only


def test_forms_cannot_be_added_changed_or_deleted(client, pemeran):
    formulir = formulir_terisi()
    client.force_login(pemeran.admin)
    assert client.get(url("formulirevaluasi", "add")).status_code == 403
    response = client.post(url("formulirevaluasi", "change", formulir.pk), {"batas": "2030-01-01"})
    assert response.status_code == 403
    assert client.post(url("formulirevaluasi", "delete", formulir.pk)).status_code == 403
    assert FormulirEvaluasi.objects.filter(pk=formulir.pk, diisi_pada__isnull=False).exists()


def test_forms_are_found_by_nip_or_name(client, pemeran):
    pegawai = PegawaiFactory(nama="Teuku Umar Uji", user=PenggunaFactory())
    dicari = FormulirEvaluasiFactory(nominasi=peserta(kegiatan_selesai(), pegawai))
    FormulirEvaluasiFactory()
    client.force_login(pemeran.admin)
    for q in (pegawai.nip[:10], "umar uji"):
        hasil = client.get(url("formulirevaluasi"), {"q": q}).context["cl"].result_list
        assert list(hasil) == [dicari], q


@pytest.mark.parametrize(("model", "jumlah"), [("formulirevaluasi", 10), ("tindaklanjut", 12)])
def test_changelists_run_constant_queries(
    client, pemeran, django_assert_num_queries, model, jumlah
):
    client.force_login(pemeran.admin)
    for n in (1, 6):
        for _ in range(n):
            FormulirEvaluasiFactory()
            TindakLanjutFactory(kegiatan=kegiatan_selesai())
        with django_assert_num_queries(jumlah):
            assert client.get(url(model)).status_code == 200


# --- Level 4 indicators --------------------------------------------------------------------------


def test_admin_records_an_indicator_with_its_programs_and_values(client, pemeran):
    program = ProgramPelatihanFactory()
    client.force_login(pemeran.admin)
    response = client.post(
        url("indikatorhasil", "add"),
        {
            "nama": "Indeks Kepuasan Masyarakat",
            "satuan": "indeks",
            "naik_lebih_baik": "on",
            "keterangan": "Survei IKM tahunan",
            "program": [program.pk],
            "nilai-TOTAL_FORMS": 2,
            "nilai-INITIAL_FORMS": 0,
            "nilai-MIN_NUM_FORMS": 0,
            "nilai-MAX_NUM_FORMS": 1000,
            "nilai-0-perangkat_daerah": pemeran.opd.pk,
            "nilai-0-tahun": 2024,
            "nilai-0-nilai": "78.50",
            "nilai-0-sumber": "Laporan IKM",
            "nilai-1-perangkat_daerah": pemeran.opd.pk,
            "nilai-1-tahun": 2025,
            "nilai-1-nilai": "81",
            "nilai-1-sumber": "",
        },
    )
    assert response.status_code == 302
    indikator = IndikatorHasil.objects.get(nama="Indeks Kepuasan Masyarakat")
    assert list(indikator.program.all()) == [program]
    assert sorted(indikator.nilai.values_list("tahun", "nilai")) == [(2024, 78.5), (2025, 81)]


def test_indicator_page_reads_the_opds_once_however_many_values(
    client, pemeran, django_assert_num_queries
):
    indikator = IndikatorHasilFactory()
    client.force_login(pemeran.admin)
    opd = list(PerangkatDaerah.objects.order_by("kode")[:12])
    NilaiIndikatorFactory(indikator=indikator, perangkat_daerah=opd[0], tahun=2020)
    client.get(url("indikatorhasil", "change", indikator.pk))
    with django_assert_num_queries(12) as sedikit:
        client.get(url("indikatorhasil", "change", indikator.pk))
    for o in opd[1:]:
        for tahun in (2021, 2022):
            NilaiIndikatorFactory(indikator=indikator, perangkat_daerah=o, tahun=tahun)
    with django_assert_num_queries(len(sedikit)):
        response = client.get(url("indikatorhasil", "change", indikator.pk))
    assert response.status_code == 200


# --- Improvement actions -------------------------------------------------------------------------


def test_add_form_is_prefilled_from_the_report(client, pemeran):
    program = ProgramPelatihanFactory(nama="Pelatihan Kearsipan Digital")
    client.force_login(pemeran.admin)
    response = client.get(TL_TAMBAH, {"program": program.pk})
    assert response.status_code == 200
    assert response.context["adminform"].form.initial["program"] == str(program.pk)
    assert f'<option value="{program.pk}" selected>Pelatihan Kearsipan Digital</option>' in (
        response.content.decode()
    )


def test_an_event_alone_brings_its_program_and_junk_is_ignored(client, pemeran):
    kegiatan = kegiatan_selesai()
    client.force_login(pemeran.admin)
    initial = client.get(TL_TAMBAH, {"kegiatan": kegiatan.pk}).context["adminform"].form.initial
    assert initial["program"] == kegiatan.program_id
    response = client.get(TL_TAMBAH, {"program": "abc", "kegiatan": "1 OR 1=1"})
    assert response.status_code == 200
    assert "program" not in response.context["adminform"].form.initial


def data_tindak_lanjut(program, **ubah):
    return {
        "program": program.pk,
        "kegiatan": "",
        "temuan": "Alokasi waktu praktik kurang",
        "tindakan": "Tambah 4 JP praktik",
        "penanggung_jawab": "Kepala Bidang PSDM",
        "batas_waktu": "2026-12-31",
        "status": "direncanakan",
        "selesai_pada": "",
        "catatan": "",
        **ubah,
    }


def test_saving_records_who_and_returns_to_the_report(client, pemeran):
    program = ProgramPelatihanFactory()
    laporan = reverse("laporan:efektivitas-program", args=[program.pk])
    client.force_login(pemeran.admin)

    response = client.post(
        f"{TL_TAMBAH}?program={program.pk}&next={laporan}", data_tindak_lanjut(program)
    )

    assert response.status_code == 302
    assert response["Location"] == laporan
    tindak = TindakLanjut.objects.get(program=program)
    assert tindak.dibuat_oleh == pemeran.admin
    assert tindak.tindakan == "Tambah 4 JP praktik"

    # Another admin editing it later does not become its author.
    admin_lain = PenggunaFactory(is_superuser=True, is_staff=True)
    client.force_login(admin_lain)
    response = client.post(
        url("tindaklanjut", "change", tindak.pk) + f"?next={laporan}",
        data_tindak_lanjut(program, status="selesai", selesai_pada="2026-02-01"),
    )
    assert response["Location"] == laporan
    tindak.refresh_from_db()
    assert (tindak.status, tindak.dibuat_oleh) == ("selesai", pemeran.admin)


def test_without_a_safe_next_it_goes_to_the_list(client, pemeran):
    program = ProgramPelatihanFactory()
    client.force_login(pemeran.admin)
    response = client.post(TL_TAMBAH, data_tindak_lanjut(program))
    assert response["Location"] == url("tindaklanjut")
    response = client.post(f"{TL_TAMBAH}?next=https://contoh.invalid/", data_tindak_lanjut(program))
    assert response["Location"] == url("tindaklanjut")
    response = client.post(
        f"{TL_TAMBAH}?next=/laporan/", {**data_tindak_lanjut(program), "_continue": "1"}
    )
    assert "/change/" in response["Location"]


def test_a_finished_action_needs_its_date(client, pemeran):
    program = ProgramPelatihanFactory()
    client.force_login(pemeran.admin)
    response = client.post(TL_TAMBAH, data_tindak_lanjut(program, status="selesai"))
    assert response.status_code == 200
    assert "Tanggal selesai diisi tepat ketika status tindak lanjut" in response.content.decode()
    assert not TindakLanjut.objects.exists()


def test_overdue_filter_and_marker(client, pemeran):
    kemarin = datetime.date.today() - datetime.timedelta(days=1)
    lewat = TindakLanjutFactory(batas_waktu=kemarin)
    TindakLanjutFactory()
    TindakLanjutFactory(
        batas_waktu=kemarin, status=TindakLanjut.Status.SELESAI, selesai_pada=kemarin
    )
    client.force_login(pemeran.admin)
    response = client.get(url("tindaklanjut"), {"terlambat": "ya"})
    assert list(response.context["cl"].result_list) == [lewat]
    assert 'alt="True"' in response.content.decode()
