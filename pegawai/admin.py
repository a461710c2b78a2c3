"""The admin BKPSDM works in all day: fast at 100,000 pegawai, scoped like every other page."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from pegawai.akses import akses_for, pegawai_for, perangkat_daerah_for, unit_kerja_for
from pegawai.impor_admin import (
    IMPOR_PEGAWAI,
    ImporAdminMixin,
    impor_detail_url,
    impor_list,
)
from pegawai.models import (
    DeskripsiLevelKompetensi,
    Golongan,
    ImporBerkas,
    Jabatan,
    Kompetensi,
    Notifikasi,
    Pegawai,
    Pengguna,
    PenugasanPeran,
    PerangkatDaerah,
    UnitKerja,
)
from pegawai.paginator import EstimatedCountPaginator


class LargeTableAdmin(admin.ModelAdmin):
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    list_per_page = 50


class HanyaBaca:
    """Rows written by the app's own services (imports, schedules, jobs): shown, never edited,
    added or deleted in the admin."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = [
        "kode",
        "nama",
        "singkatan",
        "jenis",
        "aktif",
        "berlaku_mulai",
        "berlaku_sampai",
    ]
    list_filter = ["jenis", "aktif"]
    search_fields = ["kode", "nama", "singkatan"]
    autocomplete_fields = ["induk"]

    def get_queryset(self, request):
        return perangkat_daerah_for(request.user).select_related("induk")


@admin.register(UnitKerja)
class UnitKerjaAdmin(LargeTableAdmin):
    list_display = ["nama", "perangkat_daerah", "induk"]
    list_filter = ["perangkat_daerah"]
    list_select_related = ["perangkat_daerah", "induk"]
    search_fields = ["nama", "perangkat_daerah__singkatan"]
    autocomplete_fields = ["perangkat_daerah", "induk"]

    def get_queryset(self, request):
        return unit_kerja_for(request.user)


@admin.register(Jabatan)
class JabatanAdmin(LargeTableAdmin):
    list_display = ["nama", "jenis_jabatan", "jenjang"]
    list_filter = ["jenis_jabatan", "jenjang"]
    search_fields = ["nama"]


@admin.register(Golongan)
class GolonganAdmin(admin.ModelAdmin):
    list_display = ["kode", "pangkat", "untuk", "urutan", "siasn_id"]
    list_filter = ["untuk"]
    search_fields = ["kode", "pangkat"]
    ordering = ["untuk", "urutan"]


@admin.register(Pegawai)
class PegawaiAdmin(ImporAdminMixin, LargeTableAdmin):
    impor = IMPOR_PEGAWAI
    change_list_template = "admin/pegawai/pegawai/change_list.html"
    list_display = [
        "nip",
        "nama_lengkap",
        "jenis_pegawai",
        "golongan_kode",
        "jabatan",
        "opd_singkatan",
        "aktif",
    ]
    list_display_links = ["nip", "nama_lengkap"]
    list_filter = [
        "aktif",
        "jenis_pegawai",
        # All OPDs (a short list); RelatedOnlyFieldListFilter would scan every pegawai per page.
        "perangkat_daerah",
        "jabatan__jenis_jabatan",
        "golongan",
    ]
    list_select_related = ["perangkat_daerah", "golongan", "jabatan"]
    # NIP by its beginning, as in the app's own lists: served by the NIP's pattern btree index,
    # so no trigram index over NIP has to be kept up to date on every import.
    search_fields = ["nip__startswith", "nama"]
    search_help_text = _("Cari dengan NIP atau nama pegawai.")
    ordering = ["nama", "nip"]
    autocomplete_fields = ["jabatan", "perangkat_daerah", "unit_kerja", "atasan", "user"]
    readonly_fields = ["dibuat_pada", "diubah_pada"]
    fieldsets = [
        (None, {"fields": ["nip", "jenis_pegawai", ("gelar_depan", "nama", "gelar_belakang")]}),
        (
            _("Data pribadi"),
            {"fields": ["jenis_kelamin", ("tempat_lahir", "tanggal_lahir"), "email", "no_hp"]},
        ),
        (
            _("Jabatan dan organisasi"),
            {
                "fields": [
                    "golongan",
                    "jabatan",
                    "perangkat_daerah",
                    "unit_kerja",
                    "atasan",
                    "aktif",
                ]
            },
        ),
        (_("Akun"), {"fields": ["user", "dibuat_pada", "diubah_pada"]}),
    ]

    def get_queryset(self, request):
        return pegawai_for(request.user)

    @admin.display(description=_("golongan"), ordering="golongan__urutan")
    def golongan_kode(self, obj):
        return obj.golongan.kode if obj.golongan else "–"

    @admin.display(description=_("OPD"), ordering="perangkat_daerah__kode")
    def opd_singkatan(self, obj):
        return obj.perangkat_daerah.singkatan

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "perangkat_daerah":
            kwargs["queryset"] = perangkat_daerah_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PenugasanPeranInline(admin.TabularInline):
    model = PenugasanPeran
    extra = 0
    autocomplete_fields = ["perangkat_daerah"]


