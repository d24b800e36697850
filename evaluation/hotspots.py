"""Hotspot sheets: campaign reach through the hotspot's own entry points, directory demand naming its quartiers,
the task force's action log, and the trend over consecutive six-month windows.

IP geolocation cannot place a visitor in a neighbourhood: reach counts visits that came in through the hotspot's
QR codes, posters and short links (utm_content=hotspot-<slug>); demand counts directory goals whose `quartier`
property is one of the hotspot's quartiers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count

from .models import DailyMetric, DimensionKind, HotspotAction, HotspotStatus, HotspotStatusChange
from .rollups import STEP_GOALS
from .selectors import HotspotDirectory, HotspotInfo, hotspot_directory
from .tracking import PATH_TO_HELP

DEMAND_GOALS = PATH_TO_HELP
# Goals of the path to help that carry the service's area (quartier): attributable to a hotspot. Helpline taps
# carry no area: they are in the campaign report, not here.
HELP_SEEN_GOALS = STEP_GOALS["help_seen"]
HELP_ACTION_GOALS = STEP_GOALS["help_action"]
AREA_GOALS = tuple(dict.fromkeys((*DEMAND_GOALS, *HELP_SEEN_GOALS, *HELP_ACTION_GOALS)))


def months_back(day: date, months: int) -> date:
    """The same day `months` earlier (clamped to the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for dd in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(dd, day.day))
        except ValueError:
            continue
    raise ValueError(day)


def six_month_windows(end: date, count: int) -> list[tuple[date, date]]:
    """`count` consecutive windows of six months ending on `end`, oldest first."""
    windows = []
    current_end = end
    for _ in range(count):
        start = months_back(current_end + timedelta(days=1), 6)
        windows.append((start, current_end))
        current_end = start - timedelta(days=1)
    return list(reversed(windows))


@dataclass
class Window:
    start: date
    end: date
    reach_visitors: int = 0
    reach_visits: int = 0
    demand: dict[str, int] = field(default_factory=dict)
    actions: dict[str, int] = field(default_factory=dict)
    clicks: int = 0  # the site's own count of the hotspot's poster/QR links

    @property
    def demand_total(self) -> int:
        return sum(self.demand.get(goal, 0) for goal in DEMAND_GOALS)

    @property
    def help_seen(self) -> int:
        return sum(self.demand.get(goal, 0) for goal in HELP_SEEN_GOALS)

    @property
    def help_actions(self) -> int:
        return sum(self.demand.get(goal, 0) for goal in HELP_ACTION_GOALS)


@dataclass
class HotspotSheet:
    hotspot: HotspotInfo
    windows: list[Window]
    actions: list[HotspotAction]
    has_demo_data: bool
    directory: HotspotDirectory | None = None
    baseline: Window | None = None  # the six months before the first window (for the funnel and the exports)

    def previous(self, window: Window) -> Window | None:
        index = self.windows.index(window)
        return self.windows[index - 1] if index else self.baseline

    @property
    def start(self) -> date:
        return self.windows[0].start

    @property
    def end(self) -> date:
        return self.windows[-1].end


def hotspot_clicks(slugs, start: date, end: date) -> list[tuple[str, date, int]]:
    """(hotspot slug, day, clicks) of the poster/QR links at these hotspots: one query, with or without links."""
    from django.apps import apps

    if not apps.is_installed("campaigns.scheduling"):
        return []
    from django.db.models import OuterRef, Subquery

    from campaigns.scheduling.models import ClickDay, TrackedLink

    links = TrackedLink.objects.filter(hotspot_slug__in=list(slugs))
    return list(
        ClickDay.objects.filter(code__in=links.values("code"), day__range=(start, end))
        .annotate(slug=Subquery(links.filter(code=OuterRef("code")).values("hotspot_slug")[:1]))
        .values_list("slug", "day", "count")
    )


def _window_finder(windows: list[Window]):
    """day -> the window holding it (None outside them all)."""

    def bucket(day: date) -> Window | None:
        for window in windows:
            if window.start <= day <= window.end:
                return window
        return None

    return bucket


def _add_reach(info: HotspotInfo, bucket, first: date, last: date) -> bool:
    """Visitors and visits that came in through the hotspot's entry points; whether any of them is demo data."""
    demo = False
    reach = DailyMetric.objects.filter(
        kind=DimensionKind.UTM_CONTENT, value=f"hotspot-{info.slug}", date__range=(first, last)
    ).values_list("date", "visitors", "visits", "is_demo")
    for day, visitors, visits, is_demo in reach:
        window = bucket(day)
        window.reach_visitors += visitors or 0
        window.reach_visits += visits or 0
        demo = demo or is_demo
    return demo


