"""Evaluation data for the demo city, on top of ``pelatihan.demo``'s finished events.

For every finished demo event: a feedback form (level 1) per participant who attended, most of
them answered, with a profile per event so that the reports show real differences (the venue of
the first Pelayanan Publik class was poor, the LAN leadership class excellent); level-3 forms for
the atasan and the graduate from 90 days after the event, answered where their period has
closed. Left open on purpose, for a first look after ``make run``: asn.dinkes's feedback on last
week's SKP class and kadis.dinkes's level-3 evaluations of two staff after the finance class.
Also improvement actions and level-4 indicators (IKM) per OPD and year.

Everything is written in bulk with fixed dates relative to the demo's reference day, from a seeded
generator: the same seed gives the same answers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from evaluasi.models import (
    ButirKuesioner,
    FormulirEvaluasi,
    IndikatorHasil,
    Jawaban,
    Kuesioner,
    NilaiIndikator,
    TindakLanjut,
)
from pegawai import demo as pegawai_demo
from pegawai.models import Notifikasi, PenugasanPeran, Peran, PerangkatDaerah
from pegawai.tanggal import format_tanggal
from pelatihan.models import KegiatanPelatihan, Kehadiran, Nominasi, ProgramPelatihan

# Average score per section on the 1–4 scale, per program (the rest: DEFAULT).
PROFIL_REAKSI = {
    "LKS-PP": {"Pengajar/Narasumber": 3.3, "Materi": 3.2, "Penyelenggaraan": 3.0, "Sarana": 2.3},
    "LKS-PKA": {"Pengajar/Narasumber": 3.7, "Materi": 3.6, "Penyelenggaraan": 3.5, "Sarana": 3.6},
    "LKS-KEU": {"Pengajar/Narasumber": 3.1, "Materi": 3.4, "Penyelenggaraan": 2.9, "Sarana": 3.2},
    "LKS-SKP": {"Pengajar/Narasumber": 3.2, "Materi": 3.3, "Penyelenggaraan": 3.1, "Sarana": 3.0},
}
PROFIL_BAWAAN = 3.0
# Average level-3 score (1–5) given by the atasan, per program; the self-evaluation is higher.
PROFIL_PERILAKU = {"LKS-PP": 3.6, "LKS-PKA": 4.2, "LKS-KEU": 3.8}
PELUANG_MENGISI_REAKSI = 0.85
PELUANG_MENGISI_REAKSI_TERBUKA = 0.55  # the open class: some have not answered yet
PELUANG_MENGISI_ATASAN = 0.8
PELUANG_MENGISI_DIRI = 0.7
PELUANG_KOMENTAR = 0.6

RENCANA_PENERAPAN = {
    "LKS-PP": (
        "Menerapkan standar pelayanan dan maklumat pelayanan di loket pendaftaran.",
        "Menyusun alur pelayanan yang lebih singkat dan menempelkannya di ruang tunggu.",
        "Menanggapi pengaduan masyarakat melalui SP4N-LAPOR paling lambat tiga hari kerja.",
        "Mengadakan survei kepuasan masyarakat setiap triwulan di unit kami.",
    ),
    "LKS-PKA": (
        "Menyusun proyek perubahan digitalisasi arsip dinas bersama tim.",
        "Melaksanakan dialog kinerja bulanan dengan para pengawas.",
        "Memetakan risiko kegiatan dan menetapkan pengendaliannya.",
    ),
    "LKS-KEU": (
        "Beralih ke transaksi nontunai untuk seluruh pembayaran belanja barang.",
        "Menyusun SPJ tepat waktu dengan daftar periksa yang dibagikan pelatih.",
        "Merekonsiliasi rekening bendahara setiap akhir bulan.",
    ),
    "LKS-SKP": (
        "Menyusun SKP bersama atasan pada awal tahun dan memperbaruinya tiap triwulan.",
        "Mencatat bukti dukung kinerja langsung di aplikasi e-Kinerja.",
    ),
}
KOMENTAR = {
    "Sarana": (
        "Ruang kelas panas, pendingin ruangan tidak berfungsi pada hari kedua.",
        "Pengeras suara sering putus; peserta di belakang sulit mendengar.",
        "Konsumsi terlambat datang pada sesi siang.",
    ),
    "Materi": (
        "Waktu praktik terlalu singkat dibanding materi teori.",
        "Contoh kasus sebaiknya diambil dari pelayanan di Kota Langsa.",
        "Modul sangat membantu, mohon dibagikan dalam bentuk digital.",
    ),
    "Penyelenggaraan": (
        "Jadwal sesi sering mundur dari waktu yang ditetapkan.",
        "Panitia sigap membantu peserta.",
    ),
}
PERILAKU_TERBUKA = {
    1: (
        "Menyusun SOP pelayanan baru di unit kerja.",
        "Membuat formulir daring untuk pengaduan masyarakat.",
        "",
    ),
    2: (
        "Beban kerja rutin menyisakan sedikit waktu untuk menerapkan hal baru.",
        "Aplikasi belum mendukung alur yang dilatihkan.",
        "",
    ),
    3: ("Pelatihan lanjutan analisis data pelayanan.", "Pendampingan penyusunan SOP.", ""),
}


@dataclass(frozen=True)
class HasilEvaluasiDemo:
    formulir_reaksi: int
    reaksi_terisi: int
    formulir_perilaku: int
    perilaku_terisi: int
    jawaban: int
    tindak_lanjut: int
    nilai_indikator: int


def evaluasi_demo_delete() -> None:
    """Remove what ``evaluasi_demo_build`` wrote (the questionnaires are reference data and stay).
    Only for a demo database: ``laporan``'s seed_demo checks that first."""
    Jawaban.objects.all().delete()
    Notifikasi.objects.filter(kunci__startswith="evaluasi:").delete()
    FormulirEvaluasi.objects.all().delete()
    TindakLanjut.objects.all().delete()
    NilaiIndikator.objects.all().delete()
    IndikatorHasil.objects.all().delete()