@admin.register(Pengguna)
class PenggunaAdmin(UserAdmin, LargeTableAdmin):
    inlines = [PenugasanPeranInline]
    list_display = ["username", "first_name", "last_name", "email", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_active", "penugasan_peran__peran"]
    search_fields = ["username", "first_name", "last_name", "email", "pegawai__nip"]

    def has_module_permission(self, request):
        return akses_for(request.user).admin_bkpsdm and super().has_module_permission(request)


@admin.register(PenugasanPeran)
class PenugasanPeranAdmin(admin.ModelAdmin):
    list_display = ["user", "peran", "perangkat_daerah", "dibuat_pada"]
    list_filter = ["peran", "perangkat_daerah"]
    list_select_related = ["user", "perangkat_daerah"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "perangkat_daerah"]


class DeskripsiLevelInline(admin.TabularInline):
    model = DeskripsiLevelKompetensi
    extra = 0
    max_num = 5


@admin.register(Kompetensi)
class KompetensiAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "jenis"]
    list_filter = ["jenis"]
    search_fields = ["kode", "nama"]
    inlines = [DeskripsiLevelInline]


@admin.register(Notifikasi)
class NotifikasiAdmin(LargeTableAdmin):
    list_display = ["judul", "penerima", "dibuat_pada", "dibaca_pada", "email_terkirim_pada"]
    list_filter = ["kirim_email"]
    list_select_related = ["penerima"]
    search_fields = ["judul", "penerima__username"]
    autocomplete_fields = ["penerima"]
    readonly_fields = ["dibuat_pada", "dibaca_pada", "email_terkirim_pada"]


@admin.register(ImporBerkas)
class ImporBerkasAdmin(HanyaBaca, admin.ModelAdmin):
    """Riwayat impor, hanya dibaca; setiap baris membuka halaman impornya."""

    list_display = [
        "berkas_tautan",
        "jenis",
        "status",
        "ringkasan_laporan",
        "diunggah_oleh",
        "dibuat_pada",
        "selesai_pada",
    ]
    list_display_links = None
    list_filter = ["jenis", "status"]
    list_select_related = ["diunggah_oleh"]
    search_fields = ["nama_berkas"]
    date_hierarchy = "dibuat_pada"

    def get_queryset(self, request):
        # Laporan bisa besar: hanya jumlah-jumlahnya yang dibaca.
        return impor_list()

    def has_module_permission(self, request):
        return akses_for(request.user).admin_bkpsdm and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return akses_for(request.user).admin_bkpsdm and super().has_view_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        impor = self.get_object(request, object_id)
        url = impor_detail_url(self.admin_site, impor) if impor is not None else None
        if url is None:
            raise Http404
        return redirect(url)

    @admin.display(description=_("berkas"), ordering="nama_berkas")
    def berkas_tautan(self, obj):
        url = impor_detail_url(self.admin_site, obj)
        if url is None:
            return obj.nama_berkas
        return format_html('<a href="{}">{}</a>', url, obj.nama_berkas)

    @admin.display(description=_("ringkasan"))
    def ringkasan_laporan(self, obj):
        r = obj.ringkasan
        if not r:
            return "–"
        kunci = {"c": "created", "u": "updated", "t": "unchanged", "d": "ditolak_baris"}
        angka = {k: number_format(r.get(v, 0), force_grouping=True) for k, v in kunci.items()}
        return _("dibuat %(c)s, diperbarui %(u)s, tidak berubah %(t)s, ditolak %(d)s baris") % angka


from pegawai import admin_kompetensi  # noqa: E402, F401  (standar and asesmen kompetensi)
