"""Drafts, publishing and the directory managers' review of listings (issue #14, item 3): a listing has a live
version and drafts; while the directory managers' switch is on, a task force's change waits for a manager's
approval and reaches no language, no search, no API until then; while it is off, task forces publish directly."""

from __future__ import annotations

import importlib
import json

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import WorkflowContentType, WorkflowState

from resources.groups import ensure_groups
from resources.listing import mark_verified
from resources.models import DirectoryReviewSettings, Location, Service

from .conftest import ETTERBEEK
from .test_listing import edit_payload

pytestmark = pytest.mark.django_db

NEW_PHONE = "02 999 88 77"


def url(name, *args, model="service"):
    return reverse(f"wagtailsnippets_resources_{model}:{name}", args=args)


def review(on: bool) -> None:
    settings = DirectoryReviewSettings.load()
    settings.task_force_review = on
    settings.save()


@pytest.fixture
def listing(make_service):
    fr, nl = make_service("Comptoir Midi")  # Saint-Gilles
    other, _ = make_service("Service Etterbeek", point=ETTERBEEK)
    return {"fr": fr, "nl": nl, "etterbeek": other}


@pytest.fixture
def people(listing, django_user_model):
    ensure_groups()
    users = {}
    for username, group in (
        ("tf", "Task force Saint-Gilles"),
        ("tf_etterbeek", "Task force Etterbeek"),
        ("mgr", "Directory managers"),
    ):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", f"pw-{username}-1234567"
        )
        user.groups.add(Group.objects.get(name=group))
        users[username] = user
    return users


def as_user(client, user):
    client.logout()
    client.force_login(user)
    return client


def public_texts(client, service) -> dict[str, str]:
    """The Dutch and French public pages and the HSDS API (both languages) of the listing, as text."""
    fr = Service.objects.get(translation_key=service.translation_key, locale__language_code="fr")
    nl = Service.objects.get(translation_key=service.translation_key, locale__language_code="nl")
    texts = {}
    for code, row in (("fr", fr), ("nl", nl)):
        with translation.override(code):
            page = client.get(reverse("resources:service", args=[row.pk]))
        assert page.status_code == 200, (code, page.status_code)
        texts[f"page_{code}"] = page.content.decode()
        api = client.get(f"/api/hsds/services/{row.translation_key}", {"lang": code})
        assert api.status_code == 200
        texts[f"api_{code}"] = json.dumps(api.json(), ensure_ascii=False)
    return texts


def changed_payload(service):
    """The task force's change to what a visitor acts on: the status and the phone number."""
    phone = service.phones.get()
    data = edit_payload(
        service,
        status="temporarily closed",
        phones=[{"id": phone.pk, "number": NEW_PHONE, "phone_type": phone.phone_type}],
    )
    return data


def _task_force_publish_saves_a_draft(client, people, fr):
    """The task force is offered "Submit", not "Publish"; publishing anyway saves a draft only."""
    as_user(client, people["tf"])
    edit = client.get(url("edit", fr.pk)).content.decode()
    assert 'name="action-submit"' in edit and 'name="action-publish"' not in edit
    response = client.post(url("edit", fr.pk), changed_payload(fr))
    assert response.status_code == 302
    fr.refresh_from_db()
    assert (fr.status, fr.live, fr.has_unpublished_changes) == ("active", True, True)
    assert fr.get_latest_revision_as_object().status == "temporarily closed"


