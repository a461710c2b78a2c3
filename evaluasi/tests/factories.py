"""Factories for evaluation tests: finished events with participants, forms and answers.

The questionnaires themselves come from the data migration (``Kuesioner`` kode REAKSI, level 1,
and PERILAKU, level 3); ``kuesioner_reaksi()`` and ``kuesioner_perilaku()`` return them.
"""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from evaluasi.models import (
    ButirKuesioner,
    FormulirEvaluasi,
    IndikatorHasil,
    Jawaban,
    Kuesioner,
    NilaiIndikator,
    TindakLanjut,
)
from pegawai.tests.factories import PegawaiFactory, PenggunaFactory
from pelatihan.models import KegiatanPelatihan, Kehadiran, Nominasi
from pelatihan.tests.factories_kegiatan import (
    KegiatanPelatihanFactory,
    MataPelatihanFactory,
    ProgramPelatihanFactory,
)


def kuesioner_reaksi() -> Kuesioner:
    return Kuesioner.objects.get(kode="REAKSI")


def kuesioner_perilaku() -> Kuesioner:
    return Kuesioner.objects.get(kode="PERILAKU")


def kegiatan_selesai(*, selesai: datetime.date | None = None, mata_pelatihan: int = 2, **kwargs):
    """A finished three-day event ending on ``selesai`` (default: yesterday) whose program has
    ``mata_pelatihan`` subjects, each with its own pengajar."""
    selesai = selesai or timezone.localdate() - datetime.timedelta(days=1)
    kegiatan = KegiatanPelatihanFactory(
        mulai=selesai - datetime.timedelta(days=2),
        status=KegiatanPelatihan.Status.SELESAI,
        status_diubah_pada=timezone.now(),
        **kwargs,
    )
    for i in range(mata_pelatihan):
        MataPelatihanFactory(
            program=kegiatan.program, urutan=i + 1, pengajar=f"Pengajar {kegiatan.pk}-{i + 1}"
        )
    return kegiatan


def peserta(kegiatan, pegawai=None, *, status=Nominasi.Status.LULUS, hadir: bool = True):
    """A participant of ``kegiatan`` (a new pegawai with a user account unless given), present
    on every day when ``hadir``, absent (alpa) on every day otherwise."""
    if pegawai is None:
        pegawai = PegawaiFactory(user=PenggunaFactory())
    nominasi = Nominasi.objects.create(
        kegiatan=kegiatan, pegawai=pegawai, jalur=Nominasi.Jalur.USULAN_OPD, status=status
    )
    hari = kegiatan.tanggal_mulai
    while hari <= kegiatan.tanggal_selesai:
        Kehadiran.objects.create(
            nominasi=nominasi,
            tanggal=hari,
            status=Kehadiran.Status.HADIR if hadir else Kehadiran.Status.ALPA,
        )
        hari += datetime.timedelta(days=1)
    return nominasi


class FormulirEvaluasiFactory(DjangoModelFactory):
    """A level-1 form for a participant of a finished event, to be filled by the participant."""

    class Meta:
        model = FormulirEvaluasi

    nominasi = factory.LazyFunction(lambda: peserta(kegiatan_selesai()))
    jenis = FormulirEvaluasi.Jenis.REAKSI
    kuesioner = factory.LazyFunction(kuesioner_reaksi)
    pengisi = factory.LazyAttribute(lambda o: o.nominasi.pegawai.user)
    batas = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))


def isi_formulir(formulir: FormulirEvaluasi, nilai: int | dict = 3, teks: str = "Bermanfaat"):
    """Answer every item of the form directly in the database (not through the service): the
    scale items with ``nilai`` (or ``nilai[bagian nama]``), the open ones with ``teks``; the
    per-subject sections once per subject of the event's program with its pengajar."""
    mata = list(formulir.nominasi.kegiatan.program.mata_pelatihan.order_by("urutan"))
    jawaban = []
    for butir in ButirKuesioner.objects.filter(bagian__kuesioner=formulir.kuesioner).select_related(
        "bagian"
    ):
        nilai_butir = nilai.get(butir.bagian.nama, 3) if isinstance(nilai, dict) else nilai
        sasaran = mata if butir.bagian.per_mata_pelatihan else [None]
        for mp in sasaran:
            skala = butir.jenis == ButirKuesioner.Jenis.SKALA
            jawaban.append(
                Jawaban(
                    formulir=formulir,
                    butir=butir,
                    mata_pelatihan=mp,
                    pengajar=mp.pengajar if mp else "",
                    nilai=nilai_butir if skala else None,
                    teks="" if skala else teks,
                )
            )
    Jawaban.objects.bulk_create(jawaban)
    formulir.diisi_pada = timezone.now()
    formulir.save(update_fields=["diisi_pada"])
    return formulir


class IndikatorHasilFactory(DjangoModelFactory):
    class Meta:
        model = IndikatorHasil

    nama = factory.Sequence(lambda n: f"Indeks Kepuasan Masyarakat {n}")
    satuan = "indeks"


class NilaiIndikatorFactory(DjangoModelFactory):
    class Meta:
        model = NilaiIndikator

    indikator = factory.SubFactory(IndikatorHasilFactory)
    tahun = 2025
    nilai = 80


class TindakLanjutFactory(DjangoModelFactory):
    class Meta:
        model = TindakLanjut

    program = factory.SubFactory(ProgramPelatihanFactory)
    temuan = "Peserta menilai alokasi waktu praktik kurang."
    tindakan = "Tambah 4 JP praktik pada angkatan berikutnya."
    penanggung_jawab = "Kepala Bidang PSDM"
    batas_waktu = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
