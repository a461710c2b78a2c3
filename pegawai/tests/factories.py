"""Factories for people and organisation. Reference data (OPDs, golongan) comes from the data
migrations, so factories pick existing rows instead of inventing new grades."""

import datetime

import factory
from factory.django import DjangoModelFactory

from pegawai.models import (
    Golongan,
    Jabatan,
    JenisJabatan,
    JenisPegawai,
    Notifikasi,
    Pegawai,
    Pengguna,
    PerangkatDaerah,
    UnitKerja,
)
from pegawai.nip import buat_nip_pns, buat_nip_pppk

PASSWORD = "rahasia-uji-123"


class PenggunaFactory(DjangoModelFactory):
    class Meta:
        model = Pengguna
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = factory.Faker("first_name", locale="id_ID")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password(PASSWORD)


class PerangkatDaerahFactory(DjangoModelFactory):
    class Meta:
        model = PerangkatDaerah
        django_get_or_create = ["kode"]

    kode = factory.Sequence(lambda n: f"9.{n:02d}")
    nama = factory.Sequence(lambda n: f"Dinas Uji {n}")
    singkatan = factory.Sequence(lambda n: f"UJI{n}")
    jenis = PerangkatDaerah.Jenis.DINAS


class UnitKerjaFactory(DjangoModelFactory):
    class Meta:
        model = UnitKerja

    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    nama = factory.Sequence(lambda n: f"Bidang {n}")


class JabatanFactory(DjangoModelFactory):
    class Meta:
        model = Jabatan
        django_get_or_create = ["nama", "jenis_jabatan", "jenjang"]

    nama = "Pengadministrasi Umum"
    jenis_jabatan = JenisJabatan.PELAKSANA
    jenjang = ""


def _nip(o) -> str:
    lahir = datetime.date(1980, 1, 1) + datetime.timedelta(days=o.urutan * 37 % 4000)
    kelamin = o.jenis_kelamin or "L"
    urut = o.urutan % 999 + 1
    if o.jenis_pegawai == JenisPegawai.PPPK:
        return buat_nip_pppk(lahir, 2022, 1, kelamin, urut)
    return buat_nip_pns(lahir, datetime.date(2010, 3, 1), kelamin, urut)


class PegawaiFactory(DjangoModelFactory):
    class Meta:
        model = Pegawai
        exclude = ["urutan"]

    urutan = factory.Sequence(lambda n: n)
    jenis_pegawai = JenisPegawai.PNS
    jenis_kelamin = "L"
    nip = factory.LazyAttribute(_nip)
    nama = factory.Faker("name", locale="id_ID")
    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    jabatan = factory.SubFactory(JabatanFactory)
    golongan = factory.LazyAttribute(
        lambda o: Golongan.objects.get(
            untuk="PPPK" if o.jenis_pegawai == JenisPegawai.PPPK else "PNS",
            kode="IX" if o.jenis_pegawai == JenisPegawai.PPPK else "III/a",
        )
    )
    user = None


class NotifikasiFactory(DjangoModelFactory):
    class Meta:
        model = Notifikasi

    penerima = factory.SubFactory(PenggunaFactory)
    judul = factory.Sequence(lambda n: f"Pemberitahuan {n}")
    pesan = "Isi pemberitahuan."
