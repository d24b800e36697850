"""Open-now of services: midnight, DST changes, Belgian holidays, exceptional closures."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from home.hours import Closure, Interval, compute_status
from resources.models import Closure as ClosureRow

BXL = ZoneInfo("Europe/Brussels")


def at(*args):
    return dt.datetime(*args, tzinfo=BXL)


def T(h, m=0):
    return dt.time(h, m)


def test_night_opening_past_midnight():
    # Friday 22:00 → Saturday 02:00
    hours = [Interval(4, T(22), T(2))]
    assert compute_status(hours, at(2026, 11, 27, 23, 30)).is_open  # Friday night
    assert compute_status(hours, at(2026, 11, 28, 1, 59)).is_open  # Saturday early morning
    closed = compute_status(hours, at(2026, 11, 28, 2, 0))
    assert not closed.is_open
    assert closed.opens_at == at(2026, 12, 4, 22, 0)


def test_dst_spring_forward_last_sunday_of_march():
    # 29 March 2026: 02:00 → 03:00. A night opening Saturday 22:00–06:00 lasts 7 hours, not 8.
    hours = [Interval(5, T(22), T(6))]
    status = compute_status(hours, at(2026, 3, 29, 1, 30))
    assert status.is_open
    assert status.closes_at == at(2026, 3, 29, 6, 0)
    span = status.closes_at.astimezone(dt.UTC) - dt.datetime(2026, 3, 28, 22, 0, tzinfo=BXL).astimezone(
        dt.UTC
    )
    assert span.total_seconds() == 7 * 3600
    utc_now = dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)  # 03:30 local after the change
    assert compute_status(hours, utc_now).is_open
    assert compute_status(hours, dt.datetime(2026, 3, 29, 4, 30, tzinfo=dt.UTC)).state == "closed"


def test_dst_fall_back_last_sunday_of_october():
    # 25 October 2026: 03:00 → 02:00. Opening 01:00–04:00 on Sunday stays open through the repeated hour.
    hours = [Interval(6, T(1), T(4))]
    first_two_thirty = dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)  # 02:30 CEST
    second_two_thirty = dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)  # 02:30 CET
    assert compute_status(hours, first_two_thirty).is_open
    assert compute_status(hours, second_two_thirty).is_open
    assert (
        compute_status(hours, dt.datetime(2026, 10, 25, 3, 0, tzinfo=dt.UTC)).state == "closed"
    )  # 04:00 CET


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2026, 1, 1),
        dt.date(2026, 4, 6),
        dt.date(2026, 5, 14),
        dt.date(2026, 7, 21),
        dt.date(2026, 11, 11),
    ],
)
def test_public_holidays_close_unless_open_on_holidays(day):
    hours = [Interval(day.weekday(), T(9), T(17))]
    noon = dt.datetime.combine(day, T(12), tzinfo=BXL)
    assert not compute_status(hours, noon).is_open
    assert compute_status(hours, noon, open_on_holidays=True).is_open


def test_exceptional_closure_and_special_hours():
    hours = [Interval(d, T(9), T(17)) for d in range(5)]
    monday = at(2026, 12, 7, 10, 0)
    assert compute_status(hours, monday).is_open
    closed = compute_status(hours, monday, closures=[Closure(dt.date(2026, 12, 7), dt.date(2026, 12, 8))])
    assert not closed.is_open
    assert closed.opens_at == at(2026, 12, 9, 9, 0)
    special = [Closure(dt.date(2026, 12, 7), dt.date(2026, 12, 7), T(10), T(12))]
    assert compute_status(hours, at(2026, 12, 7, 11, 0), closures=special).closes_at == at(2026, 12, 7, 12, 0)
    assert not compute_status(hours, at(2026, 12, 7, 13, 0), closures=special).is_open


def test_service_status_uses_its_rows(make_service):
    fr, _nl = make_service("Night", schedules=[(4, T(22), T(2))])
    assert fr.status_at(at(2026, 11, 27, 23, 0)).is_open
    ClosureRow.objects.create(service=fr, start=dt.date(2026, 11, 27), end=dt.date(2026, 11, 27))
    fr.refresh_from_db()
    assert not fr.status_at(at(2026, 11, 27, 23, 0)).is_open


def test_always_open_service(make_service):
    fr, _nl = make_service("24/7", always_open=True, open_on_holidays=True)
    assert fr.status_at(at(2026, 12, 25, 3, 0)).state == "always"
    assert fr.status_at(at(2026, 12, 25, 3, 0)).label
