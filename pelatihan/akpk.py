"""Needs analysis (AKPK) and the year's development plan built from it (DESIGN §2 Plan).

An ASN proposes a need for themself, a kepala or operator OPD for their OPD and its staff, Admin
BKPSDM for anyone; a need comes from a competency gap or is proposed freely. BKPSDM verifies or
rejects it (with a reason the proposer reads). Verified needs of one year are consolidated into
a plan line: the seats of each OPD are the sum of the chosen needs' participants, and the needs
are covered by it. Verified needs no plan line covers yet stay listed until one does.

The gap of a pegawai for a competency is the level its jabatan's standard requires minus the
level of their latest assessment up to the plan year; with no assessment the gap is unknown
(not counted as a gap). It is computed when read and never stored.

The plan exports as XLSX, one row per plan line and OPD (columns in ``KOLOM_RENCANA``). The cost
of a line is split between its OPDs in proportion to their seats, to the sen, by the largest
remainder: the rows of a line add up exactly to its cost.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pegawai import kompetensi as kompetensi_selectors
from pegawai.akses import akses_for
from pegawai.models import Kompetensi
from pegawai.services import notifikasi_send
from pegawai.tanggal import NAMA_BULAN
from pelatihan.models import (
    KebutuhanPengembangan,
    RencanaKursiOPD,
    RencanaPengembangan,
    RincianBiayaRencana,
    SumberDana,
    format_rupiah,
)

TAHUN_TERKECIL, TAHUN_TERBESAR = 2000, 2100
Kategori = RincianBiayaRencana.Kategori

# ---------------------------------------------------------------------------------------------
# Competency gaps of one pegawai, for proposals (standard − latest assessed level up to the year).
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kesenjangan:
    kompetensi: Kompetensi
    level_standar: int
    level_asesmen: int | None

    @property
    def selisih(self) -> int | None:
        if self.level_asesmen is None:
            return None
        return self.level_standar - self.level_asesmen

    @property
    def ada(self) -> bool:
        return self.selisih is not None and self.selisih > 0


def kesenjangan_pegawai(*, pegawai, tahun: int) -> list[Kesenjangan]:
    """The competencies the pegawai's jabatan sets a standard for, with the latest assessed level
    up to ``tahun`` (one query, by ``pegawai.kompetensi``'s rule); the largest gaps first, unknown
    gaps last."""
    if pegawai.jabatan_id is None:
        return []
    hasil = [
        Kesenjangan(k, k.standar, k.level_asesmen)
        for k in kompetensi_selectors.kesenjangan_pegawai(pegawai, tahun=tahun).filter(
            standar__isnull=False
        )
    ]
    return sorted(
        hasil,
        key=lambda k: (k.selisih is None, -(k.selisih or 0), k.kompetensi.kode),
    )


def _ada_kesenjangan(*, pegawai, kompetensi, tahun: int) -> bool:
    if pegawai is None or kompetensi is None or pegawai.jabatan_id is None:
        return False
    return (
        kompetensi_selectors.kesenjangan_pegawai(pegawai, tahun=tahun)
        .filter(pk=kompetensi.pk, kesenjangan__gt=0)
        .exists()
    )


# ---------------------------------------------------------------------------------------------
# Needs: propose, verify, reject.
# ---------------------------------------------------------------------------------------------


def _tidak_berwenang(pesan: str) -> ValidationError:
    return ValidationError(pesan, code="tidak_berwenang")


def _check_admin(oleh, pesan: str) -> None:
    if not akses_for(oleh).admin_bkpsdm:
        raise _tidak_berwenang(pesan)


def _check_boleh_mengusulkan(oleh, perangkat_daerah, pegawai) -> None:
    akses = akses_for(oleh)
    if akses.admin_bkpsdm or perangkat_daerah.pk in akses.opd_ids:
        return
    if akses.pegawai_id is not None and pegawai is not None and pegawai.pk == akses.pegawai_id:
        return
    if akses.pegawai_id is not None and not akses.opd_ids:
        raise _tidak_berwenang(_("ASN mengusulkan kebutuhan pengembangan untuk dirinya sendiri."))
    raise _tidak_berwenang(
        _(
            "Kebutuhan pengembangan diusulkan oleh ASN untuk dirinya sendiri, atau oleh kepala "
            "dan operator untuk perangkat daerahnya."
        )
    )


def _check_tahun(tahun: int, *, admin: bool) -> None:
    if not TAHUN_TERKECIL <= tahun <= TAHUN_TERBESAR:
        raise ValidationError({"tahun": _("Tahun rencana tidak wajar.")})
    if not admin and tahun < timezone.localdate().year:
        raise ValidationError(
            {"tahun": _("Kebutuhan diusulkan untuk tahun ini atau tahun-tahun berikutnya.")}
        )


@transaction.atomic
def kebutuhan_propose(
    *,
    oleh,
    perangkat_daerah,
    tahun: int,
    uraian: str,
    pegawai=None,
    kompetensi=None,
    jenis=None,
    program=None,
    jumlah_peserta: int = 1,
) -> KebutuhanPengembangan:
    """Record a need waiting for BKPSDM's verification. It counts as coming from a gap when it
    names a pegawai and a competency on which that pegawai is below their jabatan's standard."""
    _check_boleh_mengusulkan(oleh, perangkat_daerah, pegawai)
    _check_tahun(tahun, admin=akses_for(oleh).admin_bkpsdm)
    if pegawai is not None:
        if pegawai.perangkat_daerah_id != perangkat_daerah.pk:
            raise ValidationError(
                {"pegawai": _("Pegawai ini bukan pegawai perangkat daerah yang dipilih.")}
            )
        if not pegawai.aktif:
            raise ValidationError({"pegawai": _("Pegawai ini tidak aktif.")})
        if jumlah_peserta != 1:
            raise ValidationError(
                {"jumlah_peserta": _("Kebutuhan satu pegawai berjumlah satu peserta.")}
            )
    if jumlah_peserta < 1:
        raise ValidationError({"jumlah_peserta": _("Jumlah peserta paling sedikit satu.")})
    if jenis is not None and not jenis.aktif:
        raise ValidationError({"jenis": _("Jenis pengembangan ini tidak lagi digunakan.")})
    if program is not None and not program.aktif:
        raise ValidationError({"program": _("Program ini tidak lagi aktif.")})
    uraian = (uraian or "").strip()
    if not uraian:
        raise ValidationError({"uraian": _("Uraikan kebutuhan pengembangannya.")})

    asal = (
        KebutuhanPengembangan.Asal.KESENJANGAN
        if _ada_kesenjangan(pegawai=pegawai, kompetensi=kompetensi, tahun=tahun)
        else KebutuhanPengembangan.Asal.USULAN
    )
    kebutuhan = KebutuhanPengembangan(
        tahun=tahun,
        perangkat_daerah=perangkat_daerah,
        pegawai=pegawai,
        kompetensi=kompetensi,
        jenis=jenis,
        program=program,
        uraian=uraian,
        jumlah_peserta=jumlah_peserta,
        asal=asal,
        diusulkan_oleh=oleh,
    )
    kebutuhan.full_clean()
    kebutuhan.save()
    return kebutuhan


def _lock_kebutuhan(kebutuhan: KebutuhanPengembangan) -> KebutuhanPengembangan:
    return (
        KebutuhanPengembangan.objects.select_for_update(of=("self",))
        .select_related("diusulkan_oleh", "pegawai__user")
        .get(pk=kebutuhan.pk)
    )


def _penerima(kebutuhan: KebutuhanPengembangan, oleh) -> list:
    """The proposer, and the pegawai concerned when someone else proposed for them."""
    penerima = []
    for user in (kebutuhan.diusulkan_oleh, kebutuhan.pegawai.user if kebutuhan.pegawai else None):
        if user is not None and user.pk != oleh.pk and user not in penerima:
            penerima.append(user)
    return penerima


def _kabari(kebutuhan: KebutuhanPengembangan, oleh, *, judul: str, pesan: str, kejadian: str):
    tautan = reverse("pelatihan:kebutuhan-list") + f"?tahun={kebutuhan.tahun}"
    for user in _penerima(kebutuhan, oleh):
        notifikasi_send(
            penerima=user,
            judul=judul,
            pesan=pesan,
            tautan=tautan,
            kunci=f"kebutuhan:{kebutuhan.pk}:{kejadian}",
            kirim_email=True,
        )


def _ringkas(kebutuhan: KebutuhanPengembangan) -> str:
    teks = " ".join(kebutuhan.uraian.split())
    return teks if len(teks) <= 80 else teks[:79] + "…"


@transaction.atomic
def kebutuhan_verify(*, kebutuhan: KebutuhanPengembangan, oleh) -> KebutuhanPengembangan:
    """BKPSDM accepts a proposed need for the plan. A need already verified is returned as it is
    (a repeated click does nothing twice); a rejected need stays rejected."""
    _check_admin(oleh, _("Kebutuhan pengembangan diverifikasi oleh Admin BKPSDM."))
    kebutuhan = _lock_kebutuhan(kebutuhan)
    if kebutuhan.status == KebutuhanPengembangan.Status.DIVERIFIKASI:
        return kebutuhan
    if kebutuhan.status == KebutuhanPengembangan.Status.DITOLAK:
        raise ValidationError(
            _("Kebutuhan ini sudah ditolak dan tidak dapat diverifikasi."), code="sudah_diproses"
        )
    kebutuhan.status = KebutuhanPengembangan.Status.DIVERIFIKASI
    kebutuhan.diverifikasi_oleh = oleh
    kebutuhan.diverifikasi_pada = timezone.now()
    kebutuhan.save(
        update_fields=["status", "diverifikasi_oleh", "diverifikasi_pada", "diubah_pada"]
    )
    _kabari(
        kebutuhan,
        oleh,
        judul=_("Kebutuhan pengembangan diverifikasi"),
        pesan=_(
            "Kebutuhan “%(uraian)s” (tahun %(tahun)s) diverifikasi BKPSDM dan akan "
            "dipertimbangkan dalam rencana pengembangan."
        )
        % {"uraian": _ringkas(kebutuhan), "tahun": kebutuhan.tahun},
        kejadian="verifikasi",
    )
    return kebutuhan


@transaction.atomic
def kebutuhan_reject(*, kebutuhan: KebutuhanPengembangan, oleh, alasan: str):
    """BKPSDM rejects a need with a reason the proposer reads. A verified need may still be
    rejected while no plan line covers it; a covered need may not."""
    _check_admin(oleh, _("Kebutuhan pengembangan ditolak oleh Admin BKPSDM."))
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError(
            {"alasan_penolakan": _("Tuliskan alasan penolakan agar pengusul memahaminya.")}
        )
    kebutuhan = _lock_kebutuhan(kebutuhan)
    if kebutuhan.status == KebutuhanPengembangan.Status.DITOLAK:
        return kebutuhan
    if kebutuhan.rencana_id is not None:
        raise ValidationError(
            _("Kebutuhan ini sudah masuk rencana pengembangan dan tidak dapat ditolak."),
            code="sudah_diproses",
        )
    kebutuhan.status = KebutuhanPengembangan.Status.DITOLAK
    kebutuhan.alasan_penolakan = alasan
    kebutuhan.diverifikasi_oleh = oleh
    kebutuhan.diverifikasi_pada = timezone.now()
    kebutuhan.full_clean(
        exclude={f.name for f in KebutuhanPengembangan._meta.concrete_fields}
        - {"status", "alasan_penolakan"}
    )
    kebutuhan.save(
        update_fields=[
            "status",
            "alasan_penolakan",
            "diverifikasi_oleh",
            "diverifikasi_pada",
            "diubah_pada",
        ]
    )
    _kabari(
        kebutuhan,
        oleh,
        judul=_("Kebutuhan pengembangan ditolak"),
        pesan=_("Kebutuhan “%(uraian)s” (tahun %(tahun)s) ditolak BKPSDM. Alasan: %(alasan)s")
        % {"uraian": _ringkas(kebutuhan), "tahun": kebutuhan.tahun, "alasan": alasan},
        kejadian="penolakan",
    )
    return kebutuhan


# ---------------------------------------------------------------------------------------------
# The plan: consolidate verified needs into a line; seats and cost lines.
# ---------------------------------------------------------------------------------------------


def _daftar(kebutuhan: Iterable[KebutuhanPengembangan]) -> str:
    return ", ".join(f"#{k.pk}" for k in kebutuhan)


@transaction.atomic
def rencana_create_from_kebutuhan(
    *,
    kebutuhan_ids,
    oleh,
    nama: str,
    jenis,
    jp: int,
    sumber_dana: str,
    program=None,
    bulan_rencana: int | None = None,
) -> RencanaPengembangan:
    """One plan line from verified, not yet covered needs of one year: seats per OPD are the sums
    of the needs' participants, the targeted competencies those the needs name."""
    _check_admin(oleh, _("Rencana pengembangan disusun oleh Admin BKPSDM."))
    ids = sorted({int(i) for i in kebutuhan_ids})
    if not ids:
        raise ValidationError(_("Pilih paling sedikit satu kebutuhan yang akan digabungkan."))
    kebutuhan = list(
        KebutuhanPengembangan.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    )
    if len(kebutuhan) != len(ids):
        raise ValidationError(_("Sebagian kebutuhan yang dipilih tidak ditemukan."))
    belum = [k for k in kebutuhan if k.status != KebutuhanPengembangan.Status.DIVERIFIKASI]
    if belum:
        raise ValidationError(
            _("Hanya kebutuhan yang sudah diverifikasi yang dapat masuk rencana: %(daftar)s.")
            % {"daftar": _daftar(belum)},
            code="belum_diverifikasi",
        )
    tercakup = [k for k in kebutuhan if k.rencana_id is not None]
    if tercakup:
        raise ValidationError(
            _("Kebutuhan ini sudah masuk baris rencana lain: %(daftar)s.")
            % {"daftar": _daftar(tercakup)},
            code="sudah_tercakup",
        )
    tahun = {k.tahun for k in kebutuhan}
    if len(tahun) > 1:
        raise ValidationError(
            _("Kebutuhan yang digabungkan harus dari tahun yang sama (terpilih: %(tahun)s).")
            % {"tahun": ", ".join(str(t) for t in sorted(tahun))},
            code="beda_tahun",
        )
    if jenis is not None and not jenis.aktif:
        raise ValidationError({"jenis": _("Jenis pengembangan ini tidak lagi digunakan.")})

    rencana = RencanaPengembangan(
        tahun=tahun.pop(),
        nama=" ".join((nama or "").split()),
        jenis=jenis,
        jp=jp,
        sumber_dana=sumber_dana,
        program=program,
        bulan_rencana=bulan_rencana,
    )
    rencana.full_clean()
    rencana.save()
    rencana.kompetensi.set({k.kompetensi_id for k in kebutuhan if k.kompetensi_id})
    kursi: dict[int, int] = defaultdict(int)
    for k in kebutuhan:
        kursi[k.perangkat_daerah_id] += k.jumlah_peserta
    RencanaKursiOPD.objects.bulk_create(
        [RencanaKursiOPD(rencana=rencana, perangkat_daerah_id=o, kursi=n) for o, n in kursi.items()]
    )
    KebutuhanPengembangan.objects.filter(pk__in=ids).update(
        rencana=rencana, diubah_pada=timezone.now()
    )
    return rencana


@transaction.atomic
def rencana_kursi_set(*, rencana: RencanaPengembangan, kursi: dict[int, int], oleh) -> None:
    """Replace the seats of a plan line: ``{opd id: seats}``; 0 or blank removes an OPD."""
    _check_admin(oleh, _("Rencana pengembangan diubah oleh Admin BKPSDM."))
    RencanaPengembangan.objects.select_for_update().get(pk=rencana.pk)
    baru = []
    for opd_id, n in kursi.items():
        n = int(n or 0)
        if n < 0:
            raise ValidationError(_("Jumlah kursi tidak boleh negatif."))
        if n:
            baru.append(RencanaKursiOPD(rencana=rencana, perangkat_daerah_id=opd_id, kursi=n))
    RencanaKursiOPD.objects.filter(rencana=rencana).delete()
    RencanaKursiOPD.objects.bulk_create(baru)


@transaction.atomic
def rencana_biaya_set(*, rencana: RencanaPengembangan, rincian: Iterable[dict], oleh):
    """Replace the estimated cost lines of a plan line. Each item: ``kategori``, ``jumlah``
    (Rupiah), and optionally ``kode_rekening`` (text, as the regional budget writes it) and
    ``uraian``."""
    _check_admin(oleh, _("Rencana pengembangan diubah oleh Admin BKPSDM."))
    RencanaPengembangan.objects.select_for_update().get(pk=rencana.pk)
    baru = []
    for item in rincian:
        baris = RincianBiayaRencana(
            rencana=rencana,
            kategori=item["kategori"],
            jumlah=item["jumlah"],
            kode_rekening=(item.get("kode_rekening") or "").strip(),
            uraian=" ".join((item.get("uraian") or "").split()),
        )
        baris.full_clean()
        baru.append(baris)
    RincianBiayaRencana.objects.filter(rencana=rencana).delete()
    return RincianBiayaRencana.objects.bulk_create(baru)


# ---------------------------------------------------------------------------------------------
# Selectors.
# ---------------------------------------------------------------------------------------------


def kebutuhan_for(user) -> QuerySet[KebutuhanPengembangan]:
    """Needs the user may see: all for Admin BKPSDM and pimpinan, their OPD's for kepala and
    operator, and an ASN's own (about them or proposed by them)."""
    akses = akses_for(user)
    qs = KebutuhanPengembangan.objects.all()
    if akses.lihat_semua:
        return qs
    scope = Q(pk__in=[])
    if akses.opd_ids:
        scope |= Q(perangkat_daerah_id__in=akses.opd_ids)
    if akses.pegawai_id is not None:
        scope |= Q(pegawai_id=akses.pegawai_id)
    if akses.user_id is not None:
        scope |= Q(diusulkan_oleh_id=akses.user_id)
    return qs.filter(scope)


def _dengan_relasi(qs: QuerySet[KebutuhanPengembangan]) -> QuerySet[KebutuhanPengembangan]:
    return qs.select_related("perangkat_daerah", "pegawai", "kompetensi", "jenis", "program")


def kebutuhan_list(user, *, tahun: int | None = None, status: str = ""):
    qs = _dengan_relasi(kebutuhan_for(user)).select_related("rencana")
    if tahun:
        qs = qs.filter(tahun=tahun)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-tahun", "-dibuat_pada", "-pk")


def kebutuhan_belum_tercakup(*, tahun: int, opd_ids=None) -> QuerySet[KebutuhanPengembangan]:
    """Verified needs of the year that no plan line covers yet, similar needs side by side."""
    qs = KebutuhanPengembangan.objects.filter(
        tahun=tahun, status=KebutuhanPengembangan.Status.DIVERIFIKASI, rencana__isnull=True
    )
    if opd_ids is not None:
        qs = qs.filter(perangkat_daerah_id__in=opd_ids)
    return _dengan_relasi(qs).order_by(
        "kompetensi__kode", "jenis__kode", "program__nama", "perangkat_daerah__kode", "pk"
    )


def rencana_for(user) -> QuerySet[RencanaPengembangan]:
    """Plan lines the user may see: all for Admin BKPSDM and pimpinan; for kepala and operator
    those that give their OPD seats."""
    akses = akses_for(user)
    qs = RencanaPengembangan.objects.all()
    if akses.lihat_semua:
        return qs
    if akses.opd_ids:
        return qs.filter(
            pk__in=RencanaKursiOPD.objects.filter(perangkat_daerah_id__in=akses.opd_ids).values(
                "rencana_id"
            )
        )
    return qs.none()


KATEGORI = [k.value for k in Kategori]


def _nol() -> Decimal:
    return Decimal("0.00")


@dataclass
class BarisRencana:
    """One plan line as the plan page and the export read it."""

    rencana: RencanaPengembangan
    kursi: list[RencanaKursiOPD]
    biaya: dict[str, Decimal]
    kode_rekening: list[str]
    kompetensi: list[str]

    @property
    def total_kursi(self) -> int:
        return sum(k.kursi for k in self.kursi)

    @property
    def nama_bulan(self) -> str:
        bulan = self.rencana.bulan_rencana
        return NAMA_BULAN[bulan - 1] if bulan else ""

    @property
    def total_biaya(self) -> Decimal:
        return sum(self.biaya.values(), _nol())

    def biaya_rupiah(self) -> list[str]:
        return [format_rupiah(self.biaya[k]) for k in KATEGORI]

    @property
    def total_biaya_rupiah(self) -> str:
        return format_rupiah(self.total_biaya)


@dataclass
class TotalSumber:
    sumber_dana: str
    label: str
    baris: int = 0
    kursi: int = 0
    biaya: Decimal = field(default_factory=_nol)

    @property
    def biaya_rupiah(self) -> str:
        return format_rupiah(self.biaya)


@dataclass
class RencanaTahun:
    tahun: int
    baris: list[BarisRencana]
    per_sumber: list[TotalSumber]
    per_kategori: dict[str, Decimal]

    @property
    def total_kursi(self) -> int:
        return sum(s.kursi for s in self.per_sumber)

    @property
    def total_biaya(self) -> Decimal:
        return sum((s.biaya for s in self.per_sumber), _nol())

    @property
    def total_biaya_rupiah(self) -> str:
        return format_rupiah(self.total_biaya)

    def per_kategori_rupiah(self) -> list[str]:
        return [format_rupiah(self.per_kategori[k]) for k in KATEGORI]


def _rencana_qs(qs: QuerySet[RencanaPengembangan]) -> QuerySet[RencanaPengembangan]:
    return (
        qs.select_related("jenis", "program")
        .prefetch_related(
            Prefetch(
                "kursi_opd",
                queryset=RencanaKursiOPD.objects.select_related("perangkat_daerah").order_by(
                    "perangkat_daerah__kode", "pk"
                ),
            ),
            Prefetch("rincian_biaya", queryset=RincianBiayaRencana.objects.order_by("pk")),
            Prefetch("kompetensi", queryset=Kompetensi.objects.order_by("kode")),
        )
        .order_by("bulan_rencana", "nama", "pk")
    )


def baris_rencana(rencana: RencanaPengembangan, opd_ids=None) -> BarisRencana:
    """A line from a row loaded by ``_rencana_qs``; ``opd_ids`` keeps only those OPDs' seats."""
    biaya = {k: _nol() for k in KATEGORI}
    kode = []
    for r in rencana.rincian_biaya.all():
        biaya[r.kategori] += r.jumlah
        if r.kode_rekening and r.kode_rekening not in kode:
            kode.append(r.kode_rekening)
    kursi = [
        k for k in rencana.kursi_opd.all() if opd_ids is None or k.perangkat_daerah_id in opd_ids
    ]
    return BarisRencana(
        rencana=rencana,
        kursi=kursi,
        biaya=biaya,
        kode_rekening=kode,
        kompetensi=[k.kode for k in rencana.kompetensi.all()],
    )


def rencana_tahun(*, tahun: int, user) -> RencanaTahun:
    """The plan of a year in the user's scope, with totals per funding source and per cost
    category (four queries, however many lines). Kepala and operator see the lines that give
    their OPD seats, with their own seats only."""
    akses = akses_for(user)
    opd_ids = None if akses.lihat_semua else akses.opd_ids
    rencana = _rencana_qs(rencana_for(user).filter(tahun=tahun))
    baris = [baris_rencana(r, opd_ids) for r in rencana]
    per_sumber = {s.value: TotalSumber(s.value, str(s.label)) for s in SumberDana}
    per_kategori = {k: _nol() for k in KATEGORI}
    for b in baris:
        total = per_sumber[b.rencana.sumber_dana]
        total.baris += 1
        total.kursi += b.total_kursi
        total.biaya += b.total_biaya
        for k in KATEGORI:
            per_kategori[k] += b.biaya[k]
    return RencanaTahun(
        tahun=tahun,
        baris=baris,
        per_sumber=[s for s in per_sumber.values() if s.baris],
        per_kategori=per_kategori,
    )


def get_rencana_for_user(user, pk: int) -> RencanaPengembangan:
    try:
        return _rencana_qs(rencana_for(user)).get(pk=pk)
    except RencanaPengembangan.DoesNotExist:
        raise Http404(_("Rencana pengembangan tidak ditemukan.")) from None


# ---------------------------------------------------------------------------------------------
# The XLSX export (columns documented in the README).
# ---------------------------------------------------------------------------------------------

KOLOM_RENCANA = (
    "TAHUN",
    "NAMA_KEGIATAN",
    "KODE_PROGRAM",
    "JENIS_PENGEMBANGAN",
    "KODE_JENIS_SIASN",
    "JP",
    "BULAN",
    "SUMBER_DANA",
    "KODE_OPD",
    "NAMA_OPD",
    "KURSI",
    "KONTRIBUSI",
    "HONORARIUM",
    "KONSUMSI",
    "PERJALANAN_DINAS",
    "LAINNYA",
    "TOTAL_BIAYA",
    "KODE_REKENING",
    "KOMPETENSI",
)

SEN = Decimal("0.01")


def bagi_pro_rata(jumlah: Decimal, bobot: list[int]) -> list[Decimal]:
    """Split an amount by weights to the sen, the leftover sen going to the largest remainders
    (earliest first on a tie): the parts always add up to the amount."""
    total_bobot = sum(bobot)
    if not bobot:
        return []
    if total_bobot <= 0:
        return [jumlah] + [_nol()] * (len(bobot) - 1)
    sen = int((jumlah / SEN).to_integral_value())
    bagian = [sen * b // total_bobot for b in bobot]
    sisa = sen - sum(bagian)
    urutan = sorted(range(len(bobot)), key=lambda i: (-(sen * bobot[i] % total_bobot), i))
    for i in urutan[:sisa]:
        bagian[i] += 1
    return [Decimal(b) * SEN for b in bagian]


def rencana_xlsx_baris(rencana_tahun_: RencanaTahun) -> Iterator[list]:
    """Rows of the export, one per plan line and OPD. A line's cost is split over all its OPDs
    by seats; a kepala or operator gets only their OPD's rows (``BarisRencana.kursi``). A line
    without seats is one row with the whole cost and no OPD."""
    for b in rencana_tahun_.baris:
        r = b.rencana
        kepala = [
            r.tahun,
            r.nama,
            r.program.kode if r.program else "",
            r.jenis.kode,
            r.jenis.siasn_jenis_diklat_id,
            r.jp,
            r.bulan_rencana,
            r.sumber_dana.upper(),
        ]
        ekor = [";".join(b.kode_rekening), ";".join(b.kompetensi)]
        semua = list(r.kursi_opd.all())
        if not semua:
            yield [*kepala, "", "", 0, *(b.biaya[k] for k in KATEGORI), b.total_biaya, *ekor]
            continue
        tampil = {k.pk for k in b.kursi}
        bagian = {k: bagi_pro_rata(b.biaya[k], [s.kursi for s in semua]) for k in KATEGORI}
        for i, kursi in enumerate(semua):
            if kursi.pk not in tampil:
                continue
            biaya = [bagian[k][i] for k in KATEGORI]
            opd = kursi.perangkat_daerah
            yield [*kepala, opd.kode, opd.nama, kursi.kursi, *biaya, sum(biaya, _nol()), *ekor]
