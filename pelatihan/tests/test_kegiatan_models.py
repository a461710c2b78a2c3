"""Catalogue invariants: the status machine, database constraints, the program's JP, the MoU
warning and Rupiah."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from pegawai.models import Golongan, PerangkatDaerah
from pegawai.tanggal import format_tanggal
from pelatihan.models import KegiatanPelatihan, LembagaPelatihan, ProgramPelatihan, format_rupiah
from pelatihan.selectors import program_list
from pelatihan.services import (
    KEGIATAN_TRANSISI,
    kegiatan_kuota_opd_set,
    kegiatan_transition,
)
from pelatihan.tests.factories_kegiatan import (
    KegiatanPelatihanFactory,
    KuotaOPDFactory,
    LembagaPelatihanFactory,
    MataPelatihanFactory,
    ProgramPelatihanFactory,
)

S = KegiatanPelatihan.Status
LEGAL = {
    (S.DRAFT, S.NOMINASI_DIBUKA),
    (S.DRAFT, S.DIBATALKAN),
    (S.NOMINASI_DIBUKA, S.DITUTUP),
    (S.NOMINASI_DIBUKA, S.DIBATALKAN),
    (S.DITUTUP, S.BERLANGSUNG),
    (S.DITUTUP, S.DIBATALKAN),
    (S.BERLANGSUNG, S.SELESAI),
}


def _kegiatan(status, **kwargs):
    kegiatan = KegiatanPelatihanFactory(status=status, **kwargs)
    MataPelatihanFactory(program=kegiatan.program)
    return kegiatan


def test_the_transition_table_is_exactly_the_designed_one():
    assert {(d, k) for d, ke in KEGIATAN_TRANSISI.items() for k in ke} == LEGAL


@pytest.mark.parametrize("dari,ke", sorted(LEGAL))
def test_it_allows_every_legal_transition(db, pemeran, dari, ke):
    # An event starts on its first day (by default it is a month ahead, nominations open).
    kwargs = {"mulai": timezone.localdate()} if ke == S.BERLANGSUNG else {}
    kegiatan = _kegiatan(dari, **kwargs)
    hasil = kegiatan_transition(kegiatan=kegiatan, ke=ke, oleh=pemeran.admin)
    kegiatan.refresh_from_db()
    assert hasil.status == kegiatan.status == ke
    assert kegiatan.status_diubah_oleh == pemeran.admin
    assert kegiatan.status_diubah_pada is not None


@pytest.mark.parametrize(
    "dari,ke",
    sorted((d, k) for d, k in itertools.product(S.values, S.values) if (d, k) not in LEGAL),
)
def test_it_refuses_every_illegal_transition_in_indonesian(db, pemeran, dari, ke):
    kegiatan = _kegiatan(dari)
    with pytest.raises(ValidationError) as e:
        kegiatan_transition(kegiatan=kegiatan, ke=ke, oleh=pemeran.admin)
    assert "tidak dapat diubah dari" in e.value.messages[0]
    assert str(S(dari).label) in e.value.messages[0]
    kegiatan.refresh_from_db()
    assert kegiatan.status == dari


def test_it_refuses_an_unknown_status(db, pemeran):
    kegiatan = _kegiatan(S.DRAFT)
    with pytest.raises(ValidationError, match="tidak dikenal"):
        kegiatan_transition(kegiatan=kegiatan, ke="terbang", oleh=pemeran.admin)


def test_it_uses_the_status_in_the_database_not_a_stale_copy(db, pemeran):
    kegiatan = _kegiatan(S.DRAFT)
    basi = KegiatanPelatihan.objects.get(pk=kegiatan.pk)
    kegiatan_transition(kegiatan=kegiatan, ke=S.DIBATALKAN, oleh=pemeran.admin)
    with pytest.raises(ValidationError):
        kegiatan_transition(kegiatan=basi, ke=S.NOMINASI_DIBUKA, oleh=pemeran.admin)
    assert KegiatanPelatihan.objects.get(pk=kegiatan.pk).status == S.DIBATALKAN


def test_it_does_not_open_nominations_after_the_deadline(db, pemeran):
    kegiatan = _kegiatan(S.DRAFT)
    kegiatan.batas_nominasi = datetime.date.today() - datetime.timedelta(days=1)
    kegiatan.save()
    with pytest.raises(ValidationError, match="Batas nominasi"):
        kegiatan_transition(kegiatan=kegiatan, ke=S.NOMINASI_DIBUKA, oleh=pemeran.admin)


def test_it_does_not_open_nominations_without_a_curriculum(db, pemeran):
    kegiatan = KegiatanPelatihanFactory(status=S.DRAFT)
    with pytest.raises(ValidationError, match="belum memiliki mata pelatihan"):
        kegiatan_transition(kegiatan=kegiatan, ke=S.NOMINASI_DIBUKA, oleh=pemeran.admin)


# Constraints in the database -----------------------------------------------------------------


@pytest.mark.parametrize(
    "ubah,nama",
    [
        ({"tanggal_selesai": datetime.date(2026, 1, 1)}, "kegiatan_tanggal_urut"),
        ({"batas_nominasi": datetime.date(2099, 1, 1)}, "kegiatan_batas_nominasi_sebelum_mulai"),
        ({"kuota": 0}, "kegiatan_kuota_minimal_1"),
        ({"biaya_per_peserta": Decimal("-1")}, "kegiatan_biaya_tidak_negatif"),
        ({"tempat": ""}, "kegiatan_tempat_untuk_tatap_muka"),
    ],
)
def test_the_database_refuses_an_invalid_event(db, ubah, nama):
    kegiatan = KegiatanPelatihanFactory()

    with pytest.raises(IntegrityError, match=nama), transaction.atomic():
        KegiatanPelatihan.objects.filter(pk=kegiatan.pk).update(**ubah)


def test_an_online_event_needs_no_venue(db):
    kegiatan = KegiatanPelatihanFactory(modalitas=KegiatanPelatihan.Modalitas.DARING, tempat="")
    kegiatan.full_clean()


def test_full_clean_gives_indonesian_messages(db):
    kegiatan = KegiatanPelatihanFactory.build(
        program=ProgramPelatihanFactory(), kuota=0, biaya_per_peserta=Decimal("-5")
    )
    kegiatan.lembaga = kegiatan.program.lembaga
    with pytest.raises(ValidationError) as e:
        kegiatan.full_clean()
    pesan = " ".join(e.value.messages)
    assert "Kuota peserta paling sedikit 1." in pesan
    assert "Biaya per peserta tidak boleh negatif." in pesan


@pytest.mark.parametrize("jp", [0, 1000])
def test_the_database_refuses_a_subject_jp_outside_1_to_999(db, jp):
    mata = MataPelatihanFactory()
    with pytest.raises(IntegrityError, match="mata_pelatihan_jp"), transaction.atomic():
        type(mata).objects.filter(pk=mata.pk).update(jp=jp)


def test_one_quota_per_event_and_opd(db):
    opd = PerangkatDaerah.objects.get(singkatan="DINKES")
    kuota = KuotaOPDFactory(perangkat_daerah=opd)
    with pytest.raises(IntegrityError, match="kuota_opd_unik"), transaction.atomic():
        KuotaOPDFactory(kegiatan=kuota.kegiatan, perangkat_daerah=opd)


def test_quotas_per_opd_may_not_exceed_the_event_quota(db):
    kegiatan = KegiatanPelatihanFactory(kuota=10)
    dinkes = PerangkatDaerah.objects.get(singkatan="DINKES")
    disdik = PerangkatDaerah.objects.get(singkatan="DISDIKBUD")
    with pytest.raises(ValidationError, match=r"\(11\) melebihi kuota kegiatan \(10\)"):
        kegiatan_kuota_opd_set(kegiatan=kegiatan, kuota_opd={dinkes: 6, disdik: 5})
    assert not kegiatan.kuota_opd.exists()
    kegiatan_kuota_opd_set(kegiatan=kegiatan, kuota_opd={dinkes: 6, disdik: 4})
    assert sorted(kegiatan.kuota_opd.values_list("kuota", flat=True)) == [4, 6]


def test_partner_mou_dates_must_be_in_order(db):
    with pytest.raises(IntegrityError, match="lembaga_mou_masa_berlaku_urut"), transaction.atomic():
        LembagaPelatihanFactory(
            mou_berlaku_mulai=datetime.date(2026, 1, 1),
            mou_berlaku_sampai=datetime.date(2025, 1, 1),
        )


def test_golongan_range_must_be_one_scale_and_in_order(db):
    iiia = Golongan.objects.get(untuk="PNS", kode="III/a")
    iva = Golongan.objects.get(untuk="PNS", kode="IV/a")
    pppk = Golongan.objects.filter(untuk="PPPK").first()
    program = ProgramPelatihanFactory(golongan_min=iva, golongan_max=iiia)
    with pytest.raises(ValidationError, match="tidak boleh di bawah"):
        program.full_clean()
    program.golongan_max = pppk
    with pytest.raises(ValidationError, match="sama-sama golongan PNS"):
        program.full_clean()
    program.golongan_min, program.golongan_max = iiia, iva
    program.full_clean()


# The program's JP is the sum of its subjects -------------------------------------------------


def test_program_jp_is_the_sum_of_its_subjects(db):
    program = ProgramPelatihanFactory()
    for jp in (8, 12, 20):
        MataPelatihanFactory(program=program, jp=jp)
    kosong = ProgramPelatihanFactory()
    hasil = {p.pk: p for p in program_list()}
    assert hasil[program.pk].jp_total == 40
    assert hasil[program.pk].jumlah_mata_pelatihan == 3
    assert hasil[kosong.pk].jp_total == 0
    assert ProgramPelatihan.objects.count() == 2  # the sum did not multiply rows


# MoU warning and Rupiah ----------------------------------------------------------------------


def test_an_event_warns_when_the_partner_mou_ends_before_the_event_does(db):
    kegiatan = KegiatanPelatihanFactory()
    assert not kegiatan.mou_kedaluwarsa
    kegiatan.lembaga.mou_berlaku_sampai = kegiatan.tanggal_selesai - datetime.timedelta(days=1)
    assert kegiatan.mou_kedaluwarsa
    kegiatan.lembaga.mou_berlaku_sampai = kegiatan.tanggal_selesai
    assert not kegiatan.mou_kedaluwarsa


def test_an_in_house_event_needs_no_mou(db):
    lembaga = LembagaPelatihanFactory(
        jenis=LembagaPelatihan.Jenis.INTERNAL,
        mou_berlaku_mulai=datetime.date(1999, 1, 1),
        mou_berlaku_sampai=datetime.date(2000, 1, 1),
    )
    kegiatan = KegiatanPelatihanFactory(lembaga=lembaga)
    assert not kegiatan.mou_kedaluwarsa


@pytest.mark.parametrize(
    "nilai,teks",
    [
        (Decimal("1250000"), "Rp 1.250.000"),
        (Decimal("0"), "Rp 0"),
        (Decimal("999.5"), "Rp 999,50"),
        (Decimal("12345678901.25"), "Rp 12.345.678.901,25"),
    ],
)
def test_rupiah_is_written_the_indonesian_way(nilai, teks):
    assert format_rupiah(nilai) == teks


def test_an_event_cannot_start_before_its_first_day(db, pemeran):
    besok = timezone.localdate() + datetime.timedelta(days=1)
    kegiatan = _kegiatan(S.DITUTUP, mulai=besok)
    with pytest.raises(ValidationError) as e:
        kegiatan_transition(kegiatan=kegiatan, ke=S.BERLANGSUNG, oleh=pemeran.admin)
    assert e.value.messages == [
        f"Kegiatan baru dapat dimulai pada tanggal mulainya, {format_tanggal(besok)}."
    ]
    kegiatan.refresh_from_db()
    assert kegiatan.status == S.DITUTUP
