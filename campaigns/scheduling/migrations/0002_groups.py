"""Groups and permissions of the scheduling app.

- Editors and Moderators (Wagtail's groups) plan: add/change/view influencers, deliverables, poster links.
- Reviewers (created here) review and approve variants; they may view everything, change nothing else.
- Influencers (created here) may reach the admin and see only their own items (the views filter by the
  influencer linked to the account).
"""

from django.db import migrations

PLANNING = ["influencer", "deliverable", "trackedlink", "metricsnapshot"]


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("scheduling")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()

    def perms(actions, models):
        codes = [f"{action}_{model}" for action in actions for model in models]
        return list(Permission.objects.filter(content_type__app_label="scheduling", codename__in=codes))

    for name in ("Editors", "Moderators"):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*perms(["add", "change", "view"], PLANNING))
    reviewers, _created = Group.objects.get_or_create(name="Reviewers")
    reviewers.permissions.add(*perms(["view"], PLANNING))
    influencers, _created = Group.objects.get_or_create(name="Influencers")
    for group in (reviewers, influencers):
        if access_admin:
            group.permissions.add(access_admin)


class Migration(migrations.Migration):
    dependencies = [
        ("scheduling", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
