"""Pages of the needs analysis (AKPK) and the year's development plan.

- /pelatihan/kebutuhan/: needs in the user's scope (own for an ASN, own OPD for kepala and
  operator, all for Admin BKPSDM and pimpinan); Admin BKPSDM verifies or rejects them here.
- /pelatihan/kebutuhan/baru/: an ASN proposes for themself (their competency gaps shown), a kepala
  or operator for their OPD or one of its pegawai, Admin BKPSDM for any OPD.
- /pelatihan/rencana/?tahun=: the plan of a year, with the verified needs no line covers yet;
  Admin BKPSDM merges chosen needs into a new line, and edits a line's seats and costs.
- /pelatihan/rencana.xlsx?tahun=: the plan as a spreadsheet (columns in the README).

A user with no role for a page gets the 403 page with a message; a record outside the user's
scope gets 404, the same as one that does not exist.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pegawai.akses import akses_for, pegawai_for
from pegawai.ekspor import Lembar, xlsx_response
from pegawai.models import Kompetensi, PerangkatDaerah
from pegawai.nip import bersihkan_nip
from pegawai.tanggal import NAMA_BULAN
from pelatihan import akpk
from pelatihan.forms import JenisChoiceField, PenolakanForm
from pelatihan.models import (
    JenisPengembangan,
    KebutuhanPengembangan,
    ProgramPelatihan,
    RincianBiayaRencana,
    SumberDana,
)

KEBUTUHAN_PER_HALAMAN = 20
BELUM_TERCAKUP_PER_HALAMAN = 50
BARIS_BIAYA_KOSONG = 3
BARIS_BIAYA_MAKSIMUM = 100


def _forbidden(request, pesan: str):
    return render(request, "pelatihan/tanpa_akses.html", {"pesan": pesan}, status=403)


def _tahun_rencana() -> int:
    """The year being planned: needs analysis is done the year before the plan runs."""
    return timezone.localdate().year + 1


def _tahun(nilai, bawaan: int) -> int:
    try:
        tahun = int(nilai)
    except (TypeError, ValueError):
        return bawaan
    return tahun if akpk.TAHUN_TERKECIL <= tahun <= akpk.TAHUN_TERBESAR else bawaan


def _tanpa(request, kunci: str) -> str:
    parameter = request.GET.copy()
    parameter.pop(kunci, None)
    return parameter.urlencode()


def _add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for nama, pesan in error.message_dict.items():
            form.add_error(nama if nama in form.fields else None, pesan)
    else:
        form.add_error(None, error.messages)


# ---------------------------------------------------------------------------------------------
# Forms: they validate and normalise; the services in pelatihan.akpk write.
# ---------------------------------------------------------------------------------------------

_SELECT = {"class": "form-select"}


class KebutuhanFilterForm(forms.Form):
    tahun = forms.IntegerField(
        label=gettext_lazy("Tahun"),
        required=False,
        min_value=akpk.TAHUN_TERKECIL,
        max_value=akpk.TAHUN_TERBESAR,
        widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric"}),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Semua status")), *KebutuhanPengembangan.Status.choices],
        widget=forms.Select(attrs=_SELECT),
    )


class KebutuhanForm(forms.Form):
    """``mode`` "diri": an ASN for themself (no OPD or NIP to choose, the competency list shows
    their gaps); "opd": a kepala or operator; "bkpsdm": Admin BKPSDM."""

    tahun = forms.TypedChoiceField(label=gettext_lazy("Tahun rencana"), coerce=int)
    perangkat_daerah = forms.TypedChoiceField(label=gettext_lazy("Perangkat daerah"), coerce=int)
    nip = forms.CharField(
        label=gettext_lazy("NIP pegawai"),
        required=False,
        max_length=30,
        help_text=gettext_lazy(
            "Isi bila kebutuhan ini untuk satu pegawai; kosongkan untuk kebutuhan perangkat daerah."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    kompetensi = forms.TypedChoiceField(
        label=gettext_lazy("Kompetensi yang dikembangkan"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    jenis = JenisChoiceField(
        label=gettext_lazy("Bentuk pengembangan yang diusulkan"),
        queryset=JenisPengembangan.objects.filter(aktif=True).order_by("kode"),
        required=False,
        empty_label=gettext_lazy("— Belum ditentukan —"),
    )
    program = forms.ModelChoiceField(
        label=gettext_lazy("Program pelatihan yang diusulkan"),
        queryset=ProgramPelatihan.objects.filter(aktif=True).order_by("nama"),
        required=False,
        empty_label=gettext_lazy("— Belum ditentukan —"),
    )
    jumlah_peserta = forms.IntegerField(
        label=gettext_lazy("Jumlah peserta"),
        min_value=1,
        max_value=10_000,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    uraian = forms.CharField(
        label=gettext_lazy("Uraian kebutuhan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Apa yang perlu dikuasai dan mengapa, misalnya tugas baru atau hasil asesmen."
        ),
    )

    def __init__(self, *args, mode: str, user, opd_choices, kesenjangan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.mode, self.user = mode, user
        tahun = timezone.localdate().year
        self.fields["tahun"].choices = [(t, str(t)) for t in (tahun, tahun + 1)]
        self.fields["tahun"].initial = _tahun_rencana()
        if mode == "diri":
            for nama in ("perangkat_daerah", "nip", "jumlah_peserta"):
                del self.fields[nama]
        else:
            self.fields["perangkat_daerah"].choices = opd_choices
        celah = {k.kompetensi.pk: k for k in kesenjangan}
        pilihan = []
        for k in kesenjangan:
            if k.ada:
                pilihan.append(
                    (
                        k.kompetensi.pk,
                        _("%(kompetensi)s — kesenjangan %(n)s level")
                        % {
                            "kompetensi": k.kompetensi,
                            "n": k.selisih,
                        },
                    )
                )
        pilihan += [
            (k.pk, str(k))
            for k in Kompetensi.objects.order_by("kode")
            if k.pk not in celah or not celah[k.pk].ada
        ]
        self.fields["kompetensi"].choices = [("", _("— Tidak terkait satu kompetensi —")), *pilihan]

    def clean_nip(self):
        nip = bersihkan_nip(self.cleaned_data.get("nip") or "")
        if not nip:
            return None
        pegawai = (
            pegawai_for(self.user).filter(nip=nip, aktif=True).select_related("jabatan").first()
        )
        if pegawai is None:
            raise forms.ValidationError(
                _("Pegawai aktif dengan NIP ini tidak ada dalam cakupan Anda.")
            )
        return pegawai


class IdListField(forms.Field):
    """The ids of the ticked needs; the service decides whether each may be merged."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        try:
            return sorted({int(v) for v in value})
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Pilihan kebutuhan tidak sah.")) from None


