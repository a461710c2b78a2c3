"""pegawai.demo: the people of the demo city, its logins, its NIPs and its refusal to touch real
data. (The command that also writes the other apps' demo data is tested in
laporan/tests/test_seed_demo.py.)"""

import re
import time
from collections import Counter
from datetime import date

import pytest
from django.contrib.auth import authenticate
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from pegawai import demo
from pegawai.models import (
    DataDemo,
    Golongan,
    ImporBerkas,
    Jabatan,
    JenisJabatan,
    JenisPegawai,
    Notifikasi,
    Pegawai,
    Pengguna,
    PenugasanPeran,
    Peran,
    PerangkatDaerah,
    UnitKerja,
)
from pegawai.nip import parse_nip
from pegawai.tests.factories import PegawaiFactory, PenggunaFactory

pytestmark = pytest.mark.django_db

PASSWORD = "langsa-demo"
LOGINS = (
    "admin.bkpsdm",
    "pimpinan",
    "kadis.dinkes",
    "operator.dinkes",
    "kadis.disdikbud",
    "asn.dinkes",
)
PIMPINAN_JENIS = (
    JenisJabatan.JPT_MADYA,
    JenisJabatan.JPT_PRATAMA,
    JenisJabatan.ADMINISTRATOR,
    JenisJabatan.PENGAWAS,
)


def masuk(**credentials):
    """authenticate() as the login page calls it: the login throttle needs the request."""
    return authenticate(RequestFactory().post("/accounts/login/"), **credentials)


def seed(pegawai=150, **options) -> demo.HasilDemo:
    return demo.demo_build(jumlah_pegawai=pegawai, **options)


def semua_pegawai():
    return list(Pegawai.objects.select_related("perangkat_daerah", "jabatan", "golongan", "user"))


def snapshot():
    return sorted(
        Pegawai.objects.values_list(
            "nip", "nama", "perangkat_daerah__kode", "jabatan__nama", "atasan__nip"
        )
    )


def rantai_atasan(pegawai: Pegawai, per_id: dict[int, Pegawai]) -> list[Pegawai]:
    rantai, dilihat = [], {pegawai.pk}
    atasan_id = pegawai.atasan_id
    while atasan_id is not None:
        assert atasan_id not in dilihat, f"siklus atasan pada {pegawai.nip}"
        dilihat.add(atasan_id)
        atasan = per_id[atasan_id]
        rantai.append(atasan)
        atasan_id = atasan.atasan_id
    return rantai


# --- logins and roles -------------------------------------------------------------------------


def test_it_creates_the_six_logins_with_their_roles_and_opds():
    seed()

    def peran(username):
        return set(
            PenugasanPeran.objects.filter(user__username=username).values_list(
                "peran", "perangkat_daerah__singkatan"
            )
        )

    assert peran("admin.bkpsdm") == {(Peran.ADMIN_BKPSDM, None)}
    assert peran("pimpinan") == {(Peran.PIMPINAN, None), (Peran.KEPALA_OPD, "SETDA")}
    assert peran("kadis.dinkes") == {(Peran.KEPALA_OPD, "DINKES")}
    assert peran("operator.dinkes") == {(Peran.OPERATOR_OPD, "DINKES")}
    assert peran("kadis.disdikbud") == {(Peran.KEPALA_OPD, "DISDIKBUD")}
    assert peran("asn.dinkes") == set()

    pegawai = {
        p.user.username: p
        for p in Pegawai.objects.filter(user__username__in=LOGINS).select_related(
            "user", "perangkat_daerah", "jabatan", "unit_kerja"
        )
    }
    assert {u: p.perangkat_daerah.singkatan for u, p in pegawai.items()} == {
        "admin.bkpsdm": "BKPSDM",
        "pimpinan": "SETDA",
        "kadis.dinkes": "DINKES",
        "operator.dinkes": "DINKES",
        "kadis.disdikbud": "DISDIKBUD",
        "asn.dinkes": "DINKES",
    }
    assert pegawai["admin.bkpsdm"].unit_kerja.nama == "Bidang Pengembangan Sumber Daya Manusia"
    assert pegawai["admin.bkpsdm"].user.is_staff
    assert (pegawai["pimpinan"].jabatan.nama, pegawai["pimpinan"].jabatan.jenis_jabatan) == (
        "Sekretaris Daerah",
        JenisJabatan.JPT_MADYA,
    )
    assert pegawai["kadis.dinkes"].jabatan.nama == "Kepala Dinas Kesehatan"
    assert pegawai["kadis.disdikbud"].jabatan.nama == "Kepala Dinas Pendidikan dan Kebudayaan"
    assert pegawai["operator.dinkes"].jabatan.jenis_jabatan == JenisJabatan.PELAKSANA
    assert pegawai["asn.dinkes"].jabatan.nama == "Perawat"
    assert all(p.jenis_pegawai == JenisPegawai.PNS and p.aktif for p in pegawai.values())


