"""Report jobs in the admin, for Admin BKPSDM: who asked for which city-wide export, how far it
got, and why one failed. Read only: jobs are asked for on the report pages, and the expiry task
deletes each with its file."""

from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from laporan.models import LaporanJob
from pegawai.admin import HanyaBaca
from pelatihan.admin import AdminBKPSDMSaja


@admin.register(LaporanJob)
class LaporanJobAdmin(AdminBKPSDMSaja, HanyaBaca, admin.ModelAdmin):
    list_display = ["nama_berkas", "jenis", "oleh", "status", "persen", "dibuat_pada", "ukuran_"]
    list_filter = ["status", "jenis"]
    list_select_related = ["oleh"]
    search_fields = ["oleh__username", "nama_berkas"]
    search_help_text = _("Cari dengan nama pengguna peminta atau nama berkas.")
    date_hierarchy = "dibuat_pada"
    fields = [
        "jenis",
        "parameter",
        "oleh",
        "status",
        "persen",
        "percobaan",
        "nama_berkas",
        "ukuran_",
        "pesan_galat",
        "dibuat_pada",
        "dimulai_pada",
        "selesai_pada",
    ]
    readonly_fields = fields

    @admin.display(description=_("ukuran"), ordering="ukuran")
    def ukuran_(self, obj):
        return filesizeformat(obj.ukuran) if obj.ukuran is not None else "–"
