"""The catalogue /pelatihan/, the event page /pelatihan/kegiatan/<id>/ and its .ics file."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from pegawai.models import Kompetensi, PerangkatDaerah
from pelatihan.models import KegiatanPelatihan
from pelatihan.tests.factories_kegiatan import (
    KegiatanPelatihanFactory,
    KuotaOPDFactory,
    LembagaPelatihanFactory,
    MataPelatihanFactory,
    ProgramPelatihanFactory,
)

S = KegiatanPelatihan.Status
KATALOG = reverse("pelatihan:katalog")
PERAN = ["admin", "pimpinan", "kepala", "operator", "asn", "kepala_lain", "tanpa_peran"]


def detail_url(kegiatan):
    return reverse("pelatihan:kegiatan-detail", args=[kegiatan.pk])


def ics_url(kegiatan):
    return reverse("pelatihan:kegiatan-ics", args=[kegiatan.pk])


def kegiatan_lengkap(**kwargs):
    kegiatan = KegiatanPelatihanFactory(**kwargs)
    MataPelatihanFactory(program=kegiatan.program, nama="Etika Pelayanan", jp=10)
    MataPelatihanFactory(program=kegiatan.program, nama="Standar Pelayanan", jp=14)
    kegiatan.program.kompetensi.add(*Kompetensi.objects.order_by("kode")[:2])
    kegiatan.program.sasaran_opd.add(PerangkatDaerah.objects.get(singkatan="DINKES"))
    KuotaOPDFactory(
        kegiatan=kegiatan, perangkat_daerah=PerangkatDaerah.objects.get(singkatan="DINKES"), kuota=5
    )
    return kegiatan


def shown(response):
    return {k.pk for k in response.context["page"].object_list}


# The catalogue -------------------------------------------------------------------------------


@pytest.mark.parametrize("peran", PERAN)
def test_every_logged_in_user_sees_published_upcoming_events(client, pemeran, peran):
    terbuka = KegiatanPelatihanFactory(status=S.NOMINASI_DIBUKA)
    ditutup = KegiatanPelatihanFactory(status=S.DITUTUP)
    KegiatanPelatihanFactory(status=S.DIBATALKAN)
    KegiatanPelatihanFactory(
        status=S.SELESAI, mulai=datetime.date.today() - datetime.timedelta(days=40)
    )
    client.force_login(getattr(pemeran, peran))
    response = client.get(KATALOG)
    assert response.status_code == 200
    assert {terbuka.pk, ditutup.pk} <= shown(response)
    body = response.content.decode()
    assert terbuka.program.nama in body


def test_drafts_are_listed_for_admin_bkpsdm_only(client, pemeran):
    draf = KegiatanPelatihanFactory(status=S.DRAFT)
    client.force_login(pemeran.admin)
    assert draf.pk in shown(client.get(KATALOG))
    for user in (pemeran.pimpinan, pemeran.kepala, pemeran.operator, pemeran.asn):
        client.force_login(user)
        response = client.get(KATALOG)
        assert draf.pk not in shown(response)
        assert detail_url(draf) not in response.content.decode()
        assert draf.pk not in shown(client.get(KATALOG, {"status": "draft"}))


def test_cancelled_and_finished_events_are_not_upcoming(client, pemeran):
    batal = KegiatanPelatihanFactory(status=S.DIBATALKAN)
    lalu = KegiatanPelatihanFactory(
        status=S.NOMINASI_DIBUKA, mulai=datetime.date.today() - datetime.timedelta(days=40)
    )
    client.force_login(pemeran.asn)
    assert shown(client.get(KATALOG)).isdisjoint({batal.pk, lalu.pk})
    assert shown(client.get(KATALOG, {"status": "dibatalkan"})) == {batal.pk}


def test_it_filters_by_jenis_modality_text_and_status(client, pemeran):
    from pelatihan.tests.factories import jenis

    teknis = KegiatanPelatihanFactory(program=ProgramPelatihanFactory(nama="Pelatihan Arsip"))
    daring = KegiatanPelatihanFactory(
        program=ProgramPelatihanFactory(nama="Kepemimpinan Pengawas", jenis=jenis("KL01")),
        modalitas=KegiatanPelatihan.Modalitas.DARING,
        tempat="",
        status=S.DITUTUP,
    )
    client.force_login(pemeran.asn)
    assert shown(client.get(KATALOG, {"jenis": jenis("KL01").pk})) == {daring.pk}
    assert shown(client.get(KATALOG, {"modalitas": "daring"})) == {daring.pk}
    assert shown(client.get(KATALOG, {"q": "  arsip "})) == {teknis.pk}
    assert shown(client.get(KATALOG, {"status": "ditutup"})) == {daring.pk}
    assert shown(client.get(KATALOG, {"modalitas": "bukan-pilihan"})) == {teknis.pk, daring.pk}


def test_it_filters_by_month(client, pemeran):
    maret = KegiatanPelatihanFactory(mulai=datetime.date(2031, 3, 30))
    KegiatanPelatihanFactory(mulai=datetime.date(2031, 5, 5))
    client.force_login(pemeran.asn)
    assert shown(client.get(KATALOG, {"bulan": "2031-04"})) == {maret.pk}
    assert shown(client.get(KATALOG, {"bulan": "2031-03"})) == {maret.pk}


def test_the_calendar_places_events_on_their_days(client, pemeran):
    kegiatan = KegiatanPelatihanFactory(mulai=datetime.date(2031, 3, 30))  # 30 Mar – 1 Apr
    client.force_login(pemeran.asn)
    response = client.get(KATALOG, {"bulan": "2031-03"})
    hari = {h.tanggal: h for pekan in response.context["kalender"] for h in pekan}
    dengan_kegiatan = {t for t, h in hari.items() if h.kegiatan}
    assert dengan_kegiatan == {datetime.date(2031, 3, 30), datetime.date(2031, 3, 31)}
    assert all(pekan[0].tanggal.weekday() == 0 for pekan in response.context["kalender"])
    body = response.content.decode()
    assert "Maret 2031" in body
    assert body.count(f'href="{detail_url(kegiatan)}" title=') == 2
    assert "bulan=2031-02" in body and "bulan=2031-04" in body
    april = client.get(KATALOG, {"bulan": "2031-04"})
    hari = {h.tanggal: h for pekan in april.context["kalender"] for h in pekan if h.dalam_bulan}
    assert [t for t, h in hari.items() if h.kegiatan] == [datetime.date(2031, 4, 1)]


def test_the_calendar_wraps_around_the_year(client, pemeran):
    client.force_login(pemeran.asn)
    body = client.get(KATALOG, {"bulan": "2030-12"}).content.decode()
    assert "bulan=2030-11" in body and "bulan=2031-01" in body


def test_a_bad_month_is_ignored_with_a_message(client, pemeran):
    client.force_login(pemeran.asn)
    response = client.get(KATALOG, {"bulan": "2031-13"})
    assert response.status_code == 200
    assert "Bulan ditulis sebagai TTTT-BB." in response.content.decode()


def test_empty_catalogue_says_so(client, pemeran):
    client.force_login(pemeran.asn)
    body = client.get(KATALOG).content.decode()
    assert "Belum ada kegiatan yang sesuai dengan saringan ini." in body
    assert "Belum ada program pelatihan yang sesuai." in body


def test_it_lists_programs_with_their_jp(client, pemeran):
    program = ProgramPelatihanFactory(nama="Pelatihan Keuangan Daerah")
    MataPelatihanFactory(program=program, jp=16)
    MataPelatihanFactory(program=program, jp=8)
    ProgramPelatihanFactory(nama="Program Lama", aktif=False)
    client.force_login(pemeran.asn)
    body = client.get(KATALOG).content.decode()
    assert "Pelatihan Keuangan Daerah" in body
    assert "24 JP · 2 mata pelatihan" in body
    assert "Program Lama" not in body


def test_it_paginates_events_keeping_the_filters(client, pemeran):
    for _ in range(21):
        KegiatanPelatihanFactory(modalitas=KegiatanPelatihan.Modalitas.BLENDED)
    client.force_login(pemeran.asn)
    response = client.get(KATALOG, {"modalitas": "blended"})
    assert len(response.context["page"].object_list) == 20
    assert "modalitas=blended&amp;halaman=2" in response.content.decode()
    assert len(client.get(KATALOG, {"modalitas": "blended", "halaman": 2}).context["page"]) == 1


def test_catalogue_query_count_does_not_grow_with_events(
    client, pemeran, django_assert_num_queries
):
    client.force_login(pemeran.asn)
    client.get(KATALOG)  # warm the session
    for n in (1, 8):
        for _ in range(n):
            kegiatan_lengkap()
        with django_assert_num_queries(12):
            assert client.get(KATALOG).status_code == 200


def test_catalogue_anonymous_is_sent_to_login(client, db):
    response = client.get(KATALOG)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_catalogue_refuses_post(client, pemeran):
    client.force_login(pemeran.asn)
    assert client.post(KATALOG).status_code == 405


# The event page ------------------------------------------------------------------------------


@pytest.mark.parametrize("peran", PERAN)
def test_every_logged_in_user_sees_a_published_event(client, pemeran, peran):
    kegiatan = kegiatan_lengkap(
        mulai=datetime.date(2031, 8, 12), biaya_per_peserta=Decimal("1250000")
    )
    client.force_login(getattr(pemeran, peran))
    response = client.get(detail_url(kegiatan))
    assert response.status_code == 200
    body = response.content.decode()
    assert "12 Agustus 2031 – 14 Agustus 2031" in body
    assert "29 Juli 2031" in body  # nomination deadline
    assert "Rp 1.250.000" in body
    assert "Etika Pelayanan" in body and "Standar Pelayanan" in body
    assert "24 JP" in body
    assert "Tatap muka" in body and "Aula BKPSDM Kota Langsa" in body
    assert "Nominasi dibuka" in body
    assert kegiatan.lembaga.nama in body
    assert "M.01" in body
    assert "DINKES" in body
    assert ics_url(kegiatan) in body
    assert "peringatan-mou" not in body


def test_the_event_page_shows_eligibility(client, pemeran):
    from pegawai.models import Golongan

    kegiatan = kegiatan_lengkap()
    program = kegiatan.program
    program.sasaran_jenis_jabatan = ["pengawas", "administrator"]
    program.golongan_min = Golongan.objects.get(untuk="PNS", kode="III/a")
    program.golongan_max = Golongan.objects.get(untuk="PNS", kode="III/d")
    program.save()
    client.force_login(pemeran.asn)
    body = client.get(detail_url(kegiatan)).content.decode()
    assert "Pengawas, Administrator" in body
    assert "III/a – III/d" in body


def test_expired_mou_is_warned_to_admin_bkpsdm_only(client, pemeran):
    kegiatan = kegiatan_lengkap()
    lembaga = kegiatan.lembaga
    lembaga.mou_berlaku_sampai = kegiatan.tanggal_mulai
    lembaga.save()
    client.force_login(pemeran.admin)
    body = client.get(detail_url(kegiatan)).content.decode()
    assert "peringatan-mou" in body
    assert lembaga.nomor_mou in body
    client.force_login(pemeran.asn)
    assert "peringatan-mou" not in client.get(detail_url(kegiatan)).content.decode()


def test_a_draft_event_is_404_for_everyone_but_admin_bkpsdm(client, pemeran):
    draf = kegiatan_lengkap(status=S.DRAFT)
    client.force_login(pemeran.admin)
    assert client.get(detail_url(draf)).status_code == 200
    assert client.get(ics_url(draf)).status_code == 200
    for peran in PERAN[1:]:
        client.force_login(getattr(pemeran, peran))
        assert client.get(detail_url(draf)).status_code == 404
        assert client.get(ics_url(draf)).status_code == 404


def test_a_cancelled_event_still_opens_with_its_status(client, pemeran):
    kegiatan = kegiatan_lengkap(status=S.DIBATALKAN)
    client.force_login(pemeran.asn)
    body = client.get(detail_url(kegiatan)).content.decode()
    assert "Kegiatan ini dibatalkan." in body


def test_an_unknown_event_is_404(client, pemeran):
    client.force_login(pemeran.admin)
    assert client.get(reverse("pelatihan:kegiatan-detail", args=[999999])).status_code == 404


def test_event_page_query_count_does_not_grow_with_subjects(
    client, pemeran, django_assert_num_queries
):
    kegiatan = kegiatan_lengkap()
    client.force_login(pemeran.asn)
    with django_assert_num_queries(10):
        client.get(detail_url(kegiatan))
    for _ in range(10):
        MataPelatihanFactory(program=kegiatan.program)
    kegiatan.program.kompetensi.add(*Kompetensi.objects.all())
    for opd in PerangkatDaerah.objects.exclude(singkatan="DINKES")[:5]:
        KuotaOPDFactory(kegiatan=kegiatan, perangkat_daerah=opd, kuota=1)
    with django_assert_num_queries(10):
        response = client.get(detail_url(kegiatan))
    assert len(response.context["mata_pelatihan"]) == 12


def test_event_page_anonymous_is_sent_to_login(client, db):
    kegiatan = KegiatanPelatihanFactory()
    for url in (detail_url(kegiatan), ics_url(kegiatan)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_event_page_and_ics_refuse_post(client, pemeran):
    kegiatan = KegiatanPelatihanFactory()
    client.force_login(pemeran.admin)
    assert client.post(detail_url(kegiatan)).status_code == 405
    assert client.post(ics_url(kegiatan)).status_code == 405


# The .ics file -------------------------------------------------------------------------------


def unfold(isi: str) -> list[str]:
    return isi.replace("\r\n ", "").split("\r\n")


def test_the_ics_file_is_an_all_day_event(client, pemeran):
    lembaga = LembagaPelatihanFactory(nama="BPSDM Aceh, Banda Aceh")
    program = ProgramPelatihanFactory(nama="Pelatihan Dasar; CPNS", lembaga=lembaga)
    kegiatan = KegiatanPelatihanFactory(
        program=program, mulai=datetime.date(2031, 12, 30), tempat="Aula A, Lantai 2"
    )
    client.force_login(pemeran.asn)
    response = client.get(ics_url(kegiatan))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="kegiatan-{kegiatan.pk}.ics"' in response["Content-Disposition"]
    isi = response.content.decode()
    assert "\n" not in isi.replace("\r\n", "")  # CRLF only
    assert all(len(b.encode()) <= 75 for b in isi.split("\r\n"))
    baris = unfold(isi)
    assert baris[0] == "BEGIN:VCALENDAR" and baris[-2] == "END:VCALENDAR" and baris[-1] == ""
    assert "VERSION:2.0" in baris
    assert "DTSTART;VALUE=DATE:20311230" in baris
    assert "DTEND;VALUE=DATE:20320102" in baris  # exclusive: the day after 1 January
    assert f"UID:kegiatan-{kegiatan.pk}@langsa-kompetensi" in baris
    assert f"SUMMARY:Pelatihan Dasar\\; CPNS angkatan {kegiatan.angkatan}" in baris
    assert "LOCATION:Aula A\\, Lantai 2" in baris
    assert "STATUS:CONFIRMED" in baris
    assert any(b.startswith("DTSTAMP:") and b.endswith("Z") for b in baris)
    deskripsi = next(b for b in baris if b.startswith("DESCRIPTION:"))
    assert "BPSDM Aceh\\, Banda Aceh\\n" in deskripsi


def test_the_ics_uid_is_stable_and_cancellation_is_marked(client, pemeran):
    kegiatan = KegiatanPelatihanFactory(status=S.DIBATALKAN)
    client.force_login(pemeran.asn)
    pertama = unfold(client.get(ics_url(kegiatan)).content.decode())
    kedua = unfold(client.get(ics_url(kegiatan)).content.decode())
    assert [b for b in pertama if b.startswith("UID:")] == [
        b for b in kedua if b.startswith("UID:")
    ]
    assert pertama == kedua
    assert "STATUS:CANCELLED" in pertama


def test_long_non_ascii_lines_are_folded_without_breaking_characters(client, pemeran):
    program = ProgramPelatihanFactory(nama="Pelatihan “Manajemen Risiko” — " + "é" * 60)
    kegiatan = KegiatanPelatihanFactory(program=program)
    client.force_login(pemeran.asn)
    isi = client.get(ics_url(kegiatan)).content
    for baris in isi.split(b"\r\n"):
        assert len(baris) <= 75
        baris.decode()  # every folded piece is whole UTF-8
    assert program.nama in isi.decode().replace("\r\n ", "")


def test_ics_query_count_is_constant(client, pemeran, django_assert_num_queries):
    kegiatan = kegiatan_lengkap()
    client.force_login(pemeran.asn)
    with django_assert_num_queries(5):
        client.get(ics_url(kegiatan))


@pytest.mark.parametrize("peran", ["admin", "pimpinan", "kepala", "operator", "asn"])
def test_catalogue_and_event_page_query_counts_per_role(
    client, pemeran, django_assert_num_queries, peran
):
    # The same pinned number for every role, however many events, subjects and quotas there are.
    client.force_login(getattr(pemeran, peran))
    kegiatan = kegiatan_lengkap()
    client.get(KATALOG)  # warm the session
    with django_assert_num_queries(12):
        assert client.get(KATALOG).status_code == 200
    with django_assert_num_queries(10):
        assert client.get(detail_url(kegiatan)).status_code == 200
    for _ in range(5):
        kegiatan_lengkap()
    for _ in range(6):
        MataPelatihanFactory(program=kegiatan.program)
    with django_assert_num_queries(12):
        assert client.get(KATALOG).status_code == 200
    with django_assert_num_queries(10):
        assert client.get(detail_url(kegiatan)).status_code == 200
