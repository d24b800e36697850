"""Import Plausible data into DailyMetric and PeriodAggregate.

- Daily series (dimension `time:day` + one more): pages, utm source/medium/campaign/content, goals, goal props,
  and one series per tracked campaign (its pages or its utm_campaign) so daily campaign visitors are exact.
- Period aggregates per campaign: queried for the whole period (visitors are daily-unique: never summed).
- The range is cut into chunks (31 days): each chunk is fetched first, then written in one transaction with
  upserts. A failure leaves earlier chunks stored and the current chunk untouched; the run records how far it got
  (`completed_until`) and the next run resumes there. Running the same range twice stores the same rows.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from .clients.plausible import BudgetExhausted, PlausibleClient, PlausibleError, PlausibleQueryError
from .models import (
    AggregateBreakdown,
    DailyMetric,
    DimensionKind,
    PeriodAggregate,
    SyncRun,
    SyncStatus,
)
from .selectors import CampaignTarget, tracked_campaigns
from .tracking import SYNCED_PROPS

logger = logging.getLogger(__name__)

CHUNK_DAYS = 31
DEFAULT_INITIAL_DAYS = 30
MAX_RANGE_DAYS = 3 * 366
FULL_METRICS = ("visitors", "visits", "pageviews", "bounce_rate", "visit_duration", "events")
GOAL_METRICS = ("visitors", "events")
METRIC_FIELDS = FULL_METRICS
DAILY_UNIQUE = ("date", "kind", "value", "prop_name", "prop_value")
PERIOD_UNIQUE = ("campaign_code", "period_start", "period_end", "breakdown", "value")


class SyncError(Exception):
    pass


@dataclass(frozen=True)
class Series:
    kind: str
    dimension: str  # the Plausible dimension after time:day
    metrics: tuple[str, ...]
    prop_name: str = ""


def daily_series() -> list[Series]:
    series = [
        Series(DimensionKind.PAGE, "event:page", FULL_METRICS),
        Series(DimensionKind.UTM_SOURCE, "visit:utm_source", FULL_METRICS),
        Series(DimensionKind.UTM_MEDIUM, "visit:utm_medium", FULL_METRICS),
        Series(DimensionKind.UTM_CAMPAIGN, "visit:utm_campaign", FULL_METRICS),
        Series(DimensionKind.UTM_CONTENT, "visit:utm_content", FULL_METRICS),
        Series(DimensionKind.GOAL, "event:goal", GOAL_METRICS),
    ]
    series += [
        Series(DimensionKind.GOAL_PROP, f"event:props:{p}", GOAL_METRICS, prop_name=p) for p in SYNCED_PROPS
    ]
    return series


# --- Filters ---------------------------------------------------------------------------------------------
def page_clause(target: CampaignTarget) -> list | None:
    if not target.path_prefixes:
        return None
    return ["matches", "event:page", [f"^{re.escape(prefix)}" for prefix in target.path_prefixes]]


def campaign_filter(target: CampaignTarget, *, behavioural: bool = False) -> list:
    """Visits of a campaign: its pages (by path prefix) or its utm_campaign value.

    `behavioural=True` (for goal counts) uses `has_done` so goals completed elsewhere in a visit that saw a
    campaign page count (the directory and contact steps happen on other pages)."""
    clauses = []
    pages = page_clause(target)
    if pages:
        clauses.append(["has_done", pages] if behavioural else pages)
    clauses.append(["is", "visit:utm_campaign", [target.utm_campaign or target.code]])
    return clauses[0] if len(clauses) == 1 else ["or", clauses]


def campaign_filter_candidates(target: CampaignTarget, *, behavioural: bool = False) -> list[list]:
    """The combined filter first, then pages only, then utm_campaign only: if Plausible refuses a shape (400), the
    next one is tried and the run notes it (the `or` of event and visit filters, or `has_done` inside `or`, may be
    refused by some Plausible versions)."""
    candidates = [campaign_filter(target, behavioural=behavioural)]
    pages = page_clause(target)
    if pages:
        candidates.append(["has_done", pages] if behavioural else pages)
    candidates.append(["is", "visit:utm_campaign", [target.utm_campaign or target.code]])
    unique = []
    for candidate in candidates:
        if candidate not in unique:
            unique.append(candidate)
    return unique


def with_fallback(call, candidates: list[list], warnings: list[str], label: str):
    """Run `call(filter)` with the first filter shape Plausible accepts; returns (result, filter)."""
    last: PlausibleQueryError | None = None
    for candidate in candidates:
        try:
            return call(candidate), candidate
        except PlausibleQueryError as exc:
            last = exc
            warnings.append(f"{label}: filter {json.dumps(candidate)} refused ({exc.message[:200]})")
    assert last is not None
    raise last


LANGUAGE_PATTERNS = {"fr": "^/fr/", "nl": "^/nl/"}


# --- Ranges ----------------------------------------------------------------------------------------------
def yesterday() -> date:
    return timezone.localdate() - timedelta(days=1)


def chunks(start: date, end: date, size: int = CHUNK_DAYS) -> Iterator[tuple[date, date]]:
    current = start
    while current <= end:
        chunk_end = min(end, current + timedelta(days=size - 1))
        yield current, chunk_end
        current = chunk_end + timedelta(days=1)


def next_incremental_range(today: date | None = None) -> tuple[date, date, SyncRun | None]:
    """(start, end, run being resumed). Resume the last run if it failed; else continue after the last success."""
    end = (today or timezone.localdate()) - timedelta(days=1)
    last = SyncRun.objects.exclude(status=SyncStatus.RUNNING).order_by("-started_at", "-id").first()
    if last is not None and last.status in (SyncStatus.FAILED, SyncStatus.PARTIAL):
        start = last.completed_until + timedelta(days=1) if last.completed_until else last.range_start
        return start, (last.range_end if last.backfill else max(end, last.range_end)), last
    done = (
        SyncRun.objects.filter(status=SyncStatus.SUCCESS, backfill=False)
        .order_by("-completed_until")
        .values_list("completed_until", flat=True)
        .first()
    )
    # Re-fetch the last synced day: it may have been synced while still in progress.
    start = done if done else end - timedelta(days=DEFAULT_INITIAL_DAYS - 1)
    return start, end, None


def validate_range(start: date, end: date) -> None:
    if end < start:
        raise SyncError(f"The range is inverted: {start} is after {end}.")
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        raise SyncError(f"The range is longer than {MAX_RANGE_DAYS} days: split it.")


# --- Estimate --------------------------------------------------------------------------------------------
def estimate_requests(days: int, *, pages: int, campaigns: int = 0, page_size: int = 10_000) -> int:
    """Upper bound of Stats API requests for `days` of daily data (every page seen every day, one retry-free run)."""
    total = 0
    n_series = len(daily_series()) - 1  # the page series is counted below
    for chunk_start, chunk_end in chunks(date(2000, 1, 1), date(2000, 1, 1) + timedelta(days=days - 1)):
        chunk_days = (chunk_end - chunk_start).days + 1
        total += max(1, -(-(chunk_days * pages) // page_size))  # pages: ceil(rows / page size)
        total += n_series + campaigns
    return total


# --- Writes ----------------------------------------------------------------------------------------------
def _metric_values(row_metrics: dict, metrics: Iterable[str]) -> dict:
    out = dict.fromkeys(METRIC_FIELDS)
    for name in metrics:
        value = row_metrics.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out[name] = value if name in ("bounce_rate", "visit_duration") else int(value)
    return out


def upsert_daily(rows: list[DailyMetric]) -> int:
    if not rows:
        return 0
    DailyMetric.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=list(DAILY_UNIQUE),
        update_fields=[*METRIC_FIELDS, "is_demo"],
        batch_size=1000,
    )
    return len(rows)


def upsert_periods(rows: list[PeriodAggregate]) -> int:
    if not rows:
        return 0
    now = timezone.now()
    for row in rows:
        row.fetched_at = now
    PeriodAggregate.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=list(PERIOD_UNIQUE),
        update_fields=[*METRIC_FIELDS, "is_demo", "fetched_at"],
        batch_size=1000,
    )
    return len(rows)


# --- Fetching --------------------------------------------------------------------------------------------
def fetch_daily_chunk(
    client: PlausibleClient,
    start: date,
    end: date,
    campaigns: list[CampaignTarget],
    warnings: list[str] | None = None,
) -> list[DailyMetric]:
    date_range = [start.isoformat(), end.isoformat()]
    rows: dict[tuple, DailyMetric] = {}
    for series in daily_series():
        dims = (
            ["time:day", "event:goal", series.dimension]
            if series.prop_name
            else ["time:day", series.dimension]
        )
        result = client.query_all(
            metrics=series.metrics,
            date_range=date_range,
            dimensions=dims,
            order_by=[["time:day", "asc"], [series.dimension, "asc"]],
        )
        for row in result.rows:
            day = date.fromisoformat(str(row.dimensions[0])[:10])
            if series.prop_name:
                value, prop_value = str(row.dimensions[1]), str(row.dimensions[2])
            else:
                value, prop_value = str(row.dimensions[1]), ""
            key = (day, series.kind, value[:500], series.prop_name, prop_value[:200])
            rows[key] = DailyMetric(
                date=day,
                kind=series.kind,
                value=value[:500],
                prop_name=series.prop_name,
                prop_value=prop_value[:200],
                is_demo=False,
                **_metric_values(row.metrics, series.metrics),
            )
    for target in campaigns:
        if not _overlaps(target, start, end):
            continue
        result, _used = with_fallback(
            lambda flt: client.query_all(
                metrics=FULL_METRICS,
                date_range=date_range,
                dimensions=["time:day"],
                filters=[flt],
                order_by=[["time:day", "asc"]],
            ),
            campaign_filter_candidates(target),
            warnings if warnings is not None else [],
            f"{target.code} daily",
        )
        for row in result.rows:
            day = date.fromisoformat(str(row.dimensions[0])[:10])
            rows[(day, "campaign", target.code, "", "")] = DailyMetric(
                date=day,
                kind=DimensionKind.CAMPAIGN,
                value=target.code,
                is_demo=False,
                **_metric_values(row.metrics, FULL_METRICS),
            )
    return list(rows.values())


def _overlaps(target: CampaignTarget, start: date, end: date) -> bool:
    """Campaign series are fetched for the campaign period plus a baseline and an after period of the same length."""
    if not target.starts_on or not target.ends_on:
        return True
    length = (target.ends_on - target.starts_on).days + 1
    window_start = target.starts_on - timedelta(days=length)
    window_end = target.ends_on + timedelta(days=length)
    return start <= window_end and end >= window_start


def fetch_period(
    client: PlausibleClient,
    target: CampaignTarget,
    start: date,
    end: date,
    warnings: list[str] | None = None,
) -> list[PeriodAggregate]:
    date_range = [start.isoformat(), end.isoformat()]
    base = {"campaign_code": target.code, "period_start": start, "period_end": end, "is_demo": False}
    warnings = warnings if warnings is not None else []
    out: list[PeriodAggregate] = []
    total, flt = with_fallback(
        lambda candidate: client.query(metrics=FULL_METRICS, date_range=date_range, filters=[candidate]),
        campaign_filter_candidates(target),
        warnings,
        f"{target.code} {start}–{end}",
    )
    metrics = total.rows[0].metrics if total.rows else {}
    out.append(
        PeriodAggregate(
            breakdown=AggregateBreakdown.TOTAL, value="", **base, **_metric_values(metrics, FULL_METRICS)
        )
    )
    for lang, pattern in LANGUAGE_PATTERNS.items():
        result = client.query(
            metrics=FULL_METRICS,
            date_range=date_range,
            filters=[flt, ["matches", "event:page", [pattern]]],
        )
        metrics = result.rows[0].metrics if result.rows else {}
        out.append(
            PeriodAggregate(
                breakdown=AggregateBreakdown.LANGUAGE,
                value=lang,
                **base,
                **_metric_values(metrics, FULL_METRICS),
            )
        )
    for breakdown, dimension, metric_set, filt in (
        (AggregateBreakdown.UTM_SOURCE, "visit:utm_source", FULL_METRICS, flt),
        (AggregateBreakdown.UTM_MEDIUM, "visit:utm_medium", FULL_METRICS, flt),
        (AggregateBreakdown.UTM_CONTENT, "visit:utm_content", FULL_METRICS, flt),
        (AggregateBreakdown.GOAL, "event:goal", GOAL_METRICS, None),
    ):
        if filt is None:
            result, _used = with_fallback(
                lambda candidate, metric_set=metric_set, dimension=dimension: client.query_all(
                    metrics=metric_set, date_range=date_range, dimensions=[dimension], filters=[candidate]
                ),
                campaign_filter_candidates(target, behavioural=True),
                warnings,
                f"{target.code} {start}–{end} goals",
            )
        else:
            result = client.query_all(
                metrics=metric_set, date_range=date_range, dimensions=[dimension], filters=[filt]
            )
        for row in result.rows:
            out.append(
                PeriodAggregate(
                    breakdown=breakdown,
                    value=str(row.dimensions[0])[:500],
                    **base,
                    **_metric_values(row.metrics, metric_set),
                )
            )
    return out


def campaign_periods(
    target: CampaignTarget, start: date, end: date, last_day: date
) -> list[tuple[date, date]]:
    """The campaign period and its baseline (the same length just before), when the synced range touches them."""
    if not target.starts_on or not target.ends_on or target.starts_on > last_day:
        return []
    period_end = min(target.ends_on, last_day)
    length = (period_end - target.starts_on).days + 1
    baseline = (target.starts_on - timedelta(days=length), target.starts_on - timedelta(days=1))
    periods = []
    for p_start, p_end in ((target.starts_on, period_end), baseline):
        if p_start <= end and p_end >= start:
            periods.append((p_start, p_end))
    return periods


# --- The run ---------------------------------------------------------------------------------------------
def run_sync(
    *,
    start: date | None = None,
    end: date | None = None,
    backfill: bool = False,
    client: PlausibleClient | None = None,
    log: Callable[[str], None] = logger.info,
) -> SyncRun:
    """Sync a range (or the next incremental range). Always returns the SyncRun, whose status says how it went."""
    resumed = None
    if start is None or end is None:
        auto_start, auto_end, resumed = next_incremental_range()
        start = start or auto_start
        end = end or auto_end
    validate_range(start, end)
    last_day = yesterday()
    if end > last_day:
        end = last_day
    if end < start:
        raise SyncError("Nothing to sync: the range ends in the future or today (today is still incomplete).")
    client = client or PlausibleClient()
    run = SyncRun.objects.create(
        range_start=start, range_end=end, backfill=backfill or bool(resumed and resumed.backfill)
    )
    if resumed is not None:
        log(f"Resuming the run of {resumed.started_at:%Y-%m-%d %H:%M} from {start}.")
    campaigns = tracked_campaigns()
    warnings: list[str] = []
    requests_before = client.requests_made
    try:
        for chunk_start, chunk_end in chunks(start, end):
            rows = fetch_daily_chunk(client, chunk_start, chunk_end, campaigns, warnings)
            with transaction.atomic():
                written = upsert_daily(rows)
                run.rows_written += written
                run.completed_until = chunk_end
                run.requests_used = client.requests_made - requests_before
                run.save(update_fields=["rows_written", "completed_until", "requests_used"])
            log(f"{chunk_start}–{chunk_end}: {written} daily rows.")
        for target in campaigns:
            for p_start, p_end in campaign_periods(target, start, end, last_day):
                rows = fetch_period(client, target, p_start, p_end, warnings)
                with transaction.atomic():
                    run.rows_written += upsert_periods(rows)
                    run.requests_used = client.requests_made - requests_before
                    run.save(update_fields=["rows_written", "requests_used"])
                log(f"{target.code} {p_start}–{p_end}: {len(rows)} period rows.")
    except BudgetExhausted as exc:
        _finish(run, client, requests_before, SyncStatus.PARTIAL, str(exc))
        return run
    except PlausibleError as exc:
        _finish(run, client, requests_before, SyncStatus.FAILED, f"{exc.__class__.__name__}: {exc}")
        return run
    notes = sorted(set(warnings))
    _finish(
        run, client, requests_before, SyncStatus.SUCCESS, ("Warnings: " + "; ".join(notes)) if notes else ""
    )
    return run


def sync_period(*, code: str, start: date, end: date, client: PlausibleClient | None = None) -> int:
    """Query one campaign's exact period (from the report's "fetch this period" button)."""
    from .selectors import campaign

    target = campaign(code)
    if target is None:
        raise SyncError(f"Unknown campaign code: {code}")
    validate_range(start, end)
    rows = fetch_period(client or PlausibleClient(), target, start, end)
    with transaction.atomic():
        return upsert_periods(rows)


def _finish(run: SyncRun, client: PlausibleClient, requests_before: int, status: str, message: str) -> None:
    run.status = status
    run.error_message = message[:2000]
    run.requests_used = client.requests_made - requests_before
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error_message", "requests_used", "finished_at"])
