"""Tes NIP PNS/CPNS dan NI PPPK (modul murni, tanpa Django)."""

from __future__ import annotations

import string
from datetime import date, datetime, timedelta

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from pegawai.nip import (
    NIP,
    NIPTidakValid,
    PenguraiNIP,
    alasan_nip_tidak_valid,
    bersihkan_nip,
    buat_nip_pns,
    buat_nip_pppk,
    cocok_dengan_data,
    parse_nip,
)

HARI_INI = date(2026, 11, 29)


# 12-08-1987, TMT CPNS Januari 2010, laki-laki, nomor urut 1
NIP_PNS = "198708122010011001"
# 12-08-1987, diangkat 2021, kontrak ke-1, laki-laki, nomor urut 1
NIP_PPPK = "198708122021211001"


def alasan(nilai: object, jenis: str = "PNS", hari_ini: date = HARI_INI) -> list[str]:
    return alasan_nip_tidak_valid(nilai, jenis, hari_ini=hari_ini)


def ada_alasan(daftar: list[str], *potongan: str) -> bool:
    """Apakah satu alasan memuat semua potongan teks sekaligus."""
    return any(all(p in a for p in potongan) for a in daftar)


def ganti(nip: str, posisi: int, pengganti: str) -> str:
    """Ganti karakter mulai indeks ``posisi`` (0-based) dengan ``pengganti``."""
    return nip[:posisi] + pengganti + nip[posisi + len(pengganti) :]


# ---------------------------------------------------------------------------
# Contoh valid
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "tanggal_lahir", "tmt_cpns", "jenis_kelamin", "nomor_urut", "format_"),
    [
        (NIP_PNS, date(1987, 8, 12), date(2010, 1, 1), "L", 1, "19870812 201001 1 001"),
        (
            "199203152019032005",
            date(1992, 3, 15),
            date(2019, 3, 1),
            "P",
            5,
            "19920315 201903 2 005",
        ),
        (
            "196512311990121999",
            date(1965, 12, 31),
            date(1990, 12, 1),
            "L",
            999,
            "19651231 199012 1 999",
        ),
        (
            "200002292026112123",
            date(2000, 2, 29),
            date(2026, 11, 1),
            "P",
            123,
            "20000229 202611 2 123",
        ),
    ],
)
def test_nip_pns_valid_semua_bagian(
    nilai: str,
    tanggal_lahir: date,
    tmt_cpns: date,
    jenis_kelamin: str,
    nomor_urut: int,
    format_: str,
) -> None:
    hasil = parse_nip(nilai, "PNS", hari_ini=HARI_INI)
    assert hasil == NIP(
        nip=nilai,
        jenis="PNS",
        tanggal_lahir=tanggal_lahir,
        jenis_kelamin=jenis_kelamin,
        nomor_urut=nomor_urut,
        tmt_cpns=tmt_cpns,
        tahun_pengangkatan=None,
        nomor_kontrak=None,
    )
    assert str(hasil) == nilai
    assert hasil.format() == format_
    assert alasan(nilai) == []


@pytest.mark.parametrize(
    ("nilai", "tanggal_lahir", "tahun", "kontrak", "jenis_kelamin", "nomor_urut", "format_"),
    [
        (NIP_PPPK, date(1987, 8, 12), 2021, 1, "L", 1, "19870812 2021 2 1 1 001"),
        ("199505202023232017", date(1995, 5, 20), 2023, 3, "P", 17, "19950520 2023 2 3 2 017"),
        ("196012012019291999", date(1960, 12, 1), 2019, 9, "L", 999, "19601201 2019 2 9 1 999"),
        ("200811292026212500", date(2008, 11, 29), 2026, 1, "P", 500, "20081129 2026 2 1 2 500"),
    ],
)
def test_ni_pppk_valid_semua_bagian(
    nilai: str,
    tanggal_lahir: date,
    tahun: int,
    kontrak: int,
    jenis_kelamin: str,
    nomor_urut: int,
    format_: str,
) -> None:
    hasil = parse_nip(nilai, "PPPK", hari_ini=HARI_INI)
    assert hasil == NIP(
        nip=nilai,
        jenis="PPPK",
        tanggal_lahir=tanggal_lahir,
        jenis_kelamin=jenis_kelamin,
        nomor_urut=nomor_urut,
        tmt_cpns=None,
        tahun_pengangkatan=tahun,
        nomor_kontrak=kontrak,
    )
    assert str(hasil) == nilai
    assert hasil.format() == format_
    assert alasan(nilai, "PPPK") == []


def test_nip_beku() -> None:
    hasil = parse_nip(NIP_PNS, "PNS")
    with pytest.raises(AttributeError):
        hasil.nomor_urut = 2  # type: ignore[misc]


def test_tanpa_hari_ini_memakai_tanggal_sekarang() -> None:
    hari_ini = date.today()
    bulan_depan = (hari_ini.replace(day=1) + timedelta(days=32)).replace(day=1)
    nip_bulan_ini = buat_nip_pns(date(1990, 1, 1), hari_ini, "L", 1)
    nip_bulan_depan = buat_nip_pns(date(1990, 1, 1), bulan_depan, "L", 1)
    assert parse_nip(nip_bulan_ini, "PNS").tmt_cpns == hari_ini.replace(day=1)
    assert ada_alasan(alasan_nip_tidak_valid(nip_bulan_depan, "PNS"), "TMT CPNS", "masa depan")


# ---------------------------------------------------------------------------
# Jenis pegawai
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("jenis", ["PNS", "pns", " PNS ", "CPNS", "cpns", "\tCpns\n"])
def test_cpns_memakai_aturan_pns(jenis: str) -> None:
    hasil = parse_nip(NIP_PNS, jenis, hari_ini=HARI_INI)
    assert hasil.jenis == "PNS"
    assert hasil.tmt_cpns == date(2010, 1, 1)
    # Aturan PNS, bukan PPPK, yang dipakai untuk CPNS.
    assert ada_alasan(alasan(ganti(NIP_PNS, 12, "13"), jenis), "Bulan TMT CPNS")
    assert alasan(NIP_PPPK, jenis) == [
        "Bulan TMT CPNS pada NIP (digit 13–14: 21) harus 01 sampai 12"
    ]


