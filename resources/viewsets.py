"""Admin screens of the directory (registered in wagtail_hooks.py).

Roles: "Directory managers" edit everything (organisations, services, locations, hotspots, taxonomy, problem
reports). "Task force <commune>" groups edit only services located in their communes (see permissions.py),
and may see the problem reports of those services. Translators translate organisations, services and hotspots
with wagtail-localize.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from home.admin_display import ReadableInspectMixin, yes_no_column

from .models import Category, Hotspot, Location, Organisation, ProblemReport, Service, TaskForce
from .permissions import is_directory_manager, scoped_services, task_force_commune_ids


class ServiceAdminForm(WagtailAdminModelForm):
    """Refuses, for a task-force member, locations outside the task force's communes."""

    def is_valid(self):
        valid = super().is_valid()
        user = getattr(self, "for_user", None)
        if not valid or user is None or is_directory_manager(user):
            return valid
        allowed = task_force_commune_ids(user)
        formset = self.formsets.get("locations")
        chosen = [
            form.cleaned_data.get("location")
            for form in (formset.forms if formset is not None else [])
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        chosen = [location for location in chosen if location is not None]
        if not chosen or any(location.commune_id not in allowed for location in chosen):
            self.add_error(None, _("Your task force may only list services located in its communes."))
            return False
        return True


class StaleColumn(BooleanColumn):
    pass


class ScopedObjectMixin:
    """Object-level check (task-force scope) on views that load one service."""

    scoped_action = "change"

    def get_object(self, *args, **kwargs):  # history and usage views take no queryset argument
        obj = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.scoped_action, obj
        ):
            raise PermissionDenied
        return obj


class ScopedEditView(ScopedObjectMixin, snippet_views.EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, snippet_views.DeleteView):
    scoped_action = "delete"


class ScopedCopyView(ScopedObjectMixin, snippet_views.CopyView):
    scoped_action = "add"


class ScopedHistoryView(ScopedObjectMixin, snippet_views.HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, snippet_views.UsageView):
    pass


class ScopedInspectView(ScopedObjectMixin, snippet_views.InspectView):
    pass


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "site"
    menu_label = _("Services")
    menu_name = "services"
    add_to_admin_menu = False
    edit_handler = ObjectList(Service.panels, base_form_class=ServiceAdminForm)
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    copy_view_class = ScopedCopyView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_class = ScopedInspectView
    list_display = [
        "name",
        "organisation",
        "status",
        BooleanColumn("to_verify", label=_("To verify")),
        StaleColumn("is_stale", label=_("Not verified for 6 months")),
        Column("last_verified", label=_("Last verified")),
    ]
    list_filter = ["status", "to_verify", "categories"]
    list_export = ["id", "name", "organisation", "status", "last_verified", "to_verify"]
    export_filename = "services"
    search_fields = ["name", "description"]
    ordering = ["name"]

    def get_queryset(self, request):
        queryset = Service.objects.select_related("organisation", "locale")
        return scoped_services(request.user, queryset)


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "website"]
    search_fields = ["name"]


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "location"
    menu_label = _("Locations")
    list_display = ["name", "address_1", "commune", "quartier", yes_no_column(Location, "hidden_address")]
    list_filter = ["commune", "hidden_address"]
    search_fields = ["name", "address_1"]

    def get_queryset(self, request):
        queryset = Location.objects.select_related("commune", "quartier")
        if is_directory_manager(request.user):
            return queryset
        return queryset.filter(commune_id__in=task_force_commune_ids(request.user))


class HotspotViewSet(SnippetViewSet):
    model = Hotspot
    icon = "warning"
    menu_label = _("Hotspots")
    list_display = ["name", "commune", "status", "designated_on"]
    list_filter = ["status", "commune"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["code", "name_fr", "name_nl"]


class ProblemReportForm(WagtailAdminModelForm):
    class Meta:
        model = ProblemReport
        fields = ["resolved"]
        widgets = {"resolved": forms.CheckboxInput}


class ScopedReportMixin:
    """A problem report is reached only through the service it is about: a task-force member may open (inspect,
    resolve, delete) only the reports of services in their communes (refused otherwise, like the services)."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if (
            not is_directory_manager(self.request.user)
            and not scoped_services(self.request.user, Service.objects.filter(pk=obj.service_id)).exists()
        ):
            raise PermissionDenied
        return obj


class ScopedReportEditView(ScopedReportMixin, generic.EditView):
    pass


class ScopedReportDeleteView(ScopedReportMixin, generic.DeleteView):
    pass


class ScopedReportInspectView(ScopedReportMixin, ReadableInspectMixin, generic.InspectView):
    pass


class ProblemReportViewSet(ModelViewSet):
    model = ProblemReport
    icon = "help"
    menu_label = _("Problem reports")
    name = "resources_problemreport"
    url_prefix = "directory/problem-reports"
    add_to_admin_menu = False
    form_fields = ["resolved"]
    list_display = ["service", "reason", "created_at", yes_no_column(ProblemReport, "resolved")]
    list_filter = ["resolved", "reason"]
    inspect_view_enabled = True
    inspect_view_fields = ["service", "reason", "comment", "created_at", "resolved"]
    edit_view_class = ScopedReportEditView
    delete_view_class = ScopedReportDeleteView
    inspect_view_class = ScopedReportInspectView

    def get_queryset(self, request):
        queryset = ProblemReport.objects.select_related("service")
        if is_directory_manager(request.user):
            return queryset
        return queryset.filter(service__in=scoped_services(request.user, Service.objects.all()))


class TaskForceViewSet(ModelViewSet):
    model = TaskForce
    icon = "group"
    menu_label = _("Task forces")
    name = "resources_taskforce"
    url_prefix = "directory/task-forces"
    add_to_admin_menu = False
    form_fields = ["group", "communes", "email"]
    list_display = ["group", "email"]