def _submit_for_review(client, fr):
    """The task force submits its change to the directory review: the workflow state, in progress."""
    data = changed_payload(fr)
    del data["action-publish"]
    data["action-submit"] = "1"
    response = client.post(url("edit", fr.pk), data)
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="service", object_id=str(fr.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    return state


def _approval_refused_to_task_forces(client, people, approve, fr):
    for refused in ("tf", "tf_etterbeek"):
        as_user(client, people[refused])
        client.post(approve, {"comment": ""})
        assert Service.objects.get(pk=fr.pk).status == "active", refused


def _phone_and_status_are_public(after):
    for where in ("page_fr", "page_nl", "api_fr", "api_nl"):
        assert NEW_PHONE in after[where] or NEW_PHONE.replace(" ", "") in after[where], where
    assert "tijdelijk gesloten" in after["page_nl"].casefold()
    assert '"temporarily closed"' in after["api_nl"]


def test_review_on_a_task_force_change_is_a_draft_until_a_manager_approves(client, people, listing):
    review(True)
    fr = listing["fr"]
    anonymous = Client()
    before = public_texts(anonymous, fr)
    assert all(NEW_PHONE not in text for text in before.values())
    _task_force_publish_saves_a_draft(client, people, fr)

    # Submitted to the directory review: still nothing public, in either language.
    state = _submit_for_review(client, fr)
    assert public_texts(anonymous, fr) == before
    nl = Service.objects.get(pk=listing["nl"].pk)
    assert (nl.status, [p.number for p in nl.phones.all()]) == ("active", ["02 123 45 67"])

    # Neither the task force itself nor another commune's task force can approve; a directory manager can.
    approve = url("workflow_action", fr.pk, "approve", state.current_task_state.pk)
    _approval_refused_to_task_forces(client, people, approve, fr)
    assert public_texts(anonymous, fr) == before
    as_user(client, people["mgr"])
    response = client.post(approve, {"comment": ""})
    assert response.status_code in (200, 302)
    fr.refresh_from_db()
    assert (fr.status, fr.live, fr.has_unpublished_changes) == ("temporarily closed", True, False)
    _phone_and_status_are_public(public_texts(anonymous, fr))


def test_another_communes_task_force_cannot_see_the_listing_under_review(client, people, listing):
    review(True)
    fr = listing["fr"]
    as_user(client, people["tf"])
    data = changed_payload(fr)
    del data["action-publish"]
    data["action-submit"] = "1"
    assert client.post(url("edit", fr.pk), data).status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="service", object_id=str(fr.pk))

    as_user(client, people["tf_etterbeek"])
    for view in ("edit", "history"):
        response = client.get(url(view, fr.pk))
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"), view
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Comptoir Midi" not in dashboard
    collect = url("collect_workflow_action_data", fr.pk, "approve", state.current_task_state.pk)
    assert client.get(collect).status_code in (302, 403)
    assert Service.objects.get(pk=fr.pk).status == "active"


def test_review_off_the_task_force_publishes_directly(client, people, listing):
    review(False)
    fr = listing["fr"]
    as_user(client, people["tf"])
    edit = client.get(url("edit", fr.pk)).content.decode()
    assert 'name="action-publish"' in edit
    response = client.post(url("edit", fr.pk), changed_payload(fr))
    assert response.status_code == 302
    fr.refresh_from_db()
    assert (fr.status, fr.has_unpublished_changes) == ("temporarily closed", False)
    texts = public_texts(Client(), fr)
    assert "tijdelijk gesloten" in texts["page_nl"].casefold()


def test_directory_managers_publish_directly_with_review_on(client, people, listing):
    review(True)
    fr = listing["fr"]
    as_user(client, people["mgr"])
    response = client.post(url("edit", fr.pk), changed_payload(fr))
    assert response.status_code == 302
    fr.refresh_from_db()
    assert (fr.status, fr.has_unpublished_changes) == ("temporarily closed", False)
    assert Service.objects.get(pk=listing["nl"].pk).status == "temporarily closed"


def test_only_directory_managers_switch_the_review(client, people):
    settings_url = reverse(
        "wagtailsettings:edit",
        args=["resources", "directoryreviewsettings", DirectoryReviewSettings.load().pk],
    )
    as_user(client, people["tf"])
    response = client.post(settings_url, {"task_force_review": "on"})
    assert response.status_code in (302, 403)
    assert not DirectoryReviewSettings.review_required()
    as_user(client, people["mgr"])
    assert client.get(settings_url).status_code == 200
    response = client.post(settings_url, {"task_force_review": "on"})
    assert response.status_code == 302
    assert DirectoryReviewSettings.review_required()


