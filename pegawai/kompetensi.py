"""Kesenjangan kompetensi (DESIGN §4): standar jabatan − level hasil asesmen, dihitung saat dibaca.

- Standar seorang pegawai adalah standar kompetensi jabatannya (``StandarKompetensiJabatan``).
- Hasil asesmen yang berlaku untuk tahun T adalah asesmen terakhir per kompetensi dengan
  tahun ≤ T; asesmen tahun yang lebih baru tidak mengubah laporan tahun yang lalu.
- Kesenjangan = standar − hasil asesmen: positif berarti kurang, nol memenuhi, negatif
  melampaui standar. ``None`` bila kompetensi itu belum diases atau tidak ada standarnya.
- Peta kesenjangan (kompetensi × unit kerja, kompetensi × perangkat daerah) hanya menghitung
  pegawai aktif yang jabatannya punya standar untuk kompetensi itu. Per sel: jumlah pegawai
  tersebut, yang sudah diases, rata-rata kesenjangan yang sudah diases, dan yang kesenjangannya
  di atas nol. Seluruh sel dan kolom totalnya dihitung PostgreSQL dalam satu query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import F, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from pegawai.akses import akses_for, pegawai_for, perangkat_daerah_for
from pegawai.models import (
    AsesmenKompetensi,
    Kompetensi,
    Pegawai,
    PerangkatDaerah,
    StandarKompetensiJabatan,
    UnitKerja,
)

__all__ = [
    "TAHUN_ASESMEN_MINIMUM",
    "BarisPeta",
    "KolomPeta",
    "PetaKesenjangan",
    "SelKesenjangan",
    "asesmen_terakhir_for_pegawai",
    "boleh_lihat_peta_kompetensi",
    "get_opd_kompetensi_for_user",
    "kesenjangan_pegawai",
    "pegawai_peta_kompetensi_for",
    "peta_kesenjangan_per_opd",
    "peta_kesenjangan_per_unit_kerja",
    "rentang_tahun_asesmen",
    "standar_for_pegawai",
]

# The first plausible year of an assessment, as the table's check constraint.
TAHUN_ASESMEN_MINIMUM = 2000


# --- One pegawai ---------------------------------------------------------------------------------


def standar_for_pegawai(pegawai: Pegawai) -> QuerySet[StandarKompetensiJabatan]:
    """The standard of the pegawai's jabatan, one row per competency (none without a jabatan)."""
    return (
        StandarKompetensiJabatan.objects.filter(jabatan_id=pegawai.jabatan_id)
        .exclude(jabatan_id=None)
        .select_related("kompetensi")
        .order_by("kompetensi__kode")
    )


def asesmen_terakhir_for_pegawai(pegawai: Pegawai, *, tahun: int) -> QuerySet[AsesmenKompetensi]:
    """The latest assessment per competency with a year up to ``tahun`` (DISTINCT ON)."""
    return (
        AsesmenKompetensi.objects.filter(pegawai_id=pegawai.pk, tahun__lte=tahun)
        .order_by("kompetensi_id", "-tahun")
        .distinct("kompetensi_id")
    )


def kesenjangan_pegawai(pegawai: Pegawai, *, tahun: int) -> QuerySet[Kompetensi]:
    """Every competency the pegawai's jabatan requires or that was assessed up to ``tahun``, in
    one query, annotated with ``standar``, ``level_asesmen``, ``tahun_asesmen`` and
    ``kesenjangan`` (standar − level_asesmen; NULL when either is missing)."""
    standar = StandarKompetensiJabatan.objects.filter(
        jabatan_id=pegawai.jabatan_id, kompetensi_id=OuterRef("pk")
    )
    asesmen = AsesmenKompetensi.objects.filter(
        pegawai_id=pegawai.pk, kompetensi_id=OuterRef("pk"), tahun__lte=tahun
    ).order_by("-tahun")
    # Without a jabatan the filter is jabatan_id IS NULL: no standard, assessments only.
    return (
        Kompetensi.objects.annotate(
            standar=Subquery(standar.values("level")[:1]),
            level_asesmen=Subquery(asesmen.values("level")[:1]),
            tahun_asesmen=Subquery(asesmen.values("tahun")[:1]),
        )
        .filter(Q(standar__isnull=False) | Q(level_asesmen__isnull=False))
        .annotate(kesenjangan=F("standar") - F("level_asesmen"))
        .order_by("kode")
    )


# --- Who may read the maps -----------------------------------------------------------------------


