"""A persistent request budget for the Plausible Stats API: requests counted per minute in the database, and the
budget is the sum over the last 60 minutes (a sliding hour).

plausible.io allows 600 requests per hour per API key and answers 429 past that. Counting per clock hour would let
550 requests at 10:59 and 550 more at 11:00 pass (1,100 in two minutes); the sliding hour never lets more than the
limit pass in any 60 minutes, whatever the hour's start on Plausible's side. The default limit is 550, leaving room
for someone using the same key by hand; it holds across processes and restarts (one row per minute, locked while
counting).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .clients.plausible import BudgetExhausted

WINDOW = timedelta(hours=1)


def hourly_limit() -> int:
    return int(getattr(settings, "PLAUSIBLE_HOURLY_BUDGET", 550))


def minute_start(now: datetime | None = None) -> datetime:
    now = now or timezone.now()
    return now.astimezone(UTC).replace(second=0, microsecond=0)


# The name of the former per-hour helper, kept for callers that show the current window.
window_start = minute_start


class DatabaseBudget:
    def __init__(self, limit: int | None = None, now=timezone.now):
        self.limit = hourly_limit() if limit is None else limit
        self.now = now

    def _used(self, minute: datetime) -> int:
        from .models import RequestWindow

        since = minute - WINDOW + timedelta(minutes=1)  # the current minute and the 59 before it
        total = RequestWindow.objects.filter(window_start__gte=since, window_start__lte=minute).aggregate(
            total=Sum("used")
        )["total"]
        return total or 0

    def consume(self) -> None:
        from .models import RequestWindow

        minute = minute_start(self.now())
        if not RequestWindow.objects.filter(window_start=minute).exists():
            try:
                with transaction.atomic():
                    RequestWindow.objects.create(window_start=minute, used=0)
            except IntegrityError:
                pass  # another process created it
        with transaction.atomic():
            # Every process counting in this minute locks the same row (PostgreSQL): the check and the increment
            # are one step for all of them.
            RequestWindow.objects.select_for_update().filter(window_start=minute).first()
            if self._used(minute) >= self.limit:
                raise BudgetExhausted(
                    f"The budget of {self.limit} Plausible API requests per hour is spent; "
                    "the sync resumes when older requests leave the last 60 minutes."
                )
            RequestWindow.objects.filter(window_start=minute).update(used=F("used") + 1)
        if minute.minute == 0 and minute.second == 0:
            RequestWindow.objects.filter(
                window_start__lt=minute - 2 * WINDOW
            ).delete()  # keep the table small

    def remaining(self) -> int:
        return max(0, self.limit - self._used(minute_start(self.now())))
