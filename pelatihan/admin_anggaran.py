"""The admin of budgets: budgets with what is allocated, realised and left (one query for the
list), their allocations inline, realisation lines, and partner proposals with the action that
turns a committed one into a budget. Admin BKPSDM only.

Every write goes through ``pelatihan.anggaran``. The checks also run while the forms are
validated, under the same row locks; the admin wraps the whole request in one transaction, so
the locks taken then are held until the save, and what the form accepted is still true when
the services write it. Refusals appear as ordinary form errors, in Indonesian.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from pegawai.admin import LargeTableAdmin
from pelatihan.admin import AdminBKPSDMSaja
from pelatihan.admin_jejak import JejakPerubahanAdmin
from pelatihan.anggaran import (
    alokasi_check,
    alokasi_create,
    alokasi_delete,
    alokasi_update,
    alokasi_with_realisasi,
    anggaran_update_pagu,
    anggaran_with_jumlah,
    lock_anggaran,
    realisasi_check,
    realisasi_create,
    realisasi_delete,
    realisasi_update,
    usulan_pendanaan_commit,
)
from pelatihan.models import (
    AlokasiAnggaran,
    Anggaran,
    RealisasiAnggaran,
    UsulanPendanaan,
    format_rupiah,
)

NOL = Decimal("0.00")


def _rp(nilai) -> str:
    return "–" if nilai is None else format_rupiah(nilai)


def _pesan(e: ValidationError) -> str:
    return " ".join(e.messages)


# --- budgets with their allocations --------------------------------------------------------------


class AlokasiFormSet(forms.BaseInlineFormSet):
    """Checks the allocations as they will stand after the save against the pagu as it will
    stand, with the budget and its allocations locked, so that the services that then write
    them cannot refuse."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        anggaran = self.instance
        if anggaran.pagu is None:
            return  # the budget form shows its own error for the pagu
        tetap: dict[int, Decimal] = {}
        hapus: set[int] = set()
        baru = NOL
        for form in self.forms:
            if not form.cleaned_data:
                continue
            pk = form.instance.pk
            if self.can_delete and self._should_delete_form(form):
                if pk is not None:
                    hapus.add(pk)
                continue
            jumlah = form.cleaned_data.get("jumlah") or NOL
            if pk is None:
                baru += jumlah
            else:
                tetap[pk] = jumlah
        sekarang = lain = NOL
        realisasi: dict[int, Decimal] = {}
        if anggaran.pk is not None:
            lock_anggaran(anggaran.pk)
            milik = AlokasiAnggaran.objects.filter(anggaran_id=anggaran.pk)
            list(milik.select_for_update(of=("self",)).values_list("pk", flat=True))
            jumlah = milik.aggregate(
                semua=Sum("jumlah"), lain=Sum("jumlah", filter=~Q(pk__in=[*tetap, *hapus]))
            )
            sekarang, lain = jumlah["semua"] or NOL, jumlah["lain"] or NOL
            realisasi = dict(
                RealisasiAnggaran.objects.filter(alokasi_id__in=[*tetap, *hapus])
                .order_by()
                .values("alokasi_id")
                .annotate(s=Sum("jumlah"))
                .values_list("alokasi_id", "s")
            )
        galat = []
        for form in self.forms:
            pk = form.instance.pk
            if pk in hapus and realisasi.get(pk):
                galat.append(
                    gettext(
                        "Alokasi %(alokasi)s sudah direalisasikan %(realisasi)s; "
                        "tidak dapat dihapus."
                    )
                    % {"alokasi": _rp(form.instance.jumlah), "realisasi": _rp(realisasi[pk])}
                )
            elif pk in tetap and tetap[pk] < realisasi.get(pk, NOL):
                form.add_error(
                    "jumlah",
                    gettext(
                        "Alokasi tidak dapat dikurangi menjadi %(jumlah)s: sudah "
                        "direalisasikan %(realisasi)s."
                    )
                    % {"jumlah": _rp(tetap[pk]), "realisasi": _rp(realisasi[pk])},
                )
        total = lain + sum(tetap.values(), NOL) + baru
        pagu = anggaran.pagu
        if total > pagu:
            galat.append(
                gettext(
                    "Total alokasi %(total)s melebihi pagu %(pagu)s sebesar %(lebih)s. Sisa pagu "
                    "yang belum dialokasikan sebelum perubahan ini: %(sisa)s."
                )
                % {
                    "total": _rp(total),
                    "pagu": _rp(pagu),
                    "lebih": _rp(total - pagu),
                    "sisa": _rp(max(pagu - sekarang, NOL)),
                }
            )
        if galat:
            raise forms.ValidationError(galat)


