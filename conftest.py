"""Fixtures shared by every app's tests: the cast of DESIGN §1, in two OPDs."""

from dataclasses import dataclass

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Hashing with the production work factor would dominate the suite's run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Pemeran:
    """Users and pegawai for access tests: Dinas Kesehatan is "own OPD", Disdikbud "another"."""

    opd: object
    opd_lain: object
    admin: object
    pimpinan: object
    kepala: object
    operator: object
    asn: object
    asn_lain_satu_opd: object
    kepala_lain: object
    asn_opd_lain: object
    tanpa_peran: object

    def pegawai_of(self, user):
        return user.pegawai


@pytest.fixture
def pemeran(db):
    from pegawai.models import Peran, PerangkatDaerah
    from pegawai.services import peran_assign
    from pegawai.tests.factories import PegawaiFactory, PenggunaFactory

    opd = PerangkatDaerah.objects.get(singkatan="DINKES")
    opd_lain = PerangkatDaerah.objects.get(singkatan="DISDIKBUD")

    def pegawai_dengan_akun(username, perangkat_daerah, **kwargs):
        user = PenggunaFactory(username=username)
        PegawaiFactory(user=user, perangkat_daerah=perangkat_daerah, **kwargs)
        return user

    admin = pegawai_dengan_akun("admin.uji", PerangkatDaerah.objects.get(singkatan="BKPSDM"))
    peran_assign(user=admin, peran=Peran.ADMIN_BKPSDM)
    pimpinan = PenggunaFactory(username="pimpinan.uji")
    peran_assign(user=pimpinan, peran=Peran.PIMPINAN)
    kepala = pegawai_dengan_akun("kadis.uji", opd)
    peran_assign(user=kepala, peran=Peran.KEPALA_OPD, perangkat_daerah=opd)
    operator = pegawai_dengan_akun("operator.uji", opd)
    peran_assign(user=operator, peran=Peran.OPERATOR_OPD, perangkat_daerah=opd)
    asn = pegawai_dengan_akun("asn.uji", opd, atasan=kepala.pegawai)
    asn_lain_satu_opd = pegawai_dengan_akun("asn2.uji", opd)
    kepala_lain = pegawai_dengan_akun("kadis.lain", opd_lain)
    peran_assign(user=kepala_lain, peran=Peran.KEPALA_OPD, perangkat_daerah=opd_lain)
    asn_opd_lain = pegawai_dengan_akun("asn.lain", opd_lain)
    tanpa_peran = PenggunaFactory(username="tamu.uji")
    return Pemeran(
        opd=opd,
        opd_lain=opd_lain,
        admin=admin,
        pimpinan=pimpinan,
        kepala=kepala,
        operator=operator,
        asn=asn,
        asn_lain_satu_opd=asn_lain_satu_opd,
        kepala_lain=kepala_lain,
        asn_opd_lain=asn_opd_lain,
        tanpa_peran=tanpa_peran,
    )
