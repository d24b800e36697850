"""Admin viewsets: influencers (with their consent records), deliverables (with their language variants) and
poster/QR links, grouped in one "Influencer scheduling" menu with the calendar screens.

Snippet permissions (see migration 0002): Editors and Moderators add/change/view; Reviewers view; the
Influencers group has no snippet permission (it only reaches its own items through the calendar)."""

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.snippets import CopyView, CreateView, SnippetViewSet, SnippetViewSetGroup

from home.admin_display import yes_no_column

from . import links, services, views_admin
from .calendar import can_plan, can_use_calendar
from .models import Deliverable, Influencer, TrackedLink


class InfluencerViewSet(SnippetViewSet):
    model = Influencer
    icon = "user"
    menu_label = _("Influencers")
    list_display = [
        "name",
        Column("handle", label=_("Handle")),
        yes_no_column(Influencer, "active"),
        "email",
    ]
    list_filter = ["active"]
    search_fields = ["name", "handle_instagram", "handle_tiktok", "handle_youtube", "handle_snapchat"]
    list_export = ["name", "handle_instagram", "handle_tiktok", "handle_youtube", "handle_snapchat", "active"]


class _PlannedByMixin:
    """A deliverable made in the admin (new or copied) is planned by the person who saves it: reminders escalate
    to them (reminders._staff_emails). The CSV import sets it the same way."""

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class DeliverableCreateView(_PlannedByMixin, CreateView):
    pass


class DeliverableCopyView(_PlannedByMixin, CopyView):
    pass


class DeliverableForm(WagtailAdminModelForm):
    """The variants edited inline go through the service layer's content check: an edit makes a new version,
    and an edit of an approved variant sends it back to review and is recorded (services.save_variant)."""

    def save(self, commit=True):
        formset = self.formsets["variants"]
        edited = [
            form.instance
            for form in formset.forms
            if form.has_changed() and form not in formset.deleted_forms
        ]
        reopened = [variant for variant in edited if "status" in services.note_content_change(variant)]
        instance = super().save(commit=commit)
        if commit:
            for variant in reopened:
                services.record_reopened(variant)
        return instance


class DeliverableViewSet(SnippetViewSet):
    model = Deliverable
    edit_handler = ObjectList(Deliverable.panels, base_form_class=DeliverableForm)
    add_view_class = DeliverableCreateView
    copy_view_class = DeliverableCopyView
    icon = "date"
    menu_label = _("Deliverables")
    list_display = ["influencer", "platform", "planned_at", "campaign_code"]
    list_filter = ["platform", "influencer", "campaign_code"]
    ordering = ["planned_at"]


class TrackedLinkForm(WagtailAdminModelForm):
    """The hotspot and the campaign code are chosen from lists, never typed: a typo ("gare-du-mid") or a code that
    no report knows would send the scans nowhere (issue 15.5)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, choices in (
            ("hotspot_slug", links.hotspot_choices()),
            ("campaign_code", links.campaign_code_choices()),
        ):
            current = getattr(self.instance, name, "")
            if current and current not in dict(choices):
                choices = [*choices, (current, current)]  # an old value stays visible until it is changed
            self.fields[name] = forms.ChoiceField(
                label=TrackedLink._meta.get_field(name).verbose_name,
                choices=[("", "---------"), *choices],
                help_text=TrackedLink._meta.get_field(name).help_text,
            )


class ClicksColumn(Column):
    """Clicks counted on the link so far (one query for the whole page of links)."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if "_click_totals" not in parent_context:  # the first row reads the whole page's totals
            rows = parent_context.get("object_list") or [instance]
            parent_context["_click_totals"] = links.click_totals(row.code for row in rows)
        context["value"] = parent_context["_click_totals"].get(instance.code, 0)
        return context


class TrackedLinkViewSet(SnippetViewSet):
    model = TrackedLink
    icon = "link"
    menu_label = _("Poster and QR links")
    list_display = [
        "code",
        "medium",
        "hotspot_slug",
        "campaign_code",
        "language",
        ClicksColumn("clicks", label=_("clicks"), sort_key=None),
    ]
    list_filter = ["medium", "language"]
    edit_handler = ObjectList(TrackedLink.panels, base_form_class=TrackedLinkForm)


class _ScreenItem(MenuItem):
    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request):
        return self.check(request.user)


class SchedulingGroup(SnippetViewSetGroup):
    menu_label = _("Influencer scheduling")
    menu_icon = "calendar-alt"
    menu_order = 250
    items = (InfluencerViewSet, DeliverableViewSet, TrackedLinkViewSet)

    def get_submenu_items(self):
        screens = [
            (_("Content calendar"), "scheduling_admin:calendar", "calendar", can_use_calendar),
            (_("Import the plan (CSV)"), "scheduling_admin:import", "upload", can_plan),
            (_("Import post metrics (CSV)"), "scheduling_admin:import_metrics", "upload", can_plan),
            (_("My calendar feed"), "scheduling_admin:feed", "date", can_use_calendar),
        ]
        items = [
            _ScreenItem(label, reverse(url), icon_name=icon, order=i, check=check, name=url.split(":")[1])
            for i, (label, url, icon, check) in enumerate(screens)
        ]
        for offset, item in enumerate(super().get_submenu_items()):
            item.order = 10 + offset
            items.append(item)
        return items


class SchedulingAdminViewSet(ViewSet):
    """The calendar screens (views_admin.py) under /admin/scheduling/, URL names in the `scheduling_admin` namespace.
    Their menu entries are in SchedulingGroup above, each shown only to those who may open it."""

    name = "scheduling_admin"
    url_prefix = "scheduling"
    icon = "calendar-alt"

    def get_urlpatterns(self):
        views = views_admin
        return [
            path("", views.CalendarView.as_view(), name="calendar"),
            path("export.csv", views.export_csv, name="export"),
            path("import/", views.ImportView.as_view(), name="import"),
            path("metrics/import/", views.ImportMetricsView.as_view(), name="import_metrics"),
            path("feed/", views.FeedView.as_view(), name="feed"),
            path("deliverable/<int:pk>/move/", views.move_view, name="move"),
            path("variant/<int:pk>/", views.VariantView.as_view(), name="variant"),
            path("variant/<int:pk>/<str:action>/", views.variant_action, name="variant_action"),
            path("poster/<int:pk>/", views.PosterView.as_view(), name="poster"),
            path("influencer/<int:pk>/rotate-feed/", views.rotate_influencer_feed, name="rotate_feed"),
        ]
