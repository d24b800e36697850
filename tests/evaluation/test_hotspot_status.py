"""A hotspot's status is its history: the directory's public status (resources.Hotspot.status, shown on the
neighbourhoods page) is derived from the latest recorded status change, by the one service that records changes
and whatever path saves or deletes one; the two cannot disagree, and the Hotspot form does not edit it."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from evaluation.hotspots import record_status_change, status_disagreements
from evaluation.models import HotspotStatusChange
from home.roles import sync_roles
from resources.models import Commune, Hotspot

from .conftest import english

pytestmark = pytest.mark.django_db


@pytest.fixture
def matonge(locales):
    commune = Commune.objects.create(
        nis_code="21009", names={"fr": "Ixelles", "nl": "Elsene"}, postal_codes=["1050"]
    )
    fr = Hotspot.objects.create(locale=locales["fr"], name="Matonge", slug="matonge", commune=commune)
    nl = fr.copy_for_translation(locales["nl"])
    nl.save()
    return fr


def statuses(slug="matonge"):
    return sorted(Hotspot.objects.filter(slug=slug).values_list("status", flat=True))


def test_recording_a_change_sets_the_directory_status_in_every_language(matonge, django_user_model):
    author = django_user_model.objects.create_user("cell-a", password="pw-cell-a-123456")
    assert statuses() == ["active", "active"]
    change = record_status_change(
        hotspot_slug="matonge", date=date(2026, 5, 1), status="renewal", reason="Urban renewal", author=author
    )
    assert change.author == author
    assert statuses() == ["eased", "eased"]
    # An older change recorded later does not win: the latest by date does.
    record_status_change(hotspot_slug="matonge", date=date(2026, 1, 1), status="escalating", reason="Older")
    assert statuses() == ["eased", "eased"]
    record_status_change(hotspot_slug="matonge", date=date(2026, 6, 1), status="escalating", reason="Back")
    assert statuses() == ["active", "active"]
    assert status_disagreements() == []


def test_any_path_that_saves_or_deletes_a_change_keeps_them_in_line(matonge):
    change = HotspotStatusChange.objects.create(
        hotspot_slug="matonge", date=date(2026, 2, 1), status="closed", reason="Closed"
    )
    assert statuses() == ["eased", "eased"]
    change.status = "designated"
    change.save()
    assert statuses() == ["active", "active"]
    change.status = "easing"
    change.save()
    assert statuses() == ["eased", "eased"]
    change.delete()  # no history left: as designated
    assert statuses() == ["active", "active"]
    assert status_disagreements() == []


def test_a_directory_status_written_behind_the_history_is_reported(matonge):
    record_status_change(hotspot_slug="matonge", date=date(2026, 2, 1), status="easing", reason="Easing")
    Hotspot.objects.filter(slug="matonge").update(status="active")  # a bulk write that bypasses the service
    assert status_disagreements() == [("matonge", "active", "eased")]


def test_the_regional_cell_records_through_the_service(client, django_user_model, matonge):
    sync_roles()
    user = django_user_model.objects.create_user("cell-b", password="pw-cell-b-123456")
    user.groups.add(Group.objects.get(name="Regional security cell"))
    client.force_login(english(user))
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        "/admin/evaluation/regional/",
        {"hotspot_slug": "matonge", "date": yesterday, "status": "closed", "reason": "Closed by the council"},
    )
    assert response.status_code == 302
    assert HotspotStatusChange.objects.get(hotspot_slug="matonge").author == user
    assert statuses() == ["eased", "eased"]


def test_the_hotspot_form_does_not_edit_the_status(matonge):
    from wagtail.admin.panels import get_edit_handler

    form_class = get_edit_handler(Hotspot).get_form_class()
    assert "status" not in form_class.base_fields or form_class.base_fields["status"].disabled