def test_the_logins_authenticate_with_the_default_password():
    seed()
    for username in LOGINS:
        user = masuk(username=username, password=PASSWORD)
        assert user is not None and user.username == username
        assert masuk(username=username, password="salah-sandi") is None


def test_the_password_option_sets_every_password():
    seed(password="sandi-lain-2026")
    pegawai = Pegawai.objects.filter(aktif=True).exclude(user__username__in=LOGINS).first()
    for username in (*LOGINS, pegawai.nip):
        assert masuk(username=username, password="sandi-lain-2026") is not None
        assert masuk(username=username, password=PASSWORD) is None


def test_every_asn_has_an_account_named_by_nip_and_logs_in_with_it():
    seed()
    pegawai = semua_pegawai()
    assert all(p.user is not None for p in pegawai)
    bukan_login = [p for p in pegawai if p.user.username not in LOGINS]
    assert len(bukan_login) == len(pegawai) - len(LOGINS)
    assert all(p.user.username == p.nip for p in bukan_login)
    assert all(p.user.first_name and p.user.is_active == p.aktif for p in pegawai)

    asn = next(p for p in bukan_login if p.aktif)
    nip_berspasi = f"{asn.nip[:8]} {asn.nip[8:14]} {asn.nip[14]} {asn.nip[15:]}"
    assert masuk(username=nip_berspasi, password=PASSWORD) == asn.user
    # The named logins can use their NIP too.
    kadis = Pegawai.objects.get(user__username="kadis.dinkes")
    assert masuk(username=kadis.nip, password=PASSWORD) == kadis.user
    # An inactive pegawai's account is disabled.
    nonaktif = next(p for p in bukan_login if not p.aktif)
    assert masuk(username=nonaktif.nip, password=PASSWORD) is None


# --- organisation -----------------------------------------------------------------------------


def test_every_opd_has_active_staff_and_exactly_one_kepala_of_its_own():
    seed()
    sekda = Pegawai.objects.get(user__username="pimpinan")
    opds = list(PerangkatDaerah.objects.aktif())
    assert len(opds) >= 39
    aktif = Counter(
        Pegawai.objects.filter(aktif=True).values_list("perangkat_daerah_id", flat=True)
    )
    kepala = PenugasanPeran.objects.filter(peran=Peran.KEPALA_OPD).select_related("user__pegawai")
    kepala_per_opd = Counter(k.perangkat_daerah_id for k in kepala)
    for opd in opds:
        assert aktif[opd.pk] >= 2, opd.singkatan  # the kepala and at least one staff member
        assert kepala_per_opd[opd.pk] == 1, opd.singkatan
    for k in kepala:
        p = k.user.pegawai
        assert p.perangkat_daerah_id == k.perangkat_daerah_id
        assert p.aktif
        assert p.jabatan.jenis_jabatan in PIMPINAN_JENIS
        assert p.atasan_id == (None if p.pk == sekda.pk else sekda.pk)


