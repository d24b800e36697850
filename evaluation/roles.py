"""The evaluation's part of the platform's roles (merged into home.roles by name, synced after every migrate).

| role | may | may not |
|---|---|---|
| Analysts | read every evaluation screen (campaign reports, hotspot sheets, the regional overview, stored series, sync log) and export; start a Plausible sync and fetch a campaign's exact figures (evaluation.add_syncrun) | change anything, import social metrics |
| Regional security cell | everything analysts may; record a hotspot's status changes (date, reason; the author is recorded) on the regional overview | change content, listings |

Hotspot actions are recorded by the members of a task-force group holding evaluation.add/change_hotspotaction
(see evaluation/permissions.py); importing social metrics needs evaluation.add_socialmetric: given to a person or
group by an administrator, not to a default role. The sync log stays read-only for everyone: a run is only created
by the sync itself.
"""

from home.roles import ADMIN_ACCESS, Role

from .permissions import ANALYSTS_GROUP

REGIONAL_CELL_GROUP = "Regional security cell"

ANALYST_PERMISSIONS = {
    "evaluation.view_syncrun",
    "evaluation.add_syncrun",  # start a sync (the ReadOnlyPolicy still refuses the generic add form)
    "evaluation.view_dailymetric",
    "evaluation.view_periodaggregate",
    "evaluation.view_socialmetric",
    "evaluation.view_trackedcampaign",
    "evaluation.view_hotspotaction",
    "evaluation.view_hotspotstatuschange",
}

ROLES = [
    Role(
        ANALYSTS_GROUP,
        permissions={ADMIN_ACCESS, *ANALYST_PERMISSIONS},
    ),
    Role(
        REGIONAL_CELL_GROUP,
        permissions={ADMIN_ACCESS, *ANALYST_PERMISSIONS, "evaluation.add_hotspotstatuschange"},
    ),
]
