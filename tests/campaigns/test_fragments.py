"""Page fragments kept between requests ({% pagefragment %}, issue 17): they follow publications, snippets and
the language at once, never show a draft in a preview, and query counts stay equal at two data sizes with
the fragments cold (rendered) and warm (read from the cache)."""

import pytest

from home.models import StandardPage

from . import factories as f

pytestmark = pytest.mark.django_db


def _body(paragraphs: int):
    return [{"type": "paragraph", "value": f"<p>Paragraphe {i}.</p>"} for i in range(paragraphs)]


def test_a_publication_shows_at_once(client, home_fr):
    page = f.campaign(f.campaign_index(home_fr))
    assert "Ne consomme jamais seul·e." in f.text(client.get(page.url))
    body = page.body.raw_data
    for block in body:
        if block["type"] == "key_messages":
            block["value"]["messages"] = ["Message tout neuf."]
    page.body = body
    page.save_revision().publish()
    html = f.text(client.get(page.url))
    assert "Message tout neuf." in html and "Ne consomme jamais seul·e." not in html


def test_a_snippet_inside_the_body_shows_at_once(client, home_fr, locales):
    quiz = f.quiz(locales["fr"])
    page = f.campaign(f.campaign_index(home_fr), quiz=quiz)
    assert ">Quiz alcool</h2>" in f.text(client.get(page.url))
    quiz.title = "Quiz revu"
    quiz.save()
    html = f.text(client.get(page.url))
    assert ">Quiz revu</h2>" in html and "Quiz alcool" not in html


def test_fragments_are_per_language(client, home_fr, locales):
    page = f.campaign(f.campaign_index(home_fr))
    translated = page.copy_for_translation(locales["nl"], copy_parents=True)
    translated.save_revision().publish()
    assert '<html lang="fr">' in f.text(client.get(page.url))
    html_nl = f.text(client.get(translated.url))
    assert f.t("Read the transcript", "nl") in html_nl
    assert f.t("Read the transcript", "fr") not in html_nl


def test_a_preview_shows_the_draft_not_the_cached_fragment(admin_client, home_fr):
    page = f.campaign(f.campaign_index(home_fr))
    admin_client.get(page.url)  # fragment cached (signed in: same public fragment)
    body = page.body.raw_data
    for block in body:
        if block["type"] == "key_messages":
            block["value"]["messages"] = ["Brouillon non publié."]
    page.body = body
    page.save_revision()  # a draft, not published
    preview = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert "Brouillon non publié." in f.text(preview)
    assert "Brouillon non publié." not in f.text(admin_client.get(page.url))


@pytest.mark.parametrize("fragment_seconds", [0, 60], ids=["fragments-off", "fragments-on"])
def test_standard_page_queries_do_not_grow_with_the_body(
    client, home_fr, settings, fragment_seconds, django_assert_max_num_queries
):
    settings.FRAGMENT_CACHE_SECONDS = fragment_seconds
    small = f.publish(home_fr, StandardPage(title="Petite", slug="petite", body=_body(1)))
    large = f.publish(home_fr, StandardPage(title="Grande", slug="grande", body=_body(30)))
    client.get(small.url)
    client.get(large.url)
    with django_assert_max_num_queries(12) as one:
        client.get(small.url)
    with django_assert_max_num_queries(12) as many:
        response = client.get(large.url)
    assert "Paragraphe 29." in f.text(response)
    assert len(many.captured_queries) == len(one.captured_queries)


@pytest.mark.parametrize("fragment_seconds", [0, 60], ids=["fragments-off", "fragments-on"])
def test_fact_sheet_queries_do_not_grow_with_mixes(
    client, home_fr, locales, settings, fragment_seconds, django_assert_max_num_queries
):
    settings.FRAGMENT_CACHE_SECONDS = fragment_seconds
    index = f.substance_index(home_fr)
    names = ["Alcool", "Cannabis", "Cocaïne", "GHB", "Kétamine", "MDMA"]
    sheets = [f.substance(index, name) for name in names]
    f.mix(locales["fr"], sheets[0], sheets[1])  # one mix
    for other in sheets[3:]:  # three mixes
        f.mix(locales["fr"], sheets[2], other)
    client.get(sheets[0].url)
    client.get(sheets[2].url)
    with django_assert_max_num_queries(20) as one:
        client.get(sheets[0].url)
    with django_assert_max_num_queries(20) as many:
        client.get(sheets[2].url)
    assert len(many.captured_queries) == len(one.captured_queries)


@pytest.mark.parametrize("fragment_seconds", [0, 60], ids=["fragments-off", "fragments-on"])
def test_campaign_queries_with_fragments_warm_and_cold(
    client, home_fr, locales, settings, fragment_seconds, django_assert_max_num_queries
):
    settings.FRAGMENT_CACHE_SECONDS = fragment_seconds
    index = f.campaign_index(home_fr)
    quiz = f.quiz(locales["fr"])
    sheets = f.substance_index(home_fr)
    related = [f.substance(sheets, name) for name in ("Alcool", "Cannabis")]
    one = f.campaign(index, code="one", episodes=1, quiz=quiz, substances=related[:1])
    ten = f.campaign(index, code="ten", episodes=10, quiz=quiz, substances=related)
    client.get(one.url)
    client.get(ten.url)
    limit = 45 if fragment_seconds == 0 else 20
    with django_assert_max_num_queries(limit) as small:
        client.get(one.url)
    with django_assert_max_num_queries(limit) as large:
        response = client.get(ten.url)
    assert f.text(response).count('class="episode"') == 10
    assert len(large.captured_queries) == len(small.captured_queries)
