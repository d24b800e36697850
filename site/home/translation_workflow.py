"""Translations go through moderation like any other change (docs/translation.md).

wagtail-localize's translation editor replaces Wagtail's page and snippet editor for a synchronised translation,
and it knows only "Publish": a translator, who may not publish, had no way to hand a translation over, and a
moderator's "Publish" cancelled the moderation without telling the translator. This module bridges the editor
to Wagtail's own workflows, so that Wagtail's own notifications (in each recipient's admin language) follow:

- `submit`: the translated segments become a new draft revision and the object's workflow starts (or resumes
  after "request changes"); the moderators of the current task are e-mailed by Wagtail.
- `approve`: a moderator's "Publish in <language>" on a translation in moderation approves the current task
  with the segments as they are now; when the workflow ends, Wagtail publishes and e-mails the translator.
- `request_changes`: the current task is rejected with a comment; Wagtail e-mails the translator.

New translations are created as drafts (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False in settings), and
"Sync translated pages" offers "Publish immediately" only to those who may publish every translation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_denied
from wagtail.models import DraftStateMixin, Page, WorkflowMixin, WorkflowState
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail_localize.models import Translation

SUBMIT = "localize-submit"
REQUEST_CHANGES = "localize-request-changes"
PUBLISH = "publish"  # the translation editor's own "Publish in <language>" button


def enabled_translation(instance) -> Translation | None:
    """The synchronised translation whose target is `instance`, if any."""
    if not getattr(instance, "translation_key", None):
        return None
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key, target_locale_id=instance.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def _is_draftable(instance) -> bool:
    return isinstance(instance, DraftStateMixin)


def can_publish(user, instance) -> bool:
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if not _is_draftable(instance):
        return True  # objects without a draft state are live as soon as they are saved
    return policy_registry.get_by_type(type(instance)).user_has_permission(user, "publish")


def can_edit(user, instance) -> bool:
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return ModelPermissionPolicy(type(instance)).user_has_permission(user, "change")


def _workflow(instance):
    if not isinstance(instance, WorkflowMixin) or not _is_draftable(instance):
        return None
    return instance.get_workflow()


def _state(instance) -> WorkflowState | None:
    if not isinstance(instance, WorkflowMixin):
        return None
    return instance.current_workflow_state


def _task_actions(instance, state, user) -> list[str]:
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS or state.current_task_state is None:
        return []
    task = state.current_task_state.task.specific
    return [name for name, _label, _modal in task.get_actions(instance, user)]


def _locked_for(user, instance) -> bool:
    lock = instance.get_lock() if hasattr(instance, "get_lock") else None
    return lock is not None and lock.for_user(user)


@dataclass
class WorkflowStatus:
    """What the translation editor offers `user` for `instance` (read by the edit_translation template)."""

    workflow: object = None
    state: WorkflowState | None = None
    can_submit: bool = False
    resubmit: bool = False
    can_approve: bool = False
    can_request_changes: bool = False
    task_name: str = ""
    actions: list[str] = field(default_factory=list)

    @property
    def in_moderation(self) -> bool:
        return self.state is not None and self.state.status == WorkflowState.STATUS_IN_PROGRESS


def status_for(user, instance) -> WorkflowStatus:
    workflow = _workflow(instance)
    state = _state(instance)
    status = WorkflowStatus(workflow=workflow, state=state)
    if state is not None and state.current_task_state is not None:
        status.task_name = state.current_task_state.task.name
    if workflow is None and state is None:
        return status
    editable = can_edit(user, instance) and not _locked_for(user, instance)
    if state is None:
        status.can_submit = editable and workflow is not None
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        status.can_submit = editable
        status.resubmit = True
    actions = _task_actions(instance, state, user)
    status.actions = actions
    status.can_approve = "approve" in actions and can_publish(user, instance)
    status.can_request_changes = "reject" in actions
    return status


def _save_draft(translation: Translation, instance, user):
    """The segments as they are now, as a new draft revision of the target; nothing visitors see changes.

    wagtail-localize's save_target(publish=False) also saves the target's row, which for a live page or snippet
    is what visitors see: a live target gets only a revision, as Wagtail's own "Save draft" does."""
    if not getattr(instance, "live", False):
        translation.save_target(user=user, publish=False)
        return
    draft = translation.source.get_ephemeral_translated_instance(translation.target_locale, fallback=True)
    draft.save_revision(user=user, log_action=True)


