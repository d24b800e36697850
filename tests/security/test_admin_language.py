"""The admin speaks the admin language: a superuser whose admin language is French (then Dutch) walks every
screen of the demo reachable from the dashboard (each listing, its add/edit/copy/delete/history/usage/inspect
views for one object, the custom screens: calendar, variant, poster, campaign report, hotspot sheets, imports)
and reads the main content. It must not show a raw True/False/None or an English word (ENGLISH below, minus
proper nouns). Every screen answers without a server error (the other roles: test_admin_crawl_roles.py).

Wagtail's own screens (users, groups, sites, collections, redirects, workflows, images, documents) are crawled
in French for server errors, but their wording is Wagtail's catalogue, not the project's: see WAGTAIL_ONLY.
Identifiers in <code> (CSV columns) are not words. Run time on this 2-core machine: see docs/admin-language.md.
"""

from __future__ import annotations

import os

import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from .admin_crawl import WAGTAIL_ONLY, crawl, findings, menu_labels, visible_text
from .admin_crawl import demo_db as demo_db  # fixture


def test_findings_catch_raw_values_and_english_but_not_french_or_dutch():
    assert findings("Actif True") and findings("Valeur None") and findings("Created by Jean")
    assert findings("edited after approval: re-approval required")
    assert not findings("Ouvert 24 h/24 — Oui. Gare du Midi, Porte de Hal. Is open van 9 tot 17 uur.")
    assert not findings("Reel Instagram, YouTube Shorts, social.brussels")


def screen_findings(visits) -> list[str]:
    """The findings in the text of each visited screen of the project (not Wagtail's own: WAGTAIL_ONLY)."""
    return [
        f"{visit.url}: {finding}"
        for visit in visits
        if not WAGTAIL_ONLY.match(visit.key)
        for finding in findings(visit.text)
    ]


def menu_findings(dashboard: str) -> list[str]:
    """The findings in the labels of the admin's menu."""
    return [f"menu: {finding}" for label in menu_labels(dashboard) for finding in findings(label)]


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_admin_screens_show_no_english_and_no_raw_values(demo_db, db, client, language):
    user = get_user_model().objects.get(username="admin")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    # French: every screen (server errors included); Dutch: the project's screens only (time).
    result = crawl(client, skip_keys=WAGTAIL_ONLY if language == "nl" else None)
    assert len(result.visits) > 100, [v.url for v in result.visits]
    problems = [f"server error: {error}" for error in result.server_errors()]
    problems += screen_findings(result.visits)
    problems += menu_findings(client.get("/admin/").content.decode())
    if os.environ.get("PRINT_CRAWL"):
        print("\n".join(problems))
    assert not problems, f"{len(problems)} findings in {language}:\n" + "\n".join(problems[:80])


def test_the_default_workflow_has_a_bilingual_name(db):
    """Wagtail's migration names it "Moderators approval" (data, shown as is): home 0003 renames it."""
    from wagtail.models import Task, Workflow

    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    assert Workflow.objects.filter(name="Modération / Moderatie").exists()


def test_a_boolean_column_says_yes_or_no_in_the_admin_language(admin_client, superuser, locales):
    """Wagtail's BooleanColumn gives screen readers "True"/"False" (templates/wagtailadmin/tables/)."""
    from resources.models import Location

    Location.objects.create(name="Lieu", hidden_address=True)
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "nl"
    profile.save()
    words = visible_text(admin_client.get("/admin/snippets/resources/location/").content.decode()).split()
    assert "Ja" in words and "True" not in words
    assert "Adres verbergen" in " ".join(words)  # the column's header is the field's verbose name, translated


def test_every_analytics_event_has_a_label_in_the_admin():
    from evaluation.tracking import VALUE_LABELS
    from home.events import EVENTS

    assert {e.name for e in EVENTS} <= set(VALUE_LABELS)


def test_form_labels_follow_each_users_language_whoever_built_the_form_first():
    """Wagtail builds a form class once per process: a label evaluated then (the page chooser's "Choose a page
    (type)", a field label made with .capitalize()) kept the first user's language for everyone."""
    from django.utils import translation
    from wagtail.admin.panels import get_edit_handler

    import home.wagtail_hooks  # noqa: F401  (registers the page chooser)
    from campaigns.models import Mix
    from resources.models import Service

    with translation.override("en"):
        mix_form = get_edit_handler(Mix).get_form_class()
        service_form = get_edit_handler(Service).get_form_class()
    with translation.override("nl"):
        assert (
            str(mix_form.base_fields["substance_a"].widget.choose_one_text)
            == "Kies een pagina (Productfiche)"
        )
        assert str(service_form.base_fields["languages"].label) == "Gesproken talen"
    with translation.override("fr"):
        assert str(service_form.base_fields["languages"].label) == "Langues parlées"


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_help_menu_follows_the_editor_language_whatever_language_built_it(db, client, language):
    """Wagtail builds its help menu once per process: when the first request was English, the "What's new" label
    stayed English for every later editor (seen in CI, depending on test order)."""
    from django.utils import translation
    from wagtail.admin.menu import help_menu

    help_menu.__dict__.pop("registered_menu_items", None)
    with translation.override("en"):
        assert any("What's new" in str(item.label) for item in help_menu.registered_menu_items)
    user = get_user_model().objects.create_superuser("menu-reader", "menu@example.org", "x")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    labels = menu_labels(client.get("/admin/").content.decode())
    expected = {"fr": "Ce qui est nouveau avec Wagtail", "nl": "Wat is er nieuw in Wagtail"}[language]
    assert any(expected in label for label in labels), labels
    assert not any("What's new" in label for label in labels), labels
