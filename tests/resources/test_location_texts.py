"""Issue #14, items 5 and 8: a location's street, public transport and accessibility are texts in languages (one
JSON object each, keyed by language code: no column per language), edited with one input per content language,
read in the page's language with the default language's as fallback, required in the default language for a
physical public place, imported from the CSV's per-language columns, and migrated from the old columns (revisions
included) and back."""

from __future__ import annotations

import importlib
import re
from types import SimpleNamespace

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from home.fields import TextsFormField, validate_texts
from resources.importer import parse_csv
from resources.models import Location

THREE = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]


def test_no_column_per_language():
    columns = {f.name for f in Location._meta.concrete_fields}
    assert {"streets", "transportation_texts", "accessibility_texts"} <= columns
    assert not [c for c in columns if re.search(r"_(fr|nl|1)$", c)]


def test_texts_are_optional_in_every_language_but_known_languages_only():
    validate_texts({})
    validate_texts({"nl": "Jourdanstraat 151"})
    with pytest.raises(forms.ValidationError):
        validate_texts({"xx": "?"})
    field = TextsFormField(max_length=10, required=False)
    assert field.clean({"fr": " Rue 1 ", "nl": ""}) == {"fr": "Rue 1"}  # empty texts are not stored
    with pytest.raises(forms.ValidationError):
        field.clean({"fr": "x" * 11})


@override_settings(LANGUAGES=THREE, WAGTAIL_CONTENT_LANGUAGES=THREE)
def test_one_input_per_content_language_and_a_third_one_is_read_with_fallback():
    html = TextsFormField(required=False).widget.render("streets", {"fr": "Rue Jourdan 151"})
    assert re.findall(r'name="(streets_\w+)"', html) == [
        "streets_fr",
        "streets_nl",
        "streets_en",
    ]
    location = Location(streets={"fr": "Rue Jourdan 151", "en": "151 Jourdan Street"})
    with translation.override("en"):
        assert location.street == "151 Jourdan Street"
    with translation.override("nl"):
        assert location.street == "Rue Jourdan 151"  # not given in Dutch: the default language's


def test_a_physical_public_place_needs_its_street_in_the_default_language():
    place = Location(name="Accueil", streets={"nl": "Jourdanstraat 151"})
    with pytest.raises(ValidationError) as refused:
        place.clean()
    assert "streets" in refused.value.message_dict
    Location(name="Accueil", streets={"fr": "Rue Jourdan 151"}).clean()
    Location(name="Abri", hidden_address=True).clean()
    Location(name="En ligne", location_type=Location.Type.VIRTUAL, url="https://example.org").clean()


@override_settings(LANGUAGES=THREE, WAGTAIL_CONTENT_LANGUAGES=THREE)
def test_csv_columns_per_language_fill_the_texts():
    data = (
        "id,name,organization,phone,address,address_nl,address_en,transportation,transportation_en,"
        "accessibility_nl\n"
        "C1,Accueil,Org,02 000 00 00,Rue Jourdan 151,Jourdanstraat 151,151 Jourdan Street,Métro Midi,"
        "South Station,Toegankelijk\n"
    )
    [record] = parse_csv(data)
    location = record.data["location"]
    assert location["streets"] == {
        "fr": "Rue Jourdan 151",
        "nl": "Jourdanstraat 151",
        "en": "151 Jourdan Street",
    }
    assert location["transportation_texts"] == {"fr": "Métro Midi", "en": "South Station"}
    assert location["accessibility_texts"] == {"nl": "Toegankelijk"}


class _Rows(list):
    def __init__(self, items):
        super().__init__(items)
        self.saved = []

    def only(self, *fields):
        return self

    def bulk_update(self, rows, fields, batch_size=None):
        self.saved.append(tuple(fields))


class _Revision(SimpleNamespace):
    def save(self, update_fields=None):
        self.saved = update_fields


