"""Riwayat JP Kota Langsa demo untuk ``manage.py seed_demo`` (lapisan pelatihan).

Di atas pegawai dari :mod:`pegawai.demo`, modul ini menulis buku besar JP tahun 2023 sampai
tanggal acuan: pelatihan, bimtek, seminar, e-learning, coaching dan mentoring dari katalog nama
kegiatan yang nyata menurut rumpun jabatan, dengan penyelenggara, angkatan bersama, nomor
sertifikat, dan klaim ASN (menunggu, terverifikasi, ditolak). :func:`kegiatan_demo_build` lalu
menambahkan katalog, kegiatan pada setiap status, nominasi, kehadiran dan JP kegiatan selesai.

Kepatuhan 20 JP dikendalikan per tahun (``TARGET_KEPATUHAN``) dan berbeda antar-OPD
(``FAKTOR_OPD``): tiap pegawai aktif mendapat peluang memenuhi target yang sebanding dengan
faktor OPD, jenis pegawai dan kerajinannya, dikalibrasi agar porsi seluruh kota tepat sasaran.

Deterministik: hanya ``random.Random`` dengan aliran turunan dari seed, pegawai diurutkan menurut
NIP, dan "hari ini" tetap (:data:`pegawai.demo.TANGGAL_ACUAN`). Semua baris ditulis dengan satu
``COPY``, sehingga jumlah query tidak bergantung pada jumlah pegawai.
"""

from __future__ import annotations

import calendar
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from pegawai import demo as pegawai_demo
from pegawai.models import DataDemo, JenisJabatan, JenisPegawai, Pegawai, PerangkatDaerah
from pegawai.nip import NIPTidakValid, parse_nip
from pegawai.services import notifikasi_send
from pelatihan.models import JenisPengembangan, RiwayatPengembangan, kunci_nama

__all__ = [
    "SEED_BAWAAN",
    "TAHUN_AWAL",
    "TARGET_KEPATUHAN",
    "HasilKegiatanDemo",
    "HasilRiwayatDemo",
    "demo_build",
    "demo_delete",
    "kegiatan_demo_build",
    "kegiatan_demo_delete",
]

SEED_BAWAAN = pegawai_demo.SEED_BAWAAN
TAHUN_AWAL = 2023
# Porsi pegawai aktif yang memenuhi 20 JP; tahun acuan baru sampai TANGGAL_ACUAN.
TARGET_KEPATUHAN = {2023: 0.35, 2024: 0.45, 2025: 0.55, 2026: 0.40}
TARGET_JP = 20
PELUANG_MAKS = 0.95
# Di antara yang belum memenuhi target: porsi yang sama sekali tanpa JP pada tahun itu.
PELUANG_TANPA_JP = {2023: 0.45, 2024: 0.40, 2025: 0.35, 2026: 0.45}
# JP yang dikejar pegawai yang memenuhi target (lebih dari 20 bila pelatihannya panjang).
SASARAN_MEMENUHI = (20, 20, 20, 20, 24, 28, 32, 40, 48, 60)
# PPPK paling banyak 24 JP setahun per kontrak (PP 49/2018).
JP_MAKS_PPPK = 24
# Porsi pegawai nonaktif (pensiun/pindah) yang riwayatnya dulu sempat tercatat.
PELUANG_NONAKTIF_BERIWAYAT = 0.7
PELUANG_PELATIHAN_KEPEMIMPINAN = 0.12
# Klaim ASN: fitur klaim dipakai sejak awal 2026.
KLAIM_SEJAK = date(2026, 2, 1)
PELUANG_KLAIM_TERVERIFIKASI = 0.3
PELUANG_JP_DIKOREKSI = 0.25
JUMLAH_KLAIM_MENUNGGU = 10
JUMLAH_KLAIM_DITOLAK = 4
# Impor awal dari SIASN dan berkas BKPSDM: riwayat sampai akhir 2025.
IMPOR_AWAL = datetime(2026, 1, 19, 9, 30)

FAKTOR_OPD = {
    "BKPSDM": 2.2,
    "DINKES": 2.0,
    "DISDIKBUD": 2.0,
    "INSPEKTORAT": 1.6,
    "RSUD": 1.5,
    "BAPPEDA": 1.15,
    "BPKD": 1.1,
    "SETDA": 1.0,
    "DISKOMINFO": 1.0,
    "DISHUB": 0.65,
    "DAMKAR": 0.7,
    "SATPOLPP-WH": 0.6,
    "DLH": 0.55,
}
FAKTOR_KECAMATAN = 0.4
FAKTOR_SEKRETARIAT_LEMBAGA = 0.6
FAKTOR_OPD_LAIN = 0.8
FAKTOR_JENIS = {JenisPegawai.PNS: 1.0, JenisPegawai.CPNS: 1.0, JenisPegawai.PPPK: 0.6}

NAKES = frozenset(
    {
        "Perawat",
        "Bidan",
        "Dokter",
        "Dokter Gigi",
        "Apoteker",
        "Asisten Apoteker",
        "Nutrisionis",
        "Tenaga Sanitasi Lingkungan",
        "Pranata Laboratorium Kesehatan",
        "Penyuluh Kesehatan Masyarakat",
        "Epidemiolog Kesehatan",
        "Administrator Kesehatan",
        "Perekam Medis",
        "Radiografer",
        "Fisioterapis",
    }
)
PENDIDIK = frozenset({"Guru", "Pengawas Sekolah", "Penilik", "Pamong Belajar"})
KEUANGAN = frozenset({"Pengelola Keuangan", "Analis Keuangan Pusat dan Daerah"})
TI = frozenset(
    {
        "Pranata Komputer",
        "Penata Kelola Sistem dan Teknologi Informasi",
        "Sandiman",
        "Administrator Database Kependudukan",
    }
)
SDM = frozenset({"Analis SDM Aparatur", "Pranata SDM Aparatur"})
OPERASIONAL = frozenset({"Operator Layanan Operasional", "Pengelola Umum Operasional"})
PIMPINAN = {
    JenisJabatan.JPT_UTAMA: "jab:jpt",
    JenisJabatan.JPT_MADYA: "jab:jpt",
    JenisJabatan.JPT_PRATAMA: "jab:jpt",
    JenisJabatan.ADMINISTRATOR: "jab:administrator",
    JenisJabatan.PENGAWAS: "jab:pengawas",
}

# Kementerian yang berganti nama dalam kabinet Oktober 2024: riwayat 2025 memakai nama baru.
NAMA_BARU_2025 = {
    "Kemendikbudristek": "Kemendikdasmen",
    "Kementerian PUPR": "Kementerian Pekerjaan Umum",
    "Kementerian Komunikasi dan Informatika": "Kementerian Komunikasi dan Digital",
    "Kementerian Lingkungan Hidup dan Kehutanan": "Kementerian Lingkungan Hidup",
    "Kementerian Pariwisata dan Ekonomi Kreatif": "Kementerian Pariwisata",
    "Kementerian Koperasi dan UKM": "Kementerian Koperasi",
    "BKKBN Perwakilan Aceh": "Perwakilan Kemendukbangga/BKKBN Aceh",
}

# Format nomor sertifikat per penyelenggara; yang tidak tercantum tidak bernomor.
NOMOR_SERTIFIKAT = {
    "BKPSDM Kota Langsa": "800/{n}/BKPSDM/{y}",
    "BPSDM Aceh": "800/{n}/BPSDM/{y}",
    "LAN RI": "{n}/LAN.2/PDP/{y}",
    "BKN": "{n}/BKN/PPK/{y}",
    "Kantor Regional XIII BKN Banda Aceh": "{n}/KR.XIII/{y}",
    "Kemenkes": "DL.03.03/{n}/{y}",
    "Kemendikbudristek": "{n}/B.GTK/DL/{y}",
    "Kemendikdasmen": "{n}/B.GTK/DL/{y}",
    "BPKP Perwakilan Provinsi Aceh": "PE.03/{n}/PW01/{y}",
    "LKPP": "{n}/LKPP/PPSDM/{y}",
    "Universitas Samudra": "{n}/UN54/DL/{y}",
    "IAIN Langsa": "B-{n}/In.24/DL/{y}",
    "Kementerian Dalam Negeri": "{n}/BPSDM-KEMENDAGRI/{y}",
    "Arsip Nasional Republik Indonesia": "{n}/ANRI/PUSDIKLAT/{y}",
    "Dinas Kesehatan Aceh": "440/{n}/DINKES-ACEH/{y}",
    "Dinas Kesehatan Kota Langsa": "440/{n}/DINKES/{y}",
    "Dinas Pendidikan dan Kebudayaan Kota Langsa": "420/{n}/DISDIKBUD/{y}",
    "Rumah Sakit Umum Daerah Langsa": "445/{n}/RSUD/{y}",
    "Badan Pengelolaan Keuangan Daerah Kota Langsa": "900/{n}/BPKD/{y}",
    "Balai Guru Penggerak Provinsi Aceh": "{n}/BGP.ACEH/{y}",
    "Balai Guru dan Tenaga Kependidikan Aceh": "{n}/BGTK.ACEH/{y}",
}

BOBOT_BULAN = {
    1: 0.5,
    2: 0.9,
    3: 0.8,
    4: 0.8,
    5: 1.1,
    6: 1.0,
    7: 1.1,
    8: 1.1,
    9: 1.3,
    10: 1.3,
    11: 1.2,
    12: 0.5,
}

ALASAN_PENOLAKAN = (
    "Sertifikat tidak mencantumkan jumlah JP atau lama kegiatan. Ajukan kembali dengan sertifikat "
    "atau surat keterangan penyelenggara yang menyebutkan durasinya.",
    "Nama pada sertifikat berbeda dengan nama pegawai. Lampirkan sertifikat atas nama Anda "
    "sendiri.",
    "Tanggal pada sertifikat tidak sama dengan tanggal yang diajukan. Perbaiki tanggal kegiatan, "
    "lalu ajukan kembali.",
    "Nomor dan tanggal sertifikat tidak dicantumkan. Ajukan kembali dengan sertifikat resmi dari "
    "penyelenggara.",
)
ALASAN_RAPAT = (
    "Rapat koordinasi adalah bagian dari tugas jabatan, bukan kegiatan pengembangan kompetensi, "
    "sehingga tidak dapat diakui sebagai JP."
)


class DataBukanDemo(pegawai_demo.DataBukanDemo):
    """Riwayat JP hanya dihapus pada basis data yang ditandai sebagai data demo."""


# ---------------------------------------------------------------------------------------------
# Katalog
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kategori:
    jp: tuple[int, ...]  # JP yang lazim
    kapasitas: int  # peserta per angkatan; 0: dijalani sendiri-sendiri
    rentang: tuple[int, int] = (0, 0)  # lama (hari kalender); (0, 0): dari JP, 8 JP sehari
    sertifikat: float = 0.8
    klaim: bool = False  # lazim diklaim ASN sendiri (di luar kegiatan BKPSDM)


KATEGORI = {
    "pelatihan": Kategori((24, 30, 32, 36, 40, 45, 48, 54, 56, 60, 64, 72, 80), 40, sertifikat=1),
    "bimtek": Kategori((8, 12, 16, 18, 20, 24, 30, 32), 60, sertifikat=0.75),
    "workshop": Kategori((8, 12, 16, 20, 24), 50, sertifikat=0.6),
    "sosialisasi": Kategori((2, 3, 4, 6, 8), 150, sertifikat=0.2),
    "seminar": Kategori((2, 3, 4, 5, 6, 8), 300, sertifikat=0.6, klaim=True),
    "patok_banding": Kategori((8, 12, 16), 0, (2, 3), sertifikat=0),
    "pjj": Kategori((24, 30, 32, 40), 100, (14, 28), sertifikat=1, klaim=True),
    "elearning": Kategori((4, 5, 6, 8, 10, 12, 15, 16, 20), 0, (7, 30), 0.85, klaim=True),
    "coaching": Kategori((2, 3, 4, 6, 8), 0, (14, 60), sertifikat=0),
    "mentoring": Kategori((4, 6, 8, 10, 12), 0, (30, 90), sertifikat=0),
    "komunitas": Kategori((4, 6, 8, 12, 16), 0, (30, 120), sertifikat=0.3, klaim=True),
}


@dataclass(frozen=True)
class Entri:
    """Satu kegiatan dalam katalog. ``untuk``: tanda pegawai yang mengikutinya ("semua", nama
    jabatan, singkatan OPD, rumpun:…, jab:…, nakes, pendidik, …). ``{opd}`` pada penyelenggara:
    OPD pegawai itu sendiri; ``{tahun_depan}`` pada nama: tahun berikutnya."""

    nama: str
    jenis: str
    kategori: str
    untuk: frozenset[str]
    penyelenggara: tuple[str, ...]
    bobot: float = 1.0
    tahun: tuple[int, int] = (2023, 2100)
    bulan: tuple[int, ...] = ()
    jp: tuple[int, int] | None = None
    sekali: bool = False  # pelatihan kepemimpinan: sekali seumur jabatan

    @property
    def pilihan_jp(self) -> tuple[int, ...]:
        lazim = KATEGORI[self.kategori].jp
        if self.jp is None:
            return lazim
        lo, hi = self.jp
        return tuple(j for j in lazim if lo <= j <= hi) or (lo,)

    def nama_tahun(self, tahun: int) -> str:
        return self.nama.format(tahun=tahun, tahun_depan=tahun + 1)


def _e(nama, jenis, kategori, untuk: str, penyelenggara: str, **kw) -> Entri:
    return Entri(
        nama,
        jenis,
        kategori,
        frozenset(untuk.split("|")),
        tuple(penyelenggara.split("|")),
        **kw,
    )


BKPSDM = "BKPSDM Kota Langsa"
BPSDM = "BPSDM Aceh"
KEMENKES = "Kemenkes"
DINKES_ACEH = "Dinas Kesehatan Aceh"
DINKES_KOTA = "Dinas Kesehatan Kota Langsa"
DISDIKBUD_KOTA = "Dinas Pendidikan dan Kebudayaan Kota Langsa"
RSUD = "Rumah Sakit Umum Daerah Langsa"
BPKP = "BPKP Perwakilan Provinsi Aceh"
KEMENDAGRI = "Kementerian Dalam Negeri"
NAKES_KLINIS = "Perawat|Bidan|Dokter|Dokter Gigi"
DISPUSIP_KOTA = "Dinas Perpustakaan dan Kearsipan Kota Langsa"
BPKD_KOTA = "Badan Pengelolaan Keuangan Daerah Kota Langsa"
BAPPEDA_KOTA = "Badan Perencanaan Pembangunan Daerah Kota Langsa"

