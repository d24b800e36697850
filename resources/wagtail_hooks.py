"""Registers the directory's admin screens (defined in viewsets.py) under one "Directory" menu, and the permission
policy of each scoped model (permissions.py, from the declaration in roles.py)."""

from django.apps import apps
from django.contrib.admin.utils import quote
from django.db import models
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .forms import NameSortedModelChoiceField
from .import_views import DirectoryImportView
from .models import Commune, Location, Quartier, Service
from .permissions import CommunePermissionPolicy, ReferenceDataPolicy, policy_for
from .roles import COMMUNE_SCOPE
from .viewsets import (
    CategoryViewSet,
    CommuneViewSet,
    HotspotViewSet,
    ListingsToCompleteViewSet,
    LocationViewSet,
    OrganisationViewSet,
    ProblemReportViewSet,
    QuartierViewSet,
    ScopedDeleteBulkAction,
    ServiceViewSet,
    TaskForceViewSet,
    VerifiedTodayMenuItem,
)

SCOPED_MODELS = [apps.get_model("resources", name) for name in COMMUNE_SCOPE]
for model in SCOPED_MODELS:
    register_permission_policy(model, CommunePermissionPolicy(model))
for model in (Commune, Quartier):
    register_permission_policy(model, ReferenceDataPolicy(model))


class DirectoryGroup(ViewSetGroup):
    menu_label = _("Directory")
    menu_icon = "site"
    menu_order = 250
    items = (
        ServiceViewSet,
        ListingsToCompleteViewSet,
        OrganisationViewSet,
        LocationViewSet,
        HotspotViewSet,
        CategoryViewSet,
        CommuneViewSet,
        QuartierViewSet,
        ProblemReportViewSet,
        TaskForceViewSet,
    )


register_snippet(DirectoryGroup)

# The admin's lists of communes and quartiers (a location's, a hotspot's) in the order of their names in the
# admin's language, accents handled (a hotspot's many quartiers: HotspotAdminForm).
register_form_field_override(
    models.ForeignKey, to=Commune, override={"form_class": NameSortedModelChoiceField}
)
register_form_field_override(
    models.ForeignKey,
    to=Quartier,
    override={"form_class": NameSortedModelChoiceField, "queryset": Quartier.objects.defer("polygon")},
)


class DirectoryDeleteBulkAction(ScopedDeleteBulkAction):
    models = [model for model in SCOPED_MODELS if model._meta.model_name != "problemreport"]


# After Wagtail's own snippet bulk delete (order 0), so that this one is the delete action of these models.
hooks.register("register_bulk_action", DirectoryDeleteBulkAction, order=1)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("directory/import/", DirectoryImportView.as_view(), name="resources_import")]


@hooks.register("register_log_actions")
def register_directory_log_actions(actions):
    actions.register_action("resources.verify", _("Verified today"), _("Marked as verified today"))


@hooks.register("register_snippet_action_menu_item")
def verified_today_menu_item(model):
    return VerifiedTodayMenuItem() if model is Service else None


@hooks.register("register_snippet_listing_buttons")
def verified_today_listing_button(snippet, user, next_url=None):
    """In each listing's "more" menu (the view itself checks the listing's commune)."""
    if isinstance(snippet, Service) and policy_for(Service).user_has_permission(user, "change"):
        url = reverse("wagtailsnippets_resources_service:verify", args=[quote(snippet.pk)])
        yield Button(
            _("Verified today"),
            url + ("?" + urlencode({"next": next_url}) if next_url else ""),
            icon_name="tick",
            priority=15,
        )


@hooks.register("construct_snippet_action_menu")
def publish_only_when_the_policy_allows(menu_items, request, context):
    """Wagtail's "Publish" and "Unpublish" menu items read the group permission; the views read the permission
    policy, which withholds publishing from task forces while the directory review is on (permissions.py): they
    see "Save draft" and "Submit to Directory review" instead."""
    model = context.get("model")
    if model not in (Service, Location):
        return
    if not policy_for(model).user_has_permission(request.user, "publish"):
        menu_items[:] = [
            item for item in menu_items if item.name not in ("action-publish", "action-unpublish")
        ]
        return
    # Those who may publish find "Publish" as the main button, as before listings had drafts ("Save draft" is
    # in the menu next to it).
    publish = [item for item in menu_items if item.name == "action-publish"]
    menu_items[:] = publish + [item for item in menu_items if item.name != "action-publish"]
