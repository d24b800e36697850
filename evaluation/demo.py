"""Demo data of the evaluation app (`manage.py load_demo`): clearly labelled (is_demo=True) and idempotent."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

ANALYST_PERMISSIONS = (
    "view_syncrun",
    "view_dailymetric",
    "view_periodaggregate",
    "view_socialmetric",
    "view_trackedcampaign",
    "view_hotspotaction",
)


def ensure_analysts_group() -> Group:
    """ "Analysts": read every evaluation screen and export; change nothing."""
    group, _ = Group.objects.get_or_create(name="Analysts")
    wanted = set(
        Permission.objects.filter(content_type__app_label="evaluation", codename__in=ANALYST_PERMISSIONS)
    )
    wanted.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    if set(group.permissions.all()) != wanted:
        group.permissions.set(wanted)
    return group


def load(*, stdout, style):
    ensure_analysts_group()
