"""`manage.py import_asesmen_kompetensi FILE [--dry-run] [--json] [--sheet NAMA]`.

Kolom ``NIP, KODE_KOMPETENSI, LEVEL, TAHUN`` (opsional ``METODE``); aturannya di
``pegawai.impor_kompetensi``. Status keluar dan bentuk JSON sama dengan ``import_pegawai``
(DESIGN §6).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from pegawai.impor import HasilImpor
from pegawai.impor_kompetensi import asesmen_kompetensi_import
from pegawai.management.commands.import_pegawai import PerintahImpor


class Command(PerintahImpor):
    help = gettext_lazy(
        "Impor hasil asesmen kompetensi pegawai (NIP, KODE_KOMPETENSI, LEVEL, TAHUN, opsional "
        "METODE) dari berkas .csv atau .xlsx; upsert menurut NIP, kompetensi, dan tahun. Status "
        "keluar 0 bila semua baris masuk, 1 bila ada baris ditolak, 2 bila berkas tidak dapat "
        "dibaca."
    )
    judul = gettext_lazy("Impor asesmen kompetensi")

    def layanan(self, berkas, **kwargs) -> HasilImpor:
        return asesmen_kompetensi_import(berkas, **kwargs)
