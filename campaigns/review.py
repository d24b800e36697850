"""Health review with four eyes (docs/journeys.md § Reviewer, /shared/reference/roles.md).

Fact sheets, quizzes, self-checks and the mixing table say things a young person may act on. They go live only
through the health review workflow, whose task (`HealthReviewTask`) is approved by a member of its groups (the
Reviewers) who is neither the person who submitted the change nor the last person who edited it — superusers
included. Nobody publishes health content directly: the publish permission of these types is withheld
(campaigns/permissions.py, `SubstancePage.permissions_for_user`), and the approval itself publishes
(campaigns/workflow_finish.py, WAGTAIL_FINISH_WORKFLOW_ACTION). Unpublishing stays with those who may publish other
content: taking a wrong fact down must not wait for a second person.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import Workflow
from wagtail.models.workflows import AbstractGroupApprovalTask

from home.page_permissions import ProjectPagePermissionTester

# Revision keys that change on every save without changing what the content says.
_VOLATILE = {
    "pk",
    "id",
    "latest_revision",
    "live_revision",
    "has_unpublished_changes",
    "live",
    "locked",
    "locked_at",
    "locked_by",
    "latest_revision_created_at",
    "first_published_at",
    "last_published_at",
    "draft_title",
    "go_live_at",
    "expire_at",
    "expired",
    "owner",
    "url_path",
    "path",
    "depth",
    "numchild",
}


def _substance(content: dict) -> dict:
    return {key: value for key, value in (content or {}).items() if key not in _VOLATILE}


def last_editor_id(obj) -> int | None:
    """Who last changed what `obj` says: the user of the newest revision whose content differs from the one
    before it. Approving from the edit view saves the form as a revision by the approver first; a save that
    changes nothing does not make the approver its author."""
    revisions = list(obj.revisions.order_by("-created_at", "-id")[:50]) if hasattr(obj, "revisions") else []
    for newer, older in zip(revisions, [*revisions[1:], None], strict=False):
        if older is None or _substance(newer.content) != _substance(older.content):
            return newer.user_id
    return None


def authors(obj, workflow_state=None) -> set[int]:
    """Who may not approve `obj` now: whoever submitted it to review and whoever last changed it."""
    found: set[int] = set()
    workflow_state = workflow_state or getattr(obj, "current_workflow_state", None)
    if workflow_state is not None and workflow_state.requested_by_id:
        found.add(workflow_state.requested_by_id)
    editor = last_editor_id(obj)
    if editor:
        found.add(editor)
    return found


class HealthReviewTask(AbstractGroupApprovalTask):
    """A group approval that the author of the change can never give."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if user.pk in authors(obj):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and user.pk in authors(
            task_state.workflow_state.content_object, task_state.workflow_state
        ):
            raise PermissionDenied(_("Four eyes: you cannot approve a change you submitted or edited."))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve; the person who submitted or last edited the content cannot."
        )

    class Meta:
        verbose_name = _("health review (four eyes)")
        verbose_name_plural = _("health reviews (four eyes)")


def health_workflow() -> Workflow | None:
    """The active workflow with an active health review task (the first one made, if several)."""
    return (
        Workflow.objects.filter(active=True, workflow_tasks__task__active=True)
        .filter(workflow_tasks__task__in=HealthReviewTask.objects.all())
        .order_by("pk")
        .first()
    )


def is_health_content(obj) -> bool:
    from .models import Mix, Quiz, SelfCheck, SubstancePage

    return isinstance(obj, (SubstancePage, Quiz, SelfCheck, Mix))


class ReviewedPagePermissionTester(ProjectPagePermissionTester):
    """A fact sheet is never published directly, by anyone: only its health review's approval publishes it.
    Unpublishing, view restrictions and unscheduling stay with those who may publish other pages."""

    def can_publish(self):
        return False

    def can_set_view_restrictions(self):
        return super().can_publish()

    def can_unschedule(self):
        return super().can_publish()