class AlokasiInline(AdminBKPSDMSaja, admin.TabularInline):
    model = AlokasiAnggaran
    formset = AlokasiFormSet
    extra = 0
    fields = ["kegiatan", "rencana", "jumlah", "uraian", "realisasi_rp", "dibuat_oleh"]
    readonly_fields = ["realisasi_rp", "dibuat_oleh"]
    autocomplete_fields = ["kegiatan"]
    raw_id_fields = ["rencana"]

    def get_queryset(self, request):
        return alokasi_with_realisasi(super().get_queryset(request)).select_related(
            "kegiatan__program", "rencana", "dibuat_oleh"
        )

    @admin.display(description=_("realisasi"))
    def realisasi_rp(self, obj):
        return _rp(getattr(obj, "jumlah_realisasi", None)) if obj.pk else "–"


class PemegangFilter(admin.SimpleListFilter):
    title = _("pemegang anggaran")
    parameter_name = "pemegang"

    def lookups(self, request, model_admin):
        return [("pusat", _("BKPSDM (terpusat)")), ("opd", _("Perangkat daerah"))]

    def queryset(self, request, queryset):
        if self.value() == "pusat":
            return queryset.filter(perangkat_daerah__isnull=True)
        if self.value() == "opd":
            return queryset.filter(perangkat_daerah__isnull=False)
        return queryset


