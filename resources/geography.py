"""Loading the Brussels reference geography (communes, Monitoring quartiers, hotspots) from resources/data/."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale

from home.cache import directory_changed

from .geo import clear_cache
from .models import (
    CATEGORIES,
    Category,
    Commune,
    Hotspot,
    Location,
    Quartier,
    ServiceAtLocation,
    refresh_points,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
SMALL_WORDS = {"van", "de", "der", "den", "het", "ter", "ten", "te", "op", "aan", "en"}


def _title_nl(text: str) -> str:
    """UrbIS gives Dutch names in capitals: "VIJVERS VAN ELSENE" → "Vijvers van Elsene"."""
    words = text.lower().split(" ")
    out = []
    for i, word in enumerate(words):
        if i and word in SMALL_WORDS:
            out.append(word)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(out)


def _rows(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _bbox(geometry: dict) -> tuple[float, float, float, float]:
    lons, lats = [], []

    def walk(coords):
        if coords and isinstance(coords[0], (int, float)):
            lons.append(coords[0])
            lats.append(coords[1])
        else:
            for item in coords:
                walk(item)

    walk(geometry["coordinates"])
    return min(lats), max(lats), min(lons), max(lons)


def load_categories() -> int:
    for order, (code, fr, nl) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            code=code, defaults={"names": {"fr": fr, "nl": nl}, "sort_order": order}
        )
    return len(CATEGORIES)


@transaction.atomic
def load_geography(*, with_hotspots: bool = True) -> dict[str, int]:
    """Idempotent: creates or updates 19 communes, 145 quartiers (with polygons) and the hotspots."""
    communes = _load_communes()
    quartiers = _load_quartiers(communes)
    _set_commune_centroids(communes)
    load_categories()
    hotspots = load_hotspots(communes, quartiers) if with_hotspots else 0
    transaction.on_commit(clear_cache)
    clear_cache()
    refresh_hidden_points()
    directory_changed.send(sender=Commune)  # cached filter lists and pages show communes and quartiers
    return {"communes": len(communes), "quartiers": len(quartiers), "hotspots": hotspots}


def _load_communes() -> dict[str, Commune]:
    """The 19 communes, by NIS code."""
    communes = {}
    for row in _rows("communes_19.csv"):
        commune, _ = Commune.objects.update_or_create(
            nis_code=row["nis_code"],
            defaults={
                "names": {"fr": row["name_fr"], "nl": row["name_nl"]},
                "postal_codes": [code for code in row["postal_codes"].split(";") if code],
            },
        )
        communes[commune.nis_code] = commune
    return communes


def _quartier_geometries() -> dict[int, dict]:
    """The quartiers' polygons (GeoJSON geometries), by mdzone."""
    with (DATA_DIR / "monitoring_quartiers_145.geojson").open(encoding="utf-8") as handle:
        return {
            int(feature["properties"]["mdzone"]): feature["geometry"]
            for feature in json.load(handle)["features"]
        }


def _load_quartiers(communes: dict[str, Commune]) -> dict[int, Quartier]:
    """The 145 quartiers with their polygons, bounding boxes and communes, by mdzone."""
    geometries = _quartier_geometries()
    quartiers = {}
    for row in _rows("monitoring_quartiers_145.csv"):
        mdzone = int(row["mdzone"])
        geometry = geometries.get(mdzone, {})
        min_lat, max_lat, min_lon, max_lon = _bbox(geometry) if geometry else (None, None, None, None)
        quartier, _ = Quartier.objects.update_or_create(
            mdzone=mdzone,
            defaults={
                "names": {"fr": row["name_fr"], "nl": _title_nl(row["name_nl_urbis"]) or row["name_fr"]},
                "polygon": geometry,
                "min_lat": min_lat,
                "max_lat": max_lat,
                "min_lon": min_lon,
                "max_lon": max_lon,
                "centroid_lat": float(row["centroid_lat"]),
                "centroid_lon": float(row["centroid_lon"]),
            },
        )
        quartier.communes.set(
            [communes[code] for code in row["commune_nis_codes"].split(";") if code in communes]
        )
        quartiers[mdzone] = quartier
    return quartiers


