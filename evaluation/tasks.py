"""Background tasks (django-tasks). Arguments are ISO date strings so every backend can serialise them."""

from __future__ import annotations

from datetime import date

from django_tasks import task


@task()
def sync_plausible(start: str | None = None, end: str | None = None, backfill: bool = False) -> dict:
    from .sync import run_sync

    run = run_sync(
        start=date.fromisoformat(start) if start else None,
        end=date.fromisoformat(end) if end else None,
        backfill=backfill,
    )
    return {"run": run.pk, "status": run.status, "rows": run.rows_written, "requests": run.requests_used}


@task()
def sync_campaign_period(code: str, start: str, end: str) -> int:
    from .sync import sync_period

    return sync_period(code=code, start=date.fromisoformat(start), end=date.fromisoformat(end))