def _status_allowing(user, instance, permission: str) -> WorkflowStatus:
    """The translation's workflow status for this user, who must have `permission` ("can_submit", ...)."""
    status = status_for(user, instance)
    if not getattr(status, permission):
        raise PermissionDenied
    return status


def _act_on_current_task(status: WorkflowStatus, user, action: str, **kwargs) -> None:
    """Take `action` ("approve", "reject") on the workflow task the translation is at, as Wagtail's own buttons."""
    task_state = status.state.current_task_state.specific
    task_state.task.specific.on_action(task_state, user, action, **kwargs)


@transaction.atomic
def submit(translation: Translation, instance, user) -> WorkflowState:
    status = _status_allowing(user, instance, "can_submit")
    _save_draft(translation, instance, user)
    instance.refresh_from_db()
    if status.resubmit:
        status.state.resume(user)
        return status.state
    return status.workflow.start(instance, user)


@transaction.atomic
def approve(translation: Translation, instance, user) -> None:
    status = _status_allowing(user, instance, "can_approve")
    _save_draft(translation, instance, user)
    _act_on_current_task(status, user, "approve")


@transaction.atomic
def request_changes(instance, user, comment: str) -> None:
    status = _status_allowing(user, instance, "can_request_changes")
    _act_on_current_task(status, user, "reject", comment=comment)


def _title(instance) -> str:
    return instance.get_admin_display_title() if isinstance(instance, Page) else str(instance)


def _submit_or_request_changes(request, action: str, translation, instance, values: dict) -> None:
    if action == SUBMIT and status_for(request.user, instance).in_moderation:
        # A second click or a second tab: nothing to do, and nothing refused either.
        messages.warning(request, _("“%(title)s” in %(language)s is already awaiting moderation.") % values)
    elif action == SUBMIT:
        submit(translation, instance, request.user)
        messages.success(
            request, _("“%(title)s” in %(language)s has been submitted for moderation.") % values
        )
    else:
        comment = (request.POST.get("comment") or "").strip()[:2000]
        request_changes(instance, request.user, comment)
        messages.success(request, _("Changes to “%(title)s” in %(language)s have been requested.") % values)


def _approve(request, translation, instance, values: dict):
    """The moderator's "Publish": approves the moderation under way; None (wagtail-localize publishes) when
    there is none."""
    status = status_for(request.user, instance)
    if not status.in_moderation:
        return None  # no moderation under way: wagtail-localize publishes (it checks the right)
    if not status.can_approve:
        raise PermissionDenied
    approve(translation, instance, request.user)
    messages.success(request, _("“%(title)s” in %(language)s has been approved.") % values)
    return redirect(request.path)


def handle_editor_post(request, instance):
    """`before_edit_page` / `before_edit_snippet`, run before wagtail-localize's own hook: the workflow actions
    of the translation editor. Returns a response, or None to let wagtail-localize (or Wagtail) go on."""
    if request.method != "POST":
        return None
    action = request.POST.get("action")
    if action not in (SUBMIT, REQUEST_CHANGES, PUBLISH):
        return None
    translation = enabled_translation(instance)
    if translation is None:
        return None
    if isinstance(instance, Page):
        instance = instance.specific
    language = translation.target_locale.get_display_name()
    values = {"title": _title(instance), "language": language}
    try:
        if action == PUBLISH:
            return _approve(request, translation, instance, values)
        _submit_or_request_changes(request, action, translation, instance, values)
    except PermissionDenied:
        return permission_denied(request)  # the admin's usual message, in the user's language
    except ValidationError:
        messages.error(
            request,
            _("“%(title)s” in %(language)s could not be saved: fix the translations marked in red.") % values,
        )
    return redirect(request.path)


def update_translations_may_publish(user, source) -> bool:
    """ "Publish immediately" in "Sync translated pages": only for those who may publish every translation."""
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:  # not created yet: the sync creates it; judge by the source
            target = source.get_source_instance()
        if isinstance(target, Page):
            target = target.specific
        if not can_publish(user, target):
            return False
    return True
