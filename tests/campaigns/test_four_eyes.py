"""Health content goes live only through a reviewer's approval, with four eyes (docs/journeys.md § Reviewer,
roles.md: "the last editor of a variant or a health text cannot approve it", superusers included). Every refused
case is tried through the admin's own URLs, as a person (or a forged request) would."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from campaigns.review import HealthReviewTask
from home.roles import sync_roles

from . import factories as f

pytestmark = pytest.mark.django_db

MIX_ACTION = "wagtailsnippets_campaigns_mix:workflow_action"
MIX_EDIT = "wagtailsnippets_campaigns_mix:edit"


@pytest.fixture
def people(django_user_model):
    sync_roles()
    users = {}
    for username, groups in (
        ("editor", ["Editors"]),
        ("moderator", ["Moderators"]),
        ("reviewer", ["Reviewers"]),
        ("editing-reviewer", ["Editors", "Reviewers"]),
    ):
        user = django_user_model.objects.create_user(username, password=f"pw-{username}-123456")
        user.groups.add(*Group.objects.filter(name__in=groups))
        users[username] = user
    users["superuser"] = django_user_model.objects.create_superuser(
        "root", "root@example.org", "pw-root-123456"
    )
    return users


@pytest.fixture
def substances(home_fr):
    index = f.substance_index(home_fr)
    return f.substance(index, "Alcool"), f.substance(index, "Cocaïne")


@pytest.fixture
def mix(locales, substances):
    a, b = substances
    mix = f.mix(locales["fr"], a, b, risk="dangerous", explanation="Plus toxique pour le cœur.")
    mix.save_revision().publish()
    mix.refresh_from_db()
    return mix


def submit(obj, user, **changes):
    """`user` edits `obj` (a new revision by them) and submits it to its workflow."""
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save_revision(user=user)
    obj.get_workflow().start(obj, user)
    return WorkflowState.objects.get(
        base_content_type=obj.get_base_content_type(),
        object_id=str(obj.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    ).current_task_state


def approve_mix(client, user, mix, task_state):
    client.force_login(user)
    return client.post(reverse(MIX_ACTION, args=[mix.pk, "approve", task_state.pk]), {"comment": ""})


def approve_button(client, user, url) -> bool:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, (user, response.status_code, response.get("Location"))
    body = response.content.decode()
    return 'data-workflow-action-name="approve"' in body


@pytest.mark.parametrize("author", ["editing-reviewer", "superuser"])
def test_the_author_of_a_mix_change_cannot_approve_it_another_reviewer_can(client, people, mix, author):
    task_state = submit(mix, people[author], risk="low")
    assert isinstance(task_state.task.specific, HealthReviewTask)
    edit = reverse(MIX_EDIT, args=[mix.pk])

    assert not approve_button(client, people[author], edit)
    approve_mix(client, people[author], mix, task_state)
    mix.refresh_from_db()
    assert mix.risk == "dangerous"
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS

    assert approve_button(client, people["reviewer"], edit)
    approve_mix(client, people["reviewer"], mix, task_state)
    mix.refresh_from_db()
    assert (mix.risk, mix.live, mix.has_unpublished_changes) == ("low", True, False)


def test_a_reviewer_who_edits_during_the_review_can_no_longer_approve(client, people, mix):
    """The last editor is whoever saved the latest revision — not only the person who submitted."""
    task_state = submit(mix, people["editor"], risk="low")
    mix.explanation = "Réécrit par le relecteur."
    mix.save_revision(user=people["editing-reviewer"])
    approve_mix(client, people["editing-reviewer"], mix, task_state)
    mix.refresh_from_db()
    assert mix.risk == "dangerous"
    approve_mix(client, people["reviewer"], mix, task_state)
    mix.refresh_from_db()
    assert (mix.risk, mix.explanation) == ("low", "Réécrit par le relecteur.")


def test_moderators_and_superusers_cannot_publish_a_mix_directly(client, people, mix):
    edit = reverse(MIX_EDIT, args=[mix.pk])
    form = {"substance_a": mix.substance_a_id, "substance_b": mix.substance_b_id, "risk": "low"}
    for name in ("moderator", "superuser"):
        client.force_login(people[name])
        assert 'name="action-publish"' not in client.get(edit).content.decode()
        client.post(edit, {**form, "explanation": f"Publié par {name}.", "action-publish": "publish"})
        mix.refresh_from_db()
        assert mix.risk == "dangerous", name


def test_the_reviewers_queue_leaves_out_what_they_wrote(people, mix):
    task_state = submit(mix, people["editing-reviewer"], risk="low")
    task = task_state.task.specific
    assert task_state in task.get_task_states_user_can_moderate(people["reviewer"])
    assert task_state not in task.get_task_states_user_can_moderate(people["editing-reviewer"])


def test_a_fact_sheet_is_not_published_directly(client, people, substances):
    page = substances[0]
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.force_login(people["moderator"])
    assert 'name="action-publish"' not in client.get(edit).content.decode()
    assert not page.permissions_for_user(people["superuser"]).can_publish()
    assert page.permissions_for_user(people["moderator"]).can_unpublish()


@pytest.fixture
def sheet_review(people, substances):
    """A fact sheet's change submitted by the superuser: (page, its edit URL, the task state, the approve URL)."""
    page = substances[0]
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    task_state = submit(page, people["superuser"], effects="<p>Nouveaux effets.</p>")
    action = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return page, edit, task_state, action


