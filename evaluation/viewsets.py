"""Admin screens of the evaluation app (registered in wagtail_hooks.py). See permissions.py for who may do what."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput
from wagtail.admin.widgets.button import HeaderButton

from home.admin_display import ReadableInspectMixin, readable
from home.admin_permissions import InstancePermissionMixin
from home.admin_screens import AdminScreenMixin

from .forms import SocialImportForm
from .hotspots import action_counts
from .models import (
    DailyMetric,
    HotspotAction,
    HotspotTaskForce,
    PeriodAggregate,
    SocialMetric,
    SyncErrorCode,
    SyncRun,
    SyncStatus,
    TrackedCampaign,
)
from .permissions import (
    can_import_social,
    can_open_hotspot_sheets,
    can_start_sync,
    hotspot_scope,
    plausible_configured,
)
from .social_import import import_csv
from .tracking import value_label


class ReadableInspectView(ReadableInspectMixin, generic.InspectView):
    """Yes/No and an em dash instead of True/False/None; goal names and "(not set)" as labels."""

    def get_value_display_value(self):
        return readable(value_label(self.object.value))


def value_column(**kwargs) -> Column:
    """The series value, with goal names and Plausible's "(not set)" as labels (evaluation.tracking)."""
    label = capfirst(DailyMetric._meta.get_field("value").verbose_name)
    return Column("value", label=label, accessor=lambda obj: value_label(obj.value), **kwargs)


def demo_column() -> BooleanColumn:
    return BooleanColumn("is_demo", label=_("demo data"))


# The stored metric set (models.MetricsMixin): the columns listed, and every field exported and inspected.
METRIC_COLUMNS = ["visitors", "visits", "pageviews"]
METRIC_FIELDS = [*METRIC_COLUMNS, "bounce_rate", "visit_duration", "events", "is_demo"]


def reachable_hotspots(scope: set[str] | None) -> list:
    """The directory's hotspots within `scope` (None: all of them)."""
    from .selectors import hotspots

    return [h for h in hotspots() if scope is None or h.slug in scope]


def hotspot_choice_field(model, scope: set[str] | None = None) -> forms.ChoiceField:
    """A model's hotspot_slug as a choice among the directory's hotspots (never typed), within `scope`."""
    return forms.ChoiceField(
        label=model._meta.get_field("hotspot_slug").verbose_name,
        choices=[("", "---------")] + [(h.slug, h.name) for h in reachable_hotspots(scope)],
    )


class EvaluationViewSet(ModelViewSet):
    """The evaluation's model screens: nothing to copy, searched in the database (no search index)."""

    copy_view_enabled = False
    search_backend_name = None


class ReadOnlyViewSet(EvaluationViewSet):
    inspect_view_class = ReadableInspectView
    inspect_view_enabled = True
    form_fields = []  # never used: the permission policy refuses add and change


REFRESH_SECONDS = 5


