"""Admin: directory managers edit everything; a commune task force only its communes' services."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from resources.models import Commune, Hotspot, Location, Service, StaleReminder, TaskForce

from .conftest import ETTERBEEK


@pytest.fixture
def services(make_service):
    midi, midi_nl = make_service("Service Midi")  # Saint-Gilles (21013)
    etterbeek, _ = make_service("Service Etterbeek", point=ETTERBEEK)  # Etterbeek (21005)
    return {"midi": midi, "midi_nl": midi_nl, "etterbeek": etterbeek}


def _group(name, perms):
    group, _created = Group.objects.get_or_create(name=name)  # "Directory managers" exists after migrate
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in perms:
        group.permissions.add(Permission.objects.get(codename=codename, content_type__app_label="resources"))
    return group


@pytest.fixture
def task_force_client(client, django_user_model, services):
    group = _group(
        "Task force Saint-Gilles",
        ["add_service", "change_service", "publish_service", "delete_service", "view_service"],
    )
    task_force = TaskForce.objects.create(group=group, email="tf@example.org")
    task_force.communes.add(Commune.objects.get(nis_code="21013"))
    user = django_user_model.objects.create_user("tf", "tf@example.org", "pw-tf-123456789")
    user.groups.add(group)
    client.force_login(user)
    return client


@pytest.fixture
def manager_client(client, django_user_model, services):
    group = _group("Directory managers", ["add_service", "change_service", "delete_service", "view_service"])
    user = django_user_model.objects.create_user("mgr", "mgr@example.org", "pw-mgr-123456789")
    user.groups.add(group)
    client.force_login(user)
    return client


def url(name, *args):
    return reverse(f"wagtailsnippets_resources_service:{name}", args=args)


def test_task_force_list_shows_only_its_communes(task_force_client, services):
    content = task_force_client.get(url("list")).content.decode()
    assert "Service Midi" in content
    assert "Service Etterbeek" not in content


def test_manager_sees_everything(manager_client, services):
    content = manager_client.get(url("list")).content.decode()
    assert "Service Midi" in content and "Service Etterbeek" in content


def test_task_force_edit_and_delete_refused_outside(task_force_client, services):
    other = services["etterbeek"]
    assert task_force_client.get(url("edit", other.pk)).status_code in (302, 403)
    assert task_force_client.get(url("delete", other.pk)).status_code in (302, 403)
    response = task_force_client.post(url("delete", other.pk))
    assert response.status_code in (302, 403)
    assert Service.objects.filter(pk=other.pk).exists()
    assert task_force_client.get(url("edit", services["midi"].pk)).status_code == 200


def test_task_force_can_delete_inside(task_force_client, services):
    own = services["midi"]
    assert task_force_client.get(url("delete", own.pk)).status_code == 200


def test_task_force_export_is_scoped(task_force_client, services):
    response = task_force_client.get(url("list") + "?export=csv")
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "Service Midi" in body
    assert "Service Etterbeek" not in body


def _create_payload(service, location):
    return {
        "organisation": service.organisation_id,
        "name": "Nouveau",
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
            for key, value in {
                "TOTAL_FORMS": "0",
                "INITIAL_FORMS": "0",
                "MIN_NUM_FORMS": "0",
                "MAX_NUM_FORMS": "1000",
            }.items()
        },
        "source_urls": "",
        "action-publish": "publish",
    }


def test_task_force_create_refused_outside_its_communes(task_force_client, services):
    outside = Location.objects.exclude(commune__nis_code="21013").first()
    inside = Location.objects.filter(commune__nis_code="21013").first()
    before = Service.objects.count()
    response = task_force_client.post(url("add"), _create_payload(services["etterbeek"], outside))
    assert response.status_code == 200  # form shown again with the error
    assert Service.objects.count() == before
    response = task_force_client.post(url("add"), _create_payload(services["midi"], inside))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Service.objects.count() == before + 1


def test_user_without_permission_is_refused(client, django_user_model, services):
    user = django_user_model.objects.create_user("nobody", "n@example.org", "pw-nobody-12345678")
    user.groups.add(_group("Readers", []))
    client.force_login(user)
    assert client.get(url("list")).status_code in (302, 403)


def test_stale_listings_flagged_and_reminded_once(
    admin_client, services, settings, django_capture_on_commit_callbacks
):
    group = Group.objects.create(name="Task force Saint-Gilles")
    task_force = TaskForce.objects.create(group=group, email="tf@example.org")
    task_force.communes.add(Commune.objects.get(nis_code="21013"))
    midi = services["midi"]
    Service.objects.filter(translation_key=midi.translation_key).update(last_verified=dt.date(2020, 1, 1))
    Service.objects.filter(pk=services["etterbeek"].pk).update(last_verified=dt.date.today())
    with django_capture_on_commit_callbacks(execute=True):  # sent from the outbox once committed
        call_command("remind_stale_listings")
    assert [m.to for m in mail.outbox] == [["tf@example.org"]]
    assert "Service Midi" in mail.outbox[0].body
    assert StaleReminder.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_stale_listings")
    assert len(mail.outbox) == 1  # never the same reminder twice
    # Verified again, then stale again later: a new period, a new reminder.
    Service.objects.filter(pk=midi.pk).update(last_verified=dt.date(2022, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_stale_listings")
    assert len(mail.outbox) == 2
    content = admin_client.get(url("list")).content.decode()
    assert "Not verified for 6 months" in content or "Non vérifié depuis 6 mois" in content


@pytest.mark.parametrize(
    "name",
    [
        "wagtailsnippets_resources_service:list",
        "wagtailsnippets_resources_service:add",
        "wagtailsnippets_resources_organisation:list",
        "wagtailsnippets_resources_location:list",
        "wagtailsnippets_resources_location:add",
        "wagtailsnippets_resources_hotspot:list",
        "wagtailsnippets_resources_category:list",
        "resources_problemreport:index",
        "resources_taskforce:index",
        "resources_taskforce:add",
    ],
)
def test_admin_screens_render_for_superuser(admin_client, services, name):
    assert admin_client.get(reverse(name)).status_code == 200


def test_admin_edit_screens_render(admin_client, services):
    assert admin_client.get(url("edit", services["midi"].pk)).status_code == 200
    hotspot_pk = Hotspot.objects.first().pk
    assert (
        admin_client.get(reverse("wagtailsnippets_resources_hotspot:edit", args=[hotspot_pk])).status_code
        == 200
    )


def test_sitemap_lists_directory_pages(client, services):
    body = client.get("/sitemap.xml").content.decode()
    assert "/fr/aide/quartier/804/" in body
    assert "/nl/hulp/hotspot/gare-du-midi/" in body
    assert f"/fr/aide/service/{services['midi'].pk}/" in body


def test_task_force_bulk_delete_is_scoped(task_force_client, services):
    """A selection naming another commune's listing is refused whole (its name is not shown); the own one goes."""
    own, other = services["midi"], services["etterbeek"]
    bulk = reverse("wagtail_bulk_action", args=("resources", "service", "delete"))
    mixed = f"?id={own.pk}&id={other.pk}"
    for method in ("get", "post"):
        response = getattr(task_force_client, method)(bulk + mixed, follow=True)
        assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
        assert "Service Etterbeek" not in response.content.decode()
    assert Service.objects.filter(pk__in=[own.pk, other.pk]).count() == 2
    task_force_client.post(bulk + f"?id={own.pk}")
    assert not Service.objects.filter(pk=own.pk).exists()
    assert Service.objects.filter(pk=other.pk).exists()


