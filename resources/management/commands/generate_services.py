"""Benchmark data: N synthetic services (FR + NL) spread over the quartiers, with hours. Not for production."""

import datetime as dt
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from resources.geography import load_geography
from resources.models import CATEGORIES, Quartier
from resources.services import upsert_location, upsert_organisation, upsert_service


class Command(BaseCommand):
    help = "Create N synthetic services (external ids GEN-0001…), idempotent, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, count, seed, **options):
        if not 0 < count <= 20000:
            raise CommandError("count must be between 1 and 20000")
        if not Quartier.objects.exists():
            load_geography()
        rng = random.Random(seed)
        quartiers = list(Quartier.objects.all())
        org, org_nl = upsert_organisation(name_fr="Organisation de test", name_nl="Testorganisatie")
        codes = [code for code, _fr, _nl in CATEGORIES]
        with transaction.atomic():
            for index in range(1, count + 1):
                quartier = rng.choice(quartiers)
                lat = quartier.centroid_lat + rng.uniform(-0.002, 0.002)
                lon = quartier.centroid_lon + rng.uniform(-0.002, 0.002)
                location = upsert_location(
                    name=f"GEN-{index:05d}", latitude=lat, longitude=lon, city="Bruxelles"
                )
                start = rng.choice([8, 9, 10, 13])
                upsert_service(
                    external_id=f"GEN-{index:05d}",
                    organisation=org,
                    organisation_nl=org_nl,
                    fr={
                        "name": f"Service de test {index}",
                        "description": "Service généré pour les mesures.",
                    },
                    nl={"name": f"Testdienst {index}", "description": "Dienst gegenereerd voor metingen."},
                    category_codes=rng.sample(codes, 2),
                    locations=[location],
                    schedules=[(d, dt.time(start), dt.time(start + 4)) for d in range(5)],
                    languages=rng.sample(["fr", "nl", "en", "ar"], 2),
                    free=rng.random() < 0.6,
                    anonymous=rng.random() < 0.3,
                )
        self.stdout.write(self.style.SUCCESS(f"{count} services ready"))
