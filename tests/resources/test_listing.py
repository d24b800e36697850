"""One listing in every language (issue #14, items 1 and 8): each language-independent fact edited in one language
through the real admin edit view reads the same in the other language's public page, the HSDS API and a slip;
wagtail-localize translates only the texts; a translation created from an old snapshot takes the current facts;
the 0005 reconciliation (newest verification wins)."""

from __future__ import annotations

import datetime as dt
import json
import re

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, TranslationSource

from resources.hsds import validation_errors
from resources.listing import (
    CHILD_FIELDS,
    FACT_FIELDS,
    PUBLICATION_FIELDS,
    current_models,
    diverged_listings,
    reconcile,
)
from resources.models import Category, Closure, Commune, Location, Phone, Quartier, Schedule, Service

from .conftest import MIDI
from .texts import missing, present

TODAY = timezone.localdate()


def edit_url(service):
    return reverse("wagtailsnippets_resources_service:edit", args=[service.pk])


def _formset(prefix, rows, fields):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(sum(1 for row in rows if row.get("id"))),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        if row.get("id"):
            data[f"{prefix}-{i}-id"] = str(row["id"])
        data[f"{prefix}-{i}-ORDER"] = str(i + 1)
        for name in fields:
            value = row.get(name)
            if value is not None and value != "":
                data[f"{prefix}-{i}-{name}"] = value
    return data


# The fields of each child formset of the edit form.
CHILD_FORM_FIELDS = {
    "locations": ["location"],
    "phones": ["number", "phone_type", "description"],
    "schedules": ["weekday", "opens", "closes"],
    "closures": ["start", "end", "opens", "closes", "reason"],
}


def _form_values(service):
    """The edit form's values of `service` (as it is in the database); child relations as lists of dicts."""
    return {
        "organisation": service.organisation_id,
        "name": service.name,
        "description": service.description,
        "status": service.status,
        "categories": [c.pk for c in service.categories.all()],
        "languages": service.languages,
        "cost": service.cost,
        "eligibility": service.eligibility,
        "what_to_bring": service.what_to_bring,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "email": service.email,
        "website": service.website,
        "referral_email": service.referral_email,
        "last_verified": service.last_verified.isoformat() if service.last_verified else "",
        "verified_by": service.verified_by,
        "source_urls": service.source_urls,
        **{flag: getattr(service, flag) for flag in ("free", "anonymous", "no_appointment", "walk_in")},
        **{flag: getattr(service, flag) for flag in ("youth", "women_only", "wheelchair", "to_verify")},
        "always_open": service.always_open,
        "open_on_holidays": service.open_on_holidays,
        "locations": [{"id": r.pk, "location": r.location_id} for r in service.locations.all()],
        "phones": [
            {"id": p.pk, "number": p.number, "phone_type": p.phone_type, "description": p.description}
            for p in service.phones.all()
        ],
        "schedules": [
            {
                "id": s.pk,
                "weekday": s.weekday,
                "opens": s.opens.strftime("%H:%M"),
                "closes": s.closes.strftime("%H:%M"),
            }
            for s in service.schedules.all()
        ],
        "closures": [
            {"id": c.pk, "start": c.start.isoformat(), "end": c.end.isoformat(), "reason": c.reason}
            for c in service.closures.all()
        ],
    }


def _posted(key, value):
    """What the form posts for one value: a formset's fields, "on" for a checked box (nothing if unchecked),
    an empty string for None."""
    if key in CHILD_FORM_FIELDS:
        return _formset(key, value, CHILD_FORM_FIELDS[key])
    if isinstance(value, bool):
        return {key: "on"} if value else {}
    return {key: "" if value is None else value}


def edit_payload(service, **changes):
    """What the admin edit form posts for `service` (as it is in the database), with `changes` applied; child
    relations are given as lists of dicts (an `id` keeps an existing row)."""
    values = _form_values(Service.objects.get(pk=service.pk))
    values.update(changes)
    data = {}
    for key, value in values.items():
        data.update(_posted(key, value))
    # The edit form's "Publish" (listings have drafts: a plain "Save" keeps the change in a draft revision).
    data["action-publish"] = "publish"
    return data


def _slip_part(response):
    return response.content.decode().split('<article class="slip', 1)[1].split("</article>", 1)[0]


