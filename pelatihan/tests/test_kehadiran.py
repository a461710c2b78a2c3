"""The attendance grid: rows = confirmed participants, columns = the event's days; one POST."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pegawai.tests.factories import PegawaiFactory
from pelatihan.models import KegiatanPelatihan, Kehadiran, Nominasi
from pelatihan.services import kehadiran_grid_save
from pelatihan.tests.factories_kegiatan import KegiatanPelatihanFactory, MataPelatihanFactory


def kegiatan_berjalan(jumlah_peserta=2, **kwargs):
    """A three-day event that is running, with confirmed participants."""
    kwargs.setdefault("mulai", datetime.date.today() - datetime.timedelta(days=5))
    kwargs.setdefault("status", KegiatanPelatihan.Status.BERLANGSUNG)
    kegiatan = KegiatanPelatihanFactory(**kwargs)
    MataPelatihanFactory(program=kegiatan.program, jp=8)
    MataPelatihanFactory(program=kegiatan.program, jp=16)
    for _ in range(jumlah_peserta):
        tambah_peserta(kegiatan)
    return kegiatan


def tambah_peserta(kegiatan, pegawai=None, status=Nominasi.Status.DITETAPKAN):
    return Nominasi.objects.create(
        kegiatan=kegiatan,
        pegawai=pegawai or PegawaiFactory(),
        jalur=Nominasi.Jalur.USULAN_OPD,
        status=status,
    )


def url(kegiatan):
    return reverse("pelatihan:kehadiran", args=[kegiatan.pk])


def sel(nominasi, tanggal):
    return f"h-{nominasi.pk}-{tanggal:%Y%m%d}"


def grid_penuh(kegiatan, status="hadir"):
    hari = [kegiatan.tanggal_mulai + datetime.timedelta(days=i) for i in range(3)]
    return {sel(n, t): status for n in kegiatan.nominasi.filter(status="ditetapkan") for t in hari}


def test_it_shows_participants_by_days(client, pemeran):
    kegiatan = kegiatan_berjalan(jumlah_peserta=0)
    peserta = tambah_peserta(kegiatan, pegawai=pemeran.asn.pegawai)
    tambah_peserta(kegiatan, status=Nominasi.Status.BATAL)  # not a participant
    Kehadiran.objects.create(nominasi=peserta, tanggal=kegiatan.tanggal_mulai, status="izin")
    client.force_login(pemeran.admin)

    response = client.get(url(kegiatan))

    assert response.status_code == 200
    form = response.context["form"]
    assert [n.pk for n in form.peserta] == [peserta.pk]
    assert len(form.hari) == 3
    assert form[sel(peserta, kegiatan.tanggal_mulai)].initial == "izin"
    assert pemeran.asn.pegawai.nama_lengkap in response.content.decode()


def test_it_saves_the_whole_grid_in_one_post(client, pemeran):
    kegiatan = kegiatan_berjalan(jumlah_peserta=2)
    a, b = kegiatan.nominasi.order_by("pk")
    hari2 = kegiatan.tanggal_mulai + datetime.timedelta(days=1)
    Kehadiran.objects.create(nominasi=a, tanggal=hari2, status="alpa")
    data = grid_penuh(kegiatan)
    data[sel(a, hari2)] = "sakit"  # corrects the earlier row
    data[sel(b, kegiatan.tanggal_selesai)] = ""  # not recorded
    client.force_login(pemeran.admin)

    response = client.post(url(kegiatan), data)

    assert response.status_code == 302
    assert Kehadiran.objects.filter(nominasi__kegiatan=kegiatan).count() == 5
    assert Kehadiran.objects.get(nominasi=a, tanggal=hari2).status == "sakit"
    assert not Kehadiran.objects.filter(nominasi=b, tanggal=kegiatan.tanggal_selesai).exists()
    assert Kehadiran.objects.filter(nominasi=a, status="hadir").count() == 2


def test_clearing_a_cell_removes_its_row(client, pemeran):
    kegiatan = kegiatan_berjalan(jumlah_peserta=1)
    peserta = kegiatan.nominasi.get()
    Kehadiran.objects.create(nominasi=peserta, tanggal=kegiatan.tanggal_mulai, status="hadir")
    client.force_login(pemeran.admin)

    client.post(url(kegiatan), {sel(peserta, kegiatan.tanggal_mulai): ""})

    assert not Kehadiran.objects.filter(nominasi=peserta).exists()


def test_saving_the_same_grid_twice_changes_nothing(client, pemeran):
    kegiatan = kegiatan_berjalan(jumlah_peserta=2)
    client.force_login(pemeran.admin)
    client.post(url(kegiatan), grid_penuh(kegiatan))
    client.post(url(kegiatan), grid_penuh(kegiatan))
    assert Kehadiran.objects.filter(nominasi__kegiatan=kegiatan).count() == 6


def test_selesai_events_accept_corrections(client, pemeran):
    kegiatan = kegiatan_berjalan(jumlah_peserta=1, status=KegiatanPelatihan.Status.SELESAI)
    client.force_login(pemeran.admin)
    client.post(url(kegiatan), grid_penuh(kegiatan, "alpa"))
    assert Kehadiran.objects.filter(nominasi__kegiatan=kegiatan, status="alpa").count() == 3


@pytest.mark.parametrize(
    "status", [KegiatanPelatihan.Status.DITUTUP, KegiatanPelatihan.Status.NOMINASI_DIBUKA]
)
def test_it_refuses_attendance_before_the_event_runs(client, pemeran, status):
    kegiatan = kegiatan_berjalan(jumlah_peserta=1, status=status)
    client.force_login(pemeran.admin)

    response = client.post(url(kegiatan), grid_penuh(kegiatan), follow=True)

    assert not Kehadiran.objects.exists()
    assert "berlangsung" in response.content.decode()


def test_the_service_refuses_days_outside_the_event_and_strangers(pemeran):
    kegiatan = kegiatan_berjalan(jumlah_peserta=1)
    peserta = kegiatan.nominasi.get()
    luar = kegiatan.tanggal_selesai + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="di luar jadwal"):
        kehadiran_grid_save(
            kegiatan=kegiatan, kehadiran={(peserta.pk, luar): "hadir"}, oleh=pemeran.admin
        )
    lain = tambah_peserta(kegiatan_berjalan(jumlah_peserta=0))
    with pytest.raises(ValidationError, match="tidak terdaftar"):
        kehadiran_grid_save(
            kegiatan=kegiatan,
            kehadiran={(lain.pk, kegiatan.tanggal_mulai): "hadir"},
            oleh=pemeran.admin,
        )
    with pytest.raises(ValidationError) as e:
        kehadiran_grid_save(
            kegiatan=kegiatan,
            kehadiran={(peserta.pk, kegiatan.tanggal_mulai): "hadir"},
            oleh=pemeran.kepala,
        )
    assert e.value.code == "tidak_berwenang"
    assert not Kehadiran.objects.exists()


def test_a_forged_value_is_a_form_error_not_a_500(client, pemeran):
    kegiatan = kegiatan_berjalan(jumlah_peserta=1)
    peserta = kegiatan.nominasi.get()
    client.force_login(pemeran.admin)
    response = client.post(url(kegiatan), {sel(peserta, kegiatan.tanggal_mulai): "bolos"})
    assert response.status_code == 200
    assert not Kehadiran.objects.exists()


@pytest.mark.parametrize(
    "peran", ["pimpinan", "kepala", "operator", "asn", "kepala_lain", "tanpa_peran"]
)
def test_other_roles_are_refused(client, pemeran, peran):
    kegiatan = kegiatan_berjalan(jumlah_peserta=1)
    client.force_login(getattr(pemeran, peran))
    assert client.get(url(kegiatan)).status_code == 403
    assert client.post(url(kegiatan), grid_penuh(kegiatan)).status_code == 403
    assert not Kehadiran.objects.exists()


def test_anonymous_goes_to_login(client, db):
    kegiatan = kegiatan_berjalan(jumlah_peserta=0)
    response = client.get(url(kegiatan))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_unknown_event_is_404(client, pemeran):
    client.force_login(pemeran.admin)
    assert client.get(reverse("pelatihan:kehadiran", args=[999999])).status_code == 404


def test_wrong_method(client, pemeran):
    kegiatan = kegiatan_berjalan(jumlah_peserta=0)
    client.force_login(pemeran.admin)
    assert client.put(url(kegiatan)).status_code == 405


@pytest.mark.parametrize(("metode", "n"), [("get", 8), ("post", 11)])
def test_query_count_does_not_grow_with_the_class(
    client, pemeran, django_assert_num_queries, metode, n
):
    client.force_login(pemeran.admin)
    kecil = kegiatan_berjalan(jumlah_peserta=2)
    besar = kegiatan_berjalan(jumlah_peserta=12)
    for kegiatan in (kecil, besar):
        grid = grid_penuh(kegiatan)  # built before counting
        with django_assert_num_queries(n):
            if metode == "get":
                response = client.get(url(kegiatan))
            else:
                response = client.post(url(kegiatan), grid)
        assert response.status_code in (200, 302)
