"""The directory's object scope, tried through direct URLs and POSTs, role by role.

Written from the specification (docs/journeys.md; /work/shared/reference/roles.md until it lands), not from the
code: a commune task force edits the listings and locations of its commune and may not see or change anything
of another commune, hidden addresses included; a directory manager does everything in every commune; editors,
translators and analysts do not change the directory. Every refusal is the admin's "permission denied" in the
user's language (a 403, or Wagtail's redirect to the dashboard carrying its message), never a 500, never a
silent redirect; and a refused request changes nothing.

The other commune's objects: a service in Etterbeek at a shelter whose address is hidden, and its organisation
(which has no service anywhere else).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.users.models import UserProfile

from home.roles import sync_roles
from resources.groups import ensure_groups
from resources.models import Commune, Location, Organisation, Phone, Service, ServiceAtLocation
from tests.resources.conftest import ETTERBEEK, MIDI
from tests.resources.conftest import geography as geography  # fixture
from tests.resources.conftest import make_service as make_service  # fixture

pytestmark = pytest.mark.django_db

TASK_FORCE, MANAGER, EDITOR, TRANSLATOR, ANALYST = (
    "commune task force",
    "directory manager",
    "editor",
    "translator",
    "analyst",
)
GROUPS = {
    TASK_FORCE: "Task force Saint-Gilles",
    MANAGER: "Directory managers",
    EDITOR: "Editors",
    TRANSLATOR: "Translators",
    ANALYST: "Analysts",
}
NOT_THE_DIRECTORY = (EDITOR, TRANSLATOR, ANALYST)
SECRET_ADDRESS = "Rue Secrète 77"
DENIED_FR = "Désolé, vous n'avez pas les autorisations pour accéder à cette zone."
HOME = "/admin/"


@pytest.fixture
def world(make_service, django_user_model):
    sync_roles()
    own, _nl = make_service("Comptoir Midi")  # Saint-Gilles
    other, _nl = make_service("Refuge Ailleurs", point=ETTERBEEK, hidden=True)  # Etterbeek, hidden address
    ensure_groups()
    other_location = other.locations.get().location
    Location.objects.filter(pk=other_location.pk).update(streets={"fr": SECRET_ADDRESS})
    assert (
        other_location.commune.nis_code == "21005"
        and own.locations.get().location.commune.nis_code == "21013"
    )
    users = {}
    for role, group in GROUPS.items():
        user = django_user_model.objects.create_user(
            role.replace(" ", "-"), f"{role[:4]}@example.org", "pw-x-12345678"
        )
        user.groups.add(Group.objects.get(name=group))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "fr"
        profile.save()
        users[role] = user
    return {
        "users": users,
        "own_service": own,
        "own_location": own.locations.get().location,
        "other_service": other,
        "other_location": other_location,
        "other_organisation": other.organisation,
    }


def snapshot():
    """Everything a refused request must leave as it was."""
    return [
        sorted(map(repr, model.objects.values_list()))
        for model in (Location, Service, Organisation, ServiceAtLocation, Phone)
    ]


def snippet(model, view, *args):
    return reverse(f"wagtailsnippets_resources_{model}:{view}", args=args)


def chooser(model, view, *args):
    return reverse(f"wagtailsnippetchoosers_resources_{model}:{view}", args=args)


def bulk_delete(model, pk):
    return reverse("wagtail_bulk_action", args=("resources", model, "delete")) + f"?id={pk}"


def location_payload(name, point, *, commune=None, hidden=False, override=False):
    data = {
        "name": name,
        "location_type": "physical",
        "streets_fr": "Rue Neuve 3",
        "postal_code": "1040" if point == ETTERBEEK else "1060",
        "city": "Bruxelles",
        "url": "",
        "latitude": str(point[0]),
        "longitude": str(point[1]),
        "transportation_texts_fr": "",
        "transportation_texts_nl": "",
        "accessibility_texts_fr": "",
        "accessibility_texts_nl": "",
        "quartier": "",
        "commune": str(commune.pk) if commune else "",
        "action-publish": "publish",  # locations have drafts: the form's "Publish"
    }
    if hidden:
        data["hidden_address"] = "on"
    if override:
        data["geography_override"] = "on"
    return data


def service_payload(organisation, location):
    empty = {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"}
    return {
        "organisation": str(organisation.pk),
        "name": "Nouveau service",
        "description": "",
        "status": "active",
        "languages": ["fr"],
        "locations-TOTAL_FORMS": "1",
        "locations-INITIAL_FORMS": "0",
        "locations-MIN_NUM_FORMS": "0",
        "locations-MAX_NUM_FORMS": "1000",
        "locations-0-location": str(location.pk),
        "locations-0-ORDER": "1",
        **{
            f"{rel}-{key}": value
            for rel in ("phones", "schedules", "closures")
            for key, value in empty.items()
        },
        "source_urls": "",
    }


@dataclass
class Case:
    name: str
    url: str
    method: str = "get"
    data: dict = field(default_factory=dict)


def cases_on_other_commune(w) -> list[Case]:
    """Every view of another commune's location, service and organisation, by URL and by POST."""
    location, service, organisation = w["other_location"], w["other_service"], w["other_organisation"]
    cases = []
    for model, obj, post in (
        ("location", location, location_payload("Volé", ETTERBEEK)),
        ("service", service, service_payload(service.organisation, location)),
        ("organisation", organisation, {"name": "Volée", "description": "", "website": "", "email": ""}),
    ):
        pk = obj.pk
        cases += [
            Case(f"{model}: edit", snippet(model, "edit", pk)),
            Case(f"{model}: edit (POST)", snippet(model, "edit", pk), "post", post),
            Case(f"{model}: delete", snippet(model, "delete", pk)),
            Case(f"{model}: delete (POST)", snippet(model, "delete", pk), "post"),
            Case(f"{model}: copy", snippet(model, "copy", pk)),
            Case(f"{model}: copy (POST)", snippet(model, "copy", pk), "post", post),
            Case(f"{model}: history", snippet(model, "history", pk)),
            Case(f"{model}: history results", snippet(model, "history_results", pk)),
            Case(f"{model}: usage", snippet(model, "usage", pk)),
            Case(f"{model}: inspect", snippet(model, "inspect", pk)),
            Case(f"{model}: chosen in a chooser", chooser(model, "chosen", pk)),
            Case(f"{model}: bulk delete", bulk_delete(model, pk)),
            Case(f"{model}: bulk delete (POST)", bulk_delete(model, pk), "post"),
        ]
    cases += [
        Case("organisation: add", snippet("organisation", "add")),
        Case("organisation: add (POST)", snippet("organisation", "add"), "post", {"name": "Nouvelle"}),
        # Adding a location or a listing is a task force's right, but not in another commune: see the tests below.
    ]
    return cases


