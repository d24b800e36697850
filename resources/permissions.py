"""Who may reach which row of the directory: the permission policy derived from resources/roles.py.

`CommunePermissionPolicy` is registered for every model of `roles.COMMUNE_SCOPE` (wagtail_hooks.py), so that
Wagtail's own checks (copy, bulk delete, preview, the snippets API) and this project's admin screens
(viewsets.py: listing, export, every view of one object, choosers, bulk actions) answer from one rule:
- the model permissions come from the user's groups (as Wagtail's ModelPermissionPolicy);
- the rows: superusers and members of `roles.UNRESTRICTED_GROUPS` reach all of them; anyone else only the rows
  lying in the communes of their task forces (`roles.COMMUNE_SCOPE`);
- publishing (services and locations have drafts): task forces publish only while the directory managers' review
  switch is off (`DirectoryReviewSettings`); directory managers always do.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from .roles import COMMUNE_SCOPE, MANAGERS_GROUP, NO_COMMUNE_IS_EVERYONES, UNRESTRICTED_GROUPS

__all__ = [
    "MANAGERS_GROUP",
    "ANY_ACTION",
    "CommunePermissionPolicy",
    "is_directory_manager",
    "task_force_commune_ids",
    "scope_q",
    "scoped_services",
    "policy_for",
]

ANY_ACTION = ("add", "change", "delete", "view")


def is_directory_manager(user) -> bool:
    """Reaches every row of the directory (superusers and the unrestricted groups)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    cache = getattr(user, "_resources_is_manager", None)
    if cache is None:
        cache = user.groups.filter(name__in=UNRESTRICTED_GROUPS).exists()
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


def commune_scope_q(model, user) -> Q | None:
    """None: every row. Otherwise the rows of `model` the user may reach (by primary key, no duplicates)."""
    if is_directory_manager(user):
        return None
    name = model._meta.model_name
    path = COMMUNE_SCOPE[name]
    communes = task_force_commune_ids(user)
    q = Q(pk__in=model._default_manager.filter(**{f"{path}__in": communes}).values("pk"))
    if name in NO_COMMUNE_IS_EVERYONES:
        q |= ~Q(pk__in=model._default_manager.filter(**{f"{path}__isnull": False}).values("pk"))
    return q


class CommunePermissionPolicy(ModelPermissionPolicy):
    """Model permissions from the groups, rows from the commune scope of resources/roles.py."""

    def scope_q(self, user) -> Q | None:
        return commune_scope_q(self.model, user)

    def in_scope(self, user, instance) -> bool:
        q = self.scope_q(user)
        if q is None or instance.pk is None:  # a new row: its form checks where it will lie
            return True
        return self.model._default_manager.filter(q, pk=instance.pk).exists()

    def user_may_reach(self, user, pk) -> bool:
        """Whether the row `pk` is one the user may act on at all (any action, in scope)."""
        return self.instances_user_has_any_permission_for(user, ANY_ACTION).filter(pk=pk).exists()

    def user_has_permission(self, user, action):
        """As the groups say, except "publish" (and unpublish): while the directory managers' review is on
        (`DirectoryReviewSettings`), only they and superusers publish; task forces submit to the review."""
        if not super().user_has_permission(user, action):
            return False
        if action == "publish" and not is_directory_manager(user):
            from .models import DirectoryReviewSettings

            return not DirectoryReviewSettings.review_required()
        return True

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self.in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        q = self.scope_q(user)
        return queryset if q is None else queryset.filter(q)


def policy_for(model) -> CommunePermissionPolicy:
    return policy_registry.get_by_type(model)


def scope_q(user) -> Q | None:
    """The services a user may reach (None: all)."""
    from .models import Service

    return commune_scope_q(Service, user)


def scoped_services(user, queryset):
    q = scope_q(user)
    return queryset if q is None else queryset.filter(q)


class ReferenceDataPolicy(ModelPermissionPolicy):
    """Communes and quartiers are the Region's reference data (codes, boundaries), loaded by `load_geography`:
    in the admin their names may be changed, but nobody, superusers included, adds or deletes one."""

    FIXED = frozenset({"add", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.FIXED and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a not in self.FIXED])