@pytest.mark.parametrize("jenis", ["PPPK", "pppk", " Pppk "])
def test_jenis_pppk_tidak_peka_huruf_besar(jenis: str) -> None:
    assert parse_nip(NIP_PPPK, jenis, hari_ini=HARI_INI).jenis == "PPPK"


@pytest.mark.parametrize("jenis", ["", "honorer", "P3K", "PNS/PPPK", None, 1])
def test_jenis_pegawai_tidak_dikenal(jenis: object) -> None:
    for fungsi in (parse_nip, alasan_nip_tidak_valid):
        with pytest.raises(ValueError, match="Jenis pegawai tidak dikenal") as info:
            fungsi(NIP_PNS, jenis)  # type: ignore[operator]
        # Kesalahan pemanggil, bukan NIP yang salah.
        assert not isinstance(info.value, NIPTidakValid)


def test_nip_pns_valid_ditolak_sebagai_pppk() -> None:
    daftar = alasan(NIP_PNS, "PPPK")
    assert ada_alasan(daftar, "Digit ke-13", "harus 2", "tertulis 0")
    assert ada_alasan(daftar, "Tahun pengangkatan PPPK", "2010", "2019")
    with pytest.raises(NIPTidakValid):
        parse_nip(NIP_PNS, "PPPK", hari_ini=HARI_INI)


def test_nip_pns_tmt_oktober_sebagai_pppk_juga_kontrak_nol() -> None:
    # Bulan 10: digit ke-13 = 1 (bukan 2) dan digit ke-14 = 0 (nomor kontrak tidak ada).
    nilai = "199001012019101001"
    assert alasan(nilai, "PNS") == []
    daftar = alasan(nilai, "PPPK")
    assert ada_alasan(daftar, "Digit ke-13", "tertulis 1")
    assert ada_alasan(daftar, "Nomor kontrak", "tidak boleh 0")


def test_ni_pppk_valid_ditolak_sebagai_pns() -> None:
    daftar = alasan(NIP_PPPK, "PNS")
    assert daftar == ["Bulan TMT CPNS pada NIP (digit 13–14: 21) harus 01 sampai 12"]
    with pytest.raises(NIPTidakValid):
        parse_nip(NIP_PPPK, "CPNS", hari_ini=HARI_INI)


# ---------------------------------------------------------------------------
# Pembersihan
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "nilai",
    [
        NIP_PNS,
        "19870812 201001 1 001",
        "19870812  201001  1  001",
        "  198708122010011001\t\n",
        "19870812.201001.1.001",
        "19870812-201001-1-001",
        "19870812–201001–1–001",  # tanda pisah (en dash) dari Word
        "'198708122010011001",
        "'19870812 201001 1 001",
        "  '198708122010011001",
        "\u2019198708122010011001",
        "19870812\u00a0201001\u00a01\u00a0001",
        "19870812\u202f201001\u20091\u2007001",
        "\ufeff198708122010011001\u200b",
        198708122010011001,
    ],
)
def test_bersihkan_nip(nilai: object) -> None:
    assert bersihkan_nip(nilai) == NIP_PNS
    assert parse_nip(nilai, "PNS", hari_ini=HARI_INI).nip == NIP_PNS


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        (None, ""),
        ("", ""),
        ("   ", ""),
        ("'", ""),
        ("abc", "abc"),
        ("12/34", "12/34"),
        ("1987'0812", "1987'0812"),  # hanya apostrof di depan yang penanda teks Excel
        ("''123", "'123"),
        ("1.98708122E+17", "198708122E+17"),
    ],
)
def test_bersihkan_nip_tidak_memvalidasi(nilai: object, hasil: str) -> None:
    assert bersihkan_nip(nilai) == hasil


def test_bersihkan_nip_tidak_pernah_gagal() -> None:
    class Rusak:
        def __str__(self) -> str:
            raise RuntimeError("rusak")

    assert bersihkan_nip(Rusak()) == ""


# ---------------------------------------------------------------------------
# Kerusakan oleh Excel
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "nilai",
    [
        "1.98708122E+17",
        "1,98708E+17",
        "1.98708122e+17",
        "1.98708122E17",
        " '1.98708122E+17 ",
        "1.98708E+17 ",
        1.9870812201001101e17,
    ],
)
def test_notasi_ilmiah_dari_excel(nilai: object) -> None:
    daftar = alasan(nilai)
    assert len(daftar) == 1
    pesan = daftar[0]
    assert "notasi ilmiah" in pesan
    assert "Excel" in pesan
    assert "digit" in pesan and "hilang" in pesan
    assert "Format kolom NIP sebagai Teks" in pesan
    assert str(nilai).strip().lstrip("'").strip() in pesan
    assert alasan(nilai, "PPPK") == daftar


@pytest.mark.parametrize(
    "nilai",
    [
        "198708122010011001.0",
        "198708122010011000.0",
        "198708122010011001,0",
        "'198708122010011001.00",
    ],
)
def test_desimal_nol_dari_excel(nilai: str) -> None:
    daftar = alasan(nilai)
    assert len(daftar) == 1
    assert "angka desimal" in daftar[0]
    assert "Excel" in daftar[0]
    assert "Format kolom NIP sebagai Teks" in daftar[0]
    assert nilai.lstrip("'") in daftar[0]


def test_float_dengan_desimal_nol() -> None:
    assert ada_alasan(alasan(1987081220.0), "angka desimal", "1987081220.0")


def test_nip_bertitik_bukan_notasi_ilmiah() -> None:
    # Titik pemisah kelompok bukan desimal dari Excel.
    assert alasan("19870812.201001.1.001") == []


# ---------------------------------------------------------------------------
# Kosong, karakter asing, panjang
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("nilai", ["", "   ", None, "'", " . - ", "\u00a0"])
def test_nip_kosong(nilai: object) -> None:
    assert alasan(nilai, "PNS") == ["NIP kosong"]
    assert alasan(nilai, "PPPK") == ["NI PPPK kosong"]
    with pytest.raises(NIPTidakValid) as info:
        parse_nip(nilai, "PNS")
    assert info.value.alasan == ["NIP kosong"]


