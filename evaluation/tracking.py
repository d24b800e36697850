"""The custom events the site may send to Plausible and the props each may carry: codes only, never free text.

Used by the event proxy (/stats/api/event) to drop anything not on the list, and by the sync to know which
goal properties to import. Documented in docs/evaluation.md; keep both in step.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _

# A prop value is a code: letters, digits, "-", "_", ".", ":" — at most 64 characters, no spaces, no "@".
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")

# Goal name -> allowed props (name -> allowed values, or None for "any code").
ALLOWED_EVENTS: dict[str, dict[str, frozenset[str] | None]] = {
    "pageview": {},
    "Helpline click": {"line": None, "lang": frozenset({"fr", "nl"})},
    "Directory search": {
        "category": None,
        "commune": None,
        "quartier": None,
        "results": frozenset({"none", "some"}),
    },
    "Service view": {"category": None, "commune": None, "quartier": None},
    "Service contact": {
        "channel": frozenset({"call", "route", "website", "email"}),
        "category": None,
        "commune": None,
        "quartier": None,
    },
    "Referral slip": {"category": None, "commune": None, "quartier": None},
    "Video play": {"video": None, "progress": frozenset({"start", "25", "50", "75", "100"})},
    "Quiz completed": {"quiz": None, "score": None},
    "Outbound Link: Click": {"url": None},
    "File Download": {"url": None},
    "404": {},
}

# How the admin shows a goal name or Plausible's "(not set)" (the stored value stays Plausible's name).
VALUE_LABELS = {
    "Helpline click": _("Helpline click"),
    "Directory search": _("Directory search"),
    "Service view": _("Service view"),
    "Service contact": _("Service contact (call, route, website)"),
    "Referral slip": _("Referral slip made"),
    "Video play": _("Video play"),
    "Quiz completed": _("Quiz completed"),
    "Outbound Link: Click": _("Outbound link click"),
    "File Download": _("File download"),
    "404": _("Page not found (404)"),
    "(not set)": _("(not set)"),
}


def value_label(value: str) -> str:
    """A stored series value (page path, UTM value, goal name) as the admin shows it."""
    return VALUE_LABELS.get(value, value)


# Goal properties imported as daily series (goal_prop) by the sync.
SYNCED_PROPS = ("category", "commune", "quartier", "channel")

# The steps of the path to help, in order (goal names).
PATH_TO_HELP = ("Directory search", "Service contact", "Referral slip")


def clean_props(event: str, props: Any) -> tuple[dict[str, str], list[str]]:
    """Keep only the allowed props of an allowed event, with code-like values. Returns (kept, dropped names)."""
    allowed = ALLOWED_EVENTS.get(event)
    if allowed is None or not isinstance(props, dict):
        return {}, sorted(map(str, props)) if isinstance(props, dict) else []
    kept: dict[str, str] = {}
    dropped: list[str] = []
    for name, value in props.items():
        spec = allowed.get(name, "missing")
        value = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        if spec == "missing" or value is None:
            dropped.append(str(name))
        elif name == "url":
            # Outbound links and downloads: keep scheme + host + path, never a query string.
            if re.match(r"^https?://[^\s?#@]{1,300}$", value):
                kept[name] = value
            else:
                dropped.append(name)
        elif not CODE_RE.match(value) or (spec is not None and value not in spec):
            dropped.append(str(name))
        else:
            kept[name] = value
    return kept, dropped


def is_allowed_event(name: Any) -> bool:
    return isinstance(name, str) and name in ALLOWED_EVENTS