def _waktu(tanggal, jam: int, menit: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(tanggal, time(jam, menit)))


def _skor(rng: random.Random, rata: float, maks: int) -> int:
    """A whole score around ``rata``: mostly the nearest values, now and then one further."""
    nilai = round(rng.gauss(rata, 0.6))
    return max(1, min(maks, nilai))


class _Penulis:
    """Collects forms and answers, written in two bulk inserts."""

    def __init__(self, rng: random.Random, butir: dict[int, list[ButirKuesioner]]):
        self.rng = rng
        self.butir = butir
        self.formulir: list[FormulirEvaluasi] = []
        self.isi: list = []  # (form, function giving its answers)

    def tambah(self, formulir: FormulirEvaluasi, isi=None) -> None:
        self.formulir.append(formulir)
        if isi is not None:
            self.isi.append((formulir, isi))

    def tulis(self) -> tuple[int, int]:
        FormulirEvaluasi.objects.bulk_create(self.formulir, batch_size=500)
        jawaban = []
        for formulir, isi in self.isi:
            jawaban += isi(formulir)
        Jawaban.objects.bulk_create(jawaban, batch_size=1000)
        return len(self.formulir), len(jawaban)


def _jawaban_reaksi(rng, kuesioner, butir, program_kode, mata):
    profil = PROFIL_REAKSI.get(program_kode, {})
    maks = kuesioner.nilai_maksimum
    # Each respondent is a little more or less generous than the average.
    watak = rng.gauss(0, 0.3)
    # Each pengajar has their own level, the same for every respondent of the class.
    keluhan = min(profil, key=profil.get) if profil else None

    def isi(formulir):
        hasil = []
        for b in butir:
            bagian = b.bagian
            if b.jenis == ButirKuesioner.Jenis.TERBUKA:
                if b.penanda == ButirKuesioner.Penanda.RENCANA_PENERAPAN:
                    teks = rng.choice(RENCANA_PENERAPAN.get(program_kode, ("",)))
                elif rng.random() < PELUANG_KOMENTAR and keluhan in KOMENTAR:
                    teks = rng.choice(KOMENTAR[keluhan])
                else:
                    teks = ""
                if teks or b.wajib:
                    hasil.append(Jawaban(formulir=formulir, butir=b, teks=teks or "-"))
                continue
            rata = profil.get(bagian.nama, PROFIL_BAWAAN) + watak
            for mp, tingkat in mata if bagian.per_mata_pelatihan else [(None, 0.0)]:
                hasil.append(
                    Jawaban(
                        formulir=formulir,
                        butir=b,
                        mata_pelatihan=mp,
                        pengajar=mp.pengajar if mp else "",
                        nilai=_skor(rng, rata + tingkat, maks),
                    )
                )
        return hasil

    return isi