@pytest.mark.parametrize(
    ("nilai", "karakter", "jumlah_digit"),
    [
        ("19870812201001100A", ["'A'"], 17),
        ("1987O8122010011001", ["'O'"], 17),
        ("19870812/201001/1/001", ["'/'"], 18),
        ("NIP: 198708122010011001", ["'N'", "'I'", "'P'", "':'"], 18),
        ("abc", ["'a'", "'b'", "'c'"], 0),
    ],
)
def test_karakter_selain_angka_disebutkan(
    nilai: str, karakter: list[str], jumlah_digit: int
) -> None:
    daftar = alasan(nilai)
    assert ada_alasan(daftar, "karakter selain angka", *karakter)
    if jumlah_digit == 18:
        assert len(daftar) == 1
    else:
        assert ada_alasan(daftar, "18 digit", f"ditemukan {jumlah_digit} digit")
        assert len(daftar) == 2


def test_karakter_asing_disebut_sekali() -> None:
    (pesan,) = alasan("1987x0812x2010x011001")
    assert pesan.count("'x'") == 1


@pytest.mark.parametrize("nilai", [NIP_PNS[:-1], NIP_PNS + "1", NIP_PNS[:10], NIP_PNS * 2, "1"])
def test_panjang_bukan_18(nilai: str) -> None:
    assert alasan(nilai) == [
        f"NIP harus terdiri dari 18 digit angka, tetapi ditemukan {len(nilai)} digit"
    ]
    assert alasan(nilai, "PPPK") == [
        f"NI PPPK harus terdiri dari 18 digit angka, tetapi ditemukan {len(nilai)} digit"
    ]


# ---------------------------------------------------------------------------
# Tanggal lahir (digit 1-8)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tanggal", ["19870230", "19870010", "19871301", "19870832", "19870800", "19890229"]
)
@pytest.mark.parametrize(("nip_dasar", "jenis"), [(NIP_PNS, "PNS"), (NIP_PPPK, "PPPK")])
def test_tanggal_lahir_tidak_ada_di_kalender(tanggal: str, nip_dasar: str, jenis: str) -> None:
    daftar = alasan(ganti(nip_dasar, 0, tanggal), jenis)
    assert len(daftar) == 1
    assert ada_alasan(daftar, "Tanggal lahir", tanggal, "bukan tanggal yang valid")


def test_tanggal_29_februari_tahun_kabisat_valid() -> None:
    assert parse_nip(ganti(NIP_PNS, 0, "19880229"), "PNS").tanggal_lahir == date(1988, 2, 29)


@pytest.mark.parametrize(("nip_dasar", "jenis"), [(NIP_PNS, "PNS"), (NIP_PPPK, "PPPK")])
def test_tahun_lahir_sebelum_1940(nip_dasar: str, jenis: str) -> None:
    daftar = alasan(ganti(nip_dasar, 0, "19391231"), jenis)
    assert len(daftar) == 1
    assert ada_alasan(daftar, "Tahun lahir", "1939", "sebelum tahun 1940")
    assert alasan(ganti(nip_dasar, 0, "19400101"), jenis) == []


def test_tahun_lahir_tidak_valid_dan_tanggal_tidak_valid_sekaligus() -> None:
    daftar = alasan(ganti(NIP_PNS, 0, "19300230"))
    assert ada_alasan(daftar, "bukan tanggal yang valid")
    assert ada_alasan(daftar, "1930", "sebelum tahun 1940")


@pytest.mark.parametrize(("nip_dasar", "jenis"), [(NIP_PNS, "PNS"), (NIP_PPPK, "PPPK")])
def test_tanggal_lahir_di_masa_depan(nip_dasar: str, jenis: str) -> None:
    daftar = alasan(ganti(nip_dasar, 0, "20261130"), jenis)
    assert ada_alasan(daftar, "Tanggal lahir", "30 November 2026", "masa depan")


def test_tanggal_lahir_hari_ini_bukan_masa_depan() -> None:
    daftar = alasan(ganti(NIP_PNS, 0, "20261129"))
    assert not ada_alasan(daftar, "Tanggal lahir", "masa depan")
    # Tetap ditolak, tetapi karena TMT sebelum tahun lahir.
    assert ada_alasan(daftar, "Tahun TMT CPNS", "lebih awal dari tahun lahir", "2026")


# ---------------------------------------------------------------------------
# TMT CPNS (digit 9-14), khusus PNS
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("bulan", ["00", "13", "19", "20", "99"])
def test_bulan_tmt_tidak_valid(bulan: str) -> None:
    daftar = alasan(ganti(NIP_PNS, 12, bulan))
    assert daftar == [f"Bulan TMT CPNS pada NIP (digit 13–14: {bulan}) harus 01 sampai 12"]


@pytest.mark.parametrize("bulan", [f"{b:02d}" for b in range(1, 13)])
def test_bulan_tmt_valid(bulan: str) -> None:
    assert parse_nip(ganti(NIP_PNS, 12, bulan), "PNS").tmt_cpns == date(2010, int(bulan), 1)


def test_tahun_tmt_sebelum_1950() -> None:
    # Tidak bisa dilanggar sendirian: lahir >= 1940 dan usia minimal 18 berarti TMT >= 1958.
    daftar = alasan(ganti(ganti(NIP_PNS, 0, "19400101"), 8, "1949"))
    assert ada_alasan(daftar, "Tahun TMT CPNS", "1949", "sebelum tahun 1950")
    assert ada_alasan(daftar, "berusia 9 tahun")
    assert len(daftar) == 2


@pytest.mark.parametrize(("tahun_tmt", "usia"), [("2004", 17), ("1990", 3), ("1987", 0)])
def test_usia_di_bawah_18_saat_tmt(tahun_tmt: str, usia: int) -> None:
    daftar = alasan(ganti(NIP_PNS, 8, tahun_tmt))
    assert daftar == [
        f"Tahun TMT CPNS pada NIP ({tahun_tmt}) berarti pegawai baru berusia {usia} tahun saat "
        "diangkat; usia minimal 18 tahun"
    ]


def test_usia_tepat_18_tahun_diterima() -> None:
    assert alasan(ganti(NIP_PNS, 8, "2005")) == []


