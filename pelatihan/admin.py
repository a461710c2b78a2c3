"""The admin of development work. The JP ledger holds millions of rows: estimated counts, no
dropdowns of every pegawai, scoped like every other page; claims are verified or rejected here
through the same services as the front-end queue."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, Min, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from pegawai.admin import LargeTableAdmin
from pegawai.akses import akses_for, pegawai_for, perangkat_daerah_for
from pegawai.ekspor import Lembar
from pegawai.impor_admin import BENTUK_TANGGAL, CATATAN_UMUM, ImporAdminMixin, JenisImpor
from pegawai.models import ImporBerkas, JenisJabatan
from pegawai.nip import bersihkan_nip
from pelatihan.admin_jejak import JejakPerubahanAdmin
from pelatihan.forms import PenolakanForm, RiwayatAdminForm
from pelatihan.impor import KOLOM_OPSIONAL, KOLOM_WAJIB
from pelatihan.models import (
    JenisPengembangan,
    KegiatanPelatihan,
    KuotaOPD,
    LembagaPelatihan,
    MataPelatihan,
    Nominasi,
    ProgramPelatihan,
    RiwayatPengembangan,
)
from pelatihan.selectors import kegiatan_for, nominasi_for, program_list
from pelatihan.services import (
    kegiatan_complete_enqueue,
    kegiatan_transition,
    kuota_opd_check,
    nominasi_cancel,
    nominasi_confirm,
    riwayat_reject,
    riwayat_verify,
)
from pelatihan.tasks import impor_riwayat_check_task, impor_riwayat_run_task

# A name search that matches more pegawai than this is too vague to be useful as a filter.
BATAS_PEGAWAI_PENCARIAN = 1000
TAMPIL_DI_KONFIRMASI = 100


@admin.register(JenisPengembangan)
class JenisPengembanganAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "jalur", "siasn_jenis_diklat_id", "aktif"]
    list_filter = ["jalur", "aktif"]
    search_fields = ["kode", "nama"]


class TahunSelesaiFilter(admin.SimpleListFilter):
    """The year of a ledger row is the year of its end date."""

    title = _("tahun")
    parameter_name = "tahun"

    def lookups(self, request, model_admin):
        # MIN and MAX read the ends of the tanggal_selesai index, however large the table.
        rentang = RiwayatPengembangan.objects.aggregate(
            awal=Min("tanggal_selesai"), akhir=Max("tanggal_selesai")
        )
        if rentang["awal"] is None:
            return []
        return [
            (str(t), str(t)) for t in range(rentang["akhir"].year, rentang["awal"].year - 1, -1)
        ]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.tahun(int(self.value()))
        return queryset


class PerangkatDaerahPegawaiFilter(admin.SimpleListFilter):
    title = _("perangkat daerah")
    parameter_name = "opd"

    def lookups(self, request, model_admin):
        return [
            (str(pk), singkatan)
            for pk, singkatan in perangkat_daerah_for(request.user)
            .order_by("kode")
            .values_list("pk", "singkatan")
        ]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(pegawai__perangkat_daerah_id=int(self.value()))
        return queryset


def _rujukan_jenis_pengembangan() -> Lembar:
    return Lembar(
        gettext("Jenis pengembangan"),
        [gettext("KODE"), gettext("NAMA"), gettext("JALUR")],
        JenisPengembangan.objects.filter(aktif=True)
        .order_by("kode")
        .values_list("kode", "nama", "jalur"),
    )


IMPOR_RIWAYAT = JenisImpor(
    jenis=ImporBerkas.Jenis.RIWAYAT,
    judul=_("Impor riwayat pengembangan (JP)"),
    kolom_wajib=KOLOM_WAJIB,
    kolom_opsional=KOLOM_OPSIONAL,
    petunjuk=(
        (
            "NIP",
            _(
                "NIP pegawai yang sudah terdaftar (impor data pegawainya lebih dahulu). Format "
                "kolom sebagai Teks: NIP yang tersimpan sebagai angka Excel ditolak."
            ),
            "198508172010011002",
        ),
        (
            "NAMA_PELATIHAN",
            _(
                "Nama pelatihan, paling banyak 300 karakter. Satu riwayat dikenali dari NIP, nama "
                "pelatihan (huruf besar-kecil dan spasi diabaikan), tanggal mulai, dan tanggal "
                "selesai: impor ulang memperbarui riwayat itu, salinan kedua di berkas yang sama "
                "ditolak."
            ),
            "Pelatihan Kepemimpinan Pengawas",
        ),
        (
            "JENIS_PENGEMBANGAN",
            _(
                "Kode KL01 sampai KL12 atau NKL01 sampai NKL13, atau namanya (lihat lembar Jenis "
                "pengembangan)."
            ),
            "KL01",
        ),
        (
            "TANGGAL_MULAI",
            format_lazy(
                "{} {}", _("Tanggal mulai, tidak sesudah tanggal selesai."), BENTUK_TANGGAL
            ),
            "01-03-2023",
        ),
        (
            "TANGGAL_SELESAI",
            format_lazy(
                "{} {}",
                _("Tanggal selesai, tidak di masa depan; tahun JP mengikuti tanggal ini."),
                BENTUK_TANGGAL,
            ),
            "30-06-2023",
        ),
        ("JP", _("Jam pelajaran, bilangan bulat 1 sampai 999."), "41"),
        ("PENYELENGGARA", _("Lembaga penyelenggara, paling banyak 200 karakter."), "BPSDM Aceh"),
        (
            "NOMOR_SERTIFIKAT",
            _("Nomor sertifikat, paling banyak 100 karakter."),
            "800/123/PKP/2023",
        ),
        ("TANGGAL_SERTIFIKAT", _("Tanggal sertifikat, tidak di masa depan."), "05-07-2023"),
    ),
    catatan=(
        *CATATAN_UMUM,
        _(
            "Riwayat yang diimpor langsung berstatus terverifikasi. Riwayat yang sama dari "
            "kegiatan BKPSDM atau klaim ASN tidak diubah oleh impor."
        ),
    ),
    nama_templat="templat_impor_riwayat",
    check_task=impor_riwayat_check_task,
    run_task=impor_riwayat_run_task,
    kolom_teks=("NIP", "NOMOR_SERTIFIKAT"),
    rujukan=_rujukan_jenis_pengembangan,
)


@admin.register(RiwayatPengembangan)
class RiwayatPengembanganAdmin(JejakPerubahanAdmin, ImporAdminMixin, LargeTableAdmin):
    impor = IMPOR_RIWAYAT
    change_list_template = "admin/pelatihan/riwayatpengembangan/change_list.html"
    form = RiwayatAdminForm
    list_display = [
        "nip",
        "nama_pegawai",
        "nama_pelatihan",
        "jenis_kode",
        "tanggal_mulai",
        "tanggal_selesai",
        "jp",
        "sumber",
        "status",
        "sertifikat",
    ]
    list_display_links = ["nama_pelatihan"]
    list_filter = [
        "status",
        "sumber",
        "jenis",
        TahunSelesaiFilter,
        PerangkatDaerahPegawaiFilter,
    ]
    list_select_related = ["pegawai", "jenis"]
    search_fields = ["pegawai__nip", "pegawai__nama", "nama_pelatihan"]
    search_help_text = _("Cari dengan NIP, nama pegawai atau nama pelatihan.")
    autocomplete_fields = ["pegawai", "jenis"]
    actions = ["verifikasi_terpilih", "tolak_terpilih"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "pegawai",
                    "nama_pelatihan",
                    "jenis",
                    "penyelenggara",
                    ("tanggal_mulai", "tanggal_selesai"),
                    "jp",
                    "sumber",
                ]
            },
        ),
        (
            _("Sertifikat"),
            {
                "fields": [
                    ("nomor_sertifikat", "tanggal_sertifikat"),
                    "berkas_sertifikat",
                    "lihat_sertifikat",
                ]
            },
        ),
        (
            _("Verifikasi"),
            {
                "fields": [
                    "status",
                    "alasan_penolakan",
                    "diverifikasi_oleh",
                    "diverifikasi_pada",
                    "aturan_pengakuan_jp",
                    "dibuat_pada",
                    "diubah_pada",
                ]
            },
        ),
    ]
    readonly_fields = [
        "lihat_sertifikat",
        "status",
        "alasan_penolakan",
        "diverifikasi_oleh",
        "diverifikasi_pada",
        "aturan_pengakuan_jp",
        "dibuat_pada",
        "diubah_pada",
    ]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if akses_for(request.user).lihat_semua:
            # No WHERE clause: the paginator may then read PostgreSQL's row estimate.
            return qs
        return qs.filter(pegawai__in=pegawai_for(request.user))

    def get_readonly_fields(self, request, obj=None):
        # Where a row came from is fixed once it exists; status changes only through the actions.
        if obj is not None:
            return [*self.readonly_fields, "sumber"]
        return self.readonly_fields

    def get_search_results(self, request, queryset, search_term):
        """NIP prefix, or pegawai name / training name. Matching pegawai are looked up first (by
        their name's trigram index), so the ledger is read once, without an OR across a join; the
        training name has no index of its own (see RiwayatPengembangan.Meta)."""
        cari = " ".join(search_term.split())
        if not cari:
            return queryset, False
        nip = bersihkan_nip(cari)
        if nip.isdigit() and len(nip) >= 4:
            pegawai_ids = list(
                pegawai_for(request.user)
                .filter(nip__startswith=nip)
                .values_list("pk", flat=True)[:BATAS_PEGAWAI_PENCARIAN]
            )
            return queryset.filter(pegawai_id__in=pegawai_ids), False
        pegawai_ids = list(
            pegawai_for(request.user)
            .filter(nama__icontains=cari)
            .values_list("pk", flat=True)[:BATAS_PEGAWAI_PENCARIAN]
        )
        return (
            queryset.filter(Q(pegawai_id__in=pegawai_ids) | Q(nama_pelatihan__icontains=cari)),
            False,
        )

    @admin.display(description=_("NIP"), ordering="pegawai__nip")
    def nip(self, obj):
        return obj.pegawai.nip

    @admin.display(description=_("nama pegawai"), ordering="pegawai__nama")
    def nama_pegawai(self, obj):
        return obj.pegawai.nama_lengkap

    @admin.display(description=_("jenis"), ordering="jenis__kode")
    def jenis_kode(self, obj):
        return obj.jenis.kode

    @admin.display(description=_("sertifikat"))
    def sertifikat(self, obj):
        if not obj.berkas_sertifikat:
            return "–"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("pelatihan:klaim-sertifikat", args=[obj.pk]),
            _("Lihat"),
        )

    @admin.display(description=_("berkas tersimpan"))
    def lihat_sertifikat(self, obj):
        if obj is None or not obj.pk or not obj.berkas_sertifikat:
            return _("Belum ada berkas.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("pelatihan:klaim-sertifikat", args=[obj.pk]),
            _("Lihat sertifikat"),
        )

    @admin.display(description=_("aturan pengakuan JP"))
    def aturan_pengakuan_jp(self, obj):
        if obj is None or not obj.pk:
            return "–"
        return obj.jenis.aturan_pengakuan_jp or _(
            "Tidak ada aturan khusus untuk jenis ini: tetapkan JP berdasarkan bukti kegiatan."
        )

    def has_verifikasi_permission(self, request):
        return akses_for(request.user).admin_bkpsdm and self.has_change_permission(request)

    def _decide(self, request, queryset, decide) -> tuple[int, int, list[str]]:
        """Apply one decision to each waiting row; report what was done and what was skipped."""
        selesai = 0
        gagal: list[str] = []
        menunggu = queryset.filter(status=RiwayatPengembangan.Status.MENUNGGU)
        dilewati = queryset.count() - menunggu.count()
        for riwayat in menunggu.select_related("pegawai").order_by("pk"):
            try:
                decide(riwayat)
            except ValidationError as e:
                gagal.append(
                    f"{riwayat.nama_pelatihan} ({riwayat.pegawai.nip}): " + " ".join(e.messages)
                )
            else:
                selesai += 1
        return selesai, dilewati, gagal

    def _report(self, request, pesan_selesai: str, dilewati: int, gagal: list[str]) -> None:
        messages.success(request, pesan_selesai)
        if dilewati:
            messages.warning(
                request,
                ngettext(
                    "%(n)d klaim dilewati karena sudah diverifikasi atau ditolak.",
                    "%(n)d klaim dilewati karena sudah diverifikasi atau ditolak.",
                    dilewati,
                )
                % {"n": dilewati},
            )
        for pesan in gagal:
            messages.error(request, pesan)

    @admin.action(description=_("Verifikasi klaim terpilih"), permissions=["verifikasi"])
    def verifikasi_terpilih(self, request, queryset):
        selesai, dilewati, gagal = self._decide(
            request, queryset, lambda r: riwayat_verify(riwayat=r, oleh=request.user)
        )
        self._report(
            request,
            ngettext("%(n)d klaim diverifikasi.", "%(n)d klaim diverifikasi.", selesai)
            % {"n": selesai},
            dilewati,
            gagal,
        )

    @admin.action(description=_("Tolak klaim terpilih (dengan alasan)"), permissions=["verifikasi"])
    def tolak_terpilih(self, request, queryset):
        """First shows a page asking for the reason; applies it when that page is sent."""
        form = PenolakanForm(request.POST if "terapkan" in request.POST else None)
        if form.is_valid():
            alasan = form.cleaned_data["alasan"]
            selesai, dilewati, gagal = self._decide(
                request,
                queryset,
                lambda r: riwayat_reject(riwayat=r, oleh=request.user, alasan=alasan),
            )
            self._report(
                request,
                ngettext("%(n)d klaim ditolak.", "%(n)d klaim ditolak.", selesai) % {"n": selesai},
                dilewati,
                gagal,
            )
            return None
        menunggu = (
            queryset.filter(status=RiwayatPengembangan.Status.MENUNGGU)
            .select_related("pegawai", "jenis")
            .order_by("pk")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Tolak klaim JP"),
            "opts": self.model._meta,
            "form": form,
            "klaim": menunggu[:TAMPIL_DI_KONFIRMASI],
            "jumlah": menunggu.count(),
            "dilewati": queryset.exclude(status=RiwayatPengembangan.Status.MENUNGGU).count(),
            # Sent back unchanged, so that Django's action handling selects the same rows again.
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "terpilih": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
        }
        return TemplateResponse(
            request, "admin/pelatihan/riwayatpengembangan/tolak_klaim.html", context
        )


# ---------------------------------------------------------------------------------------------
# Catalogue: partners, programs with their curriculum, events with their quota per OPD.
# ---------------------------------------------------------------------------------------------


class AdminBKPSDMSaja:
    """The catalogue is BKPSDM's master data: only Admin BKPSDM works on it in the admin."""

    def has_module_permission(self, request):
        return akses_for(request.user).admin_bkpsdm and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return akses_for(request.user).admin_bkpsdm and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return akses_for(request.user).admin_bkpsdm and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return akses_for(request.user).admin_bkpsdm and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return akses_for(request.user).admin_bkpsdm and super().has_delete_permission(request, obj)


def _pesan_mou(lembaga: LembagaPelatihan, kegiatan: KegiatanPelatihan | None = None) -> str:
    if kegiatan is not None:
        return gettext(
            "Perhatian: MoU dengan %(lembaga)s (nomor %(nomor)s) berlaku sampai %(sampai)s, "
            "sebelum kegiatan “%(kegiatan)s” selesai. Perbarui MoU-nya."
        ) % {
            "lembaga": lembaga.nama,
            "nomor": lembaga.nomor_mou or "–",
            "sampai": lembaga.mou_berlaku_sampai.strftime("%d-%m-%Y"),
            "kegiatan": kegiatan,
        }
    return gettext("Perhatian: MoU dengan %(lembaga)s sudah berakhir pada %(sampai)s.") % {
        "lembaga": lembaga.nama,
        "sampai": lembaga.mou_berlaku_sampai.strftime("%d-%m-%Y"),
    }


@admin.register(LembagaPelatihan)
class LembagaPelatihanAdmin(AdminBKPSDMSaja, admin.ModelAdmin):
    list_display = [
        "nama",
        "singkatan",
        "jenis",
        "akreditasi",
        "nomor_mou",
        "mou_berlaku_sampai",
        "status_mou",
        "aktif",
    ]
    list_filter = ["jenis", "aktif"]
    search_fields = ["nama", "singkatan", "nomor_mou"]
    fieldsets = [
        (None, {"fields": ["nama", "singkatan", "jenis", "akreditasi", "aktif"]}),
        (_("Kerja sama"), {"fields": ["nomor_mou", ("mou_berlaku_mulai", "mou_berlaku_sampai")]}),
        (_("Kontak"), {"fields": ["alamat", "kontak"]}),
    ]

    @admin.display(description=_("status MoU"))
    def status_mou(self, obj):
        if obj.jenis == LembagaPelatihan.Jenis.INTERNAL:
            return _("Internal")
        if obj.mou_berlaku_sampai is None:
            return _("Belum ada")
        if obj.mou_berakhir_sebelum(timezone.localdate()):
            return format_html('<strong class="text-danger">{}</strong>', _("Kedaluwarsa"))
        return _("Berlaku")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.mou_berakhir_sebelum(timezone.localdate()):
            messages.warning(request, _pesan_mou(obj))


class MataPelatihanInline(admin.TabularInline):
    model = MataPelatihan
    extra = 1
    fields = ["urutan", "nama", "jp", "tujuan_pembelajaran", "pengajar"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})},
    }


