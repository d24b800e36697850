"""`make bench`: throughput, latency and query counts of the pages marked `bench=True` in
tools/quality_pages.py, then a locust run, on the production shape.

1. A fresh PostgreSQL database `bench_<timestamp>` (dropped at the end unless --keep), Redis as the cache,
   `migrate`, `collectstatic`, `load_demo`, then the commands of BENCH_SETUP (e.g. 10,000 services);
2. gunicorn (gunicorn.conf.py: 2 gthread workers × 4 threads, as in production), `settings.production`, DEBUG
   off (tools/live_site.py);
3. per page: a warm-up, then `wrk -t1 -c4 -d15s --latency` → req/s, p50, p99, errors;
4. per page: queries per request (cold and warm) with Django's test client and CaptureQueriesContext;
5. locust: 50 users, 1–3 s think time, 60 s, headless, CSV stats → p95 and failures.

Server CPU per request per page type (FR and NL) comes from `manage.py bench_cpu` in the same environment
(in process, page cache off, memo warm; see site/home/management/commands/bench_cpu.py).

Faster runs: `--cpu-only` sets up the database and prints the CPU table only (no wrk, Varnish or locust); the
search table runs at 10,000 services unless `--search-services 10000,100000` asks for the slow 100,000 (seeding
them takes most of an hour on the shared 2-core box); `--services 0` skips the 10,000-service seeding of
BENCH_SETUP.

Prints a table and a Markdown block for docs/performance.md; raw results in .bench/<timestamp>/.
Exit 1 if a page answers with an unexpected status, or locust reports failures.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import contextlib

from tools import varnish as varnish_tool
from tools.live_site import ROOT, live_site, venv_bin
from tools.quality_pages import BENCH_SETUP, pages

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")
CORES = os.cpu_count() or 1
TARGETS = {"locust_p95_ms": 50, "locust_cached_p95_ms": 10, "locust_failures": 0}
# Issue 17's server CPU per request targets: site/home/management/commands/bench_cpu.py (PAGES).


def psql(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def group_cpu_seconds(pgid: int) -> float:
    """User + system CPU time of every process of the server's process group (gunicorn master + workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after the command: state, ppid, pgrp, …, utime (11), stime (12)
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def wrk(url: str, duration: int, connections: int, pgid: int | None = None) -> dict:
    cpu_before = group_cpu_seconds(pgid) if pgid else 0.0
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(label: str) -> float | None:
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not match:
            return None
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    cpu = group_cpu_seconds(pgid) - cpu_before if pgid else 0.0
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = re.search(r"(\d+) requests in", out)
    requests = int(total.group(1)) if total else 0
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps,
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
        # Server CPU per request (gunicorn + Django), nearly independent of other load on the machine; the
        # capacity of an otherwise idle box is about cores × 1000 / server_cpu_ms req/s.
        "server_cpu_ms": round(cpu * 1000 / requests, 2) if requests else None,
        "raw": out,
    }


