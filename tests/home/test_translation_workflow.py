"""Translations go through moderation (issue #12, finding 3 and requirement 6; home/translation_workflow.py).

An editor's "Translate" makes a draft; the translator translates and submits it to Wagtail's workflow; the
moderators are e-mailed in their admin language; a moderator's "Publish" approves it and the translator is
e-mailed in theirs. Translators cannot publish, and neither can anyone through "Sync translated pages" who may
not publish.
"""

from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import translation as i18n
from wagtail.models import Page, Workflow, WorkflowState
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from home.models import HomePage, StandardPage
from home.roles import sync_roles

pytestmark = pytest.mark.django_db

FR = ("Nos ateliers dans les écoles", "Des ateliers de prévention, classe par classe.")
NL = ("Onze workshops op school", "Preventieworkshops, klas per klas.")
# The default workflow and its task, renamed bilingually by home/migrations/0003_bilingual_workflow_name.py.
WORKFLOW = "Modération / Moderatie"


@pytest.fixture
def people(django_user_model, locales):
    sync_roles()

    def make(username, group, language):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", "pw-123456789", first_name=username.title(), last_name="Doe"
        )
        user.groups.add(Group.objects.get(name=group))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        return user

    return {
        "editor": make("editor", "Editors", "fr"),
        "translator": make("translator", "Translators", "fr"),
        "moderator": make("moderator", "Moderators", "nl"),
    }


@pytest.fixture
def source(locales):
    parent = HomePage.objects.get(locale=locales["fr"])
    page = StandardPage(title=FR[0], slug="nos-ateliers", intro=FR[1])
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _as(client, user):
    client.force_login(user)
    return client


def _translate(client, user, page, locales):
    """The editor's "Translate" (wagtail-localize): returns the Dutch copy and its translation record."""
    response = _as(client, user).post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [locales["nl"].pk]}
    )
    assert response.status_code == 302
    record = Translation.objects.get(source__object_id=page.translation_key, target_locale=locales["nl"])
    return page.get_translation(locales["nl"]).specific, record


def _fill(record, texts=None):
    texts = texts or dict(zip(FR, NL, strict=True))
    for segment in StringSegment.objects.filter(source=record.source).select_related("string", "context"):
        if segment.string.data in texts:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=record.target_locale,
                context=segment.context,
                defaults={"data": texts[segment.string.data]},
            )


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _language_of(user):
    return UserProfile.get_for_user(user).get_preferred_language()


def _subject(msgid, user, **values):
    with i18n.override(_language_of(user)):
        return i18n.gettext(msgid) % values


def _reload(page):
    return Page.objects.get(pk=page.pk).specific


def _submit(client, people, page, record):
    _fill(record)
    return _as(client, people["translator"]).post(_edit_url(page), {"action": "localize-submit"})


def test_the_default_moderation_workflow_covers_every_page(locales):
    workflow = Workflow.objects.get(active=True, workflow_pages__page__depth=1)
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]
    assert HomePage.objects.get(locale=locales["nl"]).get_workflow() == workflow