def test_kepala_titles_and_units_follow_the_opd():
    seed(pegawai=1000)
    kepala = {
        k.perangkat_daerah.singkatan: k.user.pegawai.jabatan
        for k in PenugasanPeran.objects.filter(peran=Peran.KEPALA_OPD).select_related(
            "perangkat_daerah", "user__pegawai__jabatan"
        )
    }
    assert kepala["RSUD"].nama == "Direktur Rumah Sakit Umum Daerah Langsa"
    assert kepala["INSPEKTORAT"].nama == "Inspektur"
    assert (kepala["KEC-LANGSA-BARO"].nama, kepala["KEC-LANGSA-BARO"].jenis_jabatan) == (
        "Camat Langsa Baro",
        JenisJabatan.ADMINISTRATOR,
    )
    assert kepala["BAPPEDA"].jenis_jabatan == JenisJabatan.JPT_PRATAMA
    unit = set(
        UnitKerja.objects.filter(perangkat_daerah__singkatan="DINKES").values_list(
            "nama", flat=True
        )
    )
    assert set(demo.PUSKESMAS) <= unit
    assert {"Sekretariat", "SD Negeri 1 Langsa", "SMP Negeri 1 Langsa"} <= set(
        UnitKerja.objects.filter(perangkat_daerah__singkatan="DISDIKBUD").values_list(
            "nama", flat=True
        )
    )
    assert Pegawai.objects.filter(
        perangkat_daerah__singkatan="SETDA", jabatan__jenis_jabatan=JenisJabatan.JPT_PRATAMA
    ).exists()  # the asisten


def test_atasan_chains_stay_in_the_opd_have_no_cycles_and_reach_the_kepala():
    seed()
    pegawai = semua_pegawai()
    per_id = {p.pk: p for p in pegawai}
    sekda = next(p for p in pegawai if p.user.username == "pimpinan")
    kepala_ids = set(
        PenugasanPeran.objects.filter(peran=Peran.KEPALA_OPD).values_list(
            "user__pegawai", flat=True
        )
    )
    for p in pegawai:
        rantai = rantai_atasan(p, per_id)  # fails on a cycle
        if p.pk in kepala_ids:
            continue
        assert p.atasan_id is not None, p.nip
        assert per_id[p.atasan_id].perangkat_daerah_id == p.perangkat_daerah_id, p.nip
        # Every staff member's chain climbs to the kepala of their own OPD.
        assert any(
            a.pk in kepala_ids and a.perangkat_daerah_id == p.perangkat_daerah_id for a in rantai
        ), p.nip
        assert rantai[-1] == sekda
    lintas_opd = [
        p
        for p in pegawai
        if p.atasan_id and per_id[p.atasan_id].perangkat_daerah_id != p.perangkat_daerah_id
    ]
    assert lintas_opd and all(p.pk in kepala_ids and p.atasan_id == sekda.pk for p in lintas_opd)

    asn = next(p for p in pegawai if p.user.username == "asn.dinkes")
    kadis = next(p for p in pegawai if p.user.username == "kadis.dinkes")
    assert kadis in rantai_atasan(asn, per_id)
    assert asn.atasan.jabatan.jenis_jabatan in (JenisJabatan.PENGAWAS, JenisJabatan.ADMINISTRATOR)


# --- NIP, golongan, jabatan -------------------------------------------------------------------