def _jawaban_perilaku(rng, kuesioner, butir, rata):
    maks = kuesioner.nilai_maksimum

    def isi(formulir):
        hasil = []
        for b in butir:
            if b.jenis == ButirKuesioner.Jenis.TERBUKA:
                teks = rng.choice(PERILAKU_TERBUKA.get(b.urutan, ("",)))
                if teks:
                    hasil.append(Jawaban(formulir=formulir, butir=b, teks=teks))
                continue
            hasil.append(Jawaban(formulir=formulir, butir=b, nilai=_skor(rng, rata, maks)))
        return hasil

    return isi


def _hadir(nominasi: Nominasi, kehadiran: dict[int, set[str]]) -> bool:
    """As ``evaluasi.jadwal``: attended at least one day, or graduated without any record."""
    status = kehadiran.get(nominasi.pk)
    if status:
        return Kehadiran.Status.HADIR in status
    return nominasi.status == Nominasi.Status.LULUS


def evaluasi_demo_build(*, seed: int = pegawai_demo.SEED_BAWAAN) -> HasilEvaluasiDemo:
    hari_ini = min(pegawai_demo.TANGGAL_ACUAN, timezone.localdate())
    rng = random.Random(f"evaluasi.demo:{seed}")
    reaksi = Kuesioner.objects.get(level=Kuesioner.Level.REAKSI, aktif=True)
    perilaku = Kuesioner.objects.get(level=Kuesioner.Level.PERILAKU, aktif=True)
    butir = {
        k.pk: list(
            ButirKuesioner.objects.filter(bagian__kuesioner=k)
            .select_related("bagian")
            .order_by("bagian__urutan", "urutan")
        )
        for k in (reaksi, perilaku)
    }
    kepala_opd = dict(
        PenugasanPeran.objects.filter(peran=Peran.KEPALA_OPD)
        .order_by("perangkat_daerah_id", "user_id")
        .values_list("perangkat_daerah_id", "user_id")
    )
    with transaction.atomic():
        kegiatan = list(
            KegiatanPelatihan.objects.filter(status=KegiatanPelatihan.Status.SELESAI)
            .select_related("program")
            .prefetch_related("program__mata_pelatihan")
            .order_by("tanggal_selesai", "pk")
        )
        nominasi = list(
            Nominasi.objects.filter(
                kegiatan__in=kegiatan,
                status__in=(Nominasi.Status.LULUS, Nominasi.Status.TIDAK_LULUS),
            )
            .select_related("pegawai__user", "pegawai__atasan__user")
            .order_by("kegiatan_id", "pk")
        )
        kehadiran: dict[int, set[str]] = {}
        for nominasi_id, status in Kehadiran.objects.filter(
            nominasi__in=[n.pk for n in nominasi]
        ).values_list("nominasi_id", "status"):
            kehadiran.setdefault(nominasi_id, set()).add(status)

        penulis = _Penulis(rng, butir)
        reaksi_terisi = perilaku_terisi = jumlah_reaksi = jumlah_perilaku = 0
        terbuka_untuk_demo = []
        per_kegiatan: dict[int, list[Nominasi]] = {}
        for n in nominasi:
            per_kegiatan.setdefault(n.kegiatan_id, []).append(n)
        for k in kegiatan:
            kode = k.program.kode
            mata = [(mp, rng.gauss(0, 0.25)) for mp in k.program.mata_pelatihan.all()]
            selesai_ditandai = timezone.localtime(k.status_diubah_pada).date()
            batas_reaksi = selesai_ditandai + timedelta(days=settings.EVALUASI_REAKSI_HARI)
            reaksi_terbuka = batas_reaksi >= hari_ini
            for n in per_kegiatan.get(k.pk, []):
                user = n.pegawai.user
                if user is None or not _hadir(n, kehadiran):
                    continue
                formulir = FormulirEvaluasi(
                    kuesioner=reaksi,
                    nominasi=n,
                    jenis=FormulirEvaluasi.Jenis.REAKSI,
                    pengisi=user,
                    dibuka_pada=k.status_diubah_pada,
                    batas=batas_reaksi,
                )
                jumlah_reaksi += 1
                peluang = (
                    PELUANG_MENGISI_REAKSI_TERBUKA if reaksi_terbuka else PELUANG_MENGISI_REAKSI
                )
                walk = user.username == pegawai_demo.ASN_DINKES and reaksi_terbuka
                if not walk and rng.random() < peluang:
                    hari = rng.randint(0, max(0, min(13, (hari_ini - selesai_ditandai).days)))
                    formulir.diisi_pada = _waktu(selesai_ditandai + timedelta(days=hari), 19, 30)
                    penulis.tambah(
                        formulir, _jawaban_reaksi(rng, reaksi, butir[reaksi.pk], kode, mata)
                    )
                    reaksi_terisi += 1
                else:
                    penulis.tambah(formulir)
                    if reaksi_terbuka:
                        terbuka_untuk_demo.append(formulir)

            buka = k.tanggal_selesai + timedelta(days=settings.EVALUASI_PERILAKU_SETELAH_HARI)
            if buka > hari_ini:
                continue
            batas = buka + timedelta(days=settings.EVALUASI_PERILAKU_HARI)
            terbuka = batas >= hari_ini
            rata = PROFIL_PERILAKU.get(kode, 3.5)
            for n in per_kegiatan.get(k.pk, []):
                if n.status != Nominasi.Status.LULUS:
                    continue
                p = n.pegawai
                atasan = p.atasan.user_id if p.atasan and p.atasan.user_id else None
                atasan = atasan or kepala_opd.get(p.perangkat_daerah_id)
                untuk_kadis = (
                    p.atasan is not None
                    and p.atasan.user is not None
                    and p.atasan.user.username == pegawai_demo.KADIS_DINKES
                )
                for jenis, pengisi, peluang, geser in (
                    (FormulirEvaluasi.Jenis.PERILAKU_ATASAN, atasan, PELUANG_MENGISI_ATASAN, 0),
                    (FormulirEvaluasi.Jenis.PERILAKU_DIRI, p.user_id, PELUANG_MENGISI_DIRI, 0.4),
                ):
                    if pengisi is None or (pengisi == p.user_id and jenis.endswith("atasan")):
                        continue
                    formulir = FormulirEvaluasi(
                        kuesioner=perilaku,
                        nominasi=n,
                        jenis=jenis,
                        pengisi_id=pengisi,
                        dibuka_pada=_waktu(buka, 7),
                        batas=batas,
                    )
                    jumlah_perilaku += 1
                    # While the period is open only some have answered; kadis.dinkes has not.
                    peluang = peluang / 2 if terbuka else peluang
                    if not (terbuka and untuk_kadis) and rng.random() < peluang:
                        hari = rng.randint(0, max(0, min(25, (hari_ini - buka).days)))
                        formulir.diisi_pada = _waktu(buka + timedelta(days=hari), 10)
                        penulis.tambah(
                            formulir,
                            _jawaban_perilaku(rng, perilaku, butir[perilaku.pk], rata + geser),
                        )
                        perilaku_terisi += 1
                    else:
                        penulis.tambah(formulir)
                        if terbuka:
                            terbuka_untuk_demo.append(formulir)

        _, jumlah_jawaban = penulis.tulis()
        _kabari(terbuka_untuk_demo)
        tindak_lanjut = _tindak_lanjut_build(hari_ini)
        nilai_indikator = _indikator_build(rng, hari_ini)
    return HasilEvaluasiDemo(
        formulir_reaksi=jumlah_reaksi,
        reaksi_terisi=reaksi_terisi,
        formulir_perilaku=jumlah_perilaku,
        perilaku_terisi=perilaku_terisi,
        jawaban=jumlah_jawaban,
        tindak_lanjut=tindak_lanjut,
        nilai_indikator=nilai_indikator,
    )


