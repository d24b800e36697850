"""Admin screens of the directory (registered in wagtail_hooks.py).

Roles (declared in roles.py): "Directory managers" edit everything (organisations, services, locations,
hotspots, taxonomy, problem reports). "Task force <commune>" groups reach only the rows of their communes, and
every screen of a scoped model derives that from the model's permission policy (permissions.py) through
`CommuneScopedViewSet`: the listing and its export, every view of one object (edit, copy, delete, history, usage,
inspect, revisions...), the choosers and the bulk delete. A refused object answers with the admin's usual
"permission denied" (a redirect to the dashboard with the message, in the user's language). The add and edit
forms refuse rows that would lie outside the user's communes. Translators translate organisations, services
and hotspots with wagtail-localize.
"""

from __future__ import annotations

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.chooser import BaseChooseView, ChosenMultipleViewMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import EditView as SnippetEditView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import InspectView as SnippetInspectView
from wagtail.snippets.views.snippets import SnippetViewSet

from home.admin_display import ReadableInspectMixin, yes_no_column
from home.admin_screens import AdminScreenMixin

from .completeness import COMPLETENESS_PREFETCH, listings_to_complete, reach_error, score
from .forms import sort_choices_by_name
from .listing import mark_verified
from .models import (
    Category,
    Commune,
    Hotspot,
    Location,
    Organisation,
    ProblemReport,
    Quartier,
    Service,
    TaskForce,
)
from .permissions import ANY_ACTION, is_directory_manager, policy_for, task_force_commune_ids

# --- Scope: one mechanism for every view of a scoped model ------------------------------------------------


def _reachable(model, user):
    return policy_for(model).instances_user_has_any_permission_for(user, ANY_ACTION)


class _ScopedListing:
    """Listings (index, its results and exports): only the rows the user may reach."""

    def get_base_queryset(self):
        return (
            super().get_base_queryset().filter(pk__in=_reachable(self.model, self.request.user).values("pk"))
        )


class _ScopedChooserListing:
    def get_object_list(self):
        objects = super().get_object_list()
        return objects.filter(pk__in=_reachable(self.model_class, self.request.user).values("pk"))


class _ScopedChosenMultiple:
    def get_objects(self, pks):
        return (
            super()
            .get_objects(pks)
            .filter(pk__in=_reachable(self.model_class, self.request.user).values("pk"))
        )


def _scoped_view_class(view_class):
    for base, mixin in (
        (generic.IndexView, _ScopedListing),
        (BaseChooseView, _ScopedChooserListing),
        (ChosenMultipleViewMixin, _ScopedChosenMultiple),
    ):
        if issubclass(view_class, base):
            return type(view_class.__name__, (mixin, view_class), {})
    return view_class


