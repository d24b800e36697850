"""Who may change which quiz, self-check or mix (registered in wagtail_hooks.py, used by every admin view).

The facts of health content (risk levels, right answers, scores, score bands) belong to the people who write the
source: Editors and Moderators, who hold `add_<model>` (campaigns/roles.py). Translators hold `change_<model>` only:
they may change a snippet only when it is the target of a synced wagtail-localize translation, where the edit
view is wagtail-localize's translation editor. That editor offers the text segments only: risk levels and the
substances are synchronised fields, and the "correct" ticks and scores are boolean and number blocks, which
wagtail-localize copies from the source and never shows. A translator is refused the edit, preview and revision
views of a source snippet and of a translation that was stopped (which would open Wagtail's ordinary form).
"""

from __future__ import annotations

from wagtail.permission_policies import ModelPermissionPolicy

WRITE_ACTIONS = {"change", "publish", "lock", "unlock", "delete"}


def is_synced_translation(instance) -> bool:
    """True if the instance is the target of an enabled (synced) wagtail-localize translation."""
    from wagtail_localize.models import Translation

    if instance.pk is None:
        return False
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key, target_locale_id=instance.locale_id, enabled=True
        )
        .exclude(source__locale_id=instance.locale_id)
        .exists()
    )


class HealthContentPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, plus: without the right to write source content (`add`), only synced translations may
    be changed; and nobody, superusers included, publishes directly — the health review's approval publishes
    (campaigns/review.py)."""

    def user_has_permission(self, user, action):
        if action == "publish":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def writes_source_content(self, user) -> bool:
        return self.user_has_permission(user, "add")

    def _instance_allowed(self, user, action, instance) -> bool:
        if action not in WRITE_ACTIONS or self.writes_source_content(user):
            return True
        return is_synced_translation(instance)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._instance_allowed(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)
