"""The quartier polygons prepared once per process follow a change made by another process or server (issue 17):
the change is announced through a version in the shared cache."""

import pytest
from django.core.cache import cache

from resources import geo

pytestmark = pytest.mark.django_db


def test_a_change_announced_by_another_process_rebuilds_the_geometries():
    first = geo._prepared()
    assert geo._prepared() is first  # kept between calls
    # Another process saved a quartier: it bumped the shared version (not this process's variables).
    cache.set(geo.VERSION_KEY, (cache.get(geo.VERSION_KEY) or 0) + 1, timeout=None)
    second = geo._prepared()
    assert second is not first
    assert geo._prepared() is second
