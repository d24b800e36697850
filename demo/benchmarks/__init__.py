"""Benchmark data and timings (operators only): `manage.py bench_search` and `bench_report`."""

from django.core.management.base import CommandError
from django.db import connection


def require_postgresql(allow_sqlite: bool) -> None:
    """Refuse to time another database than PostgreSQL unless told to (`--allow-sqlite`)."""
    if connection.vendor != "postgresql" and not allow_sqlite:
        raise CommandError(
            f"The benchmark is meant for PostgreSQL; this database is {connection.vendor}. "
            "Set DATABASE_URL=postgres://… or pass --allow-sqlite."
        )