BULAN_PILIHAN = [("", gettext_lazy("— Belum ditentukan —"))] + [
    (i, nama) for i, nama in enumerate(NAMA_BULAN, start=1)
]


class GabungForm(forms.Form):
    """Merge ticked verified needs into one plan line."""

    kebutuhan = IdListField(
        label=gettext_lazy("Kebutuhan"),
        error_messages={"required": gettext_lazy("Centang kebutuhan yang akan digabungkan.")},
    )
    nama = forms.CharField(label=gettext_lazy("Nama kegiatan"), max_length=300)
    jenis = JenisChoiceField(
        label=gettext_lazy("Bentuk pengembangan"),
        queryset=JenisPengembangan.objects.filter(aktif=True).order_by("kode"),
        empty_label=gettext_lazy("— Pilih —"),
        widget=forms.Select(attrs=_SELECT),
    )
    program = forms.ModelChoiceField(
        label=gettext_lazy("Program"),
        queryset=ProgramPelatihan.objects.filter(aktif=True).order_by("nama"),
        required=False,
        empty_label=gettext_lazy("— Tanpa program —"),
        widget=forms.Select(attrs=_SELECT),
    )
    jp = forms.IntegerField(
        label=gettext_lazy("JP"),
        min_value=1,
        max_value=999,
        widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric"}),
    )
    bulan_rencana = forms.TypedChoiceField(
        label=gettext_lazy("Bulan"),
        choices=BULAN_PILIHAN,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(attrs=_SELECT),
    )
    sumber_dana = forms.ChoiceField(
        label=gettext_lazy("Sumber dana"),
        choices=SumberDana.choices,
        widget=forms.Select(attrs=_SELECT),
    )


