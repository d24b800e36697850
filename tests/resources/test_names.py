"""Issue #14, items 5 and 8: communes, quartiers and categories are named in every content language in one
`names` object keyed by language code (no column per language), edited with one input per language, migrated from
the old name_fr/name_nl columns, and listed in the active language's order (accents handled)."""

from __future__ import annotations

import importlib
import re
from html import unescape
from types import SimpleNamespace

import pytest
from django import forms
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from home.fields import NamesFormField, name_in_language, validate_names
from resources.models import Category, Commune, Hotspot, Quartier, collation_key

THREE = [("fr", "Français"), ("nl", "Nederlands"), ("de", "Deutsch")]


def test_names_are_required_in_every_configured_language_and_only_those():
    validate_names({"fr": "Ixelles", "nl": "Elsene"})
    with pytest.raises(forms.ValidationError) as missing:
        validate_names({"fr": "Ixelles", "nl": " "})
    assert missing.value.code == "required"
    with pytest.raises(forms.ValidationError) as unknown:
        validate_names({"fr": "Ixelles", "nl": "Elsene", "xx": "?"})
    assert unknown.value.code == "invalid"
    with override_settings(WAGTAIL_CONTENT_LANGUAGES=THREE, LANGUAGES=THREE):
        with pytest.raises(forms.ValidationError):
            validate_names({"fr": "Ixelles", "nl": "Elsene"})
        validate_names({"fr": "Ixelles", "nl": "Elsene", "de": "Ixelles"})


def test_the_name_in_the_active_language_falls_back_to_the_default_one():
    commune = Commune(nis_code="21009", names={"fr": "Ixelles", "nl": "Elsene"})
    with translation.override("nl"):
        assert commune.name == "Elsene" and str(commune) == "Elsene"
    with translation.override("fr"):
        assert commune.name == "Ixelles"
    with translation.override("de"):
        assert commune.name == "Ixelles"  # no German name yet: the site's default language
    assert commune.name_in("nl") == "Elsene" and sorted(commune.all_names()) == ["Elsene", "Ixelles"]
    assert name_in_language({"nl": "Elsene"}, "fr") == "Elsene"  # any name rather than none
    assert name_in_language({}, "fr") == ""


def test_the_form_field_has_one_input_per_content_language():
    field = NamesFormField(max_length=120, label="Names")
    html = field.widget.render("names", {"fr": "Ixelles", "nl": "Elsene"}, attrs={"id": "id_names"})
    assert re.findall(r'name="(names_\w+)"', html) == ["names_fr", "names_nl"]
    assert 'value="Elsene"' in html and 'lang="nl"' in html
    with translation.override("nl"):
        html = field.widget.render("names", {}, attrs={"id": "id_names"})
    assert '<label for="id_names_fr">Frans</label>' in html  # the language's name in the admin's language
    data = {"names_fr": " Ixelles ", "names_nl": "Elsene"}
    assert field.clean(field.widget.value_from_datadict(data, {}, "names")) == {
        "fr": "Ixelles",
        "nl": "Elsene",
    }
    with pytest.raises(forms.ValidationError):
        field.clean(field.widget.value_from_datadict({"names_fr": "Ixelles"}, {}, "names"))
    with override_settings(WAGTAIL_CONTENT_LANGUAGES=THREE, LANGUAGES=THREE):
        html = field.widget.render("names", {}, attrs={"id": "id_names"})
        assert re.findall(r'name="(names_\w+)"', html) == ["names_fr", "names_nl", "names_de"]


class _Rows:
    def __init__(self, rows):
        self.rows, self.saved = rows, []

    def only(self, *fields):
        return list(self.rows)

    def bulk_update(self, rows, fields, batch_size=None):
        self.saved.append(tuple(fields))


