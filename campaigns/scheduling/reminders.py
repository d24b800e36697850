"""Reminders by e-mail: draft due in 48 h, post due in 24 h, overdue draft or proof (with escalation to the
campaign page's owner and the planner), approval about to expire (to the Reviewers group and the planner).

Safe to run every minute from several workers: each reminder has an idempotency key (kind + variant + due
moment); it is claimed by inserting a Reminder row (unique key) while the variant row is locked with
select_for_update(skip_locked=True), in the same transaction as its e-mail in the outbox (home/outbox.py): "sent"
means handed to the outbox, which the task worker sends, retries while the mail server is away (never blindly
after an unknown outcome) and lists in the admin when it fails. Subjects are generic: no name, no handle.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from home import outbox

from . import access, services
from .models import REVIEWERS_GROUP, Reminder, Status, Variant

log = logging.getLogger(__name__)
Kind = Reminder.Kind


def _setting(name: str, default: dt.timedelta) -> dt.timedelta:
    value = getattr(settings, name, default)
    return value if isinstance(value, dt.timedelta) else dt.timedelta(seconds=int(value))


@dataclass
class Due:
    kind: str
    variant: Variant
    due_at: dt.datetime
    recipients: list[str] = field(default_factory=list)
    language: str = "fr"

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.variant.pk}:{self.due_at.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"


@dataclass
class RunReport:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    expired: int = 0
    keys: list[str] = field(default_factory=list)


def _base_url() -> str:
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def _influencer_language(variant: Variant) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    return variant.language if variant.language in codes else settings.LANGUAGE_CODE


def _staff_emails(variant: Variant, *, fallback: bool = True) -> list[str]:
    """Who hears about an overdue post: the campaign page's owner, the deliverable's planner and
    SCHEDULING_ESCALATION_EMAILS; when none of them has an address (a deliverable nobody is recorded as planning,
    e.g. made before "planned by" was recorded), every planner (scheduling.change_deliverable: Editors and
    Moderators), else the superusers — an escalation is never dropped for want of a recipient."""
    d = variant.deliverable
    emails = []
    page = d.campaign_page
    if page is not None and page.owner_id and page.owner.email:
        emails.append(page.owner.email)
    if d.created_by_id and d.created_by.email:
        emails.append(d.created_by.email)
    emails.extend(getattr(settings, "SCHEDULING_ESCALATION_EMAILS", []))
    return sorted(set(emails)) or (_planner_emails() if fallback else [])


def _planner_emails() -> list[str]:
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    perm = Q(content_type__app_label="scheduling", codename="change_deliverable")
    planners = users.filter(
        Q(groups__permissions__in=Permission.objects.filter(perm))
        | Q(user_permissions__in=Permission.objects.filter(perm))
    )
    emails = sorted(set(planners.values_list("email", flat=True)))
    return emails or sorted(set(users.filter(is_superuser=True).values_list("email", flat=True)))


def _reviewer_emails() -> list[str]:
    users = get_user_model().objects.filter(groups__name=REVIEWERS_GROUP, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


@dataclass(frozen=True)
class Windows:
    """When reminders fall due, from the settings: how long before the draft is due, before the slot and before
    the approval deadline (slot minus the approval lead) one is sent, and how long after the slot a proof is late."""

    now: dt.datetime
    lead: dt.timedelta
    draft: dt.timedelta
    slot: dt.timedelta
    proof_grace: dt.timedelta
    expiring: dt.timedelta

    @classmethod
    def read(cls, now: dt.datetime) -> Windows:
        return cls(
            now=now,
            lead=services.approval_lead(),
            draft=_setting("SCHEDULING_REMIND_DRAFT_BEFORE", dt.timedelta(hours=48)),
            slot=_setting("SCHEDULING_REMIND_SLOT_BEFORE", dt.timedelta(hours=24)),
            proof_grace=_setting("SCHEDULING_PROOF_GRACE", dt.timedelta(hours=24)),
            expiring=_setting("SCHEDULING_REMIND_APPROVAL_BEFORE", dt.timedelta(hours=6)),
        )

    @property
    def horizon(self) -> dt.datetime:
        return self.now + max(self.draft, self.slot, self.expiring + self.lead)


def due_reminders(now: dt.datetime) -> list[Due]:
    windows = Windows.read(now)
    reviewer_emails = functools.cache(
        _reviewer_emails
    )  # read once a run, and only if an approval is expiring
    found: list[Due] = []
    for variant in _variants_to_watch(windows):
        found += _draft_reminders(variant, windows)
        found += _post_reminders(variant, windows)
        found += _approval_reminders(variant, windows, reviewer_emails)
    return found


def _variants_to_watch(windows: Windows):
    """The variants of active influencers, slot from two weeks ago on, that may need a reminder."""
    return (
        Variant.objects.filter(
            Q(status__in=[Status.PLANNED, Status.DRAFT_SUBMITTED, Status.IN_REVIEW])
            | Q(status=Status.APPROVED, deliverable__planned_at__lte=windows.horizon)
        )
        .filter(
            deliverable__planned_at__gte=windows.now - dt.timedelta(days=14),
            deliverable__influencer__active=True,
        )
        .select_related(
            "deliverable__influencer", "deliverable__created_by", "deliverable__campaign_page__owner"
        )
    )


def _to_influencer(variant: Variant) -> list[str]:
    email = variant.deliverable.influencer.email
    return [email] if email else []


def _draft_reminders(v: Variant, w: Windows) -> list[Due]:
    """A planned variant before its slot: its draft is due soon (to the influencer), or overdue (to the
    influencer, and an escalation to the staff)."""
    d = v.deliverable
    if v.status != Status.PLANNED or not d.draft_due_at or d.planned_at <= w.now:
        return []
    lang = _influencer_language(v)
    if w.now < d.draft_due_at <= w.now + w.draft:
        return [Due(Kind.DRAFT_DUE, v, d.draft_due_at, _to_influencer(v), lang)]
    if d.draft_due_at <= w.now:
        return [
            Due(Kind.DRAFT_OVERDUE, v, d.draft_due_at, _to_influencer(v), lang),
            Due(Kind.ESCALATION, v, d.draft_due_at, _staff_emails(v), settings.LANGUAGE_CODE),
        ]
    return []


def _post_reminders(v: Variant, w: Windows) -> list[Due]:
    """An approved variant: its slot is soon (to the influencer), or its proof is overdue (to the influencer, and
    an escalation to the staff)."""
    d = v.deliverable
    if v.status != Status.APPROVED:
        return []
    lang = _influencer_language(v)
    if w.now < d.planned_at <= w.now + w.slot:
        return [Due(Kind.SLOT_SOON, v, d.planned_at, _to_influencer(v), lang)]
    if d.planned_at + w.proof_grace <= w.now:
        return [
            Due(Kind.PROOF_OVERDUE, v, d.planned_at, _to_influencer(v), lang),
            Due(Kind.ESCALATION, v, d.planned_at + w.proof_grace, _staff_emails(v), settings.LANGUAGE_CODE),
        ]
    return []


def _approval_reminders(v: Variant, w: Windows, reviewer_emails) -> list[Due]:
    """A variant in review whose approval deadline is near: to the reviewers and the staff (the fallback
    recipients only when there is no reviewer to write to)."""
    if v.status not in (Status.DRAFT_SUBMITTED, Status.IN_REVIEW):
        return []
    deadline = v.deliverable.planned_at - w.lead
    if not w.now < deadline <= w.now + w.expiring:
        return []
    reviewers = reviewer_emails()
    recipients = sorted({*reviewers, *_staff_emails(v, fallback=not reviewers)})
    return [Due(Kind.APPROVAL_EXPIRING, v, deadline, recipients, settings.LANGUAGE_CODE)]


SUBJECTS = {
    Kind.DRAFT_DUE: gettext_noop("Reminder: a draft is due within 48 hours"),
    Kind.SLOT_SOON: gettext_noop("Reminder: a post is due within 24 hours"),
    Kind.DRAFT_OVERDUE: gettext_noop("A draft is overdue"),
    Kind.PROOF_OVERDUE: gettext_noop("The proof of a post is overdue"),
    Kind.APPROVAL_EXPIRING: gettext_noop("An approval is about to expire"),
    Kind.ESCALATION: gettext_noop("Escalation: an influencer post is overdue"),
}


def _message(due: Due) -> tuple[str, str]:
    v, d = due.variant, due.variant.deliverable
    with translation.override(due.language):
        # gettext outside f-strings: xgettext does not read calls inside an f-string
        subject = "[" + _("Brussels Prevention") + f"] {_(SUBJECTS[due.kind])}"
        local = d.planned_at.astimezone(d.zone)
        lines = [
            _(SUBJECTS[due.kind]),
            "",
            _("Platform") + f": {d.get_platform_display()} ({v.language.upper()})",
            _("Publication slot") + f": {local:%Y-%m-%d %H:%M} ({d.timezone})",
            _("Status") + f": {v.get_status_display()}",
            "",
        ]
        if due.kind in (Kind.DRAFT_DUE, Kind.SLOT_SOON, Kind.DRAFT_OVERDUE, Kind.PROOF_OVERDUE):
            lines.append(_("Your brief") + f": {_base_url()}{access.brief_path(d, due.language)}")
        else:
            lines.append(
                _("In the admin") + f": {_base_url()}{reverse('scheduling_admin:variant', args=[v.pk])}"
            )
    return subject, "\n".join(lines)


def _claim(due: Due) -> Reminder | None:
    with transaction.atomic():
        locked = Variant.objects.select_for_update(skip_locked=True).filter(pk=due.variant.pk).first()
        if locked is None or Reminder.objects.filter(key=due.key).exists():
            return None
        try:
            with transaction.atomic():
                return Reminder.objects.create(key=due.key, kind=due.kind, variant=locked, due_at=due.due_at)
        except IntegrityError:  # another worker claimed it between our check and insert
            return None


def run(*, now: dt.datetime | None = None) -> RunReport:
    now = now or timezone.now()
    report = RunReport(expired=services.expire_approvals(now=now))
    for due in due_reminders(now):
        with transaction.atomic():  # the claim and the e-mail in the outbox, or neither
            reminder = _claim(due)
            if reminder is None:
                report.skipped += 1
                continue
            if not due.recipients:
                # Kept as "no recipient" and said in the log (the key names the kind and the variant, nobody's data).
                log.warning("reminder %s has no recipient; not sent", due.key)
                reminder.state = Reminder.State.SKIPPED
                reminder.save(update_fields=["state"])
                report.skipped += 1
                continue
            subject, body = _message(due)
            outbox.queue(
                key=f"scheduling:{due.key}", kind="reminder", subject=subject, body=body, to=due.recipients
            )
            reminder.state, reminder.sent_at = Reminder.State.SENT, timezone.now()
            reminder.save(update_fields=["state", "sent_at"])
        report.sent += 1
        report.keys.append(due.key)
    return report
