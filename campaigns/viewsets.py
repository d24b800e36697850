"""Admin screens of the campaigns app.

Quizzes, self-checks and the mixing table are health-critical: each has drafts, revisions, a live preview, locking
and the moderation workflow (campaigns/models/reviewed.py `ReviewedSnippetMixin`; the "Moderators approval" workflow is
assigned to the three types by migration 0004). Editors save drafts and submit them; Moderators publish
(campaigns/roles.py). Translators translate through wagtail-localize and never edit the facts
(campaigns/permissions.py). Result counters have no admin screen: they are written only by the public quiz and
self-check views and read by reports.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.admin_permissions import InstancePermissionMixin

from .models import Mix, Quiz, SelfCheck


class HealthContentEditView(InstancePermissionMixin, snippet_views.EditView):
    def instance_allowed(self, obj) -> bool:
        """Also open to the members of the task it awaits (the Reviewers of the health review), as Wagtail opens
        the editor to a task's reviewers."""
        task = obj.current_workflow_task
        return super().instance_allowed(obj) or (
            task is not None and task.specific.user_can_access_editor(obj, self.request.user)
        )


class HealthContentRevisionsCompareView(InstancePermissionMixin, snippet_views.RevisionsCompareView):
    pass


class HealthContentViewSet(SnippetViewSet):
    edit_view_class = HealthContentEditView
    revisions_compare_view_class = HealthContentRevisionsCompareView


class QuizViewSet(HealthContentViewSet):
    model = Quiz
    icon = "form"
    list_display = ["title", "locale"]
    search_fields = ["title"]


class SelfCheckViewSet(HealthContentViewSet):
    model = SelfCheck
    icon = "form"
    list_display = ["title", "locale"]
    search_fields = ["title"]


class MixViewSet(HealthContentViewSet):
    model = Mix
    icon = "warning"
    list_display = ["__str__", "risk", "locale"]
    list_filter = ["risk"]


class CampaignSnippetsGroup(SnippetViewSetGroup):
    items = (QuizViewSet, SelfCheckViewSet, MixViewSet)
    menu_icon = "media"
    menu_label = _("Campaign tools")
    menu_name = "campaign-tools"
