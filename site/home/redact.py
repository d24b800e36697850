"""Remove phone numbers and e-mail addresses from free text a visitor typed, before it is stored or e-mailed.

Free-text fields of public forms ask people not to write anything about themselves; this filter is the net
under that request. It recognises e-mail addresses and telephone numbers in the formats people use in
Belgium: `+32 2 123 45 67`, `+32 (0)2 123 45 67`, `0032 2 123 45 67`, `0470 12 34 56`, `02/123.45.67`,
`0470-12-34-56`, `0470123456`. A number is taken for a phone when it starts with `+`, `00` or `0` and has 9
to 15 digits, separated by at most one space, dot, slash or hyphen at a time: dates (`01/03/2026`, 8 digits),
hours (`09.00-17.00`), postcodes and house numbers are left alone.
"""

from __future__ import annotations

import re

REMOVED = "[…]"

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
PHONE_RE = re.compile(
    r"(?<![\w@+])"  # not inside a word, an address or another number
    r"(?:\+|00)?"
    r"\(?\d\)?"
    r"(?:[ \u00a0./-]?\(?\d\)?){7,16}"
    r"(?![\w@])"
)


def _phone(match: re.Match) -> str:
    text = match.group(0)
    digits = re.sub(r"\D", "", text)
    if text.startswith(("+", "00", "0", "(0")) and 9 <= len(digits) <= 15:
        return REMOVED
    return text


def redact_contacts(text: str) -> str:
    """`text` with every e-mail address and phone number replaced by "[…]"."""
    if not text:
        return text
    text = EMAIL_RE.sub(REMOVED, text)
    return PHONE_RE.sub(_phone, text)