@admin.register(Anggaran)
class AnggaranAdmin(JejakPerubahanAdmin, AdminBKPSDMSaja, admin.ModelAdmin):
    inlines = [AlokasiInline]
    list_display = [
        "uraian",
        "tahun",
        "sumber_dana",
        "pemegang",
        "kode_rekening",
        "pagu_rp",
        "dialokasikan_rp",
        "realisasi_rp",
        "sisa_rp",
    ]
    list_filter = ["tahun", "sumber_dana", PemegangFilter]
    list_select_related = ["perangkat_daerah"]
    search_fields = ["uraian", "kode_rekening"]
    autocomplete_fields = ["perangkat_daerah"]
    readonly_fields = ["dialokasikan_rp", "realisasi_rp", "sisa_rp"]
    fieldsets = [
        (None, {"fields": ["tahun", "sumber_dana", "uraian", "kode_rekening", "perangkat_daerah"]}),
        (
            _("Pagu dan penggunaannya"),
            {"fields": ["pagu", "dialokasikan_rp", "realisasi_rp", "sisa_rp"]},
        ),
    ]

    def get_queryset(self, request):
        return anggaran_with_jumlah(super().get_queryset(request))

    @admin.display(description=_("pemegang"), ordering="perangkat_daerah__kode")
    def pemegang(self, obj):
        if obj.perangkat_daerah_id is None:
            return gettext("BKPSDM (terpusat)")
        return obj.perangkat_daerah.singkatan or obj.perangkat_daerah.nama

    @admin.display(description=_("pagu"), ordering="pagu")
    def pagu_rp(self, obj):
        return _rp(obj.pagu)

    @admin.display(description=_("dialokasikan"), ordering="dialokasikan")
    def dialokasikan_rp(self, obj):
        return _rp(getattr(obj, "dialokasikan", None))

    @admin.display(description=_("realisasi"), ordering="realisasi")
    def realisasi_rp(self, obj):
        return _rp(getattr(obj, "realisasi", None))

    @admin.display(description=_("sisa (pagu − realisasi)"), ordering="sisa")
    def sisa_rp(self, obj):
        sisa = getattr(obj, "sisa", None)
        if sisa is not None and sisa < 0:
            return format_html('<strong class="text-danger">{}</strong>', _rp(sisa))
        return _rp(sisa)

    def save_model(self, request, obj, form, change):
        # A lower pagu is applied after the allocations (save_related), so that lowering both
        # in one save works; the formset has already checked the final state under the lock.
        obj._pagu_baru = None
        lama = form.initial.get("pagu")
        if change and lama is not None and obj.pagu < lama:
            obj._pagu_baru, obj.pagu = obj.pagu, lama
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        anggaran = form.instance
        if getattr(anggaran, "_pagu_baru", None) is not None:
            anggaran_update_pagu(anggaran=anggaran, pagu=anggaran._pagu_baru, oleh=request.user)
            anggaran.pagu = anggaran._pagu_baru

    def save_formset(self, request, form, formset, change):
        if formset.model is not AlokasiAnggaran:
            return super().save_formset(request, form, formset, change)
        anggaran = form.instance
        oleh = request.user
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        dihapus = [f for f in formset.deleted_forms if f.instance.pk is not None]
        for f in dihapus:
            alokasi_delete(alokasi=f.instance, oleh=oleh)
            formset.deleted_objects.append(f.instance)
        diubah, dibuat = [], []
        for f in formset.forms:
            if f in formset.deleted_forms or not f.has_changed() or not f.cleaned_data:
                continue
            (diubah if f.instance.pk is not None else dibuat).append(f)
        # Decreases before increases and new allocations, so that moving money between two
        # allocations never passes through a state above the pagu.
        lama = dict(
            AlokasiAnggaran.objects.filter(pk__in=[f.instance.pk for f in diubah]).values_list(
                "pk", "jumlah"
            )
        )
        diubah.sort(key=lambda f: f.cleaned_data["jumlah"] - lama.get(f.instance.pk, NOL))
        for f in diubah:
            data = f.cleaned_data
            alokasi = alokasi_update(
                alokasi=f.instance,
                oleh=oleh,
                jumlah=data["jumlah"],
                kegiatan=data.get("kegiatan"),
                rencana=data.get("rencana"),
                uraian=data.get("uraian", ""),
            )
            formset.changed_objects.append((alokasi, f.changed_data))
        for f in dibuat:
            data = f.cleaned_data
            alokasi = alokasi_create(
                anggaran=anggaran,
                jumlah=data["jumlah"],
                kegiatan=data.get("kegiatan"),
                rencana=data.get("rencana"),
                uraian=data.get("uraian", ""),
                oleh=oleh,
            )
            f.instance = alokasi
            formset.new_objects.append(alokasi)
        return None


# --- allocations and realisation on their own ----------------------------------------------------


class AlokasiAdminForm(forms.ModelForm):
    class Meta:
        model = AlokasiAnggaran
        fields = ["anggaran", "kegiatan", "rencana", "jumlah", "uraian"]

    def clean(self):
        data = super().clean()
        anggaran, jumlah = data.get("anggaran"), data.get("jumlah")
        if anggaran is None or jumlah is None or self.errors:
            return data
        if self.instance.pk is not None and anggaran.pk != self.instance.anggaran_id:
            raise forms.ValidationError(
                gettext(
                    "Anggaran sebuah alokasi tidak dapat dipindah; hapus dan buat alokasi baru."
                )
            )
        try:
            alokasi_check(anggaran_id=anggaran.pk, jumlah=jumlah, alokasi_id=self.instance.pk)
        except ValidationError as e:
            raise forms.ValidationError(e.message_dict) from None
        return data


