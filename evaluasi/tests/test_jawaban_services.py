"""evaluasi.services.jawaban_save: who may answer, until when, what must be answered."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluasi.models import ButirKuesioner, FormulirEvaluasi, Jawaban
from evaluasi.services import jawaban_save
from evaluasi.tests.factories import (
    FormulirEvaluasiFactory,
    kegiatan_selesai,
    kuesioner_perilaku,
    peserta,
)
from pelatihan.models import MataPelatihan

pytestmark = pytest.mark.django_db


def butir_of(formulir):
    return list(
        ButirKuesioner.objects.filter(bagian__kuesioner=formulir.kuesioner)
        .select_related("bagian")
        .order_by("bagian__urutan", "urutan")
    )


def mata_of(formulir):
    return list(
        MataPelatihan.objects.filter(program=formulir.nominasi.kegiatan.program).order_by("urutan")
    )


def jawaban_lengkap(formulir, nilai=3, teks="Menerapkan SOP pelayanan baru."):
    """Every item answered: scale items with ``nilai`` (a number or a function of the item and
    subject), open items with ``teks``."""
    mata = mata_of(formulir)
    hasil = {}
    for butir in butir_of(formulir):
        for mp in mata if butir.bagian.per_mata_pelatihan else [None]:
            kunci = (butir.pk, mp.pk if mp else None)
            if butir.jenis == ButirKuesioner.Jenis.SKALA:
                hasil[kunci] = nilai(butir, mp) if callable(nilai) else nilai
            else:
                hasil[kunci] = teks
    return hasil


def jumlah_pertanyaan(formulir):
    mata = mata_of(formulir)
    return sum(len(mata) if b.bagian.per_mata_pelatihan else 1 for b in butir_of(formulir))


@pytest.fixture
def formulir():
    return FormulirEvaluasiFactory(nominasi=peserta(kegiatan_selesai(mata_pelatihan=3)))


def test_the_pengisi_answers_and_every_answer_is_stored(formulir):
    nilai = {}

    def nilai_per_butir(butir, mp):
        nilai[(butir.pk, mp.pk if mp else None)] = (butir.pk + (mp.pk if mp else 0)) % 4 + 1
        return nilai[(butir.pk, mp.pk if mp else None)]

    data = jawaban_lengkap(formulir, nilai=nilai_per_butir)
    sebelum = timezone.now()

    hasil = jawaban_save(formulir=formulir, oleh=formulir.pengisi, jawaban=data)

    assert hasil.pk == formulir.pk
    formulir.refresh_from_db()
    assert formulir.diisi_pada is not None and formulir.diisi_pada >= sebelum
    # 7 items × 3 subjects + 5 + 4 + 4 scale items + 2 open items.
    assert jumlah_pertanyaan(formulir) == 7 * 3 + 13 + 2
    assert formulir.jawaban.count() == 7 * 3 + 13 + 2
    tersimpan = {(j.butir_id, j.mata_pelatihan_id): j for j in formulir.jawaban.all()}
    for kunci, isi in data.items():
        j = tersimpan[kunci]
        if isinstance(isi, int):
            assert (j.nilai, j.teks) == (isi, "")
        else:
            assert (j.nilai, j.teks) == (None, isi)


def test_the_pengajar_of_each_subject_is_copied_into_its_answers(formulir):
    jawaban_save(formulir=formulir, oleh=formulir.pengisi, jawaban=jawaban_lengkap(formulir))
    mata = {mp.pk: mp for mp in mata_of(formulir)}
    per_mata = Jawaban.objects.filter(formulir=formulir, mata_pelatihan__isnull=False)
    assert per_mata.count() == 7 * 3
    for j in per_mata:
        assert j.pengajar == mata[j.mata_pelatihan_id].pengajar
        assert j.pengajar.startswith("Pengajar ")
    assert set(
        Jawaban.objects.filter(formulir=formulir, mata_pelatihan__isnull=True).values_list(
            "pengajar", flat=True
        )
    ) == {""}
    # The copy stays when the curriculum is edited later.
    MataPelatihan.objects.filter(pk__in=mata).update(pengajar="Pengajar Pengganti")
    assert not per_mata.filter(pengajar="Pengajar Pengganti").exists()


def test_an_edit_replaces_the_answers_and_keeps_the_first_submission_date(formulir):
    jawaban_save(formulir=formulir, oleh=formulir.pengisi, jawaban=jawaban_lengkap(formulir))
    formulir.refresh_from_db()
    pertama = formulir.diisi_pada
    lama = set(formulir.jawaban.values_list("pk", flat=True))

    data = jawaban_lengkap(formulir, nilai=4, teks="Membuat inovasi antrean daring.")
    komentar = next(b for b in butir_of(formulir) if b.penanda == ButirKuesioner.Penanda.KOMENTAR)
    data[(komentar.pk, None)] = ""  # optional: left empty this time
    jawaban_save(formulir=formulir, oleh=formulir.pengisi, jawaban=data)

    formulir.refresh_from_db()
    assert formulir.diisi_pada == pertama
    assert formulir.jawaban.count() == 7 * 3 + 13 + 1
    assert not formulir.jawaban.filter(pk__in=lama).exists()
    assert set(formulir.jawaban.exclude(nilai=None).values_list("nilai", flat=True)) == {4}
    assert list(formulir.jawaban.filter(nilai=None).values_list("teks", flat=True)) == [
        "Membuat inovasi antrean daring."
    ]


def test_an_optional_item_may_be_left_out(formulir):
    data = jawaban_lengkap(formulir)
    komentar = next(b for b in butir_of(formulir) if b.penanda == ButirKuesioner.Penanda.KOMENTAR)
    del data[(komentar.pk, None)]
    jawaban_save(formulir=formulir, oleh=formulir.pengisi, jawaban=data)
    assert not formulir.jawaban.filter(butir=komentar).exists()
    assert formulir.jawaban.count() == 7 * 3 + 13 + 1


def pesan(excinfo) -> str:
    return " ".join(excinfo.value.messages)


def assert_nothing_stored(formulir):
    formulir.refresh_from_db()
    assert formulir.diisi_pada is None
    assert not formulir.jawaban.exists()


def test_a_missing_required_scale_answer_is_refused_naming_the_item_and_subject(formulir):
    data = jawaban_lengkap(formulir)
    butir = next(b for b in butir_of(formulir) if b.bagian.per_mata_pelatihan)
    mp = mata_of(formulir)[1]
    del data[(butir.pk, mp.pk)]
    with pytest.raises(ValidationError) as excinfo:
        jawaban_save(formulir=formulir, oleh=formulir.pengisi, jawaban=data)
    assert pesan(excinfo) == (
        f"Nilai untuk “{butir.teks}” untuk mata pelatihan {mp.nama} wajib dipilih."
    )
    assert_nothing_stored(formulir)


@pytest.mark.parametrize("nilai", [0, 5, 9, -1, "abc"])
def test_a_value_outside_the_scale_is_refused(formulir, nilai):
    # The level-1 scale is 1–4 (Tidak Puas … Sangat Puas): 5 is out of range here.
    data = jawaban_lengkap(formulir)
    butir = next(b for b in butir_of(formulir) if b.bagian.nama == "Sarana")
    data[(butir.pk, None)] = nilai
    with pytest.raises(ValidationError) as excinfo:
        jawaban_save(formulir=formulir, oleh=formulir.pengisi, jawaban=data)
    assert pesan(excinfo) == f"Nilai untuk “{butir.teks}” harus 1 sampai 4."
    assert_nothing_stored(formulir)


def test_the_level_3_scale_goes_to_5():
    nominasi = peserta(kegiatan_selesai())
    formulir = FormulirEvaluasiFactory(
        nominasi=nominasi,
        jenis=FormulirEvaluasi.Jenis.PERILAKU_DIRI,
        kuesioner=kuesioner_perilaku(),
    )
    data = jawaban_lengkap(formulir, nilai=5)
    jawaban_save(formulir=formulir, oleh=formulir.pengisi, jawaban=data)
    assert formulir.jawaban.filter(nilai=5).count() == 5

    butir = butir_of(formulir)[0]
    data[(butir.pk, None)] = 6
    with pytest.raises(ValidationError) as excinfo:
        jawaban_save(formulir=formulir, oleh=formulir.pengisi, jawaban=data)
    assert pesan(excinfo) == f"Nilai untuk “{butir.teks}” harus 1 sampai 5."


@pytest.mark.parametrize("teks", ["", "   \n "])
def test_an_empty_required_open_answer_is_refused(formulir, teks):
    data = jawaban_lengkap(formulir)
    rencana = next(
        b for b in butir_of(formulir) if b.penanda == ButirKuesioner.Penanda.RENCANA_PENERAPAN
    )
    data[(rencana.pk, None)] = teks
    with pytest.raises(ValidationError) as excinfo:
        jawaban_save(formulir=formulir, oleh=formulir.pengisi, jawaban=data)
    assert pesan(excinfo) == f"Jawaban untuk “{rencana.teks}” wajib diisi."
    assert_nothing_stored(formulir)


def test_every_problem_is_reported_at_once(formulir):
    data = jawaban_lengkap(formulir)
    butir = butir_of(formulir)
    skala = [b for b in butir if not b.bagian.per_mata_pelatihan and b.jenis == "skala"]
    del data[(skala[0].pk, None)]
    data[(skala[1].pk, None)] = 7
    with pytest.raises(ValidationError) as excinfo:
        jawaban_save(formulir=formulir, oleh=formulir.pengisi, jawaban=data)
    assert len(excinfo.value.messages) == 2


def test_answers_for_items_or_subjects_not_on_the_form_are_refused(formulir):
    lain = FormulirEvaluasiFactory(kuesioner=kuesioner_perilaku(), jenis="perilaku_diri")
    data = jawaban_lengkap(formulir)
    data[(butir_of(lain)[0].pk, None)] = 3
    with pytest.raises(ValidationError) as excinfo:
        jawaban_save(formulir=formulir, oleh=formulir.pengisi, jawaban=data)
    assert pesan(excinfo) == "Ada jawaban untuk butir yang tidak terdapat pada formulir ini."

    # A subject of another program for a per-subject item.
    data = jawaban_lengkap(formulir)
    butir = next(b for b in butir_of(formulir) if b.bagian.per_mata_pelatihan)
    data[(butir.pk, mata_of(lain)[0].pk)] = 3
    with pytest.raises(ValidationError):
        jawaban_save(formulir=formulir, oleh=formulir.pengisi, jawaban=data)
    assert_nothing_stored(formulir)


def test_only_the_pengisi_may_answer(formulir, pemeran):
    for orang in (pemeran.admin, pemeran.kepala, pemeran.asn, None):
        with pytest.raises(ValidationError) as excinfo:
            jawaban_save(formulir=formulir, oleh=orang, jawaban=jawaban_lengkap(formulir))
        assert pesan(excinfo) == "Formulir ini bukan untuk Anda isi."
    assert_nothing_stored(formulir)


def test_the_last_day_is_still_open_and_the_day_after_is_closed(formulir):
    batas = formulir.batas
    jawaban_save(
        formulir=formulir, oleh=formulir.pengisi, jawaban=jawaban_lengkap(formulir), hari_ini=batas
    )
    formulir.refresh_from_db()
    diisi = formulir.diisi_pada
    assert formulir.jawaban.filter(nilai=3).exists()

    with pytest.raises(ValidationError) as excinfo:
        jawaban_save(
            formulir=formulir,
            oleh=formulir.pengisi,
            jawaban=jawaban_lengkap(formulir, nilai=1),
            hari_ini=batas + datetime.timedelta(days=1),
        )
    assert pesan(excinfo) == "Masa pengisian formulir ini sudah ditutup."
    formulir.refresh_from_db()
    assert formulir.diisi_pada == diisi
    assert not formulir.jawaban.filter(nilai=1).exists()


def test_a_closed_form_is_refused_by_default_today():
    formulir = FormulirEvaluasiFactory(batas=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as excinfo:
        jawaban_save(formulir=formulir, oleh=formulir.pengisi, jawaban=jawaban_lengkap(formulir))
    assert pesan(excinfo) == "Masa pengisian formulir ini sudah ditutup."
    assert_nothing_stored(formulir)


def test_the_closing_date_is_read_from_the_database_not_the_callers_copy(formulir):
    # BKPSDM moved the deadline back while the form was open on the phone.
    FormulirEvaluasi.objects.filter(pk=formulir.pk).update(
        batas=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="sudah ditutup"):
        jawaban_save(formulir=formulir, oleh=formulir.pengisi, jawaban=jawaban_lengkap(formulir))
    assert_nothing_stored(formulir)


def test_the_service_locks_the_form(formulir, django_assert_num_queries):
    data = jawaban_lengkap(formulir)
    with django_assert_num_queries(8) as captured:
        jawaban_save(formulir=formulir, oleh=formulir.pengisi, jawaban=data)
    assert any(
        "FOR UPDATE" in q["sql"] and "evaluasi_formulirevaluasi" in q["sql"]
        for q in captured.captured_queries
    )
