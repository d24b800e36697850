"""SMTP fault checks (issue 13): the production shape with a mail server that refuses or stays silent.

    .venv/bin/python tools/chaos_mail.py            # prints the table; exit 1 if a check fails

The production shape: gunicorn (gunicorn.conf.py, gthread) on settings.production with the page cache, a fresh
PostgreSQL database, Redis (db CHAOS_REDIS, default 5), the django-tasks database queue with `db_worker` beside
it, and a local SMTP server that can be switched (tools/smtp_fault.py). Everything stays on 127.0.0.1.

For the baseline (no fault), then for each fault (connection refused, black hole: accepts and never answers):
- 4 clients read the cached home page for the whole phase (its p95 must stay ≤ 3 × the baseline's);
- meanwhile REPORTS problem reports are sent through the service page's form (each must be answered with the
  success redirect within 2 s) and 2 warm referrals (the only e-mail sent in the request: each must get, within
  REFERRALS_EMAIL_TIMEOUT + 2 s, either the success redirect or the honest "could not be sent" page, 502);
- then the fault clears; `send_outbox` runs every 3 s as cron would, beside the worker, until the outbox is
  empty (at most 90 s): every accepted report must have been e-mailed exactly once (counted by the Message-ID
  each outbox row keeps across its attempts).

Columns: fault, requests (all of the phase), 5xx (warm-referral 502s are the honest answer and not counted), p95
of the cached home page (ms) and its bound, reports accepted, lost, duplicated.

Each case is a `MailFault(name, mode)` run by `run_case(site, smtp, case, baseline_p95)`, so a wider fault suite
can take them as they are.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.live_site import ROOT, live_site
from tools.smtp_fault import FaultySMTP

PG = os.environ.get("CHAOS_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("CHAOS_REDIS", "redis://127.0.0.1:6379/5")
CLIENTS = 4
REPORTS = 6
WARM = 2
PHASE_SECONDS = 12.0
REPORT_BOUND_S = 2.0
REFERRALS_EMAIL_TIMEOUT = 3  # the production default (settings.base)
HONEST_FR = "L’avis n’a pas pu être envoyé"  # "The notice could not be sent … Nothing was kept …"
ENV = {
    "PAGE_CACHE_ENABLED": "true",
    "EMAIL_TIMEOUT": "3",  # the worker's; shorter than production's 10 s only to keep the run short
    "EMAIL_RETRY_DELAY": "1",
    "REFERRALS_EMAIL_TIMEOUT": str(REFERRALS_EMAIL_TIMEOUT),
    "DIRECTORY_MANAGERS_EMAILS": "directory@chaos.example",
    # gunicorn's own access log in the work folder: time spent in the server (L) per request and process (p)
    "GUNICORN_CMD_ARGS": "--access-logfile - --access-logformat '%(t)s %(p)s %(r)s %(s)s %(L)s'",
}


@dataclass
class MailFault:
    name: str
    mode: str  # tools/smtp_fault.py: "refuse", "blackhole" (or "capture" for the baseline)


CASES = [MailFault("SMTP refused", "refuse"), MailFault("SMTP black hole", "blackhole")]


@dataclass
class Row:
    fault: str
    requests: int = 0
    errors_5xx: int = 0
    p95_ms: float = 0.0
    bound_ms: float | None = None
    reports: int = 0
    lost: int = 0
    duplicated: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# --- helpers -------------------------------------------------------------------------------------------------


def psql(sql: str, database: str = "postgres", fetch: bool = False):
    import psycopg

    with psycopg.connect(f"{PG}/{database}", autocommit=True) as conn:
        cursor = conn.execute(sql)
        return cursor.fetchall() if fetch else None


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=20, method="inclusive")[18]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """One visitor: keeps its cookies by hand (settings.production marks them Secure, which http.cookiejar would
    not send back over the plain HTTP of 127.0.0.1), does not follow redirects."""

    def __init__(self):
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(NoRedirect())

    def request(self, url: str, data: dict | None = None, timeout: float = 30.0) -> tuple[int, str, float]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Referer": url} if body else {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        req = urllib.request.Request(url, data=body, headers=headers)
        started = time.monotonic()
        try:
            with self.opener.open(req, timeout=timeout) as response:
                self._keep(response.headers)
                return response.status, response.read().decode(errors="replace"), time.monotonic() - started
        except urllib.error.HTTPError as exc:
            self._keep(exc.headers)
            return exc.code, exc.read().decode(errors="replace"), time.monotonic() - started
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            return 599, str(exc), time.monotonic() - started

    def _keep(self, headers) -> None:
        for header in headers.get_all("Set-Cookie") or []:
            name, _eq, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]


def csrf(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def targets(site) -> dict:
    """The URLs of one public service (problem reports) and one that accepts warm referrals, from the demo."""
    code = (
        "import json; from django.urls import reverse; from django.utils import translation; "
        "from resources.models import Service; "
        "s = Service.objects.filter(status='active', locale__language_code='fr').exclude(referral_email='')"
        ".order_by('pk').first(); r = Service.objects.filter(status='active', locale__language_code='fr')"
        ".order_by('pk').first(); translation.activate('fr'); "
        "print(json.dumps({'report': reverse('resources:service', args=[r.pk]), "
        "'warm': reverse('referrals:warm', args=[s.pk])}))"
    )
    out = site.manage("shell", "-c", code).stdout.strip().splitlines()[-1]
    return json.loads(out)


# --- one phase -------------------------------------------------------------------------------------------------


def load_home(site, stop: threading.Event, samples: list[tuple[int, float]]) -> None:
    client = Client()
    url = site.url("/fr/")
    while not stop.is_set():
        status, _body, seconds = client.request(url, timeout=30)
        samples.append((status, seconds))


def send_report(site, path: str, number: int, results: list) -> None:
    client = Client()
    status, html, _ = client.request(site.url(path))
    data = {
        "csrfmiddlewaretoken": csrf(html),
        "reason": "hours",
        "comment": f"Chaos report {number}: fermé le lundi",
        "website": "",
    }
    status, _body, seconds = client.request(site.url(path), data)
    results.append(("report", status, seconds))


def send_warm(site, path: str, results: list) -> None:
    client = Client()
    url = site.url(path + "?lang=fr")
    status, html, _ = client.request(url)
    data = {
        "csrfmiddlewaretoken": csrf(html),
        "name": "Chaos",
        "language": "fr",
        "contact": "come_by",
        "phone": "",
        "email": "",
        "consent": "on",
        "lang": "fr",
        "website": "",
    }
    started = time.strftime("%H:%M:%S")
    status, body, seconds = client.request(url, data)
    results.append(("warm", status, seconds, body, started))


def outbox_state(database: str) -> dict[str, int]:
    rows = psql(
        "SELECT status, count(*) FROM home_outgoingemail GROUP BY status", database=database, fetch=True
    )
    return dict(rows)


def run_case(
    site, smtp: FaultySMTP, case: MailFault, baseline_p95: float | None, *, database: str, paths: dict
):
    row = Row(case.name)
    last_report = psql("SELECT coalesce(max(id), 0) FROM resources_problemreport", database, fetch=True)[0][0]
    smtp.set_mode(case.mode)
    stop = threading.Event()
    samples: list[tuple[int, float]] = []
    loaders = [
        threading.Thread(target=load_home, args=(site, stop, samples), daemon=True) for _ in range(CLIENTS)
    ]
    for thread in loaders:
        thread.start()
    time.sleep(1.0)
    results: list = []
    forms = [
        threading.Thread(target=send_warm, args=(site, paths["warm"], results), daemon=True)
        for _ in range(WARM)
    ]
    for thread in forms:
        thread.start()
    for number in range(REPORTS):
        send_report(site, paths["report"], number, results)
        time.sleep(0.5)
    for thread in forms:
        thread.join()
    time.sleep(max(0.0, PHASE_SECONDS - REPORTS * 0.5 - 1.0))
    stop.set()
    for thread in loaders:
        thread.join()

    home_times = [seconds for status, seconds in samples if status == 200]
    row.p95_ms = p95(home_times) * 1000
    row.requests = len(samples) + 2 * len(results)  # each form: its GET and its POST
    row.errors_5xx = sum(1 for status, _s in samples if status >= 500)
    row.errors_5xx += sum(1 for r in results if r[0] == "report" and r[1] >= 500)
    if any(status != 200 for status, _s in samples):
        row.problems.append(f"home page answered {sorted({s for s, _t in samples if s != 200})}")
    if baseline_p95 is not None:
        row.bound_ms = 3 * baseline_p95
        if row.p95_ms > row.bound_ms:
            row.problems.append(f"home p95 {row.p95_ms:.0f} ms > 3 × baseline ({row.bound_ms:.0f} ms)")
    for kind, status, seconds, *rest in results:
        if kind == "report":
            if status != 302:
                row.problems.append(f"problem report answered {status}")
            elif seconds > REPORT_BOUND_S:
                row.problems.append(f"problem report took {seconds:.1f} s")
        else:
            honest = status == 302 or (status == 502 and HONEST_FR in rest[0].replace("'", "’"))
            if not honest:
                row.problems.append(f"warm referral answered {status}")
            if seconds > REFERRALS_EMAIL_TIMEOUT + 2:
                row.problems.append(f"warm referral took {seconds:.1f} s (sent {rest[1]} UTC)")

    # The fault clears; cron's send_outbox every 3 s beside the worker, until nothing is pending.
    smtp.set_mode("capture")
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        site.manage("send_outbox")
        state = outbox_state(database)
        if not state.get("pending") and not state.get("sending"):
            break
        time.sleep(3)
    reports = psql(
        f"SELECT r.id, o.message_id, o.status FROM resources_problemreport r LEFT JOIN home_outgoingemail o "
        f"ON o.key = 'problem-report:' || r.id WHERE r.id > {last_report}",
        database,
        fetch=True,
    )
    row.reports = len(reports)
    accepted = sum(1 for r in results if r[0] == "report" and r[1] == 302)
    if row.reports != accepted:
        row.problems.append(f"{accepted} reports accepted, {row.reports} stored")
    received: dict[str, int] = {}
    for message in smtp.all():
        key = (message["Message-ID"] or "").strip()
        received[key] = received.get(key, 0) + 1
    for _id, message_id, _status in reports:
        count = received.get((message_id or "").strip(), 0)
        row.lost += count == 0
        row.duplicated += max(0, count - 1)
    row.lost += max(0, accepted - row.reports)
    if row.lost or row.duplicated:
        row.problems.append(f"{row.lost} lost, {row.duplicated} duplicated")
    return row


def table(rows: list[Row]) -> str:
    lines = [
        "| fault | requests | 5xx | p95 home (ms) | bound (ms) | reports | lost | duplicated | result |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        bound = f"{r.bound_ms:.0f}" if r.bound_ms is not None else "—"
        result = "ok" if r.ok else "FAIL: " + "; ".join(r.problems)
        lines.append(
            f"| {r.fault} | {r.requests} | {r.errors_5xx} | {r.p95_ms:.0f} | {bound} | {r.reports} | {r.lost} "
            f"| {r.duplicated} | {result} |"
        )
    return "\n".join(lines)


def main() -> int:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
    database = f"chaos_mail_{stamp}"
    workdir = ROOT / ".chaos" / f"mail-{stamp}"
    import redis

    redis.Redis.from_url(REDIS).flushdb()  # this run's own Redis database
    psql(f'CREATE DATABASE "{database}"')
    rows: list[Row] = []
    try:
        with (
            FaultySMTP() as smtp,
            live_site(
                workdir=workdir,
                database_url=f"{PG}/{database}",
                redis_url=REDIS,
                mail_port=smtp.port,
                task_worker=True,
                extra_env=ENV,
            ) as site,
        ):
            paths = targets(site)
            for _ in range(20):  # warm-up: both workers, the page cache
                Client().request(site.url("/fr/"))
            baseline = run_case(
                site, smtp, MailFault("none (baseline)", "capture"), None, database=database, paths=paths
            )
            rows.append(baseline)
            for case in CASES:
                rows.append(run_case(site, smtp, case, baseline.p95_ms, database=database, paths=paths))
    finally:
        psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    print(
        f"\nSMTP faults: gunicorn.conf.py (gthread), settings.production + page cache, PostgreSQL, Redis, db_worker; "
        f"{CLIENTS} clients on the cached home page, {REPORTS} problem reports and {WARM} warm referrals per phase\n"
    )
    print(table(rows))
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
