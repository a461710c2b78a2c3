"""Perencanaan dan pendanaan Kota Langsa demo untuk ``manage.py seed_demo`` (lapisan pelatihan).

Di atas pegawai, asesmen kompetensi (:mod:`pegawai.demo_kompetensi`), katalog dan kegiatan demo
(:mod:`pelatihan.demo`), modul ini menulis satu siklus perencanaan dan satu tahun anggaran:

- **AKPK tahun rencana** (tahun acuan + 1, bawaan halaman rencana): 40 kebutuhan dari banyak OPD,
  dari kesenjangan kompetensi pegawai yang sudah diases atau diusulkan bebas, oleh ASN, operator
  dan kepala OPD (asn.dinkes dan operator.dinkes di antaranya), pada setiap status. Sebagian yang
  terverifikasi sudah digabung menjadi baris rencana; sepuluh terverifikasi sengaja belum, agar
  Admin BKPSDM dapat menggabungkannya dalam penelusuran demo.
- **Rencana tahun rencana**: 12 baris dengan kursi per OPD dan rincian biaya per kategori belanja
  (kode rekening APBK), yang jumlahnya melampaui pagu APBK tahun itu: pengoptimal anggaran harus
  memilih. **Rencana tahun acuan**: baris untuk setiap kegiatan demo dan pelatihan di luar katalog
  (Latsar, PKN II, sertifikasi PBJ, bimtek).
- **Anggaran tahun acuan**: APBK terpusat di BKPSDM (± Rp 1,2 miliar) dan di Dinas Kesehatan,
  APBA, CSR/TJSL Bank Aceh Syariah (usulan mitra yang disetujui lalu dijadikan anggaran; kegiatan
  LKS-KEU dibiayainya), hibah dan kontribusi mandiri; alokasi ke kegiatan dan baris rencana
  melalui layanan ``pelatihan.anggaran`` (tidak pernah melampaui pagu) dan realisasi per kategori
  belanja pada tanggal yang mengikuti kegiatannya, sampai hari acuan. **Anggaran tahun rencana**:
  APBK dan APBA yang lebih kecil dari rencananya. Usulan pendanaan mitra pada setiap status.

Deterministik: ``random.Random`` dengan aliran sendiri dari seed, pegawai menurut NIP, tanggal
relatif terhadap hari acuan. Kebutuhan, rencana, kursi, rincian biaya dan anggaran ditulis
sekaligus per tabel; jumlah query tidak bergantung pada jumlah pegawai.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from pegawai import demo as pegawai_demo
from pegawai.models import (
    AsesmenKompetensi,
    DataDemo,
    JenisJabatan,
    Kompetensi,
    Notifikasi,
    Pegawai,
    Pengguna,
    PenugasanPeran,
    Peran,
    PerangkatDaerah,
    StandarKompetensiJabatan,
)
from pelatihan.anggaran import alokasi_create, usulan_pendanaan_commit
from pelatihan.models import (
    AlokasiAnggaran,
    Anggaran,
    JenisPengembangan,
    KebutuhanPengembangan,
    KegiatanPelatihan,
    MataPelatihan,
    ProgramPelatihan,
    RealisasiAnggaran,
    RencanaKursiOPD,
    RencanaPengembangan,
    RincianBiayaRencana,
    SumberDana,
    UsulanPendanaan,
)

__all__ = [
    "HasilPerencanaanDemo",
    "perencanaan_demo_build",
    "perencanaan_demo_delete",
]

S = SumberDana
K = KebutuhanPengembangan.Status
Kategori = RincianBiayaRencana.Kategori

# Kode rekening belanja (Kepmendagri 050-5889/2021) per kategori rincian biaya.
REKENING_PELATIHAN = "5.1.02.02.12.0001"  # Belanja Kursus Singkat/Pelatihan
REKENING_BIMTEK = "5.1.02.02.12.0003"  # Belanja Bimbingan Teknis
REKENING = {
    Kategori.HONORARIUM: "5.1.02.02.01.0003",  # Honorarium Narasumber atau Pembahas, …
    Kategori.KONSUMSI: "5.1.02.01.01.0052",  # Belanja Makanan dan Minuman Rapat
    Kategori.PERJALANAN: "5.1.02.04.01.0001",  # Belanja Perjalanan Dinas Biasa
    Kategori.LAINNYA: "5.1.02.01.01.0026",  # Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Cetak
}
# Dana di luar APBD tidak dibukukan pada rekening belanja daerah.
TANPA_REKENING = frozenset({S.CSR, S.HIBAH, S.MANDIRI, S.KERJA_SAMA, S.TANPA_BIAYA})
# Kapan tiap kategori dibayar, dalam hari dari mulai (negatif) atau dari selesai kegiatan.
BAYAR = {
    Kategori.KONTRIBUSI: ("mulai", -21),
    Kategori.LAINNYA: ("mulai", -7),
    Kategori.HONORARIUM: ("selesai", 3),
    Kategori.KONSUMSI: ("selesai", 7),
    Kategori.PERJALANAN: ("selesai", 10),
}
# Bagian rincian yang akhirnya dibelanjakan (sisanya efisiensi), sebagai rentang acak.
TEREALISASI = {
    Kategori.KONTRIBUSI: (1.0, 1.0),
    Kategori.HONORARIUM: (1.0, 1.0),
    Kategori.KONSUMSI: (0.88, 0.99),
    Kategori.PERJALANAN: (0.9, 0.99),
    Kategori.LAINNYA: (0.85, 0.98),
}


# ---------------------------------------------------------------------------------------------
# Susunan: anggaran, usulan mitra, baris rencana, kebutuhan
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _AnggaranT:
    kunci: str
    tahun: int  # 0: tahun acuan, 1: tahun rencana
    sumber: str
    uraian: str
    pagu: int
    kode_rekening: str = ""
    opd: str = ""  # kosong: terpusat di BKPSDM


ANGGARAN = (
    _AnggaranT(
        "apbk-pelatihan",
        0,
        S.APBK,
        "Belanja Kursus Singkat/Pelatihan – Pengembangan Kompetensi ASN (5.03.02.2.03)",
        1_000_000_000,
        REKENING_PELATIHAN,
    ),
    _AnggaranT(
        "apbk-bimtek",
        0,
        S.APBK,
        "Belanja Bimbingan Teknis – Pengembangan Kompetensi ASN (5.03.02.2.03)",
        200_000_000,
        REKENING_BIMTEK,
    ),
    _AnggaranT(
        "apbk-dinkes",
        0,
        S.APBK,
        "Belanja Kursus Singkat/Pelatihan – Peningkatan Kapasitas SDM Kesehatan",
        150_000_000,
        REKENING_PELATIHAN,
        "DINKES",
    ),
    _AnggaranT(
        "apba",
        0,
        S.APBA,
        "Bantuan Keuangan Pemerintah Aceh – Pelatihan Kepemimpinan Pengawas",
        75_000_000,
        REKENING_PELATIHAN,
    ),
    _AnggaranT(
        "hibah",
        0,
        S.HIBAH,
        "Hibah UNICEF Kantor Lapangan Aceh – Pencegahan dan Pengendalian Infeksi bagi Tenaga "
        "Kesehatan",
        60_000_000,
        opd="DINKES",
    ),
    _AnggaranT(
        "mandiri",
        0,
        S.MANDIRI,
        "Kontribusi mandiri peserta – Pelatihan Transformasi Digital dan Keamanan Informasi (LAN)",
        18_000_000,
    ),
    # APBK tahun rencana disahkan lebih kecil dari rencananya (efisiensi belanja).
    _AnggaranT(
        "apbk-rencana",
        1,
        S.APBK,
        "Belanja Kursus Singkat/Pelatihan – Pengembangan Kompetensi ASN (5.03.02.2.03)",
        750_000_000,
        REKENING_PELATIHAN,
    ),
    _AnggaranT(
        "apba-rencana",
        1,
        S.APBA,
        "Bantuan Keuangan Pemerintah Aceh – Pelatihan Kepemimpinan Pengawas",
        75_000_000,
        REKENING_PELATIHAN,
    ),
)


@dataclass(frozen=True)
class _UsulanT:
    mitra: str
    sumber: str
    tahun: int  # 0: tahun acuan, 1: tahun rencana
    uraian: str
    jumlah: int
    status: str
    diajukan: tuple[int, int] | None = None  # (bulan, tanggal) tahun acuan
    diputuskan: tuple[int, int] | None = None
    catatan: str = ""
    anggaran: str = ""  # kunci anggaran yang terbentuk dari usulan yang disetujui


BANK_ACEH = "PT Bank Aceh Syariah Cabang Langsa"
U = UsulanPendanaan.Status
USULAN = (
    _UsulanT(
        BANK_ACEH,
        S.CSR,
        0,
        "Program TJSL: Pelatihan Pengelolaan Keuangan dan Perbankan Syariah bagi Bendahara OPD "
        "(25 peserta).",
        35_000_000,
        U.DISETUJUI,
        (1, 20),
        (2, 24),
        "Komitmen dituangkan dalam PKS/045/BAS-LGS/2026.",
        "csr",
    ),
    _UsulanT(
        "PT Pertamina EP Rantau Field",
        S.CSR,
        0,
        "Pelatihan keselamatan kerja dan tanggap darurat kebakaran bagi petugas Damkar.",
        45_000_000,
        U.DITOLAK,
        (2, 16),
        (4, 8),
        "Program TJSL tahun ini diutamakan untuk gampong di wilayah operasi Aceh Tamiang.",
    ),
    _UsulanT(
        "PT PLN (Persero) UP3 Langsa",
        S.CSR,
        0,
        "Pelatihan literasi digital bagi operator layanan kantor camat dan gampong.",
        25_000_000,
        U.DIAJUKAN,
        (9, 8),
        catatan="Menunggu rapat komite TJSL akhir tahun.",
    ),
    _UsulanT(
        BANK_ACEH,
        S.CSR,
        1,
        "Lanjutan program TJSL: Pelatihan Pengelolaan Keuangan Syariah bagi Bendahara angkatan 2.",
        35_000_000,
        U.DIAJUKAN,
        (11, 3),
        catatan="Diserahkan kepada Corporate Secretary; jawaban dijanjikan Januari.",
    ),
    _UsulanT(
        "UNICEF Kantor Lapangan Aceh",
        S.HIBAH,
        1,
        "Hibah penguatan kapasitas tenaga kesehatan: PPI angkatan 3 dan tata laksana gizi buruk.",
        90_000_000,
        U.DISIAPKAN,
        catatan="Proposal disusun bersama Dinas Kesehatan.",
    ),
    _UsulanT(
        "PT Bank Syariah Indonesia Kantor Cabang Langsa",
        S.CSR,
        1,
        "Pelatihan literasi keuangan syariah dan perencanaan pensiun bagi ASN menjelang "
        "purnabakti.",
        20_000_000,
        U.DISIAPKAN,
    ),
)


@dataclass(frozen=True)
class _Biaya:
    kategori: str
    dasar: str  # "kursi", "jp" atau "kursi_hari"
    tarif: int
    hari: int = 1


def kontribusi(tarif: int) -> _Biaya:
    return _Biaya(Kategori.KONTRIBUSI, "kursi", tarif)


def honorarium(tarif: int) -> _Biaya:
    return _Biaya(Kategori.HONORARIUM, "jp", tarif)


def konsumsi(tarif: int, hari: int) -> _Biaya:
    return _Biaya(Kategori.KONSUMSI, "kursi_hari", tarif, hari)


def perjalanan(tarif: int) -> _Biaya:
    return _Biaya(Kategori.PERJALANAN, "kursi", tarif)


def lainnya(tarif: int) -> _Biaya:
    return _Biaya(Kategori.LAINNYA, "kursi", tarif)


@dataclass(frozen=True)
class _RencanaT:
    kunci: str
    tahun: int  # 0: tahun acuan, 1: tahun rencana
    sumber: str
    biaya: tuple[_Biaya, ...]
    kursi: tuple[tuple[str, int], ...] = ()  # kosong: jumlah peserta kebutuhan yang digabung
    program: str = ""
    angkatan: int = 0  # dengan program: kegiatan demo angkatan itu
    nama: str = ""  # kosong: nama program (dan angkatannya)
    jenis: str = ""  # kosong: jenis program
    jp: int = 0  # 0: JP kurikulum program
    bulan: int = 0  # 0: bulan mulai kegiatannya
    kompetensi: tuple[str, ...] = ()  # kosong: kompetensi program atau kebutuhan
    anggaran: str = ""  # kunci anggaran tahun acuan yang dialokasikan
    keterangan: str = ""
    terbayar: float = 1.0  # bagian kontribusi yang sudah disetor (mandiri)


_PP = (honorarium(700_000), konsumsi(100_000, 4), lainnya(150_000))
_PP_KURSI = (
    ("DINKES", 6),
    ("DISDIKBUD", 6),
    ("RSUD", 4),
    ("DISDUKCAPIL", 4),
    ("DPMPTSP", 4),
    ("DINSOS", 3),
    ("SETDA", 3),
)
_LATSAR_KURSI = (
    ("DISDIKBUD", 14),
    ("DINKES", 8),
    ("RSUD", 6),
    ("BKPSDM", 2),
    ("BPKD", 2),
    ("DPUPR", 2),
    ("SATPOLPP-WH", 2),
    ("DISDUKCAPIL", 2),
    ("DLH", 2),
)

RENCANA = (
    # --- Tahun acuan: kegiatan demo dan pelatihan di luar katalog, dengan alokasinya.
    _RencanaT(
        "pbj",
        0,
        S.APBK,
        (kontribusi(3_500_000), perjalanan(2_400_000)),
        (("DPUPR", 4), ("BPKD", 3), ("SETDA", 3), ("DINKES", 2), ("DISPERKIM", 2), ("RSUD", 1)),
        nama="Pelatihan dan Sertifikasi Pengadaan Barang/Jasa Tingkat Dasar",
        jenis="KL04",
        jp=40,
        bulan=2,
        kompetensi=("M.01",),
        anggaran="apbk-pelatihan",
    ),
    _RencanaT("pp1", 0, S.APBK, _PP, _PP_KURSI, "LKS-PP", 1, anggaran="apbk-pelatihan"),
    _RencanaT(
        "sipd",
        0,
        S.APBK,
        (honorarium(700_000), konsumsi(85_000, 3), lainnya(50_000)),
        (
            ("BPKD", 12),
            ("DINKES", 8),
            ("DISDIKBUD", 8),
            ("RSUD", 6),
            ("SETDA", 6),
            ("DPUPR", 4),
            ("BKPSDM", 4),
            ("DLH", 4),
            ("DINSOS", 4),
            ("DISHUB", 4),
        ),
        nama="Bimbingan Teknis Aplikasi SIPD Penatausahaan Keuangan",
        jenis="KL10",
        jp=24,
        bulan=4,
        kompetensi=("M.04",),
        anggaran="apbk-bimtek",
    ),
    _RencanaT(
        "latsar",
        0,
        S.APBK,
        (kontribusi(7_200_000), perjalanan(1_800_000)),
        _LATSAR_KURSI[:-1],
        nama="Pelatihan Dasar CPNS Golongan III",
        jenis="KL01",
        jp=80,
        bulan=5,
        kompetensi=("M.01", "M.02", "SK.01"),
        anggaran="apbk-pelatihan",
    ),
    _RencanaT(
        "pka",
        0,
        S.APBK,
        (kontribusi(24_500_000), perjalanan(4_000_000)),
        (("DINKES", 1), ("DISDIKBUD", 1), ("BPKD", 1), ("DPUPR", 1), ("RSUD", 1), ("DLH", 1)),
        "LKS-PKA",
        1,
        anggaran="apbk-pelatihan",
    ),
    _RencanaT(
        "pkn",
        0,
        S.APBK,
        (kontribusi(85_000_000), perjalanan(12_500_000)),
        (("BAPPEDA", 1), ("DISDUKCAPIL", 1)),
        nama="Pelatihan Kepemimpinan Nasional Tingkat II",
        jenis="KL01",
        jp=80,
        bulan=7,
        kompetensi=("M.01", "M.07", "M.08"),
        anggaran="apbk-pelatihan",
    ),
    _RencanaT(
        "manpus",
        0,
        S.APBK,
        (honorarium(700_000), konsumsi(100_000, 5), lainnya(200_000)),
        (("DINKES", 25),),
        nama="Pelatihan Manajemen Puskesmas",
        jenis="KL03",
        jp=40,
        bulan=7,
        kompetensi=("M.04", "M.08"),
        anggaran="apbk-dinkes",
    ),
    _RencanaT(
        "anjab",
        0,
        S.APBK,
        (honorarium(700_000), konsumsi(85_000, 4), lainnya(75_000)),
        (("BKPSDM", 10), ("SETDA", 6), ("DINKES", 4), ("DISDIKBUD", 4), ("BPKD", 4)),
        nama="Pelatihan Analisis Jabatan dan Analisis Beban Kerja",
        jenis="KL03",
        jp=32,
        bulan=8,
        kompetensi=("M.04",),
        anggaran="apbk-bimtek",
    ),
    _RencanaT(
        "keu1",
        0,
        S.CSR,
        (honorarium(750_000), konsumsi(110_000, 3), lainnya(150_000)),
        (("BPKD", 5), ("DINKES", 4), ("DISDIKBUD", 5), ("RSUD", 3), ("SETDA", 3), ("DPUPR", 2)),
        "LKS-KEU",
        1,
        anggaran="csr",
        keterangan="Dibiayai program TJSL Bank Aceh Syariah (PKS/045/BAS-LGS/2026).",
    ),
    _RencanaT("pp2", 0, S.APBK, _PP, _PP_KURSI, "LKS-PP", 2, anggaran="apbk-pelatihan"),
    _RencanaT(
        "gizi",
        0,
        S.APBK,
        (honorarium(700_000), konsumsi(100_000, 4), lainnya(150_000)),
        (("DINKES", 20),),
        nama="Pelatihan Tata Laksana Gizi Buruk pada Balita",
        jenis="KL03",
        jp=32,
        bulan=9,
        kompetensi=("M.05",),
        anggaran="apbk-dinkes",
    ),
    _RencanaT(
        "data1",
        0,
        S.APBK,
        (kontribusi(1_750_000),),
        (("BAPPEDA", 6), ("DISKOMINFO", 6), ("DINKES", 5), ("DISDIKBUD", 4), ("DINSOS", 4)),
        "LKS-DATA",
        1,
        keterangan="Kegiatan dibatalkan karena MoU dengan Universitas Samudra berakhir; "
        "dijadwalkan ulang sebagai angkatan 2.",
    ),
    _RencanaT(
        "srikandi",
        0,
        S.APBK,
        (honorarium(700_000), konsumsi(85_000, 2), lainnya(50_000)),
        (("DISPUSIP", 10), ("SETDA", 8), ("DINKES", 8), ("DISDIKBUD", 8), ("BKPSDM", 4)),
        nama="Bimbingan Teknis Aplikasi SRIKANDI",
        jenis="KL10",
        jp=16,
        bulan=10,
        kompetensi=("M.07",),
        anggaran="apbk-bimtek",
    ),
    _RencanaT(
        "skp1",
        0,
        S.APBK,
        (honorarium(600_000), konsumsi(85_000, 2), lainnya(20_000)),
        (("DINKES", 12), ("DISDIKBUD", 16), ("BKPSDM", 6), ("RSUD", 8), ("SETDA", 8), ("DLH", 10)),
        "LKS-SKP",
        1,
        anggaran="apbk-bimtek",
    ),
    _RencanaT(
        "ppi2",
        0,
        S.HIBAH,
        (kontribusi(2_400_000),),
        (("DINKES", 10), ("RSUD", 10)),
        "LKS-PPI",
        2,
        anggaran="hibah",
    ),
    _RencanaT(
        "pkp1",
        0,
        S.APBA,
        (kontribusi(9_800_000), perjalanan(3_500_000)),
        (("DINKES", 2), ("DISDIKBUD", 1), ("RSUD", 1), ("DISDUKCAPIL", 1)),
        "LKS-PKP",
        1,
        anggaran="apba",
    ),
    _RencanaT(
        "pp3",
        0,
        S.APBK,
        _PP,
        (
            ("DINKES", 10),
            ("DISDIKBUD", 8),
            ("RSUD", 3),
            ("SETDA", 2),
            ("DISDUKCAPIL", 4),
            ("DPMPTSP", 3),
        ),
        "LKS-PP",
        3,
        anggaran="apbk-pelatihan",
    ),
    _RencanaT(
        "digi1",
        0,
        S.MANDIRI,
        (kontribusi(450_000),),
        (("DISKOMINFO", 8), ("DINKES", 10), ("DISDIKBUD", 10), ("DISDUKCAPIL", 6), ("BPKD", 6)),
        "LKS-DIGI",
        1,
        anggaran="mandiri",
        terbayar=0.8,
    ),
    # --- Tahun rencana: lebih banyak dari pagunya; empat baris dari kebutuhan yang digabung.
    _RencanaT(
        "skp2",
        1,
        S.APBK,
        (honorarium(600_000), konsumsi(85_000, 2), lainnya(50_000)),
        program="LKS-SKP",
        angkatan=2,
    ),
    _RencanaT(
        "data2",
        1,
        S.APBK,
        (kontribusi(1_750_000),),
        (
            ("BAPPEDA", 5),
            ("DISKOMINFO", 5),
            ("DINKES", 4),
            ("DISDIKBUD", 4),
            ("DPUPR", 3),
            ("DINSOS", 4),
        ),
        "LKS-DATA",
        2,
    ),
    _RencanaT(
        "pp",
        1,
        S.APBK,
        _PP,
        program="LKS-PP",
        nama="Pelatihan Pelayanan Publik Prima",
        bulan=3,
    ),
    _RencanaT(
        "pbj2",
        1,
        S.APBK,
        (kontribusi(3_500_000), perjalanan(2_400_000)),
        nama="Pelatihan dan Sertifikasi Pengadaan Barang/Jasa Tingkat Dasar",
        jenis="KL04",
        jp=40,
        bulan=4,
    ),
    _RencanaT(
        "latsar2",
        1,
        S.APBK,
        (kontribusi(7_200_000), perjalanan(1_900_000)),
        _LATSAR_KURSI,
        nama="Pelatihan Dasar CPNS Golongan III",
        jenis="KL01",
        jp=80,
        bulan=4,
        kompetensi=("M.01", "M.02", "SK.01"),
    ),
    _RencanaT(
        "arsip",
        1,
        S.APBK,
        (honorarium(700_000), konsumsi(85_000, 2), lainnya(75_000)),
        nama="Bimbingan Teknis Aplikasi SRIKANDI dan Pengelolaan Arsip Dinamis",
        jenis="KL10",
        jp=16,
        bulan=5,
    ),
    _RencanaT(
        "pka2",
        1,
        S.APBK,
        (kontribusi(24_500_000), perjalanan(5_800_000)),
        (("DINKES", 1), ("DISDIKBUD", 1), ("BPKD", 1), ("DPUPR", 1)),
        "LKS-PKA",
        bulan=5,
    ),
    _RencanaT(
        "pkn2",
        1,
        S.APBK,
        (kontribusi(85_000_000), perjalanan(12_500_000)),
        (("DINKES", 1), ("DLH", 1)),
        nama="Pelatihan Kepemimpinan Nasional Tingkat II",
        jenis="KL01",
        jp=80,
        bulan=6,
        kompetensi=("M.01", "M.07", "M.08"),
    ),
    _RencanaT(
        "pkp2",
        1,
        S.APBA,
        (kontribusi(9_800_000), perjalanan(3_600_000)),
        (
            ("DINKES", 3),
            ("DISDIKBUD", 2),
            ("RSUD", 2),
            ("DISDUKCAPIL", 1),
            ("SATPOLPP-WH", 1),
            ("DLH", 1),
        ),
        "LKS-PKP",
        bulan=7,
    ),
    _RencanaT(
        "ppi3",
        1,
        S.APBK,
        (kontribusi(2_400_000),),
        (("DINKES", 10), ("RSUD", 10)),
        "LKS-PPI",
        nama="Pelatihan Pencegahan dan Pengendalian Infeksi bagi Tenaga Kesehatan Angkatan 3",
        bulan=8,
    ),
    _RencanaT(
        "keu2",
        1,
        S.CSR,
        (honorarium(750_000), konsumsi(110_000, 3), lainnya(150_000)),
        (("BPKD", 5), ("DINKES", 4), ("DISDIKBUD", 5), ("RSUD", 3), ("SETDA", 3), ("DLH", 5)),
        "LKS-KEU",
        nama="Pelatihan Pengelolaan Keuangan dan Perbankan Syariah bagi Bendahara Angkatan 2",
        bulan=9,
        keterangan="Menunggu komitmen TJSL; usulan pendanaan sudah diajukan.",
    ),
    _RencanaT(
        "digi2",
        1,
        S.APBK,
        (kontribusi(450_000),),
        (
            ("DISKOMINFO", 6),
            ("DINKES", 10),
            ("DISDIKBUD", 10),
            ("DISDUKCAPIL", 6),
            ("BKPSDM", 4),
            ("BPKD", 4),
        ),
        "LKS-DIGI",
        nama="Pelatihan Transformasi Digital dan Keamanan Informasi Angkatan 2",
        bulan=10,
    ),
)


@dataclass(frozen=True)
class _KebutuhanT:
    """Satu kebutuhan tahun rencana. Dengan ``kompetensi`` dan ``kesenjangan``: seorang pegawai
    ``opd`` yang hasil asesmennya di bawah standar pada kompetensi itu (bila ada); ``pengusul``:
    "asn" (pegawai itu sendiri), "operator", "kepala", atau nama login."""

    opd: str
    status: str
    pengusul: str
    uraian: str = ""
    kompetensi: str = ""
    kesenjangan: bool = False
    peserta: int = 1
    jenis: str = ""
    program: str = ""
    rencana: str = ""
    alasan: str = ""
    hari: int = 60  # diusulkan sekian hari sebelum hari acuan
    sasaran: tuple[str, ...] = ()  # jenis jabatan yang diutamakan


def _gap(opd, kompetensi, status, pengusul, **kw) -> _KebutuhanT:
    return _KebutuhanT(opd, status, pengusul, kompetensi=kompetensi, kesenjangan=True, **kw)


def _bebas(opd, uraian, peserta, status, pengusul, jenis, **kw) -> _KebutuhanT:
    return _KebutuhanT(opd, status, pengusul, uraian=uraian, peserta=peserta, jenis=jenis, **kw)


PIMPINAN_MENENGAH = (JenisJabatan.PENGAWAS, JenisJabatan.ADMINISTRATOR)
DV, DU, DT = K.DIVERIFIKASI, K.DIUSULKAN, K.DITOLAK

KEBUTUHAN = (
    # --- Terverifikasi dan sudah masuk baris rencana.
    _gap("DINKES", "M.05", DV, "operator", jenis="KL03", program="LKS-PP", rencana="pp", hari=118),
    _gap("DINKES", "M.05", DV, "asn", jenis="KL03", program="LKS-PP", rencana="pp", hari=104),
    _bebas(
        "DISDUKCAPIL",
        "Petugas loket administrasi kependudukan perlu pelatihan pelayanan prima dan penanganan "
        "pengaduan: indeks kepuasan layanan tahun ini turun.",
        8,
        DV,
        "kepala",
        "KL03",
        program="LKS-PP",
        kompetensi="M.05",
        rencana="pp",
        hari=125,
    ),
    _bebas(
        "DPMPTSP",
        "Petugas front office Mal Pelayanan Publik: standar pelayanan dan penanganan pengaduan "
        "melalui SP4N-LAPOR!.",
        6,
        DV,
        "kepala",
        "KL03",
        program="LKS-PP",
        kompetensi="M.05",
        rencana="pp",
        hari=98,
    ),
    _bebas(
        "RSUD",
        "Petugas pendaftaran dan informasi pasien rawat jalan perlu pelatihan pelayanan prima.",
        5,
        DV,
        "kepala",
        "KL03",
        program="LKS-PP",
        kompetensi="M.05",
        rencana="pp",
        hari=92,
    ),
    _gap("DINSOS", "M.05", DV, "kepala", jenis="KL03", program="LKS-PP", rencana="pp", hari=88),
    _bebas(
        "DPUPR",
        "Pejabat pengadaan dan calon anggota pokja pemilihan belum bersertifikat kompetensi "
        "PBJ tingkat dasar.",
        4,
        DV,
        "kepala",
        "KL04",
        rencana="pbj2",
        hari=130,
    ),
    _bebas(
        "BPKD",
        "PPK dan PPTK belum bersertifikat pengadaan barang/jasa tingkat dasar.",
        3,
        DV,
        "kepala",
        "KL04",
        rencana="pbj2",
        hari=112,
    ),
    _bebas(
        "SETDA",
        "Pengelola pengadaan Bagian Pengadaan Barang dan Jasa: sertifikasi tingkat dasar.",
        3,
        DV,
        "kepala",
        "KL04",
        rencana="pbj2",
        hari=109,
    ),
    _bebas(
        "DINKES",
        "PPTK dan pejabat pengadaan puskesmas (dana BLUD dan BOK) belum bersertifikat PBJ.",
        2,
        DV,
        "operator",
        "KL04",
        rencana="pbj2",
        hari=101,
    ),
    _bebas(
        "DISDIKBUD",
        "Kepala sekolah dan operator sekolah perlu bimtek penyusunan SKP dan dialog kinerja pada "
        "aplikasi e-Kinerja.",
        20,
        DV,
        "kepala",
        "KL10",
        program="LKS-SKP",
        kompetensi="M.04",
        rencana="skp2",
        hari=95,
    ),
    _gap("BKPSDM", "M.04", DV, "asn", jenis="KL10", program="LKS-SKP", rencana="skp2", hari=84),
    _bebas(
        "DLH",
        "Pengawas dan pelaksana bidang persampahan: penyusunan SKP berbasis hasil kerja.",
        6,
        DV,
        "kepala",
        "KL10",
        program="LKS-SKP",
        kompetensi="M.04",
        rencana="skp2",
        hari=80,
    ),
    _bebas(
        "DISPUSIP",
        "Arsiparis sebagai pembina kearsipan OPD perlu pendalaman pengelolaan arsip dinamis dan "
        "aplikasi SRIKANDI.",
        5,
        DV,
        "kepala",
        "KL10",
        rencana="arsip",
        hari=115,
    ),
    _bebas(
        "DISDIKBUD",
        "Pengadministrasi perkantoran sekolah belum memakai SRIKANDI untuk naskah dinas.",
        10,
        DV,
        "kepala",
        "KL10",
        rencana="arsip",
        hari=94,
    ),
    _bebas(
        "DINKES",
        "Pengadministrasi Dinas Kesehatan dan puskesmas: naskah dinas elektronik dengan SRIKANDI.",
        4,
        DV,
        "operator",
        "KL10",
        rencana="arsip",
        hari=90,
    ),
    # --- Terverifikasi, belum masuk rencana: untuk digabung Admin BKPSDM dalam penelusuran.
    _gap(
        "DINKES",
        "M.07",
        DV,
        pegawai_demo.ASN_DINKES,
        jenis="KL03",
        program="LKS-DIGI",
        uraian="Untuk penerapan rekam medis elektronik di puskesmas.",
        hari=24,
    ),
    _gap("DINKES", "M.07", DV, "operator", jenis="KL03", program="LKS-DIGI", hari=37),
    _gap("DISKOMINFO", "M.07", DV, "kepala", jenis="KL03", program="LKS-DIGI", hari=52),
    _bebas(
        "DISDUKCAPIL",
        "Operator layanan adminduk daring (Identitas Kependudukan Digital): keamanan informasi "
        "dan perlindungan data pribadi.",
        4,
        DV,
        "kepala",
        "KL03",
        program="LKS-DIGI",
        kompetensi="M.07",
        hari=46,
    ),
    _gap("BAPPEDA", "M.08", DV, "kepala", jenis="KL02", sasaran=PIMPINAN_MENENGAH, hari=58),
    _gap("DISDIKBUD", "M.08", DV, "kepala", jenis="KL02", sasaran=PIMPINAN_MENENGAH, hari=55),
    _gap("DINKES", "M.08", DV, "operator", jenis="KL02", sasaran=PIMPINAN_MENENGAH, hari=49),
    _bebas(
        "SETDA",
        "Pranata humas dan staf protokol: komunikasi publik dan pengelolaan media sosial "
        "pemerintah.",
        3,
        DV,
        "kepala",
        "KL03",
        kompetensi="M.03",
        hari=61,
    ),
    _bebas(
        "DISKOMINFO",
        "Pengelola konten dan pranata humas: komunikasi krisis dan penulisan siaran pers.",
        4,
        DV,
        "kepala",
        "KL03",
        kompetensi="M.03",
        hari=57,
    ),
    _gap("RSUD", "M.03", DV, "kepala", jenis="KL03", hari=44),
    # --- Menunggu verifikasi.
    _gap("DINKES", "M.06", DU, "operator", jenis="NKL01", hari=6),
    _bebas(
        "DINKES",
        "Bidan dan perawat puskesmas: pelatihan Asuhan Persalinan Normal terakreditasi Kemenkes.",
        12,
        DU,
        "operator",
        "KL04",
        hari=3,
    ),
    _gap("DISDIKBUD", "M.06", DU, "asn", jenis="NKL02", hari=11),
    _bebas(
        "DISDIKBUD",
        "Guru SD dan SMP: pembelajaran mendalam dan asesmen formatif.",
        30,
        DU,
        "kepala",
        "KL03",
        hari=9,
    ),
    _bebas(
        "DISTANPAN",
        "Penyuluh pertanian: budidaya padi ramah lingkungan dan aplikasi e-RDKK.",
        8,
        DU,
        "kepala",
        "KL03",
        hari=13,
    ),
    _bebas(
        "INSPEKTORAT",
        "Auditor dan P2UPD: audit kinerja berbasis risiko dan probity audit pengadaan.",
        5,
        DU,
        "kepala",
        "KL04",
        kompetensi="M.01",
        hari=15,
    ),
    _bebas(
        "BPBD",
        "Tim reaksi cepat: kaji cepat bencana banjir dan pengelolaan logistik darurat.",
        6,
        DU,
        "kepala",
        "KL03",
        hari=5,
    ),
    _gap("DISHUB", "M.05", DU, "asn", jenis="KL03", program="LKS-PP", hari=2),
    _bebas(
        "DAMKAR",
        "Petugas pemadam kebakaran belum bersertifikat Pemadam Kebakaran Tingkat I.",
        10,
        DU,
        "kepala",
        "KL04",
        hari=8,
    ),
    # --- Ditolak, dengan alasannya.
    _bebas(
        "DISPORAPAR",
        "Studi banding pengelolaan destinasi wisata halal ke Lombok.",
        6,
        DT,
        "kepala",
        "NKL07",
        alasan="Studi banding ke luar provinsi bukan prioritas pengembangan kompetensi tahun "
        "depan (efisiensi perjalanan dinas). Usulkan patok banding daring atau bimbingan di "
        "tempat kerja.",
        hari=100,
    ),
    _bebas(
        "DINKES",
        "Perawat puskesmas: komunikasi efektif dalam pelayanan kesehatan.",
        6,
        DT,
        "operator",
        "KL03",
        kompetensi="M.03",
        alasan="Materi ini tersedia tanpa biaya sebagai e-learning Plataran Sehat Kemenkes; "
        "daftarkan pegawai secara mandiri dan laporkan JP-nya melalui klaim.",
        hari=33,
    ),
    _bebas(
        "DISDIKBUD",
        "Guru: pelatihan implementasi Kurikulum Merdeka.",
        25,
        DT,
        "kepala",
        "KL03",
        alasan="Sudah difasilitasi Kemendikdasmen melalui Ruang GTK tanpa biaya APBK; BKPSDM "
        "mengakui JP-nya melalui klaim.",
        hari=70,
    ),
    _bebas(
        "SETWAN",
        "Bimtek keprotokolan dan tata persidangan DPRK di Jakarta.",
        4,
        DT,
        "kepala",
        "KL10",
        alasan="Penyelenggara yang diusulkan tidak terakreditasi LAN dan bukan instansi pembina; "
        "pilih penyelenggara terakreditasi lalu usulkan kembali.",
        hari=66,
    ),
    _KebutuhanT(
        "DISHUB",
        DT,
        "asn",
        uraian="Ingin mengikuti pelatihan apa saja tahun depan.",
        kesenjangan=True,
        alasan="Uraian terlalu umum: sebutkan kompetensi yang perlu dikembangkan dan bentuk "
        "pengembangannya, lalu usulkan kembali.",
        hari=27,
    ),
)

SARAN = {
    "M.01": "Perlu penguatan integritas dan budaya antikorupsi.",
    "M.02": "Perlu pengembangan kerja sama tim lintas unit.",
    "M.03": "Perlu pelatihan komunikasi efektif dengan masyarakat dan pasien.",
    "M.04": "Perlu pelatihan penyusunan target kinerja dan SKP yang terukur.",
    "M.05": "Perlu pelatihan pelayanan prima dan penanganan pengaduan.",
    "M.06": "Perlu coaching dan mentoring untuk membimbing staf.",
    "M.07": "Perlu pelatihan transformasi digital dan manajemen perubahan.",
    "M.08": "Perlu pelatihan pengambilan keputusan berbasis data bagi atasan.",
    "SK.01": "Perlu penguatan wawasan kebangsaan dalam pelayanan masyarakat yang majemuk.",
}


# ---------------------------------------------------------------------------------------------
# Hasil dan penghapusan
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HasilPerencanaanDemo:
    tahun_rencana: int
    jumlah_kebutuhan: int
    kebutuhan_belum_tercakup: int  # terverifikasi, belum masuk baris rencana
    baris_rencana: int
    biaya_rencana: Decimal
    pagu_apbk_rencana: Decimal
    tahun_anggaran: int
    jumlah_anggaran: int
    pagu: Decimal
    dialokasikan: Decimal
    realisasi: Decimal
    jumlah_usulan: int

    @property
    def persen_realisasi(self) -> float:
        return float(100 * self.realisasi / self.pagu) if self.pagu else 0.0


def perencanaan_demo_delete() -> None:
    """Hapus kebutuhan, rencana, anggaran dan usulan demo, sebelum kegiatan demo dihapus
    (alokasi merujuk kegiatan, kebutuhan dan rencana merujuk program dan pegawai, dengan
    PROTECT)."""
    if not DataDemo.objects.exists():
        raise pegawai_demo.DataBukanDemo(
            "Basis data ini tidak bertanda data demo; rencana dan anggaran tidak dihapus."
        )
    Notifikasi.objects.filter(kunci__startswith="kebutuhan:").delete()
    RealisasiAnggaran.objects.all().delete()
    AlokasiAnggaran.objects.all().delete()
    UsulanPendanaan.objects.all().delete()
    Anggaran.objects.all().delete()
    KebutuhanPengembangan.objects.all().delete()
    RincianBiayaRencana.objects.all().delete()
    RencanaKursiOPD.objects.all().delete()
    RencanaPengembangan.kompetensi.through.objects.all().delete()
    RencanaPengembangan.objects.all().delete()


# ---------------------------------------------------------------------------------------------
# Pembangun
# ---------------------------------------------------------------------------------------------


def _waktu(tanggal: date, jam: int, menit: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(tanggal, time(jam, menit)))


def _rp(nilai: int) -> str:
    return "Rp " + f"{nilai:,}".replace(",", ".")


@dataclass
class _Baris:
    t: _RencanaT
    rencana: RencanaPengembangan
    mulai: date
    selesai: date
    rincian: list[RincianBiayaRencana]

    @property
    def total(self) -> Decimal:
        return sum((x.jumlah for x in self.rincian), Decimal(0))


@dataclass
class _Orang:
    pk: int
    opd: str
    jenis_jabatan: str
    user_id: int | None
    username: str
    jabatan_id: int | None


class _Pembangun:
    def __init__(self, rng: random.Random, hari_ini: date):
        self.rng = rng
        self.hari_ini = hari_ini
        self.tahun = hari_ini.year
        self.tahun_rencana = hari_ini.year + 1
        self.opd = {o.singkatan: o for o in PerangkatDaerah.objects.aktif()}
        self.admin = Pengguna.objects.get(username=pegawai_demo.ADMIN_BKPSDM)
        self.kepala: dict[int, int] = {}
        self.operator: dict[int, int] = {}
        self.berperan: set[int] = set()
        for peran, opd_id, user_id in PenugasanPeran.objects.order_by(
            "perangkat_daerah_id", "user_id"
        ).values_list("peran", "perangkat_daerah_id", "user_id"):
            self.berperan.add(user_id)
            if peran == Peran.KEPALA_OPD:
                self.kepala.setdefault(opd_id, user_id)
            elif peran == Peran.OPERATOR_OPD:
                self.operator.setdefault(opd_id, user_id)
        self.jenis = {j.kode: j for j in JenisPengembangan.objects.all()}
        self.kompetensi = {k.kode: k for k in Kompetensi.objects.all()}
        self.program = {
            p.kode: p
            for p in ProgramPelatihan.objects.select_related("jenis").prefetch_related("kompetensi")
        }
        self.jp_program: dict[str, int] = defaultdict(int)
        for kode, jp in MataPelatihan.objects.values_list("program__kode", "jp"):
            self.jp_program[kode] += jp
        self.kegiatan = {
            (k.program.kode, k.angkatan): k
            for k in KegiatanPelatihan.objects.select_related("program")
        }
        self.anggaran: dict[str, Anggaran] = {}

    # --- gaps ---------------------------------------------------------------------------------

    def baca_pegawai(self) -> None:
        """Pegawai aktif OPD yang disebut kebutuhan, dengan kesenjangannya pada tahun rencana
        (standar jabatan − asesmen terakhir sampai tahun itu)."""
        singkatan = sorted({t.opd for t in KEBUTUHAN})
        self.pegawai: dict[str, list[_Orang]] = defaultdict(list)
        per_pk: dict[int, _Orang] = {}
        for pk, opd, jenis_jabatan, user_id, username, jabatan_id in (
            Pegawai.objects.filter(aktif=True, perangkat_daerah__singkatan__in=singkatan)
            .order_by("nip")
            .values_list(
                "pk",
                "perangkat_daerah__singkatan",
                "jabatan__jenis_jabatan",
                "user_id",
                "user__username",
                "jabatan_id",
            )
        ):
            o = _Orang(pk, opd, jenis_jabatan or "", user_id, username or "", jabatan_id)
            self.pegawai[opd].append(o)
            per_pk[pk] = o
        standar = {
            (j, kode): level
            for j, kode, level in StandarKompetensiJabatan.objects.values_list(
                "jabatan_id", "kompetensi__kode", "level"
            )
        }
        terakhir: dict[tuple[int, str], tuple[int, int]] = {}
        for pk, kode, tahun, level in AsesmenKompetensi.objects.filter(
            pegawai__aktif=True,
            pegawai__perangkat_daerah__singkatan__in=singkatan,
            kompetensi__kode__in={t.kompetensi for t in KEBUTUHAN if t.kesenjangan},
            tahun__lte=self.tahun_rencana,
        ).values_list("pegawai_id", "kompetensi__kode", "tahun", "level"):
            if (pk, kode) not in terakhir or terakhir[(pk, kode)][0] < tahun:
                terakhir[(pk, kode)] = (tahun, level)
        # (pegawai, kompetensi) → (standar, tahun asesmen, level), hanya yang di bawah standar.
        self.kesenjangan: dict[tuple[int, str], tuple[int, int, int]] = {}
        for (pk, kode), (tahun, level) in terakhir.items():
            s = standar.get((per_pk[pk].jabatan_id, kode))
            if s is not None and level < s:
                self.kesenjangan[(pk, kode)] = (s, tahun, level)
        self.dipakai: set[int] = set()

    def _pilih_pegawai(self, t: _KebutuhanT) -> tuple[_Orang | None, tuple | None]:
        """Pegawai untuk kebutuhan ``t`` dan kesenjangannya (None bila tidak ada yang kurang)."""
        if t.pengusul not in ("asn", "operator", "kepala"):
            o = next(
                (o for o in self.pegawai[t.opd] if o.username == t.pengusul),
                None,
            )
            if o is not None:
                return o, self.kesenjangan.get((o.pk, t.kompetensi))
        calon = [
            o
            for o in self.pegawai[t.opd]
            if o.pk not in self.dipakai and o.user_id not in self.berperan
        ]
        if t.kompetensi:
            kurang = [o for o in calon if (o.pk, t.kompetensi) in self.kesenjangan]
            utama = [o for o in kurang if o.jenis_jabatan in t.sasaran]
            pilihan = utama or kurang
            if pilihan:
                o = self.rng.choice(pilihan)
                return o, self.kesenjangan[(o.pk, t.kompetensi)]
        if calon:
            return self.rng.choice(calon), None
        return None, None

    # --- needs --------------------------------------------------------------------------------

    def kebutuhan(self) -> list[KebutuhanPengembangan]:
        """Kebutuhan tahun rencana dalam memori (rencananya diisi setelah rencana ditulis)."""
        hasil = []
        self.kunci_rencana: list[str] = []
        self.dibuat_kebutuhan: list[datetime] = []
        for i, t in enumerate(KEBUTUHAN):
            opd = self.opd.get(t.opd)
            if opd is None:  # pragma: no cover - OPD acuan yang tidak lagi aktif
                continue
            pegawai = celah = None
            kompetensi = self.kompetensi.get(t.kompetensi) if t.kompetensi else None
            if t.kesenjangan:
                pegawai, celah = self._pilih_pegawai(t)
            if pegawai is not None:
                self.dipakai.add(pegawai.pk)
            uraian = t.uraian
            if t.kesenjangan and kompetensi is not None:
                if celah is not None:
                    standar, tahun, level = celah
                    awal = (
                        f"{kompetensi.nama} ({kompetensi.kode}): standar jabatan level "
                        f"{standar}, hasil asesmen {tahun} level {level}."
                    )
                else:
                    awal = f"{kompetensi.nama} ({kompetensi.kode}): belum diases."
                uraian = " ".join(x for x in (awal, SARAN[kompetensi.kode], t.uraian) if x)
            if t.pengusul == "asn" and pegawai is not None and pegawai.user_id:
                pengusul = pegawai.user_id
            elif t.pengusul == "operator" and opd.pk in self.operator:
                pengusul = self.operator[opd.pk]
            elif t.pengusul in ("asn", "operator", "kepala"):
                pengusul = self.kepala.get(opd.pk, self.admin.pk)
            else:
                pengusul = pegawai.user_id if pegawai and pegawai.user_id else self.admin.pk
            dibuat = _waktu(self.hari_ini - timedelta(days=t.hari), 8 + i % 8, (i * 13) % 60)
            k = KebutuhanPengembangan(
                tahun=self.tahun_rencana,
                perangkat_daerah=opd,
                pegawai_id=pegawai.pk if pegawai else None,
                kompetensi=kompetensi,
                jenis=self.jenis.get(t.jenis),
                program=self.program.get(t.program),
                uraian=uraian,
                jumlah_peserta=1 if pegawai else t.peserta,
                asal=KebutuhanPengembangan.Asal.KESENJANGAN
                if celah is not None
                else KebutuhanPengembangan.Asal.USULAN,
                status=t.status,
                alasan_penolakan=t.alasan,
                diusulkan_oleh_id=pengusul,
            )
            if t.status != K.DIUSULKAN:
                hari = self.rng.randint(4, 18)
                kemarin = _waktu(self.hari_ini - timedelta(days=1), 7)
                diputuskan = min(dibuat + timedelta(days=hari), kemarin)
                k.diverifikasi_oleh = self.admin
                k.diverifikasi_pada = diputuskan.replace(hour=10 + i % 5, minute=(i * 7) % 60)
            hasil.append(k)
            self.kunci_rencana.append(t.rencana)
            self.dibuat_kebutuhan.append(dibuat)
        return hasil

    def simpan_kebutuhan(self, kebutuhan: list[KebutuhanPengembangan]) -> None:
        """Tulis kebutuhan (baris rencananya sudah ada) dengan waktu diusulkan dan diubahnya."""
        KebutuhanPengembangan.objects.bulk_create(kebutuhan)
        for k, dibuat in zip(kebutuhan, self.dibuat_kebutuhan, strict=True):
            k.dibuat_pada = dibuat
            if k.rencana is not None:
                k.diubah_pada = k.rencana.dibuat_pada
            else:
                k.diubah_pada = k.diverifikasi_pada or dibuat
        KebutuhanPengembangan.objects.bulk_update(kebutuhan, ["dibuat_pada", "diubah_pada"])

    # --- the plan -----------------------------------------------------------------------------

    def rencana(self, kebutuhan: list[KebutuhanPengembangan]) -> list[RencanaPengembangan]:
        """Baris rencana, kursi per OPD dan rincian biaya; kebutuhan yang digabung mendapat
        barisnya. Mengembalikan baris rencana tahun acuan dan tahun rencana."""
        digabung: dict[str, list[KebutuhanPengembangan]] = defaultdict(list)
        for k, kunci in zip(kebutuhan, self.kunci_rencana, strict=True):
            if kunci:
                digabung[kunci].append(k)
        baris, kursi_per, biaya_per, komp_per = [], [], [], []
        self.susunan: dict[str, _Baris] = {}
        for t in RENCANA:
            tahun = self.tahun + t.tahun
            program = self.program.get(t.program)
            kegiatan = self.kegiatan.get((t.program, t.angkatan)) if t.angkatan else None
            if t.angkatan and kegiatan is None:  # pragma: no cover - katalog demo berubah
                continue
            nama = t.nama or (program.nama if program else t.kunci)
            if kegiatan is not None and not t.nama:
                nama = f"{nama} Angkatan {kegiatan.angkatan}"
            jenis = self.jenis[t.jenis] if t.jenis else program.jenis
            jp = t.jp or self.jp_program[t.program]
            if kegiatan is not None:
                mulai, selesai = kegiatan.tanggal_mulai, kegiatan.tanggal_selesai
            else:
                mulai = date(tahun, t.bulan, 9)
                mulai += timedelta(days=-mulai.weekday() % 7)  # Senin
                selesai = mulai + timedelta(days=math.ceil(jp / 8) - 1)
            if t.kursi:
                kursi = {s: n for s, n in t.kursi if s in self.opd}
            else:
                kursi = defaultdict(int)
                for k in digabung[t.kunci]:
                    kursi[k.perangkat_daerah.singkatan] += k.jumlah_peserta
            total_kursi = sum(kursi.values())
            if t.kompetensi:
                kode_komp = list(t.kompetensi)
            elif digabung[t.kunci]:
                kode_komp = sorted({k.kompetensi.kode for k in digabung[t.kunci] if k.kompetensi})
            else:
                kode_komp = [k.kode for k in program.kompetensi.all()] if program else []
            r = RencanaPengembangan(
                tahun=tahun,
                nama=nama,
                program=program,
                jenis=jenis,
                jp=jp,
                bulan_rencana=t.bulan or mulai.month,
                sumber_dana=t.sumber,
                kegiatan=kegiatan,
                keterangan=t.keterangan,
            )
            baris.append(r)
            kursi_per.append(kursi)
            komp_per.append(kode_komp)
            rincian = []
            for b in t.biaya:
                n = {"kursi": total_kursi, "jp": jp, "kursi_hari": total_kursi * b.hari}[b.dasar]
                jumlah = b.tarif * n
                if not jumlah:
                    continue
                rincian.append(
                    RincianBiayaRencana(
                        rencana=r,
                        kategori=b.kategori,
                        kode_rekening=self._rekening(t, jenis.kode, b.kategori),
                        uraian=self._uraian_biaya(b, total_kursi, jp),
                        jumlah=Decimal(jumlah),
                    )
                )
            biaya_per.append(rincian)
            self.susunan[t.kunci] = _Baris(t, r, mulai, selesai, rincian)

        RencanaPengembangan.objects.bulk_create(baris)
        through = RencanaPengembangan.kompetensi.through
        through.objects.bulk_create(
            through(rencanapengembangan_id=r.pk, kompetensi_id=self.kompetensi[kode].pk)
            for r, kode_komp in zip(baris, komp_per, strict=True)
            for kode in kode_komp
            if kode in self.kompetensi
        )
        RencanaKursiOPD.objects.bulk_create(
            RencanaKursiOPD(rencana=r, perangkat_daerah=self.opd[s], kursi=n)
            for r, kursi in zip(baris, kursi_per, strict=True)
            for s, n in sorted(kursi.items(), key=lambda x: self.opd[x[0]].kode)
            if n
        )
        RincianBiayaRencana.objects.bulk_create(x for rincian in biaya_per for x in rincian)

        # Rencana tahun acuan disusun tahun lalu; rencana tahun rencana bulan lalu, setelah
        # kebutuhan yang digabung diverifikasi.
        for r in baris:
            if r.tahun == self.tahun:
                r.dibuat_pada = _waktu(date(self.tahun - 1, 11, 12), 9)
                r.diubah_pada = _waktu(date(self.tahun - 1, 12, 3), 14)
            else:
                r.dibuat_pada = _waktu(self.hari_ini - timedelta(days=20), 9)
                r.diubah_pada = _waktu(self.hari_ini - timedelta(days=19), 15, 30)
        RencanaPengembangan.objects.bulk_update(baris, ["dibuat_pada", "diubah_pada"])
        for k, kunci in zip(kebutuhan, self.kunci_rencana, strict=True):
            if kunci and kunci in self.susunan:
                k.rencana = self.susunan[kunci].rencana
        return baris

    @staticmethod
    def _rekening(t: _RencanaT, jenis: str, kategori: str) -> str:
        if t.sumber in TANPA_REKENING:
            return ""
        if kategori == Kategori.KONTRIBUSI:
            return REKENING_BIMTEK if jenis == "KL10" else REKENING_PELATIHAN
        return REKENING[kategori]

    @staticmethod
    def _uraian_biaya(b: _Biaya, kursi: int, jp: int) -> str:
        tarif = _rp(b.tarif)
        return {
            Kategori.KONTRIBUSI: f"Kontribusi {kursi} peserta × {tarif}",
            Kategori.HONORARIUM: f"Honorarium narasumber {jp} JP × {tarif}",
            Kategori.KONSUMSI: f"Makan dan kudapan {kursi} peserta × {b.hari} hari × {tarif}",
            Kategori.PERJALANAN: f"Perjalanan dinas {kursi} peserta × {tarif}",
            Kategori.LAINNYA: f"Modul, ATK dan sertifikat {kursi} peserta × {tarif}",
        }[b.kategori]

    # --- budgets ------------------------------------------------------------------------------

    def anggaran_build(self) -> list[UsulanPendanaan]:
        baru = []
        for t in ANGGARAN:
            a = Anggaran(
                tahun=self.tahun + t.tahun,
                sumber_dana=t.sumber,
                uraian=t.uraian,
                kode_rekening=t.kode_rekening,
                perangkat_daerah=self.opd.get(t.opd) if t.opd else None,
                pagu=Decimal(t.pagu),
            )
            # DPA tahun acuan disahkan awal tahun; APBK tahun rencana baru saja ditetapkan.
            self.anggaran[t.kunci] = a
            baru.append(a)
        Anggaran.objects.bulk_create(baru)
        for t, a in zip(ANGGARAN, baru, strict=True):
            # DPA tahun acuan disahkan awal tahun; APBK tahun rencana baru saja ditetapkan.
            a.dibuat_pada = a.diubah_pada = (
                _waktu(date(self.tahun, 1, 6), 9)
                if t.tahun == 0
                else _waktu(self.hari_ini - timedelta(days=9), 10)
            )

        usulan = []
        for t in USULAN:
            u = UsulanPendanaan(
                mitra=t.mitra,
                sumber_dana=t.sumber,
                tahun=self.tahun + t.tahun,
                uraian=t.uraian,
                jumlah=Decimal(t.jumlah),
                status=t.status,
                diajukan_pada=self._tanggal(*t.diajukan) if t.diajukan else None,
                catatan=t.catatan,
            )
            usulan.append(u)
        UsulanPendanaan.objects.bulk_create(usulan)
        for t, u in zip(USULAN, usulan, strict=True):
            awal = u.diajukan_pada - timedelta(days=12) if u.diajukan_pada else None
            u.dibuat_pada = _waktu(awal or self.hari_ini - timedelta(days=16), 11)
            ubah = self._tanggal(*t.diputuskan) if t.diputuskan else u.diajukan_pada
            u.diubah_pada = _waktu(ubah, 15) if ubah else u.dibuat_pada
            if t.anggaran:
                a = usulan_pendanaan_commit(usulan=u, oleh=self.admin)
                a.dibuat_pada = a.diubah_pada = u.diubah_pada
                self.anggaran[t.anggaran] = a
                baru.append(a)
        Anggaran.objects.bulk_update(baru, ["dibuat_pada", "diubah_pada"])
        UsulanPendanaan.objects.bulk_update(usulan, ["dibuat_pada", "diubah_pada"])
        return usulan

    def _tanggal(self, bulan: int, tanggal: int) -> date:
        return min(date(self.tahun, bulan, tanggal), self.hari_ini)

    def alokasi_build(self) -> tuple[list[AlokasiAnggaran], list[RealisasiAnggaran]]:
        """Alokasi tahun acuan untuk tiap baris yang didanai, melalui layanan anggaran (pagu
        dijaga), lalu realisasinya per kategori belanja sampai hari acuan."""
        alokasi, bayar, dibuat = [], [], []
        for kunci, b in self.susunan.items():
            t, r, mulai, selesai = b.t, b.rencana, b.mulai, b.selesai
            if t.tahun != 0 or not t.anggaran or not b.total:
                continue
            if r.kegiatan is not None and r.kegiatan.status == KegiatanPelatihan.Status.DIBATALKAN:
                continue
            a = alokasi_create(
                anggaran=self.anggaran[t.anggaran],
                jumlah=b.total,
                kegiatan=r.kegiatan,
                rencana=r,
                oleh=self.admin,
                uraian=r.nama,
            )
            dibuat.append(
                _waktu(max(mulai - timedelta(days=45), date(self.tahun, 1, 8)), 10, len(alokasi))
            )
            alokasi.append(a)
            for x in b.rincian:
                acuan, hari = BAYAR[x.kategori]
                tanggal = (mulai if acuan == "mulai" else selesai) + timedelta(days=hari)
                tanggal = max(tanggal, date(self.tahun, 1, 12))
                if tanggal > self.hari_ini or tanggal.year != self.tahun:
                    continue
                lo, hi = TEREALISASI[x.kategori]
                if x.kategori == Kategori.KONTRIBUSI:
                    faktor = t.terbayar
                else:
                    faktor = self.rng.uniform(lo, hi)
                # Dibayar dalam ribuan Rupiah, tidak lebih dari rinciannya.
                jumlah = min(int(x.jumlah * Decimal(faktor)) // 1000 * 1000, int(x.jumlah))
                if jumlah > 0:
                    bayar.append((tanggal, kunci, a, x, Decimal(jumlah)))

        realisasi = []
        terealisasi: dict[int, Decimal] = defaultdict(Decimal)
        nomor: dict[str, int] = defaultdict(int)
        for tanggal, _kunci, a, x, jumlah in sorted(bayar, key=lambda b: (b[0], b[1])):
            sumber = a.anggaran.sumber_dana
            nomor[sumber] += 1
            n = nomor[sumber]
            if sumber in (S.APBK, S.APBA):
                bukti = f"{tanggal.timetuple().tm_yday * 7 + n:04d}/SP2D-LS/BPKD/{tanggal.year}"
            elif sumber == S.CSR:
                bukti = f"TJSL/BAS-LGS/{tanggal.year}/{n:03d}"
            elif sumber == S.HIBAH:
                bukti = f"BAST-{n:02d}/UNICEF-ACEH/{tanggal.year}"
            else:
                bukti = f"BSP-{n:03d}/{tanggal.year}"
            realisasi.append(
                RealisasiAnggaran(
                    alokasi=a,
                    tanggal=tanggal,
                    jumlah=jumlah,
                    uraian=f"{x.get_kategori_display()}: {a.uraian}"[:300],
                    nomor_bukti=bukti,
                    dibuat_oleh=self.admin,
                )
            )
            terealisasi[a.pk] += jumlah
        # Per rincian tidak lebih dari rinciannya, jadi tidak lebih dari alokasinya; dijaga juga
        # di sini karena baris ini ditulis sekaligus, tanpa realisasi_create.
        for a in alokasi:
            if terealisasi[a.pk] > a.jumlah:  # pragma: no cover - susunan demo salah
                raise RuntimeError(f"Realisasi demo melebihi alokasi {a.uraian}.")
        RealisasiAnggaran.objects.bulk_create(realisasi)
        for r in realisasi:
            r.dibuat_pada = _waktu(r.tanggal, 14, r.pk % 60)
        for a, waktu in zip(alokasi, dibuat, strict=True):
            a.dibuat_pada = waktu
        AlokasiAnggaran.objects.bulk_update(alokasi, ["dibuat_pada"])
        RealisasiAnggaran.objects.bulk_update(realisasi, ["dibuat_pada"])
        return alokasi, realisasi

    # --- inbox --------------------------------------------------------------------------------

    def kabari(self, kebutuhan: Sequence[KebutuhanPengembangan]) -> None:
        """Pemberitahuan keputusan BKPSDM kepada pengusul (dan pegawai yang diusulkan), seperti
        ``pelatihan.akpk``; yang lebih dari tiga minggu lalu sudah dibaca."""
        user_pegawai = {o.pk: o.user_id for daftar in self.pegawai.values() for o in daftar}
        tautan = reverse("pelatihan:kebutuhan-list") + f"?tahun={self.tahun_rencana}"
        baru = []
        for k in kebutuhan:
            if k.status == K.DIUSULKAN:
                continue
            teks = " ".join(k.uraian.split())
            ringkas = teks if len(teks) <= 80 else teks[:79] + "…"
            if k.status == K.DIVERIFIKASI:
                judul, kejadian = "Kebutuhan pengembangan diverifikasi", "verifikasi"
                pesan = (
                    f"Kebutuhan “{ringkas}” (tahun {k.tahun}) diverifikasi BKPSDM dan akan "
                    "dipertimbangkan dalam rencana pengembangan."
                )
            else:
                judul, kejadian = "Kebutuhan pengembangan ditolak", "penolakan"
                pesan = (
                    f"Kebutuhan “{ringkas}” (tahun {k.tahun}) ditolak BKPSDM. Alasan: "
                    f"{k.alasan_penolakan}"
                )
            penerima = []
            for user_id in (k.diusulkan_oleh_id, user_pegawai.get(k.pegawai_id)):
                if user_id and user_id != self.admin.pk and user_id not in penerima:
                    penerima.append(user_id)
            lama = k.diverifikasi_pada.date() < self.hari_ini - timedelta(days=21)
            for user_id in penerima:
                n = Notifikasi(
                    penerima_id=user_id,
                    judul=judul,
                    pesan=pesan,
                    tautan=tautan,
                    kunci=f"kebutuhan:{k.pk}:{kejadian}",
                    dibaca_pada=k.diverifikasi_pada + timedelta(hours=20) if lama else None,
                )
                baru.append((n, k.diverifikasi_pada))
        Notifikasi.objects.bulk_create(n for n, _ in baru)
        for n, waktu in baru:
            n.dibuat_pada = waktu
        Notifikasi.objects.bulk_update([n for n, _ in baru], ["dibuat_pada"])


def perencanaan_demo_build(*, seed: int = pegawai_demo.SEED_BAWAAN) -> HasilPerencanaanDemo:
    """Tulis kebutuhan, rencana, anggaran dengan alokasi dan realisasinya, dan usulan mitra, di
    atas pegawai, asesmen, katalog dan kegiatan demo yang sudah ada (tabelnya harus kosong)."""
    hari_ini = min(pegawai_demo.TANGGAL_ACUAN, timezone.localdate())
    rng = random.Random(f"pelatihan.demo.perencanaan:{seed}")
    with transaction.atomic():
        p = _Pembangun(rng, hari_ini)
        p.baca_pegawai()
        kebutuhan = p.kebutuhan()
        baris = p.rencana(kebutuhan)
        p.simpan_kebutuhan(kebutuhan)
        p.kabari(kebutuhan)
        usulan = p.anggaran_build()
        alokasi, realisasi = p.alokasi_build()

    rencana = [r for r in baris if r.tahun == p.tahun_rencana]
    anggaran_acuan = [a for a in p.anggaran.values() if a.tahun == p.tahun]
    return HasilPerencanaanDemo(
        tahun_rencana=p.tahun_rencana,
        jumlah_kebutuhan=len(kebutuhan),
        kebutuhan_belum_tercakup=sum(
            k.status == K.DIVERIFIKASI and k.rencana_id is None for k in kebutuhan
        ),
        baris_rencana=len(rencana),
        biaya_rencana=sum(
            (b.total for b in p.susunan.values() if b.rencana.tahun == p.tahun_rencana),
            Decimal(0),
        ),
        pagu_apbk_rencana=sum(
            (
                a.pagu
                for a in p.anggaran.values()
                if a.tahun == p.tahun_rencana and a.sumber_dana == S.APBK
            ),
            Decimal(0),
        ),
        tahun_anggaran=p.tahun,
        jumlah_anggaran=len(anggaran_acuan),
        pagu=sum((a.pagu for a in anggaran_acuan), Decimal(0)),
        dialokasikan=sum((a.jumlah for a in alokasi), Decimal(0)),
        realisasi=sum((r.jumlah for r in realisasi), Decimal(0)),
        jumlah_usulan=len(usulan),
    )
