"""Factories (factory_boy, wagtail-factories) for the main models, shared by the demo builders and the tests.

Locale-aware: a translatable object is made in French (the source locale) and, given `nl={...}`, with its Dutch
translation made the way editors make it (Wagtail's copy_for_translation, same translation key). The directory's
listings go through `resources.services.upsert_service`, so a factory-made listing is exactly what an import or
the admin makes (NL translation with the shared facts, search text, map points).

    home = HomePage.objects.get(locale__language_code="fr")
    substance = SubstancePageFactory(parent=SubstanceIndexPageFactory(parent=home), title="Kétamine",
                                     nl={"title": "Ketamine"})
    service = ServiceFactory(name="Accueil bas seuil", schedules=[(0, time(9), time(17))])
    deliverable = DeliverableFactory(campaign_page=campaign, variants=("fr", "nl"))
"""

from __future__ import annotations

import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from campaigns.models import CampaignIndexPage, CampaignPage, SubstanceIndexPage, SubstancePage
from campaigns.scheduling.models import Deliverable, Influencer, Platform, Variant
from home.models import HomePage
from home.upserts import upsert_translation
from resources.models import Category, Commune, Location, Quartier, Service
from resources.services import upsert_location, upsert_organisation, upsert_service

MIDI = (50.8362, 4.3352)  # inside Monitoring quartier 804 "Gare du Midi" (Saint-Gilles)


# --- Locales and lookups -------------------------------------------------------------------------------------


class LocaleFactory(DjangoModelFactory):
    """A content language (found again by code, as `migrate` makes them from the settings)."""

    class Meta:
        model = Locale
        django_get_or_create = ("language_code",)

    language_code = "fr"


def locale(code: str) -> Locale:
    return LocaleFactory(language_code=code)


class CategoryFactory(DjangoModelFactory):
    """A directory category (found again by code: load_geography loads the real ones)."""

    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"category-{n}")
    names = factory.LazyAttribute(
        lambda o: {
            "fr": o.code.replace("_", " ").capitalize(),
            "nl": o.code.replace("_", " ").capitalize() + " (nl)",
        }
    )


class CommuneFactory(DjangoModelFactory):
    """A commune (found again by NIS code: load_geography loads the 19 real ones)."""

    class Meta:
        model = Commune
        django_get_or_create = ("nis_code",)

    nis_code = factory.Sequence(lambda n: f"{90000 + n}")
    names = factory.Sequence(lambda n: {"fr": f"Commune {n}", "nl": f"Gemeente {n}"})
    postal_codes = factory.LazyFunction(list)


class QuartierFactory(DjangoModelFactory):
    """A Monitoring quartier (found again by mdzone), in the given communes."""

    class Meta:
        model = Quartier
        django_get_or_create = ("mdzone",)
        skip_postgeneration_save = True

    mdzone = factory.Sequence(lambda n: 9000 + n)
    names = factory.Sequence(lambda n: {"fr": f"Quartier {n}", "nl": f"Wijk {n}"})

    @factory.post_generation
    def communes(self, create, extracted, **kwargs):
        if create and extracted:
            self.communes.add(*extracted)


# --- Directory ----------------------------------------------------------------------------------------------


class LocationFactory(DjangoModelFactory):
    """A physical place (commune and quartier are assigned from the point when geography is loaded)."""

    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Lieu {n}")
    streets = factory.LazyFunction(lambda: {"fr": "Rue de Test 1"})
    postal_code = "1060"
    city = "Saint-Gilles"
    latitude = MIDI[0]
    longitude = MIDI[1]
    hidden_address = False

    @classmethod
    def _create(cls, model_class, *, name, **fields):
        return upsert_location(name=name, **fields)


