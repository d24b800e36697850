"""Roles of the site shell: what each group may and may not do in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from home.roles import declared_roles, sync_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(django_user_model, locales):
    def make(group_name):
        sync_roles()
        user = django_user_model.objects.create_user(
            f"u-{group_name}", f"{group_name}@example.org", "pw-123456789"
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


def test_groups_hold_the_declared_permissions(locales):
    groups = sync_roles()
    for name, role in declared_roles().items():
        group = groups[name]
        codes = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert role.permissions <= codes, name
    assert not groups["Editors"].permissions.filter(codename="change_sitesettings").exists()
    assert not groups["Translators"].permissions.filter(codename__startswith="publish").exists()


@pytest.mark.parametrize(
    ("group", "allowed"), [("Editors", False), ("Translators", False), ("Moderators", True)]
)
def test_site_settings_only_for_moderators(client, member, group, allowed):
    client.force_login(member(group))
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings"])
    response = client.get(url, follow=True)
    assert (response.status_code == 200 and b"emergency_number" in response.content) is allowed


@pytest.mark.parametrize(
    ("group", "can_publish"), [("Editors", False), ("Translators", False), ("Moderators", True)]
)
def test_publishing_rights(member, home_fr, group, can_publish):
    user = member(group)
    perms = home_fr.permissions_for_user(user)
    assert perms.can_edit()
    assert perms.can_publish() is can_publish


def test_translators_may_submit_translations_but_not_delete_helplines(member):
    user = member("Translators")
    assert user.has_perm("wagtail_localize.submit_translation")
    assert not user.has_perm("home.delete_helpline")
    assert not user.has_perm("home.add_helpline")


def test_anonymous_and_groupless_users_cannot_enter_the_admin(client, django_user_model, locales):
    assert client.get("/admin/").status_code == 302
    client.force_login(django_user_model.objects.create_user("nobody", "n@example.org", "pw-123456789"))
    assert client.get("/admin/").status_code in (302, 403)