def test_the_migration_moves_the_columns_into_names_and_back():
    migration = importlib.import_module("resources.migrations.0008_names_by_language")
    rows = {
        "commune": [SimpleNamespace(pk=1, name_fr="Ixelles", name_nl="Elsene", names={})],
        "quartier": [SimpleNamespace(pk=2, name_fr="Béguinage - Dixmude", name_nl="", names={})],
        "category": [SimpleNamespace(pk=3, name_fr="Aide sociale", name_nl="Sociale hulp", names={})],
    }
    managers = {name: _Rows(items) for name, items in rows.items()}
    apps = SimpleNamespace(get_model=lambda app, name: SimpleNamespace(objects=managers[name]))
    migration.columns_to_names(apps, None)
    assert rows["commune"][0].names == {"fr": "Ixelles", "nl": "Elsene"}
    assert rows["quartier"][0].names == {"fr": "Béguinage - Dixmude", "nl": "Béguinage - Dixmude"}
    assert all(m.saved == [("names",)] for m in managers.values())
    for items in rows.values():
        items[0].name_fr = items[0].name_nl = ""
    rows["category"][0].names["de"] = "Sozialhilfe"  # a third language is dropped on the way back
    migration.names_to_columns(apps, None)
    assert (rows["commune"][0].name_fr, rows["commune"][0].name_nl) == ("Ixelles", "Elsene")
    assert (rows["category"][0].name_fr, rows["category"][0].name_nl) == ("Aide sociale", "Sociale hulp")


def test_no_column_per_language():
    for model in (Commune, Quartier, Category):
        columns = {f.name for f in model._meta.concrete_fields}
        assert "names" in columns
        assert not [c for c in columns if re.search(r"_(fr|nl)$", c)], model


def _datalist(html: str) -> list[str]:
    block = re.search(r'<datalist id="directory-places">(.*?)</datalist>', html, re.S).group(1)
    return [unescape(value) for value in re.findall(r'<option value="([^"]*)">', block)]


def test_dutch_lists_follow_dutch_names(client, admin_client, superuser, geography, home_nl):
    """Real names: in Dutch, Elsene (Ixelles) sorts among the E and Oudergem (Auderghem) among the O, on the
    public type-ahead and in a Dutch-speaking editor's admin (a location's commune)."""
    from wagtail.users.models import UserProfile

    with translation.override("nl"):
        html = client.get(reverse("resources:search")).content.decode()
    places = _datalist(html)
    communes = places[: Commune.objects.count()]
    assert communes == sorted(communes, key=collation_key)
    assert communes.index("Brussel") < communes.index("Elsene") < communes.index("Etterbeek")
    assert communes.index("Ukkel") < communes.index("Vorst") < communes.index("Watermaal-Bosvoorde")
    assert "Oudergem" in communes and "Auderghem" not in communes
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "nl"
    profile.save()
    html = admin_client.get(reverse("wagtailsnippets_resources_location:add")).content.decode()
    select = re.search(r'<select name="commune"[^>]*>(.*?)</select>', html, re.S).group(1)
    admin_communes = [unescape(t).strip() for t in re.findall(r"<option[^>]*>([^<]*)</option>", select)][1:]
    assert admin_communes == communes  # the same names, in the same order
    assert admin_communes.index("Elsene") < admin_communes.index("Oudergem") < admin_communes.index("Vorst")


def test_admin_choices_of_quartiers_and_communes_follow_the_names(admin_client, geography):
    hotspot = Hotspot.objects.get(locale__language_code="fr", code="HS07")
    html = admin_client.get(
        reverse("wagtailsnippets_resources_hotspot:edit", args=[hotspot.pk])
    ).content.decode()
    commune_select = re.search(r'<select name="commune"[^>]*>(.*?)</select>', html, re.S).group(1)
    communes = [unescape(t).strip() for t in re.findall(r"<option[^>]*>([^<]*)</option>", commune_select)][1:]
    assert communes == sorted(communes, key=collation_key) and len(communes) == 19
    quartiers = [
        unescape(t).strip() for t in re.findall(r'name="quartiers"[^>]*>\s*([^<]*?)\s*</label>', html)
    ]
    if not quartiers:  # a select rather than checkboxes
        block = re.search(r'<select name="quartiers"[^>]*>(.*?)</select>', html, re.S).group(1)
        quartiers = [unescape(t).strip() for t in re.findall(r"<option[^>]*>([^<]*)</option>", block)]
    assert len(quartiers) == Quartier.objects.count()
    names = [q.split(" ", 1)[1] for q in quartiers]  # "3 Béguinage - Dixmude": str() leads with the code
    assert names == sorted(names, key=collation_key)
    assert names.index("Béguinage - Dixmude") < names.index("Buffon")
