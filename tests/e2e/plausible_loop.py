"""Helpers of the engagement-loop journeys (test_loop_evaluation.py, test_loop_every_event.py), whose live site
counts with the Plausible double: see the `plausible_double` and `plausible_live` fixtures of conftest.py."""

from __future__ import annotations

import time

import requests
from django.utils import translation


def shell(live, code: str) -> str:
    return live.manage("shell", "-c", code).stdout.strip().splitlines()[-1]


def wait_for(page, predicate, what: str, seconds: float = 30.0, context="") -> None:
    """Poll with Playwright's own wait: the context's route handler (no request may leave the machine) runs only
    while Playwright is called, so a plain sleep would hold the page's requests."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"not seen within {seconds} s: {what}{context}")


def warm_proxy(live) -> None:
    """The proxy fetches the tracker from the double once per process (1 s budget) and, after a failure, stops
    calling it for 30 s: on a loaded machine the first fetch may miss. Ask every worker until each serves it."""
    deadline = time.monotonic() + 90
    served = 0
    while served < 6:
        response = requests.get(live.url("/stats/js/script.js"), timeout=10)
        if b"window.plausible" in response.content:
            served += 1
        else:
            served = 0
            assert time.monotonic() < deadline, response.headers
            time.sleep(2)


def label(msgid_value: str, lang: str) -> str:
    from evaluation.tracking import value_label

    with translation.override(lang):
        return str(value_label(msgid_value))


def set_analyst_language(live, lang: str) -> None:
    """The demo analyst's admin language (their Wagtail profile's preferred language)."""
    shell(
        live,
        "from django.contrib.auth import get_user_model; from wagtail.users.models import UserProfile; "
        "p = UserProfile.get_for_user(get_user_model().objects.get(username='analyst')); "
        f"p.preferred_language = '{lang}'; p.save(); print('ok')",
    )
