from django.contrib import admin

from pelatihan.models import JenisPengembangan


@admin.register(JenisPengembangan)
class JenisPengembanganAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "jalur", "siasn_jenis_diklat_id", "aktif"]
    list_filter = ["jalur", "aktif"]
    search_fields = ["kode", "nama"]
