"""Reads shared by the public views, neighbourhood pages and the API: a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case, Count, F, FloatField, OuterRef, Prefetch, Q, Subquery, Value, When, Window
from django.db.models.functions import Cos, Power, Radians, Sqrt
from django.utils import timezone
from wagtail.models import Locale

from home import lexicon
from home.hours import BRUSSELS, Interval, compute_status, is_holiday
from home.hours import Closure as ClosureSpan

from .geo import EARTH_RADIUS_KM, distance_km
from .models import Category, Closure, Schedule, Service, ServiceAtLocation, normalize

PUBLIC_STATUSES = [Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED]
# The public reads the live version of a listing (`live=True`) with one of these statuses; drafts, changes
# under review and unpublished listings stay in the admin.


def with_relations(queryset):
    """Everything a list or a page shows, in a fixed number of queries (6)."""
    return queryset.select_related("organisation").prefetch_related(
        "categories",
        Prefetch(
            "locations",
            # A location that is not live (a draft, or unpublished) is shown nowhere.
            queryset=ServiceAtLocation.objects.filter(location__live=True)
            .select_related("location", "location__quartier", "location__commune")
            .defer("location__quartier__polygon"),
        ),
        "schedules",
        "closures",
        "phones",
    )


def services_in(service_ids_q: Q | None = None, *, locale: Locale):
    queryset = Service.objects.filter(locale=locale, live=True, status__in=PUBLIC_STATUSES)
    if service_ids_q is not None:
        queryset = queryset.filter(service_ids_q)
    return queryset


def _through(**lookups):
    return ServiceAtLocation.objects.filter(location__live=True, **lookups).values("service_id")


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
    service: Service | None = None  # set by attach_services
    card: object | None = None  # set by cards.attach_cards (a cards.Card)
    status: object | None = None  # its open-now state (home.hours.HoursStatus)

    @property
    def url(self) -> str:
        from django.urls import reverse

        return reverse("resources:service", args=[self.service_id])


class SearchResults:
    """The matching services as a lazy, sliceable sequence for `Paginator`: counting is one query and each
    page is one query, whatever the number of matches. Filtering, the open-now test, distances and the order
    are computed by the database."""

    def __init__(self, queryset, *, matches=None, by_distance: bool = False):
        self.queryset = queryset
        self.matches = queryset if matches is None else matches  # the same rows, cheaper to count
        self.by_distance = by_distance
        self._count: int | None = None
        self._read: dict[int, list[Result]] = {}  # rows already read, by offset

    def _fields(self):
        return ("pk", "name", "distance") if self.by_distance else ("pk", "name")

    def read_page(self, number: int, per_page: int) -> None:
        """Read one page and the number of matches in a single query (COUNT(*) OVER ()), so that `Paginator`
        needs no separate count. A page past the end reads nothing: the count query then runs as usual."""
        offset = (max(number, 1) - 1) * per_page
        rows = list(
            self.queryset.annotate(total=Window(Count("*"))).values_list(*self._fields(), "total")[
                offset : offset + per_page
            ]
        )
        if rows:
            self._count = rows[0][-1]
            self._read[offset] = [self._result(row) for row in rows]
        elif offset == 0:
            self._count = 0

    def _result(self, row) -> Result:
        return Result(row[0], row[1], row[2] if self.by_distance else None)

    def count(self) -> int:
        if self._count is None:
            self._count = self.matches.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start = index.start or 0
        if start in self._read and index.step is None:
            rows = self._read[start]
            return rows if index.stop is None else rows[: index.stop - start]
        return [self._result(row) for row in self.queryset.values_list(*self._fields())[index]]

    def __iter__(self):
        return iter(self[:])


def text_q(text: str, categories: list[Category], understanding=None) -> Q:
    """The services a typed query is about, as `home.lexicon` reads it (the same for every search box):

    - a substance (its name or slang in either language, accents or typos aside): the harm-reduction and
      treatment services, and any service whose text names it;
    - a need ("emploi", "werk", "logement"…) or a category's name: that category's services;
    - a crisis word: mental-health services (the pages show the helplines first);
    - when nothing is understood, every word: in the service's text (name, description, organisation, for
      whom, cost — stored normalised) or a category's name, as before (all the words must match)."""
    understanding = understanding or lexicon.understand(text)
    about = _understood_q(understanding, {c.code: c.id for c in categories})
    if about:
        # Understood words say what is wanted; the other words ("trouver un job") then only add noise.
        return Q() & about
    # Only short or common words ("de", "la"): look for them as typed.
    terms = understanding.free_words or normalize(text).split()
    condition = Q()
    for term in terms[:8]:
        condition &= _word_q(term, categories)
    return condition


