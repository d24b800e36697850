"""Numbers of the campaign report, read from stored data only (no HTTP in views).

Visitors of a period come from a PeriodAggregate queried for exactly that period. When none is stored, the report
falls back to the daily campaign series and says so: visits, pageviews and events add up exactly, visitors summed
over days overcount people who came back on several days (Plausible's visitor id rotates daily).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, F, FloatField, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AggregateBreakdown, DailyMetric, DimensionKind, PeriodAggregate, SocialMetric
from .selectors import CampaignTarget
from .tracking import PATH_TO_HELP

MAX_REPORT_DAYS = 731

STEP_LABELS = {
    "Directory search": gettext_lazy("Directory search"),
    "Service contact": gettext_lazy("Service contact (call, e-mail, route, website)"),
    "Referral slip": gettext_lazy("Referral slip made"),
}


@dataclass
class Numbers:
    visitors: int | None = None
    visits: int | None = None
    pageviews: int | None = None
    bounce_rate: float | None = None
    visit_duration: float | None = None
    events: int | None = None
    exact: bool = True  # False: visitors summed from days (upper bound)
    empty: bool = False

    @property
    def engagement_rate(self) -> float | None:
        return None if self.bounce_rate is None else round(100 - self.bounce_rate, 1)


@dataclass
class Row:
    label: str
    current: Numbers
    baseline: Numbers


@dataclass
class Step:
    label: str
    visitors: int | None
    share_of_previous: float | None
    share_of_first: float | None


@dataclass
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __str__(self):
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"


@dataclass
class CampaignReport:
    target: CampaignTarget
    period: Period
    baseline: Period
    totals: Row
    languages: list[Row]
    sources: dict[str, list[Row]]
    path: list[Step]
    path_baseline: list[Step]
    daily: list[dict]
    social: list[dict]
    caveats: list[str] = field(default_factory=list)
    has_demo_data: bool = False
    funnel: list = field(default_factory=list)  # rollups.FunnelStep, by step of the taxonomy
    rollups: object = None  # rollups.Rollups
    clicks: tuple[int, int] = (0, 0)  # tracked-link clicks (period, baseline)


def _from_aggregate(agg: PeriodAggregate) -> Numbers:
    return Numbers(
        agg.visitors, agg.visits, agg.pageviews, agg.bounce_rate, agg.visit_duration, agg.events, exact=True
    )


def _from_daily(rows) -> Numbers:
    """Sum a queryset of daily rows in the database (one query, whatever the number of rows): visitors, visits,
    pageviews and events are summed; bounce rate and visit duration are averaged weighted by visits. Days'
    visitors summed are not a period's visitors (caveat shown on the report when no period aggregate exists)."""

    def weighted_sum(attr):
        return Sum(F(attr) * F("visits"), output_field=FloatField(), filter=Q(**{f"{attr}__isnull": False}))

    totals = rows.aggregate(
        rows=Count("pk"),
        sum_visitors=Sum("visitors"),
        sum_visits=Sum("visits"),
        sum_pageviews=Sum("pageviews"),
        sum_events=Sum("events"),
        bounce_weight=Sum("visits", filter=Q(bounce_rate__isnull=False)),
        bounce_sum=weighted_sum("bounce_rate"),
        duration_weight=Sum("visits", filter=Q(visit_duration__isnull=False)),
        duration_sum=weighted_sum("visit_duration"),
    )
    if not totals["rows"]:
        return Numbers(exact=False, empty=True)

    def weighted(total, weight):
        return round(total / weight, 1) if weight else None

    return Numbers(
        visitors=totals["sum_visitors"] or 0,
        visits=totals["sum_visits"] or 0,
        pageviews=totals["sum_pageviews"] or 0,
        bounce_rate=weighted(totals["bounce_sum"] or 0, totals["bounce_weight"]),
        visit_duration=weighted(totals["duration_sum"] or 0, totals["duration_weight"]),
        events=totals["sum_events"] or 0,
        exact=False,
    )


