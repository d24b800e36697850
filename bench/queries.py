"""Query count per page, measured with Django's test client in the benchmark's environment (settings.production,
the benchmark's PostgreSQL database and Redis). Prints JSON {path: {"status": …, "cold": n, "warm": n}}. The CPU time
per request is `manage.py bench_cpu`'s.

Run by bench/run.py with the environment of the served site; not meant to be run by hand.
"""

import json
import sys
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
        result[path] = {
            "status": status,
            "cold": cold,
            "warm": warm,
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
