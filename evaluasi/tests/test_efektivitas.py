"""The effectiveness selectors against figures worked out by hand from the answers given, and the
anonymity threshold on every breakdown."""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest

from evaluasi import efektivitas
from evaluasi.models import FormulirEvaluasi, Jawaban, TindakLanjut
from evaluasi.tests.factories import (
    FormulirEvaluasiFactory,
    IndikatorHasilFactory,
    NilaiIndikatorFactory,
    TindakLanjutFactory,
    isi_formulir,
    kegiatan_selesai,
    kuesioner_perilaku,
    peserta,
)
from pegawai.models import PerangkatDaerah
from pegawai.tests.factories import PegawaiFactory, PenggunaFactory
from pelatihan.models import KegiatanPelatihan, MataPelatihan, Nominasi

Jenis = FormulirEvaluasi.Jenis
SELESAI = datetime.date(2025, 6, 20)
# Scale items of the level-1 questionnaire per section (evaluasi/data/kuesioner_reaksi.csv); the
# Pengajar/Narasumber items are answered once per subject.
BUTIR = {"Pengajar/Narasumber": 7, "Materi": 5, "Penyelenggaraan": 4, "Sarana": 4}
PENGAJAR, MATERI, PENYELENGGARAAN, SARANA = BUTIR
PENERAPAN = "Penerapan hasil pelatihan"
TERSEMBUNYI = {
    "ada": True,
    "tersembunyi": True,
    "keterangan": "Disembunyikan: kurang dari 5 responden",
}


def satu_desimal(nilai: Fraction) -> Decimal:
    return (Decimal(nilai.numerator) / Decimal(nilai.denominator)).quantize(
        Decimal("0.1"), ROUND_HALF_UP
    )


def dua_desimal(nilai: Fraction) -> Decimal:
    return (Decimal(nilai.numerator) / Decimal(nilai.denominator)).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )


def indeks(jumlah: int, banyak: int, maksimum: int = 4) -> Decimal:
    """AVG(nilai) / maximum × 100, one decimal, half away from zero."""
    return satu_desimal(Fraction(jumlah * 100, banyak * maksimum))


def responden(kegiatan, daftar_nilai, *, opd=None, teks="Bermanfaat"):
    """One participant per entry with a level-1 form: filled with the entry (a value or a dict
    per section), or left unfilled for None."""
    hasil = []
    for nilai in daftar_nilai:
        pegawai = PegawaiFactory(
            user=PenggunaFactory(), **({"perangkat_daerah": opd} if opd else {})
        )
        formulir = FormulirEvaluasiFactory(nominasi=peserta(kegiatan, pegawai))
        if nilai is not None:
            isi_formulir(formulir, nilai, teks=teks if isinstance(teks, str) else teks.pop(0))
        hasil.append(formulir)
    return hasil


def formulir_perilaku(nominasi, jenis, penerapan, *, bagian=5):
    """A filled level-3 form: the "Penerapan hasil pelatihan" section answered ``bagian``, its
    penerapan item ``penerapan``."""
    pengisi = PenggunaFactory() if jenis == Jenis.PERILAKU_ATASAN else nominasi.pegawai.user
    formulir = FormulirEvaluasiFactory(
        nominasi=nominasi, jenis=jenis, kuesioner=kuesioner_perilaku(), pengisi=pengisi
    )
    if penerapan is not None:
        isi_formulir(formulir, {PENERAPAN: bagian})
        Jawaban.objects.filter(formulir=formulir, butir__penanda="penerapan").update(
            nilai=penerapan
        )
    return formulir


def lingkup(kegiatan):
    return efektivitas.kegiatan_tunggal(kegiatan)


# --- Level 1 -------------------------------------------------------------------------------------

