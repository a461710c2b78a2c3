"""Report jobs: city-wide exports built by a Celery task, with progress and a download when ready.

- ``laporan_job_request`` saves the intent in PostgreSQL first and enqueues the task after commit;
  a broker that is down never fails the user's request (``laporan_job_resume`` sends it later).
  The same request by the same user on the same day returns the job already waiting, running or
  ready, so it gives the same file and is not built twice (a partial unique index on ``kunci``).
- ``laporan_job_run`` holds a session advisory lock per job while it works and claims the job
  with a conditional UPDATE: a copy of the task arriving at the same time sees the lock taken,
  one arriving later sees the job finished; a task redelivered after its worker died (the lock
  went with the connection) builds the file again.
- ``laporan_job_expire`` deletes files older than ``LAPORAN_JOB_SIMPAN_JAM`` hours.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from laporan import anggaran, selectors
from laporan.models import LaporanJob
from pegawai.ekspor import tulis_xlsx

logger = logging.getLogger(__name__)

Jenis = LaporanJob.Jenis
Status = LaporanJob.Status

# A waiting job older than this whose task never ran is sent to the queue again.
TERTAHAN_MENIT = 5
# A job whose worker died this many times is given up (it would only kill the next one too).
PERCOBAAN_MAKSIMUM = 3
# The progress bar is written at most once per this many seconds, looked at every N rows.
SELANG_KEMAJUAN = 0.5
KEMAJUAN_SETIAP_BARIS = 500
_KUNCI_KELAS = "laporan.laporanjob"

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


class LaporanDitolak(Exception):
    """The report cannot be built for a reason the user should read (in Bahasa Indonesia)."""


# --- the kinds of report ---------------------------------------------------------------------


def _tulis_jp_pegawai(berkas, oleh, parameter: dict, kemajuan) -> None:
    tahun, jenis = parameter["tahun"], parameter["jenis"]
    # Only the estimate behind the progress bar; the sheet itself streams the real rows.
    total = selectors.pegawai_kepatuhan_jp_for(oleh).filter(aktif=True)
    if jenis:
        total = total.filter(jenis_pegawai=jenis)
    jumlah = total.count()
    lembar = selectors.lembar_jp_pegawai_kota(oleh, tahun=tahun, jenis=jenis)
    lembar.baris = _hitung(lembar.baris, jumlah, kemajuan)
    tulis_xlsx(berkas, [lembar])


def _hitung(baris, jumlah: int, kemajuan) -> Iterator:
    """Pass the rows on, reporting the share read so far (up to 95%: saving comes after)."""
    for nomor, row in enumerate(baris, start=1):
        if nomor % KEMAJUAN_SETIAP_BARIS == 0 and jumlah:
            kemajuan(min(95, nomor * 95 // jumlah))
        yield row


def _tulis_anggaran(format_: str, berkas, oleh, parameter: dict, kemajuan) -> None:
    data = anggaran.laporan_anggaran(parameter["tahun"])
    kemajuan(50, segera=True)
    anggaran.tulis_berkas(berkas, data, format_=format_)


@dataclass(frozen=True)
class JenisLaporan:
    boleh: Callable  # user -> bool: the same rule as the synchronous download
    parameter: tuple[str, ...]
    nama_berkas: Callable  # parameter -> file name
    tulis: Callable  # (file, user, parameter, kemajuan) -> None
    content_type: str


JENIS_LAPORAN: dict[str, JenisLaporan] = {
    Jenis.JP_PEGAWAI: JenisLaporan(
        boleh=selectors.boleh_ekspor_jp_seluruh_pegawai,
        parameter=("tahun", "jenis"),
        nama_berkas=lambda p: selectors.nama_berkas_jp_pegawai(p["tahun"], p["jenis"]),
        tulis=_tulis_jp_pegawai,
        content_type=XLSX,
    ),
    Jenis.ANGGARAN_XLSX: JenisLaporan(
        boleh=anggaran.boleh_lihat_anggaran,
        parameter=("tahun",),
        nama_berkas=lambda p: f"anggaran-{p['tahun']}.xlsx",
        tulis=partial(_tulis_anggaran, "xlsx"),
        content_type=XLSX,
    ),
    Jenis.ANGGARAN_PDF: JenisLaporan(
        boleh=anggaran.boleh_lihat_anggaran,
        parameter=("tahun",),
        nama_berkas=lambda p: f"anggaran-{p['tahun']}.pdf",
        tulis=partial(_tulis_anggaran, "pdf"),
        content_type=PDF,
    ),
}


def boleh_minta(jenis: str, user) -> bool:
    spec = JENIS_LAPORAN.get(jenis)
    return spec is not None and spec.boleh(user)


def _parameter_baku(jenis: str, parameter: dict) -> dict:
    """Exactly the parameters of the kind, ``tahun`` as a whole number, text trimmed."""
    spec = JENIS_LAPORAN.get(jenis)
    if spec is None:
        raise ValidationError({"jenis": _("Jenis laporan tidak dikenal.")})
    lain = set(parameter) - set(spec.parameter)
    if lain:
        raise ValidationError(
            _("Parameter tidak dikenal untuk laporan ini: %(nama)s.")
            % {"nama": ", ".join(sorted(lain))}
        )
    baku = {}
    for nama in spec.parameter:
        nilai = parameter.get(nama)
        if nama == "tahun":
            if isinstance(nilai, bool) or not isinstance(nilai, int):
                raise ValidationError({"tahun": _("Tahun harus berupa angka, misalnya 2025.")})
            baku[nama] = nilai
        else:
            baku[nama] = str(nilai or "").strip()
    return baku


def _kunci(*, oleh_id: int, jenis: str, parameter: dict) -> str:
    """The same user, kind, parameters and data day give the same key. The day is the data
    version: a request tomorrow builds a new file."""
    isi = json.dumps(
        [oleh_id, jenis, parameter, timezone.localdate().isoformat()],
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(isi.encode()).hexdigest()


# --- services --------------------------------------------------------------------------------


def laporan_job_request(*, jenis: str, parameter: dict, oleh) -> LaporanJob:
    """The job for this request: the one already waiting, running or ready for the same user,
    kind, parameters and day, or a new one whose task is sent after commit."""
    parameter = _parameter_baku(jenis, parameter)
    if not boleh_minta(jenis, oleh):
        raise PermissionDenied
    kunci = _kunci(oleh_id=oleh.pk, jenis=jenis, parameter=parameter)
    aktif = LaporanJob.objects.filter(kunci=kunci, status__in=LaporanJob.STATUS_AKTIF)
    ada = aktif.first()
    if ada is not None and ada.kedaluwarsa:
        _expire_one(ada.pk, ada.berkas.name)
        ada = None
    if ada is not None:
        return ada
    job = LaporanJob(
        jenis=jenis,
        parameter=parameter,
        kunci=kunci,
        oleh=oleh,
        nama_berkas=JENIS_LAPORAN[jenis].nama_berkas(parameter),
    )
    # The one-active-job-per-key rule is the index's: the INSERT below enforces it race-free.
    job.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            job.save()
            _enqueue(job.pk)
    except IntegrityError:
        # The same request twice at once (a double click): both get the one job.
        return aktif.get()
    return job


def _enqueue(job_id: int) -> None:
    """Send after commit; a broker that is down is logged, not raised (``robust``): the row is
    the intent, and ``laporan_job_resume`` sends it again."""
    from laporan.tasks import laporan_job_run_task

    transaction.on_commit(partial(laporan_job_run_task.delay, job_id), robust=True)


def laporan_job_run(*, job_id: int) -> bool:
    """Build the job's file. ``True`` when this call did the work (or gave the job up)."""
    with _kunci_job(job_id) as dapat:
        if not dapat:
            return False
        # BERJALAN too: a task redelivered after its worker died builds the file again.
        if not LaporanJob.objects.filter(
            pk=job_id, status__in=[Status.MENUNGGU, Status.BERJALAN]
        ).update(
            status=Status.BERJALAN,
            persen=0,
            percobaan=F("percobaan") + 1,
            dimulai_pada=timezone.now(),
        ):
            return False
        job = LaporanJob.objects.select_related("oleh").get(pk=job_id)
        masih = LaporanJob.objects.filter(pk=job_id, status=Status.BERJALAN)
        if job.percobaan > PERCOBAAN_MAKSIMUM:
            masih.update(
                status=Status.GAGAL,
                pesan_galat=_(
                    "Laporan gagal disiapkan: proses pembuatnya terhenti %(n)s kali. Hubungi "
                    "pengelola sistem dengan menyebut nomor unduhan %(id)s."
                )
                % {"n": PERCOBAAN_MAKSIMUM, "id": job_id},
                selesai_pada=timezone.now(),
            )
            return True
        return _jalankan(job, masih)


