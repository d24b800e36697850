"""Query count and CPU time per page, measured with Django's test client in the benchmark's environment (settings.production,
the benchmark's PostgreSQL database and Redis). Prints JSON {path: {"status": …, "cold": n, "warm": n, "cpu_ms": x}}; cpu_ms (the
process CPU time per request, median of 5 batches of 20 after 10 warm-up requests, in-process without gunicorn) barely depends on what
else the machine is doing, unlike req/s.

Run by bench/run.py with the environment of the served site; not meant to be run by hand.
"""

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def count(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    return response.status_code, len(ctx.captured_queries)


def main(paths):
    client = Client(HTTP_HOST="127.0.0.1")
    result = {}
    for path in paths:
        status, cold = count(client, path)
        _status, warm = count(client, path)
        for _ in range(10):  # warm-up: renditions, fragments, memo
            client.get(path)
        batches = []
        for _ in range(5):
            started = time.process_time()
            for _ in range(20):
                client.get(path)
            batches.append((time.process_time() - started) * 50)  # ms per request
        result[path] = {
            "status": status,
            "cold": cold,
            "warm": warm,
            "cpu_ms": round(statistics.median(batches), 1),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