@admin.register(AlokasiAnggaran)
class AlokasiAnggaranAdmin(JejakPerubahanAdmin, AdminBKPSDMSaja, LargeTableAdmin):
    form = AlokasiAdminForm
    list_display = [
        "__str__",
        "anggaran",
        "kegiatan",
        "rencana",
        "jumlah_rp",
        "realisasi_rp",
        "sisa_rp",
    ]
    list_filter = ["anggaran__tahun", "anggaran__sumber_dana"]
    list_select_related = ["anggaran", "kegiatan__program", "rencana"]
    search_fields = ["uraian", "anggaran__uraian", "kegiatan__program__nama", "rencana__nama"]
    autocomplete_fields = ["anggaran", "kegiatan"]
    raw_id_fields = ["rencana"]

    def get_queryset(self, request):
        return alokasi_with_realisasi(super().get_queryset(request))

    @admin.display(description=_("jumlah"), ordering="jumlah")
    def jumlah_rp(self, obj):
        return _rp(obj.jumlah)

    @admin.display(description=_("realisasi"), ordering="jumlah_realisasi")
    def realisasi_rp(self, obj):
        return _rp(getattr(obj, "jumlah_realisasi", None))

    @admin.display(description=_("sisa alokasi"), ordering="sisa")
    def sisa_rp(self, obj):
        return _rp(getattr(obj, "sisa", None))

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            alokasi_update(
                alokasi=obj,
                oleh=request.user,
                jumlah=data["jumlah"],
                kegiatan=data.get("kegiatan"),
                rencana=data.get("rencana"),
                uraian=data.get("uraian", ""),
            )
            return
        baru = alokasi_create(
            anggaran=data["anggaran"],
            jumlah=data["jumlah"],
            kegiatan=data.get("kegiatan"),
            rencana=data.get("rencana"),
            uraian=data.get("uraian", ""),
            oleh=request.user,
        )
        obj.pk, obj.dibuat_oleh, obj.dibuat_pada = baru.pk, baru.dibuat_oleh, baru.dibuat_pada
        obj._state.adding = False

    def delete_model(self, request, obj):
        alokasi_delete(alokasi=obj, oleh=request.user)

    def delete_queryset(self, request, queryset):
        for alokasi in queryset:
            alokasi_delete(alokasi=alokasi, oleh=request.user)


class RealisasiAdminForm(forms.ModelForm):
    class Meta:
        model = RealisasiAnggaran
        fields = ["alokasi", "tanggal", "jumlah", "uraian", "nomor_bukti"]

    def clean(self):
        data = super().clean()
        alokasi, jumlah, tanggal = data.get("alokasi"), data.get("jumlah"), data.get("tanggal")
        if alokasi is None or jumlah is None or tanggal is None or self.errors:
            return data
        if self.instance.pk is not None and alokasi.pk != self.instance.alokasi_id:
            raise forms.ValidationError(
                gettext("Alokasi sebuah realisasi tidak dapat dipindah; hapus dan catat ulang.")
            )
        try:
            realisasi_check(
                alokasi_id=alokasi.pk, jumlah=jumlah, tanggal=tanggal, realisasi_id=self.instance.pk
            )
        except ValidationError as e:
            raise forms.ValidationError(e.message_dict) from None
        return data


