"""Opening hours: "open now", "closes in 20 min", "opens tomorrow at 9:00", "24/7", "call for hours".

Pure functions over weekly intervals, exceptional closures and Belgian public holidays, computed in
Europe/Brussels whatever the process time zone. Used by helplines (home) and by the service directory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from dateutil.easter import easter
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

BRUSSELS = ZoneInfo("Europe/Brussels")
MIDNIGHT = dt.time(0, 0)
SOON_MINUTES = 60
WEEKDAYS_IN_SENTENCE = [
    pgettext_lazy("weekday in a sentence", "Monday"),
    pgettext_lazy("weekday in a sentence", "Tuesday"),
    pgettext_lazy("weekday in a sentence", "Wednesday"),
    pgettext_lazy("weekday in a sentence", "Thursday"),
    pgettext_lazy("weekday in a sentence", "Friday"),
    pgettext_lazy("weekday in a sentence", "Saturday"),
    pgettext_lazy("weekday in a sentence", "Sunday"),
]


@dataclass(frozen=True)
class Interval:
    """One weekly opening: weekday 0 = Monday. `closes` <= `opens` means it runs past midnight;
    opens == closes == 00:00 means the whole day."""

    weekday: int
    opens: dt.time
    closes: dt.time


@dataclass(frozen=True)
class Closure:
    """Exceptional closure (inclusive dates). With `opens`/`closes`, special hours replace the usual ones."""

    start: dt.date
    end: dt.date
    opens: dt.time | None = None
    closes: dt.time | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@lru_cache(maxsize=64)
def belgian_holidays(year: int) -> frozenset[dt.date]:
    """The ten legal public holidays in Belgium: the `holidays` package's list for BE without Easter Sunday and
    Whit Sunday, which are Sundays anyway and not in the law's list (so a service open on Sundays stays open)."""
    sundays = {easter(year), easter(year) + dt.timedelta(days=49)}
    return frozenset(day for day in holidays.country_holidays("BE", years=year) if day not in sundays)


def is_holiday(day: dt.date) -> bool:
    return day in belgian_holidays(day.year)


def _local(day: dt.date, time: dt.time) -> dt.datetime:
    """A Brussels wall time as an instant in UTC. zoneinfo resolves wall times that do not exist (spring
    forward) or repeat (fall back) with fold=0. UTC because Python compares and subtracts datetimes that share a
    tzinfo by wall clock, which is wrong across a DST change."""
    return dt.datetime.combine(day, time, tzinfo=BRUSSELS).astimezone(dt.UTC)


def _spans_for_day(
    day: dt.date, intervals: Iterable[Interval], closures: Iterable[Closure], open_on_holidays: bool
) -> list[tuple[dt.datetime, dt.datetime]]:
    spans = []
    for interval in _intervals_of_day(day, intervals, closures, open_on_holidays):
        start = _local(day, interval.opens)
        end_day = day + dt.timedelta(days=1) if interval.closes <= interval.opens else day
        spans.append((start, _local(end_day, interval.closes)))
    return spans


def _intervals_of_day(
    day: dt.date, intervals: Iterable[Interval], closures: Iterable[Closure], open_on_holidays: bool
) -> list[Interval]:
    """The day's hours: an exceptional closure's (none when closed all day), none on a public holiday unless
    open on holidays, else the weekday's."""
    closure = next((c for c in closures if c.covers(day)), None)
    if closure is not None:
        if closure.opens is None or closure.closes is None:
            return []
        return [Interval(day.weekday(), closure.opens, closure.closes)]
    if not open_on_holidays and is_holiday(day):
        return []
    return [i for i in intervals if i.weekday == day.weekday()]


