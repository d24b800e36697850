"""Demo data of the evaluation app (`manage.py load_demo`).

Everything generated here is flagged `is_demo=True` (shown as "demo data" in the admin and as a banner on the
reports). Numbers come from a seeded generator keyed by (series, day), so a second run writes the same values:
nothing changes, nothing duplicates. Also creates the "Analysts" group and the analyst demo account.
"""

from __future__ import annotations

import os
import random
from datetime import date, timedelta

from django.contrib.auth.models import Group, Permission

from demo import accounts
from evaluation.models import (
    ActionStatus,
    AggregateBreakdown,
    Axis,
    DailyMetric,
    DimensionKind,
    HotspotAction,
    HotspotTaskForce,
    PeriodAggregate,
    SocialMetric,
    TrackedCampaign,
)
from evaluation.sync import upsert_daily, upsert_periods

ANALYST_PERMISSIONS = (  # keep in step with evaluation/roles.py
    "view_syncrun",
    "add_syncrun",
    "view_dailymetric",
    "view_periodaggregate",
    "view_socialmetric",
    "view_trackedcampaign",
    "view_hotspotaction",
    "view_hotspotstatuschange",
)
TASK_FORCE_PERMISSIONS = ("view_hotspotaction", "add_hotspotaction", "change_hotspotaction")
ANALYST_USERNAME = "analyst"
DEFAULT_ANALYST_PASSWORD = "demo-analyst-2026"  # noqa: S105 -- the demo's, printed by load_demo

CAMPAIGN = {
    "code": "festival-2026",
    "name": "Saison des festivals 2026 / Festivalseizoen 2026 (démo)",
    "path_prefixes": "/fr/campagnes/festival/\n/nl/campagnes/festival/",
    "utm_campaign": "festival-2026",
    "starts_on": date(2026, 9, 7),
    "ends_on": date(2026, 10, 4),
}
CAMPAIGN_PAGES = {
    "/fr/campagnes/festival/": 1.0,
    "/fr/campagnes/festival/quiz/": 0.35,
    "/nl/campagnes/festival/": 0.7,
    "/nl/campagnes/festival/quiz/": 0.25,
}
SOURCES = {"instagram": 0.38, "tiktok": 0.27, "qr-code": 0.1, "google": 0.15, "(not set)": 0.1}
MEDIUMS = {"social": 0.62, "qr": 0.08, "poster": 0.05, "(not set)": 0.25}
CONTENTS = {
    "influencer-lea": 0.21,
    "influencer-sam": 0.17,
    "hotspot-gare-du-midi": 0.04,
    "hotspot-porte-de-hal": 0.03,
}
HOTSPOTS = {"gare-du-midi": ("804",), "porte-de-hal": ("48",), "matonge": ("36",)}
SERIES_START = date(2025, 5, 1)
SERIES_END = date(2026, 10, 31)


def ensure_analysts_group() -> Group:
    """ "Analysts": read every evaluation screen and export, start a Plausible sync; change nothing."""
    group, _ = Group.objects.get_or_create(name="Analysts")
    _set_permissions(group, ANALYST_PERMISSIONS)
    return group


def _set_permissions(group: Group, codenames) -> None:
    wanted = set(Permission.objects.filter(content_type__app_label="evaluation", codename__in=codenames))
    wanted.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    if set(group.permissions.all()) != wanted:
        group.permissions.set(wanted)


def ensure_task_force(name: str) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    _set_permissions(group, TASK_FORCE_PERMISSIONS)
    return group


def _rng(*key) -> random.Random:
    return random.Random("|".join(map(str, key)))  # noqa: S311 -- reproducible demo figures, not secrets


def _days(start: date, end: date):
    for n in range((end - start).days + 1):
        yield start + timedelta(days=n)


def _campaign_factor(day: date) -> float:
    """Traffic lift during the campaign: ramps up the first week, fades after the end."""
    start, end = CAMPAIGN["starts_on"], CAMPAIGN["ends_on"]
    if day < start:
        return 1.0
    if day <= end:
        return 1.0 + min(1.0, ((day - start).days + 1) / 7) * 1.6
    return 1.0 + max(0.0, 1.6 - 0.2 * (day - end).days)


