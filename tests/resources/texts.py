"""Text checks shared by the tests (resources, referrals, security): each returns what is wrong, so that one
assertion (`assert missing(page, "a", "b") == []`) names every miss at once."""

from __future__ import annotations


def missing(text: str, *expected: str) -> list[str]:
    """The expected strings that `text` does not contain."""
    return [item for item in expected if item not in text]


def present(text: str, *unwanted: str) -> list[str]:
    """The unwanted strings that `text` contains."""
    return [item for item in unwanted if item in text]
