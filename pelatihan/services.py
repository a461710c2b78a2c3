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
from pegawai.tanggal import format_tanggal
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
    if ke == _S.BERLANGSUNG and kegiatan.tanggal_mulai > timezone.localdate():
        # Attendance and scores are recorded per day of the event: none exists before it starts.
        raise ValidationError(
            _("Kegiatan baru dapat dimulai pada tanggal mulainya, %(tanggal)s.")
            % {"tanggal": format_tanggal(kegiatan.tanggal_mulai)},
            code="belum_tanggal_mulai",
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


# ---------------------------------------------------------------------------------------------
# Nominations: propose, approve, reject, confirm within the quota, cancel with promotion.
# ---------------------------------------------------------------------------------------------


def _nominasi_model():
    from pelatihan.models import Nominasi

    return Nominasi


def _kepala_users(opd_id: int):
    from pegawai.models import Pengguna, Peran

    return Pengguna.objects.filter(
        is_active=True,
        penugasan_peran__peran=Peran.KEPALA_OPD,
        penugasan_peran__perangkat_daerah_id=opd_id,
    ).distinct()


def _tautan_nominasi() -> str:
    return reverse("pelatihan:nominasi-list")


def _kabari_pegawai(nominasi, *, judul: str, pesan: str, kejadian: str) -> None:
    user = nominasi.pegawai.user
    if user is not None:
        notifikasi_send(
            penerima=user,
            judul=judul,
            pesan=pesan,
            tautan=_tautan_nominasi(),
            kunci=f"nominasi:{nominasi.pk}:{kejadian}",
            kirim_email=True,
        )


def nominasi_dapat_menyetujui(nominasi, oleh) -> bool:
    """Kepala OPD of the pegawai's OPD; for an application also the pegawai's atasan. Never the
    pegawai themself."""
    from pegawai.akses import akses_for

    akses = akses_for(oleh)
    pegawai = nominasi.pegawai
    if akses.pegawai_id == pegawai.pk:
        return False
    if pegawai.perangkat_daerah_id in akses.kepala_opd_ids:
        return True
    return (
        nominasi.jalur == _nominasi_model().Jalur.MANDIRI
        and pegawai.atasan_id is not None
        and pegawai.atasan_id == akses.pegawai_id
    )


def nominasi_dapat_membatalkan(nominasi, oleh) -> bool:
    """Admin BKPSDM, kepala/operator of the pegawai's OPD, or the pegawai themself."""
    from pegawai.akses import akses_for

    akses = akses_for(oleh)
    return (
        akses.admin_bkpsdm
        or nominasi.pegawai.perangkat_daerah_id in akses.opd_ids
        or akses.pegawai_id == nominasi.pegawai_id
    )


def _lock_nominasi(nominasi):
    return (
        _nominasi_model()
        .objects.select_for_update(of=("self",))
        .select_related("pegawai__user", "kegiatan__program")
        .get(pk=nominasi.pk)
    )


def _status_label(status: str) -> str:
    return str(_nominasi_model().Status(status).label)


def _transisi_tidak_sah(nominasi, aksi: str) -> ValidationError:
    return ValidationError(
        _("Nominasi berstatus “%(status)s” tidak dapat %(aksi)s.")
        % {"status": _status_label(nominasi.status), "aksi": aksi},
        code="transisi_tidak_sah",
    )


def _tutup(nominasi, *, status: str, oleh, fields: list[str]) -> None:
    nominasi.status = status
    nominasi.diputuskan_oleh = oleh
    nominasi.diputuskan_pada = timezone.now()
    nominasi.full_clean(exclude=["kegiatan", "pegawai"], validate_unique=False)
    nominasi.save(
        update_fields=[*fields, "status", "diputuskan_oleh", "diputuskan_pada", "diubah_pada"]
    )


@transaction.atomic
def nominasi_propose(*, kegiatan: KegiatanPelatihan, pegawai, oleh):
    """Propose ``pegawai`` for ``kegiatan``. By the kepala or operator of the pegawai's OPD
    (usulan OPD; a kepala's own proposal counts as approved), or by the ASN themself
    (pendaftaran mandiri, waiting for the atasan). The eligibility warnings and the priority
    score are computed and kept, never enforced. The per-OPD quota does not limit proposals;
    it limits confirmation."""
    from pegawai.akses import akses_for
    from pelatihan.eligibilitas import nilai

    Nominasi = _nominasi_model()
    akses = akses_for(oleh)
    if akses.pegawai_id is not None and akses.pegawai_id == pegawai.pk:
        jalur = Nominasi.Jalur.MANDIRI
    elif pegawai.perangkat_daerah_id in akses.opd_ids:
        jalur = Nominasi.Jalur.USULAN_OPD
    else:
        raise ValidationError(
            _("Anda hanya dapat mengusulkan pegawai perangkat daerah Anda sendiri."),
            code="di_luar_lingkup",
        )
    if not pegawai.aktif:
        raise ValidationError(_("Pegawai tidak aktif tidak dapat dinominasikan."))
    kegiatan = (
        KegiatanPelatihan.objects.select_for_update(of=("self",))
        .select_related("program__golongan_min", "program__golongan_max")
        .get(pk=kegiatan.pk)
    )
    if kegiatan.status != _S.NOMINASI_DIBUKA:
        raise ValidationError(
            _("Nominasi untuk kegiatan ini tidak dibuka (status: %(status)s).")
            % {"status": _S(kegiatan.status).label},
            code="nominasi_tidak_dibuka",
        )
    if kegiatan.batas_nominasi < timezone.localdate():
        raise ValidationError(
            _("Batas nominasi (%(tanggal)s) sudah lewat.")
            % {"tanggal": kegiatan.batas_nominasi.strftime("%d-%m-%Y")},
            code="batas_nominasi_lewat",
        )
    ada = Nominasi.objects.filter(kegiatan=kegiatan, pegawai=pegawai).only("status").first()
    if ada is not None:
        raise ValidationError(
            _("Pegawai ini sudah dinominasikan pada kegiatan ini (status: %(status)s).")
            % {"status": _status_label(ada.status)},
            code="sudah_ada",
        )
    penilaian = nilai(pegawai=pegawai, kegiatan=kegiatan)
    sekarang = timezone.now()
    oleh_kepala = jalur == Nominasi.Jalur.USULAN_OPD and (
        pegawai.perangkat_daerah_id in akses.kepala_opd_ids
    )
    nominasi = Nominasi(
        kegiatan=kegiatan,
        pegawai=pegawai,
        jalur=jalur,
        status=Nominasi.Status.DISETUJUI if oleh_kepala else Nominasi.Status.DIUSULKAN,
        skor_prioritas=penilaian.skor.nilai,
        penjelasan_skor=penilaian.skor.penjelasan,
        peringatan=[p.as_dict() for p in penilaian.peringatan],
        diusulkan_oleh=oleh,
        disetujui_oleh=oleh if oleh_kepala else None,
        disetujui_pada=sekarang if oleh_kepala else None,
    )
    nominasi.full_clean(exclude=["kegiatan", "pegawai"], validate_unique=False)
    try:
        with transaction.atomic():
            nominasi.save()
    except IntegrityError:
        raise ValidationError(
            _("Pegawai ini sudah dinominasikan pada kegiatan ini."), code="sudah_ada"
        ) from None

    if jalur == Nominasi.Jalur.MANDIRI:
        pesan = _("Pendaftaran Anda untuk “%(kegiatan)s” menunggu persetujuan atasan.")
    elif oleh_kepala:
        pesan = _("Anda diusulkan dan disetujui kepala perangkat daerah untuk “%(kegiatan)s”.")
    else:
        pesan = _("Anda diusulkan untuk “%(kegiatan)s” dan menunggu persetujuan kepala.")
    _kabari_pegawai(
        nominasi,
        judul=_("Nominasi pelatihan"),
        pesan=pesan % {"kegiatan": kegiatan},
        kejadian="diusulkan",
    )
    if nominasi.status == Nominasi.Status.DIUSULKAN:
        penyetuju = set(_kepala_users(pegawai.perangkat_daerah_id))
        if jalur == Nominasi.Jalur.MANDIRI and pegawai.atasan_id is not None:
            atasan = pegawai.atasan.user
            if atasan is not None:
                penyetuju.add(atasan)
        for user in penyetuju:
            if user.pk == oleh.pk:
                continue
            notifikasi_send(
                penerima=user,
                judul=_("Nominasi menunggu persetujuan"),
                pesan=_("%(pegawai)s diusulkan untuk “%(kegiatan)s”.")
                % {"pegawai": pegawai.nama_lengkap, "kegiatan": kegiatan},
                tautan=_tautan_nominasi(),
                kunci=f"nominasi:{nominasi.pk}:menunggu-persetujuan",
            )
    return nominasi


@transaction.atomic
def nominasi_approve(*, nominasi, oleh):
    """Approval by the kepala OPD (or, for an application, the atasan). Approving an approved
    nomination changes nothing."""
    Nominasi = _nominasi_model()
    nominasi = _lock_nominasi(nominasi)
    if not nominasi_dapat_menyetujui(nominasi, oleh):
        raise ValidationError(
            _("Anda tidak berwenang menyetujui nominasi ini."), code="tidak_berwenang"
        )
    if nominasi.status == Nominasi.Status.DISETUJUI:
        return nominasi
    if nominasi.status != Nominasi.Status.DIUSULKAN:
        raise _transisi_tidak_sah(nominasi, _("disetujui"))
    nominasi.status = Nominasi.Status.DISETUJUI
    nominasi.disetujui_oleh = oleh
    nominasi.disetujui_pada = timezone.now()
    nominasi.save(update_fields=["status", "disetujui_oleh", "disetujui_pada", "diubah_pada"])
    _kabari_pegawai(
        nominasi,
        judul=_("Nominasi disetujui atasan"),
        pesan=_("Nominasi Anda untuk “%(kegiatan)s” disetujui dan menunggu penetapan BKPSDM.")
        % {"kegiatan": nominasi.kegiatan},
        kejadian="disetujui",
    )
    return nominasi


@transaction.atomic
def nominasi_reject(*, nominasi, oleh, alasan: str):
    """Rejection with a reason the pegawai reads: by whoever may approve while it waits for
    approval, by Admin BKPSDM until it is confirmed."""
    from pegawai.akses import akses_for

    Nominasi = _nominasi_model()
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Tuliskan alasan penolakan.")}, code="tanpa_alasan")
    nominasi = _lock_nominasi(nominasi)
    admin = akses_for(oleh).admin_bkpsdm
    if not (admin or nominasi_dapat_menyetujui(nominasi, oleh)):
        raise ValidationError(
            _("Anda tidak berwenang menolak nominasi ini."), code="tidak_berwenang"
        )
    if nominasi.status == Nominasi.Status.DITOLAK:
        return nominasi
    boleh = {Nominasi.Status.DIUSULKAN}
    if admin:
        boleh |= {Nominasi.Status.DISETUJUI, Nominasi.Status.DAFTAR_TUNGGU}
    if nominasi.status not in boleh:
        raise _transisi_tidak_sah(nominasi, _("ditolak"))
    nominasi.alasan = alasan
    nominasi.urutan_tunggu = None
    _tutup(nominasi, status=Nominasi.Status.DITOLAK, oleh=oleh, fields=["alasan", "urutan_tunggu"])
    _kabari_pegawai(
        nominasi,
        judul=_("Nominasi ditolak"),
        pesan=_("Nominasi Anda untuk “%(kegiatan)s” ditolak. Alasan: %(alasan)s")
        % {"kegiatan": nominasi.kegiatan, "alasan": alasan},
        kejadian="ditolak",
    )
    return nominasi


def _lock_kegiatan(kegiatan_id: int) -> KegiatanPelatihan:
    # Every seat decision of one event goes through this lock: counts read under it are final.
    return KegiatanPelatihan.objects.select_for_update(of=("self",)).get(pk=kegiatan_id)


def _ada_kursi(kegiatan: KegiatanPelatihan, opd_id: int) -> bool:
    """A free seat for a pegawai of this OPD: the event's quota, and the OPD's own quota where
    one is set (KuotaOPD). OPDs without one share whatever the event's quota leaves."""
    from django.db.models import Count
    from django.db.models import Q as Q_

    from pelatihan.models import KuotaOPD

    Nominasi = _nominasi_model()
    terisi = Nominasi.objects.filter(
        kegiatan=kegiatan, status=Nominasi.Status.DITETAPKAN
    ).aggregate(semua=Count("pk"), opd=Count("pk", filter=Q_(pegawai__perangkat_daerah_id=opd_id)))
    if terisi["semua"] >= kegiatan.kuota:
        return False
    kuota_opd = (
        KuotaOPD.objects.filter(kegiatan=kegiatan, perangkat_daerah_id=opd_id)
        .values_list("kuota", flat=True)
        .first()
    )
    return kuota_opd is None or terisi["opd"] < kuota_opd


def _tetapkan(nominasi, *, oleh) -> None:
    nominasi.urutan_tunggu = None
    _tutup(
        nominasi, status=_nominasi_model().Status.DITETAPKAN, oleh=oleh, fields=["urutan_tunggu"]
    )
    _kabari_pegawai(
        nominasi,
        judul=_("Nominasi ditetapkan"),
        pesan=_("Anda ditetapkan sebagai peserta “%(kegiatan)s” (%(mulai)s s.d. %(selesai)s).")
        % {
            "kegiatan": nominasi.kegiatan,
            "mulai": nominasi.kegiatan.tanggal_mulai.strftime("%d-%m-%Y"),
            "selesai": nominasi.kegiatan.tanggal_selesai.strftime("%d-%m-%Y"),
        },
        kejadian="ditetapkan",
    )


@transaction.atomic
def nominasi_confirm(*, nominasi, oleh):
    """Admin BKPSDM confirms an approved nomination: ditetapkan if a seat is free (the event's
    quota and the OPD's quota), otherwise the next place on the waiting list. The event row is
    locked first, so concurrent confirmations never exceed the quota."""
    from django.db.models import Max

    from pegawai.akses import akses_for

    Nominasi = _nominasi_model()
    if not akses_for(oleh).admin_bkpsdm:
        raise ValidationError(
            _("Penetapan peserta hanya dilakukan oleh Admin BKPSDM."), code="tidak_berwenang"
        )
    kegiatan = _lock_kegiatan(nominasi.kegiatan_id)
    nominasi = _lock_nominasi(nominasi)
    if nominasi.status == Nominasi.Status.DITETAPKAN:
        return nominasi
    if nominasi.status not in (Nominasi.Status.DISETUJUI, Nominasi.Status.DAFTAR_TUNGGU):
        raise _transisi_tidak_sah(nominasi, _("ditetapkan"))
    if kegiatan.status not in (_S.NOMINASI_DIBUKA, _S.DITUTUP):
        raise ValidationError(
            _("Peserta tidak dapat ditetapkan pada kegiatan berstatus “%(status)s”.")
            % {"status": _S(kegiatan.status).label},
            code="kegiatan_tidak_menerima",
        )
    if _ada_kursi(kegiatan, nominasi.pegawai.perangkat_daerah_id):
        _tetapkan(nominasi, oleh=oleh)
        return nominasi
    if nominasi.status == Nominasi.Status.DAFTAR_TUNGGU:
        return nominasi  # still no seat: keeps its place
    terakhir = Nominasi.objects.filter(kegiatan=kegiatan).aggregate(n=Max("urutan_tunggu"))["n"]
    nominasi.urutan_tunggu = (terakhir or 0) + 1
    _tutup(nominasi, status=Nominasi.Status.DAFTAR_TUNGGU, oleh=oleh, fields=["urutan_tunggu"])
    _kabari_pegawai(
        nominasi,
        judul=_("Nominasi masuk daftar tunggu"),
        pesan=_(
            "Kuota “%(kegiatan)s” sudah penuh. Anda berada pada daftar tunggu nomor %(urutan)s "
            "dan akan ditetapkan bila ada kursi kosong."
        )
        % {"kegiatan": kegiatan, "urutan": nominasi.urutan_tunggu},
        kejadian="daftar-tunggu",
    )
    return nominasi


def _promote(kegiatan: KegiatanPelatihan, *, oleh):
    """Give freed seats to the waiting list in order, skipping those whose OPD quota is full."""
    Nominasi = _nominasi_model()
    antrean = (
        Nominasi.objects.select_for_update(of=("self",))
        .filter(kegiatan=kegiatan, status=Nominasi.Status.DAFTAR_TUNGGU)
        .select_related("pegawai__user", "kegiatan__program")
        .order_by("urutan_tunggu", "id")
    )
    naik = []
    for calon in antrean:
        if not _ada_kursi(kegiatan, calon.pegawai.perangkat_daerah_id):
            if not _ada_kursi_total(kegiatan):
                break
            continue
        _tetapkan(calon, oleh=oleh)
        naik.append(calon)
    return naik


def _ada_kursi_total(kegiatan: KegiatanPelatihan) -> bool:
    Nominasi = _nominasi_model()
    return (
        Nominasi.objects.filter(kegiatan=kegiatan, status=Nominasi.Status.DITETAPKAN).count()
        < kegiatan.kuota
    )


@transaction.atomic
def nominasi_cancel(*, nominasi, oleh):
    """Cancel a nomination that is not final. A confirmed participant's seat goes to the first
    on the waiting list that fits the quota, in the same transaction."""
    Nominasi = _nominasi_model()
    if not nominasi_dapat_membatalkan(nominasi, oleh):
        raise ValidationError(
            _("Anda tidak berwenang membatalkan nominasi ini."), code="tidak_berwenang"
        )
    kegiatan = _lock_kegiatan(nominasi.kegiatan_id)
    nominasi = _lock_nominasi(nominasi)
    if nominasi.status == Nominasi.Status.BATAL:
        return nominasi
    if nominasi.status not in (
        Nominasi.Status.DIUSULKAN,
        Nominasi.Status.DISETUJUI,
        Nominasi.Status.DAFTAR_TUNGGU,
        Nominasi.Status.DITETAPKAN,
    ):
        raise _transisi_tidak_sah(nominasi, _("dibatalkan"))
    if kegiatan.status in (_S.BERLANGSUNG, _S.SELESAI):
        raise ValidationError(
            _("Nominasi tidak dapat dibatalkan setelah kegiatan dimulai."),
            code="kegiatan_dimulai",
        )
    melepas_kursi = nominasi.status == Nominasi.Status.DITETAPKAN
    nominasi.urutan_tunggu = None
    _tutup(nominasi, status=Nominasi.Status.BATAL, oleh=oleh, fields=["urutan_tunggu"])
    _kabari_pegawai(
        nominasi,
        judul=_("Nominasi dibatalkan"),
        pesan=_("Nominasi Anda untuk “%(kegiatan)s” dibatalkan.") % {"kegiatan": kegiatan},
        kejadian="batal",
    )
    if melepas_kursi:
        _promote(kegiatan, oleh=oleh)
    return nominasi


# ---------------------------------------------------------------------------------------------
# Running and completing an event: attendance per day, results, and the JP credited once.
#
# A graduate's JP is one ledger row (sumber kegiatan) per pegawai and event, guaranteed by the
# partial unique constraint ``riwayat_unik_per_kegiatan``. A result corrected to tidak lulus
# does not delete the row: it is marked ditolak with the reason, so the transcript's history
# stays auditable and the row stops counting. Corrected back to lulus, a new verified row is
# written. A pegawai who already has the same training (name and dates) in the ledger from an
# import or claim keeps that row; no second one is written.
# ---------------------------------------------------------------------------------------------


def _peserta_status() -> tuple[str, ...]:
    Nominasi = _nominasi_model()
    return (Nominasi.Status.DITETAPKAN, Nominasi.Status.LULUS, Nominasi.Status.TIDAK_LULUS)


def kegiatan_hari(kegiatan: KegiatanPelatihan) -> list[datetime.date]:
    """Every day of the event, first to last."""
    jumlah = (kegiatan.tanggal_selesai - kegiatan.tanggal_mulai).days + 1
    return [kegiatan.tanggal_mulai + datetime.timedelta(days=i) for i in range(jumlah)]


def _check_admin(oleh, pesan: str) -> None:
    from pegawai.akses import akses_for

    if not akses_for(oleh).admin_bkpsdm:
        raise ValidationError(pesan, code="tidak_berwenang")


def _check_pelaksanaan(kegiatan: KegiatanPelatihan) -> None:
    if kegiatan.status not in (_S.BERLANGSUNG, _S.SELESAI):
        raise ValidationError(
            _(
                "Kehadiran dan hasil hanya dicatat saat kegiatan berlangsung atau sesudahnya "
                "(status: %(status)s)."
            )
            % {"status": _S(kegiatan.status).label},
            code="kegiatan_belum_berlangsung",
        )


@transaction.atomic
def kehadiran_grid_save(*, kegiatan: KegiatanPelatihan, kehadiran: dict, oleh) -> int:
    """Save the attendance grid of an event at once: ``kehadiran`` maps (nominasi id, date) to a
    ``Kehadiran.Status`` value, or to "" to clear a cell. One upsert and one delete, whatever
    the class size. Returns the number of cells written."""
    from django.db.models import Q as Q_

    from pelatihan.models import Kehadiran

    _check_admin(oleh, _("Kehadiran peserta dicatat oleh Admin BKPSDM."))
    kegiatan = _lock_kegiatan(kegiatan.pk)
    _check_pelaksanaan(kegiatan)
    peserta = set(
        _nominasi_model()
        .objects.filter(kegiatan=kegiatan, status__in=_peserta_status())
        .values_list("pk", flat=True)
    )
    hari = set(kegiatan_hari(kegiatan))
    tulis, hapus = [], Q_(pk__in=[])
    for (nominasi_id, tanggal), status in kehadiran.items():
        if nominasi_id not in peserta:
            raise ValidationError(_("Peserta tidak terdaftar pada kegiatan ini."))
        if tanggal not in hari:
            raise ValidationError(
                _("Tanggal %(tanggal)s di luar jadwal kegiatan.")
                % {"tanggal": tanggal.strftime("%d-%m-%Y")}
            )
        if not status:
            hapus |= Q_(nominasi_id=nominasi_id, tanggal=tanggal)
            continue
        if status not in Kehadiran.Status.values:
            raise ValidationError(_("Status kehadiran tidak dikenal."))
        tulis.append(
            Kehadiran(nominasi_id=nominasi_id, tanggal=tanggal, status=status, dicatat_oleh=oleh)
        )
    Kehadiran.objects.filter(nominasi__kegiatan=kegiatan).filter(hapus).delete()
    Kehadiran.objects.bulk_create(
        tulis,
        update_conflicts=True,
        unique_fields=["nominasi", "tanggal"],
        update_fields=["status", "dicatat_oleh", "diubah_pada"],
        batch_size=1000,
    )
    return len(tulis)


def _hasil_valid(hasil: str) -> str:
    Nominasi = _nominasi_model()
    if hasil not in (Nominasi.Status.LULUS, Nominasi.Status.TIDAK_LULUS):
        raise ValidationError({"hasil": _("Hasil harus lulus atau tidak lulus.")})
    return hasil


def _nilai_valid(nilai, field: str):
    from decimal import Decimal

    if nilai is not None and not (Decimal(0) <= Decimal(nilai) <= Decimal(100)):
        raise ValidationError({field: _("Nilai harus antara 0 dan 100.")})
    return nilai


@transaction.atomic
def hasil_save(*, kegiatan: KegiatanPelatihan, hasil: dict, oleh) -> int:
    """Save the results of an event at once: ``hasil`` maps nominasi id to a dict with
    ``nilai_pre``, ``nilai_post`` (0–100 or None) and ``hasil`` (lulus/tidak_lulus). On an event
    already finished, the ledger follows the corrected results. Returns the rows changed."""
    _check_admin(oleh, _("Hasil peserta ditetapkan oleh Admin BKPSDM."))
    kegiatan = _lock_kegiatan(kegiatan.pk)
    _check_pelaksanaan(kegiatan)
    Nominasi = _nominasi_model()
    peserta = {
        n.pk: n
        for n in Nominasi.objects.select_for_update().filter(
            kegiatan=kegiatan, status__in=_peserta_status()
        )
    }
    sekarang = timezone.now()
    berubah = []
    for nominasi_id, isi in hasil.items():
        nominasi = peserta.get(nominasi_id)
        if nominasi is None:
            raise ValidationError(_("Peserta tidak terdaftar pada kegiatan ini."))
        baru = (
            _nilai_valid(isi.get("nilai_pre"), "nilai_pre"),
            _nilai_valid(isi.get("nilai_post"), "nilai_post"),
            _hasil_valid(isi["hasil"]),
        )
        if (nominasi.nilai_pre, nominasi.nilai_post, nominasi.status) == baru:
            continue
        nominasi.nilai_pre, nominasi.nilai_post, nominasi.status = baru
        nominasi.diputuskan_oleh = oleh
        nominasi.diputuskan_pada = sekarang
        nominasi.diubah_pada = sekarang
        berubah.append(nominasi)
    Nominasi.objects.bulk_update(
        berubah,
        ["nilai_pre", "nilai_post", "status", "diputuskan_oleh", "diputuskan_pada", "diubah_pada"],
        batch_size=500,
    )
    if berubah and kegiatan.status == _S.SELESAI:
        _jp_sync(kegiatan, oleh=oleh, nominasi_ids=[n.pk for n in berubah])
    return len(berubah)


@transaction.atomic
def nominasi_result_set(
    *, nominasi, hasil: str, oleh, nilai_pre=None, nilai_post=None, ubah_nilai: bool = False
):
    """One participant's result (and, with ``ubah_nilai``, their scores). On a finished event
    the participant's ledger row follows: correcting a result corrects the ledger."""
    isi = {"hasil": hasil, "nilai_pre": nominasi.nilai_pre, "nilai_post": nominasi.nilai_post}
    if ubah_nilai:
        isi.update(nilai_pre=nilai_pre, nilai_post=nilai_post)
    hasil_save(kegiatan=nominasi.kegiatan, hasil={nominasi.pk: isi}, oleh=oleh)
    return _nominasi_model().objects.get(pk=nominasi.pk)


def _jp_kegiatan(kegiatan: KegiatanPelatihan) -> int:
    from django.db.models import Sum

    from pelatihan.models import MataPelatihan

    return (
        MataPelatihan.objects.filter(program_id=kegiatan.program_id).aggregate(jp=Sum("jp"))["jp"]
        or 0
    )


def _jp_sync(kegiatan: KegiatanPelatihan, *, oleh, nominasi_ids=None) -> int:
    """Make the ledger agree with the results of a finished event (all participants, or those
    of ``nominasi_ids``): one verified row per graduate, none counting for anyone else. Runs
    under the event's row lock, so concurrent runs are serialised; what is already right is
    left alone, so a rerun changes nothing. Returns the number of rows written."""
    Nominasi = _nominasi_model()
    kegiatan = (
        KegiatanPelatihan.objects.select_for_update(of=("self",))
        .select_related("program", "lembaga")
        .get(pk=kegiatan.pk)
    )
    jp = _jp_kegiatan(kegiatan)
    if jp < 1:
        raise ValidationError(
            _("Program “%(program)s” belum memiliki mata pelatihan, sehingga JP-nya nol.")
            % {"program": kegiatan.program.nama},
            code="tanpa_kurikulum",
        )
    nominasi = Nominasi.objects.filter(kegiatan=kegiatan)
    if nominasi_ids is not None:
        nominasi = nominasi.filter(pk__in=nominasi_ids)
    nominasi = list(nominasi.values_list("pk", "pegawai_id", "pegawai__user_id", "status"))
    lulus = {pegawai_id: (pk, user_id) for pk, pegawai_id, user_id, s in nominasi if s == "lulus"}
    semua = {pegawai_id for _pk, pegawai_id, _u, _s in nominasi}
    aktif = RiwayatPengembangan.objects.filter(kegiatan=kegiatan, pegawai_id__in=semua).exclude(
        status=RiwayatPengembangan.Status.DITOLAK
    )
    sudah = set(aktif.values_list("pegawai_id", flat=True))

    sekarang = timezone.now()
    aktif.exclude(pegawai_id__in=list(lulus)).update(
        status=RiwayatPengembangan.Status.DITOLAK,
        alasan_penolakan=_("Hasil kegiatan dikoreksi: peserta dinyatakan tidak lulus."),
        diverifikasi_oleh=oleh,
        diverifikasi_pada=sekarang,
        diubah_pada=sekarang,
    )
    nama = _("%(program)s Angkatan %(angkatan)s") % {
        "program": kegiatan.program.nama,
        "angkatan": kegiatan.angkatan,
    }
    baru = [
        RiwayatPengembangan(
            pegawai_id=pegawai_id,
            nama_pelatihan=nama,
            nama_kunci=kunci_nama(nama),
            jenis_id=kegiatan.program.jenis_id,
            penyelenggara=kegiatan.lembaga.nama,
            tanggal_mulai=kegiatan.tanggal_mulai,
            tanggal_selesai=kegiatan.tanggal_selesai,
            jp=jp,
            sumber=RiwayatPengembangan.Sumber.KEGIATAN,
            kegiatan=kegiatan,
            status=RiwayatPengembangan.Status.TERVERIFIKASI,
            diverifikasi_oleh=oleh,
            diverifikasi_pada=sekarang,
        )
        for pegawai_id in lulus
        if pegawai_id not in sudah
    ]
    # ON CONFLICT DO NOTHING: the unique constraints are the last word on "already credited".
    RiwayatPengembangan.objects.bulk_create(baru, ignore_conflicts=True, batch_size=1000)

    from pegawai.models import Pegawai, Pengguna

    penerima = Pengguna.objects.in_bulk(
        [lulus[r.pegawai_id][1] for r in baru if lulus[r.pegawai_id][1] is not None]
    )
    nip = dict(Pegawai.objects.filter(pk__in=[r.pegawai_id for r in baru]).values_list("pk", "nip"))
    for r in baru:
        nominasi_id, user_id = lulus[r.pegawai_id]
        if user_id is None:
            continue
        notifikasi_send(
            penerima=penerima[user_id],
            judul=_("Selamat, Anda lulus"),
            pesan=_("Anda lulus “%(kegiatan)s”; %(jp)s JP tercatat dalam riwayat Anda.")
            % {"kegiatan": nama, "jp": jp},
            tautan=reverse("pegawai-profil", args=[nip[r.pegawai_id]]),
            kunci=f"kegiatan:{kegiatan.pk}:lulus:{nominasi_id}",
            kirim_email=True,
        )
    return len(baru)


@transaction.atomic
def kegiatan_complete(*, kegiatan: KegiatanPelatihan, oleh) -> int:
    """Finish a running event and credit each graduate's JP once. On an event already finished
    it only brings the ledger in line with the results, so a rerun or a retried task credits
    nothing twice. Returns the number of ledger rows written."""
    kegiatan = _lock_kegiatan(kegiatan.pk)
    if kegiatan.status != _S.SELESAI:
        _check_completable(kegiatan)
        kegiatan = kegiatan_transition(kegiatan=kegiatan, ke=_S.SELESAI, oleh=oleh)
    ditulis = _jp_sync(kegiatan, oleh=oleh)
    sertifikat_issue_for_kegiatan(kegiatan=kegiatan, oleh=oleh)
    return ditulis


def _check_completable(kegiatan: KegiatanPelatihan) -> None:
    if not kegiatan_transition_allowed(kegiatan.status, _S.SELESAI):
        raise ValidationError(
            _("Kegiatan berstatus “%(status)s” tidak dapat ditandai selesai.")
            % {"status": _S(kegiatan.status).label},
            code="transisi_tidak_sah",
        )
    if _jp_kegiatan(kegiatan) < 1:
        raise ValidationError(
            _("Program kegiatan ini belum memiliki mata pelatihan, sehingga JP-nya nol."),
            code="tanpa_kurikulum",
        )
    tanpa_hasil = (
        _nominasi_model()
        .objects.filter(kegiatan=kegiatan, status=_nominasi_model().Status.DITETAPKAN)
        .count()
    )
    if tanpa_hasil:
        raise ValidationError(
            _("%(jumlah)s peserta belum memiliki hasil lulus/tidak lulus.")
            % {"jumlah": tanpa_hasil},
            code="hasil_belum_lengkap",
        )


@transaction.atomic
def kegiatan_complete_enqueue(*, kegiatan: KegiatanPelatihan, oleh) -> KegiatanPelatihan:
    """The "Tandai selesai" action: the event is finished now and the JP of a class of any size
    is credited by ``kegiatan_complete_task`` after commit. On a finished event it only enqueues
    the (idempotent) crediting again: the way to finish the work if the broker was down."""
    from functools import partial

    from pelatihan.tasks import kegiatan_complete_task

    _check_admin(oleh, _("Kegiatan ditandai selesai oleh Admin BKPSDM."))
    kegiatan = _lock_kegiatan(kegiatan.pk)
    if kegiatan.status != _S.SELESAI:
        _check_completable(kegiatan)
        kegiatan = kegiatan_transition(kegiatan=kegiatan, ke=_S.SELESAI, oleh=oleh)
    transaction.on_commit(partial(kegiatan_complete_task.delay, kegiatan.pk), robust=True)
    return kegiatan


# ---------------------------------------------------------------------------------------------
# Certificates: one per graduate. Numbers run per year ("800/{urut}/BKPSDM/{tahun}"); issuing
# is serialised per year by a transaction-scoped advisory lock, and the unique constraint on
# (tahun, urutan) is the last word should anything bypass it. The nomination's row lock makes a
# second issue for the same graduate return the first certificate.
# ---------------------------------------------------------------------------------------------

_KUNCI_NOMOR_SERTIFIKAT = 0x53455254  # "SERT": the advisory lock namespace of the numbering


def _penandatangan() -> dict[str, str]:
    from django.conf import settings

    return {
        "penandatangan_nama": getattr(settings, "SERTIFIKAT_PENANDATANGAN_NAMA", ""),
        "penandatangan_jabatan": getattr(
            settings, "SERTIFIKAT_PENANDATANGAN_JABATAN", _("Kepala BKPSDM Kota Langsa")
        ),
        "penandatangan_nip": getattr(settings, "SERTIFIKAT_PENANDATANGAN_NIP", ""),
    }


def _urutan_berikut(tahun: int) -> int:
    from django.db import connection
    from django.db.models import Max

    from pelatihan.models import Sertifikat

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_KUNCI_NOMOR_SERTIFIKAT, tahun])
    terakhir = Sertifikat.objects.filter(tahun=tahun).aggregate(m=Max("urutan"))["m"]
    return (terakhir or 0) + 1