NILAI_LIMA = [
    {PENGAJAR: 4, MATERI: 4, PENYELENGGARAAN: 3, SARANA: 2},
    {PENGAJAR: 3, MATERI: 3, PENYELENGGARAAN: 3, SARANA: 3},
    {PENGAJAR: 4, MATERI: 2, PENYELENGGARAAN: 4, SARANA: 1},
    {PENGAJAR: 2, MATERI: 4, PENYELENGGARAAN: 2, SARANA: 4},
    {PENGAJAR: 3, MATERI: 1, PENYELENGGARAAN: 4, SARANA: 3},
]


def test_section_indexes_distribution_and_overall_index_match_the_answers(db):
    kegiatan = kegiatan_selesai(selesai=SELESAI, mata_pelatihan=2)
    responden(kegiatan, [*NILAI_LIMA, None])
    # A draft left unsent and another event's answers do not count.
    draf = responden(kegiatan, [1])[0]
    FormulirEvaluasi.objects.filter(pk=draf.pk).update(diisi_pada=None)
    responden(kegiatan_selesai(selesai=SELESAI), [1] * 5)

    bagian = {b["bagian"]: b for b in efektivitas.indeks_per_bagian(lingkup(kegiatan))}

    assert set(bagian) == set(BUTIR)
    for nama in BUTIR:
        jumlah = sum(r[nama] for r in NILAI_LIMA)
        assert bagian[nama]["indeks"] == indeks(jumlah, 5), nama
        assert bagian[nama]["responden"] == 5
        assert not bagian[nama]["tersembunyi"]
    assert bagian[MATERI]["indeks"] == Decimal("70.0")  # (4+3+2+4+1)/5 = 2.8 of 4
    assert bagian[SARANA]["indeks"] == Decimal("65.0")
    # Materi: one 1, one 2, one 3, two 4s — five items each.
    assert [s["jumlah"] for s in bagian[MATERI]["sebaran"]] == [5, 5, 5, 10]
    assert [s["label"] for s in bagian[MATERI]["sebaran"]] == [
        "Tidak Puas",
        "Kurang Puas",
        "Puas",
        "Sangat Puas",
    ]
    # Pengajar items are answered for each of the two subjects.
    assert sum(s["jumlah"] for s in bagian[PENGAJAR]["sebaran"]) == 5 * 7 * 2

    per_butir = {PENGAJAR: 7 * 2, MATERI: 5, PENYELENGGARAAN: 4, SARANA: 4}
    jumlah = sum(r[n] * per_butir[n] for r in NILAI_LIMA for n in per_butir)
    banyak = 5 * sum(per_butir.values())
    reaksi = efektivitas.indeks_reaksi(lingkup(kegiatan))[None]
    assert reaksi["indeks"] == indeks(jumlah, banyak) == Decimal("75.9")
    assert reaksi["responden"] == 5

    respons = efektivitas.tingkat_respons(lingkup(kegiatan))[None]
    assert (respons["diisi"], respons["diterbitkan"]) == (5, 7)
    assert respons["persen"] == satu_desimal(Fraction(500, 7))


def test_four_respondents_hide_every_breakdown_five_show_it(db):
    kegiatan = kegiatan_selesai(selesai=SELESAI)
    responden(kegiatan, NILAI_LIMA[:4])

    for b in efektivitas.indeks_per_bagian(lingkup(kegiatan)):
        assert {k: b[k] for k in TERSEMBUNYI} == TERSEMBUNYI
        assert "indeks" not in b and "sebaran" not in b and "responden" not in b
    for p in efektivitas.indeks_per_pengajar(lingkup(kegiatan)):
        assert "indeks" not in p and p["tersembunyi"]
    assert efektivitas.indeks_reaksi(lingkup(kegiatan))[None] == TERSEMBUNYI
    assert efektivitas.tingkat_respons(lingkup(kegiatan))[None] == TERSEMBUNYI
    assert (
        efektivitas.grafik_bagian(efektivitas.indeks_per_bagian(lingkup(kegiatan)))["label"] == []
    )

    responden(kegiatan, NILAI_LIMA[4:])
    for b in efektivitas.indeks_per_bagian(lingkup(kegiatan)):
        assert not b["tersembunyi"] and b["responden"] == 5
    assert efektivitas.indeks_reaksi(lingkup(kegiatan))[None]["responden"] == 5
    assert all(not p["tersembunyi"] for p in efektivitas.indeks_per_pengajar(lingkup(kegiatan)))


