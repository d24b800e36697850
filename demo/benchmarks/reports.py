"""Report latency benchmark (`manage.py bench_report`): seed a year of data, render the campaign report and the
regional overview (every hotspot side by side over twelve months), time them and count their queries.

The numbers come from the demo generator (`demo._metrics`, keyed by series and day), so seeding twice writes the
same rows: nothing changes, nothing duplicates. Every row is flagged `is_demo=True`.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from demo import evaluation as demo
from evaluation.models import (
    Axis,
    DailyMetric,
    DimensionKind,
    HotspotAction,
    HotspotStatusChange,
    TrackedCampaign,
)
from evaluation.sync import upsert_daily

CODE = "bench-report"
END = date(2025, 12, 31)
BENCH_USERNAME = "bench-admin"


def period_bounds(days: int, end: date = END) -> tuple[date, date, date, date]:
    """(start, end, baseline_start, baseline_end): the benchmarked period and the same length just before."""
    start = end - timedelta(days=days - 1)
    return start, end, start - timedelta(days=days), start - timedelta(days=1)


def page_paths(pages: int) -> list[str]:
    return [f"/{'fr' if n % 2 == 0 else 'nl'}/bench/page-{n:04d}/" for n in range(pages)]


def rows_for_day(day: date, paths: list[str]) -> list[DailyMetric]:
    """One day of the benchmark campaign: its total, every page, the demo's UTM and goal series."""
    rows = [
        DailyMetric(
            date=day,
            kind=DimensionKind.CAMPAIGN,
            value=CODE,
            is_demo=True,
            **demo._metrics(("bench",), day, 400),
        )
    ]
    for path in paths:
        rows.append(
            DailyMetric(
                date=day,
                kind=DimensionKind.PAGE,
                value=path,
                is_demo=True,
                **demo._metrics(("bench-page", path), day, 8),
            )
        )
    for kind, values in (
        (DimensionKind.UTM_SOURCE, demo.SOURCES),
        (DimensionKind.UTM_MEDIUM, demo.MEDIUMS),
        (DimensionKind.UTM_CONTENT, demo.CONTENTS),
    ):
        for value, share in values.items():
            rows.append(
                DailyMetric(
                    date=day,
                    kind=kind,
                    value=value,
                    is_demo=True,
                    **demo._metrics((kind, value), day, 400 * share),
                )
            )
    for goal, share in (("Directory search", 0.22), ("Service contact", 0.07), ("Referral slip", 0.015)):
        rows.append(demo.goal_row(day, goal, 400 * share))
    return rows


def seed(*, pages: int, days: int) -> int:
    """Upsert the period and its baseline (2 × days); returns the number of rows written."""
    start, end, base_start, _ = period_bounds(days)
    prefixes = "/fr/bench/\n/nl/bench/"
    TrackedCampaign.objects.update_or_create(
        code=CODE,
        defaults={
            "name": "Report benchmark (demo)",
            "path_prefixes": prefixes,
            "utm_campaign": CODE,
            "starts_on": start,
            "ends_on": end,
            "is_demo": True,
        },
    )
    paths = page_paths(pages)
    written = 0
    batch: list[DailyMetric] = []
    for day in demo._days(base_start, end):
        batch.extend(rows_for_day(day, paths))
        if len(batch) >= 20000:
            written += upsert_daily(batch)
            batch = []
    return written + upsert_daily(batch)


HOTSPOT_GOALS = (("Directory search", 0.02), ("Service contact", 0.008), ("Referral slip", 0.003))


def _hotspot_day_rows(day, infos, quartiers: list[str]) -> list[DailyMetric]:
    """A day's exposure of each hotspot (utm_content) and help actions naming each quartier (goal props)."""
    rows = []
    for info in infos:
        m = demo._metrics(("bench-hotspot", info.slug), day, 30)
        rows.append(
            DailyMetric(
                date=day, kind=DimensionKind.UTM_CONTENT, value=f"hotspot-{info.slug}", is_demo=True, **m
            )
        )
    for quartier in quartiers:  # a quartier of two hotspots counts for both (one row)
        for goal, share in HOTSPOT_GOALS:
            g = demo._metrics(("bench-goal", goal, quartier), day, 400 * share)
            rows.append(
                DailyMetric(
                    date=day,
                    kind=DimensionKind.GOAL_PROP,
                    value=goal,
                    prop_name="quartier",
                    prop_value=str(quartier),
                    visitors=g["visitors"],
                    events=g["events"] or g["visitors"],
                    is_demo=True,
                )
            )
    return rows


def _seed_hotspot_days(infos, start, end) -> int:
    """Upsert the hotspots' daily rows from `start` to `end`, 20,000 at a time; the number of rows written."""
    written = 0
    batch: list[DailyMetric] = []
    quartiers = sorted({str(code) for info in infos for code in info.quartier_codes})
    for day in demo._days(start, end):
        batch += _hotspot_day_rows(day, infos, quartiers)
        if len(batch) >= 20000:
            written += upsert_daily(batch)
            batch = []
    written += upsert_daily(batch)
    return written


