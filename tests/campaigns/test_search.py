import pytest
from django.urls import reverse
from django.utils import translation

from tests.url_input import refused

from . import factories as f

pytestmark = pytest.mark.django_db


def url(name, lang="fr"):
    with translation.override(lang):
        return reverse(f"campaigns:{name}")


@pytest.fixture
def content(home_fr, locales):
    index = f.substance_index(home_fr)
    cocaine = f.substance(index, "Cocaïne", "coke, C, blanche")
    ketamine = f.substance(index, "Kétamine", "kéta, K, spécial K")
    campaign = f.campaign(f.campaign_index(home_fr), title="Dope Talk Bruxelles")
    nl = locales["nl"]
    cocaine_nl = cocaine.copy_for_translation(nl, copy_parents=True)
    cocaine_nl.title = "Cocaïne NL"
    cocaine_nl.slang_names = "coke, sneeuw"
    cocaine_nl.save_revision().publish()
    return {"cocaine": cocaine, "ketamine": ketamine, "campaign": campaign, "cocaine_nl": cocaine_nl}


def test_search_by_title_and_slang_in_the_visitor_language(client, content):
    html = f.text(client.get(url("search"), {"q": "kéta"}))
    assert content["ketamine"].url in html
    html = f.text(client.get(url("search"), {"q": "blanche"}))
    assert content["cocaine"].url in html
    html = f.text(client.get(url("search"), {"q": "Dope Talk"}))
    assert content["campaign"].url in html
    html = f.text(client.get(url("search", "nl"), {"q": "sneeuw"}))
    assert content["cocaine_nl"].url in html
    assert content["cocaine"].url not in html  # only the visitor's language


def test_no_result_leads_to_help(client, content):
    response = client.get(url("search"), {"q": "zzzyyyxxx"})
    html = f.text(response)
    assert response.status_code == 200
    assert f.t("Nothing found for “%(query)s”.", query="zzzyyyxxx") in html
    assert 'class="helplines' in html


@pytest.mark.parametrize(
    "q",
    [
        "a" * 10000,
        "\x00\x01drop table",
        "' OR 1=1 --",
        "%%%%",
        "🙂" * 300,
        "  ",
        "AND OR NOT",
        '"unbalanced',
        "*",
    ],
)
def test_absurd_queries_never_fail(client, content, q):
    expected = 400 if refused("", {"q": q}) else 200
    response = client.get(url("search"), {"q": q})
    assert response.status_code == expected
    response = client.get(url("autocomplete"), {"q": q})
    assert response.status_code == expected


def test_long_query_is_cut_with_a_message(client, content):
    html = f.text(client.get(url("search"), {"q": "cocaïne " * 50}))
    assert f.t("Your search was very long: we used only its beginning.") in html


def test_autocomplete_names_and_slang(client, content):
    data = client.get(url("autocomplete"), {"q": "spéc"}).json()
    assert data["results"][0]["title"] == "Kétamine"
    assert data["results"][0]["slang"] == ["spécial K"]
    assert client.get(url("autocomplete"), {"q": "k"}).json() == {"results": []}
    nl = client.get(url("autocomplete", "nl"), {"q": "sneeuw"}).json()["results"]
    assert [r["title"] for r in nl] == ["Cocaïne NL"]


def test_search_query_count_does_not_grow(client, home_fr, django_assert_max_num_queries):
    index = f.substance_index(home_fr)
    f.substance(index, "Produit 0", "truc")
    client.get(url("search"), {"q": "truc"})
    with django_assert_max_num_queries(40) as few:
        client.get(url("search"), {"q": "truc"})
    for i in range(1, 8):
        f.substance(index, f"Produit {i}", "truc")
    client.get(url("search"), {"q": "truc"})  # new pages dropped the memoised site shell: warm it again
    with django_assert_max_num_queries(40) as many:
        html = f.text(client.get(url("search"), {"q": "truc"}))
    assert "Produit 7" in html
    assert len(many.captured_queries) == len(few.captured_queries)
