"""Property-based fuzzing of what anyone can send without logging in: the `/` redirect (Accept-Language),
arbitrary paths under /fr/ and /nl/, arbitrary query strings on the home page. Never a 500: the test client
re-raises any exception a view lets through, so hypothesis shrinks it to the smallest failing input."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.url_input import refused

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

language_tag = st.from_regex(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8}){0,2}", fullmatch=True)
accept_language = st.one_of(
    st.lists(
        st.tuples(language_tag, st.one_of(st.none(), st.floats(0, 1).map(lambda q: f"{q:.3f}"))).map(
            lambda t: t[0] + (f";q={t[1]}" if t[1] else "")
        ),
        max_size=6,
    ).map(", ".join),
    st.text(max_size=80).filter(lambda s: "\n" not in s and "\r" not in s),  # garbage as well
    st.just("*"),
)
segment = st.one_of(
    st.from_regex(r"[a-z0-9\-]{1,30}", fullmatch=True),
    st.text(min_size=1, max_size=20).map(lambda s: quote(s, safe="")),  # anything, percent-encoded
    st.sampled_from(["..", ".", "%2e%2e", "%00", "%ff", "admin", "a-propos", "%C3%A9t%C3%A9", "~", "%20"]),
)
path = st.lists(segment, min_size=1, max_size=4).map(lambda parts: "/".join(parts))
query = st.dictionaries(st.text(min_size=1, max_size=12), st.text(max_size=40), max_size=5).map(
    lambda params: "&".join(f"{quote(k)}={quote(v)}" for k, v in params.items())
)
raw_query = st.text(max_size=60).map(lambda s: quote(s, safe="=&;%+"))


@FUZZ
@given(header=accept_language)
def test_root_redirect_never_fails(client, locales, header):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response["Location"].startswith(("/fr/", "/nl/"))


@FUZZ
@given(language=st.sampled_from(["fr", "nl"]), tail=path, trailing_slash=st.booleans())
def test_any_path_under_a_language_is_a_page_a_redirect_or_a_404(
    client, locales, language, tail, trailing_slash
):
    path = f"/{language}/{tail}" + ("/" if trailing_slash else "")
    response = client.get(path)
    assert response.status_code in ((400,) if refused(path) else (200, 301, 302, 404)), response.status_code
    if response.status_code == 404:
        assert f'<html lang="{language}">'.encode() in response.content


@FUZZ
@given(language=st.sampled_from(["fr", "nl"]), qs=st.one_of(query, raw_query))
def test_any_query_string_on_the_home_page_is_harmless(client, locales, language, qs):
    response = client.get(f"/{language}/?{qs}")
    assert response.status_code == (400 if refused(f"/{language}/?{qs}") else 200)
    # Reflected nowhere unescaped.
    assert b"<script>alert" not in response.content


@FUZZ
@given(qs=st.one_of(query, raw_query))
def test_root_redirect_keeps_the_query_string_without_header_injection(client, locales, qs):
    response = client.get(f"/?{qs}")
    if refused(f"/?{qs}"):
        assert response.status_code == 400
        return
    assert response.status_code == 302
    assert "\n" not in response["Location"] and "\r" not in response["Location"]