def _aggregates(code: str, period: Period) -> dict[tuple[str, str], PeriodAggregate]:
    qs = PeriodAggregate.objects.filter(campaign_code=code, period_start=period.start, period_end=period.end)
    return {(a.breakdown, a.value): a for a in qs}


def _language_pattern_q(target: CampaignTarget, lang: str) -> Q:
    q = Q()
    for prefix in target.path_prefixes:
        if prefix.startswith(f"/{lang}/"):
            q |= Q(value__startswith=prefix)
    return q


def period_numbers(target: CampaignTarget, period: Period, aggregates) -> Numbers:
    agg = aggregates.get((AggregateBreakdown.TOTAL, ""))
    if agg is not None:
        return _from_aggregate(agg)
    daily = DailyMetric.objects.filter(
        kind=DimensionKind.CAMPAIGN, value=target.code, date__range=(period.start, period.end)
    )
    return _from_daily(daily)


def language_numbers(target: CampaignTarget, period: Period, aggregates, lang: str) -> Numbers:
    agg = aggregates.get((AggregateBreakdown.LANGUAGE, lang))
    if agg is not None:
        return _from_aggregate(agg)
    q = _language_pattern_q(target, lang)
    if not q:
        return Numbers(exact=False, empty=True)
    pages = DailyMetric.objects.filter(q, kind=DimensionKind.PAGE, date__range=(period.start, period.end))
    return _from_daily(pages)


def breakdown_rows(aggregates, baseline_aggregates, breakdown: str) -> list[Row]:
    values = sorted(
        {v for (b, v) in aggregates if b == breakdown}
        | {v for (b, v) in baseline_aggregates if b == breakdown}
    )
    rows = []
    for value in values:
        current = aggregates.get((breakdown, value))
        base = baseline_aggregates.get((breakdown, value))
        rows.append(
            Row(
                label=value,
                current=_from_aggregate(current) if current else Numbers(empty=True),
                baseline=_from_aggregate(base) if base else Numbers(empty=True),
            )
        )
    rows.sort(key=lambda r: -(r.current.visitors or 0))
    return rows


def _share(value: int | None, of: int | None) -> float | None:
    """`value` as a percentage of `of` (one decimal), or None when either is unknown or `of` is zero."""
    return round(100 * value / of, 1) if of and value is not None else None


def _goal_visitors(aggregates, goal: str) -> int | None:
    """Visitors who reached a goal in the period: 0 without its aggregate, None without any exact aggregate."""
    agg = aggregates.get((AggregateBreakdown.GOAL, goal))
    if agg is not None:
        return agg.visitors or 0
    return 0 if aggregates else None


def path_to_help(first: Numbers, aggregates) -> list[Step]:
    """Steps from goal counts of visits that saw the campaign (Plausible has no funnels in its API).

    Only exact period aggregates are attributable to the campaign: without them a step is unknown (None)."""
    counts: list[tuple[str, int | None]] = [(_("Campaign visitors"), first.visitors)]
    counts += [(str(STEP_LABELS[goal]), _goal_visitors(aggregates, goal)) for goal in PATH_TO_HELP]
    first_count = counts[0][1]
    return [
        Step(
            label=label,
            visitors=value,
            share_of_previous=_share(value, counts[index - 1][1]) if index else None,
            share_of_first=_share(value, first_count) if index else None,
        )
        for index, (label, value) in enumerate(counts)
    ]


def daily_series(target: CampaignTarget, period: Period) -> list[dict]:
    stored = {
        row.date: row
        for row in DailyMetric.objects.filter(
            kind=DimensionKind.CAMPAIGN, value=target.code, date__range=(period.start, period.end)
        )
    }
    out = []
    for n in range(period.days):
        day = period.start + timedelta(days=n)
        row = stored.get(day)
        out.append(
            {
                "date": day,
                "visitors": (row.visitors or 0) if row else 0,
                "pageviews": (row.pageviews or 0) if row else 0,
            }
        )
    return out