@admin.register(RealisasiAnggaran)
class RealisasiAnggaranAdmin(JejakPerubahanAdmin, AdminBKPSDMSaja, LargeTableAdmin):
    form = RealisasiAdminForm
    list_display = ["tanggal", "alokasi", "jumlah_rp", "nomor_bukti", "uraian", "dibuat_oleh"]
    list_filter = ["alokasi__anggaran__tahun", "alokasi__anggaran__sumber_dana"]
    list_select_related = ["alokasi__anggaran", "dibuat_oleh"]
    search_fields = ["nomor_bukti", "uraian", "alokasi__anggaran__uraian"]
    autocomplete_fields = ["alokasi"]
    date_hierarchy = "tanggal"
    ordering = ["-tanggal", "-pk"]

    @admin.display(description=_("jumlah"), ordering="jumlah")
    def jumlah_rp(self, obj):
        return _rp(obj.jumlah)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        isi = {
            "tanggal": data["tanggal"],
            "jumlah": data["jumlah"],
            "uraian": data.get("uraian", ""),
            "nomor_bukti": data.get("nomor_bukti", ""),
        }
        if change:
            realisasi_update(realisasi=obj, oleh=request.user, **isi)
            return
        baru = realisasi_create(alokasi=data["alokasi"], oleh=request.user, **isi)
        obj.pk, obj.dibuat_oleh, obj.dibuat_pada = baru.pk, baru.dibuat_oleh, baru.dibuat_pada
        obj._state.adding = False

    def delete_model(self, request, obj):
        realisasi_delete(realisasi=obj, oleh=request.user)

    def delete_queryset(self, request, queryset):
        for realisasi in queryset:
            realisasi_delete(realisasi=realisasi, oleh=request.user)


# --- partner proposals ---------------------------------------------------------------------------


@admin.action(description=_("Jadikan anggaran"), permissions=["change"])
def jadikan_anggaran(modeladmin, request, queryset):
    """Turn each selected committed proposal into a budget (once; a repeat changes nothing)."""
    dibuat, gagal = 0, []
    for usulan in queryset.order_by("pk"):
        sudah = usulan.anggaran_id is not None
        try:
            anggaran = usulan_pendanaan_commit(usulan=usulan, oleh=request.user)
        except ValidationError as e:
            gagal.append(f"{usulan.mitra}: {_pesan(e)}")
            continue
        if not sudah:
            dibuat += 1
            modeladmin.message_user(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    gettext("Anggaran dibuat dari usulan %(mitra)s:") % {"mitra": usulan.mitra},
                    reverse("admin:pelatihan_anggaran_change", args=[anggaran.pk]),
                    str(anggaran),
                ),
                messages.SUCCESS,
            )
    if not dibuat and not gagal:
        modeladmin.message_user(
            request,
            gettext("Usulan terpilih sudah menjadi anggaran; tidak ada yang diubah."),
            messages.INFO,
        )
    for pesan in gagal:
        modeladmin.message_user(request, pesan, messages.WARNING)
    if dibuat > 1:
        modeladmin.message_user(
            request,
            ngettext("%(n)d anggaran dibuat.", "%(n)d anggaran dibuat.", dibuat) % {"n": dibuat},
            messages.SUCCESS,
        )


@admin.register(UsulanPendanaan)
class UsulanPendanaanAdmin(JejakPerubahanAdmin, AdminBKPSDMSaja, admin.ModelAdmin):
    list_display = [
        "mitra",
        "tahun",
        "sumber_dana",
        "jumlah_rp",
        "status",
        "diajukan_pada",
        "anggaran_tautan",
    ]
    list_filter = ["status", "sumber_dana", "tahun"]
    list_select_related = ["anggaran"]
    search_fields = ["mitra", "uraian"]
    readonly_fields = ["anggaran_tautan"]
    fields = [
        "mitra",
        "sumber_dana",
        "tahun",
        "uraian",
        "jumlah",
        "status",
        "diajukan_pada",
        "catatan",
        "anggaran_tautan",
    ]
    actions = [jadikan_anggaran]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.anggaran_id is not None:
            # Its budget exists: the commitment it records is history.
            return ["mitra", "sumber_dana", "tahun", "jumlah", "status", "anggaran_tautan"]
        return self.readonly_fields

    @admin.display(description=_("jumlah"), ordering="jumlah")
    def jumlah_rp(self, obj):
        return _rp(obj.jumlah)

    @admin.display(description=_("anggaran"))
    def anggaran_tautan(self, obj):
        if obj is None or obj.anggaran_id is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:pelatihan_anggaran_change", args=[obj.anggaran_id]),
            str(obj.anggaran),
        )
