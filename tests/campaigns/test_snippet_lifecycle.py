"""Health content is reviewed before it is live (issue #12, requirement 5): quizzes, self-checks and mixes have
drafts, revisions, a live preview and the moderation workflow; the public site reads published versions only; an
editor cannot publish; a translator translates but never changes facts."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowContentType, WorkflowState
from wagtail.permissions import policy_registry
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments.extract import extract_segments

from campaigns.models import Mix, Quiz, SelfCheck
from campaigns.review import HealthReviewTask
from home.roles import sync_roles

from . import factories as f

pytestmark = pytest.mark.django_db

MIX_URL = "wagtailsnippets_campaigns_mix:{}"


@pytest.fixture
def substances(home_fr):
    index = f.substance_index(home_fr)
    return f.substance(index, "Alcool"), f.substance(index, "Cocaïne")


@pytest.fixture
def published_mix(locales, substances):
    a, b = substances
    mix = f.mix(locales["fr"], a, b, risk="dangerous", explanation="Plus toxique pour le cœur.")
    revision = mix.save_revision()
    revision.publish()
    mix.refresh_from_db()
    return mix


@pytest.fixture
def people(django_user_model):
    sync_roles()
    users = {}
    for username, group in (
        ("editor", "Editors"),
        ("moderator", "Moderators"),
        ("translator", "Translators"),
        ("reviewer", "Reviewers"),
        ("reviewer2", "Reviewers"),
    ):
        user = django_user_model.objects.create_user(username, password=f"pw-{username}-123456")
        user.groups.add(Group.objects.get(name=group))
        users[username] = user
    return users


def mix_form(mix, **changes):
    data = {
        "substance_a": mix.substance_a_id,
        "substance_b": mix.substance_b_id,
        "risk": mix.risk,
        "explanation": mix.explanation,
    }
    data.update(changes)
    return data


def public_risk(client, mix):
    response = client.get("/fr/prevention/mix/", {"a": mix.substance_a_id, "b": mix.substance_b_id})
    assert response.status_code == 200
    return f.text(response)


@pytest.fixture
def drafted(client, people, published_mix):
    """The editor saves a draft that lowers the risk, then tries to publish it (the editor stays signed in):
    (the mix, its edit URL)."""
    mix = published_mix
    client.force_login(people["editor"])
    edit = reverse(MIX_URL.format("edit"), args=[mix.pk])
    response = client.post(edit, mix_form(mix, risk="low", explanation="Brouillon : risque faible."))
    assert response.status_code == 302
    client.post(edit, {**mix_form(mix, risk="low"), "action-publish": "publish"})
    mix.refresh_from_db()
    return mix, edit


def test_an_editor_saves_the_draft_only(drafted):
    mix, _edit = drafted
    assert (mix.risk, mix.live, mix.has_unpublished_changes) == ("dangerous", True, True)
    assert mix.get_latest_revision_as_object().risk == "low"


def test_the_public_still_sees_the_published_risk_of_a_draft(client, drafted):
    """The public checker and the fact sheet still show the published risk."""
    mix, _edit = drafted
    anonymous = client.__class__()
    assert "Plus toxique pour le cœur." in public_risk(anonymous, mix)
    assert "Brouillon" not in public_risk(anonymous, mix)
    assert [m.risk for m, _other in Mix.for_substance(mix.substance_a)] == ["dangerous"]


@pytest.fixture
def in_review(client, drafted):
    """The draft submitted to the health review: (the mix, the URL that approves its current task)."""
    mix, edit = drafted
    response = client.post(
        edit, {**mix_form(mix, risk="low", explanation="Brouillon."), "action-submit": "1"}
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="mix", object_id=str(mix.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    approve = reverse(
        MIX_URL.format("workflow_action"), args=[mix.pk, "approve", state.current_task_state.pk]
    )
    return mix, approve


def test_a_draft_in_review_is_not_public(client, in_review):
    mix, _approve = in_review
    mix.refresh_from_db()
    assert mix.risk == "dangerous"
    assert "Plus toxique pour le cœur." in public_risk(client.__class__(), mix)


@pytest.mark.parametrize("refused", ["editor", "moderator"])
def test_neither_an_editor_nor_a_moderator_approves_health_content(client, people, in_review, refused):
    """Publishing health content is the reviewers'."""
    mix, approve = in_review
    client.force_login(people[refused])
    client.post(approve, {"comment": ""})
    mix.refresh_from_db()
    assert mix.risk == "dangerous", refused


