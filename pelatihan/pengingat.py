"""Reminders that keep the work moving (DESIGN §2): unused OPD quota before the nomination
deadline, nominations waiting for the kepala, participants before the event starts.

Each reminder goes through ``pegawai.services.notifikasi_send`` with a ``kunci`` naming the
occasion, so it lands once in the inbox (and by email) however often the task runs:

- kuota: ``pengingat:kuota:<kegiatan>:<opd>`` — once per event, OPD and recipient, while the
  nomination deadline is 0–3 days away. Only OPDs with a reserved quota (``KuotaOPD``) are
  reminded: an event without per-OPD quotas reserves no seats that an OPD could leave unused.
- persetujuan: ``pengingat:persetujuan:<user>:<tanggal>`` — one summary a day per kepala OPD,
  counting the nominations of their OPD proposed more than 3 days ago and still waiting.
- mulai: ``pengingat:mulai:<kegiatan>:<pegawai>`` — once per confirmed participant when the event
  starts within 0–3 days.

Queries per kind are constant (candidates, recipients, occasions already reminded); only the
notifications newly written add their own inserts. Nothing here runs in one long transaction: a
run that dies half-way leaves the reminders already written, and the next run sends the rest.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from pegawai.models import Notifikasi, PenugasanPeran, Peran
from pegawai.services import notifikasi_send
from pelatihan.models import KegiatanPelatihan, KuotaOPD, Nominasi

# How far ahead the deadline and start reminders look, and how long a proposal may wait.
HARI_SEBELUM_BATAS_NOMINASI = 3
HARI_SEBELUM_MULAI = 3
HARI_MENUNGGU_PERSETUJUAN = 3

_S = KegiatanPelatihan.Status
_N = Nominasi.Status

# Nominations that take up an OPD's seats: the live ones (a waiting list means demand exceeds them).
STATUS_MEMAKAI_KUOTA = (_N.DIUSULKAN, _N.DISETUJUI, _N.DITETAPKAN, _N.DAFTAR_TUNGGU)
# Events whose proposals can still be approved and confirmed.
STATUS_MENERIMA_PERSETUJUAN = (_S.NOMINASI_DIBUKA, _S.DITUTUP)
# Events that may still start (not draft, cancelled or finished).
STATUS_AKAN_MULAI = (_S.NOMINASI_DIBUKA, _S.DITUTUP, _S.BERLANGSUNG)


@dataclass
class HasilPengingat:
    """Outcome of one kind of reminder: written now, already written before, and recipients
    that could not be reached (no active user account)."""

    terkirim: int = 0
    sudah_ada: int = 0
    tanpa_akun: int = 0

    @property
    def dilewati(self) -> int:
        return self.sudah_ada + self.tanpa_akun


@dataclass(frozen=True)
class _Kiriman:
    penerima: object
    kunci: str
    judul: str
    pesan: str
    tautan: str


def _kirim(kiriman: list[_Kiriman], hasil: HasilPengingat) -> HasilPengingat:
    """Send what has not been sent. The occasions already reminded are read in one query; the
    rest go through ``notifikasi_send``, whose unique constraint still decides a race."""
    if not kiriman:
        return hasil
    sudah = _sudah_diingatkan(kiriman)
    for k in kiriman:
        if (k.penerima.pk, k.kunci) in sudah:
            hasil.sudah_ada += 1
            continue
        _notifikasi, baru = notifikasi_send(
            penerima=k.penerima,
            judul=k.judul,
            pesan=k.pesan,
            tautan=k.tautan,
            kunci=k.kunci,
            kirim_email=True,
        )
        if baru:
            hasil.terkirim += 1
        else:
            hasil.sudah_ada += 1
        sudah.add((k.penerima.pk, k.kunci))
    return hasil


def _sudah_diingatkan(kiriman: list[_Kiriman]) -> set[tuple[int, str]]:
    return set(
        Notifikasi.objects.filter(
            penerima_id__in={k.penerima.pk for k in kiriman}, kunci__in={k.kunci for k in kiriman}
        ).values_list("penerima_id", "kunci")
    )


def _tanggal(tanggal: datetime.date) -> str:
    return formats.date_format(tanggal, "j F Y")


def _hari_ini(hari_ini: datetime.date | None) -> datetime.date:
    return hari_ini or timezone.localdate()


def pengingat_kuota_send(*, hari_ini: datetime.date | None = None) -> HasilPengingat:
    """Remind the kepala and operators of every OPD whose reserved quota of an event is not used
    up, once per event, when the nomination deadline is 0–3 days away. An OPD without an active
    kepala or operator counts as one recipient without an account."""
    hari_ini = _hari_ini(hari_ini)
    batas_akhir = hari_ini + datetime.timedelta(days=HARI_SEBELUM_BATAS_NOMINASI)
    terpakai = (
        Nominasi.objects.filter(
            kegiatan_id=OuterRef("kegiatan_id"),
            pegawai__perangkat_daerah_id=OuterRef("perangkat_daerah_id"),
            status__in=STATUS_MEMAKAI_KUOTA,
        )
        .order_by()
        .values("kegiatan_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    kuota_sisa = list(
        KuotaOPD.objects.filter(
            kegiatan__status=_S.NOMINASI_DIBUKA,
            kegiatan__batas_nominasi__range=(hari_ini, batas_akhir),
        )
        .annotate(terpakai=Coalesce(Subquery(terpakai, output_field=IntegerField()), Value(0)))
        .filter(terpakai__lt=F("kuota"))
        .select_related("kegiatan__program", "perangkat_daerah")
        .order_by("kegiatan__batas_nominasi", "kegiatan_id", "perangkat_daerah__kode")
    )
    hasil = HasilPengingat()
    if not kuota_sisa:
        return hasil
    pengelola = defaultdict(dict)
    for penugasan in (
        PenugasanPeran.objects.filter(
            peran__in=(Peran.KEPALA_OPD, Peran.OPERATOR_OPD),
            perangkat_daerah_id__in={k.perangkat_daerah_id for k in kuota_sisa},
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user_id")
    ):
        # A user who is both kepala and operator of the OPD is reminded once.
        pengelola[penugasan.perangkat_daerah_id][penugasan.user_id] = penugasan.user
    kiriman = []
    for k in kuota_sisa:
        kegiatan, opd = k.kegiatan, k.perangkat_daerah
        penerima = pengelola.get(opd.pk)
        if not penerima:
            hasil.tanpa_akun += 1
            continue
        pesan = _(
            "Kuota %(opd)s untuk “%(kegiatan)s” baru terpakai %(terpakai)s dari %(kuota)s kursi. "
            "Batas nominasi %(batas)s; usulkan pegawai sebelum tanggal itu agar kursinya tidak "
            "terbuang."
        ) % {
            "opd": opd.nama,
            "kegiatan": kegiatan,
            "terpakai": k.terpakai,
            "kuota": k.kuota,
            "batas": _tanggal(kegiatan.batas_nominasi),
        }
        tautan = reverse("pelatihan:kegiatan-detail", args=[kegiatan.pk])
        for user in penerima.values():
            kiriman.append(
                _Kiriman(
                    penerima=user,
                    kunci=f"pengingat:kuota:{kegiatan.pk}:{opd.pk}",
                    judul=_("Kuota pelatihan belum terpakai"),
                    pesan=pesan,
                    tautan=tautan,
                )
            )
    return _kirim(kiriman, hasil)


def pengingat_persetujuan_send(*, hari_ini: datetime.date | None = None) -> HasilPengingat:
    """One summary a day to each kepala OPD whose staff's nominations (of events still open for
    approval) were proposed more than 3 days ago and are still waiting. The kepala's own
    nomination, which someone else must approve, is not counted."""
    hari_ini = _hari_ini(hari_ini)
    # Proposed on day D: waiting more than 3 days from day D + 4.
    diusulkan_sebelum = timezone.make_aware(
        datetime.datetime.combine(
            hari_ini - datetime.timedelta(days=HARI_MENUNGGU_PERSETUJUAN), datetime.time.min
        )
    )
    menunggu = (
        Nominasi.objects.filter(
            pegawai__perangkat_daerah_id=OuterRef("perangkat_daerah_id"),
            status=_N.DIUSULKAN,
            dibuat_pada__lt=diusulkan_sebelum,
            kegiatan__status__in=STATUS_MENERIMA_PERSETUJUAN,
        )
        .exclude(pegawai__user_id=OuterRef("user_id"))
        .order_by()
        .values("pegawai__perangkat_daerah_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    kepala = (
        PenugasanPeran.objects.filter(peran=Peran.KEPALA_OPD, user__is_active=True)
        .annotate(menunggu=Subquery(menunggu, output_field=IntegerField()))
        .filter(menunggu__gt=0)
        .select_related("user", "perangkat_daerah")
        .order_by("perangkat_daerah__kode")
    )
    tautan = reverse("pelatihan:nominasi-list") + f"?status={_N.DIUSULKAN}"
    kiriman = [
        _Kiriman(
            penerima=p.user,
            kunci=f"pengingat:persetujuan:{p.user_id}:{hari_ini.isoformat()}",
            judul=_("Nominasi menunggu persetujuan Anda"),
            pesan=_(
                "%(jumlah)s nominasi pegawai %(opd)s sudah menunggu persetujuan Anda lebih dari "
                "%(hari)s hari."
            )
            % {
                "jumlah": p.menunggu,
                "opd": p.perangkat_daerah.nama,
                "hari": HARI_MENUNGGU_PERSETUJUAN,
            },
            tautan=tautan,
        )
        for p in kepala
    ]
    return _kirim(kiriman, HasilPengingat())


def pengingat_mulai_send(*, hari_ini: datetime.date | None = None) -> HasilPengingat:
    """Remind every confirmed participant once when their event starts within 0–3 days. A
    participant without an active user account is counted, not reminded."""
    hari_ini = _hari_ini(hari_ini)
    peserta = (
        Nominasi.objects.filter(
            status=_N.DITETAPKAN,
            kegiatan__status__in=STATUS_AKAN_MULAI,
            kegiatan__tanggal_mulai__range=(
                hari_ini,
                hari_ini + datetime.timedelta(days=HARI_SEBELUM_MULAI),
            ),
        )
        .select_related("kegiatan__program", "pegawai__user")
        .order_by("kegiatan__tanggal_mulai", "kegiatan_id", "pegawai_id")
    )
    hasil = HasilPengingat()
    kiriman = []
    for nominasi in peserta:
        kegiatan, user = nominasi.kegiatan, nominasi.pegawai.user
        if user is None or not user.is_active:
            hasil.tanpa_akun += 1
            continue
        if kegiatan.modalitas == KegiatanPelatihan.Modalitas.DARING:
            tempat = _("secara daring")
        else:
            tempat = _("di %(tempat)s") % {"tempat": kegiatan.tempat}
        kiriman.append(
            _Kiriman(
                penerima=user,
                kunci=f"pengingat:mulai:{kegiatan.pk}:{nominasi.pegawai_id}",
                judul=_("Pelatihan Anda segera dimulai"),
                pesan=_("“%(kegiatan)s” dimulai %(mulai)s %(tempat)s. Siapkan keikutsertaan Anda.")
                % {
                    "kegiatan": kegiatan,
                    "mulai": _tanggal(kegiatan.tanggal_mulai),
                    "tempat": tempat,
                },
                tautan=reverse("pelatihan:kegiatan-detail", args=[kegiatan.pk]),
            )
        )
    return _kirim(kiriman, hasil)


# The kinds in the order they run and are reported; the label names them for people.
JENIS_PENGINGAT = (
    ("kuota", pengingat_kuota_send),
    ("persetujuan", pengingat_persetujuan_send),
    ("mulai", pengingat_mulai_send),
)


def send_reminders_detail(*, hari_ini: datetime.date | None = None) -> dict[str, HasilPengingat]:
    """Run every kind of reminder for ``hari_ini`` (default: today, local time); the outcome per
    kind."""
    hari_ini = _hari_ini(hari_ini)
    return {nama: kirim(hari_ini=hari_ini) for nama, kirim in JENIS_PENGINGAT}


def send_reminders(*, hari_ini: datetime.date | None = None) -> dict:
    """Run every kind of reminder. ``sent``: notifications written now; ``skipped``: occasions
    already reminded and recipients without an active account."""
    rincian = send_reminders_detail(hari_ini=hari_ini)
    return {
        "sent": sum(h.terkirim for h in rincian.values()),
        "skipped": sum(h.dilewati for h in rincian.values()),
    }


__all__ = [
    "HasilPengingat",
    "pengingat_kuota_send",
    "pengingat_mulai_send",
    "pengingat_persetujuan_send",
    "send_reminders",
    "send_reminders_detail",
]