@dataclass(frozen=True)
class HoursStatus:
    state: str  # "open" | "closed" | "always" | "unknown"
    closes_at: dt.datetime | None = None
    opens_at: dt.datetime | None = None
    now: dt.datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.state in {"open", "always"}

    @property
    def minutes_to_close(self) -> int | None:
        if self.state != "open" or self.closes_at is None or self.now is None:
            return None
        return int((self.closes_at - self.now).total_seconds() // 60)

    @property
    def label(self) -> str:
        """A short, translated, human sentence."""
        if self.state == "always":
            return _("Open 24/7")
        if self.state == "unknown":
            return _("Call for hours")
        if self.state == "open":
            minutes = self.minutes_to_close
            if minutes is not None and minutes < SOON_MINUTES:
                return ngettext(
                    "Open now · closes in %(n)d min", "Open now · closes in %(n)d min", minutes
                ) % {"n": minutes}
            if self.closes_at is None:
                return _("Open now")
            return _("Open now · until %(time)s") % {"time": _fmt_time(self.closes_at)}
        if self.opens_at is None:
            return _("Closed")
        return _opens_phrase(self.opens_at, self.now)


def _fmt_time(moment: dt.datetime) -> str:
    local = moment.astimezone(BRUSSELS)
    return f"{local.hour}:{local.minute:02d}"


def _opens_phrase(opens_at: dt.datetime, now: dt.datetime | None) -> str:
    local = opens_at.astimezone(BRUSSELS)
    today = (now or opens_at).astimezone(BRUSSELS).date()
    time = _fmt_time(local)
    if local.date() == today:
        return _("Closed · opens today at %(time)s") % {"time": time}
    if local.date() == today + dt.timedelta(days=1):
        return _("Closed · opens tomorrow at %(time)s") % {"time": time}
    day_name = WEEKDAYS_IN_SENTENCE[local.weekday()]
    return _("Closed · opens %(day)s at %(time)s") % {"day": day_name, "time": time}


def compute_status(
    intervals: Iterable[Interval],
    now: dt.datetime,
    *,
    closures: Iterable[Closure] = (),
    always_open: bool = False,
    open_on_holidays: bool = False,
    horizon_days: int = 14,
) -> HoursStatus:
    """The opening state at `now` (an aware datetime)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    intervals = list(intervals)
    closures = list(closures)
    local_now = now.astimezone(BRUSSELS)
    utc_now = now.astimezone(dt.UTC)
    if always_open:
        if not any(c.covers(local_now.date()) for c in closures):
            return HoursStatus("always", now=utc_now)
        # A 24/7 service with an exceptional closure today: treat every day as a full day.
        intervals = [Interval(d, MIDNIGHT, MIDNIGHT) for d in range(7)]
    elif not intervals:
        return HoursStatus("unknown", now=utc_now)

    start_day = local_now.date() - dt.timedelta(days=1)
    spans: list[tuple[dt.datetime, dt.datetime]] = []
    for offset in range(horizon_days + 1):
        day = start_day + dt.timedelta(days=offset)
        spans.extend(_spans_for_day(day, intervals, closures, open_on_holidays))
        # Yesterday (for a night that runs past midnight) and today are always read; the days after only
        # while they can still change the answer (a result list computes this for every card).
        if offset >= 1 and _settled(_merged(spans), utc_now, _local(day + dt.timedelta(days=1), MIDNIGHT)):
            break
    return _status_in(_merged(spans), utc_now, horizon_days)


def _settled(merged: list[list[dt.datetime]], utc_now: dt.datetime, boundary: dt.datetime) -> bool:
    """Whether the days from `boundary` on can no longer change the status at `utc_now`: they only add spans
    that start at or after it, so the span around now is final when it ends before it, and the next opening is
    found once a span starts after now."""
    for start, end in merged:
        if start <= utc_now < end:
            return end < boundary
        if start > utc_now:
            return True
    return False


def _merged(spans: list[tuple[dt.datetime, dt.datetime]]) -> list[list[dt.datetime]]:
    """The spans in order, those that touch or overlap merged (e.g. 9-12 and 12-17, or 22-00 then 00-02)."""
    merged: list[list[dt.datetime]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def _status_in(merged: list[list[dt.datetime]], utc_now: dt.datetime, horizon_days: int) -> HoursStatus:
    for start, end in merged:
        if start <= utc_now < end:
            if end - start >= dt.timedelta(days=horizon_days - 1):
                return HoursStatus("always", now=utc_now)
            return HoursStatus("open", closes_at=end, now=utc_now)
        if start > utc_now:
            return HoursStatus("closed", opens_at=start, now=utc_now)
    return HoursStatus("closed", now=utc_now)