def _metrics(key, day, base: float) -> dict:
    rng = _rng(*key, day.isoformat())
    weekend = 0.75 if day.weekday() >= 5 else 1.0
    visitors = max(0, round(base * weekend * rng.uniform(0.8, 1.2)))
    visits = round(visitors * rng.uniform(1.05, 1.25))
    return {
        "visitors": visitors,
        "visits": visits,
        "pageviews": round(visits * rng.uniform(1.4, 2.2)),
        "bounce_rate": round(rng.uniform(38, 62), 1),
        "visit_duration": round(rng.uniform(55, 160), 1),
        "events": round(visits * rng.uniform(0.3, 0.7)),
    }


def goal_row(day, goal: str, base: float) -> DailyMetric:
    """A demo goal's row for a day: its visitors and conversions drawn around `base`."""
    m = _metrics(("goal", goal), day, base)
    return DailyMetric(
        date=day,
        kind=DimensionKind.GOAL,
        value=goal,
        is_demo=True,
        visitors=m["visitors"],
        events=m["events"] or m["visitors"],
    )


def _goal_rows(day, lift: float) -> list[DailyMetric]:
    shares = (
        ("Directory search", 0.22),
        ("Service contact", 0.07),
        ("Referral slip", 0.015),
        ("Helpline click", 0.03),
    )
    return [goal_row(day, goal, 80 * lift * share) for goal, share in shares]


def _campaign_day_rows(day: date) -> list[DailyMetric]:
    """One day of the campaign window: the campaign, its pages, its sources and mediums, the goals."""
    lift = _campaign_factor(day)
    campaign = _metrics(("campaign",), day, 60 * lift)
    rows = [
        DailyMetric(date=day, kind=DimensionKind.CAMPAIGN, value=CAMPAIGN["code"], is_demo=True, **campaign)
    ]
    rows += [
        DailyMetric(
            date=day,
            kind=DimensionKind.PAGE,
            value=path,
            is_demo=True,
            **_metrics(("page", path), day, 55 * lift * share),
        )
        for path, share in CAMPAIGN_PAGES.items()
    ]
    for kind, values in ((DimensionKind.UTM_SOURCE, SOURCES), (DimensionKind.UTM_MEDIUM, MEDIUMS)):
        for value, share in values.items():
            rows.append(
                DailyMetric(
                    date=day,
                    kind=kind,
                    value=value,
                    is_demo=True,
                    **_metrics((kind, value), day, 70 * lift * share),
                )
            )
    rows += _goal_rows(day, lift)
    return rows


def _hotspot_demand_rows(day: date, slug: str, quartier: str, growth: float) -> list[DailyMetric]:
    rows = []
    for goal, base in (
        ("Directory search", 2.5),
        ("Service contact", 0.9),
        ("Referral slip", 0.3),
    ):
        g = _metrics(("demand", slug, goal), day, base * growth)
        if g["visitors"]:
            rows.append(
                DailyMetric(
                    date=day,
                    kind=DimensionKind.GOAL_PROP,
                    value=goal,
                    prop_name="quartier",
                    prop_value=quartier,
                    is_demo=True,
                    visitors=g["visitors"],
                    events=g["visitors"] + g["visitors"] // 3,
                )
            )
    return rows


def _hotspot_day_rows(day: date) -> list[DailyMetric]:
    """One day of the hotspot series: reach via utm_content=hotspot-<slug>, demand via the quartier goal prop."""
    rows = []
    growth = 1 + (day - SERIES_START).days / 365
    for slug, quartiers in HOTSPOTS.items():
        m = _metrics(("hotspot", slug), day, 3.5 * growth * (1.4 if slug == "gare-du-midi" else 1.0))
        rows.append(
            DailyMetric(date=day, kind=DimensionKind.UTM_CONTENT, value=f"hotspot-{slug}", is_demo=True, **m)
        )
        for quartier in quartiers:
            rows += _hotspot_demand_rows(day, slug, quartier, growth)
    return rows


def daily_rows() -> list[DailyMetric]:
    rows = []
    window = (CAMPAIGN["starts_on"] - timedelta(days=28), SERIES_END)
    for day in _days(*window):
        rows += _campaign_day_rows(day)
    # Hotspot series over 18 months: reach via utm_content=hotspot-<slug>, demand via the quartier goal prop.
    for day in _days(SERIES_START, SERIES_END):
        rows += _hotspot_day_rows(day)
    return rows


