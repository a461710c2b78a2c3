from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from evaluasi import efektivitas
from laporan import selectors
from laporan.forms import (
    FilterEfektivitasForm,
    FilterJPForm,
    KepatuhanJPForm,
    KepatuhanJPOPDForm,
)
from pegawai import kompetensi
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
    """/pegawai/<nip>/: identity, competency gaps and JP transcript, for whoever may see this
    pegawai (404 else)."""
    context = selectors.profil_pegawai_for_user(request.user, nip)
    context["kesenjangan_kompetensi"] = kompetensi.kesenjangan_pegawai(
        context["pegawai"], tahun=selectors.tahun_ini()
    )
    return render(request, "laporan/pegawai_profil.html", context)


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
    return xlsx_response(
        selectors.nama_berkas_jp_pegawai(tahun, jenis),
        [selectors.lembar_jp_pegawai_kota(request.user, tahun=tahun, jenis=jenis)],
    )


# --- Training effectiveness (the four Kirkpatrick levels) ----------------------------------------


def _cek_akses_efektivitas(request) -> None:
    """Admin BKPSDM, pimpinan and kepala OPD read these reports; anyone else is refused."""
    if not efektivitas.boleh_lihat_efektivitas(request.user):
        raise PermissionDenied


def _filter_efektivitas(request, template: str, context: dict | None = None):
    """The validated filter, or the page with the errors (status 400) to return instead."""
    form = FilterEfektivitasForm(request.GET)
    if form.is_valid():
        return form, None
    return form, render(request, template, {"form": form, **(context or {})}, status=400)


def _pilihan_tahun_tren(tren: list[dict], *tambahan) -> list[int]:
    """Years for the picker, newest first: those with figures and the current year."""
    tahun = {b["tahun"] for b in tren} | {selectors.tahun_ini()} | {t for t in tambahan if t}
    return sorted(tahun, reverse=True)


def _url_catat_tindak_lanjut(request, program, kegiatan=None) -> str | None:
    """The admin's add form prefilled for this program (and event), coming back here after."""
    if not efektivitas.boleh_catat_tindak_lanjut(request.user):
        return None
    params = {"program": program.pk}
    if kegiatan is not None:
        params["kegiatan"] = kegiatan.pk
    params["next"] = request.get_full_path()
    return reverse("admin:evaluasi_tindaklanjut_add") + "?" + urlencode(params)


def _blok_evaluasi(kegiatan) -> dict:
    """What the program and event pages share: headline figures, sections with their charts,
    per pengajar, and the level-3 sections by the atasan and by the graduates."""
    bagian = efektivitas.indeks_per_bagian(kegiatan)
    return {
        "total": efektivitas.ringkasan_total(kegiatan),
        "bagian": bagian,
        "grafik_bagian": efektivitas.grafik_bagian(bagian),
        "grafik_sebaran": efektivitas.grafik_sebaran(bagian),
        "pengajar": efektivitas.indeks_per_pengajar(kegiatan),
        "bagian_atasan": efektivitas.indeks_per_bagian(kegiatan, efektivitas.Jenis.PERILAKU_ATASAN),
        "bagian_diri": efektivitas.indeks_per_bagian(kegiatan, efektivitas.Jenis.PERILAKU_DIRI),
        "ambang": efektivitas.ambang(),
    }


@login_required
@require_GET
def efektivitas_ringkasan(request):
    """/laporan/efektivitas/?tahun=: programs and partners side by side for a year, with the
    city's trend across years."""
    _cek_akses_efektivitas(request)
    template = "laporan/efektivitas_ringkasan.html"
    form, galat = _filter_efektivitas(request, template)
    if galat:
        return galat
    tahun = form.cleaned_data["tahun"] or selectors.tahun_ini()
    semua = efektivitas.kegiatan_dievaluasi()
    kegiatan = semua.filter(tanggal_selesai__year=tahun)
    program = efektivitas.perbandingan_program(kegiatan)
    tren = efektivitas.tren(semua)
    return render(
        request,
        template,
        {
            "form": form,
            "tahun": tahun,
            "pilihan_tahun": _pilihan_tahun_tren(tren, tahun),
            "total": efektivitas.ringkasan_total(kegiatan),
            "program": program,
            "grafik_program": efektivitas.grafik_perbandingan(program),
            "lembaga": efektivitas.perbandingan_lembaga(kegiatan),
            "tren": tren,
            "grafik_tren": efektivitas.grafik_tren(tren),
            "ambang": efektivitas.ambang(),
        },
    )


@login_required
@require_GET
def efektivitas_program(request, pk):
    """/laporan/efektivitas/program/<pk>/: one program on all four levels, with its improvement
    actions; ``tahun`` narrows the events (all years when absent)."""
    _cek_akses_efektivitas(request)
    program = efektivitas.get_program(pk)
    template = "laporan/efektivitas_program.html"
    form, galat = _filter_efektivitas(request, template, {"program": program})
    if galat:
        return galat
    tahun = form.cleaned_data["tahun"]
    semua = efektivitas.kegiatan_dievaluasi().filter(program=program)
    kegiatan = semua.filter(tanggal_selesai__year=tahun) if tahun else semua
    tren = efektivitas.tren(semua)
    return render(
        request,
        template,
        {
            "form": form,
            "program": program,
            "tahun": tahun,
            "pilihan_tahun": _pilihan_tahun_tren(tren, tahun),
            **_blok_evaluasi(kegiatan),
            "daftar_kegiatan": efektivitas.kegiatan_dengan_ringkasan(kegiatan),
            "tren": tren,
            "grafik_tren": efektivitas.grafik_tren(tren),
            "level_4": efektivitas.indikator_hasil(
                program, tahun or efektivitas.tahun_lulusan_terakhir(program)
            ),
            "tindak_lanjut": efektivitas.tindak_lanjut_list(program=program),
            "url_catat_tindak_lanjut": _url_catat_tindak_lanjut(request, program),
        },
    )


