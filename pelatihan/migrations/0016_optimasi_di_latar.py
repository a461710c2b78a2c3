from django.db import migrations, models
from django.db.models import Q

STATUS = [
    ("antri", "Menunggu giliran"),
    ("berjalan", "Sedang dihitung"),
    ("selesai", "Selesai"),
    ("gagal", "Gagal"),
]


class Migration(migrations.Migration):
    """Optimiser runs go to a worker: a status, the rendered result and the times. Runs kept
    from before were computed in the request and have their sheets: they are finished."""

    dependencies = [
        ("pelatihan", "0015_tanpa_indeks_rujukan_kecil"),
    ]

    operations = [
        migrations.AddField(
            model_name="hasiloptimasianggaran",
            name="status",
            field=models.CharField(
                choices=STATUS,
                default="selesai",
                max_length=10,
                verbose_name="status",
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="hasiloptimasianggaran",
            name="status",
            field=models.CharField(
                choices=STATUS,
                default="antri",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="hasiloptimasianggaran",
            name="hasil_html",
            field=models.TextField(blank=True, default="", verbose_name="halaman hasil"),
        ),
        migrations.AlterField(
            model_name="hasiloptimasianggaran",
            name="lembar",
            field=models.JSONField(blank=True, null=True, verbose_name="lembar ekspor"),
        ),
        migrations.AddField(
            model_name="hasiloptimasianggaran",
            name="pesan",
            field=models.TextField(blank=True, default="", verbose_name="pesan"),
        ),
        migrations.AddField(
            model_name="hasiloptimasianggaran",
            name="mulai_pada",
            field=models.DateTimeField(blank=True, null=True, verbose_name="mulai dihitung"),
        ),
        migrations.AddField(
            model_name="hasiloptimasianggaran",
            name="selesai_pada",
            field=models.DateTimeField(blank=True, null=True, verbose_name="selesai"),
        ),
        migrations.AddConstraint(
            model_name="hasiloptimasianggaran",
            constraint=models.CheckConstraint(
                condition=~Q(status="selesai") | Q(lembar__isnull=False),
                name="hasil_optimasi_selesai_ada_lembar",
            ),
        ),
    ]