def social_rows(code: str, period: Period) -> list[dict]:
    qs = (
        SocialMetric.objects.filter(campaign_code=code, date__range=(period.start, period.end))
        .values("platform", "influencer_handle", "language")
        .annotate(
            impressions=Sum("impressions"),
            reach=Sum("reach"),
            engagements=Sum("engagements"),
            clicks=Sum("clicks"),
            video_views=Sum("video_views"),
        )
        .order_by("platform", "influencer_handle", "language")
    )
    rows = list(qs)
    for row in rows:
        row["engagement_rate"] = round(100 * row["engagements"] / row["reach"], 1) if row["reach"] else None
    return rows


def default_baseline(period: Period) -> Period:
    return Period(period.start - timedelta(days=period.days), period.start - timedelta(days=1))


def build_report(target: CampaignTarget, period: Period, baseline: Period) -> CampaignReport:
    aggregates = _aggregates(target.code, period)
    baseline_aggregates = _aggregates(target.code, baseline)
    totals = Row(
        _("All visits"),
        period_numbers(target, period, aggregates),
        period_numbers(target, baseline, baseline_aggregates),
    )
    languages = [
        Row(
            label,
            language_numbers(target, period, aggregates, lang),
            language_numbers(target, baseline, baseline_aggregates, lang),
        )
        for lang, label in (("fr", _("French pages (/fr/)")), ("nl", _("Dutch pages (/nl/)")))
    ]
    sources = {
        str(label): breakdown_rows(aggregates, baseline_aggregates, key)
        for key, label in (
            (AggregateBreakdown.UTM_SOURCE, _("UTM source (platform)")),
            (AggregateBreakdown.UTM_MEDIUM, _("UTM medium (social, QR, poster…)")),
        )
    }
    caveats = [
        _(
            "Visitors are counted per day by Plausible (the visitor id changes every day): they are not persons."
        ),
        _(
            "Browsers and extensions that block trackers are not counted: expect 5 to 25 percent fewer visits without the proxy."
        ),
        _("Web data measures reach and the path to help, not drug use or behaviour change."),
        _(
            "The baseline is the period just before unless another one is chosen; seasons and news also move the numbers."
        ),
    ]
    if not totals.current.exact or not totals.baseline.exact:
        caveats.insert(
            0,
            _(
                "No exact period figures are stored for one of the periods: visitors are summed from daily figures "
                "and overcount returning visitors; breakdowns by source and the path to help need the exact period "
                "(use “Fetch exact figures”)."
            ),
        )
    from .rollups import build_funnel, build_rollups

    rollups, clicks = build_rollups(target.code, period, baseline, aggregates, baseline_aggregates)
    funnel = build_funnel(
        totals.current.visitors if totals.current.exact else None,
        aggregates,
        totals.baseline.visitors if totals.baseline.exact else None,
        baseline_aggregates,
        clicks,
    )
    caveats.append(
        _(
            "Path to help: each goal counts the visitors of the campaign's visits who reached it (Plausible's "
            "exact period figures); a step shows its goals side by side, a visitor who did two is in both. "
            "Tracked-link clicks are the site's own count (repeated clicks from one client within a short window count once); post "
            "metrics are entered by hand or by CSV from the platforms."
        )
    )
    has_demo = (
        PeriodAggregate.objects.filter(campaign_code=target.code, is_demo=True).exists()
        or DailyMetric.objects.filter(kind=DimensionKind.CAMPAIGN, value=target.code, is_demo=True).exists()
    )
    if has_demo:
        caveats.insert(0, _("DEMO DATA: these numbers are generated for demonstration, not measured."))
    return CampaignReport(
        target=target,
        period=period,
        baseline=baseline,
        totals=totals,
        languages=languages,
        sources=sources,
        path=path_to_help(totals.current, aggregates),
        path_baseline=path_to_help(totals.baseline, baseline_aggregates),
        daily=daily_series(target, period),
        social=social_rows(target.code, period),
        caveats=caveats,
        has_demo_data=has_demo,
        funnel=funnel,
        rollups=rollups,
        clicks=clicks,
    )


def delta(current, baseline) -> float | None:
    if current is None or baseline in (None, 0):
        return None
    return round(100 * (current - baseline) / baseline, 1)


def grouped(rows, key):
    out = defaultdict(list)
    for row in rows:
        out[row[key]].append(row)
    return dict(out)