def _kabari(formulir: list[FormulirEvaluasi]) -> None:
    """The inbox notice of each form still open, as ``evaluasi.jadwal`` writes it (same kunci, so
    the periodic opener does not send it again); no email for demo data."""
    kegiatan = {
        k.pk: k
        for k in KegiatanPelatihan.objects.filter(
            pk__in={f.nominasi.kegiatan_id for f in formulir}
        ).select_related("program")
    }
    Notifikasi.objects.bulk_create(
        [
            Notifikasi(
                penerima_id=f.pengisi_id,
                judul=(
                    "Formulir umpan balik pelatihan menunggu Anda"
                    if f.jenis == FormulirEvaluasi.Jenis.REAKSI
                    else "Evaluasi penerapan hasil pelatihan menunggu Anda"
                ),
                pesan=f"{kegiatan[f.nominasi.kegiatan_id].program.nama} Angkatan "
                f"{kegiatan[f.nominasi.kegiatan_id].angkatan}: isi paling lambat "
                f"{format_tanggal(f.batas)}.",
                tautan=f"/evaluasi/formulir/{f.pk}/",
                kunci=f"evaluasi:formulir:{f.pk}",
                dibuat_pada=f.dibuka_pada,
            )
            for f in formulir
        ]
    )


def _tindak_lanjut_build(hari_ini) -> int:
    program = {p.kode: p for p in ProgramPelatihan.objects.filter(kode__startswith="LKS-")}
    kegiatan = {
        (k.program.kode, k.angkatan): k
        for k in KegiatanPelatihan.objects.select_related("program").filter(
            status=KegiatanPelatihan.Status.SELESAI
        )
    }
    baris = [
        (
            "LKS-PP",
            ("LKS-PP", 1),
            "Indeks sarana angkatan 1 terendah: ruang kelas panas dan pengeras suara bermasalah.",
            "Pindahkan kelas ke Aula BKPSDM yang baru direnovasi dan periksa peralatan sehari "
            "sebelum kelas dimulai.",
            "Kepala Subbagian Umum BKPSDM",
            -150,
            TindakLanjut.Status.SELESAI,
            -160,
        ),
        (
            "LKS-PP",
            ("LKS-PP", 2),
            "Peserta menilai waktu praktik terlalu singkat dibanding teori.",
            "Tambah 4 JP praktik penanganan pengaduan pada kurikulum angkatan 3.",
            "Kepala Bidang PSDM BKPSDM",
            5,
            TindakLanjut.Status.BERJALAN,
            None,
        ),
        (
            "LKS-KEU",
            ("LKS-KEU", 1),
            "Atasan melaporkan aplikasi keuangan daerah belum mendukung pembayaran nontunai.",
            "Koordinasi dengan BPKD dan Bank Aceh Syariah untuk integrasi CMS pada aplikasi.",
            "Sekretaris BKPSDM",
            -10,
            TindakLanjut.Status.DIRENCANAKAN,
            None,
        ),
    ]
    objek = []
    for kode, asal, temuan, tindakan, pj, batas, status, selesai in baris:
        if kode not in program:
            continue
        objek.append(
            TindakLanjut(
                program=program[kode],
                kegiatan=kegiatan.get(asal),
                temuan=temuan,
                tindakan=tindakan,
                penanggung_jawab=pj,
                batas_waktu=hari_ini + timedelta(days=batas),
                status=status,
                selesai_pada=hari_ini + timedelta(days=selesai) if selesai is not None else None,
                catatan="Kelas angkatan 2 di aula baru; indeks sarana naik." if selesai else "",
            )
        )
    TindakLanjut.objects.bulk_create(objek)
    return len(objek)


