"""Journey of a translation (docs/journeys.md §3.5, §4, §5; docs/translation.md), desktop, production settings.

An editor translates an existing French page into Dutch: the Dutch copy is a draft that visitors cannot see. The
translator translates its segments and submits it to moderation; the moderator is e-mailed in their admin
language (Dutch here) with nothing personal in the subject, opens the translation from the e-mail and publishes
it; visitors then read the Dutch page, and the translator is e-mailed in theirs (French)."""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.utils import translation as i18n
from playwright.sync_api import expect

from tools.mail_capture import body_text

from .conftest import _context, staff_login


def _words(text) -> str:
    """A subject's words: the outbox sends the subject as a header, where French non-breaking spaces may become
    plain ones."""
    return " ".join(str(text).split())


TASK = "Modération / Moderatie"  # the default workflow's task (home/migrations/0003)

SETUP = """
from home.models import HomePage, StandardPage
from wagtail.models import Locale
home = HomePage.objects.get(locale=Locale.objects.get(language_code="fr"))
page = StandardPage(title={title!r}, slug={slug!r}, intro={intro!r})
home.add_child(instance=page)
page.save_revision().publish()
print(page.pk)
"""

LANGUAGES = """
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile
for username, language in {languages!r}.items():
    profile = UserProfile.get_for_user(get_user_model().objects.get(username=username))
    profile.preferred_language = language
    profile.save()
"""


def _shell(live, code: str) -> str:
    return live.manage("shell", "-c", code).stdout.strip()


def _gettext(lang: str, msgid: str, **values) -> str:
    with i18n.override(lang):
        return i18n.gettext(msgid) % values


