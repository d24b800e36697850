"""wagtail-localize round trip in both directions, the admin in French and Dutch, and a third locale."""

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

TEXTS = {
    "fr": ("Qui sommes-nous", "Une équipe régionale de prévention."),
    "nl": ("Wie zijn we", "Een gewestelijk preventieteam."),
}


@pytest.mark.parametrize(("source", "target"), [("fr", "nl"), ("nl", "fr")])
def test_translate_publish_and_route(
    admin_client, locales, source, target, django_capture_on_commit_callbacks
):
    parent = HomePage.objects.get(locale=locales[source])
    title, intro = TEXTS[source]
    page = StandardPage(title=title, slug=f"equipe-{source}", intro=intro)
    parent.add_child(instance=page)
    page.save_revision().publish()

    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.id]), {"locales": [locales[target].id]}
    )
    assert response.status_code == 302
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locales[target]
    )

    translated_title, translated_intro = TEXTS[target]
    wanted = {title: translated_title, intro: translated_intro}
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    assert {s.string.data for s in segments} >= set(wanted)
    for segment in segments:
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id])
        value = wanted.get(segment.string.data, segment.string.data)
        response = admin_client.put(url, f"value={value}", content_type="application/x-www-form-urlencoded")
        assert response.status_code == 201
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        translation.save_target(publish=True)

    translated = page.get_translation(locales[target])
    assert translated.live and translated.title == translated_title
    assert translated.specific.intro == translated_intro
    response = admin_client.get(f"/{target}/equipe-{source}/")
    assert response.status_code == 200
    assert translated_intro in response.content.decode()


@pytest.mark.parametrize(("code", "text"), [("fr", "Tableau de bord"), ("nl", "Dashboard")])
def test_admin_usable_in_french_and_dutch(admin_client, superuser, code, text):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = code
    profile.save()
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{code}"' in html
    assert text in html


def test_machine_translation_is_off_by_default(settings):
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None


THREE = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]


@override_settings(LANGUAGES=THREE, WAGTAIL_CONTENT_LANGUAGES=THREE)
def test_third_locale_is_configuration_only(client, home_fr):
    """Adding a language = settings + a catalogue: the locale, its home page, its URLs and the switcher follow."""
    from django.urls import clear_url_caches

    from home.services import ensure_locales_and_home

    clear_url_caches()
    ensure_locales_and_home()
    assert Locale.objects.filter(language_code="en").exists()
    assert HomePage.objects.filter(locale__language_code="en", live=True).exists()
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert 'hreflang="en"' in html
    assert 'href="/fr/"' in html and 'href="/nl/"' in html
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB").headers["Location"] == "/en/"
