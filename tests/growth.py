"""Query counts that must not grow with the data: measured at two sizes and compared for equality.

A test that claims a count is constant runs ``fetch`` at a small size, lets ``grow`` add data, runs it again and
asserts the two counts are equal (as ``tests/campaigns/test_mix.py`` first did). A ceiling alone would let an
N+1 through as long as the test data stays small.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(fetch):
    """The queries of ``fetch()``, run once before to warm the per-process and memoised caches."""
    fetch()
    with CaptureQueriesContext(connection) as captured:
        fetch()
    return captured.captured_queries


def assert_queries_do_not_grow(fetch, grow, ceiling=None):
    """Count ``fetch()``'s queries, call ``grow()``, count again; the counts must be equal (and within ``ceiling``
    when the test is also a budget). Returns the count."""
    small = queries_of(fetch)
    grow()
    large = queries_of(fetch)
    assert len(large) == len(small), (len(small), len(large), [q["sql"][:120] for q in large])
    if ceiling is not None:
        assert len(large) <= ceiling, [q["sql"][:120] for q in large]
    return len(large)
