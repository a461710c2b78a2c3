"""A small city with JP over several years, and the JP rule computed again in plain Python, so
that the report's SQL is checked against an independent computation."""

import datetime
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.conf import settings

from pegawai.models import JenisPegawai, Pegawai, PerangkatDaerah
from pegawai.tests.factories import PegawaiFactory
from pelatihan.models import RiwayatPengembangan
from pelatihan.tests.factories import RiwayatPengembanganFactory

TAHUN_DATA = (2023, 2024, 2025)
Status = RiwayatPengembangan.Status


@dataclass
class DataJP:
    pemeran: object
    opd_tanpa_aktif: PerangkatDaerah


def riwayat(pegawai, jp, selesai, *, mulai=None, status=Status.TERVERIFIKASI, **kwargs):
    if status == Status.DITOLAK:
        kwargs.setdefault("alasan_penolakan", "Sertifikat tidak terbaca.")
    return RiwayatPengembanganFactory(
        pegawai=pegawai,
        jp=jp,
        tanggal_mulai=mulai or selesai,
        tanggal_selesai=selesai,
        status=status,
        **kwargs,
    )


@pytest.fixture
def data_jp(pemeran):
    """Three OPDs with active pegawai of every jenis, one OPD whose only pegawai is inactive;
    verified, waiting and rejected rows in 2023–2025, some crossing New Year."""
    rng = random.Random(20251129)
    opd_tanpa_aktif = PerangkatDaerah.objects.get(singkatan="DISHUB")
    bkpsdm = PerangkatDaerah.objects.get(singkatan="BKPSDM")
    keluar = PegawaiFactory(perangkat_daerah=opd_tanpa_aktif, aktif=False)
    riwayat(keluar, 30, datetime.date(2025, 5, 2))
    semua = [u.pegawai for u in (pemeran.admin, pemeran.kepala, pemeran.operator, pemeran.asn)]
    semua += [pemeran.asn_lain_satu_opd.pegawai, pemeran.kepala_lain.pegawai]
    semua.append(pemeran.asn_opd_lain.pegawai)
    for opd in (pemeran.opd, pemeran.opd_lain, bkpsdm):
        for i, jenis in enumerate([*JenisPegawai.values, *JenisPegawai.values]):
            semua.append(PegawaiFactory(perangkat_daerah=opd, jenis_pegawai=jenis, aktif=i != 4))
    for pegawai in semua:
        if pegawai == pemeran.asn.pegawai:
            continue
        for _ in range(rng.randint(0, 9)):
            tahun = rng.choice(TAHUN_DATA)
            selesai = datetime.date(tahun, rng.randint(1, 12), rng.randint(1, 28))
            mulai = selesai - datetime.timedelta(days=rng.choice([0, 2, 10]))
            status = rng.choices(list(Status), weights=[2, 6, 2])[0]
            riwayat(pegawai, rng.randint(2, 18), selesai, mulai=mulai, status=status)
    asn = pemeran.asn.pegawai
    # Exactly the target in 2025 (12 + 8), one of them begun in 2024; claims never count.
    riwayat(asn, 12, datetime.date(2025, 1, 3), mulai=datetime.date(2024, 12, 28))
    riwayat(asn, 8, datetime.date(2025, 6, 30))
    riwayat(asn, 10, datetime.date(2025, 8, 1), status=Status.MENUNGGU)
    riwayat(asn, 15, datetime.date(2025, 9, 1), status=Status.DITOLAK)
    riwayat(asn, 5, datetime.date(2024, 12, 31))
    return DataJP(pemeran=pemeran, opd_tanpa_aktif=opd_tanpa_aktif)


# --- The rule again, in Python over every row -----------------------------------------------------


def target_of(jenis: str) -> int:
    return settings.JP_TARGET_PER_TAHUN[jenis]


def hitung_pegawai(tahun: int, *, jenis: str = "", opd_ids=None) -> list[dict]:
    """Per active pegawai: the contract's keys, ordered by kode_opd, nama, nip."""
    jp: dict[int, int] = {}
    for r in RiwayatPengembangan.objects.all():
        if r.status == "terverifikasi" and r.tanggal_selesai.year == tahun:
            jp[r.pegawai_id] = jp.get(r.pegawai_id, 0) + r.jp
    hasil = []
    for p in Pegawai.objects.select_related("perangkat_daerah"):
        if not p.aktif or (jenis and p.jenis_pegawai != jenis):
            continue
        if opd_ids is not None and p.perangkat_daerah_id not in opd_ids:
            continue
        total = jp.get(p.pk, 0)
        hasil.append(
            {
                "nip": p.nip,
                "nama": p.nama,
                "kode_opd": p.perangkat_daerah.kode,
                "jenis_pegawai": p.jenis_pegawai,
                "total_jp": total,
                "target_jp": target_of(p.jenis_pegawai),
                "memenuhi_target": total >= target_of(p.jenis_pegawai),
            }
        )
    return sorted(hasil, key=lambda h: (h["kode_opd"], h["nama"], h["nip"]))


def bulat(nilai: Decimal) -> Decimal:
    return nilai.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def hitung_opd(tahun: int, *, jenis: str = "", opd_ids=None) -> list[dict]:
    """Per OPD with active pegawai, ordered by kode_opd; decimals as Decimal."""
    nama = dict(PerangkatDaerah.objects.values_list("kode", "nama"))
    per_opd: dict[str, list[dict]] = {}
    for p in hitung_pegawai(tahun, jenis=jenis, opd_ids=opd_ids):
        per_opd.setdefault(p["kode_opd"], []).append(p)
    hasil = []
    for kode in sorted(per_opd):
        orang = per_opd[kode]
        memenuhi = sum(1 for p in orang if p["memenuhi_target"])
        total = sum(p["total_jp"] for p in orang)
        hasil.append(
            {
                "kode_opd": kode,
                "nama_opd": nama[kode],
                "jumlah_asn": len(orang),
                "memenuhi_target": memenuhi,
                "persen_memenuhi": bulat(Decimal(memenuhi * 100) / len(orang)),
                "total_jp": total,
                "rata_rata_jp": bulat(Decimal(total) / len(orang)),
            }
        )
    return hasil


def sebagai_json(baris: list[dict]) -> list[dict]:
    return [{k: float(v) if isinstance(v, Decimal) else v for k, v in b.items()} for b in baris]
