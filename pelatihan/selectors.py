"""Reads on the JP ledger: JP per pegawai and year, compliance per OPD, a pegawai's transcript.

The rule (DESIGN §5, §6): JP of a year = the sum of verified ledger rows whose end date falls in
that year; a pegawai meets the target when that sum reaches the target of their jenis pegawai
(``settings.JP_TARGET_PER_TAHUN``). Every figure here is computed by PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    FilteredRelation,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear, Greatest

from pegawai.models import JenisPegawai, Pegawai, PerangkatDaerah
from pelatihan.models import RiwayatPengembangan

JP_TARGET_BAWAAN = 20

# Columns of the per-OPD compliance table (DESIGN §6), in the contract's order.
KOLOM_REKAP_OPD = (
    "kode_opd",
    "nama_opd",
    "jumlah_asn",
    "memenuhi_target",
    "persen_memenuhi",
    "total_jp",
    "rata_rata_jp",
)


def jp_target(jenis_pegawai: str) -> int:
    return int(settings.JP_TARGET_PER_TAHUN.get(jenis_pegawai, JP_TARGET_BAWAAN))


def jp_target_expression() -> Case:
    """The yearly target of each pegawai as SQL: a CASE over jenis_pegawai from the settings."""
    return Case(
        *[When(jenis_pegawai=jenis, then=Value(jp_target(jenis))) for jenis in JenisPegawai.values],
        default=Value(JP_TARGET_BAWAAN),
        output_field=IntegerField(),
    )


def _awal_akhir(tahun: int) -> tuple[date, date]:
    return date(tahun, 1, 1), date(tahun, 12, 31)


def pegawai_with_jp(qs: QuerySet[Pegawai], *, tahun: int) -> QuerySet[Pegawai]:
    """Pegawai annotated with ``total_jp``, ``target_jp``, ``kurang_jp`` and ``memenuhi_target``
    for the year.

    The year's verified rows are joined with the condition in the ON clause (an index range scan
    on ``riwayat_jp_terverifikasi``), then summed per pegawai; a pegawai without rows gets 0.
    """
    return (
        qs.annotate(
            riwayat_tahun=FilteredRelation(
                "riwayat_pengembangan",
                condition=Q(
                    riwayat_pengembangan__status=RiwayatPengembangan.Status.TERVERIFIKASI,
                    riwayat_pengembangan__tanggal_selesai__range=_awal_akhir(tahun),
                ),
            )
        )
        .annotate(
            total_jp=Coalesce(Sum("riwayat_tahun__jp"), 0, output_field=IntegerField()),
            target_jp=jp_target_expression(),
        )
        .annotate(
            kurang_jp=Greatest(F("target_jp") - F("total_jp"), Value(0)),
            memenuhi_target=ExpressionWrapper(
                Q(total_jp__gte=F("target_jp")), output_field=BooleanField()
            ),
        )
    )


def rekap_jp_per_opd(
    qs: QuerySet[Pegawai], *, tahun: int, urut: str = "kode_opd", turun: bool = False
) -> list[dict]:
    """One row per OPD that has active pegawai in ``qs``, with the columns of
    :data:`KOLOM_REKAP_OPD`. ``persen_memenuhi`` and ``rata_rata_jp`` are rounded to two decimals
    (half away from zero) by PostgreSQL and returned as :class:`~decimal.Decimal`.

    One query: the per-pegawai sums of :func:`pegawai_with_jp` become a derived table that is
    grouped by OPD. (A per-pegawai correlated subquery referenced by several aggregates would run
    once per reference; a grouped derived table runs once.)
    """
    if urut not in KOLOM_REKAP_OPD:
        raise ValueError(f"Kolom urut tidak dikenal: {urut}")
    per_pegawai = (
        pegawai_with_jp(qs.filter(aktif=True), tahun=tahun)
        .order_by()
        .values_list("perangkat_daerah_id", "total_jp", "target_jp")
    )
    try:
        sql_pegawai, params = per_pegawai.query.sql_with_params()
    except EmptyResultSet:  # a scope that can hold nobody (QuerySet.none())
        return []
    connection = connections[per_pegawai.db]
    qn = connection.ops.quote_name
    arah = "DESC" if turun else "ASC"
    # The sort column comes from the whitelist above; kode_opd breaks ties.
    sql = f"""
        SELECT o.{qn("kode")} AS kode_opd,
               o.{qn("nama")} AS nama_opd,
               COUNT(*) AS jumlah_asn,
               COUNT(*) FILTER (WHERE t.total_jp >= t.target_jp) AS memenuhi_target,
               ROUND(100.0 * COUNT(*) FILTER (WHERE t.total_jp >= t.target_jp) / COUNT(*), 2)
                   AS persen_memenuhi,
               SUM(t.total_jp) AS total_jp,
               ROUND(SUM(t.total_jp)::numeric / COUNT(*), 2) AS rata_rata_jp
        FROM ({sql_pegawai}) AS t (opd_id, total_jp, target_jp)
        JOIN {qn(PerangkatDaerah._meta.db_table)} AS o ON o.{qn("id")} = t.opd_id
        GROUP BY o.{qn("id")}
        ORDER BY {urut} {arah}, kode_opd
    """  # noqa: S608 - identifiers are quoted constants, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            {
                "kode_opd": kode,
                "nama_opd": nama,
                "jumlah_asn": jumlah,
                "memenuhi_target": memenuhi,
                "persen_memenuhi": persen,
                "total_jp": int(total),
                "rata_rata_jp": rata,
            }
            for kode, nama, jumlah, memenuhi, persen, total, rata in cursor.fetchall()
        ]


def rekap_jp_total(baris: list[dict]) -> dict:
    """The city-wide (or scope-wide) row from the OPD rows, rounded as PostgreSQL rounds them."""
    jumlah = sum(b["jumlah_asn"] for b in baris)
    memenuhi = sum(b["memenuhi_target"] for b in baris)
    total = sum(b["total_jp"] for b in baris)
    return {
        "jumlah_asn": jumlah,
        "memenuhi_target": memenuhi,
        "persen_memenuhi": _bulatkan(Decimal(100 * memenuhi) / jumlah) if jumlah else None,
        "total_jp": total,
        "rata_rata_jp": _bulatkan(Decimal(total) / jumlah) if jumlah else None,
    }


def _bulatkan(nilai: Decimal) -> Decimal:
    from decimal import ROUND_HALF_UP

    return nilai.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def rentang_tahun_riwayat() -> tuple[int, int] | None:
    """First and last year with verified JP (two index probes), or None for an empty ledger."""
    hasil = RiwayatPengembangan.objects.terverifikasi().aggregate(
        awal=Min("tanggal_selesai"), akhir=Max("tanggal_selesai")
    )
    if hasil["awal"] is None:
        return None
    return hasil["awal"].year, hasil["akhir"].year


@dataclass
class TahunTranskrip:
    tahun: int
    target_jp: int
    total_jp: int = 0
    riwayat: list[RiwayatPengembangan] = field(default_factory=list)
    belum_dihitung: list[RiwayatPengembangan] = field(default_factory=list)

    @property
    def memenuhi_target(self) -> bool:
        return self.total_jp >= self.target_jp

    @property
    def kurang_jp(self) -> int:
        return max(self.target_jp - self.total_jp, 0)


def transkrip_jp(
    pegawai: Pegawai, *, tahun_ini: int, dengan_belum_dihitung: bool = False
) -> list[TahunTranskrip]:
    """A pegawai's JP per year, newest first: the verified rows and their total against the
    target; with ``dengan_belum_dihitung`` also the rows waiting or rejected (never counted).
    The current year is always present, so a pegawai without JP sees how far they are.

    Two queries whatever the number of rows and years: the yearly sums and the rows.
    """
    target = jp_target(pegawai.jenis_pegawai)
    totals = dict(
        RiwayatPengembangan.objects.terverifikasi()
        .filter(pegawai=pegawai)
        .annotate(tahun=ExtractYear("tanggal_selesai"))
        .order_by()
        .values("tahun")
        .annotate(total=Sum("jp"))
        .values_list("tahun", "total")
    )
    rows = RiwayatPengembangan.objects.filter(pegawai=pegawai).select_related("jenis")
    if not dengan_belum_dihitung:
        rows = rows.terverifikasi()
    per_tahun: dict[int, TahunTranskrip] = {
        tahun_ini: TahunTranskrip(tahun=tahun_ini, target_jp=target)
    }
    for tahun, total in totals.items():
        per_tahun.setdefault(tahun, TahunTranskrip(tahun=tahun, target_jp=target))
        per_tahun[tahun].total_jp = total
    for row in rows.order_by("-tanggal_selesai", "-tanggal_mulai", "-id"):
        item = per_tahun.setdefault(row.tahun, TahunTranskrip(tahun=row.tahun, target_jp=target))
        (item.riwayat if row.dihitung else item.belum_dihitung).append(row)
    return sorted(per_tahun.values(), key=lambda t: t.tahun, reverse=True)


# ---------------------------------------------------------------------------------------------
# Catalogue and events.
# ---------------------------------------------------------------------------------------------


def _jp_program_subquery(program_ref: str):
    from django.db.models import OuterRef, Subquery

    from pelatihan.models import MataPelatihan

    jumlah = (
        MataPelatihan.objects.filter(program=OuterRef(program_ref))
        .order_by()
        .values("program")
        .annotate(jp=Sum("jp"))
        .values("jp")
    )
    return Coalesce(Subquery(jumlah, output_field=IntegerField()), Value(0))


def program_list():
    """Programs with their JP (the sum of their subjects' JP) and number of subjects."""
    from pelatihan.models import MataPelatihan, ProgramPelatihan

    jumlah_mata = (
        MataPelatihan.objects.filter(program=OuterRef("pk"))
        .order_by()
        .values("program")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return ProgramPelatihan.objects.select_related("jenis", "lembaga").annotate(
        jp_total=_jp_program_subquery("pk"),
        jumlah_mata_pelatihan=Coalesce(
            Subquery(jumlah_mata, output_field=IntegerField()), Value(0)
        ),
    )


def kegiatan_for(user):
    """Events the user may see: drafts only for Admin BKPSDM; nothing without a login."""
    from pegawai.akses import akses_for
    from pelatihan.models import KegiatanPelatihan

    akses = akses_for(user)
    if akses.user_id is None:
        return KegiatanPelatihan.objects.none()
    if akses.admin_bkpsdm:
        return KegiatanPelatihan.objects.all()
    return KegiatanPelatihan.objects.terbit()


def kegiatan_with_relations(qs):
    return qs.select_related("program__jenis", "lembaga").annotate(
        jp_total=_jp_program_subquery("program")
    )


def _bulan_rentang(bulan: date) -> tuple[date, date]:
    awal = bulan.replace(day=1)
    akhir = date(awal.year + (awal.month == 12), awal.month % 12 + 1, 1) - timedelta(days=1)
    return awal, akhir


def kegiatan_katalog(
    user,
    *,
    jenis=None,
    modalitas: str = "",
    cari: str = "",
    status: str = "",
    bulan: date | None = None,
    hari_ini: date | None = None,
):
    """The catalogue's events. Without a status or month: upcoming events (not finished, not
    cancelled). A status shows events of that status; a month shows events overlapping it."""
    from pelatihan.models import KegiatanPelatihan

    qs = kegiatan_for(user)
    if status:
        qs = qs.filter(status=status)
    else:
        qs = qs.exclude(
            status__in=[KegiatanPelatihan.Status.DIBATALKAN, KegiatanPelatihan.Status.SELESAI]
        )
    if bulan is not None:
        awal, akhir = _bulan_rentang(bulan)
        qs = qs.filter(tanggal_mulai__lte=akhir, tanggal_selesai__gte=awal)
    elif not status:
        qs = qs.filter(tanggal_selesai__gte=hari_ini or date.today())
    if jenis is not None:
        qs = qs.filter(program__jenis=jenis)
    if modalitas:
        qs = qs.filter(modalitas=modalitas)
    cari = " ".join(cari.split())
    if cari:
        qs = qs.filter(
            Q(program__nama__icontains=cari)
            | Q(lembaga__nama__icontains=cari)
            | Q(tempat__icontains=cari)
        )
    return kegiatan_with_relations(qs).order_by("tanggal_mulai", "id")


@dataclass
class HariKalender:
    tanggal: date
    dalam_bulan: bool
    kegiatan: list = field(default_factory=list)


def kegiatan_kalender(qs, *, bulan: date) -> list[list[HariKalender]]:
    """A month grid (weeks from Monday) with each event on every day it runs. One query: the
    events overlapping the month are placed in Python, which touches at most a month of events."""
    import calendar

    awal, akhir = _bulan_rentang(bulan)
    minggu = calendar.Calendar(firstweekday=0).monthdatescalendar(awal.year, awal.month)
    hari = {h: HariKalender(h, h.month == awal.month) for pekan in minggu for h in pekan}
    for kegiatan in qs.filter(tanggal_mulai__lte=akhir, tanggal_selesai__gte=awal):
        h = max(kegiatan.tanggal_mulai, awal)
        while h <= min(kegiatan.tanggal_selesai, akhir):
            hari[h].kegiatan.append(kegiatan)
            h += timedelta(days=1)
    return [[hari[h] for h in pekan] for pekan in minggu]


def get_kegiatan_for_user(user, pk: int, *, lengkap: bool = True):
    """One event, or 404 (drafts for Admin BKPSDM only). ``lengkap`` also loads everything its
    page shows: curriculum, competencies, eligible OPDs and quota per OPD."""
    from django.db.models import Prefetch
    from django.http import Http404

    from pelatihan.models import KegiatanPelatihan, KuotaOPD, MataPelatihan

    qs = (
        kegiatan_with_relations(kegiatan_for(user))
        .select_related("program__golongan_min", "program__golongan_max", "program__lembaga")
        .prefetch_related(
            Prefetch(
                "program__mata_pelatihan", queryset=MataPelatihan.objects.order_by("urutan", "id")
            ),
            "program__kompetensi",
            "program__sasaran_opd",
            Prefetch(
                "kuota_opd",
                queryset=KuotaOPD.objects.select_related("perangkat_daerah").order_by(
                    "perangkat_daerah__kode"
                ),
            ),
        )
    )
    if not lengkap:
        qs = kegiatan_with_relations(kegiatan_for(user))
    try:
        return qs.get(pk=pk)
    except KegiatanPelatihan.DoesNotExist:
        raise Http404("Kegiatan tidak ditemukan.") from None


# ---------------------------------------------------------------------------------------------
# Nominations.
# ---------------------------------------------------------------------------------------------


def nominasi_for(user):
    """Nominations the user may see: all for Admin BKPSDM and pimpinan; their OPD for kepala
    and operator; their own and (as atasan) their direct reports' for an ASN."""
    from pegawai.akses import akses_for
    from pelatihan.models import Nominasi

    akses = akses_for(user)
    if akses.user_id is None:
        return Nominasi.objects.none()
    if akses.lihat_semua:
        return Nominasi.objects.all()
    scope = Q(pk__in=[])
    if akses.opd_ids:
        scope |= Q(pegawai__perangkat_daerah_id__in=akses.opd_ids)
    if akses.pegawai_id is not None:
        scope |= Q(pegawai_id=akses.pegawai_id) | Q(pegawai__atasan_id=akses.pegawai_id)
    return Nominasi.objects.filter(scope)


def nominasi_antrean(user, *, kegiatan=None, status: str = ""):
    """The queue of the user's scope: soonest event first, highest priority first within it."""
    qs = nominasi_for(user)
    if kegiatan is not None:
        qs = qs.filter(kegiatan=kegiatan)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related(
        "pegawai__perangkat_daerah", "kegiatan__program", "diusulkan_oleh"
    ).order_by("kegiatan__tanggal_mulai", "kegiatan_id", "-skor_prioritas", "id")


def get_nominasi_for_user(user, pk: int):
    from django.http import Http404

    from pelatihan.models import Nominasi

    try:
        return nominasi_for(user).select_related("pegawai", "kegiatan").get(pk=pk)
    except Nominasi.DoesNotExist:
        raise Http404("Nominasi tidak ditemukan.") from None


def pegawai_untuk_usulan(user, *, cari: str = ""):
    """Active pegawai of the OPDs the user proposes for (kepala or operator), by name."""
    from pegawai.akses import akses_for

    akses = akses_for(user)
    qs = Pegawai.objects.filter(aktif=True, perangkat_daerah_id__in=akses.opd_ids)
    cari = " ".join(cari.split())
    if cari:
        qs = qs.filter(Q(nama__icontains=cari) | Q(nip__startswith=cari))
    return qs.order_by("nama", "nip")


# ---------------------------------------------------------------------------------------------
# Running an event: its participants, their attendance and results.
# ---------------------------------------------------------------------------------------------


def peserta_kegiatan(kegiatan):
    """The confirmed participants of an event (with or without a result), by name, each with
    ``jumlah_hadir`` (days marked hadir) and ``persen_hadir`` (of the event's days)."""
    from django.db.models import DecimalField
    from django.db.models.functions import Round

    from pelatihan.models import Kehadiran, Nominasi

    jumlah_hari = (kegiatan.tanggal_selesai - kegiatan.tanggal_mulai).days + 1
    return (
        Nominasi.objects.filter(
            kegiatan=kegiatan,
            status__in=[
                Nominasi.Status.DITETAPKAN,
                Nominasi.Status.LULUS,
                Nominasi.Status.TIDAK_LULUS,
            ],
        )
        .select_related("pegawai__perangkat_daerah")
        .annotate(
            jumlah_hadir=Count("kehadiran", filter=Q(kehadiran__status=Kehadiran.Status.HADIR))
        )
        .annotate(
            persen_hadir=Round(
                ExpressionWrapper(
                    F("jumlah_hadir") * Value(Decimal(100)) / Value(Decimal(jumlah_hari)),
                    output_field=DecimalField(max_digits=6, decimal_places=1),
                ),
                1,
            )
        )
        .order_by("pegawai__nama", "pegawai__nip")
    )


def kehadiran_kegiatan(kegiatan) -> dict:
    """The attendance of an event's participants: {(nominasi id, date): status}, one query."""
    from pelatihan.models import Kehadiran

    return {
        (nominasi_id, tanggal): status
        for nominasi_id, tanggal, status in Kehadiran.objects.filter(
            nominasi__kegiatan=kegiatan
        ).values_list("nominasi_id", "tanggal", "status")
    }


def kegiatan_jp_belum_dikreditkan(kegiatan) -> int:
    """Graduates of an event without a counting ledger row from it (the crediting task has not
    run yet, or did not finish)."""
    from django.db.models import Exists

    from pelatihan.models import Nominasi

    tercatat = RiwayatPengembangan.objects.filter(
        kegiatan=kegiatan, pegawai=OuterRef("pegawai")
    ).exclude(status=RiwayatPengembangan.Status.DITOLAK)
    return (
        Nominasi.objects.filter(kegiatan=kegiatan, status=Nominasi.Status.LULUS)
        .exclude(Exists(tercatat))
        .count()
    )