def boleh_lihat_peta_kompetensi(user) -> bool:
    """Admin BKPSDM and pimpinan (the whole city), kepala and operator OPD (their OPD)."""
    akses = akses_for(user)
    return akses.lihat_semua or bool(akses.opd_ids)


def pegawai_peta_kompetensi_for(user) -> QuerySet[Pegawai]:
    """Whose gaps the user may see aggregated: everyone for Admin BKPSDM and pimpinan, the OPDs
    of their role for kepala and operator, nobody else (an ASN reads their own profile)."""
    akses = akses_for(user)
    if akses.lihat_semua:
        return pegawai_for(user)
    if akses.opd_ids:
        return pegawai_for(user).filter(perangkat_daerah_id__in=akses.opd_ids)
    return Pegawai.objects.none()


def get_opd_kompetensi_for_user(user, kode: str) -> PerangkatDaerah:
    """The OPD whose map the user may read; 404 for another OPD, as if it did not exist."""
    akses = akses_for(user)
    qs = perangkat_daerah_for(user)
    if not akses.lihat_semua:
        # perangkat_daerah_for also holds an ASN's own OPD; the map needs a role in it.
        qs = qs.filter(pk__in=akses.opd_ids)
    try:
        return qs.get(kode=kode)
    except PerangkatDaerah.DoesNotExist:
        raise Http404("Perangkat daerah tidak ditemukan.") from None


def rentang_tahun_asesmen() -> tuple[int, int] | None:
    """First and last year with an assessment, or None when there is none (one query)."""
    hasil = AsesmenKompetensi.objects.aggregate(awal=Min("tahun"), akhir=Max("tahun"))
    if hasil["awal"] is None:
        return None
    return hasil["awal"], hasil["akhir"]


# --- The maps ------------------------------------------------------------------------------------

_SERATUS = Decimal(100)
_DUA_DESIMAL = Decimal("0.01")


@dataclass(frozen=True)
class SelKesenjangan:
    """One competency in one group of pegawai (a unit kerja, an OPD, or all of them)."""

    jumlah: int  # active pegawai whose jabatan requires the competency
    diases: int  # of them, assessed up to the year
    kurang: int  # of the assessed, below the standard (gap > 0)
    rata_rata: Decimal | None  # average gap of the assessed, 2 decimals; None when none assessed

    @property
    def persen_kurang(self) -> Decimal | None:
        """Share of the assessed whose gap is above zero, in percent (2 decimals)."""
        if not self.diases:
            return None
        return (Decimal(self.kurang) * _SERATUS / self.diases).quantize(_DUA_DESIMAL, ROUND_HALF_UP)

    @property
    def tingkat(self) -> str:
        """The heat of the cell by its average gap: ``belum`` (nobody assessed), ``memenuhi``
        (≤ 0), ``rendah`` (< 1 level), ``sedang`` (< 2 levels) or ``tinggi``."""
        if self.rata_rata is None:
            return "belum"
        if self.rata_rata <= 0:
            return "memenuhi"
        if self.rata_rata < 1:
            return "rendah"
        if self.rata_rata < 2:
            return "sedang"
        return "tinggi"


@dataclass(frozen=True)
class KolomPeta:
    id: int | None  # None: pegawai without a unit kerja
    label: str
    judul: str = ""  # the full name, where the label is short
    kode: str = ""  # an OPD's kode, for its link


@dataclass
class BarisPeta:
    kode: str
    nama: str
    total: SelKesenjangan
    sel: list[SelKesenjangan | None] = field(default_factory=list)


@dataclass
class PetaKesenjangan:
    tahun: int
    kolom: list[KolomPeta]
    baris: list[BarisPeta]

    @property
    def ada_asesmen(self) -> bool:
        return any(b.total.diases for b in self.baris)


