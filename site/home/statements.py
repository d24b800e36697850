"""The facts of the privacy and accessibility statements, read from the configuration the code itself uses
(settings, the event taxonomy, the retention periods), so the statements cannot drift from the site.
Rendered under the privacy and accessibility pages chosen in the site settings (templates/components/
statement_facts.html); editors write the rest of those pages."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .events import EVENTS


@dataclass(frozen=True)
class Fact:
    what: str
    where: str
    kept: str


def _days(days: int) -> str:
    return ngettext("%(days)s day", "%(days)s days", days) % {"days": days}


def privacy_facts() -> list[Fact]:
    facts = [
        Fact(
            _("Cookies"),
            _("None for visitors: the public pages set no cookie."),
            _("Staff only: a session cookie while signed in to the editing interface."),
        )
    ]
    if settings.PLAUSIBLE_DOMAIN:
        events = sorted({event.name for event in EVENTS if event.synced})
        where = (
            _("Plausible Analytics, through this site's own address (your IP address is not passed on)")
            if settings.PLAUSIBLE_PROXY
            else _("Plausible Analytics (%(host)s)") % {"host": urlsplit(settings.PLAUSIBLE_URL).netloc}
        )
        facts.append(
            Fact(
                _("Page views and these counted actions: %(events)s") % {"events": ", ".join(events)},
                where,
                _("Counts only, no cookie and no profile of a person."),
            )
        )
    else:
        facts.append(Fact(_("Audience measurement"), _("Off: nothing is measured."), "—"))
    if settings.MAP_TILE_URL:
        facts.append(
            Fact(
                _("Map background images"),
                _("%(host)s, only after you open a map") % {"host": urlsplit(settings.MAP_TILE_URL).netloc},
                _("That server receives your IP address, as for any web request."),
            )
        )
    facts += [
        Fact(
            _("Your position (“Use my position”)"),
            _(
                "This site only, after you tap the button: rounded to about 1 m and put in the page's address."
            ),
            _("Not stored."),
        ),
        Fact(
            _("Quiz and self-check answers"),
            _("This site, to show your result."),
            _("Not stored."),
        ),
        Fact(
            _("Reports of a wrong listing"),
            _("This site and the directory's managers (phone numbers and e-mail addresses removed)."),
            _days(int(settings.PROBLEM_REPORT_RETENTION_DAYS)),
        ),
        Fact(
            _("E-mails the site sends"),
            _("This site's outbox, then the e-mail provider."),
            _("%(sent)s once sent, %(failed)s if sending failed")
            % {
                "sent": _days(int(settings.EMAIL_OUTBOX_KEEP_DAYS)),
                "failed": _days(int(settings.EMAIL_OUTBOX_KEEP_FAILED_DAYS)),
            },
        ),
        Fact(
            _("Offline help"),
            _("On your phone only: the offline page and the last 10 service pages you opened."),
            _("Until you clear the site's data in your browser."),
        ),
    ]
    return facts


def accessibility_facts() -> dict:
    return {
        "status": _(
            "Partially compliant with WCAG 2.1 level AA (EN 301 549), because of the limitations below."
        ),
        "limitations": [
            _("The map of the directory needs JavaScript; without it, the same places are listed as text."),
            _(
                "Videos are played by YouTube or Vimeo after you choose to play them; their players are not ours."
            ),
            _("Locating you (“Use my position”) needs JavaScript; choosing a commune works without it."),
        ],
        "tested": _("Checked automatically with axe on every page type, in light and dark mode, at 360 px."),
    }
