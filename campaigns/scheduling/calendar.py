"""Reads shared by the calendar views, the CSV export and the feeds: ONE range computation for every view,
the filtered list of variants, and conflict warnings."""

from __future__ import annotations

import calendar as pycal
import datetime as dt
import re
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .models import DEFAULT_TZ, Variant
from .services import is_reviewer

VIEWS = ("month", "week", "day", "lanes", "list")


def calendar_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(getattr(settings, "SCHEDULING_CALENDAR_TZ", DEFAULT_TZ))


@dataclass(frozen=True)
class CalendarRange:
    view: str
    anchor: dt.date
    first_day: dt.date  # local, inclusive
    end_day: dt.date  # local, exclusive
    start: dt.datetime  # aware UTC, inclusive
    end: dt.datetime  # aware UTC, exclusive
    zone: zoneinfo.ZoneInfo
    previous: dt.date
    next: dt.date

    @property
    def last_day(self) -> dt.date:
        return self.end_day - dt.timedelta(days=1)

    @property
    def days(self) -> list[dt.date]:
        return [self.first_day + dt.timedelta(days=i) for i in range((self.end_day - self.first_day).days)]

    @property
    def weeks(self) -> list[list[dt.date]]:
        days = self.days
        return [days[i : i + 7] for i in range(0, len(days), 7)]


def _local_midnight_utc(day: dt.date, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone).astimezone(dt.UTC)


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, pycal.monthrange(year, month)[1]))


def compute_range(view: str, anchor: dt.date, zone: zoneinfo.ZoneInfo | None = None) -> CalendarRange:
    """[start, end) of a calendar view: local dates in the calendar's zone (Europe/Brussels), each converted
    from local midnight to UTC, so a day is 23 or 25 hours long on DST weekends and nothing is lost or doubled.
    Month: whole weeks (Monday–Sunday) covering the month. Week and lanes (one row per influencer): Monday–Sunday.
    Day: that day. List: the month's days."""
    zone = zone or calendar_zone()
    view = view if view in VIEWS else "month"
    if view == "day":
        first, end = anchor, anchor + dt.timedelta(days=1)
        previous, nxt = anchor - dt.timedelta(days=1), end
    elif view in ("week", "lanes"):
        first = anchor - dt.timedelta(days=anchor.weekday())
        end = first + dt.timedelta(days=7)
        previous, nxt = anchor - dt.timedelta(days=7), anchor + dt.timedelta(days=7)
    else:
        month_first = anchor.replace(day=1)
        month_end = _add_months(month_first, 1)
        previous, nxt = _add_months(month_first, -1), month_end
        if view == "month":
            first = month_first - dt.timedelta(days=month_first.weekday())
            end = month_end + dt.timedelta(days=(7 - month_end.weekday()) % 7)
        else:
            first, end = month_first, month_end
    return CalendarRange(
        view=view,
        anchor=anchor,
        first_day=first,
        end_day=end,
        start=_local_midnight_utc(first, zone),
        end=_local_midnight_utc(end, zone),
        zone=zone,
        previous=previous,
        next=nxt,
    )


# --- Who sees what ---------------------------------------------------------------------------------------


def can_plan(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("scheduling.change_deliverable"))


def sees_everything(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and (user.has_perm("scheduling.view_deliverable") or can_plan(user) or is_reviewer(user))
    )


def own_influencer(user):
    """The influencer linked to a restricted account (Influencers group), or None."""
    if not (user and user.is_authenticated):
        return None
    return getattr(user, "influencer_profile", None)


def can_use_calendar(user) -> bool:
    return sees_everything(user) or own_influencer(user) is not None


def visible_variants(user) -> QuerySet[Variant]:
    qs = Variant.objects.all()
    if sees_everything(user):
        return qs
    influencer = own_influencer(user)
    if influencer is None:
        return qs.none()
    return qs.filter(deliverable__influencer=influencer)


