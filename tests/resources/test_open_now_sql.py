"""The search's open-now filter (SQL) decides exactly as the service page's hours engine (Python).

Random weekly hours, closures, 24/7 and holiday flags, checked at instants chosen where mistakes hide: around
midnight, on public holidays and the nights after them, on the two days the clocks change, inside closures."""

import datetime as dt
import random

import pytest
from wagtail.models import Locale

from home.hours import BRUSSELS
from resources.models import Service
from resources.selectors import PUBLIC_STATUSES, open_now_q
from resources.services import upsert_organisation, upsert_service

pytestmark = pytest.mark.django_db

CLOSURE_DAYS = [
    dt.date(2026, 3, 28),  # the Saturday before spring forward
    dt.date(2026, 4, 6),  # Easter Monday
    dt.date(2026, 7, 21),  # national day
    dt.date(2026, 10, 24),
    dt.date(2026, 11, 30),
    dt.date(2026, 12, 25),
]
INSTANT_DAYS = [
    dt.date(2026, 3, 29),  # clocks go forward
    dt.date(2026, 3, 30),
    dt.date(2026, 4, 6),  # Easter Monday
    dt.date(2026, 4, 7),  # the night after a holiday
    dt.date(2026, 7, 21),
    dt.date(2026, 7, 22),
    dt.date(2026, 10, 25),  # clocks go back
    dt.date(2026, 10, 26),
    dt.date(2026, 11, 30),
    dt.date(2026, 12, 1),
    dt.date(2026, 12, 25),
    dt.date(2026, 12, 26),
    dt.date(2027, 1, 13),
]
INSTANT_TIMES = [
    dt.time(0, 0),
    dt.time(0, 30),
    dt.time(2, 30),
    dt.time(8, 59),
    dt.time(9, 0),
    dt.time(12, 15),
]
INSTANT_TIMES += [dt.time(16, 59), dt.time(17, 0), dt.time(21, 45), dt.time(23, 59)]


def _time(rng) -> dt.time:
    return dt.time(rng.choice([0, 2, 8, 9, 12, 14, 17, 20, 22, 23]), rng.choice([0, 30, 59]))


def _random_services(rng, count):
    org, org_nl = upsert_organisation(name_fr="Org", name_nl="Org NL")
    for index in range(count):
        schedules = []
        for _ in range(rng.choice([0, 1, 2, 3, 5])):
            opens = _time(rng)
            closes = rng.choice([_time(rng), dt.time(0, 0), opens])  # later, earlier (overnight) or whole day
            schedules.append((rng.randrange(7), opens, closes))
        closures = []
        if rng.random() < 0.5:
            start = rng.choice(CLOSURE_DAYS)
            special = rng.random() < 0.5
            closures.append(
                {
                    "start": start,
                    "end": start + dt.timedelta(days=rng.choice([0, 1, 2])),
                    "opens": _time(rng) if special else None,
                    "closes": _time(rng) if special else None,
                }
            )
        upsert_service(
            external_id=f"R{index}",
            organisation=org,
            organisation_nl=org_nl,
            fr={"name": f"Service {index}"},
            schedules=schedules,
            closures=closures,
            always_open=rng.random() < 0.15,
            open_on_holidays=rng.random() < 0.4,
        )


def test_sql_open_now_matches_the_hours_engine(locales):
    _random_services(random.Random(20261127), 80)
    fr = Locale.objects.get(language_code="fr")
    queryset = Service.objects.filter(locale=fr, status__in=PUBLIC_STATUSES)
    services = list(queryset.prefetch_related("schedules", "closures"))
    checked = opened = 0
    for day in INSTANT_DAYS:
        for time in INSTANT_TIMES:
            now = dt.datetime.combine(day, time, tzinfo=BRUSSELS)
            expected = {s.pk for s in services if s.status_at(now).is_open}
            got = set(queryset.filter(open_now_q(queryset, now)).values_list("pk", flat=True))
            assert got == expected, (now, sorted(got ^ expected))
            checked += 1
            opened += len(expected)
    # The data set is varied enough for the comparison to mean something.
    assert checked == len(INSTANT_DAYS) * len(INSTANT_TIMES)
    assert 0.1 * checked * len(services) < opened < 0.9 * checked * len(services)


def test_an_ordinary_day_is_decided_in_one_query(locales, django_assert_num_queries):
    _random_services(random.Random(7), 10)
    queryset = Service.objects.filter(status__in=PUBLIC_STATUSES)
    now = dt.datetime(2026, 11, 30, 10, 0, tzinfo=BRUSSELS)
    with django_assert_num_queries(1):
        list(queryset.filter(open_now_q(queryset, now)).values_list("pk", flat=True))