def test_a_draft_saved_in_french_does_not_reach_the_dutch_live_listing(listing, people):
    fr, nl = listing["fr"], listing["nl"]
    fr = Service.objects.get(pk=fr.pk)
    fr.status = "inactive"
    fr.save_revision(user=people["tf"])  # a draft: the live rows are unchanged
    assert Service.objects.get(pk=fr.pk).status == "active"
    assert Service.objects.get(pk=nl.pk).status == "active"
    Service.objects.get(pk=fr.pk).get_latest_revision().publish(user=people["mgr"])
    assert Service.objects.get(pk=nl.pk).status == "inactive"


def test_verified_today_stamps_the_live_listing_and_keeps_the_draft(listing, people):
    fr, nl = Service.objects.get(pk=listing["fr"].pk), listing["nl"]
    fr.cost = "Brouillon"
    fr.save_revision(user=people["tf"])
    fr = Service.objects.get(pk=fr.pk)
    mark_verified(fr, people["tf"])
    today = timezone.localdate()
    for row in (Service.objects.get(pk=fr.pk), Service.objects.get(pk=nl.pk)):
        assert (row.last_verified, row.verified_by) == (today, "tf")
    fr = Service.objects.get(pk=fr.pk)
    assert fr.has_unpublished_changes and fr.cost != "Brouillon"
    draft = fr.get_latest_revision_as_object()
    assert (draft.cost, draft.last_verified) == ("Brouillon", today)


def test_rollback_with_review_on_by_a_manager(client, people, listing):
    review(True)
    fr = listing["fr"]
    as_user(client, people["mgr"])
    assert client.post(url("edit", fr.pk), edit_payload(fr, cost="Gratuit")).status_code == 302
    first = Service.objects.get(pk=fr.pk).latest_revision
    assert client.post(url("edit", fr.pk), edit_payload(fr, status="temporarily closed")).status_code == 302
    assert Service.objects.get(pk=listing["nl"].pk).status == "temporarily closed"
    response = client.post(url("revisions_revert", fr.pk, first.pk), edit_payload(fr, status="active"))
    assert response.status_code == 302
    assert Service.objects.get(pk=fr.pk).status == "active"
    assert Service.objects.get(pk=listing["nl"].pk).status == "active"


def _gone_in(anonymous, code, row):
    """The listing's row in this language: no page, not in the search, the HSDS API or its list."""
    with translation.override(code):
        assert anonymous.get(reverse("resources:service", args=[row.pk])).status_code == 404
        search = anonymous.get(reverse("resources:search"), {"q": "Comptoir"}).content.decode()
    assert "Comptoir Midi" not in search
    assert anonymous.get(f"/api/hsds/services/{row.translation_key}", {"lang": code}).status_code == 404
    listed = anonymous.get("/api/hsds/services", {"lang": code}).content.decode()
    assert str(row.translation_key) not in listed


def _not_in_sitemap(sitemap, code, row):
    with translation.override(code):
        assert reverse("resources:service", args=[row.pk]) + "<" not in sitemap


def test_an_unpublished_listing_is_gone_from_pages_search_api_and_sitemap(client, people, listing):
    fr, nl = listing["fr"], listing["nl"]
    anonymous = Client()
    public_texts(anonymous, fr)  # public before
    as_user(client, people["mgr"])
    response = client.post(url("unpublish", fr.pk))
    assert response.status_code == 302
    assert not Service.objects.get(pk=fr.pk).live
    assert not Service.objects.get(pk=nl.pk).live  # the listing, in every language

    for code, row in (("fr", fr), ("nl", nl)):
        _gone_in(anonymous, code, row)
    sitemap = anonymous.get("/sitemap.xml").content.decode()
    for code, row in (("fr", fr), ("nl", nl)):
        _not_in_sitemap(sitemap, code, row)

    # Published again: back in both languages.
    Service.objects.get(pk=fr.pk).save_revision(user=people["mgr"]).publish(user=people["mgr"])
    assert Service.objects.get(pk=nl.pk).live
    public_texts(anonymous, fr)