def read_everywhere(client, nl):
    """The Dutch public page, the HSDS API in Dutch and a Dutch slip of the listing, as text."""
    with translation.override("nl"):
        page = client.get(reverse("resources:service", args=[nl.pk]))
        slip = client.get(reverse("referrals:slip"), {"s": str(nl.pk), "lang": "nl"})
    assert page.status_code == 200 and slip.status_code == 200
    api = client.get(f"/api/hsds/services/{nl.translation_key}", {"lang": "nl"})
    assert api.status_code == 200, api.content
    return page.content.decode(), json.dumps(api.json(), ensure_ascii=False), _slip_part(slip)


# Each fact: (what is changed in the French admin form, what the Dutch page / API / slip then show; None where
# that output does not show this fact).
def _facts():
    closure_start = TODAY + dt.timedelta(days=2)
    return [
        (
            "status",
            lambda s: {"status": "temporarily closed"},
            "tijdelijk gesloten",
            '"temporarily closed"',
            None,
        ),
        (
            "hours",
            lambda s: {"schedules": [{"weekday": 2, "opens": "07:15", "closes": "08:45"}]},
            "07:15",
            '"07:15"',
            "07:15",
        ),
        (
            "closure",
            lambda s: {"closures": [{"start": closure_start.isoformat(), "end": closure_start.isoformat()}]},
            closure_start.strftime("%Y"),
            f'"{closure_start.isoformat()}"',
            None,
        ),
        (
            "phone",
            lambda s: {"phones": [{**edit_payload_phone(s), "number": "02 999 88 77"}]},
            "02 999 88 77",
            "02 999 88 77",
            "02 999 88 77",
        ),
        (
            "location",
            lambda s: {"locations": [{"location": other_location().pk}]},
            "Rue Unique 7",
            "Rue Unique 7",
            "Rue Unique 7",
        ),
        (
            "categories",
            lambda s: {"categories": [Category.objects.get(code="housing_shelter").pk]},
            "Huisvesting en opvang",
            '"housing_shelter"',
            None,
        ),
        (
            "verification",
            lambda s: {"last_verified": "2026-11-27", "verified_by": "Task force"},
            "2026-11-27",
            None,
            None,
        ),
        ("free", lambda s: {"free": True}, "Gratis", '"free"', "Gratis"),
        ("anonymous", lambda s: {"anonymous": True}, "Anoniem", '"anonymous"', "Anoniem"),
        ("ages", lambda s: {"minimum_age": 16, "maximum_age": 25}, "16", '"minimum_age": 16', None),
        ("languages", lambda s: {"languages": ["fr", "ar"]}, "Arabisch", '"ar"', None),
        (
            "email",
            lambda s: {"email": "unique@example.org"},
            "unique@example.org",
            "unique@example.org",
            None,
        ),
        ("website", lambda s: {"website": "https://unique.example.org"}, "unique.example.org", None, None),
        ("always open", lambda s: {"always_open": True}, "Open 24/7", '"24/7"', "Open 24/7"),
    ]


def edit_payload_phone(service):
    phone = Phone.objects.filter(service=service).first()
    return {"id": phone.pk, "phone_type": phone.phone_type, "description": phone.description}


def other_location():
    location, _created = Location.objects.get_or_create(
        name="Lieu unique",
        defaults={
            "streets": {"fr": "Rue Unique 7"},
            "postal_code": "1060",
            "city": "Saint-Gilles",
            "latitude": MIDI[0] + 0.001,
            "longitude": MIDI[1],
        },
    )
    return location


def test_each_fact_edited_in_french_reads_the_same_in_dutch(admin_client, client, make_service):
    fr, nl = make_service("Comptoir", schedules=[(0, dt.time(9), dt.time(12))])
    assert nl is not None and nl.translation_key == fr.translation_key
    missing = []
    for name, change, on_page, in_api, on_slip in _facts():
        response = admin_client.post(edit_url(fr), edit_payload(fr, **change(fr)))
        assert response.status_code == 302, (name, response.content.decode()[:3000])
        page, api, slip = read_everywhere(client, nl)
        for where, text, expected in (("page", page, on_page), ("api", api, in_api), ("slip", slip, on_slip)):
            if expected is not None and expected.casefold() not in text.casefold():
                missing.append(f"{name} not on the Dutch {where}: {expected!r}")
    assert missing == []
    assert diverged_listings(*current_models()[:2]) == []


