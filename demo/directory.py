"""Demo content of the directory: geography, categories and the 25 real services of the seed file (FR + NL).

Idempotent: records are found again by their seed id (`external_id`), locations by name.
"""

from __future__ import annotations

import csv
import os

from wagtail.models import Locale

from demo import accounts
from demo.directory_data import SERVICES, STREETS_NL
from demo.home import load_helplines
from resources.geography import DATA_DIR, load_geography
from resources.groups import ensure_groups
from resources.models import FLAG_CODES, Location
from resources.services import upsert_location, upsert_organisation, upsert_service


def _seed_rows() -> dict[str, dict]:
    with (DATA_DIR / "support_services_seed.csv").open(encoding="utf-8") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def _location(spec) -> Location:
    name, address, postcode, city, lat, lon, hidden, *rest = spec
    # Older demos put an editor's note in the name, shown publicly: find those records again.
    Location.objects.filter(name=f"{name} (position à vérifier)").update(name=name)
    return upsert_location(
        name=name,
        location_type="virtual" if rest else "physical",
        url=rest[0] if rest else "",
        streets={
            code: street for code, street in (("fr", address), ("nl", STREETS_NL.get(address, ""))) if street
        },
        postal_code=postcode,
        city=city,
        latitude=lat,
        longitude=lon,
        hidden_address=hidden,
    )


def _upsert_service(item: dict, seed: dict[str, dict]):
    """The service of one seed item, with its organisation and locations: (French listing, Dutch, created)."""
    row = seed.get(item["id"]) or {"source_urls": item.get("source_urls", "")}
    org, org_nl = upsert_organisation(name_fr=item["org"][0], name_nl=item["org"][1])
    locations = [_location(spec) for spec in item["locations"]]
    phones = [
        {"number": p[0], "phone_type": p[1], "description": p[2] if len(p) > 2 else ""}
        for p in item.get("phones", [])
    ]
    flags = set(item["flags"])
    return upsert_service(
        external_id=item["id"],
        organisation=org,
        organisation_nl=org_nl,
        fr={"name": item["fr"][0], "description": item["fr"][1]},
        nl={"name": item["nl"][0], "description": item["nl"][1]},
        category_codes=item["categories"],
        locations=locations,
        phones=phones,
        schedules=item.get("schedule", []),
        status=item.get("status", "active"),
        languages=item["languages"],
        always_open=item.get("always_open", False),
        open_on_holidays=item.get("always_open", False),
        minimum_age=item.get("minimum_age"),
        website=item.get("website", ""),
        to_verify=True,
        source_urls="\n".join(url for url in row["source_urls"].split(";") if url),
        **{flag: flag in flags for flag in FLAG_CODES},
    )


def load(*, stdout, style):
    counts = load_geography()
    ensure_groups()
    seed = _seed_rows()
    created = 0
    listings = {}
    for item in SERVICES:
        listings[item["id"]], _nl, was_created = _upsert_service(item, seed)
        created += was_created
    helplines = load_helplines(
        listings, Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="nl")
    )
    stdout.write(
        style.SUCCESS(
            f"Directory: {counts['communes']} communes, {counts['quartiers']} quartiers, {counts['hotspots']} hotspots, "
            f"{len(SERVICES)} services ({created} new), {helplines} helplines read from their listings"
        )
    )
    user, password = ensure_task_force_account()
    stdout.write(
        style.SUCCESS(
            f"Task force account (edits only the listings in {TASK_FORCE_COMMUNE}): "
            f"user: {user.username}  password: {password}\n" + accounts.instructions(user)
        )
    )


TASK_FORCE_USERNAME = "taskforce-saint-gilles"
TASK_FORCE_COMMUNE = "Saint-Gilles"  # Gare du Midi's commune


def ensure_task_force_account():
    """A member of the "Task force Saint-Gilles" group (made by `ensure_groups`). Idempotent."""
    password = os.environ.get("DEMO_TASK_FORCE_PASSWORD", "demo-taskforce-2026")
    user = accounts.ensure_user(
        TASK_FORCE_USERNAME, "taskforce@prevention.brussels", password, f"Task force {TASK_FORCE_COMMUNE}"
    )
    return user, password