class RencanaEditForm(forms.Form):
    """Seats of every OPD (``kursi-<opd id>``, blank or 0 = none) and the cost lines
    (``b-<n>-kategori|kode_rekening|uraian|jumlah``; a row with neither category nor amount is
    skipped)."""

    baris_biaya = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=1000)

    def __init__(self, *args, rencana, opd, **kwargs):
        super().__init__(*args, **kwargs)
        self.opd = list(opd)
        kursi = {k.perangkat_daerah_id: k.kursi for k in rencana.kursi_opd.all()}
        for o in self.opd:
            self.fields[f"kursi-{o.pk}"] = forms.IntegerField(
                label=o.nama,
                required=False,
                min_value=0,
                max_value=100_000,
                initial=kursi.get(o.pk),
                widget=forms.NumberInput(
                    attrs={"class": "form-control form-control-sm", "inputmode": "numeric"}
                ),
            )
        rincian = list(rencana.rincian_biaya.all())
        jumlah_baris = len(rincian) + BARIS_BIAYA_KOSONG
        if self.is_bound:
            nilai = str(self.data.get("baris_biaya", ""))
            jumlah_baris = int(nilai) if nilai.isdigit() else jumlah_baris
            jumlah_baris = max(0, min(jumlah_baris, BARIS_BIAYA_MAKSIMUM))
        self.fields["baris_biaya"].initial = jumlah_baris
        self.jumlah_baris = jumlah_baris
        pilihan = [("", "—"), *RincianBiayaRencana.Kategori.choices]
        for i in range(jumlah_baris):
            awal = rincian[i] if i < len(rincian) else None
            self.fields[f"b-{i}-kategori"] = forms.ChoiceField(
                label=_("Kategori biaya baris %(n)s") % {"n": i + 1},
                choices=pilihan,
                required=False,
                initial=awal.kategori if awal else "",
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"b-{i}-kode_rekening"] = forms.CharField(
                label=_("Kode rekening baris %(n)s") % {"n": i + 1},
                required=False,
                max_length=40,
                initial=awal.kode_rekening if awal else "",
                widget=forms.TextInput(
                    attrs={"class": "form-control form-control-sm", "placeholder": "5.1.02…"}
                ),
            )
            self.fields[f"b-{i}-uraian"] = forms.CharField(
                label=_("Uraian baris %(n)s") % {"n": i + 1},
                required=False,
                max_length=300,
                initial=awal.uraian if awal else "",
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )
            self.fields[f"b-{i}-jumlah"] = forms.DecimalField(
                label=_("Jumlah (Rp) baris %(n)s") % {"n": i + 1},
                required=False,
                min_value=0,
                max_digits=16,
                decimal_places=2,
                initial=awal.jumlah if awal else None,
                widget=forms.NumberInput(
                    attrs={"class": "form-control form-control-sm", "step": "1", "min": "0"}
                ),
            )

    def clean(self):
        cleaned = super().clean()
        for i in range(self.jumlah_baris):
            kategori = cleaned.get(f"b-{i}-kategori")
            jumlah = cleaned.get(f"b-{i}-jumlah")
            if jumlah is not None and not kategori:
                self.add_error(f"b-{i}-kategori", _("Pilih kategori biayanya."))
            if kategori and jumlah is None and f"b-{i}-jumlah" not in self.errors:
                self.add_error(f"b-{i}-jumlah", _("Isi jumlah biayanya."))
        return cleaned

    def baris_kursi(self):
        return [(o, self[f"kursi-{o.pk}"]) for o in self.opd]

    def baris_rincian(self):
        return [
            [self[f"b-{i}-{nama}"] for nama in ("kategori", "kode_rekening", "uraian", "jumlah")]
            for i in range(self.jumlah_baris)
        ]

    def kursi(self) -> dict[int, int]:
        return {o.pk: self.cleaned_data[f"kursi-{o.pk}"] or 0 for o in self.opd}

    def rincian(self) -> list[dict]:
        hasil = []
        for i in range(self.jumlah_baris):
            if not self.cleaned_data.get(f"b-{i}-kategori"):
                continue
            hasil.append(
                {
                    nama: self.cleaned_data[f"b-{i}-{nama}"]
                    for nama in ("kategori", "kode_rekening", "uraian", "jumlah")
                }
            )
        return hasil


