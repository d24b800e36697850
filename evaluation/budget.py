"""A persistent request budget for the Plausible Stats API: a counter per clock hour in the database.

plausible.io allows 600 requests per hour per API key and answers 429 past that. The budget stops the sync
before that (default 550, leaving room for someone using the same key by hand), across processes and restarts.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .clients.plausible import BudgetExhausted


def hourly_limit() -> int:
    return int(getattr(settings, "PLAUSIBLE_HOURLY_BUDGET", 550))


def window_start(now: datetime | None = None) -> datetime:
    now = now or timezone.now()
    return now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


class DatabaseBudget:
    def __init__(self, limit: int | None = None, now=timezone.now):
        self.limit = hourly_limit() if limit is None else limit
        self.now = now

    def consume(self) -> None:
        from .models import RequestWindow

        start = window_start(self.now())
        if not RequestWindow.objects.filter(window_start=start).exists():
            try:
                with transaction.atomic():
                    RequestWindow.objects.create(window_start=start, used=0)
            except IntegrityError:
                pass  # another process created it
        updated = RequestWindow.objects.filter(window_start=start, used__lt=self.limit).update(
            used=F("used") + 1
        )
        if not updated:
            raise BudgetExhausted(
                f"The hourly budget of {self.limit} Plausible API requests is spent; the sync will resume next hour."
            )

    def remaining(self) -> int:
        from .models import RequestWindow

        used = (
            RequestWindow.objects.filter(window_start=window_start(self.now()))
            .values_list("used", flat=True)
            .first()
        )
        return max(0, self.limit - (used or 0))