def test_a_task_force_cannot_unpublish_while_review_is_on(client, people, listing):
    review(True)
    as_user(client, people["tf"])
    client.post(url("unpublish", listing["fr"].pk))
    assert Service.objects.get(pk=listing["fr"].pk).live


def test_a_location_change_waits_for_review(client, people, listing):
    review(True)
    location = Location.objects.get(service_links__service=listing["fr"])
    data = {
        "name": location.name,
        "location_type": location.location_type,
        "streets_fr": "Rue Nouvelle 9",
        "streets_nl": "",
        "postal_code": location.postal_code,
        "city": location.city,
        "url": "",
        "latitude": str(location.latitude),
        "longitude": str(location.longitude),
        "transportation_texts_fr": "",
        "transportation_texts_nl": "",
        "accessibility_texts_fr": "",
        "accessibility_texts_nl": "",
        "action-publish": "publish",
    }
    as_user(client, people["tf"])
    assert client.post(url("edit", location.pk, model="location"), data).status_code == 302
    assert Location.objects.get(pk=location.pk).streets == {"fr": "Rue de Test 1"}
    anonymous = Client()
    assert "Rue Nouvelle 9" not in public_texts(anonymous, listing["fr"])["page_fr"]
    as_user(client, people["mgr"])
    assert client.post(url("edit", location.pk, model="location"), data).status_code == 302
    assert Location.objects.get(pk=location.pk).streets == {"fr": "Rue Nouvelle 9"}
    assert "Rue Nouvelle 9" in public_texts(anonymous, listing["fr"])["page_fr"]


def test_a_draft_location_is_shown_nowhere(listing):
    location = Location.objects.get(service_links__service=listing["fr"])
    location.live = False
    location.save()
    texts = public_texts(Client(), listing["fr"])
    street = location.streets["fr"]
    assert street not in texts["page_fr"] and street not in texts["api_fr"]
    assert Service.objects.get(pk=listing["fr"].pk).point_count == 0


def test_existing_rows_migrate_as_live_and_the_workflow_is_assigned(listing):
    migration = importlib.import_module("resources.migrations.0009_drafts_and_review")
    Service.objects.update(live=False, live_revision=None, first_published_at=None)
    migration.existing_rows_are_live(django_apps, None)
    assert set(Service.objects.values_list("live", flat=True)) == {True}
    assert not Service.objects.filter(first_published_at__isnull=True).exists()
    for model in (Service, Location):
        assignment = WorkflowContentType.objects.get(
            content_type__app_label="resources", content_type__model=model._meta.model_name
        )
        assert assignment.workflow.name == migration.WORKFLOW_NAME and assignment.workflow.active
        tasks = [task.specific for task in assignment.workflow.tasks.all()]
        assert [group.name for group in tasks[0].groups.all()] == ["Directory managers"]


def test_save_verified_today_publishes_for_a_publisher_and_drafts_under_review(client, people, listing):
    fr, nl = listing["fr"], listing["nl"]
    today = timezone.localdate()
    as_user(client, people["mgr"])
    data = edit_payload(fr, cost="Sur place")
    del data["action-publish"]
    data["action-verify"] = "1"  # the menu item alone, as the browser posts it
    assert client.post(url("edit", fr.pk), data).status_code == 302
    row = Service.objects.get(pk=fr.pk)
    assert (row.cost, row.last_verified, row.has_unpublished_changes) == ("Sur place", today, False)

    review(True)
    Service.objects.filter(translation_key=fr.translation_key).update(last_verified=None, verified_by="")
    as_user(client, people["tf"])
    data = edit_payload(fr, cost="Brouillon", status="temporarily closed")
    del data["action-publish"]
    data["action-verify"] = "1"
    assert client.post(url("edit", fr.pk), data).status_code == 302
    for pk in (fr.pk, nl.pk):
        row = Service.objects.get(pk=pk)
        assert (row.status, row.last_verified, row.verified_by) == ("active", today, "tf")
    row = Service.objects.get(pk=fr.pk)
    assert row.cost == "Sur place" and row.get_latest_revision_as_object().cost == "Brouillon"
