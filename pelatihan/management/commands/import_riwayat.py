"""`manage.py import_riwayat FILE [--dry-run] [--json] [--sheet NAMA]` (DESIGN §6).

Konvensinya sama dengan ``import_pegawai``: status keluar 0/1/2 dan bentuk JSON yang sama.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from pegawai.impor import HasilImpor
from pegawai.management.commands.import_pegawai import PerintahImpor
from pelatihan.impor import riwayat_import


class Command(PerintahImpor):
    help = gettext_lazy(
        "Impor riwayat pengembangan kompetensi (JP masa lalu) dari berkas .csv atau .xlsx; baris "
        "impor langsung terverifikasi. Status keluar 0 bila semua baris masuk, 1 bila ada baris "
        "ditolak, 2 bila berkas tidak dapat dibaca."
    )
    judul = gettext_lazy("Impor riwayat pengembangan")

    def layanan(self, berkas, **kwargs) -> HasilImpor:
        return riwayat_import(berkas, **kwargs)