def _add_demand(info: HotspotInfo, bucket, first: date, last: date) -> bool:
    """Directory goals naming the hotspot's quartiers, per goal; whether any of them is demo data."""
    demo = False
    demand = DailyMetric.objects.filter(
        kind=DimensionKind.GOAL_PROP,
        prop_name="quartier",
        prop_value__in=info.quartier_codes,
        value__in=AREA_GOALS,
        date__range=(first, last),
    ).values_list("date", "value", "events", "is_demo")
    for day, goal, events, is_demo in demand:
        window = bucket(day)
        window.demand[goal] = window.demand.get(goal, 0) + (events or 0)
        demo = demo or is_demo
    return demo


def _add_clicks(info: HotspotInfo, bucket, first: date, last: date) -> None:
    for _slug, day, count in hotspot_clicks([info.slug], first, last):
        bucket(day).clicks += count


def _add_action_counts(info: HotspotInfo, bucket, first: date, last: date) -> None:
    for day, axis in HotspotAction.objects.filter(
        hotspot_slug=info.slug, date__range=(first, last)
    ).values_list("date", "axis"):
        window = bucket(day)
        window.actions[axis] = window.actions.get(axis, 0) + 1


def build_sheet(info: HotspotInfo, *, end: date, windows: int = 4) -> HotspotSheet:
    spans = six_month_windows(end, windows + 1)  # one more: the baseline of the first window
    first, last = spans[0][0], spans[-1][1]
    all_windows = [Window(start, stop) for start, stop in spans]
    result = all_windows[1:]
    bucket = _window_finder(all_windows)
    demo = _add_reach(info, bucket, first, last)
    demo = _add_demand(info, bucket, first, last) or demo
    _add_clicks(info, bucket, first, last)
    _add_action_counts(info, bucket, first, last)
    actions = list(
        HotspotAction.objects.filter(hotspot_slug=info.slug)
        .select_related("task_force_group")
        .order_by("-date", "-id")
    )
    demo = demo or any(a.is_demo for a in actions)
    directory = hotspot_directory(info, start=result[0].start, end=last)
    return HotspotSheet(
        hotspot=info,
        windows=result,
        actions=actions,
        has_demo_data=demo,
        directory=directory,
        baseline=all_windows[0],
    )


def action_counts() -> dict[str, int]:
    return dict(
        HotspotAction.objects.values("hotspot_slug").annotate(n=Count("id")).values_list("hotspot_slug", "n")
    )


# --- Status: the history is the one source ---------------------------------------------------------------------
# A hotspot's status is its latest recorded change (by date, then by recording order). The directory's public
# two-state status (resources.Hotspot.status: active / eased, shown on the neighbourhoods page) is derived from it
# here and nowhere else: `record_status_change` writes a change and the derived field in one transaction, and the
# signals below (evaluation/apps.py) re-derive it whenever a change is saved or deleted by any other path.
PUBLIC_STATUS = {
    HotspotStatus.DESIGNATED: "active",
    HotspotStatus.ESCALATING: "active",
    HotspotStatus.EASING: "eased",
    HotspotStatus.RENEWAL: "eased",
    HotspotStatus.CLOSED: "eased",
}
NO_HISTORY_STATUS = "active"  # a hotspot with no recorded change is as designated


def latest_statuses(slugs=None) -> dict[str, HotspotStatusChange]:
    """The latest change of each hotspot (of these slugs): one query."""
    changes = HotspotStatusChange.objects.order_by("hotspot_slug", "date", "id")
    if slugs is not None:
        changes = changes.filter(hotspot_slug__in=list(slugs))
    return {change.hotspot_slug: change for change in changes}


def derived_public_status(change: HotspotStatusChange | None) -> str:
    return PUBLIC_STATUS.get(change.status, NO_HISTORY_STATUS) if change else NO_HISTORY_STATUS


def sync_public_status(slugs) -> int:
    """Set the directory's status of these hotspots (every language) from their history; the rows changed."""
    from resources.models import Hotspot

    slugs = list(dict.fromkeys(slugs))
    latest = latest_statuses(slugs)
    changed = 0
    for slug in slugs:
        status = derived_public_status(latest.get(slug))
        changed += Hotspot.objects.filter(slug=slug).exclude(status=status).update(status=status)
    return changed


def status_disagreements() -> list[tuple[str, str, str]]:
    """(slug, stored, derived) of every hotspot whose directory status is not its history's: empty when
    consistent (tests and `check_hotspot_status`)."""
    from resources.models import Hotspot

    latest = latest_statuses()
    return sorted(
        {
            (slug, stored, derived_public_status(latest.get(slug)))
            for slug, stored in Hotspot.objects.values_list("slug", "status")
            if stored != derived_public_status(latest.get(slug))
        }
    )


def record_status_change(*, hotspot_slug: str, date, status: str, reason: str, author=None, is_demo=False):
    """The one way to change a hotspot's status: the change (date, status, reason, author) and the directory's
    derived status, together."""
    with transaction.atomic():
        change = HotspotStatusChange.objects.create(
            hotspot_slug=hotspot_slug, date=date, status=status, reason=reason, author=author, is_demo=is_demo
        )
        sync_public_status([hotspot_slug])
    return change


def _on_change(sender, instance, **kwargs):
    sync_public_status([instance.hotspot_slug])
