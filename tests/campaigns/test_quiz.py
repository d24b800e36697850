import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.models import ResultCounter
from campaigns.services import MESSAGE_TAMPERED

from . import factories as f

pytestmark = pytest.mark.django_db


def url(name, pk):
    with translation.override("fr"):
        return reverse(f"campaigns:{name}", args=[pk])


def test_quiz_block_renders_a_form_that_works_without_js(client, home_fr, locales):
    quiz = f.quiz(locales["fr"])
    page = f.campaign(f.campaign_index(home_fr), quiz=quiz)
    html = f.text(client.get(page.url))
    assert f'action="{url("quiz", quiz.pk)}"' in html
    assert 'name="q1" value="2"' in html


def test_quiz_evaluated_and_only_counted(client, locales):
    quiz = f.quiz(locales["fr"])
    response = client.post(url("quiz", quiz.pk), {"q0": "1", "q1": "0"})
    assert response.status_code == 200
    html = f.text(response)
    assert f.t("You got %(score)s out of %(total)s.", score=1, total=2) in html
    assert "Seul le temps fait baisser" in html
    counter = ResultCounter.objects.get()
    assert (counter.kind, counter.object_id, counter.result, counter.count) == ("quiz", quiz.pk, "1/2", 1)
    client.post(url("quiz", quiz.pk), {"q0": "1", "q1": "1"})
    client.post(url("quiz", quiz.pk), {"q0": "1", "q1": "1"})
    assert ResultCounter.objects.get(result="2/2").count == 2
    assert ResultCounter.objects.count() == 2


@pytest.mark.parametrize(
    "data",
    [
        {"q0": "7", "q1": "0"},
        {"q0": "abc", "q1": "0"},
        {"q0": "1", "q1": "0", "q9": "0"},
        {"q0": "-1", "q1": "0"},
        {"qx": "1"},
    ],
)
def test_tampered_quiz_form(client, locales, data):
    quiz = f.quiz(locales["fr"])
    response = client.post(url("quiz", quiz.pk), data)
    assert response.status_code == 400
    assert f.t(MESSAGE_TAMPERED) in f.text(response)
    assert not ResultCounter.objects.exists()


def test_incomplete_quiz_keeps_answers(client, locales):
    quiz = f.quiz(locales["fr"])
    response = client.post(url("quiz", quiz.pk), {"q0": "1"})
    assert response.status_code == 400
    html = f.text(response)
    assert f.t("Please answer every question.") in html
    assert 'name="q0" value="1" required checked' in html
    assert not ResultCounter.objects.exists()


def test_unknown_quiz_is_404(client, locales):
    assert client.post(url("quiz", 999999), {"q0": "1"}).status_code == 404


def test_self_check_bands(client, locales):
    check = f.self_check(locales["fr"])
    response = client.post(url("self_check", check.pk), {"q0": "0", "q1": "1", "q2": "0"})
    assert response.status_code == 200
    assert "Peu de risques" in f.text(response)
    response = client.post(url("self_check", check.pk), {"q0": "2", "q1": "2", "q2": "2"})
    html = f.text(response)
    assert "Parles-en" in html
    assert f.t("Your score: %(score)s out of %(total)s.", score=12, total=12) in html
    assert 'class="help-cta"' in html
    assert sorted(ResultCounter.objects.values_list("result", "count")) == [("0", 1), ("1", 1)]


def test_self_check_tampered(client, locales):
    check = f.self_check(locales["fr"])
    response = client.post(url("self_check", check.pk), {"q0": "5", "q1": "1", "q2": "0"})
    assert response.status_code == 400
    assert not ResultCounter.objects.exists()


def test_self_check_get_shows_form(client, locales):
    check = f.self_check(locales["fr"])
    response = client.get(url("self_check", check.pk))
    assert response.status_code == 200
    assert f.t("Anonymous: your answers are neither stored nor sent to anyone.") in f.text(response)


# --- The language switcher on a quiz or self-check (issue #12, finding 7) -------------------------------------


def _translated(obj, nl, **texts):
    copy = obj.copy_for_translation(nl)
    for name, value in texts.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def _switcher(html, code):
    import re

    match = re.search(rf'<a href="([^"]+)" hreflang="{code}"', html)
    return match.group(1) if match else None


@pytest.mark.parametrize("kind", ["quiz", "self_check"])
def test_switcher_on_a_result_leads_to_the_translation(client, home_fr, locales, kind):
    source = f.quiz(locales["fr"]) if kind == "quiz" else f.self_check(locales["fr"])
    dutch = _translated(source, locales["nl"], title="Alcoholquiz" if kind == "quiz" else "En jouw gebruik?")
    answers = {"q0": "1", "q1": "0"} if kind == "quiz" else {"q0": "0", "q1": "1", "q2": "0"}
    response = client.post(url(kind, source.pk), answers)
    assert response.status_code == 200
    with translation.override("nl"):
        wanted = reverse(f"campaigns:{kind}", args=[dutch.pk])
    assert _switcher(f.text(response), "nl") == wanted
    response = client.get(wanted)
    html = f.text(response)
    assert '<html lang="nl">' in html and dutch.title in html and source.title not in html
    assert _switcher(html, "fr") == url(kind, source.pk)


@pytest.mark.parametrize("kind", ["quiz", "self_check"])
def test_an_id_of_the_other_language_redirects_to_the_translation(client, home_fr, home_nl, locales, kind):
    source = f.quiz(locales["fr"]) if kind == "quiz" else f.self_check(locales["fr"])
    dutch = _translated(source, locales["nl"], title="Nederlands")
    page_nl = f.campaign(f.campaign_index(home_fr)).copy_for_translation(locales["nl"], copy_parents=True)
    page_nl.save_revision().publish()
    page_fr = page_nl.get_translation(locales["fr"])
    with translation.override("nl"):
        foreign = reverse(f"campaigns:{kind}", args=[source.pk])
        wanted = reverse(f"campaigns:{kind}", args=[dutch.pk])
    response = client.get(f"{foreign}?page={page_fr.pk}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"{wanted}?page={page_nl.pk}"


@pytest.mark.parametrize("kind", ["quiz", "self_check"])
def test_an_id_of_the_other_language_without_translation_is_404(client, locales, kind):
    source = f.quiz(locales["fr"]) if kind == "quiz" else f.self_check(locales["fr"])
    with translation.override("nl"):
        foreign = reverse(f"campaigns:{kind}", args=[source.pk])
    response = client.get(foreign)
    assert response.status_code == 404
    assert source.title not in f.text(response)
    assert client.post(foreign, {"q0": "1"}).status_code == 404


def test_switcher_without_translation_says_it_is_missing(client, locales):
    source = f.quiz(locales["fr"])
    html = f.text(client.get(url("quiz", source.pk)))
    assert _switcher(html, "nl") == "/nl/?missing=1"
