"""Read-only aggregations behind the dashboards. laporan owns no business data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.db.models import F, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from evaluasi.selectors import formulir_for_user
from pegawai.akses import akses_for, get_pegawai_for_user, pegawai_for, perangkat_daerah_for
from pegawai.ekspor import Lembar
from pegawai.models import Pegawai, PerangkatDaerah
from pegawai.selectors import bawahan_langsung, pegawai_list_for_user, ringkasan_pegawai
from pelatihan import selectors as pelatihan_selectors


def beranda_for_user(user) -> dict:
    akses = akses_for(user)
    context: dict = {"akses": akses}
    # Feedback and level-3 forms waiting for this user (anyone can be an atasan or participant).
    context["evaluasi_menunggu"] = formulir_for_user(user).menunggu().count()
    if akses.lihat_semua:
        context["ringkasan_kota"] = ringkasan_pegawai(pegawai_for(user))
        context["jumlah_opd"] = PerangkatDaerah.objects.aktif().count()
    if akses.opd_ids:
        # One aggregate per OPD the user serves (normally exactly one).
        context["opd_saya"] = [
            {"opd": opd, "ringkasan": ringkasan_pegawai(opd.pegawai.all())}
            for opd in perangkat_daerah_for(user).filter(pk__in=akses.opd_ids).order_by("kode")
        ]
    return context


# --- JP compliance (DESIGN §6 "JP compliance") ---------------------------------------------------

TAHUN_MINIMUM = 1950
KOLOM_REKAP_OPD = pelatihan_selectors.KOLOM_REKAP_OPD
KOLOM_REKAP_PEGAWAI = (
    "nip",
    "nama",
    "kode_opd",
    "jenis_pegawai",
    "total_jp",
    "target_jp",
    "memenuhi_target",
)
# Sort keys of the drill-down table → ORDER BY; the name and NIP break ties.
URUT_PEGAWAI = {
    "nama": ("nama",),
    "nip": ("nip",),
    "jenis_pegawai": ("jenis_pegawai",),
    "total_jp": ("total_jp",),
    "kurang_jp": ("kurang_jp",),
}


def tahun_ini() -> int:
    """The current year in the project's time zone (Asia/Jakarta by default)."""
    return timezone.localdate().year


def tahun_maksimum() -> int:
    return tahun_ini() + 1


def pilihan_tahun() -> list[int]:
    """Years for the picker, newest first: from the first to the last year with verified JP
    (read from the date index, not by scanning the ledger), always with the current year."""
    sekarang = tahun_ini()
    rentang = pelatihan_selectors.rentang_tahun_riwayat()
    awal, akhir = rentang if rentang else (sekarang, sekarang)
    return list(range(max(akhir, sekarang), min(awal, sekarang) - 1, -1))


def boleh_lihat_kepatuhan_jp(user) -> bool:
    akses = akses_for(user)
    return akses.lihat_semua or bool(akses.opd_ids)


def boleh_ekspor_jp_seluruh_pegawai(user) -> bool:
    return akses_for(user).lihat_semua


def pegawai_kepatuhan_jp_for(user) -> QuerySet[Pegawai]:
    """Whose JP the user may see in the compliance report: everyone for Admin BKPSDM and
    pimpinan, the OPDs of their role for kepala and operator, nobody else (an ASN sees their own
    JP on their profile, not here)."""
    akses = akses_for(user)
    if akses.lihat_semua:
        return pegawai_for(user)
    if akses.opd_ids:
        return pegawai_for(user).filter(perangkat_daerah_id__in=akses.opd_ids)
    return Pegawai.objects.none()


def pegawai_kepatuhan_jp_opd_for(user, opd: PerangkatDaerah, *, cari: str = ""):
    """The active pegawai of one OPD the user may see, searched by name or NIP as on the
    pegawai list."""
    return pegawai_list_for_user(user, cari=cari).filter(perangkat_daerah=opd).select_related(None)


def get_opd_kepatuhan_jp_for_user(user, kode: str) -> PerangkatDaerah:
    akses = akses_for(user)
    qs = perangkat_daerah_for(user)
    if not akses.lihat_semua:
        # perangkat_daerah_for also holds an ASN's own OPD; the report needs a role in it.
        qs = qs.filter(pk__in=akses.opd_ids)
    try:
        return qs.get(kode=kode)
    except PerangkatDaerah.DoesNotExist:
        raise Http404("Perangkat daerah tidak ditemukan.") from None


def _jenis(qs: QuerySet[Pegawai], jenis: str) -> QuerySet[Pegawai]:
    return qs.filter(jenis_pegawai=jenis) if jenis else qs


