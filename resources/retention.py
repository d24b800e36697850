"""Retention of the directory (home/retention.py runs it: `manage.py purge_expired`, daily).

Problem reports are deleted PROBLEM_REPORT_RETENTION_DAYS (default 180, six months) after they were sent,
resolved or not: they are a to-do list, not an archive, and their comment is free text a visitor typed (phone
numbers and e-mail addresses are removed before storage, home/redact.py, but a name may remain).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from home.retention import register

from .models import ProblemReport


def problem_report_retention() -> dt.timedelta:
    return dt.timedelta(days=int(getattr(settings, "PROBLEM_REPORT_RETENTION_DAYS", 180)))


@register("problem reports")
def purge_problem_reports(now: dt.datetime) -> int:
    deleted, _ = ProblemReport.objects.filter(created_at__lt=now - problem_report_retention()).delete()
    return deleted