def test_translate_makes_a_draft_that_visitors_do_not_see(
    client, people, source, locales, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        dutch, _record = _translate(client, people["editor"], source, locales)
    dutch = _reload(dutch)
    assert not dutch.live
    client.logout()
    assert client.get("/nl/nos-ateliers/").status_code == 404


def test_translators_cannot_publish(client, people, source, locales, django_capture_on_commit_callbacks):
    dutch, record = _translate(client, people["editor"], source, locales)
    _fill(record)
    translator = _as(client, people["translator"])
    html = unescape(translator.get(_edit_url(dutch)).content.decode())
    assert '"canPublish": false' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(_edit_url(dutch), {"action": "publish"})
    assert response.status_code in (302, 403)
    assert not _reload(dutch).live


@pytest.fixture
def draft(client, people, source, locales):
    """The editor's "Translate": (the Dutch copy, its translation record)."""
    return _translate(client, people["editor"], source, locales)


@pytest.fixture
def submitted(client, people, draft):
    """The translator's submission of the filled draft (the outbox emptied before it): the Dutch page."""
    dutch, record = draft
    mail.outbox.clear()
    response = _submit(client, people, dutch, record)
    assert response.status_code == 302
    return _reload(dutch)


def _mail_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_translator_is_offered_the_submission_to_moderation(client, people, draft):
    dutch, _record = draft
    html = _as(client, people["translator"]).get(_edit_url(dutch)).content.decode()
    with i18n.override("fr"):
        label = i18n.gettext("Submit to %(workflow_name)s") % {"workflow_name": WORKFLOW}
    assert label in html
    assert 'value="localize-submit"' in html


def test_a_submitted_translation_waits_for_moderation(client, people, submitted):
    dutch = submitted
    state = dutch.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == people["translator"]
    assert not dutch.live
    assert dutch.get_latest_revision_as_object().title == NL[0]  # the submitted draft holds the Dutch text
    client.logout()
    assert client.get("/nl/nos-ateliers/").status_code == 404


def test_translator_submits_and_the_moderators_are_told_in_their_language(people, submitted):
    dutch = submitted
    to_moderator = _mail_to(people["moderator"])
    assert len(to_moderator) == 1
    message = to_moderator[0]
    wanted = _subject(
        'The page "%(title)s" has been submitted for approval in moderation stage "%(task)s"',
        people["moderator"],
        title=NL[0],
        task=WORKFLOW,
    )
    assert message.subject == wanted.strip()
    assert "ingediend" in message.subject  # Dutch, the moderator's admin language
    for personal in ("translator", "Translator", "Doe", "@example.org"):
        assert personal not in message.subject
    assert f"/admin/pages/{dutch.pk}/edit/" in message.body
    assert not [m for m in mail.outbox if people["translator"].email in m.to]


def test_moderator_may_publish_or_request_changes(client, people, submitted):
    html = unescape(_as(client, people["moderator"]).get(_edit_url(submitted)).content.decode())
    assert '"canPublish": true' in html
    assert 'value="localize-request-changes"' in html


@pytest.fixture
def published(client, people, submitted, django_capture_on_commit_callbacks):
    """The moderator's "Publish" of the submitted translation (the outbox emptied before it)."""
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _as(client, people["moderator"]).post(_edit_url(submitted), {"action": "publish"})
    assert response.status_code == 302
    return _reload(submitted)


def test_moderator_publishes_the_translation(client, published):
    dutch = published
    assert dutch.live
    assert (dutch.title, dutch.intro) == NL
    assert WorkflowState.objects.get(object_id=str(dutch.pk)).status == WorkflowState.STATUS_APPROVED
    client.logout()
    response = client.get("/nl/nos-ateliers/")
    assert response.status_code == 200
    assert NL[1] in response.content.decode()


def test_moderator_publishes_and_the_translator_is_told_in_their_language(people, published):
    to_translator = _mail_to(people["translator"])
    assert len(to_translator) == 1
    wanted = _subject(
        'The page "%(title)s" has been approved in "%(workflow)s".',
        people["translator"],
        title=NL[0],
        workflow=WORKFLOW,
    )
    assert to_translator[0].subject == wanted
    assert "approuvée" in to_translator[0].subject  # French, the translator's admin language


@pytest.fixture
def changes_requested(client, people, submitted):
    """The moderator's "Request changes" with a comment (the outbox emptied before it): the Dutch page."""
    mail.outbox.clear()
    response = _as(client, people["moderator"]).post(
        _edit_url(submitted), {"action": "localize-request-changes", "comment": "Zeg 'leerlingen'."}
    )
    assert response.status_code == 302
    return submitted


def test_moderator_requests_changes_and_the_translator_is_told(people, changes_requested):
    state = _reload(changes_requested).current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not _reload(changes_requested).live
    to_translator = _mail_to(people["translator"])
    assert len(to_translator) == 1
    assert "Zeg 'leerlingen'." in to_translator[0].body
    assert "rejet" in to_translator[0].subject  # « … a été rejetée … », French


def test_moderator_requests_changes_and_the_translator_resubmits(client, people, draft, changes_requested):
    _dutch, record = draft
    mail.outbox.clear()
    _fill(record, {FR[1]: "Preventieworkshops voor leerlingen."})
    response = _as(client, people["translator"]).post(
        _edit_url(changes_requested), {"action": "localize-submit"}
    )
    assert response.status_code == 302
    dutch = _reload(changes_requested)
    assert dutch.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert dutch.get_latest_revision_as_object().intro == "Preventieworkshops voor leerlingen."
    assert _mail_to(people["moderator"])


def test_a_draft_of_a_live_translation_leaves_the_live_page_alone(
    client, people, source, locales, django_capture_on_commit_callbacks
):
    dutch, record = _translate(client, people["editor"], source, locales)
    _submit(client, people, dutch, record)
    with django_capture_on_commit_callbacks(execute=True):
        _as(client, people["moderator"]).post(_edit_url(dutch), {"action": "publish"})
    assert _reload(dutch).live

    _fill(record, {FR[1]: "Nieuwe tekst die nog niet gecontroleerd is."})
    _as(client, people["translator"]).post(_edit_url(dutch), {"action": "localize-submit"})
    client.logout()
    html = client.get("/nl/nos-ateliers/").content.decode()
    assert NL[1] in html and "Nieuwe tekst" not in html
    assert _reload(dutch).get_latest_revision_as_object().intro.startswith("Nieuwe tekst")


def test_only_publishers_may_publish_through_sync_translated_pages(
    client, people, source, locales, django_capture_on_commit_callbacks
):
    dutch, _record = _translate(client, people["editor"], source, locales)
    translation_source = TranslationSource.objects.get(object_id=source.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[translation_source.pk])
    editor = _as(client, people["editor"])
    assert 'name="publish_translations"' not in editor.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    assert not _reload(dutch).live

    moderator = _as(client, people["moderator"])
    assert 'name="publish_translations"' in moderator.get(url).content.decode()


def test_snippets_with_a_draft_state_are_translated_as_drafts(settings):
    """wagtail-localize keeps a new translation of a snippet with a draft state as a draft when the setting is
    off (operations.TranslationCreator); snippets without one are live as soon as they are saved."""
    assert settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is False


@pytest.mark.parametrize(("code", "label"), [("fr", "Publier en "), ("nl", "Publiceer in het ")])
def test_the_publish_button_reads_well_in_french_and_dutch(client, people, code, label):
    """wagtail-localize's "Publish in " + language name: its catalogues lost the space ("Publiceer inNederlands")."""
    profile = UserProfile.get_for_user(people["moderator"])
    profile.preferred_language = code
    profile.save()
    js = _as(client, people["moderator"]).get(reverse("wagtail_localize:javascript_catalog")).content.decode()
    assert f'"Publish in ": "{label}"' in js


def test_the_moderation_section_comes_before_the_segments(client, people, source, locales):
    dutch, _record = _translate(client, people["editor"], source, locales)
    html = _as(client, people["translator"]).get(_edit_url(dutch)).content.decode()
    assert (
        0
        < html.index('class="nice-padding w-mt-6 w-mb-6 translation-moderation"')
        < html.index('class="js-translation-editor"')
    )


def test_refusals_and_double_submissions_are_said_not_500(client, people, source, locales):
    dutch, record = _translate(client, people["editor"], source, locales)
    translator = _as(client, people["translator"])
    response = translator.post(_edit_url(dutch), {"action": "localize-request-changes", "comment": "x"})
    assert response.status_code == 302 and response.headers["Location"] == reverse("wagtailadmin_home")
    assert _reload(dutch).current_workflow_state is None

    _submit(client, people, dutch, record)
    mail.outbox.clear()
    response = _as(client, people["translator"]).post(
        _edit_url(dutch), {"action": "localize-submit"}, follow=True
    )
    assert response.status_code == 200
    with i18n.override("fr"):
        wanted = i18n.gettext("“%(title)s” in %(language)s is already awaiting moderation.") % {
            "title": NL[0],
            "language": "Nederlands",
        }
    assert wanted in unescape(response.content.decode())
    assert WorkflowState.objects.filter(object_id=str(dutch.pk)).count() == 1
    assert not mail.outbox
