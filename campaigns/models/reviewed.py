"""The health-content review lifecycle shared by the reviewed snippets (quiz, self-check, mixing table)."""

from __future__ import annotations

from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)


class ReviewedSnippetMixin(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, TranslatableMixin
):
    """Health-critical content has the lifecycle of a page: drafts, revisions (history, compare, rollback), a live
    preview, locking and the moderation workflow (docs/campaigns.md). The row holds the live version; drafts live
    in revisions. Public views and selectors read `live` rows only (`.filter(live=True)`).

    Subclasses add `_revisions` and `workflow_states` generic relations (Wagtail's recipe: deleting a snippet
    deletes its revisions and workflow states) and `get_preview_template`."""

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "page": None, "is_preview": True}

    def serve_preview(self, request, mode_name):
        """Rendered in the snippet's language (the preview request has no language prefix to say so), and rendered
        here rather than lazily, while that language is active."""
        from django.template.response import TemplateResponse
        from django.utils import translation

        with translation.override(self.locale.language_code):
            response = TemplateResponse(
                request,
                self.get_preview_template(request, mode_name),
                self.get_preview_context(request, mode_name),
            )
            return response.render()
