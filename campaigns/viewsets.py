"""Admin screens of the campaigns app.

Permissions: Wagtail's model permissions. Editors need campaigns.add/change/delete_quiz, _selfcheck and _mix
(granted to the "Editors" and "Moderators" groups by migration 0002); anyone else is refused. Result counters
have no admin screen: they are written only by the public quiz and self-check views and read by reports.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Mix, Quiz, SelfCheck


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "form"
    list_display = ["title", "locale"]
    search_fields = ["title"]


class SelfCheckViewSet(SnippetViewSet):
    model = SelfCheck
    icon = "form"
    list_display = ["title", "locale"]
    search_fields = ["title"]


class MixViewSet(SnippetViewSet):
    model = Mix
    icon = "warning"
    list_display = ["__str__", "risk", "locale"]
    list_filter = ["risk"]


class CampaignSnippetsGroup(SnippetViewSetGroup):
    items = (QuizViewSet, SelfCheckViewSet, MixViewSet)
    menu_icon = "media"
    menu_label = _("Campaign tools")
    menu_name = "campaign-tools"
