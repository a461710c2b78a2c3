"""Reads on people and organisation, already scoped and joined for the pages that show them."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from pegawai.akses import notifikasi_for, pegawai_for
from pegawai.models import JenisPegawai, Pegawai
from pegawai.nip import bersihkan_nip


def pegawai_list_for_user(user, *, cari: str = "") -> QuerySet[Pegawai]:
    qs = pegawai_for(user).aktif().with_relations().order_by("perangkat_daerah__kode", "nama", "id")
    cari = cari.strip()
    if cari:
        nip = bersihkan_nip(cari)
        if nip.isdigit() and len(nip) >= 4:
            qs = qs.filter(nip__startswith=nip)
        else:
            qs = qs.filter(nama__icontains=cari)
    return qs


def ringkasan_pegawai(qs: QuerySet[Pegawai]) -> dict[str, int]:
    """Active pegawai by jenis, in one query."""
    aktif = qs.filter(aktif=True)
    hasil = aktif.aggregate(
        total=Count("id"),
        **{
            jenis.lower(): Count("id", filter=Q(jenis_pegawai=jenis))
            for jenis in JenisPegawai.values
        },
    )
    return hasil


def bawahan_langsung(pegawai: Pegawai) -> QuerySet[Pegawai]:
    return pegawai.bawahan.filter(aktif=True).select_related("jabatan").order_by("nama")


def notifikasi_belum_dibaca_count(user) -> int:
    return notifikasi_for(user).filter(dibaca_pada__isnull=True).count()
