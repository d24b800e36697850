"""HSDS 3.0 export, API and import."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from resources import api
from resources.hsds import service_document, validation_errors
from resources.models import Closure, Service
from resources.selectors import with_relations

from .conftest import ALL_WEEK, ETTERBEEK


def _doc(service, lang):
    return service_document(with_relations(Service.objects.filter(pk=service.pk)).get(), lang)


def test_export_validates_in_both_languages(make_service):
    fr, nl = make_service(
        "Complet",
        schedules=ALL_WEEK,
        free=True,
        anonymous=True,
        minimum_age=12,
        maximum_age=25,
        categories=["harm_reduction", "youth_work"],
        languages=["fr", "nl", "ar"],
        what_to_bring="Carte d'identité",
    )
    Closure.objects.create(service=fr, start="2026-12-24", end="2026-12-26", reason="Noël")
    for service, lang in ((fr, "fr"), (nl, "nl")):
        document = _doc(service, lang)
        assert validation_errors(document) == []
        assert document["id"] == str(fr.translation_key)
    fr_doc, nl_doc = _doc(fr, "fr"), _doc(nl, "nl")
    assert (fr_doc["name"], nl_doc["name"]) == ("Complet", "Complet NL")
    codes = {a["taxonomy_term"]["code"] for a in fr_doc["attributes"]}
    assert {"free", "anonymous", "harm_reduction", "youth_work"} <= codes
    assert [lang["code"] for lang in fr_doc["languages"]] == ["fr", "nl", "ar"]
    address = fr_doc["service_at_locations"][0]["location"]["addresses"][0]
    assert address["postal_code"] == "1060"
    assert any(s.get("valid_from") == "2026-12-24" for s in fr_doc["schedules"])


def test_hidden_address_never_exported(make_service):
    fr, _nl = make_service("Abri", hidden=True)
    document = _doc(fr, "fr")
    text = json.dumps(document)
    assert "Rue de Test" not in text
    location = document["service_at_locations"][0]["location"]
    assert "latitude" not in location and "addresses" not in location
    assert validation_errors(document) == []
    assert document["service_areas"][0]["extent"] == "quartier:804"


def _get(view, path="/", **params):
    request = RequestFactory().get(path, params)
    return view(request)


def test_api_list_filters_and_paging(make_service):
    make_service("Alpha", categories=["harm_reduction"], free=True)
    make_service("Beta", categories=["treatment_care"], point=ETTERBEEK)
    make_service("Gamma", categories=["treatment_care"])
    payload = json.loads(_get(api.services, per_page=2).content)
    assert payload["total_items"] == 3 and payload["total_pages"] == 2 and payload["size"] == 2
    assert [c["name"] for c in json.loads(_get(api.services, page=2, per_page=2).content)["contents"]] == [
        "Gamma"
    ]
    assert [c["name"] for c in json.loads(_get(api.services, search="beta").content)["contents"]] == ["Beta"]
    nl = json.loads(_get(api.services, lang="nl", taxonomy_term_id="treatment_care").content)
    assert sorted(c["name"] for c in nl["contents"]) == ["Beta NL", "Gamma NL"]
    free = json.loads(_get(api.services, taxonomy_term_id="free").content)
    assert [c["name"] for c in free["contents"]] == ["Alpha"]
    assert json.loads(_get(api.services, modified_after="2999-01-01").content)["total_items"] == 0
    for item in json.loads(_get(api.services).content)["contents"]:
        assert validation_errors(item) == []


@pytest.mark.parametrize(
    "params",
    [
        {"page": "x"},
        {"page": "0"},
        {"per_page": "1000"},
        {"lang": "xx"},
        {"modified_after": "yesterday"},
        {"taxonomy_term_id": "nope"},
    ],
)
def test_api_bad_parameters_are_400(locales, params):
    response = _get(api.services, **params)
    assert response.status_code == 400
    assert "error" in json.loads(response.content)


def test_api_detail_organizations_taxonomies(make_service):
    fr, _nl = make_service("Détail")
    response = api.service_detail(RequestFactory().get("/", {"lang": "nl"}), str(fr.translation_key))
    assert json.loads(response.content)["name"] == "Détail NL"
    assert api.service_detail(RequestFactory().get("/"), "not-a-uuid").status_code == 404
    orgs = json.loads(_get(api.organizations).content)
    assert orgs["contents"][0]["name"] == "Org Détail"
    assert validation_errors(orgs["contents"][0], "organization") == []
    taxonomies = json.loads(_get(api.taxonomies).content)
    assert len(taxonomies["contents"]) == 2
    terms = json.loads(_get(api.taxonomy_term_list, lang="nl").content)["contents"]
    assert any(t["name"] == "Schadebeperking" for t in terms)


def test_api_fixed_queries(client, make_service, django_assert_num_queries):
    make_service("One")
    client.get("/api/hsds/services")
    with django_assert_num_queries(8):
        client.get("/api/hsds/services")
    for i in range(10):
        make_service(f"More {i}")
    with django_assert_num_queries(8):
        assert client.get("/api/hsds/services").status_code == 200


def test_api_is_routed(client, make_service):
    assert client.get("/api/hsds/services").status_code == 200
    assert client.get("/api/hsds/taxonomies").status_code == 200


CSV_OK = """id,name,description,name_nl,organization,status,categories,languages,phone,address,postal_code,latitude,longitude,free,transportation,transportation_nl
CSV1,Comptoir import,Échange,Ruilbalie import,Org import,active,harm_reduction,fr;nl,02 000 00 00,Rue Test 2,1060,50.8362,4.3352,yes,Métro Midi,Metro Zuid
CSV2,Emploi import,,,Org import,active,socio_professional_reinsertion,fr,02 111 11 11,,,,,,,
"""


def test_import_csv_dry_run_then_real(tmp_path, geography):
    path = tmp_path / "services.csv"
    path.write_text(CSV_OK, encoding="utf-8")
    call_command("import_services", str(path), "--dry-run")
    assert Service.objects.count() == 0
    call_command("import_services", str(path))
    assert Service.objects.filter(locale__language_code="fr").count() == 2
    service = Service.objects.get(locale__language_code="nl", external_id="CSV1")
    assert service.name == "Ruilbalie import" and service.free and service.languages == ["fr", "nl"]
    location = service.locations.get().location
    assert location.quartier.mdzone == 804
    assert location.transportation_texts == {"fr": "Métro Midi", "nl": "Metro Zuid"}
    assert location.streets == {"fr": "Rue Test 2"}
    call_command("import_services", str(path))  # idempotent
    assert Service.objects.count() == 4


def test_import_is_all_or_nothing_with_per_record_errors(tmp_path, geography, capsys):
    bad = CSV_OK + "CSV3,Sans statut,,,Org,maybe,unknown_cat,xx,,,,91,4.3,\n"
    path = tmp_path / "bad.csv"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_services", str(path))
    assert Service.objects.count() == 0
    errors = capsys.readouterr().err
    assert "line 4 (CSV3): status" in errors
    assert "unknown code 'unknown_cat'" in errors
    assert "latitude" in errors


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"contents": "x"}', "\u0000"])
def test_import_garbage_json(tmp_path, geography, content):
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_services", str(path))
    assert Service.objects.count() == 0


def test_import_roundtrip_from_hsds_export(tmp_path, make_service):
    fr, _nl = make_service(
        "Aller-retour",
        schedules=[(0, __import__("datetime").time(9), __import__("datetime").time(17))],
        free=True,
    )
    document = _doc(fr, "fr")
    Service.objects.all().delete()
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"contents": [document]}), encoding="utf-8")
    call_command("import_services", str(path))
    imported = Service.objects.get(locale__language_code="fr")
    assert imported.name == "Aller-retour" and imported.free
    assert [(s.weekday, s.opens.hour) for s in imported.schedules.all()] == [(0, 9)]


def test_api_postcode_and_proximity(make_service):
    make_service("Saint-Gilles")  # 1060, quartier 804
    make_service("Etterbeek", point=ETTERBEEK)
    names = lambda **p: sorted(c["name"] for c in json.loads(_get(api.services, **p).content)["contents"])  # noqa: E731
    assert names(postcode="1060") == ["Saint-Gilles"]
    assert names(postcode="1060", proximity="3000") == ["Saint-Gilles"]
    assert names(postcode="1040", proximity="50000") == ["Etterbeek", "Saint-Gilles"]
    assert names(postcode="1040", proximity="100") == []
    for bad in ({"postcode": "abc"}, {"proximity": "100"}, {"postcode": "1060", "proximity": "far"}):
        assert _get(api.services, **bad).status_code == 400
