"""Admin of competency standards per jabatan and of assessment results (DESIGN §4).

Standards are city-wide reference data. Assessments are personal data: every queryset and every
pegawai choice goes through ``pegawai_for``, as in the pegawai admin. Files are imported with
``import_standar_kompetensi`` and ``import_asesmen_kompetensi``.
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pegawai.admin import LargeTableAdmin
from pegawai.akses import akses_for, pegawai_for
from pegawai.models import AsesmenKompetensi, StandarKompetensiJabatan

# Years offered by the assessment filter; older years are still reachable by sorting.
TAHUN_FILTER = 10


class LevelFilter(admin.SimpleListFilter):
    """Levels 1–5 as a fixed list: the default filter would scan the table for its values."""

    title = _("level")
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return [(str(n), str(n)) for n in range(1, 6)]

    def queryset(self, request, queryset):
        if self.value() in {str(n) for n in range(1, 6)}:
            return queryset.filter(level=int(self.value()))
        return queryset


class TahunFilter(admin.SimpleListFilter):
    """The last years up to this one, without scanning the table for its values."""

    title = _("tahun")
    parameter_name = "tahun"

    def lookups(self, request, model_admin):
        sekarang = timezone.localdate().year
        return [(str(t), str(t)) for t in range(sekarang, sekarang - TAHUN_FILTER, -1)]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(tahun=int(self.value()))
        return queryset


@admin.register(StandarKompetensiJabatan)
class StandarKompetensiJabatanAdmin(LargeTableAdmin):
    list_display = ["jabatan", "jenis_jabatan", "kompetensi", "level"]
    list_filter = ["kompetensi", LevelFilter, "jabatan__jenis_jabatan", "jabatan__jenjang"]
    list_select_related = ["jabatan", "kompetensi"]
    search_fields = ["jabatan__nama", "kompetensi__kode", "kompetensi__nama"]
    search_help_text = _("Cari dengan nama jabatan, atau kode atau nama kompetensi.")
    ordering = ["jabatan__nama", "jabatan__jenjang", "kompetensi__kode"]
    autocomplete_fields = ["jabatan", "kompetensi"]

    @admin.display(description=_("jenis jabatan"), ordering="jabatan__jenis_jabatan")
    def jenis_jabatan(self, obj):
        return obj.jabatan.get_jenis_jabatan_display()


@admin.register(AsesmenKompetensi)
class AsesmenKompetensiAdmin(LargeTableAdmin):
    list_display = ["pegawai_nip", "pegawai_nama", "opd", "kompetensi", "tahun", "level", "metode"]
    list_display_links = ["pegawai_nip", "pegawai_nama"]
    list_filter = [
        TahunFilter,
        "kompetensi",
        LevelFilter,
        # All OPDs (a short list), as on the pegawai admin.
        "pegawai__perangkat_daerah",
    ]
    list_select_related = ["pegawai__perangkat_daerah", "kompetensi"]
    search_fields = ["pegawai__nip__startswith", "pegawai__nama", "kompetensi__kode"]
    search_help_text = _("Cari dengan NIP atau nama pegawai, atau kode kompetensi.")
    ordering = ["pegawai__nama", "pegawai__nip", "kompetensi__kode", "-tahun"]
    autocomplete_fields = ["pegawai", "kompetensi"]
    readonly_fields = ["diubah_pada"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if akses_for(request.user).lihat_semua:
            return qs  # no needless IN (SELECT every pegawai)
        return qs.filter(pegawai__in=pegawai_for(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "pegawai":
            kwargs["queryset"] = pegawai_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("NIP"), ordering="pegawai__nip")
    def pegawai_nip(self, obj):
        return obj.pegawai.nip

    @admin.display(description=_("nama"), ordering="pegawai__nama")
    def pegawai_nama(self, obj):
        return obj.pegawai.nama_lengkap

    @admin.display(description=_("OPD"), ordering="pegawai__perangkat_daerah__kode")
    def opd(self, obj):
        return obj.pegawai.perangkat_daerah.singkatan