def test_tmt_sebelum_tahun_lahir() -> None:
    daftar = alasan(ganti(NIP_PNS, 8, "1986"))
    assert daftar == ["Tahun TMT CPNS pada NIP (1986) lebih awal dari tahun lahir pada NIP (1987)"]


@pytest.mark.parametrize(
    ("tmt", "teks"),
    [("202612", "Desember 2026"), ("202701", "Januari 2027"), ("209905", "Mei 2099")],
)
def test_tmt_di_masa_depan(tmt: str, teks: str) -> None:
    daftar = alasan(ganti(NIP_PNS, 8, tmt))
    assert daftar == [f"TMT CPNS pada NIP ({teks}) berada di masa depan (setelah November 2026)"]


def test_tmt_bulan_ini_diterima() -> None:
    assert parse_nip(ganti(NIP_PNS, 8, "202611"), "PNS", hari_ini=HARI_INI).tmt_cpns == date(
        2026, 11, 1
    )


def test_tmt_tahun_depan_dengan_bulan_tidak_valid() -> None:
    daftar = alasan(ganti(NIP_PNS, 8, "202713"))
    assert ada_alasan(daftar, "Bulan TMT CPNS", "13")
    assert ada_alasan(daftar, "Tahun TMT CPNS", "2027", "masa depan")
    assert len(daftar) == 2


# ---------------------------------------------------------------------------
# Bagian khusus PPPK (digit 9-14)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("tahun", ["2018", "2010", "2005"])
def test_pppk_sebelum_2019(tahun: str) -> None:
    daftar = alasan(ganti(NIP_PPPK, 8, tahun), "PPPK")
    assert daftar == [
        f"Tahun pengangkatan PPPK pada NI PPPK (digit 9–12: {tahun}) sebelum tahun 2019; "
        "PPPK baru diangkat sejak 2019"
    ]


def test_pppk_2019_diterima() -> None:
    assert parse_nip(ganti(NIP_PPPK, 8, "2019"), "PPPK").tahun_pengangkatan == 2019


def test_pppk_usia_di_bawah_18() -> None:
    daftar = alasan(ganti(NIP_PPPK, 0, "20050101"), "PPPK")  # diangkat 2021
    assert daftar == [
        "Tahun pengangkatan PPPK pada NI PPPK (2021) berarti pegawai baru berusia 16 tahun saat "
        "diangkat; usia minimal 18 tahun"
    ]
    assert alasan(ganti(NIP_PPPK, 0, "20030101"), "PPPK") == []


def test_pppk_tahun_di_masa_depan() -> None:
    daftar = alasan(ganti(NIP_PPPK, 8, "2027"), "PPPK")
    assert daftar == [
        "Tahun pengangkatan PPPK pada NI PPPK (2027) berada di masa depan (setelah tahun 2026)"
    ]
    assert alasan(ganti(NIP_PPPK, 8, "2026"), "PPPK") == []


@pytest.mark.parametrize("digit", [d for d in "0123456789" if d != "2"])
def test_pppk_digit_13_harus_2(digit: str) -> None:
    daftar = alasan(ganti(NIP_PPPK, 12, digit), "PPPK")
    assert daftar == [f"Digit ke-13 NI PPPK harus 2, tetapi tertulis {digit}"]


def test_pppk_nomor_kontrak_nol() -> None:
    daftar = alasan(ganti(NIP_PPPK, 13, "0"), "PPPK")
    assert daftar == [
        "Nomor kontrak PPPK pada NI PPPK (digit ke-14) tidak boleh 0; nomor kontrak dimulai dari 1"
    ]


@pytest.mark.parametrize("kontrak", range(1, 10))
def test_pppk_nomor_kontrak_valid(kontrak: int) -> None:
    hasil = parse_nip(ganti(NIP_PPPK, 13, str(kontrak)), "PPPK", hari_ini=HARI_INI)
    assert hasil.nomor_kontrak == kontrak


# ---------------------------------------------------------------------------
# Jenis kelamin (digit 15) dan nomor urut (digit 16-18)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("digit", ["0", "3", "4", "5", "6", "7", "8", "9"])
@pytest.mark.parametrize(
    ("nip_dasar", "jenis", "sebutan"), [(NIP_PNS, "PNS", "NIP"), (NIP_PPPK, "PPPK", "NI PPPK")]
)
def test_kode_jenis_kelamin_tidak_valid(
    digit: str, nip_dasar: str, jenis: str, sebutan: str
) -> None:
    daftar = alasan(ganti(nip_dasar, 14, digit), jenis)
    assert daftar == [
        f"Kode jenis kelamin pada {sebutan} (digit ke-15: {digit}) harus 1 (laki-laki) "
        "atau 2 (perempuan)"
    ]


@pytest.mark.parametrize(("digit", "kode"), [("1", "L"), ("2", "P")])
@pytest.mark.parametrize(("nip_dasar", "jenis"), [(NIP_PNS, "PNS"), (NIP_PPPK, "PPPK")])
def test_kode_jenis_kelamin_valid(digit: str, kode: str, nip_dasar: str, jenis: str) -> None:
    assert parse_nip(ganti(nip_dasar, 14, digit), jenis, hari_ini=HARI_INI).jenis_kelamin == kode


@pytest.mark.parametrize(
    ("nip_dasar", "jenis", "sebutan"), [(NIP_PNS, "PNS", "NIP"), (NIP_PPPK, "PPPK", "NI PPPK")]
)
def test_nomor_urut_000(nip_dasar: str, jenis: str, sebutan: str) -> None:
    daftar = alasan(ganti(nip_dasar, 15, "000"), jenis)
    assert daftar == [
        f"Nomor urut pada {sebutan} (digit 16–18) tidak boleh 000; nomor urut dimulai dari 001"
    ]


@pytest.mark.parametrize(("urut", "angka"), [("001", 1), ("010", 10), ("100", 100), ("999", 999)])
def test_nomor_urut_valid(urut: str, angka: int) -> None:
    assert parse_nip(ganti(NIP_PNS, 15, urut), "PNS").nomor_urut == angka


# ---------------------------------------------------------------------------
# Banyak pelanggaran sekaligus
# ---------------------------------------------------------------------------


