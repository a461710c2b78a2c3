"""The Django admin at scale: constant queries, no full COUNT(*), search, scoping."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pegawai.models import Pegawai
from pegawai.paginator import ESTIMATE_FROM_ROWS, EstimatedCountPaginator
from pegawai.tests.factories import PegawaiFactory

CHANGELIST = reverse("admin:pegawai_pegawai_changelist")


def shown(response):
    return {p.nip for p in response.context["cl"].result_list}


def test_admin_bkpsdm_sees_every_pegawai(client, pemeran):
    client.force_login(pemeran.admin)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert shown(response) == set(Pegawai.objects.values_list("nip", flat=True))
    body = response.content.decode()
    assert "Cari dengan NIP atau nama pegawai." in body
    assert "Perangkat daerah" in body  # a filter, with its Indonesian label


def test_search_by_nip_and_by_name(client, pemeran):
    client.force_login(pemeran.admin)
    target = pemeran.asn.pegawai
    assert shown(client.get(CHANGELIST, {"q": target.nip[:12]})) >= {target.nip}
    assert target.nip in shown(client.get(CHANGELIST, {"q": target.nama.split()[0].upper()}))
    assert shown(client.get(CHANGELIST, {"q": "zzzz-tidak-ada"})) == set()


def test_filters(client, pemeran):
    client.force_login(pemeran.admin)
    response = client.get(CHANGELIST, {"perangkat_daerah__id__exact": pemeran.opd_lain.pk})
    assert shown(response) == {pemeran.kepala_lain.pegawai.nip, pemeran.asn_opd_lain.pegawai.nip}
    pppk = PegawaiFactory(jenis_pegawai="PPPK", perangkat_daerah=pemeran.opd)
    assert shown(client.get(CHANGELIST, {"jenis_pegawai__exact": "PPPK"})) == {pppk.nip}
    assert client.get(CHANGELIST, {"aktif__exact": "0"}).context["cl"].result_count == 0


def test_the_changelist_query_count_is_constant(client, pemeran):
    client.force_login(pemeran.admin)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(CHANGELIST).status_code == 200
        return len(ctx)

    before = queries()
    PegawaiFactory.create_batch(40, perangkat_daerah=pemeran.opd)
    assert queries() == before


def test_no_full_count_on_unfiltered_pages(client, pemeran):
    client.force_login(pemeran.admin)
    with CaptureQueriesContext(connection) as ctx:
        client.get(CHANGELIST)
    counts = [q["sql"] for q in ctx if "COUNT(" in q["sql"] and "pegawai_pegawai" in q["sql"]]
    assert len(counts) == 1  # the paginator's; show_full_result_count is off


def test_the_paginator_reads_the_estimate_for_large_unfiltered_tables(db, monkeypatch):
    PegawaiFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE pegawai_pegawai")
    exact = EstimatedCountPaginator(Pegawai.objects.all(), 50)
    assert exact.count == 3  # small table: counted exactly

    monkeypatch.setattr("pegawai.paginator.ESTIMATE_FROM_ROWS", 2)
    estimated = EstimatedCountPaginator(Pegawai.objects.all(), 50)
    with CaptureQueriesContext(connection) as ctx:
        assert estimated.count == 3
    assert "reltuples" in ctx[0]["sql"]
    filtered = EstimatedCountPaginator(Pegawai.objects.filter(jenis_pegawai="PPPK"), 50)
    with CaptureQueriesContext(connection) as ctx:
        assert filtered.count == 0
    assert "COUNT(*)" in ctx[0]["sql"]
    assert ESTIMATE_FROM_ROWS == 10_000


def test_the_change_form_uses_autocomplete_not_a_dropdown_of_everyone(client, pemeran):
    client.force_login(pemeran.admin)
    PegawaiFactory.create_batch(30, perangkat_daerah=pemeran.opd)
    url = reverse("admin:pegawai_pegawai_change", args=[pemeran.asn.pegawai.pk])
    body = client.get(url).content.decode()
    assert "data-autocomplete-light" in body or "admin-autocomplete" in body
    # No <option> per pegawai for the atasan field.
    assert body.count("<option") < 120


@pytest.mark.parametrize("viewer", ["asn", "kepala", "operator", "pimpinan"])
def test_only_staff_reach_the_admin(client, pemeran, viewer):
    client.force_login(getattr(pemeran, viewer))
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_anonymous_is_sent_to_the_admin_login(client, db):
    response = client.get(CHANGELIST)
    assert response.status_code == 302


def test_a_staff_operator_sees_only_their_opd(client, pemeran):
    # Should BKPSDM ever let an operator into the admin, the same scoping applies there.
    from django.contrib.auth.models import Permission

    operator = pemeran.operator
    operator.is_staff = True
    operator.save()
    operator.user_permissions.add(Permission.objects.get(codename="view_pegawai"))
    client.force_login(operator)
    found = shown(client.get(CHANGELIST))
    assert pemeran.asn.pegawai.nip in found
    assert pemeran.asn_opd_lain.pegawai.nip not in found
    other = reverse("admin:pegawai_pegawai_change", args=[pemeran.asn_opd_lain.pegawai.pk])
    assert client.get(other).status_code == 302  # "does not exist" → back to the index


def test_admin_pages_of_every_model_load(client, pemeran):
    client.force_login(pemeran.admin)
    for name in [
        "pegawai_perangkatdaerah",
        "pegawai_unitkerja",
        "pegawai_jabatan",
        "pegawai_golongan",
        "pegawai_kompetensi",
        "pegawai_notifikasi",
        "pegawai_penugasanperan",
        "pelatihan_jenispengembangan",
    ]:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200, name
