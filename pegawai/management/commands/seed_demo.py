"""`manage.py seed_demo`: isi basis data dengan Kota Langsa demo (logikanya di pegawai/demo.py)."""

import time

from django.core.management.base import BaseCommand, CommandError

from pegawai import demo


class Command(BaseCommand):
    help = (
        "Mengisi basis data dengan data demo Kota Langsa yang realistis dan deterministik: semua "
        "perangkat daerah, pegawai PNS/CPNS/PPPK dengan NIP yang valid, atasan, dan akun demo. "
        "Menolak basis data yang sudah berisi data bukan demo."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--pegawai",
            type=int,
            default=demo.JUMLAH_PEGAWAI_BAWAAN,
            help=f"Jumlah pegawai (bawaan {demo.JUMLAH_PEGAWAI_BAWAAN}).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=demo.SEED_BAWAAN,
            help=f"Seed acak: seed yang sama, data yang sama (bawaan {demo.SEED_BAWAAN}).",
        )
        parser.add_argument(
            "--password",
            default=demo.PASSWORD_BAWAAN,
            help=f"Kata sandi semua akun demo (bawaan {demo.PASSWORD_BAWAAN}).",
        )

    def handle(self, *args, **options):
        mulai = time.perf_counter()
        try:
            hasil = demo.demo_build(
                jumlah_pegawai=options["pegawai"],
                seed=options["seed"],
                password=options["password"],
            )
        except (demo.DataBukanDemo, demo.JumlahPegawaiTidakCukup) as exc:
            raise CommandError(str(exc)) from exc
        detik = f"{time.perf_counter() - mulai:.1f}".replace(".", ",")

        out = self.stdout
        out.write(
            self.style.SUCCESS(
                f"Data demo Kota Langsa dibuat: {hasil.jumlah_pegawai} pegawai di "
                f"{hasil.jumlah_opd} perangkat daerah (seed {hasil.seed}) dalam {detik} detik."
            )
        )
        baris = [("Login", "Peran", "Perangkat daerah", "Nama", "Kata sandi")] + [
            (a.username, a.peran, a.perangkat_daerah, a.nama, hasil.password) for a in hasil.login
        ]
        lebar = [max(len(b[i]) for b in baris) for i in range(len(baris[0]))]
        out.write("")
        for i, b in enumerate(baris):
            out.write("  " + "  ".join(k.ljust(w) for k, w in zip(b, lebar, strict=True)).rstrip())
            if i == 0:
                out.write("  " + "  ".join("-" * w for w in lebar))
        contoh = hasil.login[-1]
        out.write("")
        out.write(
            "Setiap ASN juga dapat masuk dengan NIP-nya dan kata sandi yang sama "
            f"({hasil.password}), misalnya {contoh.username} dengan NIP {contoh.nip}."
        )