def test_a_fact_sheet_goes_to_the_health_review(sheet_review):
    _page, _edit, task_state, _action = sheet_review
    assert isinstance(task_state.task.specific, HealthReviewTask)


@pytest.mark.parametrize("refused", ["superuser", "moderator", "editor"])
def test_a_fact_sheet_is_never_approved_by_its_author_nor_a_non_reviewer(
    client, people, sheet_review, refused
):
    page, _edit, _task_state, action = sheet_review
    client.force_login(people[refused])
    client.post(action, {"comment": ""})
    page.refresh_from_db()
    assert "Nouveaux effets" not in page.effects, refused


def test_the_author_of_a_fact_sheet_is_not_offered_the_approval(client, people, sheet_review):
    _page, edit, _task_state, _action = sheet_review
    assert not approve_button(client, people["superuser"], edit)


def test_a_fact_sheet_is_published_by_a_reviewer_only_and_never_by_its_author(client, people, sheet_review):
    page, edit, _task_state, action = sheet_review
    assert approve_button(client, people["reviewer"], edit)
    client.post(action, {"comment": ""})
    page.refresh_from_db()
    assert "Nouveaux effets" in page.effects
    assert page.live
    assert not page.has_unpublished_changes
    assert client.__class__().get(page.url).status_code == 200


def test_approving_from_the_edit_view_saves_a_revision_that_does_not_make_the_reviewer_its_author(
    client, people, mix
):
    """The browser approves from the edit form: Wagtail saves the form as a revision by the reviewer first. A
    save that changes nothing leaves the editor as the author; a reviewer who changes the text becomes it."""
    task_state = submit(mix, people["editor"], risk="low")
    edit = reverse(MIX_EDIT, args=[mix.pk])
    form = {"substance_a": mix.substance_a_id, "substance_b": mix.substance_b_id, "risk": "low"}
    approve = {"action-workflow-action": "1", "workflow-action-name": "approve"}

    client.force_login(people["editing-reviewer"])  # changes the text while approving: refused
    client.post(edit, {**form, "explanation": "Changé en approuvant.", **approve})
    mix.refresh_from_db()
    assert mix.risk == "dangerous"
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS

    client.force_login(people["reviewer"])  # approves the form as it is: published
    client.post(edit, {**form, "explanation": "Changé en approuvant.", **approve})
    mix.refresh_from_db()
    assert (mix.risk, mix.explanation, mix.has_unpublished_changes) == ("low", "Changé en approuvant.", False)