def test_every_nip_is_valid_for_its_jenis_and_agrees_with_the_row():
    seed(pegawai=300)
    pegawai = semua_pegawai()
    kepala_ids = set(
        PenugasanPeran.objects.filter(peran=Peran.KEPALA_OPD).values_list(
            "user__pegawai", flat=True
        )
    )
    assert len({p.nip for p in pegawai}) == len(pegawai)
    for p in pegawai:
        nip = parse_nip(p.nip, p.jenis_pegawai)  # raises NIPTidakValid
        assert nip.jenis_kelamin == p.jenis_kelamin, p.nip
        assert nip.tanggal_lahir == p.tanggal_lahir, p.nip
        if p.jenis_pegawai == JenisPegawai.PPPK:
            assert 2021 <= nip.tahun_pengangkatan <= 2025
            assert 1 <= nip.nomor_kontrak <= 3
        else:
            usia = nip.tmt_cpns.year - nip.tanggal_lahir.year
            assert nip.tmt_cpns <= demo.TANGGAL_ACUAN
            if p.jenis_pegawai == JenisPegawai.CPNS:
                assert nip.tmt_cpns >= date(2025, 1, 1)
                assert 1994 <= p.tanggal_lahir.year <= 2002
            else:
                assert 22 <= usia <= 35, p.nip
                assert nip.tmt_cpns.year <= 2024
        if p.pk in kepala_ids:
            assert 1966 <= p.tanggal_lahir.year <= 1978, p.nip


def test_jenjang_golongan_and_jenis_pegawai_are_consistent():
    seed(pegawai=300)
    assert not Jabatan.objects.exclude(jenis_jabatan=JenisJabatan.FUNGSIONAL).exclude(jenjang="")
    assert not Jabatan.objects.filter(jenis_jabatan=JenisJabatan.FUNGSIONAL, jenjang="")
    golongan_boleh = {
        JenisJabatan.JPT_MADYA: {"IV/c", "IV/d"},
        JenisJabatan.JPT_PRATAMA: {"IV/b", "IV/c"},
        JenisJabatan.ADMINISTRATOR: {"IV/a", "IV/b"},
        JenisJabatan.PENGAWAS: {"III/c", "III/d", "IV/a"},
    }
    for p in semua_pegawai():
        untuk = Golongan.Untuk.PPPK if p.jenis_pegawai == JenisPegawai.PPPK else Golongan.Untuk.PNS
        assert p.golongan.untuk == untuk, p.nip
        jenis = p.jabatan.jenis_jabatan
        if jenis in golongan_boleh:
            assert p.jenis_pegawai == JenisPegawai.PNS, p.nip
            assert p.golongan.kode in golongan_boleh[jenis], (p.nip, jenis, p.golongan.kode)
        if p.jenis_pegawai == JenisPegawai.CPNS:
            assert p.golongan.kode in {"III/a", "II/a"}
        if p.jenis_pegawai == JenisPegawai.PPPK:
            assert p.golongan.kode in {"IX", "VII", "V"}


def test_names_titles_and_contacts_are_plausible():
    seed(pegawai=300)
    pegawai = semua_pegawai()
    for p in pegawai:
        kata = p.nama.split()
        assert "Teuku" not in kata or p.jenis_kelamin == "L", p.nama
        assert "Cut" not in kata or p.jenis_kelamin == "P", p.nama
        assert re.fullmatch(rf"[a-z]+(\.[a-z]+)?[0-9]*\.{p.nip[-4:]}@langsakota\.go\.id", p.email)
        assert re.fullmatch(r"08[0-9]{9,11}", p.no_hp), p.no_hp
        assert p.tempat_lahir
        if p.jabatan.nama == "Dokter":
            assert p.gelar_depan == "dr."
        if p.jabatan.nama == "Guru":
            assert p.gelar_belakang.split(",")[0] in ("S.Pd.", "S.Pd.I.", "S.Ag.")
        if p.jabatan.nama == "Bidan":
            assert p.gelar_belakang.split(",")[0] in ("A.Md.Keb.", "S.Tr.Keb.")
            assert p.jenis_kelamin == "P"
    assert len({p.email for p in pegawai}) == len(pegawai)
    nonaktif = [p for p in pegawai if not p.aktif]
    assert nonaktif
    assert all(
        p.user.username not in LOGINS and p.jabatan.jenis_jabatan not in PIMPINAN_JENIS
        for p in nonaktif
    )


