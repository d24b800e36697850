"""Background tasks (django-tasks). Arguments are ISO date strings so every backend can serialise them."""

from __future__ import annotations

from datetime import date

from django_tasks import task


@task()
def sync_plausible(
    start: str | None = None, end: str | None = None, backfill: bool = False, requested_by: int | None = None
) -> dict:
    """Run the sync. A run that cannot start (another one running, nothing to sync) returns status "refused"
    with the reason's code; every other outcome is in the SyncRun row (status, error code, message)."""
    from django.contrib.auth import get_user_model

    from .sync import SyncError, run_sync

    user = get_user_model().objects.filter(pk=requested_by).first() if requested_by else None
    try:
        run = run_sync(
            start=date.fromisoformat(start) if start else None,
            end=date.fromisoformat(end) if end else None,
            backfill=backfill,
            requested_by=user,
        )
    except SyncError as exc:
        return {"run": None, "status": "refused", "code": exc.code}
    return {
        "run": run.pk,
        "status": run.status,
        "code": run.error_code,
        "rows": run.rows_written,
        "requests": run.requests_used,
    }


@task()
def sync_campaign_period(code: str, start: str, end: str) -> dict:
    """Fetch one campaign period. A Plausible failure is returned as {"status": "failed", "code": ...} (the code of
    SyncErrorCode) so the report can say why in the analyst's language."""
    from .clients.plausible import PlausibleError
    from .sync import error_code_for, sync_period

    try:
        rows = sync_period(code=code, start=date.fromisoformat(start), end=date.fromisoformat(end))
    except PlausibleError as exc:
        return {"status": "failed", "code": error_code_for(exc)}
    return {"status": "success", "rows": rows}


def task_outcome(result) -> dict:
    """What a finished task returned; a task that raised is a failure with the internal error code."""
    from django_tasks import TaskResultStatus

    from .models import SyncErrorCode

    if result.status == TaskResultStatus.SUCCESSFUL:
        return result.return_value
    return {"status": "failed", "code": SyncErrorCode.INTERNAL}


def failure_reason(outcome: dict) -> str:
    """Why a task failed, in the analyst's language (the label of its SyncErrorCode)."""
    from .models import SyncErrorCode

    return SyncErrorCode(outcome.get("code") or SyncErrorCode.INTERNAL).label