class SyncRunIndexView(generic.IndexView):
    """The sync history. Listing it marks stale runs failed (their process is gone or silent); while a run is under
    way the page reloads itself every few seconds (a meta refresh: no JavaScript needed) to show its progress."""

    def get_base_queryset(self):
        from .sync import reap_stale_runs

        reap_stale_runs()
        return super().get_base_queryset().select_related("requested_by")

    @cached_property
    def header_buttons(self):
        if not can_start_sync(self.request.user):
            return []
        return [
            HeaderButton(_("Start a sync"), url=reverse("evaluation_sync_runs:start"), icon_name="resubmit")
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sync_running"] = SyncRun.objects.filter(status=SyncStatus.RUNNING).first()
        context["refresh_seconds"] = REFRESH_SECONDS
        return context


class StartSyncForm(forms.Form):
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=AdminDateInput,
        help_text=_(
            "Leave both dates empty to continue after the last sync, or to resume a run that stopped."
        ),
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=AdminDateInput, help_text=_("Empty: yesterday.")
    )
    backfill = forms.BooleanField(
        label=_("Backfill"),
        required=False,
        help_text=_("Re-import a past range without moving the point the daily sync continues from."),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if data.get("backfill") and not (start and end):
            raise forms.ValidationError(_("A backfill needs both dates."))
        for field, message in range_errors(start, end):
            self.add_error(field, message)
        return data


def range_errors(start, end) -> list[tuple[str, str]]:
    """(field, message) of what is wrong with a sync range: a start not over yet, an end before the start, more
    days than one run takes."""
    from .sync import MAX_RANGE_DAYS

    errors = []
    if start and start > timezone.localdate() - timedelta(days=1):
        errors.append(("start", _("Today is not over yet: choose yesterday or an earlier day.")))
    if start and end and end < start:
        errors.append(("end", _("The end date is before the start date.")))
    elif start and end and (end - start).days + 1 > MAX_RANGE_DAYS:
        errors.append(
            ("end", _("At most %(days)s days at once: split the range.") % {"days": MAX_RANGE_DAYS})
        )
    return errors


class RefusingFormView(FormView):
    """A form screen that answers a form it cannot accept with 400 Bad Request (the form and its errors shown)."""

    def refuse(self, form, **context):
        return self.render_to_response(self.get_context_data(form=form, **context), status=400)

    def form_invalid(self, form):
        return self.refuse(form)


class StartSyncView(AdminScreenMixin, RefusingFormView):
    """Start a Plausible sync (analysts and the regional cell). The run then shows in the sync log, with its
    progress; with the immediate task backend it has finished when the page comes back."""

    form_class = StartSyncForm
    template_name = "evaluation/admin/sync_start.html"
    page_title = _("Start a Plausible sync")
    header_icon = "resubmit"

    def user_may_open(self, user) -> bool:
        return can_start_sync(user)

    def get_breadcrumb_trail(self):
        return [{"url": reverse("evaluation_sync_runs:index"), "label": gettext("Sync log")}]

    def get_context_data(self, **kwargs):
        from .sync import reap_stale_runs

        reap_stale_runs()
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse("evaluation_sync_runs:start"),
            submit_button_label=gettext("Start the sync"),
            submit_button_active_label=gettext("Starting…"),
            configured=plausible_configured(),
            running=SyncRun.objects.filter(status=SyncStatus.RUNNING).first(),
        )
        return context

    def form_valid(self, form):
        from .sync import reap_stale_runs
        from .tasks import sync_plausible

        if not plausible_configured():
            form.add_error(None, SyncErrorCode.CONFIG.label)
            return self.refuse(form)
        reap_stale_runs()
        if SyncRun.objects.filter(status=SyncStatus.RUNNING).exists():
            form.add_error(None, _("A sync is already running: follow it in the sync log."))
            return self.refuse(form)
        data = form.cleaned_data
        result = sync_plausible.enqueue(
            start=data["start"].isoformat() if data.get("start") else None,
            end=data["end"].isoformat() if data.get("end") else None,
            backfill=bool(data.get("backfill")),
            requested_by=self.request.user.pk,
        )
        self._report(result)
        return redirect("evaluation_sync_runs:index")

    def _report(self, result) -> None:
        """Messages are rendered after the admin's language override ends: translate them now (gettext)."""
        from .tasks import failure_reason, task_outcome

        if not result.is_finished:
            messages.success(
                self.request, gettext("Sync requested: it appears below when the task worker starts it.")
            )
            return
        outcome = task_outcome(result)
        status = outcome.get("status")
        if status == SyncStatus.SUCCESS:
            messages.success(self.request, gettext("Sync finished."))
        elif status == "refused":
            reasons = {
                "running": gettext("A sync is already running: follow it in the sync log."),
                "nothing": gettext("Nothing to sync yet: the last sync reached yesterday."),
            }
            messages.warning(
                self.request, reasons.get(outcome.get("code"), gettext("The sync could not start."))
            )
        else:
            reason = failure_reason(outcome)
            messages.error(self.request, gettext("The sync stopped: %(reason)s") % {"reason": reason})


class SyncRunViewSet(ReadOnlyViewSet):
    model = SyncRun
    icon = "history"
    menu_label = _("Sync log")
    name = "evaluation_sync_runs"
    index_view_class = SyncRunIndexView
    index_template_name = "evaluation/admin/sync_run_index.html"
    list_display = [
        Column("started_at", label=_("started at"), accessor="started_at"),
        StatusTagColumn("status", label=_("status"), accessor="get_status_display", primary=True),
        Column("phase", label=_("phase"), accessor="get_phase_display"),
        Column("progress", label=_("progress"), accessor="progress"),
        Column("range_start", label=_("from")),
        Column("range_end", label=_("to")),
        Column("requests_used", label=_("requests used")),
        Column("error_code", label=_("outcome"), accessor="get_error_code_display"),
        Column("error_message", label=_("details")),
        Column("requested_by", label=_("started by")),
    ]
    list_filter = ["status", "error_code", "backfill"]
    list_export = [
        "started_at",
        "finished_at",
        "status",
        "phase",
        "range_start",
        "range_end",
        "periods_from",
        "completed_until",
        "periods_total",
        "backfill",
        "rows_written",
        "requests_used",
        "error_code",
        "error_message",
        "heartbeat_at",
    ]
    inspect_view_fields = [*list_export, "resumes", "requested_by", "progress"]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("start/", StartSyncView.as_view(), name="start")]


