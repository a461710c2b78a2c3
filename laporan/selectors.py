"""Read-only aggregations behind the dashboards. laporan owns no business data."""

from __future__ import annotations

from pegawai.akses import akses_for, pegawai_for, perangkat_daerah_for
from pegawai.models import PerangkatDaerah
from pegawai.selectors import ringkasan_pegawai


def beranda_for_user(user) -> dict:
    akses = akses_for(user)
    context: dict = {"akses": akses}
    if akses.lihat_semua:
        context["ringkasan_kota"] = ringkasan_pegawai(pegawai_for(user))
        context["jumlah_opd"] = PerangkatDaerah.objects.aktif().count()
    if akses.opd_ids:
        # One aggregate per OPD the user serves (normally exactly one).
        context["opd_saya"] = [
            {"opd": opd, "ringkasan": ringkasan_pegawai(opd.pegawai.all())}
            for opd in perangkat_daerah_for(user).filter(pk__in=akses.opd_ids).order_by("kode")
        ]
    return context
