"""The directory's part of the platform's roles: the one declaration of who may do what in the directory.

| role | may | may not |
|---|---|---|
| Directory managers | every listing in every commune: services, organisations, locations, hotspots, categories, problem reports, task forces; publish and unpublish listings and locations, approve the directory review, switch that review on and off | pages, campaigns, evaluation |
| Task force <commune> | the services and locations of their communes (add, change, delete, export, history), the problem reports of those services; publish them while the directory review is off, otherwise submit them to it; see the organisations of their communes and those located nowhere | anything of another commune (including hidden addresses), taxonomy, hotspots, task forces; approve a review; publish while the review is on |

Three parts, read by everything else:
- `ROLES` (merged into home.roles by name, synced after every migrate): the model permissions of the managers.
- `TASK_FORCE_PERMISSIONS`: the model permissions of every "Task force <commune>" group. Those groups are data
  (one per commune, linked by a TaskForce row): `setup_directory_groups` creates them once the communes are
  loaded (resources/groups.py).
- `COMMUNE_SCOPE`: the object scope. Members of `UNRESTRICTED_GROUPS` (and superusers) reach every row; anyone
  else reaches only the rows of the scoped models that lie in the communes of their task forces. The admin
  derives every view of these models from it (resources/permissions.py: the permission policy; viewsets.py: the
  listing, its export, every view that takes an object in its URL, the choosers and the bulk actions).
"""

from home.roles import ADMIN_ACCESS, Role

MANAGERS_GROUP = "Directory managers"
TASK_FORCE_GROUP_PREFIX = "Task force "  # + the commune's French name

MANAGER_MODELS = ["service", "organisation", "location", "hotspot", "category", "problemreport", "taskforce"]

TASK_FORCE_PERMISSIONS = {
    ADMIN_ACCESS,
    "resources.add_service",
    "resources.change_service",
    "resources.publish_service",
    "resources.delete_service",
    "resources.view_service",
    "resources.add_location",
    "resources.change_location",
    "resources.publish_location",
    "resources.view_location",
    "resources.view_organisation",
    "resources.view_problemreport",
    "resources.change_problemreport",
}

# Who reaches every row of the directory (superusers too).
UNRESTRICTED_GROUPS = {MANAGERS_GROUP}

# model -> the path from a row to the commune(s) it lies in. A row is in a task force's scope when one of those
# communes is one of the task force's.
COMMUNE_SCOPE = {
    "location": "commune",
    "service": "locations__location__commune",
    "organisation": "services__locations__location__commune",
    "problemreport": "service__locations__location__commune",
}
# Models whose rows that lie in no commune at all are in every task force's scope: an organisation without a
# located service belongs to no commune (a task force may choose it for a new listing of its commune).
NO_COMMUNE_IS_EVERYONES = {"organisation"}

ROLES = [
    Role(
        MANAGERS_GROUP,
        permissions={ADMIN_ACCESS}
        | {
            f"resources.{action}_{model}"
            for model in MANAGER_MODELS
            for action in ("add", "change", "delete", "view")
        }
        | {
            "resources.publish_service",
            "resources.publish_location",
            "resources.change_directoryreviewsettings",
        },
    ),
]
