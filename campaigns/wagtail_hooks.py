"""Registers the campaign snippets in the admin (the viewsets live in viewsets.py) and the permission policy of
the health content (permissions.py), which every admin view of these snippets consults."""

from wagtail import hooks
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet

from .models import Mix, Quiz, SelfCheck
from .permissions import HealthContentPermissionPolicy
from .viewsets import CampaignSnippetsGroup

for _model in (Quiz, SelfCheck, Mix):
    register_permission_policy(_model, HealthContentPermissionPolicy(_model))

register_snippet(CampaignSnippetsGroup)


@hooks.register("construct_snippet_action_menu")
def offer_publish_only_to_those_the_policy_allows(menu_items, request, context):
    """Wagtail's snippet "Publish" menu item reads the model permission; the views read the permission policy,
    which gives nobody the right to publish health content (the health review's approval does it)."""
    model = context.get("model")
    if model is None or policy_registry.get_by_type(model).user_has_permission(request.user, "publish"):
        return
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
