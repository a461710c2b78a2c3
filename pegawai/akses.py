"""Who may see what (DESIGN §1). Every view and every admin queryset goes through these getters.

- Admin BKPSDM and Pimpinan: everything (Pimpinan read-only).
- Kepala OPD and Operator OPD: the OPD of their role assignment.
- ASN: themself.
A user may hold several of these at once (a kepala dinas is also an ASN); scopes add up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404

from pegawai.models import (
    Notifikasi,
    Pegawai,
    PenugasanPeran,
    Peran,
    PerangkatDaerah,
    UnitKerja,
)


@dataclass(frozen=True)
class Akses:
    user_id: int | None = None
    admin_bkpsdm: bool = False
    pimpinan: bool = False
    kepala_opd_ids: frozenset[int] = field(default_factory=frozenset)
    operator_opd_ids: frozenset[int] = field(default_factory=frozenset)
    pegawai_id: int | None = None
    pegawai_nip: str | None = None
    pegawai_opd_id: int | None = None

    @property
    def lihat_semua(self) -> bool:
        return self.admin_bkpsdm or self.pimpinan

    @property
    def opd_ids(self) -> frozenset[int]:
        return self.kepala_opd_ids | self.operator_opd_ids

    @property
    def asn(self) -> bool:
        return self.pegawai_id is not None

    @property
    def kepala_opd(self) -> bool:
        return bool(self.kepala_opd_ids)

    @property
    def punya_peran_kerja(self) -> bool:
        """Admin BKPSDM, pimpinan, kepala or operator OPD: the navigation bar then keeps the
        person's own pages (profile, claims, evaluations) under their name, to fit one line."""
        return self.lihat_semua or bool(self.opd_ids)

    @property
    def operator_opd(self) -> bool:
        return bool(self.operator_opd_ids)

    def nama_peran(self) -> list[str]:
        """Role names for the navigation bar, most powerful first."""
        nama = []
        if self.admin_bkpsdm:
            nama.append(str(Peran.ADMIN_BKPSDM.label))
        if self.pimpinan:
            nama.append(str(Peran.PIMPINAN.label))
        if self.kepala_opd:
            nama.append(str(Peran.KEPALA_OPD.label))
        if self.operator_opd:
            nama.append(str(Peran.OPERATOR_OPD.label))
        if self.asn:
            nama.append("ASN")
        return nama


TANPA_AKSES = Akses()


def akses_for(user) -> Akses:
    """The user's scopes, computed once per request (two small queries) and kept on the user."""
    if user is None or not user.is_authenticated or not user.is_active:
        return TANPA_AKSES
    cached = getattr(user, "_akses_cache", None)
    if cached is not None:
        return cached
    penugasan = list(
        PenugasanPeran.objects.filter(user=user).values_list("peran", "perangkat_daerah_id")
    )
    pegawai = (
        Pegawai.objects.filter(user=user, aktif=True)
        .values_list("id", "nip", "perangkat_daerah_id")
        .first()
    )
    akses = Akses(
        user_id=user.pk,
        admin_bkpsdm=user.is_superuser or any(p == Peran.ADMIN_BKPSDM for p, _ in penugasan),
        pimpinan=any(p == Peran.PIMPINAN for p, _ in penugasan),
        kepala_opd_ids=frozenset(opd for p, opd in penugasan if p == Peran.KEPALA_OPD),
        operator_opd_ids=frozenset(opd for p, opd in penugasan if p == Peran.OPERATOR_OPD),
        pegawai_id=pegawai[0] if pegawai else None,
        pegawai_nip=pegawai[1] if pegawai else None,
        pegawai_opd_id=pegawai[2] if pegawai else None,
    )
    user._akses_cache = akses
    return akses


def pegawai_for(user) -> QuerySet[Pegawai]:
    akses = akses_for(user)
    qs = Pegawai.objects.all()
    if akses.lihat_semua:
        return qs
    scope = Q(pk__in=[])
    if akses.opd_ids:
        scope |= Q(perangkat_daerah_id__in=akses.opd_ids)
    if akses.pegawai_id is not None:
        scope |= Q(pk=akses.pegawai_id)
    return qs.filter(scope)


def get_pegawai_for_user(user, nip: str) -> Pegawai:
    """The pegawai with this NIP if the user may see them; 404 otherwise, so that an
    out-of-scope NIP looks exactly like one that does not exist."""
    try:
        return pegawai_for(user).with_relations().get(nip=nip)
    except Pegawai.DoesNotExist:
        raise Http404("Pegawai tidak ditemukan.") from None


def perangkat_daerah_for(user) -> QuerySet[PerangkatDaerah]:
    akses = akses_for(user)
    qs = PerangkatDaerah.objects.all()
    if akses.lihat_semua:
        return qs
    ids = set(akses.opd_ids)
    if akses.pegawai_opd_id is not None:
        ids.add(akses.pegawai_opd_id)
    return qs.filter(pk__in=ids)


def get_perangkat_daerah_for_user(user, pk: int) -> PerangkatDaerah:
    try:
        return perangkat_daerah_for(user).get(pk=pk)
    except PerangkatDaerah.DoesNotExist:
        raise Http404("Perangkat daerah tidak ditemukan.") from None


def unit_kerja_for(user) -> QuerySet[UnitKerja]:
    akses = akses_for(user)
    qs = UnitKerja.objects.all()
    if akses.lihat_semua:
        return qs
    return qs.filter(perangkat_daerah_id__in=akses.opd_ids)


def notifikasi_for(user) -> QuerySet[Notifikasi]:
    """Notifications are private to their recipient, whatever the role."""
    if user is None or not user.is_authenticated:
        return Notifikasi.objects.none()
    return Notifikasi.objects.filter(penerima=user)


def get_notifikasi_for_user(user, pk: int) -> Notifikasi:
    try:
        return notifikasi_for(user).get(pk=pk)
    except Notifikasi.DoesNotExist:
        raise Http404("Notifikasi tidak ditemukan.") from None
