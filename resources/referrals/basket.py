"""The referral basket lives in the URL (`?s=12.34`) and in short links (`/r/nl-c-y`): nothing is stored.

Parsing is defensive: whatever a person types or tampers with gives a list of at most MAX_SERVICES distinct
positive ids and a set of problem codes the view turns into a message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.http import base36_to_int, int_to_base36

MAX_SERVICES = 6
MAX_RAW_CHARS = 200
MAX_ID = 999_999_999
_SEPARATORS = re.compile(r"[.,;\s]+")
_ID = re.compile(r"\d{1,9}")
_CODE = re.compile(rf"([a-z]{{2,3}})-([0-9a-z]{{1,6}}(?:-[0-9a-z]{{1,6}}){{0,{MAX_SERVICES - 1}}})")


@dataclass
class Basket:
    ids: list[int] = field(default_factory=list)
    problems: set[str] = field(default_factory=set)  # "invalid", "duplicates", "too_many"

    @property
    def param(self) -> str:
        return ".".join(str(pk) for pk in self.ids)


def parse_basket(values: list[str]) -> Basket:
    """Ids from one or more `s` query values such as "12.34" (also accepts commas and spaces)."""
    basket = Basket()
    raw = ".".join(values[:10])
    if len(raw) > MAX_RAW_CHARS:
        basket.problems.add("too_many")
        raw = raw[:MAX_RAW_CHARS].rsplit(".", 1)[0]
    for token in _SEPARATORS.split(raw):
        if not token:
            continue
        if not _ID.fullmatch(token) or not 0 < int(token) <= MAX_ID:
            basket.problems.add("invalid")
            continue
        pk = int(token)
        if pk in basket.ids:
            basket.problems.add("duplicates")
            continue
        if len(basket.ids) >= MAX_SERVICES:
            basket.problems.add("too_many")
            break
        basket.ids.append(pk)
    return basket


def slip_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def encode_short(language: str, ids: list[int]) -> str:
    """A stateless short code: the slip language and the ids in base 36, e.g. "nl-c-y"."""
    return "-".join([language, *(int_to_base36(pk) for pk in ids[:MAX_SERVICES])])


def decode_short(code: str) -> tuple[str, list[int]] | None:
    """(language, ids) or None when the code is not one we could have made."""
    match = _CODE.fullmatch((code or "").lower()[:80])
    if match is None or match.group(1) not in slip_languages():
        return None
    ids = []
    for part in match.group(2).split("-"):
        pk = base36_to_int(part)
        if not 0 < pk <= MAX_ID or pk in ids:
            return None
        ids.append(pk)
    return match.group(1), ids
