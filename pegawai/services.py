"""Writes on people and organisation. Other apps call these instead of writing the models."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from pegawai.models import Notifikasi


def notifikasi_send(
    *,
    penerima,
    judul: str,
    pesan: str = "",
    tautan: str = "",
    kunci: str = "",
    kirim_email: bool = False,
) -> tuple[Notifikasi, bool]:
    """Put a notification in the recipient's inbox, and send it by email after commit if asked.

    With a ``kunci`` (the occasion) it is written at most once per recipient: a reminder task that
    runs again returns the existing row and ``False``.
    """
    if kunci:
        existing = Notifikasi.objects.filter(penerima=penerima, kunci=kunci).first()
        if existing is not None:
            return existing, False
    notifikasi = Notifikasi(
        penerima=penerima,
        judul=judul,
        pesan=pesan,
        tautan=tautan,
        kunci=kunci,
        kirim_email=kirim_email and bool(penerima.email),
    )
    notifikasi.full_clean()
    try:
        with transaction.atomic():
            notifikasi.save()
    except IntegrityError:
        # A concurrent run wrote the same occasion first; the unique constraint decided.
        return Notifikasi.objects.get(penerima=penerima, kunci=kunci), False
    if notifikasi.kirim_email:
        from pegawai.tasks import notifikasi_email_task

        notifikasi_email_task.delay_on_commit(notifikasi.pk)
    return notifikasi, True


def notifikasi_mark_read(*, notifikasi: Notifikasi) -> Notifikasi:
    if notifikasi.dibaca_pada is None:
        notifikasi.dibaca_pada = timezone.now()
        notifikasi.save(update_fields=["dibaca_pada"])
    return notifikasi


def notifikasi_mark_all_read(*, penerima) -> int:
    return Notifikasi.objects.filter(penerima=penerima, dibaca_pada__isnull=True).update(
        dibaca_pada=timezone.now()
    )


def notifikasi_email_deliver(*, notifikasi_id: int) -> bool:
    """Send one notification by email, once. Returns whether this call sent it.

    The row is claimed with a conditional UPDATE before sending, so a retried or duplicated task
    never sends twice; if sending fails the claim is released for the retry.
    """
    from django.conf import settings
    from django.core.mail import send_mail

    claimed = Notifikasi.objects.filter(
        pk=notifikasi_id, kirim_email=True, email_terkirim_pada__isnull=True
    ).update(email_terkirim_pada=timezone.now())
    if not claimed:
        return False
    notifikasi = Notifikasi.objects.select_related("penerima").get(pk=notifikasi_id)
    pesan = notifikasi.pesan
    if notifikasi.tautan:
        pesan = f"{pesan}\n\n{settings.SITE_URL.rstrip('/')}{notifikasi.tautan}"
    try:
        send_mail(
            subject=f"[Langsa Kompetensi] {notifikasi.judul}",
            message=pesan,
            from_email=None,
            recipient_list=[notifikasi.penerima.email],
        )
    except Exception:
        Notifikasi.objects.filter(pk=notifikasi_id).update(email_terkirim_pada=None)
        raise
    return True


ADMIN_BKPSDM_GROUP = "Admin BKPSDM"
ADMIN_BKPSDM_APPS = ("pegawai", "pelatihan", "evaluasi", "laporan")


def grup_admin_bkpsdm_sync():
    """The permission group behind the Admin BKPSDM role: every permission of the project's apps.

    Permissions exist only after migrate, so the group is (re)built when the role is given, and
    picks up the models that later issues add.
    """
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=ADMIN_BKPSDM_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=ADMIN_BKPSDM_APPS))
    return group


@transaction.atomic
def peran_assign(*, user, peran: str, perangkat_daerah=None):
    """Give a role. Admin BKPSDM also works in the Django admin, so it becomes staff."""
    from pegawai.models import PenugasanPeran, Peran

    penugasan = PenugasanPeran(user=user, peran=peran, perangkat_daerah=perangkat_daerah)
    penugasan.full_clean()
    penugasan.save()
    if peran == Peran.ADMIN_BKPSDM:
        user.groups.add(grup_admin_bkpsdm_sync())
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    return penugasan


# ---------------------------------------------------------------------------------------------
# Impor berkas lewat admin (DESIGN §6): unggah → periksa (uji coba) → konfirmasi → impor.
#
# Kedua langkah berjalan sebagai tugas Celery dengan acks_late + reject_on_worker_lost, jadi satu
# tugas bisa datang dua kali. Tugas memegang advisory lock sesi per impor selama bekerja: salinan
# yang datang bersamaan melihat kunci terpakai dan berhenti, sedangkan tugas yang dikirim ulang
# karena worker-nya mati (kuncinya ikut lepas bersama koneksinya) mengerjakan ulang langkah itu.
# Status diklaim dan diakhiri dengan UPDATE bersyarat, sehingga pembatalan di tengah jalan atau
# tugas ganda tidak pernah menimpa status yang lebih baru.
# ---------------------------------------------------------------------------------------------

# Baris ditolak yang disimpan beserta data aslinya; laporan berkas raksasa tetap kecil.
IMPOR_MAKS_BARIS_DITOLAK = 5000
# Bilah kemajuan diperbarui paling sering sekali per selang ini (detik).
IMPOR_SELANG_KEMAJUAN = 0.5
# Impor yang tertahan lebih lama dari ini tanpa tugas yang berjalan dikirim ulang ke antrean.
IMPOR_TERTAHAN_MENIT = 5


def impor_create(*, jenis: str, berkas, sheet: str = "", diunggah_oleh, check_task):
    """Simpan berkas unggahan dan antrekan pemeriksaannya setelah commit."""
    from pathlib import PurePath

    from pegawai.models import ImporBerkas

    impor = ImporBerkas(
        jenis=jenis,
        berkas=berkas,
        nama_berkas=PurePath(berkas.name or "berkas").name[-255:],
        sheet=(sheet or "").strip(),
        diunggah_oleh=diunggah_oleh,
    )
    impor.full_clean()
    with transaction.atomic():
        impor.save()
        _impor_enqueue(check_task, impor.pk)
    return impor


def _impor_enqueue(task, impor_id: int) -> None:
    """Kirim ke antrean setelah commit. Broker yang mati tidak menggagalkan aksi pengguna: baris
    ImporBerkas adalah catatan niatnya, dan ``impor_resume`` mengirimnya ulang nanti."""
    from functools import partial

    transaction.on_commit(partial(task.delay, impor_id), robust=True)


def impor_confirm(*, impor_id: int, run_task) -> bool:
    """siap → mengimpor, sekali saja; ``False`` bila impor itu tidak (lagi) menunggu konfirmasi."""
    from pegawai.models import ImporBerkas

    with transaction.atomic():
        diklaim = ImporBerkas.objects.filter(pk=impor_id, status=ImporBerkas.Status.SIAP).update(
            status=ImporBerkas.Status.MENGIMPOR, diproses=0, dikonfirmasi_pada=timezone.now()
        )
        if diklaim:
            _impor_enqueue(run_task, impor_id)
    return bool(diklaim)


def impor_cancel(*, impor_id: int) -> bool:
    """Batalkan impor yang belum dikonfirmasi; impor yang sedang menulis tidak dapat dihentikan."""
    from pegawai.models import ImporBerkas

    s = ImporBerkas.Status
    return bool(
        ImporBerkas.objects.filter(
            pk=impor_id, status__in=[s.DIUNGGAH, s.MEMERIKSA, s.SIAP]
        ).update(status=s.DIBATALKAN, selesai_pada=timezone.now())
    )


def impor_check(*, impor_id: int, pengimpor, kolom) -> bool:
    """Uji coba impor (``dry_run``); laporannya menjadi pratinjau. ``True`` bila langkah ini
    dikerjakan oleh panggilan ini."""
    from pegawai.models import ImporBerkas

    s = ImporBerkas.Status
    with _impor_lock(impor_id) as dapat:
        if not dapat:
            return False
        # MEMERIKSA juga: tugas yang worker-nya mati dikirim ulang dan mengulang uji coba.
        if not ImporBerkas.objects.filter(pk=impor_id, status__in=[s.DIUNGGAH, s.MEMERIKSA]).update(
            status=s.MEMERIKSA, diproses=0
        ):
            return False
        return _impor_jalankan(
            impor_id, pengimpor, kolom, dry_run=True, status=s.MEMERIKSA, hasil_ke="pratinjau"
        )


def impor_run(*, impor_id: int, pengimpor, kolom) -> bool:
    """Impor sungguhan dari berkas yang sudah diperiksa dan dikonfirmasi.

    Dikirim ulang setelah worker mati, langkah ini mengulang impornya: transaksi yang terputus
    sudah dibatalkan PostgreSQL, dan impor yang sudah tersimpan tidak mengubah apa pun kali kedua.
    """
    from pegawai.models import ImporBerkas

    with _impor_lock(impor_id) as dapat:
        if not dapat:
            return False
        if not ImporBerkas.objects.filter(
            pk=impor_id, status=ImporBerkas.Status.MENGIMPOR
        ).exists():
            return False
        return _impor_jalankan(
            impor_id,
            pengimpor,
            kolom,
            dry_run=False,
            status=ImporBerkas.Status.MENGIMPOR,
            hasil_ke="hasil",
        )


def impor_resume(*, jenis: str, check_task, run_task) -> int:
    """Kirim ulang impor yang tertahan: tugasnya tidak pernah sampai ke antrean (broker mati saat
    diunggah) atau worker-nya hilang. Dijalankan berkala oleh beat; jumlah yang dikirim ulang."""
    from datetime import timedelta

    from django.db.models import Q

    from pegawai.models import ImporBerkas

    s = ImporBerkas.Status
    batas = timezone.now() - timedelta(minutes=IMPOR_TERTAHAN_MENIT)
    tertahan = list(
        ImporBerkas.objects.filter(
            Q(status__in=[s.DIUNGGAH, s.MEMERIKSA], dibuat_pada__lt=batas)
            | Q(status=s.MENGIMPOR, dikonfirmasi_pada__lt=batas),
            jenis=jenis,
        ).values_list("pk", "status")
    )
    if not tertahan:
        return 0
    berjalan = _impor_locked_ids([pk for pk, _status in tertahan])
    dikirim = 0
    for pk, status in tertahan:
        if pk in berjalan:
            continue
        (run_task if status == s.MENGIMPOR else check_task).delay(pk)
        dikirim += 1
    return dikirim


# Isian laporan yang memuat data pribadi baris yang ditolak; sisanya jumlah-jumlah.
IMPOR_LAPORAN_DATA = ("rejected", "data", "kolom", "judul_kolom")


def impor_expire() -> int:
    """Hapus berkas unggahan dan data asli baris yang ditolak dari impor yang berakhir (selesai,
    gagal, dibatalkan) lebih dari ``IMPOR_SIMPAN_HARI`` hari lalu; jumlah-jumlahnya tetap. Impor
    yang selama itu dibiarkan menunggu konfirmasi dibatalkan lebih dulu. Dijalankan berkala oleh
    beat; jumlah impor yang dihapus berkasnya."""
    from datetime import timedelta

    from django.conf import settings
    from django.core.files.storage import default_storage
    from django.db.models import F, Q
    from django.db.models.expressions import RawSQL
    from django.db.models.functions import Coalesce

    from pegawai.models import ImporBerkas

    s = ImporBerkas.Status
    sekarang = timezone.now()
    batas = sekarang - timedelta(days=settings.IMPOR_SIMPAN_HARI)
    ImporBerkas.objects.filter(status=s.SIAP, dibuat_pada__lt=batas).update(
        status=s.DIBATALKAN, selesai_pada=sekarang
    )
    lama = (
        ImporBerkas.objects.filter(
            status__in=[s.SELESAI, s.GAGAL, s.DIBATALKAN], dihapus_pada__isnull=True
        )
        .annotate(berakhir=Coalesce(F("selesai_pada"), F("dibuat_pada")))
        # Yang dibatalkan: juga bila baru dibatalkan, asal diunggah sebelum batas.
        .filter(Q(berakhir__lt=batas) | Q(status=s.DIBATALKAN, dibuat_pada__lt=batas))
        .values_list("pk", "berkas")
    )
    dihapus = 0
    for pk, nama in lama:
        # Berkas lebih dulu: bila proses mati di antaranya, putaran berikutnya mengulanginya.
        if nama:
            default_storage.delete(nama)
        dihapus += ImporBerkas.objects.filter(pk=pk, dihapus_pada__isnull=True).update(
            berkas="",
            dihapus_pada=sekarang,
            pratinjau=RawSQL("pratinjau - %s::text[]", [list(IMPOR_LAPORAN_DATA)]),
            hasil=RawSQL("hasil - %s::text[]", [list(IMPOR_LAPORAN_DATA)]),
        )
    return dihapus


_IMPOR_KUNCI_KELAS = "pegawai.imporberkas"


def _impor_lock(impor_id: int):
    """Advisory lock sesi ``(kelas, impor_id)``: lepas sendiri bila koneksi worker putus."""
    import contextlib

    from django.db import connection

    @contextlib.contextmanager
    def kunci():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_try_advisory_lock(hashtext(%s), %s)", [_IMPOR_KUNCI_KELAS, impor_id]
            )
            dapat = cursor.fetchone()[0]
        try:
            yield dapat
        finally:
            if dapat:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_advisory_unlock(hashtext(%s), %s)",
                        [_IMPOR_KUNCI_KELAS, impor_id],
                    )

    return kunci()


def _impor_locked_ids(impor_ids: list[int]) -> set[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT objid::bigint FROM pg_locks
            WHERE locktype = 'advisory' AND objsubid = 2 AND granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND classid = hashtext(%s)::oid AND objid = ANY(%s::oid[])
            """,
            [_IMPOR_KUNCI_KELAS, impor_ids],
        )
        return {pk for (pk,) in cursor.fetchall()}


