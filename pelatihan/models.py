"""Development work: forms of development; programs, events and the JP ledger as they come."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisPengembangan(models.Model):
    """A form of development (Peraturan LAN 10/2018): KL01–KL12 classical, NKL01–NKL13 not."""

    class Jalur(models.TextChoices):
        KLASIKAL = "klasikal", _("Klasikal")
        NONKLASIKAL = "nonklasikal", _("Nonklasikal")

    kode = models.CharField(_("kode"), max_length=10, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    jalur = models.CharField(_("jalur"), max_length=20, choices=Jalur.choices)
    siasn_jenis_diklat_id = models.CharField(_("ID jenis diklat SIASN"), max_length=10, blank=True)
    aturan_pengakuan_jp = models.TextField(
        _("aturan pengakuan JP"),
        blank=True,
        help_text=_(
            "Untuk pembelajaran nonklasikal yang tidak memiliki tabel JP nasional: cara "
            "verifikator "
            "menetapkan JP yang diakui."
        ),
    )
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("jenis pengembangan")
        verbose_name_plural = _("jenis pengembangan")
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"
