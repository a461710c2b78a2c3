"""PDF documents of an event: the graduate's certificate (with a QR link to its public
verification page), the invitation letter to the OPDs and the attendance sheet.

Built with fpdf2 and segno, both pure Python. The core PDF fonts cover Latin-1 only, so text
passes through ``teks_pdf`` first: typographic quotes and dashes become their plain forms and
anything else outside Latin-1 becomes "?" rather than breaking the document.
"""

from __future__ import annotations

import datetime
import io

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

HURUF = "Helvetica"
HARI_PER_HALAMAN = 6  # attendance columns per page: room for a signature in each

_PENGGANTI = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def teks_pdf(nilai) -> str:
    """Teks untuk huruf bawaan PDF (Latin-1): tanda kutip dan pisah tipografis diganti, huruf
    lain di luar Latin-1 menjadi "?" alih-alih menggagalkan dokumen."""
    return str(nilai).translate(_PENGGANTI).encode("latin-1", "replace").decode("latin-1")


def _tanggal(tanggal: datetime.date) -> str:
    return date_format(tanggal, "j F Y")


def _rentang(mulai: datetime.date, selesai: datetime.date) -> str:
    if mulai == selesai:
        return _tanggal(mulai)
    return _("%(mulai)s s.d. %(selesai)s") % {
        "mulai": _tanggal(mulai),
        "selesai": _tanggal(selesai),
    }


def url_verifikasi(sertifikat) -> str:
    """The absolute address of the certificate's public verification page."""
    path = reverse("sertifikat-verifikasi", args=[sertifikat.kode])
    return settings.SITE_URL.rstrip("/") + path


def qr_png(data: str) -> bytes:
    """A QR code of ``data`` as PNG bytes (error correction M, the usual quiet zone)."""
    buffer = io.BytesIO()
    segno.make(data, error="m", micro=False).save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()