@transaction.atomic
def sertifikat_issue(*, nominasi, oleh):
    """The certificate of a graduate, issued once: a second call returns the same one."""
    from pelatihan.models import Sertifikat

    Nominasi = _nominasi_model()
    nominasi = Nominasi.objects.select_for_update().get(pk=nominasi.pk)
    if nominasi.status != Nominasi.Status.LULUS:
        raise ValidationError(
            _("Sertifikat hanya diterbitkan untuk peserta yang lulus."), code="belum_lulus"
        )
    ada = Sertifikat.objects.filter(nominasi=nominasi).first()
    if ada is not None:
        return ada
    sekarang = timezone.now()
    tahun = timezone.localdate(sekarang).year
    urutan = _urutan_berikut(tahun)
    sertifikat = Sertifikat(
        nominasi=nominasi,
        tahun=tahun,
        urutan=urutan,
        nomor=f"800/{urutan}/BKPSDM/{tahun}",
        diterbitkan_pada=sekarang,
        diterbitkan_oleh=oleh,
        **_penandatangan(),
    )
    sertifikat.full_clean(validate_unique=False)
    sertifikat.save()
    return sertifikat


def sertifikat_issue_for_kegiatan(*, kegiatan: KegiatanPelatihan, oleh) -> int:
    """Certificates for every graduate of an event still without one. Returns how many."""
    Nominasi = _nominasi_model()
    belum = Nominasi.objects.filter(
        kegiatan=kegiatan, status=Nominasi.Status.LULUS, sertifikat__isnull=True
    ).order_by("pegawai__nama", "pk")
    jumlah = 0
    for nominasi in belum:
        sertifikat_issue(nominasi=nominasi, oleh=oleh)
        jumlah += 1
    return jumlah