def test_the_threshold_follows_the_setting(db, settings):
    settings.EVALUASI_AMBANG_ANONIM = 3
    kegiatan = kegiatan_selesai(selesai=SELESAI)
    responden(kegiatan, NILAI_LIMA[:3])
    assert efektivitas.indeks_reaksi(lingkup(kegiatan))[None]["responden"] == 3
    settings.EVALUASI_AMBANG_ANONIM = 4
    assert efektivitas.indeks_reaksi(lingkup(kegiatan))[None]["keterangan"] == (
        "Disembunyikan: kurang dari 4 responden"
    )


def test_per_pengajar_index_respondents_and_threshold_across_events(db):
    a = kegiatan_selesai(selesai=SELESAI, mata_pelatihan=2)
    b = kegiatan_selesai(selesai=SELESAI, mata_pelatihan=1)
    c = kegiatan_selesai(selesai=SELESAI, mata_pelatihan=1)
    # The same pengajar teaches in b (4 respondents) and c (2): six together.
    bersama = f"Pengajar {b.pk}-1"
    MataPelatihan.objects.filter(program=c.program).update(pengajar=bersama)
    d = kegiatan_selesai(selesai=SELESAI, mata_pelatihan=1)
    formulir_a = responden(a, [{PENGAJAR: n} for n in (4, 3, 4, 2, 3)])
    mata_kedua = MataPelatihan.objects.get(program=a.program, urutan=2)
    Jawaban.objects.filter(formulir__in=formulir_a, mata_pelatihan=mata_kedua).update(nilai=1)
    responden(b, [{PENGAJAR: 4}] * 4)
    responden(c, [{PENGAJAR: 2}] * 2)
    responden(d, [{PENGAJAR: 3}] * 4)

    semua = efektivitas.kegiatan_dievaluasi()
    hasil = {p["pengajar"]: p for p in efektivitas.indeks_per_pengajar(semua)}

    pertama = hasil[f"Pengajar {a.pk}-1"]
    assert pertama["indeks"] == indeks(4 + 3 + 4 + 2 + 3, 5) == Decimal("80.0")
    assert pertama["responden"] == 5
    assert pertama["mata_pelatihan"] == [
        MataPelatihan.objects.get(program=a.program, urutan=1).nama
    ]
    assert hasil[f"Pengajar {a.pk}-2"]["indeks"] == Decimal("25.0")
    assert hasil[bersama]["responden"] == 6
    assert hasil[bersama]["indeks"] == indeks(4 * 4 + 2 * 2, 6)
    assert hasil[f"Pengajar {d.pk}-1"] == {
        "pengajar": f"Pengajar {d.pk}-1",
        "mata_pelatihan": [MataPelatihan.objects.get(program=d.program).nama],
        **TERSEMBUNYI,
    }

    rinci = efektivitas.pengajar_rinci(semua, bersama)
    assert rinci["total"]["responden"] == 6
    baris = {r["kegiatan_id"]: r for r in rinci["baris"]}
    assert baris[b.pk]["tersembunyi"] and baris[c.pk]["tersembunyi"]  # 4 and 2 alone
    assert (rinci["respons"]["diisi"], rinci["respons"]["diterbitkan"]) == (6, 6)


def test_pengajar_unknown_is_404(db):
    from django.http import Http404

    with pytest.raises(Http404):
        efektivitas.pengajar_rinci(efektivitas.kegiatan_dievaluasi(), "Tidak Ada")


