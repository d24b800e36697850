"""Retention of influencer scheduling (home/retention.py runs it: `manage.py purge_expired`, daily): the
access log of signed links is deleted after SCHEDULING_ACCESS_LOG_DAYS (default 90)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from home.retention import register

from .models import AccessLog


@register("influencer link access log")
def purge_access_log(now: dt.datetime) -> int:
    days = int(getattr(settings, "SCHEDULING_ACCESS_LOG_DAYS", 90))
    deleted, _ = AccessLog.objects.filter(at__lt=now - dt.timedelta(days=days)).delete()
    return deleted
