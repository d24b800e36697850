"""iCalendar feeds (RFC 5545) per influencer and per staff user, behind a revocable token."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from .calendar import visible_variants
from .models import Influencer, StaffFeedToken, Status, Variant

PAST = dt.timedelta(days=30)
FUTURE = dt.timedelta(days=370)
DOMAIN = "prevention.brussels"
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def build_calendar(
    variants: list[Variant], *, name: str, now: dt.datetime | None = None, language: str | None = None
) -> bytes:
    """The feed, its words (platforms, statuses, "Draft due") in `language` (default: the site's)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return _build_calendar(variants, name=name, now=now or timezone.now())


def feed_language(*, influencer: Influencer | None = None, user=None) -> str:
    """An influencer's feed speaks their first language; a staff feed its user's admin language."""
    codes = {code for code, _name in settings.LANGUAGES}
    if influencer is not None:
        wanted = next((code for code in influencer.languages or [] if code in codes), None)
    else:
        profile = getattr(user, "wagtail_userprofile", None)
        wanted = profile.get_preferred_language() if profile is not None else None
    return wanted if wanted in codes else settings.LANGUAGE_CODE


def _build_calendar(variants: list[Variant], *, name: str, now: dt.datetime) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Brussels Prevention//Influencer scheduling//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    by_deliverable: dict[int, list[Variant]] = defaultdict(list)
    for variant in variants:
        by_deliverable[variant.deliverable_id].append(variant)
    for group in by_deliverable.values():
        d = group[0].deliverable
        langs = "/".join(v.language.upper() for v in group)
        statuses = ", ".join(f"{v.language.upper()}: {v.get_status_display()}" for v in group)
        event = Event()
        event.add("uid", f"deliverable-{d.pk}@{DOMAIN}")
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("dtstart", d.planned_at.astimezone(dt.UTC))
        event.add("dtend", d.planned_at.astimezone(dt.UTC) + dt.timedelta(minutes=30))
        event.add("summary", f"{d.get_platform_display()} · {langs} · {d.campaign_code}")
        event.add("description", f"{d.key_message}\n\n{statuses}".strip())
        if all(v.status == Status.CANCELLED for v in group):
            event.add("status", "CANCELLED")
        cal.add_component(event)
        if d.draft_due_at:
            due = Event()
            due.add("uid", f"draft-{d.pk}@{DOMAIN}")
            due.add("dtstamp", now.astimezone(dt.UTC))
            due.add("dtstart", d.draft_due_at.astimezone(dt.UTC))
            due.add("dtend", d.draft_due_at.astimezone(dt.UTC) + dt.timedelta(minutes=15))
            summary = _("Draft due · %(platform)s · %(campaign)s") % {
                "platform": d.get_platform_display(),
                "campaign": d.campaign_code,
            }
            due.add("summary", summary)
            cal.add_component(due)
    return cal.to_ical()


def feed_variants(qs, now: dt.datetime) -> list[Variant]:
    return list(
        qs.filter(deliverable__planned_at__gte=now - PAST, deliverable__planned_at__lt=now + FUTURE)
        .select_related("deliverable")
        .order_by("deliverable__planned_at", "language")
    )


@never_cache
@require_safe
def feed(request, token: str):
    now = timezone.now()
    if not TOKEN_RE.fullmatch(token):
        raise Http404
    influencer = Influencer.objects.filter(feed_token=token, active=True).first()
    if influencer is not None:
        qs = Variant.objects.filter(deliverable__influencer=influencer)
        name = f"Brussels Prevention · {influencer.handle}"
        language = feed_language(influencer=influencer)
    else:
        staff = (
            StaffFeedToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
        )
        if staff is None:
            raise Http404
        qs = visible_variants(staff.user)
        name = "Brussels Prevention · planning"
        language = feed_language(user=staff.user)
    body = build_calendar(feed_variants(qs, now), name=name, now=now, language=language)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="planning.ics"'
    return response