def kepatuhan_jp_per_opd(
    qs: QuerySet[Pegawai], *, tahun: int, jenis: str = "", urut: str = "kode_opd"
) -> dict:
    """The per-OPD table and its total row. ``urut`` is a column of :data:`KOLOM_REKAP_OPD`,
    with a leading ``-`` for descending order."""
    kolom = urut.removeprefix("-")
    baris = pelatihan_selectors.rekap_jp_per_opd(
        _jenis(qs, jenis), tahun=tahun, urut=kolom, turun=urut.startswith("-")
    )
    return {"baris": baris, "total": pelatihan_selectors.rekap_jp_total(baris)}


def kepatuhan_jp_pegawai(
    qs: QuerySet[Pegawai],
    *,
    tahun: int,
    jenis: str = "",
    hanya_kurang: bool = False,
    urut: str = "nama",
) -> QuerySet[Pegawai]:
    """Active pegawai with their JP of the year; ``urut`` is a key of :data:`URUT_PEGAWAI`,
    with a leading ``-`` for descending order."""
    qs = pelatihan_selectors.pegawai_with_jp(_jenis(qs.filter(aktif=True), jenis), tahun=tahun)
    if hanya_kurang:
        qs = qs.filter(total_jp__lt=F("target_jp"))
    turun = urut.startswith("-")
    kolom = URUT_PEGAWAI[urut.removeprefix("-")]
    urutan = [f"-{k}" if turun else k for k in kolom]
    return qs.order_by(*urutan, "nama", "nip")


def baris_rekap_opd(baris: list[dict]) -> Iterator[tuple]:
    """Export rows of the per-OPD table, as the JSON contract has them (decimals as numbers)."""
    for b in baris:
        yield tuple(float(b[k]) if isinstance(b[k], Decimal) else b[k] for k in KOLOM_REKAP_OPD)


def baris_rekap_pegawai(qs: QuerySet[Pegawai], *, chunk_size: int = 2000) -> Iterator[tuple]:
    """Export rows of a per-pegawai table, streamed from a server-side cursor."""
    return (
        qs.select_related(None)
        .values_list(
            "nip",
            "nama",
            "perangkat_daerah__kode",
            "jenis_pegawai",
            "total_jp",
            "target_jp",
            "memenuhi_target",
        )
        .iterator(chunk_size=chunk_size)
    )


def kepatuhan_jp_pegawai_kota(qs: QuerySet[Pegawai], *, tahun: int, jenis: str = ""):
    """Every active pegawai in ``qs`` with their JP, ordered by OPD, name and NIP."""
    return kepatuhan_jp_pegawai(qs, tahun=tahun, jenis=jenis).order_by(
        "perangkat_daerah__kode", "nama", "nip"
    )


def lembar_jp_pegawai_kota(user, *, tahun: int, jenis: str = "") -> Lembar:
    """The sheet of /laporan/jp/pegawai.xlsx: every active pegawai the user may see with their JP,
    streamed. The download and its background report job both write this sheet."""
    qs = kepatuhan_jp_pegawai_kota(pegawai_kepatuhan_jp_for(user), tahun=tahun, jenis=jenis)
    judul = _("JP pegawai %(tahun)s") % {"tahun": tahun}
    return Lembar(judul, KOLOM_REKAP_PEGAWAI, baris_rekap_pegawai(qs))


def nama_berkas_jp_pegawai(tahun: int, jenis: str = "") -> str:
    """The name of that download, e.g. kepatuhan-jp-pegawai-2025-pppk.xlsx."""
    return "-".join(slugify(str(b)) for b in ("kepatuhan-jp-pegawai", tahun, jenis) if b) + ".xlsx"


def untuk_csv(baris: Iterable[Sequence]) -> Iterator[list]:
    """Booleans as the project's spreadsheets write them (Ya/Tidak)."""
    for row in baris:
        yield ["Ya" if v is True else "Tidak" if v is False else v for v in row]


# --- The profile (/pegawai/<nip>/) ---------------------------------------------------------------


def profil_pegawai_for_user(user, nip: str) -> dict:
    """The profile page of one pegawai: identity, bawahan and the JP transcript. Rows waiting for
    verification or rejected are shown only to the ASN themself and to Admin BKPSDM."""
    pegawai = get_pegawai_for_user(user, nip)
    akses = akses_for(user)
    return {
        "pegawai": pegawai,
        "bawahan": bawahan_langsung(pegawai),
        "transkrip": pelatihan_selectors.transkrip_jp(
            pegawai,
            tahun_ini=tahun_ini(),
            dengan_belum_dihitung=akses.admin_bkpsdm or akses.pegawai_id == pegawai.pk,
        ),
    }
