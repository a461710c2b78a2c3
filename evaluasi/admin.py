"""The evaluation admin, for Admin BKPSDM only: questionnaires (sections, and their items one
level down), the list of issued forms without their answers, level-4 indicators with their
values, and improvement actions."""

from django.contrib import admin
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from evaluasi.models import (
    BagianKuesioner,
    ButirKuesioner,
    FormulirEvaluasi,
    IndikatorHasil,
    Kuesioner,
    NilaiIndikator,
    TindakLanjut,
)
from pegawai.admin import HanyaBaca, LargeTableAdmin
from pegawai.akses import pegawai_for
from pegawai.nip import bersihkan_nip
from pelatihan.admin import AdminBKPSDMSaja
from pelatihan.models import KegiatanPelatihan

# A name search that matches more pegawai than this is too vague to be useful as a filter.
BATAS_PEGAWAI_PENCARIAN = 1000


# --- Questionnaires ------------------------------------------------------------------------------


class BagianKuesionerInline(admin.TabularInline):
    model = BagianKuesioner
    extra = 0
    fields = ["urutan", "nama", "per_mata_pelatihan"]
    # The items of a section are edited on the section's own page.
    show_change_link = True


@admin.register(Kuesioner)
class KuesionerAdmin(AdminBKPSDMSaja, admin.ModelAdmin):
    list_display = ["kode", "nama", "level", "skala", "aktif", "dibuat_pada"]
    list_filter = ["level", "skala", "aktif"]
    search_fields = ["kode", "nama"]
    readonly_fields = ["dibuat_pada"]
    fields = ["kode", "nama", "level", "skala", "petunjuk", "aktif", "dibuat_pada"]
    inlines = [BagianKuesionerInline]

    def get_readonly_fields(self, request, obj=None):
        # Answers are read against the level and scale they were given on.
        if obj is not None and obj.formulir.exists():
            return [*self.readonly_fields, "level", "skala"]
        return self.readonly_fields


class ButirKuesionerInline(admin.TabularInline):
    model = ButirKuesioner
    extra = 1
    fields = ["urutan", "teks", "jenis", "wajib", "penanda"]


@admin.register(BagianKuesioner)
class BagianKuesionerAdmin(AdminBKPSDMSaja, admin.ModelAdmin):
    list_display = ["nama", "kuesioner", "urutan", "per_mata_pelatihan"]
    list_filter = ["kuesioner"]
    list_select_related = ["kuesioner"]
    search_fields = ["nama", "kuesioner__nama"]
    fields = ["kuesioner", "urutan", "nama", "per_mata_pelatihan"]
    inlines = [ButirKuesionerInline]

    def get_model_perms(self, request):
        # Reached from its questionnaire's page, not listed on the admin index.
        return {}


# --- Issued forms: who has to fill what, never what was answered ---------------------------------


class TerisiFilter(admin.SimpleListFilter):
    title = _("sudah diisi")
    parameter_name = "terisi"

    def lookups(self, request, model_admin):
        return [("ya", _("Sudah diisi")), ("tidak", _("Belum diisi"))]

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.filter(diisi_pada__isnull=False)
        if self.value() == "tidak":
            return queryset.filter(diisi_pada__isnull=True)
        return queryset


@admin.register(FormulirEvaluasi)
class FormulirEvaluasiAdmin(AdminBKPSDMSaja, HanyaBaca, LargeTableAdmin):
    """Read-only (forms are issued by the schedule, one per participant and kind): whose form,
    for which event, filled or not and until when. The answers are read only in aggregate, on
    the effectiveness reports."""

    list_display = ["peserta", "jenis", "kegiatan", "pengisi_nama", "terisi", "batas"]
    list_filter = ["jenis", TerisiFilter, "kuesioner"]
    list_select_related = ["nominasi__pegawai", "nominasi__kegiatan__program", "pengisi"]
    search_fields = ["nominasi__pegawai__nip", "nominasi__pegawai__nama"]
    search_help_text = _("Cari dengan NIP atau nama peserta.")
    # Newest first along the primary key: no sort over the whole table.
    ordering = ["-pk"]
    fields = ["nominasi", "jenis", "kuesioner", "pengisi", "dibuka_pada", "batas", "terisi"]
    readonly_fields = fields

    def get_search_results(self, request, queryset, search_term):
        """NIP prefix or name of the participant; matching pegawai are looked up first so that
        PostgreSQL combines index scans instead of searching across a join."""
        cari = " ".join(search_term.split())
        if not cari:
            return queryset, False
        nip = bersihkan_nip(cari)
        pegawai = pegawai_for(request.user)
        if nip.isdigit() and len(nip) >= 4:
            pegawai = pegawai.filter(nip__startswith=nip)
        else:
            pegawai = pegawai.filter(nama__icontains=cari)
        ids = list(pegawai.values_list("pk", flat=True)[:BATAS_PEGAWAI_PENCARIAN])
        return queryset.filter(nominasi__pegawai_id__in=ids), False

    @admin.display(description=_("peserta"), ordering="nominasi__pegawai__nama")
    def peserta(self, obj):
        return obj.nominasi.pegawai.nama_lengkap

    @admin.display(description=_("kegiatan"))
    def kegiatan(self, obj):
        return str(obj.nominasi.kegiatan)

    @admin.display(description=_("pengisi"))
    def pengisi_nama(self, obj):
        return obj.pengisi.get_full_name() or obj.pengisi.username

    @admin.display(description=_("sudah diisi"), boolean=True, ordering="diisi_pada")
    def terisi(self, obj):
        return obj.terisi