# ---------------------------------------------------------------------------------------------
# Needs.
# ---------------------------------------------------------------------------------------------


def _get_kebutuhan(user, pk: int) -> KebutuhanPengembangan:
    try:
        return akpk.kebutuhan_for(user).get(pk=pk)
    except KebutuhanPengembangan.DoesNotExist:
        raise Http404(_("Kebutuhan pengembangan tidak ditemukan.")) from None


@login_required
@require_GET
def kebutuhan_list(request):
    akses = akses_for(request.user)
    if not (akses.lihat_semua or akses.opd_ids or akses.asn):
        return _forbidden(
            request, _("Halaman kebutuhan pengembangan hanya untuk pegawai dan pengelola.")
        )
    form = KebutuhanFilterForm(request.GET or None)
    filter_ = form.cleaned_data if form.is_bound and form.is_valid() else {}
    qs = akpk.kebutuhan_list(
        request.user, tahun=filter_.get("tahun"), status=filter_.get("status", "")
    )
    page = Paginator(qs, KEBUTUHAN_PER_HALAMAN).get_page(request.GET.get("halaman"))
    for k in page.object_list:
        # What each row offers to this user; the services check it again on POST.
        k.boleh_verifikasi = akses.admin_bkpsdm and k.status == k.Status.DIUSULKAN
        k.boleh_tolak = akses.admin_bkpsdm and k.status != k.Status.DITOLAK and k.rencana_id is None
    return render(
        request,
        "pelatihan/kebutuhan_list.html",
        {
            "form": form,
            "page": page,
            "akses": akses,
            "boleh_usulkan": akses.admin_bkpsdm or bool(akses.opd_ids) or akses.asn,
            "kembali": request.get_full_path(),
            "parameter_halaman": _tanpa(request, "halaman"),
        },
    )


def _opd_choices(akses) -> list[tuple[int, str]]:
    qs = PerangkatDaerah.objects.order_by("kode")
    qs = qs.filter(aktif=True) if akses.admin_bkpsdm else qs.filter(pk__in=akses.opd_ids)
    return [(o.pk, o.nama) for o in qs]