def test_an_editors_draft_is_not_public_until_a_reviewer_approves_it(client, people, in_review):
    mix, approve = in_review
    client.force_login(people["reviewer"])
    response = client.post(approve, {"comment": ""})
    assert response.status_code in (200, 302)
    mix.refresh_from_db()
    assert (mix.risk, mix.live, mix.has_unpublished_changes) == ("low", True, False)
    assert "Brouillon." in public_risk(client.__class__(), mix)


def test_a_new_quiz_is_a_draft_and_not_public(client, people, locales, home_fr):
    quiz = f.quiz(locales["fr"])  # a published one, for the form data shape
    client.force_login(people["editor"])
    response = client.get(reverse("wagtailsnippets_campaigns_quiz:edit", args=[quiz.pk]))
    assert response.status_code == 200
    draft = Quiz(locale=locales["fr"], title="Nouveau quiz", questions=quiz.questions.raw_data, live=False)
    draft.save()
    draft.save_revision(user=people["editor"])
    assert client.__class__().get(f"/fr/prevention/quiz/{draft.pk}/").status_code == 404
    assert client.__class__().get(f"/fr/prevention/quiz/{quiz.pk}/").status_code == 200
    # A page that embeds the draft quiz does not show it.
    page = f.campaign(f.campaign_index(home_fr), quiz=draft)
    assert "Nouveau quiz" not in f.text(client.__class__().get(page.url))


def test_self_check_draft_is_not_public(client, locales):
    check = f.self_check(locales["fr"])
    check.live = False
    check.save()
    assert client.get(f"/fr/prevention/self-check/{check.pk}/").status_code == 404


def test_nobody_publishes_health_content_directly_not_even_a_superuser(people, django_user_model):
    """roles.md: health content is approved by a reviewer through the workflow; the approval publishes."""
    superuser = django_user_model.objects.create_superuser(
        "root-publisher", "root@example.org", "pw-root-123456"
    )
    for model in (Quiz, SelfCheck, Mix):
        policy = policy_registry.get_by_type(model)
        for user in (*people.values(), superuser):
            assert not policy.user_has_permission(user, "publish"), (model, user)
        assert not people["translator"].has_perm(f"campaigns.add_{model._meta.model_name}")


def test_the_three_types_have_the_health_review_workflow(locales):
    for model in (Quiz, SelfCheck, Mix):
        assignment = WorkflowContentType.objects.get(content_type__model=model._meta.model_name)
        assert assignment.workflow.active
        assert model(locale=locales["fr"]).get_workflow() == assignment.workflow
        tasks = [task.specific for task in assignment.workflow.tasks.all()]
        assert [type(task) for task in tasks] == [HealthReviewTask]
        assert [group.name for group in tasks[0].groups.all()] == ["Reviewers"]


def test_snippet_live_preview_shows_the_draft_and_can_be_framed(admin_client, published_mix):
    mix = published_mix
    url = reverse(MIX_URL.format("preview_on_edit"), args=[mix.pk])
    response = admin_client.post(
        url, mix_form(mix, risk="very_dangerous", explanation="Aperçu du brouillon.")
    )
    assert response.json()["is_valid"] is True
    response = admin_client.get(url, {"mode": "", "in_preview_panel": "true"})
    assert response.status_code == 200
    body = f.text(response)
    assert "Aperçu du brouillon." in body
    assert f.t("Very dangerous") in body
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    mix.refresh_from_db()
    assert mix.risk == "dangerous"  # a preview changes nothing


