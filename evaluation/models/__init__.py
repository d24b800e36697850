"""Models of the evaluation app: stored engagement series, period aggregates, sync log, request budget,
social metrics and hotspot action logs.

Everything here is keyed by strings (campaign codes, page paths, hotspot slugs, handles) rather than foreign keys to
other apps: evaluation reads everything and nothing reads it (see docs/evaluation.md).

One module per concept; every model and choice set is importable from `evaluation.models`.
"""

from .campaigns import TrackedCampaign
from .fields import code_validator
from .hotspots import (
    ActionStatus,
    Axis,
    HotspotAction,
    HotspotStatus,
    HotspotStatusChange,
    HotspotTaskForce,
)
from .metrics import AggregateBreakdown, DailyMetric, DimensionKind, MetricsMixin, PeriodAggregate
from .social import Platform, SocialMetric
from .sync import RequestWindow, SyncErrorCode, SyncPhase, SyncRun, SyncStatus

__all__ = [
    "ActionStatus",
    "AggregateBreakdown",
    "Axis",
    "DailyMetric",
    "DimensionKind",
    "HotspotAction",
    "HotspotStatus",
    "HotspotStatusChange",
    "HotspotTaskForce",
    "MetricsMixin",
    "Platform",
    "PeriodAggregate",
    "RequestWindow",
    "SocialMetric",
    "SyncErrorCode",
    "SyncPhase",
    "SyncRun",
    "SyncStatus",
    "TrackedCampaign",
    "code_validator",
]
