"""`manage.py seed_demo`: isi basis data dengan Kota Langsa demo.

Perintah ini ada di lapisan teratas karena menyusun data demo semua aplikasi: ``pegawai.demo``
(orang, organisasi, akun) dan ``pegawai.demo_kompetensi`` (standar kompetensi, asesmen),
``pelatihan.demo`` (riwayat JP, lalu katalog, kegiatan dan nominasi) dan
``pelatihan.demo_perencanaan`` (kebutuhan AKPK, rencana, anggaran), lalu ``evaluasi.demo``
(umpan balik, evaluasi level 3, tindak lanjut, indikator).
Aplikasi berikutnya menambahkan langkahnya di :func:`_bangun` dan penghapusannya di
:func:`_hapus_lapisan_atas`.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from evaluasi import demo as evaluasi_demo
from pegawai import demo as pegawai_demo
from pegawai import demo_kompetensi as kompetensi_demo
from pelatihan import demo as pelatihan_demo
from pelatihan import demo_perencanaan as perencanaan_demo
from pelatihan.models import format_rupiah


def _hapus_lapisan_atas() -> None:
    """Data demo lama di atas pegawai, dari lapisan teratas ke bawah: ia merujuk data lapisan
    bawah dengan PROTECT. Sesudahnya ``pegawai.demo.demo_build`` mengganti pegawai demo lama
    (``pegawai.demo.demo_delete``) selagi penanda data demo masih ada."""
    evaluasi_demo.evaluasi_demo_delete()
    # Alokasi anggaran merujuk kegiatan, kebutuhan merujuk program dan pegawai (PROTECT).
    perencanaan_demo.perencanaan_demo_delete()
    pelatihan_demo.kegiatan_demo_delete()
    pelatihan_demo.demo_delete()
    kompetensi_demo.kompetensi_demo_delete()


def _bangun(*, jumlah_pegawai: int, seed: int, password: str):
    pegawai = pegawai_demo.demo_build(jumlah_pegawai=jumlah_pegawai, seed=seed, password=password)
    kompetensi = kompetensi_demo.kompetensi_demo_build(seed=seed)
    riwayat = pelatihan_demo.demo_build(seed=seed)
    kegiatan = pelatihan_demo.kegiatan_demo_build(seed=seed)
    perencanaan = perencanaan_demo.perencanaan_demo_build(seed=seed)
    evaluasi = evaluasi_demo.evaluasi_demo_build(seed=seed)
    return pegawai, kompetensi, riwayat, kegiatan, perencanaan, evaluasi


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _persen(x: float) -> str:
    return f"{x:.0f}%"


class Command(BaseCommand):
    help = (
        "Mengisi basis data dengan data demo Kota Langsa yang realistis dan deterministik: semua "
        "perangkat daerah, pegawai PNS/CPNS/PPPK dengan NIP yang valid, atasan, akun demo, dan "
        "riwayat JP sejak 2023 dengan klaim ASN, katalog pelatihan, kegiatan pada setiap status "
        "dengan nominasi dan kehadiran, standar dan asesmen kompetensi, kebutuhan AKPK, rencana "
        "pengembangan, anggaran dengan realisasinya, dan evaluasi. Menolak basis data yang sudah "
        "berisi data bukan demo."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--pegawai",
            type=int,
            default=pegawai_demo.JUMLAH_PEGAWAI_BAWAAN,
            help=f"Jumlah pegawai (bawaan {pegawai_demo.JUMLAH_PEGAWAI_BAWAAN}).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=pegawai_demo.SEED_BAWAAN,
            help=f"Seed acak: seed yang sama, data yang sama (bawaan {pegawai_demo.SEED_BAWAAN}).",
        )
        parser.add_argument(
            "--password",
            default=pegawai_demo.PASSWORD_BAWAAN,
            help=f"Kata sandi semua akun demo (bawaan {pegawai_demo.PASSWORD_BAWAAN}).",
        )

    def handle(self, *args, **options):
        mulai = time.perf_counter()
        try:
            with transaction.atomic():
                # Penolakan diperiksa sebelum apa pun dihapus atau ditulis.
                if pegawai_demo.demo_check(jumlah_pegawai=options["pegawai"]):
                    _hapus_lapisan_atas()
                hasil, kompetensi, riwayat, kegiatan, perencanaan, evaluasi = _bangun(
                    jumlah_pegawai=options["pegawai"],
                    seed=options["seed"],
                    password=options["password"],
                )
        except (pegawai_demo.DataBukanDemo, pegawai_demo.JumlahPegawaiTidakCukup) as exc:
            raise CommandError(str(exc)) from exc
        detik = f"{time.perf_counter() - mulai:.1f}".replace(".", ",")

        out = self.stdout
        out.write(
            self.style.SUCCESS(
                f"Data demo Kota Langsa dibuat: {hasil.jumlah_pegawai} pegawai di "
                f"{hasil.jumlah_opd} perangkat daerah (seed {hasil.seed}) dalam {detik} detik."
            )
        )
        # Buku besar seluruhnya: riwayat demo ditambah JP dari kegiatan demo yang selesai.
        jumlah_baris = riwayat.jumlah_baris + kegiatan.jumlah_riwayat
        out.write(
            f"Riwayat JP {riwayat.tahun_awal}–{riwayat.tahun_akhir}: "
            f"{_angka(jumlah_baris)} baris, termasuk {_angka(riwayat.jumlah_klaim)} "
            f"klaim ASN ({_angka(riwayat.klaim_menunggu)} menunggu verifikasi)."
        )
        out.write(
            f"Kegiatan pelatihan: {kegiatan.jumlah_kegiatan} kegiatan dari "
            f"{kegiatan.jumlah_program} program dan {kegiatan.jumlah_lembaga} lembaga mitra, "
            f"{_angka(kegiatan.jumlah_nominasi)} nominasi, "
            f"{_angka(kegiatan.jumlah_kehadiran)} catatan kehadiran, "
            f"{_angka(kegiatan.jumlah_riwayat)} baris riwayat JP dari kegiatan yang selesai."
        )
        out.write(
            f"Evaluasi: {_angka(evaluasi.reaksi_terisi)} dari {_angka(evaluasi.formulir_reaksi)} "
            f"umpan balik peserta dan {_angka(evaluasi.perilaku_terisi)} dari "
            f"{_angka(evaluasi.formulir_perilaku)} evaluasi penerapan (level 3) terisi, "
            f"{evaluasi.tindak_lanjut} tindak lanjut, {evaluasi.nilai_indikator} nilai "
            "indikator hasil (level 4)."
        )
        komp, renc = kompetensi, perencanaan
        out.write(
            f"Perencanaan dan anggaran: {_angka(komp.pegawai_diases)} pegawai diases "
            f"{komp.tahun_awal}–{komp.tahun_akhir} ({_persen(komp.persen_diases)}), "
            f"{_angka(komp.pegawai_berkesenjangan)} dengan kesenjangan; "
            f"{renc.jumlah_kebutuhan} kebutuhan AKPK {renc.tahun_rencana} "
            f"({renc.kebutuhan_belum_tercakup} terverifikasi belum masuk rencana); rencana "
            f"{renc.tahun_rencana} {renc.baris_rencana} baris, {format_rupiah(renc.biaya_rencana)} "
            f"untuk pagu APBK {format_rupiah(renc.pagu_apbk_rencana)}; anggaran "
            f"{renc.tahun_anggaran} {format_rupiah(renc.pagu)}, terealisasi "
            f"{_persen(renc.persen_realisasi)}."
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
