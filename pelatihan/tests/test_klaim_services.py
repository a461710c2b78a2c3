"""JP claims: submit, verify, reject, withdraw; the ASN is told once; only verified rows count."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from pegawai.models import Notifikasi
from pegawai.tests.factories import PegawaiFactory
from pelatihan.models import RiwayatPengembangan
from pelatihan.services import klaim_submit, klaim_withdraw, riwayat_reject, riwayat_verify
from pelatihan.tests.factories import RiwayatPengembanganFactory, berkas_pdf, jenis

DAFTAR_KLAIM = reverse("pelatihan:klaim-list")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def data_klaim(pegawai, **ubah):
    data = {
        "pegawai": pegawai,
        "nama_pelatihan": "Coaching Kepemimpinan Pelayanan",
        "jenis": jenis("NKL01"),
        "penyelenggara": "Inspektorat",
        "tanggal_mulai": datetime.date(2025, 8, 4),
        "tanggal_selesai": datetime.date(2025, 8, 29),
        "jp": 12,
        "nomor_sertifikat": "SRT/12/2025",
        "tanggal_sertifikat": datetime.date(2025, 9, 1),
        "berkas": berkas_pdf(),
    }
    data.update(ubah)
    return data


def notifikasi_untuk(user):
    return list(Notifikasi.objects.filter(penerima=user))


# Submit ------------------------------------------------------------------------------------


def test_submit_records_a_waiting_claim_with_its_file(pemeran, tmp_path):
    pegawai = pemeran.asn.pegawai
    riwayat = klaim_submit(**data_klaim(pegawai, nama_pelatihan="  Coaching   Kepemimpinan "))
    riwayat.refresh_from_db()
    assert riwayat.pegawai == pegawai
    assert riwayat.sumber == RiwayatPengembangan.Sumber.KLAIM
    assert riwayat.status == RiwayatPengembangan.Status.MENUNGGU
    assert riwayat.nama_pelatihan == "Coaching Kepemimpinan"
    assert riwayat.nama_kunci == "coaching kepemimpinan"
    assert riwayat.diverifikasi_oleh is None
    # An unguessable stored name, not the uploaded one.
    nama = riwayat.berkas_sertifikat.name
    assert nama.startswith("sertifikat/") and nama.endswith(".pdf")
    assert len(nama.removeprefix("sertifikat/").removesuffix(".pdf")) == 32
    assert (tmp_path / nama).exists()


def test_a_waiting_claim_does_not_count(pemeran):
    klaim_submit(**data_klaim(pemeran.asn.pegawai))
    assert not RiwayatPengembangan.objects.terverifikasi().exists()


def test_an_end_date_in_the_future_is_refused(pemeran):
    besok = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as e:
        klaim_submit(**data_klaim(pemeran.asn.pegawai, tanggal_selesai=besok))
    assert "masa depan" in e.value.message_dict["tanggal_selesai"][0]
    assert not RiwayatPengembangan.objects.exists()


def test_today_is_not_the_future(pemeran):
    hari_ini = timezone.localdate()
    riwayat = klaim_submit(
        **data_klaim(
            pemeran.asn.pegawai,
            tanggal_mulai=hari_ini,
            tanggal_selesai=hari_ini,
            tanggal_sertifikat=hari_ini,
        )
    )
    assert riwayat.pk


def test_a_certificate_date_in_the_future_is_refused(pemeran):
    besok = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as e:
        klaim_submit(**data_klaim(pemeran.asn.pegawai, tanggal_sertifikat=besok))
    assert "tanggal_sertifikat" in e.value.message_dict


def test_a_start_after_the_end_is_refused(pemeran):
    with pytest.raises(ValidationError) as e:
        klaim_submit(**data_klaim(pemeran.asn.pegawai, tanggal_mulai=datetime.date(2025, 9, 30)))
    assert "Tanggal mulai tidak boleh setelah tanggal selesai." in str(e.value)


@pytest.mark.parametrize("jp", [0, 1000])
def test_jp_out_of_range_is_refused(pemeran, jp):
    with pytest.raises(ValidationError) as e:
        klaim_submit(**data_klaim(pemeran.asn.pegawai, jp=jp))
    assert "jp" in e.value.message_dict


def test_a_duplicate_is_refused_in_indonesian_ignoring_case_and_spacing(pemeran):
    pegawai = pemeran.asn.pegawai
    klaim_submit(**data_klaim(pegawai))
    with pytest.raises(ValidationError) as e:
        klaim_submit(**data_klaim(pegawai, nama_pelatihan="COACHING  kepemimpinan pelayanan"))
    assert "sudah tercatat" in e.value.messages[0]
    assert "Menunggu verifikasi" in e.value.messages[0]
    assert RiwayatPengembangan.objects.count() == 1


def test_a_duplicate_of_an_imported_row_is_refused(pemeran):
    pegawai = pemeran.asn.pegawai
    RiwayatPengembanganFactory(
        pegawai=pegawai,
        nama_pelatihan="Coaching Kepemimpinan Pelayanan",
        tanggal_mulai=datetime.date(2025, 8, 4),
        tanggal_selesai=datetime.date(2025, 8, 29),
    )
    with pytest.raises(ValidationError, match="Terverifikasi"):
        klaim_submit(**data_klaim(pegawai))


def test_a_rejected_claim_may_be_submitted_again(pemeran):
    pegawai = pemeran.asn.pegawai
    pertama = klaim_submit(**data_klaim(pegawai))
    riwayat_reject(riwayat=pertama, oleh=pemeran.admin, alasan="Sertifikat tidak terbaca.")
    kedua = klaim_submit(**data_klaim(pegawai))
    assert kedua.pk != pertama.pk
    # The same claim for another pegawai is not a duplicate either.
    assert klaim_submit(**data_klaim(pemeran.asn_lain_satu_opd.pegawai)).pk


def test_an_inactive_jenis_or_pegawai_cannot_claim(pemeran):
    nkl = jenis("NKL13")
    nkl.aktif = False
    nkl.save()
    with pytest.raises(ValidationError) as e:
        klaim_submit(**data_klaim(pemeran.asn.pegawai, jenis=nkl))
    assert "jenis" in e.value.message_dict
    pensiun = PegawaiFactory(aktif=False)
    with pytest.raises(ValidationError, match="tidak aktif"):
        klaim_submit(**data_klaim(pensiun))
    assert not RiwayatPengembangan.objects.exists()


# Verify ------------------------------------------------------------------------------------


def test_verify_records_who_and_when_and_notifies_the_asn_once(pemeran):
    riwayat = klaim_submit(**data_klaim(pemeran.asn.pegawai))
    sebelum = timezone.now()
    riwayat_verify(riwayat=riwayat, oleh=pemeran.admin)
    riwayat.refresh_from_db()
    assert riwayat.status == RiwayatPengembangan.Status.TERVERIFIKASI
    assert riwayat.diverifikasi_oleh == pemeran.admin
    assert riwayat.diverifikasi_pada >= sebelum
    assert riwayat.jp == 12
    [notifikasi] = notifikasi_untuk(pemeran.asn)
    assert notifikasi.kunci == f"klaim:{riwayat.pk}:verifikasi"
    assert notifikasi.tautan == DAFTAR_KLAIM
    assert "12 JP" in notifikasi.pesan
    assert "Coaching Kepemimpinan Pelayanan" in notifikasi.pesan


def test_verify_twice_does_nothing_twice(pemeran):
    riwayat = klaim_submit(**data_klaim(pemeran.asn.pegawai))
    riwayat_verify(riwayat=riwayat, oleh=pemeran.admin)
    riwayat.refresh_from_db()
    pertama = riwayat.diverifikasi_pada
    lagi = riwayat_verify(riwayat=riwayat, oleh=pemeran.admin, jp=99)
    lagi.refresh_from_db()
    assert lagi.diverifikasi_pada == pertama
    assert lagi.jp == 12  # a second call does not change the recognised JP
    assert len(notifikasi_untuk(pemeran.asn)) == 1


def test_the_verifier_may_set_the_recognised_jp(pemeran):
    riwayat = klaim_submit(**data_klaim(pemeran.asn.pegawai, jp=40))
    riwayat_verify(riwayat=riwayat, oleh=pemeran.admin, jp=8)
    riwayat.refresh_from_db()
    assert riwayat.jp == 8
    assert riwayat.jp_diajukan == 40
    [notifikasi] = notifikasi_untuk(pemeran.asn)
    assert "8 JP" in notifikasi.pesan
    assert "diajukan 40 JP" in notifikasi.pesan
    assert "Coaching" in notifikasi.pesan  # the jenis whose rule applied


@pytest.mark.parametrize("jp", [0, 1000])
def test_a_recognised_jp_out_of_range_is_refused(pemeran, jp):
    riwayat = klaim_submit(**data_klaim(pemeran.asn.pegawai))
    with pytest.raises(ValidationError):
        riwayat_verify(riwayat=riwayat, oleh=pemeran.admin, jp=jp)
    riwayat.refresh_from_db()
    assert riwayat.status == RiwayatPengembangan.Status.MENUNGGU
    assert riwayat.jp == 12
    assert notifikasi_untuk(pemeran.asn) == []


def test_a_rejected_claim_cannot_be_verified(pemeran):
    riwayat = klaim_submit(**data_klaim(pemeran.asn.pegawai))
    riwayat_reject(riwayat=riwayat, oleh=pemeran.admin, alasan="Bukan sertifikat.")
    with pytest.raises(ValidationError, match="sudah ditolak"):
        riwayat_verify(riwayat=riwayat, oleh=pemeran.admin)
    riwayat.refresh_from_db()
    assert riwayat.status == RiwayatPengembangan.Status.DITOLAK


def test_nobody_verifies_their_own_claim(pemeran):
    riwayat = klaim_submit(**data_klaim(pemeran.admin.pegawai))
    with pytest.raises(ValidationError, match="sendiri"):
        riwayat_verify(riwayat=riwayat, oleh=pemeran.admin)
    with pytest.raises(ValidationError, match="sendiri"):
        riwayat_reject(riwayat=riwayat, oleh=pemeran.admin, alasan="Tidak sah.")
    riwayat.refresh_from_db()
    assert riwayat.status == RiwayatPengembangan.Status.MENUNGGU


def test_a_pegawai_without_a_login_is_verified_without_a_notification(pemeran):
    tanpa_akun = PegawaiFactory(perangkat_daerah=pemeran.opd)
    riwayat = klaim_submit(**data_klaim(tanpa_akun))
    riwayat_verify(riwayat=riwayat, oleh=pemeran.admin)
    riwayat.refresh_from_db()
    assert riwayat.status == RiwayatPengembangan.Status.TERVERIFIKASI
    assert not Notifikasi.objects.exists()


def test_only_verified_claims_count(pemeran):
    pegawai = pemeran.asn.pegawai
    diverifikasi = klaim_submit(**data_klaim(pegawai, nama_pelatihan="A", jp=10))
    ditolak = klaim_submit(**data_klaim(pegawai, nama_pelatihan="B", jp=20))
    klaim_submit(**data_klaim(pegawai, nama_pelatihan="C", jp=40))  # still waiting
    riwayat_verify(riwayat=diverifikasi, oleh=pemeran.admin, jp=6)
    riwayat_reject(riwayat=ditolak, oleh=pemeran.admin, alasan="Sertifikat palsu.")
    jp = (
        RiwayatPengembangan.objects.terverifikasi()
        .tahun(2025)
        .filter(pegawai=pegawai)
        .aggregate(total=Sum("jp"))["total"]
    )
    assert jp == 6


# Reject ------------------------------------------------------------------------------------


@pytest.mark.parametrize("alasan", ["", "   \n "])
def test_reject_without_a_reason_is_refused(pemeran, alasan):
    riwayat = klaim_submit(**data_klaim(pemeran.asn.pegawai))
    with pytest.raises(ValidationError) as e:
        riwayat_reject(riwayat=riwayat, oleh=pemeran.admin, alasan=alasan)
    assert "alasan_penolakan" in e.value.message_dict
    riwayat.refresh_from_db()
    assert riwayat.status == RiwayatPengembangan.Status.MENUNGGU
    assert notifikasi_untuk(pemeran.asn) == []


def test_reject_records_the_reason_and_notifies_the_asn_once_with_it(pemeran):
    riwayat = klaim_submit(**data_klaim(pemeran.asn.pegawai))
    alasan = "Nama pada sertifikat bukan nama Anda."
    riwayat_reject(riwayat=riwayat, oleh=pemeran.admin, alasan=f"  {alasan} ")
    riwayat_reject(riwayat=riwayat, oleh=pemeran.admin, alasan="Alasan lain")  # again
    riwayat.refresh_from_db()
    assert riwayat.status == RiwayatPengembangan.Status.DITOLAK
    assert riwayat.alasan_penolakan == alasan
    assert riwayat.diverifikasi_oleh == pemeran.admin
    assert riwayat.diverifikasi_pada is not None
    [notifikasi] = notifikasi_untuk(pemeran.asn)
    assert notifikasi.kunci == f"klaim:{riwayat.pk}:penolakan"
    assert alasan in notifikasi.pesan
    assert notifikasi.tautan == DAFTAR_KLAIM
    assert not RiwayatPengembangan.objects.terverifikasi().exists()


def test_a_verified_row_cannot_be_rejected_here(pemeran):
    riwayat = RiwayatPengembanganFactory(pegawai=pemeran.asn.pegawai)
    with pytest.raises(ValidationError, match="sudah diverifikasi"):
        riwayat_reject(riwayat=riwayat, oleh=pemeran.admin, alasan="Terlambat.")
    riwayat.refresh_from_db()
    assert riwayat.status == RiwayatPengembangan.Status.TERVERIFIKASI


# Withdraw ----------------------------------------------------------------------------------


def test_the_asn_withdraws_a_waiting_claim_and_its_file(
    pemeran, tmp_path, django_capture_on_commit_callbacks
):
    pegawai = pemeran.asn.pegawai
    riwayat = klaim_submit(**data_klaim(pegawai))
    berkas = tmp_path / riwayat.berkas_sertifikat.name
    assert berkas.exists()
    with django_capture_on_commit_callbacks(execute=True):
        klaim_withdraw(riwayat=riwayat, pegawai=pegawai)
    assert not RiwayatPengembangan.objects.exists()
    assert not berkas.exists()


def test_only_a_waiting_claim_of_ones_own_can_be_withdrawn(pemeran):
    pegawai = pemeran.asn.pegawai
    riwayat = klaim_submit(**data_klaim(pegawai))
    with pytest.raises(ValidationError):
        klaim_withdraw(riwayat=riwayat, pegawai=pemeran.asn_lain_satu_opd.pegawai)
    riwayat_verify(riwayat=riwayat, oleh=pemeran.admin)
    with pytest.raises(ValidationError, match="tidak dapat ditarik"):
        klaim_withdraw(riwayat=riwayat, pegawai=pegawai)
    impor = RiwayatPengembanganFactory(pegawai=pegawai, status="menunggu")
    with pytest.raises(ValidationError):
        klaim_withdraw(riwayat=impor, pegawai=pegawai)
    assert RiwayatPengembangan.objects.count() == 2
