"""The path-to-help funnel and the roll-ups of a campaign report (issue 15, items 2 and 3).

Sources, each named on the report:
- **Plausible**: the exact period figures (`PeriodAggregate`): goal visitors/events by step of the taxonomy
  (home/events.py) and visitors/visits by `utm_content`;
- **our counter**: the tracked links' clicks per day (`scheduling.ClickDay`), counted once per client and window
  on /go/…;
- **post metrics**: the scheduling app's snapshots per variant (`scheduling.MetricSnapshot`, entered by hand or by
  CSV): the latest snapshot on or before the period's end (the figures are cumulative).

A `utm_content` value is attributed to an influencer, a platform, a language and a hotspot through the links the
project made (an influencer post's `utm_content` is `<influencer>-<deliverable>-<language>`, a poster's
`hotspot-<slug>`): raw values are never shown. Values of no tracked link are grouped under "Other".

Queries: a fixed number whatever the number of posts, links, days or values (tests/evaluation/test_rollups.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.db.models import Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.events import ENGAGEMENT, EVENTS, FUNNEL_STEPS, HELP_ACTION, HELP_SEEN, LANDING

from .models import AggregateBreakdown
from .tracking import value_label

STEP_TITLES = {
    LANDING: gettext_lazy("Landing"),
    ENGAGEMENT: gettext_lazy("Engagement (video, quiz, self-check, mix)"),
    HELP_SEEN: gettext_lazy("Help seen (directory, service page)"),
    HELP_ACTION: gettext_lazy("Help action (helpline, contact, slip, warm referral)"),
}

# Goal names of each step, in the taxonomy's order.
STEP_GOALS: dict[str, tuple[str, ...]] = {
    step: tuple(e.name for e in EVENTS if e.step == step) for step in FUNNEL_STEPS
}

DIMENSIONS = (
    ("influencer", gettext_lazy("By influencer")),
    ("platform", gettext_lazy("By platform or medium")),
    ("language", gettext_lazy("By language")),
    ("hotspot", gettext_lazy("By hotspot")),
)


@dataclass
class FunnelLine:
    label: str
    current: int | None
    baseline: int | None
    source: str
    events: int | None = None
    baseline_events: int | None = None


@dataclass
class FunnelStep:
    key: str
    title: str
    lines: list[FunnelLine] = field(default_factory=list)

    @property
    def visitors(self) -> int | None:
        """The step's figure: the most visitors of any of its goals (a visitor who did two goals of a step is
        counted once at least; summing would count them twice)."""
        values = [
            line.current for line in self.lines if line.current is not None and line.source == "plausible"
        ]
        return max(values) if values else None

    @property
    def baseline_visitors(self) -> int | None:
        values = [
            line.baseline for line in self.lines if line.baseline is not None and line.source == "plausible"
        ]
        return max(values) if values else None


class Summable:
    """A dataclass of counts that adds another one to itself, field by field."""

    def add(self, other) -> None:
        for name in (counted.name for counted in fields(self)):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Figures(Summable):
    visitors: int = 0
    visits: int = 0
    clicks: int = 0
    views: int = 0
    likes: int = 0
    shares: int = 0
    completion_weighted: float = 0.0
    completion_views: int = 0

    @property
    def completion(self) -> float | None:
        return round(self.completion_weighted / self.completion_views, 1) if self.completion_views else None


@dataclass
class RollupRow:
    key: str
    label: str
    current: Figures = field(default_factory=Figures)
    baseline: Figures = field(default_factory=Figures)
    url: str = ""  # the influencer's deliverables of this campaign


@dataclass
class Rollups:
    dimensions: list[tuple[str, str, list[RollupRow]]]
    has_exact: bool
    links: int


@dataclass
class _Link:
    code: str
    utm_content: str
    influencer: tuple[str, str, str] | None  # (key, name, deliverables url)
    platform: tuple[str, str]
    language: str
    hotspot: str | None
    variant_id: int | None = None


def _links(code: str) -> list[_Link]:
    """Every tracked link of the campaign: influencer posts (variants) and poster/QR links. Two queries."""
    if not apps.is_installed("campaigns.scheduling"):
        return []
    from django.urls import reverse

    from campaigns.scheduling.models import Platform, TrackedLink, Variant

    platforms = dict(Platform.choices)
    deliverables_url = reverse("wagtailsnippets_scheduling_deliverable:list")
    out = []
    for variant in Variant.objects.filter(deliverable__campaign_code=code).select_related(
        "deliverable__influencer"
    ):
        deliverable = variant.deliverable
        influencer = deliverable.influencer
        out.append(
            _Link(
                code=variant.link_code,
                utm_content=f"{influencer.slug}-{deliverable.pk}-{variant.language}",
                influencer=(
                    str(influencer.pk),
                    influencer.name,
                    f"{deliverables_url}?influencer={influencer.pk}&campaign_code={code}",
                ),
                platform=(
                    deliverable.platform,
                    str(platforms.get(deliverable.platform, deliverable.platform)),
                ),
                language=variant.language,
                hotspot=None,
                variant_id=variant.pk,
            )
        )
    for link in TrackedLink.objects.filter(campaign_code=code):
        out.append(
            _Link(
                code=link.code,
                utm_content=f"hotspot-{link.hotspot_slug}",
                influencer=None,
                platform=(link.medium, str(link.get_medium_display())),
                language=link.language,
                hotspot=link.hotspot_slug,
            )
        )
    return out


def _clicks(codes, period, baseline) -> dict[str, tuple[int, int]]:
    """Clicks per link code in the period and in the baseline (one query)."""
    if not codes or not apps.is_installed("campaigns.scheduling"):
        return {}
    from campaigns.scheduling.models import ClickDay

    rows = (
        ClickDay.objects.filter(code__in=list(codes))
        .filter(Q(day__range=(period.start, period.end)) | Q(day__range=(baseline.start, baseline.end)))
        .values("code")
        .annotate(
            current=Sum("count", filter=Q(day__range=(period.start, period.end))),
            base=Sum("count", filter=Q(day__range=(baseline.start, baseline.end))),
        )
    )
    return {r["code"]: (r["current"] or 0, r["base"] or 0) for r in rows}


def _post_metrics(variant_ids, period, baseline) -> dict[int, tuple[Figures, Figures]]:
    """Per variant, the latest snapshot on or before each period's end (one query)."""
    if not variant_ids or not apps.is_installed("campaigns.scheduling"):
        return {}
    from campaigns.scheduling.models import MetricSnapshot

    last = max(period.end, baseline.end)
    latest: dict[tuple[int, str], object] = {}
    for snap in MetricSnapshot.objects.filter(variant_id__in=list(variant_ids), date__lte=last).order_by(
        "date"
    ):
        for which, end in (("current", period.end), ("baseline", baseline.end)):
            if snap.date <= end:
                latest[(snap.variant_id, which)] = snap
    return {
        variant_id: (
            _snapshot_figures(latest.get((variant_id, "current"))),
            _snapshot_figures(latest.get((variant_id, "baseline"))),
        )
        for variant_id in variant_ids
    }