@login_required
@require_http_methods(["GET", "POST"])
def kebutuhan_create(request):
    akses = akses_for(request.user)
    if akses.admin_bkpsdm:
        mode = "bkpsdm"
    elif akses.opd_ids:
        mode = "opd"
    elif akses.asn:
        mode = "diri"
    else:
        return _forbidden(
            request,
            _(
                "Kebutuhan pengembangan diusulkan oleh ASN, kepala atau operator perangkat "
                "daerah, dan Admin BKPSDM."
            ),
        )
    data = request.POST if request.method == "POST" else None
    diri, kesenjangan = None, []
    if mode == "diri":
        diri = (
            pegawai_for(request.user)
            .select_related("jabatan", "perangkat_daerah")
            .get(pk=akses.pegawai_id)
        )
        tahun = _tahun(data.get("tahun") if data else None, _tahun_rencana())
        kesenjangan = akpk.kesenjangan_pegawai(pegawai=diri, tahun=tahun)
    form = KebutuhanForm(
        data,
        mode=mode,
        user=request.user,
        opd_choices=[] if mode == "diri" else _opd_choices(akses),
        kesenjangan=kesenjangan,
    )
    if form.is_valid():
        c = form.cleaned_data
        if diri is not None:
            perangkat_daerah, pegawai, jumlah = diri.perangkat_daerah, diri, 1
        else:
            perangkat_daerah = PerangkatDaerah.objects.get(pk=c["perangkat_daerah"])
            pegawai, jumlah = c["nip"], c["jumlah_peserta"]
        try:
            akpk.kebutuhan_propose(
                oleh=request.user,
                perangkat_daerah=perangkat_daerah,
                tahun=c["tahun"],
                uraian=c["uraian"],
                pegawai=pegawai,
                kompetensi=Kompetensi.objects.get(pk=c["kompetensi"]) if c["kompetensi"] else None,
                jenis=c["jenis"],
                program=c["program"],
                jumlah_peserta=jumlah,
            )
        except ValidationError as e:
            if "pegawai" in getattr(e, "error_dict", {}) and "nip" in form.fields:
                form.add_error("nip", e.error_dict.pop("pegawai"))
            _add_service_errors(form, e)
        else:
            messages.success(
                request, _("Kebutuhan pengembangan diusulkan dan menunggu verifikasi BKPSDM.")
            )
            return redirect(reverse("pelatihan:kebutuhan-list") + f"?tahun={c['tahun']}")
    return render(
        request,
        "pelatihan/kebutuhan_form.html",
        {"form": form, "mode": mode, "diri": diri, "kesenjangan": kesenjangan},
    )


def _kembali_ke_daftar(request):
    daftar = reverse("pelatihan:kebutuhan-list")
    kembali = request.POST.get("kembali", "")
    return redirect(kembali if kembali.startswith(daftar) else daftar)