class DailyMetricViewSet(ReadOnlyViewSet):
    model = DailyMetric
    icon = "table"
    menu_label = _("Daily metrics")
    name = "evaluation_daily_metrics"
    list_display = [
        value_column(sort_key="value"),
        "date",
        "kind",
        "prop_name",
        "prop_value",
        *METRIC_COLUMNS,
        demo_column(),
    ]
    list_filter = ["kind", "is_demo", "date"]
    search_fields = ["value", "prop_value"]
    list_export = ["date", "kind", "value", "prop_name", "prop_value", *METRIC_FIELDS]
    inspect_view_fields = list_export


class PeriodAggregateViewSet(ReadOnlyViewSet):
    model = PeriodAggregate
    icon = "table"
    menu_label = _("Period aggregates")
    name = "evaluation_period_aggregates"
    list_display = [
        "campaign_code",
        "period_start",
        "period_end",
        "breakdown",
        value_column(),
        *METRIC_COLUMNS,
        demo_column(),
    ]
    list_filter = ["campaign_code", "breakdown", "is_demo"]
    search_fields = ["campaign_code", "value"]
    list_export = [
        "campaign_code",
        "period_start",
        "period_end",
        "breakdown",
        "value",
        *METRIC_FIELDS,
        "fetched_at",
    ]
    inspect_view_fields = list_export


class SocialMetricViewSet(ReadOnlyViewSet):
    model = SocialMetric
    icon = "group"
    menu_label = _("Social metrics")
    name = "evaluation_social_metrics"
    list_display = [
        "campaign_code",
        "date",
        "influencer_handle",
        "platform",
        "language",
        "reach",
        "engagements",
        "clicks",
        demo_column(),
    ]
    list_filter = ["campaign_code", "platform", "language", "is_demo"]
    search_fields = ["campaign_code", "influencer_handle"]
    list_export = [
        "campaign_code",
        "influencer_handle",
        "platform",
        "language",
        "date",
        "post_ref",
        "impressions",
        "reach",
        "engagements",
        "clicks",
        "video_views",
        "is_demo",
    ]
    inspect_view_fields = list_export


REPORTS_CRUMB = _("Reports")


class ReportScreenMixin(AdminScreenMixin):
    """A screen of the Reports menu (home.admin_screens): Home › Reports › its title."""

    def get_breadcrumb_trail(self):
        return [{"url": "", "label": REPORTS_CRUMB}]


class SocialImportView(ReportScreenMixin, RefusingFormView):
    """Import social metrics from a CSV file (all or nothing). Analysts cannot import."""

    form_class = SocialImportForm
    template_name = "evaluation/admin/social_import.html"
    page_title = _("Import social metrics")
    header_icon = "upload"

    def user_may_open(self, user) -> bool:
        return can_import_social(user)

    def get_header_buttons(self):
        if not self.request.user.has_perm("evaluation.view_socialmetric"):
            return []
        url = reverse("evaluation_social_metrics:index")
        return [HeaderButton(_("Social metrics"), url=url, icon_name="group")]

    def form_valid(self, form):
        result = import_csv(form.cleaned_data["file"].read())
        if not result.ok:
            return self.refuse(form, result=result)
        messages.success(
            self.request,
            gettext("Imported: %(created)s new rows, %(updated)s updated.")
            % {"created": result.created, "updated": result.updated},
        )
        return redirect("evaluation_social_import")


class TrackedCampaignViewSet(EvaluationViewSet):
    model = TrackedCampaign
    icon = "tag"
    menu_label = _("Tracked campaigns")
    name = "evaluation_tracked_campaigns"
    inspect_view_class = ReadableInspectView
    inspect_view_enabled = True
    search_fields = ["code", "name"]
    list_display = [
        "name",
        "code",
        "utm_campaign",
        DateColumn("starts_on", label=_("starts on")),
        DateColumn("ends_on", label=_("ends on")),
        demo_column(),
    ]
    form_fields = ["code", "name", "path_prefixes", "utm_campaign", "starts_on", "ends_on"]