# --- Level 2 -------------------------------------------------------------------------------------


def nilai_tes(kegiatan, pasangan, *, status=Nominasi.Status.LULUS):
    for pre, post in pasangan:
        nominasi = peserta(kegiatan, status=status)
        Nominasi.objects.filter(pk=nominasi.pk).update(nilai_pre=pre, nilai_post=post)


def test_learning_gain_per_event_and_program(db):
    kegiatan = kegiatan_selesai(selesai=SELESAI)
    pasangan = [
        (Decimal("50"), Decimal("70")),
        (Decimal("60"), Decimal("60")),
        (Decimal("40"), Decimal("80")),
        (Decimal("70"), Decimal("65")),
        (Decimal("55.5"), Decimal("75.25")),
    ]
    nilai_tes(kegiatan, pasangan[:2])
    nilai_tes(kegiatan, pasangan[2:], status=Nominasi.Status.TIDAK_LULUS)
    nilai_tes(kegiatan, [(Decimal("30"), None)])  # only a pre-test: not counted
    nilai_tes(kegiatan, [(Decimal("10"), Decimal("90"))], status=Nominasi.Status.BATAL)

    hasil = efektivitas.hasil_belajar(lingkup(kegiatan))[None]

    pre = [p for p, _ in pasangan]
    post = [q for _, q in pasangan]
    assert hasil["peserta"] == 5
    assert hasil["rata_pre"] == dua_desimal(Fraction(sum(pre)) / 5) == Decimal("55.10")
    assert hasil["rata_post"] == dua_desimal(Fraction(sum(post)) / 5) == Decimal("70.05")
    assert hasil["rata_kenaikan"] == Decimal("14.95")
    assert hasil["naik"] == 3
    assert hasil["persen_naik"] == Decimal("60.0")
    per_program = efektivitas.hasil_belajar(efektivitas.kegiatan_dievaluasi(), "program_id")
    assert per_program[kegiatan.program_id] == hasil


def test_learning_gain_of_four_participants_is_hidden(db):
    kegiatan = kegiatan_selesai(selesai=SELESAI)
    nilai_tes(kegiatan, [(Decimal("50"), Decimal("70"))] * 4)
    assert efektivitas.hasil_belajar(lingkup(kegiatan))[None] == TERSEMBUNYI


# --- Level 3 -------------------------------------------------------------------------------------


def test_application_rate_by_atasan_and_self_and_level_3_section_index(db):
    kegiatan = kegiatan_selesai(selesai=SELESAI)
    lulusan = [peserta(kegiatan) for _ in range(6)]
    for nominasi, nilai in zip(lulusan, [5, 4, 3, 2, 4, None], strict=True):
        formulir_perilaku(nominasi, Jenis.PERILAKU_ATASAN, nilai)
    for nominasi, nilai in zip(lulusan, [4, 4, 4, 4, 1, 5], strict=True):
        formulir_perilaku(nominasi, Jenis.PERILAKU_DIRI, nilai, bagian=3)

    atasan = efektivitas.tingkat_penerapan(lingkup(kegiatan))[None]
    assert (atasan["diterapkan"], atasan["dinilai"]) == (3, 5)
    assert atasan["persen"] == Decimal("60.0")
    diri = efektivitas.tingkat_penerapan(lingkup(kegiatan), jenis=Jenis.PERILAKU_DIRI)[None]
    assert (diri["diterapkan"], diri["dinilai"]) == (5, 6)
    assert diri["persen"] == satu_desimal(Fraction(500, 6))

    (bagian,) = efektivitas.indeks_per_bagian(lingkup(kegiatan), Jenis.PERILAKU_ATASAN)
    # Five items: the penerapan item as given, four others at 5; on the 1–5 scale.
    assert bagian["bagian"] == PENERAPAN
    assert bagian["indeks"] == indeks(5 + 4 + 3 + 2 + 4 + 5 * 4 * 5, 25, maksimum=5)
    assert bagian["indeks"] == Decimal("94.4")
    assert [s["jumlah"] for s in bagian["sebaran"]] == [0, 1, 1, 2, 21]
    total = efektivitas.ringkasan_total(lingkup(kegiatan))
    assert total["penerapan"] == atasan and total["penerapan_diri"] == diri


