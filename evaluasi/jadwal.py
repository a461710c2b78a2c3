"""Periodic work that opens evaluation forms and reminds people to fill them (DESIGN §2, pillar 3).

Nothing here is triggered by a signal: ``pelatihan`` may not know about ``evaluasi``, so the forms
are opened by idempotent runs of ``evaluasi.tasks`` (beat, every few minutes) and of
``manage.py buka_evaluasi``:

- level 1 (``reaksi``): when an event is ``selesai``, one form per participant who attended
  (lulus or tidak lulus with a day marked hadir, or lulus with no attendance recorded at all),
  open until the day the event was marked finished + ``EVALUASI_REAKSI_HARI``;
- level 3 (``perilaku_atasan`` and ``perilaku_diri``): from ``tanggal_selesai`` +
  ``EVALUASI_PERILAKU_SETELAH_HARI`` for ``EVALUASI_PERILAKU_HARI`` days, one form per graduate for
  the atasan (or, failing an atasan with an account, the kepala of the graduate's OPD; never the
  graduate themself) and one for the graduate;
- weekly reminders to everyone with forms waiting for ``EVALUASI_PENGINGAT_HARI`` days or more.

The unique constraint (nominasi, jenis) makes a second run open nothing; each new form is announced
once in the inbox and by email (``kunci`` ``evaluasi:formulir:<pk>``). Forms are written with their
announcements in short transactions of at most ``UKURAN_BATCH`` forms, so a run that dies half-way
leaves either both or neither, and the next run opens the rest. Reads are a constant number of
queries however many events are due; only the writes grow with the work.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, DateField, Exists, F, Min, OuterRef, Q
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from evaluasi.models import FormulirEvaluasi, Kuesioner
from pegawai.models import Notifikasi, PenugasanPeran, Peran
from pegawai.services import notifikasi_send
from pelatihan.models import KegiatanPelatihan, Kehadiran, Nominasi
from pelatihan.pengingat import HasilPengingat

logger = logging.getLogger(__name__)

UKURAN_BATCH = 500

_S = KegiatanPelatihan.Status
_N = Nominasi.Status
_J = FormulirEvaluasi.Jenis


# The pages of the fill flow, linked from notifications and emails.
def tautan_formulir(pk: int) -> str:
    return reverse("evaluasi:formulir-isi", args=[pk])


def tautan_daftar() -> str:
    return reverse("evaluasi:daftar")


@dataclass
class HasilBuka:
    """Outcome of one opening run: forms opened now, and forms that could not be opened because
    nobody with an active account can fill them (a participant without an account; a graduate
    whose atasan and kepala OPD have no account, or whose only evaluator would be themself)."""

    dibuka: int = 0
    tanpa_akun: int = 0


@dataclass
class _Rencana:
    """A form to open and the announcement that goes with it."""

    formulir: FormulirEvaluasi
    judul: str
    pesan: str


def _hari_ini(hari_ini: datetime.date | None) -> datetime.date:
    return hari_ini or timezone.localdate()


def _tanggal(tanggal: datetime.date) -> str:
    return formats.date_format(tanggal, "j F Y")


def _akun(user):
    return user if user is not None and user.is_active else None


def _kuesioner_aktif(level: int) -> Kuesioner | None:
    kuesioner = Kuesioner.objects.filter(level=level, aktif=True).first()
    if kuesioner is None:
        logger.warning("Tidak ada kuesioner aktif untuk level %s; formulir tidak dibuka.", level)
    return kuesioner


def _buka(rencana: list[_Rencana], level: int) -> int:
    """Give the forms the active questionnaire of ``level``, insert them and announce the ones
    this run wrote. A concurrent run may have written some of them first: those are skipped by
    the unique constraint and announced by that run, so the forms of this run are told apart by
    the ``dibuka_pada`` stamp it gave them."""
    if not rencana:
        return 0
    kuesioner = _kuesioner_aktif(level)
    if kuesioner is None:
        return 0
    dibuka = 0
    for awal in range(0, len(rencana), UKURAN_BATCH):
        batch = rencana[awal : awal + UKURAN_BATCH]
        sekarang = timezone.now()
        with transaction.atomic():
            for r in batch:
                r.formulir.kuesioner = kuesioner
                r.formulir.dibuka_pada = sekarang
            FormulirEvaluasi.objects.bulk_create(
                [r.formulir for r in batch], ignore_conflicts=True, batch_size=UKURAN_BATCH
            )
            ditulis = {
                (nominasi_id, jenis): pk
                for nominasi_id, jenis, pk in FormulirEvaluasi.objects.filter(
                    dibuka_pada=sekarang,
                    nominasi_id__in={r.formulir.nominasi_id for r in batch},
                    jenis__in={r.formulir.jenis for r in batch},
                ).values_list("nominasi_id", "jenis", "pk")
            }
            for r in batch:
                pk = ditulis.get((r.formulir.nominasi_id, r.formulir.jenis))
                if pk is None:
                    continue
                notifikasi_send(
                    penerima=r.formulir.pengisi,
                    judul=r.judul,
                    pesan=r.pesan,
                    tautan=tautan_formulir(pk),
                    kunci=f"evaluasi:formulir:{pk}",
                    kirim_email=True,
                )
                dibuka += 1
    return dibuka


# ---------------------------------------------------------------------------------------------
# Level 1: feedback from every participant who attended, once the event is finished.
# ---------------------------------------------------------------------------------------------


def tanggal_ditandai_selesai(kegiatan: KegiatanPelatihan) -> datetime.date:
    """The day the event was marked finished (its last status change: selesai is final), or its
    end date for an event recorded as finished without that moment."""
    if kegiatan.status_diubah_pada is not None:
        return timezone.localdate(kegiatan.status_diubah_pada)
    return kegiatan.tanggal_selesai


def batas_reaksi(kegiatan: KegiatanPelatihan) -> datetime.date:
    return tanggal_ditandai_selesai(kegiatan) + datetime.timedelta(
        days=settings.EVALUASI_REAKSI_HARI
    )


def _hadir() -> Q:
    """Participants who attended: a result and a day marked hadir, or graduates with no
    attendance recorded at all (whoever graduated was there). Absentees, and cancelled or
    rejected nominations, are left out."""
    hadir = Kehadiran.objects.filter(nominasi=OuterRef("pk"), status=Kehadiran.Status.HADIR)
    tercatat = Kehadiran.objects.filter(nominasi=OuterRef("pk"))
    return Q(status__in=(_N.LULUS, _N.TIDAK_LULUS)) & (
        Exists(hadir) | (Q(status=_N.LULUS) & ~Exists(tercatat))
    )


def _peserta_tanpa_reaksi():
    sudah = FormulirEvaluasi.objects.filter(nominasi=OuterRef("pk"), jenis=_J.REAKSI)
    return (
        Nominasi.objects.filter(_hadir(), kegiatan__status=_S.SELESAI)
        .filter(~Exists(sudah))
        .select_related("kegiatan__program", "pegawai__user")
        .order_by("kegiatan_id", "pk")
    )


def _buka_reaksi(peserta: Iterable[Nominasi], hari_ini: datetime.date) -> HasilBuka:
    hasil = HasilBuka()
    rencana = []
    for nominasi in peserta:
        kegiatan = nominasi.kegiatan
        batas = batas_reaksi(kegiatan)
        if batas < hari_ini:
            continue
        pengisi = _akun(nominasi.pegawai.user)
        if pengisi is None:
            hasil.tanpa_akun += 1
            continue
        rencana.append(
            _Rencana(
                formulir=FormulirEvaluasi(
                    nominasi=nominasi,
                    jenis=_J.REAKSI,
                    pengisi=pengisi,
                    batas=batas,
                ),
                judul=_("Isi umpan balik pelatihan"),
                pesan=_(
                    "Terima kasih telah mengikuti “%(kegiatan)s”. Mohon isi formulir umpan balik "
                    "paling lambat %(batas)s. Jawaban Anda bersifat rahasia: penyelenggara hanya "
                    "melihat rekapitulasinya."
                )
                % {"kegiatan": kegiatan, "batas": _tanggal(batas)},
            )
        )
    hasil.dibuka = _buka(rencana, Kuesioner.Level.REAKSI)
    if hasil.tanpa_akun:
        logger.info(
            "%s peserta tanpa akun aktif tidak mendapat formulir umpan balik.", hasil.tanpa_akun
        )
    return hasil


def formulir_reaksi_open(
    *, kegiatan: KegiatanPelatihan, hari_ini: datetime.date | None = None
) -> int:
    """Open the level-1 form of every participant of ``kegiatan`` who attended and has none yet.
    Nothing is opened before the event is ``selesai`` or once its feedback period is over.
    Returns the number of forms opened now."""
    hari_ini = _hari_ini(hari_ini)
    kegiatan = KegiatanPelatihan.objects.get(pk=kegiatan.pk)
    if kegiatan.status != _S.SELESAI or batas_reaksi(kegiatan) < hari_ini:
        return 0
    return _buka_reaksi(_peserta_tanpa_reaksi().filter(kegiatan=kegiatan), hari_ini).dibuka


def formulir_reaksi_open_due_detail(*, hari_ini: datetime.date | None = None) -> HasilBuka:
    """Open the level-1 forms still missing in every finished event whose feedback period is
    open, in one read of the candidates."""
    hari_ini = _hari_ini(hari_ini)
    ditandai_sejak = hari_ini - datetime.timedelta(days=settings.EVALUASI_REAKSI_HARI)
    peserta = (
        _peserta_tanpa_reaksi()
        .annotate(
            ditandai_selesai=Coalesce(
                TruncDate("kegiatan__status_diubah_pada"),
                F("kegiatan__tanggal_selesai"),
                output_field=DateField(),
            )
        )
        .filter(ditandai_selesai__gte=ditandai_sejak)
    )
    return _buka_reaksi(list(peserta), hari_ini)


def formulir_reaksi_open_due(*, hari_ini: datetime.date | None = None) -> int:
    return formulir_reaksi_open_due_detail(hari_ini=hari_ini).dibuka


# ---------------------------------------------------------------------------------------------
# Level 3: the atasan and the graduate judge the application of what was learnt.
# ---------------------------------------------------------------------------------------------


def batas_perilaku(kegiatan: KegiatanPelatihan) -> datetime.date:
    return kegiatan.tanggal_selesai + datetime.timedelta(
        days=settings.EVALUASI_PERILAKU_SETELAH_HARI + settings.EVALUASI_PERILAKU_HARI
    )


def _lulusan_perilaku_due(hari_ini: datetime.date):
    """Graduates of events that ended between ``SETELAH_HARI`` (inclusive) and ``SETELAH_HARI +
    PERILAKU_HARI`` (exclusive) days ago, missing at least one of their two level-3 forms."""
    setelah = settings.EVALUASI_PERILAKU_SETELAH_HARI
    selesai_paling_awal = hari_ini - datetime.timedelta(
        days=setelah + settings.EVALUASI_PERILAKU_HARI - 1
    )
    selesai_paling_akhir = hari_ini - datetime.timedelta(days=setelah)
    formulir = FormulirEvaluasi.objects.filter(nominasi=OuterRef("pk"))
    return (
        Nominasi.objects.filter(
            status=_N.LULUS,
            kegiatan__status=_S.SELESAI,
            kegiatan__tanggal_selesai__range=(selesai_paling_awal, selesai_paling_akhir),
        )
        .annotate(
            ada_atasan=Exists(formulir.filter(jenis=_J.PERILAKU_ATASAN)),
            ada_diri=Exists(formulir.filter(jenis=_J.PERILAKU_DIRI)),
        )
        .filter(Q(ada_atasan=False) | Q(ada_diri=False))
        .select_related("kegiatan__program", "pegawai__user", "pegawai__atasan__user")
        .order_by("kegiatan_id", "pk")
    )


def _atasan_langsung(pegawai):
    atasan = pegawai.atasan
    if atasan is None or not atasan.aktif:
        return None
    return _akun(atasan.user)


def formulir_perilaku_open_due_detail(*, hari_ini: datetime.date | None = None) -> HasilBuka:
    """Open the level-3 forms due today: for each graduate, one for the atasan (the direct atasan
    with an active account, else the kepala of the graduate's OPD; never the graduate) and one
    for the graduate. Open for ``EVALUASI_PERILAKU_HARI`` days from the day they fall due."""
    hari_ini = _hari_ini(hari_ini)
    lulusan = list(_lulusan_perilaku_due(hari_ini))
    hasil = HasilBuka()
    if not lulusan:
        return hasil
    opd_tanpa_atasan = {
        n.pegawai.perangkat_daerah_id
        for n in lulusan
        if not n.ada_atasan and _atasan_langsung(n.pegawai) is None
    }
    kepala = {}
    if opd_tanpa_atasan:
        kepala = {
            p.perangkat_daerah_id: p.user
            for p in PenugasanPeran.objects.filter(
                peran=Peran.KEPALA_OPD,
                perangkat_daerah_id__in=opd_tanpa_atasan,
                user__is_active=True,
            ).select_related("user")
        }
    rencana = []
    for nominasi in lulusan:
        kegiatan, pegawai = nominasi.kegiatan, nominasi.pegawai
        batas = batas_perilaku(kegiatan)
        lulusan_akun = _akun(pegawai.user)
        data = {
            "kegiatan": kegiatan,
            "pegawai": pegawai.nama_lengkap,
            "selesai": _tanggal(kegiatan.tanggal_selesai),
            "batas": _tanggal(batas),
        }
        if not nominasi.ada_atasan:
            penilai = _atasan_langsung(pegawai) or kepala.get(pegawai.perangkat_daerah_id)
            if penilai is None or penilai.pk == pegawai.user_id:
                hasil.tanpa_akun += 1
            else:
                rencana.append(
                    _Rencana(
                        formulir=FormulirEvaluasi(
                            nominasi=nominasi,
                            jenis=_J.PERILAKU_ATASAN,
                            pengisi=penilai,
                            batas=batas,
                        ),
                        judul=_("Evaluasi pasca-pelatihan pegawai Anda"),
                        pesan=_(
                            "%(pegawai)s telah menyelesaikan “%(kegiatan)s” pada %(selesai)s. "
                            "Mohon nilai penerapan hasil pelatihannya dalam pekerjaan paling "
                            "lambat %(batas)s."
                        )
                        % data,
                    )
                )
        if not nominasi.ada_diri:
            if lulusan_akun is None:
                hasil.tanpa_akun += 1
            else:
                rencana.append(
                    _Rencana(
                        formulir=FormulirEvaluasi(
                            nominasi=nominasi,
                            jenis=_J.PERILAKU_DIRI,
                            pengisi=lulusan_akun,
                            batas=batas,
                        ),
                        judul=_("Evaluasi diri pasca-pelatihan"),
                        pesan=_(
                            "Anda telah menyelesaikan “%(kegiatan)s” pada %(selesai)s. Mohon isi "
                            "evaluasi diri tentang penerapan hasil pelatihan dalam pekerjaan "
                            "paling lambat %(batas)s."
                        )
                        % data,
                    )
                )
    hasil.dibuka = _buka(rencana, Kuesioner.Level.PERILAKU)
    if hasil.tanpa_akun:
        logger.info(
            "%s formulir level 3 tidak dibuka: tidak ada pengisi berakun.", hasil.tanpa_akun
        )
    return hasil


def formulir_perilaku_open_due(*, hari_ini: datetime.date | None = None) -> int:
    return formulir_perilaku_open_due_detail(hari_ini=hari_ini).dibuka


# ---------------------------------------------------------------------------------------------
# Weekly reminders.
# ---------------------------------------------------------------------------------------------


def pengingat_evaluasi_send(*, hari_ini: datetime.date | None = None) -> HasilPengingat:
    """Once per ISO week, remind everyone who has forms not yet filled, still open, and opened
    at least ``EVALUASI_PENGINGAT_HARI`` days ago, of how many wait. The reminders stop by
    themselves once the forms are filled or closed."""
    hari_ini = _hari_ini(hari_ini)
    # Opened on day D: reminded from day D + EVALUASI_PENGINGAT_HARI.
    dibuka_sebelum = timezone.make_aware(
        datetime.datetime.combine(
            hari_ini - datetime.timedelta(days=settings.EVALUASI_PENGINGAT_HARI - 1),
            datetime.time.min,
        )
    )
    menunggu = list(
        FormulirEvaluasi.objects.menunggu(hari_ini)
        .filter(dibuka_pada__lt=dibuka_sebelum)
        .order_by()
        .values("pengisi_id")
        .annotate(jumlah=Count("pk"), batas=Min("batas"))
        .order_by("pengisi_id")
    )
    hasil = HasilPengingat()
    if not menunggu:
        return hasil
    pengguna = get_user_model().objects.in_bulk({m["pengisi_id"] for m in menunggu})
    tahun, minggu, _hari = hari_ini.isocalendar()
    kiriman = []
    for m in menunggu:
        user = _akun(pengguna.get(m["pengisi_id"]))
        if user is None:
            hasil.tanpa_akun += 1
            continue
        kiriman.append((user, f"pengingat:evaluasi:{user.pk}:{tahun}-W{minggu:02d}", m))
    sudah = set(
        Notifikasi.objects.filter(
            penerima_id__in={user.pk for user, _k, _m in kiriman},
            kunci__in={kunci for _u, kunci, _m in kiriman},
        ).values_list("penerima_id", "kunci")
    )
    for user, kunci, m in kiriman:
        if (user.pk, kunci) in sudah:
            hasil.sudah_ada += 1
            continue
        _notifikasi, baru = notifikasi_send(
            penerima=user,
            judul=_("Formulir evaluasi menunggu Anda"),
            pesan=_(
                "%(jumlah)s formulir evaluasi pelatihan belum Anda isi. Batas pengisian terdekat "
                "%(batas)s."
            )
            % {"jumlah": m["jumlah"], "batas": _tanggal(m["batas"])},
            tautan=tautan_daftar(),
            kunci=kunci,
            kirim_email=True,
        )
        if baru:
            hasil.terkirim += 1
        else:
            hasil.sudah_ada += 1
    return hasil


__all__ = [
    "HasilBuka",
    "batas_perilaku",
    "batas_reaksi",
    "formulir_perilaku_open_due",
    "formulir_perilaku_open_due_detail",
    "formulir_reaksi_open",
    "formulir_reaksi_open_due",
    "formulir_reaksi_open_due_detail",
    "pengingat_evaluasi_send",
    "tanggal_ditandai_selesai",
    "tautan_daftar",
    "tautan_formulir",
]
