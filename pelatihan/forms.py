"""Forms of the JP claim pages. They validate and normalise; the services write."""

from __future__ import annotations

import datetime

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pelatihan.berkas import ACCEPT, maks_teks, periksa_sertifikat
from pelatihan.models import (
    JenisPengembangan,
    KegiatanPelatihan,
    RiwayatPengembangan,
    kunci_nama,
)

# <input type="date"> always sends ISO dates; typed dates are accepted as Indonesians write them.
FORMAT_TANGGAL = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


class TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _tanggal(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=FORMAT_TANGGAL,
        widget=TanggalInput(),
        help_text=help_text,
    )


class JenisChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.kode} – {obj.nama}"


class KlaimForm(forms.Form):
    nama_pelatihan = forms.CharField(
        label=_("Nama pelatihan/kegiatan"),
        max_length=300,
        help_text=_("Tulis seperti pada sertifikat, misalnya “Pelatihan Dasar Literasi Digital”."),
    )
    jenis = JenisChoiceField(
        label=_("Jenis pengembangan"),
        queryset=JenisPengembangan.objects.filter(aktif=True).order_by("kode"),
        empty_label=_("— Pilih jenis —"),
        help_text=_(
            "Jenis nonklasikal (coaching, mentoring, e-learning, belajar mandiri, dan lainnya) "
            "tidak memiliki tabel JP nasional: JP yang Anda isi adalah usulan, dan BKPSDM "
            "menetapkan JP yang diakui sesuai aturan pengakuan jenis tersebut."
        ),
    )
    penyelenggara = forms.CharField(
        label=_("Penyelenggara"),
        max_length=200,
        required=False,
        help_text=_("Lembaga yang menyelenggarakan, misalnya LAN, BPSDM Aceh atau kementerian."),
    )
    tanggal_mulai = _tanggal(_("Tanggal mulai"))
    tanggal_selesai = _tanggal(_("Tanggal selesai"))
    jp = forms.IntegerField(
        label=_("Jumlah JP"),
        min_value=1,
        max_value=999,
        help_text=_("Jam pelajaran seperti tertulis pada sertifikat (1 JP = 45 menit)."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    nomor_sertifikat = forms.CharField(label=_("Nomor sertifikat"), max_length=100, required=False)
    tanggal_sertifikat = _tanggal(_("Tanggal sertifikat"), required=False)
    berkas_sertifikat = forms.FileField(
        label=_("Berkas sertifikat"),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": _("Unggah berkas sertifikat (PDF, JPG atau PNG).")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berkas_sertifikat"].help_text = _(
            "PDF, JPG atau PNG, paling besar %(maks)s. Foto sertifikat dari ponsel juga boleh."
        ) % {"maks": maks_teks()}
        # The phone's date picker stops at today: learning is claimed once it is over.
        hari_ini = timezone.localdate().isoformat()
        for nama in ("tanggal_mulai", "tanggal_selesai", "tanggal_sertifikat"):
            self.fields[nama].widget.attrs["max"] = hari_ini
        # Grouped by jalur, from one query; the list is also shown to explain nonclassical kinds.
        self.daftar_jenis = list(self.fields["jenis"].queryset)
        klasikal = [
            (j.pk, f"{j.kode} – {j.nama}")
            for j in self.daftar_jenis
            if j.jalur == JenisPengembangan.Jalur.KLASIKAL
        ]
        nonklasikal = [
            (j.pk, f"{j.kode} – {j.nama}")
            for j in self.daftar_jenis
            if j.jalur == JenisPengembangan.Jalur.NONKLASIKAL
        ]
        self.fields["jenis"].choices = [
            ("", self.fields["jenis"].empty_label),
            (str(JenisPengembangan.Jalur.KLASIKAL.label), klasikal),
            (str(JenisPengembangan.Jalur.NONKLASIKAL.label), nonklasikal),
        ]

    @property
    def aturan_nonklasikal(self):
        """The nonclassical kinds for which BKPSDM has written down a recognition rule."""
        return [
            j
            for j in self.daftar_jenis
            if j.jalur == JenisPengembangan.Jalur.NONKLASIKAL and j.aturan_pengakuan_jp
        ]

    def clean_tanggal_selesai(self):
        tanggal = self.cleaned_data["tanggal_selesai"]
        if tanggal > timezone.localdate():
            raise forms.ValidationError(
                _(
                    "Tanggal selesai tidak boleh di masa depan. Ajukan klaim setelah kegiatan "
                    "selesai."
                )
            )
        return tanggal

    def clean_tanggal_sertifikat(self):
        tanggal = self.cleaned_data["tanggal_sertifikat"]
        if tanggal and tanggal > timezone.localdate():
            raise forms.ValidationError(_("Tanggal sertifikat tidak boleh di masa depan."))
        return tanggal

    def clean_berkas_sertifikat(self):
        return periksa_sertifikat(self.cleaned_data["berkas_sertifikat"])

    def clean(self):
        cleaned = super().clean()
        mulai, selesai = cleaned.get("tanggal_mulai"), cleaned.get("tanggal_selesai")
        if mulai and selesai and mulai > selesai:
            self.add_error(
                "tanggal_selesai", _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
            )
        return cleaned


class VerifikasiForm(forms.Form):
    jp = forms.IntegerField(
        label=_("JP diakui"),
        min_value=1,
        max_value=999,
        required=False,
        help_text=_("Kosongkan untuk mengakui JP yang diajukan."),
    )


class PenolakanForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan penolakan"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Dibaca oleh ASN: jelaskan apa yang perlu diperbaiki."),
        error_messages={"required": _("Alasan penolakan wajib diisi.")},
    )