def test_application_rate_of_four_forms_is_hidden(db):
    kegiatan = kegiatan_selesai(selesai=SELESAI)
    for _ in range(4):
        formulir_perilaku(peserta(kegiatan), Jenis.PERILAKU_ATASAN, 5)
    assert efektivitas.tingkat_penerapan(lingkup(kegiatan))[None] == TERSEMBUNYI
    (bagian,) = efektivitas.indeks_per_bagian(lingkup(kegiatan), Jenis.PERILAKU_ATASAN)
    assert bagian["tersembunyi"] and "indeks" not in bagian


# --- Programs, partners and years ----------------------------------------------------------------


def test_programs_side_by_side_for_a_year_and_the_trend_across_years(db):
    lama = kegiatan_selesai(selesai=datetime.date(2024, 5, 10))
    program = lama.program
    baru = kegiatan_selesai(selesai=SELESAI, program=program, mata_pelatihan=0)
    lain = kegiatan_selesai(selesai=datetime.date(2025, 9, 1))
    responden(lama, [4] * 5)
    responden(baru, [2] * 5 + [None])
    responden(lain, [3] * 4)
    nilai_tes(baru, [(Decimal("60"), Decimal("70"))] * 5)
    for nominasi, nilai in zip(
        Nominasi.objects.filter(kegiatan=baru).order_by("pk")[:5], [5, 5, 4, 1, 1], strict=True
    ):
        formulir_perilaku(nominasi, Jenis.PERILAKU_ATASAN, nilai)
    TindakLanjutFactory.create_batch(2, program=program)
    TindakLanjutFactory(program=program, status=TindakLanjut.Status.SELESAI, selesai_pada=SELESAI)
    TindakLanjutFactory(program=program, status=TindakLanjut.Status.DIBATALKAN)

    tahun_2025 = efektivitas.kegiatan_dievaluasi().filter(tanggal_selesai__year=2025)
    baris = {b["pk"]: b for b in efektivitas.perbandingan_program(tahun_2025)}

    assert set(baris) == {program.pk, lain.program_id}
    p = baris[program.pk]
    assert (p["jumlah_kegiatan"], p["jumlah_peserta"]) == (1, 11)
    assert p["nama"] == program.nama
    assert p["reaksi"]["indeks"] == Decimal("50.0")
    assert p["respons"]["persen"] == satu_desimal(Fraction(500, 6))  # 5 of 6 forms filled
    assert p["belajar"]["rata_kenaikan"] == Decimal("10.00")
    assert p["penerapan"]["persen"] == Decimal("60.0")
    assert p["tindak_lanjut_terbuka"] == 2
    assert baris[lain.program_id]["reaksi"] == TERSEMBUNYI
    assert baris[lain.program_id]["belajar"] == efektivitas.KOSONG

    tren = efektivitas.tren(efektivitas.kegiatan_dievaluasi().filter(program=program))
    assert [t["tahun"] for t in tren] == [2024, 2025]
    assert tren[0]["reaksi"]["indeks"] == Decimal("100.0")
    assert tren[1]["reaksi"]["indeks"] == Decimal("50.0")
    assert tren[0]["penerapan"] == efektivitas.KOSONG
    assert tren[1]["penerapan"]["persen"] == Decimal("60.0")
    grafik = efektivitas.grafik_tren(tren)
    assert grafik["label"] == ["2024", "2025"]
    assert grafik["seri"][1]["data"] == [100.0, 50.0]
    assert grafik["seri"][2]["data"] == [None, 60.0]


