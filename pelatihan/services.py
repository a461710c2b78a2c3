"""Writes on development work. JP claims: an ASN reports learning outside BKPSDM's events with a
certificate; Admin BKPSDM verifies (possibly setting the JP it recognises) or rejects with a
reason; the ASN is told either way. Only verified rows of the ledger count."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pegawai.services import notifikasi_send
from pelatihan.berkas import periksa_sertifikat
from pelatihan.models import KegiatanPelatihan, RiwayatPengembangan, kunci_nama


def _not_in_future(tanggal: datetime.date | None, field: str, pesan: str) -> None:
    if tanggal is not None and tanggal > timezone.localdate():
        raise ValidationError({field: pesan})


def _duplicate_message(riwayat: RiwayatPengembangan) -> str | None:
    ada = (
        RiwayatPengembangan.objects.filter(
            pegawai=riwayat.pegawai,
            nama_kunci=riwayat.nama_kunci,
            tanggal_mulai=riwayat.tanggal_mulai,
            tanggal_selesai=riwayat.tanggal_selesai,
        )
        .exclude(status=RiwayatPengembangan.Status.DITOLAK)
        .values_list("status", flat=True)
        .first()
    )
    if ada is None:
        return None
    return _(
        "Pelatihan dengan nama dan tanggal yang sama sudah tercatat dalam riwayat Anda "
        "(status: %(status)s). Klaim yang sama tidak dapat diajukan dua kali."
    ) % {"status": RiwayatPengembangan.Status(ada).label}


@transaction.atomic
def klaim_submit(
    *,
    pegawai,
    nama_pelatihan: str,
    jenis,
    penyelenggara: str = "",
    tanggal_mulai: datetime.date,
    tanggal_selesai: datetime.date,
    jp: int,
    nomor_sertifikat: str = "",
    tanggal_sertifikat: datetime.date | None = None,
    berkas,
) -> RiwayatPengembangan:
    """Record a JP claim by the ASN themself; it waits for BKPSDM's verification."""
    if not pegawai.aktif:
        raise ValidationError(_("Pegawai tidak aktif tidak dapat mengajukan klaim JP."))
    if jenis is not None and not jenis.aktif:
        raise ValidationError({"jenis": _("Jenis pengembangan ini tidak lagi digunakan.")})
    _not_in_future(
        tanggal_selesai,
        "tanggal_selesai",
        _("Tanggal selesai tidak boleh di masa depan. Ajukan klaim setelah kegiatan selesai."),
    )
    _not_in_future(
        tanggal_sertifikat,
        "tanggal_sertifikat",
        _("Tanggal sertifikat tidak boleh di masa depan."),
    )
    try:
        berkas = periksa_sertifikat(berkas)
    except ValidationError as e:
        raise ValidationError({"berkas_sertifikat": e.messages}) from None

    riwayat = RiwayatPengembangan(
        pegawai=pegawai,
        nama_pelatihan=" ".join(nama_pelatihan.split()),
        jenis=jenis,
        penyelenggara=penyelenggara.strip(),
        tanggal_mulai=tanggal_mulai,
        tanggal_selesai=tanggal_selesai,
        jp=jp,
        nomor_sertifikat=nomor_sertifikat.strip(),
        tanggal_sertifikat=tanggal_sertifikat,
        berkas_sertifikat=berkas,
        sumber=RiwayatPengembangan.Sumber.KLAIM,
        status=RiwayatPengembangan.Status.MENUNGGU,
    )
    # save() sets it too; the unique constraint is validated before that.
    riwayat.nama_kunci = kunci_nama(riwayat.nama_pelatihan)
    duplikat = _duplicate_message(riwayat)
    if duplikat:
        raise ValidationError(duplikat, code="duplikat")
    riwayat.full_clean()
    try:
        with transaction.atomic():
            riwayat.save()
    except IntegrityError:
        # A concurrent submit of the same claim won; the stored file is not needed.
        if riwayat.berkas_sertifikat.name:
            riwayat.berkas_sertifikat.storage.delete(riwayat.berkas_sertifikat.name)
        raise ValidationError(_duplicate_message(riwayat) or _("Klaim gagal disimpan.")) from None
    return riwayat


def _lock(riwayat: RiwayatPengembangan) -> RiwayatPengembangan:
    return (
        RiwayatPengembangan.objects.select_for_update(of=("self",))
        .select_related("pegawai__user", "jenis")
        .get(pk=riwayat.pk)
    )


def _check_decidable(riwayat: RiwayatPengembangan, oleh) -> None:
    if riwayat.pegawai.user_id is not None and riwayat.pegawai.user_id == oleh.pk:
        raise ValidationError(
            _("Anda tidak dapat memverifikasi atau menolak klaim Anda sendiri."), code="sendiri"
        )


def _clean_changed(riwayat: RiwayatPengembangan, changed: set[str]) -> None:
    """full_clean limited to the fields a decision changes (and the constraints on them): the
    rest of the row was validated when it was written."""
    riwayat.full_clean(
        exclude={f.name for f in RiwayatPengembangan._meta.concrete_fields} - changed
    )


