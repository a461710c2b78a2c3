"""Invariants kept by the database, and the reference data loaded by the data migrations."""

import csv
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from pegawai.models import (
    Golongan,
    Jabatan,
    JenisJabatan,
    Kompetensi,
    Pegawai,
    PenugasanPeran,
    Peran,
    PerangkatDaerah,
)
from pegawai.services import ADMIN_BKPSDM_GROUP, peran_assign
from pegawai.tests.factories import PegawaiFactory, PenggunaFactory

DATA = Path(__file__).resolve().parent.parent / "data"


def csv_rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_every_opd_of_the_reference_list_is_loaded(db):
    rows = csv_rows(DATA / "opd_kota_langsa.csv")
    loaded = {(o.kode, o.nama, o.singkatan, o.jenis) for o in PerangkatDaerah.objects.all()}
    assert loaded == {(r["kode"], r["nama"], r["singkatan"], r["jenis"]) for r in rows}
    assert len(loaded) == 40


def test_golongan_pns_and_pppk_are_loaded(db):
    assert Golongan.objects.filter(untuk="PNS").count() == 17
    assert Golongan.objects.filter(untuk="PPPK").count() == 17
    iii_a = Golongan.objects.get(untuk="PNS", kode="III/a")
    assert (iii_a.pangkat, iii_a.urutan, iii_a.siasn_id) == ("Penata Muda", 9, "31")
    assert str(Golongan.objects.get(untuk="PPPK", kode="IX")) == "IX (PPPK)"


def test_competencies_are_loaded(db):
    assert Kompetensi.objects.filter(jenis="manajerial").count() == 8
    assert Kompetensi.objects.get(kode="SK.01").nama == "Perekat Bangsa"


@pytest.mark.parametrize("nip", ["19870812201001100", "1987081220100110X1", "1987081220100110011"])
def test_a_nip_must_be_18_digits_even_for_bulk_updates(db, nip):
    pegawai = PegawaiFactory()
    with pytest.raises((IntegrityError, DataError)):
        Pegawai.objects.filter(pk=pegawai.pk).update(nip=nip)


def test_a_nip_is_unique(db):
    pegawai = PegawaiFactory()
    with pytest.raises(IntegrityError):
        PegawaiFactory(nip=pegawai.nip)


def test_a_pegawai_cannot_be_their_own_atasan(db):
    pegawai = PegawaiFactory()
    with pytest.raises(IntegrityError):
        Pegawai.objects.filter(pk=pegawai.pk).update(atasan=pegawai)


def test_jenjang_only_for_fungsional(db):
    with pytest.raises(IntegrityError):
        Jabatan.objects.create(
            nama="Kepala Seksi", jenis_jabatan=JenisJabatan.PENGAWAS, jenjang="mahir"
        )


def test_nama_lengkap_and_formatted_nip(db):
    pns = PegawaiFactory(gelar_depan="dr.", nama="Cut Meutia", gelar_belakang="M.Kes.")
    assert pns.nama_lengkap == "dr. Cut Meutia, M.Kes."
    assert pns.nip_terformat.replace(" ", "") == pns.nip
    assert len(pns.nip_terformat.split(" ")) == 4
    pppk = PegawaiFactory(jenis_pegawai="PPPK")
    assert len(pppk.nip_terformat.split(" ")) == 6


# Roles -----------------------------------------------------------------------------------------


def test_opd_roles_need_an_opd_and_others_must_not_have_one(db):
    user = PenggunaFactory()
    dinkes = PerangkatDaerah.objects.get(singkatan="DINKES")
    with pytest.raises(ValidationError, match="wajib memilih satu perangkat daerah"):
        peran_assign(user=user, peran=Peran.KEPALA_OPD)
    with pytest.raises(ValidationError):
        peran_assign(user=user, peran=Peran.PIMPINAN, perangkat_daerah=dinkes)
    with pytest.raises(IntegrityError), transaction.atomic():
        PenugasanPeran.objects.create(user=user, peran=Peran.OPERATOR_OPD)
    assert not PenugasanPeran.objects.filter(user=user).exists()


def test_one_kepala_per_opd(db):
    dinkes = PerangkatDaerah.objects.get(singkatan="DINKES")
    peran_assign(user=PenggunaFactory(), peran=Peran.KEPALA_OPD, perangkat_daerah=dinkes)
    with pytest.raises(ValidationError, match="sudah memiliki Kepala OPD"):
        peran_assign(user=PenggunaFactory(), peran=Peran.KEPALA_OPD, perangkat_daerah=dinkes)
    # Operators are as many as the OPD needs.
    peran_assign(user=PenggunaFactory(), peran=Peran.OPERATOR_OPD, perangkat_daerah=dinkes)
    peran_assign(user=PenggunaFactory(), peran=Peran.OPERATOR_OPD, perangkat_daerah=dinkes)
    assert PenugasanPeran.objects.filter(perangkat_daerah=dinkes).count() == 3


def test_the_same_role_twice_is_refused(db):
    user = PenggunaFactory()
    peran_assign(user=user, peran=Peran.PIMPINAN)
    with pytest.raises(ValidationError, match="sudah memiliki peran"):
        peran_assign(user=user, peran=Peran.PIMPINAN)


def test_admin_bkpsdm_becomes_staff_with_the_project_permissions(db):
    user = PenggunaFactory()
    peran_assign(user=user, peran=Peran.ADMIN_BKPSDM)
    user.refresh_from_db()
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name=ADMIN_BKPSDM_GROUP).exists()
    assert user.has_perm("pegawai.change_pegawai")
    assert user.has_perm("pelatihan.view_jenispengembangan")
    assert not user.has_perm("auth.change_group")
