"""Impor berkas di admin untuk Admin BKPSDM: unggah → pratinjau → konfirmasi (DESIGN §6).

Halaman-halamannya sama untuk setiap jenis data; yang berbeda dijelaskan oleh :class:`JenisImpor`
(kolom, petunjuk templat, tugas Celery). Admin sebuah model memakai :class:`ImporAdminMixin` dan
memberi ``impor = JenisImpor(...)`` miliknya sendiri, sehingga ``pegawai`` tidak perlu mengenal
aplikasi di atasnya.

Halaman impor tidak pernah memuat laporan utuh: jumlah dan satu halaman penolakan dipotong di
PostgreSQL (``jsonb``), jadi jumlah query dan ukuran yang dibaca tidak bergantung pada banyaknya
baris yang ditolak.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import JSONField
from django.db.models.expressions import RawSQL
from django.http import FileResponse, Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from pegawai.akses import akses_for
from pegawai.ekspor import Lembar, csv_response, tulis_xlsx, xlsx_response
from pegawai.models import ImporBerkas
from pegawai.services import IMPOR_LAPORAN_DATA, impor_cancel, impor_confirm, impor_create
from pegawai.tanggal import format_tanggal

IMPOR_MAKS_BYTES_BAWAAN = 50 * 1024 * 1024
PENOLAKAN_PER_HALAMAN = 200
IMPOR_TERAKHIR = 10
KOLOM_BARIS_ASAL = "BARIS_ASAL"
KOLOM_ALASAN = "ALASAN_PENOLAKAN"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_S = ImporBerkas.Status
STATUS_BERJALAN = frozenset({_S.DIUNGGAH, _S.MEMERIKSA, _S.MENGIMPOR})


@dataclass(frozen=True)
class JenisImpor:
    """Segala yang membedakan satu jenis impor di admin."""

    jenis: str  # ImporBerkas.Jenis
    judul: str  # judul halaman dan nama lembar data pada templat
    kolom_wajib: tuple[str, ...]
    kolom_opsional: tuple[str, ...]
    # (kolom, keterangan, contoh) untuk lembar "Petunjuk" templat XLSX, urut seperti kolomnya.
    petunjuk: tuple[tuple[str, str, str], ...]
    catatan: tuple[str, ...]  # catatan umum di bawah petunjuk kolom
    nama_templat: str  # nama berkas templat, tanpa akhiran
    check_task: Any
    run_task: Any
    # Kolom yang diformat Teks di templat: Excel merusak angka lebih dari 15 digit (NIP).
    kolom_teks: tuple[str, ...] = ()
    # Lembar tambahan templat berisi nilai rujukan (daftar OPD, jenis pengembangan).
    rujukan: Callable[[], Lembar] | None = field(default=None, compare=False)

    @property
    def kolom(self) -> tuple[str, ...]:
        return self.kolom_wajib + self.kolom_opsional


# ---------------------------------------------------------------------------------------------
# Formulir
# ---------------------------------------------------------------------------------------------


def impor_maks_bytes() -> int:
    return int(getattr(settings, "IMPOR_MAKS_BYTES", IMPOR_MAKS_BYTES_BAWAAN))


class ImporBerkasForm(forms.Form):
    berkas = forms.FileField(
        label=gettext_lazy("Berkas"),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    sheet = forms.CharField(
        label=gettext_lazy("Nama lembar (sheet)"),
        required=False,
        max_length=100,
        help_text=gettext_lazy(
            "Hanya untuk .xlsx. Kosongkan untuk memakai lembar pertama yang terlihat."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berkas"].help_text = _(
            "Berkas .csv atau .xlsx, paling besar %(maks)s. Baris pertama berisi nama kolom."
        ) % {"maks": filesizeformat(impor_maks_bytes())}

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        akhiran = PurePath(berkas.name or "").suffix.lower()
        if akhiran not in (".csv", ".xlsx"):
            raise ValidationError(
                _(
                    "Format %(akhiran)s tidak didukung; unggah berkas .csv atau .xlsx (berkas .xls "
                    "dibuka di Excel lalu disimpan sebagai .xlsx)."
                )
                % {"akhiran": akhiran or _("tanpa akhiran")}
            )
        maks = impor_maks_bytes()
        if berkas.size > maks:
            raise ValidationError(
                _(
                    "Berkas terlalu besar (%(ukuran)s); paling besar %(maks)s. Pecah berkas "
                    "menjadi beberapa bagian lalu unggah satu per satu."
                )
                % {"ukuran": filesizeformat(berkas.size), "maks": filesizeformat(maks)}
            )
        return berkas


# ---------------------------------------------------------------------------------------------
# Akses, alamat, dan pembacaan laporan
# ---------------------------------------------------------------------------------------------


def impor_allowed(model_admin, request) -> bool:
    """Hanya Admin BKPSDM yang juga boleh menambah data model itu."""
    return akses_for(request.user).admin_bkpsdm and model_admin.has_add_permission(request)


def _periksa_akses(model_admin, request) -> None:
    if not impor_allowed(model_admin, request):
        raise PermissionDenied


def _nama_url(model_admin, aksi: str) -> str:
    opts = model_admin.opts
    return f"{opts.app_label}_{opts.model_name}_{aksi}"


def _url(model_admin, aksi: str, *args) -> str:
    return reverse(f"{model_admin.admin_site.name}:{_nama_url(model_admin, aksi)}", args=args)


def impor_detail_url(admin_site, impor: ImporBerkas) -> str | None:
    """Halaman sebuah impor, di admin model yang menangani jenisnya."""
    for model_admin in admin_site._registry.values():
        if isinstance(model_admin, ImporAdminMixin) and model_admin.impor.jenis == impor.jenis:
            return _url(model_admin, "impor_detail", impor.pk)
    return None


_TABEL = ImporBerkas._meta.db_table
_LAPORAN_KECIL = f"'{{{','.join(IMPOR_LAPORAN_DATA)}}}'::text[]"
# Laporan yang ditampilkan: hasil impor bila sudah selesai, selain itu pratinjau.
_LAPORAN = (
    f'CASE WHEN "{_TABEL}"."status" = \'selesai\' THEN "{_TABEL}"."hasil" '
    f'ELSE "{_TABEL}"."pratinjau" END'
)


def _ringkasan(kolom: str) -> RawSQL:
    """Laporan tanpa daftar penolakan dan data barisnya: hanya jumlah-jumlahnya."""
    # Nama kolom dari kode, bukan dari pengguna.
    return RawSQL(f'("{_TABEL}"."{kolom}" - {_LAPORAN_KECIL})', [], JSONField())  # noqa: S611


def impor_list():
    """Daftar impor dengan ringkasan laporannya saja (laporan utuh bisa besar)."""
    return (
        ImporBerkas.objects.select_related("diunggah_oleh")
        .defer("pratinjau", "hasil")
        .annotate(ringkasan=RawSQL(f"(({_LAPORAN}) - {_LAPORAN_KECIL})", [], JSONField()))  # noqa: S611
    )


def _impor_dengan_laporan(jenis: str, awal: int, akhir: int):
    return (
        ImporBerkas.objects.filter(jenis=jenis)
        .select_related("diunggah_oleh")
        .defer("pratinjau", "hasil")
        .annotate(
            ringkasan_pratinjau=_ringkasan("pratinjau"),
            ringkasan_hasil=_ringkasan("hasil"),
            jumlah_tersimpan=RawSQL(f"jsonb_array_length(({_LAPORAN}) -> 'rejected')", []),  # noqa: S611
            # Batas halaman dihitung dari bilangan bulat, dan dikirim sebagai parameter.
            penolakan=RawSQL(  # noqa: S611
                f"jsonb_path_query_array({_LAPORAN}, %s::jsonpath)",
                [f"$.rejected[{awal} to {akhir}]"],
                output_field=JSONField(),
            ),
        )
    )


def keterangan_kemajuan(status: str, diproses: int, jumlah_baris: int | None) -> tuple[str, int]:
    """Kalimat kemajuan dan persennya (0 bila tidak diketahui), untuk halaman dan JSON status."""
    if status == _S.DIUNGGAH:
        return _("Menunggu giliran pemeriksaan…"), 0
    if status not in (_S.MEMERIKSA, _S.MENGIMPOR):
        return str(_S(status).label), 100
    dibaca = number_format(diproses, force_grouping=True)
    if jumlah_baris:
        persen = min(100, diproses * 100 // jumlah_baris)
        if diproses >= jumlah_baris:
            if status == _S.MEMERIKSA:
                return _("Semua baris terbaca; menyusun pratinjau…"), 100
            return _("Semua baris terbaca; menyimpan ke basis data…"), 100
        teks = _("%(dibaca)s dari sekitar %(jumlah)s baris terbaca (%(persen)s%%)") % {
            "dibaca": dibaca,
            "jumlah": number_format(jumlah_baris, force_grouping=True),
            "persen": persen,
        }
    else:
        persen = 0
        teks = _("%(dibaca)s baris terbaca") % {"dibaca": dibaca}
    awalan = _("Memeriksa") if status == _S.MEMERIKSA else _("Mengimpor")
    return f"{awalan}: {teks}", persen


# ---------------------------------------------------------------------------------------------
# Halaman
# ---------------------------------------------------------------------------------------------


def _konteks(model_admin, request, **kwargs) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "jenis_impor": model_admin.impor,
        "url_unggah": _url(model_admin, "impor"),
        "url_templat_xlsx": _url(model_admin, "impor_templat_xlsx"),
        "url_templat_csv": _url(model_admin, "impor_templat_csv"),
        **kwargs,
    }


def impor_upload(request, model_admin):
    _periksa_akses(model_admin, request)
    jenis_impor: JenisImpor = model_admin.impor
    if request.method == "POST":
        form = ImporBerkasForm(request.POST, request.FILES)
        if form.is_valid():
            impor = impor_create(
                jenis=jenis_impor.jenis,
                berkas=form.cleaned_data["berkas"],
                sheet=form.cleaned_data["sheet"],
                diunggah_oleh=request.user,
                check_task=jenis_impor.check_task,
            )
            return redirect(_url(model_admin, "impor_detail", impor.pk))
    elif request.method == "GET":
        form = ImporBerkasForm()
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    terakhir = [
        (impor, _url(model_admin, "impor_detail", impor.pk))
        for impor in impor_list().filter(jenis=jenis_impor.jenis)[:IMPOR_TERAKHIR]
    ]
    return TemplateResponse(
        request,
        "admin/impor/unggah.html",
        _konteks(
            model_admin,
            request,
            title=jenis_impor.judul,
            form=form,
            impor_terakhir=terakhir,
        ),
    )


@require_GET
def impor_detail(request, model_admin, pk: int):
    _periksa_akses(model_admin, request)
    jenis_impor: JenisImpor = model_admin.impor
    try:
        halaman = max(1, int(request.GET.get("halaman", "1")))
    except ValueError:
        halaman = 1
    awal = (halaman - 1) * PENOLAKAN_PER_HALAMAN
    impor = get_object_or_404(
        _impor_dengan_laporan(jenis_impor.jenis, awal, awal + PENOLAKAN_PER_HALAMAN - 1), pk=pk
    )
    jumlah = impor.jumlah_tersimpan or 0
    jumlah_halaman = max(1, -(-jumlah // PENOLAKAN_PER_HALAMAN))
    if halaman > jumlah_halaman:
        raise Http404
    selesai = impor.status == _S.SELESAI
    keterangan, persen = keterangan_kemajuan(impor.status, impor.diproses, impor.jumlah_baris)
    ringkasan = impor.ringkasan_hasil if selesai else impor.ringkasan_pratinjau
    url_detail = _url(model_admin, "impor_detail", impor.pk)
    return TemplateResponse(
        request,
        "admin/impor/detail.html",
        _konteks(
            model_admin,
            request,
            title=jenis_impor.judul,
            subtitle=impor.nama_berkas,
            impor=impor,
            berjalan=impor.status in STATUS_BERJALAN,
            tahap_selesai=selesai,
            tampil_laporan=ringkasan is not None and impor.status in (_S.SIAP, _S.SELESAI),
            keterangan=keterangan,
            persen=persen,
            ringkasan=ringkasan,
            ringkasan_pratinjau=impor.ringkasan_pratinjau if selesai else None,
            boleh_konfirmasi=(
                impor.status == _S.SIAP
                and ringkasan is not None
                and (ringkasan["created"] or ringkasan["updated"])
            ),
            boleh_batal=impor.status in (_S.DIUNGGAH, _S.MEMERIKSA, _S.SIAP),
            pesan_dihapus=_pesan_dihapus(impor.dihapus_pada) if impor.dihapus_pada else "",
            penolakan=impor.penolakan or [],
            jumlah_penolakan=jumlah,
            nomor_awal=awal + 1,
            nomor_akhir=min(awal + PENOLAKAN_PER_HALAMAN, jumlah),
            halaman=halaman,
            jumlah_halaman=jumlah_halaman,
            url_sebelumnya=f"{url_detail}?halaman={halaman - 1}" if halaman > 1 else "",
            url_berikutnya=(
                f"{url_detail}?halaman={halaman + 1}" if halaman < jumlah_halaman else ""
            ),
            url_detail=url_detail,
            url_status=_url(model_admin, "impor_status", impor.pk),
            url_konfirmasi=_url(model_admin, "impor_konfirmasi", impor.pk),
            url_batal=_url(model_admin, "impor_batal", impor.pk),
            url_ditolak=_url(model_admin, "impor_ditolak", impor.pk),
        ),
    )


@require_GET
def impor_status(request, model_admin, pk: int):
    """Keadaan sebuah impor untuk bilah kemajuan (static/js/impor.js menanyakannya tiap detik)."""
    _periksa_akses(model_admin, request)
    data = (
        ImporBerkas.objects.filter(jenis=model_admin.impor.jenis, pk=pk)
        .values("status", "diproses", "jumlah_baris")
        .first()
    )
    if data is None:
        raise Http404
    keterangan, persen = keterangan_kemajuan(**data)
    return JsonResponse(
        {
            **data,
            "label": str(_S(data["status"]).label),
            "berjalan": data["status"] in STATUS_BERJALAN,
            "keterangan": keterangan,
            "persen": persen,
        }
    )


def _impor_atau_404(model_admin, pk: int) -> int:
    return get_object_or_404(
        ImporBerkas.objects.filter(jenis=model_admin.impor.jenis).only("pk"), pk=pk
    ).pk


@require_POST
def impor_konfirmasi(request, model_admin, pk: int):
    _periksa_akses(model_admin, request)
    impor_id = _impor_atau_404(model_admin, pk)
    if impor_confirm(impor_id=impor_id, run_task=model_admin.impor.run_task):
        messages.success(request, _("Impor dikonfirmasi dan sedang berjalan."))
    else:
        messages.warning(
            request,
            _(
                "Impor ini tidak sedang menunggu konfirmasi: sudah dikonfirmasi, dibatalkan, "
                "atau gagal."
            ),
        )
    return redirect(_url(model_admin, "impor_detail", impor_id))


@require_POST
def impor_batal(request, model_admin, pk: int):
    _periksa_akses(model_admin, request)
    impor_id = _impor_atau_404(model_admin, pk)
    if impor_cancel(impor_id=impor_id):
        messages.success(request, _("Impor dibatalkan; tidak ada data yang diubah."))
    else:
        messages.warning(
            request, _("Impor ini tidak dapat dibatalkan lagi: sudah diimpor, gagal, atau batal.")
        )
    return redirect(_url(model_admin, "impor_detail", impor_id))


def _pesan_dihapus(waktu) -> str:
    return _(
        "Berkas unggahan dan data asli baris yang ditolak sudah dihapus pada %(tanggal)s, "
        "%(hari)s hari setelah impor berakhir (perlindungan data pribadi). Jumlah-jumlahnya tetap "
        "tercatat; unggah ulang berkasnya bila perlu memeriksa barisnya lagi."
    ) % {
        "tanggal": format_tanggal(timezone.localtime(waktu).date()),
        "hari": settings.IMPOR_SIMPAN_HARI,
    }


@require_GET
def impor_ditolak(request, model_admin, pk: int):
    """Baris yang ditolak sebagai XLSX: BARIS_ASAL, kolom asli dalam urutan berkas, dan alasan.
    Lembar pertama dapat diperbaiki lalu diunggah ulang apa adanya."""
    _periksa_akses(model_admin, request)
    data = (
        ImporBerkas.objects.filter(jenis=model_admin.impor.jenis, pk=pk)
        .annotate(laporan=RawSQL(_LAPORAN, [], output_field=JSONField()))  # noqa: S611
        .values("nama_berkas", "status", "laporan", "dihapus_pada")
        .first()
    )
    if data is None or data["laporan"] is None:
        raise Http404
    if data["dihapus_pada"] is not None:
        messages.warning(request, _pesan_dihapus(data["dihapus_pada"]))
        return redirect(_url(model_admin, "impor_detail", pk))
    laporan = data["laporan"]
    judul = laporan.get("judul_kolom") or laporan.get("kolom") or []
    nilai_baris = laporan.get("data") or {}
    alasan: dict[int, list[str]] = {}
    for p in laporan.get("rejected", []):
        alasan.setdefault(p["row"], []).append(f"{p['column']}: {p['message']}")
    kosong = [None] * len(judul)
    baris = (
        [nomor, *nilai_baris.get(str(nomor), kosong), "; ".join(pesan)]
        for nomor, pesan in alasan.items()
    )
    tahap = _("hasil impor") if data["status"] == _S.SELESAI else _("pratinjau")
    keterangan = [
        [_("Berkas asal"), data["nama_berkas"]],
        [_("Tahap"), tahap],
        [_("Jumlah baris ditolak"), laporan.get("ditolak_baris", len(alasan))],
        [_("Baris dalam berkas ini"), len(alasan)],
        [
            _("Cara memakai"),
            _(
                "Perbaiki nilai pada lembar pertama menurut kolom %(alasan)s, lalu unggah lembar "
                "itu kembali. Kolom %(baris)s dan %(alasan)s diabaikan saat impor."
            )
            % {"alasan": KOLOM_ALASAN, "baris": KOLOM_BARIS_ASAL},
        ],
    ]
    if laporan.get("terpotong"):
        keterangan.append(
            [
                _("Catatan"),
                _(
                    "Hanya %(n)s baris ditolak pertama yang disimpan. Perbaiki dan unggah ulang "
                    "berkasnya untuk melihat sisanya."
                )
                % {"n": number_format(len(alasan), force_grouping=True)},
            ]
        )
    stem = PurePath(data["nama_berkas"]).stem or "impor"
    return xlsx_response(
        f"ditolak_{stem}.xlsx",
        [
            Lembar(_("Baris ditolak"), [KOLOM_BARIS_ASAL, *judul, KOLOM_ALASAN], baris),
            Lembar(_("Keterangan"), [_("Hal"), _("Isi")], keterangan),
        ],
    )


@require_GET
def impor_templat_xlsx(request, model_admin):
    """Templat kosong: lembar data (kolom wajib di kiri, berlatar kuning) dan lembar Petunjuk."""
    _periksa_akses(model_admin, request)
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    jenis_impor: JenisImpor = model_admin.impor
    wajib = set(jenis_impor.kolom_wajib)
    petunjuk = [
        [kolom, _("Ya") if kolom in wajib else _("Tidak"), str(keterangan), str(contoh)]
        for kolom, keterangan, contoh in jenis_impor.petunjuk
    ]
    petunjuk.append(["", "", "", ""])
    petunjuk.extend([_("Catatan"), "", str(teks), ""] for teks in jenis_impor.catatan)
    lembar = [
        Lembar(str(jenis_impor.judul), list(jenis_impor.kolom), []),
        Lembar(_("Petunjuk"), [_("KOLOM"), _("WAJIB"), _("KETERANGAN"), _("CONTOH")], petunjuk),
    ]
    if jenis_impor.rujukan is not None:
        lembar.append(jenis_impor.rujukan())
    mentah = io.BytesIO()
    tulis_xlsx(mentah, lembar)
    # Sel ditulis aman oleh ekspor; tampilan templat (penanda wajib, format Teks) ditambahkan di
    # sini. Berkasnya kecil, jadi dibuka penuh.
    mentah.seek(0)
    wb = load_workbook(mentah)
    data = wb.worksheets[0]
    kuning = PatternFill("solid", fgColor="FFE699")
    for i, kolom in enumerate(jenis_impor.kolom, start=1):
        huruf = get_column_letter(i)
        data.column_dimensions[huruf].width = max(14, len(kolom) + 4)
        if kolom in jenis_impor.kolom_teks:
            data.column_dimensions[huruf].number_format = "@"
        if kolom in wajib:
            sel = data.cell(row=1, column=i)
            sel.fill = kuning
            sel.comment = Comment(_("Wajib diisi"), "BKPSDM")
    data.freeze_panes = "A2"
    lembar_petunjuk = wb.worksheets[1]
    for huruf, lebar in (("A", 22), ("B", 8), ("C", 90), ("D", 34)):
        lembar_petunjuk.column_dimensions[huruf].width = lebar
    for (sel,) in lembar_petunjuk.iter_rows(min_col=3, max_col=3, min_row=2):
        sel.alignment = Alignment(wrap_text=True, vertical="top")
    keluaran = io.BytesIO()
    wb.save(keluaran)
    keluaran.seek(0)
    return FileResponse(
        keluaran,
        as_attachment=True,
        filename=f"{jenis_impor.nama_templat}.xlsx",
        content_type=XLSX,
    )


@require_GET
def impor_templat_csv(request, model_admin):
    _periksa_akses(model_admin, request)
    jenis_impor: JenisImpor = model_admin.impor
    return csv_response(f"{jenis_impor.nama_templat}.csv", jenis_impor.kolom, [])


# ---------------------------------------------------------------------------------------------
# Pemasangan di ModelAdmin
# ---------------------------------------------------------------------------------------------


class ImporAdminMixin:
    """Halaman impor di bawah changelist model, dan tombol "Impor dari berkas" di changelist."""

    impor: JenisImpor

    def get_urls(self):
        halaman = [
            ("impor/", self.impor_upload_view, "impor"),
            ("impor/templat.xlsx", self.impor_templat_xlsx_view, "impor_templat_xlsx"),
            ("impor/templat.csv", self.impor_templat_csv_view, "impor_templat_csv"),
            ("impor/<int:pk>/", self.impor_detail_view, "impor_detail"),
            ("impor/<int:pk>/status/", self.impor_status_view, "impor_status"),
            ("impor/<int:pk>/konfirmasi/", self.impor_konfirmasi_view, "impor_konfirmasi"),
            ("impor/<int:pk>/batalkan/", self.impor_batal_view, "impor_batal"),
            ("impor/<int:pk>/ditolak.xlsx", self.impor_ditolak_view, "impor_ditolak"),
        ]
        # Sebelum URL bawaan: "<path:object_id>/" milik admin akan menelan "impor/".
        return [
            path(rute, self.admin_site.admin_view(view), name=_nama_url(self, aksi))
            for rute, view, aksi in halaman
        ] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        if impor_allowed(self, request):
            extra_context["url_impor"] = _url(self, "impor")
        return super().changelist_view(request, extra_context)

    def impor_upload_view(self, request):
        return impor_upload(request, self)

    def impor_templat_xlsx_view(self, request):
        return impor_templat_xlsx(request, self)

    def impor_templat_csv_view(self, request):
        return impor_templat_csv(request, self)

    def impor_detail_view(self, request, pk):
        return impor_detail(request, self, pk)

    def impor_status_view(self, request, pk):
        return impor_status(request, self, pk)

    def impor_konfirmasi_view(self, request, pk):
        return impor_konfirmasi(request, self, pk)

    def impor_batal_view(self, request, pk):
        return impor_batal(request, self, pk)

    def impor_ditolak_view(self, request, pk):
        return impor_ditolak(request, self, pk)


# ---------------------------------------------------------------------------------------------
# Impor data pegawai
# ---------------------------------------------------------------------------------------------

BENTUK_TANGGAL = gettext_lazy(
    "Bentuk tanggal yang diterima: 2024-08-17, 17-08-2024, 17/08/2024, 17.08.2024, "
    "17 Agustus 2024, 17 Agt 2024, atau sel tanggal Excel. Hari selalu di depan; tahun ditulis "
    "empat digit."
)
CATATAN_UMUM = (
    gettext_lazy(
        "Baris 1 berisi nama kolom. Huruf besar-kecil tidak dibedakan, spasi sama dengan garis "
        "bawah (Tanggal Lahir = TANGGAL_LAHIR), urutan kolom bebas, dan kolom lain diabaikan."
    ),
    gettext_lazy(
        "Kolom wajib berada di kiri dan judulnya berlatar kuning. Kolom opsional boleh dihapus: "
        "kolom yang tidak ada tidak mengubah data tersimpan, sedangkan kolom yang ada tetapi "
        "selnya kosong mengosongkan isian itu."
    ),
    BENTUK_TANGGAL,
    gettext_lazy(
        "Berkas CSV boleh UTF-8 atau Windows-1252, dengan pemisah koma atau titik koma (seperti "
        "yang ditulis Excel berbahasa Indonesia)."
    ),
    gettext_lazy(
        "Nilai berkode (jenis, OPD, golongan, Ya/Tidak) dicocokkan tanpa membedakan huruf "
        "besar-kecil dan spasi di tepinya. Baris kosong dilewati."
    ),
    gettext_lazy(
        "Setelah diunggah, berkas diperiksa dulu: halaman pratinjau menunjukkan berapa data yang "
        "akan dibuat, diperbarui, dan ditolak beserta alasannya. Tidak ada yang disimpan sebelum "
        "Anda menekan Konfirmasi impor. Baris yang ditolak dapat diunduh sebagai XLSX, "
        "diperbaiki, lalu diunggah ulang."
    ),
)


def _rujukan_opd() -> Lembar:
    from pegawai.models import PerangkatDaerah

    return Lembar(
        _("Daftar OPD"),
        [_("KODE"), _("SINGKATAN"), _("NAMA")],
        PerangkatDaerah.objects.filter(aktif=True)
        .order_by("kode")
        .values_list("kode", "singkatan", "nama"),
    )


def _impor_pegawai() -> JenisImpor:
    from pegawai.impor import KOLOM_OPSIONAL, KOLOM_WAJIB
    from pegawai.tasks import impor_pegawai_check_task, impor_pegawai_run_task

    return JenisImpor(
        jenis=ImporBerkas.Jenis.PEGAWAI,
        judul=gettext_lazy("Impor data pegawai"),
        kolom_wajib=KOLOM_WAJIB,
        kolom_opsional=KOLOM_OPSIONAL,
        petunjuk=(
            (
                "NIP",
                gettext_lazy(
                    "NIP PNS/CPNS atau NI PPPK, 18 digit. Spasi, titik, dan apostrof di depan "
                    "dibuang. Format kolom sebagai Teks: Excel hanya menyimpan 15 digit angka, "
                    "sehingga NIP yang tersimpan sebagai angka ditolak. Pegawai dicocokkan "
                    "menurut NIP (data yang ada diperbarui); NIP yang muncul dua kali dalam satu "
                    "berkas menolak semua barisnya."
                ),
                "198508172010011002",
            ),
            (
                "NAMA",
                gettext_lazy(
                    "Nama lengkap. Bila kolom GELAR_DEPAN dan GELAR_BELAKANG tidak ada, gelar yang "
                    "ditulis bersama nama dipisahkan otomatis."
                ),
                "Teuku Ahmad Fauzi, S.Kom.",
            ),
            ("JENIS_PEGAWAI", gettext_lazy("PNS, CPNS, atau PPPK."), "PNS"),
            (
                "PERANGKAT_DAERAH",
                gettext_lazy(
                    "Kode, singkatan, atau nama OPD yang terdaftar (lihat lembar Daftar OPD). OPD "
                    "yang tidak dikenal atau sudah tidak aktif menolak baris."
                ),
                "DINKES",
            ),
            (
                "JABATAN",
                gettext_lazy(
                    "Nama jabatan; jabatan yang belum ada dibuat otomatis. Untuk jabatan "
                    "fungsional tulis jenjangnya di akhir nama."
                ),
                "Pranata Komputer Ahli Muda",
            ),
            (
                "JENIS_JABATAN",
                gettext_lazy(
                    "JPT Utama, JPT Madya, JPT Pratama, Administrator, Pengawas, Pelaksana, atau "
                    "Fungsional."
                ),
                "Fungsional",
            ),
            ("GELAR_DEPAN", gettext_lazy("Gelar di depan nama, paling banyak 40 karakter."), "dr."),
            (
                "GELAR_BELAKANG",
                gettext_lazy("Gelar di belakang nama, paling banyak 60 karakter."),
                "S.Kom., M.Si.",
            ),
            (
                "JENIS_KELAMIN",
                gettext_lazy(
                    "L/P, Laki-laki/Perempuan, atau Pria/Wanita; harus sesuai dengan NIP."
                ),
                "L",
            ),
            (
                "TANGGAL_LAHIR",
                format_lazy(
                    "{} {}", gettext_lazy("Tanggal lahir; harus sesuai dengan NIP."), BENTUK_TANGGAL
                ),
                "17-08-1985",
            ),
            ("TEMPAT_LAHIR", gettext_lazy("Kota atau kabupaten tempat lahir."), "Langsa"),
            (
                "GOLONGAN",
                gettext_lazy(
                    "PNS: I/a sampai IV/e, boleh ditulis III/a, III.a, IIIa, 3a, atau Penata Muda "
                    "(III/a). PPPK: I sampai XVII. Golongan yang tidak ada menolak baris."
                ),
                "III/c",
            ),
            (
                "UNIT_KERJA",
                gettext_lazy("Unit kerja di OPD tersebut; yang belum ada dibuat otomatis."),
                "Subbagian Umum dan Kepegawaian",
            ),
            ("EMAIL", gettext_lazy("Alamat email yang sah."), "nama@langsakota.go.id"),
            (
                "NO_HP",
                gettext_lazy("Nomor HP, angka saja (spasi dan tanda hubung dibuang)."),
                "081234567890",
            ),
            (
                "NIP_ATASAN",
                gettext_lazy(
                    "NIP atasan langsung; harus ada di berkas yang sama atau sudah terdaftar. "
                    "Format kolom sebagai Teks."
                ),
                "198001152005012003",
            ),
            ("AKTIF", gettext_lazy("Ya atau Tidak; kosong berarti Ya."), "Ya"),
        ),
        catatan=CATATAN_UMUM,
        nama_templat="templat_impor_pegawai",
        check_task=impor_pegawai_check_task,
        run_task=impor_pegawai_run_task,
        kolom_teks=("NIP", "NIP_ATASAN", "NO_HP"),
        rujukan=_rujukan_opd,
    )


IMPOR_PEGAWAI = _impor_pegawai()