def cases_adding_elsewhere(w) -> list[Case]:
    etterbeek = Commune.objects.get(nis_code="21005")
    return [
        Case("location: add", snippet("location", "add")),
        Case(
            "location: add (POST) in another commune",
            snippet("location", "add"),
            "post",
            location_payload("Nouveau lieu", ETTERBEEK),
        ),
        Case(
            "location: add (POST) with another commune chosen by hand",
            snippet("location", "add"),
            "post",
            location_payload("Nouveau lieu", MIDI, commune=etterbeek, override=True),
        ),
        Case("service: add", snippet("service", "add")),
        Case(
            "service: add (POST) at another commune's location",
            snippet("service", "add"),
            "post",
            service_payload(w["other_organisation"], w["other_location"]),
        ),
    ]


def refusal(response) -> str | None:
    """None when the response is the admin's permission denied in French; otherwise what it was instead."""
    if response.status_code == 403:
        return None
    if response.status_code == 302 and response["Location"] == HOME:
        # the messages this request added (Wagtail renders them as HTML)
        messages = [unescape(str(m)).strip() for m in response.wsgi_request._messages._queued_messages]
        return None if DENIED_FR in messages else f"redirect to the dashboard without the message: {messages}"
    return f"{response.status_code} {response.get('Location', '')}"


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("role", [TASK_FORCE, *NOT_THE_DIRECTORY])
def test_every_view_of_another_communes_objects_is_refused(client, world, role):
    client.force_login(world["users"][role])
    before = snapshot()
    cases = cases_on_other_commune(world)
    if role in NOT_THE_DIRECTORY:
        cases += cases_adding_elsewhere(world)
    wrong = []
    for case in cases:
        response = getattr(client, case.method)(case.url, case.data)
        if (problem := refusal(response)) is not None:
            wrong.append(f"{case.name}: {problem}")
        if SECRET_ADDRESS in body(response):
            wrong.append(f"{case.name}: shows the hidden address")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
    assert snapshot() == before


@pytest.mark.parametrize("role", [TASK_FORCE, *NOT_THE_DIRECTORY])
def test_listings_exports_and_choosers_show_nothing_of_another_commune(client, world, role):
    client.force_login(world["users"][role])
    other_names = [
        world["other_location"].name,
        world["other_service"].name,
        world["other_organisation"].name,
    ]
    pages = []
    for model in ("location", "service", "organisation"):
        for url in (
            snippet(model, "list"),
            snippet(model, "list") + "?export=csv",
            snippet(model, "list_results") + "?q=Refuge",
            chooser(model, "choose"),
            chooser(model, "choose_results") + "?q=Refuge",
            chooser(model, "chosen_multiple") + f"?id={world['other_location'].pk}",
        ):
            response = client.get(url)
            assert response.status_code in (200, 302, 403), (url, response.status_code)
            pages.append((url, body(response)))
    leaks = [(url, name) for url, text in pages for name in [*other_names, SECRET_ADDRESS] if name in text]
    assert not leaks


def test_task_force_add_form_offers_its_communes_only(client, world):
    client.force_login(world["users"][TASK_FORCE])
    page = client.get(snippet("location", "add")).content.decode()
    communes = re.search(r'<select name="commune".*?</select>', page, re.S).group(0)
    assert "Saint-Gilles" in communes and "Etterbeek" not in communes