def test_an_edit_of_the_dutch_row_reaches_the_french_one(admin_client, make_service):
    fr, nl = make_service("Comptoir")
    response = admin_client.post(
        edit_url(nl), edit_payload(nl, status="inactive", last_verified=TODAY.isoformat(), name="Balie")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    fr.refresh_from_db()
    nl.refresh_from_db()
    assert (fr.status, fr.last_verified, fr.name) == ("inactive", TODAY, "Comptoir")  # the name is a text
    assert nl.name == "Balie"


def test_wagtail_localize_translates_texts_only_and_never_brings_back_older_facts(geography, make_service):
    fr, nl = make_service("Comptoir", schedules=[(0, dt.time(9), dt.time(12))])
    source, _created = TranslationSource.get_or_create_from_instance(fr)  # snapshot of today's facts
    paths = sorted(segment.context.path for segment in source.stringsegment_set.all())
    assert paths == ["description", "name"]
    # The French row changes after the snapshot (the admin, an import...).
    fr = Service.objects.get(pk=fr.pk)
    fr.status = "temporarily closed"
    fr.last_verified = TODAY
    fr.schedules = [Schedule(weekday=4, opens=dt.time(14), closes=dt.time(18))]
    fr.save()
    for segment in source.stringsegment_set.all():
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=geography["nl"],
            context=segment.context,
            defaults={"data": {"name": "Balie", "description": "Beschrijving"}[segment.context.path]},
        )
    source.create_or_update_translation(geography["nl"])  # publishes the translation from the old snapshot
    nl = Service.objects.get(pk=nl.pk)
    assert nl.name == "Balie"
    assert (nl.status, nl.last_verified) == ("temporarily closed", TODAY)
    assert [(s.weekday, s.opens) for s in nl.schedules.all()] == [(4, dt.time(14))]
    fr.refresh_from_db()
    assert fr.status == "temporarily closed"


def test_a_new_translation_takes_the_listings_facts(geography, make_service):
    fr, nl = make_service("Comptoir")
    nl.delete()
    source, _created = TranslationSource.get_or_create_from_instance(fr)
    Service.objects.filter(pk=fr.pk).update(status="inactive")  # after the snapshot
    Closure.objects.create(service=fr, start=TODAY, end=TODAY)
    source.create_or_update_translation(geography["nl"], fallback=True)
    nl = fr.get_translation(geography["nl"])
    assert nl.status == "inactive"
    assert nl.closures.count() == 1


def test_migration_reconciles_diverged_listings_newest_verification_wins(make_service):
    fr, nl = make_service("Comptoir", schedules=[(0, dt.time(9), dt.time(12))])
    # As before this change: an admin edit reached one row only.
    Service.objects.filter(pk=nl.pk).update(last_verified=TODAY, status="temporarily closed", free=True)
    Schedule.objects.filter(service=nl).update(opens=dt.time(8))
    Service.objects.filter(pk=fr.pk).update(
        last_verified=TODAY - dt.timedelta(days=30), email="old@example.org"
    )
    model, children, organisation = current_models()
    assert diverged_listings(model, children) == [fr.translation_key]
    # The migration's own function, on the models as they were at 0005.
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    migration = import_module("resources.migrations.0005_listing_revisions")
    state = MigrationExecutor(connection).loader.project_state(("resources", "0005_listing_revisions"))
    migration.reconcile_listings(state.apps, None)
    assert diverged_listings(model, children) == []
    assert reconcile(model, children, organisation) == 0
    fr.refresh_from_db()
    assert (fr.last_verified, fr.status, fr.free, fr.email) == (TODAY, "temporarily closed", True, "")
    assert [s.opens for s in fr.schedules.all()] == [dt.time(8)]


def test_every_fact_is_shared_or_translated():
    """A new field of Service must be declared a fact or a text (resources/listing.py)."""
    from resources.listing import TEXT_FIELDS

    declared = set(FACT_FIELDS) | set(TEXT_FIELDS) | set(CHILD_FIELDS) | {"categories", "organisation"}
    bookkeeping = {
        "id",
        "locale",
        "translation_key",
        "latest_revision",
        "search_text",
        "point_count",
        "point_latitude",
        "point_longitude",
        "created_at",
        "updated_at",
        *PUBLICATION_FIELDS,  # each row's publication state (drafts)
    }
    fields = {f.name for f in Service._meta.get_fields() if f.concrete or f.name in CHILD_FIELDS}
    assert fields - bookkeeping - declared == set()


THREE = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]


