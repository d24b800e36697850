"""Benchmark data and timings (operators only): `manage.py bench_search` and `bench_report`."""
