import datetime as dt

import pytest
from wagtail.models import Locale

from resources.geography import load_geography
from resources.models import Category, Location
from resources.services import upsert_location, upsert_organisation, upsert_service

MIDI = (50.8362, 4.3352)  # inside Monitoring quartier 804 "Gare du Midi" (Saint-Gilles)
ETTERBEEK = (50.8395, 4.4030)  # quartier 30, far from the Midi


@pytest.fixture
def geography(locales):
    load_geography()
    return locales


@pytest.fixture
def make_service(geography):
    """Create a FR service with its NL translation. Returns (fr, nl)."""
    counter = {"n": 0}

    def make(
        name="Service",
        *,
        point=MIDI,
        languages=("fr",),
        categories=("harm_reduction",),
        schedules=(),
        hidden=False,
        nl_name=None,
        postal_code=None,
        **scalars,
    ):
        counter["n"] += 1
        org, org_nl = upsert_organisation(name_fr=f"Org {name}", name_nl=f"Org NL {name}")
        location = None
        if point is not None:
            location = upsert_location(
                name=f"Lieu {name} {counter['n']}",
                address_1="Rue de Test 1",
                postal_code=postal_code or ("1040" if point == ETTERBEEK else "1060"),
                city="Saint-Gilles",
                latitude=point[0],
                longitude=point[1],
                hidden_address=hidden,
            )
        fr, nl, _created = upsert_service(
            external_id=f"T{counter['n']}-{name}",
            organisation=org,
            organisation_nl=org_nl,
            fr={"name": name, "description": f"Description {name}"},
            nl={"name": nl_name or f"{name} NL", "description": f"Beschrijving {name}"},
            category_codes=list(categories),
            locations=[location] if location else [],
            phones=[{"number": "02 123 45 67"}],
            schedules=list(schedules),
            languages=list(languages),
            **scalars,
        )
        return fr, nl

    return make


ALL_WEEK = [(d, dt.time(0), dt.time(0)) for d in range(7)]


def category(code):
    return Category.objects.get(code=code)


def fr_locale():
    return Locale.objects.get(language_code="fr")


__all__ = ["ALL_WEEK", "ETTERBEEK", "MIDI", "Location", "category", "fr_locale"]
