"""The regional six-month overview: every hotspot side by side for a chosen window (issue 15, item 7).

Per hotspot: its status at the window's end and its status changes (date, status, reason, author), per month its
campaign exposure (visitors who came in through its posters, QR codes and links — Plausible — and the clicks on
them — our counter), the help seen and the help actions naming its quartiers (directory events), and its actions
per axis and state; each total beside the six months before. A fixed number of queries whatever the number of
hotspots, months or rows (tests/evaluation/test_regional.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from .hotspots import HELP_ACTION_GOALS, HELP_SEEN_GOALS, hotspot_clicks, months_back
from .models import DailyMetric, DimensionKind, HotspotAction, HotspotStatusChange
from .rollups import Summable
from .selectors import HotspotInfo, hotspots


@dataclass
class Totals(Summable):
    """The counts of the path to help of one hotspot, over a window (or a month: `Month`)."""

    reach: int = 0
    clicks: int = 0
    help_seen: int = 0
    help_actions: int = 0


@dataclass
class Month(Totals):
    start: date = field(kw_only=True)


@dataclass
class HotspotRow:
    hotspot: HotspotInfo
    status: HotspotStatusChange | None
    changes: list[HotspotStatusChange]
    months: list[Month]
    totals: Totals = field(default_factory=Totals)
    before: Totals = field(default_factory=Totals)
    actions: dict[tuple[str, str], int] = field(default_factory=dict)  # (axis, state) -> count


@dataclass
class Overview:
    start: date
    end: date
    before_start: date
    months: list[date]
    rows: list[HotspotRow]
    has_demo_data: bool


def month_starts(start: date, end: date) -> list[date]:
    out, day = [], start.replace(day=1)
    while day <= end:
        out.append(day)
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out


@dataclass
class _Window:
    """The rows being filled: the window's months, and the totals of the window before it."""

    start: date
    end: date
    before_start: date
    rows: dict[str, HotspotRow]

    def month_of(self, row: HotspotRow, day: date) -> Month | Totals | None:
        if day < self.start:
            return row.before if day >= self.before_start else None
        if day > self.end:
            return None
        return row.months[(day.year - self.start.year) * 12 + day.month - self.start.month]

    def add(self, slug: str, day: date, attr: str, value: int) -> None:
        target = self.month_of(self.rows[slug], day)
        if target is not None:
            setattr(target, attr, getattr(target, attr) + value)


def _add_exposure(window: _Window, slugs: list[str]) -> bool:
    """Campaign exposure through the hotspots' own entry points (one query) and their clicks (two queries)."""
    demo = False
    by_value = {f"hotspot-{slug}": slug for slug in slugs}
    for value, day, visitors, is_demo in DailyMetric.objects.filter(
        kind=DimensionKind.UTM_CONTENT,
        value__in=list(by_value),
        date__range=(window.before_start, window.end),
    ).values_list("value", "date", "visitors", "is_demo"):
        window.add(by_value[value], day, "reach", visitors or 0)
        demo = demo or is_demo
    for slug, day, count in hotspot_clicks(slugs, window.before_start, window.end):
        if slug in window.rows:
            window.add(slug, day, "clicks", count)
    return demo


def _add_help(window: _Window, infos: list[HotspotInfo]) -> bool:
    """Help seen and help actions naming the hotspots' quartiers (one query); a quartier of two hotspots counts
    for both."""
    demo = False
    by_quartier: dict[str, list[str]] = defaultdict(list)
    for h in infos:
        for code in h.quartier_codes:
            by_quartier[str(code)].append(h.slug)
    goals = {
        **dict.fromkeys(HELP_SEEN_GOALS, "help_seen"),
        **dict.fromkeys(HELP_ACTION_GOALS, "help_actions"),
    }
    for goal, quartier, day, events, is_demo in DailyMetric.objects.filter(
        kind=DimensionKind.GOAL_PROP,
        prop_name="quartier",
        prop_value__in=list(by_quartier),
        value__in=list(goals),
        date__range=(window.before_start, window.end),
    ).values_list("value", "prop_value", "date", "events", "is_demo"):
        for slug in by_quartier[quartier]:
            window.add(slug, day, goals[goal], events or 0)
        demo = demo or is_demo
    return demo


def _add_actions(window: _Window, slugs: list[str]) -> None:
    """Actions per axis and state in the window (one query)."""
    for slug, axis, state in HotspotAction.objects.filter(
        hotspot_slug__in=slugs, date__range=(window.start, window.end)
    ).values_list("hotspot_slug", "axis", "status"):
        key = (axis, state)
        window.rows[slug].actions[key] = window.rows[slug].actions.get(key, 0) + 1


def _add_statuses(window: _Window, slugs: list[str]) -> bool:
    """Status history up to the window's end (one query): the latest is the status at the end."""
    demo = False
    for change in (
        HotspotStatusChange.objects.filter(hotspot_slug__in=slugs, date__lte=window.end)
        .select_related("author")
        .order_by("date", "id")
    ):
        row = window.rows[change.hotspot_slug]
        row.status = change
        if change.date >= window.start:
            row.changes.append(change)
        demo = demo or change.is_demo
    return demo


def build_overview(end: date, months: int = 6) -> Overview:
    start = months_back(end + timedelta(days=1), months)
    before_start = months_back(start, months)
    infos = hotspots()
    slugs = [h.slug for h in infos]
    starts = month_starts(start, end)
    rows = {
        h.slug: HotspotRow(h, None, [], [Month(start=m) for m in starts]) for h in infos
    }  # the changes and months are filled below
    window = _Window(start, end, before_start, rows)
    demo = _add_exposure(window, slugs)
    demo = _add_help(window, infos) or demo
    _add_actions(window, slugs)
    demo = _add_statuses(window, slugs) or demo
    for row in rows.values():
        for month in row.months:
            row.totals.add(month)
    return Overview(start, end, before_start, starts, list(rows.values()), demo)