# fmt: off
KATALOG: tuple[Entri, ...] = (
    # --- Untuk semua ASN
    _e("Pelatihan Pelayanan Prima", "KL03", "pelatihan", "semua", f"{BKPSDM}|{BPSDM}", jp=(24, 40)),
    _e("Pelatihan Penulisan Naskah Dinas dan Tata Kelola Persuratan", "KL03", "pelatihan", "semua",
       f"{BKPSDM}|{DISPUSIP_KOTA}", bobot=0.6, jp=(24, 32)),
    _e("Pelatihan Penguatan Wawasan Kebangsaan dan Keistimewaan Aceh", "KL05", "pelatihan", "semua",
       f"{BPSDM}|Badan Kesatuan Bangsa dan Politik Kota Langsa", bobot=0.5, jp=(24, 32)),
    _e("Bimbingan Teknis Aplikasi SRIKANDI", "KL10", "bimtek", "semua|Arsiparis",
       f"{DISPUSIP_KOTA}|Arsip Nasional Republik Indonesia", bobot=0.7, jp=(8, 16)),
    _e("Bimbingan Teknis Penyusunan Sasaran Kinerja Pegawai", "KL10", "bimtek", "semua", BKPSDM,
       jp=(8, 16)),
    _e("Sosialisasi Manajemen Kinerja ASN", "KL11", "sosialisasi", "semua", BKPSDM, bobot=0.8),
    _e("Sosialisasi Core Values ASN BerAKHLAK", "KL11", "sosialisasi", "semua", BKPSDM, bobot=0.8,
       tahun=(2023, 2024)),
    _e("Seminar Smart ASN Menuju Birokrasi Digital", "KL06", "seminar", "semua",
       "Universitas Samudra|BKN", bobot=0.5, tahun=(2023, 2024)),
    _e("Seminar Nasional Birokrasi Berdampak", "KL06", "seminar", "semua",
       "Universitas Samudra|Kementerian PANRB", bobot=0.5, tahun=(2025, 2100)),
    _e("Seminar Moderasi Beragama bagi ASN", "KL06", "seminar", "semua|agama|DSI",
       "IAIN Langsa|Kantor Kementerian Agama Kota Langsa", bobot=0.5),
    _e("Webinar Keamanan Informasi bagi ASN", "KL06", "seminar", "semua|ti",
       "Badan Siber dan Sandi Negara|Dinas Komunikasi, Informatika dan Persandian Kota Langsa",
       bobot=0.4),
    _e("E-Learning Core Values ASN BerAKHLAK", "NKL03", "elearning", "semua", "LAN RI", bobot=1.2),
    _e("E-Learning Literasi Digital bagi ASN", "NKL03", "elearning", "semua", "LAN RI"),
    _e("E-Learning Wawasan Kebangsaan dan Nilai-Nilai Bela Negara", "NKL03", "elearning", "semua",
       "LAN RI", bobot=0.8),
    _e("E-Learning Pendidikan Antikorupsi bagi ASN", "NKL03", "elearning", "semua",
       "Komisi Pemberantasan Korupsi", bobot=0.8),
    _e("E-Learning Manajemen ASN", "NKL03", "elearning", "semua", "BKN", bobot=0.6),
    _e("Coaching Kinerja oleh Atasan Langsung", "NKL01", "coaching", "semua", "{opd}", bobot=0.7,
       tahun=(2024, 2100)),
    _e("Mentoring Pengembangan Karier ASN", "NKL02", "mentoring", "semua", "{opd}", bobot=0.3),
    # --- Pelatihan dasar CPNS dan kepemimpinan (lihat _latsar dan PELUANG_PELATIHAN_…)
    # SIASN mencatat Latsar sebagai diklat struktural (jenisDiklatId 1), seperti KL01.
    _e("MOOC Pelatihan Dasar CPNS", "NKL03", "elearning", "latsar", "LAN RI", jp=(16, 20)),
    _e("Pelatihan Dasar CPNS Golongan III", "KL01", "pelatihan", "latsar", f"{BPSDM}|{BKPSDM}",
       jp=(72, 80)),
    _e("Pelatihan Dasar CPNS Golongan II", "KL01", "pelatihan", "latsar", f"{BKPSDM}|{BPSDM}",
       jp=(64, 80)),
    _e("Pelatihan Kepemimpinan Pengawas", "KL01", "pelatihan", "jab:pengawas", f"{BPSDM}|LAN RI",
       jp=(72, 80), sekali=True),
    _e("Pelatihan Kepemimpinan Administrator", "KL01", "pelatihan", "jab:administrator",
       f"{BPSDM}|LAN RI", jp=(72, 80), sekali=True),
    _e("Pelatihan Kepemimpinan Nasional Tingkat II", "KL01", "pelatihan", "jab:jpt", "LAN RI",
       jp=(72, 80), sekali=True),
    # --- Pimpinan, perencanaan dan keuangan
    _e("Pelatihan Manajemen Risiko Sektor Publik", "KL02", "pelatihan", "pimpinan|INSPEKTORAT",
       f"{BPKP}|{BPSDM}", jp=(24, 40)),
    _e("Sosialisasi Manajemen Talenta ASN", "KL11", "sosialisasi", "pimpinan|sdm",
       f"{BKPSDM}|Kementerian PANRB", tahun=(2024, 2100)),
    _e("Bimbingan Teknis Penyusunan SAKIP", "KL10", "bimtek", "pimpinan|Perencana|BAPPEDA",
       f"Bagian Organisasi Setda Kota Langsa|{BPSDM}", jp=(16, 32)),
    _e("Workshop Penyusunan Rencana Strategis Perangkat Daerah 2025–2029", "KL07", "workshop",
       "pimpinan|Perencana", BAPPEDA_KOTA, tahun=(2024, 2025)),
    _e("Bimbingan Teknis Penyusunan Rencana Kerja Pemerintah Daerah Tahun {tahun_depan}", "KL10",
       "bimtek", "Perencana|BAPPEDA|Statistisi", f"{BAPPEDA_KOTA}|{KEMENDAGRI}", bobot=1.5),
    _e("Pelatihan Perencanaan dan Penganggaran Berbasis Kinerja", "KL03", "pelatihan",
       "Perencana|BAPPEDA|keuangan", f"{BPSDM}|{KEMENDAGRI}", jp=(40, 56)),
    _e("Workshop Penyusunan Anggaran Berbasis Kinerja", "KL07", "workshop",
       "keuangan|Perencana|jab:administrator", BPKD_KOTA),
    _e("Bimbingan Teknis Aplikasi SIPD Penatausahaan Keuangan", "KL10", "bimtek", "keuangan",
       f"{KEMENDAGRI}|{BPKD_KOTA}", bobot=1.5, jp=(16, 32)),
    _e("Pelatihan Pengelolaan Keuangan Daerah", "KL03", "pelatihan", "keuangan", f"{BPSDM}|{BPKP}",
       jp=(40, 56)),
    _e("Bimbingan Teknis Penatausahaan dan Pertanggungjawaban Bendahara", "KL10", "bimtek",
       "Pengelola Keuangan", BPKD_KOTA, jp=(16, 24)),
    _e("Pelatihan Akuntansi Pemerintahan Berbasis Akrual", "KL03", "pelatihan", "keuangan|Auditor",
       BPKP, jp=(40, 48)),
    _e("E-Learning Pengelolaan Barang Milik Daerah", "NKL03", "elearning", "keuangan|BPKD",
       KEMENDAGRI),
    _e("Sosialisasi Pajak Daerah dan Retribusi Daerah", "KL11", "sosialisasi", "BPKD|DPMPTSP",
       BPKD_KOTA),
    _e("Pelatihan Audit Kinerja", "KL04", "pelatihan", "Auditor|INSPEKTORAT", BPKP, jp=(40, 56)),
    _e("Pelatihan Reviu Laporan Keuangan Pemerintah Daerah", "KL04", "pelatihan",
       "Auditor|Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", BPKP, jp=(24, 40)),
    _e("Bimbingan Teknis Probity Audit Pengadaan Barang/Jasa", "KL10", "bimtek", "INSPEKTORAT",
       BPKP),
    _e("Pelatihan Pengadaan Barang/Jasa Tingkat Dasar", "KL04", "pelatihan",
       "Pengelola Pengadaan Barang/Jasa|jab:pengawas|keuangan", f"LKPP|{BPSDM}", jp=(24, 40)),
    _e("Bimbingan Teknis Katalog Elektronik Versi 6", "KL10", "bimtek",
       "Pengelola Pengadaan Barang/Jasa|jab:administrator",
       "LKPP|Bagian Pengadaan Barang dan Jasa Setda Kota Langsa", tahun=(2024, 2100), jp=(8, 16)),
    # --- Kepegawaian, TI, kearsipan
    _e("Bimbingan Teknis Aplikasi SIASN", "KL10", "bimtek", "BKPSDM|sdm",
       "Kantor Regional XIII BKN Banda Aceh|BKN", bobot=1.5, jp=(8, 16)),
    _e("Pelatihan Analisis Jabatan dan Analisis Beban Kerja", "KL03", "pelatihan",
       "BKPSDM|sdm|SETDA", BPSDM, jp=(24, 40)),
    _e("Bimbingan Teknis Implementasi Manajemen Talenta ASN", "KL10", "bimtek", "BKPSDM",
       "Kementerian PANRB|BKN", tahun=(2024, 2100)),
    _e("Workshop Analisis Kebutuhan Pengembangan Kompetensi", "KL07", "workshop",
       "BKPSDM|sdm|jab:administrator", f"{BKPSDM}|LAN RI"),
    _e("Bimbingan Teknis Keamanan Siber bagi Pengelola Aplikasi", "KL10", "bimtek", "ti|DISKOMINFO",
       "Badan Siber dan Sandi Negara"),
    _e("Pelatihan Sistem Pemerintahan Berbasis Elektronik", "KL03", "pelatihan", "ti|DISKOMINFO",
       f"Kementerian PANRB|{BPSDM}", jp=(24, 40)),
    _e("Digital Talent Scholarship: Government Transformation Academy", "NKL04", "pjj",
       "ti|DISKOMINFO|Pranata Hubungan Masyarakat", "Kementerian Komunikasi dan Informatika"),
    _e("Bimbingan Teknis Pengelolaan Media Sosial Pemerintah", "KL10", "bimtek",
       "Pranata Hubungan Masyarakat|DISKOMINFO",
       "Dinas Komunikasi, Informatika dan Persandian Kota Langsa"),
    _e("Bimbingan Teknis Identitas Kependudukan Digital", "KL10", "bimtek", "DISDUKCAPIL",
       "Direktorat Jenderal Kependudukan dan Pencatatan Sipil", bobot=1.5),
    _e("Pelatihan Pengelolaan Arsip Dinamis", "KL03", "pelatihan", "Arsiparis|DISPUSIP",
       "Arsip Nasional Republik Indonesia", jp=(24, 40)),
    _e("Bimbingan Teknis Pengelolaan Perpustakaan", "KL10", "bimtek", "Pustakawan|DISPUSIP",
       f"Perpustakaan Nasional RI|{DISPUSIP_KOTA}"),
    # --- Pemerintahan, ketertiban, kebencanaan
    _e("Bimbingan Teknis Pengelolaan Keuangan Gampong", "KL10", "bimtek", "kecamatan|DPMG",
       "Dinas Pemberdayaan Masyarakat dan Gampong Kota Langsa"),
    _e("Pelatihan Pelayanan Administrasi Terpadu Kecamatan", "KL03", "pelatihan", "kecamatan",
       f"{KEMENDAGRI}|{BPSDM}", jp=(24, 32)),
    _e("Bimbingan Teknis Penyusunan Produk Hukum Daerah", "KL10", "bimtek",
       "Analis Hukum|Perancang Peraturan Perundang-undangan|SETWAN",
       f"Bagian Hukum Setda Kota Langsa|{BPSDM}", bobot=1.5),
    _e("Sosialisasi Qanun Aceh tentang Hukum Jinayat", "KL11", "sosialisasi",
       "SATPOLPP-WH|DSI|rumpun:agama", "Dinas Syariat Islam Kota Langsa"),
    _e("Pelatihan Dasar Polisi Pamong Praja", "KL04", "pelatihan", "Polisi Pamong Praja",
       f"{BPSDM}|{KEMENDAGRI}", jp=(56, 80)),
    _e("Pelatihan Wilayatul Hisbah", "KL04", "pelatihan", "SATPOLPP-WH", "Dinas Syariat Islam Aceh",
       jp=(40, 56)),
    _e("Bimbingan Teknis Mitigasi dan Kesiapsiagaan Bencana", "KL10", "bimtek",
       "BPBD|Penata Penanggulangan Bencana|kecamatan",
       "Badan Nasional Penanggulangan Bencana|Badan Penanggulangan Bencana Aceh"),
    _e("Pelatihan Pemadam Kebakaran Tingkat Dasar", "KL04", "pelatihan", "Pemadam Kebakaran|DAMKAR",
       f"{KEMENDAGRI}|Dinas Pemadam Kebakaran dan Penyelamatan Kota Langsa", jp=(40, 80)),
    _e("Patok Banding Inovasi Pelayanan Publik", "NKL07", "patok_banding",
       "DPMPTSP|DISDUKCAPIL|jab:administrator", "{opd}", bobot=0.5),
    # --- Teknik, lingkungan, perhubungan
    _e("Bimbingan Teknis Penyusunan Harga Satuan Pekerjaan Konstruksi", "KL10", "bimtek",
       "rumpun:teknik|DPUPR", "Kementerian PUPR"),
    _e("Pelatihan Ahli Keselamatan dan Kesehatan Kerja Konstruksi", "KL04", "pelatihan",
       "Teknik Jalan dan Jembatan|Teknik Tata Bangunan dan Perumahan|Teknik Pengairan",
       "Kementerian PUPR", jp=(40, 56)),
    _e("Bimbingan Teknis Sistem Informasi Manajemen Bangunan Gedung", "KL10", "bimtek",
       "DISPERKIM|DPUPR|DPMPTSP", "Kementerian PUPR"),
    _e("Pelatihan Pengelolaan Sampah Berbasis 3R", "KL03", "pelatihan", "DLH",
       "Kementerian Lingkungan Hidup dan Kehutanan", jp=(24, 32)),
    _e("Bimbingan Teknis Pengujian Kendaraan Bermotor", "KL10", "bimtek", "DISHUB",
       "Kementerian Perhubungan"),
    # --- Pertanian, perikanan, sosial, ekonomi
    _e("Pelatihan Teknis Budidaya Padi Sawah", "KL03", "pelatihan", "DISTANPAN|Penyuluh Pertanian",
       "Kementerian Pertanian|Dinas Pertanian dan Perkebunan Aceh", jp=(24, 40)),
    _e("Bimbingan Teknis Penyuluhan Pertanian Berbasis Digital", "KL10", "bimtek",
       "Penyuluh Pertanian", "Kementerian Pertanian"),
    _e("Pelatihan Inseminasi Buatan pada Sapi", "KL03", "pelatihan", "Medik Veteriner",
       "Kementerian Pertanian", jp=(40, 56)),
    _e("Pelatihan Pengolahan Hasil Perikanan", "KL03", "pelatihan", "DKP|Penyuluh Perikanan",
       "Kementerian Kelautan dan Perikanan", jp=(24, 40)),
    _e("Bimbingan Teknis Data Terpadu Kesejahteraan Sosial", "KL10", "bimtek", "DINSOS",
       "Kementerian Sosial", tahun=(2023, 2024)),
    _e("Bimbingan Teknis Data Tunggal Sosial dan Ekonomi Nasional", "KL10", "bimtek",
       "DINSOS|kecamatan", "Kementerian Sosial|Badan Pusat Statistik Kota Langsa",
       tahun=(2025, 2100)),
    _e("Pelatihan Konselor Perlindungan Perempuan dan Anak", "KL03", "pelatihan", "DP3AP2KB",
       "Kementerian Pemberdayaan Perempuan dan Perlindungan Anak", jp=(24, 40)),
    _e("Orientasi Tim Pendamping Keluarga Percepatan Penurunan Stunting", "KL11", "sosialisasi",
       "Penyuluh Keluarga Berencana|DP3AP2KB|Bidan", "BKKBN Perwakilan Aceh"),
    _e("Bimbingan Teknis Pengawasan Koperasi", "KL10", "bimtek", "DISKOPERINDAG",
       "Kementerian Koperasi dan UKM"),
    _e("Pelatihan Pengelolaan Destinasi Wisata Halal", "KL03", "pelatihan", "DISPORAPAR",
       "Kementerian Pariwisata dan Ekonomi Kreatif", jp=(24, 32)),
    _e("Bimbingan Teknis Pengelolaan Zakat, Infak dan Sedekah", "KL10", "bimtek",
       "rumpun:agama|SEKR-BAITULMAL", "Badan Amil Zakat Nasional|Baitul Mal Aceh"),
    _e("Bimbingan Teknis Mediasi Hubungan Industrial", "KL10", "bimtek", "DISNAKER",
       "Kementerian Ketenagakerjaan"),
    # --- Pendidikan: guru lebih banyak lewat e-learning dan pelatihan kurikulum
    _e("Pelatihan Kurikulum Merdeka bagi Guru", "KL03", "pelatihan", "pendidik",
       f"Balai Guru Penggerak Provinsi Aceh|{DISDIKBUD_KOTA}", bobot=2, tahun=(2023, 2024),
       jp=(32, 48)),
    _e("Pelatihan Mandiri Platform Merdeka Mengajar: Kurikulum Merdeka", "NKL03", "elearning",
       "pendidik", "Kemendikbudristek", bobot=4, tahun=(2023, 2024)),
    _e("Pelatihan Mandiri Platform Merdeka Mengajar: Asesmen dalam Pembelajaran", "NKL03",
       "elearning", "Guru", "Kemendikbudristek", bobot=2, tahun=(2023, 2024)),
    _e("Pelatihan Pembelajaran Mendalam bagi Guru", "KL03", "pelatihan", "pendidik",
       f"Balai Guru dan Tenaga Kependidikan Aceh|{DISDIKBUD_KOTA}", bobot=2, tahun=(2025, 2100),
       jp=(32, 48)),
    _e("Pelatihan Mandiri Ruang GTK: Pembelajaran Mendalam", "NKL03", "elearning", "pendidik",
       "Kemendikdasmen", bobot=4, tahun=(2025, 2100)),
    _e("Pelatihan Mandiri Ruang GTK: Kebiasaan Anak Indonesia Hebat", "NKL03", "elearning", "Guru",
       "Kemendikdasmen", bobot=2, tahun=(2025, 2100)),
    _e("Pelatihan Koding dan Kecerdasan Artifisial bagi Guru", "KL03", "pelatihan", "Guru",
       f"Kemendikdasmen|{DISDIKBUD_KOTA}", bobot=0.7, tahun=(2025, 2100), jp=(32, 48)),
    _e("Komunitas Belajar Guru KKG/MGMP", "NKL10", "komunitas", "Guru", DISDIKBUD_KOTA, bobot=2),
    _e("Workshop Penyusunan Modul Ajar dan Asesmen Diagnostik", "KL07", "workshop", "Guru",
       f"{DISDIKBUD_KOTA}|Universitas Samudra"),
    _e("Bimbingan Teknis Asesmen Nasional Berbasis Komputer", "KL10", "bimtek",
       "Guru|Pengawas Sekolah", DISDIKBUD_KOTA, bobot=0.8, bulan=(7, 8), jp=(8, 16)),
    _e("Seminar Pendidikan Peringatan Hari Guru Nasional", "KL06", "seminar", "pendidik",
       "PGRI Kota Langsa|Universitas Samudra", bobot=0.8, bulan=(11,)),
    _e("Webinar Penguatan Literasi dan Numerasi", "KL06", "seminar", "pendidik",
       "Kemendikbudristek", bobot=0.5),
    _e("Bimbingan Teknis Penulisan Karya Ilmiah bagi Guru", "KL10", "bimtek", "pendidik",
       "Universitas Samudra|IAIN Langsa", bobot=0.8),
    _e("Pelatihan Pendidikan Inklusif", "KL03", "pelatihan", "Guru", "Kemendikbudristek", bobot=0.4,
       jp=(24, 40)),
    _e("Bimbingan Teknis Pendampingan Satuan Pendidikan", "KL10", "bimtek",
       "Pengawas Sekolah|Penilik", DISDIKBUD_KOTA, bobot=2),
    _e("Pelatihan Pelestarian Cagar Budaya", "KL03", "pelatihan", "Pamong Budaya",
       "Balai Pelestarian Kebudayaan Wilayah I Aceh", jp=(24, 32)),
    # --- Kesehatan
    _e("Pelatihan Manajemen Puskesmas", "KL03", "pelatihan",
       "Kepala UPTD Puskesmas|Administrator Kesehatan|Dokter", f"{DINKES_ACEH}|{KEMENKES}",
       jp=(40, 56)),
    _e("Pelatihan Pencegahan dan Pengendalian Infeksi", "KL03", "pelatihan",
       f"{NAKES_KLINIS}|Pranata Laboratorium Kesehatan|RSUD", f"{KEMENKES}|{RSUD}", jp=(24, 40)),
    _e("Pelatihan Bantuan Hidup Dasar", "KL04", "pelatihan", NAKES_KLINIS, f"{DINKES_KOTA}|{RSUD}",
       jp=(24, 32)),
    _e("Pelatihan Penanggulangan Penderita Gawat Darurat", "KL04", "pelatihan", "Perawat|Dokter",
       f"{KEMENKES}|{DINKES_ACEH}", jp=(40, 56)),
    _e("Pelatihan Asuhan Persalinan Normal", "KL04", "pelatihan", "Bidan", DINKES_ACEH, bobot=1.5,
       jp=(40, 56)),
    _e("Pelatihan Konseling Menyusui", "KL03", "pelatihan", "Bidan|Nutrisionis", KEMENKES,
       jp=(40, 48)),
    _e("Pelatihan Tata Laksana Gizi Buruk pada Balita", "KL03", "pelatihan",
       "Nutrisionis|Dokter|Bidan", f"{KEMENKES}|{DINKES_ACEH}", jp=(24, 40)),
    _e("Pelatihan Imunisasi bagi Petugas Puskesmas", "KL03", "pelatihan", "Perawat|Bidan",
       f"{DINKES_ACEH}|{DINKES_KOTA}", jp=(24, 32)),
    _e("Pelatihan Integrasi Layanan Primer", "KL03", "pelatihan",
       "Perawat|Bidan|Dokter|Nutrisionis|Tenaga Sanitasi Lingkungan|Penyuluh Kesehatan Masyarakat|"
       "Kepala UPTD Puskesmas", f"{KEMENKES}|{DINKES_KOTA}", bobot=1.5, tahun=(2024, 2100),
       jp=(32, 48)),
    _e("Pelatihan Jarak Jauh Deteksi Dini dan Pencegahan Stunting", "NKL04", "pjj",
       "Bidan|Nutrisionis|Penyuluh Kesehatan Masyarakat|Perawat", KEMENKES),
    _e("E-Learning Plataran Sehat: Keselamatan Pasien", "NKL03", "elearning", "nakes", KEMENKES,
       bobot=1.5),
    _e("E-Learning Plataran Sehat: Komunikasi Efektif dalam Pelayanan Kesehatan", "NKL03",
       "elearning", "nakes", KEMENKES),
    _e("Bimbingan Teknis Aplikasi SATUSEHAT", "KL10", "bimtek", "rumpun:kesehatan",
       f"{KEMENKES}|{DINKES_KOTA}"),
    _e("Bimbingan Teknis Rekam Medis Elektronik", "KL10", "bimtek", "Perekam Medis|RSUD",
       f"{KEMENKES}|{RSUD}"),
    _e("Seminar Ilmiah Keperawatan", "KL06", "seminar", "Perawat", "PPNI Kota Langsa", bobot=1.5),
    _e("Seminar Ilmiah Kebidanan", "KL06", "seminar", "Bidan", "IBI Cabang Kota Langsa", bobot=1.5),
    _e("Simposium Kedokteran Berkelanjutan", "KL06", "seminar", "Dokter|Dokter Gigi",
       "IDI Cabang Langsa", bobot=1.5),
    _e("Pelatihan Pengelolaan Obat dan Bahan Medis Habis Pakai", "KL03", "pelatihan",
       "Apoteker|Asisten Apoteker", f"{KEMENKES}|{DINKES_ACEH}", jp=(24, 32)),
    _e("Pelatihan Pemeriksaan Tuberkulosis dengan Tes Cepat Molekuler", "KL03", "pelatihan",
       "Pranata Laboratorium Kesehatan", KEMENKES, jp=(24, 40)),
    _e("Pelatihan Sanitasi Total Berbasis Masyarakat", "KL03", "pelatihan",
       "Tenaga Sanitasi Lingkungan|Penyuluh Kesehatan Masyarakat", f"{KEMENKES}|{DINKES_ACEH}",
       jp=(24, 32)),
    _e("Pelatihan Surveilans Epidemiologi", "KL03", "pelatihan", "Epidemiolog Kesehatan", KEMENKES,
       jp=(24, 40)),
    _e("Pelatihan Proteksi Radiasi", "KL04", "pelatihan", "Radiografer",
       "Badan Pengawas Tenaga Nuklir", jp=(24, 40)),
    _e("Bimbingan Teknis Akreditasi Puskesmas", "KL10", "bimtek",
       "Kepala UPTD Puskesmas|Administrator Kesehatan", DINKES_KOTA),
    _e("Bimbingan Teknis Akreditasi Rumah Sakit", "KL10", "bimtek", "RSUD", RSUD),
)
# fmt: on

