"""Profile the server side of one page in process (cProfile around Django's test client), after a warm-up:
`python bench/profile_page.py /fr/campagnes/dope-talk/ [-n 50] [--sort tottime]`, in the benchmark's environment
(settings.production, PostgreSQL, Redis: see bench/run.py). Prints the CPU ms per request and the top functions."""

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("-n", type=int, default=50)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1")
    for _ in range(10):
        status = client.get(args.path).status_code
        if status != 200:
            raise SystemExit(f"{args.path} answered {status}")
    started = time.process_time()
    for _ in range(args.n):
        client.get(args.path)
    print(f"{args.path}: {(time.process_time() - started) * 1000 / args.n:.1f} ms CPU per request")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.n):
        client.get(args.path)
    profiler.disable()
    pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