def _understood_q(understanding, by_code: dict[str, int]) -> Q:
    """The services of the substances, needs and crisis words understood; an empty Q when none was."""

    def of(codes):
        return category_q([by_code[code] for code in codes if code in by_code])

    about = Q()
    if understanding.substances:
        about |= of(lexicon.SUBSTANCE_CATEGORIES)
        for name in lexicon.substance_names(understanding.substances):
            about |= Q(search_text__contains=name)
    if understanding.categories:
        about |= of(understanding.categories)
    if understanding.crisis:
        about |= of(lexicon.CRISIS_CATEGORIES)
    return about


def _word_q(term: str, categories: list[Category]) -> Q:
    """A free word: in the service's text or a category's name."""
    matching = [c.id for c in categories if term in normalize(" ".join([*c.all_names(), c.code]))]
    free = Q(search_text__contains=term)
    if matching:
        free |= category_q(matching)
    return free


def search(
    filters: dict,
    *,
    locale: Locale,
    categories: list[Category],
    origin: tuple[float, float] | None = None,
    now: dt.datetime | None = None,
    exclude_ids=(),
    understanding=None,
) -> SearchResults:
    """Matching services, sorted by distance from `origin` (when given) then by name; see `SearchResults`."""
    queryset = Service.objects.filter(locale=locale, live=True, status__in=PUBLIC_STATUSES)
    if exclude_ids:
        queryset = queryset.exclude(pk__in=list(exclude_ids))
    queryset = _filtered(queryset, filters, locale=locale, categories=categories, understanding=understanding)
    if filters.get("open_now"):
        queryset = queryset.filter(open_now_q(queryset, now or timezone.now()))
    if origin is None:
        return SearchResults(queryset.order_by("name", "pk"), by_distance=False)
    by_distance = queryset.annotate(distance=_distance_expression(origin))
    return SearchResults(
        by_distance.order_by(F("distance").asc(nulls_last=True), "name", "pk"),
        matches=queryset,
        by_distance=True,
    )


def _filtered(queryset, filters: dict, *, locale: Locale, categories: list[Category], understanding):
    """The search form's filters: what (words, category), where (commune, quartier, hotspot), for whom."""
    if text := filters.get("q"):
        queryset = queryset.filter(text_q(text, categories, understanding))
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
    return _for_whom(queryset, filters)


def _for_whom(queryset, filters: dict):
    for flag in ("free", "anonymous", "no_appointment"):
        if filters.get(flag):
            queryset = queryset.filter(**{flag: True})
    if (age := filters.get("age")) is not None:
        queryset = queryset.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=age)).filter(
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=age)
        )
    if language := filters.get("language"):
        # A JSON list of ISO codes: the quoted code is in its text form (works on SQLite and PostgreSQL).
        queryset = queryset.filter(languages__icontains=f'"{language}"')
    return queryset


def _planar_km(lat, lon, origin: tuple[float, float]):
    """`geo.distance_km` in SQL: the planar distance at the mean latitude (within 2.4 cm in the Region)."""
    lat0, lon0 = (Value(v, output_field=FloatField()) for v in origin)
    north = Radians(lat - lat0)
    east = Radians(lon - lon0) * Cos(Radians((lat + lat0) / 2))
    return EARTH_RADIUS_KM * Sqrt(Power(north, 2) + Power(east, 2))


