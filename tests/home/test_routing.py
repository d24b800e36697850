"""Page tree and routing in both languages, the `/` redirect, the language switcher, 404s."""

import pytest
from django.test import override_settings

from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("nl-BE,nl;q=0.9,fr;q=0.8", "/nl/"),
        ("nl", "/nl/"),
        ("fr-BE,fr;q=0.9", "/fr/"),
        ("en-GB,en;q=0.9", "/fr/"),  # nothing matches: French
        ("de-DE,nl;q=0.5", "/nl/"),  # second choice matches
        ("", "/fr/"),
        ("garbage;;;q=abc,,,", "/fr/"),
        ("*", "/fr/"),
        ("nl;q=0,fr;q=0.1", "/fr/"),
        ("x" * 2000, "/fr/"),
    ],
)
def test_root_redirects_by_accept_language(client, home_fr, header, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_root_keeps_tracking_query(client, home_fr):
    response = client.get("/?utm_source=poster", HTTP_ACCEPT_LANGUAGE="nl")
    assert response["Location"] == "/nl/?utm_source=poster"


@pytest.mark.parametrize("code", ["fr", "nl"])
def test_home_in_each_language(client, home_fr, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}">' in html
    assert 'hreflang="fr"' in html and 'hreflang="nl"' in html
    assert 'hreflang="x-default"' in html


def test_unprefixed_url_redirects_to_a_language(client, home_fr):
    response = client.get("/a-propos/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 302
    assert response["Location"] == "/nl/a-propos/"


def _child(parent, slug, title):
    page = StandardPage(title=title, slug=slug)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_switcher_leads_to_translation(client, home_fr, locales):
    page = _child(home_fr, "a-propos", "À propos")
    translation = page.copy_for_translation(locales["nl"])
    translation.title, translation.slug = "Over ons", "over-ons"
    translation.save_revision().publish()
    html = client.get("/fr/a-propos/").content.decode()
    assert 'href="/nl/over-ons/"' in html
    assert 'hreflang="nl" href="http://testserver/nl/over-ons/"' in html
    html_nl = client.get("/nl/over-ons/").content.decode()
    assert 'href="/fr/a-propos/"' in html_nl


def test_switcher_without_translation_goes_home_with_notice(client, home_fr):
    _child(home_fr, "seulement-fr", "Seulement en français")
    html = client.get("/fr/seulement-fr/").content.decode()
    assert 'href="/nl/?missing=1"' in html
    assert 'hreflang="nl"' not in html.split("</head>")[0].replace('hreflang="nl" lang', "")
    notice = client.get("/nl/?missing=1").content.decode()
    assert "bestaat nog niet in deze taal" in notice


def test_switcher_on_untranslated_draft_translation(client, home_fr, locales):
    """A translation that exists but is not live counts as missing."""
    page = _child(home_fr, "brouillon", "Brouillon")
    draft = page.copy_for_translation(locales["nl"])
    draft.live = False
    draft.save()
    html = client.get("/fr/brouillon/").content.decode()
    assert 'href="/nl/?missing=1"' in html
    # The switcher's links are memoised; publishing the translation shows it on the next request.
    draft.title, draft.slug = "Ontwerp", "ontwerp"
    draft.save_revision().publish()
    assert 'href="/nl/ontwerp/"' in client.get("/fr/brouillon/").content.decode()


@pytest.mark.parametrize(
    ("path", "text"),
    [("/fr/nexiste-pas/", "Page introuvable"), ("/nl/bestaat-niet/", "Pagina niet gevonden")],
)
def test_localized_404(client, home_fr, path, text):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert text in html
    assert f'<html lang="{path[1:3]}">' in html


def test_robots_and_sitemap_list_both_languages(client, home_fr, locales):
    page = _child(home_fr, "a-propos", "À propos")
    translation = page.copy_for_translation(locales["nl"])
    translation.slug = "over-ons"
    translation.save_revision().publish()
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml").content.decode()
    for url in ["/fr/", "/nl/", "/fr/a-propos/", "/nl/over-ons/"]:
        assert f"{url}</loc>" in sitemap


def test_security_headers_on_public_pages(client, home_fr):
    response = client.get("/fr/")
    policy = response["Content-Security-Policy"]
    assert "object-src 'none'" in policy and "base-uri 'none'" in policy
    assert "'unsafe-inline'" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert "Permissions-Policy" in response


def test_admin_gets_a_working_policy(admin_client, home_fr):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


@override_settings(DEBUG=False)
def test_server_error_page_is_bilingual_and_standalone(rf):
    from home.views import server_error

    response = server_error(rf.get("/fr/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Une erreur" in html and "Er ging iets mis" in html


def test_machine_endpoints_answer_their_own_404(client, home_fr):
    response = client.get("/api/hsds/services/999999999")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert client.get("/stats/nope").status_code == 404


def test_footer_links_follow_the_visitors_language(client, home_fr, locales):
    from home.models import SiteSettings

    about = _child(home_fr, "a-propos", "À propos")
    translation = about.copy_for_translation(locales["nl"])
    translation.slug = "over-ons"
    translation.save_revision().publish()
    privacy = _child(
        home_fr, "vie-privee", "Vie privée"
    )  # no Dutch translation: left out of the Dutch footer
    site_settings = SiteSettings.load()
    site_settings.about_page, site_settings.privacy_page = about, privacy
    site_settings.save()
    html = client.get("/nl/").content.decode()
    assert '<a href="/nl/over-ons/">Over ons</a>' in html
    assert "/fr/vie-privee/" not in html
    assert '<a href="/fr/vie-privee/">Vie privée</a>' in client.get("/fr/").content.decode()