def test_service_list_shows_the_stalest_listings_first(task_force_client, make_service):
    """docs/journeys.md, commune task force, step 1: the stale listings first (never verified, then oldest)."""
    recent, _ = make_service("Alpha vérifié hier", last_verified=dt.date.today() - dt.timedelta(days=1))
    old, _ = make_service("Beta vérifié en 2020", last_verified=dt.date(2020, 1, 1))
    content = task_force_client.get(url("list")).content.decode()
    never = content.index("Service Midi")  # never verified
    assert never < content.index("Beta vérifié en 2020") < content.index("Alpha vérifié hier")


# --- Issue #14, item 4: no listing that leads nowhere ------------------------------------------------------


def _hidden_in_saint_gilles():
    return Location.objects.create(
        name="Abri", latitude=50.8362, longitude=4.3352, postal_code="1060", hidden_address=True
    )


def test_a_listing_is_published_only_with_a_way_to_reach_it(task_force_client, services):
    from django.utils import translation

    from resources.completeness import REACH_MESSAGE

    shelter = _hidden_in_saint_gilles()  # a hidden address reaches nobody
    before = Service.objects.count()
    payload = _create_payload(services["midi"], shelter)
    response = task_force_client.post(url("add"), payload)
    assert response.status_code == 200
    with translation.override("fr"):
        message = str(REACH_MESSAGE)
    assert message.startswith("Une fiche")  # the admin speaks French here
    assert escape(message) in response.content.decode()
    assert Service.objects.count() == before
    # In Dutch for a Dutch-speaking member.
    response = task_force_client.post(url("add"), payload, HTTP_ACCEPT_LANGUAGE="nl")
    with translation.override("nl"):
        assert escape(str(REACH_MESSAGE)) in response.content.decode()
    # Unpublished, it may be saved (to be completed); published with a number, too.
    assert task_force_client.post(url("add"), {**payload, "status": "inactive"}).status_code == 302
    with_phone = {
        **payload,
        "name": "Abri avec numéro",
        "phones-TOTAL_FORMS": "1",
        "phones-0-number": "02 000 00 00",
        "phones-0-phone_type": "voice",
        "phones-0-ORDER": "1",
    }
    assert task_force_client.post(url("add"), with_phone).status_code == 302
    assert Service.objects.count() == before + 2
    # A fax is no way to reach a young person.
    fax = {**with_phone, "name": "Abri fax", "phones-0-phone_type": "fax"}
    assert task_force_client.post(url("add"), fax).status_code == 200


