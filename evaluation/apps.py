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