class DokumenPdf(FPDF):
    """Halaman A4 BKPSDM dengan judul dan penulis dokumen: dipakai sertifikat, undangan, daftar
    hadir, dan laporan anggaran (``laporan.anggaran``)."""

    def __init__(self, *, orientasi: str = "P", judul: str = "", kompres: bool = True):
        super().__init__(orientation=orientasi, unit="mm", format="A4")
        self.set_compression(kompres)
        self.set_title(teks_pdf(judul))
        self.set_author(teks_pdf(_("BKPSDM Kota Langsa")))
        self.set_creator("Langsa Kompetensi")
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)

    def baris(self, teks, *, ukuran=11, gaya="", tinggi=6, rata="L"):
        self.set_font(HURUF, gaya, ukuran)
        self.multi_cell(0, tinggi, teks_pdf(teks), align=rata, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def kop(self):
        self.baris(_("PEMERINTAH KOTA LANGSA"), ukuran=13, gaya="B", rata="C")
        self.baris(
            _("BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"),
            ukuran=12,
            gaya="B",
            rata="C",
        )
        self.baris(_("Kota Langsa, Aceh"), ukuran=10, rata="C")
        y = self.get_y() + 1
        self.set_line_width(0.6)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.set_line_width(0.2)
        self.ln(5)

    def tanda_tangan(self, *, jabatan: str, nama: str = "", nip: str = "", tempat_tanggal=""):
        x = self.w / 2 + 10
        lebar = self.w - self.r_margin - x
        self.ln(6)
        for teks, gaya, spasi in (
            (tempat_tanggal, "", 0),
            (jabatan, "", 18),
            (nama or "(....................................)", "B", 0),
            ((_("NIP. %(nip)s") % {"nip": nip}) if nip else "", "", 0),
        ):
            if not teks:
                continue
            self.set_x(x)
            self.set_font(HURUF, gaya, 11)
            self.multi_cell(lebar, 6, teks_pdf(teks), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(spasi)

    def hasil(self) -> bytes:
        return bytes(self.output())


# --- certificate ------------------------------------------------------------------------------


def sertifikat_pdf(sertifikat, *, jp: int, kompres: bool = True) -> bytes:
    """One graduate's certificate: number, name, NIP, program, JP, dates, signatory and the QR
    code of its verification address. ``sertifikat`` comes with its nominasi, kegiatan,
    program, lembaga and pegawai loaded."""
    nominasi = sertifikat.nominasi
    kegiatan, pegawai = nominasi.kegiatan, nominasi.pegawai
    pdf = DokumenPdf(
        orientasi="L",
        judul=_("Sertifikat %(nomor)s") % {"nomor": sertifikat.nomor},
        kompres=kompres,
    )
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, pdf.w - 16, pdf.h - 16)
    pdf.set_line_width(0.3)
    pdf.rect(11, 11, pdf.w - 22, pdf.h - 22)

    pdf.set_y(20)
    pdf.baris(_("PEMERINTAH KOTA LANGSA"), ukuran=13, gaya="B", rata="C")
    pdf.baris(
        _("BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"), ukuran=12, gaya="B", rata="C"
    )
    pdf.ln(4)
    pdf.baris(_("SERTIFIKAT"), ukuran=30, gaya="B", tinggi=14, rata="C")
    pdf.baris(_("Nomor: %(nomor)s") % {"nomor": sertifikat.nomor}, ukuran=12, rata="C")
    pdf.ln(4)
    pdf.baris(_("diberikan kepada"), ukuran=12, rata="C")
    pdf.baris(pegawai.nama_lengkap, ukuran=20, gaya="B", tinggi=11, rata="C")
    pdf.baris(_("NIP. %(nip)s") % {"nip": pegawai.nip}, ukuran=12, rata="C")
    pdf.ln(3)
    pdf.baris(
        _(
            "yang telah mengikuti dan dinyatakan LULUS %(program)s Angkatan %(angkatan)s "
            "yang diselenggarakan oleh %(lembaga)s pada tanggal %(tanggal)s "
            "dengan jumlah %(jp)s jam pelajaran (JP)."
        )
        % {
            "program": kegiatan.program.nama,
            "angkatan": kegiatan.angkatan,
            "lembaga": kegiatan.lembaga.nama,
            "tanggal": _rentang(kegiatan.tanggal_mulai, kegiatan.tanggal_selesai),
            "jp": jp,
        },
        ukuran=12,
        tinggi=7,
        rata="C",
    )

    url = url_verifikasi(sertifikat)
    sisi = 34
    y_qr = pdf.h - 22 - sisi - 8
    pdf.image(io.BytesIO(qr_png(url)), x=22, y=y_qr, w=sisi, h=sisi)
    pdf.set_xy(18, y_qr + sisi + 1)
    pdf.set_font(HURUF, "", 7)
    pdf.cell(sisi + 8, 4, teks_pdf(_("Pindai untuk verifikasi")), align="C")

    pdf.set_y(y_qr - 12)
    pdf.tanda_tangan(
        tempat_tanggal=_("Langsa, %(tanggal)s")
        % {"tanggal": _tanggal(sertifikat.diterbitkan_pada.date())},
        jabatan=sertifikat.penandatangan_jabatan,
        nama=sertifikat.penandatangan_nama,
        nip=sertifikat.penandatangan_nip,
    )
    return pdf.hasil()


# --- invitation letter ------------------------------------------------------------------------


def undangan_pdf(kegiatan, *, jp: int, kuota_opd, kompres: bool = True) -> bytes:
    """The letter inviting the OPDs to nominate staff: the event's data and the seats of each
    OPD (``kuota_opd``: KuotaOPD rows with their perangkat_daerah)."""
    pdf = DokumenPdf(judul=_("Undangan %(kegiatan)s") % {"kegiatan": kegiatan}, kompres=kompres)
    pdf.add_page()
    pdf.kop()
    hari_ini = datetime.date.today()
    pdf.baris(_("Nomor     : 800/      /BKPSDM/%(tahun)s") % {"tahun": hari_ini.year})
    pdf.baris(_("Sifat       : Penting"))
    pdf.baris(
        _("Perihal    : Permintaan peserta %(program)s Angkatan %(angkatan)s")
        % {"program": kegiatan.program.nama, "angkatan": kegiatan.angkatan}
    )
    pdf.ln(3)
    pdf.baris(_("Kepada Yth."))
    pdf.baris(_("Kepala Perangkat Daerah se-Kota Langsa"))
    pdf.baris(_("di tempat"))
    pdf.ln(3)
    pdf.baris(
        _(
            "Dalam rangka pengembangan kompetensi Aparatur Sipil Negara di lingkungan Pemerintah "
            "Kota Langsa, bersama ini kami mengundang Saudara untuk mengusulkan pegawai sebagai "
            "peserta kegiatan berikut:"
        )
    )
    pdf.ln(2)
    tempat = kegiatan.tempat or kegiatan.get_modalitas_display()
    data = [
        (_("Program"), kegiatan.program.nama),
        (_("Angkatan"), str(kegiatan.angkatan)),
        (_("Penyelenggara"), kegiatan.lembaga.nama),
        (_("Tanggal"), _rentang(kegiatan.tanggal_mulai, kegiatan.tanggal_selesai)),
        (_("Modalitas"), kegiatan.get_modalitas_display()),
        (_("Tempat"), tempat),
        (_("Jumlah JP"), str(jp)),
        (_("Kuota peserta"), str(kegiatan.kuota)),
        (_("Batas nominasi"), _tanggal(kegiatan.batas_nominasi)),
        (_("Biaya per peserta"), kegiatan.biaya_rupiah),
    ]
    pdf.set_font(HURUF, "", 11)
    with pdf.table(
        col_widths=(45, 135), first_row_as_headings=False, borders_layout="NONE", line_height=6
    ) as tabel:
        for label, nilai in data:
            row = tabel.row()
            row.cell(teks_pdf(label))
            row.cell(teks_pdf(nilai))
    pdf.ln(4)
    if kuota_opd:
        pdf.baris(_("Kuota peserta per perangkat daerah:"))
        pdf.ln(1)
        with pdf.table(col_widths=(12, 128, 40), line_height=6, text_align=("C", "L", "C")) as t:
            kepala = t.row()
            for judul in (_("No"), _("Perangkat daerah"), _("Kuota")):
                kepala.cell(teks_pdf(judul))
            for nomor, kuota in enumerate(kuota_opd, start=1):
                row = t.row()
                row.cell(str(nomor))
                row.cell(teks_pdf(kuota.perangkat_daerah.nama))
                row.cell(str(kuota.kuota))
    else:
        pdf.baris(
            _("Kuota tidak dibagi per perangkat daerah; setiap perangkat daerah dapat mengusulkan.")
        )
    pdf.ln(3)
    pdf.baris(
        _(
            "Usulan disampaikan melalui aplikasi Langsa Kompetensi paling lambat tanggal "
            "%(batas)s. Atas perhatian dan kerja sama Saudara, kami ucapkan terima kasih."
        )
        % {"batas": _tanggal(kegiatan.batas_nominasi)}
    )
    penandatangan = _penandatangan_default()
    pdf.tanda_tangan(
        tempat_tanggal=_("Langsa, %(tanggal)s") % {"tanggal": _tanggal(hari_ini)},
        **penandatangan,
    )
    return pdf.hasil()


def _penandatangan_default() -> dict[str, str]:
    return {
        "jabatan": getattr(
            settings, "SERTIFIKAT_PENANDATANGAN_JABATAN", _("Kepala BKPSDM Kota Langsa")
        ),
        "nama": getattr(settings, "SERTIFIKAT_PENANDATANGAN_NAMA", ""),
        "nip": getattr(settings, "SERTIFIKAT_PENANDATANGAN_NIP", ""),
    }


# --- attendance sheet -------------------------------------------------------------------------


def daftar_hadir_pdf(kegiatan, *, peserta, hari, kompres: bool = True) -> bytes:
    """Participants × days with a signature box in each cell; long events continue on further
    pages, ``HARI_PER_HALAMAN`` days at a time."""
    pdf = DokumenPdf(
        orientasi="L",
        judul=_("Daftar hadir %(kegiatan)s") % {"kegiatan": kegiatan},
        kompres=kompres,
    )
    peserta = list(peserta)
    for awal in range(0, max(len(hari), 1), HARI_PER_HALAMAN):
        bagian = hari[awal : awal + HARI_PER_HALAMAN]
        pdf.add_page()
        pdf.baris(_("DAFTAR HADIR PESERTA"), ukuran=14, gaya="B", rata="C")
        pdf.baris(
            _("%(program)s Angkatan %(angkatan)s")
            % {"program": kegiatan.program.nama, "angkatan": kegiatan.angkatan},
            ukuran=12,
            rata="C",
        )
        pdf.baris(
            _("%(tanggal)s — %(tempat)s")
            % {
                "tanggal": _rentang(kegiatan.tanggal_mulai, kegiatan.tanggal_selesai),
                "tempat": kegiatan.tempat or kegiatan.get_modalitas_display(),
            },
            ukuran=10,
            rata="C",
        )
        pdf.ln(3)
        lebar_hari = (pdf.epw - 10 - 70 - 45) / max(len(bagian), 1)
        pdf.set_font(HURUF, "", 9)
        with pdf.table(
            col_widths=(10, 70, 45, *([lebar_hari] * len(bagian))),
            line_height=5,
            text_align="LEFT",
        ) as tabel:
            kepala = tabel.row()
            for judul in (_("No"), _("Nama / NIP"), _("Perangkat daerah")):
                kepala.cell(teks_pdf(judul))
            for tanggal in bagian:
                kepala.cell(teks_pdf(date_format(tanggal, "D, j M Y")))
            if not peserta:
                kosong = tabel.row()
                kosong.cell(
                    teks_pdf(_("Belum ada peserta yang ditetapkan.")), colspan=3 + len(bagian)
                )
            for nomor, nominasi in enumerate(peserta, start=1):
                pegawai = nominasi.pegawai
                row = tabel.row()
                row.cell(str(nomor))
                row.cell(teks_pdf(f"{pegawai.nama_lengkap}\nNIP. {pegawai.nip}"))
                row.cell(
                    teks_pdf(pegawai.perangkat_daerah.singkatan or pegawai.perangkat_daerah.nama)
                )
                for _tanggal_hari in bagian:
                    # An empty box, tall enough to sign in.
                    row.cell("\n\n")
    return pdf.hasil()
