"""AKPK services: proposals by role and scope, gaps, verification and rejection with notices,
consolidation of verified needs into a plan line, seats and cost lines, the year's totals."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pegawai.models import (
    AsesmenKompetensi,
    Kompetensi,
    Notifikasi,
    PerangkatDaerah,
    StandarKompetensiJabatan,
)
from pegawai.tests.factories import JabatanFactory, PegawaiFactory
from pelatihan import akpk
from pelatihan.models import (
    KebutuhanPengembangan,
    RencanaKursiOPD,
    RencanaPengembangan,
)
from pelatihan.tests.factories import jenis
from pelatihan.tests.factories_kegiatan import ProgramPelatihanFactory

TAHUN = timezone.localdate().year + 1


def kompetensi(kode: str = "M.01") -> Kompetensi:
    return Kompetensi.objects.get(kode=kode)


def usul(pemeran, *, oleh=None, **kwargs) -> KebutuhanPengembangan:
    data = {
        "perangkat_daerah": pemeran.opd,
        "tahun": TAHUN,
        "uraian": "Pelatihan pelayanan prima untuk petugas loket",
    }
    data.update(kwargs)
    return akpk.kebutuhan_propose(oleh=oleh or pemeran.operator, **data)


def terverifikasi(pemeran, **kwargs) -> KebutuhanPengembangan:
    k = usul(pemeran, **kwargs)
    return akpk.kebutuhan_verify(kebutuhan=k, oleh=pemeran.admin)


def gabung(pemeran, kebutuhan, **kwargs) -> RencanaPengembangan:
    data = {
        "nama": "Pelatihan Pelayanan Prima",
        "jenis": jenis("KL03"),
        "jp": 24,
        "sumber_dana": "apbk",
    }
    data.update(kwargs)
    return akpk.rencana_create_from_kebutuhan(
        kebutuhan_ids=[k.pk for k in kebutuhan], oleh=pemeran.admin, **data
    )


def standar(pegawai, kode: str, level: int) -> None:
    StandarKompetensiJabatan.objects.create(
        jabatan=pegawai.jabatan, kompetensi=kompetensi(kode), level=level
    )


def asesmen(pegawai, kode: str, tahun: int, level: int) -> None:
    AsesmenKompetensi.objects.create(
        pegawai=pegawai, kompetensi=kompetensi(kode), tahun=tahun, level=level
    )


# Proposals by role ----------------------------------------------------------------------------


def test_an_asn_proposes_for_themself(pemeran):
    diri = pemeran.asn.pegawai
    k = usul(pemeran, oleh=pemeran.asn, pegawai=diri, kompetensi=kompetensi("M.03"))
    assert k.status == KebutuhanPengembangan.Status.DIUSULKAN
    assert (k.pegawai, k.perangkat_daerah, k.jumlah_peserta) == (diri, pemeran.opd, 1)
    assert k.diusulkan_oleh == pemeran.asn
    assert k.asal == KebutuhanPengembangan.Asal.USULAN


@pytest.mark.parametrize(
    "kasus",
    ["rekan", "tanpa_pegawai", "opd_lain"],
)
def test_an_asn_may_not_propose_for_others_or_their_opd(pemeran, kasus):
    pegawai = {
        "rekan": pemeran.asn_lain_satu_opd.pegawai,
        "tanpa_pegawai": None,
        "opd_lain": pemeran.asn_opd_lain.pegawai,
    }[kasus]
    with pytest.raises(ValidationError) as e:
        usul(pemeran, oleh=pemeran.asn, pegawai=pegawai)
    assert e.value.code == "tidak_berwenang"
    assert not KebutuhanPengembangan.objects.exists()


def test_an_asn_names_their_own_opd(pemeran):
    with pytest.raises(ValidationError) as e:
        usul(
            pemeran,
            oleh=pemeran.asn,
            pegawai=pemeran.asn.pegawai,
            perangkat_daerah=pemeran.opd_lain,
        )
    assert "pegawai" in e.value.message_dict


@pytest.mark.parametrize("peran", ["kepala", "operator"])
def test_kepala_and_operator_propose_for_their_opd_and_its_staff(pemeran, peran):
    oleh = getattr(pemeran, peran)
    untuk_opd = usul(pemeran, oleh=oleh, jumlah_peserta=12)
    untuk_pegawai = usul(pemeran, oleh=oleh, pegawai=pemeran.asn.pegawai)
    assert (untuk_opd.pegawai, untuk_opd.jumlah_peserta) == (None, 12)
    assert untuk_pegawai.pegawai == pemeran.asn.pegawai
    assert {untuk_opd.diusulkan_oleh, untuk_pegawai.diusulkan_oleh} == {oleh}


@pytest.mark.parametrize("peran", ["kepala", "operator"])
def test_kepala_and_operator_may_not_propose_outside_their_opd(pemeran, peran):
    oleh = getattr(pemeran, peran)
    with pytest.raises(ValidationError) as e:
        usul(pemeran, oleh=oleh, perangkat_daerah=pemeran.opd_lain)
    assert e.value.code == "tidak_berwenang"
    with pytest.raises(ValidationError) as e:
        usul(pemeran, oleh=oleh, pegawai=pemeran.asn_opd_lain.pegawai)
    assert "pegawai" in e.value.message_dict
    assert not KebutuhanPengembangan.objects.exists()


def test_the_admin_proposes_for_any_opd_even_a_past_year(pemeran):
    k = usul(pemeran, oleh=pemeran.admin, perangkat_daerah=pemeran.opd_lain, tahun=TAHUN - 3)
    assert k.perangkat_daerah == pemeran.opd_lain


@pytest.mark.parametrize("peran", ["pimpinan", "tanpa_peran"])
def test_pimpinan_and_users_without_a_role_may_not_propose(pemeran, peran):
    with pytest.raises(ValidationError) as e:
        usul(pemeran, oleh=getattr(pemeran, peran))
    assert e.value.code == "tidak_berwenang"


def test_others_propose_only_for_this_year_or_later(pemeran):
    with pytest.raises(ValidationError) as e:
        usul(pemeran, tahun=timezone.localdate().year - 1)
    assert "tahun" in e.value.message_dict
    assert usul(pemeran, tahun=timezone.localdate().year).pk


@pytest.mark.parametrize(
    ("ubah", "kolom"),
    [
        ({"uraian": "   "}, "uraian"),
        ({"jumlah_peserta": 0}, "jumlah_peserta"),
        ({"jumlah_peserta": 3, "pegawai": "asn"}, "jumlah_peserta"),
        ({"jenis": "nonaktif"}, "jenis"),
    ],
)
def test_a_proposal_is_checked(pemeran, ubah, kolom):
    if ubah.get("pegawai") == "asn":
        ubah["pegawai"] = pemeran.asn.pegawai
    if ubah.get("jenis") == "nonaktif":
        ubah["jenis"] = jenis("KL05")
        ubah["jenis"].aktif = False
        ubah["jenis"].save()
    with pytest.raises(ValidationError) as e:
        usul(pemeran, **ubah)
    assert kolom in e.value.message_dict


def test_an_inactive_pegawai_gets_no_proposal(pemeran):
    pegawai = PegawaiFactory(perangkat_daerah=pemeran.opd, aktif=False)
    with pytest.raises(ValidationError) as e:
        usul(pemeran, pegawai=pegawai)
    assert "pegawai" in e.value.message_dict


# Gaps -------------------------------------------------------------------------------------------


def test_a_proposal_on_a_competency_with_a_gap_comes_from_the_gap(pemeran):
    pegawai = pemeran.asn.pegawai
    standar(pegawai, "M.01", 3)
    asesmen(pegawai, "M.01", TAHUN - 2, 2)
    k = usul(pemeran, oleh=pemeran.asn, pegawai=pegawai, kompetensi=kompetensi("M.01"))
    assert k.asal == KebutuhanPengembangan.Asal.KESENJANGAN


def test_no_gap_when_the_latest_assessment_up_to_the_year_meets_the_standard(pemeran):
    pegawai = pemeran.asn.pegawai
    standar(pegawai, "M.01", 3)
    asesmen(pegawai, "M.01", TAHUN - 3, 1)
    asesmen(pegawai, "M.01", TAHUN - 1, 3)
    # An assessment after the plan year does not count for it.
    asesmen(pegawai, "M.01", TAHUN + 1, 1)
    k = usul(pemeran, oleh=pemeran.asn, pegawai=pegawai, kompetensi=kompetensi("M.01"))
    assert k.asal == KebutuhanPengembangan.Asal.USULAN


def test_the_gaps_of_a_pegawai_largest_first_unknown_last(pemeran):
    pegawai = PegawaiFactory(
        perangkat_daerah=pemeran.opd, jabatan=JabatanFactory(nama="Analis Kebijakan")
    )
    standar(pegawai, "M.01", 3)
    standar(pegawai, "M.02", 4)
    standar(pegawai, "M.03", 2)
    standar(pegawai, "M.04", 3)
    asesmen(pegawai, "M.01", TAHUN - 1, 2)
    asesmen(pegawai, "M.02", TAHUN - 1, 1)
    asesmen(pegawai, "M.03", TAHUN - 1, 3)
    hasil = akpk.kesenjangan_pegawai(pegawai=pegawai, tahun=TAHUN)
    assert [(k.kompetensi.kode, k.selisih, k.ada) for k in hasil] == [
        ("M.02", 3, True),
        ("M.01", 1, True),
        ("M.03", -1, False),
        ("M.04", None, False),
    ]


def test_a_pegawai_without_jabatan_has_no_gaps(pemeran):
    pegawai = PegawaiFactory(perangkat_daerah=pemeran.opd, jabatan=None)
    assert akpk.kesenjangan_pegawai(pegawai=pegawai, tahun=TAHUN) == []


# Verification and rejection ---------------------------------------------------------------------


def test_the_admin_verifies_and_the_proposer_and_the_pegawai_are_told(pemeran):
    k = usul(pemeran, oleh=pemeran.operator, pegawai=pemeran.asn.pegawai)
    k = akpk.kebutuhan_verify(kebutuhan=k, oleh=pemeran.admin)
    k.refresh_from_db()
    assert k.status == KebutuhanPengembangan.Status.DIVERIFIKASI
    assert k.diverifikasi_oleh == pemeran.admin
    assert k.diverifikasi_pada is not None
    penerima = set(Notifikasi.objects.values_list("penerima__username", flat=True))
    assert penerima == {"operator.uji", "asn.uji"}
    assert "diverifikasi" in Notifikasi.objects.first().judul
    # A repeated verification does nothing twice.
    akpk.kebutuhan_verify(kebutuhan=k, oleh=pemeran.admin)
    assert Notifikasi.objects.count() == 2


@pytest.mark.parametrize("peran", ["kepala", "operator", "pimpinan", "asn"])
def test_only_the_admin_verifies_or_rejects(pemeran, peran):
    k = usul(pemeran)
    oleh = getattr(pemeran, peran)
    with pytest.raises(ValidationError) as e:
        akpk.kebutuhan_verify(kebutuhan=k, oleh=oleh)
    assert e.value.code == "tidak_berwenang"
    with pytest.raises(ValidationError) as e:
        akpk.kebutuhan_reject(kebutuhan=k, oleh=oleh, alasan="Tidak perlu.")
    assert e.value.code == "tidak_berwenang"
    k.refresh_from_db()
    assert k.status == KebutuhanPengembangan.Status.DIUSULKAN


def test_rejection_needs_a_reason_and_tells_the_proposer_why(pemeran):
    k = usul(pemeran, oleh=pemeran.asn, pegawai=pemeran.asn.pegawai)
    with pytest.raises(ValidationError) as e:
        akpk.kebutuhan_reject(kebutuhan=k, oleh=pemeran.admin, alasan="  ")
    assert "alasan_penolakan" in e.value.message_dict
    k.refresh_from_db()
    assert k.status == KebutuhanPengembangan.Status.DIUSULKAN

    akpk.kebutuhan_reject(
        kebutuhan=k, oleh=pemeran.admin, alasan="Sudah dipenuhi lewat e-learning LAN."
    )
    k.refresh_from_db()
    assert (k.status, k.alasan_penolakan) == ("ditolak", "Sudah dipenuhi lewat e-learning LAN.")
    notifikasi = Notifikasi.objects.get()
    assert notifikasi.penerima == pemeran.asn
    assert "Sudah dipenuhi lewat e-learning LAN." in notifikasi.pesan
    assert notifikasi.tautan.startswith("/pelatihan/kebutuhan/")


def test_a_rejected_need_cannot_be_verified(pemeran):
    k = usul(pemeran)
    akpk.kebutuhan_reject(kebutuhan=k, oleh=pemeran.admin, alasan="Duplikat.")
    with pytest.raises(ValidationError) as e:
        akpk.kebutuhan_verify(kebutuhan=k, oleh=pemeran.admin)
    assert e.value.code == "sudah_diproses"


def test_a_verified_need_may_be_rejected_until_a_plan_covers_it(pemeran):
    lepas = terverifikasi(pemeran)
    akpk.kebutuhan_reject(kebutuhan=lepas, oleh=pemeran.admin, alasan="Anggaran tidak cukup.")
    assert KebutuhanPengembangan.objects.get(pk=lepas.pk).status == "ditolak"

    tercakup = terverifikasi(pemeran)
    gabung(pemeran, [tercakup])
    with pytest.raises(ValidationError) as e:
        akpk.kebutuhan_reject(kebutuhan=tercakup, oleh=pemeran.admin, alasan="Batal.")
    assert e.value.code == "sudah_diproses"
    assert KebutuhanPengembangan.objects.get(pk=tercakup.pk).status == "diverifikasi"


def test_nobody_is_told_about_their_own_decision(pemeran):
    k = usul(pemeran, oleh=pemeran.admin)
    akpk.kebutuhan_verify(kebutuhan=k, oleh=pemeran.admin)
    assert not Notifikasi.objects.exists()


# Consolidation into the plan -------------------------------------------------------------------


def test_verified_needs_become_one_plan_line_with_seats_per_opd(pemeran):
    a = terverifikasi(pemeran, jumlah_peserta=5, kompetensi=kompetensi("M.05"))
    b = terverifikasi(pemeran, pegawai=pemeran.asn.pegawai, kompetensi=kompetensi("M.05"))
    c = terverifikasi(
        pemeran, oleh=pemeran.kepala_lain, perangkat_daerah=pemeran.opd_lain, jumlah_peserta=7
    )
    program = ProgramPelatihanFactory()
    rencana = gabung(pemeran, [a, b, c], program=program, bulan_rencana=4)

    assert (rencana.tahun, rencana.nama, rencana.jp, rencana.bulan_rencana) == (
        TAHUN,
        "Pelatihan Pelayanan Prima",
        24,
        4,
    )
    assert rencana.program == program
    kursi = dict(
        RencanaKursiOPD.objects.filter(rencana=rencana).values_list(
            "perangkat_daerah__singkatan", "kursi"
        )
    )
    assert kursi == {"DINKES": 6, "DISDIKBUD": 7}
    assert list(rencana.kompetensi.values_list("kode", flat=True)) == ["M.05"]
    assert set(KebutuhanPengembangan.objects.values_list("rencana", flat=True)) == {rencana.pk}


@pytest.mark.parametrize("keadaan", ["diusulkan", "ditolak"])
def test_unverified_needs_are_refused_and_nothing_is_created(pemeran, keadaan):
    baik = terverifikasi(pemeran)
    buruk = usul(pemeran)
    if keadaan == "ditolak":
        akpk.kebutuhan_reject(kebutuhan=buruk, oleh=pemeran.admin, alasan="Tidak relevan.")
    with pytest.raises(ValidationError) as e:
        gabung(pemeran, [baik, buruk])
    assert e.value.code == "belum_diverifikasi"
    assert f"#{buruk.pk}" in e.value.messages[0]
    assert not RencanaPengembangan.objects.exists()
    assert KebutuhanPengembangan.objects.get(pk=baik.pk).rencana is None


def test_covered_needs_are_refused(pemeran):
    a = terverifikasi(pemeran)
    pertama = gabung(pemeran, [a])
    b = terverifikasi(pemeran)
    with pytest.raises(ValidationError) as e:
        gabung(pemeran, [a, b], nama="Pelatihan Lain")
    assert e.value.code == "sudah_tercakup"
    assert RencanaPengembangan.objects.get() == pertama
    assert KebutuhanPengembangan.objects.get(pk=b.pk).rencana is None


def test_needs_of_another_year_are_refused(pemeran):
    a = terverifikasi(pemeran)
    b = terverifikasi(pemeran, tahun=TAHUN - 1)
    with pytest.raises(ValidationError) as e:
        gabung(pemeran, [a, b])
    assert e.value.code == "beda_tahun"
    assert not RencanaPengembangan.objects.exists()


def test_an_empty_choice_or_an_unknown_need_is_refused(pemeran):
    with pytest.raises(ValidationError):
        gabung(pemeran, [])
    with pytest.raises(ValidationError):
        akpk.rencana_create_from_kebutuhan(
            kebutuhan_ids=[999_999],
            oleh=pemeran.admin,
            nama="X",
            jenis=jenis(),
            jp=8,
            sumber_dana="apbk",
        )
    assert not RencanaPengembangan.objects.exists()


def test_the_plan_line_itself_is_validated(pemeran):
    a = terverifikasi(pemeran)
    with pytest.raises(ValidationError) as e:
        gabung(pemeran, [a], jp=0, sumber_dana="entah")
    assert {"jp", "sumber_dana"} <= set(e.value.message_dict)
    assert KebutuhanPengembangan.objects.get(pk=a.pk).rencana is None


@pytest.mark.parametrize("peran", ["kepala", "operator", "pimpinan"])
def test_only_the_admin_makes_the_plan(pemeran, peran):
    a = terverifikasi(pemeran)
    with pytest.raises(ValidationError) as e:
        akpk.rencana_create_from_kebutuhan(
            kebutuhan_ids=[a.pk],
            oleh=getattr(pemeran, peran),
            nama="X",
            jenis=jenis(),
            jp=8,
            sumber_dana="apbk",
        )
    assert e.value.code == "tidak_berwenang"
    rencana = gabung(pemeran, [terverifikasi(pemeran)])
    with pytest.raises(ValidationError):
        akpk.rencana_kursi_set(rencana=rencana, kursi={}, oleh=getattr(pemeran, peran))
    with pytest.raises(ValidationError):
        akpk.rencana_biaya_set(rencana=rencana, rincian=[], oleh=getattr(pemeran, peran))


def test_uncovered_verified_needs_stay_visible_until_covered(pemeran):
    a = terverifikasi(pemeran)
    b = terverifikasi(pemeran, oleh=pemeran.kepala_lain, perangkat_daerah=pemeran.opd_lain)
    usul(pemeran)  # still waiting: not listed
    akpk.kebutuhan_reject(kebutuhan=usul(pemeran), oleh=pemeran.admin, alasan="Tidak.")
    terverifikasi(pemeran, tahun=TAHUN - 1)  # another year
    assert set(akpk.kebutuhan_belum_tercakup(tahun=TAHUN)) == {a, b}
    assert set(akpk.kebutuhan_belum_tercakup(tahun=TAHUN, opd_ids={pemeran.opd.pk})) == {a}
    gabung(pemeran, [a])
    assert list(akpk.kebutuhan_belum_tercakup(tahun=TAHUN)) == [b]


# Seats, costs, totals ---------------------------------------------------------------------------


def test_seats_and_cost_lines_are_replaced(pemeran):
    rencana = gabung(pemeran, [terverifikasi(pemeran, jumlah_peserta=4)])
    bkpsdm = PerangkatDaerah.objects.get(singkatan="BKPSDM")
    akpk.rencana_kursi_set(
        rencana=rencana,
        kursi={pemeran.opd.pk: 0, pemeran.opd_lain.pk: 3, bkpsdm.pk: 2},
        oleh=pemeran.admin,
    )
    assert dict(rencana.kursi_opd.values_list("perangkat_daerah_id", "kursi")) == {
        pemeran.opd_lain.pk: 3,
        bkpsdm.pk: 2,
    }
    akpk.rencana_biaya_set(
        rencana=rencana,
        rincian=[
            {"kategori": "kontribusi", "jumlah": Decimal("5000000"), "kode_rekening": " 5.1.02 "},
            {"kategori": "konsumsi", "jumlah": Decimal("1250000.50")},
        ],
        oleh=pemeran.admin,
    )
    akpk.rencana_biaya_set(
        rencana=rencana,
        rincian=[{"kategori": "honorarium", "jumlah": Decimal("900000"), "uraian": "Narsum"}],
        oleh=pemeran.admin,
    )
    assert list(rencana.rincian_biaya.values_list("kategori", "jumlah", "uraian")) == [
        ("honorarium", Decimal("900000.00"), "Narsum")
    ]


def test_bad_seats_and_costs_are_refused_and_nothing_changes(pemeran):
    rencana = gabung(pemeran, [terverifikasi(pemeran, jumlah_peserta=4)])
    with pytest.raises(ValidationError):
        akpk.rencana_kursi_set(rencana=rencana, kursi={pemeran.opd.pk: -1}, oleh=pemeran.admin)
    with pytest.raises(ValidationError):
        akpk.rencana_biaya_set(
            rencana=rencana,
            rincian=[{"kategori": "konsumsi", "jumlah": Decimal("-5")}],
            oleh=pemeran.admin,
        )
    with pytest.raises(ValidationError):
        akpk.rencana_biaya_set(
            rencana=rencana,
            rincian=[{"kategori": "entah", "jumlah": Decimal("5")}],
            oleh=pemeran.admin,
        )
    assert list(rencana.kursi_opd.values_list("kursi", flat=True)) == [4]


def test_the_plan_of_a_year_has_totals_per_source_and_category(pemeran):
    apbk = gabung(pemeran, [terverifikasi(pemeran, jumlah_peserta=10)])
    lain = gabung(
        pemeran,
        [terverifikasi(pemeran, jumlah_peserta=5)],
        nama="Bimtek SIPD",
        sumber_dana="apba",
    )
    gabung(pemeran, [terverifikasi(pemeran, tahun=TAHUN + 1)], nama="Tahun depan")
    akpk.rencana_biaya_set(
        rencana=apbk,
        rincian=[
            {"kategori": "kontribusi", "jumlah": Decimal("1000000")},
            {"kategori": "kontribusi", "jumlah": Decimal("500000")},
            {"kategori": "konsumsi", "jumlah": Decimal("250000")},
        ],
        oleh=pemeran.admin,
    )
    akpk.rencana_biaya_set(
        rencana=lain,
        rincian=[{"kategori": "perjalanan", "jumlah": Decimal("2000000")}],
        oleh=pemeran.admin,
    )
    plan = akpk.rencana_tahun(tahun=TAHUN, user=pemeran.admin)
    assert {b.rencana.nama for b in plan.baris} == {"Pelatihan Pelayanan Prima", "Bimtek SIPD"}
    assert [(s.sumber_dana, s.baris, s.kursi, s.biaya) for s in plan.per_sumber] == [
        ("apbk", 1, 10, Decimal("1750000")),
        ("apba", 1, 5, Decimal("2000000")),
    ]
    assert plan.total_kursi == 15
    assert plan.total_biaya == Decimal("3750000")
    assert plan.per_kategori["kontribusi"] == Decimal("1500000")
    assert plan.total_biaya_rupiah == "Rp 3.750.000"


def test_kepala_sees_the_plan_lines_with_seats_for_their_opd_only(pemeran):
    milik = gabung(pemeran, [terverifikasi(pemeran, jumlah_peserta=2)])
    campur = gabung(
        pemeran,
        [
            terverifikasi(pemeran, jumlah_peserta=1),
            terverifikasi(pemeran, oleh=pemeran.kepala_lain, perangkat_daerah=pemeran.opd_lain),
        ],
        nama="Campuran",
    )
    gabung(
        pemeran,
        [terverifikasi(pemeran, oleh=pemeran.kepala_lain, perangkat_daerah=pemeran.opd_lain)],
        nama="Lain",
    )
    plan = akpk.rencana_tahun(tahun=TAHUN, user=pemeran.kepala)
    assert {b.rencana for b in plan.baris} == {milik, campur}
    assert all(k.perangkat_daerah == pemeran.opd for b in plan.baris for k in b.kursi)
    assert set(akpk.rencana_for(pemeran.asn)) == set()


@pytest.mark.parametrize(
    ("jumlah", "bobot", "hasil"),
    [
        ("100", [1, 1, 1], ["33.34", "33.33", "33.33"]),
        ("1000000", [3, 1], ["750000.00", "250000.00"]),
        ("0.05", [1, 1, 1, 1], ["0.02", "0.01", "0.01", "0.01"]),
        ("10", [2, 5, 3], ["2.00", "5.00", "3.00"]),
        ("7", [], []),
    ],
)
def test_costs_split_pro_rata_to_the_sen_and_add_up(jumlah, bobot, hasil):
    bagian = akpk.bagi_pro_rata(Decimal(jumlah), bobot)
    assert bagian == [Decimal(h) for h in hasil]
    if bobot:
        assert sum(bagian) == Decimal(jumlah)


def test_kebutuhan_scope(pemeran):
    opd = usul(pemeran, oleh=pemeran.operator)
    diri = usul(pemeran, oleh=pemeran.asn, pegawai=pemeran.asn.pegawai)
    lain = usul(pemeran, oleh=pemeran.kepala_lain, perangkat_daerah=pemeran.opd_lain)
    assert set(akpk.kebutuhan_for(pemeran.admin)) == {opd, diri, lain}
    assert set(akpk.kebutuhan_for(pemeran.pimpinan)) == {opd, diri, lain}
    assert set(akpk.kebutuhan_for(pemeran.kepala)) == {opd, diri}
    assert set(akpk.kebutuhan_for(pemeran.kepala_lain)) == {lain}
    assert set(akpk.kebutuhan_for(pemeran.asn)) == {diri}
    assert set(akpk.kebutuhan_for(pemeran.asn_lain_satu_opd)) == set()
    assert set(akpk.kebutuhan_for(pemeran.tanpa_peran)) == set()
