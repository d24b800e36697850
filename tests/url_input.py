"""What the site answers to control characters in a URL (home/input_guard.py): a 400 in the visitor's language,
before any view. The fuzz tests use this to know which of their generated URLs must be refused."""

import re
from urllib.parse import parse_qsl, unquote, urlsplit

QUERY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # tab and line breaks allowed in values
PATH_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def refused(url: str, data: dict | None = None) -> bool:
    """True when the site must answer 400 to this URL (plus `data`, a GET's parameters)."""
    parts = urlsplit(url)
    if PATH_CONTROL.search(unquote(parts.path)):
        return True
    pairs = parse_qsl(parts.query, keep_blank_values=True) + list((data or {}).items())
    return any(QUERY_CONTROL.search(str(key)) or QUERY_CONTROL.search(str(value)) for key, value in pairs)