def _impor_jalankan(impor_id, pengimpor, kolom, *, dry_run, status, hasil_ke) -> bool:
    import logging

    from django.utils.translation import gettext as _

    from pegawai.berkas import BerkasTidakTerbaca
    from pegawai.models import ImporBerkas

    s = ImporBerkas.Status
    impor = ImporBerkas.objects.defer("pratinjau", "hasil").get(pk=impor_id)
    sheet = impor.sheet or None
    kemajuan = _impor_progress(impor_id, status)
    masih = ImporBerkas.objects.filter(pk=impor_id, status=status)
    try:
        try:
            fh = impor.berkas.open("rb")
        except OSError:
            raise BerkasTidakTerbaca(
                _("berkas unggahan tidak ditemukan di penyimpanan; unggah ulang berkasnya")
            ) from None
        with fh:
            hasil = pengimpor(
                fh,
                nama_berkas=impor.nama_berkas,
                dry_run=dry_run,
                sheet=sheet,
                progress=kemajuan,
            )
            laporan = _impor_laporan(hasil, fh, impor.nama_berkas, sheet, kolom)
    except BerkasTidakTerbaca as exc:
        masih.update(status=s.GAGAL, pesan_galat=str(exc), selesai_pada=timezone.now())
        return True
    except Exception:
        logging.getLogger(__name__).exception("Impor berkas %s gagal", impor_id)
        masih.update(
            status=s.GAGAL,
            pesan_galat=_(
                "Terjadi galat tak terduga saat memproses berkas. Coba unggah ulang; bila "
                "terulang, hubungi pengelola sistem dengan menyebut nomor impor %(id)s."
            )
            % {"id": impor_id},
            selesai_pada=timezone.now(),
        )
        raise
    akhir = {"status": s.SIAP if dry_run else s.SELESAI, hasil_ke: laporan}
    akhir["diproses"] = kemajuan.dibaca
    if kemajuan.total is not None:
        akhir["jumlah_baris"] = kemajuan.total
    if not dry_run:
        akhir["selesai_pada"] = timezone.now()
    masih.update(**akhir)
    return True


