"""The directory's roles as Wagtail groups (idempotent): "Directory managers" and one "Task force <commune>" group
per commune, each linked to its commune by a TaskForce row."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .models import Commune, TaskForce
from .permissions import MANAGERS_GROUP

MANAGER_MODELS = ["service", "organisation", "location", "hotspot", "category", "problemreport", "taskforce"]
TASK_FORCE_PERMS = [
    ("resources", "add_service"),
    ("resources", "change_service"),
    ("resources", "delete_service"),
    ("resources", "view_service"),
    ("resources", "add_location"),
    ("resources", "change_location"),
    ("resources", "view_location"),
    ("resources", "view_organisation"),
    ("resources", "view_problemreport"),
    ("resources", "change_problemreport"),
]


def _perm(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_groups() -> dict[str, int]:
    access_admin = _perm("wagtailadmin", "access_admin")
    managers, _ = Group.objects.get_or_create(name=MANAGERS_GROUP)
    manager_perms = [access_admin] + [
        _perm("resources", f"{action}_{model}")
        for model in MANAGER_MODELS
        for action in ("add", "change", "delete", "view")
    ]
    managers.permissions.add(*manager_perms)
    task_force_perms = [access_admin] + [_perm(app, codename) for app, codename in TASK_FORCE_PERMS]
    created = 0
    for commune in Commune.objects.all():
        group, was_created = Group.objects.get_or_create(name=f"Task force {commune.name_fr}")
        created += was_created
        group.permissions.add(*task_force_perms)
        task_force, _ = TaskForce.objects.get_or_create(group=group)
        task_force.communes.add(commune)
    return {"task_forces": TaskForce.objects.count(), "created": created}