def variants_in_range(rng: CalendarRange, *, user, filters: dict | None = None) -> list[Variant]:
    filters = filters or {}
    qs = visible_variants(user).filter(
        deliverable__planned_at__gte=rng.start, deliverable__planned_at__lt=rng.end
    )
    if filters.get("influencer"):
        qs = qs.filter(deliverable__influencer=filters["influencer"])
    if filters.get("platform"):
        qs = qs.filter(deliverable__platform=filters["platform"])
    if filters.get("language"):
        qs = qs.filter(language=filters["language"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("campaign"):
        qs = qs.filter(deliverable__campaign_code=filters["campaign"])
    return list(
        qs.select_related("deliverable__influencer").order_by(
            "deliverable__planned_at", "deliverable_id", "language"
        )
    )


def by_local_day(variants: list[Variant], zone: zoneinfo.ZoneInfo) -> dict[dt.date, list[Variant]]:
    days: dict[dt.date, list[Variant]] = defaultdict(list)
    for variant in variants:
        variant.local_slot = variant.deliverable.planned_at.astimezone(zone)
        days[variant.local_slot.date()].append(variant)
    return days


# --- Conflicts -------------------------------------------------------------------------------------------


def conflict_window() -> dt.timedelta:
    value = getattr(settings, "SCHEDULING_CONFLICT_WINDOW", dt.timedelta(hours=6))
    return value if isinstance(value, dt.timedelta) else dt.timedelta(seconds=int(value))


def _normalised(caption: str) -> str:
    return re.sub(r"\s+", " ", caption or "").strip().lower()


def _lane_conflicts(variants: list[Variant], window: dt.timedelta, warnings: dict[int, list[str]]) -> None:
    """Deliverables of one influencer on one platform closer than the window: each of their variants warned."""
    lanes: dict[tuple, dict[int, list[Variant]]] = defaultdict(lambda: defaultdict(list))
    for variant in variants:
        d = variant.deliverable
        lanes[(d.influencer_id, d.platform)][d.pk].append(variant)
    hours = round(window.total_seconds() / 3600, 1)
    message = _("Same influencer and platform within %(hours)s hours.") % {"hours": f"{hours:g}"}
    for lane in lanes.values():
        groups = sorted(lane.values(), key=lambda group: group[0].deliverable.planned_at)
        for earlier, later in zip(groups, groups[1:], strict=False):
            if later[0].deliverable.planned_at - earlier[0].deliverable.planned_at >= window:
                continue
            for variant in (*earlier, *later):
                if message not in warnings[variant.pk]:
                    warnings[variant.pk].append(message)


def find_conflicts(variants: list[Variant], *, window: dt.timedelta | None = None) -> dict[int, list[str]]:
    """Warnings per variant id: another deliverable of the same influencer on the same platform within the
    window, or an identical caption elsewhere. Pure Python over the loaded list: no extra query."""
    window = window or conflict_window()
    warnings: dict[int, list[str]] = defaultdict(list)
    _lane_conflicts(variants, window, warnings)
    captions: dict[str, list[Variant]] = defaultdict(list)
    for variant in variants:
        if (text := _normalised(variant.caption)) and variant.status != "cancelled":
            captions[text].append(variant)
    for same in captions.values():
        if len(same) > 1:
            for variant in same:
                warnings[variant.pk].append(_("Identical caption in another post."))
    return dict(warnings)


@dataclass(frozen=True)
class Moment:
    """A campaign period shown as a band across the calendar days it covers."""

    title: str
    code: str
    first_day: dt.date
    last_day: dt.date

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day


def campaign_moments(rng: CalendarRange) -> list[Moment]:
    """Campaign pages (in the default language) whose start/end dates overlap the range: one query. A campaign
    without an end date runs until the end of the range."""
    from django.db.models import Q
    from wagtail.models import Locale

    from campaigns.models import CampaignPage

    pages = (
        CampaignPage.objects.filter(locale=Locale.get_default(), start_date__isnull=False)
        .filter(start_date__lte=rng.last_day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=rng.first_day))
        .order_by("start_date", "title")
        .only("title", "code", "start_date", "end_date")
    )
    return [Moment(p.title, p.code, p.start_date, p.end_date or rng.last_day) for p in pages]
