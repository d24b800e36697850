"""Benchmark data: N synthetic services (FR + NL) spread over the quartiers, with hours. Not for production."""

import datetime as dt
import random
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from wagtail.models import Locale

from resources.geo import assign_geography
from resources.geography import load_geography
from resources.models import (
    Category,
    Location,
    Quartier,
    Schedule,
    Service,
    ServiceAtLocation,
    normalize,
)
from resources.services import upsert_organisation

BATCH = 1000


class Command(BaseCommand):
    help = "Create N synthetic services (external ids GEN-00001…), idempotent, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, count, seed, **options):
        if not 0 < count <= 20000:
            raise CommandError("count must be between 1 and 20000")
        if not Quartier.objects.exists():
            load_geography()
        created = generate(count, seed=seed)
        self.stdout.write(self.style.SUCCESS(f"{count} services ready ({created} created)"))


def generate(count: int, *, seed: int = 1) -> int:
    """Bulk inserts (about 1,000 services a second): no per-object save, signals or reference index, which
    benchmark rows do not need. The same seed gives the same services; existing GEN- ids are kept."""
    rng = random.Random(seed)  # noqa: S311 -- reproducible benchmark rows, not secrets
    quartiers = list(Quartier.objects.defer("polygon").order_by("mdzone"))
    categories = list(Category.objects.order_by("code"))
    fr, nl = Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="nl")
    org, org_nl = upsert_organisation(name_fr="Organisation de test", name_nl="Testorganisatie")
    existing = set(
        Service.objects.filter(locale=fr, external_id__startswith="GEN-").values_list(
            "external_id", flat=True
        )
    )
    # Draw every service's values first so that the same seed gives the same data whatever already exists.
    plans = []
    for index in range(1, count + 1):
        quartier = rng.choice(quartiers)
        plans.append(
            {
                "external_id": f"GEN-{index:05d}",
                "index": index,
                "lat": quartier.centroid_lat + rng.uniform(-0.002, 0.002),
                "lon": quartier.centroid_lon + rng.uniform(-0.002, 0.002),
                "start": rng.choice([8, 9, 10, 13]),
                "categories": rng.sample(categories, 2),
                "languages": rng.sample(["fr", "nl", "en", "ar"], 2),
                "free": rng.random() < 0.6,
                "anonymous": rng.random() < 0.3,
            }
        )
    plans = [plan for plan in plans if plan["external_id"] not in existing]
    for start in range(0, len(plans), BATCH):
        with transaction.atomic():
            _create(plans[start : start + BATCH], fr=fr, nl=nl, org=org, org_nl=org_nl)
    if plans and connection.vendor == "postgresql":
        # Fresh planner statistics, as autovacuum would give a live site some time after a bulk load; without
        # them PostgreSQL guesses one row per table and picks nested loops that take seconds.
        with connection.cursor() as cursor:
            for model in (Location, Service, ServiceAtLocation, Schedule, Service.categories.through):
                cursor.execute(f'ANALYZE "{model._meta.db_table}"')
    return len(plans)


def _create(plans, *, fr, nl, org, org_nl) -> None:
    locations = []
    for plan in plans:
        location = Location(
            name=plan["external_id"], latitude=plan["lat"], longitude=plan["lon"], city="Bruxelles"
        )
        assign_geography(location)
        location.set_public_point()
        locations.append(location)
    Location.objects.bulk_create(locations)
    services = []
    for plan, location in zip(plans, locations, strict=True):
        key = uuid.uuid4()
        for locale, organisation, name, description in (
            (fr, org, f"Service de test {plan['index']}", "Service généré pour les mesures."),
            (nl, org_nl, f"Testdienst {plan['index']}", "Dienst gegenereerd voor metingen."),
        ):
            services.append(
                Service(
                    translation_key=key,
                    locale=locale,
                    organisation=organisation,
                    external_id=plan["external_id"],
                    name=name,
                    description=description,
                    search_text=normalize(f"{name} {description} {organisation.name}"),
                    languages=plan["languages"],
                    free=plan["free"],
                    anonymous=plan["anonymous"],
                    point_count=1 if location.public_latitude is not None else 0,
                    point_latitude=location.public_latitude,
                    point_longitude=location.public_longitude,
                )
            )
    Service.objects.bulk_create(services)
    links, hours, tags = [], [], []
    for position, plan in enumerate(plans):
        for service in services[2 * position : 2 * position + 2]:
            links.append(ServiceAtLocation(service=service, location=locations[position], sort_order=0))
            hours += [
                Schedule(
                    service=service,
                    weekday=day,
                    opens=dt.time(plan["start"]),
                    closes=dt.time(plan["start"] + 4),
                    sort_order=day,
                )
                for day in range(5)
            ]
            tags += [
                Service.categories.through(service=service, category=category)
                for category in plan["categories"]
            ]
    ServiceAtLocation.objects.bulk_create(links)
    Schedule.objects.bulk_create(hours)
    Service.categories.through.objects.bulk_create(tags)
