"""The Django admin at city scale: the pegawai changelist of BKPSDM over 100,000 pegawai.

Builds a database of its own (``langsa_bench_admin``) on the configured server (DATABASE_URL, or the
embedded PostgreSQL), fills it with ``seed_demo --pegawai N``, then times each admin page through
Django's test client against the SQL that page fundamentally needs, run by psycopg on the same
data in the same run. Prints one line per page with both medians and their ratio.

    python bench/admin_pegawai.py [--pegawai 100000] [--ulang 7] [--basis-data NAMA]
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._bersama import database_url, median_ms, recreate_database, setup_django

DB_NAME = "langsa_bench_admin"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pegawai", type=int, default=100_000)
    parser.add_argument("--ulang", type=int, default=7)
    parser.add_argument("--basis-data", default=DB_NAME, help="dibuang dan dibuat ulang")
    args = parser.parse_args()

    url = database_url(args.basis_data)
    recreate_database(url)
    setup_django(url)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from pegawai.models import Pegawai, PerangkatDaerah

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    call_command("seed_demo", pegawai=args.pegawai, stdout=open(os.devnull, "w"))  # noqa: SIM115
    seed_s = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")

    setup_test_environment()
    client = Client()
    client.force_login(Pegawai.objects.get(user__username="admin.bkpsdm").user)
    sample = Pegawai.objects.order_by("id")[args.pegawai // 2]
    kata_nama = sample.nama.split()[-1]
    dinkes = PerangkatDaerah.objects.get(singkatan="DINKES")
    changelist = "/admin/pegawai/pegawai/"
    halaman_dalam = args.pegawai // 50 // 2

    # The SQL each page needs at least: its 50 rows with the joined names, plus a count when
    # the list is filtered (the admin pages must not do much more than this).
    kolom = (
        "SELECT p.id, p.nip, p.nama, p.gelar_depan, p.gelar_belakang, p.jenis_pegawai, p.aktif,"
        " g.kode, j.nama, o.singkatan FROM pegawai_pegawai p"
        " LEFT JOIN pegawai_golongan g ON g.id = p.golongan_id"
        " LEFT JOIN pegawai_jabatan j ON j.id = p.jabatan_id"
        " JOIN pegawai_perangkatdaerah o ON o.id = p.perangkat_daerah_id"
    )
    cari = "UPPER(p.nama::text) LIKE UPPER(%s) OR UPPER(p.nip::text) LIKE UPPER(%s)"
    cases = [
        ("daftar, halaman 1", {}, [(f"{kolom} ORDER BY p.nama, p.nip LIMIT 50", [])]),
        (
            f"daftar, halaman {halaman_dalam}",
            {"p": halaman_dalam},
            [(f"{kolom} ORDER BY p.nama, p.nip LIMIT 50 OFFSET %s", [halaman_dalam * 50])],
        ),
        (
            f"cari nama '{kata_nama}'",
            {"q": kata_nama},
            [
                (f"{kolom} WHERE {cari} ORDER BY p.nama, p.nip LIMIT 50", [f"%{kata_nama}%"] * 2),
                (f"SELECT COUNT(*) FROM pegawai_pegawai p WHERE {cari}", [f"%{kata_nama}%"] * 2),
            ],
        ),
        (
            "cari NIP (12 digit awal)",
            {"q": sample.nip[:12]},
            [
                (
                    f"{kolom} WHERE {cari} ORDER BY p.nama, p.nip LIMIT 50",
                    [f"%{sample.nip[:12]}%"] * 2,
                ),
                (
                    f"SELECT COUNT(*) FROM pegawai_pegawai p WHERE {cari}",
                    [f"%{sample.nip[:12]}%"] * 2,
                ),
            ],
        ),
        (
            "saring OPD Dinas Kesehatan",
            {"perangkat_daerah__id__exact": dinkes.pk},
            [
                (
                    f"{kolom} WHERE p.perangkat_daerah_id = %s ORDER BY p.nama, p.nip LIMIT 50",
                    [dinkes.pk],
                ),
                (
                    "SELECT COUNT(*) FROM pegawai_pegawai WHERE perangkat_daerah_id = %s",
                    [dinkes.pk],
                ),
            ],
        ),
    ]

    raw = connection.cursor()

    def run_sql(queries):
        for sql, params in queries:
            raw.execute(sql, params)
            raw.fetchall()

    print(
        f"Admin pegawai pada {args.pegawai:,} pegawai "
        f"(seed_demo {seed_s:.1f} s), median {args.ulang}x"
    )
    print(f"{'halaman':<34} {'admin ms':>9} {'SQL ms':>8} {'rasio':>7}")
    for nama, params, queries in cases:
        admin_ms = median_ms(lambda p=params: _get_ok(client, changelist, p), args.ulang)
        sql_ms = median_ms(lambda q=queries: run_sql(q), args.ulang)
        print(f"{nama:<34} {admin_ms:9.1f} {sql_ms:8.1f} {admin_ms / sql_ms:7.1f}x")

    ubah = f"/admin/pegawai/pegawai/{sample.pk}/change/"
    ubah_ms = median_ms(lambda: _get_ok(client, ubah, {}), args.ulang)
    ukuran = len(client.get(ubah).content)
    print(
        f"{'formulir ubah pegawai':<34} {ubah_ms:9.1f} {'':>8} {'':>7}"
        f"  ({ukuran / 1024:.0f} KB HTML)"
    )


def _get_ok(client, url, params):
    response = client.get(url, params)
    if response.status_code != 200:
        raise SystemExit(f"{url} {params}: HTTP {response.status_code}")
    return response


if __name__ == "__main__":
    main()