def _snapshot_figures(snap) -> Figures:
    figures = Figures()
    if snap is not None:
        figures.views, figures.likes, figures.shares = snap.views, snap.likes, snap.shares
        if snap.completion_rate is not None and snap.views:
            figures.completion_weighted = float(Decimal(snap.completion_rate) * snap.views)
            figures.completion_views = snap.views
    return figures


def _hotspot_entry(value: str, names: dict[str, str]) -> _Link | None:
    """A `hotspot-<slug>` value of no link of this campaign (a QR code or poster printed for another one, or a
    link since deleted): still attributed to its hotspot when the slug is known."""
    slug = value.removeprefix("hotspot-")
    if value.startswith("hotspot-") and slug in names:
        return _Link("", value, None, ("qr-poster", _("Poster or QR code")), "", slug)
    return None


def _hotspot_names() -> dict[str, str]:
    from .selectors import hotspots

    return {h.slug: h.name for h in hotspots()}


def _goal_figure(aggs: dict, goal: str, name: str) -> int | None:
    """A goal's visitors or events; 0 when the goal is not among the figures stored, None with no figures."""
    agg = aggs.get((AggregateBreakdown.GOAL, goal))
    if agg:
        return getattr(agg, name) or 0
    return 0 if aggs else None


def _goal_line(goal: str, aggregates: dict, baseline_aggregates: dict) -> FunnelLine:
    return FunnelLine(
        str(value_label(goal)),
        _goal_figure(aggregates, goal, "visitors"),
        _goal_figure(baseline_aggregates, goal, "visitors"),
        "plausible",
        events=_goal_figure(aggregates, goal, "events"),
        baseline_events=_goal_figure(baseline_aggregates, goal, "events"),
    )


