"""Imports keep the directory's rules (issue #14): no published listing that leads nowhere, and Dutch streets
from the Dutch HSDS document of a bilingual file."""

import json

import pytest
from django.utils import translation

from resources.hsds import service_document
from resources.importer import parse_hsds, run_import
from resources.models import Location, Organisation, Service
from resources.selectors import with_relations

pytestmark = pytest.mark.django_db

HEADER = "id,name,organization,status,phone,email,url,address,postal_code\n"


def _doc(service, lang):
    with translation.override(lang):
        return service_document(with_relations(Service.objects.filter(pk=service.pk)).get(), lang)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("fr", "au moins un moyen de joindre le service"), ("nl", "minstens één manier")],
)
def test_csv_published_listing_without_a_way_to_reach_it_is_refused(geography, lang, words):
    rows = "R1,Nulle part,Org,active,,,,,\nR2,Téléphone,Org,active,02 000 00 00,,,,\n"
    with translation.override(lang):
        report = run_import((HEADER + rows).encode(), "csv", dry_run=False)
    assert not report.written and Service.objects.count() == 0
    [refused] = report.refused
    assert "R1" in refused.ref and any(words in message for message in refused.messages), refused.messages


@pytest.mark.parametrize(
    "row",
    [
        "R1,Téléphone,Org,active,02 000 00 00,,,,",
        "R1,Courriel,Org,active,,info@example.org,,,",
        "R1,Site,Org,temporarily closed,,,https://example.org,,",
        "R1,Adresse,Org,active,,,,Rue Test 1,1060",
        "R1,Inactif,Org,inactive,,,,,",  # not published: no way to reach it needed (as in the admin)
    ],
)
def test_csv_listing_with_a_way_to_reach_it_or_unpublished_is_imported(geography, row):
    report = run_import((HEADER + row + "\n").encode(), "csv", dry_run=False)
    assert report.ok and report.written, [e.messages for e in report.refused]


def test_hsds_published_listing_without_a_way_to_reach_it_is_refused(make_service):
    fr, _nl = make_service("Injoignable")
    document = _doc(fr, "fr")
    document["phones"] = []
    document["service_at_locations"] = []
    [record] = parse_hsds(json.dumps(document))
    assert any("moyen de joindre le service" in error for error in record.errors), record.errors
    document["status"] = "inactive"
    [record] = parse_hsds(json.dumps(document))
    assert record.errors == []


def test_bilingual_hsds_export_then_import_keeps_dutch_streets_and_names(make_service):
    fr, nl = make_service("Comptoir", nl_name="Ruilbalie")
    location = fr.locations.get().location
    location.streets = {"fr": "Rue Jourdan 151", "nl": "Jourdanstraat 151"}
    location.transportation_texts = {"fr": "Métro Hôtel des Monnaies", "nl": "Metro Munthof"}
    location.save()
    payload = {"fr": {"contents": [_doc(fr, "fr")]}, "nl": {"contents": [_doc(nl, "nl")]}}
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organisation.objects.all().delete()

    report = run_import(json.dumps(payload).encode(), "json", dry_run=False)

    assert report.ok and report.written, [e.messages for e in report.refused]
    location = Location.objects.get()
    assert location.streets == {"fr": "Rue Jourdan 151", "nl": "Jourdanstraat 151"}
    assert location.transportation_texts == {"fr": "Métro Hôtel des Monnaies", "nl": "Metro Munthof"}
    dutch = Service.objects.get(locale__language_code="nl")
    assert dutch.name == "Ruilbalie" and dutch.organisation.name == "Org NL Comptoir"
    with translation.override("nl"):
        assert dutch.locations.get().location.street == "Jourdanstraat 151"
    # The same file again changes nothing.
    again = run_import(json.dumps(payload).encode(), "json", dry_run=False)
    assert [entry.action for entry in again.entries] == ["unchanged"]


def test_bilingual_hsds_street_given_in_french_only_stays_french_only(make_service):
    fr, nl = make_service("Sans rue NL")
    payload = {"fr": [_doc(fr, "fr")], "nl": [_doc(nl, "nl")]}  # the NL document repeats the French street
    Service.objects.all().delete()
    Location.objects.all().delete()
    report = run_import(json.dumps(payload).encode(), "json", dry_run=False)
    assert report.ok
    location = Location.objects.get()
    assert location.streets == {"fr": "Rue de Test 1"}


def test_dutch_document_without_its_french_one_is_refused(make_service):
    fr, nl = make_service("Seul")
    other_fr, _other_nl = make_service("Autre")
    payload = {"fr": [_doc(other_fr, "fr")], "nl": [_doc(nl, "nl")]}
    records = parse_hsds(json.dumps(payload))
    assert [bool(record.errors) for record in records] == [False, True]
    assert str(fr.translation_key) in records[1].ref