class RiwayatAdminForm(forms.ModelForm):
    class Meta:
        model = RiwayatPengembangan
        fields = [
            "pegawai",
            "nama_pelatihan",
            "jenis",
            "penyelenggara",
            "tanggal_mulai",
            "tanggal_selesai",
            "jp",
            "sumber",
            "nomor_sertifikat",
            "tanggal_sertifikat",
            "berkas_sertifikat",
        ]
        widgets = {
            # No link to the storage address: certificates are served only by the checked view.
            "berkas_sertifikat": forms.FileInput(attrs={"accept": ACCEPT}),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("nama_pelatihan"):
            self.instance.nama_kunci = kunci_nama(cleaned["nama_pelatihan"])
        return cleaned

    def _get_validation_exclusions(self):
        # The duplicate rule reads nama_kunci (set by save()) and status (not edited here): check
        # it before saving, so a duplicate is a form error and not a database error.
        exclude = super()._get_validation_exclusions()
        exclude.discard("status")
        if self.instance.nama_kunci:
            exclude.discard("nama_kunci")
        return exclude

    def clean_berkas_sertifikat(self):
        # A new upload by BKPSDM goes through the same check as the ASN's; a kept file stays.
        berkas = self.cleaned_data.get("berkas_sertifikat")
        if isinstance(berkas, UploadedFile):
            return periksa_sertifikat(berkas)
        return berkas


class KatalogFilterForm(forms.Form):
    """The catalogue's filters, read from the query string; bad values are simply ignored."""

    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
    jenis = forms.ModelChoiceField(
        label=_("Jenis pengembangan"),
        queryset=JenisPengembangan.objects.filter(aktif=True),
        required=False,
        empty_label=_("Semua jenis"),
    )
    modalitas = forms.ChoiceField(
        label=_("Modalitas"),
        choices=[("", _("Semua modalitas")), *KegiatanPelatihan.Modalitas.choices],
        required=False,
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    bulan = forms.CharField(label=_("Bulan"), required=False)

    def __init__(self, *args, admin_bkpsdm: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        pilihan = [c for c in KegiatanPelatihan.Status.choices if admin_bkpsdm or c[0] != "draft"]
        self.fields["status"].choices = [("", _("Akan datang")), *pilihan]
        self.fields["bulan"].widget = forms.DateInput(attrs={"type": "month"})

    def clean_bulan(self):
        nilai = self.cleaned_data["bulan"]
        if not nilai:
            return None
        try:
            return datetime.datetime.strptime(nilai, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(_("Bulan ditulis sebagai TTTT-BB.")) from None


# ---------------------------------------------------------------------------------------------
# Nominations.
# ---------------------------------------------------------------------------------------------


class NominasiFilterForm(forms.Form):
    kegiatan = forms.ModelChoiceField(
        label=_("Kegiatan"),
        queryset=KegiatanPelatihan.objects.none(),
        required=False,
        empty_label=_("Semua kegiatan"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, kegiatan_qs=None, **kwargs):
        from pelatihan.models import Nominasi

        super().__init__(*args, **kwargs)
        if kegiatan_qs is not None:
            self.fields["kegiatan"].queryset = kegiatan_qs
        self.fields["status"].choices = [("", _("Semua status")), *Nominasi.Status.choices]


class PegawaiNipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nama_lengkap} – {obj.nip}"


class UsulanNominasiForm(forms.Form):
    """Choose a pegawai of one's OPD (narrowed by a search) to see their eligibility."""

    q = forms.CharField(label=_("Cari nama atau NIP"), required=False, max_length=100)
    pegawai = PegawaiNipChoiceField(
        label=_("Pegawai"),
        queryset=None,
        to_field_name="nip",
        empty_label=_("— Pilih pegawai —"),
        error_messages={"invalid_choice": _("Pegawai tidak ditemukan di perangkat daerah Anda.")},
    )

    def __init__(self, *args, pegawai_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].queryset = pegawai_qs


# ---------------------------------------------------------------------------------------------
# Running an event: the attendance grid and the results of the whole class, one form each.
# ---------------------------------------------------------------------------------------------


class KehadiranGridForm(forms.Form):
    """One select per participant and day (field ``h-<nominasi id>-<YYYYMMDD>``)."""

    def __init__(self, *args, peserta, hari, kehadiran, **kwargs):
        from pelatihan.models import Kehadiran

        super().__init__(*args, **kwargs)
        self.peserta, self.hari = list(peserta), list(hari)
        pilihan = [("", "–"), *Kehadiran.Status.choices]
        for nominasi in self.peserta:
            for tanggal in self.hari:
                self.fields[self._nama(nominasi.pk, tanggal)] = forms.ChoiceField(
                    label=_("%(pegawai)s, %(tanggal)s")
                    % {
                        "pegawai": nominasi.pegawai.nama_lengkap,
                        "tanggal": tanggal.strftime("%d-%m-%Y"),
                    },
                    choices=pilihan,
                    required=False,
                    initial=kehadiran.get((nominasi.pk, tanggal), ""),
                    widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                )

    @staticmethod
    def _nama(nominasi_id: int, tanggal: datetime.date) -> str:
        return f"h-{nominasi_id}-{tanggal:%Y%m%d}"

    def baris(self):
        """(participant, [bound field per day]) for the template."""
        return [(n, [self[self._nama(n.pk, t)] for t in self.hari]) for n in self.peserta]

    def kehadiran(self) -> dict:
        """{(nominasi id, date): status or ""} for ``kehadiran_grid_save``."""
        return {
            (n.pk, t): self.cleaned_data[self._nama(n.pk, t)]
            for n in self.peserta
            for t in self.hari
        }


class HasilForm(forms.Form):
    """Pre/post scores and the result of every participant (fields ``pre-<id>``, ``post-<id>``,
    ``hasil-<id>``). The result is suggested from attendance; the admin decides."""

    def __init__(self, *args, peserta, persen_minimum, **kwargs):
        from pelatihan.models import Nominasi

        super().__init__(*args, **kwargs)
        self.peserta = list(peserta)
        for n in self.peserta:
            saran = (
                Nominasi.Status.LULUS
                if n.persen_hadir is not None and n.persen_hadir >= persen_minimum
                else Nominasi.Status.TIDAK_LULUS
            )
            n.saran = saran
            for awalan, label, nilai in (
                ("pre", _("Nilai pre-test %(pegawai)s"), n.nilai_pre),
                ("post", _("Nilai post-test %(pegawai)s"), n.nilai_post),
            ):
                self.fields[f"{awalan}-{n.pk}"] = forms.DecimalField(
                    label=label % {"pegawai": n.pegawai.nama_lengkap},
                    required=False,
                    min_value=0,
                    max_value=100,
                    max_digits=5,
                    decimal_places=2,
                    initial=nilai,
                    widget=forms.NumberInput(
                        attrs={"class": "form-control form-control-sm", "step": "0.01"}
                    ),
                )
            self.fields[f"hasil-{n.pk}"] = forms.ChoiceField(
                label=_("Hasil %(pegawai)s") % {"pegawai": n.pegawai.nama_lengkap},
                choices=[
                    (Nominasi.Status.LULUS, Nominasi.Status.LULUS.label),
                    (Nominasi.Status.TIDAK_LULUS, Nominasi.Status.TIDAK_LULUS.label),
                ],
                initial=(
                    n.status
                    if n.status in (Nominasi.Status.LULUS, Nominasi.Status.TIDAK_LULUS)
                    else saran
                ),
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def baris(self):
        return [
            (n, self[f"pre-{n.pk}"], self[f"post-{n.pk}"], self[f"hasil-{n.pk}"])
            for n in self.peserta
        ]

    def hasil(self) -> dict:
        """{nominasi id: {nilai_pre, nilai_post, hasil}} for ``hasil_save``."""
        return {
            n.pk: {
                "nilai_pre": self.cleaned_data[f"pre-{n.pk}"],
                "nilai_post": self.cleaned_data[f"post-{n.pk}"],
                "hasil": self.cleaned_data[f"hasil-{n.pk}"],
            }
            for n in self.peserta
        }