def test_quiz_preview_shows_answers_for_review(admin_client, locales):
    quiz = f.quiz(locales["fr"])
    revision = quiz.save_revision()
    url = reverse("wagtailsnippets_campaigns_quiz:revisions_view", args=[quiz.pk, revision.pk])
    response = admin_client.get(url, {"mode": "answers"})
    assert response.status_code == 200
    body = f.text(response)
    assert "Seul le temps fait baisser l'alcoolémie." in body
    assert '<html lang="fr"' in body


def test_translator_cannot_edit_the_source_but_translates_the_synced_copy(
    client, people, published_mix, locales
):
    mix = published_mix
    client.force_login(people["translator"])
    edit = reverse(MIX_URL.format("edit"), args=[mix.pk])
    response = client.post(edit, mix_form(mix, risk="low"))
    assert response.status_code in (302, 403)
    assert client.get(edit).status_code in (302, 403)
    preview = reverse(MIX_URL.format("preview_on_edit"), args=[mix.pk])
    assert client.post(preview, mix_form(mix, risk="low")).status_code in (302, 403)
    mix.refresh_from_db()
    assert mix.risk == "dangerous" and not mix.has_unpublished_changes

    # Translated (as "Translate" does): the Dutch copy opens in wagtail-localize's editor, which has no risk field.
    source, _created = TranslationSource.get_or_create_from_instance(mix)
    translation = Translation.objects.create(source=source, target_locale=locales["nl"])
    translation.save_target(publish=False)
    copy = mix.get_translation(locales["nl"])
    response = client.get(reverse(MIX_URL.format("edit"), args=[copy.pk]))
    assert response.status_code == 200
    assert "wagtail-localize" in response.content.decode() or "editTranslation" in response.content.decode()
    assert 'name="risk"' not in response.content.decode()

    # Stopped translations open Wagtail's plain form: refused to a translator.
    translation.enabled = False
    translation.save()
    assert client.get(reverse(MIX_URL.format("edit"), args=[copy.pk])).status_code in (302, 403)


def test_facts_are_not_translatable_segments(published_mix, locales):
    """Risk levels, answers' "correct" ticks, scores and score limits are never offered to translators."""
    mix_fields = {segment.path for segment in extract_segments(published_mix)}
    assert mix_fields == {"explanation"}
    quiz = f.quiz(locales["fr"])
    paths = {segment.path for segment in extract_segments(quiz)}
    assert paths and not any(
        path.endswith((".correct", ".score", ".min_score", ".max_score")) for path in paths
    )
    check = f.self_check(locales["fr"])
    paths = {segment.path for segment in extract_segments(check)}
    assert paths and not any(path.endswith((".score", ".min_score", ".max_score")) for path in paths)


def test_existing_rows_become_published_with_an_initial_revision(locales, substances):
    """Migration 0004 on rows saved before drafts existed (no revision): live, one revision, the same content."""
    a, b = substances
    mix = f.mix(locales["fr"], a, b, risk="caution")
    quiz = f.quiz(locales["fr"])
    check = f.self_check(locales["fr"])
    assert mix.latest_revision is None
    migration = importlib.import_module("campaigns.migrations.0004_health_snippets_published_and_moderated")
    migration.initial_revisions(django_apps, None)
    migration.initial_revisions(django_apps, None)  # idempotent
    for obj in (mix, quiz, check):
        obj.refresh_from_db()
        assert obj.live and not obj.has_unpublished_changes
        assert obj.latest_revision_id == obj.live_revision_id is not None
        assert obj.revisions.count() == 1
        restored = obj.live_revision.as_object()
        assert str(restored) == str(obj)
    assert mix.live_revision.as_object().risk == "caution"
    assert [q.value["question"] for q in quiz.live_revision.as_object().questions] == [
        q.value["question"] for q in quiz.questions
    ]
