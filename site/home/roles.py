"""The platform's roles: named groups and exactly what each may do.

Each project app declares its part in `<app>/roles.py` as `ROLES = [Role(...), ...]`; roles with the same name
are merged, so an app can extend "Editors". `sync_roles()` runs after every `migrate` and makes sure each group
holds the declared permissions (it adds, never removes: apps may also grant permissions in data migrations, and
an administrator may widen a group in the admin). Object-level rules (a
commune task force edits only its commune's services, an influencer sees only their own deliverables) live in the
apps' permission policies; the groups here only open the doors.

| role | may | may not |
|---|---|---|
| Editors | create and edit pages, images, documents, helplines, alert banners | publish, change site settings |
| Moderators | everything Editors may, plus publish, lock/unlock, site settings | manage users |
| Translators | translate pages and snippets (wagtail-localize), edit drafts | publish, delete |
| Superusers | everything (developers and the platform owner) | |
Apps add: Directory managers, Task force <commune>, Reviewers, Influencers, Analysts (see their roles.py).
Every role that opens the admin, and every superuser, signs in with a second step (authenticator app or backup
code) when ADMIN_MFA_REQUIRED is on: home/mfa/, docs/security.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _

ADMIN_ACCESS = "wagtailadmin.access_admin"
IMAGES_DOCS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)


@dataclass
class Role:
    name: str
    description: str = ""
    permissions: set[str] = field(default_factory=set)
    page_permissions: set[str] = field(default_factory=set)  # "add", "change", "publish", "lock", "unlock"
    collection_permissions: set[str] = field(
        default_factory=set
    )  # image/document perms on the root collection

    def merge(self, other: Role) -> None:
        self.permissions |= set(other.permissions)
        self.page_permissions |= set(other.page_permissions)
        self.collection_permissions |= set(other.collection_permissions)
        self.description = self.description or other.description


ROLES = [
    Role(
        "Editors",
        _("Create and edit content; cannot publish."),
        permissions={
            ADMIN_ACCESS,
            "home.add_helpline",
            "home.change_helpline",
            "home.add_alertbanner",
            "home.change_alertbanner",
            "wagtail_localize.submit_translation",
        },
        page_permissions={"add", "change", "lock"},
        collection_permissions=set(IMAGES_DOCS),
    ),
    Role(
        "Moderators",
        _("Everything editors do, plus publishing and site settings."),
        permissions={
            ADMIN_ACCESS,
            "home.add_helpline",
            "home.change_helpline",
            "home.delete_helpline",
            "home.add_alertbanner",
            "home.change_alertbanner",
            "home.delete_alertbanner",
            "home.change_sitesettings",
            "wagtail_localize.submit_translation",
        },
        page_permissions={"add", "change", "publish", "lock", "unlock", "bulk_delete"},
        collection_permissions={*IMAGES_DOCS, "wagtailimages.delete_image", "wagtaildocs.delete_document"},
    ),
    Role(
        "Translators",
        _("Translate pages and snippets; cannot publish or delete."),
        permissions={
            ADMIN_ACCESS,
            "wagtail_localize.submit_translation",
            "home.change_helpline",
            "home.change_alertbanner",
        },
        page_permissions={"add", "change"},
        collection_permissions={"wagtailimages.choose_image", "wagtaildocs.choose_document"},
    ),
]


def declared_roles() -> dict[str, Role]:
    """All roles of all project apps, merged by name."""
    roles: dict[str, Role] = {}
    for app in settings.PROJECT_APPS:
        module_name = f"{app}.roles"
        if find_spec(module_name) is None:
            continue
        for role in getattr(import_module(module_name), "ROLES", []):
            if role.name in roles:
                roles[role.name].merge(role)
            else:
                roles[role.name] = Role(
                    role.name,
                    role.description,
                    set(role.permissions),
                    set(role.page_permissions),
                    set(role.collection_permissions),
                )
    return roles


def permission_objects(names: set[str]) -> list[Permission]:
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = [
        p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in=[codename for _app, codename in wanted]
        )
        if (p.content_type.app_label, p.codename) in wanted
    ]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
    if missing:
        raise LookupError(f"unknown permissions in roles: {sorted('.'.join(m) for m in missing)}")
    return found


@transaction.atomic
def sync_roles() -> dict[str, Group]:
    """Create every declared group and grant it its declared permissions (additive)."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    groups = {}
    for role in declared_roles().values():
        group, _created = Group.objects.get_or_create(name=role.name)
        group.permissions.add(*permission_objects(role.permissions))
        if root_page is not None:
            page_perms = permission_objects({f"wagtailcore.{p}_page" for p in role.page_permissions})
            for permission in page_perms:
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
        if root_collection is not None:
            for permission in permission_objects(role.collection_permissions):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
        groups[role.name] = group
    return groups
