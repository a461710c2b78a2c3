import csv
from pathlib import Path

from pelatihan.models import JenisPengembangan

DATA = Path(__file__).resolve().parent.parent / "data" / "jenis_pengembangan.csv"


def test_every_form_of_development_is_loaded_with_its_siasn_id(db):
    with open(DATA, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    loaded = set(
        JenisPengembangan.objects.values_list("kode", "nama", "jalur", "siasn_jenis_diklat_id")
    )
    assert loaded == {(r["kode"], r["nama"], r["jalur"], r["siasn_jenis_diklat_id"]) for r in rows}
    assert JenisPengembangan.objects.filter(jalur="klasikal").count() == 12
    assert JenisPengembangan.objects.filter(jalur="nonklasikal").count() == 13
    assert JenisPengembangan.objects.get(kode="KL10").siasn_jenis_diklat_id == "8"
