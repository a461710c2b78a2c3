"""Budget report pages: plan against realisation for a year (/laporan/anggaran/, with XLSX and
PDF downloads) and what bringing every ASN to the JP target would cost
(/laporan/anggaran/target/). For Admin BKPSDM and pimpinan; anyone else gets a 404, so the
pages look as if they did not exist."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from fpdf.enums import XPos, YPos

from laporan import anggaran, selectors
from pegawai.ekspor import Lembar, xlsx_response
from pegawai.tanggal import format_tanggal
from pelatihan.dokumen import HURUF, _Dokumen, _teks


class LaporanAnggaranForm(forms.Form):
    """The query string of the budget pages: the budget year and, for downloads, the format."""

    tahun = forms.IntegerField(
        label=gettext_lazy("Tahun"),
        required=False,
        error_messages={"invalid": gettext_lazy("Tahun harus berupa angka, misalnya 2025.")},
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format unduhan"),
        required=False,
        choices=[("", "HTML"), ("xlsx", "XLSX"), ("pdf", "PDF")],
    )

    def clean_tahun(self):
        tahun = self.cleaned_data["tahun"]
        if tahun is None:
            return selectors.tahun_ini()
        if not selectors.TAHUN_MINIMUM <= tahun <= selectors.tahun_maksimum():
            raise forms.ValidationError(
                gettext_lazy("Tahun harus antara %(awal)s dan %(akhir)s."),
                params={"awal": selectors.TAHUN_MINIMUM, "akhir": selectors.tahun_maksimum()},
            )
        return tahun


def _cek_akses(request) -> None:
    if not anggaran.boleh_lihat_anggaran(request.user):
        raise Http404("Halaman tidak ditemukan.")


@login_required
@require_GET
def laporan_anggaran(request):
    """/laporan/anggaran/?tahun=: pagu, allocated, realised and remaining per funding source, OPD
    and program; absorption per month; cost per participant and per JP; ``format=xlsx|pdf``."""
    _cek_akses(request)
    template = "laporan/anggaran.html"
    form = LaporanAnggaranForm(request.GET)
    if not form.is_valid():
        return render(request, template, {"form": form}, status=400)
    tahun = form.cleaned_data["tahun"]
    data = anggaran.laporan_anggaran(tahun)
    if form.cleaned_data["format"] == "xlsx":
        return xlsx_response(f"anggaran-{tahun}.xlsx", _lembar_xlsx(data))
    if form.cleaned_data["format"] == "pdf":
        response = HttpResponse(_pdf(data), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="anggaran-{tahun}.pdf"'
        return response
    return render(
        request,
        template,
        {
            "form": form,
            **data,
            "pilihan_tahun": anggaran.pilihan_tahun_anggaran(selectors.tahun_ini()),
            "grafik_penyerapan": anggaran.grafik_penyerapan(data["penyerapan"]),
            "grafik_sumber": anggaran.grafik_sumber(data["sumber"]),
        },
    )


@login_required
@require_GET
def laporan_anggaran_target(request):
    """/laporan/anggaran/target/?tahun=: ASN below their JP target per OPD and the estimated
    cost of bringing them to it, from the city's own cost per JP."""
    _cek_akses(request)
    template = "laporan/anggaran_target.html"
    form = LaporanAnggaranForm(request.GET)
    if not form.is_valid():
        return render(request, template, {"form": form}, status=400)
    tahun = form.cleaned_data["tahun"]
    return render(
        request,
        template,
        {
            "form": form,
            "tahun": tahun,
            "target": anggaran.biaya_menuju_target(tahun),
            "pilihan_tahun": selectors.pilihan_tahun(),
        },
    )


# --- downloads ---------------------------------------------------------------------------------


def _lembar_anggaran(judul: str, kolom_kunci: str, kolom_jumlah: str, baris, total) -> Lembar:
    header = [
        kolom_kunci,
        "nama",
        kolom_jumlah,
        "pagu",
        "dialokasikan",
        "realisasi",
        "sisa",
        "persen_realisasi",
    ]
    return Lembar(
        judul,
        header,
        [
            (
                b.kunci,
                b.nama,
                b.jumlah,
                b.pagu,
                b.dialokasikan,
                b.realisasi,
                b.sisa,
                b.persen_realisasi,
            )
            for b in [*baris, total]
        ],
    )


def _lembar_xlsx(data: dict) -> list[Lembar]:
    """The page's tables as sheets; amounts are numbers (Rupiah) so that Excel can sum them."""
    return [
        _lembar_anggaran(
            _("Per sumber dana"), "sumber_dana", "jumlah_anggaran", data["sumber"], data["total"]
        ),
        _lembar_anggaran(
            _("Per perangkat daerah"), "kode_opd", "jumlah_anggaran", data["opd"], data["opd_total"]
        ),
        _lembar_anggaran(
            _("Per program"),
            "kode_program",
            "jumlah_kegiatan",
            data["program"],
            data["program_total"],
        ),
        Lembar(
            _("Penyerapan bulanan"),
            ["bulan", "nama_bulan", "realisasi", "kumulatif", "persen_kumulatif"],
            [
                (b.bulan, b.nama, b.realisasi, b.kumulatif, b.persen_kumulatif)
                for b in data["penyerapan"]
            ],
        ),
        Lembar(
            _("Biaya per jenis"),
            [
                "kode_jenis",
                "jenis_pengembangan",
                "jumlah_kegiatan",
                "realisasi",
                "peserta_lulus",
                "jp_dikreditkan",
                "biaya_per_peserta",
                "biaya_per_jp",
            ],
            [
                (
                    b.kode,
                    b.nama,
                    b.jumlah_kegiatan,
                    b.realisasi,
                    b.peserta,
                    b.jp,
                    b.biaya_per_peserta,
                    b.biaya_per_jp,
                )
                for b in [*data["biaya"], data["biaya_total"]]
            ],
        ),
        Lembar(
            _("Ringkasan"),
            [_("Keterangan"), _("Nilai")],
            [
                ["tahun", data["tahun"]],
                ["dibuat_pada", timezone.localtime().replace(tzinfo=None)],
            ],
        ),
    ]