def test_semua_alasan_dikumpulkan_pns() -> None:
    nilai = "19870230 203013 3 000"
    daftar = alasan(nilai)
    assert ada_alasan(daftar, "Tanggal lahir", "19870230", "bukan tanggal yang valid")
    assert ada_alasan(daftar, "Bulan TMT CPNS", "13")
    assert ada_alasan(daftar, "Tahun TMT CPNS", "2030", "masa depan")
    assert ada_alasan(daftar, "jenis kelamin", "digit ke-15: 3")
    assert ada_alasan(daftar, "Nomor urut", "000")
    assert len(daftar) == 5
    with pytest.raises(NIPTidakValid) as info:
        parse_nip(nilai, "PNS", hari_ini=HARI_INI)
    assert info.value.alasan == daftar
    assert str(info.value) == "; ".join(daftar)
    assert info.value.nilai == nilai


def test_semua_alasan_dikumpulkan_pppk() -> None:
    daftar = alasan("19391301 2018 7 0 9 000", "PPPK")
    assert ada_alasan(daftar, "Tanggal lahir", "bukan tanggal yang valid")
    assert ada_alasan(daftar, "Tahun lahir", "1939")
    assert ada_alasan(daftar, "Tahun pengangkatan PPPK", "2018", "2019")
    assert ada_alasan(daftar, "Digit ke-13", "tertulis 7")
    assert ada_alasan(daftar, "Nomor kontrak", "tidak boleh 0")
    assert ada_alasan(daftar, "jenis kelamin", "digit ke-15: 9")
    assert ada_alasan(daftar, "Nomor urut", "000")
    assert len(daftar) == 7


def test_nip_tidak_valid_adalah_value_error() -> None:
    galat = NIPTidakValid(["satu", "dua"], "123")
    assert isinstance(galat, ValueError)
    assert galat.alasan == ["satu", "dua"]
    assert str(galat) == "satu; dua"
    assert galat.nilai == "123"
    assert NIPTidakValid("tunggal").alasan == ["tunggal"]


# ---------------------------------------------------------------------------
# buat_nip_pns / buat_nip_pppk
# ---------------------------------------------------------------------------


def test_buat_nip_pns() -> None:
    assert buat_nip_pns(date(1987, 8, 12), date(2010, 1, 1), "L", 1) == NIP_PNS
    # Hari pada TMT diabaikan; huruf kecil diterima.
    assert buat_nip_pns(date(1992, 3, 15), date(2019, 3, 31), "p", 5) == "199203152019032005"


def test_buat_nip_pppk() -> None:
    assert buat_nip_pppk(date(1987, 8, 12), 2021, 1, "L", 1) == NIP_PPPK
    assert buat_nip_pppk(date(1995, 5, 20), 2023, 3, " P ", 17) == "199505202023232017"


