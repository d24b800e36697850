"""No cookie for an anonymous visitor on any public page (issue 13, finding 5): the public forms of anonymous
visitors work without Django's CSRF cookie (home/public_forms.py) and refuse what browsers mark as cross-site;
after a submission, only the short-lived `messages` cookie that carries the confirmation."""

import pytest
from django.urls import reverse
from django.utils import translation

from home.models import StandardPage
from resources.models import ProblemReport
from tests.referrals.conftest import geography as geography  # the small geography (fixture)
from tests.referrals.conftest import three_services as three_services  # fixture
from tests.resources.conftest import make_service as make_service  # fixture

pytestmark = pytest.mark.django_db


def _url(name, *args, lang="fr"):
    with translation.override(lang):
        return reverse(name, args=args or None)


def test_no_public_page_sets_a_cookie(client, home_fr, home_nl, three_services):
    page = StandardPage(title="Vie privée", slug="vie-privee", intro="x")
    home_fr.add_child(instance=page)
    page.save_revision().publish()
    fr, nl = three_services[2]  # the one that accepts warm referrals: its page shows both forms
    paths = [
        "/fr/",
        "/nl/",
        "/fr/vie-privee/",
        _url("resources:search") + "?q=aide",
        _url("resources:service", fr.pk),
        _url("resources:service", nl.pk, lang="nl"),
        _url("resources:neighbourhoods"),
        _url("campaigns:search") + "?q=cannabis",
        _url("campaigns:mix"),
        _url("referrals:landing"),
        _url("referrals:slip") + f"?s={fr.pk}",
        _url("referrals:warm", fr.pk),
        _url("referrals:warm", nl.pk, lang="nl"),
        "/api/hsds/services",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert not response.cookies, (path, list(response.cookies))
        assert not response.has_header("Set-Cookie"), path


def test_a_report_from_this_site_works_and_leaves_only_the_confirmation_cookie(client, make_service):
    fr, _nl = make_service("Signalé")
    response = client.post(
        _url("resources:service", fr.pk), {"reason": "phone"}, HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 302
    assert ProblemReport.objects.count() == 1
    assert set(response.cookies) == {"messages"}
    assert not response.cookies["messages"]["max-age"] and not response.cookies["messages"]["expires"]
    shown = client.get(response["Location"])
    assert "messages" not in client.cookies or not client.cookies["messages"].value  # deleted once shown
    assert shown.status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
    ],
)
def test_cross_site_submissions_are_refused_and_change_nothing(client, three_services, headers):
    fr, _nl = three_services[2]
    report = client.post(_url("resources:service", fr.pk), {"reason": "phone"}, **headers)
    assert report.status_code == 403
    warm = {"name": "Zorbalina", "language": "ar", "contact": "phone", "phone": "+32 470 98 76 54"}
    warm |= {"email": "", "consent": "on", "lang": "fr"}
    assert client.post(_url("referrals:warm", fr.pk), warm, **headers).status_code == 403
    assert ProblemReport.objects.count() == 0


def test_same_origin_by_origin_header_is_accepted(client, make_service):
    fr, _nl = make_service("Signalé")
    response = client.post(
        _url("resources:service", fr.pk), {"reason": "phone"}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 302


def test_the_privacy_page_says_exactly_that_in_both_languages():
    from demo.home import STANDARD_PAGES

    privacy = next(spec for spec in STANDARD_PAGES if spec["slug"] == "vie-privee")
    for lang, heading, promise, exception in (
        ("fr", "Cookies", "ne dépose aucun cookie quand vous le lisez", "un cookie « messages »"),
        ("nl", "Cookies", "plaatst geen enkele cookie wanneer je hem leest", "een cookie « messages »"),
    ):
        body = privacy[lang]["body"]
        headings = [block["value"]["text"] for block in body if block["type"] == "heading"]
        text = " ".join(block["value"] for block in body if block["type"] == "paragraph")
        assert heading in headings and promise in text and exception in text
        assert (
            "cookie de suivi" not in privacy[lang]["intro"]
            and "trackingcookies" not in privacy[lang]["intro"]
        )