def test_proportions_are_realistic():
    mulai = time.perf_counter()
    seed(pegawai=1000)
    assert time.perf_counter() - mulai < 5
    pegawai = semua_pegawai()
    jenis = Counter(p.jenis_pegawai for p in pegawai)
    assert 0.63 <= jenis[JenisPegawai.PNS] / 1000 <= 0.73
    assert 0.03 <= jenis[JenisPegawai.CPNS] / 1000 <= 0.07
    assert 0.23 <= jenis[JenisPegawai.PPPK] / 1000 <= 0.31
    opd = Counter(p.perangkat_daerah.singkatan for p in pegawai)
    assert opd.most_common(1)[0][0] == "DISDIKBUD"
    assert 0.35 <= opd["DISDIKBUD"] / 1000 <= 0.45
    assert 0.09 <= opd["DINKES"] / 1000 <= 0.15
    assert 0.07 <= opd["RSUD"] / 1000 <= 0.13
    assert 0.025 <= opd["SETDA"] / 1000 <= 0.06
    # PPPK are mostly teachers and health workers.
    pppk = [p for p in pegawai if p.jenis_pegawai == JenisPegawai.PPPK]
    guru_nakes = [
        p for p in pppk if p.perangkat_daerah.singkatan in ("DISDIKBUD", "DINKES", "RSUD")
    ]
    assert len(guru_nakes) / len(pppk) >= 0.85
    assert Counter(p.golongan.kode for p in pppk).most_common(1)[0][0] == "IX"
    # PNS staff are mostly III/a–III/d.
    staf_pns = [
        p
        for p in pegawai
        if p.jenis_pegawai == JenisPegawai.PNS and p.jabatan.jenis_jabatan not in PIMPINAN_JENIS
    ]
    golongan = Counter(p.golongan.kode.split("/")[0] for p in staf_pns)
    assert golongan["III"] / len(staf_pns) >= 0.6
    assert golongan["IV"] / len(staf_pns) <= 0.15
    assert 5 <= sum(not p.aktif for p in pegawai) <= 15


# --- determinism ------------------------------------------------------------------------------


def test_the_same_seed_rebuilds_the_same_city_and_another_seed_a_different_one():
    seed(pegawai=150, seed=7)
    pertama = snapshot()
    seed(pegawai=150, seed=7)  # a demo database: replaced, not refused
    assert snapshot() == pertama
    assert Pegawai.objects.count() == 150
    assert list(DataDemo.objects.values_list("seed", "jumlah_pegawai")) == [(7, 150)]

    seed(pegawai=150, seed=8)
    lain = snapshot()
    assert {r[0] for r in lain} != {r[0] for r in pertama}
    assert [r[1] for r in lain] != [r[1] for r in pertama]


