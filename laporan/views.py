from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from laporan import selectors
from laporan.forms import FilterJPForm, KepatuhanJPForm, KepatuhanJPOPDForm
from pegawai.akses import akses_for
from pegawai.ekspor import Lembar, csv_response, xlsx_response

PER_HALAMAN = 50


@login_required
@require_GET
def beranda(request):
    """The dashboard of the logged-in user's roles; each role sees its own part."""
    return render(request, "laporan/beranda.html", selectors.beranda_for_user(request.user))


@login_required
@require_GET
def pegawai_profil(request, nip):
    """/pegawai/<nip>/: identity and JP transcript, for whoever may see this pegawai (404 else)."""
    return render(
        request, "laporan/pegawai_profil.html", selectors.profil_pegawai_for_user(request.user, nip)
    )


# --- JP compliance -------------------------------------------------------------------------------


def _query(params: dict, **ubah) -> str:
    """A query string of the non-empty parameters, with some of them changed."""
    gabungan = {**params, **ubah}
    return urlencode({k: v for k, v in gabungan.items() if v not in ("", None, False)})


def _kolom_urut(daftar, params: dict, aktif: str) -> list[dict]:
    """Sortable column headers: the link sorts by the column, or reverses the current order."""
    kolom = []
    for kunci, label, angka in daftar:
        arah = ""
        if aktif == kunci:
            arah = "naik"
        elif aktif == f"-{kunci}":
            arah = "turun"
        berikut = f"-{kunci}" if arah == "naik" or (not arah and angka) else kunci
        kolom.append(
            {"label": label, "arah": arah, "angka": angka, "query": _query(params, urut=berikut)}
        )
    return kolom


KOLOM_OPD = [
    ("kode_opd", _("Kode"), False),
    ("nama_opd", _("Perangkat daerah"), False),
    ("jumlah_asn", _("ASN aktif"), True),
    ("memenuhi_target", _("Memenuhi target"), True),
    ("persen_memenuhi", _("% memenuhi"), True),
    ("total_jp", _("Total JP"), True),
    ("rata_rata_jp", _("Rata-rata JP"), True),
]
KOLOM_PEGAWAI = [
    ("nama", _("Nama"), False),
    ("nip", _("NIP"), False),
    ("jenis_pegawai", _("Jenis"), False),
    ("total_jp", _("JP"), True),
    ("kurang_jp", _("Kekurangan"), True),
]


def _cek_akses_laporan_jp(request):
    """Report roles pass; an ASN is sent to their own transcript; anyone else is refused."""
    if selectors.boleh_lihat_kepatuhan_jp(request.user):
        return None
    akses = akses_for(request.user)
    if akses.asn:
        return redirect(reverse("pegawai-profil", args=[akses.pegawai_nip]) + "#jp")
    raise PermissionDenied


def _nama_berkas(format_: str, *bagian) -> str:
    """kepatuhan-jp-2025-pppk.xlsx: the year (and filters) in the name of every download."""
    return "-".join(slugify(str(b)) for b in bagian if b) + f".{format_}"


def _lembar_ringkasan(params: dict, total: dict) -> Lembar:
    return Lembar(
        str(_("Ringkasan")),
        [str(_("Keterangan")), str(_("Nilai"))],
        [
            ["tahun", params["tahun"]],
            ["jenis_pegawai", params["jenis"] or str(_("Semua"))],
            *[
                [k, float(v) if v is not None and not isinstance(v, int) else v]
                for k, v in total.items()
            ],
            ["dibuat_pada", timezone.localtime().replace(tzinfo=None)],
        ],
    )


