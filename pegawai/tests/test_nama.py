"""Tes pemisahan gelar dari nama (modul murni, tanpa Django)."""

from __future__ import annotations

import pytest

from pegawai.nama import NamaBergelar, pisahkan_gelar


@pytest.mark.parametrize(
    ("nama_lengkap", "depan", "nama", "belakang"),
    [
        ("dr. Cut Nyak Dhien, M.Kes.", "dr.", "Cut Nyak Dhien", "M.Kes."),
        ("Dr. Teuku Umar, S.H., M.H.", "Dr.", "Teuku Umar", "S.H., M.H."),
        ("H. Teuku Ahmad, S.E., M.M.", "H.", "Teuku Ahmad", "S.E., M.M."),
        ("Hj. Cut Mutia", "Hj.", "Cut Mutia", ""),
        ("Hj Cut Mutia", "Hj", "Cut Mutia", ""),
        ("Drs. H. Ahmad Yani, M.Si", "Drs. H.", "Ahmad Yani", "M.Si"),
        ("Prof. Dr. Ir. Abdullah, M.Sc., Ph.D.", "Prof. Dr. Ir.", "Abdullah", "M.Sc., Ph.D."),
        ("Ns. Rahmah, S.Kep.", "Ns.", "Rahmah", "S.Kep."),
        ("apt. Rina Sari, S.Farm.", "apt.", "Rina Sari", "S.Farm."),
        ("drg. Nurul Huda", "drg.", "Nurul Huda", ""),
        ("Rina, A.Md.Kep.", "", "Rina", "A.Md.Kep."),
        ("Ahmad, SE", "", "Ahmad", "SE"),
        ("Ahmad, SE, MM", "", "Ahmad", "SE, MM"),
        ("Rahmat, S. Kom.", "", "Rahmat", "S. Kom."),
        ("Muhammad Ridwan, S.E.(Ak)", "", "Muhammad Ridwan", "S.E.(Ak)"),
        ("Budi Santoso S.Kom", "", "Budi Santoso", "S.Kom"),
        ("Budi Santoso S.Pd.I.", "", "Budi Santoso", "S.Pd.I."),
        ("  dr.   Cut  Nyak Dhien ,  M.Kes. ", "dr.", "Cut Nyak Dhien", "M.Kes."),
    ],
)
def test_it_splits_titles_off_the_name(nama_lengkap, depan, nama, belakang):
    assert pisahkan_gelar(nama_lengkap) == NamaBergelar(depan, nama, belakang)


@pytest.mark.parametrize(
    "nama_lengkap",
    [
        "Teuku Muhammad Nasir",  # Teuku dan Cut adalah bagian nama Aceh
        "Cut Nyak Meutia",
        "T. Ahmad Dani",
        "Tgk. Abdullah",
        "Teuku M.Amin",  # M. = Muhammad, bukan gelar
        "Ahmad M.",
        "H Ahmad",  # tanpa titik bisa saja inisial
        "Nasution, Ahmad",  # bagian sesudah koma bukan gelar
        "Husaini",
        "dr.",  # hanya gelar: jangan sampai namanya kosong
    ],
)
def test_it_keeps_names_that_carry_no_titles(nama_lengkap):
    hasil = pisahkan_gelar(nama_lengkap)
    assert hasil == NamaBergelar("", " ".join(nama_lengkap.split()), "")
