"""Results and completion: JP is credited to the ledger exactly once, follows corrections, and
shows up in the JP figures and the laporan_jp report."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from pegawai.models import Notifikasi, Pegawai
from pegawai.tests.factories import PegawaiFactory
from pelatihan import selectors
from pelatihan.models import KegiatanPelatihan, Kehadiran, Nominasi, RiwayatPengembangan
from pelatihan.services import hasil_save, kegiatan_complete, nominasi_result_set
from pelatihan.tasks import kegiatan_complete_task
from pelatihan.tests.factories_kegiatan import KegiatanPelatihanFactory, MataPelatihanFactory

S = KegiatanPelatihan.Status


def kegiatan_berjalan(**kwargs):
    kwargs.setdefault("mulai", datetime.date.today() - datetime.timedelta(days=5))
    kwargs.setdefault("status", S.BERLANGSUNG)
    kegiatan = KegiatanPelatihanFactory(**kwargs)
    MataPelatihanFactory(program=kegiatan.program, jp=8)
    MataPelatihanFactory(program=kegiatan.program, jp=16)
    return kegiatan


def peserta(kegiatan, pegawai=None, status=Nominasi.Status.DITETAPKAN):
    return Nominasi.objects.create(
        kegiatan=kegiatan,
        pegawai=pegawai or PegawaiFactory(),
        jalur=Nominasi.Jalur.USULAN_OPD,
        status=status,
    )


def kelas(pemeran):
    """A running event: the DINKES ASN graduates, a colleague does not."""
    kegiatan = kegiatan_berjalan()
    lulus = peserta(kegiatan, pemeran.asn.pegawai, Nominasi.Status.LULUS)
    gagal = peserta(kegiatan, pemeran.asn_lain_satu_opd.pegawai, Nominasi.Status.TIDAK_LULUS)
    return kegiatan, lulus, gagal


def baris_jp(pegawai, kegiatan):
    return RiwayatPengembangan.objects.filter(pegawai=pegawai, kegiatan=kegiatan)


def jp_tahun(pegawai, tahun):
    return (
        selectors.pegawai_with_jp(Pegawai.objects.filter(pk=pegawai.pk), tahun=tahun).get().total_jp
    )


def laporan_jp(tahun):
    out = io.StringIO()
    call_command(
        "laporan_jp", "--tahun", str(tahun), "--per", "pegawai", "--format", "json", stdout=out
    )
    return {r["nip"]: r["total_jp"] for r in json.loads(out.getvalue())}


# --- completion ------------------------------------------------------------------------------


def test_completion_credits_each_graduate_once(pemeran):
    kegiatan, lulus, gagal = kelas(pemeran)

    assert kegiatan_complete(kegiatan=kegiatan, oleh=pemeran.admin) == 1
    assert kegiatan_complete(kegiatan=kegiatan, oleh=pemeran.admin) == 0

    kegiatan.refresh_from_db()
    assert kegiatan.status == S.SELESAI
    riwayat = baris_jp(lulus.pegawai, kegiatan).get()
    assert riwayat.jp == 24
    assert riwayat.status == RiwayatPengembangan.Status.TERVERIFIKASI
    assert riwayat.sumber == RiwayatPengembangan.Sumber.KEGIATAN
    assert riwayat.diverifikasi_oleh == pemeran.admin
    assert riwayat.nama_pelatihan == f"{kegiatan.program.nama} Angkatan {kegiatan.angkatan}"
    assert riwayat.jenis == kegiatan.program.jenis
    assert riwayat.penyelenggara == kegiatan.lembaga.nama
    assert (riwayat.tanggal_mulai, riwayat.tanggal_selesai) == (
        kegiatan.tanggal_mulai,
        kegiatan.tanggal_selesai,
    )
    assert not baris_jp(gagal.pegawai, kegiatan).exists()


def test_the_task_twice_credits_once(pemeran):
    kegiatan, lulus, _gagal = kelas(pemeran)
    kegiatan_complete_task(kegiatan.pk)
    kegiatan_complete_task(kegiatan.pk)
    assert baris_jp(lulus.pegawai, kegiatan).count() == 1
    assert jp_tahun(lulus.pegawai, kegiatan.tanggal_selesai.year) == 24


def test_the_task_is_safe_to_redeliver():
    opsi = kegiatan_complete_task
    assert opsi.acks_late is True
    assert opsi.reject_on_worker_lost is True


def test_the_database_refuses_a_second_counting_row(pemeran):
    from django.db import IntegrityError, transaction

    kegiatan, lulus, _gagal = kelas(pemeran)
    kegiatan_complete(kegiatan=kegiatan, oleh=pemeran.admin)
    salinan = baris_jp(lulus.pegawai, kegiatan).get()
    salinan.pk = None
    salinan.nama_pelatihan = "Nama lain"
    with pytest.raises(IntegrityError), transaction.atomic():
        salinan.save()


def test_graduates_are_notified_once_with_a_link_to_their_transcript(pemeran):
    kegiatan, lulus, _gagal = kelas(pemeran)
    kegiatan_complete(kegiatan=kegiatan, oleh=pemeran.admin)
    kegiatan_complete_task(kegiatan.pk)

    kunci = f"kegiatan:{kegiatan.pk}:lulus:{lulus.pk}"
    notifikasi = Notifikasi.objects.get(penerima=pemeran.asn, kunci=kunci)
    assert notifikasi.tautan == reverse("pegawai-profil", args=[pemeran.asn.pegawai.nip])
    assert "24 JP" in notifikasi.pesan
    assert not Notifikasi.objects.filter(
        penerima=pemeran.asn_lain_satu_opd, kunci__startswith=f"kegiatan:{kegiatan.pk}:"
    ).exists()


def test_completion_needs_a_result_for_everyone(pemeran):
    kegiatan, _lulus, _gagal = kelas(pemeran)
    peserta(kegiatan)  # still ditetapkan
    with pytest.raises(ValidationError) as e:
        kegiatan_complete(kegiatan=kegiatan, oleh=pemeran.admin)
    assert e.value.code == "hasil_belum_lengkap"
    kegiatan.refresh_from_db()
    assert kegiatan.status == S.BERLANGSUNG
    assert not RiwayatPengembangan.objects.exists()


def test_only_running_events_can_be_completed(pemeran):
    kegiatan = kegiatan_berjalan(status=S.DITUTUP)
    with pytest.raises(ValidationError):
        kegiatan_complete(kegiatan=kegiatan, oleh=pemeran.admin)
    kegiatan.refresh_from_db()
    assert kegiatan.status == S.DITUTUP


# --- corrections -----------------------------------------------------------------------------


def test_lulus_corrected_to_tidak_lulus_rejects_the_row(pemeran):
    kegiatan, lulus, _gagal = kelas(pemeran)
    kegiatan_complete(kegiatan=kegiatan, oleh=pemeran.admin)
    tahun = kegiatan.tanggal_selesai.year
    assert jp_tahun(lulus.pegawai, tahun) == 24

    nominasi_result_set(nominasi=lulus, hasil="tidak_lulus", oleh=pemeran.admin)

    riwayat = baris_jp(lulus.pegawai, kegiatan).get()
    assert riwayat.status == RiwayatPengembangan.Status.DITOLAK
    assert "tidak lulus" in riwayat.alasan_penolakan
    assert jp_tahun(lulus.pegawai, tahun) == 0


def test_tidak_lulus_corrected_to_lulus_adds_the_row(pemeran):
    kegiatan, _lulus, gagal = kelas(pemeran)
    kegiatan_complete(kegiatan=kegiatan, oleh=pemeran.admin)

    nominasi = nominasi_result_set(nominasi=gagal, hasil="lulus", oleh=pemeran.admin)

    assert nominasi.status == Nominasi.Status.LULUS
    assert baris_jp(gagal.pegawai, kegiatan).get().dihitung
    assert Notifikasi.objects.filter(
        penerima=pemeran.asn_lain_satu_opd, kunci=f"kegiatan:{kegiatan.pk}:lulus:{gagal.pk}"
    ).exists()


def test_back_and_forth_leaves_one_counting_row(pemeran):
    kegiatan, lulus, _gagal = kelas(pemeran)
    kegiatan_complete(kegiatan=kegiatan, oleh=pemeran.admin)
    for hasil in ("tidak_lulus", "lulus", "tidak_lulus", "lulus"):
        nominasi_result_set(nominasi=lulus, hasil=hasil, oleh=pemeran.admin)
    kegiatan_complete(kegiatan=kegiatan, oleh=pemeran.admin)

    assert baris_jp(lulus.pegawai, kegiatan).exclude(status="ditolak").count() == 1
    assert jp_tahun(lulus.pegawai, kegiatan.tanggal_selesai.year) == 24
    assert Notifikasi.objects.filter(penerima=pemeran.asn).count() == 1


def test_results_before_completion_do_not_touch_the_ledger(pemeran):
    _kegiatan, lulus, _gagal = kelas(pemeran)
    nominasi_result_set(nominasi=lulus, hasil="lulus", oleh=pemeran.admin)
    assert not RiwayatPengembangan.objects.exists()


def test_scores_outside_0_to_100_are_refused(pemeran):
    kegiatan, lulus, _gagal = kelas(pemeran)
    with pytest.raises(ValidationError):
        hasil_save(
            kegiatan=kegiatan,
            hasil={lulus.pk: {"nilai_pre": Decimal("101"), "nilai_post": None, "hasil": "lulus"}},
            oleh=pemeran.admin,
        )


# --- the JP reaches the figures and the report --------------------------------------------


def test_the_jp_appears_in_the_selectors_and_laporan_jp(pemeran):
    kegiatan, lulus, gagal = kelas(pemeran)
    tahun = kegiatan.tanggal_selesai.year
    sebelum = laporan_jp(tahun)
    assert sebelum[lulus.pegawai.nip] == 0

    kegiatan_complete_task(kegiatan.pk)

    sesudah = laporan_jp(tahun)
    assert sesudah[lulus.pegawai.nip] == 24
    assert sesudah[gagal.pegawai.nip] == 0
    transkrip = selectors.transkrip_jp(lulus.pegawai, tahun_ini=tahun)
    assert any(t.tahun == tahun and t.total_jp == 24 for t in transkrip)


# --- the results page ----------------------------------------------------------------------


def url_hasil(kegiatan):
    return reverse("pelatihan:hasil", args=[kegiatan.pk])


def url_selesai(kegiatan):
    return reverse("pelatihan:kegiatan-complete", args=[kegiatan.pk])


def test_the_suggestion_follows_the_attendance_threshold(client, pemeran, settings):
    settings.KEHADIRAN_MINIMUM_PERSEN = 60
    kegiatan = kegiatan_berjalan()
    rajin = peserta(kegiatan, pemeran.asn.pegawai)
    jarang = peserta(kegiatan, pemeran.asn_lain_satu_opd.pegawai)
    for i in range(2):
        Kehadiran.objects.create(
            nominasi=rajin,
            tanggal=kegiatan.tanggal_mulai + datetime.timedelta(days=i),
            status="hadir",
        )
    Kehadiran.objects.create(nominasi=jarang, tanggal=kegiatan.tanggal_mulai, status="hadir")
    client.force_login(pemeran.admin)

    form = client.get(url_hasil(kegiatan)).context["form"]

    assert form[f"hasil-{rajin.pk}"].initial == "lulus"  # 66.7% ≥ 60%
    assert form[f"hasil-{jarang.pk}"].initial == "tidak_lulus"  # 33.3%


def test_one_post_saves_all_results(client, pemeran):
    kegiatan = kegiatan_berjalan()
    a = peserta(kegiatan, pemeran.asn.pegawai)
    b = peserta(kegiatan, pemeran.asn_lain_satu_opd.pegawai)
    client.force_login(pemeran.admin)

    response = client.post(
        url_hasil(kegiatan),
        {
            f"pre-{a.pk}": "55.5",
            f"post-{a.pk}": "90",
            f"hasil-{a.pk}": "lulus",
            f"pre-{b.pk}": "",
            f"post-{b.pk}": "40",
            f"hasil-{b.pk}": "tidak_lulus",
        },
    )

    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.nilai_pre, a.nilai_post, a.status) == (Decimal("55.5"), Decimal("90"), "lulus")
    assert (b.nilai_pre, b.nilai_post, b.status) == (None, Decimal("40"), "tidak_lulus")
    assert a.diputuskan_oleh == pemeran.admin


def test_a_score_above_100_is_shown_back(client, pemeran):
    kegiatan = kegiatan_berjalan()
    a = peserta(kegiatan)
    client.force_login(pemeran.admin)
    response = client.post(
        url_hasil(kegiatan), {f"pre-{a.pk}": "120", f"post-{a.pk}": "", f"hasil-{a.pk}": "lulus"}
    )
    assert response.status_code == 200
    a.refresh_from_db()
    assert a.status == Nominasi.Status.DITETAPKAN


def test_tandai_selesai_finishes_and_credits_through_the_task(
    client, pemeran, monkeypatch, django_capture_on_commit_callbacks
):
    kegiatan, lulus, _gagal = kelas(pemeran)
    antre = []
    monkeypatch.setattr(
        kegiatan_complete_task, "delay", lambda pk: antre.append(pk) or kegiatan_complete_task(pk)
    )
    client.force_login(pemeran.admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url_selesai(kegiatan))

    assert response.status_code == 302
    assert antre == [kegiatan.pk]
    kegiatan.refresh_from_db()
    assert kegiatan.status == S.SELESAI
    assert baris_jp(lulus.pegawai, kegiatan).get().diverifikasi_oleh == pemeran.admin

    # Pressed again (e.g. after the broker was down): the crediting runs again, nothing doubles.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url_selesai(kegiatan))
    assert antre == [kegiatan.pk, kegiatan.pk]
    assert baris_jp(lulus.pegawai, kegiatan).count() == 1


def test_the_page_reports_graduates_still_to_be_credited(client, pemeran):
    kegiatan, _lulus, _gagal = kelas(pemeran)
    KegiatanPelatihan.objects.filter(pk=kegiatan.pk).update(status=S.SELESAI)
    client.force_login(pemeran.admin)
    assert client.get(url_hasil(kegiatan)).context["belum_dikreditkan"] == 1
    kegiatan_complete_task(kegiatan.pk)
    assert client.get(url_hasil(kegiatan)).context["belum_dikreditkan"] == 0


def test_tandai_selesai_with_missing_results_is_a_message(client, pemeran):
    kegiatan = kegiatan_berjalan()
    peserta(kegiatan)
    client.force_login(pemeran.admin)
    response = client.post(url_selesai(kegiatan), follow=True)
    assert "belum memiliki hasil" in response.content.decode()
    kegiatan.refresh_from_db()
    assert kegiatan.status == S.BERLANGSUNG


@pytest.mark.parametrize(
    "peran", ["pimpinan", "kepala", "operator", "asn", "kepala_lain", "tanpa_peran"]
)
def test_other_roles_are_refused(client, pemeran, peran):
    kegiatan, lulus, _gagal = kelas(pemeran)
    client.force_login(getattr(pemeran, peran))
    assert client.get(url_hasil(kegiatan)).status_code == 403
    assert client.post(url_hasil(kegiatan), {f"hasil-{lulus.pk}": "tidak_lulus"}).status_code == 403
    assert client.post(url_selesai(kegiatan)).status_code == 403
    kegiatan.refresh_from_db()
    lulus.refresh_from_db()
    assert (kegiatan.status, lulus.status) == (S.BERLANGSUNG, "lulus")


def test_anonymous_goes_to_login(client, db):
    kegiatan = kegiatan_berjalan()
    for response in (client.get(url_hasil(kegiatan)), client.post(url_selesai(kegiatan))):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_wrong_methods(client, pemeran):
    kegiatan = kegiatan_berjalan()
    client.force_login(pemeran.admin)
    assert client.get(url_selesai(kegiatan)).status_code == 405
    assert client.put(url_hasil(kegiatan)).status_code == 405


@pytest.mark.parametrize(("metode", "n"), [("get", 7), ("post", 11)])
def test_results_query_count_does_not_grow_with_the_class(
    client, pemeran, django_assert_num_queries, metode, n
):
    client.force_login(pemeran.admin)
    for jumlah in (2, 12):
        kegiatan = kegiatan_berjalan()
        semua = [peserta(kegiatan) for _ in range(jumlah)]
        data = {}
        for p in semua:
            data.update({f"pre-{p.pk}": "50", f"post-{p.pk}": "80", f"hasil-{p.pk}": "lulus"})
        with django_assert_num_queries(n):
            if metode == "get":
                response = client.get(url_hasil(kegiatan))
            else:
                response = client.post(url_hasil(kegiatan), data)
        assert response.status_code in (200, 302)


def test_the_admin_action_finishes_and_credits_too(
    client, pemeran, monkeypatch, django_capture_on_commit_callbacks
):
    from django.contrib.admin import helpers

    kegiatan, lulus, _gagal = kelas(pemeran)
    monkeypatch.setattr(kegiatan_complete_task, "delay", kegiatan_complete_task)
    client.force_login(pemeran.admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:pelatihan_kegiatanpelatihan_changelist"),
            {"action": "ubah_ke_selesai", helpers.ACTION_CHECKBOX_NAME: [kegiatan.pk]},
        )

    assert response.status_code == 302
    kegiatan.refresh_from_db()
    assert kegiatan.status == S.SELESAI
    assert baris_jp(lulus.pegawai, kegiatan).get().jp == 24
