"""Open-now logic in Europe/Brussels: midnight, DST weekends, holidays, closures, 24/7, unknown."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from home.hours import Closure, Interval, belgian_holidays, compute_status

BXL = ZoneInfo("Europe/Brussels")
NINE_TO_FIVE = [Interval(d, dt.time(9), dt.time(17)) for d in range(5)]


def at(*args):
    return dt.datetime(*args, tzinfo=BXL)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_open_and_closing_soon():
    status = compute_status(NINE_TO_FIVE, at(2026, 11, 25, 16, 40))  # Wednesday
    assert status.state == "open"
    assert status.minutes_to_close == 20
    assert status.label == "Open now · closes in 20 min"


def test_open_until():
    assert compute_status(NINE_TO_FIVE, at(2026, 11, 25, 10, 0)).label == "Open now · until 17:00"


def test_opens_tomorrow_and_later_today():
    assert compute_status(NINE_TO_FIVE, at(2026, 11, 25, 18, 0)).label == "Closed · opens tomorrow at 9:00"
    assert compute_status(NINE_TO_FIVE, at(2026, 11, 25, 7, 30)).label == "Closed · opens today at 9:00"


def test_weekend_names_the_day():
    status = compute_status(NINE_TO_FIVE, at(2026, 11, 28, 12, 0))  # Saturday
    assert status.opens_at == at(2026, 11, 30, 9, 0)
    assert status.label == "Closed · opens Monday at 9:00"


def test_across_midnight():
    night = [Interval(4, dt.time(22), dt.time(4))]  # Friday 22:00 → Saturday 04:00
    assert compute_status(night, at(2026, 11, 28, 2, 0)).state == "open"  # Saturday 02:00
    assert compute_status(night, at(2026, 11, 28, 2, 0)).closes_at == at(2026, 11, 28, 4, 0)
    assert compute_status(night, at(2026, 11, 28, 5, 0)).state == "closed"


def test_touching_intervals_merge():
    split = [Interval(2, dt.time(9), dt.time(12)), Interval(2, dt.time(12), dt.time(17))]
    assert compute_status(split, at(2026, 11, 25, 11, 30)).closes_at == at(2026, 11, 25, 17, 0)


def test_dst_spring_forward_last_sunday_of_march():
    # 29 March 2026: 02:00 → 03:00. A night service 22:00–06:00 on Saturday is open at 03:30 CEST and closes
    # at 06:00 local, which is 7 real hours after 22:00.
    night = [Interval(5, dt.time(22), dt.time(6))]
    status = compute_status(night, at(2026, 3, 29, 3, 30))
    assert status.state == "open"
    assert status.closes_at == at(2026, 3, 29, 6, 0)
    assert (status.closes_at - at(2026, 3, 28, 22, 0).astimezone(dt.UTC)) == dt.timedelta(hours=7)


def test_dst_fall_back_last_sunday_of_october():
    # 25 October 2026: 03:00 → 02:00. Closing "in N min" counts real minutes.
    night = [Interval(5, dt.time(22), dt.time(3))]
    now = dt.datetime(2026, 10, 25, 2, 30, tzinfo=BXL, fold=1)  # the second 02:30 (CET)
    status = compute_status(night, now)
    assert status.state == "open"
    assert status.minutes_to_close == 30


def test_sunday_service_on_dst_day_opens_at_local_time():
    sunday = [Interval(6, dt.time(10), dt.time(14))]
    status = compute_status(sunday, at(2026, 3, 29, 1, 0))
    assert status.opens_at.astimezone(BXL).hour == 10
    assert status.opens_at.astimezone(BXL).utcoffset() == dt.timedelta(hours=2)  # CEST already


def test_public_holidays_close_unless_open_on_holidays():
    christmas = at(2026, 12, 25, 10, 0)  # a Friday
    assert compute_status(NINE_TO_FIVE, christmas).state == "closed"
    assert compute_status(NINE_TO_FIVE, christmas, open_on_holidays=True).state == "open"


def test_belgian_holidays():
    days = belgian_holidays(2026)
    assert len(days) == 10
    assert {dt.date(2026, 4, 6), dt.date(2026, 5, 14), dt.date(2026, 5, 25), dt.date(2026, 7, 21)} <= days


# The ten legal public holidays as published by the Federal Public Service Employment for each year: the
# fixed ones, then Easter Monday, Ascension and Whit Monday.
FIXED = [(1, 1), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25)]
MOVABLE = {
    2024: [(4, 1), (5, 9), (5, 20)],
    2025: [(4, 21), (5, 29), (6, 9)],
    2026: [(4, 6), (5, 14), (5, 25)],
    2027: [(3, 29), (5, 6), (5, 17)],
    2028: [(4, 17), (5, 25), (6, 5)],
}


@pytest.mark.parametrize("year", sorted(MOVABLE))
def test_belgian_public_holidays_of_five_years(year):
    expected = {dt.date(year, month, day) for month, day in FIXED + MOVABLE[year]}
    assert belgian_holidays(year) == expected


def test_sundays_that_are_feasts_are_not_holidays():
    """Easter Sunday and Whit Sunday are in the `holidays` package's list for Belgium, not in the law's: a
    service open on Sundays and closed on public holidays is open on them."""
    sundays = Interval(6, dt.time(10), dt.time(16))
    for month, day in ((4, 5), (5, 24)):
        assert compute_status([sundays], at(2026, month, day, 12, 0)).state == "open"


def test_exceptional_closure_and_special_hours():
    closures = [Closure(dt.date(2026, 11, 25), dt.date(2026, 11, 26))]
    status = compute_status(NINE_TO_FIVE, at(2026, 11, 25, 10, 0), closures=closures)
    assert status.state == "closed"
    assert status.opens_at == at(2026, 11, 27, 9, 0)
    special = [Closure(dt.date(2026, 11, 25), dt.date(2026, 11, 25), dt.time(13), dt.time(15))]
    assert (
        compute_status(NINE_TO_FIVE, at(2026, 11, 25, 10, 0), closures=special).label
        == "Closed · opens today at 13:00"
    )


def test_always_open_and_unknown():
    assert compute_status([], at(2026, 11, 25, 3, 0), always_open=True).label == "Open 24/7"
    assert compute_status([], at(2026, 11, 25, 3, 0)).label == "Call for hours"
    every_day = [Interval(d, dt.time(0), dt.time(0)) for d in range(7)]
    assert compute_status(every_day, at(2026, 11, 25, 3, 0), open_on_holidays=True).state == "always"


def test_labels_are_translated():
    with translation.override("nl"):
        assert (
            compute_status(NINE_TO_FIVE, at(2026, 11, 25, 18, 0)).label == "Gesloten · opent morgen om 9:00"
        )
    with translation.override("fr"):
        assert compute_status(NINE_TO_FIVE, at(2026, 11, 28, 12, 0)).label == "Fermé · ouvre lundi à 9:00"


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        compute_status(NINE_TO_FIVE, dt.datetime(2026, 11, 25, 10, 0))
