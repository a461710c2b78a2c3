"""Tombol "Riwayat" di halaman ubah admin untuk baris yang diaudit: jejak perubahannya dari
pemicu PostgreSQL (:mod:`pelatihan.jejak`), bukan hanya catatan admin Django, sehingga perubahan
lewat halaman aplikasi, tugas latar, dan impor juga terlihat."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from pelatihan.jejak import jejak_perubahan


class JejakPerubahanAdmin:
    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request,
            "admin/jejak_perubahan.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Jejak perubahan: %(baris)s") % {"baris": obj},
                "subtitle": None,
                "module_name": str(capfirst(self.opts.verbose_name_plural)),
                "object": obj,
                "opts": self.opts,
                "perubahan": jejak_perubahan(self.model, obj.pk),
                **(extra_context or {}),
            },
        )