def _distance_expression(origin: tuple[float, float]):
    """Distance (km) from `origin` to a service's nearest public point (a hidden address counts from its
    quartier's centre, so distances cannot give it away). A service with one point (almost all) is measured
    on its own row (`Service.point_*`); one with several takes the nearest of its locations."""
    nearest = (
        ServiceAtLocation.objects.filter(service=OuterRef("pk"), location__public_latitude__isnull=False)
        .annotate(d=_planar_km(F("location__public_latitude"), F("location__public_longitude"), origin))
        .order_by("d")
        .values("d")[:1]
    )
    return Case(
        When(point_count=1, then=_planar_km(F("point_latitude"), F("point_longitude"), origin)),
        When(point_count__gt=1, then=Subquery(nearest, output_field=FloatField())),
        default=Value(None, output_field=FloatField()),
        output_field=FloatField(),
    )


def open_now_q(queryset, now: dt.datetime) -> Q:
    """Services open at `now`, as `home.hours.compute_status` decides, in SQL.

    A span that covers `now` starts today or (past midnight) yesterday, so only those two days' weekly hours,
    exceptional closures and public holidays matter; the wall-clock comparison is exact except on the two
    days a year when the clocks change, where the services are checked one by one in Python instead."""
    local = now.astimezone(BRUSSELS)
    today, time = local.date(), local.time().replace(tzinfo=None)
    yesterday = today - dt.timedelta(days=1)
    if _clock_changes(yesterday, today):
        return Q(pk__in=_open_ids_in_python(queryset, now))

    def closed_on(day) -> Q:
        return Q(pk__in=Closure.objects.filter(start__lte=day, end__gte=day).values("service_id"))

    def usual_hours_apply(day) -> Q:
        q = ~closed_on(day)
        if is_holiday(day):
            q &= Q(open_on_holidays=True)
        return q

    def weekly(day, covers: Q) -> Q:
        return Q(pk__in=Schedule.objects.filter(covers, weekday=day.weekday()).values("service_id"))

    def special(day, covers: Q) -> Q:
        # Special hours count only for services that have hours at all (otherwise: "call for hours").
        return Q(
            pk__in=Closure.objects.filter(
                covers,
                Q(service__always_open=True) | Q(service__schedules__isnull=False),
                start__lte=day,
                end__gte=day,
                opens__isnull=False,
                closes__isnull=False,
            ).values("service_id")
        )

    # Uncorrelated `pk IN (…)` subqueries: PostgreSQL hashes each one once instead of probing per service.
    overnight = Q(closes__lte=F("opens"))
    covers_today = Q(opens__lte=time) & (Q(closes__gt=time) | overnight)
    covers_from_yesterday = overnight & Q(closes__gt=time)
    return (
        (Q(always_open=True) & ~closed_on(today))
        | (Q(always_open=False) & usual_hours_apply(today) & weekly(today, covers_today))
        | (Q(always_open=False) & usual_hours_apply(yesterday) & weekly(yesterday, covers_from_yesterday))
        | special(today, covers_today)
        | special(yesterday, covers_from_yesterday)
    )


def _clock_changes(first: dt.date, last: dt.date) -> bool:
    start = dt.datetime.combine(first, dt.time(), tzinfo=BRUSSELS)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=BRUSSELS)
    return start.utcoffset() != end.utcoffset()


def _open_ids_in_python(queryset, now) -> list[int]:
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
        pk
        for pk, always_open, open_on_holidays in queryset.values_list("pk", "always_open", "open_on_holidays")
        if compute_status(
            intervals.get(pk, []),
            now,
            closures=closures.get(pk, []),
            always_open=always_open,
            open_on_holidays=open_on_holidays,
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
        distance_km(origin[0], origin[1], link.location.public_latitude, link.location.public_longitude)
        for link in service.locations.all()
        if link.location.public_latitude is not None
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
