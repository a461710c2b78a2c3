"""Impor riwayat pengembangan kompetensi (JP masa lalu) dari .csv/.xlsx (DESIGN §6).

Konvensinya sama dengan ``pegawai.impor`` (satu entri penolakan per masalah, urut baris; kolom
opsional yang tidak ada di berkas tidak mengubah data tersimpan). Tambahan untuk riwayat:

- Baris impor tercatat bersumber ``impor`` dan langsung terverifikasi.
- Catatan yang sama = NIP + nama pelatihan (huruf besar-kecil dan spasi diabaikan) + tanggal
  mulai + tanggal selesai. Salinan kedua di berkas yang sama ditolak; yang pertama tetap masuk.
- Bila catatan itu sudah tersimpan dari impor, impor ulang memperbarui jenis, penyelenggara, JP,
  dan sertifikatnya (dan menandainya terverifikasi), atau melaporkannya tidak berubah.
- Bila catatan itu sudah tersimpan dari sumber lain (kegiatan BKPSDM atau klaim ASN yang belum
  ditolak), baris dilaporkan "tidak berubah" dan catatan itu tidak disentuh: sumber tersebut
  yang berwenang atasnya, dan impor tidak membuat duplikat. Klaim yang sudah ditolak tidak
  dihitung sebagai catatan yang sama (batasan unik pun mengabaikannya).
- Nama pelatihan disimpan seperti tertulis pada impor pertama; ejaan lain dengan kunci yang sama
  tidak mengubahnya.

Kecepatan: nilai sel yang berulang (NIP, nama pelatihan, jenis, tanggal) diperiksa sekali per
berkas, per kolom dan per potongan baris (``Tabel.potongan``: nilai yang sudah dikenal hanya satu
pencarian dict, tanpa satu dict per baris); baris yang gagal diperiksa ulang satu per satu agar
pesannya sama urutannya. NIP dicari dalam satu query. Baris pegawai yang belum punya catatan
di-COPY langsung ke tabel riwayat; sisanya dimuat dengan COPY ke tabel sementara, lalu pencocokan,
UPDATE, dan INSERT masing-masing satu perintah SQL. Jumlah query tidak bergantung pada jumlah
baris. Bila baris yang akan ditulis banyak dibanding isi tabel riwayat, tabel itu dimuat massal
(:mod:`pegawai.impor_massal`: indeks dan foreign key dibangun ulang sekali di dalam transaksi yang
sama, dengan kunci ACCESS EXCLUSIVE selama impor). Berkas besar yang diimpor tanpa ``progress``
membuka transaksinya sebelum dibaca, dan begitu baris yang ditulis langsung mencapai ambang muat
massal, baris berikutnya di-COPY selagi baris sesudahnya masih diperiksa (:class:`_Penulis`); kunci
itu lalu dipegang juga selama sisa pembacaan.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import re
from collections.abc import Callable
from datetime import date
from functools import partial

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pegawai import impor_massal
from pegawai.berkas import baca_tabel
from pegawai.impor import (
    LANGKAH_KEMAJUAN,
    Gagal,
    HasilImpor,
    Ingatan,
    NilaiTidakValid,
    Penolakan,
    copy_biner,
    kunci_impor,
    nip_dari_sel,
    nip_sekaligus,
    salin_biner,
    tanpa_gc,
    teks_sekaligus,
    teks_sel,
    wajib,
)
from pegawai.impor_massal import muat_massal
from pegawai.models import Pegawai
from pegawai.tanggal import TanggalTidakValid, format_tanggal, parse_tanggal
from pelatihan.models import JenisPengembangan, RiwayatPengembangan, kunci_nama

__all__ = ["KOLOM_OPSIONAL", "KOLOM_WAJIB", "riwayat_import"]

KOLOM_WAJIB = (
    "NIP",
    "NAMA_PELATIHAN",
    "JENIS_PENGEMBANGAN",
    "TANGGAL_MULAI",
    "TANGGAL_SELESAI",
    "JP",
)
KOLOM_OPSIONAL = ("PENYELENGGARA", "NOMOR_SERTIFIKAT", "TANGGAL_SERTIFIKAT")

_JP_DESIMAL_NOL = re.compile(r"^(\d+)(?:[.,]0+)?$")


def _kunci(teks: str) -> str:
    return "".join(teks.split()).casefold()


def _jenis(nilai: object, jenis: dict[str, int]) -> int:
    teks = wajib(nilai, "JENIS_PENGEMBANGAN")
    pk = jenis.get(_kunci(teks))
    if pk is None:
        raise NilaiTidakValid(
            _(
                "Jenis pengembangan %(nilai)s tidak dikenal; tulis kodenya (KL01 sampai KL12, "
                "NKL01 sampai NKL13) atau namanya, misalnya KL03 atau Pelatihan Teknis"
            )
            % {"nilai": repr(teks)}
        )
    return pk


def _tanggal(nilai: object, kolom: str, hari_ini: date, *, wajib_diisi: bool) -> date | None:
    if nilai is not None and not isinstance(nilai, str | int | float | date):
        teks_sel(nilai)  # rumus tanpa nilai atau galat: pesan yang sama untuk semua kolom
    if nilai is None:
        if wajib_diisi:
            raise NilaiTidakValid(_("%(kolom)s wajib diisi") % {"kolom": kolom})
        return None
    try:
        tanggal = parse_tanggal(nilai)
    except TanggalTidakValid as exc:
        raise NilaiTidakValid(str(exc)) from None
    if tanggal > hari_ini:
        raise NilaiTidakValid(
            _(
                "%(kolom)s (%(tanggal)s) berada di masa depan; hanya riwayat yang sudah terjadi "
                "yang dapat diimpor"
            )
            % {"kolom": kolom, "tanggal": format_tanggal(tanggal)}
        )
    return tanggal


def _jp(nilai: object) -> int:
    if isinstance(nilai, bool):
        raise NilaiTidakValid(_("JP harus bilangan bulat 1 sampai 999"))
    if isinstance(nilai, int):
        jp = nilai
    elif isinstance(nilai, float):
        if not nilai.is_integer():
            raise NilaiTidakValid(
                _("JP %(nilai)s bukan bilangan bulat; JP harus bilangan bulat 1 sampai 999")
                % {"nilai": f"{nilai:g}".replace(".", ",")}
            )
        jp = int(nilai)
    else:
        teks = wajib(nilai, "JP")
        cocok = _JP_DESIMAL_NOL.match(teks.replace(" ", ""))
        if cocok is None:
            raise NilaiTidakValid(
                _("JP %(nilai)s bukan bilangan bulat; JP harus bilangan bulat 1 sampai 999")
                % {"nilai": repr(teks)}
            )
        jp = int(cocok[1])
    if not 1 <= jp <= 999:
        raise NilaiTidakValid(
            _("JP %(nilai)s di luar rentang; JP harus 1 sampai 999") % {"nilai": jp}
        )
    return jp


def _teks(nilai: object, kolom: str, maksimum: int, *, wajib_diisi: bool = False) -> str:
    teks = wajib(nilai, kolom) if wajib_diisi else teks_sel(nilai)
    if teks is None:
        return ""
    if len(teks) > maksimum:
        raise NilaiTidakValid(
            _("%(kolom)s terlalu panjang: %(n)s karakter, paling banyak %(maks)s")
            % {"kolom": kolom, "n": len(teks), "maks": maksimum}
        )
    return teks


def _nomor_sertifikat(nilai: object) -> str:
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return _teks(nilai, "NOMOR_SERTIFIKAT", 100)


def _nama_dan_kunci(nilai: object) -> tuple[str, str]:
    nama = _teks(nilai, "NAMA_PELATIHAN", 300, wajib_diisi=True)
    return nama, kunci_nama(nama)


@tanpa_gc
def riwayat_import(
    berkas,
    *,
    nama_berkas: str,
    dry_run: bool = False,
    sheet: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> HasilImpor:
    """Impor riwayat pengembangan dari berkas; satu transaksi untuk seluruh berkas.

    Parameter dan hasil sama dengan ``pegawai.impor.pegawai_import``.
    """
    hasil = HasilImpor()
    hari_ini = timezone.localdate()
    jenis: dict[str, int] = {}
    for pk, kode, nama in JenisPengembangan.objects.values_list("pk", "kode", "nama"):
        jenis[_kunci(nama)] = pk
        jenis[_kunci(kode)] = pk

    # NIP, nama pelatihan, jenis, tanggal, JP dan penyelenggara berulang: setiap ejaan diperiksa
    # sekali per berkas (nama yang sama sekaligus menjadi satu objek str). Nilai berkelas Gagal
    # adalah penolakan.
    periksa_nip = Ingatan(nip_dari_sel, "NIP", sekaligus=nip_sekaligus)
    periksa_nama = Ingatan(_nama_dan_kunci)
    periksa_jenis = Ingatan(_jenis, jenis)
    tanggal_wajib = partial(_tanggal, wajib_diisi=True)
    periksa_mulai = Ingatan(tanggal_wajib, "TANGGAL_MULAI", hari_ini)
    periksa_selesai = Ingatan(tanggal_wajib, "TANGGAL_SELESAI", hari_ini)
    periksa_jp = Ingatan(_jp)
    periksa_penyelenggara = Ingatan(_teks, "PENYELENGGARA", 200)
    periksa_tanggal_sertifikat = Ingatan(
        partial(_tanggal, wajib_diisi=False), "TANGGAL_SERTIFIKAT", hari_ini
    )
    # Nomor sertifikat hampir selalu unik: tidak diingat; kolom yang rapi diterima sekaligus.
    periksa_nomor_sertifikat = Ingatan(
        _nomor_sertifikat, batas=0, sekaligus=partial(teks_sekaligus, maksimum=100)
    )

    valid: list[tuple] = []
    data_baris: dict[int, dict] = {}
    pertama: dict[tuple, int] = {}
    with (
        baca_tabel(
            berkas,
            nama_berkas=nama_berkas,
            kolom_wajib=KOLOM_WAJIB,
            kolom_opsional=KOLOM_OPSIONAL,
            sheet=sheet,
        ) as tabel,
        contextlib.ExitStack() as tumpukan,
    ):
        if progress is not None and hasattr(progress, "total"):
            progress.total = tabel.jumlah_baris_perkiraan
        ada = set(tabel.kolom)
        # Berkas besar: transaksi dibuka sebelum pembacaan, dan baris yang lolos diserahkan ke
        # penulis selagi berkas masih dibaca (lihat _Penulis). Berkas kecil ditulis sesudahnya,
        # begitu pula bila ada ``progress``: ia boleh menulis ke basis data (impor latar admin
        # mencatat kemajuannya), yang tidak bisa dilakukan di koneksi yang sedang COPY dan tidak
        # akan terlihat dari dalam transaksi impor.
        penulis = None
        terima = valid.append
        if progress is None and (tabel.jumlah_baris_perkiraan or 0) >= impor_massal.BATAS_BARIS:
            tumpukan.enter_context(transaction.atomic())
            kunci_impor("impor_riwayat")
            cursor = tumpukan.enter_context(connection.cursor())
            penulis = tumpukan.enter_context(_Penulis(cursor, ada, hasil, dry_run=dry_run))
            penulis.muat_pegawai(None)
            terima = penulis.terima

        def masalah_baris(data: dict) -> list[tuple[str, str]]:
            """Semua masalah satu baris, menurut urutan kolom (jangan diubah: urutan penolakan
            sebuah baris). Hanya untuk baris yang gagal; nilainya sudah ada di ingatan."""
            masalah: list[tuple[str, str]] = []
            get = data.get
            for kolom, ingatan in (
                ("NIP", periksa_nip),
                ("NAMA_PELATIHAN", periksa_nama),
                ("JENIS_PENGEMBANGAN", periksa_jenis),
            ):
                if (hasil_sel := ingatan[get(kolom)]).__class__ is Gagal:
                    masalah.append((kolom, hasil_sel.pesan))
            mulai = periksa_mulai[get("TANGGAL_MULAI")]
            if mulai.__class__ is Gagal:
                masalah.append(("TANGGAL_MULAI", mulai.pesan))
                mulai = None
            selesai = periksa_selesai[get("TANGGAL_SELESAI")]
            if selesai.__class__ is Gagal:
                masalah.append(("TANGGAL_SELESAI", selesai.pesan))
                selesai = None
            if mulai is not None and selesai is not None and mulai > selesai:
                masalah.append(
                    (
                        "TANGGAL_MULAI",
                        _("Tanggal mulai (%(mulai)s) setelah tanggal selesai (%(selesai)s)")
                        % {"mulai": format_tanggal(mulai), "selesai": format_tanggal(selesai)},
                    )
                )
            if (jp := periksa_jp[get("JP")]).__class__ is Gagal:
                masalah.append(("JP", jp.pesan))
            for kolom, ingatan in (
                ("PENYELENGGARA", periksa_penyelenggara),
                ("NOMOR_SERTIFIKAT", periksa_nomor_sertifikat),
                ("TANGGAL_SERTIFIKAT", periksa_tanggal_sertifikat),
            ):
                if kolom in ada and (hasil_sel := ingatan[get(kolom)]).__class__ is Gagal:
                    masalah.append((kolom, hasil_sel.pesan))
            return masalah

        def per_kolom(kolom: dict, nama: str, ingatan, n: int, kosong):
            # Satu map per kolom: nilai yang sudah dikenal hanya satu pencarian dict (di C).
            if nama not in ada:
                return itertools.repeat(kosong, n)
            return ingatan.kolom(kolom[nama])

        dibaca = 0
        for nomor_baris, kolom in tabel.potongan():
            n = len(nomor_baris)
            for j, (nomor, nip, nama_kunci, jenis_id, mulai, selesai, jp, pe, ns, ts) in enumerate(
                zip(
                    nomor_baris,
                    periksa_nip.kolom(kolom["NIP"]),
                    map(periksa_nama.__getitem__, kolom["NAMA_PELATIHAN"]),
                    map(periksa_jenis.__getitem__, kolom["JENIS_PENGEMBANGAN"]),
                    map(periksa_mulai.__getitem__, kolom["TANGGAL_MULAI"]),
                    map(periksa_selesai.__getitem__, kolom["TANGGAL_SELESAI"]),
                    map(periksa_jp.__getitem__, kolom["JP"]),
                    per_kolom(kolom, "PENYELENGGARA", periksa_penyelenggara, n, ""),
                    per_kolom(kolom, "NOMOR_SERTIFIKAT", periksa_nomor_sertifikat, n, ""),
                    per_kolom(kolom, "TANGGAL_SERTIFIKAT", periksa_tanggal_sertifikat, n, None),
                    strict=False,
                )
            ):
                dibaca += 1
                if (
                    nip.__class__ is Gagal
                    or nama_kunci.__class__ is Gagal
                    or jenis_id.__class__ is Gagal
                    or mulai.__class__ is Gagal
                    or selesai.__class__ is Gagal
                    or jp.__class__ is Gagal
                    or pe.__class__ is Gagal
                    or ns.__class__ is Gagal
                    or ts.__class__ is Gagal
                    or mulai > selesai
                ):
                    data = {k: v[j] for k, v in kolom.items()}
                    masalah = masalah_baris(data)
                else:
                    nama, kunci = nama_kunci
                    sama = pertama.setdefault((nip, kunci, mulai, selesai), nomor)
                    if sama == nomor:
                        terima((nomor, nip, nama, kunci, jenis_id, pe, mulai, selesai, jp, ns, ts))
                        masalah = None
                    else:
                        data = {k: v[j] for k, v in kolom.items()}
                        masalah = [
                            (
                                "NAMA_PELATIHAN",
                                _(
                                    "Riwayat yang sama (NIP, nama pelatihan, tanggal mulai dan "
                                    "selesai) sudah ada di baris %(baris)s; salinan ini ditolak"
                                )
                                % {"baris": sama},
                            )
                        ]
                if masalah:
                    data_baris[nomor] = data
                    for kolom_masalah, pesan in masalah:
                        hasil.rejected.append(Penolakan(nomor, kolom_masalah, pesan, data))
                if progress is not None and dibaca % LANGKAH_KEMAJUAN == 0:
                    progress(dibaca)
        del pertama
        if penulis is not None:
            penulis.selesai()
            if dry_run:
                transaction.set_rollback(True)

    if valid:
        with (
            transaction.atomic(),
            connection.cursor() as cursor,
            _Penulis(cursor, ada, hasil, dry_run=dry_run) as penulis,
        ):
            kunci_impor("impor_riwayat")
            penulis.muat_pegawai(sorted({b[1] for b in valid}))
            for b in valid:
                penulis.terima(b)
            penulis.selesai()
            if dry_run:
                transaction.set_rollback(True)
    hasil.rejected.sort(key=lambda p: p.baris)
    if progress is not None:
        progress(dibaca)
    return hasil


_KOLOM_TULIS = (
    "pegawai_id",
    "nama_pelatihan",
    "nama_kunci",
    "jenis_id",
    "penyelenggara",
    "tanggal_mulai",
    "tanggal_selesai",
    "jp",
    "nomor_sertifikat",
    "tanggal_sertifikat",
)


class _Penulis:
    """Menulis baris yang lolos pemeriksaan (``terima``) ke tabel riwayat; ``selesai`` di akhir.

    Baris pegawai yang belum punya catatan tidak mungkin sama dengan catatan tersimpan: langsung
    di-COPY ke tabelnya. Sisanya dicocokkan lewat tabel sementara (:func:`_cocokkan`). Begitu
    baris yang langsung ditulis mencapai ambang muat massal (:func:`pegawai.impor_massal.ambang`),
    tabel riwayat dimuat massal dan baris berikutnya di-COPY seketika, selagi baris sesudahnya
    masih diperiksa: PostgreSQL menyisipkannya di inti prosesor lain. Baris yang sudah diterima
    tidak pernah dibatalkan oleh baris sesudahnya (dari catatan yang sama, salinan kedua yang
    ditolak), jadi tidak ada yang perlu dihapus kembali. Bila ambang tidak tercapai, semuanya
    ditulis di ``selesai`` seperti biasa.

    Harus dipakai sebagai konteks di dalam transaksi impor: bila impor gagal di tengah jalan,
    COPY dibatalkan dan muat massal tidak dibangun ulang (transaksinya dibatalkan).
    """

    def __init__(self, cursor, ada: set[str], hasil: HasilImpor, *, dry_run: bool) -> None:
        self.cursor = cursor
        self.ada = ada
        self.hasil = hasil
        self.dry_run = dry_run
        self.tabel = connection.ops.quote_name(RiwayatPengembangan._meta.db_table)
        self.pegawai: dict[str, int] = {}
        self.bercatatan: set[int] = set()
        self.langsung: list[tuple] = []
        self.dicocokkan: list[tuple] = []
        self.dialirkan = 0
        self._massal = contextlib.ExitStack()
        self._copy = contextlib.ExitStack()
        self._tulis = None
        self._ambang = math.inf
        # Sejak muat_massal dicoba (berhasil atau tidak) ia tidak dicoba lagi.
        self._dicoba = False

    def __enter__(self) -> _Penulis:
        return self

    def __exit__(self, *exc) -> None:
        self._copy.__exit__(*exc)
        self._massal.__exit__(*exc)

    def muat_pegawai(self, nips: list[str] | None) -> None:
        """NIP → id pegawai, dan pegawai mana yang sudah punya catatan yang belum ditolak (lewat
        indeks unik riwayat). ``None``: semua pegawai, dimuat sebelum berkas dibaca; baris lalu
        boleh ditulis sambil membaca."""
        tabel_pegawai = connection.ops.quote_name(Pegawai._meta.db_table)
        ditolak = RiwayatPengembangan.Status.DITOLAK
        saring, params = "", [ditolak]
        if nips is not None:
            # Satu parameter (NIP yang sudah diperiksa hanya berisi angka: satu teks berpemisah
            # koma), bukan daftar IN berisi puluhan ribu parameter.
            saring = " WHERE p.nip = ANY(string_to_array(%s, ','))"
            params.append(",".join(nips))
        self.cursor.execute(
            f"""
            SELECT p.nip, p.id, EXISTS (
                SELECT 1 FROM {self.tabel} AS r WHERE r.pegawai_id = p.id AND r.status <> %s
            )
            FROM {tabel_pegawai} AS p{saring}
            """,  # noqa: S608 - nama tabel dari kode, nilai lewat parameter
            params,
        )
        for nip, pk, ada_catatan in self.cursor.fetchall():
            self.pegawai[nip] = pk
            if ada_catatan:
                self.bercatatan.add(pk)
        if nips is None:
            self._ambang = impor_massal.ambang(RiwayatPengembangan)
        sekarang = timezone.now()
        self._ekor = (
            "",
            RiwayatPengembangan.Sumber.IMPOR,
            RiwayatPengembangan.Status.TERVERIFIKASI,
            "",
            sekarang,
            sekarang,
            sekarang,
        )

    def terima(self, b: tuple) -> None:
        """``b``: (baris, nip, nama, kunci, jenis_id, penyelenggara, mulai, selesai, jp,
        nomor_sertifikat, tanggal_sertifikat)."""
        pk = self.pegawai.get(b[1])
        if pk is None:
            self.hasil.rejected.append(
                Penolakan(
                    b[0],
                    "NIP",
                    _(
                        "NIP %(nip)s tidak terdaftar sebagai pegawai; impor data pegawainya lebih "
                        "dahulu"
                    )
                    % {"nip": b[1]},
                    {"NIP": b[1], "NAMA_PELATIHAN": b[2]},
                )
            )
        elif pk in self.bercatatan:
            self.dicocokkan.append((pk, *b[2:]))
        elif self._tulis is not None:
            self._tulis((pk, *b[2:], *self._ekor))
            self.dialirkan += 1
        else:
            self.langsung.append((pk, *b[2:]))
            if len(self.langsung) >= self._ambang:
                self._mulai_mengalir()

    def _mulai_mengalir(self) -> None:
        self._dicoba = True
        massal = self._massal.enter_context(
            muat_massal(RiwayatPengembangan, jumlah=len(self.langsung), pulihkan=not self.dry_run)
        )
        self._ambang = math.inf
        if not massal:
            return  # ditulis di selesai(), tetap di dalam konteks muat_massal yang sama
        copy = self._copy.enter_context(
            salin_biner(self.cursor, self.tabel, _KOLOM_LANGSUNG, RiwayatPengembangan)
        )
        self._tulis = copy.write_row
        _urutkan(self.langsung)
        for b in self.langsung:
            self._tulis((*b, *self._ekor))
        self.dialirkan = len(self.langsung)
        self.langsung = []

    def selesai(self) -> None:
        self._copy.close()
        self._tulis = None
        if not self._dicoba and not self.langsung and not self.dicocokkan:
            return
        cursor = self.cursor
        # Kedua langkah selalu dijalankan (yang kosong hanya beberapa milidetik), agar jumlah
        # query sama untuk setiap berkas.
        tulis_dicocokkan, jumlah_dicocokkan = _cocokkan(
            cursor, self.tabel, self.dicocokkan, self.ada
        )
        if not self._dicoba:
            self._massal.enter_context(
                muat_massal(
                    RiwayatPengembangan,
                    jumlah=len(self.langsung) + jumlah_dicocokkan,
                    pulihkan=not self.dry_run,
                )
            )
        dibuat = self.dialirkan
        if self.langsung or not self.dialirkan:
            dibuat += _tulis_langsung(cursor, self.tabel, self.langsung, self._ekor)
        baru, diperbarui = tulis_dicocokkan()
        self._massal.close()
        dibuat += baru
        hasil = self.hasil
        hasil.created += dibuat
        hasil.updated += diperbarui
        hasil.unchanged += (
            self.dialirkan + len(self.langsung) + len(self.dicocokkan) - dibuat - diperbarui
        )


_KOLOM_LANGSUNG = (
    *_KOLOM_TULIS,
    "berkas_sertifikat",
    "sumber",
    "status",
    "alasan_penolakan",
    "diverifikasi_pada",
    "dibuat_pada",
    "diubah_pada",
)


def _urutkan(baris: list[tuple]) -> None:
    # Urut pegawai dan tanggal: indeks (pegawai, …) bertambah di ujung kanannya.
    baris.sort(key=lambda b: (b[0], b[6], b[5]))


def _tulis_langsung(cursor, tabel: str, baris: list[tuple], ekor: tuple) -> int:
    """COPY ke tabel riwayat, urut pegawai dan tanggal (:func:`_urutkan`)."""
    _urutkan(baris)
    copy_biner(cursor, tabel, _KOLOM_LANGSUNG, RiwayatPengembangan, ((*b, *ekor) for b in baris))
    return len(baris)


def _cocokkan(cursor, tabel: str, baris: list[tuple], ada: set[str]):
    """Baris yang mungkin sama dengan catatan tersimpan: COPY ke tabel sementara, lalu
    pencocokan, UPDATE, dan INSERT masing-masing satu perintah SQL.

    Pencocokan dijalankan di sini; hasilnya ``(tulis, jumlah)``: ``tulis()`` menjalankan UPDATE
    dan INSERT dan mengembalikan (dibuat, diperbarui), ``jumlah`` banyaknya baris yang akan
    ditulisnya (untuk memilih cara menulis)."""
    impor = RiwayatPengembangan.Sumber.IMPOR
    terverifikasi = RiwayatPengembangan.Status.TERVERIFIKASI
    ditolak = RiwayatPengembangan.Status.DITOLAK
    # Isian opsional yang kolomnya tidak ada di berkas tidak dibandingkan dan tidak diubah.
    opsional = [
        k
        for k, kolom in (
            ("penyelenggara", "PENYELENGGARA"),
            ("nomor_sertifikat", "NOMOR_SERTIFIKAT"),
            ("tanggal_sertifikat", "TANGGAL_SERTIFIKAT"),
        )
        if kolom in ada
    ]
    dibanding = ["jenis_id", "jp", *opsional]
    sama = " AND ".join(f"r.{k} IS NOT DISTINCT FROM t.{k}" for k in dibanding)
    # Sisa impor sebelumnya dalam transaksi luar yang sama (ON COMMIT belum terjadi).
    cursor.execute("DROP TABLE IF EXISTS pg_temp.impor_riwayat")
    cursor.execute(
        """
        CREATE TEMP TABLE impor_riwayat (
            pegawai_id bigint, nama_pelatihan varchar(300), nama_kunci varchar(300),
            jenis_id bigint, penyelenggara varchar(200), tanggal_mulai date,
            tanggal_selesai date, jp smallint, nomor_sertifikat varchar(100),
            tanggal_sertifikat date, riwayat_id bigint, sumber varchar(10),
            sama boolean
        ) ON COMMIT DROP
        """
    )
    copy_biner(cursor, "impor_riwayat", _KOLOM_TULIS, RiwayatPengembangan, baris)
    cursor.execute("ANALYZE impor_riwayat")
    # Cocokkan dengan catatan tersimpan lewat indeks unik (pegawai, nama, tanggal).
    cursor.execute(
        f"""
        UPDATE impor_riwayat AS t
        SET riwayat_id = r.id, sumber = r.sumber,
            sama = ({sama} AND r.status = %s)
        FROM {tabel} AS r
        WHERE r.pegawai_id = t.pegawai_id AND r.nama_kunci = t.nama_kunci
          AND r.tanggal_mulai = t.tanggal_mulai AND r.tanggal_selesai = t.tanggal_selesai
          AND r.status <> %s
        """,  # noqa: S608 - nama kolom dari kode, nilai lewat parameter
        [terverifikasi, ditolak],
    )
    cursor.execute(
        "SELECT count(*) FILTER (WHERE riwayat_id IS NULL OR (sumber = %s AND NOT sama))"
        " FROM impor_riwayat",
        [impor],
    )
    (jumlah,) = cursor.fetchone()
    return partial(_tulis_dicocokkan, cursor, tabel, dibanding), jumlah


def _tulis_dicocokkan(cursor, tabel: str, dibanding: list[str]) -> tuple[int, int]:
    impor = RiwayatPengembangan.Sumber.IMPOR
    terverifikasi = RiwayatPengembangan.Status.TERVERIFIKASI
    ubah = ", ".join(f"{k} = t.{k}" for k in dibanding)
    cursor.execute(
        f"""
        UPDATE {tabel} AS r SET {ubah}, status = %s, diubah_pada = now()
        FROM impor_riwayat AS t
        WHERE r.id = t.riwayat_id AND t.sumber = %s AND NOT t.sama
        """,  # noqa: S608
        [terverifikasi, impor],
    )
    diperbarui = cursor.rowcount
    cursor.execute(
        f"""
        INSERT INTO {tabel} (
            pegawai_id, nama_pelatihan, nama_kunci, jenis_id, penyelenggara, tanggal_mulai,
            tanggal_selesai, jp, nomor_sertifikat, tanggal_sertifikat, berkas_sertifikat,
            sumber, status, alasan_penolakan, diverifikasi_pada, dibuat_pada, diubah_pada
        )
        SELECT pegawai_id, nama_pelatihan, nama_kunci, jenis_id,
               coalesce(penyelenggara, ''), tanggal_mulai, tanggal_selesai, jp,
               coalesce(nomor_sertifikat, ''), tanggal_sertifikat, '', %s, %s, '',
               now(), now(), now()
        FROM impor_riwayat WHERE riwayat_id IS NULL
        """,  # noqa: S608
        [impor, terverifikasi],
    )
    return cursor.rowcount, diperbarui
