"""The admin of the needs analysis (AKPK) and the year's plan. Needs are read in the user's scope
and change status only through the services (actions "Verifikasi" and "Tolak"); plan lines are
Admin BKPSDM's work, with their seats per OPD and cost lines inline."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery, Sum
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from pegawai.admin import LargeTableAdmin
from pegawai.akses import akses_for
from pelatihan.akpk import kebutuhan_for, kebutuhan_reject, kebutuhan_verify
from pelatihan.forms import PenolakanForm
from pelatihan.models import (
    KebutuhanPengembangan,
    RencanaKursiOPD,
    RencanaPengembangan,
    RincianBiayaRencana,
    format_rupiah,
)

TAMPIL_DI_KONFIRMASI = 100


@admin.register(KebutuhanPengembangan)
class KebutuhanPengembanganAdmin(LargeTableAdmin):
    list_display = [
        "uraian_singkat",
        "tahun",
        "perangkat_daerah",
        "pegawai",
        "kompetensi",
        "jenis",
        "jumlah_peserta",
        "asal",
        "status",
        "rencana",
    ]
    list_filter = ["status", "asal", "tahun", ("rencana", admin.EmptyFieldListFilter), "jenis"]
    list_select_related = [
        "perangkat_daerah",
        "pegawai",
        "kompetensi",
        "jenis",
        "rencana",
    ]
    search_fields = ["uraian", "pegawai__nip", "pegawai__nama", "perangkat_daerah__singkatan"]
    search_help_text = _("Cari dengan uraian, NIP atau nama pegawai, atau singkatan OPD.")
    autocomplete_fields = ["jenis", "program"]
    ordering = ["-tahun", "-dibuat_pada", "-id"]
    actions = ["verifikasi_terpilih", "tolak_terpilih"]
    fields = [
        "tahun",
        "perangkat_daerah",
        "pegawai",
        "kompetensi",
        "jenis",
        "program",
        "uraian",
        "jumlah_peserta",
        "asal",
        "status",
        "alasan_penolakan",
        "rencana",
        "diusulkan_oleh",
        "diverifikasi_oleh",
        "diverifikasi_pada",
        "dibuat_pada",
        "diubah_pada",
    ]
    # Where a need comes from (asal) follows from its pegawai and competency: both stay as
    # proposed.
    readonly_fields = [
        "tahun",
        "perangkat_daerah",
        "pegawai",
        "kompetensi",
        "asal",
        "status",
        "alasan_penolakan",
        "rencana",
        "diusulkan_oleh",
        "diverifikasi_oleh",
        "diverifikasi_pada",
        "dibuat_pada",
        "diubah_pada",
    ]

    def get_queryset(self, request):
        qs = kebutuhan_for(request.user)
        if akses_for(request.user).lihat_semua:
            # No WHERE clause: the paginator may then read PostgreSQL's row estimate.
            return qs.model.objects.all()
        return qs

    def get_readonly_fields(self, request, obj=None):
        # What a need asks for is fixed once a plan line covers it (its seats were counted).
        if obj is not None and obj.rencana_id is not None:
            return self.fields
        return self.readonly_fields

    def has_add_permission(self, request):
        # Proposals go through the proposal page, which checks who may propose for whom.
        return False

    def has_change_permission(self, request, obj=None):
        return akses_for(request.user).admin_bkpsdm and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # A covered need is part of the plan's history: it is never deleted.
        if obj is not None and obj.rencana_id is not None:
            return False
        return akses_for(request.user).admin_bkpsdm and super().has_delete_permission(request, obj)

    def has_verifikasi_permission(self, request):
        return akses_for(request.user).admin_bkpsdm

    @admin.display(description=_("uraian"), ordering="uraian")
    def uraian_singkat(self, obj):
        return str(obj)

    def _decide(self, request, queryset, decide, dapat) -> None:
        selesai, gagal = 0, []
        dilewati = 0
        for kebutuhan in queryset.order_by("pk"):
            if not dapat(kebutuhan):
                dilewati += 1
                continue
            try:
                decide(kebutuhan)
            except ValidationError as e:
                gagal.append(f"#{kebutuhan.pk} {kebutuhan}: " + " ".join(e.messages))
            else:
                selesai += 1
        if selesai:
            messages.success(
                request,
                ngettext("%(n)d kebutuhan diproses.", "%(n)d kebutuhan diproses.", selesai)
                % {"n": selesai},
            )
        if dilewati:
            messages.warning(
                request,
                ngettext(
                    "%(n)d kebutuhan dilewati karena statusnya tidak memungkinkan.",
                    "%(n)d kebutuhan dilewati karena statusnya tidak memungkinkan.",
                    dilewati,
                )
                % {"n": dilewati},
            )
        for pesan in gagal:
            messages.error(request, pesan)

    @admin.action(description=_("Verifikasi"), permissions=["verifikasi"])
    def verifikasi_terpilih(self, request, queryset):
        self._decide(
            request,
            queryset,
            lambda k: kebutuhan_verify(kebutuhan=k, oleh=request.user),
            lambda k: k.status == KebutuhanPengembangan.Status.DIUSULKAN,
        )

    @admin.action(description=_("Tolak (dengan alasan)"), permissions=["verifikasi"])
    def tolak_terpilih(self, request, queryset):
        """First shows a page asking for the reason; applies it when that page is sent."""

        def dapat(k):
            return k.status != KebutuhanPengembangan.Status.DITOLAK and k.rencana_id is None

        form = PenolakanForm(request.POST if "terapkan" in request.POST else None)
        if form.is_valid():
            alasan = form.cleaned_data["alasan"]
            self._decide(
                request,
                queryset,
                lambda k: kebutuhan_reject(kebutuhan=k, oleh=request.user, alasan=alasan),
                dapat,
            )
            return None
        dapat_ditolak = queryset.exclude(status=KebutuhanPengembangan.Status.DITOLAK).filter(
            rencana__isnull=True
        )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Tolak kebutuhan pengembangan"),
            "opts": self.model._meta,
            "form": form,
            "kebutuhan": dapat_ditolak.select_related("perangkat_daerah").order_by("pk")[
                :TAMPIL_DI_KONFIRMASI
            ],
            "jumlah": dapat_ditolak.count(),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "terpilih": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
        }
        return TemplateResponse(request, "pelatihan/kebutuhan_tolak_admin.html", context)


class RencanaKursiOPDInline(admin.TabularInline):
    model = RencanaKursiOPD
    extra = 1
    autocomplete_fields = ["perangkat_daerah"]


class RincianBiayaRencanaInline(admin.TabularInline):
    model = RincianBiayaRencana
    extra = 1
    fields = ["kategori", "kode_rekening", "uraian", "jumlah"]


class TahunRencanaFilter(admin.SimpleListFilter):
    title = _("tahun")
    parameter_name = "tahun"

    def lookups(self, request, model_admin):
        tahun = RencanaPengembangan.objects.values_list("tahun", flat=True).distinct()
        return [(str(t), str(t)) for t in sorted(tahun, reverse=True)]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(tahun=int(self.value()))
        return queryset


@admin.register(RencanaPengembangan)
class RencanaPengembanganAdmin(admin.ModelAdmin):
    inlines = [RencanaKursiOPDInline, RincianBiayaRencanaInline]
    list_display = [
        "nama",
        "tahun",
        "jenis",
        "jp",
        "bulan_rencana",
        "sumber_dana",
        "kursi",
        "biaya",
        "halaman_rencana",
    ]
    list_filter = [TahunRencanaFilter, "sumber_dana", "jenis"]
    list_select_related = ["jenis"]
    search_fields = ["nama", "program__kode", "program__nama"]
    autocomplete_fields = ["program", "jenis", "kegiatan"]
    filter_horizontal = ["kompetensi"]
    fieldsets = [
        (None, {"fields": ["tahun", "nama", "jenis", "program", "jp", "kompetensi"]}),
        (_("Pelaksanaan dan dana"), {"fields": ["bulan_rencana", "sumber_dana", "kegiatan"]}),
        (_("Keterangan"), {"fields": ["keterangan"]}),
    ]

    def _admin(self, request) -> bool:
        return akses_for(request.user).admin_bkpsdm

    def has_module_permission(self, request):
        return self._admin(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._admin(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return self._admin(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._admin(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._admin(request) and super().has_delete_permission(request, obj)

    def get_queryset(self, request):
        # Sums by subquery: joining both child tables would multiply one by the other.
        def jumlah(model, kolom):
            return Subquery(
                model.objects.filter(rencana=OuterRef("pk"))
                .values("rencana")
                .annotate(total=Sum(kolom))
                .values("total")
            )

        return (
            super()
            .get_queryset(request)
            .annotate(
                total_kursi=jumlah(RencanaKursiOPD, "kursi"),
                total_biaya=jumlah(RincianBiayaRencana, "jumlah"),
            )
        )

    @admin.display(description=_("kursi"), ordering="total_kursi")
    def kursi(self, obj):
        return obj.total_kursi or 0

    @admin.display(description=_("perkiraan biaya"), ordering="total_biaya")
    def biaya(self, obj):
        return format_rupiah(obj.total_biaya or 0)

    @admin.display(description=_("halaman rencana"))
    def halaman_rencana(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("pelatihan:rencana-edit", args=[obj.pk]), _("Buka")
        )
