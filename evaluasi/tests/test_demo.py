"""evaluasi.demo: feedback forms for exactly the attendees of the finished demo events, answers on
the questionnaire's scale for every required item, level-3 forms from day 90 for the atasan and
the graduate, and the two forms left open for the first look after ``make run``."""

from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import Count, Q

from evaluasi import demo
from evaluasi.models import ButirKuesioner, FormulirEvaluasi, Jawaban, TindakLanjut
from pegawai import demo as pegawai_demo
from pegawai.models import DataDemo, Notifikasi
from pelatihan import demo as pelatihan_demo
from pelatihan.models import KegiatanPelatihan, Kehadiran, Nominasi

pytestmark = pytest.mark.django_db

HARI_INI = pegawai_demo.TANGGAL_ACUAN
J = FormulirEvaluasi.Jenis


def bangun(pegawai=150, seed=2026) -> demo.HasilEvaluasiDemo:
    if DataDemo.objects.exists():
        demo.evaluasi_demo_delete()
        pelatihan_demo.kegiatan_demo_delete()
        pelatihan_demo.demo_delete()
    pegawai_demo.demo_build(jumlah_pegawai=pegawai, seed=seed)
    pelatihan_demo.demo_build(seed=seed)
    pelatihan_demo.kegiatan_demo_build(seed=seed)
    return demo.evaluasi_demo_build(seed=seed)


def test_feedback_forms_go_to_exactly_the_attendees_of_finished_events():
    hasil = bangun()
    hadir = set(
        Kehadiran.objects.filter(status=Kehadiran.Status.HADIR).values_list(
            "nominasi_id", flat=True
        )
    )
    peserta = Nominasi.objects.filter(
        kegiatan__status=KegiatanPelatihan.Status.SELESAI,
        status__in=(Nominasi.Status.LULUS, Nominasi.Status.TIDAK_LULUS),
        pegawai__user__isnull=False,
    )
    diharapkan = {n.pk for n in peserta if n.pk in hadir}
    formulir = FormulirEvaluasi.objects.filter(jenis=J.REAKSI)
    assert set(formulir.values_list("nominasi_id", flat=True)) == diharapkan
    assert formulir.count() == hasil.formulir_reaksi == len(diharapkan)
    # Someone was absent throughout and got none.
    assert peserta.exclude(pk__in=diharapkan).exists()
    assert all(f.pengisi_id == f.nominasi.pegawai.user_id for f in formulir)


def test_every_filled_form_answers_every_required_item_on_its_scale():
    hasil = bangun()
    terisi = FormulirEvaluasi.objects.terisi().select_related("kuesioner", "nominasi__kegiatan")
    assert terisi.count() == hasil.reaksi_terisi + hasil.perilaku_terisi > 0
    for f in terisi:
        mata = f.nominasi.kegiatan.program.mata_pelatihan.count()
        wajib = ButirKuesioner.objects.filter(bagian__kuesioner=f.kuesioner, wajib=True)
        perlu = sum(mata if b.bagian.per_mata_pelatihan else 1 for b in wajib)
        dijawab = Jawaban.objects.filter(formulir=f, butir__wajib=True).count()
        assert dijawab == perlu
        nilai = Jawaban.objects.filter(formulir=f, nilai__isnull=False).values_list(
            "nilai", flat=True
        )
        assert set(nilai) <= set(range(1, f.kuesioner.nilai_maksimum + 1))
    assert not Jawaban.objects.filter(formulir__diisi_pada__isnull=True).exists()
    assert Jawaban.objects.count() == hasil.jawaban


def test_level_three_forms_open_ninety_days_after_the_end_for_the_atasan_and_the_graduate():
    bangun()
    perilaku = FormulirEvaluasi.objects.exclude(jenis=J.REAKSI).select_related(
        "nominasi__kegiatan", "nominasi__pegawai__atasan"
    )
    assert perilaku.exists()
    for f in perilaku:
        k = f.nominasi.kegiatan
        assert f.nominasi.status == Nominasi.Status.LULUS
        assert k.tanggal_selesai + timedelta(days=90) <= HARI_INI
        assert f.batas == k.tanggal_selesai + timedelta(days=120)
        if f.jenis == J.PERILAKU_DIRI:
            assert f.pengisi_id == f.nominasi.pegawai.user_id
        else:
            assert f.pengisi_id != f.nominasi.pegawai.user_id
            atasan = f.nominasi.pegawai.atasan
            if atasan is not None and atasan.user_id:
                assert f.pengisi_id == atasan.user_id
    # Events that ended less than 90 days ago have none.
    baru = KegiatanPelatihan.objects.filter(
        status=KegiatanPelatihan.Status.SELESAI,
        tanggal_selesai__gt=HARI_INI - timedelta(days=90),
    )
    assert baru.exists()
    assert not perilaku.filter(nominasi__kegiatan__in=baru).exists()


def test_the_walkthrough_forms_are_open_and_waiting_in_the_inbox():
    bangun()
    asn = FormulirEvaluasi.objects.filter(pengisi__username=pegawai_demo.ASN_DINKES).menunggu(
        HARI_INI
    )
    assert [(f.jenis, f.nominasi.kegiatan.program.kode) for f in asn] == [(J.REAKSI, "LKS-SKP")]
    kadis = FormulirEvaluasi.objects.filter(pengisi__username=pegawai_demo.KADIS_DINKES).menunggu(
        HARI_INI
    )
    assert [(f.jenis, f.nominasi.kegiatan.program.kode) for f in kadis] == [
        (J.PERILAKU_ATASAN, "LKS-KEU")
    ] * 2
    for f in [*asn, *kadis]:
        assert Notifikasi.objects.filter(
            penerima=f.pengisi, kunci=f"evaluasi:formulir:{f.pk}", tautan__endswith=f"/{f.pk}/"
        ).exists()
    # Others of the same class have answered already: the report has something to show.
    assert (
        FormulirEvaluasi.objects.filter(nominasi__kegiatan=asn[0].nominasi.kegiatan)
        .terisi()
        .count()
        >= 5
    )


def test_reports_have_differences_to_show_and_actions_to_track():
    bangun()
    per_bagian = dict(
        Jawaban.objects.filter(
            formulir__jenis=J.REAKSI,
            formulir__nominasi__kegiatan__program__kode="LKS-PP",
            nilai__isnull=False,
        )
        .values_list("butir__bagian__nama")
        .annotate(n=Count("pk"), rendah=Count("pk", filter=Q(nilai__lte=2)))
        .values_list("butir__bagian__nama", "rendah")
    )
    # The poor venue of the first Pelayanan Publik class shows in the Sarana section.
    assert per_bagian["Sarana"] > per_bagian["Materi"]
    status = Counter(TindakLanjut.objects.values_list("status", flat=True))
    assert status == {"selesai": 1, "berjalan": 1, "direncanakan": 1}
    assert any(t.terlambat(HARI_INI) for t in TindakLanjut.objects.all())


def test_a_rebuild_gives_the_same_answers():
    def snapshot():
        return sorted(
            Jawaban.objects.values_list(
                "formulir__nominasi__pegawai__nip",
                "formulir__jenis",
                "butir_id",
                "mata_pelatihan__nama",
                "nilai",
                "teks",
            )
        )

    bangun()
    pertama = snapshot()
    bangun()
    assert snapshot() == pertama
