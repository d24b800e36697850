"""Locust: anonymous visitors on phones reading the pages of tools/quality_pages.py marked `bench=True`
(plus the other public pages with a lower weight), with 1–3 s of think time. Run by `make bench`:

    locust -f bench/locustfile.py --headless -u 50 -r 10 -t 60s --host http://127.0.0.1:PORT --csv …
"""

import random
import sys
from pathlib import Path

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.quality_pages import PAGES

BENCHED = [check for check in PAGES if check.bench]
OTHERS = [check for check in PAGES if not check.bench] or BENCHED
PHONE_UA = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130 Mobile"


class Visitor(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.client.headers.update({"User-Agent": PHONE_UA, "Accept-Language": "fr-BE,fr;q=0.9,nl;q=0.8"})

    # One page per task, then 1–3 s of reading: a visitor, not a crawler. Benchmarked pages weigh 3×.
    @task(3)
    def bench_page(self):
        self._get(random.choice(BENCHED))

    @task(1)
    def other_page(self):
        self._get(random.choice(OTHERS))

    def _get(self, check):
        with self.client.get(check.path, name=f"{check.kind} {check.path}", catch_response=True) as response:
            if response.status_code != check.status:
                response.failure(f"status {response.status_code}, expected {check.status}")
            else:
                response.success()
