"""The calendar file of an event (RFC 5545), written by hand: one all-day VEVENT per event."""

import datetime

from django.utils.translation import gettext as _

from pelatihan.models import KegiatanPelatihan


def _ics_escape(teks: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped; line breaks as \\n."""
    teks = teks.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return teks.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _ics_fold(baris: str) -> str:
    """Lines longer than 75 octets continue on the next line after CRLF and a space, never
    splitting a UTF-8 character."""
    potongan, sekarang, panjang = [], "", 0
    for huruf in baris:
        n = len(huruf.encode())
        if panjang + n > 75:
            potongan.append(sekarang)
            sekarang, panjang = " ", 1
        sekarang += huruf
        panjang += n
    potongan.append(sekarang)
    return "\r\n".join(potongan)


def kalender_ics(kegiatan: KegiatanPelatihan, *, url: str) -> str:
    """The event as an iCalendar file. The UID never changes for an event, so calendars update
    the same entry when the file is downloaded again; DTEND of an all-day event is exclusive."""
    s = KegiatanPelatihan.Status
    tempat = kegiatan.tempat or str(kegiatan.get_modalitas_display())
    deskripsi = "\n".join(
        [
            f"{kegiatan.program.nama} ({kegiatan.program.jenis.nama})",
            _("Penyelenggara: %(lembaga)s") % {"lembaga": kegiatan.lembaga.nama},
            _("Modalitas: %(m)s") % {"m": kegiatan.get_modalitas_display()},
            url,
        ]
    )
    baris = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//BKPSDM Kota Langsa//Langsa Kompetensi//ID",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:kegiatan-{kegiatan.pk}@langsa-kompetensi",
        "DTSTAMP:" + kegiatan.diubah_pada.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ"),
        "DTSTART;VALUE=DATE:" + kegiatan.tanggal_mulai.strftime("%Y%m%d"),
        "DTEND;VALUE=DATE:"
        + (kegiatan.tanggal_selesai + datetime.timedelta(days=1)).strftime("%Y%m%d"),
        "SUMMARY:" + _ics_escape(str(kegiatan)),
        "LOCATION:" + _ics_escape(tempat),
        "DESCRIPTION:" + _ics_escape(deskripsi),
        "URL:" + url,
        "STATUS:" + ("CANCELLED" if kegiatan.status == s.DIBATALKAN else "CONFIRMED"),
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(_ics_fold(b) + "\r\n" for b in baris)
