"""Give Wagtail's default "Editors" and "Moderators" groups the right to manage quizzes, self-checks and the
mixing table. Other groups get nothing (refused by default)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["quiz", "selfcheck", "mix"]
ACTIONS = ["add", "change", "delete", "view"]
GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("campaigns")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="campaigns",
        codename__in=[f"{action}_{model}" for model in MODELS for action in ACTIONS],
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="campaigns", codename__regex=r"_(quiz|selfcheck|mix)$")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("wagtailcore", "0001_squashed_0016_change_page_url_path_to_text_field"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