def _tabel(pdf, judul: str, kepala: list[str], baris: list[list[str]], lebar) -> None:
    pdf.ln(2)
    pdf.baris(judul, ukuran=11, gaya="B")
    pdf.set_font(HURUF, "", 8)
    rata = ("LEFT", *(["RIGHT"] * (len(kepala) - 1)))
    with pdf.table(col_widths=lebar, line_height=5, text_align=rata) as tabel:
        row = tabel.row()
        for teks in kepala:
            row.cell(_teks(teks))
        for isi in baris:
            row = tabel.row()
            for teks in isi:
                row.cell(_teks(teks))
    pdf.set_x(pdf.l_margin)


def _persen_teks(nilai) -> str:
    return "–" if nilai is None else f"{nilai:.2f}".replace(".", ",") + "%"


def _baris_pdf(baris, total) -> list[list[str]]:
    return [
        [
            b.nama,
            b.pagu_rp,
            b.dialokasikan_rp,
            b.realisasi_rp,
            b.sisa_rp,
            _persen_teks(b.persen_realisasi),
        ]
        for b in [*baris, total]
    ]


def _pdf(data: dict) -> bytes:
    """The same tables on A4 landscape, with the BKPSDM letterhead."""
    tahun = data["tahun"]
    judul = _("Laporan Anggaran Pengembangan Kompetensi ASN Tahun %(tahun)s") % {"tahun": tahun}
    pdf = _Dokumen(orientasi="L", judul=judul)
    pdf.add_page()
    pdf.kop()
    pdf.baris(judul, ukuran=13, gaya="B", rata="C")
    pdf.baris(
        _("Dicetak %(tanggal)s") % {"tanggal": format_tanggal(timezone.localdate())},
        ukuran=9,
        rata="C",
    )
    lebar = (85, 38, 38, 38, 38, 30)
    kolom = [_("Pagu"), _("Dialokasikan"), _("Realisasi"), _("Sisa"), _("% realisasi")]
    _tabel(
        pdf,
        _("Per sumber dana"),
        [_("Sumber dana"), *kolom],
        _baris_pdf(data["sumber"], data["total"]),
        lebar,
    )
    _tabel(
        pdf,
        _("Per perangkat daerah"),
        [_("Pemegang anggaran"), *kolom],
        _baris_pdf(data["opd"], data["opd_total"]),
        lebar,
    )
    _tabel(
        pdf,
        _("Per program (alokasi ke kegiatan)"),
        [_("Program"), _("Dialokasikan"), _("Realisasi"), _("Sisa alokasi"), _("% realisasi")],
        [
            [b.nama, b.dialokasikan_rp, b.realisasi_rp, b.sisa_rp, _persen_teks(b.persen_realisasi)]
            for b in [*data["program"], data["program_total"]]
        ],
        (123, 38, 38, 38, 30),
    )
    _tabel(
        pdf,
        _("Penyerapan per bulan"),
        [_("Bulan"), _("Realisasi"), _("Kumulatif"), _("% pagu (kumulatif)")],
        [
            [b.nama, b.realisasi_rp, b.kumulatif_rp, _persen_teks(b.persen_kumulatif)]
            for b in data["penyerapan"]
        ],
        (85, 60, 60, 62),
    )
    _tabel(
        pdf,
        _("Biaya per peserta dan per JP menurut jenis pengembangan"),
        [
            _("Jenis"),
            _("Kegiatan"),
            _("Realisasi"),
            _("Peserta lulus"),
            _("JP"),
            _("Per peserta"),
            _("Per JP"),
        ],
        [
            [
                f"{b.kode} {b.nama}".strip(),
                str(b.jumlah_kegiatan),
                b.realisasi_rp,
                str(b.peserta),
                str(b.jp),
                b.biaya_per_peserta_rp,
                b.biaya_per_jp_rp,
            ]
            for b in [*data["biaya"], data["biaya_total"]]
        ],
        (85, 20, 38, 26, 20, 39, 39),
    )
    pdf.set_font(HURUF, "", 8)
    pdf.multi_cell(
        0,
        4,
        _teks(
            _(
                "Sisa = pagu - realisasi. Biaya per peserta dan per JP: realisasi alokasi "
                "kegiatan yang selesai pada tahun ini dibagi jumlah peserta lulus dan jumlah JP "
                "yang dikreditkan."
            )
        ),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    return pdf.hasil()