class HotspotActionForm(WagtailAdminModelForm):
    """The task force can only be one of the user's own groups (superusers: any group)."""

    class Meta:
        model = HotspotAction
        fields = ["hotspot_slug", "axis", "date", "status", "description", "task_force_group"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        # Only the hotspots of the user's task forces.
        scope = hotspot_scope(user) if user is not None else None
        self.fields["hotspot_slug"] = hotspot_choice_field(HotspotAction, scope)
        if user is not None and not user.is_superuser:
            self.fields["task_force_group"].queryset = user.groups.exclude(name="Analysts")

    def clean(self):
        cleaned = super().clean()
        slug, group = cleaned.get("hotspot_slug"), cleaned.get("task_force_group")
        user = self.for_user
        assigned = HotspotTaskForce.objects.filter(group=group, hotspot_slug=slug)
        if slug and group and user is not None and not user.is_superuser and not assigned.exists():
            self.add_error("task_force_group", _("This task force does not act on this hotspot."))
        return cleaned


class HotspotActionInspectView(ReadableInspectMixin, generic.InspectView):
    pass


class HotspotActionEditView(InstancePermissionMixin, generic.EditView):
    instance_action = "change"


class HotspotActionDeleteView(InstancePermissionMixin, generic.DeleteView):
    instance_action = "delete"


class HotspotActionCreateView(generic.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        if instance.created_by_id is None:
            instance.created_by = self.request.user
            instance.save(update_fields=["created_by"])
        return instance


class HotspotActionViewSet(EvaluationViewSet):
    edit_view_class = HotspotActionEditView
    delete_view_class = HotspotActionDeleteView
    add_view_class = HotspotActionCreateView
    model = HotspotAction
    icon = "site"
    menu_label = _("Hotspot actions")
    name = "evaluation_hotspot_actions"
    inspect_view_class = HotspotActionInspectView
    inspect_view_enabled = True
    search_fields = ["hotspot_slug", "description"]
    list_display = [
        "hotspot_slug",
        "date",
        "axis",
        "status",
        "task_force_group",
        demo_column(),
    ]
    list_filter = ["hotspot_slug", "axis", "status", "task_force_group"]
    list_export = ["hotspot_slug", "date", "axis", "status", "description", "task_force_group", "is_demo"]

    def get_form_class(self, for_update=False):
        return HotspotActionForm


class HotspotIndexView(ReportScreenMixin, TemplateView):
    """The hotspot sheets a person may open: all for readers of the reports, else those of their task forces."""

    template_name = "evaluation/admin/hotspot_index.html"
    page_title = _("Hotspot sheets")
    header_icon = "site"

    def user_may_open(self, user) -> bool:
        return can_open_hotspot_sheets(user)

    def get_context_data(self, **kwargs):
        counts = action_counts()
        rows = [
            {"hotspot": h, "actions": counts.get(h.slug, 0)}
            for h in reachable_hotspots(hotspot_scope(self.request.user))
        ]
        return super().get_context_data(**kwargs, rows=rows)


class HotspotTaskForceViewSet(EvaluationViewSet):
    """Which task force acts on which hotspot (the regional cell's list; superusers by default)."""

    model = HotspotTaskForce
    icon = "group"
    menu_label = _("Hotspot task forces")
    name = "evaluation_hotspot_task_forces"
    form_fields = ["hotspot_slug", "group"]
    list_display = ["hotspot_slug", "group"]
    list_filter = ["group"]

    def get_form_class(self, for_update=False):
        return HotspotTaskForceForm


class HotspotTaskForceForm(WagtailAdminModelForm):
    class Meta:
        model = HotspotTaskForce
        fields = ["hotspot_slug", "group"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hotspot_slug"] = hotspot_choice_field(HotspotTaskForce)


class EvaluationViewSetGroup(ViewSetGroup):
    menu_label = _("Evaluation")
    menu_icon = "table"
    menu_order = 600
    items = (
        TrackedCampaignViewSet,
        SyncRunViewSet,
        DailyMetricViewSet,
        PeriodAggregateViewSet,
        SocialMetricViewSet,
        HotspotActionViewSet,
        HotspotTaskForceViewSet,
    )
