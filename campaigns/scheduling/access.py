"""Signed, expiring, single-deliverable links for influencers (no account needed), and their audit log."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation

from .models import AccessLog, Deliverable

SALT = "scheduling.brief"


def link_max_age() -> dt.timedelta:
    value = getattr(settings, "SCHEDULING_LINK_MAX_AGE", dt.timedelta(days=14))
    return value if isinstance(value, dt.timedelta) else dt.timedelta(seconds=int(value))


def make_token(deliverable: Deliverable) -> str:
    # Bound to the deliverable and to its influencer: reassigning the deliverable voids earlier links.
    return signing.TimestampSigner(salt=SALT).sign(f"{deliverable.pk}.{deliverable.influencer_id}")


def brief_path(deliverable: Deliverable, language: str | None = None) -> str:
    with translation.override(language or settings.LANGUAGE_CODE):
        return reverse("scheduling:brief", args=[make_token(deliverable)])


def read_token(token: str) -> tuple[Deliverable | None, str]:
    """(deliverable, outcome) where outcome is "view" (valid), "expired" or "forged"."""
    signer = signing.TimestampSigner(salt=SALT)
    outcome, deliverable = AccessLog.Outcome.VIEW, None
    try:
        value = signer.unsign(token, max_age=link_max_age())
    except signing.SignatureExpired:
        outcome = AccessLog.Outcome.EXPIRED
        value = signer.unsign(token)  # authentic but too old: log which deliverable it was for
    except signing.BadSignature:
        value, outcome = None, AccessLog.Outcome.FORGED
    if value is not None:
        pk, _sep, influencer_id = value.partition(".")
        deliverable = (
            Deliverable.objects.select_related("influencer")
            .filter(pk=pk, influencer_id=influencer_id)
            .first()
            if pk.isdigit() and influencer_id.isdigit()
            else None
        )
        if deliverable is None and outcome == AccessLog.Outcome.VIEW:
            outcome = AccessLog.Outcome.FORGED
    return deliverable, outcome


def log(deliverable: Deliverable | None, outcome: str, detail: str = "") -> None:
    """Count one use of a link: one row per deliverable, outcome, detail and day (an UPDATE after the first).
    A link that names no deliverable (forged, mistyped, deleted) writes nothing: anyone can make those up."""
    if deliverable is None:
        return
    now = timezone.now()
    key = {
        "deliverable": deliverable,
        "outcome": outcome,
        "detail": detail[:200],
        "day": timezone.localdate(now),
    }
    if AccessLog.objects.filter(**key).update(count=F("count") + 1, at=now):
        return
    try:
        with transaction.atomic():
            AccessLog.objects.create(**key, at=now)
    except IntegrityError:  # another request created it in the meantime
        AccessLog.objects.filter(**key).update(count=F("count") + 1, at=now)
