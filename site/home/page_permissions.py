"""What a page's permissions add to Wagtail's for this project (docs/journeys.md).

Translators hold "add" and "change" on pages (wagtail-localize creates a translation as a new page), and Wagtail
lets whoever holds "add" delete the non-live pages they own — which a translation draft they started is. The
specification says translators never delete: only Editors' and Moderators' page rights include deleting.
"""

from wagtail.models import PagePermissionTester

TRANSLATORS = "Translators"
AUTHORS = {"Editors", "Moderators"}


class ProjectPagePermissionTester(PagePermissionTester):
    def _translates_only(self) -> bool:
        if self.user.is_superuser or not self.user.is_active:
            return False
        cached = getattr(self.user, "_page_group_names", None)
        if cached is None:
            cached = set(self.user.groups.values_list("name", flat=True))
            self.user._page_group_names = cached
        return TRANSLATORS in cached and not cached & AUTHORS

    def can_delete(self, ignore_bulk=False):
        return not self._translates_only() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_move(self):
        return not self._translates_only() and super().can_move()
