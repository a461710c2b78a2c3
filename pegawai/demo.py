"""Data demo Kota Langsa untuk ``manage.py seed_demo``.

Membangun satu Pemerintah Kota Langsa yang realistis dan deterministik: semua perangkat daerah
dengan kepala, sekretariat, bidang, subbagian/seksi, puskesmas dan sekolah; pegawai PNS, CPNS, PPPK
dengan nama Aceh/Indonesia, NIP yang valid, golongan dan jenjang yang konsisten, dan rantai atasan
di dalam OPD sampai kepala OPD (kepala OPD → Sekretaris Daerah).

Hanya ``random.Random(seed)`` yang dipakai, dalam urutan yang tetap (urutan kode OPD dan daftar di
modul ini), sehingga seed dan jumlah pegawai yang sama selalu menghasilkan data yang sama. Semua
penulisan memakai ``bulk_create`` per lapisan atasan dan satu hash kata sandi untuk semua akun, jadi
jumlah query tidak bergantung pada jumlah pegawai.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from pegawai.models import (
    DataDemo,
    Golongan,
    ImporBerkas,
    Jabatan,
    JenisJabatan,
    JenisPegawai,
    JenjangFungsional,
    Notifikasi,
    Pegawai,
    Pengguna,
    PenugasanPeran,
    Peran,
    PerangkatDaerah,
    UnitKerja,
)
from pegawai.nip import buat_nip_pns, buat_nip_pppk
from pegawai.services import peran_assign

__all__ = [
    "JUMLAH_PEGAWAI_BAWAAN",
    "PASSWORD_BAWAAN",
    "SEED_BAWAAN",
    "DataBukanDemo",
    "HasilDemo",
    "JumlahPegawaiTidakCukup",
    "LoginDemo",
    "demo_build",
    "demo_check",
    "demo_delete",
    "jumlah_pegawai_minimal",
]

JUMLAH_PEGAWAI_BAWAAN = 1000
SEED_BAWAAN = 2026
PASSWORD_BAWAAN = "langsa-demo"  # noqa: S105 -- kata sandi demo yang diumumkan
# "Hari ini" data demo: tetap, agar data sama setiap hari; tidak pernah melewati tanggal sebenarnya.
TANGGAL_ACUAN = date(2026, 11, 29)
DOMAIN_EMAIL = "langsakota.go.id"
BATCH = 1000

PORSI_PPPK = 0.27
PORSI_CPNS = 0.05
PORSI_NONAKTIF = 0.01

ADMIN_BKPSDM = "admin.bkpsdm"
PIMPINAN = "pimpinan"
KADIS_DINKES = "kadis.dinkes"
OPERATOR_DINKES = "operator.dinkes"
KADIS_DISDIKBUD = "kadis.disdikbud"
ASN_DINKES = "asn.dinkes"

JPT_MADYA = JenisJabatan.JPT_MADYA
JPT_PRATAMA = JenisJabatan.JPT_PRATAMA
ADMINISTRATOR = JenisJabatan.ADMINISTRATOR
PENGAWAS = JenisJabatan.PENGAWAS
PELAKSANA = JenisJabatan.PELAKSANA
FUNGSIONAL = JenisJabatan.FUNGSIONAL


class DataBukanDemo(Exception):
    """Basis data berisi pegawai atau pengguna yang tidak dibuat oleh seed_demo."""


class JumlahPegawaiTidakCukup(ValueError):
    """Terlalu sedikit pegawai untuk memberi setiap OPD kepala dan staf."""


# ---------------------------------------------------------------------------------------------
# Pendidikan dan jabatan staf
# ---------------------------------------------------------------------------------------------

SMA, D3, S1, PROFESI = "SMA", "D3", "S1", "PROFESI"


@dataclass(frozen=True)
class Pendidikan:
    tingkat: str  # SMA, D3, S1 (termasuk D4), PROFESI (dokter, dokter gigi, dokter hewan)
    gelar_belakang: tuple[str, ...] = ()
    gelar_depan: str = ""
    bobot: float = 1.0


@dataclass(frozen=True)
class Spek:
    """Jabatan staf: pelaksana atau fungsional, dengan pendidikan yang cocok."""

    nama: str
    jenis: str
    pendidikan: tuple[Pendidikan, ...]
    bobot_pppk: float = 0.3
    bobot_cpns: float = 1.0
    peluang_perempuan: float = 0.5
    golongan_min: int = 0  # urutan golongan PNS minimal (Pengawas Sekolah: III/c)
    golongan_maks: int = 13
    s2: tuple[str, ...] = ("M.Si.",)


def _pel(nama, *pendidikan, pppk=0.5, perempuan=0.5):
    return Spek(nama, PELAKSANA, tuple(pendidikan), bobot_pppk=pppk, peluang_perempuan=perempuan)


def _fung(nama, *pendidikan, pppk=0.2, perempuan=0.5, cpns=1.0, gmin=0, gmaks=13, s2=("M.Si.",)):
    return Spek(
        nama,
        FUNGSIONAL,
        tuple(pendidikan),
        bobot_pppk=pppk,
        bobot_cpns=cpns,
        peluang_perempuan=perempuan,
        golongan_min=gmin,
        golongan_maks=gmaks,
        s2=s2,
    )


P = Pendidikan
_S1_UMUM = ("S.E.", "S.Sos.", "S.H.", "S.IP.", "S.Kom.", "S.Ag.")
_MKES = ("M.Kes.", "M.KM.")

SPEK: dict[str, Spek] = {
    s.nama if key is None else key: s
    for key, s in [
        # Pelaksana (nomenklatur penyederhanaan jabatan pelaksana)
        (
            None,
            _pel("Pengadministrasi Perkantoran", P(SMA, bobot=0.7), P(D3, ("A.Md.",), bobot=0.3)),
        ),
        (None, _pel("Operator Layanan Operasional", P(SMA), perempuan=0.35)),
        (None, _pel("Pengelola Umum Operasional", P(SMA), perempuan=0.2)),
        (None, _pel("Pengelola Layanan Operasional", P(D3, ("A.Md.", "A.Md.Kom.", "A.Md.T.")))),
        (None, _pel("Penata Layanan Operasional", P(S1, _S1_UMUM))),
        (
            None,
            _pel("Pengelola Keuangan", P(D3, ("A.Md.Ak.",), bobot=0.4), P(S1, ("S.E.", "S.Ak."))),
        ),
        (None, _pel("Penata Kelola Sistem dan Teknologi Informasi", P(S1, ("S.Kom.", "S.T.")))),
        # Fungsional umum
        (None, _fung("Analis Kebijakan", P(S1, ("S.Sos.", "S.IP.", "S.H.", "S.E.", "S.STP")))),
        (None, _fung("Perencana", P(S1, ("S.T.", "S.E.", "S.Si.", "S.P.")))),
        (None, _fung("Arsiparis", P(D3, ("A.Md.",)), P(S1, ("S.Hum.", "S.Sos.")))),
        (
            None,
            _fung("Pranata Komputer", P(D3, ("A.Md.Kom.",)), P(S1, ("S.Kom.", "S.T.")), pppk=0.8),
        ),
        (None, _fung("Analis SDM Aparatur", P(S1, ("S.Sos.", "S.Psi.", "S.H.", "S.E.")))),
        (None, _fung("Pranata SDM Aparatur", P(SMA), P(D3, ("A.Md.",)))),
        (None, _fung("Pengelola Pengadaan Barang/Jasa", P(S1, ("S.T.", "S.E.")))),
        (None, _fung("Analis Keuangan Pusat dan Daerah", P(S1, ("S.E.", "S.Ak.")))),
        (None, _fung("Pranata Hubungan Masyarakat", P(D3, ("A.Md.",)), P(S1, ("S.I.Kom.",)))),
        (None, _fung("Perancang Peraturan Perundang-undangan", P(S1, ("S.H.",)), s2=("M.H.",))),
        (None, _fung("Analis Hukum", P(S1, ("S.H.",)), s2=("M.H.",))),
        (None, _fung("Auditor", P(S1, ("S.E.", "S.Ak.")), s2=("M.Si.", "M.Ak."))),
        (
            None,
            _fung(
                "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah",
                P(S1, ("S.STP", "S.H.", "S.Sos.", "S.E.")),
            ),
        ),
        (None, _fung("Statistisi", P(S1, ("S.Si.", "S.Stat.")))),
        # Pendidikan
        (
            None,
            _fung(
                "Guru",
                P(S1, ("S.Pd.",), bobot=0.8),
                P(S1, ("S.Pd.I.",), bobot=0.1),
                P(S1, ("S.Ag.",), bobot=0.1),
                pppk=5.0,
                perempuan=0.72,
                s2=("M.Pd.",),
            ),
        ),
        (
            None,
            _fung(
                "Pengawas Sekolah",
                P(S1, ("S.Pd.",)),
                pppk=0,
                cpns=0,
                gmin=11,
                gmaks=14,
                s2=("M.Pd.",),
            ),
        ),
        (None, _fung("Penilik", P(S1, ("S.Pd.",)), pppk=0.2, s2=("M.Pd.",))),
        (None, _fung("Pamong Belajar", P(S1, ("S.Pd.",)), pppk=0.5, s2=("M.Pd.",))),
        (None, _fung("Pamong Budaya", P(S1, ("S.S.", "S.Hum.", "S.Sn.")))),
        (None, _fung("Pustakawan", P(D3, ("A.Md.",)), P(S1, ("S.IIP.", "S.Hum.")))),
        # Kesehatan
        (
            None,
            _fung(
                "Perawat",
                P(D3, ("A.Md.Kep.",), bobot=0.55),
                P(S1, ("S.Kep.",), "Ns.", bobot=0.45),
                pppk=4.0,
                perempuan=0.75,
                s2=("M.Kep.",),
            ),
        ),
        (
            None,
            _fung(
                "Bidan",
                P(D3, ("A.Md.Keb.",), bobot=0.7),
                P(S1, ("S.Tr.Keb.",), bobot=0.3),
                pppk=4.0,
                perempuan=1.0,
                s2=_MKES,
            ),
        ),
        (
            None,
            _fung("Dokter", P(PROFESI, (), "dr."), pppk=1.5, cpns=0, gmaks=14, s2=_MKES),
        ),
        (
            "Dokter Spesialis",
            _fung(
                "Dokter",
                P(PROFESI, ("Sp.PD.",), "dr."),
                P(PROFESI, ("Sp.A.",), "dr."),
                P(PROFESI, ("Sp.OG.",), "dr."),
                P(PROFESI, ("Sp.B.",), "dr."),
                P(PROFESI, ("Sp.An.",), "dr."),
                P(PROFESI, ("Sp.Rad.",), "dr."),
                P(PROFESI, ("Sp.M.",), "dr."),
                P(PROFESI, ("Sp.JP.",), "dr."),
                pppk=0.3,
                cpns=0,
                gmin=11,
                gmaks=14,
                s2=(),
            ),
        ),
        (None, _fung("Dokter Gigi", P(PROFESI, (), "drg."), pppk=1.0, cpns=0, gmaks=14, s2=_MKES)),
        (None, _fung("Apoteker", P(S1, ("S.Farm.",), "apt."), pppk=2.0, s2=("M.Farm.",))),
        (None, _fung("Asisten Apoteker", P(D3, ("A.Md.Farm.",)), pppk=3.0, perempuan=0.8)),
        (
            None,
            _fung(
                "Nutrisionis",
                P(D3, ("A.Md.Gz.",)),
                P(S1, ("S.Gz.",)),
                pppk=3.0,
                perempuan=0.85,
                s2=_MKES,
            ),
        ),
        (
            None,
            _fung(
                "Tenaga Sanitasi Lingkungan",
                P(D3, ("A.Md.KL.",)),
                P(S1, ("S.KM.",)),
                pppk=3.0,
                s2=_MKES,
            ),
        ),
        (
            None,
            _fung(
                "Pranata Laboratorium Kesehatan",
                P(D3, ("A.Md.AK.",)),
                P(S1, ("S.Tr.AK.",), bobot=0.3),
                pppk=3.0,
                perempuan=0.7,
            ),
        ),
        (
            None,
            _fung("Penyuluh Kesehatan Masyarakat", P(S1, ("S.KM.",)), pppk=2.0, s2=_MKES),
        ),
        (None, _fung("Epidemiolog Kesehatan", P(S1, ("S.KM.",)), pppk=1.0, s2=_MKES)),
        (None, _fung("Administrator Kesehatan", P(S1, ("S.KM.",)), pppk=1.0, s2=_MKES)),
        (None, _fung("Perekam Medis", P(D3, ("A.Md.RMIK.",)), pppk=3.0, perempuan=0.7)),
        (None, _fung("Radiografer", P(D3, ("A.Md.Rad.",)), pppk=3.0)),
        (None, _fung("Fisioterapis", P(D3, ("A.Md.Ft.",)), pppk=3.0)),
        # Teknis lain
        (
            None,
            _fung(
                "Polisi Pamong Praja",
                P(SMA, bobot=0.5),
                P(D3, ("A.Md.",), bobot=0.2),
                P(S1, ("S.H.", "S.Sos."), bobot=0.3),
                perempuan=0.25,
            ),
        ),
        (None, _fung("Pemadam Kebakaran", P(SMA), perempuan=0.05)),
        (None, _fung("Analis Kebakaran", P(S1, ("S.T.",)), perempuan=0.2)),
        (None, _fung("Penguji Kendaraan Bermotor", P(SMA), P(D3, ("A.Md.T.",)), perempuan=0.2)),
        (
            None,
            _fung("Penyuluh Pertanian", P(D3, ("A.Md.P.",)), P(S1, ("S.P.",)), pppk=1.5),
        ),
        (None, _fung("Medik Veteriner", P(PROFESI, (), "drh."), cpns=0)),
        (None, _fung("Pengawas Mutu Hasil Pertanian", P(S1, ("S.P.", "S.TP.")))),
        (None, _fung("Analis Ketahanan Pangan", P(S1, ("S.P.", "S.TP.")))),
        (None, _fung("Penyuluh Perikanan", P(D3, ("A.Md.Pi.",)), P(S1, ("S.Pi.",)), pppk=1.0)),
        (None, _fung("Pengendali Dampak Lingkungan", P(S1, ("S.T.", "S.Si.")))),
        (None, _fung("Pengawas Lingkungan Hidup", P(S1, ("S.T.", "S.Si.", "S.KM.")))),
        (None, _fung("Teknik Jalan dan Jembatan", P(D3, ("A.Md.T.",)), P(S1, ("S.T.",)))),
        (None, _fung("Teknik Pengairan", P(S1, ("S.T.",)))),
        (None, _fung("Penata Ruang", P(S1, ("S.T.", "S.PWK.")))),
        (None, _fung("Teknik Tata Bangunan dan Perumahan", P(S1, ("S.T.",)))),
        (None, _fung("Pekerja Sosial", P(D3, ("A.Md.",)), P(S1, ("S.Sos.",)))),
        (None, _fung("Penyuluh Sosial", P(S1, ("S.Sos.",)))),
        (None, _fung("Penyuluh Keluarga Berencana", P(S1, ("S.Sos.", "S.KM.")), pppk=1.0)),
        (None, _fung("Penggerak Swadaya Masyarakat", P(S1, ("S.Sos.", "S.IP.")))),
        (None, _fung("Administrator Database Kependudukan", P(S1, ("S.Kom.", "S.T.")))),
        (None, _fung("Sandiman", P(D3, ("A.Md.",)), P(S1, ("S.Kom.", "S.Tr.Sdn.")))),
        (None, _fung("Penyuluh Perindustrian dan Perdagangan", P(S1, ("S.E.",)))),
        (None, _fung("Pengawas Koperasi", P(S1, ("S.E.",)))),
        (None, _fung("Penera", P(SMA), P(D3, ("A.Md.",)))),
        (None, _fung("Adyatama Kepariwisataan dan Ekonomi Kreatif", P(S1, ("S.Par.", "S.E.")))),
        (None, _fung("Mediator Hubungan Industrial", P(S1, ("S.H.",)), s2=("M.H.",))),
        (None, _fung("Pengantar Kerja", P(S1, ("S.Psi.", "S.E.")))),
        (None, _fung("Penata Penanggulangan Bencana", P(D3, ("A.Md.",)), P(S1, ("S.T.", "S.Si.")))),
    ]
}

# Jabatan yang dipakai untuk akun demo bernama, dengan pendidikan yang dipaksakan.
_SPEK_LOGIN: dict[str, tuple[str, Pendidikan]] = {
    ADMIN_BKPSDM: ("Analis SDM Aparatur", P(S1, ("S.Psi.",))),
    OPERATOR_DINKES: ("Penata Layanan Operasional", P(S1, ("S.Kom.",))),
    ASN_DINKES: ("Perawat", P(S1, ("S.Kep.",), "Ns.")),
}

Pool = tuple[tuple[str, float], ...]

POOL_UMUM: Pool = (
    ("Pengadministrasi Perkantoran", 3),
    ("Operator Layanan Operasional", 2),
    ("Pengelola Umum Operasional", 1),
    ("Penata Layanan Operasional", 2),
    ("Analis SDM Aparatur", 1),
    ("Pranata SDM Aparatur", 1),
    ("Arsiparis", 0.5),
)
POOL_KEUANGAN: Pool = (
    ("Pengelola Keuangan", 4),
    ("Penata Layanan Operasional", 1),
    ("Pengadministrasi Perkantoran", 1),
)
POOL_PROGRAM: Pool = (
    ("Perencana", 2),
    ("Penata Layanan Operasional", 2),
    ("Pranata Komputer", 1),
    ("Pengelola Layanan Operasional", 1),
)
POOL_PELAKSANA: Pool = (
    ("Penata Layanan Operasional", 2),
    ("Pengelola Layanan Operasional", 1),
    ("Pengadministrasi Perkantoran", 2),
    ("Operator Layanan Operasional", 1),
)


def _pool(*khusus: tuple[str, float], pelaksana: float = 1.0) -> Pool:
    return tuple(khusus) + tuple((nama, bobot * pelaksana) for nama, bobot in POOL_PELAKSANA)


# ---------------------------------------------------------------------------------------------
# Struktur organisasi
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitT:
    """Templat unit kerja. ``kepala``: nama jabatan pimpinannya ({opd}/{unit} diganti)."""

    nama: str
    kepala: str = "Kepala {unit}"
    jenis: str = ADMINISTRATOR
    sub: tuple[UnitT, ...] = ()
    staf: Pool | None = None  # None: pool bidang OPD (atau pool induknya)
    bobot: float = 1.0
    bobot_staf_langsung: float = 1.0
    jenjang_kepala: str = ""


def _subbag(nama: str, staf: Pool | None = None) -> UnitT:
    return UnitT(nama, jenis=PENGAWAS, staf=staf)


SUBBAG_SEKRETARIAT = (
    _subbag("Subbagian Umum dan Kepegawaian", POOL_UMUM),
    _subbag("Subbagian Keuangan", POOL_KEUANGAN),
    _subbag("Subbagian Program dan Pelaporan", POOL_PROGRAM),
)
SEKRETARIAT = UnitT(
    "Sekretariat", kepala="Sekretaris {opd}", sub=SUBBAG_SEKRETARIAT, staf=POOL_UMUM, bobot=1.2
)


def _bidang(nama: str, *sub: UnitT, staf: Pool | None = None, bobot: float = 1.0) -> UnitT:
    return UnitT(nama, sub=tuple(sub), staf=staf, bobot=bobot)


def _seksi(nama: str) -> UnitT:
    return UnitT(nama, jenis=PENGAWAS)


@dataclass(frozen=True)
class Profil:
    bobot: float
    unit: tuple[UnitT, ...]
    staf: Pool = POOL_PELAKSANA
    kepala: str = "Kepala {opd}"
    jenis_kepala: str = JPT_PRATAMA
    rumpun: str = "umum"
    lapangan: str = ""  # "sekolah" atau "puskesmas"
    porsi_lapangan: float = 0.0
    ukuran_lapangan: int = 20
    min_kantor: int = 1
    min_lapangan: int = 0

    @property
    def minimum(self) -> int:
        return 1 + self.min_kantor + self.min_lapangan


def _dinas(bobot, *bidang, staf, rumpun="umum", kepala="Kepala {opd}", **kw) -> Profil:
    unit = (SEKRETARIAT, *(b if isinstance(b, UnitT) else _bidang(b) for b in bidang))
    return Profil(bobot, unit, staf=staf, rumpun=rumpun, kepala=kepala, **kw)


def _kecamatan() -> Profil:
    sekretariat = UnitT(
        "Sekretariat",
        kepala="Sekretaris {opd}",
        sub=(
            _subbag("Subbagian Umum dan Kepegawaian", POOL_UMUM),
            _subbag("Subbagian Program dan Keuangan", POOL_KEUANGAN),
        ),
        staf=POOL_UMUM,
        bobot=1.5,
    )
    seksi = (
        "Seksi Pemerintahan",
        "Seksi Ketenteraman dan Ketertiban Umum",
        "Seksi Pemberdayaan Masyarakat Gampong",
        "Seksi Pelayanan Umum",
        "Seksi Kesejahteraan Sosial",
    )
    return Profil(
        0.008,
        (sekretariat, *(UnitT(s, jenis=PENGAWAS) for s in seksi)),
        staf=_pool(("Analis Kebijakan", 1)),
        kepala="Camat {wilayah}",
        jenis_kepala=ADMINISTRATOR,
        rumpun="pemerintahan",
    )


def _lembaga_aceh(bobot: float, *subbagian: str) -> Profil:
    unit = (
        _subbag("Subbagian Umum dan Keuangan", POOL_UMUM + POOL_KEUANGAN),
        *(_subbag(s) for s in subbagian),
    )
    return Profil(
        bobot,
        unit,
        staf=_pool(("Analis Kebijakan", 1)),
        jenis_kepala=ADMINISTRATOR,
        rumpun="agama",
    )


def _setda() -> Profil:
    def bagian(nama, *sub, staf=None):
        return UnitT(nama, sub=tuple(_subbag(s) for s in sub), staf=staf)

    def asisten(nama, *bagian_):
        return UnitT(
            nama, kepala="{unit}", jenis=JPT_PRATAMA, sub=tuple(bagian_), bobot_staf_langsung=0
        )

    hukum = _pool(("Perancang Peraturan Perundang-undangan", 2), ("Analis Hukum", 2))
    return Profil(
        0.04,
        (
            asisten(
                "Asisten Pemerintahan dan Keistimewaan Aceh",
                bagian(
                    "Bagian Pemerintahan",
                    "Subbagian Administrasi Pemerintahan",
                    "Subbagian Otonomi Daerah dan Kerja Sama",
                ),
                bagian(
                    "Bagian Hukum",
                    "Subbagian Peraturan Perundang-undangan",
                    "Subbagian Bantuan Hukum",
                    staf=hukum,
                ),
                bagian(
                    "Bagian Kesejahteraan Rakyat",
                    "Subbagian Kesejahteraan Sosial",
                    "Subbagian Keistimewaan Aceh dan Keagamaan",
                ),
            ),
            asisten(
                "Asisten Perekonomian dan Pembangunan",
                bagian("Bagian Perekonomian dan Sumber Daya Alam", "Subbagian Perekonomian"),
                bagian("Bagian Administrasi Pembangunan", "Subbagian Pengendalian Pembangunan"),
                bagian(
                    "Bagian Pengadaan Barang dan Jasa",
                    "Subbagian Pengelolaan Pengadaan Barang dan Jasa",
                    "Subbagian Layanan Pengadaan Secara Elektronik",
                    staf=_pool(("Pengelola Pengadaan Barang/Jasa", 4)),
                ),
            ),
            asisten(
                "Asisten Administrasi Umum",
                bagian(
                    "Bagian Umum",
                    "Subbagian Tata Usaha Pimpinan",
                    "Subbagian Rumah Tangga",
                    "Subbagian Keuangan",
                    staf=POOL_UMUM + POOL_KEUANGAN,
                ),
                bagian(
                    "Bagian Organisasi",
                    "Subbagian Kelembagaan dan Analisis Jabatan",
                    "Subbagian Reformasi Birokrasi dan Akuntabilitas Kinerja",
                ),
                bagian(
                    "Bagian Protokol dan Komunikasi Pimpinan",
                    "Subbagian Protokol",
                    staf=_pool(("Pranata Hubungan Masyarakat", 3)),
                ),
            ),
        ),
        staf=_pool(("Analis Kebijakan", 3)),
        kepala="Sekretaris Daerah",
        jenis_kepala=JPT_MADYA,
        rumpun="pemerintahan",
        min_kantor=1,
    )


def _rsud() -> Profil:
    return Profil(
        0.10,
        (
            UnitT(
                "Bagian Tata Usaha",
                sub=(
                    _subbag("Subbagian Umum dan Kepegawaian", POOL_UMUM),
                    _subbag("Subbagian Keuangan", POOL_KEUANGAN),
                    _subbag("Subbagian Perencanaan dan Evaluasi", POOL_PROGRAM),
                ),
                staf=(*POOL_UMUM, ("Perekam Medis", 2)),
            ),
            UnitT(
                "Bidang Keperawatan",
                sub=(
                    _seksi("Seksi Asuhan Keperawatan"),
                    _seksi("Seksi Etika dan Mutu Keperawatan"),
                ),
                staf=(("Perawat", 12), ("Bidan", 3), ("Pengadministrasi Perkantoran", 0.5)),
                bobot=3.0,
            ),
            UnitT(
                "Bidang Pelayanan Medis",
                sub=(_seksi("Seksi Pelayanan Rawat Jalan"), _seksi("Seksi Pelayanan Rawat Inap")),
                staf=(
                    ("Dokter", 3),
                    ("Dokter Spesialis", 3),
                    ("Dokter Gigi", 0.7),
                    ("Perawat", 4),
                    ("Bidan", 1),
                    ("Perekam Medis", 1),
                ),
                bobot=2.0,
            ),
            UnitT(
                "Bidang Penunjang Medis",
                sub=(_seksi("Seksi Penunjang Medis"), _seksi("Seksi Penunjang Nonmedis")),
                staf=(
                    ("Apoteker", 2),
                    ("Asisten Apoteker", 2),
                    ("Radiografer", 2),
                    ("Pranata Laboratorium Kesehatan", 3),
                    ("Nutrisionis", 1),
                    ("Fisioterapis", 1),
                    ("Tenaga Sanitasi Lingkungan", 1),
                    ("Operator Layanan Operasional", 1),
                ),
                bobot=1.5,
            ),
        ),
        kepala="Direktur {opd}",
        rumpun="kesehatan",
    )


PUSKESMAS = (
    "UPTD Puskesmas Langsa Kota",
    "UPTD Puskesmas Langsa Baro",
    "UPTD Puskesmas Langsa Lama",
    "UPTD Puskesmas Langsa Timur",
    "UPTD Puskesmas Langsa Barat",
)
POOL_PUSKESMAS: Pool = (
    ("Perawat", 30),
    ("Bidan", 24),
    ("Dokter", 6),
    ("Dokter Gigi", 2),
    ("Apoteker", 2),
    ("Asisten Apoteker", 2),
    ("Nutrisionis", 3),
    ("Tenaga Sanitasi Lingkungan", 3),
    ("Pranata Laboratorium Kesehatan", 3),
    ("Penyuluh Kesehatan Masyarakat", 2),
    ("Epidemiolog Kesehatan", 1),
    ("Perekam Medis", 2),
    ("Administrator Kesehatan", 1),
    ("Pengadministrasi Perkantoran", 3),
    ("Pengelola Keuangan", 1),
)
POOL_SEKOLAH: Pool = (
    ("Guru", 24),
    ("Pengadministrasi Perkantoran", 1),
    ("Operator Layanan Operasional", 0.5),
    ("Pustakawan", 0.3),
)
JUMLAH_SD_MAKS = 60
JUMLAH_SMP_MAKS = 10


def _sekolah(jumlah: int) -> list[UnitT]:
    """SD dan SMP negeri bergantian, kira-kira tiga SD untuk setiap SMP."""
    hasil: list[UnitT] = []
    sd = smp = 0
    while len(hasil) < jumlah:
        if smp < JUMLAH_SMP_MAKS and (sd >= JUMLAH_SD_MAKS or len(hasil) % 4 == 1):
            smp += 1
            nama = f"SMP Negeri {smp} Langsa"
        else:
            sd += 1
            nama = f"SD Negeri {sd} Langsa"
        hasil.append(
            UnitT(
                nama,
                kepala="Guru",
                jenis=FUNGSIONAL,
                jenjang_kepala=JenjangFungsional.AHLI_MADYA,
                staf=POOL_SEKOLAH,
            )
        )
    return hasil


def _puskesmas(jumlah: int) -> list[UnitT]:
    return [
        UnitT(nama, kepala="Kepala UPTD Puskesmas", jenis=PENGAWAS, staf=POOL_PUSKESMAS)
        for nama in PUSKESMAS[:jumlah]
    ]


LAPANGAN_MAKS = {"sekolah": JUMLAH_SD_MAKS + JUMLAH_SMP_MAKS, "puskesmas": len(PUSKESMAS)}

PROFIL: dict[str, Profil] = {
    "SETDA": _setda(),
    "SETWAN": Profil(
        0.012,
        (
            UnitT(
                "Bagian Umum dan Keuangan",
                sub=(
                    _subbag("Subbagian Tata Usaha dan Kepegawaian", POOL_UMUM),
                    _subbag("Subbagian Keuangan", POOL_KEUANGAN),
                    _subbag("Subbagian Rumah Tangga dan Perlengkapan", POOL_UMUM),
                ),
                staf=POOL_UMUM,
                bobot=1.5,
            ),
            UnitT(
                "Bagian Persidangan dan Perundang-undangan",
                sub=(
                    _subbag("Subbagian Persidangan dan Risalah"),
                    _subbag("Subbagian Perundang-undangan"),
                ),
            ),
            UnitT(
                "Bagian Fasilitasi Penganggaran dan Pengawasan",
                sub=(_subbag("Subbagian Fasilitasi Penganggaran"),),
            ),
        ),
        staf=_pool(
            ("Perancang Peraturan Perundang-undangan", 1),
            ("Analis Kebijakan", 2),
            ("Pranata Hubungan Masyarakat", 1),
        ),
        kepala="Sekretaris Dewan Perwakilan Rakyat Kota",
        rumpun="pemerintahan",
    ),
    "INSPEKTORAT": Profil(
        0.012,
        (
            SEKRETARIAT,
            *(
                UnitT(f"Inspektorat Pembantu Wilayah {r}", kepala=f"Inspektur Pembantu Wilayah {r}")
                for r in ("I", "II", "III", "IV")
            ),
        ),
        staf=(
            ("Auditor", 5),
            ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", 3),
            ("Pengadministrasi Perkantoran", 1),
        ),
        kepala="Inspektur",
        rumpun="keuangan",
    ),
    "BAPPEDA": _dinas(
        0.010,
        "Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan",
        "Bidang Pemerintahan dan Pembangunan Manusia",
        "Bidang Perekonomian, Sumber Daya Alam, Infrastruktur dan Kewilayahan",
        "Bidang Penelitian dan Pengembangan",
        staf=_pool(("Perencana", 5), ("Statistisi", 1), ("Analis Kebijakan", 2)),
    ),
    "BPKD": _dinas(
        0.016,
        "Bidang Anggaran",
        "Bidang Perbendaharaan",
        "Bidang Akuntansi dan Pelaporan",
        "Bidang Aset",
        "Bidang Pendapatan",
        staf=_pool(("Analis Keuangan Pusat dan Daerah", 3), ("Pengelola Keuangan", 4)),
        rumpun="keuangan",
    ),
    # Bidang PSDM lebih dulu: admin.bkpsdm bekerja di sana, juga bila BKPSDM sangat kecil.
    "BKPSDM": Profil(
        0.012,
        (
            _bidang("Bidang Pengembangan Sumber Daya Manusia"),
            SEKRETARIAT,
            _bidang("Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian"),
            _bidang("Bidang Mutasi dan Promosi"),
            _bidang("Bidang Penilaian Kinerja Aparatur dan Penghargaan"),
        ),
        staf=_pool(
            ("Analis SDM Aparatur", 5), ("Pranata SDM Aparatur", 3), ("Pranata Komputer", 1)
        ),
        min_kantor=2,
    ),
    "KESBANGPOL": _dinas(
        0.005,
        "Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa",
        "Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan",
        "Bidang Ketahanan Ekonomi, Sosial, Budaya, Agama dan Penanganan Konflik",
        staf=_pool(("Analis Kebijakan", 3)),
        rumpun="pemerintahan",
    ),
    "BPBD": _dinas(
        0.007,
        "Bidang Pencegahan dan Kesiapsiagaan",
        _bidang(
            "Bidang Kedaruratan dan Logistik",
            _seksi("Seksi Kedaruratan"),
            _seksi("Seksi Logistik"),
        ),
        "Bidang Rehabilitasi dan Rekonstruksi",
        staf=_pool(("Penata Penanggulangan Bencana", 3), ("Operator Layanan Operasional", 2)),
        kepala="Kepala Pelaksana {opd}",
    ),
    "DISDIKBUD": _dinas(
        0.40,
        "Bidang Pembinaan Sekolah Dasar",
        "Bidang Pembinaan Sekolah Menengah Pertama",
        "Bidang Guru dan Tenaga Kependidikan",
        "Bidang Pendidikan Anak Usia Dini dan Pendidikan Nonformal",
        _bidang("Bidang Kebudayaan", staf=_pool(("Pamong Budaya", 3)), bobot=0.7),
        staf=_pool(
            ("Pengawas Sekolah", 3), ("Penilik", 1), ("Pamong Belajar", 1), ("Analis Kebijakan", 1)
        ),
        rumpun="pendidikan",
        lapangan="sekolah",
        porsi_lapangan=0.92,
        ukuran_lapangan=24,
        min_lapangan=2,
    ),
    "DINKES": _dinas(
        0.12,
        "Bidang Kesehatan Masyarakat",
        "Bidang Pencegahan dan Pengendalian Penyakit",
        "Bidang Pelayanan dan Sumber Daya Kesehatan",
        staf=_pool(
            ("Administrator Kesehatan", 2),
            ("Epidemiolog Kesehatan", 2),
            ("Penyuluh Kesehatan Masyarakat", 2),
            ("Nutrisionis", 1),
            ("Tenaga Sanitasi Lingkungan", 1),
            ("Apoteker", 1),
            ("Perawat", 1),
            ("Dokter", 1),
        ),
        rumpun="kesehatan",
        lapangan="puskesmas",
        porsi_lapangan=0.72,
        ukuran_lapangan=15,
        min_kantor=2,
        min_lapangan=2,
    ),
    "DPUPR": _dinas(
        0.016,
        "Bidang Bina Marga",
        "Bidang Sumber Daya Air",
        "Bidang Cipta Karya",
        "Bidang Penataan Ruang dan Bina Konstruksi",
        staf=_pool(
            ("Teknik Jalan dan Jembatan", 3),
            ("Teknik Pengairan", 2),
            ("Penata Ruang", 1),
            ("Teknik Tata Bangunan dan Perumahan", 1),
        ),
        rumpun="teknik",
    ),
    "DISPERKIM": _dinas(
        0.008,
        "Bidang Perumahan",
        "Bidang Kawasan Permukiman",
        "Bidang Pertamanan dan Penerangan Jalan Umum",
        staf=_pool(("Teknik Tata Bangunan dan Perumahan", 3), ("Operator Layanan Operasional", 1)),
        rumpun="teknik",
    ),
    "DINSOS": _dinas(
        0.008,
        "Bidang Rehabilitasi Sosial",
        "Bidang Perlindungan dan Jaminan Sosial",
        "Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin",
        staf=_pool(("Pekerja Sosial", 3), ("Penyuluh Sosial", 2)),
    ),
    "DP3AP2KB": _dinas(
        0.010,
        "Bidang Pemberdayaan Perempuan dan Perlindungan Anak",
        "Bidang Pengendalian Penduduk dan Keluarga Berencana",
        "Bidang Keluarga Sejahtera",
        staf=_pool(("Penyuluh Keluarga Berencana", 4), ("Analis Kebijakan", 1)),
    ),
    "DPMG": _dinas(
        0.006,
        "Bidang Pemerintahan Gampong",
        "Bidang Pemberdayaan Masyarakat",
        "Bidang Kelembagaan dan Keuangan Gampong",
        staf=_pool(("Penggerak Swadaya Masyarakat", 3), ("Analis Kebijakan", 1)),
        rumpun="pemerintahan",
    ),
    "DISDUKCAPIL": _dinas(
        0.010,
        _bidang(
            "Bidang Pelayanan Pendaftaran Penduduk",
            _seksi("Seksi Identitas Penduduk"),
            _seksi("Seksi Pindah Datang Penduduk"),
        ),
        _bidang(
            "Bidang Pelayanan Pencatatan Sipil",
            _seksi("Seksi Kelahiran dan Kematian"),
            _seksi("Seksi Perkawinan dan Perceraian"),
        ),
        "Bidang Pengelolaan Informasi Administrasi Kependudukan",
        "Bidang Pemanfaatan Data dan Inovasi Pelayanan",
        staf=_pool(
            ("Administrator Database Kependudukan", 2),
            ("Pranata Komputer", 1),
            ("Pengelola Layanan Operasional", 1),
        ),
        rumpun="pemerintahan",
    ),
    "DISHUB": _dinas(
        0.012,
        "Bidang Lalu Lintas dan Angkutan",
        "Bidang Sarana dan Prasarana Perhubungan",
        "Bidang Pengujian Kendaraan Bermotor",
        staf=_pool(("Penguji Kendaraan Bermotor", 2), ("Operator Layanan Operasional", 3)),
        rumpun="teknik",
    ),
    "DISKOMINFO": _dinas(
        0.008,
        "Bidang Informasi dan Komunikasi Publik",
        "Bidang Aplikasi Informatika",
        "Bidang Persandian dan Statistik",
        staf=_pool(
            ("Pranata Komputer", 3),
            ("Pranata Hubungan Masyarakat", 2),
            ("Sandiman", 1),
            ("Statistisi", 1),
            ("Penata Kelola Sistem dan Teknologi Informasi", 1),
        ),
    ),
    "DISKOPERINDAG": _dinas(
        0.008,
        "Bidang Koperasi dan Usaha Kecil Menengah",
        "Bidang Perindustrian",
        "Bidang Perdagangan",
        staf=_pool(
            ("Penyuluh Perindustrian dan Perdagangan", 2), ("Pengawas Koperasi", 2), ("Penera", 1)
        ),
        rumpun="keuangan",
    ),
    "DPMPTSP": _dinas(
        0.007,
        "Bidang Penanaman Modal",
        "Bidang Pelayanan Perizinan dan Nonperizinan",
        "Bidang Pengaduan, Kebijakan dan Pelaporan Layanan",
        staf=_pool(("Analis Kebijakan", 1), ("Pranata Komputer", 1), pelaksana=2),
    ),
    "DISPORAPAR": _dinas(
        0.007,
        "Bidang Kepemudaan",
        "Bidang Keolahragaan",
        "Bidang Pariwisata dan Ekonomi Kreatif",
        staf=_pool(("Adyatama Kepariwisataan dan Ekonomi Kreatif", 2), ("Analis Kebijakan", 1)),
    ),
    "DISPUSIP": _dinas(
        0.007,
        "Bidang Perpustakaan",
        "Bidang Kearsipan",
        staf=_pool(("Pustakawan", 3), ("Arsiparis", 3)),
    ),
    "DISTANPAN": _dinas(
        0.012,
        "Bidang Tanaman Pangan dan Hortikultura",
        "Bidang Peternakan dan Kesehatan Hewan",
        "Bidang Ketahanan Pangan",
        "Bidang Penyuluhan",
        staf=_pool(
            ("Penyuluh Pertanian", 6),
            ("Medik Veteriner", 1),
            ("Pengawas Mutu Hasil Pertanian", 1),
            ("Analis Ketahanan Pangan", 1),
        ),
        rumpun="pertanian",
    ),
    "DKP": _dinas(
        0.008,
        "Bidang Perikanan Tangkap",
        "Bidang Perikanan Budidaya",
        "Bidang Pengolahan dan Pemasaran Hasil Perikanan",
        staf=_pool(("Penyuluh Perikanan", 3)),
        rumpun="pertanian",
    ),
    "DLH": _dinas(
        0.018,
        "Bidang Tata Lingkungan",
        "Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan",
        "Bidang Pengelolaan Sampah dan Limbah Bahan Berbahaya dan Beracun",
        staf=_pool(
            ("Pengendali Dampak Lingkungan", 2),
            ("Pengawas Lingkungan Hidup", 1),
            ("Operator Layanan Operasional", 3),
            ("Pengelola Umum Operasional", 3),
        ),
        rumpun="teknik",
    ),
    "DISNAKER": _dinas(
        0.005,
        "Bidang Pelatihan dan Penempatan Tenaga Kerja",
        "Bidang Hubungan Industrial dan Jaminan Sosial Tenaga Kerja",
        staf=_pool(("Mediator Hubungan Industrial", 2), ("Pengantar Kerja", 2)),
    ),
    "DISTANAH": _dinas(
        0.004,
        "Bidang Pengadaan Tanah",
        "Bidang Penatagunaan Tanah dan Penyelesaian Sengketa",
        staf=_pool(("Analis Kebijakan", 1), ("Penata Ruang", 1)),
    ),
    "DSI": _dinas(
        0.007,
        "Bidang Bina Hukum Syariat Islam dan Hak Asasi Manusia",
        "Bidang Dakwah dan Syiar Islam",
        "Bidang Sarana dan Prasarana Keagamaan",
        staf=_pool(("Analis Kebijakan", 2)),
        rumpun="agama",
    ),
    "SATPOLPP-WH": _dinas(
        0.025,
        _bidang(
            "Bidang Penegakan Peraturan Daerah",
            _seksi("Seksi Penyelidikan dan Penyidikan"),
            _seksi("Seksi Pembinaan dan Penyuluhan"),
        ),
        _bidang(
            "Bidang Ketertiban Umum dan Ketenteraman Masyarakat",
            _seksi("Seksi Operasi dan Pengendalian"),
            _seksi("Seksi Kerja Sama"),
        ),
        "Bidang Penegakan Syariat Islam",
        "Bidang Perlindungan Masyarakat",
        staf=_pool(("Polisi Pamong Praja", 10), ("Operator Layanan Operasional", 2)),
        rumpun="pemerintahan",
    ),
    "DAMKAR": _dinas(
        0.010,
        _bidang(
            "Bidang Pemadaman dan Penyelamatan",
            _seksi("Seksi Operasi Pemadaman"),
            _seksi("Seksi Penyelamatan"),
        ),
        "Bidang Pencegahan Kebakaran",
        "Bidang Sarana dan Prasarana Pemadam Kebakaran",
        staf=_pool(("Pemadam Kebakaran", 8), ("Analis Kebakaran", 1)),
        rumpun="teknik",
    ),
    "SEKR-MPU": _lembaga_aceh(
        0.003, "Subbagian Persidangan, Fatwa dan Hukum", "Subbagian Program dan Pengkajian"
    ),
    "SEKR-BAITULMAL": _lembaga_aceh(
        0.004, "Subbagian Pengumpulan", "Subbagian Pendistribusian dan Pendayagunaan"
    ),
    "SEKR-MAA": _lembaga_aceh(0.003, "Subbagian Pembinaan dan Pelestarian Adat"),
    "SEKR-MPD": _lembaga_aceh(0.002, "Subbagian Program dan Pengkajian Pendidikan"),
    "RSUD": _rsud(),
}

_PROFIL_KECAMATAN = _kecamatan()


def profil_untuk(opd: PerangkatDaerah) -> Profil:
    """Profil OPD; OPD baru (Langsa sedang menata ulang OPD-nya) mendapat profil sesuai jenisnya."""
    if opd.singkatan in PROFIL:
        return PROFIL[opd.singkatan]
    jenis = PerangkatDaerah.Jenis
    if opd.jenis == jenis.KECAMATAN:
        return _PROFIL_KECAMATAN
    if opd.jenis == jenis.SEKRETARIAT:
        return _lembaga_aceh(0.003, "Subbagian Program dan Pelaporan")
    return _dinas(
        0.008,
        "Bidang Program dan Evaluasi",
        "Bidang Pelayanan",
        "Bidang Pembinaan dan Pengawasan",
        staf=_pool(("Analis Kebijakan", 2)),
    )


# ---------------------------------------------------------------------------------------------
# Nama, gelar, tempat lahir, kontak
# ---------------------------------------------------------------------------------------------

NAMA_LAKI = (
    "Zulkifli", "Husaini", "Mukhlis", "Safrizal", "Irwansyah", "Syahrul", "Rizki", "Fadhil",
    "Munawar", "Iskandar", "Azhari", "Khairul", "Darmawan", "Bukhari", "Marzuki", "Yusri",
    "Nazaruddin", "Fauzi", "Amiruddin", "Junaidi", "Ridwan", "Saiful", "Zulfikar", "Hendra",
    "Taufik", "Rahmat", "Ikhsan", "Maulana", "Reza", "Fajar", "Hafiz", "Mahdi", "Azwar",
    "Mulyadi", "Jamaluddin", "Syukri", "Nasrul", "Ilham", "Arif", "Agus", "Firdaus", "Samsul",
    "Sofyan", "Anwar", "Iqbal", "Akmal", "Zainal", "Abdul Hadi", "Abdul Gani", "Razali",
    "Zulkarnaini", "Murdani", "Khalidin", "Said", "Faisal", "Yusrizal", "Hasbullah", "Dedi",
)  # fmt: skip
NAMA_PEREMPUAN = (
    "Nurul", "Siti", "Fitri", "Maulida", "Rahmah", "Intan", "Nurhayati", "Ainul Mardhiah",
    "Zahara", "Ratna", "Putri", "Yuliana", "Khairunnisa", "Salmiah", "Rosmawati", "Desi",
    "Nurmala", "Mutia", "Rina", "Sri", "Dewi", "Riska", "Yusnidar", "Hasnah", "Mawaddah",
    "Nadia", "Nurlaila", "Rosnani", "Zuraida", "Fatimah", "Aisyah", "Julita", "Eka", "Suryani",
    "Safriani", "Nurjannah", "Marlina", "Asmaul Husna", "Raudhatul Jannah", "Faridah",
    "Meutia", "Darmawati", "Liza", "Novi", "Yulia", "Rita", "Elvira", "Irma",
)  # fmt: skip
BELAKANG_LAKI = (
    "Hidayat", "Fauzan", "Ramadhan", "Saputra", "Yusuf", "Ibrahim", "Abdullah", "Hasan",
    "Usman", "Ismail", "Hamzah", "Syahputra", "Sulaiman", "Mahmud", "Daud", "Jalil", "Amin",
    "Rizal", "Akbar", "Putra", "Effendi", "Pratama", "Firmansyah", "Umar", "Zakaria", "Basyah",
    "Husin", "Yacob", "Gade", "Adnan",
)  # fmt: skip
BELAKANG_PEREMPUAN = (
    "Wahyuni", "Safitri", "Rahmawati", "Lestari", "Hidayati", "Fitriani", "Yanti", "Sari",
    "Handayani", "Maulina", "Zulfa", "Aini", "Rahmi", "Agustina", "Novita", "Ramadhani",
    "Mardhiah", "Hasanah", "Husna", "Fajriani", "Zahra", "Yusuf", "Ibrahim", "Abdullah",
)  # fmt: skip
MARGA = ("Harahap", "Nasution", "Lubis", "Siregar", "Hasibuan")
TENGAH_LAKI = (
    "Rizki", "Fajar", "Ikhsan", "Hafiz", "Ilham", "Aulia", "Fadli", "Habibi", "Zikri", "Azmi",
    "Nur", "Hidayatullah", "Alfian", "Kamal", "Fikri",
)  # fmt: skip
TENGAH_PEREMPUAN = (
    "Nur", "Aulia", "Husna", "Zahra", "Ayu", "Dwi", "Sakinah", "Hidayah", "Rizka", "Amalia",
    "Ulfa", "Nanda", "Maghfirah", "Keumala", "Safira",
)  # fmt: skip

TEMPAT_LAHIR = (
    ("Langsa", 45),
    ("Aceh Timur", 12),
    ("Aceh Tamiang", 9),
    ("Kuala Simpang", 5),
    ("Idi Rayeuk", 5),
    ("Lhokseumawe", 5),
    ("Bireuen", 5),
    ("Banda Aceh", 6),
    ("Medan", 8),
)
AWALAN_HP = ("0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0857", "0878")

# Gelar pimpinan menurut rumpun OPD: (gelar depan, gelar belakang S1), gelar S2, gelar lama.
GELAR_S1 = {
    "kesehatan": (("dr.", ""), ("", "S.KM."), ("Ns.", "S.Kep."), ("apt.", "S.Farm.")),
    "pendidikan": (("", "S.Pd."), ("", "S.Pd."), ("", "S.Pd.I."), ("", "S.Ag.")),
    "teknik": (("", "S.T."), ("", "S.T."), ("", "S.E.")),
    "pertanian": (("", "S.P."), ("", "S.Pi."), ("drh.", "")),
    "keuangan": (("", "S.E."), ("", "S.E."), ("", "S.Ak.")),
    "pemerintahan": (("", "S.STP"), ("", "S.Sos."), ("", "S.H."), ("", "S.IP.")),
    "agama": (("", "S.Ag."), ("", "S.H.I."), ("", "S.Sos.I.")),
    "umum": (
        ("", "S.E."),
        ("", "S.Sos."),
        ("", "S.H."),
        ("", "S.Kom."),
        ("", "S.T."),
        ("", "S.Ag."),
    ),
}
GELAR_S2 = {
    "kesehatan": ("M.Kes.", "M.KM."),
    "pendidikan": ("M.Pd.",),
    "teknik": ("M.T.", "M.Si."),
    "pertanian": ("M.Si.", "M.P."),
    "keuangan": ("M.Si.", "M.M.", "M.Ak."),
    "pemerintahan": ("M.Si.", "M.AP.", "M.H."),
    "agama": ("M.Ag.", "M.A."),
    "umum": ("M.Si.", "M.M.", "M.AP."),
}
PELUANG_S2 = {JPT_MADYA: 0.95, JPT_PRATAMA: 0.85, ADMINISTRATOR: 0.6, PENGAWAS: 0.25}


def _pilih(rng: random.Random, pilihan: Sequence[tuple[object, float]]):
    nilai = [p[0] for p in pilihan]
    bobot = [p[1] for p in pilihan]
    return rng.choices(nilai, weights=bobot)[0]


def buat_nama(rng: random.Random, jenis_kelamin: str) -> str:
    """Nama Aceh/Indonesia sesuai jenis kelamin; Teuku/Cut hanya sebagai gelar kebangsawanan."""
    laki = jenis_kelamin == "L"
    bagian: list[str] = []

    def tambah(nama: str) -> None:
        # "Hasnah Hasanah" atau "Rahmah Rahmi" terdengar janggal: awalan tiap kata harus berbeda.
        if all(k[:4] != nama[:4] for k in " ".join(bagian).split()):
            bagian.append(nama)

    if rng.random() < 0.07:
        bagian.append("Teuku" if laki else "Cut")
    if laki and rng.random() < 0.2:
        bagian.append("Muhammad")
    tambah(rng.choice(NAMA_LAKI if laki else NAMA_PEREMPUAN))
    if rng.random() < 0.3:
        tambah(rng.choice(TENGAH_LAKI if laki else TENGAH_PEREMPUAN))
    r = rng.random()
    if r < 0.06:
        tambah(rng.choice(MARGA))
    elif r < 0.88 or len(bagian) == 1:
        tambah(rng.choice(BELAKANG_LAKI if laki else BELAKANG_PEREMPUAN))
    # Selebihnya nama tanpa nama belakang ("Husaini", "Nurhayati"), lazim di Aceh.
    return " ".join(bagian)


def _slug(kata: str) -> str:
    return "".join(ch for ch in kata.lower() if "a" <= ch <= "z")


def buat_email(nama: str, nip: str, terpakai: set[str] | None = None) -> str:
    """``nama.belakang.1234@langsakota.go.id`` (4 digit terakhir NIP), unik dalam ``terpakai``."""
    kata = [k for k in nama.split() if k not in ("Teuku", "Cut", "Muhammad")] or nama.split()
    lokal = _slug(kata[0]) if len(kata) == 1 else f"{_slug(kata[0])}.{_slug(kata[-1])}"
    email = f"{lokal}.{nip[-4:]}@{DOMAIN_EMAIL}"
    ke = 2
    while terpakai is not None and email in terpakai:
        email = f"{lokal}{ke}.{nip[-4:]}@{DOMAIN_EMAIL}"
        ke += 1
    if terpakai is not None:
        terpakai.add(email)
    return email


def buat_no_hp(rng: random.Random) -> str:
    awalan = rng.choice(AWALAN_HP)
    panjang = rng.choice((11, 12, 12, 13))
    return awalan + "".join(str(rng.randrange(10)) for _ in range(panjang - len(awalan)))


def _nama_akun(nama: str) -> tuple[str, str]:
    kata = nama.split()
    if len(kata) == 1:
        return nama, ""
    return " ".join(kata[:-1]), kata[-1]


# ---------------------------------------------------------------------------------------------
# Pembagian angka
# ---------------------------------------------------------------------------------------------


def bagi(jumlah: int, bobot: Sequence[float], minimum: Sequence[int]) -> list[int]:
    """Bagi ``jumlah`` menurut ``bobot`` dengan batas bawah ``minimum``; hasilnya berjumlah tepat.

    Bagian yang menurut bobotnya di bawah minimum dipatok pada minimum, sisanya dibagi ulang;
    pembulatan dengan sisa terbesar (seri: urutan daftar), jadi hasilnya deterministik.
    """
    n = len(bobot)
    if sum(minimum) > jumlah:
        raise ValueError("minimum melebihi jumlah")
    if n == 0:
        return []
    tetap = [False] * n
    while True:
        sisa = jumlah - sum(minimum[i] for i in range(n) if tetap[i])
        total_bobot = sum(bobot[i] for i in range(n) if not tetap[i])
        baru = [
            i
            for i in range(n)
            if not tetap[i] and (total_bobot <= 0 or bobot[i] * sisa / total_bobot < minimum[i])
        ]
        if not baru:
            break
        for i in baru:
            tetap[i] = True
        if all(tetap):
            break
    kuota = [
        float(minimum[i]) if tetap[i] or total_bobot <= 0 else bobot[i] * sisa / total_bobot
        for i in range(n)
    ]
    hasil = [math.floor(k) for k in kuota]
    kurang = jumlah - sum(hasil)
    urutan = sorted(range(n), key=lambda i: (-(kuota[i] - hasil[i]), i))
    penerima = [i for i in urutan if not tetap[i]] or urutan
    for j in range(kurang):
        hasil[penerima[j % len(penerima)]] += 1
    return hasil


# ---------------------------------------------------------------------------------------------
# Struktur: posisi dan unit
# ---------------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Unit:
    opd: PerangkatDaerah
    nama: str
    induk: _Unit | None
    kedalaman: int
    obj: UnitKerja | None = None


@dataclass(eq=False)
class _Posisi:
    urut: int
    opd: PerangkatDaerah
    profil: Profil
    unit: _Unit | None
    atasan: _Posisi | None
    kedalaman: int
    # Pimpinan: nama dan jenis jabatannya; staf: spek.
    jabatan_nama: str = ""
    jabatan_jenis: str = ""
    jabatan_jenjang: str = ""
    spek: Spek | None = None
    pendidikan: Pendidikan | None = None
    kepala_opd: bool = False
    login: str = ""
    jenis_pegawai: str = JenisPegawai.PNS
    aktif: bool = True
    obj: Pegawai | None = field(default=None, repr=False)

    @property
    def staf(self) -> bool:
        return self.spek is not None


class _Pembangun:
    """Menyusun posisi dan unit kerja semua OPD, tanpa menyentuh basis data."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.posisi: list[_Posisi] = []
        self.unit: list[_Unit] = []

    def _tambah(self, **kw) -> _Posisi:
        p = _Posisi(urut=len(self.posisi), **kw)
        self.posisi.append(p)
        return p

    def _unit(self, opd, nama, induk: _Unit | None) -> _Unit:
        u = _Unit(opd, nama, induk, 0 if induk is None else induk.kedalaman + 1)
        self.unit.append(u)
        return u

    def _staf(self, opd, profil, unit, atasan, pool: Pool, jumlah: int) -> None:
        nama = [k for k, _ in pool]
        bobot = [b for _, b in pool]
        for _ in range(jumlah):
            spek = SPEK[self.rng.choices(nama, weights=bobot)[0]]
            self._tambah(
                opd=opd,
                profil=profil,
                unit=unit,
                atasan=atasan,
                kedalaman=atasan.kedalaman + 1,
                spek=spek,
            )

    def opd(self, opd: PerangkatDaerah, profil: Profil, n: int, sekda: _Posisi | None):
        if opd.jenis == PerangkatDaerah.Jenis.KECAMATAN:
            wilayah = opd.nama.removeprefix("Kecamatan ").strip()
        else:
            wilayah = opd.nama
        kepala = self._tambah(
            opd=opd,
            profil=profil,
            unit=None,
            atasan=sekda,
            kedalaman=0 if sekda is None else sekda.kedalaman + 1,
            jabatan_nama=profil.kepala.format(opd=opd.nama, wilayah=wilayah),
            jabatan_jenis=profil.jenis_kepala,
            kepala_opd=True,
        )
        sisa = n - 1
        lapangan = 0
        if profil.lapangan and sisa > 0:
            lapangan = round(sisa * profil.porsi_lapangan)
            lapangan = max(profil.min_lapangan, min(lapangan, sisa - profil.min_kantor))
        kantor = sisa - lapangan
        self._anak(opd, profil, kepala, None, list(profil.unit), kantor, wajib=True)
        if lapangan > 0:
            jumlah = max(1, min(round(lapangan / profil.ukuran_lapangan), lapangan // 2))
            jumlah = min(jumlah, LAPANGAN_MAKS[profil.lapangan])
            units = _sekolah(jumlah) if profil.lapangan == "sekolah" else _puskesmas(jumlah)
            ukuran = bagi(lapangan, [1.0] * jumlah, [min(2, lapangan // jumlah)] * jumlah)
            for t, m in zip(units, ukuran, strict=True):
                self._isi(opd, profil, t, m, kepala, None, profil.staf)
        return kepala

    def _anak(self, opd, profil, atasan, unit, anak, r, *, wajib, pool=None, bobot_langsung=0.0):
        """Bagikan ``r`` orang kepada staf langsung ``atasan`` dan unit-unit ``anak``.

        ``wajib``: sekurang-kurangnya satu unit dibuka (di bawah kepala OPD dan asisten); selain itu
        subbagian/seksi hanya dibuka bila ada sedikitnya enam staf untuk tiap unitnya.
        """
        if r <= 0:
            return
        if wajib:
            buka = min(len(anak), max(1, math.ceil(r / 5)))
            min_anak = 1
        else:
            buka = min(len(anak), r // 6)
            min_anak = 2
        dibuka = anak[:buka]
        if not dibuka and bobot_langsung <= 0:
            bobot_langsung = 1.0
        ukuran = bagi(
            r, [bobot_langsung] + [t.bobot for t in dibuka], [0] + [min_anak] * len(dibuka)
        )
        if ukuran[0]:
            self._staf(opd, profil, unit, atasan, pool or profil.staf, ukuran[0])
        for t, m in zip(dibuka, ukuran[1:], strict=True):
            self._isi(opd, profil, t, m, atasan, unit, pool)

    def _isi(self, opd, profil, t: UnitT, m: int, atasan, induk: _Unit | None, pool) -> None:
        unit = self._unit(opd, t.nama, induk)
        kepala = self._tambah(
            opd=opd,
            profil=profil,
            unit=unit,
            atasan=atasan,
            kedalaman=atasan.kedalaman + 1,
            jabatan_nama=t.kepala.format(opd=opd.nama, unit=t.nama),
            jabatan_jenis=t.jenis,
            jabatan_jenjang=t.jenjang_kepala,
        )
        pool_unit = t.staf or pool or profil.staf
        self._anak(
            opd,
            profil,
            kepala,
            unit,
            list(t.sub),
            m - 1,
            wajib=t.jenis in (JPT_MADYA, JPT_PRATAMA),
            pool=pool_unit,
            bobot_langsung=t.bobot_staf_langsung,
        )


def jumlah_pegawai_minimal(opds: Sequence[PerangkatDaerah]) -> int:
    return sum(max(2, profil_untuk(o).minimum) for o in opds)


def _jumlah_per_opd(opds: Sequence[PerangkatDaerah], n: int) -> list[int]:
    lantai = max(2, min(6, int(n * 0.6 / max(1, len(opds)))))
    profil = [profil_untuk(o) for o in opds]
    minimum = [max(lantai, p.minimum) for p in profil]
    if sum(minimum) > n:
        minimum = [max(2, p.minimum) for p in profil]
    return bagi(n, [p.bobot for p in profil], minimum)


def _cari_login(posisi: Sequence[_Posisi], kode_opd: dict[str, PerangkatDaerah]) -> None:
    """Tandai posisi enam akun demo bernama dan tetapkan jabatan/pendidikan mereka."""

    def kepala(singkatan):
        opd = kode_opd[singkatan]
        return next(p for p in posisi if p.opd is opd and p.kepala_opd)

    def staf(singkatan, nama_unit, *, boleh_lain=True):
        opd = kode_opd[singkatan]
        kandidat = [p for p in posisi if p.opd is opd and p.staf and not p.login]

        def di_unit(p):
            u = p.unit
            while u is not None:
                if u.nama == nama_unit:
                    return True
                u = u.induk
            return False

        cocok = [p for p in kandidat if di_unit(p)]
        if cocok or not boleh_lain:
            return cocok[0]
        return kandidat[0]

    kepala("SETDA").login = PIMPINAN
    kepala("DINKES").login = KADIS_DINKES
    kepala("DISDIKBUD").login = KADIS_DISDIKBUD
    staf("BKPSDM", "Bidang Pengembangan Sumber Daya Manusia").login = ADMIN_BKPSDM
    staf("DINKES", "Sekretariat").login = OPERATOR_DINKES
    staf("DINKES", PUSKESMAS[0]).login = ASN_DINKES
    for p in posisi:
        if p.login in _SPEK_LOGIN:
            nama_spek, pendidikan = _SPEK_LOGIN[p.login]
            p.spek = SPEK[nama_spek]
            p.pendidikan = pendidikan


def _sampel_berbobot(rng: random.Random, kandidat: Sequence[_Posisi], bobot, k: int):
    """k posisi tanpa pengembalian, peluang sebanding bobot (Efraimidis–Spirakis)."""
    kunci = []
    for p in kandidat:
        w = bobot(p)
        if w > 0:
            kunci.append((rng.random() ** (1.0 / w), p.urut, p))
    kunci.sort(key=lambda x: (-x[0], x[1]))
    return [p for _, _, p in kunci[:k]]


def _bisa_cpns(spek: Spek) -> bool:
    return spek.bobot_cpns > 0 and any(pd.tingkat in (S1, SMA) for pd in spek.pendidikan)


def _tetapkan_jenis(rng: random.Random, posisi: Sequence[_Posisi]) -> None:
    """PNS/CPNS/PPPK dan status aktif: kuota tepat, hanya untuk staf (bukan pimpinan, bukan akun
    demo bernama)."""
    staf = [p for p in posisi if p.staf and not p.login]
    n = len(posisi)
    k_pppk = min(round(n * PORSI_PPPK), round(len(staf) * 0.4))
    for p in _sampel_berbobot(rng, staf, lambda p: p.spek.bobot_pppk, k_pppk):
        p.jenis_pegawai = JenisPegawai.PPPK
    sisa = [p for p in staf if p.jenis_pegawai == JenisPegawai.PNS]
    k_cpns = min(round(n * PORSI_CPNS), round(len(staf) * 0.08))
    for p in _sampel_berbobot(rng, sisa, lambda p: 1.0 if _bisa_cpns(p.spek) else 0.0, k_cpns):
        p.jenis_pegawai = JenisPegawai.CPNS
    k_nonaktif = round(n * PORSI_NONAKTIF)
    for p in _sampel_berbobot(rng, staf, lambda p: 1.0, k_nonaktif):
        p.aktif = False


# ---------------------------------------------------------------------------------------------
# Data pribadi
# ---------------------------------------------------------------------------------------------

KODE_PNS = (
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
)  # fmt: skip
AWAL_GOLONGAN = {SMA: 5, D3: 7, S1: 9, PROFESI: 10}
PPPK_GOLONGAN = {SMA: "V", D3: "VII", S1: "IX", PROFESI: "IX"}
MAKS_PELAKSANA = {SMA: 10, D3: 11, S1: 12, PROFESI: 12}
GOLONGAN_PIMPINAN = {
    JPT_MADYA: ((15, 0.5), (16, 0.5)),
    JPT_PRATAMA: ((14, 0.6), (15, 0.4)),
    ADMINISTRATOR: ((13, 0.55), (14, 0.45)),
    PENGAWAS: ((11, 0.3), (12, 0.45), (13, 0.25)),
    FUNGSIONAL: ((13, 0.7), (14, 0.3)),  # kepala sekolah: guru ahli madya
}
TAHUN_LAHIR_PIMPINAN = {
    JPT_MADYA: (1967, 1972),
    JPT_PRATAMA: (1967, 1978),
    ADMINISTRATOR: (1968, 1984),
    PENGAWAS: (1970, 1990),
    FUNGSIONAL: (1968, 1982),
}
PELUANG_PEREMPUAN_PIMPINAN = {
    JPT_MADYA: 0.15,
    JPT_PRATAMA: 0.25,
    ADMINISTRATOR: 0.35,
    PENGAWAS: 0.45,
    FUNGSIONAL: 0.5,
}
# Staf yang masa kerjanya cukup untuk golongan IV tetapi benar-benar mencapainya.
PELUANG_GOLONGAN_IV = 0.35
# TMT CPNS terakhir bagi PNS: CPNS menjadi PNS setelah sedikitnya satu tahun.
TAHUN_TMT_PNS_TERAKHIR = 2024


def _jenjang(spek: Spek, tingkat: str, jenis_pegawai: str, urutan_golongan: int) -> str:
    if spek.jenis != FUNGSIONAL:
        return ""
    keahlian = tingkat in (S1, PROFESI)
    if jenis_pegawai == JenisPegawai.PPPK:
        return JenjangFungsional.AHLI_PERTAMA if keahlian else JenjangFungsional.TERAMPIL
    if keahlian:
        if urutan_golongan <= 10:
            return JenjangFungsional.AHLI_PERTAMA
        if urutan_golongan <= 12:
            return JenjangFungsional.AHLI_MUDA
        return JenjangFungsional.AHLI_MADYA
    if urutan_golongan <= 8:
        return JenjangFungsional.TERAMPIL
    if urutan_golongan <= 10:
        return JenjangFungsional.MAHIR
    return JenjangFungsional.PENYELIA


def _tanggal_dalam_tahun(rng: random.Random, tahun: int) -> date:
    return date(tahun, 1, 1) + timedelta(days=rng.randrange(365))


@dataclass
class _Orang:
    nama: str
    jenis_kelamin: str
    tanggal_lahir: date
    tempat_lahir: str
    nip: str
    golongan: tuple[str, str]  # (untuk, kode)
    jabatan: tuple[str, str, str]  # (nama, jenis, jenjang)
    gelar_depan: str
    gelar_belakang: str
    email: str
    no_hp: str


class _PembuatOrang:
    def __init__(self, rng: random.Random, hari_ini: date):
        self.rng = rng
        self.hari_ini = hari_ini
        self.urut_terpakai: dict[str, int] = {}
        self.email_terpakai: set[str] = set()

    def _nip(self, nip_awal: str) -> str:
        awalan = nip_awal[:15]
        urut = self.urut_terpakai.get(awalan, 0) + 1
        if urut > 999:
            raise RuntimeError("nomor urut NIP habis")  # pragma: no cover - praktis mustahil
        self.urut_terpakai[awalan] = urut
        return f"{awalan}{urut:03d}"

    def _tmt_pns(self, tahun_lahir: int, usia_maks: int) -> date:
        rng = self.rng
        tahun_terakhir = min(TAHUN_TMT_PNS_TERAKHIR, self.hari_ini.year - 1)
        usia = rng.randint(22, max(22, min(usia_maks, tahun_terakhir - tahun_lahir)))
        return date(tahun_lahir + usia, rng.randint(1, 12), 1)

    def _gelar_pimpinan(self, p: _Posisi, perempuan: bool, tahun_lahir: int) -> tuple[str, str]:
        rng = self.rng
        rumpun = p.profil.rumpun
        if p.jabatan_jenis == FUNGSIONAL:  # kepala sekolah
            rumpun = "pendidikan"
        elif p.unit is not None and p.unit.nama.startswith("UPTD Puskesmas"):
            rumpun = "kesehatan"
        if p.login == KADIS_DINKES or (p.kepala_opd and p.opd.singkatan == "RSUD"):
            depan, s1 = "dr.", ""
        else:
            depan, s1 = rng.choice(GELAR_S1[rumpun])
        if not depan and tahun_lahir <= 1970 and rng.random() < 0.4:
            # Sarjana lama: Drs./Dra./Ir. menggantikan gelar S1 di belakang.
            lama = "Dra." if perempuan else "Drs."
            depan = "Ir." if rumpun in ("teknik", "pertanian") else lama
            s1 = ""
        belakang = [s1] if s1 else []
        if rng.random() < PELUANG_S2.get(p.jabatan_jenis, 0.3):
            belakang.append(rng.choice(GELAR_S2[rumpun]))
        haji = "Hj." if perempuan else "H."
        if tahun_lahir <= 1980 and rng.random() < 0.3:
            depan = f"{depan} {haji}" if depan in ("Drs.", "Dra.", "Ir.") else depan or haji
        return depan, ", ".join(belakang)

    def buat(self, p: _Posisi) -> _Orang:
        rng = self.rng
        if p.staf:
            spek = p.spek
            pendidikan = p.pendidikan
            if pendidikan is None:
                pilihan = spek.pendidikan
                if p.jenis_pegawai == JenisPegawai.CPNS:
                    pilihan = tuple(pd for pd in pilihan if pd.tingkat in (S1, SMA))
                pendidikan = _pilih(rng, [(pd, pd.bobot) for pd in pilihan])
            peluang_perempuan = spek.peluang_perempuan
        else:
            spek = None
            pendidikan = None
            peluang_perempuan = PELUANG_PEREMPUAN_PIMPINAN[p.jabatan_jenis]
        perempuan = rng.random() < peluang_perempuan
        jk = "P" if perempuan else "L"
        nama = buat_nama(rng, jk)

        # Tanggal lahir, NIP dan golongan
        if spek is None:
            awal, akhir = TAHUN_LAHIR_PIMPINAN[p.jabatan_jenis]
            if p.kepala_opd and p.jabatan_jenis == ADMINISTRATOR:
                awal, akhir = 1967, 1978  # camat dan kepala sekretariat lembaga
            lahir = _tanggal_dalam_tahun(rng, rng.randint(awal, akhir))
            tmt = self._tmt_pns(lahir.year, 28)
            nip = buat_nip_pns(lahir, tmt, jk, 1)
            urutan = _pilih(rng, GOLONGAN_PIMPINAN[p.jabatan_jenis])
            golongan = ("PNS", KODE_PNS[urutan - 1])
            jabatan = (p.jabatan_nama, p.jabatan_jenis, p.jabatan_jenjang)
            depan, belakang = self._gelar_pimpinan(p, perempuan, lahir.year)
        else:
            tingkat = pendidikan.tingkat
            if p.jenis_pegawai == JenisPegawai.PPPK:
                lahir = _tanggal_dalam_tahun(rng, rng.randint(1972, 1999))
                tahun = _pilih(rng, ((2021, 3), (2022, 3), (2023, 2.5), (2024, 1.5), (2025, 1)))
                kontrak = _pilih(rng, ((1, 0.7), (2, 0.2), (3, 0.1)))
                nip = buat_nip_pppk(lahir, tahun, kontrak, jk, 1)
                golongan = ("PPPK", PPPK_GOLONGAN[tingkat])
                urutan = 0
            elif p.jenis_pegawai == JenisPegawai.CPNS:
                lahir = _tanggal_dalam_tahun(rng, rng.randint(1994, 2002))
                # TMT CPNS formasi terakhir: sejak Januari 2025 sampai bulan ini.
                bulan_tmt = [
                    (t, b)
                    for t in range(2025, self.hari_ini.year + 1)
                    for b in range(1, 13)
                    if (t, b) <= (self.hari_ini.year, self.hari_ini.month)
                ]
                tahun_tmt, bulan = rng.choice(bulan_tmt)
                nip = buat_nip_pns(lahir, date(tahun_tmt, bulan, 1), jk, 1)
                urutan = 9 if tingkat == S1 else 5
                golongan = ("PNS", KODE_PNS[urutan - 1])
            else:
                tahun_awal = 1968 if spek.golongan_min else 1970
                tahun_akhir = 1985 if spek.golongan_min else 2000
                lahir = _tanggal_dalam_tahun(rng, rng.randint(tahun_awal, tahun_akhir))
                tmt = self._tmt_pns(lahir.year, 35)
                nip = buat_nip_pns(lahir, tmt, jk, 1)
                masa = self.hari_ini.year - tmt.year
                # Kenaikan pangkat reguler tiap 4 tahun, sering tertunda.
                langkah = masa // rng.choice((4, 5, 5, 6))
                maks = MAKS_PELAKSANA[tingkat] if spek.jenis == PELAKSANA else spek.golongan_maks
                if spek.jenis == FUNGSIONAL and tingkat in (SMA, D3):
                    maks = min(maks, 12)
                urutan = min(AWAL_GOLONGAN[tingkat] + langkah, maks)
                if urutan >= 13 and rng.random() >= PELUANG_GOLONGAN_IV:
                    urutan = 12  # ke golongan IV butuh angka kredit/jenjang madya; banyak tertahan
                urutan = max(spek.golongan_min, urutan)
                golongan = ("PNS", KODE_PNS[urutan - 1])
            jabatan = (spek.nama, spek.jenis, _jenjang(spek, tingkat, p.jenis_pegawai, urutan))
            depan = pendidikan.gelar_depan
            belakang_list = (
                [rng.choice(pendidikan.gelar_belakang)] if pendidikan.gelar_belakang else []
            )
            if (
                spek.jenis == FUNGSIONAL
                and tingkat in (S1, PROFESI)
                and urutan >= 11
                and spek.s2
                and rng.random() < 0.2
            ):
                belakang_list.append(rng.choice(spek.s2))
            belakang = ", ".join(belakang_list)
            if not depan and lahir.year <= 1978 and rng.random() < 0.1:
                depan = "Hj." if perempuan else "H."

        nip = self._nip(nip)
        tempat = _pilih(rng, TEMPAT_LAHIR)
        if nama.split()[-1] in MARGA and rng.random() < 0.6:
            tempat = "Medan"
        return _Orang(
            nama=nama,
            jenis_kelamin=jk,
            tanggal_lahir=lahir,
            tempat_lahir=tempat,
            nip=nip,
            golongan=golongan,
            jabatan=jabatan,
            gelar_depan=depan,
            gelar_belakang=belakang,
            email=buat_email(nama, nip, self.email_terpakai),
            no_hp=buat_no_hp(rng),
        )


# ---------------------------------------------------------------------------------------------
# Basis data
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginDemo:
    username: str
    peran: str
    perangkat_daerah: str
    nama: str
    nip: str


@dataclass(frozen=True)
class HasilDemo:
    seed: int
    jumlah_pegawai: int
    jumlah_opd: int
    password: str
    login: tuple[LoginDemo, ...]


def demo_delete() -> None:
    """Hapus data demo sebelumnya; data acuan (OPD, golongan, kompetensi) dan superuser tetap.

    Data aplikasi di atas pegawai (riwayat JP, …) dihapus lebih dahulu oleh pemanggilnya, perintah
    ``seed_demo`` di aplikasi laporan: data itu merujuk pegawai dengan PROTECT.
    """
    # Impor yang diunggah akun demo menahan akun itu (PROTECT); berkasnya dihapus setelah commit.
    impor = ImporBerkas.objects.filter(diunggah_oleh__is_superuser=False)
    berkas = [b for b in impor.values_list("berkas", flat=True) if b]
    impor.delete()
    if berkas:
        storage = ImporBerkas._meta.get_field("berkas").storage
        transaction.on_commit(lambda: [storage.delete(nama) for nama in berkas])
    Notifikasi.objects.all().delete()
    PenugasanPeran.objects.all().delete()
    Pegawai.objects.update(atasan=None, user=None)
    Pegawai.objects.all().delete()
    Pengguna.objects.filter(is_superuser=False).delete()
    UnitKerja.objects.update(induk=None)
    UnitKerja.objects.all().delete()
    Jabatan.objects.all().delete()
    DataDemo.objects.all().delete()


def _periksa(opds: Sequence[PerangkatDaerah], jumlah_pegawai: int) -> bool:
    kode_opd = {o.singkatan for o in opds}
    hilang = [s for s in ("SETDA", "BKPSDM", "DINKES", "DISDIKBUD") if s not in kode_opd]
    if hilang:
        raise DataBukanDemo(
            "Perangkat daerah acuan tidak ditemukan: "
            + ", ".join(hilang)
            + ". Jalankan `manage.py migrate` agar data acuan OPD dimuat."
        )
    minimal = jumlah_pegawai_minimal(opds)
    if jumlah_pegawai < minimal:
        raise JumlahPegawaiTidakCukup(
            f"--pegawai minimal {minimal} agar setiap perangkat daerah ({len(opds)}) "
            f"mendapat kepala dan staf; diberikan {jumlah_pegawai}."
        )
    if DataDemo.objects.exists():
        return True
    ada_pegawai = Pegawai.objects.exists()
    if ada_pegawai or Pengguna.objects.exists():
        isi = "pegawai" if ada_pegawai else "akun pengguna"
        raise DataBukanDemo(
            f"Basis data ini sudah berisi data yang bukan data demo (ada {isi}, tetapi tidak ada "
            "penanda data demo). seed_demo tidak akan mengubah atau menghapusnya. Jalankan "
            "seed_demo pada basis data kosong (buat superuser sesudahnya), atau pakai basis data "
            "lain."
        )
    return False


def demo_check(*, jumlah_pegawai: int = JUMLAH_PEGAWAI_BAWAAN) -> bool:
    """Periksa sebelum apa pun dihapus atau ditulis: data acuan OPD ada, ``jumlah_pegawai``
    cukup, dan basis data kosong atau berisi data demo. True bila ada data demo lama yang akan
    diganti; :class:`DataBukanDemo` atau :class:`JumlahPegawaiTidakCukup` bila tidak boleh."""
    return _periksa(list(PerangkatDaerah.objects.aktif().order_by("kode")), jumlah_pegawai)


def _simpan(posisi: Sequence[_Posisi], unit: Sequence[_Unit], orang: Sequence[_Orang], password):
    # Unit kerja per kedalaman agar induknya sudah punya id.
    ada_unit = {
        (opd_id, nama.upper()): pk
        for pk, opd_id, nama in UnitKerja.objects.values_list("pk", "perangkat_daerah_id", "nama")
    }
    for kedalaman in range(max((u.kedalaman for u in unit), default=-1) + 1):
        baru = []
        for u in unit:
            if u.kedalaman != kedalaman:
                continue
            pk = ada_unit.get((u.opd.pk, u.nama.upper()))
            if pk is not None:
                u.obj = UnitKerja(pk=pk, perangkat_daerah=u.opd, nama=u.nama)
                continue
            u.obj = UnitKerja(
                perangkat_daerah=u.opd, nama=u.nama, induk=u.induk.obj if u.induk else None
            )
            baru.append(u.obj)
        UnitKerja.objects.bulk_create(baru, batch_size=BATCH)

    # Jabatan: satu baris per (nama, jenis, jenjang).
    jabatan: dict[tuple[str, str, str], Jabatan] = {
        (j.nama.upper(), j.jenis_jabatan, j.jenjang): j for j in Jabatan.objects.all()
    }
    baru_jabatan = []
    for o in orang:
        nama, jenis, jenjang = o.jabatan
        kunci = (nama.upper(), jenis, jenjang)
        if kunci not in jabatan:
            jabatan[kunci] = Jabatan(nama=nama, jenis_jabatan=jenis, jenjang=jenjang)
            baru_jabatan.append(jabatan[kunci])
    Jabatan.objects.bulk_create(baru_jabatan, batch_size=BATCH)

    golongan = {(g.untuk, g.kode): g for g in Golongan.objects.all()}

    # Akun: satu hash untuk semua.
    hash_ = make_password(password)
    pengguna = []
    for p, o in zip(posisi, orang, strict=True):
        first, last = _nama_akun(o.nama)
        pengguna.append(
            Pengguna(
                username=p.login or o.nip,
                password=hash_,
                first_name=first[:150],
                last_name=last[:150],
                email=o.email,
                is_active=p.aktif,
            )
        )
    Pengguna.objects.bulk_create(pengguna, batch_size=BATCH)

    # Pegawai per lapisan atasan: atasan selalu sudah tersimpan.
    for p, o, u in zip(posisi, orang, pengguna, strict=True):
        nama, jenis, jenjang = o.jabatan
        p.obj = Pegawai(
            nip=o.nip,
            nama=o.nama,
            gelar_depan=o.gelar_depan,
            gelar_belakang=o.gelar_belakang,
            jenis_kelamin=o.jenis_kelamin,
            tempat_lahir=o.tempat_lahir,
            tanggal_lahir=o.tanggal_lahir,
            jenis_pegawai=p.jenis_pegawai,
            golongan=golongan[o.golongan],
            jabatan=jabatan[(nama.upper(), jenis, jenjang)],
            perangkat_daerah=p.opd,
            unit_kerja=p.unit.obj if p.unit else None,
            email=o.email,
            no_hp=o.no_hp,
            aktif=p.aktif,
            user=u,
        )
    for kedalaman in range(max(p.kedalaman for p in posisi) + 1):
        lapisan = []
        for p in posisi:
            if p.kedalaman == kedalaman:
                p.obj.atasan = p.atasan.obj if p.atasan else None
                lapisan.append(p.obj)
        Pegawai.objects.bulk_create(lapisan, batch_size=BATCH)


def demo_build(
    *,
    jumlah_pegawai: int = JUMLAH_PEGAWAI_BAWAAN,
    seed: int = SEED_BAWAAN,
    password: str = PASSWORD_BAWAAN,
) -> HasilDemo:
    """Bangun (atau bangun ulang) pegawai demo dalam satu transaksi. Pada basis data yang juga
    berisi data aplikasi lain, pakai ``manage.py seed_demo``: ia menghapus data itu lebih dahulu.

    Menolak dengan :class:`DataBukanDemo` bila basis data berisi pegawai atau pengguna tanpa penanda
    :class:`DataDemo`, dan dengan :class:`JumlahPegawaiTidakCukup` bila ``jumlah_pegawai`` terlalu
    kecil untuk semua OPD.
    """
    with transaction.atomic():
        opds = list(PerangkatDaerah.objects.aktif().order_by("kode"))
        kode_opd = {o.singkatan: o for o in opds}
        if _periksa(opds, jumlah_pegawai):
            demo_delete()

        rng = random.Random(seed)
        hari_ini = min(TANGGAL_ACUAN, timezone.localdate())
        pembangun = _Pembangun(rng)
        # Sekretariat Daerah lebih dulu: Sekda adalah atasan semua kepala OPD lain.
        urutan = sorted(range(len(opds)), key=lambda i: (opds[i].singkatan != "SETDA", i))
        jumlah = _jumlah_per_opd(opds, jumlah_pegawai)
        sekda = None
        for i in urutan:
            kepala = pembangun.opd(opds[i], profil_untuk(opds[i]), jumlah[i], sekda)
            if opds[i].singkatan == "SETDA":
                sekda = kepala
        posisi = pembangun.posisi
        _cari_login(posisi, kode_opd)
        _tetapkan_jenis(rng, posisi)
        pembuat = _PembuatOrang(rng, hari_ini)
        orang = [pembuat.buat(p) for p in posisi]

        _simpan(posisi, pembangun.unit, orang, password)

        login = {p.login: p for p in posisi if p.login}
        akun = {k: p.obj.user for k, p in login.items()}
        peran_assign(user=akun[ADMIN_BKPSDM], peran=Peran.ADMIN_BKPSDM)
        peran_assign(user=akun[PIMPINAN], peran=Peran.PIMPINAN)
        peran_assign(
            user=akun[OPERATOR_DINKES],
            peran=Peran.OPERATOR_OPD,
            perangkat_daerah=kode_opd["DINKES"],
        )
        for p in posisi:
            if p.kepala_opd:
                peran_assign(user=p.obj.user, peran=Peran.KEPALA_OPD, perangkat_daerah=p.opd)
        DataDemo.objects.create(seed=seed, jumlah_pegawai=len(posisi))

    label = {
        ADMIN_BKPSDM: str(Peran.ADMIN_BKPSDM.label),
        PIMPINAN: f"{Peran.PIMPINAN.label}, {Peran.KEPALA_OPD.label}",
        KADIS_DINKES: str(Peran.KEPALA_OPD.label),
        OPERATOR_DINKES: str(Peran.OPERATOR_OPD.label),
        KADIS_DISDIKBUD: str(Peran.KEPALA_OPD.label),
        ASN_DINKES: "ASN",
    }
    return HasilDemo(
        seed=seed,
        jumlah_pegawai=len(posisi),
        jumlah_opd=len(opds),
        password=password,
        login=tuple(
            LoginDemo(
                username=k,
                peran=label[k],
                perangkat_daerah=login[k].opd.nama,
                nama=login[k].obj.nama_lengkap,
                nip=login[k].obj.nip,
            )
            for k in (
                ADMIN_BKPSDM,
                PIMPINAN,
                KADIS_DINKES,
                OPERATOR_DINKES,
                KADIS_DISDIKBUD,
                ASN_DINKES,
            )
        ),
    )