class _Revisions(list):
    def filter(self, **lookups):
        return self

    def none(self):
        return _Revisions([])

    def iterator(self):
        return iter(self)


OLD = {
    "address_1": "Rue Jourdan 151",
    "address_nl": "Jourdanstraat 151",
    "transportation_fr": "Métro Midi",
    "transportation_nl": "",
    "accessibility_fr": "",
    "accessibility_nl": "",
}


def test_the_migration_moves_the_columns_and_revisions_into_texts_and_back():
    migration = importlib.import_module("resources.migrations.0010_location_texts_by_language")
    row = SimpleNamespace(pk=1, **OLD, streets={}, transportation_texts={}, accessibility_texts={})
    revision = _Revision(content={"name": "Accueil", **OLD})
    models = {
        ("resources", "Location"): SimpleNamespace(objects=_Rows([row])),
        ("contenttypes", "ContentType"): SimpleNamespace(
            objects=SimpleNamespace(filter=lambda **kw: SimpleNamespace(first=lambda: "location type"))
        ),
        ("wagtailcore", "Revision"): SimpleNamespace(objects=_Revisions([revision])),
    }
    apps = SimpleNamespace(get_model=lambda app, name: models[(app, name)])
    migration.columns_to_texts(apps, None)
    assert row.streets == {"fr": "Rue Jourdan 151", "nl": "Jourdanstraat 151"}
    assert (row.transportation_texts, row.accessibility_texts) == ({"fr": "Métro Midi"}, {})
    assert revision.content == {
        "name": "Accueil",
        "streets": {"fr": "Rue Jourdan 151", "nl": "Jourdanstraat 151"},
        "transportation_texts": {"fr": "Métro Midi"},
        "accessibility_texts": {},
    }
    for column in OLD:
        setattr(row, column, "")
    row.streets["en"] = "151 Jourdan Street"  # a third language is dropped on the way back
    migration.texts_to_columns(apps, None)
    assert {column: getattr(row, column) for column in OLD} == OLD
    assert revision.content == {"name": "Accueil", **OLD}


def test_task_forces_list_their_communes_in_the_admins_language(admin_client, superuser, geography):
    """The group name "Task force Saint-Gilles" is an identifier and stays; the admin's list of task forces shows
    the communes in the admin's language."""
    from django.urls import reverse
    from wagtail.users.models import UserProfile

    from resources.groups import ensure_groups

    ensure_groups()
    url = reverse("resources_taskforce:index")
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "nl"
    profile.save()
    dutch = admin_client.get(url).content.decode()
    assert "Task force Saint-Gilles" in dutch and "Sint-Gillis" in dutch
    profile.preferred_language = "fr"
    profile.save()
    french = admin_client.get(url).content.decode()
    assert "Saint-Gilles" in french and "Sint-Gillis" not in french


def test_location_revisions_compare_and_revert_read_the_texts(admin_client, make_service):
    from django.urls import reverse

    fr, _nl = make_service("Comptoir")
    location = Location.objects.get(pk=fr.locations.get().location_id)
    location.streets = {"fr": "Rue Ancienne 1", "nl": "Oudestraat 1"}
    first = location.save_revision()
    location.streets = {"fr": "Rue Nouvelle 2", "nl": "Nieuwstraat 2"}
    location.transportation_texts = {"fr": "Tram 51"}
    second = location.save_revision()
    compare = admin_client.get(
        reverse(
            "wagtailsnippets_resources_location:revisions_compare", args=[location.pk, first.pk, second.pk]
        )
    )
    assert compare.status_code == 200
    html = compare.content.decode()
    assert "Rue Ancienne 1" in html and "Rue Nouvelle 2" in html and "Tram 51" in html
    revert = admin_client.get(
        reverse("wagtailsnippets_resources_location:revisions_revert", args=[location.pk, first.pk])
    )
    assert revert.status_code == 200
    form = revert.content.decode()
    assert 'name="streets_nl"' in form and 'value="Oudestraat 1"' in form
