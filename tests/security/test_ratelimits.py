"""Rate limits of every public form and search (home/ratelimit.py, settings.RATELIMITS).

For each limit: the requests under the limit work, the next one gets a 429 page in the visitor's language, and
nothing is stored or sent by the refused request; another address is not affected. The rates are lowered per
test (settings.RATELIMITS) so that a few requests reach them.
"""

import json

import pytest
import responses
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from campaigns.models import ResultCounter
from campaigns.scheduling import access
from campaigns.scheduling.models import Status
from home.models import OutgoingEmail
from home.ratelimit import client_ip
from resources.models import ProblemReport
from resources.referrals.models import ReferralCount
from settings.env import env_rate
from tests.campaigns import factories as f
from tests.referrals.conftest import geography as geography  # the small geography (fixture)
from tests.referrals.conftest import three_services as three_services  # fixture
from tests.resources.conftest import make_service as make_service  # fixture
from tests.scheduling.conftest import deliverable as deliverable  # fixture
from tests.scheduling.conftest import influencer as influencer  # fixture
from tests.scheduling.conftest import make_deliverable as make_deliverable  # fixture

pytestmark = pytest.mark.django_db

TOO_MANY = {"fr": "Trop de demandes", "nl": "Te veel verzoeken"}
IP, OTHER_IP = "198.51.100.7", "198.51.100.8"


@pytest.fixture
def rates(settings):
    """Lower some limits for one test: rates(search="2/m")."""

    def lower(**values):
        settings.RATELIMITS = {**settings.RATELIMITS, **values}

    return lower


def url(name, lang="fr", *args, query=""):
    with translation.override(lang):
        return reverse(name, args=args or None) + (f"?{query}" if query else "")


def assert_refused(response, lang):
    assert response.status_code == 429, response.status_code
    body = response.content.decode()
    assert f'<html lang="{lang}">' in body
    assert TOO_MANY[lang] in body
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]


# --- Searches (GET) ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["resources:search", "campaigns:search", "campaigns:mix", "campaigns:autocomplete", "referrals:slip"],
)
def test_get_views_are_limited_per_address_in_the_visitors_language(client, locales, rates, name):
    group = {"campaigns:mix": "mix", "campaigns:autocomplete": "autocomplete", "referrals:slip": "slip"}
    rates(**{group.get(name, "search"): "2/m"})
    for _i in range(2):
        assert client.get(url(name, "fr", query="q=aide"), REMOTE_ADDR=IP).status_code in (200, 400)
    assert_refused(client.get(url(name, "fr", query="q=aide"), REMOTE_ADDR=IP), "fr")
    assert_refused(client.get(url(name, "nl", query="q=hulp"), REMOTE_ADDR=IP), "nl")
    assert client.get(url(name, "nl", query="q=hulp"), REMOTE_ADDR=OTHER_IP).status_code in (200, 400)


def test_both_searches_share_one_generous_budget(client, locales, settings, rates):
    assert settings.RATELIMITS["search"] == "120/m"
    rates(search="3/m")
    assert client.get(url("resources:search"), REMOTE_ADDR=IP).status_code == 200
    assert client.get(url("campaigns:search", query="q=x"), REMOTE_ADDR=IP).status_code == 200
    assert client.get(url("resources:search"), REMOTE_ADDR=IP).status_code == 200
    assert client.get(url("campaigns:search", query="q=x"), REMOTE_ADDR=IP).status_code == 429


def test_slip_over_the_limit_counts_nothing(client, three_services, rates):
    rates(slip="1/m")
    ids = ".".join(str(fr.pk) for fr, _nl in three_services)
    assert client.get(url("referrals:slip", query=f"s={ids}"), REMOTE_ADDR=IP).status_code == 200
    counted = ReferralCount.objects.count()
    assert counted > 0
    assert_refused(client.get(url("referrals:slip", query=f"s={ids}"), REMOTE_ADDR=IP), "fr")
    assert ReferralCount.objects.count() == counted


def test_hsds_api_answers_429_in_json(client, locales, rates):
    rates(api="2/m")
    for _i in range(2):
        assert client.get("/api/hsds/services", REMOTE_ADDR=IP).status_code == 200
    refused = client.get("/api/hsds/taxonomies", REMOTE_ADDR=IP)
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert "error" in refused.json() and int(refused["Retry-After"]) > 0
    assert client.get("/api/hsds/services", REMOTE_ADDR=OTHER_IP).status_code == 200


# --- Forms (POST) -----------------------------------------------------------------------------------------