def _hotspot_history(infos, group, *, end, days: int) -> tuple[list, list]:
    """(actions, status changes) of the hotspots: actions on each axis every fortnight, a change each quarter."""
    actions, changes = [], []
    cycle = ("designated", "escalating", "easing", "renewal")
    for n, info in enumerate(infos):
        for step in range(max(1, 2 * days // 15)):  # every fortnight
            day = end - timedelta(days=step * 15 + n % 15)
            for axis in Axis.values:
                actions.append(
                    HotspotAction(
                        hotspot_slug=info.slug,
                        axis=axis,
                        date=day,
                        status="done",
                        description="Benchmark action",
                        task_force_group=group,
                        is_demo=True,
                    )
                )
            if step % 6 == 0:  # every quarter
                changes.append(
                    HotspotStatusChange(
                        hotspot_slug=info.slug,
                        date=day,
                        status=cycle[(step // 6 + n) % len(cycle)],
                        reason="Benchmark",
                        is_demo=True,
                    )
                )
    return actions, changes


def seed_hotspots(*, hotspots: int, days: int) -> tuple[int, int]:
    """A year (and the year before, the overview's comparison) for up to `hotspots` hotspots of the directory (or
    the Council's list on an empty directory): daily exposure through their posters (utm_content), help seen
    and help actions naming their quartiers, actions on each axis twice a month, a status change each quarter.
    Idempotent like `seed`. Returns (hotspots seeded, daily rows written)."""
    from django.contrib.auth.models import Group

    from evaluation.selectors import hotspots as all_hotspots

    infos = all_hotspots()[:hotspots]
    if not infos:
        return 0, 0
    group, _created = Group.objects.get_or_create(name="Task force (benchmark)")
    end = END
    start = end - timedelta(days=2 * days - 1)
    written = _seed_hotspot_days(infos, start, end)
    slugs = [info.slug for info in infos]
    HotspotAction.objects.filter(hotspot_slug__in=slugs, is_demo=True, date__range=(start, end)).delete()
    HotspotStatusChange.objects.filter(
        hotspot_slug__in=slugs, is_demo=True, date__range=(start, end)
    ).delete()
    actions, changes = _hotspot_history(infos, group, end=end, days=days)
    HotspotAction.objects.bulk_create(actions)
    HotspotStatusChange.objects.bulk_create(changes)
    from evaluation.hotspots import sync_public_status

    sync_public_status(slugs)  # bulk_create sends no signal: the directory's status follows the history
    return len(infos), written


def bench_user():
    user_model = get_user_model()
    user = user_model.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if user is None:
        user = user_model.objects.create_superuser(BENCH_USERNAME, "bench@example.invalid", None)
    return user


@dataclass
class Timing:
    label: str
    ms: list[float] = field(default_factory=list)
    queries: int = 0
    status: int = 200

    @property
    def p50(self) -> float:
        return statistics.median(self.ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(*, days: int, repeat: int, regional: bool = False) -> list[Timing]:
    start, end, base_start, base_end = period_bounds(days)
    params = {
        "campaign": CODE,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "baseline_start": base_start.isoformat(),
        "baseline_end": base_end.isoformat(),
    }
    client = Client()
    client.force_login(bench_user())
    url = reverse("evaluation_campaign_report")
    timings = []
    # A benchmark of the report, not of signing in: the test client skips the second step (home/mfa/).
    with override_settings(ALLOWED_HOSTS=["testserver"], ADMIN_MFA_REQUIRED=False):
        for label, extra, times in (
            ("report", {}, repeat),
            ("csv", {"export": "csv"}, 1),
            ("xlsx", {"export": "xlsx"}, 1),
        ):
            timing = Timing(label)
            query = {**params, **extra}
            with CaptureQueriesContext(connection) as ctx:  # warm-up, and the query count
                response = client.get(url, query)
            timing.queries, timing.status = len(ctx), response.status_code
            if response.status_code == 200:
                for _ in range(times):
                    t0 = time.perf_counter()
                    response = client.get(url, query)
                    timing.ms.append((time.perf_counter() - t0) * 1000)
                    timing.status = response.status_code
            timings.append(timing)
        if regional:
            months = max(1, min(12, round(days / 30.4)))
            url = reverse("evaluation_regional_overview")
            query = {"end": end.isoformat(), "months": str(months)}
            for label, extra, times in (("regional", {}, repeat), ("reg-csv", {"export": "csv"}, 1)):
                timings.append(_timed(client, url, {**query, **extra}, label, times))
    return timings


def _timed(client, url, query, label, times) -> Timing:
    timing = Timing(label)
    with CaptureQueriesContext(connection) as ctx:  # warm-up, and the query count
        response = client.get(url, query)
    timing.queries, timing.status = len(ctx), response.status_code
    if response.status_code == 200:
        for _ in range(times):
            t0 = time.perf_counter()
            response = client.get(url, query)
            timing.ms.append((time.perf_counter() - t0) * 1000)
            timing.status = response.status_code
    return timing
