"""Listings keep a history (issue #14, item 3): every admin save is a revision that the history lists, two revisions
compare with a diff, an older one is rolled back in every language; "verified today" stamps who and when, only
within the task force's communes."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from resources.models import Location, Service

from .test_admin import _group, services, task_force_client  # noqa: F401 (fixtures)
from .test_listing import edit_payload


def url(name, *args):
    return reverse(f"wagtailsnippets_resources_service:{name}", args=args)


def _three_edits(admin_client, fr):
    """Three admin saves of the listing (cost "Gratuit", then "5 euros", then closed): its revisions, oldest first."""
    for cost in ("Gratuit", "5 euros"):
        response = admin_client.post(url("edit", fr.pk), edit_payload(fr, cost=cost, status="active"))
        assert response.status_code == 302, response.content.decode()[:2000]
    response = admin_client.post(url("edit", fr.pk), edit_payload(fr, status="temporarily closed"))
    assert response.status_code == 302
    return list(Service.objects.get(pk=fr.pk).revisions.order_by("created_at", "pk"))


def test_edits_are_revisions_with_history_and_diff(admin_client, services):  # noqa: F811
    fr = services["midi"]
    revisions = _three_edits(admin_client, fr)
    assert len(revisions) == 3
    history = admin_client.get(url("history", fr.pk))
    assert history.status_code == 200
    assert history.content.decode().count("revisions/") >= 3  # links to each revision

    first, last = revisions[0], revisions[-1]
    compare = admin_client.get(url("revisions_compare", fr.pk, first.pk, last.pk))
    assert compare.status_code == 200
    diff = compare.content.decode()
    assert "Gratuit" in diff and "5 euros" in diff


def test_rollback_in_every_language(admin_client, services):  # noqa: F811
    fr, nl = services["midi"], services["midi_nl"]
    first = _three_edits(admin_client, fr)[0]
    # Roll back to the first revision (the revert view shows its form; saving it restores the listing).
    revert = admin_client.get(url("revisions_revert", fr.pk, first.pk))
    assert revert.status_code == 200
    old = first.as_object()
    response = admin_client.post(
        url("revisions_revert", fr.pk, first.pk), edit_payload(fr, cost=old.cost, status=old.status)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    fr.refresh_from_db()
    nl.refresh_from_db()
    assert (fr.cost, fr.status) == ("Gratuit", "active")
    assert nl.status == "active"  # the fact rolled back in Dutch too
    assert Service.objects.get(pk=fr.pk).revisions.count() == 4


def test_location_history_and_compare(admin_client, services):  # noqa: F811
    location = Location.objects.filter(service_links__service=services["midi"]).first()
    response = admin_client.get(reverse("wagtailsnippets_resources_location:history", args=[location.pk]))
    assert response.status_code == 200


def test_task_force_marks_its_listing_verified_today_in_every_language(task_force_client, services):  # noqa: F811
    own, own_nl, other = services["midi"], services["midi_nl"], services["etterbeek"]
    listing = task_force_client.get(url("list")).content.decode()
    assert url("verify", own.pk) in listing
    assert task_force_client.get(url("verify", own.pk)).status_code == 200
    response = task_force_client.post(url("verify", own.pk))
    assert response.status_code == 302
    today = timezone.localdate()
    for row in (own, own_nl):
        row.refresh_from_db()
        assert (row.last_verified, row.verified_by) == (today, "tf")
    revision = Service.objects.get(pk=own.pk).revisions.get()
    assert revision.user.username == "tf"
    history = task_force_client.get(url("history", own.pk)).content.decode()
    assert "Marqué comme vérifié aujourd’hui" in history or "Marked as verified today" in history

    # Another commune's listing: refused, unchanged.
    response = task_force_client.post(url("verify", other.pk))
    assert response.status_code == 302 and response.headers["Location"] == reverse("wagtailadmin_home")
    other.refresh_from_db()
    assert other.last_verified is None


def test_save_verified_today_from_the_edit_view(task_force_client, services):  # noqa: F811
    own = services["midi"]
    edit = task_force_client.get(url("edit", own.pk)).content.decode()
    assert 'name="action-verify"' in edit
    data = edit_payload(own, cost="Sur place")
    data["action-verify"] = "1"
    response = task_force_client.post(url("edit", own.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    own.refresh_from_db()
    assert (own.cost, own.last_verified, own.verified_by) == ("Sur place", timezone.localdate(), "tf")
    assert (
        services["midi_nl"].__class__.objects.get(pk=services["midi_nl"].pk).last_verified
        == own.last_verified
    )


def test_verify_without_change_permission_is_refused(client, django_user_model, services):  # noqa: F811
    group = _group("Readers", ["view_service"])
    user = django_user_model.objects.create_user("reader", "r@example.org", "pw-reader-12345678")
    user.groups.add(group)
    client.force_login(user)
    response = client.post(url("verify", services["midi"].pk))
    assert response.status_code in (302, 403)
    services["midi"].refresh_from_db()
    assert services["midi"].last_verified is None
