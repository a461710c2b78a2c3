"""Standar kompetensi dan hasil asesmen Kota Langsa demo untuk ``manage.py seed_demo``.

Di atas pegawai dari :mod:`pegawai.demo`: setiap jabatan mendapat standar kompetensi manajerial
(M.01–M.08) dan sosial kultural (SK.01) menurut jenis dan jenjangnya, dengan level yang lazim
menurut PermenPANRB 38/2017 (JPT pratama 4, administrator dan pengawas 3, pelaksana 2, fungsional
ahli 2–4). Sekitar 40% pegawai aktif sudah diases pada 2024–2026 (Dinas Kesehatan hampir
seluruhnya, pejabat struktural lebih sering, CPNS belum), dengan hasil di sekitar standarnya:
kemampuan tiap orang dan kesulitan tiap kompetensi berbeda, sehingga peta kesenjangan
memperlihatkan kesenjangan yang nyata (Mengelola Perubahan dan Pengambilan Keputusan paling
sering kurang). Sebagian yang diases 2024 diases ulang pada tahun acuan dan membaik.
asn.dinkes diases 2025 dan kurang pada Orientasi pada Hasil dan Mengelola Perubahan.

Deterministik: ``random.Random`` dengan aliran sendiri dari seed, pegawai menurut NIP. Standar dan
asesmen masing-masing ditulis dengan satu ``COPY``: jumlah query tidak bergantung pada jumlah
pegawai.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time

from django.db import connection, transaction
from django.utils import timezone

from pegawai import demo as pegawai_demo
from pegawai.models import (
    AsesmenKompetensi,
    DataDemo,
    Jabatan,
    JenisJabatan,
    JenisPegawai,
    JenjangFungsional,
    Kompetensi,
    Pegawai,
    StandarKompetensiJabatan,
)

__all__ = [
    "KODE_KOMPETENSI",
    "HasilKompetensiDemo",
    "kompetensi_demo_build",
    "kompetensi_demo_delete",
    "level_standar",
]

KODE_KOMPETENSI = ("M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01")
TAHUN_ASESMEN = (2024, 2025, 2026)
# Tahun asesmen pertama seseorang; yang pertama 2024 kadang diases ulang pada tahun terakhir.
BOBOT_TAHUN = (0.3, 0.35, 0.35)
PELUANG_ASES_ULANG = {"struktural": 0.45, "lain": 0.15}

J = JenisJabatan
F = JenjangFungsional
# Level standar menurut jenis jabatan dan jenjang fungsional (PermenPANRB 38/2017).
LEVEL_JABATAN = {
    J.JPT_UTAMA: 5,
    J.JPT_MADYA: 5,
    J.JPT_PRATAMA: 4,
    J.ADMINISTRATOR: 3,
    J.PENGAWAS: 3,
    J.PELAKSANA: 2,
}
LEVEL_FUNGSIONAL = {
    F.AHLI_UTAMA: 4,
    F.AHLI_MADYA: 3,
    F.AHLI_MUDA: 3,
    F.AHLI_PERTAMA: 2,
    F.PENYELIA: 2,
    F.MAHIR: 2,
    F.TERAMPIL: 2,
    F.PEMULA: 1,
    "": 2,
}
# Kompetensi kepemimpinan dituntut satu level lebih rendah pada jabatan pelaksana dan keterampilan.
LEBIH_RENDAH = {
    J.PELAKSANA: ("M.06", "M.08"),
    F.PEMULA: (),
    F.TERAMPIL: ("M.06", "M.07", "M.08"),
    F.MAHIR: ("M.06", "M.08"),
}

# Peluang diases menurut OPD (sisanya PELUANG_BAWAAN), dikalikan faktor jabatan dan jenis pegawai.
PELUANG_OPD = {
    "DINKES": 0.9,
    "BKPSDM": 0.8,
    "RSUD": 0.6,
    "INSPEKTORAT": 0.6,
    "SETDA": 0.55,
    "BPKD": 0.5,
    "DISDIKBUD": 0.3,
}
PELUANG_BAWAAN = 0.33
FAKTOR_JABATAN = {J.JPT_MADYA: 3.0, J.JPT_PRATAMA: 3.0, J.ADMINISTRATOR: 2.0, J.PENGAWAS: 1.4}
FAKTOR_PEGAWAI = {JenisPegawai.PNS: 1.0, JenisPegawai.PPPK: 0.6, JenisPegawai.CPNS: 0.0}
STRUKTURAL = frozenset({J.JPT_UTAMA, J.JPT_MADYA, J.JPT_PRATAMA, J.ADMINISTRATOR, J.PENGAWAS})

# Kemampuan seseorang (−1, 0, +1) dan peluang hasil satu level di bawah / di atas kemampuannya
# per kompetensi: kepemimpinan perubahan dan keputusan paling sulit, integritas paling mudah.
KEMAMPUAN = ((-1, 0.22), (0, 0.6), (1, 0.18))
SEBARAN = {
    "M.01": (0.10, 0.25),
    "M.02": (0.15, 0.20),
    "M.03": (0.20, 0.15),
    "M.04": (0.25, 0.12),
    "M.05": (0.25, 0.12),
    "M.06": (0.28, 0.10),
    "M.07": (0.35, 0.08),
    "M.08": (0.35, 0.08),
    "SK.01": (0.12, 0.22),
}
# Pola per OPD, agar peta kesenjangan berbeda antar-OPD: kemampuan rata-rata yang lebih rendah
# atau lebih tinggi, dan kompetensi yang sering satu level lagi di bawah standar.
KEMAMPUAN_OPD = {
    "lemah": ((-1, 0.4), (0, 0.5), (1, 0.1)),
    "kuat": ((-1, 0.12), (0, 0.6), (1, 0.28)),
}
OPD_LEMAH = frozenset({"SATPOLPP-WH", "DAMKAR", "DLH", "DISHUB"})
OPD_KUAT = frozenset({"BKPSDM", "INSPEKTORAT", "BAPPEDA"})
KOMPETENSI_LEMAH = {
    "DINKES": ("M.07", "M.08"),
    "DISDIKBUD": ("M.04", "M.07"),
    "RSUD": ("M.03", "M.05"),
    "DISDUKCAPIL": ("M.05",),
    "SATPOLPP-WH": ("M.03", "M.05"),
    "DLH": ("M.07",),
}
PELUANG_LEMAH = 0.6
# asn.dinkes: satu level di bawah standar pada kompetensi ini, memenuhi pada yang lain.
ASN_DINKES_TAHUN = 2025
ASN_DINKES_KURANG = ("M.04", "M.07")

METODE_STRUKTURAL = "Assessment center Kantor Regional XIII BKN Banda Aceh"
METODE = {
    2024: "Uji kompetensi manajerial dan sosial kultural (CAT BKN)",
    2025: "Asesmen kompetensi BKPSDM Kota Langsa (CAT dan wawancara)",
    2026: "Asesmen kompetensi BKPSDM Kota Langsa (CAT dan wawancara)",
}
# Hasil tiap tahun diimpor BKPSDM sekaligus (manage.py import_asesmen_kompetensi).
IMPOR = {2024: (11, 12), 2025: (10, 21), 2026: (10, 20)}


@dataclass(frozen=True)
class HasilKompetensiDemo:
    jumlah_jabatan: int
    jumlah_standar: int
    pegawai_aktif: int
    pegawai_diases: int
    jumlah_asesmen: int
    pegawai_berkesenjangan: (
        int  # asesmen terakhirnya di bawah standar pada satu kompetensi atau lebih
    )
    tahun_awal: int
    tahun_akhir: int

    @property
    def persen_diases(self) -> float:
        return 100 * self.pegawai_diases / self.pegawai_aktif if self.pegawai_aktif else 0.0


def level_standar(jenis_jabatan: str, jenjang: str, kode: str) -> int:
    """Level standar satu kompetensi untuk jabatan dengan jenis dan jenjang ini."""
    if jenis_jabatan == J.FUNGSIONAL:
        level = LEVEL_FUNGSIONAL.get(jenjang, 2)
        lebih_rendah = LEBIH_RENDAH.get(jenjang, ())
    else:
        level = LEVEL_JABATAN.get(jenis_jabatan, 2)
        lebih_rendah = LEBIH_RENDAH.get(jenis_jabatan, ())
    return max(1, level - (kode in lebih_rendah))


def kompetensi_demo_delete() -> None:
    """Hapus standar dan asesmen demo (sebelum pegawai dan jabatan demo dihapus)."""
    if not DataDemo.objects.exists():
        raise pegawai_demo.DataBukanDemo(
            "Basis data ini tidak bertanda data demo; standar dan asesmen tidak dihapus."
        )
    AsesmenKompetensi.objects.all().delete()
    StandarKompetensiJabatan.objects.all().delete()


def _salin(model, kolom: Sequence[str], baris: Iterable[tuple]) -> None:
    """Tulis ``baris`` ke tabel ``model`` dengan satu COPY, lalu segarkan statistiknya."""
    meta = model._meta
    wajib = {f.name for f in meta.concrete_fields if not f.primary_key}
    if wajib != set(kolom):  # pragma: no cover - penjaga bila model berubah
        raise RuntimeError(
            f"Kolom {meta.object_name} berubah; perbarui pegawai/demo_kompetensi.py: "
            + ", ".join(sorted(wajib.symmetric_difference(kolom)))
        )
    qn = connection.ops.quote_name
    tabel = qn(meta.db_table)
    nama_kolom = ", ".join(qn(meta.get_field(k).column) for k in kolom)
    with connection.cursor() as cursor:
        with cursor.copy(f"COPY {tabel} ({nama_kolom}) FROM STDIN") as copy:
            for b in baris:
                copy.write_row(b)
        cursor.execute(f"ANALYZE {tabel}")


def _pilih(rng: random.Random, pilihan: Sequence[tuple[int, float]]) -> int:
    return rng.choices([p[0] for p in pilihan], weights=[p[1] for p in pilihan])[0]


def _hasil(
    rng: random.Random, standar: dict[str, int], kemampuan: int, lemah: Sequence[str]
) -> dict[str, int]:
    hasil = {}
    for kode, level in standar.items():
        turun, naik = SEBARAN[kode]
        r = rng.random()
        acak = -1 if r < turun else 1 if r < turun + naik else 0
        if kode in lemah and rng.random() < PELUANG_LEMAH:
            acak -= 1
        selisih = max(-2, min(1, kemampuan + acak))
        hasil[kode] = max(1, min(5, level + selisih))
    return hasil


def kompetensi_demo_build(*, seed: int = pegawai_demo.SEED_BAWAAN) -> HasilKompetensiDemo:
    """Tulis standar kompetensi setiap jabatan dan asesmen pegawai demo (keduanya harus kosong)."""
    hari_ini = min(pegawai_demo.TANGGAL_ACUAN, timezone.localdate())
    tahun_asesmen = tuple(t for t in TAHUN_ASESMEN if t <= hari_ini.year)
    rng = random.Random(f"pegawai.demo.kompetensi:{seed}")
    with transaction.atomic():
        kompetensi = dict(
            Kompetensi.objects.filter(kode__in=KODE_KOMPETENSI).values_list("kode", "pk")
        )
        kode = [k for k in KODE_KOMPETENSI if k in kompetensi]
        standar: dict[int, dict[str, int]] = {
            pk: {k: level_standar(jenis, jenjang, k) for k in kode}
            for pk, jenis, jenjang in Jabatan.objects.order_by("pk").values_list(
                "pk", "jenis_jabatan", "jenjang"
            )
        }
        _salin(
            StandarKompetensiJabatan,
            ("jabatan", "kompetensi", "level"),
            ((j, kompetensi[k], level) for j, per in standar.items() for k, level in per.items()),
        )

        dipaksa = {
            pegawai_demo.ADMIN_BKPSDM,
            pegawai_demo.PIMPINAN,
            pegawai_demo.KADIS_DINKES,
            pegawai_demo.OPERATOR_DINKES,
            pegawai_demo.KADIS_DISDIKBUD,
        }
        asesmen: list[tuple] = []
        diases = berkesenjangan = aktif = 0
        for pk, opd, jenis_pegawai, jabatan_id, jenis_jabatan, username in (
            Pegawai.objects.filter(aktif=True)
            .order_by("nip")
            .values_list(
                "pk",
                "perangkat_daerah__singkatan",
                "jenis_pegawai",
                "jabatan_id",
                "jabatan__jenis_jabatan",
                "user__username",
            )
        ):
            aktif += 1
            per = standar.get(jabatan_id)
            r_ases, r_tahun, r_ulang = rng.random(), rng.random(), rng.random()
            kemampuan = _pilih(
                rng,
                KEMAMPUAN_OPD["lemah"]
                if opd in OPD_LEMAH
                else KEMAMPUAN_OPD["kuat"]
                if opd in OPD_KUAT
                else KEMAMPUAN,
            )
            if not per or not tahun_asesmen:
                continue
            if username == pegawai_demo.ASN_DINKES:
                tahun = [ASN_DINKES_TAHUN]
                hasil = {k: max(1, v - (k in ASN_DINKES_KURANG)) for k, v in per.items()}
                hasil_per_tahun = [hasil]
            else:
                peluang = (
                    PELUANG_OPD.get(opd, PELUANG_BAWAAN)
                    * FAKTOR_JABATAN.get(jenis_jabatan, 1.0)
                    * FAKTOR_PEGAWAI.get(jenis_pegawai, 1.0)
                )
                if username not in dipaksa and r_ases >= min(0.95, peluang):
                    continue
                pertama = tahun_asesmen[-1]
                batas = 0.0
                for t, b in zip(TAHUN_ASESMEN, BOBOT_TAHUN, strict=True):
                    batas += b
                    if t in tahun_asesmen and r_tahun < batas:
                        pertama = t
                        break
                hasil = _hasil(rng, per, kemampuan, KOMPETENSI_LEMAH.get(opd, ()))
                tahun, hasil_per_tahun = [pertama], [hasil]
                ulang = PELUANG_ASES_ULANG["struktural" if jenis_jabatan in STRUKTURAL else "lain"]
                if pertama == TAHUN_ASESMEN[0] and len(tahun_asesmen) == 3 and r_ulang < ulang:
                    # Diases ulang: sebagian kesenjangannya sudah tertutup pelatihan.
                    ulangan = {k: v + (v < per[k] and rng.random() < 0.6) for k, v in hasil.items()}
                    tahun.append(tahun_asesmen[-1])
                    hasil_per_tahun.append(ulangan)
            diases += 1
            berkesenjangan += any(hasil_per_tahun[-1][k] < per[k] for k in per)
            metode_struktural = jenis_jabatan in STRUKTURAL
            for t, hasil in zip(tahun, hasil_per_tahun, strict=True):
                bulan, tanggal = IMPOR[t]
                waktu = timezone.make_aware(datetime(t, bulan, tanggal, 10, 0))
                if waktu.date() > hari_ini:
                    waktu = timezone.make_aware(datetime.combine(hari_ini, time(8, 0)))
                metode = METODE_STRUKTURAL if metode_struktural else METODE[t]
                asesmen += [
                    (pk, kompetensi[k], t, level, metode, waktu) for k, level in hasil.items()
                ]

        _salin(
            AsesmenKompetensi,
            ("pegawai", "kompetensi", "tahun", "level", "metode", "diubah_pada"),
            asesmen,
        )

    return HasilKompetensiDemo(
        jumlah_jabatan=len(standar),
        jumlah_standar=sum(len(p) for p in standar.values()),
        pegawai_aktif=aktif,
        pegawai_diases=diases,
        jumlah_asesmen=len(asesmen),
        pegawai_berkesenjangan=berkesenjangan,
        tahun_awal=min((a[2] for a in asesmen), default=hari_ini.year),
        tahun_akhir=max((a[2] for a in asesmen), default=hari_ini.year),
    )