def _period_metrics(share: float, seed: str, p_start: date, visitors: int, visits: int) -> dict:
    rng = _rng("period", seed, p_start.isoformat())
    v = round(visitors * share)
    return {
        "visitors": v,
        "visits": round(visits * share),
        "pageviews": round(visits * share * 1.8),
        "bounce_rate": round(rng.uniform(40, 55), 1),
        "visit_duration": round(rng.uniform(80, 130), 1),
        "events": round(visits * share * 0.5),
    }


def _utm_period_rows(base: dict, metrics, *, lift: float) -> list[PeriodAggregate]:
    """The period's aggregates by UTM source, medium and content ("(not set)" is not lifted by the campaign)."""
    out = []
    for breakdown, values in (
        (AggregateBreakdown.UTM_SOURCE, SOURCES),
        (AggregateBreakdown.UTM_MEDIUM, MEDIUMS),
        (AggregateBreakdown.UTM_CONTENT, CONTENTS),
    ):
        for value, share in values.items():
            factor = share if value == "(not set)" else share * lift
            out.append(PeriodAggregate(breakdown=breakdown, value=value, **base, **metrics(factor, value)))
    return out


def _one_period_rows(
    daily: list[DailyMetric], p_start: date, p_end: date, *, current: bool
) -> list[PeriodAggregate]:
    """The aggregates of one period: the campaign's (`current`) or the one before it, of the same length."""
    in_period = [r for r in daily if p_start <= r.date <= p_end]
    camp = [r for r in in_period if r.kind == DimensionKind.CAMPAIGN]
    visits = sum(r.visits for r in camp)
    visitors = round(sum(r.visitors for r in camp) * 0.83)
    base = {"campaign_code": CAMPAIGN["code"], "period_start": p_start, "period_end": p_end, "is_demo": True}

    def metrics(share, seed):
        return _period_metrics(share, seed, p_start, visitors, visits)

    out = [
        PeriodAggregate(breakdown=AggregateBreakdown.TOTAL, value="", **base, **metrics(1, "total")),
        PeriodAggregate(breakdown=AggregateBreakdown.LANGUAGE, value="fr", **base, **metrics(0.58, "fr")),
        PeriodAggregate(breakdown=AggregateBreakdown.LANGUAGE, value="nl", **base, **metrics(0.42, "nl")),
    ]
    out += _utm_period_rows(base, metrics, lift=1.0 if current else 0.35)
    for goal, share in (("Directory search", 0.24), ("Service contact", 0.075), ("Referral slip", 0.018)):
        m = metrics(share * (1 if current else 0.8), goal)
        out.append(
            PeriodAggregate(
                breakdown=AggregateBreakdown.GOAL,
                value=goal,
                **base,
                visitors=m["visitors"],
                events=m["events"],
            )
        )
    return out


def period_rows(daily: list[DailyMetric]) -> list[PeriodAggregate]:
    """Exact-period figures as Plausible would give them: visitors below the sum of daily visitors."""
    start, end = CAMPAIGN["starts_on"], CAMPAIGN["ends_on"]
    length = (end - start).days + 1
    periods = [(start, end), (start - timedelta(days=length), start - timedelta(days=1))]
    out = []
    for p_start, p_end in periods:
        out += _one_period_rows(daily, p_start, p_end, current=p_start == start)
    return out


def social_rows() -> list[dict]:
    rows = []
    for handle, platform, language in (
        ("@lea.bxl", "instagram", "fr"),
        ("@lea.bxl", "tiktok", "fr"),
        ("@sam_brussel", "instagram", "nl"),
        ("@sam_brussel", "youtube", "nl"),
    ):
        for n in range(4):
            day = CAMPAIGN["starts_on"] + timedelta(days=2 + 7 * n)
            rng = _rng("social", handle, platform, n)
            reach = rng.randint(4000, 22000)
            rows.append(
                {
                    "campaign_code": CAMPAIGN["code"],
                    "influencer_handle": handle,
                    "platform": platform,
                    "language": language,
                    "date": day,
                    "post_ref": f"post-{n + 1}",
                    "impressions": round(reach * rng.uniform(1.2, 1.8)),
                    "reach": reach,
                    "engagements": round(reach * rng.uniform(0.03, 0.09)),
                    "clicks": round(reach * rng.uniform(0.004, 0.012)),
                    "video_views": round(reach * rng.uniform(0.4, 0.8)) if platform != "instagram" else 0,
                }
            )
    return rows