def _tautan_klaim() -> str:
    return reverse("pelatihan:klaim-list")


@transaction.atomic
def riwayat_verify(*, riwayat: RiwayatPengembangan, oleh, jp: int | None = None):
    """Verify a waiting row, optionally with the JP the verifier recognises (nonclassical
    learning has no national JP table). A row already verified is returned unchanged, so a
    repeated click or action does nothing twice; a rejected row cannot be verified."""
    riwayat = _lock(riwayat)
    if riwayat.status == RiwayatPengembangan.Status.TERVERIFIKASI:
        return riwayat
    if riwayat.status != RiwayatPengembangan.Status.MENUNGGU:
        raise ValidationError(
            _("Klaim ini sudah ditolak dan tidak dapat diverifikasi."), code="sudah_diproses"
        )
    _check_decidable(riwayat, oleh)
    jp_diajukan = riwayat.jp
    if jp is not None and jp != riwayat.jp:
        # Keep what the ASN asked for beside what was recognised.
        riwayat.jp_diajukan = jp_diajukan
        riwayat.jp = jp
    riwayat.status = RiwayatPengembangan.Status.TERVERIFIKASI
    riwayat.diverifikasi_oleh = oleh
    riwayat.diverifikasi_pada = timezone.now()
    _clean_changed(riwayat, {"jp", "status", "alasan_penolakan"})
    riwayat.save(
        update_fields=["jp", "jp_diajukan", "status", "diverifikasi_oleh", "diverifikasi_pada"]
    )

    if riwayat.pegawai.user is not None:
        if riwayat.jp == jp_diajukan:
            pesan = _("Klaim “%(nama)s” diakui sebesar %(jp)s JP.") % {
                "nama": riwayat.nama_pelatihan,
                "jp": riwayat.jp,
            }
        else:
            pesan = _(
                "Klaim “%(nama)s” diakui sebesar %(jp)s JP (diajukan %(diajukan)s JP) sesuai "
                "aturan pengakuan JP untuk %(jenis)s."
            ) % {
                "nama": riwayat.nama_pelatihan,
                "jp": riwayat.jp,
                "diajukan": jp_diajukan,
                "jenis": riwayat.jenis.nama,
            }
        notifikasi_send(
            penerima=riwayat.pegawai.user,
            judul=_("Klaim JP diverifikasi"),
            pesan=pesan,
            tautan=_tautan_klaim(),
            kunci=f"klaim:{riwayat.pk}:verifikasi",
            kirim_email=True,
        )
    return riwayat