def _sql_peta(pegawai: QuerySet[Pegawai], grup: str) -> tuple[str, list]:
    """Cells per (competency, group) and per competency over all groups (GROUPING SETS)."""
    qs = pegawai.filter(aktif=True).exclude(jabatan_id=None).order_by()
    sql_pegawai, params = qs.values_list("id", "jabatan_id", grup).query.sql_with_params()
    standar = StandarKompetensiJabatan._meta.db_table
    asesmen = AsesmenKompetensi._meta.db_table
    # The latest assessment up to the year comes from the unique index (pegawai, kompetensi,
    # tahun), one probe per required competency of each pegawai.
    sql = f"""
        WITH p (id, jabatan_id, grup_id) AS ({sql_pegawai}),
        x AS (
            SELECT p.id AS pegawai_id, p.grup_id, s.kompetensi_id, s.level AS standar
            FROM p JOIN {standar} AS s ON s.jabatan_id = p.jabatan_id
        )
        SELECT x.kompetensi_id, x.grup_id, GROUPING(x.grup_id) AS semua,
               count(*) AS jumlah, count(a.level) AS diases,
               count(*) FILTER (WHERE x.standar > a.level) AS kurang,
               round(avg(x.standar - a.level), 2) AS rata_rata
        FROM x LEFT JOIN LATERAL (
            SELECT a.level FROM {asesmen} AS a
            WHERE a.pegawai_id = x.pegawai_id AND a.kompetensi_id = x.kompetensi_id
              AND a.tahun <= %s
            ORDER BY a.tahun DESC LIMIT 1
        ) AS a ON TRUE
        GROUP BY GROUPING SETS ((x.kompetensi_id, x.grup_id), (x.kompetensi_id))
    """  # noqa: S608 - table names from the models, values as parameters
    return sql, list(params)


def _peta(
    pegawai: QuerySet[Pegawai], *, tahun: int, grup: str, tabel_grup: str, label: tuple[str, ...]
) -> list[tuple]:
    try:
        sql_sel, params = _sql_peta(pegawai, grup)
    except EmptyResultSet:  # an empty scope (Pegawai.objects.none()): nothing to ask
        return []
    kompetensi = Kompetensi._meta.db_table
    kolom_label = ", ".join(f"g.{k}" for k in label)
    sql = f"""
        SELECT sel.*, k.kode, k.nama, {kolom_label}
        FROM ({sql_sel}) AS sel
        JOIN {kompetensi} AS k ON k.id = sel.kompetensi_id
        LEFT JOIN {tabel_grup} AS g ON g.id = sel.grup_id
        ORDER BY k.kode, sel.semua DESC
    """  # noqa: S608 - table names from the models, values as parameters
    with connections[pegawai.db].cursor() as cursor:
        cursor.execute(sql, [*params, tahun])
        return cursor.fetchall()


def _susun(hasil: list[tuple], kolom: list[KolomPeta], tahun: int) -> PetaKesenjangan:
    posisi = {k.id: i for i, k in enumerate(kolom)}
    baris: dict[int, BarisPeta] = {}
    for kompetensi_id, grup_id, semua, jumlah, diases, kurang, rata, kode, nama, *_label in hasil:
        sel = SelKesenjangan(jumlah=jumlah, diases=diases, kurang=kurang, rata_rata=rata)
        if semua:
            baris[kompetensi_id] = BarisPeta(
                kode=kode, nama=nama, total=sel, sel=[None] * len(kolom)
            )
        else:
            baris[kompetensi_id].sel[posisi[grup_id]] = sel
    return PetaKesenjangan(tahun=tahun, kolom=kolom, baris=list(baris.values()))


def peta_kesenjangan_per_unit_kerja(pegawai: QuerySet[Pegawai], *, tahun: int) -> PetaKesenjangan:
    """Competency × unit kerja for the pegawai given (normally one OPD), one query. Columns are
    the units that have a pegawai with a standard, by name; pegawai without a unit come last."""
    hasil = _peta(
        pegawai,
        tahun=tahun,
        grup="unit_kerja_id",
        tabel_grup=UnitKerja._meta.db_table,
        label=("nama",),
    )
    unit = {r[1]: r[9] for r in hasil if not r[2]}
    kolom = [KolomPeta(id=pk, label=nama) for pk, nama in unit.items() if pk is not None]
    kolom.sort(key=lambda k: (k.label.casefold(), k.id))
    if None in unit:
        kolom.append(KolomPeta(id=None, label=_("Tanpa unit kerja")))
    return _susun(hasil, kolom, tahun)


def peta_kesenjangan_per_opd(pegawai: QuerySet[Pegawai], *, tahun: int) -> PetaKesenjangan:
    """Competency × perangkat daerah for the pegawai given (normally the whole city), one
    query. Columns are the OPDs that have a pegawai with a standard, by kode."""
    hasil = _peta(
        pegawai,
        tahun=tahun,
        grup="perangkat_daerah_id",
        tabel_grup=PerangkatDaerah._meta.db_table,
        label=("kode", "singkatan", "nama"),
    )
    opd = {r[1]: r[9:12] for r in hasil if not r[2]}
    kolom = [
        KolomPeta(id=pk, label=singkatan, judul=nama, kode=kode)
        for pk, (kode, singkatan, nama) in opd.items()
    ]
    kolom.sort(key=lambda k: (k.kode, k.id))
    return _susun(hasil, kolom, tahun)