def test_problem_report_limit_stores_and_sends_nothing(client, make_service, rates, settings):
    settings.DIRECTORY_MANAGERS_EMAILS = ["team@example.org"]
    rates(report="2/h")
    fr, nl = make_service("Signalé")
    for _i in range(2):
        assert (
            client.post(
                url("resources:service", "fr", fr.pk), {"reason": "phone"}, REMOTE_ADDR=IP
            ).status_code
            == 302
        )
    assert_refused(
        client.post(url("resources:service", "fr", fr.pk), {"reason": "phone"}, REMOTE_ADDR=IP), "fr"
    )
    refused = client.post(url("resources:service", "nl", nl.pk), {"reason": "hours"}, REMOTE_ADDR=IP)
    assert_refused(refused, "nl")
    assert "Te veel meldingen" in refused.content.decode()  # the form's own message, in Dutch
    assert ProblemReport.objects.count() == 2
    assert OutgoingEmail.objects.filter(kind="problem_report").count() == 2  # one e-mail each, in the outbox
    assert (
        client.get(url("resources:service", "fr", fr.pk), REMOTE_ADDR=IP).status_code == 200
    )  # reading: free
    assert (
        client.post(
            url("resources:service", "fr", fr.pk), {"reason": "phone"}, REMOTE_ADDR=OTHER_IP
        ).status_code
        == 302
    )


def test_warm_referral_limit_keeps_the_form_and_sends_nothing(client, three_services, rates):
    rates(warm="1/h")
    _fr, nl = three_services[2]
    data = {"name": "Zorbalina", "language": "ar", "contact": "phone", "phone": "+32 470 98 76 54"}
    data |= {"email": "", "consent": "on", "lang": "nl"}
    assert client.post(url("referrals:warm", "fr", nl.pk), data, REMOTE_ADDR=IP).status_code == 302
    refused = client.post(url("referrals:warm", "nl", nl.pk), data, REMOTE_ADDR=IP)
    assert refused.status_code == 429
    assert "Er werden te veel berichten verstuurd" in refused.content.decode()  # its form, in Dutch
    assert 'lang="nl"' in refused.content.decode()
    assert 0 < int(refused["Retry-After"]) <= 3600  # when to come back: the end of the hour's window
    assert "no-store" in refused["Cache-Control"]
    assert len(mail.outbox) == 1
    assert ReferralCount.objects.filter(kind=ReferralCount.Kind.WARM_REFERRAL_SENT).count() == 1


@pytest.mark.parametrize("kind", ["quiz", "self_check"])
def test_quiz_and_self_check_answers_over_the_limit_count_nothing(client, locales, rates, kind):
    rates(quiz="2/10m")
    target = f.quiz(locales["fr"]) if kind == "quiz" else f.self_check(locales["fr"])
    answers = (
        {"q0": "1", "q1": "0"} if kind == "quiz" else {f"q{i}": "0" for i in range(len(target.questions))}
    )
    for _i in range(2):
        assert (
            client.post(url(f"campaigns:{kind}", "fr", target.pk), answers, REMOTE_ADDR=IP).status_code == 200
        )
    assert sum(ResultCounter.objects.values_list("count", flat=True)) == 2
    assert_refused(client.post(url(f"campaigns:{kind}", "nl", target.pk), answers, REMOTE_ADDR=IP), "nl")
    assert sum(ResultCounter.objects.values_list("count", flat=True)) == 2
    assert client.get(url(f"campaigns:{kind}", "fr", target.pk), REMOTE_ADDR=IP).status_code == 200


def test_influencer_brief_submissions_are_limited(client, deliverable, rates):
    rates(brief="1/h")
    with translation.override("fr"):
        brief = access.brief_path(deliverable, "fr")
    fr, nl = deliverable.variants.get(language="fr"), deliverable.variants.get(language="nl")

    def draft(variant, caption):
        data = {"variant": variant.pk, "action": "draft", f"d{variant.pk}-caption": caption}
        return client.post(brief, data | {f"d{variant.pk}-hashtags": ""}, REMOTE_ADDR=IP)

    assert draft(fr, "Mon texte").status_code == 302
    assert_refused(draft(nl, "Mijn tekst"), "fr")
    nl.refresh_from_db()
    assert nl.caption != "Mijn tekst" and nl.status != Status.DRAFT_SUBMITTED
    assert client.get(brief, REMOTE_ADDR=IP).status_code == 200


