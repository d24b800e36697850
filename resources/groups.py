"""The directory's roles as Wagtail groups (idempotent): "Directory managers" and one "Task force <commune>" group
per commune, each linked to its commune by a TaskForce row. What each may do is declared in roles.py."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from home.roles import declared_roles, permission_objects

from .models import Commune, TaskForce
from .roles import MANAGERS_GROUP, TASK_FORCE_GROUP_PREFIX, TASK_FORCE_PERMISSIONS


@transaction.atomic
def ensure_groups() -> dict[str, int]:
    managers, _ = Group.objects.get_or_create(name=MANAGERS_GROUP)
    managers.permissions.add(*permission_objects(declared_roles()[MANAGERS_GROUP].permissions))
    task_force_perms = permission_objects(TASK_FORCE_PERMISSIONS)
    created = 0
    for commune in Commune.objects.all():
        group, was_created = Group.objects.get_or_create(
            name=f"{TASK_FORCE_GROUP_PREFIX}{commune.name_in(settings.LANGUAGE_CODE)}"
        )
        created += was_created
        group.permissions.add(*task_force_perms)
        task_force, _ = TaskForce.objects.get_or_create(group=group)
        task_force.communes.add(commune)
    return {"task_forces": TaskForce.objects.count(), "created": created}