def _set_commune_centroids(communes: dict[str, Commune]) -> None:
    """A commune's centroid: the mean of the centroids of the quartiers entirely or mostly in it."""
    for commune in communes.values():
        points = [(q.centroid_lat, q.centroid_lon) for q in commune.quartiers.all()]
        if points:
            commune.centroid_lat = sum(p[0] for p in points) / len(points)
            commune.centroid_lon = sum(p[1] for p in points) / len(points)
            commune.save(update_fields=["centroid_lat", "centroid_lon"])


# The official Dutch names of the places the hotspot file gives in French only (the streets, squares and metro
# stations they are named after are bilingual: Chaussée d'Anvers / Antwerpsesteenweg, Étangs Noirs / Zwarte
# Vijvers). Names that are the same in both languages (Ribaucourt, Bonnevie, Versailles, Aumale) stay as they are.
HOTSPOT_NAMES_NL = {
    "HS03": "IJzer",
    "HS04": "Antwerpsesteenweg",
    "HS07": "Zwarte Vijvers",
    "HS11": "Clemenceau",
    "HS13": "Sint-Antonius",
    "HS14": "Matonge",
}


def load_hotspots(communes: dict, quartiers: dict) -> int:
    fr = Locale.objects.filter(language_code="fr").first()
    nl = Locale.objects.filter(language_code="nl").first()
    if fr is None:
        return 0
    count = 0
    for row in _rows("drug_hotspots_2024.csv"):
        hotspot = _load_hotspot(row, fr, communes)
        linked = [
            quartiers[int(code)]
            for code in row["candidate_mdzone"].split(";")
            if code and int(code) in quartiers
        ]
        hotspot.quartiers.set(linked)
        hotspot.save()
        if nl is not None:
            _translate_hotspot(hotspot, row, nl, linked)
        count += 1
    return count


def _load_hotspot(row: dict, fr, communes: dict) -> Hotspot:
    """The French hotspot of a row of the hotspot file, created or updated (found by its code)."""
    nis = row["commune_nis"].split(";")[0]
    name_fr = _hotspot_name_fr(row)
    designated = dt.date(2024, 3, 28) if row["designated"].startswith("2024-03-28") else None
    fields = {
        "name": name_fr,
        "code": row["hotspot_id"],
        "commune": communes[nis],
        "task_force": f"Task force {communes[nis].name_in('fr')}",
        "designated_on": designated,
    }
    hotspot = Hotspot.objects.filter(locale=fr, code=row["hotspot_id"]).first()
    if hotspot is None:
        hotspot = Hotspot(locale=fr, slug=slugify(name_fr), **fields)
    else:
        for key, value in fields.items():
            setattr(hotspot, key, value)
    hotspot.save()
    return hotspot


def _hotspot_name_fr(row: dict) -> str:
    return row["name_fr_as_published"].split(" (")[0]


def _translate_hotspot(hotspot: Hotspot, row: dict, nl, linked: list) -> None:
    """The Dutch translation of `hotspot`: its Dutch name (published, else official), the rest synchronised."""
    name_nl = (
        (row["name_nl_as_published"] or "").split("/")[0].strip()
        or HOTSPOT_NAMES_NL.get(row["hotspot_id"])
        or _hotspot_name_fr(row)
    )
    translation = hotspot.get_translation_or_none(nl)
    if translation is None:
        translation = hotspot.copy_for_translation(nl)
    translation.name = name_nl
    for key in ("slug", "code", "commune", "task_force", "designated_on", "status"):
        setattr(translation, key, getattr(hotspot, key))
    translation.save()
    translation.quartiers.set(linked)
    translation.save()


def refresh_hidden_points() -> None:
    """Hidden addresses are placed at their quartier's centre: follow the quartiers' current centres."""
    centroids = {
        pk: (lat, lon) for pk, lat, lon in Quartier.objects.values_list("pk", "centroid_lat", "centroid_lon")
    }
    locations = list(
        Location.objects.filter(hidden_address=True).only(
            "pk", "latitude", "longitude", "hidden_address", "quartier_id"
        )
    )
    for location in locations:
        location.set_public_point(centroids)
    Location.objects.bulk_update(locations, ["public_latitude", "public_longitude"], batch_size=1000)
    refresh_points(
        ServiceAtLocation.objects.filter(location__in=locations)
        .values_list("service_id", flat=True)
        .distinct()
    )