def query_counts(env: dict, paths: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "queries.py"), *paths],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def locust(base_url: str, outdir: Path, users: int, seconds: int) -> dict:
    prefix = outdir / "locust"
    subprocess.run(
        [
            venv_bin("locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(max(1, users // 5)),
            "-t",
            f"{seconds}s",
            "--host",
            base_url,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,  # locust exits 1 when a request failed: reported below
    )
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    return {
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "rps": float(total["Requests/s"]),
        "per_page": {
            row["Name"]: {"p95_ms": float(row["95%"]), "failures": int(row["Failure Count"])}
            for row in rows
            if row["Name"] != "Aggregated"
        },
    }


def machine() -> str:
    cpu = "?"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{platform.node()}: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, load average {load} at start"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark the production shape (see module docstring).")
    parser.add_argument("--duration", type=int, default=15, help="wrk seconds per page")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--locust-seconds", type=int, default=60)
    parser.add_argument("--no-locust", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    parser.add_argument(
        "--search-services",
        default="10000",
        help="bench_search sizes (comma-separated; add 100000 for the large table, slow)",
    )
    parser.add_argument(
        "--services", type=int, default=None, help="directory services seeded after the demo (0: none)"
    )
    parser.add_argument(
        "--cpu-only", action="store_true", help="only the CPU per request table (manage.py bench_cpu)"
    )
    parser.add_argument("--cpu-rounds", type=int, default=7)
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/performance.md")
    return parser.parse_args()


def _warm_up(url: str, status: int) -> None:
    for _ in range(20):  # warm-up: both workers, template and query caches
        try:
            urllib.request.urlopen(url, timeout=10).read()
        except urllib.error.HTTPError as exc:
            if exc.code != status:
                raise


def _measure_pages(site, checks, args, outdir: Path, failures: list[str]) -> list[dict]:
    """wrk on every page straight from gunicorn, then each page's query count."""
    results = []
    for check in checks:
        url = site.url(check.path)
        _warm_up(url, check.status)
        measured = wrk(url, args.duration, args.connections, site.process.pid)
        (outdir / f"wrk-{check.kind}.txt").write_text(measured.pop("raw"))
        if measured["non_2xx"] and check.status == 200:
            failures.append(f"{check.path}: {measured['non_2xx']} non-2xx responses")
        results.append({"kind": check.kind, "path": check.path, "target_rps": check.target_rps, **measured})
    counts = query_counts(site.env, [c.path for c in checks])
    for row in results:
        row["queries"] = counts[row["path"]]
        if row["queries"]["status"] != next(c.status for c in checks if c.path == row["path"]):
            failures.append(f"{row['path']}: status {row['queries']['status']}")
    return results


def _measure_varnish(site, checks, results, args, outdir: Path, failures: list[str]):
    """The same servers behind Varnish (deploy/varnish/default.vcl), as in production: wrk per page, and locust
    unless --no-locust (its figures are returned)."""
    if not varnish_tool.available():
        failures.append("varnishd is missing (apt-get install -y varnish): no HTTP-cache figures")
        return None
    port = int(site.base_url.rsplit(":", 1)[1])
    with varnish_tool.varnish(backend_ports=[port], workdir=outdir / "varnish") as cache:
        for row, check in zip(results, checks, strict=True):
            url = cache.base_url + check.path
            for _ in range(5):
                with (
                    contextlib.suppress(urllib.error.HTTPError),
                    urllib.request.urlopen(url, timeout=10) as r,
                ):
                    row["varnish_header"] = r.headers.get("X-Cache", "")
            if row.get("varnish_header") != "hit" and check.status == 200:
                failures.append(f"{check.path}: not served from Varnish ({row.get('varnish_header')!r})")
            measured = wrk(url, args.duration, args.connections)
            (outdir / f"wrk-{check.kind}-varnish.txt").write_text(measured.pop("raw"))
            row["varnish"] = measured
        if args.no_locust:
            return None
        (outdir / "varnish-locust").mkdir(exist_ok=True)
        return locust(cache.base_url, outdir / "varnish-locust", args.users, args.locust_seconds)


def _measure_page_cache(database: str, checks, results, args, outdir: Path, failures: list[str]) -> None:
    """The same database, served with the page cache on (home.cache.PageCacheMiddleware)."""
    with live_site(
        workdir=outdir / "site-cached",
        database_url=f"{PG}/{database}",
        redis_url=REDIS,
        workers=2,
        prepare=False,
        settings_module="bench.settings_cached",
        extra_env={"REDIS_KEY_PREFIX": database},
    ) as site:
        for row, check in zip(results, checks, strict=True):
            if not check.page_cache:
                continue  # a Django view: never cached, by design (home/cache.py)
            url = site.url(check.path)
            for _ in range(5):
                with urllib.request.urlopen(url, timeout=10) as response:
                    row["cache_header"] = response.headers.get("X-Page-Cache", "")
            if row["cache_header"] != "hit":
                failures.append(f"{check.path}: not served from the page cache ({row['cache_header']!r})")
            cached = wrk(url, args.duration, args.connections, site.process.pid)
            (outdir / f"wrk-{check.kind}-cached.txt").write_text(cached.pop("raw"))
            row["cached"] = cached


def _setup_commands(args) -> list:
    """BENCH_SETUP, with `--services N` generating N services instead (0: none)."""
    setup = BENCH_SETUP
    if args.services is not None:
        setup = [c for c in BENCH_SETUP if c[0] != "generate_services"]
        if args.services:
            setup.append(["generate_services", str(args.services)])
    return setup


def _target_failures(cpu: dict, load: dict | None, load_cached: dict | None) -> list[str]:
    """The targets missed by the CPU table and the two locust runs."""
    failures = []
    if cpu and not cpu["met"]:
        failures.append("server CPU per request above a target of issue 17 (table above)")
    for run in (load, load_cached):
        if run is not None and run["failures"] > TARGETS["locust_failures"]:
            failures.append(f"locust: {run['failures']} failures")
    return failures


def main() -> int:
    args = _arguments()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
    outdir = ROOT / ".bench" / stamp
    outdir.mkdir(parents=True, exist_ok=True)
    database = f"bench_{stamp}"
    started = dt.datetime.now(dt.UTC)
    info = machine()
    psql(f'CREATE DATABASE "{database}"')
    setup = _setup_commands(args)
    failures: list[str] = []
    cpu: dict = {}
    load = load_cached = search = None
    results = []
    try:
        with live_site(
            workdir=outdir / "site",
            database_url=f"{PG}/{database}",
            redis_url=REDIS,
            workers=2,
            extra_setup=setup,
            # Keys of this run only: the content version and everything memoised under it belong to this database.
            extra_env={"REDIS_KEY_PREFIX": database},
        ) as site:
            cpu = bench_cpu(site.env, outdir, args.cpu_rounds)
            print(cpu["table"], flush=True)
            if args.cpu_only:
                return 0 if write_cpu_only(cpu, info, started, args.no_docs) else 1
            checks = pages(bench=True)
            results = _measure_pages(site, checks, args, outdir, failures)
            load = None if args.no_locust else locust(site.base_url, outdir, args.users, args.locust_seconds)
            load_cached = _measure_varnish(site, checks, results, args, outdir, failures)
            search = search_table(site.env, args.search_services)
        _measure_page_cache(database, checks, results, args, outdir, failures)
    finally:
        if not args.keep:
            psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    failures += _target_failures(cpu, load, load_cached)
    summary = {
        "started": started.isoformat(),
        "machine": info,
        "commit": commit(),
        "wrk": f"wrk -t1 -c{args.connections} -d{args.duration}s --latency",
        "pages": results,
        "cpu": cpu,
        "locust": load,
        "locust_cached": load_cached,
        "search": search,
    }
    (outdir / "results.json").write_text(json.dumps(summary, indent=2))
    report = print_report(summary)
    if not args.no_docs:
        write_docs(report)
    if failures:
        print("\nFAILED:\n  " + "\n  ".join(failures))
        return 1
    return 0


def cpu_cell(row: dict) -> str:
    cpu = row.get("server_cpu_ms")
    if not cpu:
        return "— | —"
    return f"{cpu:.1f} ms | ~{CORES * 1000 / cpu:.0f} req/s"


def cached_cells(row: dict) -> str:
    cached = row.get("cached")
    if not cached:
        return "— | — | —"
    mark = " ✓" if cached["rps"] >= 2000 else " ✗"
    cpu = cached.get("server_cpu_ms")
    estimate = f" (CPU {cpu:.2f} ms/req → ~{CORES * 1000 / cpu:.0f} req/s idle)" if cpu else ""
    return f"{cached['rps']:.0f}{mark}{estimate} | {cached['p50_ms']:.1f} ms | {cached['p99_ms']:.1f} ms"


def throughput_row(row: dict) -> str:
    """A page's row of the throughput table: uncached, through Varnish, from the in-app page cache."""
    v = row.get("varnish") or {}
    cpu = row.get("server_cpu_ms")
    page_cache = f"{row['cached']['rps']:.0f}" if row.get("cached") else "—"
    varnish_cells = f"{v['rps']:.0f} | {v['p50_ms']:.1f} ms | {v['p99_ms']:.1f} ms" if v else "— | — | —"
    return (
        f"| {row['kind']} | {row['rps']:.0f} | {row['p50_ms']:.1f} ms | {row['p99_ms']:.1f} ms | "
        f"{f'{cpu:.1f} ms' if cpu else '—'} | {varnish_cells} | "
        f"{page_cache} |"
    )


def locust_line(label: str, load: dict | None, target: float) -> str:
    if not load:
        return f"locust {label}: not run"
    ok = load["failures"] == 0 and load["p95_ms"] <= target
    return (
        f"locust {label} (50 phone users, 1–3 s think time): {load['requests']} requests, "
        f"{load['rps']:.1f} req/s, failures {load['failures']}, p50 {load['p50_ms']:.0f} ms, "
        f"p95 {load['p95_ms']:.0f} ms (target ≤ {target}), p99 {load['p99_ms']:.0f} ms {'✓' if ok else '✗'}"
    )


def print_report(summary: dict) -> str:
    """Print the report and return it (Markdown), for docs/performance.md."""
    out: list[str] = []
    say = out.append
    say(f"Benchmark {summary['started'][:16]}Z, commit {summary['commit']} — {summary['machine']}")
    say("")
    say(summary["cpu"]["table"])
    say("")
    say(
        "Queries per request (cold/warm): "
        + ", ".join(
            f"{row['kind']} {row['queries']['cold']}/{row['queries']['warm']}" for row in summary["pages"]
        )
    )
    say("")
    say(f"Throughput ({summary['wrk']}; gunicorn 2 gthread workers × 4 threads; through Varnish = cached):")
    say("")
    say(
        "| page | uncached req/s | p50 | p99 | gunicorn CPU/req | Varnish req/s | p50 | p99 | in-app page cache req/s |"
    )
    say("|---|---|---|---|---|---|---|---|---|")
    for row in summary["pages"]:
        say(throughput_row(row))
    say("")
    for label, key, target in (
        ("without the HTTP cache", "locust", TARGETS["locust_p95_ms"]),
        ("through Varnish", "locust_cached", TARGETS["locust_cached_p95_ms"]),
    ):
        say(locust_line(label, summary.get(key), target))
    say("")
    say("Directory search (`manage.py bench_search`, in process):")
    say("")
    say(summary.get("search") or "not run")
    report = "\n".join(out)
    print("\n" + report)
    return report


def bench_cpu(env: dict, outdir: Path, rounds: int) -> dict:
    """`manage.py bench_cpu` (server CPU ms per request per page type, FR and NL): its table and its figures."""
    out = outdir / "cpu.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "bench_cpu",
            "--rounds",
            str(rounds),
            "--json-out",
            str(out),
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(out.read_text())
    met = all(
        max(figures["paths"][path]["cpu_ms"] for path in (fr, nl) if path) <= target
        for _kind, fr, nl, target in figures["pages"]
        if target
    )
    return {"table": result.stdout.strip(), "figures": figures, "met": met}


def write_cpu_only(cpu: dict, info: str, started, no_docs: bool) -> bool:
    report = (
        f"Benchmark {started.isoformat()[:16]}Z (--cpu-only), commit {commit()} — {info}\n\n{cpu['table']}"
    )
    if not no_docs:
        write_docs(report)
    return cpu["met"]


def commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return (result.stdout.strip() or "?") + (" (with local changes)" if dirty.stdout.strip() else "")


def search_table(env: dict, sizes: str) -> str:
    """bench_search's table at each size (services are added, never removed: sizes in increasing order)."""
    blocks = []
    for size in [int(x) for x in sizes.split(",") if x.strip()]:
        result = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "bench_search", "--services", str(size)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        blocks.append(f"{size:,} services:\n\n{result.stdout.strip() or result.stderr.strip()[-2000:]}")
    return "\n\n".join(blocks)


MARK_START = "<!-- make bench: start -->"
MARK_END = "<!-- make bench: end -->"


def write_docs(report: str) -> None:
    """Replace the block between the markers in docs/performance.md with the latest report."""
    path = ROOT / "docs" / "performance.md"
    text = path.read_text()
    block = f"{MARK_START}\n## Latest `make bench`\n\n{report}\n{MARK_END}"
    if MARK_START in text and MARK_END in text:
        before, rest = text.split(MARK_START, 1)
        after = rest.split(MARK_END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)
    print(f"\nwritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
