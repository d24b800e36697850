"""Registers the directory's admin screens (defined in viewsets.py) under one "Directory" menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .models import Service
from .permissions import ServicePermissionPolicy
from .viewsets import (
    CategoryViewSet,
    HotspotViewSet,
    LocationViewSet,
    OrganisationViewSet,
    ProblemReportViewSet,
    ServiceViewSet,
    TaskForceViewSet,
)

register_permission_policy(Service, ServicePermissionPolicy(Service))


class DirectoryGroup(ViewSetGroup):
    menu_label = _("Directory")
    menu_icon = "site"
    menu_order = 250
    items = (
        ServiceViewSet,
        OrganisationViewSet,
        LocationViewSet,
        HotspotViewSet,
        CategoryViewSet,
        ProblemReportViewSet,
        TaskForceViewSet,
    )


register_snippet(DirectoryGroup)
