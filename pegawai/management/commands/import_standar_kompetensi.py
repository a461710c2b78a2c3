"""`manage.py import_standar_kompetensi FILE [--dry-run] [--json] [--sheet NAMA]`.

Kolom ``JABATAN, KODE_KOMPETENSI, LEVEL``; aturannya di ``pegawai.impor_kompetensi``. Status keluar
dan bentuk JSON sama dengan ``import_pegawai`` (DESIGN §6).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from pegawai.impor import HasilImpor
from pegawai.impor_kompetensi import standar_kompetensi_import
from pegawai.management.commands.import_pegawai import PerintahImpor


class Command(PerintahImpor):
    help = gettext_lazy(
        "Impor standar kompetensi jabatan (JABATAN, KODE_KOMPETENSI, LEVEL) dari berkas .csv atau "
        ".xlsx; upsert menurut jabatan dan kompetensi. Status keluar 0 bila semua baris masuk, 1 "
        "bila ada baris ditolak, 2 bila berkas tidak dapat dibaca."
    )
    judul = gettext_lazy("Impor standar kompetensi jabatan")

    def layanan(self, berkas, **kwargs) -> HasilImpor:
        return standar_kompetensi_import(berkas, **kwargs)
