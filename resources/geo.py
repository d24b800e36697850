"""Point-in-polygon and distances for the directory.

Quartier polygons are stored as GeoJSON in the database; shapely prepared geometries are built once per process
and rebuilt when the geography changes (`clear_cache()`, called by `load_geography` and on quartier save). The
change is announced through a version in the shared cache (Redis in production), so that every process of every
app server rebuilds them, not only the one that saved (issue 17).
"""

from __future__ import annotations

import logging
import math
import threading

from shapely.geometry import Point, shape
from shapely.prepared import prep

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_cache: list | None = None
_cache_version = None
VERSION_KEY = "geo:version"


def _shared_version():
    from django.core.cache import cache

    try:
        return cache.get(VERSION_KEY)
    except Exception:  # a cache outage: keep what this process has
        return _cache_version


def clear_cache() -> None:
    global _cache
    from django.core.cache import cache

    with _lock:
        _cache = None
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)
    except Exception:  # a cache outage: the other processes see the change when their copy expires
        logger.warning("Couldn't bump the geography cache version.", exc_info=True)


def _prepared() -> list:
    """[(quartier_id, bbox, prepared geometry, [commune ids in postal-code order])]."""
    global _cache, _cache_version
    version = _shared_version()
    if _cache is not None and version == _cache_version:
        return _cache
    from .models import Quartier

    entries = []
    for quartier in Quartier.objects.exclude(polygon={}).prefetch_related("communes"):
        if not quartier.polygon:
            continue
        geometry = shape(quartier.polygon)
        communes = [(c.id, c.postal_codes) for c in quartier.communes.all()]
        entries.append((quartier.id, geometry.bounds, prep(geometry), communes))
    with _lock:
        _cache = entries
        _cache_version = version
    return entries


def quartier_at(latitude: float, longitude: float):
    """(quartier id, [(commune id, postal codes)]) of the quartier containing the point, or (None, [])."""
    point = Point(longitude, latitude)
    for quartier_id, (minx, miny, maxx, maxy), geometry, communes in _prepared():
        if minx <= longitude <= maxx and miny <= latitude <= maxy and geometry.covers(point):
            return quartier_id, communes
    return None, []


def assign_geography(location) -> None:
    """Set `location.quartier` and `location.commune` from its coordinates.

    A quartier may span several communes: the commune whose postal codes include the location's postal code
    wins, otherwise the first commune of the quartier (editors may override)."""
    if location.latitude is None or location.longitude is None:
        return
    quartier_id, communes = quartier_at(location.latitude, location.longitude)
    location.quartier_id = quartier_id
    if not communes:
        return
    chosen = communes[0][0]
    for commune_id, postal_codes in communes:
        if location.postal_code and location.postal_code in (postal_codes or []):
            chosen = commune_id
            break
    location.commune_id = chosen


EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance on the local plane (equirectangular projection at the mean latitude). Within the Region it
    differs from the great-circle distance by less than a metre, and the search computes the same formula in
    SQL (`selectors._distance_expression`), so lists and pages agree to the metre."""
    north = math.radians(lat2 - lat1)
    east = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return EARTH_RADIUS_KM * math.sqrt(north * north + east * east)
