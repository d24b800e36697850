"""Helplines read their number, hours and open-now state from their directory listing (issue #14, item 2).

Each existing helpline is linked to the listing of its locale that has the same phone number (digits
compared); its own number, hours and flags are then dropped. A helpline whose number no listing carries stays
unlinked and is not shown until an editor chooses its listing (home.Helpline.service)."""

import django.db.models.deletion
from django.db import migrations, models


def _digits(number: str) -> str:
    digits = "".join(ch for ch in number or "" if ch.isdigit())
    if digits.startswith("32") and len(digits) > 8:
        digits = "0" + digits[2:]
    return digits


def link_helplines(apps, schema_editor):
    Helpline = apps.get_model("home", "Helpline")
    Phone = apps.get_model("resources", "Phone")
    by_number = {}
    for phone in Phone.objects.select_related("service").order_by("pk"):
        by_number.setdefault((phone.service.locale_id, _digits(phone.number)), phone.service_id)
    for line in Helpline.objects.all():
        service_id = by_number.get((line.locale_id, _digits(line.phone)))
        if service_id is not None:
            Helpline.objects.filter(pk=line.pk).update(service_id=service_id)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_bilingual_workflow_name"),
        ("resources", "0004_service_points"),
    ]

    operations = [
        migrations.AddField(
            model_name="helpline",
            name="service",
            field=models.ForeignKey(
                help_text="The line's listing in the directory: its phone number, opening hours and open-now state are shown.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="resources.service",
                verbose_name="directory listing",
            ),
        ),
        migrations.RunPython(link_helplines, migrations.RunPython.noop),
        migrations.RemoveField(model_name="helpline", name="always_open"),
        migrations.RemoveField(model_name="helpline", name="languages"),
        migrations.RemoveField(model_name="helpline", name="open_on_holidays"),
        migrations.RemoveField(model_name="helpline", name="phone"),
        migrations.RemoveField(model_name="helpline", name="url"),
        migrations.DeleteModel(name="HelplineHours"),
    ]
