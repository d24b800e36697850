"""Logging helpers.

`OncePerInterval`: a filter that lets one record through per logger and message every `interval` seconds (60 by
default) and drops the repeats, counting them; the next record let through says how many were dropped. Used for
outages that every request would otherwise log (the cache: `home.cache_outage`, see settings.env.redis_cache), so
that an outage is visible in the logs once a minute and does not flood them.
"""

from __future__ import annotations

import logging
import threading
import time


class OncePerInterval(logging.Filter):
    def __init__(self, interval: float = 60.0, clock=time.monotonic):
        super().__init__()
        self.interval = float(interval)
        self.clock = clock
        self._lock = threading.Lock()
        self._last: dict[tuple[str, str], tuple[float, int]] = {}  # (logger, msg) -> (last emitted, dropped)

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg))
        now = self.clock()
        with self._lock:
            last, dropped = self._last.get(key, (None, 0))
            if last is not None and now - last < self.interval:
                self._last[key] = (last, dropped + 1)
                return False
            self._last[key] = (now, 0)
        if dropped:
            record.msg = (
                f"{record.msg} ({dropped} similar messages in the last {self.interval:.0f} s not shown)"
            )
        return True