@transaction.atomic
def riwayat_reject(*, riwayat: RiwayatPengembangan, oleh, alasan: str):
    """Reject a waiting row with a reason the ASN reads. A row already rejected is returned
    unchanged; a verified row cannot be rejected here."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError(
            {"alasan_penolakan": _("Tuliskan alasan penolakan agar ASN dapat memperbaikinya.")}
        )
    riwayat = _lock(riwayat)
    if riwayat.status == RiwayatPengembangan.Status.DITOLAK:
        return riwayat
    if riwayat.status != RiwayatPengembangan.Status.MENUNGGU:
        raise ValidationError(
            _("Klaim ini sudah diverifikasi dan tidak dapat ditolak."), code="sudah_diproses"
        )
    _check_decidable(riwayat, oleh)
    riwayat.status = RiwayatPengembangan.Status.DITOLAK
    riwayat.alasan_penolakan = alasan
    riwayat.diverifikasi_oleh = oleh
    riwayat.diverifikasi_pada = timezone.now()
    _clean_changed(riwayat, {"status", "alasan_penolakan"})
    riwayat.save(
        update_fields=["status", "alasan_penolakan", "diverifikasi_oleh", "diverifikasi_pada"]
    )

    if riwayat.pegawai.user is not None:
        notifikasi_send(
            penerima=riwayat.pegawai.user,
            judul=_("Klaim JP ditolak"),
            pesan=_(
                "Klaim “%(nama)s” ditolak oleh BKPSDM. Alasan: %(alasan)s\n"
                "Anda dapat mengajukan klaim baru setelah memperbaikinya."
            )
            % {"nama": riwayat.nama_pelatihan, "alasan": alasan},
            tautan=_tautan_klaim(),
            kunci=f"klaim:{riwayat.pk}:penolakan",
            kirim_email=True,
        )
    return riwayat


@transaction.atomic
def klaim_withdraw(*, riwayat: RiwayatPengembangan, pegawai) -> None:
    """The ASN withdraws their own claim while it waits: the row and its file are removed."""
    riwayat = _lock(riwayat)
    if riwayat.pegawai_id != pegawai.pk or riwayat.sumber != RiwayatPengembangan.Sumber.KLAIM:
        raise ValidationError(_("Hanya klaim Anda sendiri yang dapat ditarik."))
    if riwayat.status != RiwayatPengembangan.Status.MENUNGGU:
        raise ValidationError(
            _("Klaim yang sudah diverifikasi atau ditolak tidak dapat ditarik."),
            code="sudah_diproses",
        )
    berkas = riwayat.berkas_sertifikat
    nama_berkas, storage = berkas.name, berkas.storage
    riwayat.delete()
    if nama_berkas:
        # Only once the row is surely gone: a rollback must not leave a row without its file.
        transaction.on_commit(lambda: storage.delete(nama_berkas))


# ---------------------------------------------------------------------------------------------
# Events: the status machine and the quota per OPD.
# ---------------------------------------------------------------------------------------------

_S = KegiatanPelatihan.Status

# The only legal moves. Finished and cancelled events are final; a running event cannot be
# cancelled any more (it ends as selesai and its participants are judged individually).
KEGIATAN_TRANSISI: dict[str, frozenset[str]] = {
    _S.DRAFT: frozenset({_S.NOMINASI_DIBUKA, _S.DIBATALKAN}),
    _S.NOMINASI_DIBUKA: frozenset({_S.DITUTUP, _S.DIBATALKAN}),
    _S.DITUTUP: frozenset({_S.BERLANGSUNG, _S.DIBATALKAN}),
    _S.BERLANGSUNG: frozenset({_S.SELESAI}),
    _S.SELESAI: frozenset(),
    _S.DIBATALKAN: frozenset(),
}


def kegiatan_transition_allowed(dari: str, ke: str) -> bool:
    return ke in KEGIATAN_TRANSISI.get(dari, frozenset())


@transaction.atomic
def kegiatan_transition(*, kegiatan: KegiatanPelatihan, ke: str, oleh) -> KegiatanPelatihan:
    """Move an event to status ``ke`` if the transition table allows it from its current status
    (read under a row lock, so two clicks cannot both pass the check)."""
    kegiatan = (
        KegiatanPelatihan.objects.select_for_update(of=("self",))
        .select_related("program")
        .get(pk=kegiatan.pk)
    )
    if ke not in _S.values:
        raise ValidationError(_("Status kegiatan “%(ke)s” tidak dikenal.") % {"ke": ke})
    if not kegiatan_transition_allowed(kegiatan.status, ke):
        raise ValidationError(
            _("Status kegiatan tidak dapat diubah dari “%(dari)s” menjadi “%(ke)s”.")
            % {"dari": _S(kegiatan.status).label, "ke": _S(ke).label},
            code="transisi_tidak_sah",
        )
    if ke == _S.NOMINASI_DIBUKA:
        if kegiatan.batas_nominasi < timezone.localdate():
            raise ValidationError(
                _(
                    "Batas nominasi (%(tanggal)s) sudah lewat. Ubah batas nominasi sebelum "
                    "membuka nominasi."
                )
                % {"tanggal": kegiatan.batas_nominasi.strftime("%d-%m-%Y")},
                code="batas_nominasi_lewat",
            )
        if not kegiatan.program.mata_pelatihan.exists():
            raise ValidationError(
                _("Program “%(program)s” belum memiliki mata pelatihan (kurikulum).")
                % {"program": kegiatan.program.nama},
                code="tanpa_kurikulum",
            )
    kegiatan.status = ke
    kegiatan.status_diubah_pada = timezone.now()
    kegiatan.status_diubah_oleh = oleh
    kegiatan.save(
        update_fields=["status", "status_diubah_pada", "status_diubah_oleh", "diubah_pada"]
    )
    return kegiatan


def kuota_opd_check(*, kuota: int | None, kuota_opd: list[int]) -> None:
    """Seats reserved for OPDs may not exceed the event's quota."""
    jumlah = sum(kuota_opd)
    if kuota is not None and jumlah > kuota:
        raise ValidationError(
            _("Jumlah kuota per perangkat daerah (%(jumlah)s) melebihi kuota kegiatan (%(kuota)s).")
            % {"jumlah": jumlah, "kuota": kuota},
            code="kuota_opd_berlebih",
        )


@transaction.atomic
def kegiatan_kuota_opd_set(*, kegiatan: KegiatanPelatihan, kuota_opd: dict) -> None:
    """Replace the quota per OPD of an event ({PerangkatDaerah: seats}) as one change."""
    from pelatihan.models import KuotaOPD

    kegiatan = KegiatanPelatihan.objects.select_for_update().get(pk=kegiatan.pk)
    kuota_opd_check(kuota=kegiatan.kuota, kuota_opd=list(kuota_opd.values()))
    KuotaOPD.objects.filter(kegiatan=kegiatan).delete()
    baris = [
        KuotaOPD(kegiatan=kegiatan, perangkat_daerah=opd, kuota=jumlah)
        for opd, jumlah in kuota_opd.items()
    ]
    for b in baris:
        b.full_clean(exclude=["kegiatan"])
    KuotaOPD.objects.bulk_create(baris)
