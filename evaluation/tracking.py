"""The custom events the site may send to Plausible and the props each may carry: codes only, never free text.

Read from the one taxonomy, home/events.py. Used by the event proxy (/stats/api/event) to drop anything not on the
list, and by the sync to know which goal properties to import. docs/evaluation.md shows the table.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _

from home.events import CODE_RE, EVENTS, event

# The allow-list is the taxonomy of home/events.py: goal name -> allowed props (None: any code).
ALLOWED_EVENTS: dict[str, dict[str, frozenset[str] | None]] = {e.name: e.props for e in EVENTS}

# How the admin shows a goal name or Plausible's "(not set)" (the stored value stays Plausible's name); every
# event of home/events.py has one (tests/security/test_admin_language.py).
VALUE_LABELS = {
    "Tracked link landing": _("Tracked link landing"),
    "Video play": _("Video play"),
    "Quiz completed": _("Quiz completed"),
    "Self-check completed": _("Self-check completed"),
    "Mix checked": _("Mix checked"),
    "Helpline click": _("Helpline click"),
    "Directory search": _("Directory search"),
    "Service contact": _("Service contact (call, e-mail, route, website)"),
    "Referral slip": _("Referral slip made"),
    "Warm referral sent": _("Warm referral sent"),
    "Problem reported": _("Problem reported"),
    "Outbound Link: Click": _("Outbound link click"),
    "File Download": _("File download"),
    "Service view": _("Service view"),
    "Share": _("Share"),
    "404": _("Page not found (404)"),
    "pageview": _("Page view"),
    "(not set)": _("(not set)"),
}


def value_label(value: str) -> str:
    """A stored series value (page path, UTM value, goal name) as the admin shows it."""
    return VALUE_LABELS.get(value, value)


# Goal properties imported as daily series (goal_prop) by the sync.
SYNCED_PROPS = ("category", "commune", "quartier", "channel")

# The steps of the path to help shown in the reports and hotspot sheets, in order (goal names).
PATH_TO_HELP = tuple(event(key).name for key in ("directory_search", "service_contact", "referral_slip"))


def _prop_text(value: Any) -> str | None:
    """A prop value as text: strings and integers only (not booleans)."""
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def _keeps_prop(name: str, value: str, spec) -> bool:
    """Whether an allowed prop's value may be kept (`spec`: the allowed values, or None for any code-like value)."""
    if name == "url":
        # Outbound links and downloads: keep scheme + host + path, never a query string.
        return bool(re.match(r"^https?://[^\s?#@]{1,300}$", value))
    return bool(CODE_RE.match(value)) and (spec is None or value in spec)


def clean_props(event: str, props: Any) -> tuple[dict[str, str], list[str]]:
    """Keep only the allowed props of an allowed event, with code-like values. Returns (kept, dropped names)."""
    allowed = ALLOWED_EVENTS.get(event)
    if allowed is None or not isinstance(props, dict):
        return {}, sorted(map(str, props)) if isinstance(props, dict) else []
    kept: dict[str, str] = {}
    dropped: list[str] = []
    for name, value in props.items():
        spec = allowed.get(name, "missing")
        text = _prop_text(value)
        if spec != "missing" and text is not None and _keeps_prop(name, text, spec):
            kept[name] = text
        else:
            dropped.append(str(name))
    return kept, dropped


def is_allowed_event(name: Any) -> bool:
    return isinstance(name, str) and name in ALLOWED_EVENTS