def _refuse_outside_scope(view, model):
    """Any view whose URL names an object (`pk`) refuses an object the user may not reach, before the view runs:
    PermissionDenied, which the admin turns into its "permission denied" message (also for objects that do not
    exist, so the answer says nothing about other communes)."""

    @wraps(view)
    def scoped_view(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None and not policy_for(model).user_may_reach(request.user, unquote(str(pk))):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return scoped_view


class CommuneScopedViewSetMixin:
    """Derives every view of the viewset from the model's permission policy (see the module docstring)."""

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(_scoped_view_class(view_class), **kwargs)
        return _refuse_outside_scope(view, self.model)


class ScopedChooserViewSet(CommuneScopedViewSetMixin, SnippetChooserViewSet):
    pass


class ReadableSnippetInspectView(ReadableInspectMixin, SnippetInspectView):
    """Yes/No and an em dash instead of True/False/None (home.admin_display)."""


class ReadableInspectView(ReadableInspectMixin, generic.InspectView):
    """Yes/No and an em dash instead of True/False/None (home.admin_display)."""


class CommuneScopedViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    chooser_viewset_class = ScopedChooserViewSet
    inspect_view_enabled = True
    inspect_view_class = ReadableSnippetInspectView


class ScopedDeleteBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete for the scoped models: a selection naming a row the user may not reach is refused
    (not listed: its name would tell about another commune); "select all" means all the rows they may reach."""

    def get_all_objects_in_listing_query(self, parent_id):
        return _reachable(self.model, self.request.user).values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        if extra["items_with_no_access"]:
            raise PermissionDenied
        return objects, extra


# --- Forms: where a new or changed row will lie -----------------------------------------------------------


def _allowed_communes(user) -> set[int] | None:
    """None: every commune."""
    if user is None or is_directory_manager(user):
        return None
    return task_force_commune_ids(user)


def _kept_rows(form, name: str) -> list[dict]:
    """The cleaned rows of the inline formset `name` that are kept (not deleted, not left empty)."""
    formset = form.formsets.get(name)
    return [
        row.cleaned_data
        for row in (formset.forms if formset is not None else [])
        if row.cleaned_data and not row.cleaned_data.get("DELETE")
    ]


class ServiceAdminForm(WagtailAdminModelForm):
    """Refuses a published listing with no way to reach the service (completeness.py) and, for a task-force
    member, locations outside the task force's communes. "Save, verified today" (`VerifiedTodayMenuItem`)
    stamps the date and the editor."""

    def save(self, commit=True):
        user = getattr(self, "for_user", None)
        if self.data.get(VerifiedTodayMenuItem.name) and user is not None:
            self._stamp_verified(user)
        return super().save(commit=commit)

    def _stamp_verified(self, user) -> None:
        self.instance.last_verified = timezone.localdate()
        self.instance.verified_by = (user.get_full_name() or user.get_username())[:120]
        if self.instance.pk is not None and self.instance.live:
            # The form of a live listing is saved as a draft (or submitted to review): the verification is
            # stamped on the live listing too, in every language, at once.
            Service.objects.filter(translation_key=self.instance.translation_key).update(
                last_verified=self.instance.last_verified,
                verified_by=self.instance.verified_by,
                updated_at=timezone.now(),
            )

    def is_valid(self):
        if not super().is_valid():
            return False
        chosen = [row.get("location") for row in _kept_rows(self, "locations")]
        chosen = [location for location in chosen if location is not None]
        return self._reachable(chosen) and self._in_task_force_communes(chosen)

    def _reachable(self, locations) -> bool:
        """A published listing gives a way to reach the service (completeness.reach_error)."""
        error = reach_error(
            status=self.cleaned_data.get("status", ""),
            phones=[
                row.get("number") or ""
                for row in _kept_rows(self, "phones")
                if row.get("phone_type") != "fax"
            ],
            email=self.cleaned_data.get("email", ""),
            website=self.cleaned_data.get("website", ""),
            locations=locations,
        )
        if error is not None:
            self.add_error("status", error)
            return False
        return True

    def _in_task_force_communes(self, locations) -> bool:
        """A task-force member lists services located in the task force's communes only (and somewhere)."""
        allowed = _allowed_communes(getattr(self, "for_user", None))
        if allowed is None:
            return True
        if not locations or any(location.commune_id not in allowed for location in locations):
            self.add_error(None, _("Your task force may only list services located in its communes."))
            return False
        return True


class LocationAdminForm(WagtailAdminModelForm):
    """A task-force member chooses among its communes only, and a location that would lie elsewhere (the commune
    chosen by hand, or computed from the coordinates) is refused with a form error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = _allowed_communes(getattr(self, "for_user", None))
        if allowed is not None and "commune" in self.fields:
            self.fields["commune"].queryset = Commune.objects.filter(pk__in=allowed)

    def clean(self):
        cleaned = super().clean()
        allowed = _allowed_communes(getattr(self, "for_user", None))
        if allowed is None or self.errors:
            return cleaned
        from .geo import assign_geography

        probe = Location(
            latitude=cleaned.get("latitude"),
            longitude=cleaned.get("longitude"),
            postal_code=cleaned.get("postal_code") or "",
            commune=cleaned.get("commune"),
        )
        if not cleaned.get("geography_override"):
            assign_geography(probe)
        if probe.commune_id not in allowed:
            raise forms.ValidationError(
                _("Your task force may only add or change locations in its communes."), code="commune"
            )
        return cleaned


class StaleColumn(BooleanColumn):
    pass


class ServiceIndexView(SnippetIndexView):
    """The services listing, with "Import services" among its header actions for those who may import."""

    def get_header_more_buttons(self):
        from .import_views import can_import

        buttons = super().get_header_more_buttons()
        if can_import(self.request.user):
            buttons.append(Button(_("Import services"), url=reverse("resources_import"), icon_name="upload"))
        return buttons


class VerifiedTodayMenuItem(ActionMenuItem):
    """In the edit view's save menu: saves the form and stamps "verified today" (date and editor)."""

    name = "action-verify"
    label = _("Save, verified today")
    icon_name = "tick"
    order = 20

    def is_shown(self, context):
        return context.get("view") == "edit" and super().is_shown(context)


def _safe_next(request, default):
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return next_url
    return default


class VerifiedTodayView(AdminScreenMixin, TemplateView):
    """GET: what will be stamped; POST: stamps "verified today" (date and who) on the listing, in every language.
    Reached through the viewset, so a task force may only do it within its communes (`_refuse_outside_scope`)
    and with the permission to change services."""

    template_name = "resources/admin/verify.html"
    page_title = _("Verified today")
    header_icon = "tick"

    def load(self, pk):
        self.service = get_object_or_404(Service, pk=unquote(str(pk)))
        if not policy_for(Service).user_has_permission_for_instance(
            self.request.user, "change", self.service
        ):
            return permission_denied(self.request)
        self.next_url = _safe_next(
            self.request, reverse("wagtailsnippets_resources_service:edit", args=[quote(self.service.pk)])
        )
        if self.request.method not in ("GET", "POST"):
            return redirect(self.next_url)
        return None

    def get_page_subtitle(self):
        return self.service.name

    def get_breadcrumb_trail(self):
        edit_url = reverse("wagtailsnippets_resources_service:edit", args=[quote(self.service.pk)])
        return [
            {"url": reverse("wagtailsnippets_resources_service:list"), "label": gettext("Services")},
            {"url": edit_url, "label": self.service.name},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, service=self.service, today=timezone.localdate(), next_url=self.next_url
        )

    def post(self, request, *args, **kwargs):
        mark_verified(self.service, request.user)
        messages.success(
            request, gettext("“%(name)s” is marked as verified today.") % {"name": self.service.name}
        )
        return redirect(self.next_url)


class ServiceEditView(SnippetEditView):
    """ "Save, verified today" publishes the form for those who may publish (as "Publish" does); for a task force
    while the directory review is on it saves a draft, and the verification is stamped on the live listing
    (`ServiceAdminForm.save`)."""

    def get_action(self, request):
        action = super().get_action(request)
        if (
            action == "edit"
            and request.POST.get(VerifiedTodayMenuItem.name)
            and "publish" in self.get_available_actions()
        ):
            return "publish"
        return action


class ServiceViewSet(CommuneScopedViewSet):
    model = Service
    index_view_class = ServiceIndexView
    edit_view_class = ServiceEditView
    icon = "site"
    menu_label = _("Services")
    menu_name = "services"
    add_to_admin_menu = False
    edit_handler = ObjectList(Service.panels, base_form_class=ServiceAdminForm)
    inspect_view_fields_exclude = ["search_text"]  # the search index's normalised copy, not for people
    list_display = [
        "name",
        "organisation",
        "status",
        BooleanColumn("to_verify", label=_("To verify")),
        StaleColumn("is_stale", label=_("Not verified for 6 months")),
        Column("last_verified", label=_("Last verified")),
        Column("completeness", label=_("Complete"), accessor=lambda service: f"{score(service)} %"),
    ]
    list_filter = ["status", "to_verify", "categories"]
    list_export = ["id", "name", "organisation", "status", "last_verified", "to_verify"]
    export_filename = "services"
    search_fields = ["name", "description"]
    ordering = None  # the stalest listings first (never verified, then oldest); a column header still sorts

    @property
    def verify_view(self):
        return self.construct_view(VerifiedTodayView, header_icon="tick")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(f"verify/<{self.pk_path_converter}:pk>/", self.verify_view, name="verify"),
        ]

    def get_queryset(self, request):
        return (
            Service.objects.select_related("organisation", "locale")
            .prefetch_related(*COMPLETENESS_PREFETCH)
            .order_by(F("last_verified").asc(nulls_first=True), "name")
        )