@pytest.mark.parametrize("jenis_kelamin", ["X", "1", "2", "", "Laki-laki", None])
def test_buat_nip_jenis_kelamin_tidak_valid(jenis_kelamin: object) -> None:
    with pytest.raises(ValueError, match="Jenis kelamin harus 'L' atau 'P'"):
        buat_nip_pns(date(1987, 8, 12), date(2010, 1, 1), jenis_kelamin, 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Jenis kelamin harus 'L' atau 'P'"):
        buat_nip_pppk(date(1987, 8, 12), 2021, 1, jenis_kelamin, 1)  # type: ignore[arg-type]


@pytest.mark.parametrize("nomor_urut", [0, 1000, -1, True, 1.0, "1"])
def test_buat_nip_nomor_urut_tidak_valid(nomor_urut: object) -> None:
    with pytest.raises(ValueError, match="Nomor urut harus bilangan bulat 1 sampai 999"):
        buat_nip_pns(date(1987, 8, 12), date(2010, 1, 1), "L", nomor_urut)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Nomor urut harus bilangan bulat 1 sampai 999"):
        buat_nip_pppk(date(1987, 8, 12), 2021, 1, "L", nomor_urut)  # type: ignore[arg-type]


@pytest.mark.parametrize("kontrak", [0, 10, -1])
def test_buat_nip_pppk_nomor_kontrak_tidak_valid(kontrak: int) -> None:
    with pytest.raises(ValueError, match="Nomor kontrak harus bilangan bulat 1 sampai 9"):
        buat_nip_pppk(date(1987, 8, 12), 2021, kontrak, "L", 1)


@pytest.mark.parametrize("tahun", [999, 10000, 21])
def test_buat_nip_pppk_tahun_tidak_4_digit(tahun: int) -> None:
    with pytest.raises(
        ValueError, match="Tahun pengangkatan harus bilangan bulat 1000 sampai 9999"
    ):
        buat_nip_pppk(date(1987, 8, 12), tahun, 1, "L", 1)


# ---------------------------------------------------------------------------
# cocok_dengan_data
# ---------------------------------------------------------------------------


def test_cocok_dengan_data_sesuai() -> None:
    nip = parse_nip(NIP_PNS, "PNS")
    assert cocok_dengan_data(nip) == []
    assert cocok_dengan_data(nip, jenis_kelamin="L", tanggal_lahir=date(1987, 8, 12)) == []
    assert cocok_dengan_data(nip, jenis_kelamin=" l ") == []
    assert cocok_dengan_data(nip, tanggal_lahir=datetime(1987, 8, 12, 7, 30)) == []


@pytest.mark.parametrize("kosong", [None, "", "  "])
def test_cocok_dengan_data_jenis_kelamin_kosong_tidak_dibandingkan(kosong: str | None) -> None:
    assert cocok_dengan_data(parse_nip(NIP_PNS, "PNS"), jenis_kelamin=kosong) == []


def test_cocok_dengan_data_jenis_kelamin_berbeda() -> None:
    assert cocok_dengan_data(parse_nip(NIP_PNS, "PNS"), jenis_kelamin="P") == [
        "Jenis kelamin (P, perempuan) tidak sesuai dengan NIP: digit ke-15 bernilai 1 (laki-laki)"
    ]
    nip_perempuan = parse_nip(ganti(NIP_PPPK, 14, "2"), "PPPK")
    assert cocok_dengan_data(nip_perempuan, jenis_kelamin="L") == [
        "Jenis kelamin (L, laki-laki) tidak sesuai dengan NI PPPK: digit ke-15 bernilai 2 "
        "(perempuan)"
    ]


def test_cocok_dengan_data_tanggal_lahir_berbeda() -> None:
    assert cocok_dengan_data(parse_nip(NIP_PNS, "PNS"), tanggal_lahir=date(1987, 12, 8)) == [
        "Tanggal lahir (8 Desember 1987) tidak sesuai dengan tanggal lahir pada NIP "
        "(12 Agustus 1987)"
    ]


def test_cocok_dengan_data_keduanya_berbeda() -> None:
    daftar = cocok_dengan_data(
        parse_nip(NIP_PNS, "PNS"), jenis_kelamin="P", tanggal_lahir=date(1988, 8, 12)
    )
    assert len(daftar) == 2
    assert ada_alasan(daftar, "Jenis kelamin")
    assert ada_alasan(daftar, "Tanggal lahir", "12 Agustus 1988", "12 Agustus 1987")


@pytest.mark.parametrize("jenis_kelamin", ["1", "2", "Laki-laki", "Perempuan", "X", "LP"])
def test_cocok_dengan_data_jenis_kelamin_hanya_l_atau_p(jenis_kelamin: str) -> None:
    with pytest.raises(ValueError, match="Jenis kelamin harus 'L' atau 'P'"):
        cocok_dengan_data(parse_nip(NIP_PNS, "PNS"), jenis_kelamin=jenis_kelamin)


# ---------------------------------------------------------------------------
# Property-based
# ---------------------------------------------------------------------------

tanggal_lahir_st = st.dates(min_value=date(1940, 1, 1), max_value=date(2008, 12, 31))
jenis_kelamin_st = st.sampled_from(["L", "P"])
nomor_urut_st = st.integers(min_value=1, max_value=999)


@st.composite
def data_pns(draw: st.DrawFn) -> dict[str, object]:
    lahir = draw(tanggal_lahir_st)
    tahun_tmt = draw(st.integers(min_value=max(1950, lahir.year + 18), max_value=HARI_INI.year))
    bulan_maks = HARI_INI.month if tahun_tmt == HARI_INI.year else 12
    bulan_tmt = draw(st.integers(min_value=1, max_value=bulan_maks))
    return {
        "tanggal_lahir": lahir,
        "tmt_cpns": date(tahun_tmt, bulan_tmt, 1),
        "jenis_kelamin": draw(jenis_kelamin_st),
        "nomor_urut": draw(nomor_urut_st),
    }


@st.composite
def data_pppk(draw: st.DrawFn) -> dict[str, object]:
    lahir = draw(tanggal_lahir_st)
    tahun = draw(st.integers(min_value=max(2019, lahir.year + 18), max_value=HARI_INI.year))
    return {
        "tanggal_lahir": lahir,
        "tahun_pengangkatan": tahun,
        "nomor_kontrak": draw(st.integers(min_value=1, max_value=9)),
        "jenis_kelamin": draw(jenis_kelamin_st),
        "nomor_urut": draw(nomor_urut_st),
    }


nip_pns_valid_st = data_pns().map(lambda d: buat_nip_pns(**d))  # type: ignore[arg-type]
nip_pppk_valid_st = data_pppk().map(lambda d: buat_nip_pppk(**d))  # type: ignore[arg-type]
nip_valid_st = st.one_of(
    nip_pns_valid_st.map(lambda n: (n, "PNS")), nip_pppk_valid_st.map(lambda n: (n, "PPPK"))
)


@given(data_pns())
def test_pns_bolak_balik(data: dict[str, object]) -> None:
    nilai = buat_nip_pns(**data)  # type: ignore[arg-type]
    hasil = parse_nip(nilai, "PNS", hari_ini=HARI_INI)
    assert hasil == NIP(
        nip=nilai,
        jenis="PNS",
        tanggal_lahir=data["tanggal_lahir"],  # type: ignore[arg-type]
        jenis_kelamin=data["jenis_kelamin"],  # type: ignore[arg-type]
        nomor_urut=data["nomor_urut"],  # type: ignore[arg-type]
        tmt_cpns=data["tmt_cpns"],  # type: ignore[arg-type]
    )
    assert str(hasil) == nilai
    assert bersihkan_nip(hasil.format()) == nilai
    assert parse_nip(hasil.format(), "CPNS", hari_ini=HARI_INI) == hasil


@given(data_pppk())
def test_pppk_bolak_balik(data: dict[str, object]) -> None:
    nilai = buat_nip_pppk(**data)  # type: ignore[arg-type]
    hasil = parse_nip(nilai, "PPPK", hari_ini=HARI_INI)
    assert hasil == NIP(
        nip=nilai,
        jenis="PPPK",
        tanggal_lahir=data["tanggal_lahir"],  # type: ignore[arg-type]
        jenis_kelamin=data["jenis_kelamin"],  # type: ignore[arg-type]
        nomor_urut=data["nomor_urut"],  # type: ignore[arg-type]
        tahun_pengangkatan=data["tahun_pengangkatan"],  # type: ignore[arg-type]
        nomor_kontrak=data["nomor_kontrak"],  # type: ignore[arg-type]
    )
    assert str(hasil) == nilai
    assert bersihkan_nip(hasil.format()) == nilai
    assert parse_nip(hasil.format(), "PPPK", hari_ini=HARI_INI) == hasil


@given(nip_valid_st, st.data())
def test_pemisah_acak_tetap_dibersihkan(nip_jenis: tuple[str, str], data: st.DataObject) -> None:
    nilai, jenis = nip_jenis
    pemisah = st.sampled_from(["", "", " ", ".", "-", "\u00a0", "  ", " - "])
    kotor = "".join(ch + data.draw(pemisah) for ch in nilai)
    if data.draw(st.booleans()):
        kotor = "'" + kotor
    assert bersihkan_nip(kotor) == nilai
    assert parse_nip(kotor, jenis, hari_ini=HARI_INI).nip == nilai


@given(nip_pns_valid_st)
def test_nip_pns_valid_tidak_pernah_valid_sebagai_pppk(nilai: str) -> None:
    # Digit ke-13 NIP PNS adalah puluhan bulan (0 atau 1), tidak pernah 2.
    assert ada_alasan(alasan(nilai, "PPPK"), "Digit ke-13", f"tertulis {nilai[12]}")


@given(nip_pppk_valid_st)
def test_ni_pppk_valid_tidak_pernah_valid_sebagai_pns(nilai: str) -> None:
    # Digit ke-13 NI PPPK selalu 2, sehingga "bulan" TMT-nya 20-29.
    assert ada_alasan(alasan(nilai, "PNS"), "Bulan TMT CPNS", nilai[12:14])


@given(nip_valid_st, st.integers(min_value=3, max_value=9))
def test_mutasi_bulan_lahir_13_sampai_19(nip_jenis: tuple[str, str], satuan: int) -> None:
    nilai, jenis = nip_jenis
    daftar = alasan(ganti(nilai, 4, f"1{satuan}"), jenis)
    assert ada_alasan(daftar, "Tanggal lahir", "bukan tanggal yang valid")


@given(nip_valid_st, st.integers(min_value=2, max_value=9))
def test_mutasi_hari_lahir_32_ke_atas(nip_jenis: tuple[str, str], satuan: int) -> None:
    nilai, jenis = nip_jenis
    daftar = alasan(ganti(nilai, 6, f"3{satuan}"), jenis)
    assert ada_alasan(daftar, "Tanggal lahir", f"3{satuan}", "bukan tanggal yang valid")


@given(nip_valid_st, st.integers(min_value=1900, max_value=1939))
def test_mutasi_tahun_lahir_sebelum_1940(nip_jenis: tuple[str, str], tahun: int) -> None:
    nilai, jenis = nip_jenis
    daftar = alasan(ganti(nilai, 0, str(tahun)), jenis)
    assert ada_alasan(daftar, "Tahun lahir", str(tahun), "sebelum tahun 1940")


@given(nip_pns_valid_st, st.sampled_from(["00", "13", "14", "15", "16", "17", "18", "19"]))
def test_mutasi_bulan_tmt(nilai: str, bulan: str) -> None:
    daftar = alasan(ganti(nilai, 12, bulan), "PNS")
    assert ada_alasan(daftar, "Bulan TMT CPNS", bulan, "01 sampai 12")


@given(nip_pns_valid_st, st.integers(min_value=HARI_INI.year + 1, max_value=2999))
def test_mutasi_tahun_tmt_masa_depan(nilai: str, tahun: int) -> None:
    daftar = alasan(ganti(nilai, 8, str(tahun)), "PNS")
    assert ada_alasan(daftar, "TMT CPNS", str(tahun), "masa depan")


@given(nip_pppk_valid_st, st.integers(min_value=1950, max_value=2018))
def test_mutasi_tahun_pppk_sebelum_2019(nilai: str, tahun: int) -> None:
    daftar = alasan(ganti(nilai, 8, str(tahun)), "PPPK")
    assert ada_alasan(daftar, "Tahun pengangkatan PPPK", str(tahun), "sebelum tahun 2019")


@given(nip_pppk_valid_st, st.sampled_from("013456789"))
def test_mutasi_digit_13_pppk(nilai: str, digit: str) -> None:
    daftar = alasan(ganti(nilai, 12, digit), "PPPK")
    assert ada_alasan(daftar, "Digit ke-13", f"tertulis {digit}")


@given(nip_pppk_valid_st)
def test_mutasi_nomor_kontrak_nol(nilai: str) -> None:
    assert ada_alasan(alasan(ganti(nilai, 13, "0"), "PPPK"), "Nomor kontrak", "tidak boleh 0")


@given(nip_valid_st, st.sampled_from("03456789"))
def test_mutasi_digit_jenis_kelamin(nip_jenis: tuple[str, str], digit: str) -> None:
    nilai, jenis = nip_jenis
    daftar = alasan(ganti(nilai, 14, digit), jenis)
    assert ada_alasan(daftar, "jenis kelamin", f"digit ke-15: {digit}")


@given(nip_valid_st)
def test_mutasi_nomor_urut_000(nip_jenis: tuple[str, str]) -> None:
    nilai, jenis = nip_jenis
    assert ada_alasan(alasan(ganti(nilai, 15, "000"), jenis), "Nomor urut", "000")


@given(nip_valid_st, st.integers(min_value=0, max_value=17))
def test_mutasi_hapus_satu_digit(nip_jenis: tuple[str, str], posisi: int) -> None:
    nilai, jenis = nip_jenis
    daftar = alasan(nilai[:posisi] + nilai[posisi + 1 :], jenis)
    assert len(daftar) == 1
    assert "18 digit" in daftar[0] and "ditemukan 17 digit" in daftar[0]


@given(nip_valid_st, st.integers(min_value=0, max_value=18), st.sampled_from("0123456789"))
def test_mutasi_sisip_satu_digit(nip_jenis: tuple[str, str], posisi: int, digit: str) -> None:
    nilai, jenis = nip_jenis
    daftar = alasan(nilai[:posisi] + digit + nilai[posisi:], jenis)
    assert len(daftar) == 1
    assert "18 digit" in daftar[0] and "ditemukan 19 digit" in daftar[0]


@given(
    nip_valid_st,
    st.integers(min_value=0, max_value=18),
    # Koma/titik tidak dipakai: "...01,0" memang sah dibaca sebagai desimal dari Excel.
    st.sampled_from(string.ascii_letters + "/;:#"),
)
def test_mutasi_sisip_huruf(nip_jenis: tuple[str, str], posisi: int, huruf: str) -> None:
    nilai, jenis = nip_jenis
    daftar = alasan(nilai[:posisi] + huruf + nilai[posisi:], jenis)
    assert daftar == [
        f"{'NI PPPK' if jenis == 'PPPK' else 'NIP'} mengandung karakter selain angka: {huruf!r}"
    ]


@given(
    nip_valid_st,
    st.integers(min_value=0, max_value=17),
    st.sampled_from(string.ascii_letters),
)
def test_mutasi_ganti_digit_dengan_huruf(
    nip_jenis: tuple[str, str], posisi: int, huruf: str
) -> None:
    nilai, jenis = nip_jenis
    daftar = alasan(ganti(nilai, posisi, huruf), jenis)
    assert ada_alasan(daftar, "karakter selain angka", repr(huruf))
    assert ada_alasan(daftar, "ditemukan 17 digit")


@given(
    nip_valid_st,
    st.integers(min_value=0, max_value=17),
    st.sampled_from("0123456789"),
)
def test_ganti_satu_digit_sembarang_konsisten(
    nip_jenis: tuple[str, str], posisi: int, digit: str
) -> None:
    """Perubahan satu digit bisa saja tetap valid; yang dijamin: hasil selalu konsisten."""
    nilai, jenis = nip_jenis
    assume(nilai[posisi] != digit)
    mutan = ganti(nilai, posisi, digit)
    daftar = alasan(mutan, jenis)
    if daftar:
        with pytest.raises(NIPTidakValid) as info:
            parse_nip(mutan, jenis, hari_ini=HARI_INI)
        assert info.value.alasan == daftar
    else:
        hasil = parse_nip(mutan, jenis, hari_ini=HARI_INI)
        if jenis == "PNS":
            assert hasil.tmt_cpns is not None
            dibangun = buat_nip_pns(
                hasil.tanggal_lahir, hasil.tmt_cpns, hasil.jenis_kelamin, hasil.nomor_urut
            )
        else:
            assert hasil.tahun_pengangkatan is not None and hasil.nomor_kontrak is not None
            dibangun = buat_nip_pppk(
                hasil.tanggal_lahir,
                hasil.tahun_pengangkatan,
                hasil.nomor_kontrak,
                hasil.jenis_kelamin,
                hasil.nomor_urut,
            )
        assert dibangun == mutan


@given(st.text(max_size=30), st.sampled_from(["PNS", "CPNS", "PPPK"]))
def test_teks_sembarang_tidak_pernah_membuat_galat_lain(teks: str, jenis: str) -> None:
    daftar = alasan(teks, jenis)
    assert all(isinstance(a, str) and a for a in daftar)
    if not daftar:
        hasil = parse_nip(teks, jenis, hari_ini=HARI_INI)
        assert hasil.nip == bersihkan_nip(teks)
        assert len(hasil.nip) == 18


# --- PenguraiNIP: jalur cepat impor, harus sama persis dengan parse_nip ----------------------


def _hasil_parse(nilai: str, jenis: str, hari_ini: date):
    try:
        return parse_nip(nilai, jenis, hari_ini=hari_ini)
    except NIPTidakValid:
        return None


# Digit yang dekat dengan batas setiap aturan: tahun 1939/1940/1949/1950/2018/2019/…, bulan 00/13,
# tanggal 29–31, usia 17/18 tahun saat diangkat, TMT bulan ini/bulan depan, digit ke-13 selain 2,
# kontrak 0, jenis kelamin selain 1/2, nomor urut 000.
_TAHUN = st.sampled_from([1939, 1940, 1949, 1950, 1987, 2001, 2008, 2018, 2019, 2025, 2026, 2027])


@st.composite
def _nip_mendekati_batas(draw) -> str:
    lahir = draw(_TAHUN)
    angkat = draw(st.one_of(_TAHUN, st.sampled_from([lahir + 17, lahir + 18])))
    return "".join(
        (
            str(lahir),
            draw(st.sampled_from(["00", "01", "02", "12", "13"])),
            draw(st.sampled_from(["01", "28", "29", "30", "31"])),
            str(angkat),
            draw(st.sampled_from(["00", "01", "02", "11", "12", "13", "20", "21", "22", "29"])),
            draw(st.sampled_from("0123")),
            draw(st.sampled_from(["000", "001", "999"])),
        )
    )


@settings(max_examples=1000)
@given(
    nip=st.one_of(
        _nip_mendekati_batas(), st.text(alphabet=string.digits, min_size=18, max_size=18)
    ),
    jenis=st.sampled_from(["PNS", "CPNS", "PPPK"]),
    hari_ini=st.sampled_from([HARI_INI, date(2026, 1, 31), date(2019, 12, 31)]),
)
@example(nip="200108122018011001", jenis="PNS", hari_ini=HARI_INI)  # 17 tahun saat diangkat
@example(nip="198708122026021001", jenis="PNS", hari_ini=date(2026, 1, 31))  # TMT bulan depan
@example(nip="200108122019211001", jenis="PPPK", hari_ini=HARI_INI)  # 18 tahun: sah
@example(nip="193912311958011001", jenis="PNS", hari_ini=HARI_INI)  # lahir sebelum 1940
def test_pengurai_sama_dengan_parse_nip(nip, jenis, hari_ini):
    pengurai = PenguraiNIP(hari_ini)
    harapan = _hasil_parse(nip, jenis, hari_ini)
    # Dua kali: yang kedua dari ingatan.
    assert pengurai.urai(nip, jenis) == harapan
    assert pengurai.urai(nip, jenis) == harapan


def test_pengurai_mengingat_per_bagian_nip():
    pengurai = PenguraiNIP(HARI_INI)
    # Tanggal lahir dan TMT yang sama, nomor urut berbeda: satu pemeriksaan per bagian.
    for urut in range(1, 200):
        assert pengurai.urai(f"198708122010011{urut:03d}", "PNS").nomor_urut == urut
    assert len(pengurai._lahir) == 1
    assert len(pengurai._angkat) == 1


@pytest.mark.parametrize(
    "nilai",
    [" 198708122010011001", "198708122010 011001", "'198708122010011001", 198708122010011001, None],
)
def test_pengurai_menyerahkan_nip_yang_harus_dibersihkan_ke_parse_nip(nilai):
    # parse_nip membersihkan (atau menolak) nilai ini; jalur cepat tidak menebak.
    assert PenguraiNIP(HARI_INI).urai(nilai, "PNS") is None


def test_pengurai_menyerahkan_jenis_yang_tidak_baku():
    assert PenguraiNIP(HARI_INI).urai(NIP_PNS, "pns") is None
    harapan = parse_nip(NIP_PNS, "PNS", hari_ini=HARI_INI)
    assert PenguraiNIP(HARI_INI).urai(NIP_PNS, "PNS") == harapan
