import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.models import ResultCounter

from . import factories as f

pytestmark = pytest.mark.django_db


def url(name, pk):
    with translation.override("fr"):
        return reverse(f"campaigns:{name}", args=[pk])


def test_quiz_block_renders_a_form_that_works_without_js(client, home_fr, locales):
    quiz = f.quiz(locales["fr"])
    page = f.campaign(f.campaign_index(home_fr), quiz=quiz)
    html = client.get(page.url).content.decode()
    assert f'action="{url("quiz", quiz.pk)}"' in html
    assert 'name="q1" value="2"' in html


def test_quiz_evaluated_and_only_counted(client, locales):
    quiz = f.quiz(locales["fr"])
    response = client.post(url("quiz", quiz.pk), {"q0": "1", "q1": "0"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "You got 1 out of 2." in html
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
    assert "the form was changed" in response.content.decode()
    assert not ResultCounter.objects.exists()


def test_incomplete_quiz_keeps_answers(client, locales):
    quiz = f.quiz(locales["fr"])
    response = client.post(url("quiz", quiz.pk), {"q0": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please answer every question." in html
    assert 'name="q0" value="1" required checked' in html
    assert not ResultCounter.objects.exists()


def test_unknown_quiz_is_404(client, locales):
    assert client.post(url("quiz", 999999), {"q0": "1"}).status_code == 404


def test_self_check_bands(client, locales):
    check = f.self_check(locales["fr"])
    response = client.post(url("self_check", check.pk), {"q0": "0", "q1": "1", "q2": "0"})
    assert response.status_code == 200
    assert "Peu de risques" in response.content.decode()
    response = client.post(url("self_check", check.pk), {"q0": "2", "q1": "2", "q2": "2"})
    html = response.content.decode()
    assert "Parles-en" in html and "Your score: 12 out of 12." in html
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
    assert "neither stored nor sent" in response.content.decode()