def build_funnel(first_visitors, aggregates, baseline_first, baseline_aggregates, clicks) -> list[FunnelStep]:
    """The path to help by step of the taxonomy: each goal's visitors (and events) in the period and the
    baseline, from Plausible's exact period figures of visits that saw the campaign; the landing step also shows
    the campaign's visitors and our own count of tracked-link clicks. None: no exact figures stored."""
    steps = []
    for step in FUNNEL_STEPS:
        lines = []
        if step == LANDING:
            lines.append(FunnelLine(_("Campaign visitors"), first_visitors, baseline_first, "plausible"))
            lines.append(FunnelLine(_("Tracked-link clicks (our counter)"), clicks[0], clicks[1], "clicks"))
        lines.extend(_goal_line(goal, aggregates, baseline_aggregates) for goal in STEP_GOALS[step])
        steps.append(FunnelStep(step, str(STEP_TITLES[step]), lines))
    return steps


def build_rollups(code: str, period, baseline, aggregates, baseline_aggregates) -> tuple[Rollups, tuple]:
    """Roll-ups by influencer, platform, language and hotspot, and the campaign's total tracked-link clicks
    (period, baseline). Five queries (links ×2, clicks, snapshots, hotspots)."""
    links = _links(code)
    clicks = _clicks({link.code for link in links}, period, baseline)
    posts = _post_metrics([link.variant_id for link in links if link.variant_id], period, baseline)
    tables = _RollupTables(_hotspot_names())
    # Our own counts: clicks and post metrics, per link.
    for link in links:
        current, base = Figures(), Figures()
        current.clicks, base.clicks = clicks.get(link.code, (0, 0))
        if link.variant_id in posts:
            current.add(posts[link.variant_id][0])
            base.add(posts[link.variant_id][1])
        tables.add(link, current, base)
    by_content: dict[str, list[_Link]] = defaultdict(list)
    for link in links:
        by_content[link.utm_content].append(link)
    tables.add_plausible(aggregates, "current", by_content)
    tables.add_plausible(baseline_aggregates, "baseline", by_content)
    total_clicks = (sum(c for c, _b in clicks.values()), sum(b for _c, b in clicks.values()))
    return Rollups(tables.dimensions(), bool(aggregates), len(links)), total_clicks


class _RollupTables:
    """One table of rows per dimension (influencer, platform, language, hotspot), filled link by link."""

    def __init__(self, names: dict[str, str]):
        self.names = names
        self.tables: dict[str, dict[str, RollupRow]] = {key: {} for key, _label in DIMENSIONS}

    def keys_of(self, link: _Link | None) -> dict[str, tuple[str, str, str]]:
        if link is None:
            other = _("Other (not a tracked link of this campaign)")
            return {dim: ("", other, "") for dim, _label in DIMENSIONS}
        return {
            "platform": (link.platform[0], link.platform[1], ""),
            "language": (link.language, link.language.upper(), "")
            if link.language
            else ("", _("Language unknown"), ""),
            "influencer": link.influencer
            if link.influencer
            else ("", _("Posters and QR codes (no influencer)"), ""),
            "hotspot": (link.hotspot, self.names.get(link.hotspot, link.hotspot), "")
            if link.hotspot
            else ("", _("Not at a hotspot (influencer posts)"), ""),
        }

    def row(self, dim: str, key: tuple[str, str, str]) -> RollupRow:
        k, label, url = key
        return self.tables[dim].setdefault(k or f"~{label}", RollupRow(k, label, url=url))

    def add(self, link: _Link | None, current: Figures, base: Figures) -> None:
        for dim, key in self.keys_of(link).items():
            target = self.row(dim, key)
            target.current.add(current)
            target.baseline.add(base)

    def add_plausible(self, aggs: dict, which: str, by_content: dict[str, list[_Link]]) -> None:
        """Plausible's visitors and visits by utm_content, attributed through the links (a utm_content shared by
        several links, e.g. two posters at one hotspot, is attributed to the first: dimensions agree for them)."""
        for (breakdown, value), agg in aggs.items():
            if breakdown != AggregateBreakdown.UTM_CONTENT:
                continue
            matched = by_content.get(value)
            link = matched[0] if matched else _hotspot_entry(value, self.names)
            for dim, key in self.keys_of(link).items():
                figures = getattr(self.row(dim, key), which)
                figures.visitors += agg.visitors or 0
                figures.visits += agg.visits or 0

    def dimensions(self) -> list:
        return [
            (
                dim,
                str(label),
                sorted(
                    self.tables[dim].values(),
                    key=lambda r: (
                        r.key == "",
                        -(r.current.visitors + r.current.clicks + r.current.views),
                        r.label,
                    ),
                ),
            )
            for dim, label in DIMENSIONS
        ]


def first_day_of_month(day: date) -> date:
    return day.replace(day=1)