@responses.activate
def test_analytics_event_proxy_is_limited_and_forwards_nothing_more(client, settings, rates):
    settings.PLAUSIBLE_PROXY = True
    settings.PLAUSIBLE_DOMAIN = "prevention.brussels"
    settings.PLAUSIBLE_URL = "https://plausible.test"
    responses.post("https://plausible.test/api/event", body="ok", status=202)
    rates(event="1/m")
    event = json.dumps({"n": "pageview", "u": "https://prevention.brussels/fr/", "d": "prevention.brussels"})
    assert (
        client.post("/stats/api/event", event, content_type="text/plain", REMOTE_ADDR=IP).status_code == 202
    )
    refused = client.post("/stats/api/event", event, content_type="text/plain", REMOTE_ADDR=IP)
    assert refused.status_code == 429
    assert len(responses.calls) == 1


def test_admin_password_reset_is_limited_and_sends_nothing_more(client, locales, rates, django_user_model):
    django_user_model.objects.create_user("editor", "editor@example.org", "pw-editor-123456")
    rates(password_reset="2/h")
    url = reverse("wagtailadmin_password_reset")
    assert url == "/admin/password_reset/"
    for _i in range(2):
        response = client.post(url, {"email": "editor@example.org"}, REMOTE_ADDR=IP)
        assert response.status_code == 302
    assert len(mail.outbox) == 2
    refused = client.post(url, {"email": "editor@example.org"}, REMOTE_ADDR=IP, HTTP_ACCEPT_LANGUAGE="nl")
    assert_refused(refused, "nl")
    assert len(mail.outbox) == 2
    assert client.get(url, REMOTE_ADDR=IP).status_code == 200  # the form itself still opens


# --- Configuration ----------------------------------------------------------------------------------------


def test_limits_can_be_switched_off(client, locales, settings, rates):
    rates(search="1/m")
    settings.RATELIMIT_ENABLE = False
    for _i in range(3):
        assert client.get(url("resources:search"), REMOTE_ADDR=IP).status_code == 200
    settings.RATELIMIT_ENABLE = True
    rates(search="")  # an empty rate: that limit is off
    for _i in range(3):
        assert client.get(url("resources:search"), REMOTE_ADDR=IP).status_code == 200


def test_every_limit_has_a_valid_default_rate(settings):
    expected = {"search", "autocomplete", "api", "mix", "slip", "quiz", "report", "warm", "brief", "event"}
    expected.add("password_reset")
    assert set(settings.RATELIMITS) == expected
    assert all(env_rate("UNSET_FOR_TEST", rate) == rate for rate in settings.RATELIMITS.values())


@pytest.mark.parametrize("value", ["120", "fast", "5/week", "1/m; rm"])
def test_bad_rate_in_the_environment_is_refused_at_start(monkeypatch, value):
    monkeypatch.setenv("RATELIMIT_SEARCH", value)
    with pytest.raises(ImproperlyConfigured, match="RATELIMIT_SEARCH"):
        env_rate("RATELIMIT_SEARCH", "120/m")


@pytest.mark.parametrize(
    ("trust", "forwarded", "expected"),
    [
        (False, "203.0.113.1", "10.0.0.1"),  # no proxy trusted: the header is ignored (anyone can send it)
        (True, "203.0.113.1", "203.0.113.1"),
        (True, "6.6.6.6, 203.0.113.1", "203.0.113.1"),  # a forged left part is ignored
        (True, "not-an-ip", "10.0.0.1"),  # garbage: the peer's address, never an error
        (True, "1.2.3.4, <script>", "10.0.0.1"),
        (True, "", "10.0.0.1"),
    ],
)
def test_client_address_behind_the_tls_proxy(settings, trust, forwarded, expected):
    settings.TRUST_X_FORWARDED_FOR = trust
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_garbage_forwarded_header_never_breaks_a_limited_view(client, locales, settings, rates):
    settings.TRUST_X_FORWARDED_FOR = True
    rates(search="1/m")
    assert client.get(url("resources:search"), HTTP_X_FORWARDED_FOR="nonsense").status_code == 200
    assert (
        client.get(url("resources:search"), HTTP_X_FORWARDED_FOR="nonsense").status_code == 429
    )  # the peer's


def test_ipv6_visitors_are_counted_per_64(client, locales, rates):
    rates(search="1/m")
    assert client.get(url("resources:search"), REMOTE_ADDR="2001:db8:1:2::1").status_code == 200
    assert client.get(url("resources:search"), REMOTE_ADDR="2001:db8:1:2::ffff").status_code == 429
    assert client.get(url("resources:search"), REMOTE_ADDR="2001:db8:1:3::1").status_code == 200
