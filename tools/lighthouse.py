"""Lighthouse 12.2.3 (mobile) on the pages flagged `lighthouse=True` in tools/quality_pages.py.

Serves the production-shaped demo (tools/live_site.py: gunicorn, settings.production, DEBUG off, WhiteNoise),
runs Lighthouse 3 times per page with Debian's Chromium, takes the median score per category, prints a table
and exits 1 if a median misses its budget:

    Performance >= 95, Accessibility = 100, Best Practices >= 95, SEO >= 95

Usage: `make lighthouse`, or `.venv/bin/python tools/lighthouse.py [--runs 3] [--base-url http://…]`
(with --base-url, an already running site is audited instead of a fresh one). Reports: .e2e/lighthouse/.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.live_site import ROOT, live_site
from tools.quality_pages import pages

BUDGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / ".e2e" / "lighthouse"


def run_once(url: str, output: Path) -> dict | None:
    """One Lighthouse run; None when it failed (Lighthouse sometimes fails one run in three: NO_NAVSTART)."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            f"--chrome-flags={CHROME_FLAGS}",
            "--form-factor=mobile",
            "--output=json",
            f"--output-path={output}",
            "--quiet",
            "--only-categories=performance,accessibility,best-practices,seo",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if result.returncode != 0 or not output.exists():
        sys.stderr.write(f"lighthouse failed on {url}: {result.stderr[-500:]}\n")
        return None
    report = json.loads(output.read_text())
    if report.get("runtimeError"):
        sys.stderr.write(f"lighthouse runtime error on {url}: {report['runtimeError']}\n")
        return None
    return _figures(report)


def _failed_audits(report: dict) -> list[str]:
    """The audits that count towards a category's score and did not get a full score."""
    audits = report["audits"]
    return [
        ref["id"]
        for cat in report["categories"].values()
        for ref in cat["auditRefs"]
        if ref["weight"] > 0 and audits[ref["id"]].get("score") is not None and audits[ref["id"]]["score"] < 1
    ]


def _figures(report: dict) -> dict | None:
    """The scores (0-100) and figures of one report; None when a category has no score."""
    scores = {key: cat["score"] for key, cat in report["categories"].items()}
    if any(score is None for score in scores.values()):
        return None
    audits = report["audits"]
    return {
        "scores": {key: round(score * 100) for key, score in scores.items()},
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(audits["network-requests"]["details"]["items"]),
        "failed_audits": _failed_audits(report),
    }


def _runs(url: str, path: str, runs: int) -> list[dict]:
    """Up to `runs` successful runs on the page, with two more attempts allowed for failed ones."""
    results = []
    attempts = 0
    while len(results) < runs and attempts < runs + 2:
        attempts += 1
        slug = path.strip("/").replace("/", "_") or "root"
        result = run_once(url, REPORTS / f"{slug}-{attempts}.json")
        if result:
            results.append(result)
    return results


def _medians(results: list[dict]) -> dict:
    return {
        "medians": {key: statistics.median(r["scores"][key] for r in results) for key in BUDGETS},
        "lcp_ms": statistics.median(r["lcp_ms"] for r in results),
        "cls": statistics.median(r["cls"] for r in results),
        "tbt_ms": statistics.median(r["tbt_ms"] for r in results),
        "kib": statistics.median(r["bytes"] for r in results) / 1024,
        "requests": statistics.median(r["requests"] for r in results),
        "failed_audits": sorted({a for r in results for a in r["failed_audits"]}),
    }


def audit(base_url: str, runs: int) -> list[dict]:
    REPORTS.mkdir(parents=True, exist_ok=True)
    summary = []
    for check in pages(lighthouse=True):
        results = _runs(base_url + check.path, check.path, runs)
        row = {"path": check.path, "kind": check.kind, "runs": len(results)}
        if results:
            row.update(_medians(results))
        summary.append(row)
    return summary


def report(summary: list[dict]) -> list[str]:
    header = f"{'page':<28} {'runs':>4} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'LCP':>7} {'CLS':>5} {'KiB':>6} {'req':>4}"
    print(header)
    print("-" * len(header))
    failures = []
    for row in summary:
        if not row["runs"]:
            print(f"{row['path']:<28} {0:>4}  no successful run")
            failures.append(f"{row['path']}: no successful Lighthouse run")
            continue
        m = row["medians"]
        print(
            f"{row['path']:<28} {row['runs']:>4} {m['performance']:>5.0f} {m['accessibility']:>5.0f} "
            f"{m['best-practices']:>5.0f} {m['seo']:>5.0f} {row['lcp_ms'] / 1000:>6.2f}s {row['cls']:>5.3f} "
            f"{row['kib']:>6.1f} {row['requests']:>4.0f}"
        )
        if row["failed_audits"]:
            print(f"{'':<28} audits below 1: {', '.join(row['failed_audits'])}")
        for key, budget in BUDGETS.items():
            if m[key] < budget:
                failures.append(f"{row['path']}: {key} median {m[key]:.0f} < {budget}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--base-url", help="audit an already running site instead of starting one")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: npm ci (make lighthouse does it)", file=sys.stderr)
        return 2
    if args.base_url:
        summary = audit(args.base_url.rstrip("/"), args.runs)
    else:
        with live_site(workdir=ROOT / ".e2e" / "lighthouse-site") as site:
            summary = audit(site.base_url, args.runs)
    (REPORTS / "summary.json").write_text(json.dumps(summary, indent=2))
    failures = report(summary)
    if failures:
        print("\nBUDGETS MISSED:\n  " + "\n  ".join(failures))
        return 1
    print(f"\nOK: every median within budget {BUDGETS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