def test_a_rebuild_removes_the_old_demo_but_keeps_superusers_and_reference_data(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    seed()
    opd, golongan = PerangkatDaerah.objects.count(), Golongan.objects.count()
    admin = Pengguna.objects.create_superuser("root", "root@example.org", "sandi-root-123")
    Notifikasi.objects.create(penerima=Pengguna.objects.get(username="asn.dinkes"), judul="Hai")
    # An import uploaded by a demo account holds that account (PROTECT): it goes with the demo.
    berkas = SimpleUploadedFile("pegawai.csv", b"NIP;NAMA\n")
    impor_demo = ImporBerkas.objects.create(
        jenis=ImporBerkas.Jenis.PEGAWAI,
        berkas=berkas,
        nama_berkas="pegawai.csv",
        diunggah_oleh=Pengguna.objects.get(username="admin.bkpsdm"),
    )
    impor_root = ImporBerkas.objects.create(
        jenis=ImporBerkas.Jenis.PEGAWAI,
        berkas=SimpleUploadedFile("lain.csv", b"NIP;NAMA\n"),
        nama_berkas="lain.csv",
        diunggah_oleh=admin,
    )
    berkas_demo = tmp_path / impor_demo.berkas.name
    assert berkas_demo.exists()
    with django_capture_on_commit_callbacks(execute=True):
        seed(pegawai=120)
    assert Pegawai.objects.count() == 120
    assert Pengguna.objects.filter(is_superuser=False).count() == 120
    assert Pengguna.objects.filter(pk=admin.pk).exists()
    assert not Notifikasi.objects.exists()
    assert list(ImporBerkas.objects.values_list("pk", flat=True)) == [impor_root.pk]
    assert not berkas_demo.exists()
    assert (tmp_path / impor_root.berkas.name).exists()
    assert (PerangkatDaerah.objects.count(), Golongan.objects.count()) == (opd, golongan)
    assert PenugasanPeran.objects.filter(peran=Peran.KEPALA_OPD).count() == opd
    assert DataDemo.objects.count() == 1


# --- refusal ----------------------------------------------------------------------------------


@pytest.mark.parametrize("buat", [PegawaiFactory, PenggunaFactory], ids=["pegawai", "pengguna"])
def test_it_refuses_a_database_with_non_demo_data_and_changes_nothing(buat):
    buat()
    sebelum = [m.objects.count() for m in (Pegawai, Pengguna, UnitKerja, Jabatan, PenugasanPeran)]
    with pytest.raises(demo.DataBukanDemo, match="bukan data demo"):
        demo.demo_check(jumlah_pegawai=150)
    with pytest.raises(demo.DataBukanDemo, match="bukan data demo"):
        seed()
    sesudah = [m.objects.count() for m in (Pegawai, Pengguna, UnitKerja, Jabatan, PenugasanPeran)]
    assert sesudah == sebelum
    assert not DataDemo.objects.exists()


def test_the_check_tells_an_empty_database_from_a_demo_one_and_writes_nothing():
    assert demo.demo_check(jumlah_pegawai=150) is False
    assert not Pegawai.objects.exists() and not DataDemo.objects.exists()
    seed()
    with CaptureQueriesContext(connection) as queries:
        assert demo.demo_check(jumlah_pegawai=150) is True
    assert Pegawai.objects.count() == 150
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)


def test_it_refuses_too_few_pegawai():
    minimal = demo.jumlah_pegawai_minimal(list(PerangkatDaerah.objects.aktif()))
    with pytest.raises(demo.JumlahPegawaiTidakCukup, match=f"minimal {minimal}"):
        demo.demo_check(jumlah_pegawai=minimal - 1)
    with pytest.raises(demo.JumlahPegawaiTidakCukup, match=f"minimal {minimal}"):
        seed(pegawai=minimal - 1)
    assert not Pegawai.objects.exists()
    seed(pegawai=minimal)
    assert Pegawai.objects.count() == minimal


# --- result and speed -------------------------------------------------------------------------


def test_it_returns_the_logins_and_the_password():
    hasil = seed(pegawai=150, seed=2026, password="sandi-lain-2026")
    assert (hasil.seed, hasil.jumlah_pegawai, hasil.password) == (2026, 150, "sandi-lain-2026")
    assert hasil.jumlah_opd == PerangkatDaerah.objects.aktif().count()
    assert [a.username for a in hasil.login] == list(LOGINS)
    asn = Pegawai.objects.get(user__username="asn.dinkes")
    assert (hasil.login[-1].nip, hasil.login[-1].nama) == (asn.nip, asn.nama_lengkap)
    assert hasil.login[0].perangkat_daerah == PerangkatDaerah.objects.get(singkatan="BKPSDM").nama


def test_the_query_count_does_not_grow_with_the_number_of_pegawai(django_assert_max_num_queries):
    # Both measured runs replace a 100-pegawai demo, so only the new city's size differs. Rows are
    # written in batches of 1000 per atasan layer: up to 1000 pegawai cost the same queries.
    seed(pegawai=100)
    with CaptureQueriesContext(connection) as kecil:
        seed(pegawai=100)
    with django_assert_max_num_queries(len(kecil) + 2):
        seed(pegawai=300)
