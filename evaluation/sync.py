"""Import Plausible data into DailyMetric and PeriodAggregate.

- Daily series (dimension `time:day` + one more): pages, utm source/medium/campaign/content, goals, goal props,
  and one series per tracked campaign (its pages or its utm_campaign) so daily campaign visitors are exact.
- Period aggregates per campaign: queried for the whole period (visitors are daily-unique: never summed).
- The range is cut into chunks (31 days): each chunk is fetched first, then written in one transaction that
  replaces the chunk's days. A failure leaves earlier chunks stored and the current chunk untouched; the run records
  how far it got (`completed_until`) and the next run resumes there. Running the same range twice stores the same
  rows.
- Then the period phase: the campaign period and its baseline of every campaign touching the range the chain of
  runs was asked for (`periods_from`, carried over by resumed runs), each fetched first and written in one
  transaction that replaces that period's rows; the keys of the stored periods (`periods_done`) are carried over too,
  so a resumed chain ends with exactly what one clean run stores.
- Every failure ends the run (failed, or partial when the budget is spent) with a code shown to analysts in their
  language; a run whose process ended without finishing is marked failed by the next run or the sync log
  (`reap_stale_runs`: its process is gone, or no sign of life for PLAUSIBLE_SYNC_STALE_MINUTES).
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .clients.plausible import (
    BudgetExhausted,
    PlausibleAuthError,
    PlausibleClient,
    PlausibleConfigError,
    PlausibleError,
    PlausibleNetworkError,
    PlausiblePaymentRequired,
    PlausibleQueryError,
    PlausibleRateLimited,
    PlausibleResponseError,
    PlausibleServerError,
)
from .models import (
    AggregateBreakdown,
    DailyMetric,
    DimensionKind,
    PeriodAggregate,
    SyncErrorCode,
    SyncPhase,
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
    """Nothing was started: `code` is "range" (a bad range), "nothing" (nothing to sync yet) or "running"."""

    def __init__(self, message: str, *, code: str = "range"):
        super().__init__(message)
        self.code = code


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
    raise last or SyncError("No filter shape to try.")


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
    """(start, end, run being resumed). Resume the last run if it failed; else continue after the last success.

    When the failed run had stored all its days (it stopped in the period phase), start is after end: the resumed
    run only finishes the periods."""
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
            if value < 0:
                raise PlausibleResponseError(f"Metric {name} is negative ({value}).", status=200)
            out[name] = value if name in ("bounce_rate", "visit_duration") else int(value)
    return out


def _day(value, start: date, end: date) -> date:
    """The first dimension of a daily row: a day of the requested range, else the answer has the wrong shape."""
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        day = None
    if day is None or not start <= day <= end:
        raise PlausibleResponseError(
            f"A daily row's first dimension is not a day of {start}–{end}: {str(value)[:40]!r}.", status=200
        )
    return day


def replace_daily(rows: list[DailyMetric], start: date, end: date, campaign_codes: Iterable[str]) -> int:
    """The days start–end of every synced series (and of the campaigns fetched) become exactly `rows`: values
    Plausible no longer reports (or demo rows) do not linger. Call inside a transaction."""
    days = DailyMetric.objects.filter(date__gte=start, date__lte=end)
    days.filter(kind__in={series.kind for series in daily_series()}).delete()
    days.filter(kind=DimensionKind.CAMPAIGN, value__in=list(campaign_codes)).delete()
    DailyMetric.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def replace_period(code: str, start: date, end: date, rows: list[PeriodAggregate]) -> int:
    """The rows of one campaign period become exactly `rows` (one transaction: never half a period)."""
    now = timezone.now()
    for row in rows:
        row.fetched_at = now
    with transaction.atomic():
        PeriodAggregate.objects.filter(campaign_code=code, period_start=start, period_end=end).delete()
        PeriodAggregate.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


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
            day = _day(row.dimensions[0], start, end)
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
            day = _day(row.dimensions[0], start, end)
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
ERROR_CODES: tuple[tuple[type[Exception], str], ...] = (
    (BudgetExhausted, SyncErrorCode.BUDGET),
    (PlausibleRateLimited, SyncErrorCode.RATE_LIMITED),
    (PlausibleServerError, SyncErrorCode.SERVER_ERROR),
    (PlausibleNetworkError, SyncErrorCode.NETWORK),
    (PlausibleResponseError, SyncErrorCode.MALFORMED),
    (PlausibleAuthError, SyncErrorCode.AUTH),
    (PlausiblePaymentRequired, SyncErrorCode.PAYMENT),
    (PlausibleQueryError, SyncErrorCode.QUERY),
    (PlausibleConfigError, SyncErrorCode.CONFIG),
)
HEARTBEAT_SECONDS = 15


def error_code_for(exc: BaseException) -> str:
    for cls, code in ERROR_CODES:
        if isinstance(exc, cls):
            return code
    return SyncErrorCode.INTERNAL


def stale_minutes() -> int:
    return int(getattr(settings, "PLAUSIBLE_SYNC_STALE_MINUTES", 10))


def period_key(code: str, start: date, end: date) -> str:
    return f"{code}|{start.isoformat()}|{end.isoformat()}"


def _process_gone(run: SyncRun) -> bool:
    """True when the run's process ran on this machine and no longer exists."""
    if not run.pid or run.host != socket.gethostname() or run.pid == os.getpid():
        return False
    try:
        os.kill(run.pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # exists, owned by another user
    return False


def reap_stale_runs(now=None) -> int:
    """Mark failed every run still "running" whose process is gone or that gave no sign of life for
    PLAUSIBLE_SYNC_STALE_MINUTES. Called when a run starts and when the sync log is listed."""
    now = now or timezone.now()
    limit = now - timedelta(minutes=stale_minutes())
    reaped = 0
    for run in SyncRun.objects.filter(status=SyncStatus.RUNNING):
        last = run.heartbeat_at or run.started_at
        gone = _process_gone(run)
        if not gone and last >= limit:
            continue
        reason = "its process has ended" if gone else f"no sign of life since {last:%Y-%m-%d %H:%M} UTC"
        reaped += SyncRun.objects.filter(pk=run.pk, status=SyncStatus.RUNNING).update(
            status=SyncStatus.FAILED,
            error_code=SyncErrorCode.STALE,
            error_message=f"Stopped without finishing: {reason}.",
            finished_at=now,
        )
    return reaped


class _Heartbeat:
    """Called before every request: records a sign of life at most every HEARTBEAT_SECONDS."""

    def __init__(self, run: SyncRun):
        self.run = run
        self.last = timezone.now()

    def __call__(self) -> None:
        now = timezone.now()
        if (now - self.last).total_seconds() >= HEARTBEAT_SECONDS:
            self.last = now
            SyncRun.objects.filter(pk=self.run.pk).update(heartbeat_at=now)


def _start_run(**fields) -> SyncRun:
    now = timezone.now()
    try:
        with transaction.atomic():
            return SyncRun.objects.create(
                heartbeat_at=now, host=socket.gethostname(), pid=os.getpid(), **fields
            )
    except IntegrityError as exc:  # evaluation_one_running_sync
        current = SyncRun.objects.filter(status=SyncStatus.RUNNING).first()
        since = f" since {current.started_at:%Y-%m-%d %H:%M} UTC" if current else ""
        raise SyncError(f"A sync is already running{since}: wait for it to finish.", code="running") from exc


@dataclass
class _RangePlan:
    start: date
    end: date
    resumed: SyncRun | None
    backfill: bool
    periods_from: date
    periods_done: list
    daily_pending: bool


def _requested_range(start, end, today) -> tuple[date, date, SyncRun | None]:
    """(start, end, the failed run resumed): the next incremental range for what is not given."""
    if start is None and end is None:
        return next_incremental_range(today)
    if start is None or end is None:
        auto_start, auto_end, _resumed = next_incremental_range(today)
        return start or auto_start, end or auto_end, None
    return start, end, None


def _plan_range(start, end, backfill: bool, today, last_day: date) -> _RangePlan:
    """The range to sync (the next incremental one, or what a failed run left), checked; raises SyncError."""
    start, end, resumed = _requested_range(start, end, today)
    periods_from, periods_done = start, []
    if resumed is not None:
        periods_from = resumed.periods_from or resumed.range_start
        periods_done = list(resumed.periods_done or [])
        backfill = backfill or resumed.backfill
    # A failed run that stored all its days leaves only its periods.
    daily_pending = resumed is None or start <= min(end, last_day)
    if daily_pending:
        validate_range(start, end)
    end = min(end, last_day)
    if daily_pending and end < start:
        raise SyncError(
            "Nothing to sync: the range ends in the future or today (today is still incomplete).",
            code="nothing",
        )
    return _RangePlan(start, end, resumed, backfill, periods_from, periods_done, daily_pending)


def run_sync(
    *,
    start: date | None = None,
    end: date | None = None,
    backfill: bool = False,
    client: PlausibleClient | None = None,
    log: Callable[[str], None] = logger.info,
    today: date | None = None,
    requested_by=None,
) -> SyncRun:
    """Sync a range (or the next incremental range, resuming a failed run). Returns the SyncRun, whose status says
    how it went; raises SyncError (nothing started) for a bad range or when another run is under way."""
    reap_stale_runs()
    last_day = (today or timezone.localdate()) - timedelta(days=1)
    plan = _plan_range(start, end, backfill, today, last_day)
    start, end, resumed, backfill = plan.start, plan.end, plan.resumed, plan.backfill
    periods_from, periods_done, daily_pending = plan.periods_from, plan.periods_done, plan.daily_pending
    client = client or PlausibleClient()
    run = _start_run(
        range_start=start,
        range_end=end,
        periods_from=min(periods_from, start),
        periods_done=periods_done,
        backfill=backfill,
        resumes=resumed,
        requested_by=requested_by,
    )
    if resumed is not None:
        log(f"Resuming the run of {resumed.started_at:%Y-%m-%d %H:%M} from {start}.")
    warnings: list[str] = []
    requests_before = client.requests_made
    previous_hook = client.on_request
    client.on_request = _Heartbeat(run)

    def progress(**fields) -> None:
        for name, value in fields.items():
            setattr(run, name, value)
        run.requests_used = client.requests_made - requests_before
        run.heartbeat_at = timezone.now()
        run.save(update_fields=[*fields, "requests_used", "heartbeat_at"])

    try:
        campaigns = tracked_campaigns()
        if daily_pending:
            _sync_days(client, run, campaigns, (start, end), warnings, progress, log)
        else:
            progress(completed_until=end)
        _sync_periods(client, run, campaigns, (end, last_day), warnings, progress, log)
    except BudgetExhausted as exc:
        _finish(run, client, requests_before, SyncStatus.PARTIAL, str(exc), code=SyncErrorCode.BUDGET)
        return run
    except PlausibleError as exc:
        _finish(run, client, requests_before, SyncStatus.FAILED, f"{exc.__class__.__name__}: {exc}", exc=exc)
        return run
    except BaseException as exc:  # a bug, or the process being stopped: never leave the run "running"
        logger.exception("The Plausible sync stopped on an unexpected error.")
        _finish(run, client, requests_before, SyncStatus.FAILED, f"{exc.__class__.__name__}: {exc}", exc=exc)
        raise
    finally:
        client.on_request = previous_hook
    run.phase = SyncPhase.DONE
    _finish(run, client, requests_before, SyncStatus.SUCCESS, _warnings_message(warnings))
    return run


def _warnings_message(warnings: list[str]) -> str:
    notes = sorted(set(warnings))
    return ("Warnings: " + "; ".join(notes)) if notes else ""


def _sync_days(
    client, run: SyncRun, campaigns, span: tuple[date, date], warnings: list[str], progress, log
) -> None:
    """The daily series of the range, chunk by chunk, each chunk stored with the run's progress."""
    start, end = span
    for chunk_start, chunk_end in chunks(start, end):
        rows = fetch_daily_chunk(client, chunk_start, chunk_end, campaigns, warnings)
        codes = [t.code for t in campaigns if _overlaps(t, chunk_start, chunk_end)]
        with transaction.atomic():
            written = replace_daily(rows, chunk_start, chunk_end, codes)
            progress(rows_written=run.rows_written + written, completed_until=chunk_end)
        log(f"{chunk_start}–{chunk_end}: {written} daily rows.")


def _sync_periods(
    client, run: SyncRun, campaigns, ends: tuple[date, date], warnings: list[str], progress, log
) -> None:
    """The campaigns' exact period figures, each period stored with the run's progress (skipping those the run
    this one resumes stored already)."""
    end, last_day = ends
    periods = [
        (target, p_start, p_end)
        for target in campaigns
        for p_start, p_end in campaign_periods(target, run.periods_from, end, last_day)
    ]
    progress(phase=SyncPhase.PERIODS, periods_total=len(periods))
    for target, p_start, p_end in periods:
        key = period_key(target.code, p_start, p_end)
        if key in run.periods_done:
            continue  # stored by the run this one resumes
        rows = fetch_period(client, target, p_start, p_end, warnings)
        with transaction.atomic():
            written = replace_period(target.code, p_start, p_end, rows)
            progress(rows_written=run.rows_written + written, periods_done=[*run.periods_done, key])
        log(f"{target.code} {p_start}–{p_end}: {written} period rows.")


def sync_period(*, code: str, start: date, end: date, client: PlausibleClient | None = None) -> int:
    """Query one campaign's exact period (from the report's "fetch this period" button)."""
    from .selectors import campaign

    target = campaign(code)
    if target is None:
        raise SyncError(f"Unknown campaign code: {code}")
    validate_range(start, end)
    rows = fetch_period(client or PlausibleClient(), target, start, end)
    return replace_period(target.code, start, end, rows)


def _finish(
    run: SyncRun,
    client: PlausibleClient,
    requests_before: int,
    status: str,
    message: str,
    *,
    exc: BaseException | None = None,
    code: str = "",
) -> None:
    run.status = status
    run.error_code = code or (error_code_for(exc) if exc is not None else "")
    run.error_message = message[:2000]
    run.requests_used = client.requests_made - requests_before
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "phase", "error_code", "error_message", "requests_used", "finished_at"])