_INDEKS = {e.nama: i for i, e in enumerate(KATALOG)}
MOOC_LATSAR = _INDEKS["MOOC Pelatihan Dasar CPNS"]
LATSAR = {
    "III": _INDEKS["Pelatihan Dasar CPNS Golongan III"],
    "II": _INDEKS["Pelatihan Dasar CPNS Golongan II"],
}
# Latsar mulai kira-kira empat bulan setelah TMT CPNS, dalam angkatan per bulan TMT.
LATSAR_SETELAH_BULAN = 4
# JP asn.dinkes tahun ini dari impor, paling banyak: klaimnya yang menunggu menggenapi 20 JP.
ASN_JP_TAHUN_INI = 12
RAPAT = (
    "Rapat Koordinasi Program Imunisasi Tingkat Kota Langsa",
    "KL11",
    6,
    DINKES_KOTA,
)


# ---------------------------------------------------------------------------------------------
# Pegawai dan baris
# ---------------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Orang:
    pk: int
    nip: str
    jenis_pegawai: str
    aktif: bool
    opd: PerangkatDaerah
    tanda: frozenset[str]
    user_id: int | None
    username: str
    mulai_tugas: date  # TMT CPNS, atau awal tahun pengangkatan PPPK
    golongan_latsar: str  # "III"/"II" bila Latsar jatuh dalam rentang demo
    faktor: float = 1.0
    beriwayat: bool = True
    sudah_sekali: set[int] = field(default_factory=set)


@dataclass(eq=False)
class _Baris:
    orang: _Orang
    entri: int  # indeks KATALOG, atau -1 untuk rapat yang diklaim
    tahun: int
    jp: int
    nama: str = ""
    jenis: str = ""
    mulai: date | None = None
    selesai: date | None = None
    penyelenggara: str = ""
    nomor: str = ""
    tanggal_sertifikat: date | None = None
    sumber: str = RiwayatPengembangan.Sumber.IMPOR
    status: str = RiwayatPengembangan.Status.TERVERIFIKASI
    jp_diajukan: int | None = None
    alasan: str = ""
    oleh: int | None = None
    dibuat: datetime | None = None
    diverifikasi: datetime | None = None


@dataclass(frozen=True)
class HasilRiwayatDemo:
    jumlah_baris: int
    jumlah_klaim: int
    klaim_menunggu: int
    tahun_awal: int
    tahun_akhir: int


def _nama_opd(opd: PerangkatDaerah) -> str:
    return opd.nama if "Langsa" in opd.nama else f"{opd.nama} Kota Langsa"


def _lembaga(nama: str, tahun: int, opd: PerangkatDaerah | None) -> str:
    if nama == "{opd}" and opd is not None:
        return _nama_opd(opd)
    if tahun >= 2025:
        return NAMA_BARU_2025.get(nama, nama)
    return nama


def _faktor_opd(opd: PerangkatDaerah) -> float:
    if opd.singkatan in FAKTOR_OPD:
        return FAKTOR_OPD[opd.singkatan]
    if opd.jenis == PerangkatDaerah.Jenis.KECAMATAN:
        return FAKTOR_KECAMATAN
    if opd.jenis == PerangkatDaerah.Jenis.SEKRETARIAT:
        return FAKTOR_SEKRETARIAT_LEMBAGA
    return FAKTOR_OPD_LAIN


def _tanda(
    opd, rumpun: str, jabatan: str, jenis_jabatan: str, jenis_pegawai: str, latsar: str
) -> frozenset:
    tanda = {"semua", jabatan, jenis_pegawai, opd.singkatan, f"rumpun:{rumpun}"}
    if opd.jenis == PerangkatDaerah.Jenis.KECAMATAN:
        tanda.add("kecamatan")
    if jenis_jabatan in PIMPINAN:
        tanda |= {"pimpinan", PIMPINAN[jenis_jabatan]}
    for nama, kelompok in (
        ("nakes", NAKES),
        ("pendidik", PENDIDIK),
        ("keuangan", KEUANGAN),
        ("ti", TI),
        ("sdm", SDM),
    ):
        if jabatan in kelompok:
            tanda.add(nama)
    if opd.singkatan == "BPKD":
        tanda.add("keuangan")
    if latsar:
        tanda.add("latsar")
    return frozenset(tanda)


def _mulai_tugas(nip: str, jenis_pegawai: str) -> date:
    try:
        n = parse_nip(nip, jenis_pegawai)
    except NIPTidakValid:
        return date(2000, 1, 1)  # bukan NIP demo: anggap sudah lama bertugas
    if n.tmt_cpns is not None:
        return n.tmt_cpns
    return date(n.tahun_pengangkatan or 2000, 3, 1)


