"""Zero server errors in the admin, whatever the role: for each role group (site/home/roles.py and the apps'
roles.py, the scheduling groups, a commune task force and a hotspot task force), a member of that group alone
follows every link of the admin from the dashboard (GET only, one URL per kind of screen, test_admin_language's
crawler) and no screen answers 5xx. Refusals (403, 404, a redirect to the dashboard) are fine here: who may do
what is tests/security/test_permission_matrix.py. The superuser's crawl is in test_admin_language.py.

Each member's admin language is Dutch, and the screens the role sees (an influencer's own variant, a task
force's listings…) must not show English words or raw values either (test_admin_language.findings)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from campaigns.scheduling.models import Influencer
from home.roles import declared_roles

from .admin_crawl import WAGTAIL_ONLY, crawl, findings
from .admin_crawl import demo_db as demo_db  # fixture

pytestmark = pytest.mark.django_db

# Groups that are data rather than declarations: one commune's task force and one hotspot's task force (both
# made by load_demo), and the scheduling groups (data migration campaigns/scheduling 0002).
EXTRA_GROUPS = ("Reviewers", "Influencers", "Task force Saint-Gilles", "Task force Gare du Midi")


def role_groups() -> list[str]:
    return sorted(set(declared_roles()) | set(EXTRA_GROUPS))


def test_every_declared_role_is_crawled():
    assert {"Editors", "Moderators", "Translators", "Directory managers", "Analysts"} <= set(role_groups())


@pytest.mark.parametrize("group_name", role_groups())
def test_no_admin_screen_fails_for_the_role(demo_db, client, group_name):
    user = get_user_model().objects.create_user(f"crawl-{group_name.lower().replace(' ', '-')}", password="x")
    user.groups.add(Group.objects.get(name=group_name))
    if group_name == "Influencers":  # an influencer's account is linked to their influencer record
        influencer = Influencer.objects.filter(user__isnull=True).first()
        influencer.user = user
        influencer.save(update_fields=["user"])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
    client.force_login(user)
    result = crawl(client, limit=150)
    assert result.visits[0].status == 200, "the dashboard opens"
    assert not result.server_errors(), "\n".join(result.server_errors())
    problems = [
        f"{visit.url}: {finding}"
        for visit in result.visits
        if not WAGTAIL_ONLY.match(visit.key)
        for finding in findings(visit.text)
    ]
    assert not problems, "\n".join(problems[:40])