@pytest.fixture
def staff(browser, live):
    """A fresh desktop browser per person (each signs in on their own), in French like the others."""
    contexts = []

    def open_as(username: str | None):
        context = _context(browser, live, locale="fr-BE", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        if username:
            staff_login(page, live, username)
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def admin_languages(live):
    """The moderator reads the admin in Dutch, the translator in French; put back as they were afterwards."""
    _shell(live, LANGUAGES.format(languages={"moderator": "nl", "translator": "fr"}))
    yield
    _shell(live, LANGUAGES.format(languages={"moderator": "", "translator": ""}))


def _editor_translates(editor, page_id: int) -> str:
    """1. The editor translates the French page into Dutch (wagtail-localize's "Translate"): the Dutch copy's edit
    path."""
    editor.goto(f"/admin/pages/{page_id}/edit/")
    editor.get_by_role("button", name="Actions").first.click()
    editor.get_by_role("link", name="Traduire cette page").click()
    editor.wait_for_url(f"**/admin/localize/submit/page/{page_id}/**")
    editor.check("input[name=locales]")
    editor.click("form input[type=submit]:not([name])")
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    dutch_edit_path = urlsplit(editor.url).path
    assert dutch_edit_path != f"/admin/pages/{page_id}/edit/"
    return dutch_edit_path


def _translator_translates(translator, dutch_edit_path: str, texts) -> None:
    """3. The translator translates the segments (`texts`, in order); they cannot publish."""
    translator.goto(dutch_edit_path)
    expect(translator.locator("html")).to_have_attribute("lang", "fr")
    expect(translator.locator("button[name=action][value=publish]")).to_have_count(0)
    for translated in texts:
        translator.get_by_role("button", name="Traduire", exact=True).first.click()
        translator.locator("main textarea").first.fill(translated)
        with translator.expect_response(
            lambda r: "/localize/" in r.url and r.request.method == "PUT"
        ) as saved:
            translator.get_by_role("button", name="Enregistrer", exact=True).first.click()
        assert saved.value.status in (200, 201)


def _moderator_is_told_in_dutch(mailbox, title_nl: str, dutch_edit_path: str) -> str:
    """4. The moderator is told by e-mail, in Dutch (their admin language), with nothing personal in the subject:
    the e-mail's body."""
    message = mailbox.wait_for(lambda m: "moderator@prevention.brussels" in m["To"])
    subject = _words(message["Subject"])
    assert subject == _words(
        _gettext(
            "nl",
            'The page "%(title)s" has been submitted for approval in moderation stage "%(task)s"',
            title=title_nl,
            task=TASK,
        )
    )
    assert "ingediend" in subject
    for personal in ("translator", "@prevention.brussels"):
        assert personal not in subject
    body = body_text(message)
    assert dutch_edit_path in body
    assert not [m for m in mailbox.all() if "translator@prevention.brussels" in m["To"]]
    return body


def test_a_translation_goes_live_only_after_moderation(live, staff, mailbox, admin_languages):
    suffix = uuid.uuid4().hex[:6]
    title_fr, intro_fr = (
        f"Permanence d’écoute au Midi {suffix}",
        "Une permanence anonyme et gratuite, chaque mercredi.",
    )
    title_nl, intro_nl = (
        f"Luisterpunt aan het Zuidstation {suffix}",
        "Een anoniem en gratis luisterpunt, elke woensdag.",
    )
    slug = f"permanence-ecoute-midi-{suffix}"
    page_id = int(_shell(live, SETUP.format(title=title_fr, slug=slug, intro=intro_fr)).splitlines()[-1])
    visitor = staff(None)
    assert visitor.request.get(f"/fr/{slug}/").status == 200

    # 1. The editor translates the French page into Dutch.
    editor = staff("editor")
    dutch_edit_path = _editor_translates(editor, page_id)

    # 2. The Dutch copy is a draft: visitors get a 404, not the French text under /nl/.
    assert visitor.request.get(f"/nl/{slug}/").status == 404
    expect(editor.get_by_role("button", name=re.compile(r"^Soumettre à"))).to_be_visible()

    # 3. The translator translates the segments; they cannot publish; they submit to moderation.
    translator = staff("translator")
    _translator_translates(translator, dutch_edit_path, (title_nl, intro_nl))
    mailbox.clear()
    submit = translator.get_by_role(
        "button", name=_gettext("fr", "Submit to %(workflow_name)s", workflow_name=TASK)
    )
    submit.click()
    expect(translator.locator(".messages")).to_contain_text(
        _gettext(
            "fr",
            "“%(title)s” in %(language)s has been submitted for moderation.",
            title=title_nl,
            language="Nederlands",
        )
    )
    expect(translator.locator(".translation-moderation")).to_contain_text(
        _gettext(
            "fr",
            "This translation is awaiting approval in “%(task)s”. It is not live until a moderator approves it.",
            task=TASK,
        )
    )
    assert visitor.request.get(f"/nl/{slug}/").status == 404

    # 4. The moderator is told by e-mail, in Dutch, with nothing personal in the subject.
    body = _moderator_is_told_in_dutch(mailbox, title_nl, dutch_edit_path)

    # 5. The moderator opens the translation from the e-mail (the admin in Dutch) and publishes it.
    moderator = staff("moderator")
    link = re.search(r"https?://\S+" + re.escape(dutch_edit_path), body).group(0)
    moderator.goto(urlsplit(link).path)
    expect(moderator.locator("html")).to_have_attribute("lang", "nl")
    publish = moderator.locator("button[name=action][value=publish]")
    expect(publish).to_contain_text("Publiceer in het Nederlands")
    expect(moderator.locator(".translation-moderation")).to_contain_text(
        _gettext(
            "nl",
            "This translation is awaiting approval in “%(task)s”. It is not live until a moderator approves it.",
            task=TASK,
        )
    )
    publish.click()
    expect(moderator.locator(".messages")).to_contain_text(
        _gettext(
            "nl", "“%(title)s” in %(language)s has been approved.", title=title_nl, language="Nederlands"
        )
    )

    # 6. Visitors now read the Dutch page, in Dutch.
    response = visitor.goto(f"/nl/{slug}/")
    assert response.status == 200
    expect(visitor.locator("html")).to_have_attribute("lang", "nl")
    expect(visitor.locator("h1")).to_have_text(title_nl)
    expect(visitor.locator("main")).to_contain_text(intro_nl)
    expect(visitor.locator("main")).not_to_contain_text(intro_fr)

    # 7. The translator is told by e-mail, in French (their admin language).
    approved = mailbox.wait_for(lambda m: "translator@prevention.brussels" in m["To"])
    assert _words(approved["Subject"]) == _words(
        _gettext(
            "fr", 'The page "%(title)s" has been approved in "%(workflow)s".', title=title_nl, workflow=TASK
        )
    )
    assert "moderator" not in str(approved["Subject"])
