"""Writes of the scheduling app: the variant state machine, reviews, rescheduling.

Every status change runs in `transaction.atomic()` on a row locked with `select_for_update()`, checks the allowed
transitions below and writes a `VariantEvent` (the history). Nothing here auto-approves.

    planned → draft_submitted → in_review → approved → published → metrics_collected
    (draft resubmitted from in_review; approved → in_review on any edit; not approved in time → approval_expired;
    approval_expired → in_review after a reschedule; anything before publication → cancelled)
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import (
    REVIEWERS_GROUP,
    ApprovalRecord,
    Deliverable,
    ReviewStep,
    Status,
    Variant,
    VariantEvent,
)

UTC = dt.UTC

ALLOWED: dict[str, set[str]] = {
    Status.PLANNED: {Status.DRAFT_SUBMITTED, Status.CANCELLED, Status.APPROVAL_EXPIRED},
    Status.DRAFT_SUBMITTED: {
        Status.DRAFT_SUBMITTED,
        Status.IN_REVIEW,
        Status.CANCELLED,
        Status.APPROVAL_EXPIRED,
    },
    Status.IN_REVIEW: {Status.DRAFT_SUBMITTED, Status.APPROVED, Status.CANCELLED, Status.APPROVAL_EXPIRED},
    Status.APPROVED: {Status.IN_REVIEW, Status.PUBLISHED, Status.CANCELLED},
    Status.APPROVAL_EXPIRED: {Status.IN_REVIEW, Status.CANCELLED},
    Status.PUBLISHED: {Status.METRICS_COLLECTED},
    Status.METRICS_COLLECTED: set(),
    Status.CANCELLED: set(),
}
NOT_YET_APPROVED = (Status.PLANNED, Status.DRAFT_SUBMITTED, Status.IN_REVIEW)


class TransitionError(ValidationError):
    """A status change that the rules refuse (shown to the person as a message)."""


def approval_lead() -> dt.timedelta:
    value = getattr(settings, "SCHEDULING_APPROVAL_LEAD", dt.timedelta(hours=2))
    return value if isinstance(value, dt.timedelta) else dt.timedelta(seconds=int(value))


def is_reviewer(user) -> bool:
    return bool(user and user.is_authenticated and user.groups.filter(name=REVIEWERS_GROUP).exists())


# --- Content versions ------------------------------------------------------------------------------------


def save_variant(variant: Variant, **kwargs) -> Variant:
    """Save a variant whose content may have changed: the way every edit reaches the database (the admin form,
    the import, the transitions below). Any content edit makes a new version; an edit of an approved variant
    sends it back to review (the approval is never silently kept) and is recorded."""
    changed = note_content_change(variant)
    if kwargs.get("update_fields") is not None and changed:
        kwargs["update_fields"] = {*kwargs["update_fields"], *changed}
    variant.save(**kwargs)
    if "status" in changed:
        record_reopened(variant)
    return variant


def note_content_change(variant: Variant) -> set[str]:
    """Bump the version when the content changed since it was last noted, and send an approved variant back
    to review (in memory: the caller saves). Returns the names of the fields it changed."""
    new_sha = variant.content_hash()
    if variant.content_sha == new_sha:
        return set()
    changed = {"content_sha"}
    if variant.pk and variant.content_sha:
        variant.version += 1
        changed.add("version")
        if variant.status == Status.APPROVED:
            variant._reopened_from = variant.status
            variant.status = Status.IN_REVIEW
            variant.approved_at = None
            changed |= {"status", "approved_at"}
    variant.content_sha = new_sha
    return changed


def record_reopened(variant: Variant) -> None:
    VariantEvent.objects.create(
        variant=variant,
        from_status=getattr(variant, "_reopened_from", Status.APPROVED),
        to_status=variant.status,
        version=variant.version,
        caption=variant.caption,
        note=gettext_noop("edited after approval: re-approval required"),
    )


# --- Transitions -----------------------------------------------------------------------------------------


def _lock(variant_id: int) -> Variant:
    return Variant.objects.select_for_update().select_related("deliverable").get(pk=variant_id)


def _move(variant: Variant, to: str, *, actor=None, via_link=False, note="", extra_fields=()) -> Variant:
    if to not in ALLOWED[variant.status]:
        raise TransitionError(
            _("A variant cannot go from “%(from)s” to “%(to)s”.")
            % {"from": Status(variant.status).label, "to": Status(to).label}
        )
    previous = variant.status
    variant.status = to
    save_variant(variant, update_fields=["status", *extra_fields])
    VariantEvent.objects.create(
        variant=variant,
        from_status=previous,
        to_status=to,
        actor=actor if actor is not None and actor.is_authenticated else None,
        via_link=via_link,
        version=variant.version,
        caption=variant.caption,
        note=note,
    )
    return variant


@transaction.atomic
def submit_draft(
    variant_id: int, *, caption: str, hashtags: str | None = None, actor=None, via_link=False
) -> Variant:
    variant = _lock(variant_id)
    if variant.status not in NOT_YET_APPROVED:
        raise TransitionError(
            _("This post is “%(status)s”: a new draft cannot be submitted.")
            % {"status": Status(variant.status).label}
        )
    if not caption.strip():
        raise TransitionError(_("The caption is empty."))
    variant.caption = caption.strip()
    if hashtags is not None:
        variant.hashtags = hashtags.strip()
    return _move(
        variant, Status.DRAFT_SUBMITTED, actor=actor, via_link=via_link, extra_fields=["caption", "hashtags"]
    )


@transaction.atomic
def start_review(variant_id: int, *, actor) -> Variant:
    variant = _lock(variant_id)
    return _move(variant, Status.IN_REVIEW, actor=actor)


def steps_approved(variant: Variant) -> set[str]:
    """Steps whose latest decision for the current version is an approval."""
    latest: dict[str, str] = {}
    for record in ApprovalRecord.objects.filter(variant=variant, version=variant.version).order_by(
        "at", "pk"
    ):
        latest[record.step] = record.decision
    return {step for step, decision in latest.items() if decision == ApprovalRecord.Decision.APPROVED}


@transaction.atomic
def record_review(
    variant_id: int,
    *,
    step: str,
    decision: str,
    reviewer,
    comment: str = "",
    share_with_influencer: bool = False,
    now: dt.datetime | None = None,
) -> Variant:
    """A reviewer (member of the Reviewers group) approves a step or asks for changes. The variant becomes
    approved only when every step is approved for its current version, and only before the approval deadline
    (slot minus SCHEDULING_APPROVAL_LEAD); too late, it becomes approval_expired."""
    _check_review_input(reviewer, step, decision)
    now = now or timezone.now()
    variant = _lock_in_review(variant_id, reviewer)
    ApprovalRecord.objects.create(
        variant=variant,
        step=step,
        decision=decision,
        reviewer=reviewer,
        version=variant.version,
        comment=comment,
        share_with_influencer=share_with_influencer and bool(comment.strip()),
        at=now,
    )
    if decision != ApprovalRecord.Decision.APPROVED:
        return variant
    return _conclude_review(variant, reviewer, now)


def _check_review_input(reviewer, step: str, decision: str) -> None:
    if not is_reviewer(reviewer):
        raise PermissionDenied(_("Only members of the Reviewers group may review."))
    if step not in ReviewStep.values:
        raise TransitionError(_("Unknown review step."))
    if decision not in ApprovalRecord.Decision.values:
        raise TransitionError(_("Unknown decision."))


def _lock_in_review(variant_id: int, reviewer) -> Variant:
    """The variant, locked, in review: a submitted draft is taken into review; any other status is refused."""
    variant = _lock(variant_id)
    if variant.status == Status.DRAFT_SUBMITTED:
        _move(variant, Status.IN_REVIEW, actor=reviewer)
    if variant.status != Status.IN_REVIEW:
        raise TransitionError(
            _("Only a post in review can be reviewed (this one is “%(status)s”).")
            % {"status": Status(variant.status).label}
        )
    return variant


def _conclude_review(variant: Variant, reviewer, now: dt.datetime) -> Variant:
    """When every step is approved for the current version: approved before the deadline, expired after it."""
    if steps_approved(variant) != set(ReviewStep.values):
        return variant
    if now > variant.deliverable.planned_at - approval_lead():
        return _move(
            variant, Status.APPROVAL_EXPIRED, actor=reviewer, note=gettext_noop("approved after the deadline")
        )
    variant.approved_at = now
    return _move(variant, Status.APPROVED, actor=reviewer, extra_fields=["approved_at"])


@transaction.atomic
def mark_published(variant_id: int, *, live_url: str, proof=None, actor=None, via_link=False) -> Variant:
    variant = _lock(variant_id)
    if not live_url.startswith("https://"):
        raise TransitionError(_("The live URL must start with https://."))
    if variant.status == Status.PUBLISHED:  # correcting the URL or proof keeps the status
        save_variant(variant, update_fields=_set_live_post(variant, live_url, proof))
        return variant
    if variant.status != Status.APPROVED:
        raise TransitionError(_("Only an approved post can be marked as published."))
    fields = _set_live_post(variant, live_url, proof)
    variant.published_at = timezone.now()
    return _move(
        variant, Status.PUBLISHED, actor=actor, via_link=via_link, extra_fields=[*fields, "published_at"]
    )


def _set_live_post(variant: Variant, live_url: str, proof) -> list[str]:
    """Sets the live URL, and the proof screenshot when one is given; returns the fields set."""
    variant.live_url = live_url
    if not proof:
        return ["live_url"]
    variant.proof = proof
    return ["live_url", "proof"]


@transaction.atomic
def note_metrics(variant_id: int, *, actor=None) -> Variant:
    variant = _lock(variant_id)
    if variant.status == Status.METRICS_COLLECTED:
        return variant
    if variant.status != Status.PUBLISHED:
        raise TransitionError(_("Metrics can only be entered for a published post."))
    return _move(variant, Status.METRICS_COLLECTED, actor=actor)


@transaction.atomic
def cancel(variant_id: int, *, actor, note: str = "") -> Variant:
    variant = _lock(variant_id)
    return _move(variant, Status.CANCELLED, actor=actor, note=note)


def expire_approvals(*, now: dt.datetime | None = None) -> int:
    """Variants not approved by their deadline become approval_expired. Safe to run from several workers."""
    now = now or timezone.now()
    deadline = now + approval_lead()
    count = 0
    ids = list(
        Variant.objects.filter(
            status__in=NOT_YET_APPROVED, deliverable__planned_at__lte=deadline
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            variant = (
                Variant.objects.select_for_update(skip_locked=True)
                .select_related("deliverable")
                .filter(pk=pk, status__in=NOT_YET_APPROVED)
                .first()
            )
            if variant is None:
                continue
            _move(variant, Status.APPROVAL_EXPIRED, note=gettext_noop("not approved before the deadline"))
            count += 1
    return count


# --- Time ------------------------------------------------------------------------------------------------


def zone_or_default(name: str | None) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or "Europe/Brussels")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("Europe/Brussels")


def local_to_utc(day: dt.date, wall: dt.time, zone: zoneinfo.ZoneInfo, *, fold: int = 0) -> dt.datetime:
    """A local wall-clock time on a day, as aware UTC. A time that does not exist (the hour skipped in spring)
    is normalised forward (02:30 → 03:30); an ambiguous one (autumn) takes the first occurrence unless fold=1."""
    local = dt.datetime.combine(day, wall.replace(tzinfo=None)).replace(tzinfo=zone, fold=fold)
    return local.astimezone(UTC)


def keep_wall_clock(moment: dt.datetime, new_day: dt.date, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    local = moment.astimezone(zone)
    return local_to_utc(new_day, local.time(), zone, fold=local.fold)


@dataclass
class MoveResult:
    deliverable: Deliverable
    reopened: int


@transaction.atomic
def move_deliverable(deliverable_id: int, *, new_day: dt.date, actor, now: dt.datetime | None = None):
    """Move a deliverable to another day, keeping its local wall-clock time (and its draft due date the same
    number of local days before). Refuses a slot in the past or a published post."""
    now = now or timezone.now()
    deliverable = Deliverable.objects.select_for_update().get(pk=deliverable_id)
    variants = list(Variant.objects.select_for_update().filter(deliverable=deliverable))
    if any(v.status in (Status.PUBLISHED, Status.METRICS_COLLECTED) for v in variants):
        raise TransitionError(_("A published post cannot be moved."))
    zone = deliverable.zone
    old_day = deliverable.planned_at.astimezone(zone).date()
    new_slot = keep_wall_clock(deliverable.planned_at, new_day, zone)
    if new_slot <= now:
        raise TransitionError(_("The new slot would be in the past."))
    deliverable.planned_at = new_slot
    if deliverable.draft_due_at:
        deliverable.draft_due_at = keep_wall_clock(
            deliverable.draft_due_at,
            deliverable.draft_due_at.astimezone(zone).date() + (new_day - old_day),
            zone,
        )
    deliverable.save(update_fields=["planned_at", "draft_due_at"])
    reopened = 0
    for variant in variants:
        variant.deliverable = deliverable
        if variant.status == Status.APPROVAL_EXPIRED and new_slot - approval_lead() > now:
            variant.version += 1  # earlier approvals no longer count: a full review again
            _move(
                variant,
                Status.IN_REVIEW,
                actor=actor,
                note=gettext_noop("rescheduled"),
                extra_fields=["version"],
            )
            reopened += 1
    return MoveResult(deliverable, reopened)


def caption_versions(variant: Variant) -> list[tuple[int, str]]:
    """Distinct caption versions from the history, oldest first, the current one last."""
    versions: list[tuple[int, str]] = []
    for event in variant.events.order_by("at", "pk"):
        if event.caption and (not versions or versions[-1][1] != event.caption):
            versions.append((event.version, event.caption))
    if variant.caption and (not versions or versions[-1][1] != variant.caption):
        versions.append((variant.version, variant.caption))
    return versions


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op in "same", "del", "ins": a word-level comparison of two captions."""
    import difflib

    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("del", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("ins", " ".join(b[j1:j2])))
    return out