class ServiceFactory(factory.Factory):
    """A listing in French with its Dutch translation (`upsert_service`); returns the French one.

    `locations` defaults to one place near the Gare du Midi (`locations=[]` for none), `phones` to one number,
    `schedules` to none ((weekday, opens, closes) tuples); any other Service field is passed as is."""

    class Meta:
        model = Service

    external_id = factory.Sequence(lambda n: f"F{n:05d}")
    name = factory.Sequence(lambda n: f"Service {n}")
    description = factory.LazyAttribute(lambda o: f"Description {o.name}")
    nl_name = factory.LazyAttribute(lambda o: f"{o.name} NL")
    nl_description = factory.LazyAttribute(lambda o: f"Beschrijving {o.name}")
    organisation_name = factory.LazyAttribute(lambda o: f"Org {o.name}")
    organisation_name_nl = factory.LazyAttribute(lambda o: f"Org NL {o.name}")
    categories = ("harm_reduction",)
    locations = factory.LazyFunction(lambda: [LocationFactory()])
    phones = factory.LazyFunction(lambda: [{"number": "02 123 45 67"}])
    schedules = ()
    languages = ("fr",)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("ServiceFactory creates listings (with their translation); use create().")

    @classmethod
    def _create(
        cls,
        model_class,
        *,
        external_id,
        name,
        description,
        nl_name,
        nl_description,
        organisation_name,
        organisation_name_nl,
        categories,
        locations,
        phones,
        schedules,
        languages,
        **scalars,
    ):
        org, org_nl = upsert_organisation(name_fr=organisation_name, name_nl=organisation_name_nl)
        fr, _nl, _created = upsert_service(
            external_id=external_id,
            organisation=org,
            organisation_nl=org_nl,
            fr={"name": name, "description": description},
            nl={"name": nl_name, "description": nl_description},
            category_codes=list(categories),
            locations=list(locations),
            phones=list(phones),
            schedules=list(schedules),
            languages=list(languages),
            **scalars,
        )
        return fr


# --- Pages ---------------------------------------------------------------------------------------------------


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page published under `parent` (in the parent's locale), as an editor publishes it; `nl={fields}` adds
    its Dutch translation (copy_for_translation, then those fields, published)."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        page = super()._create_instance(model_class, parent, kwargs)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    @factory.post_generation
    def nl(self, create, extracted, **kwargs):
        if create and extracted is not None:
            upsert_translation(self, locale("nl"), **extracted)


def home_page(code: str = "fr") -> HomePage:
    """The home page of a locale (made by `set_site`, `load_demo` or the tests' setup)."""
    return HomePage.objects.get(locale__language_code=code)


class SubstanceIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = SubstanceIndexPage
        django_get_or_create = ("parent", "slug")

    title = "Produits"
    slug = "produits"


class SubstancePageFactory(PublishedPageFactory):
    class Meta:
        model = SubstancePage

    title = factory.Sequence(lambda n: f"Produit {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    slang_names = ""
    effects = "<p>Effets.</p>"
    last_reviewed = dt.date(2026, 11, 1)


class CampaignIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = CampaignIndexPage
        django_get_or_create = ("parent", "slug")

    title = "Campagnes"
    slug = "campagnes"


class CampaignPageFactory(PublishedPageFactory):
    """A campaign (its `code` is its slug and its utm_campaign); `body` is a list of raw StreamField blocks."""

    class Meta:
        model = CampaignPage

    code = factory.Sequence(lambda n: f"campagne-{n}")
    title = factory.LazyAttribute(lambda o: o.code.replace("-", " ").title())
    slug = factory.LazyAttribute(lambda o: o.code)
    start_date = dt.date(2026, 10, 1)
    end_date = dt.date(2026, 12, 31)
    summary = "Une campagne vidéo."
    body = factory.LazyFunction(list)


# --- Influencer deliverables ---------------------------------------------------------------------------------


class InfluencerFactory(DjangoModelFactory):
    class Meta:
        model = Influencer

    name = factory.Sequence(lambda n: f"Influencer {n}")
    handle_instagram = factory.Sequence(lambda n: f"influencer{n}")
    email = factory.Sequence(lambda n: f"influencer{n}@example.org")


class VariantFactory(DjangoModelFactory):
    class Meta:
        model = Variant

    language = "fr"
    caption = factory.LazyAttribute(lambda o: f"Caption {o.language} {o.deliverable.pk}")
    disclosure = factory.LazyAttribute(lambda o: "Publicité" if o.language == "fr" else "Reclame")


class DeliverableFactory(DjangoModelFactory):
    """A planned post in five days (draft due two days before), with a variant per language of `variants`."""

    class Meta:
        model = Deliverable
        skip_postgeneration_save = True

    campaign_page = factory.LazyFunction(home_page)
    campaign_code = "dope-talk"
    influencer = factory.SubFactory(InfluencerFactory)
    platform = Platform.INSTAGRAM_REEL
    planned_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=5))
    draft_due_at = factory.LazyAttribute(lambda o: o.planned_at - dt.timedelta(days=2))
    key_message = "Talk to someone"

    @factory.post_generation
    def variants(self, create, extracted, **kwargs):
        if create:
            for language in ("fr", "nl") if extracted is None else extracted:
                VariantFactory(deliverable=self, language=language, **kwargs)
