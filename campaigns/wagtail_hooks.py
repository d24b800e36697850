"""Registers the campaign snippets in the admin (the viewsets live in viewsets.py) and the permission policy of
the health content (permissions.py), which every admin view of these snippets consults."""

from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .models import Mix, Quiz, SelfCheck
from .permissions import HealthContentPermissionPolicy
from .viewsets import CampaignSnippetsGroup

for _model in (Quiz, SelfCheck, Mix):
    register_permission_policy(_model, HealthContentPermissionPolicy(_model))

register_snippet(CampaignSnippetsGroup)