def _jalankan(job: LaporanJob, masih) -> bool:
    spec = JENIS_LAPORAN[job.jenis]
    kemajuan = _kemajuan(masih)
    # One name per job, so that a rebuild after a lost worker replaces its half-written file.
    nama = f"laporan/{job.pk}-{job.nama_berkas}"
    try:
        if not spec.boleh(job.oleh):
            raise LaporanDitolak(_("Anda tidak lagi berhak atas laporan ini."))
        with tempfile.TemporaryFile() as berkas:
            spec.tulis(berkas, job.oleh, job.parameter, kemajuan)
            ukuran = berkas.tell()
            berkas.seek(0)
            default_storage.delete(nama)
            nama = default_storage.save(nama, File(berkas, name=job.nama_berkas))
    except LaporanDitolak as exc:
        masih.update(status=Status.GAGAL, pesan_galat=str(exc), selesai_pada=timezone.now())
        return True
    except Exception:
        logger.exception("Unduhan laporan %s gagal disiapkan", job.pk)
        masih.update(
            status=Status.GAGAL,
            pesan_galat=_(
                "Laporan gagal disiapkan karena galat tak terduga. Coba minta lagi; bila "
                "terulang, hubungi pengelola sistem dengan menyebut nomor unduhan %(id)s."
            )
            % {"id": job.pk},
            selesai_pada=timezone.now(),
        )
        return True
    if not masih.update(
        status=Status.SIAP,
        berkas=nama,
        ukuran=ukuran,
        persen=100,
        selesai_pada=timezone.now(),
    ):
        default_storage.delete(nama)
    return True


