"""Who may do what in the evaluation admin.

- Analysts (group "Analysts"): view every evaluation screen and export; change nothing.
- Task-force groups: add and change the hotspot actions of their own group only (model permissions
  add/change_hotspotaction plus membership of the action's task_force_group), on the hotspots assigned to their
  group (HotspotTaskForce), whose sheets are the only ones they read.
- Holders of `evaluation.add_syncrun` (analysts, the regional cell, superusers): start a Plausible sync from the
  sync log and fetch exact period figures from the campaign report (docs/roles: "Plausible sync to analysts and the
  regional cell").
- The sync log, the stored series and the period aggregates are written by the sync only: nobody edits them.
"""

from __future__ import annotations

from wagtail.permission_policies.base import ModelPermissionPolicy

ANALYSTS_GROUP = "Analysts"
READ_ACTIONS = frozenset({"view"})


def can_view_reports(user) -> bool:
    return bool(
        user and user.is_active and (user.is_superuser or user.has_perm("evaluation.view_periodaggregate"))
    )


def can_fetch_exact(user) -> bool:
    return bool(user and user.is_active and (user.is_superuser or user.has_perm("evaluation.add_syncrun")))


can_start_sync = can_fetch_exact


def plausible_configured() -> bool:
    from django.conf import settings

    return bool(settings.PLAUSIBLE_URL and settings.PLAUSIBLE_API_KEY and settings.PLAUSIBLE_DOMAIN)


def can_import_social(user) -> bool:
    return bool(
        user and user.is_active and (user.is_superuser or user.has_perm("evaluation.add_socialmetric"))
    )


def can_open_hotspot_sheets(user) -> bool:
    """Readers of the reports, and task forces (who see only their own hotspots' sheets: `hotspot_scope`)."""
    return can_view_reports(user) or bool(user.is_active and user.has_perm("evaluation.view_hotspotaction"))


def hotspot_scope(user) -> set[str] | None:
    """The hotspots whose actions and sheet a user may reach: None for all (superusers and readers of the
    reports), else the hotspots assigned to the user's task-force groups (HotspotTaskForce)."""
    if user.is_superuser or can_view_reports(user):
        return None
    from .models import HotspotTaskForce

    return set(
        HotspotTaskForce.objects.filter(group__in=user.groups.all()).values_list("hotspot_slug", flat=True)
    )


def may_reach_hotspot(user, slug: str) -> bool:
    scope = hotspot_scope(user)
    return scope is None or slug in scope


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Only "view": the data is written by the sync or the import, never through a form."""

    def user_has_permission(self, user, action):
        return action in READ_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        actions = [a for a in actions if a in READ_ACTIONS]
        if not actions:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(actions)


class TaskForcePolicy(ModelPermissionPolicy):
    """Model permissions, and for one action: only members of its task force group (or superusers)."""

    def _member(self, user, instance) -> bool:
        return user.is_superuser or user.groups.filter(pk=instance.task_force_group_id).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return action == "view" or self._member(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        qs = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return qs.none()
        if user.is_superuser or "view" in actions:
            return qs
        return qs.filter(task_force_group__in=user.groups.all())

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])