class OrganisationViewSet(CommuneScopedViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "website"]
    search_fields = ["name"]


class LocationViewSet(CommuneScopedViewSet):
    model = Location
    icon = "location"
    menu_label = _("Locations")
    edit_handler = ObjectList(Location.panels, base_form_class=LocationAdminForm)
    list_display = ["name", "admin_street", "commune", "quartier", yes_no_column(Location, "hidden_address")]
    list_filter = ["commune", "hidden_address"]
    search_fields = ["name", "streets"]

    def get_queryset(self, request):
        return Location.objects.select_related("commune", "quartier")


class HotspotAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "quartiers" in self.fields:  # the 145 quartiers by name in the admin's language, accents handled
            self.fields["quartiers"].queryset = self.fields["quartiers"].queryset.defer("polygon")
            sort_choices_by_name(self.fields["quartiers"])


class HotspotViewSet(SnippetViewSet):
    model = Hotspot
    edit_handler = ObjectList(Hotspot.panels, base_form_class=HotspotAdminForm)
    icon = "warning"
    menu_label = _("Hotspots")
    list_display = ["name", "commune", "status", "designated_on"]
    list_filter = ["status", "commune"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["code", Column("name", label=_("Name")), "sort_order"]
    panels = [FieldPanel("code"), FieldPanel("names"), FieldPanel("sort_order")]


class CommuneViewSet(SnippetViewSet):
    """The communes' names in every content language (the rest is reference data, loaded by load_geography)."""

    model = Commune
    icon = "site"
    menu_label = _("Communes")
    list_display = ["nis_code", Column("name", label=_("Name"))]
    panels = [FieldPanel("nis_code", read_only=True), FieldPanel("names")]


class QuartierViewSet(SnippetViewSet):
    """The Monitoring quartiers' names in every content language."""

    model = Quartier
    icon = "site"
    menu_label = _("Quartiers")
    list_display = ["mdzone", Column("name", label=_("Name"))]
    panels = [FieldPanel("mdzone", read_only=True), FieldPanel("names")]

    def get_queryset(self, request):
        return Quartier.objects.defer("polygon")


class ProblemReportForm(WagtailAdminModelForm):
    class Meta:
        model = ProblemReport
        fields = ["resolved"]
        widgets = {"resolved": forms.CheckboxInput}


class ProblemReportViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    """A problem report lies where its service does: a task force reaches the reports of its communes' services."""

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
    inspect_view_class = ReadableInspectView


class TaskForceViewSet(ModelViewSet):
    model = TaskForce
    icon = "group"
    menu_label = _("Task forces")
    name = "resources_taskforce"
    url_prefix = "directory/task-forces"
    add_to_admin_menu = False
    form_fields = ["group", "communes", "email"]
    list_display = ["group", "commune_names", "email"]

    def get_queryset(self, request):
        return TaskForce.objects.select_related("group").prefetch_related("communes")


# --- A task force's listings to complete --------------------------------------------------------------------


class ListingsToCompleteView(AdminScreenMixin, TemplateView):
    template_name = "resources/admin/to_complete.html"
    page_title = _("Listings to complete")
    header_icon = "warning"

    def user_may_open(self, user) -> bool:
        return user.has_perm("resources.change_service")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, rows=listings_to_complete(self.request.user))


class ListingsToCompleteMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("resources.change_service")


class ListingsToCompleteViewSet(ViewSet):
    """ "Listings to complete": the published listings the user may edit (a task force: those of its communes)
    that miss something a visitor needs or were not verified for six months, the least complete first."""

    name = "resources_to_complete"
    url_prefix = "directory/to-complete"
    icon = "warning"
    menu_label = _("Listings to complete")
    menu_item_class = ListingsToCompleteMenuItem

    def get_urlpatterns(self):
        return [path("", self.construct_view(ListingsToCompleteView), name="index")]
