"""One service per (locale, external_id). Duplicates left by earlier concurrent imports are kept (they may have
been edited since) but lose their claim on the key: every one after the oldest gets "<id>~dup<pk>" as its
external id, so a directory manager can find them (search "~dup") and delete or merge them."""

from django.db import migrations, models


def release_duplicate_keys(apps, schema_editor):
    Service = apps.get_model("resources", "Service")
    seen = set()
    for pk, locale_id, external_id in (
        Service.objects.exclude(external_id="")
        .order_by("locale_id", "external_id", "pk")
        .values_list("pk", "locale_id", "external_id")
    ):
        if (locale_id, external_id) in seen:
            suffix = f"~dup{pk}"
            Service.objects.filter(pk=pk).update(external_id=external_id[: 60 - len(suffix)] + suffix)
        seen.add((locale_id, external_id))


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0006_location_street_nl"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(release_duplicate_keys, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="service",
            constraint=models.UniqueConstraint(
                condition=models.Q(("external_id", ""), _negated=True),
                fields=("locale", "external_id"),
                name="resources_one_service_per_external_id",
                violation_error_message="Another service in this language has this external identifier.",
            ),
        ),
    ]
