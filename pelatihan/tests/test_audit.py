"""The audit trail (DESIGN §7): every change of nominations, the JP ledger and budgets is copied
by PostgreSQL triggers, with the user and address of the request that made it."""

import pytest
from django.db import ProgrammingError, connection, transaction
from django.urls import reverse

from pegawai import impor_massal
from pelatihan.impor import riwayat_import
from pelatihan.models import Anggaran, RiwayatPengembangan
from pelatihan.tests.factories import RiwayatPengembanganFactory
from pelatihan.tests.test_anggaran_factories import AnggaranFactory
from pelatihan.tests.test_impor_riwayat import SIASN, massal, pegawai  # noqa: F401 (fixtures)

Event = RiwayatPengembangan.pgh_event_model


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_verifying_a_claim_is_recorded_with_who_and_where(client, pemeran):
    riwayat = RiwayatPengembanganFactory(pegawai=pemeran.asn.pegawai, klaim=True, jp=30)
    client.force_login(pemeran.admin)
    alamat = reverse("pelatihan:klaim-verify", args=[riwayat.pk])

    client.post(alamat, {"jp": "9"})

    insert, update = Event.objects.filter(pgh_obj=riwayat).order_by("pgh_id")
    assert (insert.pgh_label, insert.status, insert.jp) == ("insert", "menunggu", 30)
    assert (update.pgh_label, update.status, update.jp) == ("update", "terverifikasi", 9)
    assert update.pgh_context.metadata == {"user": pemeran.admin.pk, "url": alamat}
    assert insert.pgh_context is None  # made outside a request (the factory)


def test_bulk_updates_and_deletes_of_budgets_are_recorded(db):
    a, b = AnggaranFactory(pagu=100), AnggaranFactory(pagu=200)

    Anggaran.objects.filter(pk__in=[a.pk, b.pk]).update(pagu=50)
    Anggaran.objects.filter(pk=b.pk).delete()

    riwayat = [
        (e.pgh_obj_id, e.pgh_label, e.pagu)
        for e in Anggaran.pgh_event_model.objects.order_by("pgh_id")
    ]
    assert riwayat == [
        (a.pk, "insert", 100),
        (b.pk, "insert", 200),
        (a.pk, "update", 50),
        (b.pk, "update", 50),
        (b.pk, "delete", 50),
    ]


def test_an_unchanged_save_records_nothing(db):
    anggaran = AnggaranFactory()
    Anggaran.objects.filter(pk=anggaran.pk).update(pagu=anggaran.pagu)
    assert Anggaran.pgh_event_model.objects.filter(pgh_obj=anggaran).count() == 1


def test_the_trail_cannot_be_changed(db):
    AnggaranFactory()
    with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
        Anggaran.pgh_event_model.objects.update(pagu=0)
    with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
        Anggaran.pgh_event_model.objects.all().delete()
    assert Anggaran.pgh_event_model.objects.count() == 1


def _pemicu_aktif() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal"
            " AND tgenabled <> 'D'",
            [RiwayatPengembangan._meta.db_table],
        )
        return {nama for (nama,) in cursor.fetchall()}


def test_a_bulk_import_copies_no_inserted_rows_and_leaves_the_triggers_on(pegawai, massal):  # noqa: F811
    # A large import would otherwise copy every row it loads; its import record says who loaded
    # which file. The triggers are on again afterwards, and a row by row import is copied.
    pemicu = _pemicu_aktif()
    assert len(pemicu) == 3  # insert, update, delete

    hasil = riwayat_import(SIASN, nama_berkas=SIASN.name)

    assert massal == [True] and hasil.created > 0
    assert not Event.objects.filter(pgh_label="insert").exists()
    assert _pemicu_aktif() == pemicu
    RiwayatPengembanganFactory(pegawai=next(iter(pegawai.values())))
    assert Event.objects.filter(pgh_label="insert").count() == 1


def test_a_row_by_row_import_copies_its_rows(pegawai, monkeypatch):  # noqa: F811
    monkeypatch.setattr(impor_massal, "BATAS_BARIS", 10**9)
    hasil = riwayat_import(SIASN, nama_berkas=SIASN.name)
    assert Event.objects.filter(pgh_label="insert").count() == hasil.created > 0


def test_rows_copied_outside_a_request_open_no_subtransaction(db):
    # django-pghistory's own context function catches a missing setting with an exception
    # block: one subtransaction per copied row, minutes for a city's ledger. Ours asks
    # current_setting(…, true) instead (migration pelatihan/0014).
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_functiondef('_pgh_attach_context'::regproc)")
        (definisi,) = cursor.fetchone()
    assert "EXCEPTION" not in definisi.upper()
    AnggaranFactory.create_batch(70)
    assert Anggaran.pgh_event_model.objects.filter(pgh_context__isnull=True).count() == 70
