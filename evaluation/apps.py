from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from .models import DailyMetric, HotspotAction, PeriodAggregate, SocialMetric, SyncRun
        from .permissions import ReadOnlyPolicy, TaskForcePolicy

        for model in (SyncRun, DailyMetric, PeriodAggregate, SocialMetric):
            register_permission_policy(model, ReadOnlyPolicy(model))
        register_permission_policy(HotspotAction, TaskForcePolicy(HotspotAction))

        # A hotspot's directory status follows its status history, whichever path saves or deletes a change.
        from django.db.models.signals import post_delete, post_save

        from .hotspots import _on_change
        from .models import HotspotStatusChange

        post_save.connect(_on_change, sender=HotspotStatusChange, dispatch_uid="evaluation-hotspot-status")
        post_delete.connect(
            _on_change, sender=HotspotStatusChange, dispatch_uid="evaluation-hotspot-status-del"
        )