@login_required
@require_POST
def kebutuhan_verify(request, pk):
    kebutuhan = _get_kebutuhan(request.user, pk)
    if not akses_for(request.user).admin_bkpsdm:
        return _forbidden(request, _("Kebutuhan pengembangan diverifikasi oleh Admin BKPSDM."))
    try:
        akpk.kebutuhan_verify(kebutuhan=kebutuhan, oleh=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Kebutuhan diverifikasi."))
    return _kembali_ke_daftar(request)


@login_required
@require_POST
def kebutuhan_reject(request, pk):
    kebutuhan = _get_kebutuhan(request.user, pk)
    if not akses_for(request.user).admin_bkpsdm:
        return _forbidden(request, _("Kebutuhan pengembangan ditolak oleh Admin BKPSDM."))
    form = PenolakanForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["alasan"]))
        return _kembali_ke_daftar(request)
    try:
        akpk.kebutuhan_reject(
            kebutuhan=kebutuhan, oleh=request.user, alasan=form.cleaned_data["alasan"]
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Kebutuhan ditolak; pengusul diberi tahu alasannya."))
    return _kembali_ke_daftar(request)


# ---------------------------------------------------------------------------------------------
# The plan.
# ---------------------------------------------------------------------------------------------


def _bukan_perencana(request):
    return _forbidden(
        request,
        _(
            "Rencana pengembangan dapat dilihat oleh Admin BKPSDM, pimpinan, serta kepala dan "
            "operator perangkat daerah."
        ),
    )


def _render_rencana(request, tahun: int, gabung_form=None, terpilih=()):
    akses = akses_for(request.user)
    rencana = akpk.rencana_tahun(tahun=tahun, user=request.user)
    belum = akpk.kebutuhan_belum_tercakup(
        tahun=tahun, opd_ids=None if akses.lihat_semua else akses.opd_ids
    )
    page = Paginator(belum, BELUM_TERCAKUP_PER_HALAMAN).get_page(request.GET.get("halaman"))
    if akses.admin_bkpsdm and gabung_form is None:
        gabung_form = GabungForm(initial={"sumber_dana": SumberDana.APBK})
    return render(
        request,
        "pelatihan/rencana_tahun.html",
        {
            "tahun": tahun,
            "rencana": rencana,
            "page": page,
            "akses": akses,
            "gabung_form": gabung_form if akses.admin_bkpsdm else None,
            "terpilih": set(terpilih),
            "kategori": RincianBiayaRencana.Kategori.choices,
            "tahun_sebelumnya": tahun - 1,
            "tahun_berikutnya": tahun + 1,
            "parameter_halaman": f"tahun={tahun}",
        },
        status=400 if gabung_form is not None and gabung_form.errors else 200,
    )


@login_required
@require_GET
def rencana(request):
    akses = akses_for(request.user)
    if not (akses.lihat_semua or akses.opd_ids):
        return _bukan_perencana(request)
    return _render_rencana(request, _tahun(request.GET.get("tahun"), _tahun_rencana()))


@login_required
@require_POST
def rencana_create(request):
    if not akses_for(request.user).admin_bkpsdm:
        return _forbidden(request, _("Rencana pengembangan disusun oleh Admin BKPSDM."))
    tahun = _tahun(request.POST.get("tahun"), _tahun_rencana())
    form = GabungForm(request.POST)
    if form.is_valid():
        c = form.cleaned_data
        try:
            baru = akpk.rencana_create_from_kebutuhan(
                kebutuhan_ids=c["kebutuhan"],
                oleh=request.user,
                nama=c["nama"],
                jenis=c["jenis"],
                jp=c["jp"],
                sumber_dana=c["sumber_dana"],
                program=c["program"],
                bulan_rencana=c["bulan_rencana"],
            )
        except ValidationError as e:
            _add_service_errors(form, e)
        else:
            messages.success(
                request,
                _("Baris rencana “%(nama)s” dibuat dari %(n)s kebutuhan. Lengkapi biayanya.")
                % {"nama": baru.nama, "n": len(c["kebutuhan"])},
            )
            return redirect("pelatihan:rencana-edit", pk=baru.pk)
    terpilih = form.cleaned_data.get("kebutuhan", []) if hasattr(form, "cleaned_data") else []
    return _render_rencana(request, tahun, gabung_form=form, terpilih=terpilih)


@login_required
@require_http_methods(["GET", "POST"])
def rencana_edit(request, pk):
    rencana_ = akpk.get_rencana_for_user(request.user, pk)
    if not akses_for(request.user).admin_bkpsdm:
        return _forbidden(request, _("Rencana pengembangan diubah oleh Admin BKPSDM."))
    sudah = [k.perangkat_daerah_id for k in rencana_.kursi_opd.all()]
    opd = PerangkatDaerah.objects.filter(aktif=True) | PerangkatDaerah.objects.filter(pk__in=sudah)
    form = RencanaEditForm(request.POST or None, rencana=rencana_, opd=opd.order_by("kode"))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                akpk.rencana_kursi_set(rencana=rencana_, kursi=form.kursi(), oleh=request.user)
                akpk.rencana_biaya_set(rencana=rencana_, rincian=form.rincian(), oleh=request.user)
        except ValidationError as e:
            _add_service_errors(form, e)
        else:
            messages.success(
                request, _("Kursi dan biaya “%(nama)s” disimpan.") % {"nama": rencana_.nama}
            )
            return redirect(reverse("pelatihan:rencana") + f"?tahun={rencana_.tahun}")
    kebutuhan = rencana_.kebutuhan.select_related(
        "perangkat_daerah", "pegawai", "kompetensi"
    ).order_by("perangkat_daerah__kode", "pk")
    return render(
        request,
        "pelatihan/rencana_form.html",
        {
            "rencana": rencana_,
            "baris": akpk.baris_rencana(rencana_),
            "form": form,
            "kebutuhan": kebutuhan,
            "kategori": RincianBiayaRencana.Kategori.choices,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def rencana_xlsx(request):
    akses = akses_for(request.user)
    if not (akses.lihat_semua or akses.opd_ids):
        return _bukan_perencana(request)
    tahun = _tahun(request.GET.get("tahun"), _tahun_rencana())
    data = akpk.rencana_tahun(tahun=tahun, user=request.user)
    return xlsx_response(
        f"rencana-pengembangan-{tahun}.xlsx",
        [Lembar(f"Rencana {tahun}", akpk.KOLOM_RENCANA, akpk.rencana_xlsx_baris(data))],
    )