ACTIONS = (
    (
        "gare-du-midi",
        Axis.SECURITY,
        date(2025, 6, 12),
        ActionStatus.DONE,
        "Patrouilles conjointes annoncées autour de l'entrée sud de la gare."
        " / Gezamenlijke patrouilles aangekondigd rond de zuidingang van het station.",
    ),
    (
        "gare-du-midi",
        Axis.PREVENTION,
        date(2025, 9, 3),
        ActionStatus.DONE,
        "Soirées de travail de rue avec du matériel de réduction des risques, deux fois par semaine."
        " / Straathoekwerk 's avonds met materiaal voor schadebeperking, twee keer per week.",
    ),
    (
        "gare-du-midi",
        Axis.NEIGHBOURHOOD,
        date(2025, 11, 20),
        ActionStatus.DONE,
        "Éclairage réparé dans le passage piéton ; réunion des riverains tenue."
        " / Verlichting hersteld in de voetgangersdoorgang; bewonersvergadering gehouden.",
    ),
    (
        "gare-du-midi",
        Axis.PREVENTION,
        date(2026, 3, 15),
        ActionStatus.DONE,
        "Affiches QR renvoyant vers le répertoire posées à 12 endroits."
        " / QR-affiches die naar de gids verwijzen op 12 plaatsen opgehangen.",
    ),
    (
        "gare-du-midi",
        Axis.SECURITY,
        date(2026, 9, 10),
        ActionStatus.IN_PROGRESS,
        "Révision de la couverture par caméras avec la zone de police."
        " / Herziening van de camerabewaking met de politiezone.",
    ),
    (
        "porte-de-hal",
        Axis.PREVENTION,
        date(2025, 10, 1),
        ActionStatus.DONE,
        "Service mobile à bas seuil présent le mardi. / Mobiele laagdrempelige dienst aanwezig op dinsdag.",
    ),
    (
        "porte-de-hal",
        Axis.NEIGHBOURHOOD,
        date(2026, 5, 22),
        ActionStatus.DONE,
        "Nettoyage du parc avec le comité de quartier. / Opruiming van het park met het buurtcomité.",
    ),
    (
        "porte-de-hal",
        Axis.PREVENTION,
        date(2026, 11, 5),
        ActionStatus.PLANNED,
        "Travail de proximité en saison des festivals avec des pairs."
        " / Outreachwerk tijdens het festivalseizoen met ervaringsdeskundigen.",
    ),
)


def load(*, stdout, style):
    ensure_analysts_group()
    forces = {
        "gare-du-midi": ensure_task_force("Task force Gare du Midi"),
        "porte-de-hal": ensure_task_force("Task force Porte de Hal"),
    }
    for slug, group in forces.items():
        HotspotTaskForce.objects.get_or_create(group=group, hotspot_slug=slug)
    campaign, _ = TrackedCampaign.objects.update_or_create(
        code=CAMPAIGN["code"], defaults={**CAMPAIGN, "is_demo": True}
    )
    daily = daily_rows()
    upsert_daily(daily)
    upsert_periods(period_rows(daily))
    for row in social_rows():
        keys = {
            k: row[k]
            for k in ("campaign_code", "influencer_handle", "platform", "language", "date", "post_ref")
        }
        values = {k: v for k, v in row.items() if k not in keys}
        SocialMetric.objects.update_or_create(**keys, defaults={**values, "is_demo": True})
    for slug, axis, day, status, description in ACTIONS:
        HotspotAction.objects.update_or_create(
            hotspot_slug=slug,
            date=day,
            axis=axis,
            defaults={
                "status": status,
                "description": description,
                "task_force_group": forces[slug],
                "is_demo": True,
            },
        )
    password = os.environ.get("DEMO_ANALYST_PASSWORD", DEFAULT_ANALYST_PASSWORD)
    analyst = accounts.ensure_user(ANALYST_USERNAME, "analyst@prevention.brussels", password, "Analysts")
    stdout.write(
        style.SUCCESS(
            f"Evaluation demo data (flagged as demo): {len(daily)} daily rows, campaign “{campaign.code}”. "
            f"Analyst account: user: {ANALYST_USERNAME}  password: {password}\n"
            + accounts.instructions(analyst)
        )
    )
