"""Certificate files of JP claims: size and type checked by content, never by name.

A certificate is personal data and is served back through a checked view, so the only types
accepted are those a browser shows safely inline: PDF, JPEG and PNG. The type is read from the
first bytes of the file (no libmagic on the servers), and the stored name takes the extension of
the detected type, so a PNG sent as ``scan.pdf`` is kept and served as a PNG.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# 5 MB: phone photos of a certificate and scanned PDFs fit well within it.
MAKS_BYTES_BAWAAN = 5 * 1024 * 1024


@dataclass(frozen=True)
class JenisBerkas:
    ekstensi: str
    content_type: str
    tanda: bytes


JENIS_DITERIMA = (
    JenisBerkas("pdf", "application/pdf", b"%PDF-"),
    JenisBerkas("jpg", "image/jpeg", b"\xff\xd8\xff"),
    JenisBerkas("png", "image/png", b"\x89PNG\r\n\x1a\n"),
)
PANJANG_TANDA = max(len(j.tanda) for j in JENIS_DITERIMA)
ACCEPT = ".pdf,.jpg,.jpeg,.png"


def maks_bytes() -> int:
    return getattr(settings, "SERTIFIKAT_MAKS_BYTES", MAKS_BYTES_BAWAAN)


def maks_teks() -> str:
    maks = maks_bytes()
    if maks % (1024 * 1024) == 0:
        return f"{maks // (1024 * 1024)} MB"
    return f"{maks // 1024} KB"


def kenali(awal: bytes) -> JenisBerkas | None:
    """The accepted type whose signature the first bytes carry, or None."""
    for jenis in JENIS_DITERIMA:
        if awal.startswith(jenis.tanda):
            return jenis
    return None


def _baca_awal(berkas) -> bytes:
    berkas.seek(0)
    awal = berkas.read(PANJANG_TANDA)
    berkas.seek(0)
    return awal


def periksa_sertifikat(berkas):
    """Check an uploaded certificate and return it renamed to its detected type.

    Raises ``ValidationError`` with a message in Bahasa Indonesia when the file is empty, too
    large, or not a PDF/JPEG/PNG by its content (whatever its name or declared type says).
    """
    if berkas is None:
        raise ValidationError(_("Unggah berkas sertifikat."), code="required")
    if berkas.size == 0:
        raise ValidationError(_("Berkas sertifikat kosong. Unggah ulang berkasnya."), code="kosong")
    if berkas.size > maks_bytes():
        raise ValidationError(
            _("Berkas sertifikat terlalu besar (%(ukuran)s). Ukuran paling besar %(maks)s."),
            code="terlalu_besar",
            params={"ukuran": _ukuran_teks(berkas.size), "maks": maks_teks()},
        )
    jenis = kenali_berkas(berkas)
    if jenis is None:
        raise ValidationError(
            _(
                "Berkas sertifikat harus berupa PDF, JPEG atau PNG. Isi berkas ini bukan salah "
                "satunya, walaupun namanya berakhiran seperti itu. Pindai atau foto ulang "
                "sertifikat Anda."
            ),
            code="jenis_berkas",
        )
    berkas.name = f"sertifikat.{jenis.ekstensi}"
    berkas.content_type = jenis.content_type
    return berkas


def kenali_berkas(berkas) -> JenisBerkas | None:
    """The type of an open file by its content; the file is left at its start."""
    return kenali(_baca_awal(berkas))


def _ukuran_teks(ukuran: int) -> str:
    mb = ukuran / (1024 * 1024)
    if mb >= 1:
        return f"{mb:.1f} MB".replace(".", ",")
    return f"{ukuran / 1024:.0f} KB"
