"""Tes normalisasi golongan PNS dan PPPK (modul murni, tanpa Django)."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pegawai.golongan import (
    GOLONGAN_PNS,
    GOLONGAN_PPPK,
    Golongan,
    GolonganTidakValid,
    normalisasi_golongan,
)

# Ditulis ulang di sini (tidak diambil dari modul) agar tabel di modul benar-benar diuji.
TABEL_PNS = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
]
ROMAWI_PPPK = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
]  # fmt: skip
ARAB = {"I": 1, "II": 2, "III": 3, "IV": 4}

BENTUK_DITERIMA = "Bentuk yang diterima"


def pns(kode: str) -> Golongan:
    urutan = [k for k, _ in TABEL_PNS].index(kode) + 1
    return Golongan(kode=kode, jenis="PNS", pangkat=dict(TABEL_PNS)[kode], urutan=urutan)


def pppk(urutan: int) -> Golongan:
    return Golongan(kode=ROMAWI_PPPK[urutan - 1], jenis="PPPK", pangkat="", urutan=urutan)


def ejaan_pns(kode: str, pangkat: str) -> list[str]:
    """Semua ejaan yang harus dikenali untuk satu golongan PNS."""
    romawi, ruang = kode.split("/")
    arab = ARAB[romawi]
    ejaan = [
        f"{romawi}/{ruang}",
        f"{romawi}.{ruang}",
        f"{romawi}{ruang}",
        f"{romawi}-{ruang}",
        f"{romawi} / {ruang.upper()}",
        f"{romawi} - {ruang}",
        f"{arab}{ruang}",
        f"{arab}/{ruang}",
        f"{arab}.{ruang}",
        f"{arab}-{ruang}",
        f"{arab}{ruang.upper()}",
        kode.lower(),
        kode.upper(),
        f"{romawi.lower()}{ruang.upper()}",
        f"  {kode}  ",
        f"\u00a0{kode}\u00a0",
        f"Golongan {kode}",
        f"Gol. {kode}",
        f"{pangkat} ({kode})",
        f"{pangkat}({kode})",
        f"{pangkat.upper()} ({kode.lower()})",
        f"{pangkat}, {kode}",
        f"{kode} - {pangkat}",
        f"{kode} – {pangkat}",
        f"({kode}) {pangkat}",
        f"{pangkat} {kode}",
        f"{pangkat} ({romawi})",
        pangkat,
        pangkat.lower(),
        pangkat.upper(),
        f"  {pangkat.replace(' ', '   ')}  ",
    ]
    if pangkat.endswith(" Tingkat I"):
        dasar = pangkat.removesuffix(" Tingkat I")
        ejaan += [
            f"{dasar} Tk. I",
            f"{dasar} Tk.I",
            f"{dasar} TK I",
            f"{dasar} Tkt. I",
            f"{dasar} tingkat 1",
            f"{dasar} Tk. 1",
            f"{dasar.lower()} tk.i",
            f"{dasar} Tk. I ({kode})",
        ]
    return ejaan


EJAAN_PNS = [(ejaan, kode) for kode, pangkat in TABEL_PNS for ejaan in ejaan_pns(kode, pangkat)]
KASUS_PNS = [pytest.param(ejaan, kode, id=f"{kode}:{ejaan!r}") for ejaan, kode in EJAAN_PNS]


def ejaan_pppk(urutan: int) -> list[object]:
    romawi = ROMAWI_PPPK[urutan - 1]
    return [
        romawi,
        romawi.lower(),
        f" {romawi} ",
        str(urutan),
        f"0{urutan}" if urutan < 10 else f" {urutan} ",
        urutan,
        float(urutan),
        f"Golongan {romawi}",
        f"golongan {urutan}",
        f"Gol. {romawi}",
        f"gol.{romawi.lower()}",
        f"GOL {urutan}",
    ]


KASUS_PPPK = [
    pytest.param(ejaan, urutan, id=f"{ROMAWI_PPPK[urutan - 1]}:{ejaan!r}")
    for urutan in range(1, 18)
    for ejaan in ejaan_pppk(urutan)
]


# ---------------------------------------------------------------------------
# Tabel
# ---------------------------------------------------------------------------


def test_tabel_golongan_pns() -> None:
    assert (
        tuple(
            Golongan(kode=kode, jenis="PNS", pangkat=pangkat, urutan=i)
            for i, (kode, pangkat) in enumerate(TABEL_PNS, start=1)
        )
        == GOLONGAN_PNS
    )


def test_tabel_golongan_pppk() -> None:
    assert (
        tuple(
            Golongan(kode=romawi, jenis="PPPK", pangkat="", urutan=i)
            for i, romawi in enumerate(ROMAWI_PPPK, start=1)
        )
        == GOLONGAN_PPPK
    )


def test_tabel_sama_dengan_data_awal() -> None:
    berkas = Path(__file__).resolve().parent.parent / "data" / "golongan.csv"
    if not berkas.exists():
        pytest.skip("pegawai/data/golongan.csv belum ada")
    with berkas.open(encoding="utf-8") as f:
        baris = [
            Golongan(
                kode=b["kode"],
                jenis=b["jenis_pegawai"],
                pangkat=b["pangkat"],
                urutan=int(b["urutan"]),
            )
            for b in csv.DictReader(f)
        ]
    assert baris == [*GOLONGAN_PNS, *GOLONGAN_PPPK]


def test_golongan_beku_dan_label() -> None:
    golongan = normalisasi_golongan("III/a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        golongan.kode = "III/b"  # type: ignore[misc]
    assert str(golongan) == "III/a"
    assert golongan.label == "Penata Muda (III/a)"
    assert str(normalisasi_golongan("IX")) == "IX"
    assert normalisasi_golongan("IX").label == "IX"


# ---------------------------------------------------------------------------
# Ejaan valid
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("ejaan", "kode"), KASUS_PNS)
def test_ejaan_pns_dikenali(ejaan: str, kode: str) -> None:
    diharapkan = pns(kode)
    assert normalisasi_golongan(ejaan) == diharapkan
    assert normalisasi_golongan(ejaan, "PNS") == diharapkan
    assert normalisasi_golongan(ejaan, " cpns ") == diharapkan


@pytest.mark.parametrize(("ejaan", "urutan"), KASUS_PPPK)
def test_ejaan_pppk_dikenali(ejaan: object, urutan: int) -> None:
    diharapkan = pppk(urutan)
    assert normalisasi_golongan(ejaan) == diharapkan
    assert normalisasi_golongan(ejaan, "PPPK") == diharapkan
    assert normalisasi_golongan(ejaan, "pppk") == diharapkan


def test_objek_golongan_diterima_apa_adanya() -> None:
    golongan = pns("III/a")
    assert normalisasi_golongan(golongan) is golongan
    assert normalisasi_golongan(golongan, "PNS") is golongan
    with pytest.raises(GolonganTidakValid, match="adalah golongan PNS, bukan PPPK"):
        normalisasi_golongan(golongan, "PPPK")
    with pytest.raises(GolonganTidakValid, match="adalah golongan PPPK, bukan PNS"):
        normalisasi_golongan(pppk(9), "CPNS")


# ---------------------------------------------------------------------------
# Bentuk tidak valid
# ---------------------------------------------------------------------------


def tolak(nilai: object, jenis: str | None = None) -> str:
    with pytest.raises(GolonganTidakValid) as info:
        normalisasi_golongan(nilai, jenis)
    pesan = str(info.value)
    assert info.value.pesan == pesan
    assert info.value.nilai == nilai
    assert isinstance(info.value, ValueError)
    assert BENTUK_DITERIMA in pesan
    return pesan


@pytest.mark.parametrize("nilai", [None, "", "   ", "\u00a0", "\t\n"])
@pytest.mark.parametrize("jenis", [None, "PNS", "PPPK"])
def test_golongan_kosong(nilai: object, jenis: str | None) -> None:
    assert tolak(nilai, jenis).startswith("Golongan kosong")


@pytest.mark.parametrize(("nilai", "contoh"), [
    ("III", "III/a"), ("3", "III/a"), ("I", "I/a"), ("iv", "IV/a"), ("4", "IV/a"),
    ("Gol. II", "II/a"), (" 2 ", "II/a"), (3, "III/a"),
])  # fmt: skip
@pytest.mark.parametrize("jenis", ["PNS", "CPNS"])
def test_pns_tanpa_huruf_ruang(nilai: object, contoh: str, jenis: str) -> None:
    pesan = tolak(nilai, jenis)
    assert repr(str(nilai).strip()) in pesan
    assert "belum lengkap" in pesan
    assert "huruf ruang (a–e) tidak ada" in pesan
    assert f"misalnya {contoh}" in pesan


@pytest.mark.parametrize(
    "nilai", ["III/e", "I/e", "II/e", "iiie", "V/a", "5a", "5/a", "IX/a", "0a", "III/f", "2/z"]
)
@pytest.mark.parametrize("jenis", [None, "PNS"])
def test_golongan_pns_yang_tidak_ada(nilai: str, jenis: str | None) -> None:
    pesan = tolak(nilai, jenis)
    assert repr(nilai) in pesan
    assert "tidak ada" in pesan
    assert "IV/a–IV/e" in pesan and "III/a–III/d" in pesan


@pytest.mark.parametrize("nilai", ["XVIII", "xix", "XX", "0", "18", "99", 0, 18, 18.0])
@pytest.mark.parametrize("jenis", [None, "PPPK"])
def test_golongan_pppk_yang_tidak_ada(nilai: object, jenis: str | None) -> None:
    pesan = tolak(nilai, jenis)
    teks = str(int(nilai)) if isinstance(nilai, float) else str(nilai)
    assert repr(teks) in pesan
    assert "tidak ada" in pesan
    assert "I sampai XVII" in pesan


@pytest.mark.parametrize(
    ("nilai", "pangkat", "kode_pangkat", "kode_tertulis"),
    [
        ("Penata Muda (III/b)", "Penata Muda", "III/a", "III/b"),
        ("Pembina, IV/b", "Pembina", "IV/a", "IV/b"),
        ("IV/a - Pembina Utama", "Pembina Utama", "IV/e", "IV/a"),
        ("Juru (I/a)", "Juru", "I/c", "I/a"),
        ("Penata Tk. I (III/c)", "Penata Tingkat I", "III/d", "III/c"),
        ("Pengatur Muda 2b", "Pengatur Muda", "II/a", "II/b"),
        ("Penata Muda (IV)", "Penata Muda", "III/a", "IV"),
    ],
)
@pytest.mark.parametrize("jenis", [None, "PNS"])
def test_pangkat_bertentangan_dengan_kode(
    nilai: str, pangkat: str, kode_pangkat: str, kode_tertulis: str, jenis: str | None
) -> None:
    pesan = tolak(nilai, jenis)
    assert repr(nilai) in pesan
    assert "tidak konsisten" in pesan
    assert repr(pangkat) in pesan
    assert kode_pangkat in pesan
    assert kode_tertulis in pesan


@pytest.mark.parametrize("nilai", ["III/a", "3a", "IV/e", "Penata Muda", "Penata Muda (III/a)"])
def test_bentuk_pns_untuk_pppk(nilai: str) -> None:
    pesan = tolak(nilai, "PPPK")
    assert repr(nilai) in pesan
    assert "PNS" in pesan
    assert "PPPK" in pesan
    assert "I sampai XVII" in pesan


@pytest.mark.parametrize("nilai", ["V", "IX", "9", "XVII", "17", "Gol. IX"])
@pytest.mark.parametrize("jenis", ["PNS", "CPNS"])
def test_bentuk_pppk_untuk_pns(nilai: str, jenis: str) -> None:
    pesan = tolak(nilai, jenis)
    assert repr(nilai) in pesan
    assert "bukan golongan PNS" in pesan
    assert "I sampai XVII" in pesan and "PPPK" in pesan
    assert "I/a sampai IV/e" in pesan


@pytest.mark.parametrize(
    "nilai",
    [
        "xyz",
        "Penata Mudah",
        "III/a/b",
        "IIII",
        "VV",
        "100",
        "Golongan",
        "III//a",
        "a/III",
        "Juru Tk. II",
    ],
)
@pytest.mark.parametrize("jenis", [None, "PNS", "PPPK"])
def test_bentuk_tidak_dikenali(nilai: str, jenis: str | None) -> None:
    pesan = tolak(nilai, jenis)
    assert pesan.startswith(f"Golongan {nilai!r} tidak dikenali")
    if jenis != "PPPK":
        assert "III/a" in pesan and "Penata Muda" in pesan
    if jenis != "PNS":
        assert "I sampai XVII" in pesan


def test_pangkat_salah_ketik_dalam_gabungan_disebutkan() -> None:
    pesan = tolak("Penata Mudah (III/a)")
    assert "pangkat 'Penata Mudah' yang tidak dikenal" in pesan


def test_pesan_memuat_nilai_dengan_spasi_dirapikan() -> None:
    assert "'III/e'" in tolak("  III/e  ")
    assert tolak("Penata   Mudah").startswith("Golongan 'Penata Mudah' tidak dikenali")
    pesan = tolak("Penata\u00a0Muda\u00a0\u00a0(III/b)")
    assert pesan.startswith("Golongan 'Penata Muda (III/b)' tidak konsisten")


@pytest.mark.parametrize("jenis", ["", "honorer", "P3K", 1])
def test_jenis_pegawai_tidak_dikenal(jenis: object) -> None:
    with pytest.raises(ValueError, match="Jenis pegawai tidak dikenal") as info:
        normalisasi_golongan("III/a", jenis)  # type: ignore[arg-type]
    assert not isinstance(info.value, GolonganTidakValid)


def test_bool_bukan_golongan() -> None:
    # True == 1 di Python; jangan sampai dibaca sebagai golongan I.
    assert tolak(True).startswith("Golongan 'True' tidak dikenali")


# ---------------------------------------------------------------------------
# Property-based
# ---------------------------------------------------------------------------

SEMUA_GOLONGAN = (*GOLONGAN_PNS, *GOLONGAN_PPPK)


@given(
    st.one_of(st.text(max_size=25), st.integers(), st.none()),
    st.sampled_from([None, "PNS", "PPPK"]),
)
def test_masukan_sembarang_hanya_golongan_atau_golongan_tidak_valid(
    nilai: object, jenis: str | None
) -> None:
    try:
        hasil = normalisasi_golongan(nilai, jenis)
    except GolonganTidakValid as galat:
        assert BENTUK_DITERIMA in str(galat)
    else:
        assert hasil in SEMUA_GOLONGAN
        if jenis is not None:
            assert hasil.jenis == jenis


@given(st.sampled_from(EJAAN_PNS), st.data())
def test_huruf_besar_kecil_dan_spasi_tidak_berpengaruh(
    kasus: tuple[str, str], data: st.DataObject
) -> None:
    ejaan, kode = kasus
    acak = "".join(
        ch.upper() if data.draw(st.booleans()) else ch.lower()
        for ch in ejaan.replace("\u00a0", " ")
    )
    acak = (
        data.draw(st.sampled_from(["", " ", "  ", "\u00a0"]))
        + acak
        + data.draw(st.sampled_from(["", " ", "\t"]))
    )
    assert normalisasi_golongan(acak) == pns(kode)


@given(st.sampled_from(GOLONGAN_PNS))
def test_bentuk_baku_dan_label_kembali_ke_golongan_sama(golongan: Golongan) -> None:
    assert normalisasi_golongan(golongan.kode) == golongan
    assert normalisasi_golongan(golongan.pangkat) == golongan
    assert normalisasi_golongan(golongan.label) == golongan


@pytest.mark.parametrize("nilai", ["٣a", "٩", "３"])
def test_angka_selain_ascii_tidak_diterima(nilai: str) -> None:
    # Angka Arab-Indik/lebar penuh kemungkinan salah tempel; lebih aman ditolak.
    assert tolak(nilai).startswith(f"Golongan {nilai!r} tidak dikenali")
