"""Translation round trip with wagtail-localize: "translate this page" in the admin, translate the segments,
publish; synchronised fields (codes, video ids, posters, dates) are copied, texts are translated."""

import pytest
from django.urls import reverse
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from campaigns.models import CampaignPage, SubstancePage

from . import factories as f

pytestmark = pytest.mark.django_db


def submit_and_translate(client, page, nl):
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [nl.pk]}
    )
    assert response.status_code == 302, f.text(response)[:2000]
    source = TranslationSource.objects.get(object_id=page.translation_key)
    translation = Translation.objects.get(source=source, target_locale=nl)
    for segment in source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=nl,
            context=segment.context,
            defaults={"data": f"NL {segment.string.data}"},
        )
    translation.save_target(publish=True)
    _flush_on_commit()
    return page.get_translation(nl).specific


def _flush_on_commit():
    """wagtail-localize publishes translations in transaction.on_commit; tests run inside a transaction."""
    from django.db import connection

    callbacks, connection.run_on_commit = connection.run_on_commit, []
    for _sids, func, _robust in callbacks:
        func()


@pytest.fixture
def round_trip(admin_client, home_fr, locales):
    """A campaign page (under its translated index) and its Dutch translation: (page, translated)."""
    nl = locales["nl"]
    index = f.campaign_index(home_fr)
    submit_and_translate(admin_client, index, nl)
    page = f.campaign(index, code="dope-talk-2026", quiz=f.quiz(locales["fr"]))
    return page, submit_and_translate(admin_client, page, nl)


def test_campaign_page_round_trip(round_trip):
    page, translated = round_trip
    assert isinstance(translated, CampaignPage)
    assert translated.title == "NL Dope Talk"
    assert translated.code == "dope-talk-2026"  # synchronised
    assert translated.start_date == page.start_date


def test_campaign_page_round_trip_keeps_the_videos_and_translates_their_texts(round_trip):
    page, translated = round_trip
    hero_fr, hero_nl = page.body[0].value["video"], translated.body[0].value["video"]
    assert hero_nl["video"] == hero_fr["video"] == "dQw4w9WgXcQ"
    assert hero_nl["poster"].pk == hero_fr["poster"].pk
    assert hero_nl["transcript"].startswith("NL ")
    episode_nl = translated.body[1].value["episodes"][0]
    assert episode_nl["title"] == "NL Épisode 1"


def test_translated_campaign_page_renders_in_dutch(admin_client, round_trip):
    _page, translated = round_trip
    response = admin_client.get(translated.url)
    assert response.status_code == 200
    html = f.text(response)
    assert '<html lang="nl">' in html
    assert "NL Dope Talk" in html


def test_syncing_again_keeps_the_translation_in_step(round_trip, locales):
    """Editing the source and syncing again keeps the translation in step."""
    page, translated = round_trip
    page.code = "dope-talk-2027"
    page.save_revision().publish()
    source = TranslationSource.objects.get(object_id=page.translation_key)
    source.update_from_db()
    Translation.objects.get(source=source, target_locale=locales["nl"]).save_target(publish=True)
    _flush_on_commit()
    translated.refresh_from_db()
    assert translated.code == "dope-talk-2027"


def test_substance_page_round_trip(admin_client, home_fr, locales):
    nl = locales["nl"]
    index = f.substance_index(home_fr)
    submit_and_translate(admin_client, index, nl)
    page = f.substance(
        index,
        "Cannabis",
        "beuh, shit",
        law="<p>Interdit.</p>",
        sources=[{"type": "source", "value": {"title": "Infor-Drogues", "url": "https://infordrogues.be"}}],
        duration=[
            {
                "type": "table",
                "value": f.items(
                    [{"route": "Fumé", "onset": "minutes", "duration": "2-4 h", "after_effects": ""}]
                ),
            }
        ],
    )
    translated = submit_and_translate(admin_client, page, nl)
    assert isinstance(translated, SubstancePage)
    assert translated.slang_names == "NL beuh, shit"
    assert translated.last_reviewed == page.last_reviewed
    assert "NL Interdit." in translated.law
    assert translated.sources[0].value["url"] == "https://infordrogues.be"
    assert translated.duration[0].value[0]["route"] == "NL Fumé"
    assert admin_client.get(translated.url).status_code == 200


def test_health_snippet_translation_is_a_draft_until_moderated(client, django_user_model, locales):
    """Quizzes (health content, issue #12 requirement 5) have a draft state: "Translate" makes a draft, and the
    translator submits it to moderation from the translation editor (home/translation_workflow.py)."""
    from django.contrib.auth.models import Group
    from wagtail.models import DraftStateMixin, WorkflowMixin, WorkflowState

    from campaigns.models import Quiz
    from home.roles import sync_roles

    if not issubclass(Quiz, DraftStateMixin):
        pytest.skip("quizzes have no draft state on this branch (requirement 5 gives them one)")
    sync_roles()
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw-123456789")
    editor.groups.add(Group.objects.get(name="Editors"))
    translator = django_user_model.objects.create_user("tr", "tr@example.org", "pw-123456789")
    translator.groups.add(Group.objects.get(name="Translators"))
    quiz = f.quiz(locales["fr"])
    if not quiz.live:
        quiz.save_revision().publish()
    client.force_login(editor)
    response = client.post(
        reverse("wagtail_localize:submit_snippet_translation", args=["campaigns", "quiz", quiz.pk]),
        {"locales": [locales["nl"].pk]},
    )
    assert response.status_code == 302
    _flush_on_commit()
    dutch = Quiz.objects.get(translation_key=quiz.translation_key, locale=locales["nl"])
    assert not dutch.live
    if not issubclass(Quiz, WorkflowMixin) or dutch.get_workflow() is None:
        pytest.skip("no moderation workflow for quizzes on this branch")
    client.force_login(translator)
    response = client.post(
        reverse("wagtailsnippets_campaigns_quiz:edit", args=[dutch.pk]), {"action": "localize-submit"}
    )
    assert response.status_code == 302
    dutch = Quiz.objects.get(pk=dutch.pk)
    assert dutch.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not dutch.live
