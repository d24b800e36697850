"""Reads shared by the public views, neighbourhood pages and the API: a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone
from wagtail.models import Locale

from .geo import distance_km
from .models import Category, Service, ServiceAtLocation, normalize

PUBLIC_STATUSES = [Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED]


def with_relations(queryset):
    """Everything a list or a page shows, in a fixed number of queries (6)."""
    return queryset.select_related("organisation").prefetch_related(
        "categories",
        Prefetch(
            "locations",
            queryset=ServiceAtLocation.objects.select_related(
                "location", "location__quartier", "location__commune"
            ),
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
    service: Service
    distance_km: float | None = None


def search(
    filters: dict,
    *,
    locale: Locale,
    categories: list[Category],
    origin: tuple[float, float] | None = None,
    now: dt.datetime | None = None,
) -> list[Result]:
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
    services = list(with_relations(queryset).order_by("name", "pk"))

    # Filters that SQLite cannot express (JSON list membership) or that depend on the clock: in Python.
    if language := filters.get("language"):
        services = [s for s in services if language in (s.languages or [])]
    now = now or timezone.now()
    for service in services:
        service._hours_status = service.status_at(now)
    if filters.get("open_now"):
        services = [s for s in services if s.hours_status.is_open]
    results = [Result(service) for service in services]
    if origin is not None:
        for result in results:
            result.distance_km = nearest_distance(result.service, origin)
        results.sort(key=lambda r: (r.distance_km is None, r.distance_km or 0, r.service.name))
    return results


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
