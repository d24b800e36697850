"""The event taxonomy: every analytics event the public site may send, once.

Templates emit an event with `{% event "helpline_tap" line=… %}` (home/templatetags/platform_tags.py), which
writes `data-event`/`data-prop-*` attributes from this table and drops any prop it does not declare; the site's
JavaScript (static/js/site.js) sends them to Plausible through the project's proxy (on a click, or on load for
`on="load"` events: the result pages of forms, which therefore also count without a click); the proxy's
allow-list (evaluation.tracking), the sync's goal properties and the reports' path to help read the same table,
so a name cannot drift between them. docs/evaluation.md shows it as a table (`manage.py event_table`).

Props carry codes only (ids, slugs, category and area codes, language, band): never free text, an address, a
query typed by a visitor or anything about a person. `home` is the first layer, so every app can read this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A prop value is a code: letters, digits, "-", "_", ".", ":" — at most 64 characters, no spaces, no "@".
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")

LANGS = frozenset({"fr", "nl"})
AREA = {"category": None, "commune": None, "quartier": None}

# The steps of the path to help (reports, hotspot sheets), in order.
LANDING, ENGAGEMENT, HELP_SEEN, HELP_ACTION = "landing", "engagement", "help_seen", "help_action"
FUNNEL_STEPS = (LANDING, ENGAGEMENT, HELP_SEEN, HELP_ACTION)


@dataclass(frozen=True)
class Event:
    key: str  # what templates name
    name: str  # the Plausible goal
    when: str  # for the documentation table
    props: dict[str, frozenset[str] | None] = field(default_factory=dict)  # None: any code
    step: str | None = None  # its step on the path to help
    on: str = "click"  # "click", "load", or "landing" (props read from the address's utm_* by the JavaScript)
    synced: bool = True  # imported as a daily goal series by the sync


EVENTS: tuple[Event, ...] = (
    Event(
        "tracked_landing",
        "Tracked link landing",
        "a page opened from a tracked link (/go/…) or a QR code",
        {"campaign": None, "source": None, "medium": None},
        LANDING,
        "landing",
    ),
    Event(
        "video_play",
        "Video play",
        "a tap on a campaign video (before any third-party request)",
        {"video": None, "provider": None, "progress": frozenset({"start", "25", "50", "75", "100"})},
        ENGAGEMENT,
    ),
    Event(
        "quiz_completed",
        "Quiz completed",
        "the result of a quiz is shown",
        {"quiz": None, "score": None, "lang": LANGS},
        ENGAGEMENT,
        "load",
    ),
    Event(
        "selfcheck_completed",
        "Self-check completed",
        "the result of a self-check is shown (its band only)",
        {"check": None, "band": None, "lang": LANGS},
        ENGAGEMENT,
        "load",
    ),
    Event(
        "mix_checked",
        "Mix checked",
        "the mixing checker answers for a pair",
        {"pair": None, "risk": None, "lang": LANGS},
        ENGAGEMENT,
        "load",
    ),
    Event(
        "helpline_tap",
        "Helpline click",
        "a tap on a helpline's or 112's call link",
        {"line": None, "lang": LANGS},
        HELP_ACTION,
    ),
    Event(
        "directory_search",
        "Directory search",
        "a directory search with filters or a query is answered",
        {
            **AREA,
            "hotspot": None,
            "open_now": frozenset({"yes", "no"}),
            "language": None,
            "results": frozenset({"none", "some"}),
        },
        HELP_SEEN,
        "load",
    ),
    Event("service_view", "Service view", "a service's page is shown", dict(AREA), HELP_SEEN, "load"),
    Event(
        "service_contact",
        "Service contact",
        "a tap on a service's phone, e-mail, website or route",
        {"channel": frozenset({"call", "email", "website", "route"}), **AREA},
        HELP_ACTION,
    ),
    Event(
        "referral_slip",
        "Referral slip",
        "a referral slip is shown to print, share or scan",
        {"format": None, "services": None, "lang": LANGS},
        HELP_ACTION,
        "load",
    ),
    Event(
        "warm_referral",
        "Warm referral sent",
        "a warm referral was sent to a service",
        dict(AREA),
        HELP_ACTION,
        "load",
    ),
    Event(
        "problem_reported",
        "Problem reported",
        "a problem with a listing was reported",
        dict(AREA),
        None,
        "load",
    ),
    Event("share", "Share", "a tap on a share link", {"network": None}, None),
    # Sent by Plausible's own script (outbound links, downloads) or pages; not synced as goals.
    Event("pageview", "pageview", "every page view (Plausible's script)", {}, synced=False),
    Event(
        "outbound",
        "Outbound Link: Click",
        "a link to another site (Plausible's script)",
        {"url": None},
        synced=False,
    ),
    Event(
        "download", "File Download", "a document download (Plausible's script)", {"url": None}, synced=False
    ),
    Event("not_found", "404", "a page that does not exist", {}, synced=False, on="load"),
)

BY_KEY = {event.key: event for event in EVENTS}
BY_NAME = {event.name: event for event in EVENTS}


def event(key: str) -> Event:
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown analytics event {key!r}: declare it in home/events.py") from None


def clean_value(value) -> str | None:
    """A prop value as a code, or None when it is not one (free text, empty, too long, a bool)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    value = str(value)
    return value if CODE_RE.match(value) else None


def markdown_table() -> str:
    """The table in docs/evaluation.md (tests/home/test_events.py checks that the page shows this one)."""

    def props(spec):
        if not spec:
            return "—"
        return ", ".join(f"`{n}`" + (f" ({'/'.join(sorted(v))})" if v else "") for n, v in spec.items())

    rows = ["| event (goal) | sent when | props (codes) | step on the path to help |", "|---|---|---|---|"]
    for e in EVENTS:
        rows.append(
            f"| `{e.name}` | {e.when}{' (on load)' if e.on == 'load' else ''} | {props(e.props)} | {e.step or '—'} |"
        )
    return "\n".join(rows)
