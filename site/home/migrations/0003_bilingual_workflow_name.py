"""Wagtail's migration wagtailcore 0048 creates the default workflow and its task with the English name
"Moderators approval", stored in the database and shown as is in the admin (workflow lists, page status, the
moderation report, e-mails). A workflow name is data, not a msgid, so it cannot follow each user's admin
language: the default one gets a bilingual name instead, "Modération / Moderatie" (docs/admin-language.md).
Workflows that administrators create keep the name they give them."""

from django.db import migrations

OLD = "Moderators approval"
NEW = "Modération / Moderatie"


def rename(apps, schema_editor, old=OLD, new=NEW):
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)


def unrename(apps, schema_editor):
    rename(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_outgoing_email"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(rename, unrename)]
