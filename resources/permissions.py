"""Who may edit which listing.

- Superusers and members of the "Directory managers" group: every listing (with the usual model permissions).
- Members of a "Task force <commune>" group (a TaskForce row links the group to its communes): only the services
  with at least one location in those communes — list, edit, delete, export and history all go through this
  policy; on create and edit, the form refuses locations outside their communes.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.permission_policies.base import ModelPermissionPolicy

MANAGERS_GROUP = "Directory managers"


def is_directory_manager(user) -> bool:
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    cache = getattr(user, "_resources_is_manager", None)
    if cache is None:
        cache = user.groups.filter(name=MANAGERS_GROUP).exists()
        user._resources_is_manager = cache
    return cache


def task_force_commune_ids(user) -> set[int]:
    from .models import TaskForce

    cache = getattr(user, "_resources_communes", None)
    if cache is None:
        cache = set(
            TaskForce.communes.through.objects.filter(taskforce__group__user=user).values_list(
                "commune_id", flat=True
            )
        )
        user._resources_communes = cache
    return cache


def scope_q(user) -> Q | None:
    """None: no restriction. Otherwise the services a task-force member may see."""
    if is_directory_manager(user):
        return None
    from .models import ServiceAtLocation

    communes = task_force_commune_ids(user)
    return Q(pk__in=ServiceAtLocation.objects.filter(location__commune_id__in=communes).values("service_id"))


class ServicePermissionPolicy(ModelPermissionPolicy):
    def _in_scope(self, user, instance) -> bool:
        q = scope_q(user)
        if q is None:
            return True
        if instance.pk is None:
            return True
        return self.model._default_manager.filter(q, pk=instance.pk).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self._in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        q = scope_q(user)
        return queryset if q is None else queryset.filter(q)


def scoped_services(user, queryset):
    q = scope_q(user)
    return queryset if q is None else queryset.filter(q)