@login_required
@require_GET
def efektivitas_kegiatan(request, pk):
    """/laporan/efektivitas/kegiatan/<pk>/: one event; Admin BKPSDM also reads the application
    plans and comments, without names."""
    _cek_akses_efektivitas(request)
    kegiatan = efektivitas.get_kegiatan_for_user(request.user, pk)
    lingkup = efektivitas.kegiatan_tunggal(kegiatan)
    return render(
        request,
        "laporan/efektivitas_kegiatan.html",
        {
            "kegiatan": kegiatan,
            **_blok_evaluasi(lingkup),
            "jawaban_terbuka": efektivitas.jawaban_terbuka(request.user, kegiatan),
            "tindak_lanjut": efektivitas.tindak_lanjut_list(kegiatan=kegiatan),
            "url_catat_tindak_lanjut": _url_catat_tindak_lanjut(
                request, kegiatan.program, kegiatan
            ),
        },
    )


@login_required
@require_GET
def efektivitas_lembaga(request, pk):
    """/laporan/efektivitas/lembaga/<pk>/: a partner's programs side by side and its trend;
    ``tahun`` narrows the events (all years when absent)."""
    _cek_akses_efektivitas(request)
    lembaga = efektivitas.get_lembaga(pk)
    template = "laporan/efektivitas_lembaga.html"
    form, galat = _filter_efektivitas(request, template, {"lembaga": lembaga})
    if galat:
        return galat
    tahun = form.cleaned_data["tahun"]
    semua = efektivitas.kegiatan_dievaluasi().filter(lembaga=lembaga)
    kegiatan = semua.filter(tanggal_selesai__year=tahun) if tahun else semua
    program = efektivitas.perbandingan_program(kegiatan)
    tren = efektivitas.tren(semua)
    return render(
        request,
        template,
        {
            "form": form,
            "lembaga": lembaga,
            "tahun": tahun,
            "pilihan_tahun": _pilihan_tahun_tren(tren, tahun),
            "total": efektivitas.ringkasan_total(kegiatan),
            "program": program,
            "grafik_program": efektivitas.grafik_perbandingan(program),
            "tren": tren,
            "grafik_tren": efektivitas.grafik_tren(tren),
            "ambang": efektivitas.ambang(),
        },
    )


@login_required
@require_GET
def efektivitas_pengajar(request):
    """/laporan/efektivitas/pengajar/?nama=: one pengajar across subjects and events; without a
    name, every pengajar with their index."""
    _cek_akses_efektivitas(request)
    template = "laporan/efektivitas_pengajar.html"
    form, galat = _filter_efektivitas(request, template)
    if galat:
        return galat
    tahun, nama = form.cleaned_data["tahun"], form.cleaned_data["nama"]
    kegiatan = efektivitas.kegiatan_dievaluasi()
    if tahun:
        kegiatan = kegiatan.filter(tanggal_selesai__year=tahun)
    context = {"form": form, "tahun": tahun, "nama": nama, "ambang": efektivitas.ambang()}
    if nama:
        context["rinci"] = efektivitas.pengajar_rinci(kegiatan, nama)
    else:
        context["daftar"] = efektivitas.indeks_per_pengajar(kegiatan)
    return render(request, template, context)


@login_required
@require_GET
def efektivitas_perilaku(request):
    """/laporan/efektivitas/perilaku/: level 3 per graduate of the kepala's own OPD (names
    allowed: it is the atasan's own judgement of own staff); all OPDs, with a filter, for Admin
    BKPSDM and pimpinan."""
    _cek_akses_efektivitas(request)
    template = "laporan/efektivitas_perilaku.html"
    form, galat = _filter_efektivitas(request, template)
    if galat:
        return galat
    akses = akses_for(request.user)
    boleh = efektivitas.opd_perilaku_for(request.user).order_by("kode")
    pilihan_opd = list(boleh.values_list("pk", "nama"))
    opd_id = form.cleaned_data["opd"]
    if opd_id is not None:
        if opd_id not in {pk for pk, _nama in pilihan_opd}:
            raise Http404("Perangkat daerah tidak ditemukan.")
        opd_ids = [opd_id]
    else:
        opd_ids = None if akses.lihat_semua else [pk for pk, _nama in pilihan_opd]
    tahun = form.cleaned_data["tahun"] or selectors.tahun_ini()
    params = {"tahun": tahun, "opd": opd_id}
    return render(
        request,
        template,
        {
            "form": form,
            "tahun": tahun,
            "opd_id": opd_id,
            "pilihan_opd": pilihan_opd,
            "pilihan_tahun": sorted(
                {tahun, *range(selectors.tahun_ini() - 5, selectors.tahun_ini() + 1)},
                reverse=True,
            ),
            **efektivitas.perilaku_opd(
                tahun=tahun, opd_ids=opd_ids, halaman=request.GET.get("halaman")
            ),
            "query_halaman": _query(params),
        },
    )
