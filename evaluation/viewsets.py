"""Admin screens of the evaluation app (registered in wagtail_hooks.py). See permissions.py for who may do what."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from home.admin_display import ReadableInspectMixin, readable

from .models import DailyMetric, HotspotAction, PeriodAggregate, SocialMetric, SyncRun, TrackedCampaign
from .tracking import value_label


class ReadableInspectView(ReadableInspectMixin, generic.InspectView):
    """Yes/No and an em dash instead of True/False/None; goal names and "(not set)" as labels."""

    def get_value_display_value(self):
        return readable(value_label(self.object.value))


def value_column(**kwargs) -> Column:
    """The series value, with goal names and Plausible's "(not set)" as labels (evaluation.tracking)."""
    label = capfirst(DailyMetric._meta.get_field("value").verbose_name)
    return Column("value", label=label, accessor=lambda obj: value_label(obj.value), **kwargs)


class ReadOnlyViewSet(ModelViewSet):
    inspect_view_class = ReadableInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    search_backend_name = None
    form_fields = []  # never used: the permission policy refuses add and change


class SyncRunViewSet(ReadOnlyViewSet):
    model = SyncRun
    icon = "history"
    menu_label = _("Sync log")
    name = "evaluation_sync_runs"
    list_display = [
        Column("started_at", label=_("started at"), accessor="started_at"),
        StatusTagColumn("status", label=_("status"), accessor="get_status_display", primary=True),
        Column("range_start", label=_("from")),
        Column("range_end", label=_("to")),
        Column("completed_until", label=_("completed until")),
        Column("rows_written", label=_("rows written")),
        Column("requests_used", label=_("requests used")),
        Column("error_message", label=_("error message")),
    ]
    list_filter = ["status", "backfill"]
    list_export = [
        "started_at",
        "finished_at",
        "status",
        "range_start",
        "range_end",
        "completed_until",
        "backfill",
        "rows_written",
        "requests_used",
        "error_message",
    ]
    inspect_view_fields = list_export


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
        "visitors",
        "visits",
        "pageviews",
        BooleanColumn("is_demo", label=_("demo data")),
    ]
    list_filter = ["kind", "is_demo", "date"]
    search_fields = ["value", "prop_value"]
    list_export = [
        "date",
        "kind",
        "value",
        "prop_name",
        "prop_value",
        "visitors",
        "visits",
        "pageviews",
        "bounce_rate",
        "visit_duration",
        "events",
        "is_demo",
    ]
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
        "visitors",
        "visits",
        "pageviews",
        BooleanColumn("is_demo", label=_("demo data")),
    ]
    list_filter = ["campaign_code", "breakdown", "is_demo"]
    search_fields = ["campaign_code", "value"]
    list_export = [
        "campaign_code",
        "period_start",
        "period_end",
        "breakdown",
        "value",
        "visitors",
        "visits",
        "pageviews",
        "bounce_rate",
        "visit_duration",
        "events",
        "is_demo",
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
        BooleanColumn("is_demo", label=_("demo data")),
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


class TrackedCampaignViewSet(ModelViewSet):
    model = TrackedCampaign
    icon = "tag"
    menu_label = _("Tracked campaigns")
    name = "evaluation_tracked_campaigns"
    copy_view_enabled = False
    inspect_view_class = ReadableInspectView
    inspect_view_enabled = True
    search_backend_name = None
    search_fields = ["code", "name"]
    list_display = [
        "name",
        "code",
        "utm_campaign",
        DateColumn("starts_on", label=_("starts on")),
        DateColumn("ends_on", label=_("ends on")),
        BooleanColumn("is_demo", label=_("demo data")),
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
        if user is not None and not user.is_superuser:
            self.fields["task_force_group"].queryset = user.groups.exclude(name="Analysts")

    def clean_hotspot_slug(self):
        from .selectors import hotspot

        slug = self.cleaned_data["hotspot_slug"]
        if hotspot(slug) is None:
            raise forms.ValidationError(_("Unknown hotspot: %(slug)s."), params={"slug": slug})
        return slug


class InstancePermissionMixin:
    """Wagtail's generic edit/delete views check model permissions only: add the per-action task force check."""

    instance_action = "change"

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.instance_action, obj
        ):
            raise PermissionDenied
        return obj


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


class HotspotActionViewSet(ModelViewSet):
    edit_view_class = HotspotActionEditView
    delete_view_class = HotspotActionDeleteView
    add_view_class = HotspotActionCreateView
    model = HotspotAction
    icon = "site"
    menu_label = _("Hotspot actions")
    name = "evaluation_hotspot_actions"
    copy_view_enabled = False
    inspect_view_class = HotspotActionInspectView
    inspect_view_enabled = True
    search_backend_name = None
    search_fields = ["hotspot_slug", "description"]
    list_display = [
        "hotspot_slug",
        "date",
        "axis",
        "status",
        "task_force_group",
        BooleanColumn("is_demo", label=_("demo data")),
    ]
    list_filter = ["hotspot_slug", "axis", "status", "task_force_group"]
    list_export = ["hotspot_slug", "date", "axis", "status", "description", "task_force_group", "is_demo"]

    def get_form_class(self, for_update=False):
        return HotspotActionForm


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
    )