def test_call_for_hours_only_with_a_number(client, make_service):
    from django.utils import translation

    fr, _nl = make_service("Sans horaires", website="https://example.org")
    with translation.override("fr"):
        call, unknown = (
            translation.gettext("Call for hours"),
            translation.gettext("Opening hours not given: ask the service."),
        )
    assert call in client.get(reverse("resources:service", args=[fr.pk])).content.decode()
    fr.phones.all().delete()
    fr.save()  # as the admin and the imports do: the listing's save publishes the change (and drops the memo)
    page = client.get(reverse("resources:service", args=[fr.pk])).content.decode()
    assert call not in page and escape(unknown) in page
    with translation.override("fr"):
        assert translation.gettext("Hours not given") in page


def test_completeness_score_and_a_task_forces_listings_to_complete(task_force_client, services):
    from resources.completeness import CHECKS, score
    from resources.selectors import with_relations

    midi = with_relations(Service.objects.filter(pk=services["midi"].pk)).get()
    assert 0 < score(midi) < 100  # a phone, an address, a category; no hours, eligibility, what to bring...
    listing = task_force_client.get(url("list")).content.decode()
    assert f"{score(midi)} %" in listing
    page = task_force_client.get(reverse("resources_to_complete:index"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Service Midi" in html and "Service Etterbeek" not in html  # scoped to its communes
    assert url("edit", midi.pk) in html
    # Complete and verified: no longer listed.
    Service.objects.filter(pk=midi.pk).update(
        always_open=True,
        eligibility="Tout le monde",
        what_to_bring="Rien",
        wheelchair=True,
        last_verified=dt.date.today(),
    )
    midi = with_relations(Service.objects.filter(pk=midi.pk)).get()
    assert score(midi) == 100 and len(CHECKS) == 10
    assert (
        "Service Midi" not in task_force_client.get(reverse("resources_to_complete:index")).content.decode()
    )


def test_stale_reminders_go_to_the_task_forces_own_address_with_links(
    services, django_user_model, django_capture_on_commit_callbacks, settings
):
    settings.DIRECTORY_MANAGERS_EMAILS = ["managers@example.org"]
    settings.WAGTAILADMIN_BASE_URL = "https://prevention.example"
    group = Group.objects.create(name="Task force Saint-Gilles")
    task_force = TaskForce.objects.create(group=group)  # no address of its own: its members'
    task_force.communes.add(Commune.objects.get(nis_code="21013"))
    member = django_user_model.objects.create_user("tfm", "member@example.org", "pw-member-12345678")
    member.groups.add(group)
    Service.objects.update(last_verified=dt.date(2020, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_stale_listings")
    sent = {tuple(m.to): m.body for m in mail.outbox}
    assert set(sent) == {("member@example.org",), ("managers@example.org",)}  # Etterbeek has no task force
    body = sent[("member@example.org",)]
    assert "Service Midi" in body and "Service Etterbeek" not in body
    assert f"https://prevention.example{url('edit', services['midi'].pk)}" in body
    assert "https://prevention.example" + reverse("resources_to_complete:index") in body
