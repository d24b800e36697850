"""Every page type is created through the admin form, then rendered; the parent/child rules hold; bad editor input
is refused with a message on the form; snippet permissions refuse people without the role."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from campaigns.models import (
    AlertPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    Quiz,
    SubstanceIndexPage,
    SubstancePage,
)
from home.roles import sync_roles

from . import factories as f

pytestmark = pytest.mark.django_db


def listblock(items):
    data = {str(i): {"value": value, "deleted": "", "order": str(i)} for i, value in enumerate(items)}
    data["count"] = str(len(items))
    return data


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))


def post_page(client, model, parent, data):
    data = {"action-publish": "action-publish", **data}
    return client.post(add_url(model, parent), nested_form_data(data))


def video_form(image, ref="https://youtu.be/dQw4w9WgXcQ", provider="youtube"):
    return {
        "provider": provider,
        "video": ref,
        "file": "",
        "poster": image.pk,
        "title": "Dans la rue",
        "transcript": "Transcription complète.",
        "subtitles_note": "",
    }


def test_index_pages_created_in_admin(admin_client, home_fr):
    response = post_page(
        admin_client, CampaignIndexPage, home_fr, {"title": "Campagnes", "slug": "campagnes"}
    )
    assert response.status_code == 302, f.text(response)[:2000]
    response = post_page(admin_client, SubstanceIndexPage, home_fr, {"title": "Produits", "slug": "produits"})
    assert response.status_code == 302
    assert admin_client.get("/fr/campagnes/").status_code == 200
    assert admin_client.get("/fr/produits/").status_code == 200


def test_campaign_page_created_in_admin_with_episodes(admin_client, home_fr):
    index = f.campaign_index(home_fr)
    image = f.make_image()
    body = streamfield(
        [
            ("hero", {"title": "Dope Talk", "text": "On en parle ?", "video": video_form(image)}),
            (
                "episodes",
                {
                    "title": "Épisodes",
                    "episodes": listblock(
                        [
                            {
                                "title": f"Épisode {i}",
                                "text": "",
                                "video": video_form(image, ref=f"abcdefghij{i}"),
                            }
                            for i in range(3)
                        ]
                    ),
                },
            ),
            (
                "help",
                {
                    "title": "Besoin d'en parler ?",
                    "text": "",
                    "show_helplines": "on",
                    "show_directory_link": "on",
                },
            ),
        ]
    )
    data = {
        "title": "Dope Talk",
        "slug": "dope-talk",
        "code": "dope-talk-2026",
        "start_date": "2026-10-01",
        "end_date": "2026-12-31",
        "intro": "",
        "body": body,
    }
    response = post_page(admin_client, CampaignPage, index, data)
    assert response.status_code == 302, f.text(response)[:3000]
    page = CampaignPage.objects.get(code="dope-talk-2026")
    assert page.live
    # The link was normalised to the bare YouTube id.
    assert page.body[0].value["video"]["video"] == "dQw4w9WgXcQ"
    assert len(page.body[1].value["episodes"]) == 3
    html = f.text(admin_client.get(page.url))
    assert "youtube-nocookie.com/embed/abcdefghij2" in html


def test_campaign_admin_refuses_bad_video_and_dates(admin_client, superuser, home_fr):
    index = f.campaign_index(home_fr)
    image = f.make_image()
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "en"  # the error text is checked in English (FR is checked on public pages)
    profile.save()
    data = {
        "title": "Bad",
        "slug": "bad",
        "code": "Bad Code!",
        "start_date": "2026-12-01",
        "end_date": "2026-01-01",
        "body": streamfield([("video", video_form(image, ref="https://evil.example/x.mp4"))]),
    }
    response = post_page(admin_client, CampaignPage, index, data)
    assert response.status_code == 200
    html = f.text(response)
    assert "This is not a YouTube video id or link" in html
    assert not CampaignPage.objects.filter(slug="bad").exists()


def test_campaign_code_is_unique_across_translation_groups(home_fr):
    index = f.campaign_index(home_fr)
    f.campaign(index, code="dope-talk")
    other = CampaignPage(title="Other", slug="other", code="dope-talk", locale=index.locale)
    with pytest.raises(Exception) as excinfo:
        other.full_clean()
    assert "code" in str(excinfo.value)


def test_substance_page_created_in_admin(admin_client, home_fr):
    index = f.substance_index(home_fr)
    data = {
        "title": "Cannabis",
        "slug": "cannabis",
        "slang_names": "beuh, shit, joint",
        "effects": rich_text("<p>Détente, rires.</p>"),
        "duration": streamfield(
            [
                (
                    "table",
                    listblock(
                        [
                            {
                                "route": "Fumé",
                                "onset": "Quelques minutes",
                                "duration": "2 à 4 h",
                                "after_effects": "",
                            }
                        ]
                    ),
                )
            ]
        ),
        "law": rich_text("<p>Interdit en Belgique.</p>"),
        "sources": streamfield([("source", {"title": "Infor-Drogues", "url": "https://infordrogues.be"})]),
        "last_reviewed": "2026-11-01",
    }
    for name in (
        "description",
        "appearance",
        "detection",
        "physical_risks",
        "mental_risks",
        "cut_with",
        "mixing_dangers",
        "dependence",
        "harm_reduction",
        "worried_friend",
        "get_help",
    ):
        data[name] = rich_text("")
    response = post_page(admin_client, SubstancePage, index, data)
    assert response.status_code == 302, f.text(response)[:3000]
    page = SubstancePage.objects.get(slug="cannabis")
    html = f.text(admin_client.get(page.url))
    assert "beuh" in html and "Infor-Drogues" in html and "2 à 4 h" in html
    assert 'id="law"' in html
    assert 'id="dependence"' not in html  # empty sections are hidden


def test_article_and_alert_created_in_admin(admin_client, home_fr):
    index = f.campaign_index(home_fr)
    response = post_page(
        admin_client,
        ArticlePage,
        index,
        {
            "title": "Inquiet pour un ami",
            "slug": "ami",
            "kind": "friend",
            "intro": "",
            "body": streamfield([]),
        },
    )
    assert response.status_code == 302, f.text(response)[:3000]
    html = f.text(admin_client.get(ArticlePage.objects.get(slug="ami").url))
    assert "friend-emergency" in html
    response = post_page(
        admin_client,
        AlertPage,
        index,
        {
            "title": "Pilules dangereuses",
            "slug": "alerte",
            "severity": "danger",
            "issued_at": "2026-11-01 10:00",
            "ends_at": "",
            "body": streamfield([]),
        },
    )
    assert response.status_code == 302, f.text(response)[:3000]
    alert = AlertPage.objects.get(slug="alerte")
    assert (alert.ends_at - alert.issued_at).days == 30  # automatic end date


@pytest.mark.parametrize(
    ("model", "parent_kind"),
    [
        (CampaignPage, "home"),
        (SubstancePage, "home"),
        (SubstancePage, "campaigns"),
        (AlertPage, "substances"),
    ],
)
def test_parent_rules(admin_client, home_fr, model, parent_kind):
    parents = {
        "home": home_fr,
        "campaigns": f.campaign_index(home_fr),
        "substances": f.substance_index(home_fr),
    }
    assert not model.can_create_at(parents[parent_kind])
    response = admin_client.get(add_url(model, parents[parent_kind]))
    assert response.status_code in (302, 403)


def test_snippet_permissions(client, django_user_model, locales):
    sync_roles()
    quiz = f.quiz(locales["fr"])
    url = reverse("wagtailsnippets_campaigns_quiz:edit", args=[quiz.pk])
    nobody = django_user_model.objects.create_user("nobody", password="pw-nobody-123456")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    assert client.get(url).status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_campaigns_quiz:add")).status_code in (302, 403)
    editor = django_user_model.objects.create_user("editor", password="pw-editor-123456")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(url).status_code == 200
    assert Quiz.objects.count() == 1
    translator = django_user_model.objects.create_user("translator", password="pw-translator-123456")
    translator.groups.add(Group.objects.get(name="Translators"))
    client.force_login(translator)
    # Translators change only synced translations (wagtail-localize's editor), never the source's facts:
    # tests/campaigns/test_snippet_lifecycle.py.
    assert client.get(url).status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_campaigns_quiz:add")).status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_campaigns_quiz:delete", args=[quiz.pk])).status_code in (
        302,
        403,
    )
