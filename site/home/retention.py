"""Retention: what the platform deletes, and when. Each app declares its purges in `<app>/retention.py` with
`@register("name")`; `manage.py purge_expired` (daily, see the README) runs them all and prints what it deleted.

The site shell's own: the outbox (sent e-mails after EMAIL_OUTBOX_KEEP_DAYS, failed ones after
EMAIL_OUTBOX_KEEP_FAILED_DAYS).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils.module_loading import autodiscover_modules

PURGES: dict[str, Callable[[dt.datetime], int]] = {}


def register(name: str):
    def decorator(function: Callable[[dt.datetime], int]):
        PURGES[name] = function
        return function

    return decorator


def run_all(*, now: dt.datetime) -> dict[str, int]:
    autodiscover_modules("retention")
    return {name: PURGES[name](now) for name in sorted(PURGES)}


@register("outgoing e-mails")
def purge_outbox(now: dt.datetime) -> int:
    from . import outbox

    return outbox.purge(now=now)
