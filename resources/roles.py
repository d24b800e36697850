"""The directory's part of the platform's roles (merged into home.roles by name, synced after every migrate).

| role | may | may not |
|---|---|---|
| Directory managers | every listing: services, organisations, locations, hotspots, categories, problem reports, task forces | pages, campaigns, evaluation |
| Task force <commune> | services located in their communes (add, change, delete, export), their locations, the problem reports of those services | other communes' services, taxonomy, hotspots |

"Task force <commune>" groups are data (one per commune, linked by a TaskForce row): `setup_directory_groups`
creates them once the communes are loaded (resources/groups.py). Object scope: resources/permissions.py.
"""

from home.roles import ADMIN_ACCESS, Role

from .groups import MANAGER_MODELS
from .permissions import MANAGERS_GROUP

ROLES = [
    Role(
        MANAGERS_GROUP,
        permissions={ADMIN_ACCESS}
        | {
            f"resources.{action}_{model}"
            for model in MANAGER_MODELS
            for action in ("add", "change", "delete", "view")
        },
    ),
]
