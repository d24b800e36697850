"""Property-based fuzzing of the public forms and searches: whatever a visitor sends, never a 500 (the test
client re-raises any exception a view lets through, so hypothesis shrinks it to the smallest failing input), and
invalid input stores nothing. Rate limits are off here (tests/security/test_ratelimits.py covers them), so each
example reaches the view itself."""

from urllib.parse import quote

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.models import ResultCounter
from resources.models import ProblemReport
from resources.referrals.models import ReferralCount
from tests.campaigns import factories as f
from tests.referrals.conftest import geography as geography  # the small geography (fixture)
from tests.resources.conftest import make_service as make_service  # fixture
from tests.url_input import refused

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text a person or a robot may send: anything printable or not, markup, SQL and search-syntax characters.
nasty = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            " ",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            '"*^():{}[]-+~\\',
            "\x00",
            "%00",
            "9" * 30,
            "-1",
            "1e309",
            "nan",
            "inf",
            "١٢",
            "é" * 300,
        ]
    ),
)
language = st.sampled_from(["fr", "nl"])


def url(name, lang="fr", *args):
    with translation.override(lang):
        return reverse(name, args=args or None)


@pytest.fixture(autouse=True)
def _no_limits(settings):
    settings.RATELIMIT_ENABLE = False


def _unescaped(response) -> bool:
    return b"<script>alert(1)</script>" in response.content


# --- Directory -------------------------------------------------------------------------------------------

SEARCH_KEYS = ["q", "category", "commune", "quartier", "hotspot", "language", "age", "open_now", "free"]
SEARCH_KEYS += ["anonymous", "no_appointment", "near", "lat", "lon", "page", "unknown"]


@FUZZ
@given(lang=language, params=st.dictionaries(st.sampled_from(SEARCH_KEYS), nasty, max_size=6))
def test_directory_search_any_parameters(client, geography, lang, params):
    query = "&".join(f"{quote(k)}={quote(v)}" for k, v in params.items())
    response = client.get(f"{url('resources:search', lang)}?{query}")
    if refused(f"?{query}"):
        assert response.status_code == 400
        return
    assert response.status_code == 200
    assert not _unescaped(response)


@FUZZ
@given(
    lang=language,
    reason=st.one_of(st.sampled_from([c for c, _label in ProblemReport.Reason.choices]), nasty),
    comment=st.one_of(st.text(max_size=1200), nasty),
    website=st.one_of(st.just(""), nasty),
    extra=st.dictionaries(st.text(min_size=1, max_size=8), nasty, max_size=2),
)
def test_problem_report_any_post(client, fuzz_service, lang, reason, comment, website, extra):
    service = fuzz_service[lang]
    before, mails = ProblemReport.objects.count(), len(mail.outbox)
    data = {**extra, "reason": reason, "comment": comment, "website": website}
    response = client.post(url("resources:service", lang, service.pk), data)
    assert response.status_code in (302, 400), response.status_code
    stored = ProblemReport.objects.count() - before
    valid = reason in ProblemReport.Reason.values and len(comment.strip()) <= 1000 and "\x00" not in comment
    if response.status_code == 400 or website.strip():
        assert stored == 0 and len(mail.outbox) == mails  # invalid or a robot: nothing kept, nothing sent
    else:
        assert valid and stored == 1
    assert not _unescaped(response)


@pytest.fixture
def fuzz_service(make_service):
    """Made once per test (fixtures are not re-run between hypothesis examples)."""
    fr, nl = make_service("Fuzz")
    return {"fr": fr, "nl": nl}


# --- Referral slip ---------------------------------------------------------------------------------------


@FUZZ
@given(
    lang=language,
    s=st.lists(st.one_of(nasty, st.integers(-5, 10**12).map(str)), max_size=4),
    slip_lang=st.one_of(language, nasty),
    fmt=st.one_of(st.sampled_from(["a6", "a4", "A4"]), nasty),
    q=st.one_of(st.just(""), nasty),
)
def test_referral_slip_any_parameters(client, geography, lang, s, slip_lang, fmt, q):
    before = ReferralCount.objects.count()
    params = [("s", value) for value in s] + [("lang", slip_lang), ("format", fmt), ("q", q)]
    query = "&".join(f"{k}={quote(v)}" for k, v in params)
    response = client.get(f"{url('referrals:slip', lang)}?{query}")
    assert response.status_code == (400 if refused(f"?{query}") else 200)
    assert ReferralCount.objects.count() == before  # no such service: nothing counted
    assert not _unescaped(response)


@FUZZ
@given(code=st.text(min_size=1, max_size=40).map(lambda c: quote(c, safe="")))
def test_referral_short_link_any_code(client, geography, code):
    response = client.get(f"/r/{code}")
    assert response.status_code in (302, 400, 404), response.status_code


# --- Campaign tools --------------------------------------------------------------------------------------


@FUZZ
@given(lang=language, a=nasty, b=nasty, partial=st.sampled_from(["", "1", "x"]))
def test_mix_checker_any_parameters(client, locales, lang, a, b, partial):
    query = f"a={quote(a)}&b={quote(b)}&partial={partial}"
    response = client.get(f"{url('campaigns:mix', lang)}?{query}")
    assert response.status_code in (200, 400)
    assert not _unescaped(response)


@FUZZ
@given(lang=language, q=nasty)
def test_campaign_search_and_autocomplete_any_query(client, locales, lang, q):
    for name in ("campaigns:search", "campaigns:autocomplete"):
        response = client.get(f"{url(name, lang)}?q={quote(q)}")
        assert response.status_code == (400 if refused(f"?q={quote(q)}") else 200)
        assert not _unescaped(response)


answers = st.dictionaries(
    st.one_of(st.from_regex(r"q[0-9]{1,3}", fullmatch=True), st.text(max_size=5)),
    st.one_of(st.integers(-3, 9).map(str), nasty),
    max_size=5,
)


@FUZZ
@given(kind=st.sampled_from(["quiz", "self_check"]), lang=language, data=answers, page=nasty)
def test_quiz_and_self_check_any_answers(client, questionnaires, kind, lang, data, page):
    target = questionnaires[kind]
    before = sum(ResultCounter.objects.values_list("count", flat=True))
    response = client.post(url(f"campaigns:{kind}", lang, target.pk), {**data, "page": page})
    if lang != target.locale.language_code:  # not translated: never shown inside the other language's page
        assert response.status_code == 404, response.status_code
    assert response.status_code in (200, 400, 404), response.status_code
    counted = sum(ResultCounter.objects.values_list("count", flat=True)) - before
    assert counted == (1 if response.status_code == 200 else 0)  # invalid answers: nothing counted
    assert not _unescaped(response)


@pytest.fixture
def questionnaires(locales):
    return {"quiz": f.quiz(locales["fr"]), "self_check": f.self_check(locales["fr"])}