def test_task_force_may_not_add_elsewhere(client, world):
    """A POST placing the row elsewhere gets a form error, creates nothing."""
    client.force_login(world["users"][TASK_FORCE])
    before = snapshot()
    for case in [case for case in cases_adding_elsewhere(world) if case.method == "post"]:
        response = client.post(case.url, case.data)
        assert response.status_code == 200, case.name  # the form again, with its error
        assert "error" in response.content.decode()
    assert snapshot() == before


def test_task_force_may_add_in_its_commune(client, world):
    client.force_login(world["users"][TASK_FORCE])
    response = client.post(snippet("location", "add"), location_payload("Nouveau lieu Midi", MIDI))
    assert response.status_code == 302
    assert Location.objects.get(name="Nouveau lieu Midi").commune.nis_code == "21013"
    response = client.post(
        snippet("service", "add"), service_payload(world["own_service"].organisation, world["own_location"])
    )
    assert response.status_code == 302
    assert Service.objects.filter(name="Nouveau service").exists()


def test_task_force_reaches_every_view_of_its_own_commune(client, world):
    client.force_login(world["users"][TASK_FORCE])
    for model, obj, views in (
        ("location", world["own_location"], ("edit", "copy", "history", "usage", "inspect")),  # no deleting
        ("service", world["own_service"], ("edit", "delete", "copy", "history", "usage", "inspect")),
    ):
        for view in views:
            response = client.get(snippet(model, view, obj.pk))
            assert response.status_code == 200, (model, view, response.status_code)
        assert obj.name in client.get(chooser(model, "choose")).content.decode()
    moved = location_payload(world["own_location"].name, MIDI)
    moved["name"] = "Comptoir Midi (entrée rue Neuve)"
    response = client.post(snippet("location", "edit", world["own_location"].pk), moved)
    assert response.status_code == 302
    assert Location.objects.get(pk=world["own_location"].pk).name == "Comptoir Midi (entrée rue Neuve)"
    # Moving its location to another commune is refused like adding one there.
    elsewhere = location_payload("Déménagé", ETTERBEEK)
    assert client.post(snippet("location", "edit", world["own_location"].pk), elsewhere).status_code == 200
    assert Location.objects.get(pk=world["own_location"].pk).commune.nis_code == "21013"


def test_directory_manager_reaches_every_view_in_every_commune(client, world):
    client.force_login(world["users"][MANAGER])
    for model, obj in (
        ("location", world["other_location"]),
        ("service", world["other_service"]),
        ("organisation", world["other_organisation"]),
    ):
        for view in ("edit", "delete", "copy", "history", "usage", "inspect"):
            response = client.get(snippet(model, view, obj.pk))
            assert response.status_code == 200, (model, view, response.status_code)
        assert obj.name in client.get(chooser(model, "choose")).content.decode()
        assert client.get(chooser(model, "chosen", obj.pk)).status_code == 200
        assert client.get(bulk_delete(model, obj.pk)).status_code == 200
    assert (
        SECRET_ADDRESS in client.get(snippet("location", "edit", world["other_location"].pk)).content.decode()
    )


@pytest.mark.parametrize("view", ["history", "usage"])
def test_service_history_and_usage_answer_for_a_superuser(admin_client, world, view):
    """Finding 5: these answered 500 for everyone."""
    response = admin_client.get(snippet("service", view, world["other_service"].pk))
    assert response.status_code == 200


def test_hidden_address_of_another_commune_stays_hidden_in_a_shared_listing(client, world):
    """A listing of the task force's commune that also has a shelter elsewhere: its edit page and the location
    chooser name the shelter at most, never its address."""
    from resources.services import upsert_service

    shared = world["own_service"]
    service, _nl, _created = upsert_service(
        external_id="SHARED",
        organisation=shared.organisation,
        organisation_nl=None,
        fr={"name": "Partagé", "description": ""},
        locations=[world["own_location"], world["other_location"]],
        languages=["fr"],
    )
    client.force_login(world["users"][TASK_FORCE])
    for url in (snippet("service", "edit", service.pk), chooser("location", "choose")):
        response = client.get(url)
        assert response.status_code == 200
        assert SECRET_ADDRESS not in response.content.decode()


def test_task_force_reads_the_problem_reports_of_its_commune_only(client, world):
    from resources.models import ProblemReport

    ProblemReport.objects.create(service=world["own_service"], reason="hours", comment="Fermé le lundi (ici)")
    other = ProblemReport.objects.create(
        service=world["other_service"], reason="phone", comment="Numéro faux (ailleurs)"
    )
    client.force_login(world["users"][TASK_FORCE])
    content = client.get(reverse("resources_problemreport:index")).content.decode()
    assert "Comptoir Midi" in content and "Refuge Ailleurs" not in content
    for view in ("edit", "inspect", "delete"):
        response = client.get(reverse(f"resources_problemreport:{view}", args=[other.pk]))
        assert refusal(response) is None, view
    client.post(reverse("resources_problemreport:edit", args=[other.pk]), {"resolved": "on"})
    assert not ProblemReport.objects.get(pk=other.pk).resolved
