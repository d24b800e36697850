"""Communes, quartiers and categories: `name_fr`/`name_nl` become one `names` object keyed by language code
({"fr": …, "nl": …}); a third content language is one more key, not a column. Reversible: the way back fills
`name_fr`/`name_nl` from the "fr" and "nl" keys (other languages' names are dropped)."""

from django.db import migrations, models

import home.fields

MODELS = ("commune", "quartier", "category")


def columns_to_names(apps, schema_editor):
    for model_name in MODELS:
        model = apps.get_model("resources", model_name)
        rows = list(model.objects.only("pk", "name_fr", "name_nl"))
        for row in rows:
            row.names = {"fr": row.name_fr, "nl": row.name_nl or row.name_fr}
        model.objects.bulk_update(rows, ["names"], batch_size=500)


def names_to_columns(apps, schema_editor):
    for model_name in MODELS:
        model = apps.get_model("resources", model_name)
        rows = list(model.objects.only("pk", "names"))
        for row in rows:
            names = row.names or {}
            french = names.get("fr") or next((n for n in names.values() if n), "")
            row.name_fr, row.name_nl = french, names.get("nl") or french
        model.objects.bulk_update(rows, ["name_fr", "name_nl"], batch_size=500)


def names_field():
    return home.fields.NamesField(
        default=dict,
        help_text="The name in each language of the site.",
        max_length=120,
        verbose_name="names",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0007_external_id_unique_per_locale"),
    ]

    operations = [
        *[migrations.AddField(model_name=m, name="names", field=names_field()) for m in MODELS],
        migrations.RunPython(columns_to_names, names_to_columns, elidable=False),
        migrations.AlterModelOptions(
            name="commune",
            options={"ordering": ["nis_code"], "verbose_name": "commune", "verbose_name_plural": "communes"},
        ),
        # A default first, so that the way back can add the columns again to tables that have rows.
        *[
            migrations.AlterField(
                model_name=m,
                name=f,
                field=models.CharField(default="", max_length=80 if m == "commune" else 120),
            )
            for m in MODELS
            for f in ("name_fr", "name_nl")
        ],
        *[migrations.RemoveField(model_name=m, name=f) for m in MODELS for f in ("name_fr", "name_nl")],
    ]
