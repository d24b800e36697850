import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from campaigns.models import Mix

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def substances(home_fr):
    index = f.substance_index(home_fr)
    return {
        name: f.substance(index, name, slang)
        for name, slang in [
            ("Alcool", "bibine"),
            ("Cocaïne", "coke, C"),
            ("Cannabis", "beuh"),
            ("Kétamine", "kéta"),
        ]
    }


def mix_url(lang="fr"):
    with translation.override(lang):
        return reverse("campaigns:mix")


def test_pair_is_unordered_and_unique(locales, substances):
    mix = f.mix(locales["fr"], substances["Cocaïne"], substances["Alcool"])
    assert mix.substance_a_id < mix.substance_b_id
    duplicate = Mix(
        locale=locales["fr"],
        substance_a=substances["Alcool"],
        substance_b=substances["Cocaïne"],
        risk="low",
        explanation="x",
    )
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    same = Mix(
        locale=locales["fr"],
        substance_a=substances["Alcool"],
        substance_b=substances["Alcool"],
        risk="low",
        explanation="x",
    )
    with pytest.raises(ValidationError):
        same.full_clean()


def test_checker_known_pair_both_orders(client, locales, substances):
    f.mix(
        locales["fr"],
        substances["Cocaïne"],
        substances["Alcool"],
        risk="very_dangerous",
        explanation="Cocaéthylène.",
    )
    for a, b in [("Alcool", "Cocaïne"), ("Cocaïne", "Alcool")]:
        response = client.get(mix_url(), {"a": substances[a].pk, "b": substances[b].pk})
        assert response.status_code == 200
        html = f.text(response)
        assert "Cocaéthylène." in html
        assert "risk--very_dangerous" in html


def test_checker_unknown_pair_never_says_safe(client, locales, substances):
    response = client.get(mix_url(), {"a": substances["Cannabis"].pk, "b": substances["Kétamine"].pk})
    assert response.status_code == 200
    html = f.text(response)
    assert f.t("No information about this mix.") in html
    assert f.t("That does not mean it is safe. Ask a helpline before taking them together.") in html
    assert "risk--low" not in html
    assert 'class="helplines' in html


@pytest.mark.parametrize(
    "params",
    [
        {"a": "abc", "b": "1"},
        {"a": "999999", "b": "999998"},
        {"a": "1"},
        {"a": "-5", "b": "0"},
        {"a": "99999999999999999999999", "b": "1"},
        {"a": "1e3", "b": "<script>"},
    ],
)
def test_checker_bad_ids_give_a_clear_message(client, substances, params):
    response = client.get(mix_url(), params)
    assert response.status_code == 400
    assert f.t("Choose two substances from the list.") in f.text(response)


def test_checker_same_substance_twice(client, substances):
    pk = substances["Alcool"].pk
    response = client.get(mix_url(), {"a": pk, "b": pk})
    assert response.status_code == 400
    assert f.t("Choose two different substances.") in f.text(response)


def test_checker_partial_for_javascript(client, locales, substances):
    f.mix(locales["fr"], substances["Cocaïne"], substances["Alcool"])
    response = client.get(
        mix_url(), {"a": substances["Cocaïne"].pk, "b": substances["Alcool"].pk, "partial": "1"}
    )
    html = f.text(response)
    assert response.status_code == 200
    assert "<html" not in html and "mix-result" in html


def test_checker_without_query_shows_the_form(client, substances):
    response = client.get(mix_url())
    html = f.text(response)
    assert response.status_code == 200
    assert '<select id="mix-a" name="a"' in html and "Kétamine" in html


def test_substance_page_shows_mix_table_in_its_language(client, locales, substances):
    mix = f.mix(
        locales["fr"],
        substances["Cocaïne"],
        substances["Alcool"],
        risk="very_dangerous",
        explanation="Cocaéthylène.",
    )
    html = f.text(client.get(substances["Alcool"].url))
    assert 'id="mixing-table"' in html and "Cocaéthylène." in html
    # Dutch: translated sheets and a translated mix.
    nl = locales["nl"]
    for page in substances.values():
        translated = page.copy_for_translation(nl, copy_parents=True)
        translated.save_revision().publish()
    f_mix_nl = mix.copy_for_translation(nl)
    f_mix_nl.explanation = "Cocaëthyleen."
    f_mix_nl.save()
    alcohol_nl = substances["Alcool"].get_translation(nl)
    html = f.text(client.get(alcohol_nl.url))
    assert "Cocaëthyleen." in html
    cocaine_nl = substances["Cocaïne"].get_translation(nl)
    assert f'href="{cocaine_nl.url}"' in html
    # The Dutch checker accepts French ids (the language switcher keeps the query) and answers in Dutch.
    response = client.get(mix_url("nl"), {"a": substances["Alcool"].pk, "b": substances["Cocaïne"].pk})
    assert response.status_code == 200
    assert "Cocaëthyleen." in f.text(response)


def test_mix_table_query_count_does_not_grow(client, locales, substances, django_assert_max_num_queries):
    page = substances["Alcool"]
    f.mix(locales["fr"], page, substances["Cocaïne"])
    client.get(page.url)
    with django_assert_max_num_queries(40) as one:
        client.get(page.url)
    f.mix(locales["fr"], page, substances["Cannabis"])
    f.mix(locales["fr"], page, substances["Kétamine"])
    client.get(page.url)  # the new mixes dropped the memoised site shell: warm it again
    with django_assert_max_num_queries(40) as three:
        client.get(page.url)
    assert len(three.captured_queries) == len(one.captured_queries)
