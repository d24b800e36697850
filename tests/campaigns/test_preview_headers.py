"""Previews are framed by the admin (Wagtail's live preview panel, wagtail-localize's translation editor): their
responses allow same-origin framing, while public pages keep refusing every frame (issue #12, finding 2).

A preview is rendered through Wagtail's dummy request, which runs the whole middleware stack on the public URL of
the page: without care it gets the public policy, `frame-ancestors 'none'`, and the panel stays blank."""

import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from campaigns.models import ArticlePage

from . import factories as f

pytestmark = pytest.mark.django_db


def csp_directives(response) -> dict[str, str]:
    header = response.get("Content-Security-Policy", "")
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def article(home):
    index = f.campaign_index(home)
    return f.publish(index, ArticlePage(title="Un témoignage", slug="temoignage", intro="Ce que j'ai vécu."))


def article_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "kind": page.kind,
        "intro": page.intro,
        "body": streamfield([]),
        "last_reviewed": "",
        "seo_title": "",
        "search_description": "",
        "summary": "",
        "share_image": "",
        "comments": {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"},
    }
    data.update(changes)
    return nested_form_data(data)


def assert_framable_by_the_admin_only(response):
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    directives = csp_directives(response)
    assert directives["frame-ancestors"] == "frame-ancestors 'self'"
    # Nothing else is loosened: the public page's policy (a nonce only when the page uses one).
    assert directives["script-src"].startswith("script-src 'self'")
    assert directives["default-src"] == "default-src 'self'"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_page_preview_in_the_panel_can_be_framed_by_the_admin(admin_client, home_fr):
    page = article(home_fr)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    response = admin_client.post(url, article_form(page, intro="Un brouillon pas encore publié."))
    assert response.json() == {"is_valid": True, "is_available": True}

    response = admin_client.get(url, {"mode": "", "in_preview_panel": "true"})

    assert response.status_code == 200
    assert "Un brouillon pas encore publié." in f.text(response)
    assert_framable_by_the_admin_only(response)
    # A nonce in the page's scripts is the one in the header (the page renders with the dummy request).
    body = response.content.decode()
    for nonce in re.findall(r'nonce="([^"]+)"', body):
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_revision_preview_can_be_framed_by_the_admin(admin_client, home_fr):
    page = article(home_fr)
    revision = page.latest_revision
    response = admin_client.get(reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]))
    assert response.status_code == 200
    assert_framable_by_the_admin_only(response)


def test_public_page_still_refuses_every_frame(client, home_fr):
    page = article(home_fr)
    response = client.get(page.url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert csp_directives(response)["frame-ancestors"] == "frame-ancestors 'none'"


def test_admin_screens_keep_their_own_policy(admin_client, home_fr):
    page = article(home_fr)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    directives = csp_directives(response)
    assert directives["frame-ancestors"] == "frame-ancestors 'self'"
    assert "'self'" in directives["frame-src"]  # the preview iframe is same-origin


def test_translation_editor_preview_can_be_framed_by_the_admin(admin_client, home_fr, locales):
    from wagtail_localize.models import Translation, TranslationSource

    page = article(home_fr)
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [locales["nl"].pk]}
    )
    assert response.status_code == 302
    source = TranslationSource.objects.get(object_id=page.translation_key)
    translation = Translation.objects.get(source=source, target_locale=locales["nl"])

    response = admin_client.get(reverse("wagtail_localize:preview_translation", args=[translation.pk]))

    assert response.status_code == 200
    assert "Un témoignage" in f.text(response)  # nothing translated yet: the source text
    assert_framable_by_the_admin_only(response)