def _impor_progress(impor_id: int, status: str):
    """Panggilan kemajuan untuk pengimpor: ``total`` diisi pengimpor dengan perkiraan jumlah
    baris; setiap panggilan menulis jumlah baris terbaca, paling sering sekali per selang."""
    import time

    from pegawai.models import ImporBerkas

    terakhir = [0.0]

    def kemajuan(dibaca: int) -> None:
        kemajuan.dibaca = dibaca
        sekarang = time.monotonic()
        if sekarang - terakhir[0] < IMPOR_SELANG_KEMAJUAN:
            return
        terakhir[0] = sekarang
        ubah = {"diproses": dibaca}
        if kemajuan.total is not None:
            ubah["jumlah_baris"] = kemajuan.total
        ImporBerkas.objects.filter(pk=impor_id, status=status).update(**ubah)

    kemajuan.total = None
    kemajuan.dibaca = 0
    return kemajuan


def _impor_laporan(hasil, fh, nama_berkas: str, sheet, kolom) -> dict:
    """Laporan yang disimpan: jumlah, penolakan (bentuk JSON DESIGN §6) dan data asli baris yang
    ditolak, dalam urutan kolom berkas, untuk diunduh, diperbaiki, dan diunggah ulang.

    Hanya ``IMPOR_MAKS_BARIS_DITOLAK`` baris pertama yang disimpan. Penolakan yang ditemukan saat
    menulis (misalnya NIP yang belum terdaftar) tidak membawa seluruh baris aslinya; baris itu
    dibaca ulang dari berkas.
    """
    from pegawai.berkas import baca_tabel, kanonik

    disimpan = []
    nomor_baris: dict[int, dict] = {}
    for p in hasil.rejected:
        if p.baris not in nomor_baris:
            if len(nomor_baris) >= IMPOR_MAKS_BARIS_DITOLAK:
                continue
            nomor_baris[p.baris] = p.data
        elif len(p.data) > len(nomor_baris[p.baris]):
            nomor_baris[p.baris] = p.data
        disimpan.append(p.as_dict())
    laporan = {
        "created": hasil.created,
        "updated": hasil.updated,
        "unchanged": hasil.unchanged,
        "ditolak_baris": hasil.baris_ditolak,
        "ditolak_entri": len(hasil.rejected),
        "terpotong": len(disimpan) < len(hasil.rejected),
        "ditolak_disimpan": len(nomor_baris),
        "rejected": disimpan,
        "kolom": [],
        "judul_kolom": [],
        "data": {},
    }
    if not nomor_baris:
        return laporan
    with baca_tabel(
        fh, nama_berkas=nama_berkas, kolom_wajib=(), kolom_opsional=tuple(kolom), sheet=sheet
    ) as tabel:
        urutan = list(tabel.kolom)
        judul = {}
        for teks in tabel.header:
            judul.setdefault(kanonik(teks), teks)
        kurang = {n for n, data in nomor_baris.items() if set(data) != set(urutan)}
        if kurang:
            terakhir = max(kurang)
            for nomor, data in tabel.baris():
                if nomor in kurang:
                    nomor_baris[nomor] = data
                if nomor >= terakhir:
                    break
    laporan["kolom"] = urutan
    laporan["judul_kolom"] = [judul.get(k, k) for k in urutan]
    laporan["data"] = {
        str(n): [_impor_nilai_json(data.get(k)) for k in urutan] for n, data in nomor_baris.items()
    }
    return laporan


def _impor_nilai_json(nilai):
    """Nilai sel apa adanya bila JSON mengenalnya; tanggal sebagai ISO (bentuk yang diterima
    impor), sel galat sebagai kodenya, rumus tanpa nilai sebagai kosong."""
    import math
    from datetime import date, datetime, time

    if nilai is None or isinstance(nilai, str | bool | int):
        return nilai
    if isinstance(nilai, float):
        return nilai if math.isfinite(nilai) else str(nilai)
    if isinstance(nilai, datetime):
        if nilai.time() == time.min:
            return nilai.date().isoformat()
        return nilai.isoformat(sep=" ")
    if isinstance(nilai, date):
        return nilai.isoformat()
    return str(nilai) or None