# --- Level 4 indicators --------------------------------------------------------------------------


class NilaiIndikatorInline(admin.TabularInline):
    model = NilaiIndikator
    extra = 1
    fields = ["perangkat_daerah", "tahun", "nilai", "sumber"]
    ordering = ["perangkat_daerah__kode", "-tahun"]

    def get_queryset(self, request):
        # Each row's title names its indicator.
        return super().get_queryset(request).select_related("indikator")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "perangkat_daerah":
            # One list of OPDs for every row, read once (not once per row).
            pilihan = getattr(request, "_pilihan_opd_indikator", None)
            if pilihan is None:
                pilihan = list(field.choices)
                request._pilihan_opd_indikator = pilihan
            field.choices = pilihan
        return field


@admin.register(IndikatorHasil)
class IndikatorHasilAdmin(AdminBKPSDMSaja, admin.ModelAdmin):
    list_display = ["nama", "satuan", "naik_lebih_baik"]
    list_filter = ["naik_lebih_baik"]
    search_fields = ["nama"]
    filter_horizontal = ["program"]
    fields = ["nama", "satuan", "naik_lebih_baik", "keterangan", "program"]
    inlines = [NilaiIndikatorInline]


# --- Improvement actions -------------------------------------------------------------------------


class TerlambatFilter(admin.SimpleListFilter):
    title = _("lewat batas waktu")
    parameter_name = "terlambat"

    def lookups(self, request, model_admin):
        return [("ya", _("Terlambat")), ("tidak", _("Tidak terlambat"))]

    def queryset(self, request, queryset):
        terlambat = Q(
            status__in=[TindakLanjut.Status.DIRENCANAKAN, TindakLanjut.Status.BERJALAN],
            batas_waktu__lt=timezone.localdate(),
        )
        if self.value() == "ya":
            return queryset.filter(terlambat)
        if self.value() == "tidak":
            return queryset.exclude(terlambat)
        return queryset


@admin.register(TindakLanjut)
class TindakLanjutAdmin(AdminBKPSDMSaja, LargeTableAdmin):
    list_display = [
        "tindakan_singkat",
        "program",
        "kegiatan",
        "penanggung_jawab",
        "batas_waktu",
        "status",
        "terlambat",
    ]
    list_filter = ["status", TerlambatFilter, ("program", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["program", "kegiatan__program"]
    search_fields = ["tindakan", "temuan", "penanggung_jawab", "program__nama"]
    autocomplete_fields = ["program", "kegiatan"]
    date_hierarchy = "batas_waktu"
    readonly_fields = ["dibuat_oleh", "dibuat_pada", "diubah_pada"]
    fieldsets = [
        (None, {"fields": ["program", "kegiatan", "temuan", "tindakan"]}),
        (_("Pelaksanaan"), {"fields": ["penanggung_jawab", "batas_waktu", "status"]}),
        (_("Hasil"), {"fields": ["selesai_pada", "catatan"]}),
        (_("Riwayat"), {"fields": ["dibuat_oleh", "dibuat_pada", "diubah_pada"]}),
    ]

    @admin.display(description=_("tindakan perbaikan"), ordering="tindakan")
    def tindakan_singkat(self, obj):
        return str(obj)

    @admin.display(description=_("terlambat"), boolean=True)
    def terlambat(self, obj):
        return obj.terlambat()

    def get_changeform_initial_data(self, request):
        """``?program=<pk>`` (and ``&kegiatan=<pk>``) from the reports prefill the form; an
        event alone brings its program."""
        initial = super().get_changeform_initial_data(request)
        for kunci in ("program", "kegiatan"):
            if kunci in initial and not str(initial[kunci]).isdigit():
                del initial[kunci]
        if "kegiatan" in initial and "program" not in initial:
            program_id = (
                KegiatanPelatihan.objects.filter(pk=initial["kegiatan"])
                .values_list("program_id", flat=True)
                .first()
            )
            if program_id is not None:
                initial["program"] = program_id
        return initial

    def save_model(self, request, obj, form, change):
        if not change:
            obj.dibuat_oleh = request.user
        super().save_model(request, obj, form, change)

    def _tujuan_kembali(self, request) -> str | None:
        """``next`` when it points back into this site (the report the action came from)."""
        tujuan = request.GET.get("next", "")
        if tujuan and url_has_allowed_host_and_scheme(
            tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return tujuan
        return None

    def _kembali(self, request, response):
        lanjut = {"_continue", "_addanother", "_saveasnew", "_popup"} & set(request.POST)
        tujuan = self._tujuan_kembali(request)
        if tujuan and not lanjut:
            return HttpResponseRedirect(tujuan)
        return response

    def response_add(self, request, obj, post_url_continue=None):
        return self._kembali(request, super().response_add(request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self._kembali(request, super().response_change(request, obj))