def _baca_pegawai(rng: random.Random) -> list[_Orang]:
    opd = {o.pk: o for o in PerangkatDaerah.objects.all()}
    rumpun = {pk: pegawai_demo.profil_untuk(o).rumpun for pk, o in opd.items()}
    orang = []
    # Urut NIP: urutan yang sama di setiap basis data, apa pun id-nya.
    for p in Pegawai.objects.order_by("nip").values(
        "pk",
        "nip",
        "jenis_pegawai",
        "aktif",
        "perangkat_daerah_id",
        "jabatan__nama",
        "jabatan__jenis_jabatan",
        "golongan__kode",
        "user_id",
        "user__username",
    ):
        jenis, jabatan = p["jenis_pegawai"], p["jabatan__nama"] or ""
        mulai = _mulai_tugas(p["nip"], jenis)
        latsar = ""
        if jenis != JenisPegawai.PPPK and mulai >= date(TAHUN_AWAL - 1, 9, 1):
            latsar = "II" if (p["golongan__kode"] or "").split("/")[0] == "II" else "III"
        jenis_jabatan = p["jabatan__jenis_jabatan"] or ""
        opd_id = p["perangkat_daerah_id"]
        o = _Orang(
            pk=p["pk"],
            nip=p["nip"],
            jenis_pegawai=jenis,
            aktif=p["aktif"],
            opd=opd[opd_id],
            tanda=_tanda(opd[opd_id], rumpun[opd_id], jabatan, jenis_jabatan, jenis, latsar),
            user_id=p["user_id"],
            username=p["user__username"] or "",
            mulai_tugas=mulai,
            golongan_latsar=latsar,
        )
        kerajinan = rng.lognormvariate(0, 0.45)
        o.faktor = _faktor_opd(o.opd) * FAKTOR_JENIS.get(jenis, 1.0) * kerajinan
        if jabatan in OPERASIONAL:
            o.faktor *= 0.7
        if jenis_jabatan in PIMPINAN:
            o.faktor *= 1.2
        if not o.aktif:
            o.beriwayat = rng.random() < PELUANG_NONAKTIF_BERIWAYAT
        orang.append(o)
    return orang


# ---------------------------------------------------------------------------------------------
# Tanggal
# ---------------------------------------------------------------------------------------------


def _jendela(tahun: int, hari_ini: date) -> tuple[date, date]:
    """Rentang tanggal kegiatan dalam setahun: tidak di awal Januari atau akhir Desember, dan
    selesai paling lambat kemarin."""
    return date(tahun, 1, 8), min(date(tahun, 12, 20), hari_ini - timedelta(days=1))