class ProgramPelatihanAdminForm(forms.ModelForm):
    sasaran_jenis_jabatan = forms.MultipleChoiceField(
        label=_("jenis jabatan sasaran"),
        choices=JenisJabatan.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Kosongkan bila terbuka untuk semua jenis jabatan."),
    )

    class Meta:
        model = ProgramPelatihan
        fields = [
            "kode",
            "nama",
            "jenis",
            "lembaga",
            "deskripsi",
            "aktif",
            "kompetensi",
            "sasaran_jenis_jabatan",
            "golongan_min",
            "golongan_max",
            "sasaran_opd",
        ]


@admin.register(ProgramPelatihan)
class ProgramPelatihanAdmin(AdminBKPSDMSaja, admin.ModelAdmin):
    form = ProgramPelatihanAdminForm
    inlines = [MataPelatihanInline]
    list_display = ["kode", "nama", "jenis", "lembaga", "jp", "jumlah_mata", "aktif"]
    list_filter = ["jenis", "aktif"]
    search_fields = ["kode", "nama"]
    autocomplete_fields = ["jenis", "lembaga"]
    filter_horizontal = ["kompetensi", "sasaran_opd"]
    fieldsets = [
        (None, {"fields": ["kode", "nama", "jenis", "lembaga", "deskripsi", "aktif"]}),
        (
            _("Sasaran"),
            {
                "fields": [
                    "kompetensi",
                    "sasaran_jenis_jabatan",
                    ("golongan_min", "golongan_max"),
                    "sasaran_opd",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return program_list()

    @admin.display(description=_("JP"), ordering="jp_total")
    def jp(self, obj):
        return obj.jp_total

    @admin.display(description=_("mata pelatihan"), ordering="jumlah_mata_pelatihan")
    def jumlah_mata(self, obj):
        return obj.jumlah_mata_pelatihan


class KuotaOPDFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        jumlah = [
            f.cleaned_data["kuota"]
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("kuota")
        ]
        try:
            kuota_opd_check(kuota=self.instance.kuota, kuota_opd=jumlah)
        except ValidationError as e:
            raise forms.ValidationError(e.messages) from None


class KuotaOPDInline(admin.TabularInline):
    model = KuotaOPD
    formset = KuotaOPDFormSet
    extra = 1
    autocomplete_fields = ["perangkat_daerah"]


def _aksi_transisi(ke: str, keterangan):
    """An admin action moving the selected events to ``ke`` through the service, one by one,
    reporting each refusal with its reason."""

    def aksi(modeladmin, request, queryset):
        berhasil, gagal = 0, []
        for kegiatan in queryset.select_related("program").order_by("pk"):
            try:
                if ke == KegiatanPelatihan.Status.SELESAI:
                    # Finishing also credits the graduates' JP (in the background).
                    kegiatan_complete_enqueue(kegiatan=kegiatan, oleh=request.user)
                else:
                    kegiatan_transition(kegiatan=kegiatan, ke=ke, oleh=request.user)
            except ValidationError as e:
                gagal.append(f"{kegiatan}: " + " ".join(e.messages))
            else:
                berhasil += 1
        if berhasil:
            messages.success(
                request,
                ngettext(
                    "%(n)d kegiatan diubah menjadi “%(status)s”.",
                    "%(n)d kegiatan diubah menjadi “%(status)s”.",
                    berhasil,
                )
                % {"n": berhasil, "status": KegiatanPelatihan.Status(ke).label},
            )
        for pesan in gagal:
            messages.error(request, pesan)

    aksi.__name__ = f"ubah_ke_{ke}"
    return admin.action(description=keterangan, permissions=["change"])(aksi)


@admin.register(KegiatanPelatihan)
class KegiatanPelatihanAdmin(AdminBKPSDMSaja, LargeTableAdmin):
    inlines = [KuotaOPDInline]
    list_display = [
        "nama_kegiatan",
        "tanggal_mulai",
        "tanggal_selesai",
        "batas_nominasi",
        "modalitas",
        "kuota",
        "biaya",
        "lembaga",
        "mou",
        "status",
    ]
    list_filter = ["status", "modalitas", "program__jenis", "lembaga"]
    list_select_related = ["program", "lembaga"]
    search_fields = ["program__nama", "program__kode", "tempat"]
    autocomplete_fields = ["program", "lembaga"]
    date_hierarchy = "tanggal_mulai"
    readonly_fields = ["status", "status_diubah_pada", "status_diubah_oleh"]
    fieldsets = [
        (None, {"fields": ["program", "angkatan", "lembaga"]}),
        (
            _("Jadwal dan tempat"),
            {
                "fields": [
                    ("tanggal_mulai", "tanggal_selesai"),
                    "batas_nominasi",
                    "modalitas",
                    "tempat",
                    "tautan_daring",
                ]
            },
        ),
        (_("Kuota dan biaya"), {"fields": ["kuota", "biaya_per_peserta"]}),
        (_("Status"), {"fields": ["status", "status_diubah_pada", "status_diubah_oleh"]}),
    ]
    actions = [
        _aksi_transisi(KegiatanPelatihan.Status.NOMINASI_DIBUKA, _("Buka nominasi")),
        _aksi_transisi(KegiatanPelatihan.Status.DITUTUP, _("Tutup nominasi")),
        _aksi_transisi(KegiatanPelatihan.Status.BERLANGSUNG, _("Tandai berlangsung")),
        _aksi_transisi(KegiatanPelatihan.Status.SELESAI, _("Tandai selesai")),
        _aksi_transisi(KegiatanPelatihan.Status.DIBATALKAN, _("Batalkan kegiatan")),
    ]

    def get_queryset(self, request):
        return kegiatan_for(request.user)

    @admin.display(description=_("kegiatan"), ordering="program__nama")
    def nama_kegiatan(self, obj):
        return str(obj)

    @admin.display(description=_("biaya per peserta"), ordering="biaya_per_peserta")
    def biaya(self, obj):
        return obj.biaya_rupiah

    @admin.display(description=_("MoU"))
    def mou(self, obj):
        if obj.mou_kedaluwarsa:
            return format_html('<strong class="text-danger">{}</strong>', _("Kedaluwarsa"))
        return "✓"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            kegiatan = self.get_object(request, object_id)
            if kegiatan is not None and kegiatan.mou_kedaluwarsa:
                messages.warning(request, _pesan_mou(kegiatan.lembaga, kegiatan))
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.mou_kedaluwarsa:
            messages.warning(request, _pesan_mou(obj.lembaga, obj))


# ---------------------------------------------------------------------------------------------
# Nominations: read in the user's scope; status changes only through the services (actions).
# ---------------------------------------------------------------------------------------------


def _aksi_nominasi(layanan, keterangan):
    def aksi(modeladmin, request, queryset):
        berhasil, gagal = 0, []
        for nominasi in queryset.select_related("pegawai").order_by("-skor_prioritas", "pk"):
            try:
                layanan(nominasi=nominasi, oleh=request.user)
            except ValidationError as e:
                gagal.append(f"{nominasi.pegawai.nama_lengkap}: {' '.join(e.messages)}")
            else:
                berhasil += 1
        if berhasil:
            modeladmin.message_user(
                request,
                ngettext("%(n)s nominasi diproses.", "%(n)s nominasi diproses.", berhasil)
                % {"n": berhasil},
                messages.SUCCESS,
            )
        for pesan in gagal:
            modeladmin.message_user(request, pesan, messages.WARNING)

    aksi.__name__ = f"aksi_{layanan.__name__}"
    return admin.action(description=keterangan, permissions=["change"])(aksi)


@admin.register(Nominasi)
class NominasiAdmin(JejakPerubahanAdmin, LargeTableAdmin):
    list_display = [
        "pegawai",
        "kegiatan",
        "jalur",
        "status",
        "urutan_tunggu",
        "skor_prioritas",
        "dibuat_pada",
    ]
    list_filter = ["status", "jalur", "kegiatan__status"]
    list_select_related = ["pegawai", "kegiatan__program"]
    search_fields = ["pegawai__nip", "pegawai__nama", "kegiatan__program__nama"]
    search_help_text = _("Cari dengan NIP, nama pegawai atau nama program.")
    autocomplete_fields = ["kegiatan", "pegawai"]
    ordering = ["-dibuat_pada", "-id"]
    actions = [
        # Highest priority first, so the seats go to those who need them most.
        _aksi_nominasi(nominasi_confirm, _("Tetapkan nominasi terpilih (sesuai kuota)")),
        _aksi_nominasi(nominasi_cancel, _("Batalkan nominasi terpilih")),
    ]
    readonly_fields = [
        "kegiatan",
        "pegawai",
        "jalur",
        "status",
        "alasan",
        "urutan_tunggu",
        "skor_prioritas",
        "penjelasan_skor",
        "peringatan",
        "diusulkan_oleh",
        "disetujui_oleh",
        "disetujui_pada",
        "diputuskan_oleh",
        "diputuskan_pada",
        "dibuat_pada",
        "diubah_pada",
    ]
    fields = [*readonly_fields, "nilai_pre", "nilai_post"]

    def get_queryset(self, request):
        qs = nominasi_for(request.user)
        if not akses_for(request.user).lihat_semua:
            return qs
        # No WHERE clause for BKPSDM: the paginator may then read PostgreSQL's row estimate.
        return qs.model.objects.all()

    def has_add_permission(self, request):
        # Proposals carry eligibility warnings and a score: they are made on the nomination page.
        return False

    def has_delete_permission(self, request, obj=None):
        # A nomination is history (audit): it is cancelled, never deleted.
        return False

    def has_change_permission(self, request, obj=None):
        return akses_for(request.user).admin_bkpsdm and super().has_change_permission(request, obj)


import pelatihan.admin_anggaran  # noqa: E402, F401 - registers the budget admin
from pelatihan import admin_akpk  # noqa: E402, F401 - registers the AKPK and plan admin