def _french_edit_reaches_english(admin_client, client, fr, en):
    """A French admin edit reaches the English row; its page, the search and the API answer in English."""
    response = admin_client.post(
        edit_url(fr),
        edit_payload(
            fr,
            status="temporarily closed",
            phones=[{**edit_payload_phone(fr), "number": "02 999 88 77"}],
            last_verified="2026-11-27",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert diverged_listings(*current_models()[:2]) == []
    en.refresh_from_db()
    assert (en.name, en.status, str(en.last_verified)) == ("Counter", "temporarily closed", "2026-11-27")
    with translation.override("en"):
        page = client.get(reverse("resources:service", args=[en.pk]))
        found = client.get(reverse("resources:search"), {"q": "Counter"})
    assert page.status_code == 200
    assert missing(page.content.decode(), "Counter", "02 999 88 77", "2026-11-27") == []
    assert (found.status_code, missing(found.content.decode(), "Counter")) == (200, [])
    api = client.get(f"/api/hsds/services/{fr.translation_key}", {"lang": "en"})
    assert api.status_code == 200
    assert (api.json()["name"], api.json()["status"]) == ("Counter", "temporarily closed")
    assert "02 999 88 77" in json.dumps(api.json())


def _category_form_asks_for_english(admin_client, harm, category_url, category_post):
    """The category form shows one input per content language, and refuses a category with no English name."""
    form = admin_client.get(category_url).content.decode()
    assert missing(form, 'name="names_fr"', 'name="names_nl"', 'name="names_en"') == []
    assert re.search(r'<label for="[^"]*names_en">Anglais</label>', form)  # in the (French) admin's language
    refused = admin_client.post(category_url, category_post)  # every configured language is required
    assert (refused.status_code, missing(refused.content.decode(), "Anglais")) == (200, [])
    harm.refresh_from_db()
    assert "en" not in harm.names


def _name_reference_data_in_english(admin_client):
    """The directory's reference data (categories, communes, quartiers) is named in the third language the same
    way: one more key in `names`, typed in the admin form, which shows one input per content language."""
    harm = Category.objects.get(code="harm_reduction")
    category_url = reverse("wagtailsnippets_resources_category:edit", args=[harm.pk])
    category_post = {
        "code": harm.code,
        "names_fr": harm.names["fr"],
        "names_nl": harm.names["nl"],
        "sort_order": harm.sort_order,
    }
    _category_form_asks_for_english(admin_client, harm, category_url, category_post)
    named = {
        "category": (category_url, {**category_post, "names_en": "Harm minimisation"}),
        "commune": (
            reverse(
                "wagtailsnippets_resources_commune:edit", args=[Commune.objects.get(nis_code="21013").pk]
            ),
            {"names_fr": "Saint-Gilles", "names_nl": "Sint-Gillis", "names_en": "Saint Giles"},
        ),
        "quartier": (
            reverse("wagtailsnippets_resources_quartier:edit", args=[Quartier.objects.get(mdzone=804).pk]),
            {"names_fr": "Gare du Midi", "names_nl": "Zuidstation", "names_en": "South Station"},
        ),
    }
    for kind, (url, data) in named.items():
        response = admin_client.post(url, data)
        assert response.status_code == 302, (kind, response.content.decode()[:2000])
    assert Commune.objects.get(nis_code="21013").names["en"] == "Saint Giles"


def _english_reference_names_are_shown(client, fr):
    """The search, the area page and the API name the category, the commune and the quartier in English."""
    with translation.override("en"):
        search = client.get(reverse("resources:search")).content.decode()
        by_category = client.get(reverse("resources:search"), {"q": "minimisation"}).content.decode()
        by_place = client.get(reverse("resources:search"), {"quartier": "South Station"}).content.decode()
        area = client.get(reverse("resources:quartier", args=[804])).content.decode()
    assert (
        missing(
            search,
            ">Harm minimisation</option>",
            '<option value="Saint Giles">',
            '<option value="South Station">',
        )
        == []
    )
    assert missing(by_category, "Counter") == []
    assert missing(by_place, "Counter", 'value="South Station"') == []
    assert missing(area, "South Station", "Counter") == []
    document = client.get(f"/api/hsds/services/{fr.translation_key}", {"lang": "en"}).json()
    assert [a["taxonomy_term"]["name"] for a in document["attributes"] if a["value"] == "harm_reduction"] == [
        "Harm minimisation"
    ]
    assert [area["name"] for area in document["service_areas"]] == ["South Station"]
    assert document["service_at_locations"][0]["location"]["addresses"][0]["city"] == "Saint Giles"
    assert validation_errors(document) == []
    terms = client.get("/api/hsds/taxonomy_terms", {"lang": "en"}).json()["contents"]
    assert {"harm_reduction": "Harm minimisation"}.items() <= {t["code"]: t["name"] for t in terms}.items()


def _location_texts_typed_in_english(admin_client, location):
    """A location's street, public transport and accessibility: one more key each, typed in the admin form's
    third input."""
    location_url = reverse("wagtailsnippets_resources_location:edit", args=[location.pk])
    form = admin_client.get(location_url).content.decode()
    for field in ("streets", "transportation_texts", "accessibility_texts"):
        assert missing(form, *(f'name="{field}_{code}"' for code in ("fr", "nl", "en"))) == [], field
    assert re.search(r'<label for="[^"]*streets_en">Anglais</label>', form)
    located = {
        "name": location.name,
        "location_type": "physical",
        "streets_fr": "Rue de Test 1",
        "streets_nl": "Teststraat 1",
        "streets_en": "1 Test Street",
        "postal_code": location.postal_code,
        "city": location.city,
        "url": "",
        "latitude": str(location.latitude),
        "longitude": str(location.longitude),
        "transportation_texts_fr": "Métro Gare du Midi",
        "transportation_texts_en": "Underground: South Station",
        "accessibility_texts_fr": "Rampe d'accès",
        "accessibility_texts_nl": "Toegangshelling",
        "quartier": "",
        "commune": "",
        "action-publish": "publish",
    }
    response = admin_client.post(location_url, located)
    assert response.status_code == 302, response.content.decode()[:3000]
    location.refresh_from_db()
    assert location.streets == {"fr": "Rue de Test 1", "nl": "Teststraat 1", "en": "1 Test Street"}
    assert location.transportation_texts == {"fr": "Métro Gare du Midi", "en": "Underground: South Station"}


def _english_location_texts_in_the_api(client, fr):
    document = client.get(f"/api/hsds/services/{fr.translation_key}", {"lang": "en"}).json()
    place = document["service_at_locations"][0]["location"]
    assert place["addresses"][0]["address_1"] == "1 Test Street"
    assert place["transportation"] == "Underground: South Station"
    assert [item["description"] for item in place["accessibility"]] == ["Rampe d'accès"]
    assert validation_errors(document) == []


def _english_location_texts_are_shown(client, fr, nl, en):
    """The English page, slip and API show them, and a text not given in English shows the French one."""
    with translation.override("en"):
        page = client.get(reverse("resources:service", args=[en.pk])).content.decode()
        slip = client.get(reverse("referrals:slip"), {"s": str(en.pk), "lang": "en"})
    assert slip.status_code == 200
    slip = _slip_part(slip)
    assert missing(page, "1 Test Street, 1060 Saint Giles", "Underground: South Station") == []
    assert "Rampe d&#x27;accès" in page  # no English accessibility text: the French one
    assert present(page, "Teststraat", "Rue de Test", "Toegangshelling") == []
    assert missing(slip, "1 Test Street, 1060 Saint Giles", "Underground: South Station") == []
    _english_location_texts_in_the_api(client, fr)
    with translation.override("nl"):
        dutch = client.get(reverse("resources:service", args=[nl.pk])).content.decode()
    assert missing(dutch, "Teststraat 1", "Toegangshelling", "Métro Gare du Midi") == []


@override_settings(LANGUAGES=THREE, WAGTAIL_CONTENT_LANGUAGES=THREE)
def test_third_locale_directory_is_configuration_only(admin_client, client, make_service):
    """The third-locale test of tests/home/test_translation.py, for the directory: an English translation of a
    listing is one more row (no column, no code); a French admin edit reaches it; its page, the search and the
    API answer in English with the listing's facts."""
    from django.urls import clear_url_caches

    from home.services import ensure_locales_and_home

    clear_url_caches()
    ensure_locales_and_home()
    en_locale = Locale.objects.get(language_code="en")
    fr, nl = make_service("Comptoir", schedules=[(0, dt.time(9), dt.time(12))])
    en = fr.copy_for_translation(en_locale)  # what wagtail-localize or an import does
    en.name = "Counter"
    en.save()
    _french_edit_reaches_english(admin_client, client, fr, en)
    _name_reference_data_in_english(admin_client)
    _english_reference_names_are_shown(client, fr)
    _location_texts_typed_in_english(admin_client, fr.locations.get().location)
    _english_location_texts_are_shown(client, fr, nl, en)
    clear_url_caches()
