"""JP claims: the ASN's own claims and form, the certificate file, and BKPSDM's queue.

Who sees a certificate file: the ASN who owns it and Admin BKPSDM (the verifier). Kepala and
operator OPD see their staff's JP in the transcript but not the documents behind it; pimpinan
works with aggregates. A certificate carries personal data (UU 27/2022), so the circle is kept to
those who need the file itself; everyone else gets the same 404 as for a row that does not exist.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pegawai.akses import akses_for, pegawai_for
from pelatihan import selectors, services
from pelatihan.berkas import kenali_berkas
from pelatihan.forms import (
    HasilForm,
    KatalogFilterForm,
    KehadiranGridForm,
    KlaimForm,
    NominasiFilterForm,
    PenolakanForm,
    UsulanNominasiForm,
    VerifikasiForm,
)
from pelatihan.ics import kalender_ics
from pelatihan.models import RiwayatPengembangan

PER_HALAMAN = 20


def _forbidden(request, pesan: str):
    return render(request, "pelatihan/tanpa_akses.html", {"pesan": pesan}, status=403)


def _bukan_asn(request):
    return _forbidden(
        request,
        _(
            "Klaim JP hanya dapat diajukan oleh ASN yang akunnya terhubung dengan data pegawai "
            "aktif. Hubungi BKPSDM Kota Langsa bila akun Anda belum terhubung."
        ),
    )


def _bukan_verifikator(request):
    return _forbidden(request, _("Verifikasi klaim JP hanya dilakukan oleh Admin BKPSDM."))


def _klaim_sendiri(user):
    """The claims of the logged-in ASN: scoped to their own pegawai, whatever other roles say."""
    akses = akses_for(user)
    if akses.pegawai_id is None:
        return RiwayatPengembangan.objects.none()
    return RiwayatPengembangan.objects.filter(
        pegawai_id=akses.pegawai_id, sumber=RiwayatPengembangan.Sumber.KLAIM
    )


def _get_or_404(qs, pk):
    try:
        return qs.get(pk=pk)
    except RiwayatPengembangan.DoesNotExist:
        raise Http404(_("Klaim tidak ditemukan.")) from None


def _add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, pesan in error.message_dict.items():
            form.add_error(field if field in form.fields else None, pesan)
    else:
        form.add_error(None, error.messages)


@login_required
@require_GET
def klaim_list(request):
    if not akses_for(request.user).asn:
        return _bukan_asn(request)
    qs = _klaim_sendiri(request.user).select_related("jenis").order_by("-dibuat_pada", "-id")
    page = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))
    return render(request, "pelatihan/klaim_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def klaim_create(request):
    akses = akses_for(request.user)
    if not akses.asn:
        return _bukan_asn(request)
    form = KlaimForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        pegawai = pegawai_for(request.user).get(pk=akses.pegawai_id)
        data = form.cleaned_data
        try:
            services.klaim_submit(
                pegawai=pegawai,
                nama_pelatihan=data["nama_pelatihan"],
                jenis=data["jenis"],
                penyelenggara=data["penyelenggara"],
                tanggal_mulai=data["tanggal_mulai"],
                tanggal_selesai=data["tanggal_selesai"],
                jp=data["jp"],
                nomor_sertifikat=data["nomor_sertifikat"],
                tanggal_sertifikat=data["tanggal_sertifikat"],
                berkas=data["berkas_sertifikat"],
            )
        except ValidationError as e:
            _add_service_errors(form, e)
        else:
            messages.success(request, _("Klaim JP dikirim dan menunggu verifikasi BKPSDM."))
            return redirect("pelatihan:klaim-list")
    return render(request, "pelatihan/klaim_form.html", {"form": form})


@login_required
@require_POST
def klaim_withdraw(request, pk):
    riwayat = _get_or_404(_klaim_sendiri(request.user).select_related("pegawai"), pk)
    try:
        services.klaim_withdraw(riwayat=riwayat, pegawai=riwayat.pegawai)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Klaim “%(nama)s” ditarik.") % {"nama": riwayat.nama_pelatihan})
    return redirect("pelatihan:klaim-list")


@login_required
@require_GET
def klaim_sertifikat(request, pk):
    akses = akses_for(request.user)
    qs = RiwayatPengembangan.objects.exclude(berkas_sertifikat="")
    if not akses.admin_bkpsdm:
        if akses.pegawai_id is None:
            raise Http404(_("Sertifikat tidak ditemukan."))
        qs = qs.filter(pegawai_id=akses.pegawai_id)
    riwayat = _get_or_404(qs, pk)
    try:
        berkas = riwayat.berkas_sertifikat.open("rb")
    except FileNotFoundError:
        raise Http404(_("Berkas sertifikat tidak ditemukan.")) from None
    jenis = kenali_berkas(berkas)
    if jenis is None:
        # Not one of the checked types (e.g. stored before the checks): never shown inline.
        response = FileResponse(
            berkas,
            as_attachment=True,
            filename=f"sertifikat-{riwayat.pk}",
            content_type="application/octet-stream",
        )
    else:
        response = FileResponse(
            berkas,
            filename=f"sertifikat-{riwayat.pk}.{jenis.ekstensi}",
            content_type=jenis.content_type,
        )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def klaim_verifikasi(request):
    if not akses_for(request.user).admin_bkpsdm:
        return _bukan_verifikator(request)
    qs = (
        RiwayatPengembangan.objects.filter(status=RiwayatPengembangan.Status.MENUNGGU)
        .select_related("pegawai__perangkat_daerah", "jenis")
        .order_by("dibuat_pada", "id")
    )
    page = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))
    return render(request, "pelatihan/klaim_verifikasi.html", {"page": page})


@login_required
@require_POST
def klaim_verify(request, pk):
    if not akses_for(request.user).admin_bkpsdm:
        return _bukan_verifikator(request)
    riwayat = _get_or_404(RiwayatPengembangan.objects.all(), pk)
    form = VerifikasiForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["jp"]))
        return redirect("pelatihan:klaim-verifikasi")
    try:
        riwayat = services.riwayat_verify(
            riwayat=riwayat, oleh=request.user, jp=form.cleaned_data["jp"]
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request,
            _("Klaim “%(nama)s” diverifikasi: %(jp)s JP diakui.")
            % {"nama": riwayat.nama_pelatihan, "jp": riwayat.jp},
        )
    return redirect("pelatihan:klaim-verifikasi")


@login_required
@require_POST
def klaim_reject(request, pk):
    if not akses_for(request.user).admin_bkpsdm:
        return _bukan_verifikator(request)
    riwayat = _get_or_404(RiwayatPengembangan.objects.all(), pk)
    form = PenolakanForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["alasan"]))
        return redirect("pelatihan:klaim-verifikasi")
    try:
        riwayat = services.riwayat_reject(
            riwayat=riwayat, oleh=request.user, alasan=form.cleaned_data["alasan"]
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Klaim “%(nama)s” ditolak.") % {"nama": riwayat.nama_pelatihan})
    return redirect("pelatihan:klaim-verifikasi")


# ---------------------------------------------------------------------------------------------
# Catalogue, event page and calendar file: for every logged-in user; drafts for BKPSDM only.
# ---------------------------------------------------------------------------------------------

KEGIATAN_PER_HALAMAN = 20
PROGRAM_PER_HALAMAN = 12


def _bulan_geser(bulan: datetime.date, langkah: int) -> datetime.date:
    indeks = bulan.year * 12 + bulan.month - 1 + langkah
    return datetime.date(indeks // 12, indeks % 12 + 1, 1)


@login_required
@require_GET
def katalog(request):
    akses = akses_for(request.user)
    form = KatalogFilterForm(request.GET or None, admin_bkpsdm=akses.admin_bkpsdm)
    filter_ = form.cleaned_data if form.is_bound and form.is_valid() else {}
    hari_ini = timezone.localdate()
    bulan = filter_.get("bulan")
    kegiatan = selectors.kegiatan_katalog(
        request.user,
        jenis=filter_.get("jenis"),
        modalitas=filter_.get("modalitas", ""),
        cari=filter_.get("q", ""),
        status=filter_.get("status", ""),
        bulan=bulan,
        hari_ini=hari_ini,
    )
    bulan_kalender = bulan or hari_ini.replace(day=1)
    # The calendar shows the month whatever the "upcoming" rule: the same filters, that month.
    kalender_qs = selectors.kegiatan_katalog(
        request.user,
        jenis=filter_.get("jenis"),
        modalitas=filter_.get("modalitas", ""),
        cari=filter_.get("q", ""),
        status=filter_.get("status", ""),
        bulan=bulan_kalender,
    )
    program = selectors.program_list().filter(aktif=True).order_by("nama", "id")
    if filter_.get("jenis"):
        program = program.filter(jenis=filter_["jenis"])
    if filter_.get("q"):
        program = program.filter(nama__icontains=" ".join(filter_["q"].split()))

    parameter = request.GET.copy()
    for kunci in ("halaman", "halaman_program", "bulan"):
        parameter.pop(kunci, None)
    context = {
        "form": form,
        "page": Paginator(kegiatan, KEGIATAN_PER_HALAMAN).get_page(request.GET.get("halaman")),
        "program_page": Paginator(program, PROGRAM_PER_HALAMAN).get_page(
            request.GET.get("halaman_program")
        ),
        "kalender": selectors.kegiatan_kalender(kalender_qs, bulan=bulan_kalender),
        "bulan_kalender": bulan_kalender,
        "bulan_sebelumnya": _bulan_geser(bulan_kalender, -1).strftime("%Y-%m"),
        "bulan_berikutnya": _bulan_geser(bulan_kalender, 1).strftime("%Y-%m"),
        "parameter": parameter.urlencode(),
        "parameter_halaman": _tanpa(request, "halaman"),
        "parameter_halaman_program": _tanpa(request, "halaman_program"),
        "hari_ini": hari_ini,
        "akses": akses,
    }
    return render(request, "pelatihan/katalog.html", context)


def _tanpa(request, kunci: str) -> str:
    parameter = request.GET.copy()
    parameter.pop(kunci, None)
    return parameter.urlencode()


@login_required
@require_GET
def kegiatan_detail(request, pk):
    kegiatan = selectors.get_kegiatan_for_user(request.user, pk)
    akses = akses_for(request.user)
    return render(
        request,
        "pelatihan/kegiatan_detail.html",
        {
            "kegiatan": kegiatan,
            "program": kegiatan.program,
            "mata_pelatihan": kegiatan.program.mata_pelatihan.all(),
            "kuota_opd": kegiatan.kuota_opd.all(),
            "tampilkan_peringatan_mou": akses.admin_bkpsdm and kegiatan.mou_kedaluwarsa,
            "akses": akses,
        },
    )


@login_required
@require_GET
def kegiatan_ics(request, pk):
    kegiatan = selectors.get_kegiatan_for_user(request.user, pk, lengkap=False)
    isi = kalender_ics(
        kegiatan, url=request.build_absolute_uri(reverse("pelatihan:kegiatan-detail", args=[pk]))
    )
    response = HttpResponse(isi, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kegiatan-{kegiatan.pk}.ics"'
    return response


# ---------------------------------------------------------------------------------------------
# Nominations: the queue of the user's scope, the proposal with its eligibility preview, and
# the ASN's own application.
# ---------------------------------------------------------------------------------------------

NOMINASI_PER_HALAMAN = 20


def _nominasi_error(request, error: ValidationError):
    """A service refusal: 403 when the user has no say over the nomination, a message else."""
    if getattr(error, "code", None) == "tidak_berwenang":
        return _forbidden(request, " ".join(error.messages))
    messages.error(request, " ".join(error.messages))
    return redirect("pelatihan:nominasi-list")


@login_required
@require_GET
def nominasi_list(request):
    from pelatihan.models import KegiatanPelatihan

    akses = akses_for(request.user)
    if not (akses.lihat_semua or akses.opd_ids or akses.asn):
        return _forbidden(request, _("Halaman nominasi hanya untuk pegawai dan pengelola."))
    kegiatan_qs = (
        selectors.kegiatan_for(request.user)
        .exclude(status__in=[KegiatanPelatihan.Status.DRAFT, KegiatanPelatihan.Status.SELESAI])
        .select_related("program")
        .order_by("tanggal_mulai", "id")
    )
    form = NominasiFilterForm(request.GET or None, kegiatan_qs=kegiatan_qs)
    filter_ = form.cleaned_data if form.is_bound and form.is_valid() else {}
    qs = selectors.nominasi_antrean(
        request.user, kegiatan=filter_.get("kegiatan"), status=filter_.get("status", "")
    )
    page = Paginator(qs, NOMINASI_PER_HALAMAN).get_page(request.GET.get("halaman"))
    for nominasi in page.object_list:
        # What each row offers; the services check it again on POST.
        nominasi.boleh_setujui = nominasi.status == nominasi.Status.DIUSULKAN and (
            services.nominasi_dapat_menyetujui(nominasi, request.user)
        )
        nominasi.boleh_tolak = nominasi.boleh_setujui or (
            akses.admin_bkpsdm
            and nominasi.status in (nominasi.Status.DISETUJUI, nominasi.Status.DAFTAR_TUNGGU)
        )
        nominasi.boleh_tetapkan = akses.admin_bkpsdm and nominasi.status in (
            nominasi.Status.DISETUJUI,
            nominasi.Status.DAFTAR_TUNGGU,
        )
        nominasi.boleh_batal = nominasi.status in (
            nominasi.Status.DIUSULKAN,
            nominasi.Status.DISETUJUI,
            nominasi.Status.DAFTAR_TUNGGU,
            nominasi.Status.DITETAPKAN,
        ) and services.nominasi_dapat_membatalkan(nominasi, request.user)
    return render(
        request,
        "pelatihan/nominasi_list.html",
        {
            "form": form,
            "page": page,
            "akses": akses,
            "parameter_halaman": _tanpa(request, "halaman"),
        },
    )


@login_required
@require_POST
def nominasi_approve(request, pk):
    nominasi = selectors.get_nominasi_for_user(request.user, pk)
    try:
        nominasi = services.nominasi_approve(nominasi=nominasi, oleh=request.user)
    except ValidationError as e:
        return _nominasi_error(request, e)
    messages.success(
        request, _("Nominasi %(pegawai)s disetujui.") % {"pegawai": nominasi.pegawai.nama_lengkap}
    )
    return redirect("pelatihan:nominasi-list")


@login_required
@require_POST
def nominasi_reject(request, pk):
    nominasi = selectors.get_nominasi_for_user(request.user, pk)
    form = PenolakanForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["alasan"]))
        return redirect("pelatihan:nominasi-list")
    try:
        nominasi = services.nominasi_reject(
            nominasi=nominasi, oleh=request.user, alasan=form.cleaned_data["alasan"]
        )
    except ValidationError as e:
        return _nominasi_error(request, e)
    messages.success(
        request, _("Nominasi %(pegawai)s ditolak.") % {"pegawai": nominasi.pegawai.nama_lengkap}
    )
    return redirect("pelatihan:nominasi-list")


@login_required
@require_POST
def nominasi_confirm(request, pk):
    nominasi = selectors.get_nominasi_for_user(request.user, pk)
    try:
        nominasi = services.nominasi_confirm(nominasi=nominasi, oleh=request.user)
    except ValidationError as e:
        return _nominasi_error(request, e)
    if nominasi.status == nominasi.Status.DITETAPKAN:
        pesan = _("%(pegawai)s ditetapkan sebagai peserta.")
    else:
        pesan = _("Kuota penuh: %(pegawai)s masuk daftar tunggu nomor %(urutan)s.")
    messages.success(
        request,
        pesan % {"pegawai": nominasi.pegawai.nama_lengkap, "urutan": nominasi.urutan_tunggu},
    )
    return redirect("pelatihan:nominasi-list")


@login_required
@require_POST
def nominasi_cancel(request, pk):
    nominasi = selectors.get_nominasi_for_user(request.user, pk)
    try:
        nominasi = services.nominasi_cancel(nominasi=nominasi, oleh=request.user)
    except ValidationError as e:
        return _nominasi_error(request, e)
    messages.success(
        request,
        _("Nominasi %(pegawai)s dibatalkan.") % {"pegawai": nominasi.pegawai.nama_lengkap},
    )
    return redirect("pelatihan:nominasi-list")


@login_required
@require_http_methods(["GET", "POST"])
def nominasi_create(request, pk):
    """Kepala or operator OPD: choose a pegawai, read the eligibility warnings and the priority
    score (GET ?pegawai=<nip>), then propose (POST)."""
    from pelatihan.eligibilitas import nilai

    akses = akses_for(request.user)
    if not akses.opd_ids:
        return _forbidden(
            request, _("Usulan nominasi diajukan oleh kepala atau operator perangkat daerah.")
        )
    kegiatan = selectors.get_kegiatan_for_user(request.user, pk)
    if request.method == "POST":
        form = UsulanNominasiForm(
            request.POST, pegawai_qs=selectors.pegawai_untuk_usulan(request.user)
        )
        if form.is_valid():
            try:
                nominasi = services.nominasi_propose(
                    kegiatan=kegiatan, pegawai=form.cleaned_data["pegawai"], oleh=request.user
                )
            except ValidationError as e:
                _add_service_errors(form, e)
            else:
                messages.success(
                    request,
                    _("%(pegawai)s diusulkan (status: %(status)s).")
                    % {
                        "pegawai": nominasi.pegawai.nama_lengkap,
                        "status": nominasi.get_status_display(),
                    },
                )
                return redirect("pelatihan:nominasi-list")
        penilaian = None
    else:
        cari = request.GET.get("q", "")
        form = UsulanNominasiForm(
            request.GET if "pegawai" in request.GET else None,
            initial={"q": cari},
            pegawai_qs=selectors.pegawai_untuk_usulan(request.user, cari=cari).select_related(
                "jabatan", "golongan"
            ),
        )
        penilaian = None
        if form.is_bound and form.is_valid():
            penilaian = nilai(pegawai=form.cleaned_data["pegawai"], kegiatan=kegiatan)
    return render(
        request,
        "pelatihan/nominasi_form.html",
        {"form": form, "kegiatan": kegiatan, "penilaian": penilaian},
    )


@login_required
@require_POST
def nominasi_daftar(request, pk):
    """The ASN applies for an event themself; their atasan approves."""
    akses = akses_for(request.user)
    if not akses.asn:
        return _bukan_asn(request)
    kegiatan = selectors.get_kegiatan_for_user(request.user, pk, lengkap=False)
    pegawai = pegawai_for(request.user).get(pk=akses.pegawai_id)
    try:
        services.nominasi_propose(kegiatan=kegiatan, pegawai=pegawai, oleh=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Pendaftaran dikirim dan menunggu persetujuan atasan Anda."))
    return redirect("pelatihan:kegiatan-detail", pk=kegiatan.pk)


# ---------------------------------------------------------------------------------------------
# Running an event (Admin BKPSDM): the attendance grid, the results, and finishing it.
# ---------------------------------------------------------------------------------------------


def _bukan_penyelenggara(request):
    return _forbidden(
        request, _("Kehadiran, hasil dan penyelesaian kegiatan dikelola oleh Admin BKPSDM.")
    )


def _kegiatan_pelaksanaan(request, pk):
    """The event for the attendance and results pages: Admin BKPSDM only (403), then 404."""
    if not akses_for(request.user).admin_bkpsdm:
        return None
    return selectors.get_kegiatan_for_user(request.user, pk, lengkap=False)


def _persen_minimum() -> int:
    from django.conf import settings

    return int(getattr(settings, "KEHADIRAN_MINIMUM_PERSEN", 80))


@login_required
@require_http_methods(["GET", "POST"])
def kehadiran_grid(request, pk):
    """Rows = participants, columns = the event's days; one POST saves the whole grid."""
    kegiatan = _kegiatan_pelaksanaan(request, pk)
    if kegiatan is None:
        return _bukan_penyelenggara(request)
    peserta = selectors.peserta_kegiatan(kegiatan)
    hari = services.kegiatan_hari(kegiatan)
    form = KehadiranGridForm(
        request.POST or None,
        peserta=peserta,
        hari=hari,
        kehadiran=selectors.kehadiran_kegiatan(kegiatan) if request.method == "GET" else {},
    )
    if request.method == "POST" and form.is_valid():
        try:
            jumlah = services.kehadiran_grid_save(
                kegiatan=kegiatan, kehadiran=form.kehadiran(), oleh=request.user
            )
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(
                request, _("Kehadiran disimpan (%(jumlah)s isian).") % {"jumlah": jumlah}
            )
            return redirect("pelatihan:kehadiran", pk=kegiatan.pk)
    return render(
        request,
        "pelatihan/kehadiran_grid.html",
        {
            "kegiatan": kegiatan,
            "form": form,
            "hari": hari,
            "dapat_diubah": kegiatan.status
            in (kegiatan.Status.BERLANGSUNG, kegiatan.Status.SELESAI),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def hasil_form(request, pk):
    """Scores and results of the whole class; the result is suggested from attendance."""
    kegiatan = _kegiatan_pelaksanaan(request, pk)
    if kegiatan is None:
        return _bukan_penyelenggara(request)
    persen_minimum = _persen_minimum()
    form = HasilForm(
        request.POST or None,
        peserta=selectors.peserta_kegiatan(kegiatan),
        persen_minimum=persen_minimum,
    )
    if request.method == "POST" and form.is_valid():
        try:
            jumlah = services.hasil_save(kegiatan=kegiatan, hasil=form.hasil(), oleh=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("Hasil %(jumlah)s peserta disimpan.") % {"jumlah": jumlah})
            return redirect("pelatihan:hasil", pk=kegiatan.pk)
    selesai = kegiatan.status == kegiatan.Status.SELESAI
    return render(
        request,
        "pelatihan/hasil_form.html",
        {
            "kegiatan": kegiatan,
            "form": form,
            "persen_minimum": persen_minimum,
            "dapat_diubah": kegiatan.status
            in (kegiatan.Status.BERLANGSUNG, kegiatan.Status.SELESAI),
            "dapat_diselesaikan": kegiatan.status == kegiatan.Status.BERLANGSUNG,
            "belum_dikreditkan": (
                selectors.kegiatan_jp_belum_dikreditkan(kegiatan) if selesai else 0
            ),
        },
    )


@login_required
@require_POST
def kegiatan_complete(request, pk):
    """ "Tandai selesai": the event is finished at once; the JP is credited in the background.
    On a finished event the same button credits whatever is still missing."""
    kegiatan = _kegiatan_pelaksanaan(request, pk)
    if kegiatan is None:
        return _bukan_penyelenggara(request)
    sudah_selesai = kegiatan.status == kegiatan.Status.SELESAI
    try:
        services.kegiatan_complete_enqueue(kegiatan=kegiatan, oleh=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request,
            _("JP lulusan sedang dikreditkan ulang.")
            if sudah_selesai
            else _("Kegiatan ditandai selesai. JP lulusan sedang dikreditkan ke riwayat mereka."),
        )
    return redirect("pelatihan:hasil", pk=kegiatan.pk)


# ---------------------------------------------------------------------------------------------
# Documents as PDF: the graduate's certificate, the invitation letter and the attendance sheet,
# and the public page a certificate's QR code points to.
#
# A certificate is for the graduate themself, Admin BKPSDM and the kepala/operator of the
# graduate's OPD; anyone else (pimpinan included: they work with aggregates) gets the same 404
# as for a certificate that does not exist. Only a graduate's certificate is served: one whose
# result was corrected to tidak lulus stops being shown and stops verifying.
# ---------------------------------------------------------------------------------------------


def _pdf_response(isi: bytes, nama_berkas: str, *, privat: bool = True) -> HttpResponse:
    response = HttpResponse(isi, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{nama_berkas}"'
    if privat:
        response["Cache-Control"] = "private, no-store"
    return response


def _sertifikat_lengkap():
    from pelatihan.models import Nominasi, Sertifikat

    return (
        Sertifikat.objects.filter(nominasi__status=Nominasi.Status.LULUS)
        .select_related(
            "nominasi__pegawai",
            "nominasi__kegiatan__program",
            "nominasi__kegiatan__lembaga",
        )
        .annotate(jp=selectors._jp_program_subquery("nominasi__kegiatan__program"))
    )


def _sertifikat_or_404(qs):
    from pelatihan.models import Sertifikat

    try:
        return qs.get()
    except Sertifikat.DoesNotExist:
        raise Http404(_("Sertifikat tidak ditemukan.")) from None


@login_required
@require_GET
def sertifikat_pdf(request, pk, nominasi_id):
    from django.db.models import Q as Q_

    from pelatihan.dokumen import sertifikat_pdf as buat_pdf

    akses = akses_for(request.user)
    qs = _sertifikat_lengkap().filter(nominasi_id=nominasi_id, nominasi__kegiatan_id=pk)
    if not akses.admin_bkpsdm:
        lingkup = Q_(nominasi__pegawai__perangkat_daerah_id__in=akses.opd_ids)
        if akses.pegawai_id is not None:
            lingkup |= Q_(nominasi__pegawai_id=akses.pegawai_id)
        qs = qs.filter(lingkup)
    sertifikat = _sertifikat_or_404(qs)
    return _pdf_response(
        buat_pdf(sertifikat, jp=sertifikat.jp), f"sertifikat-{sertifikat.nominasi.pegawai.nip}.pdf"
    )


def _bukan_admin_dokumen(request):
    return _forbidden(request, _("Dokumen kegiatan disiapkan oleh Admin BKPSDM."))


@login_required
@require_GET
def undangan_pdf(request, pk):
    from pelatihan.dokumen import undangan_pdf as buat_pdf

    if not akses_for(request.user).admin_bkpsdm:
        return _bukan_admin_dokumen(request)
    kegiatan = selectors.get_kegiatan_for_user(request.user, pk, lengkap=False)
    kuota_opd = kegiatan.kuota_opd.select_related("perangkat_daerah").order_by(
        "perangkat_daerah__kode"
    )
    isi = buat_pdf(kegiatan, jp=kegiatan.jp_total, kuota_opd=list(kuota_opd))
    return _pdf_response(isi, f"undangan-kegiatan-{kegiatan.pk}.pdf")


@login_required
@require_GET
def daftar_hadir_pdf(request, pk):
    from pelatihan.dokumen import daftar_hadir_pdf as buat_pdf

    kegiatan = _kegiatan_pelaksanaan(request, pk)
    if kegiatan is None:
        return _bukan_admin_dokumen(request)
    isi = buat_pdf(
        kegiatan,
        peserta=selectors.peserta_kegiatan(kegiatan),
        hari=services.kegiatan_hari(kegiatan),
    )
    return _pdf_response(isi, f"daftar-hadir-kegiatan-{kegiatan.pk}.pdf")


@require_GET
def sertifikat_verifikasi(request, kode):
    """Public: what the certificate itself shows, for anyone holding its code."""
    sertifikat = _sertifikat_or_404(_sertifikat_lengkap().filter(kode=kode))
    response = render(request, "pelatihan/sertifikat_verifikasi.html", {"sertifikat": sertifikat})
    # Search engines have no business indexing people's certificates.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
