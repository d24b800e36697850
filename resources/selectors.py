"""Reads shared by the public views, neighbourhood pages and the API: a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone
from wagtail.models import Locale

from home.hours import Closure as ClosureSpan
from home.hours import Interval, compute_status

from .geo import distance_km
from .models import Category, Closure, Schedule, Service, ServiceAtLocation, normalize

PUBLIC_STATUSES = [Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED]


def with_relations(queryset):
    """Everything a list or a page shows, in a fixed number of queries (6)."""
    return queryset.select_related("organisation").prefetch_related(
        "categories",
        Prefetch(
            "locations",
            queryset=ServiceAtLocation.objects.select_related(
                "location", "location__quartier", "location__commune"
            ).defer("location__quartier__polygon"),
        ),
        "schedules",
        "closures",
        "phones",
    )


def services_in(service_ids_q: Q | None = None, *, locale: Locale):
    queryset = Service.objects.filter(locale=locale, status__in=PUBLIC_STATUSES)
    if service_ids_q is not None:
        queryset = queryset.filter(service_ids_q)
    return queryset


def _through(**lookups):
    return ServiceAtLocation.objects.filter(**lookups).values("service_id")


def located_q(**lookups) -> Q:
    """Services with at least one location matching the lookups (without duplicating rows)."""
    return Q(pk__in=_through(**{f"location__{key}": value for key, value in lookups.items()}))


def category_q(category_ids) -> Q:
    return Q(
        pk__in=Service.categories.through.objects.filter(category_id__in=category_ids).values("service_id")
    )


@dataclass
class Result:
    service_id: int
    name: str
    distance_km: float | None = None
    service: Service | None = None

    @property
    def url(self) -> str:
        from django.urls import reverse

        return reverse("resources:service", args=[self.service_id])


def search(
    filters: dict,
    *,
    locale: Locale,
    categories: list[Category],
    origin: tuple[float, float] | None = None,
    now: dt.datetime | None = None,
) -> list[Result]:
    """Matching services as light results (ids, names, distances), sorted; `attach_services` loads a page.

    Everything is read with values() in a fixed number of queries: no model instance per match, so the cost
    stays low with thousands of services."""
    queryset = Service.objects.filter(locale=locale, status__in=PUBLIC_STATUSES)
    if text := filters.get("q"):
        for term in normalize(text).split()[:8]:
            matching = [c.id for c in categories if term in normalize(f"{c.name_fr} {c.name_nl} {c.code}")]
            condition = Q(search_text__contains=term)
            if matching:
                condition |= category_q(matching)
            queryset = queryset.filter(condition)
    if code := filters.get("category"):
        queryset = queryset.filter(category_q([c.id for c in categories if c.code == code]))
    if nis := filters.get("commune"):
        queryset = queryset.filter(located_q(commune__nis_code=nis))
    if mdzone := filters.get("quartier"):
        queryset = queryset.filter(located_q(quartier__mdzone=mdzone))
    if slug := filters.get("hotspot"):
        queryset = queryset.filter(
            located_q(quartier__hotspots__slug=slug, quartier__hotspots__locale=locale)
        )
    for flag in ("free", "anonymous", "no_appointment"):
        if filters.get(flag):
            queryset = queryset.filter(**{flag: True})
    if (age := filters.get("age")) is not None:
        queryset = queryset.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=age)).filter(
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=age)
        )
    rows = list(
        queryset.order_by("name", "pk").values_list(
            "pk", "name", "languages", "always_open", "open_on_holidays"
        )
    )
    # Filters that SQLite cannot express (JSON list membership) or that depend on the clock: in Python.
    if language := filters.get("language"):
        rows = [row for row in rows if language in (row[2] or [])]
    if filters.get("open_now") and rows:
        rows = _open_rows(rows, queryset, now or timezone.now())
    results = [Result(row[0], row[1]) for row in rows]
    if origin is not None and results:
        points = defaultdict(list)
        # A hidden address counts from its quartier's centre: distances must not give the place away.
        for service_id, lat, lon, hidden, q_lat, q_lon in ServiceAtLocation.objects.filter(
            service__in=queryset, location__latitude__isnull=False, location__longitude__isnull=False
        ).values_list(
            "service_id",
            "location__latitude",
            "location__longitude",
            "location__hidden_address",
            "location__quartier__centroid_lat",
            "location__quartier__centroid_lon",
        ):
            if hidden:
                if q_lat is None:
                    continue
                lat, lon = q_lat, q_lon
            points[service_id].append((lat, lon))
        for result in results:
            distances = [
                distance_km(origin[0], origin[1], lat, lon) for lat, lon in points.get(result.service_id, [])
            ]
            result.distance_km = min(distances) if distances else None
        results.sort(key=lambda r: (r.distance_km is None, r.distance_km or 0, r.name))
    return results


def _open_rows(rows, queryset, now):
    intervals = defaultdict(list)
    for service_id, weekday, opens, closes in Schedule.objects.filter(service__in=queryset).values_list(
        "service_id", "weekday", "opens", "closes"
    ):
        intervals[service_id].append(Interval(weekday, opens, closes))
    closures = defaultdict(list)
    for service_id, start, end, opens, closes in Closure.objects.filter(service__in=queryset).values_list(
        "service_id", "start", "end", "opens", "closes"
    ):
        closures[service_id].append(ClosureSpan(start, end, opens, closes))
    return [
        row
        for row in rows
        if compute_status(
            intervals.get(row[0], []),
            now,
            closures=closures.get(row[0], []),
            always_open=row[3],
            open_on_holidays=row[4],
        ).is_open
    ]


def attach_services(results: list[Result], *, now: dt.datetime | None = None) -> list[Result]:
    """Load the services of one page of results with everything the cards show (6 queries)."""
    services = {
        s.pk: s for s in with_relations(Service.objects.filter(pk__in=[r.service_id for r in results]))
    }
    now = now or timezone.now()
    for result in results:
        result.service = services.get(result.service_id)
        if result.service is not None:
            result.service._hours_status = result.service.status_at(now)
    return [r for r in results if r.service is not None]


def nearest_distance(service: Service, origin: tuple[float, float]) -> float | None:
    distances = [
        distance_km(origin[0], origin[1], link.location.latitude, link.location.longitude)
        for link in service.locations.all()
        if link.location.has_point
    ]
    return min(distances) if distances else None


def services_by_category(services: list[Service], categories: list[Category]) -> list[tuple[Category, list]]:
    groups = []
    for category in categories:
        members = [s for s in services if any(c.id == category.id for c in s.categories.all())]
        if members:
            groups.append((category, members))
    uncategorised = [s for s in services if not s.categories.all()]
    if uncategorised:
        groups.append((None, uncategorised))
    return groups