def test_response_rate_per_partner_and_per_event(db):
    a = kegiatan_selesai(selesai=SELESAI)
    b = kegiatan_selesai(selesai=SELESAI, lembaga=a.lembaga)
    responden(a, [3] * 5 + [None] * 3)
    responden(b, [3] * 2 + [None] * 2)
    semua = efektivitas.kegiatan_dievaluasi()

    (lembaga,) = efektivitas.perbandingan_lembaga(semua)
    assert lembaga["pk"] == a.lembaga_id
    assert (lembaga["respons"]["diisi"], lembaga["respons"]["diterbitkan"]) == (7, 12)
    assert lembaga["jumlah_kegiatan"] == 2

    per_kegiatan = {r["kegiatan"].pk: r for r in efektivitas.kegiatan_dengan_ringkasan(semua)}
    assert per_kegiatan[a.pk]["respons"]["persen"] == Decimal("62.5")
    assert per_kegiatan[a.pk]["kegiatan"].jumlah_peserta == 8
    assert per_kegiatan[b.pk]["respons"] == TERSEMBUNYI
    tahunan = efektivitas.tingkat_respons(semua, "tahun")
    assert tahunan[2025]["persen"] == satu_desimal(Fraction(700, 12))


def test_only_finished_events_are_reported(db):
    kegiatan = kegiatan_selesai(selesai=SELESAI)
    responden(kegiatan, [3] * 5)
    KegiatanPelatihan.objects.filter(pk=kegiatan.pk).update(
        status=KegiatanPelatihan.Status.BERLANGSUNG
    )
    assert efektivitas.perbandingan_program(efektivitas.kegiatan_dievaluasi()) == []


# --- Level 4 -------------------------------------------------------------------------------------


def test_indicators_per_opd_around_the_year_with_the_caveat(db):
    kegiatan = kegiatan_selesai(selesai=SELESAI)
    program = kegiatan.program
    a = PerangkatDaerah.objects.get(singkatan="DINKES")
    b = PerangkatDaerah.objects.get(singkatan="DISDIKBUD")
    c = PerangkatDaerah.objects.get(singkatan="DISHUB")
    for _ in range(5):
        peserta(kegiatan, PegawaiFactory(perangkat_daerah=a))
    for _ in range(4):
        peserta(kegiatan, PegawaiFactory(perangkat_daerah=b))
    for _ in range(6):
        peserta(kegiatan, PegawaiFactory(perangkat_daerah=c), status=Nominasi.Status.TIDAK_LULUS)
    ikm = IndikatorHasilFactory(nama="Indeks Kepuasan Masyarakat")
    tunggu = IndikatorHasilFactory(nama="Waktu tunggu layanan", naik_lebih_baik=False)
    lepas = IndikatorHasilFactory(nama="Indikator lain")
    ikm.program.add(program)
    tunggu.program.add(program)
    for tahun, nilai in ((2023, 60), (2024, 70), (2025, 75), (2026, 80)):
        NilaiIndikatorFactory(indikator=ikm, perangkat_daerah=a, tahun=tahun, nilai=nilai)
        NilaiIndikatorFactory(indikator=ikm, perangkat_daerah=b, tahun=tahun, nilai=nilai)
    NilaiIndikatorFactory(indikator=tunggu, perangkat_daerah=a, tahun=2024, nilai=30)
    NilaiIndikatorFactory(indikator=tunggu, perangkat_daerah=a, tahun=2026, nilai=35)
    NilaiIndikatorFactory(indikator=lepas, perangkat_daerah=a, tahun=2025, nilai=1)

    assert efektivitas.tahun_lulusan_terakhir(program) == 2025
    hasil = efektivitas.indikator_hasil(program, 2025)

    assert hasil["catatan"] == (
        "Perubahan indikator tidak serta-merta disebabkan oleh pelatihan: banyak faktor lain "
        "ikut berpengaruh. Angka ini menunjukkan keterkaitan, bukan sebab-akibat."
    )
    assert [i["indikator"] for i in hasil["indikator"]] == [ikm, tunggu]
    baris_ikm = {b["opd"]: b for b in hasil["indikator"][0]["baris"]}
    assert set(baris_ikm) == {a.nama, b.nama}  # tidak lulus do not count
    assert baris_ikm[a.nama] == {
        "opd": a.nama,
        "ada": True,
        "tersembunyi": False,
        "dilatih": 5,
        "sebelum": Decimal("70.00"),
        "tahun_ini": Decimal("75.00"),
        "sesudah": Decimal("80.00"),
        "perubahan": Decimal("10.00"),
        "membaik": True,
    }
    assert baris_ikm[b.nama] == {"opd": b.nama, **TERSEMBUNYI}
    tunggu_a = next(b for b in hasil["indikator"][1]["baris"] if b["opd"] == a.nama)
    assert (tunggu_a["tahun_ini"], tunggu_a["perubahan"], tunggu_a["membaik"]) == (
        None,
        Decimal("5.00"),
        False,
    )