def _rentang_klasikal(jp: int) -> tuple[int, int]:
    """(hari kerja, hari kalender) kegiatan tatap muka: 8 JP sehari, Senin–Jumat."""
    hari = max(1, math.ceil(jp / 8))
    return hari, hari + 2 * ((hari - 1) // 5)


def _pilih_mulai(
    rng: random.Random,
    tahun: int,
    hari_ini: date,
    rentang: int,
    *,
    hari_kerja: int = 0,
    bulan: Sequence[int] = (),
    paling_awal: date | None = None,
    paling_akhir: date | None = None,
) -> date | None:
    """Tanggal mulai acak dalam tahun itu untuk kegiatan ``rentang`` hari kalender, atau None bila
    tidak muat. ``hari_kerja`` > 0: kegiatan tatap muka yang tidak melewati akhir pekan (lebih
    dari lima hari: mulai Senin)."""
    awal, akhir = _jendela(tahun, hari_ini)
    if paling_awal is not None:
        awal = max(awal, paling_awal)
    if paling_akhir is not None:
        akhir = min(akhir, paling_akhir)
    akhir_mulai = akhir - timedelta(days=rentang - 1)
    if akhir_mulai < awal:
        return None
    calon_bulan = [
        b
        for b in (bulan or range(1, 13))
        if date(tahun, b, 1) <= akhir_mulai
        and date(tahun, b, calendar.monthrange(tahun, b)[1]) >= awal
    ]
    if not calon_bulan:
        return None
    b = rng.choices(calon_bulan, weights=[BOBOT_BULAN[x] for x in calon_bulan])[0]
    lo = max(awal, date(tahun, b, 1))
    hi = min(akhir_mulai, date(tahun, b, calendar.monthrange(tahun, b)[1]))
    hari = [lo + timedelta(days=k) for k in range((hi - lo).days + 1)]
    if hari_kerja:
        hari_maks = 0 if hari_kerja > 5 else 5 - hari_kerja
        hari = [d for d in hari if d.weekday() <= hari_maks] or hari
    return rng.choice(hari)


def _waktu(tanggal: date, jam: int, menit: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(tanggal, time(jam, menit)))


# ---------------------------------------------------------------------------------------------
# Pembangun
# ---------------------------------------------------------------------------------------------


class _Pembangun:
    def __init__(self, seed: int, hari_ini: date, orang: list[_Orang], rng: random.Random):
        self.seed = seed
        self.hari_ini = hari_ini
        self.kemarin = hari_ini - timedelta(days=1)
        self.orang = orang
        self.rng = rng
        self.tahun = list(range(TAHUN_AWAL, hari_ini.year + 1))
        self.baris: list[_Baris] = []
        # (orang, tahun) → indeks katalog yang sudah diikuti tahun itu
        self.diikuti: dict[tuple[int, int], set[int]] = {}
        self.jp_tahun: dict[tuple[int, int], int] = {}
        self.angkatan: dict[tuple[int, int], list[_Baris]] = {}
        self._calon: dict[tuple[frozenset, int], list[tuple[int, float]]] = {}
        self._muat: dict[tuple[int, int], bool] = {}
        self.nomor: dict[tuple[str, int], int] = {}

    def _rng(self, *kunci) -> random.Random:
        # Aliran turunan per kegiatan: bebas dari urutan pembuatan baris lain.
        return random.Random(":".join(["pelatihan.demo", str(self.seed), *map(str, kunci)]))

    # --- katalog per tahun -----------------------------------------------------------------

    def jp(self, i: int, tahun: int) -> int:
        """JP kegiatan pada tahun itu: kurikulumnya sama untuk semua angkatan."""
        kunci = (i, tahun)
        if kunci not in self.jp_tahun:
            self.jp_tahun[kunci] = self._rng("jp", KATALOG[i].nama, tahun).choice(
                KATALOG[i].pilihan_jp
            )
        return self.jp_tahun[kunci]

    def _rentang(self, i: int, tahun: int) -> tuple[int, int]:
        """(hari kerja, lama minimal) kegiatan."""
        kategori = KATEGORI[KATALOG[i].kategori]
        if kategori.rentang != (0, 0):
            return 0, kategori.rentang[0]
        return _rentang_klasikal(self.jp(i, tahun))

    def muat(self, i: int, tahun: int) -> bool:
        """Apakah kegiatan dapat berlangsung (dan selesai) dalam tahun itu sampai kemarin."""
        kunci = (i, tahun)
        if kunci not in self._muat:
            e = KATALOG[i]
            _, rentang = self._rentang(i, tahun)
            ok = e.tahun[0] <= tahun <= e.tahun[1]
            if ok:
                awal, akhir = _jendela(tahun, self.hari_ini)
                akhir_mulai = akhir - timedelta(days=rentang - 1)
                ok = any(
                    date(tahun, b, 1) <= akhir_mulai
                    and date(tahun, b, calendar.monthrange(tahun, b)[1]) >= awal
                    for b in (e.bulan or range(1, 13))
                )
            self._muat[kunci] = ok
        return self._muat[kunci]

    def calon(self, o: _Orang, tahun: int) -> list[tuple[int, float]]:
        """Kegiatan yang dapat diikuti pegawai, dengan bobot: yang khusus untuk jabatan, OPD atau
        rumpunnya tiga kali lebih mungkin; guru dan tenaga kesehatan jarang mengikuti yang umum."""
        kunci = (o.tanda, tahun)
        if kunci not in self._calon:
            umum = 0.3 if "pendidik" in o.tanda else 0.5 if "nakes" in o.tanda else 1.0
            daftar = []
            for i, e in enumerate(KATALOG):
                if e.sekali or "latsar" in e.untuk or not (e.untuk & o.tanda):
                    continue
                if not self.muat(i, tahun):
                    continue
                khusus = bool((e.untuk - {"semua"}) & o.tanda)
                daftar.append((i, e.bobot * (3.0 if khusus else umum)))
            self._calon[kunci] = daftar
        return self._calon[kunci]

    def _pilih(self, o: _Orang, tahun: int, *, jp_maks: int | None = None, jp_min: int = 0):
        diikuti = self.diikuti.get((o.pk, tahun), set())
        pilihan = [
            (i, w)
            for i, w in self.calon(o, tahun)
            if i not in diikuti
            and jp_min <= self.jp(i, tahun) <= (999 if jp_maks is None else jp_maks)
        ]
        if not pilihan:
            return None
        return self.rng.choices([i for i, _ in pilihan], weights=[w for _, w in pilihan])[0]

    # --- baris ---------------------------------------------------------------------------

    def tambah(self, o: _Orang, i: int, tahun: int, *, mandiri: bool = False) -> _Baris:
        """Catat keikutsertaan. Kegiatan berangkatan mendapat tanggal saat angkatannya dibentuk;
        yang dijalani sendiri (dan setiap klaim) langsung mendapat tanggalnya."""
        e = KATALOG[i]
        b = self._baris_baru(o, i, tahun)
        self.diikuti.setdefault((o.pk, tahun), set()).add(i)
        if e.sekali:
            o.sudah_sekali.add(i)
        if KATEGORI[e.kategori].kapasitas and not mandiri:
            self.angkatan.setdefault((i, tahun), []).append(b)
        else:
            self._tanggal_mandiri(b)
        self.baris.append(b)
        return b

    def _nomor(self, penyelenggara: str, tahun: int, jumlah: int = 1) -> int:
        """Nomor sertifikat pertama dari ``jumlah`` nomor berurutan: setiap penyelenggara
        menomori sertifikatnya sendiri per tahun, jadi nomor tidak pernah kembar."""
        kunci = (penyelenggara, tahun)
        if kunci not in self.nomor:
            self.nomor[kunci] = self._rng("nomor", penyelenggara, tahun).randint(20, 300)
        awal = self.nomor[kunci]
        self.nomor[kunci] += jumlah
        return awal

    def _baris_baru(self, o: _Orang, i: int, tahun: int) -> _Baris:
        e = KATALOG[i]
        return _Baris(o, i, tahun, self.jp(i, tahun), nama=e.nama_tahun(tahun), jenis=e.jenis)

    def _tanggal_mandiri(self, b: _Baris, *, paling_awal=None, paling_akhir=None) -> bool:
        rng = self.rng
        e = KATALOG[b.entri]
        kategori = KATEGORI[e.kategori]
        if kategori.rentang != (0, 0):
            hari_kerja, rentang = 0, rng.randint(*kategori.rentang)
        else:
            hari_kerja, rentang = _rentang_klasikal(b.jp)
        mulai = _pilih_mulai(
            rng,
            b.tahun,
            self.hari_ini,
            rentang,
            hari_kerja=hari_kerja,
            bulan=e.bulan,
            paling_awal=paling_awal,
            paling_akhir=paling_akhir,
        )
        if mulai is None:  # rentang acak terlalu panjang untuk sisa tahun: yang terpendek
            rentang = kategori.rentang[0] if kategori.rentang != (0, 0) else rentang
            mulai = _pilih_mulai(
                rng,
                b.tahun,
                self.hari_ini,
                rentang,
                hari_kerja=hari_kerja,
                bulan=e.bulan,
                paling_awal=paling_awal,
                paling_akhir=paling_akhir,
            )
            if mulai is None:
                return False
        b.mulai, b.selesai = mulai, mulai + timedelta(days=rentang - 1)
        b.penyelenggara = _lembaga(rng.choice(e.penyelenggara), b.tahun, b.orang.opd)
        format_ = NOMOR_SERTIFIKAT.get(b.penyelenggara)
        if format_ and rng.random() < kategori.sertifikat:
            nomor = self._nomor(b.penyelenggara, b.selesai.year)
            b.nomor = format_.format(n=nomor, y=b.selesai.year)
            b.tanggal_sertifikat = min(b.selesai + timedelta(days=rng.randint(0, 3)), self.kemarin)
        return True

    # --- Latsar ----------------------------------------------------------------------------

    def latsar(self) -> None:
        """CPNS (dan PNS yang TMT-nya baru) mengikuti MOOC lalu Latsar, dalam angkatan per bulan
        TMT: Latsar selesai di tahun itu sudah memenuhi 20 JP."""
        kohort: dict[tuple[str, date], list[_Orang]] = {}
        for o in self.orang:
            if o.golongan_latsar and o.beriwayat:
                kohort.setdefault((o.golongan_latsar, o.mulai_tugas), []).append(o)
        for (golongan, tmt), anggota in sorted(kohort.items()):
            i = LATSAR[golongan]
            rng = self._rng("latsar", golongan, tmt)
            bulan = tmt.month - 1 + LATSAR_SETELAH_BULAN
            awal = date(tmt.year + bulan // 12, bulan % 12 + 1, 1)
            rng.shuffle(anggota)
            jumlah = math.ceil(len(anggota) / KATEGORI["pelatihan"].kapasitas)
            for k in range(jumlah):
                mulai = awal + timedelta(days=14 * k + rng.randint(0, 6))
                mulai += timedelta(days=-mulai.weekday() % 7)  # Senin
                tahun = mulai.year
                if tahun < TAHUN_AWAL:
                    continue
                jp = self.jp(i, tahun)
                _, rentang = _rentang_klasikal(jp)
                selesai = mulai + timedelta(days=rentang - 1)
                if selesai > self.kemarin or selesai.year != tahun:
                    continue
                penyelenggara = rng.choice(KATALOG[i].penyelenggara)
                peserta = anggota[k::jumlah]
                nomor = self._nomor(penyelenggara, tahun, len(peserta))
                for urut, o in enumerate(peserta):
                    # MOOC dahulu, bila muat antara TMT dan Latsar dalam tahun yang sama.
                    mooc = self._baris_baru(o, MOOC_LATSAR, tahun)
                    if self._tanggal_mandiri(
                        mooc,
                        paling_awal=tmt + timedelta(days=14),
                        paling_akhir=mulai - timedelta(days=7),
                    ):
                        self.diikuti.setdefault((o.pk, tahun), set()).add(MOOC_LATSAR)
                        self.baris.append(mooc)
                    b = _Baris(o, i, tahun, jp, nama=KATALOG[i].nama, jenis=KATALOG[i].jenis)
                    b.mulai, b.selesai, b.penyelenggara = mulai, selesai, penyelenggara
                    b.nomor = NOMOR_SERTIFIKAT[penyelenggara].format(n=nomor + urut, y=tahun)
                    b.tanggal_sertifikat = selesai
                    self.diikuti.setdefault((o.pk, tahun), set()).add(i)
                    self.baris.append(b)

    # --- per tahun -------------------------------------------------------------------------

    def _jp_tercatat(self, o: _Orang, tahun: int) -> int:
        return sum(self.jp(i, tahun) for i in self.diikuti.get((o.pk, tahun), ()))

    def bertugas(self, o: _Orang, tahun: int) -> bool:
        """Kegiatan biasa sejak tahun setelah TMT; pegawai nonaktif tidak lagi tahun ini."""
        if not o.beriwayat or tahun <= o.mulai_tugas.year:
            return False
        return o.aktif or tahun < self.hari_ini.year

    def kalibrasi(self, tahun: int, paksa: dict[tuple[int, int], bool]) -> float:
        """Pengali c: jumlah peluang min(PELUANG_MAKS, c × faktor) pegawai aktif ditambah yang
        sudah pasti memenuhi (Latsar, akun demo) sama dengan target × jumlah pegawai aktif."""
        aktif = [o for o in self.orang if o.aktif]
        pasti = 0
        faktor = []
        for o in aktif:
            if self._jp_tercatat(o, tahun) >= TARGET_JP or paksa.get((o.pk, tahun)) is True:
                pasti += 1
            elif self.bertugas(o, tahun) and (o.pk, tahun) not in paksa:
                faktor.append(o.faktor)
        sasaran = TARGET_KEPATUHAN.get(tahun, 0.5) * len(aktif) - pasti
        if sasaran <= 0 or not faktor:
            return 0.0
        lo, hi = 0.0, PELUANG_MAKS / min(faktor)
        for _ in range(60):
            c = (lo + hi) / 2
            if sum(min(PELUANG_MAKS, c * f) for f in faktor) < sasaran:
                lo = c
            else:
                hi = c
        return (lo + hi) / 2

    def isi_tahun(self, o: _Orang, tahun: int, memenuhi: bool, sasaran_kurang: int | None = None):
        rng = self.rng
        total = self._jp_tercatat(o, tahun)
        if total >= TARGET_JP:
            return
        if memenuhi:
            sasaran = rng.choice(SASARAN_MEMENUHI)
            batas = JP_MAKS_PPPK if o.jenis_pegawai == JenisPegawai.PPPK else None
            if batas:
                sasaran = min(sasaran, batas)
            sekali = [
                i
                for i, e in enumerate(KATALOG)
                if e.sekali and e.untuk & o.tanda and i not in o.sudah_sekali
            ]
            if (
                sekali
                and o.jenis_pegawai == JenisPegawai.PNS
                and rng.random() < PELUANG_PELATIHAN_KEPEMIMPINAN
                and self.muat(sekali[0], tahun)
            ):
                total += self.tambah(o, sekali[0], tahun).jp
            for _ in range(40):
                if total >= sasaran:
                    break
                i = self._pilih(o, tahun, jp_maks=batas - total if batas else None)
                if i is None:
                    break
                total += self.tambah(o, i, tahun).jp
            if total < TARGET_JP:  # tanpa batas PPPK, kegiatan yang menggenapi 20 JP
                i = self._pilih(o, tahun, jp_min=TARGET_JP - total)
                if i is not None:
                    self.tambah(o, i, tahun)
            return
        if sasaran_kurang is None:
            if rng.random() < PELUANG_TANPA_JP.get(tahun, 0.4):
                return
            sasaran_kurang = rng.randint(2, TARGET_JP - 1)
        for _ in range(8):
            if total >= sasaran_kurang:
                break
            i = self._pilih(o, tahun, jp_maks=sasaran_kurang - total)
            if i is None:
                break
            total += self.tambah(o, i, tahun).jp

    def bentuk_angkatan(self) -> None:
        """Peserta satu kegiatan setahun dibagi ke angkatan sesuai kapasitas; satu angkatan:
        tanggal, penyelenggara dan nomor sertifikat berurutan."""
        for (i, tahun), peserta in sorted(self.angkatan.items()):
            e = KATALOG[i]
            kategori = KATEGORI[e.kategori]
            rng = self._rng("angkatan", e.nama, tahun)
            rng.shuffle(peserta)
            jumlah = math.ceil(len(peserta) / kategori.kapasitas)
            hari_kerja, rentang_min = self._rentang(i, tahun)
            for k in range(jumlah):
                rentang = rentang_min
                if kategori.rentang != (0, 0):
                    rentang = rng.randint(*kategori.rentang)
                mulai = _pilih_mulai(
                    rng, tahun, self.hari_ini, rentang, hari_kerja=hari_kerja, bulan=e.bulan
                )
                if mulai is None:  # sisa tahun terlalu pendek untuk rentang acak ini
                    rentang = rentang_min
                    mulai = _pilih_mulai(
                        rng, tahun, self.hari_ini, rentang, hari_kerja=hari_kerja, bulan=e.bulan
                    )
                selesai = mulai + timedelta(days=rentang - 1)
                # Kegiatan berangkatan tidak pernah diselenggarakan "{opd}" (lihat katalog).
                penyelenggara = _lembaga(rng.choice(e.penyelenggara), tahun, None)
                format_ = NOMOR_SERTIFIKAT.get(penyelenggara)
                bernomor = format_ is not None and rng.random() < kategori.sertifikat
                angkatan = peserta[k::jumlah]
                nomor = self._nomor(penyelenggara, tahun, len(angkatan)) if bernomor else 0
                for urut, b in enumerate(angkatan):
                    b.mulai, b.selesai, b.penyelenggara = mulai, selesai, penyelenggara
                    if bernomor:
                        b.nomor = format_.format(n=nomor + urut, y=tahun)
                        b.tanggal_sertifikat = selesai

    # --- klaim -----------------------------------------------------------------------------

    def _klaim(self, o: _Orang, tahun: int, *, paling_awal: date, paling_akhir: date, **pilih):
        """Satu klaim baru (baris tersendiri) dari kegiatan yang lazim diklaim."""
        rng = self.rng
        diikuti = self.diikuti.get((o.pk, tahun), set())
        jp_min, jp_maks = pilih.get("jp_min", 0), pilih.get("jp_maks", 999)
        calon = [
            (i, w)
            for i, w in self.calon(o, tahun)
            if KATEGORI[KATALOG[i].kategori].klaim
            and i not in diikuti
            and jp_min <= self.jp(i, tahun) <= jp_maks
        ]
        while True:
            if not calon:
                return None
            k = rng.choices(range(len(calon)), weights=[w for _, w in calon])[0]
            b = self._baris_baru(o, calon[k][0], tahun)
            if self._tanggal_mandiri(b, paling_awal=paling_awal, paling_akhir=paling_akhir):
                break
            del calon[k]  # tidak muat dalam rentang tanggalnya
        self.diikuti.setdefault((o.pk, tahun), set()).add(b.entri)
        b.sumber = RiwayatPengembangan.Sumber.KLAIM
        b.status = RiwayatPengembangan.Status.MENUNGGU
        b.dibuat = self._diajukan(b.selesai)
        self.baris.append(b)
        return b

    def _diajukan(self, selesai: date) -> datetime:
        rng = self.rng
        hari = min(selesai + timedelta(days=rng.randint(1, 5)), self.kemarin)
        return _waktu(hari, rng.choice((7, 12, 19, 20, 21)), rng.randint(0, 59))

    def _putuskan(self, b: _Baris, status: str, oleh: int | None, *, setelah_hari=(1, 7)):
        rng = self.rng
        b.status = status
        b.oleh = oleh
        hari = b.dibuat.date() + timedelta(days=rng.randint(*setelah_hari))
        b.diverifikasi = max(
            _waktu(min(hari, self.kemarin), rng.randint(8, 15), rng.randint(0, 59)), b.dibuat
        )

    def klaim(self, admin_id: int | None, asn: _Orang | None) -> None:
        rng = self.rng
        tahun = self.hari_ini.year
        terverifikasi = RiwayatPengembangan.Status.TERVERIFIKASI
        ditolak = RiwayatPengembangan.Status.DITOLAK
        # Sebagian e-learning, seminar dan PJJ tahun ini tercatat lewat klaim yang sudah diakui.
        batas = self.hari_ini - timedelta(days=14)
        for b in self.baris:
            if (
                b.tahun == tahun
                and b.sumber == RiwayatPengembangan.Sumber.IMPOR
                and b.entri >= 0
                and KATEGORI[KATALOG[b.entri].kategori].klaim
                and b.orang.aktif
                and b.orang.user_id is not None
                and b.orang.user_id != admin_id
                and b.orang is not asn  # klaim asn.dinkes disusun tersendiri
                and KLAIM_SEJAK <= b.selesai <= batas
                and rng.random() < PELUANG_KLAIM_TERVERIFIKASI
            ):
                b.sumber = RiwayatPengembangan.Sumber.KLAIM
                b.dibuat = self._diajukan(b.selesai)
                self._putuskan(b, terverifikasi, admin_id)
                if b.jenis.startswith("NKL") and rng.random() < PELUANG_JP_DIKOREKSI:
                    b.jp_diajukan = b.jp + rng.choice((2, 4, 6))

        kemarin = self.kemarin
        if asn is not None:
            self._klaim_asn(asn, admin_id)

        # Antrean verifikasi: klaim menunggu dari OPD yang berbeda-beda, dan beberapa ditolak.
        calon = [
            o
            for o in self.orang
            if o.aktif and o.user_id is not None and o is not asn and o.username == o.nip
        ]
        rng.shuffle(calon)
        opd_terpakai: set[int] = set()
        menunggu = ditolak_n = 0
        for o in calon:
            if menunggu >= JUMLAH_KLAIM_MENUNGGU and ditolak_n >= JUMLAH_KLAIM_DITOLAK:
                break
            if o.opd.pk in opd_terpakai:
                continue
            if menunggu < JUMLAH_KLAIM_MENUNGGU:
                b = self._klaim(
                    o,
                    tahun,
                    paling_awal=kemarin - timedelta(days=45),
                    paling_akhir=kemarin - timedelta(days=2),
                )
                if b is not None:
                    menunggu += 1
                    opd_terpakai.add(o.opd.pk)
            else:
                b = self._klaim(
                    o,
                    tahun,
                    paling_awal=max(KLAIM_SEJAK, date(tahun, 1, 8)),
                    paling_akhir=kemarin - timedelta(days=20),
                )
                if b is not None:
                    b.alasan = rng.choice(ALASAN_PENOLAKAN)
                    self._putuskan(b, ditolak, admin_id)
                    ditolak_n += 1
                    opd_terpakai.add(o.opd.pk)

    def _klaim_asn(self, asn: _Orang, admin_id: int | None) -> None:
        """asn.dinkes tahun ini: belum 20 JP; satu klaim baru saja diakui, satu baru saja ditolak,
        dan satu menunggu yang akan menggenapi 20 JP bila diverifikasi."""
        tahun, kemarin = self.hari_ini.year, self.kemarin
        jendela = {
            "paling_awal": kemarin - timedelta(days=35),
            "paling_akhir": kemarin - timedelta(days=12),
        }
        sisa = TARGET_JP - 1 - self._jp_terverifikasi(asn, tahun)
        diakui = None
        for batas in (min(8, sisa), sisa, 999):
            if diakui is None and batas >= 2:
                diakui = self._klaim(asn, tahun, jp_maks=batas, **jendela)
        if diakui is not None:
            # Diputus beberapa hari lalu: notifikasinya masih baru di kotak masuk.
            diputus = kemarin - timedelta(days=4)
            diakui.dibuat = min(diakui.dibuat, _waktu(diputus - timedelta(days=2), 20, 5))
            diakui.status = RiwayatPengembangan.Status.TERVERIFIKASI
            diakui.oleh, diakui.diverifikasi = admin_id, _waktu(diputus, 10, 12)

        mulai = _pilih_mulai(self.rng, tahun, self.hari_ini, 1, hari_kerja=1, **jendela)
        if mulai is not None:
            nama, jenis, jp, penyelenggara = RAPAT
            rapat = _Baris(asn, -1, tahun, jp, nama=nama, jenis=jenis, mulai=mulai, selesai=mulai)
            rapat.penyelenggara = penyelenggara
            rapat.sumber = RiwayatPengembangan.Sumber.KLAIM
            rapat.dibuat = min(self._diajukan(mulai), _waktu(kemarin - timedelta(days=3), 19, 40))
            rapat.alasan = ALASAN_RAPAT
            rapat.status, rapat.oleh = RiwayatPengembangan.Status.DITOLAK, admin_id
            rapat.diverifikasi = _waktu(kemarin - timedelta(days=1), 9, 47)
            self.baris.append(rapat)

        kurang = max(2, TARGET_JP - self._jp_terverifikasi(asn, tahun))
        jendela = {"paling_awal": kemarin - timedelta(days=30), "paling_akhir": kemarin}
        for batas in ({"jp_min": kurang, "jp_maks": kurang + 12}, {"jp_min": kurang}, {}):
            if self._klaim(asn, tahun, **batas, **jendela) is not None:
                break

    def _jp_terverifikasi(self, o: _Orang, tahun: int) -> int:
        return sum(
            b.jp
            for b in self.baris
            if b.orang is o
            and b.tahun == tahun
            and b.status == RiwayatPengembangan.Status.TERVERIFIKASI
        )

    def cap_waktu(self) -> None:
        """Waktu pencatatan: riwayat sampai 2025 dari impor awal, riwayat tahun berjalan dari
        impor mingguan (Senin setelah kegiatan selesai), klaim pada waktu pengajuannya."""
        batas = _waktu(self.kemarin, 16)
        awal = min(timezone.make_aware(IMPOR_AWAL), batas)
        for b in self.baris:
            if b.dibuat is not None:
                continue
            if b.selesai.year < self.hari_ini.year:
                b.dibuat = awal
            else:
                senin = b.selesai + timedelta(days=7 - b.selesai.weekday())
                b.dibuat = min(_waktu(senin, 9, 30), batas)
            b.diverifikasi = b.dibuat


# ---------------------------------------------------------------------------------------------
# Basis data
# ---------------------------------------------------------------------------------------------

KOLOM = (
    "pegawai",
    "nama_pelatihan",
    "nama_kunci",
    "jenis",
    "penyelenggara",
    "tanggal_mulai",
    "tanggal_selesai",
    "jp",
    "jp_diajukan",
    "nomor_sertifikat",
    "tanggal_sertifikat",
    "berkas_sertifikat",
    "sumber",
    "kegiatan",
    "status",
    "alasan_penolakan",
    "diverifikasi_oleh",
    "diverifikasi_pada",
    "dibuat_pada",
    "diubah_pada",
)


def _kolom_db() -> list[str]:
    meta = RiwayatPengembangan._meta
    ada = {f.name for f in meta.concrete_fields if not f.primary_key}
    if ada != set(KOLOM):  # pragma: no cover - penjaga bila model berubah
        raise RuntimeError(
            "Kolom RiwayatPengembangan berubah; perbarui pelatihan/demo.py: "
            + ", ".join(sorted(ada.symmetric_difference(KOLOM)))
        )
    return [meta.get_field(nama).column for nama in KOLOM]


def _tulis(baris: Iterable[_Baris], jenis_id: dict[str, int]) -> None:
    qn = connection.ops.quote_name
    tabel = qn(RiwayatPengembangan._meta.db_table)
    kolom = ", ".join(qn(k) for k in _kolom_db())
    with connection.cursor() as cursor:
        with cursor.copy(f"COPY {tabel} ({kolom}) FROM STDIN") as copy:
            for b in baris:
                copy.write_row(
                    (
                        b.orang.pk,
                        b.nama,
                        kunci_nama(b.nama),
                        jenis_id[b.jenis],
                        b.penyelenggara,
                        b.mulai,
                        b.selesai,
                        b.jp,
                        b.jp_diajukan,
                        b.nomor,
                        b.tanggal_sertifikat,
                        "",
                        b.sumber,
                        None,
                        b.status,
                        b.alasan,
                        b.oleh,
                        b.diverifikasi,
                        b.dibuat,
                        b.diverifikasi or b.dibuat,
                    )
                )
        # Statistik segar: laporan JP pertama setelah seed_demo memakai rencana yang tepat.
        cursor.execute(f"ANALYZE {tabel}")


def _beri_tahu(asn: _Orang, baris: Sequence[_Baris]) -> None:
    """Kotak masuk asn.dinkes berisi keputusan atas klaimnya, seperti setelah verifikasi."""
    diputus = [
        b
        for b in baris
        if b.orang is asn
        and b.sumber == RiwayatPengembangan.Sumber.KLAIM
        and b.status != RiwayatPengembangan.Status.MENUNGGU
    ]
    if not diputus or asn.user_id is None:
        return
    pk = dict(
        RiwayatPengembangan.objects.filter(
            pegawai_id=asn.pk, sumber=RiwayatPengembangan.Sumber.KLAIM
        )
        .exclude(status=RiwayatPengembangan.Status.MENUNGGU)
        .values_list("nama_kunci", "pk")
    )
    penerima = Pegawai.objects.select_related("user").get(pk=asn.pk).user
    tautan = reverse("pelatihan:klaim-list")
    for b in sorted(diputus, key=lambda b: b.diverifikasi):
        # Teks yang sama dengan pelatihan.services.riwayat_verify/riwayat_reject.
        if b.status == RiwayatPengembangan.Status.TERVERIFIKASI:
            judul, kunci = gettext("Klaim JP diverifikasi"), "verifikasi"
            pesan = gettext("Klaim “%(nama)s” diakui sebesar %(jp)s JP.") % {
                "nama": b.nama,
                "jp": b.jp,
            }
        else:
            judul, kunci = gettext("Klaim JP ditolak"), "penolakan"
            pesan = gettext(
                "Klaim “%(nama)s” ditolak oleh BKPSDM. Alasan: %(alasan)s\n"
                "Anda dapat mengajukan klaim baru setelah memperbaikinya."
            ) % {"nama": b.nama, "alasan": b.alasan}
        notifikasi_send(
            penerima=penerima,
            judul=judul,
            pesan=pesan,
            tautan=tautan,
            kunci=f"klaim:{pk[kunci_nama(b.nama)]}:{kunci}",
        )


def demo_delete() -> int:
    """Hapus seluruh buku besar JP demo (sebelum pegawai demo dihapus: ia merujuk pegawai).
    Berkas sertifikat yang sempat diunggah ke demo dihapus setelah transaksi berhasil."""
    if not DataDemo.objects.exists():
        raise DataBukanDemo("Basis data ini tidak bertanda data demo; riwayat JP tidak dihapus.")
    qs = RiwayatPengembangan.objects.all()
    berkas = list(qs.exclude(berkas_sertifikat="").values_list("berkas_sertifikat", flat=True))
    jumlah, _ = qs.delete()
    if berkas:
        storage = RiwayatPengembangan._meta.get_field("berkas_sertifikat").storage
        transaction.on_commit(lambda: [storage.delete(nama) for nama in berkas])
    return jumlah


def demo_build(*, seed: int = SEED_BAWAAN) -> HasilRiwayatDemo:
    """Tulis riwayat JP untuk pegawai demo yang sudah ada (buku besarnya harus kosong)."""
    hari_ini = min(pegawai_demo.TANGGAL_ACUAN, timezone.localdate())
    rng = random.Random(f"pelatihan.demo:{seed}")
    with transaction.atomic():
        jenis_id = dict(JenisPengembangan.objects.values_list("kode", "pk"))
        hilang = sorted(({e.jenis for e in KATALOG} | {RAPAT[1]}) - set(jenis_id))
        if hilang:
            raise DataBukanDemo(
                "Jenis pengembangan acuan tidak ditemukan: "
                + ", ".join(hilang)
                + ". Jalankan `manage.py migrate` agar data acuan dimuat."
            )
        orang = _baca_pegawai(rng)
        pembangun = _Pembangun(seed, hari_ini, orang, rng)
        pembangun.latsar()

        login = {o.username: o for o in orang if o.username != o.nip}
        asn = login.get(pegawai_demo.ASN_DINKES)
        admin = login.get(pegawai_demo.ADMIN_BKPSDM)
        # asn.dinkes: belum memenuhi tahun 2023, memenuhi 2024 dan 2025, tahun ini masih kurang.
        paksa: dict[tuple[int, int], bool] = {}
        if asn is not None:
            for tahun in pembangun.tahun:
                paksa[(asn.pk, tahun)] = tahun in (2024, 2025)
        for tahun in pembangun.tahun:
            c = pembangun.kalibrasi(tahun, paksa)
            for o in orang:
                if not pembangun.bertugas(o, tahun):
                    continue
                if (o.pk, tahun) in paksa:
                    kurang = ASN_JP_TAHUN_INI if tahun == hari_ini.year else None
                    pembangun.isi_tahun(o, tahun, paksa[(o.pk, tahun)], kurang)
                else:
                    peluang = min(PELUANG_MAKS, c * o.faktor)
                    pembangun.isi_tahun(o, tahun, rng.random() < peluang)
        pembangun.bentuk_angkatan()
        pembangun.klaim(admin.user_id if admin else None, asn)
        pembangun.cap_waktu()
        _tulis(pembangun.baris, jenis_id)
        if asn is not None:
            _beri_tahu(asn, pembangun.baris)

    klaim = [b for b in pembangun.baris if b.sumber == RiwayatPengembangan.Sumber.KLAIM]
    return HasilRiwayatDemo(
        jumlah_baris=len(pembangun.baris),
        jumlah_klaim=len(klaim),
        klaim_menunggu=sum(b.status == RiwayatPengembangan.Status.MENUNGGU for b in klaim),
        tahun_awal=min((b.tahun for b in pembangun.baris), default=hari_ini.year),
        tahun_akhir=max((b.tahun for b in pembangun.baris), default=hari_ini.year),
    )


# ---------------------------------------------------------------------------------------------
# Katalog, kegiatan, nominasi dan kehadiran demo
#
# Di atas buku besar JP: lembaga mitra, program dengan kurikulumnya, dan kegiatan pada setiap
# status di sekitar TANGGAL_ACUAN, dengan nominasi pada setiap status. Susunannya tetap (jumlah
# kegiatan dan nominasi tidak bergantung pada jumlah pegawai), hanya siapa pesertanya yang dipilih
# dari seed. Skor prioritas dan peringatan kelayakan dihitung oleh ``pelatihan.eligibilitas``;
# baris ditulis langsung (tanpa layanan) agar tanggalnya mengikuti hari acuan dan tidak ada surel
# yang dikirim. Pada hari acuan, tiap jenis pengingat (``pelatihan.pengingat``) jatuh tempo.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _LembagaT:
    kunci: str
    nama: str
    singkatan: str
    jenis: str
    akreditasi: str = ""
    mou: tuple[str, date, date] | None = None
    alamat: str = ""
    kontak: str = ""


LEMBAGA_DEMO = (
    _LembagaT(
        "bkpsdm",
        "BKPSDM Kota Langsa",
        "BKPSDM",
        "internal",
        alamat="Jl. Jenderal Ahmad Yani No. 1, Langsa",
        kontak="Bidang PSDM, (0641) 21009",
    ),
    _LembagaT(
        "bpsdm",
        "BPSDM Aceh",
        "BPSDM Aceh",
        "bpsdm_provinsi",
        "Terakreditasi LAN predikat A",
        ("800/112/BKPSDM-BPSDMA/2025", date(2025, 1, 15), date(2027, 12, 31)),
        "Jl. Tgk. Abu Lam U No. 8, Banda Aceh",
        "Bidang Kerja Sama, bpsdm@acehprov.go.id",
    ),
    _LembagaT(
        "lan",
        "Lembaga Administrasi Negara",
        "LAN RI",
        "lan",
        "Pembina pelatihan ASN (Peraturan LAN 10/2018)",
        ("KS.01/27/LAN.2/2024", date(2024, 3, 1), date(2028, 2, 29)),
        "Jl. Veteran No. 10, Jakarta Pusat",
        "Pusat Pembinaan Program dan Kebijakan Pengembangan Kompetensi ASN",
    ),
    _LembagaT(
        "unsam",
        "Universitas Samudra",
        "Unsam",
        "perguruan_tinggi",
        "Terakreditasi BAN-PT Baik Sekali",
        # MoU berakhir 2024 dan belum diperpanjang: kegiatan baru bersamanya diberi tanda.
        ("073/UN54/KS/2021", date(2021, 6, 1), date(2024, 5, 31)),
        "Jl. Prof. Dr. Syarief Thayeb, Meurandeh, Langsa",
        "Lembaga Penelitian dan Pengabdian kepada Masyarakat",
    ),
    _LembagaT(
        "csr",
        "PT Bank Aceh Syariah Cabang Langsa",
        "Bank Aceh",
        "swasta",
        "Mitra program TJSL/CSR",
        ("PKS/045/BAS-LGS/2026", date(2026, 2, 1), date(2026, 12, 31)),
        "Jl. Teuku Umar No. 2, Langsa",
        "Corporate Secretary, Program TJSL",
    ),
)

# (kode, nama, jenis, lembaga, kompetensi, sasaran jabatan, sasaran OPD, deskripsi, kurikulum)
# Kurikulum: (mata pelatihan, JP, tujuan pembelajaran, pengajar).
PROGRAM_DEMO = (
    (
        "LKS-PP",
        "Pelatihan Pelayanan Publik Prima",
        "KL03",
        "bkpsdm",
        ("M.05", "M.03", "M.01"),
        (),
        (),
        "Standar pelayanan, maklumat pelayanan dan penanganan pengaduan bagi petugas layanan.",
        (
            (
                "Kebijakan dan Standar Pelayanan Publik",
                6,
                "Menjelaskan UU 25/2009 dan komponen standar pelayanan.",
                "Drs. Zulkifli, M.AP",
            ),
            (
                "Budaya Pelayanan Prima dan BerAKHLAK",
                8,
                "Menerapkan nilai BerAKHLAK dalam melayani.",
                "Nurul Hidayati, S.Psi., M.Psi.",
            ),
            (
                "Komunikasi Efektif dan Penanganan Keluhan",
                8,
                "Menangani keluhan dengan komunikasi yang empatik.",
                "Rahmad Syahputra, S.Sos., M.Si.",
            ),
            (
                "Survei Kepuasan Masyarakat dan Rencana Aksi",
                8,
                "Menyusun SKM dan rencana tindak lanjutnya.",
                "Ir. Cut Farah Diba, M.T.",
            ),
        ),
    ),
    (
        "LKS-PKP",
        "Pelatihan Kepemimpinan Pengawas",
        "KL01",
        "bpsdm",
        ("M.01", "M.02", "M.04", "M.06", "M.08"),
        ("pengawas",),
        (),
        "Pelatihan kepemimpinan bagi pejabat pengawas (Peraturan LAN 5/2022), termasuk aksi "
        "perubahan kinerja.",
        (
            (
                "Kepemimpinan Pancasila dan Bela Negara",
                12,
                "Memimpin dengan nilai Pancasila.",
                "Widyaiswara BPSDM Aceh",
            ),
            (
                "Kepemimpinan Kinerja",
                24,
                "Mengelola kinerja tim dan sumber daya.",
                "Widyaiswara BPSDM Aceh",
            ),
            (
                "Aksi Perubahan Kinerja",
                72,
                "Merancang dan melaksanakan aksi perubahan di unit kerja.",
                "Coach dan mentor dari BPSDM Aceh",
            ),
            (
                "Evaluasi dan Seminar Aksi Perubahan",
                12,
                "Mempresentasikan hasil aksi perubahan.",
                "Penguji BPSDM Aceh",
            ),
        ),
    ),
    (
        "LKS-PKA",
        "Pelatihan Kepemimpinan Administrator",
        "KL01",
        "lan",
        ("M.01", "M.04", "M.07", "M.08"),
        ("administrator",),
        (),
        "Pelatihan kepemimpinan bagi pejabat administrator dengan proyek perubahan.",
        (
            (
                "Kepemimpinan Pancasila dan Integritas",
                15,
                "Menjadi teladan integritas.",
                "Widyaiswara LAN RI",
            ),
            (
                "Kepemimpinan Strategis dan Inovasi",
                30,
                "Memimpin perubahan dan inovasi pelayanan.",
                "Widyaiswara LAN RI",
            ),
            (
                "Proyek Perubahan",
                90,
                "Menyelesaikan proyek perubahan di instansi.",
                "Coach LAN RI dan mentor atasan langsung",
            ),
            (
                "Seminar Proyek Perubahan",
                15,
                "Mempertanggungjawabkan proyek perubahan.",
                "Penguji LAN RI",
            ),
        ),
    ),
    (
        "LKS-PPI",
        "Pelatihan Pencegahan dan Pengendalian Infeksi bagi Tenaga Kesehatan",
        "KL04",
        "bpsdm",
        ("M.05", "M.01"),
        ("fungsional",),
        ("DINKES", "RSUD"),
        "Kewaspadaan standar dan berdasarkan transmisi di puskesmas dan rumah sakit.",
        (
            (
                "Konsep Dasar PPI dan Rantai Penularan",
                6,
                "Menjelaskan rantai penularan infeksi.",
                "dr. Rahmi Fitria, Sp.PK",
            ),
            (
                "Kebersihan Tangan dan Alat Pelindung Diri",
                8,
                "Mempraktikkan lima momen kebersihan tangan dan APD.",
                "Ns. Mulyadi, S.Kep., M.Kep.",
            ),
            (
                "Pengelolaan Limbah Medis dan Linen",
                6,
                "Mengelola limbah B3 medis sesuai ketentuan.",
                "Teuku Rizal, S.KM., M.Kes.",
            ),
            (
                "Surveilans Infeksi Terkait Pelayanan Kesehatan",
                8,
                "Mencatat dan melaporkan HAIs.",
                "dr. Said Azhar, M.Epid.",
            ),
            (
                "Praktik Lapangan di Fasilitas Kesehatan",
                8,
                "Menilai kepatuhan PPI di fasilitas.",
                "Tim IPCN RSUD Langsa",
            ),
        ),
    ),
    (
        "LKS-DATA",
        "Pelatihan Literasi Data dan Statistik Sektoral",
        "KL03",
        "unsam",
        ("M.04", "M.08"),
        (),
        (),
        "Mengelola data sektoral untuk Satu Data Indonesia dan perencanaan berbasis bukti.",
        (
            (
                "Satu Data Indonesia dan Tata Kelola Data",
                6,
                "Menjelaskan Perpres 39/2019.",
                "Dr. Muhammad Nasir, S.E., M.Si.",
            ),
            (
                "Statistik Deskriptif dengan Spreadsheet",
                12,
                "Mengolah dan menyajikan data sektoral.",
                "Fitri Wahyuni, S.Si., M.Stat.",
            ),
            (
                "Visualisasi Data untuk Pimpinan",
                6,
                "Membuat dasbor yang mudah dibaca.",
                "Andika Pratama, S.Kom., M.Kom.",
            ),
        ),
    ),
    (
        "LKS-DIGI",
        "Pelatihan Transformasi Digital dan Keamanan Informasi",
        "KL03",
        "lan",
        ("M.07", "M.06"),
        (),
        (),
        "Literasi digital, SPBE dan keamanan informasi bagi ASN (daring).",
        (
            (
                "Sistem Pemerintahan Berbasis Elektronik",
                6,
                "Menjelaskan arsitektur SPBE.",
                "Tim Digital Learning LAN RI",
            ),
            (
                "Keamanan Informasi dan Perlindungan Data Pribadi",
                8,
                "Menerapkan UU 27/2022 dalam pekerjaan sehari-hari.",
                "Tim Digital Learning LAN RI",
            ),
            (
                "Kolaborasi Daring dan Tanda Tangan Elektronik",
                6,
                "Memakai layanan kolaborasi dan TTE.",
                "Tim Digital Learning LAN RI",
            ),
        ),
    ),
    (
        "LKS-SKP",
        "Bimbingan Teknis Penyusunan SKP dan Manajemen Kinerja",
        "KL10",
        "bkpsdm",
        ("M.04", "M.06"),
        (),
        (),
        "Penyusunan SKP dan dialog kinerja menurut PermenPANRB 6/2022.",
        (
            (
                "Kebijakan Manajemen Kinerja ASN",
                4,
                "Menjelaskan siklus manajemen kinerja.",
                "Analis SDM Aparatur BKPSDM",
            ),
            (
                "Penyusunan SKP dan Dialog Kinerja",
                8,
                "Menyusun SKP bersama atasan.",
                "Analis SDM Aparatur BKPSDM",
            ),
            (
                "Praktik pada Aplikasi e-Kinerja",
                4,
                "Mengisi SKP pada aplikasi.",
                "Pranata Komputer BKPSDM",
            ),
        ),
    ),
    (
        "LKS-KEU",
        "Pelatihan Pengelolaan Keuangan dan Perbankan Syariah bagi Bendahara",
        "KL03",
        "csr",
        ("M.01", "M.04"),
        ("pelaksana", "fungsional"),
        (),
        "Qanun LKS 11/2018 dan transaksi nontunai bendahara di Aceh, didanai program TJSL.",
        (
            (
                "Qanun Lembaga Keuangan Syariah",
                6,
                "Menjelaskan kewajiban Qanun LKS.",
                "Dr. Zainal Abidin, M.A.",
            ),
            (
                "Transaksi Nontunai dan CMS Bendahara",
                10,
                "Melakukan transaksi nontunai.",
                "Tim Bank Aceh Syariah",
            ),
            (
                "Pelaporan Pajak dan SPJ Bendahara",
                8,
                "Menyusun SPJ tepat waktu.",
                "Analis Keuangan BPKD Kota Langsa",
            ),
        ),
    ),
)


@dataclass(frozen=True)
class _Slot:
    """Satu nominasi dalam susunan demo: pegawai dari ``kolam`` (singkatan OPD, "jab:<jenis>",
    "bawahan:<login atasan>", "nakes" atau "*"), ``status``, dan hari sejak diusulkan terhitung
    mundur dari hari acuan (untuk kegiatan lampau: dari batas nominasi)."""

    kolam: str
    status: str
    hari: int = 5
    # "walk": nominasi yang disetujui kadis.dinkes dalam penelusuran demo; "absen": peserta yang
    # tidak pernah hadir (tidak mendapat formulir umpan balik).
    kunci: str = ""


def _slot(n: int, kolam: str, status: str, hari: int = 5) -> list[_Slot]:
    return [_Slot(kolam, status, hari + i % 4) for i in range(n)]


@dataclass(frozen=True)
class _KegiatanT:
    program: str
    angkatan: int
    lembaga: str
    status: str
    mulai: int  # hari dari hari acuan
    lama: int  # hari kalender
    batas: int  # batas nominasi, hari dari hari acuan
    modalitas: str
    tempat: str
    kuota: int
    biaya: int
    kuota_opd: tuple[tuple[str, int], ...] = ()
    slot: tuple[_Slot, ...] = ()


TEMPAT_BKPSDM = "Aula BKPSDM Kota Langsa, Jl. Jenderal Ahmad Yani No. 1"
TEMPAT_BPSDM = "Kampus BPSDM Aceh, Banda Aceh"
TEMPAT_RSUD = "Ruang Diklat RSUD Langsa"


def _kegiatan_demo() -> tuple[_KegiatanT, ...]:
    d, di, st = "diusulkan", "disetujui", "ditetapkan"
    return (
        # Selesai tahun ini: JP tercatat di buku besar dengan kegiatannya.
        _KegiatanT(
            "LKS-PP",
            1,
            "bkpsdm",
            "selesai",
            -261,
            4,
            -281,
            "tatap_muka",
            TEMPAT_BKPSDM,
            30,
            1_250_000,
            slot=tuple(
                _slot(4, "DINKES", "lulus")
                + _slot(4, "DISDIKBUD", "lulus")
                + _slot(8, "*", "lulus")
                + _slot(2, "*", "tidak_lulus")
            ),
        ),
        _KegiatanT(
            "LKS-PKA",
            1,
            "lan",
            "selesai",
            -174,
            12,
            -200,
            "blended",
            "Gedung LAN RI, Jakarta",
            6,
            28_500_000,
            slot=tuple(
                _slot(4, "jab:administrator", "lulus")
                + _slot(1, "jab:administrator", "tidak_lulus")
            ),
        ),
        _KegiatanT(
            "LKS-KEU",
            1,
            "csr",
            "selesai",
            -97,
            3,
            -111,
            "tatap_muka",
            "Aula Bank Aceh Syariah Cabang Langsa",
            25,
            0,
            # Two staff reporting to kadis.dinkes: their level-3 evaluation is open in the demo.
            slot=tuple(
                _slot(3, "BPKD", "lulus")
                + _slot(2, "bawahan:kadis.dinkes", "lulus")
                + _slot(7, "*", "lulus")
                + _slot(1, "*", "tidak_lulus")
            ),
        ),
        _KegiatanT(
            "LKS-PP",
            2,
            "bkpsdm",
            "selesai",
            -76,
            4,
            -90,
            "tatap_muka",
            TEMPAT_BKPSDM,
            30,
            1_250_000,
            slot=tuple(
                _slot(3, "DINKES", "lulus")
                + _slot(3, "RSUD", "lulus")
                + _slot(10, "*", "lulus")
                + _slot(1, "*", "tidak_lulus")
                + _slot(1, "*", "batal")
            ),
        ),
        # Selesai minggu lalu: umpan balik peserta (asn.dinkes belum mengisi) masih dibuka.
        _KegiatanT(
            "LKS-SKP",
            1,
            "bkpsdm",
            "selesai",
            -8,
            3,
            -22,
            "tatap_muka",
            TEMPAT_BKPSDM,
            60,
            350_000,
            slot=(
                _Slot("asn.dinkes", "lulus", 16),
                *_slot(5, "DINKES", "lulus"),
                *_slot(4, "DISDIKBUD", "lulus"),
                *_slot(8, "*", "lulus"),
                _Slot("*", "tidak_lulus", 5, "absen"),
            ),
        ),
        # Dibatalkan: MoU Universitas Samudra sudah berakhir.
        _KegiatanT(
            "LKS-DATA",
            1,
            "unsam",
            "dibatalkan",
            -48,
            5,
            -62,
            "tatap_muka",
            "Kampus Universitas Samudra, Meurandeh",
            25,
            1_750_000,
            slot=tuple(_slot(4, "*", "batal")),
        ),
        # Berlangsung hari ini: peserta Dinkes ditetapkan, kehadiran hari-hari yang lewat.
        _KegiatanT(
            "LKS-PPI",
            2,
            "bpsdm",
            "berlangsung",
            -3,
            6,
            -17,
            "tatap_muka",
            TEMPAT_RSUD,
            20,
            2_400_000,
            (("DINKES", 8), ("RSUD", 8)),
            slot=(
                _Slot("asn.dinkes", st, 25),
                *_slot(5, "DINKES", st, 24),
                *_slot(4, "RSUD", st, 24),
                *_slot(1, "DINKES", "ditolak", 22),
            ),
        ),
        # Ditutup, mulai lusa: pengingat peserta jatuh tempo; kuota penuh, ada daftar tunggu.
        _KegiatanT(
            "LKS-PKP",
            1,
            "bpsdm",
            "ditutup",
            2,
            24,
            -5,
            "blended",
            TEMPAT_BPSDM,
            5,
            9_800_000,
            slot=tuple(
                _slot(1, "DINKES", st, 20)
                + _slot(4, "jab:pengawas", st, 20)
                + _slot(2, "jab:pengawas", "daftar_tunggu", 18)
                + _slot(1, "jab:pengawas", "ditolak", 18)
            ),
        ),
        # Nominasi dibuka, batas lusa: kuota OPD belum terpakai; usulan Dinkes menunggu kadis.
        _KegiatanT(
            "LKS-PP",
            3,
            "bkpsdm",
            "nominasi_dibuka",
            9,
            4,
            2,
            "tatap_muka",
            TEMPAT_BKPSDM,
            30,
            1_250_000,
            (("DINKES", 10), ("DISDIKBUD", 8), ("RSUD", 3), ("SETDA", 2)),
            slot=(
                _Slot("DINKES", d, 1, "walk"),
                _Slot("DINKES", d, 5),
                _Slot("DINKES", d, 6),
                _Slot("DINKES", di, 8),
                _Slot("DINKES", st, 12),
                _Slot("DINKES", "ditolak", 10),
                _Slot("DINKES", "batal", 11),
                *_slot(2, "DISDIKBUD", d, 4),
                *_slot(3, "DISDIKBUD", st, 12),
                _Slot("RSUD", di, 7),
                *_slot(4, "*", st, 13),
                *_slot(2, "*", di, 6),
            ),
        ),
        _KegiatanT(
            "LKS-DIGI",
            1,
            "lan",
            "nominasi_dibuka",
            15,
            5,
            10,
            "daring",
            "",
            40,
            450_000,
            slot=(
                _Slot("asn.dinkes", d, 2),
                *_slot(2, "DISDIKBUD", d, 1),
                *_slot(2, "*", di, 3),
                *_slot(2, "*", st, 4),
                *_slot(1, "*", "ditolak", 4),
            ),
        ),
        # Draf: belum terbit; yang satu bersama mitra yang MoU-nya berakhir.
        _KegiatanT(
            "LKS-SKP",
            2,
            "bkpsdm",
            "draft",
            44,
            2,
            30,
            "tatap_muka",
            TEMPAT_BKPSDM,
            60,
            350_000,
        ),
        _KegiatanT(
            "LKS-DATA",
            2,
            "unsam",
            "draft",
            71,
            5,
            50,
            "tatap_muka",
            "Kampus Universitas Samudra, Meurandeh",
            25,
            1_750_000,
        ),
    )


KODE_SERTIFIKAT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

ALASAN_NOMINASI_DITOLAK = (
    "Pegawai sedang menjalankan tugas jaga puskesmas pada tanggal pelatihan; diusulkan pada "
    "angkatan berikutnya.",
    "Pegawai sudah memenuhi 20 JP tahun ini; kursi diberikan kepada pegawai yang belum.",
    "Jabatan pegawai tidak termasuk sasaran program ini.",
    "Beban kerja akhir tahun anggaran; mohon diusulkan kembali pada triwulan I.",
)


@dataclass(frozen=True)
class HasilKegiatanDemo:
    jumlah_lembaga: int
    jumlah_program: int
    jumlah_kegiatan: int
    jumlah_nominasi: int
    jumlah_kehadiran: int
    jumlah_riwayat: int
    jumlah_sertifikat: int = 0


def kegiatan_demo_delete() -> None:
    """Hapus katalog, kegiatan dan nominasi demo beserta JP dari kegiatannya, sebelum
    :func:`demo_delete` (kegiatan dan nominasi merujuk pegawai dan buku besar dengan PROTECT)."""
    from pelatihan.models import (
        KegiatanPelatihan,
        Kehadiran,
        KuotaOPD,
        LembagaPelatihan,
        MataPelatihan,
        Nominasi,
        ProgramPelatihan,
        Sertifikat,
    )

    if not DataDemo.objects.exists():
        raise DataBukanDemo("Basis data ini tidak bertanda data demo; kegiatan tidak dihapus.")
    Sertifikat.objects.all().delete()
    Kehadiran.objects.all().delete()
    Nominasi.objects.all().delete()
    KuotaOPD.objects.all().delete()
    RiwayatPengembangan.objects.filter(kegiatan__isnull=False).delete()
    KegiatanPelatihan.objects.all().delete()
    MataPelatihan.objects.all().delete()
    ProgramPelatihan.objects.all().delete()
    LembagaPelatihan.objects.all().delete()


def _pada(hari_ini: date, hari: int, jam: int, menit: int = 0) -> datetime:
    return _waktu(hari_ini + timedelta(days=hari), jam, menit)


class _PemilihPeserta:
    """Kolam calon peserta: pegawai aktif tanpa peran (kepala, operator, admin, pimpinan),
    diurutkan menurut NIP, ditambah asn.dinkes yang dipilih dengan namanya."""

    def __init__(self, rng: random.Random):
        from pegawai.models import PenugasanPeran

        self.rng = rng
        berperan = set(PenugasanPeran.objects.values_list("user_id", flat=True))
        self.kolam: dict[str, list[int]] = {"*": [], "nakes": []}
        self.asn_dinkes: int | None = None
        for pk, opd, jenis_jabatan, jabatan, username, user_id, atasan in (
            Pegawai.objects.filter(aktif=True)
            .order_by("nip")
            .values_list(
                "pk",
                "perangkat_daerah__singkatan",
                "jabatan__jenis_jabatan",
                "jabatan__nama",
                "user__username",
                "user_id",
                "atasan__user__username",
            )
        ):
            if username == pegawai_demo.ASN_DINKES:
                self.asn_dinkes = pk
                continue
            if user_id in berperan:
                continue
            self.kolam["*"].append(pk)
            self.kolam.setdefault(opd, []).append(pk)
            self.kolam.setdefault(f"jab:{jenis_jabatan}", []).append(pk)
            if jabatan in NAKES:
                self.kolam["nakes"].append(pk)
            if atasan:
                self.kolam.setdefault(f"bawahan:{atasan}", []).append(pk)
        # Lulusan kegiatan selesai: tidak dipilih lagi untuk kegiatan lampau lain.
        self.terpakai: set[int] = set()

    def pilih(self, kolam: str, kecuali: set[int]) -> int:
        if kolam == "asn.dinkes" and self.asn_dinkes is not None:
            return self.asn_dinkes
        for nama in (kolam, "*"):
            calon = [pk for pk in self.kolam.get(nama, ()) if pk not in kecuali]
            if calon:
                return self.rng.choice(calon)
        raise pegawai_demo.JumlahPegawaiTidakCukup("Pegawai demo terlalu sedikit untuk kegiatan.")


def _nilai_pre_post(rng: random.Random, lulus: bool) -> tuple[Decimal, Decimal]:
    pre = rng.randint(35, 70)
    post = (
        min(100, pre + rng.randint(12, 30)) if lulus else rng.randint(min(59, max(30, pre - 5)), 59)
    )
    return Decimal(pre), Decimal(post)


def kegiatan_demo_build(*, seed: int = SEED_BAWAAN) -> HasilKegiatanDemo:
    """Tulis katalog, kegiatan (setiap status), nominasi (setiap status), kehadiran dan JP dari
    kegiatan selesai, di atas pegawai dan buku besar demo yang sudah ada."""
    from django.db.models import Sum

    from pegawai.models import Kompetensi, Pengguna, PenugasanPeran, Peran
    from pelatihan.eligibilitas import nilai
    from pelatihan.models import (
        KegiatanPelatihan,
        Kehadiran,
        KuotaOPD,
        LembagaPelatihan,
        MataPelatihan,
        Nominasi,
        ProgramPelatihan,
        Sertifikat,
    )

    hari_ini = min(pegawai_demo.TANGGAL_ACUAN, timezone.localdate())
    rng = random.Random(f"pelatihan.demo.kegiatan:{seed}")
    with transaction.atomic():
        akun = {
            u.username: u
            for u in Pengguna.objects.filter(
                username__in=[pegawai_demo.ADMIN_BKPSDM, pegawai_demo.OPERATOR_DINKES]
            )
        }
        admin = akun.get(pegawai_demo.ADMIN_BKPSDM)
        operator = akun.get(pegawai_demo.OPERATOR_DINKES)
        kepala_opd = {
            p.perangkat_daerah_id: p.user
            for p in PenugasanPeran.objects.filter(peran=Peran.KEPALA_OPD)
            .select_related("user")
            .order_by("perangkat_daerah_id", "user_id")
        }
        opd = {o.singkatan: o for o in PerangkatDaerah.objects.aktif()}

        lembaga = {}
        for t in LEMBAGA_DEMO:
            lembaga[t.kunci] = LembagaPelatihan(
                nama=t.nama,
                singkatan=t.singkatan,
                jenis=t.jenis,
                akreditasi=t.akreditasi,
                nomor_mou=t.mou[0] if t.mou else "",
                mou_berlaku_mulai=t.mou[1] if t.mou else None,
                mou_berlaku_sampai=t.mou[2] if t.mou else None,
                alamat=t.alamat,
                kontak=t.kontak,
            )
        LembagaPelatihan.objects.bulk_create(lembaga.values())

        jenis = dict(JenisPengembangan.objects.values_list("kode", "pk"))
        kompetensi = dict(Kompetensi.objects.values_list("kode", "pk"))
        program, mata = {}, []
        for kode, nama, kode_jenis, lbg, _komp, sasaran, _opd, deskripsi, _kur in PROGRAM_DEMO:
            program[kode] = ProgramPelatihan(
                kode=kode,
                nama=nama,
                jenis_id=jenis[kode_jenis],
                lembaga=lembaga[lbg],
                deskripsi=deskripsi,
                sasaran_jenis_jabatan=list(sasaran),
            )
        ProgramPelatihan.objects.bulk_create(program.values())
        m2m_komp = ProgramPelatihan.kompetensi.through
        m2m_opd = ProgramPelatihan.sasaran_opd.through
        komp_baris, opd_baris = [], []
        for kode, _n, _j, _l, komp, _s, sasaran_opd, _d, kurikulum in PROGRAM_DEMO:
            p = program[kode]
            for urutan, (nama, jp, tujuan, pengajar) in enumerate(kurikulum, 1):
                mata.append(
                    MataPelatihan(
                        program=p,
                        urutan=urutan,
                        nama=nama,
                        jp=jp,
                        tujuan_pembelajaran=tujuan,
                        pengajar=pengajar,
                    )
                )
            komp_baris += [
                m2m_komp(programpelatihan_id=p.pk, kompetensi_id=kompetensi[k])
                for k in komp
                if k in kompetensi
            ]
            opd_baris += [
                m2m_opd(programpelatihan_id=p.pk, perangkatdaerah_id=opd[s].pk)
                for s in sasaran_opd
                if s in opd
            ]
        MataPelatihan.objects.bulk_create(mata)
        m2m_komp.objects.bulk_create(komp_baris)
        m2m_opd.objects.bulk_create(opd_baris)
        jp_program = dict(
            MataPelatihan.objects.values("program__kode")
            .annotate(jp=Sum("jp"))
            .values_list("program__kode", "jp")
        )

        susunan = _kegiatan_demo()
        kegiatan = []
        for t in susunan:
            mulai = hari_ini + timedelta(days=t.mulai)
            batas = hari_ini + timedelta(days=t.batas)
            if t.status == "draft":
                diubah = None
            elif t.status == "selesai":
                diubah = _waktu(mulai + timedelta(days=t.lama + 2), 10)
            elif t.status == "dibatalkan":
                diubah = _waktu(batas - timedelta(days=6), 14)
            elif t.status == "berlangsung":
                diubah = _waktu(mulai, 7, 45)
            elif t.status == "ditutup":
                diubah = _waktu(batas + timedelta(days=1), 8)
            else:
                diubah = _waktu(batas - timedelta(days=21), 9)
            kegiatan.append(
                KegiatanPelatihan(
                    program=program[t.program],
                    angkatan=t.angkatan,
                    lembaga=lembaga[t.lembaga],
                    tanggal_mulai=mulai,
                    tanggal_selesai=mulai + timedelta(days=t.lama - 1),
                    batas_nominasi=batas,
                    modalitas=t.modalitas,
                    tempat=t.tempat,
                    tautan_daring="https://elearning.lan.go.id/kelas/langsa-digi-1"
                    if t.modalitas == "daring"
                    else "",
                    kuota=t.kuota,
                    biaya_per_peserta=Decimal(t.biaya),
                    status=t.status,
                    status_diubah_pada=diubah,
                    status_diubah_oleh=admin if diubah else None,
                )
            )
        KegiatanPelatihan.objects.bulk_create(kegiatan)
        KuotaOPD.objects.bulk_create(
            KuotaOPD(kegiatan=k, perangkat_daerah=opd[s], kuota=n)
            for k, t in zip(kegiatan, susunan, strict=True)
            for s, n in t.kuota_opd
            if s in opd
        )

        # Peserta dipilih dulu, lalu dimuat sekali dengan yang dibutuhkan penilaian kelayakan.
        pemilih = _PemilihPeserta(rng)
        rencana = []
        for k, t in zip(kegiatan, susunan, strict=True):
            dipakai: set[int] = set()
            lampau = t.status in ("selesai", "dibatalkan")
            for s in sorted(t.slot, key=lambda s: s.kunci != "walk"):
                kecuali = dipakai | (pemilih.terpakai if lampau else set())
                pk = pemilih.pilih(s.kolam, kecuali)
                dipakai.add(pk)
                rencana.append((k, t, s, pk))
        orang = Pegawai.objects.select_related(
            "jabatan", "golongan", "perangkat_daerah", "user"
        ).in_bulk({pk for *_x, pk in rencana})

        nominasi, tanggal_dibuat = [], []
        urutan_tunggu: dict[int, int] = {}
        for i, (k, t, s, pk) in enumerate(rencana):
            p = orang[pk]
            k.jp_total = jp_program[t.program]
            penilaian = nilai(pegawai=p, kegiatan=k)
            acuan = hari_ini if t.status == "nominasi_dibuka" else k.batas_nominasi
            dibuat = _pada(acuan, -s.hari, 8 + i % 8, (i * 7) % 60)
            kepala = kepala_opd.get(p.perangkat_daerah_id)
            dinkes = p.perangkat_daerah.singkatan == "DINKES"
            mandiri = s.kolam == "asn.dinkes" or (s.status == "diusulkan" and not dinkes)
            if mandiri:
                jalur, pengusul = Nominasi.Jalur.MANDIRI, p.user
            elif dinkes and operator is not None:
                jalur, pengusul = Nominasi.Jalur.USULAN_OPD, operator
            else:
                jalur, pengusul = Nominasi.Jalur.USULAN_OPD, kepala
            n = Nominasi(
                kegiatan=k,
                pegawai=p,
                jalur=jalur,
                status=s.status,
                skor_prioritas=penilaian.skor.nilai,
                penjelasan_skor=penilaian.skor.penjelasan,
                peringatan=[w.as_dict() for w in penilaian.peringatan],
                diusulkan_oleh=pengusul,
            )
            if s.status != "diusulkan" and not (s.status == "ditolak" and rng.random() < 0.5):
                n.disetujui_oleh = kepala
                n.disetujui_pada = dibuat + timedelta(days=1, hours=2)
            if s.status not in ("diusulkan", "disetujui"):
                n.diputuskan_oleh = kepala if n.disetujui_oleh is None else admin
                n.diputuskan_pada = dibuat + timedelta(days=2, hours=3)
            if s.status == "ditolak":
                n.alasan = rng.choice(ALASAN_NOMINASI_DITOLAK)
            elif s.status == "daftar_tunggu":
                urutan_tunggu[k.pk] = urutan_tunggu.get(k.pk, 0) + 1
                n.urutan_tunggu = urutan_tunggu[k.pk]
            elif s.status in ("lulus", "tidak_lulus"):
                n.nilai_pre, n.nilai_post = _nilai_pre_post(rng, s.status == "lulus")
                n.diputuskan_pada = _waktu(k.tanggal_selesai, 15)
            if t.status == "selesai" and s.status == "lulus":
                pemilih.terpakai.add(pk)
            n.demo_absen = s.kunci == "absen"
            nominasi.append(n)
            tanggal_dibuat.append(dibuat)
        Nominasi.objects.bulk_create(nominasi, batch_size=500)
        # dibuat_pada/diubah_pada terisi otomatis saat ditulis; demo memakai waktu hari acuan.
        for n, dibuat in zip(nominasi, tanggal_dibuat, strict=True):
            n.dibuat_pada = dibuat
            n.diubah_pada = n.diputuskan_pada or n.disetujui_pada or dibuat
        Nominasi.objects.bulk_update(nominasi, ["dibuat_pada", "diubah_pada"], batch_size=500)

        kehadiran, riwayat, sertifikat = [], [], []
        penandatangan = _penandatangan()
        for n in nominasi:
            k = n.kegiatan
            if n.status in ("ditetapkan", "lulus", "tidak_lulus") and k.status in (
                "berlangsung",
                "selesai",
            ):
                hari = [
                    k.tanggal_mulai + timedelta(days=j)
                    for j in range((k.tanggal_selesai - k.tanggal_mulai).days + 1)
                ]
                for h in hari:
                    if h >= hari_ini:
                        break
                    r = rng.random()
                    if n.demo_absen or (n.status == "tidak_lulus" and r < 0.3):
                        status = Kehadiran.Status.ALPA
                    else:
                        status = (
                            Kehadiran.Status.HADIR
                            if r < 0.93
                            else rng.choice((Kehadiran.Status.IZIN, Kehadiran.Status.SAKIT))
                        )
                    kehadiran.append(
                        Kehadiran(nominasi=n, tanggal=h, status=status, dicatat_oleh=admin)
                    )
            if n.status == "lulus":
                # Nomor dan kode seperti pelatihan.services.sertifikat_issue, kode dari seed.
                urutan = len(sertifikat) + 1
                tahun = k.tanggal_selesai.year
                sertifikat.append(
                    Sertifikat(
                        nominasi=n,
                        nomor=f"800/{urutan}/BKPSDM/{tahun}",
                        tahun=tahun,
                        urutan=urutan,
                        kode="".join(rng.choices(KODE_SERTIFIKAT, k=22)),
                        diterbitkan_pada=k.status_diubah_pada,
                        diterbitkan_oleh=admin,
                        **penandatangan,
                    )
                )
                nama = gettext("%(program)s Angkatan %(angkatan)s") % {
                    "program": k.program.nama,
                    "angkatan": k.angkatan,
                }
                riwayat.append(
                    RiwayatPengembangan(
                        pegawai=n.pegawai,
                        nama_pelatihan=nama,
                        nama_kunci=kunci_nama(nama),
                        jenis_id=k.program.jenis_id,
                        penyelenggara=k.lembaga.nama,
                        tanggal_mulai=k.tanggal_mulai,
                        tanggal_selesai=k.tanggal_selesai,
                        jp=k.jp_total,
                        nomor_sertifikat=sertifikat[-1].nomor,
                        tanggal_sertifikat=k.tanggal_selesai,
                        sumber=RiwayatPengembangan.Sumber.KEGIATAN,
                        kegiatan=k,
                        status=RiwayatPengembangan.Status.TERVERIFIKASI,
                        diverifikasi_oleh=admin,
                        diverifikasi_pada=k.status_diubah_pada,
                    )
                )
        Kehadiran.objects.bulk_create(kehadiran, batch_size=1000)
        Sertifikat.objects.bulk_create(sertifikat, batch_size=1000)
        RiwayatPengembangan.objects.bulk_create(riwayat, batch_size=1000)
        for r in riwayat:
            r.dibuat_pada = r.diubah_pada = r.diverifikasi_pada
        RiwayatPengembangan.objects.bulk_update(riwayat, ["dibuat_pada", "diubah_pada"])
        for k in kegiatan:
            dibuat = min(k.batas_nominasi - timedelta(days=30), hari_ini - timedelta(days=3))
            k.dibuat_pada = _waktu(dibuat, 9)
            k.diubah_pada = k.status_diubah_pada or k.dibuat_pada
        KegiatanPelatihan.objects.bulk_update(kegiatan, ["dibuat_pada", "diubah_pada"])

    return HasilKegiatanDemo(
        jumlah_lembaga=len(lembaga),
        jumlah_program=len(program),
        jumlah_kegiatan=len(kegiatan),
        jumlah_nominasi=len(nominasi),
        jumlah_kehadiran=len(kehadiran),
        jumlah_riwayat=len(riwayat),
        jumlah_sertifikat=len(sertifikat),
    )


def _penandatangan() -> dict[str, str]:
    """Penandatangan sertifikat: dari pengaturan, atau Kepala BKPSDM demo."""
    from django.conf import settings

    kepala = (
        Pegawai.objects.filter(
            perangkat_daerah__singkatan="BKPSDM", jabatan__jenis_jabatan=JenisJabatan.JPT_PRATAMA
        )
        .order_by("nip")
        .first()
    )
    return {
        "penandatangan_nama": getattr(settings, "SERTIFIKAT_PENANDATANGAN_NAMA", "")
        or (kepala.nama_lengkap if kepala else ""),
        "penandatangan_jabatan": getattr(
            settings, "SERTIFIKAT_PENANDATANGAN_JABATAN", gettext("Kepala BKPSDM Kota Langsa")
        ),
        "penandatangan_nip": getattr(settings, "SERTIFIKAT_PENANDATANGAN_NIP", "")
        or (kepala.nip if kepala else ""),
    }
