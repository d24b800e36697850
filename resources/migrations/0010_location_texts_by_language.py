"""Locations: the street (`address_1`/`address_nl`), public transport (`transportation_fr/_nl`) and accessibility
(`accessibility_fr/_nl`) columns become one object per text keyed by language code (`streets`,
`transportation_texts`, `accessibility_texts`: {"fr": …, "nl": …}, empty texts left out); a third content
language is one more key, not a column. The locations' revisions are rewritten the same way, so that history,
compare and rollback keep reading them. Reversible: the way back fills the columns from the "fr" and "nl" keys
(other languages' texts are dropped)."""

from django.db import migrations

import home.fields

# new field -> (French column, Dutch column)
TEXTS = {
    "streets": ("address_1", "address_nl"),
    "transportation_texts": ("transportation_fr", "transportation_nl"),
    "accessibility_texts": ("accessibility_fr", "accessibility_nl"),
}
LENGTHS = {"address_1": 200, "address_nl": 200}


def _to_texts(values: dict) -> dict:
    """Column values (possibly missing) -> {new field: {"fr": …, "nl": …}} without the empty texts."""
    texts = {}
    for field, (french, dutch) in TEXTS.items():
        pairs = (("fr", values.get(french)), ("nl", values.get(dutch)))
        texts[field] = {code: str(text).strip() for code, text in pairs if str(text or "").strip()}
    return texts


def _to_columns(values: dict) -> dict:
    """{new field: {…}} (possibly missing) -> the French and Dutch columns ("" when not given)."""
    columns = {}
    for field, (french, dutch) in TEXTS.items():
        texts = values.get(field) or {}
        if not isinstance(texts, dict):
            texts = {}
        columns[french] = (texts.get("fr") or "")[: LENGTHS.get(french, 250)]
        columns[dutch] = (texts.get("nl") or "")[: LENGTHS.get(dutch, 250)]
    return columns


def _revisions(apps):
    content_type = apps.get_model("contenttypes", "ContentType")
    revision = apps.get_model("wagtailcore", "Revision")
    location_type = content_type.objects.filter(app_label="resources", model="location").first()
    if location_type is None:
        return revision.objects.none()
    return revision.objects.filter(content_type=location_type)


def columns_to_texts(apps, schema_editor):
    location = apps.get_model("resources", "Location")
    rows = list(location.objects.only("pk", *(c for pair in TEXTS.values() for c in pair)))
    for row in rows:
        for field, texts in _to_texts({c: getattr(row, c) for pair in TEXTS.values() for c in pair}).items():
            setattr(row, field, texts)
    location.objects.bulk_update(rows, list(TEXTS), batch_size=500)
    for revision in _revisions(apps).iterator():
        content = dict(revision.content or {})
        content.update(_to_texts(content))
        for pair in TEXTS.values():
            for column in pair:
                content.pop(column, None)
        revision.content = content
        revision.save(update_fields=["content"])


def texts_to_columns(apps, schema_editor):
    location = apps.get_model("resources", "Location")
    rows = list(location.objects.only("pk", *TEXTS))
    for row in rows:
        for column, value in _to_columns({field: getattr(row, field) for field in TEXTS}).items():
            setattr(row, column, value)
    location.objects.bulk_update(rows, [c for pair in TEXTS.values() for c in pair], batch_size=500)
    for revision in _revisions(apps).iterator():
        content = dict(revision.content or {})
        content.update(_to_columns(content))
        for field in TEXTS:
            content.pop(field, None)
        revision.content = content
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0009_drafts_and_review"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="location",
            name="streets",
            field=home.fields.TextsField(
                blank=True,
                default=dict,
                help_text="In each language of the site; a language left empty shows the default language's.",
                max_length=200,
                verbose_name="street and number",
            ),
        ),
        migrations.AddField(
            model_name="location",
            name="transportation_texts",
            field=home.fields.TextsField(
                blank=True, default=dict, max_length=250, verbose_name="public transport"
            ),
        ),
        migrations.AddField(
            model_name="location",
            name="accessibility_texts",
            field=home.fields.TextsField(blank=True, default=dict, max_length=250, verbose_name="accessibility"),
        ),
        migrations.RunPython(columns_to_texts, texts_to_columns),
        migrations.RemoveField(model_name="location", name="address_1"),
        migrations.RemoveField(model_name="location", name="address_nl"),
        migrations.RemoveField(model_name="location", name="transportation_fr"),
        migrations.RemoveField(model_name="location", name="transportation_nl"),
        migrations.RemoveField(model_name="location", name="accessibility_fr"),
        migrations.RemoveField(model_name="location", name="accessibility_nl"),
    ]