def test_level_4_without_graduates_or_indicators(db):
    program = kegiatan_selesai(selesai=SELESAI).program
    assert efektivitas.tahun_lulusan_terakhir(program) is None
    assert efektivitas.indikator_hasil(program, None)["indikator"] == []
    IndikatorHasilFactory().program.add(program)
    assert efektivitas.indikator_hasil(program, 2025)["indikator"][0]["baris"] == []


# --- Open answers and improvement actions --------------------------------------------------------

KOMENTAR = ["Waktu praktik kurang", "Bagus", "Materi padat", "Contoh kasus", "Diperbanyak diskusi"]


def test_open_answers_only_for_admin_sorted_by_text_without_names(pemeran):
    kegiatan = kegiatan_selesai(selesai=SELESAI)
    formulir = responden(kegiatan, [3] * 5, teks=list(KOMENTAR))

    hasil = efektivitas.jawaban_terbuka(pemeran.admin, kegiatan)

    assert hasil["komentar"] == sorted(KOMENTAR)
    assert hasil["rencana_penerapan"] == sorted(KOMENTAR)
    # Texts only: nothing that points at who wrote them.
    assert set(hasil) == {"ada", "tersembunyi", "rencana_penerapan", "komentar"}
    for f in formulir:
        assert f.nominasi.pegawai.nama not in str(hasil)
    for user in (pemeran.pimpinan, pemeran.kepala, pemeran.operator, pemeran.asn):
        assert efektivitas.jawaban_terbuka(user, kegiatan) is None


def test_open_answers_of_four_respondents_are_hidden(pemeran):
    kegiatan = kegiatan_selesai(selesai=SELESAI)
    responden(kegiatan, [3] * 4, teks="Rahasia sekali")
    assert efektivitas.jawaban_terbuka(pemeran.admin, kegiatan) == TERSEMBUNYI
    assert efektivitas.jawaban_terbuka(pemeran.admin, kegiatan_selesai()) == efektivitas.KOSONG


def test_improvement_actions_open_first_with_the_overdue_marker(db):
    program = kegiatan_selesai(selesai=SELESAI).program
    kemarin = datetime.date.today() - datetime.timedelta(days=1)
    selesai = TindakLanjutFactory(
        program=program,
        status=TindakLanjut.Status.SELESAI,
        selesai_pada=kemarin,
        batas_waktu=kemarin - datetime.timedelta(days=9),
    )
    lewat = TindakLanjutFactory(program=program, batas_waktu=kemarin)
    nanti = TindakLanjutFactory(program=program)
    TindakLanjutFactory()  # another program

    daftar = list(efektivitas.tindak_lanjut_list(program=program))

    assert daftar == [lewat, nanti, selesai]
    assert [t.lewat_batas for t in daftar] == [True, False, False]
