"""The site shell: home page, standard pages, helplines, alert banner, site settings and the e-mail outbox.

A package by concept (pages, snippets, settings, outbox); every model and public name is re-exported here, so
`from home.models import HomePage` keeps working."""

from django.utils.translation import gettext_lazy as _

from .outgoing import OutgoingEmail
from .pages import BasePage, HomePage, StandardPage
from .site_settings import SiteSettings
from .snippets import AlertBanner, Helpline, HelplineForm, tel_href

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]

__all__ = [
    "WEEKDAYS",
    "AlertBanner",
    "BasePage",
    "Helpline",
    "HelplineForm",
    "HomePage",
    "OutgoingEmail",
    "SiteSettings",
    "StandardPage",
    "tel_href",
]