# Level-4 indicators: the survey index of public satisfaction (IKM, PermenPANRB 14/2017) of the
# service OPDs, and the days a payment order takes at BPKD. Values per year around a trend.
INDIKATOR_DEMO = (
    (
        "Indeks Kepuasan Masyarakat (IKM)",
        "indeks 0–100",
        True,
        "Survei kepuasan masyarakat menurut PermenPANRB 14/2017, dilaporkan tiap OPD layanan.",
        ("LKS-PP",),
        {"DINKES": 78.4, "RSUD": 74.9, "DISDIKBUD": 80.2, "DISDUKCAPIL": 82.5, "DPMPTSP": 81.0},
        1.2,
    ),
    (
        "Rata-rata waktu penerbitan SP2D",
        "hari kerja",
        False,
        "Dari SPM diterima sampai SP2D terbit, dari aplikasi keuangan daerah.",
        ("LKS-KEU",),
        {"BPKD": 4.8},
        -0.5,
    ),
)


def _indikator_build(rng: random.Random, hari_ini) -> int:
    opd = {o.singkatan: o for o in PerangkatDaerah.objects.all()}
    program = {p.kode: p for p in ProgramPelatihan.objects.filter(kode__startswith="LKS-")}
    nilai = []
    for nama, satuan, naik, keterangan, kode_program, awal, laju in INDIKATOR_DEMO:
        indikator = IndikatorHasil.objects.create(
            nama=nama, satuan=satuan, naik_lebih_baik=naik, keterangan=keterangan
        )
        indikator.program.set([program[k] for k in kode_program if k in program])
        for singkatan, mula in awal.items():
            if singkatan not in opd:
                continue
            for i, tahun in enumerate(range(hari_ini.year - 3, hari_ini.year + 1)):
                angka = mula + laju * i + rng.uniform(-0.6, 0.6)
                nilai.append(
                    NilaiIndikator(
                        indikator=indikator,
                        perangkat_daerah=opd[singkatan],
                        tahun=tahun,
                        nilai=Decimal(f"{angka:.2f}"),
                        sumber="Laporan survei tahunan OPD" if naik else "Aplikasi SIPD",
                    )
                )
    NilaiIndikator.objects.bulk_create(nilai)
    return len(nilai)
