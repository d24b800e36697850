import datetime as dt

import pytest
from wagtail.models import Locale

from demo.factories import LocationFactory, ServiceFactory
from resources.geography import load_geography
from resources.models import Category, Location

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
        locations = []
        if point is not None:
            locations.append(
                LocationFactory(
                    name=f"Lieu {name} {counter['n']}",
                    postal_code=postal_code or ("1040" if point == ETTERBEEK else "1060"),
                    latitude=point[0],
                    longitude=point[1],
                    hidden_address=hidden,
                )
            )
        fr = ServiceFactory(
            external_id=f"T{counter['n']}-{name}",
            name=name,
            nl_name=nl_name or f"{name} NL",
            categories=categories,
            locations=locations,
            schedules=schedules,
            languages=languages,
            **scalars,
        )
        return fr, fr.get_translation(Locale.objects.get(language_code="nl"))

    return make


ALL_WEEK = [(d, dt.time(0), dt.time(0)) for d in range(7)]


def category(code):
    return Category.objects.get(code=code)


def fr_locale():
    return Locale.objects.get(language_code="fr")


__all__ = ["ALL_WEEK", "ETTERBEEK", "MIDI", "Location", "category", "fr_locale"]
