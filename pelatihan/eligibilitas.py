"""Eligibility of a pegawai for an event, and the priority score of a nomination.

Eligibility is shown, never enforced: each check returns a warning the proposer reads (and the
nomination keeps), and BKPSDM decides. The checks:

- the pegawai already completed this program (a verified ledger row from an event of the program,
  or a nomination of the program marked lulus);
- the JP target of the event's year is already met;
- PPPK: the year's JP plus this program's JP would exceed ``settings.JP_MAKSIMUM_PPPK``
  (24 JP a year, PP 49/2018);
- the dates overlap another event where the pegawai is approved or confirmed;
- the pegawai reaches the retirement age (batas usia pensiun, BUP) by the end of the event's year;
- the pegawai is outside the program's audience (jenis jabatan, golongan range, OPD).

BUP, kept simple (UU 20/2023 and PP 11/2017 set it per jabatan): 58 years for pelaksana,
administrator, pengawas and fungsional below ahli madya; 60 for JPT and for fungsional ahli
madya and ahli utama. A pegawai without a jabatan is taken as 58.

Priority score (higher = nominate first)::

    skor = 2 × kurang_jp + 5 × min(tahun_sejak_pelatihan_terakhir, 5) + 0 × kesenjangan_kompetensi

- ``kurang_jp``: the event year's JP target minus the verified JP of that year, at least 0;
- ``tahun_sejak_pelatihan_terakhir``: event year minus the year of the last verified ledger row
  (never trained: the cap, 5);
- ``kesenjangan_kompetensi``: a placeholder, 0 until competency assessments are recorded.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Max, Q, Sum
from django.utils.translation import gettext as _

from pegawai.models import JenisJabatan, JenisPegawai, JenjangFungsional

BUP_BAWAAN = 58
BUP_TINGGI = 60
JENIS_JABATAN_BUP_TINGGI = frozenset(
    {JenisJabatan.JPT_UTAMA, JenisJabatan.JPT_MADYA, JenisJabatan.JPT_PRATAMA}
)
JENJANG_BUP_TINGGI = frozenset({JenjangFungsional.AHLI_MADYA, JenjangFungsional.AHLI_UTAMA})

BOBOT_KURANG_JP = Decimal(2)
BOBOT_TAHUN_SEJAK_PELATIHAN = Decimal(5)
BATAS_TAHUN_SEJAK_PELATIHAN = 5
BOBOT_KESENJANGAN_KOMPETENSI = Decimal(0)


@dataclass(frozen=True)
class Peringatan:
    kode: str
    pesan: str

    def as_dict(self) -> dict:
        return {"kode": self.kode, "pesan": self.pesan}


@dataclass(frozen=True)
class Skor:
    nilai: Decimal
    penjelasan: list[str]


@dataclass(frozen=True)
class Penilaian:
    peringatan: list[Peringatan]
    skor: Skor


def batas_usia_pensiun(jabatan) -> int:
    if jabatan is None:
        return BUP_BAWAAN
    if jabatan.jenis_jabatan in JENIS_JABATAN_BUP_TINGGI:
        return BUP_TINGGI
    if jabatan.jenis_jabatan == JenisJabatan.FUNGSIONAL and jabatan.jenjang in JENJANG_BUP_TINGGI:
        return BUP_TINGGI
    return BUP_BAWAAN


def tanggal_bup(tanggal_lahir: datetime.date, bup: int) -> datetime.date:
    try:
        return tanggal_lahir.replace(year=tanggal_lahir.year + bup)
    except ValueError:  # 29 February
        return tanggal_lahir.replace(year=tanggal_lahir.year + bup, day=28)


def _jp_program(kegiatan) -> int:
    jp = getattr(kegiatan, "jp_total", None)
    if jp is None:
        jp = kegiatan.program.mata_pelatihan.aggregate(n=Sum("jp"))["n"] or 0
    return int(jp)


def nilai(*, pegawai, kegiatan) -> Penilaian:
    """The warnings and the priority score of ``pegawai`` for ``kegiatan`` (a handful of
    queries, whatever the size of the ledger). ``pegawai`` should come with jabatan, golongan
    and perangkat_daerah loaded."""
    from pelatihan.models import Nominasi, RiwayatPengembangan
    from pelatihan.selectors import jp_target

    program = kegiatan.program
    tahun = kegiatan.tanggal_selesai.year
    riwayat = (
        RiwayatPengembangan.objects.terverifikasi()
        .filter(pegawai=pegawai)
        .aggregate(
            jp_tahun=Sum("jp", filter=Q(tanggal_selesai__year=tahun)),
            terakhir=Max("tanggal_selesai"),
            program_selesai=Count("pk", filter=Q(kegiatan__program=program)),
        )
    )
    jp_tahun = int(riwayat["jp_tahun"] or 0)
    target = jp_target(pegawai.jenis_pegawai)
    peringatan: list[Peringatan] = []

    lulus = Nominasi.objects.filter(
        pegawai=pegawai, kegiatan__program=program, status=Nominasi.Status.LULUS
    ).exists()
    if riwayat["program_selesai"] or lulus:
        peringatan.append(
            Peringatan(
                "sudah_mengikuti",
                _("Pegawai ini sudah pernah menyelesaikan program “%(program)s”.")
                % {"program": program.nama},
            )
        )
    if jp_tahun >= target:
        peringatan.append(
            Peringatan(
                "target_jp_terpenuhi",
                _("Target %(target)s JP tahun %(tahun)s sudah terpenuhi (%(jp)s JP).")
                % {"target": target, "tahun": tahun, "jp": jp_tahun},
            )
        )
    jp_program = _jp_program(kegiatan)
    if (
        pegawai.jenis_pegawai == JenisPegawai.PPPK
        and jp_tahun + jp_program > settings.JP_MAKSIMUM_PPPK
    ):
        peringatan.append(
            Peringatan(
                "pppk_melebihi_batas",
                _(
                    "PPPK paling banyak %(maks)s JP per tahun: %(jp)s JP tahun %(tahun)s ditambah "
                    "%(program)s JP program ini menjadi %(jumlah)s JP."
                )
                % {
                    "maks": settings.JP_MAKSIMUM_PPPK,
                    "jp": jp_tahun,
                    "tahun": tahun,
                    "program": jp_program,
                    "jumlah": jp_tahun + jp_program,
                },
            )
        )
    bentrok = list(
        Nominasi.objects.filter(
            pegawai=pegawai,
            status__in=[Nominasi.Status.DISETUJUI, Nominasi.Status.DITETAPKAN],
            kegiatan__tanggal_mulai__lte=kegiatan.tanggal_selesai,
            kegiatan__tanggal_selesai__gte=kegiatan.tanggal_mulai,
        )
        .exclude(kegiatan=kegiatan)
        .select_related("kegiatan__program")
        .order_by("kegiatan__tanggal_mulai")[:3]
    )
    for lain in bentrok:
        peringatan.append(
            Peringatan(
                "jadwal_bentrok",
                _("Jadwal bentrok dengan “%(kegiatan)s” (%(mulai)s s.d. %(selesai)s).")
                % {
                    "kegiatan": lain.kegiatan,
                    "mulai": lain.kegiatan.tanggal_mulai.strftime("%d-%m-%Y"),
                    "selesai": lain.kegiatan.tanggal_selesai.strftime("%d-%m-%Y"),
                },
            )
        )
    if pegawai.tanggal_lahir is not None:
        bup = batas_usia_pensiun(pegawai.jabatan)
        pensiun = tanggal_bup(pegawai.tanggal_lahir, bup)
        if pensiun <= datetime.date(tahun, 12, 31):
            peringatan.append(
                Peringatan(
                    "pensiun",
                    _("Pegawai mencapai batas usia pensiun %(bup)s tahun pada %(tanggal)s.")
                    % {"bup": bup, "tanggal": pensiun.strftime("%d-%m-%Y")},
                )
            )
    peringatan.extend(_peringatan_sasaran(pegawai, program))
    skor = _skor(target=target, jp_tahun=jp_tahun, terakhir=riwayat["terakhir"], tahun=tahun)
    return Penilaian(peringatan=peringatan, skor=skor)


def _peringatan_sasaran(pegawai, program) -> list[Peringatan]:
    hasil = []
    jenis_jabatan = pegawai.jabatan.jenis_jabatan if pegawai.jabatan_id else None
    if program.sasaran_jenis_jabatan and jenis_jabatan not in program.sasaran_jenis_jabatan:
        hasil.append(
            Peringatan(
                "di_luar_sasaran_jabatan",
                _("Jenis jabatan pegawai tidak termasuk sasaran program (%(sasaran)s).")
                % {"sasaran": ", ".join(program.get_sasaran_jenis_jabatan_display())},
            )
        )
    bawah, atas = program.golongan_min, program.golongan_max
    if bawah is not None or atas is not None:
        skala = (bawah or atas).untuk
        gol = pegawai.golongan
        di_luar = (
            gol is None
            or gol.untuk != skala
            or (bawah is not None and gol.urutan < bawah.urutan)
            or (atas is not None and gol.urutan > atas.urutan)
        )
        if di_luar:
            hasil.append(
                Peringatan(
                    "di_luar_sasaran_golongan",
                    _("Golongan pegawai (%(gol)s) di luar rentang sasaran %(bawah)s–%(atas)s.")
                    % {
                        "gol": gol.kode if gol else _("tidak diketahui"),
                        "bawah": bawah.kode if bawah else "",
                        "atas": atas.kode if atas else "",
                    },
                )
            )
    sasaran_opd = program.sasaran_opd.all()
    # Prefetched on the event page; one small query otherwise.
    ids = {o.pk for o in sasaran_opd}
    if ids and pegawai.perangkat_daerah_id not in ids:
        hasil.append(
            Peringatan(
                "di_luar_sasaran_opd",
                _("Perangkat daerah pegawai tidak termasuk sasaran program."),
            )
        )
    return hasil


def _skor(*, target: int, jp_tahun: int, terakhir, tahun: int) -> Skor:
    kurang_jp = max(target - jp_tahun, 0)
    if terakhir is None:
        tahun_sejak = BATAS_TAHUN_SEJAK_PELATIHAN
        ket_terakhir = _("belum pernah ada pelatihan terverifikasi")
    else:
        tahun_sejak = min(max(tahun - terakhir.year, 0), BATAS_TAHUN_SEJAK_PELATIHAN)
        ket_terakhir = _("pelatihan terakhir selesai %(tanggal)s") % {
            "tanggal": terakhir.strftime("%d-%m-%Y")
        }
    bagian_jp = BOBOT_KURANG_JP * kurang_jp
    bagian_tahun = BOBOT_TAHUN_SEJAK_PELATIHAN * tahun_sejak
    bagian_kompetensi = BOBOT_KESENJANGAN_KOMPETENSI * 0
    penjelasan = [
        _("Kekurangan JP tahun %(tahun)s: %(kurang)s JP × %(bobot)s = %(nilai)s")
        % {"tahun": tahun, "kurang": kurang_jp, "bobot": BOBOT_KURANG_JP, "nilai": bagian_jp},
        _(
            "Tahun sejak pelatihan terakhir: %(n)s (%(ket)s, paling banyak %(maks)s) × %(bobot)s = "
            "%(nilai)s"
        )
        % {
            "n": tahun_sejak,
            "ket": ket_terakhir,
            "maks": BATAS_TAHUN_SEJAK_PELATIHAN,
            "bobot": BOBOT_TAHUN_SEJAK_PELATIHAN,
            "nilai": bagian_tahun,
        },
        _("Kesenjangan kompetensi: 0 (belum ada hasil asesmen)"),
    ]
    return Skor(nilai=bagian_jp + bagian_tahun + bagian_kompetensi, penjelasan=penjelasan)
