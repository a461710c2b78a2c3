"""Tes pembacaan tanggal berkas impor (modul murni, tanpa Django)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pegawai.tanggal import TanggalTidakValid, format_tanggal, parse_tanggal

TANGGAL = date(1987, 8, 12)


@pytest.mark.parametrize(
    "nilai",
    [
        "1987-08-12",
        "1987-8-12",
        "1987-08-12 00:00:00",
        "1987-08-12T00:00:00",
        "12-08-1987",
        "12/08/1987",
        "12.08.1987",
        " 12 / 08 / 1987 ",
        "12 Agustus 1987",
        "12 agustus 1987",
        "12 AGUSTUS 1987",
        "12 Agt 1987",
        "12 Agt. 1987",
        "12-Ags-1987",
        "12-Agu-1987",
        "12 Agus 1987",
        "12 Aug 1987",
        "12-Aug-1987",
        "12 August 1987",
        "12  Agustus   1987",
        TANGGAL,
        datetime(1987, 8, 12, 0, 0),
        datetime(1987, 8, 12, 13, 45),
        32001,  # nomor seri Excel untuk 12 Agustus 1987
        32001.0,
    ],
)
def test_it_reads_every_listed_form(nilai):
    assert parse_tanggal(nilai) == TANGGAL


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        ("1/2/2020", date(2020, 2, 1)),
        ("08/12/1987", date(1987, 12, 8)),  # hari selalu di depan
        ("5 Pebruari 1990", date(1990, 2, 5)),
        ("5 Nopember 1990", date(1990, 11, 5)),
        ("30 Des 1999", date(1999, 12, 30)),
        ("1 Okt 2001", date(2001, 10, 1)),
        ("29-02-2024", date(2024, 2, 29)),
        (1, date(1900, 1, 1)),
        (61, date(1900, 3, 1)),  # sesudah 29 Februari 1900 fiktif Excel
    ],
)
def test_it_reads_day_first_and_old_spellings(nilai, hasil):
    assert parse_tanggal(nilai) == hasil


@pytest.mark.parametrize(
    ("nilai", "potongan"),
    [
        ("31-02-2024", "tidak ada di kalender"),
        ("29-02-2023", "tidak ada di kalender"),
        ("2024-13-01", "tidak ada di kalender"),
        ("12/08/87", "empat digit"),
        ("12 Agustus 87", "empat digit"),
        ("12 Agustos 1987", "Nama bulan 'agustos'"),
        ("kemarin", "bukan tanggal"),
        ("1987-08-12 10:30", "bukan tanggal"),
        ("19870812", "bukan tanggal"),
        ("", "kosong"),
        (None, "kosong"),
        (True, "bukan tanggal"),
        (0, "bukan tanggal"),
        (-5, "bukan tanggal"),
        (3_000_000, "bukan tanggal"),
    ],
)
def test_it_rejects_with_an_indonesian_reason(nilai, potongan):
    with pytest.raises(TanggalTidakValid) as exc:
        parse_tanggal(nilai)
    assert potongan in str(exc.value)


def test_it_formats_dates_the_indonesian_way():
    assert format_tanggal(TANGGAL) == "12 Agustus 1987"
    assert format_tanggal(date(2000, 1, 1)) == "1 Januari 2000"