def _kemajuan(masih):
    """A progress callback: writes the percentage, at most once per ``SELANG_KEMAJUAN``."""
    terakhir = [0.0]

    def kemajuan(persen: int, *, segera: bool = False) -> None:
        sekarang = time.monotonic()
        if not segera and sekarang - terakhir[0] < SELANG_KEMAJUAN:
            return
        terakhir[0] = sekarang
        masih.update(persen=max(0, min(99, persen)))

    return kemajuan


def laporan_job_expire() -> int:
    """Delete the files of jobs finished more than ``LAPORAN_JOB_SIMPAN_JAM`` hours ago and mark
    them expired; how many. Run hourly by beat."""
    batas = timezone.now() - timedelta(hours=settings.LAPORAN_JOB_SIMPAN_JAM)
    lama = LaporanJob.objects.filter(status=Status.SIAP, selesai_pada__lte=batas)
    return sum(_expire_one(pk, nama) for pk, nama in lama.values_list("pk", "berkas"))


def _expire_one(job_id: int, nama: str) -> bool:
    # The row first: from then on nobody is offered the file; a download already open finishes.
    if not LaporanJob.objects.filter(pk=job_id, status=Status.SIAP).update(
        status=Status.KEDALUWARSA, berkas=""
    ):
        return False
    if nama:
        default_storage.delete(nama)
    return True


def laporan_job_resume() -> int:
    """Send again the jobs whose task was lost: never queued (broker down when asked) or left
    running by a worker that died. Run every 5 minutes by beat; how many were sent."""
    from laporan.tasks import laporan_job_run_task

    batas = timezone.now() - timedelta(minutes=TERTAHAN_MENIT)
    calon = list(
        LaporanJob.objects.filter(
            Q(status=Status.MENUNGGU, dibuat_pada__lt=batas) | Q(status=Status.BERJALAN)
        ).values_list("pk", flat=True)
    )
    if not calon:
        return 0
    berjalan = _locked_ids(calon)
    dikirim = 0
    for pk in calon:
        if pk not in berjalan:
            laporan_job_run_task.delay(pk)
            dikirim += 1
    return dikirim


# --- the per-job advisory lock -----------------------------------------------------------------


@contextlib.contextmanager
def _kunci_job(job_id: int):
    """Session advisory lock ``(kelas, job_id)``: released with the worker's connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(hashtext(%s), %s)", [_KUNCI_KELAS, job_id])
        dapat = cursor.fetchone()[0]
    try:
        yield dapat
    finally:
        if dapat:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_unlock(hashtext(%s), %s)", [_KUNCI_KELAS, job_id]
                )


def _locked_ids(job_ids: list[int]) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT objid::bigint FROM pg_locks
            WHERE locktype = 'advisory' AND objsubid = 2 AND granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND classid = hashtext(%s)::oid AND objid = ANY(%s::oid[])
            """,
            [_KUNCI_KELAS, job_ids],
        )
        return {pk for (pk,) in cursor.fetchall()}
