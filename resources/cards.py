"""Search result cards, assembled from parts memoised per service and language.

What a card shows changes only when the directory changes (name, organisation, place, categories, flags,
languages, phone), except the open-now state (the clock) and the distance (the search). So the unchanging parts
are rendered once and kept with `home.memo` — dropped on any content change like the rest of the memo — along
with the weekly hours and closures that the state is computed from on each request. A page of cards whose parts
are all memoised costs no query; the others are read in the 6 queries of `selectors.with_relations`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from home.hours import Closure as ClosureSpan
from home.hours import HoursStatus, Interval, compute_status
from home.memo import remember_many

from .models import Service
from .selectors import Result, with_relations


@dataclass(frozen=True)
class Card:
    service_id: int
    name: str
    head: str  # safe HTML: title link and organisation
    tail: str  # safe HTML: place, tags, languages, phone
    temporarily_closed: bool
    intervals: tuple[Interval, ...]
    closures: tuple[ClosureSpan, ...]
    always_open: bool
    open_on_holidays: bool
    point: tuple[float, float] | None  # for the map; None when the address is hidden or there is no point
    without_number: bool = False  # no phone: the badge never says "call for hours"

    def status_at(self, now: dt.datetime) -> HoursStatus:
        return compute_status(
            self.intervals,
            now,
            closures=self.closures,
            always_open=self.always_open,
            open_on_holidays=self.open_on_holidays,
        )


def _card(service: Service) -> Card:
    location = service.first_location
    return Card(
        service_id=service.pk,
        name=service.name,
        head=render_to_string("resources/_service_card_head.html", {"service": service}),
        tail=render_to_string("resources/_service_card_tail.html", {"service": service}),
        temporarily_closed=service.is_temporarily_closed,
        intervals=tuple(Interval(s.weekday, s.opens, s.closes) for s in service.schedules.all()),
        closures=tuple(ClosureSpan(c.start, c.end, c.opens, c.closes) for c in service.closures.all()),
        always_open=service.always_open,
        open_on_holidays=service.open_on_holidays,
        point=(location.latitude, location.longitude)
        if location is not None and location.has_point and not location.hidden_address
        else None,
        without_number=not service.phones.all(),
    )


def attach_cards(results: list[Result], *, now: dt.datetime) -> list[Result]:
    """Give each result its `card` and its `status` at `now`; results whose service is gone are dropped."""
    language = translation.get_language()
    names = {f"resources:card:{language}:{r.service_id}": r for r in results}

    def build(missing: list[str]) -> dict:
        wanted = [names[name].service_id for name in missing]
        services = with_relations(Service.objects.filter(pk__in=wanted))
        by_id = {service.pk: _card(service) for service in services}
        return {name: by_id.get(names[name].service_id) for name in missing}

    cards = remember_many(list(names), build)
    kept = []
    for name, result in names.items():
        card = cards.get(name)
        if card is None:
            continue
        result.card = card
        result.status = card.status_at(now)
        kept.append(result)
    return kept