@login_required
@require_GET
def kepatuhan_jp(request):
    """/laporan/jp/: JP compliance per OPD, sortable, with a total row; ``format=xlsx|csv``
    downloads the same table."""
    if (ditolak := _cek_akses_laporan_jp(request)) is not None:
        return ditolak
    form = KepatuhanJPForm(request.GET)
    if not form.is_valid():
        return render(request, "laporan/jp_kepatuhan.html", {"form": form}, status=400)
    params = {
        "tahun": form.cleaned_data["tahun"],
        "jenis": form.cleaned_data["jenis"],
        "urut": form.cleaned_data["urut"] or "kode_opd",
    }
    rekap = selectors.kepatuhan_jp_per_opd(
        selectors.pegawai_kepatuhan_jp_for(request.user), **params
    )
    header = selectors.KOLOM_REKAP_OPD
    baris = selectors.baris_rekap_opd(rekap["baris"])
    if form.cleaned_data["format"] == "xlsx":
        judul = str(_("Kepatuhan JP %(tahun)s")) % {"tahun": params["tahun"]}
        return xlsx_response(
            _nama_berkas("xlsx", "kepatuhan-jp", params["tahun"], params["jenis"]),
            [Lembar(judul, header, baris), _lembar_ringkasan(params, rekap["total"])],
        )
    if form.cleaned_data["format"] == "csv":
        return csv_response(
            _nama_berkas("csv", "kepatuhan-jp", params["tahun"], params["jenis"]),
            header,
            selectors.untuk_csv(baris),
        )
    filter_ = {"tahun": params["tahun"], "jenis": params["jenis"]}
    return render(
        request,
        "laporan/jp_kepatuhan.html",
        {
            "form": form,
            **params,
            **rekap,
            "pilihan_tahun": selectors.pilihan_tahun(),
            "kolom": _kolom_urut(KOLOM_OPD, params, params["urut"]),
            "query_filter": _query(filter_),
            "query_unduh": _query(params, format="xlsx"),
            "boleh_ekspor_pegawai": selectors.boleh_ekspor_jp_seluruh_pegawai(request.user),
        },
    )


@login_required
@require_GET
def kepatuhan_jp_opd(request, kode):
    """/laporan/jp/opd/<kode>/: the active pegawai of one OPD with their JP; searchable,
    sortable, paginated; ``format=xlsx|csv`` downloads every matching row."""
    if (ditolak := _cek_akses_laporan_jp(request)) is not None:
        return ditolak
    opd = selectors.get_opd_kepatuhan_jp_for_user(request.user, kode)
    form = KepatuhanJPOPDForm(request.GET)
    if not form.is_valid():
        return render(
            request, "laporan/jp_kepatuhan_opd.html", {"form": form, "opd": opd}, status=400
        )
    data = form.cleaned_data
    params = {
        "tahun": data["tahun"],
        "jenis": data["jenis"],
        "urut": data["urut"] or "nama",
        "kurang": data["kurang"],
        "q": data["q"].strip(),
    }
    qs = selectors.kepatuhan_jp_pegawai(
        selectors.pegawai_kepatuhan_jp_opd_for(request.user, opd, cari=params["q"]),
        tahun=params["tahun"],
        jenis=params["jenis"],
        hanya_kurang=params["kurang"],
        urut=params["urut"],
    )
    if data["format"]:
        header = selectors.KOLOM_REKAP_PEGAWAI
        baris = selectors.baris_rekap_pegawai(qs)
        nama = _nama_berkas(
            data["format"], "kepatuhan-jp", params["tahun"], opd.singkatan, params["jenis"]
        )
        if data["format"] == "csv":
            return csv_response(nama, header, selectors.untuk_csv(baris))
        judul = f"{opd.singkatan} {params['tahun']}"
        return xlsx_response(nama, [Lembar(judul, header, baris)])
    page = Paginator(qs.select_related("jabatan"), PER_HALAMAN).get_page(request.GET.get("halaman"))
    return render(
        request,
        "laporan/jp_kepatuhan_opd.html",
        {
            "form": form,
            "opd": opd,
            **params,
            "page": page,
            "pilihan_tahun": selectors.pilihan_tahun(),
            "kolom": _kolom_urut(KOLOM_PEGAWAI, params, params["urut"]),
            "query_halaman": _query(params),
            "query_unduh": _query(params, format="xlsx"),
            "query_kembali": _query({"tahun": params["tahun"], "jenis": params["jenis"]}),
        },
    )


@login_required
@require_GET
def kepatuhan_jp_pegawai_xlsx(request):
    """/laporan/jp/pegawai.xlsx: every active pegawai of the city with their JP (Admin BKPSDM and
    pimpinan only), streamed into a write-only workbook."""
    if not selectors.boleh_ekspor_jp_seluruh_pegawai(request.user):
        raise PermissionDenied
    form = FilterJPForm(request.GET)
    if not form.is_valid():
        return render(request, "laporan/jp_kepatuhan.html", {"form": form}, status=400)
    tahun, jenis = form.cleaned_data["tahun"], form.cleaned_data["jenis"]
    qs = selectors.kepatuhan_jp_pegawai_kota(
        selectors.pegawai_kepatuhan_jp_for(request.user), tahun=tahun, jenis=jenis
    )
    judul = str(_("JP pegawai %(tahun)s")) % {"tahun": tahun}
    return xlsx_response(
        _nama_berkas("xlsx", "kepatuhan-jp-pegawai", tahun, jenis),
        [Lembar(judul, selectors.KOLOM_REKAP_PEGAWAI, selectors.baris_rekap_pegawai(qs))],
    )
