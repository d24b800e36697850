"""Admin registrations of the site shell.

Who may do what: helplines and alert banners are edited by the "Editors" and "Moderators" groups (Wagtail's
snippet permissions add/change/delete); translators may only translate them (wagtail-localize); site settings
are changed by Moderators and superusers only.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AlertBanner, Helpline


class HelplineViewSet(SnippetViewSet):
    model = Helpline
    icon = "mail"
    menu_label = _("Helplines")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "phone", "always_open"]
    search_fields = ["name", "phone"]


class AlertBannerViewSet(SnippetViewSet):
    model = AlertBanner
    icon = "warning"
    menu_label = _("Alert banners")
    add_to_admin_menu = True
    menu_order = 301
    list_display = ["message", "severity", "starts_at", "ends_at"]


register_snippet(HelplineViewSet)
register_snippet(AlertBannerViewSet)
