"""Who may open which admin area: every area of the back office tried with every role.

The groups are built as in production: `migrate` syncs the declared roles (each app's roles.py, merged by
home.roles.sync_roles; the scheduling groups also come from a data migration), and
`setup_directory_groups` makes one "Task force <commune>" group per commune. POLICY below is the policy read
from the code (roles.py, groups.py, the apps' permissions.py and views): area -> the roles allowed. Every other
role must be refused. How Wagtail 8 refuses: its generic views raise PermissionDenied (403); the older views and
this project's function views call wagtail.admin.auth.permission_denied, which redirects to the admin home with
"Sorry, you do not have permission to access this area."; the directory refuses objects outside a task force's
communes the same way (every refused case of the directory, by URL and POST:
tests/security/test_directory_scope.py). A superuser is allowed everywhere (that proves each URL works).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.users.models import UserProfile

from campaigns.scheduling.models import Influencer, TrackedLink
from campaigns.scheduling.services import submit_draft
from evaluation.models import HotspotAction, HotspotStatusChange, TrackedCampaign
from home.models import SiteSettings, StandardPage
from home.roles import sync_roles
from resources.groups import ensure_groups
from resources.models import ProblemReport
from tests.campaigns import factories as f
from tests.referrals.conftest import geography as geography  # the small geography (fixture)
from tests.resources.conftest import ETTERBEEK
from tests.resources.conftest import make_service as make_service  # fixture
from tests.scheduling.conftest import influencer as influencer  # fixture
from tests.scheduling.conftest import make_deliverable as make_deliverable  # fixture

pytestmark = pytest.mark.django_db

EDITOR, MODERATOR, TRANSLATOR = "editor", "moderator", "translator"
MANAGER, TASK_FORCE, INFLUENCER = "directory manager", "commune task force", "influencer"
ANALYST, REVIEWER = "analyst", "reviewer"
ROLES = (EDITOR, MODERATOR, TRANSLATOR, MANAGER, TASK_FORCE, INFLUENCER, ANALYST, REVIEWER)
GROUPS = {
    EDITOR: "Editors",
    MODERATOR: "Moderators",
    TRANSLATOR: "Translators",
    MANAGER: "Directory managers",
    TASK_FORCE: "Task force Saint-Gilles",
    INFLUENCER: "Influencers",
    ANALYST: "Analysts",
    REVIEWER: "Reviewers",
}
CONTENT = {EDITOR, MODERATOR, TRANSLATOR}  # page editing (translators translate pages: add + change)
DIRECTORY = {MANAGER, TASK_FORCE}
PLANNERS = {EDITOR, MODERATOR}  # scheduling: add/change/view deliverables (migration scheduling 0002)
SEE_PLAN = PLANNERS | {REVIEWER}
NOBODY: set[str] = set()

# area -> roles allowed (superusers: everywhere).
POLICY: dict[str, set[str]] = {
    # Wagtail pages (home.roles: page permissions on the root page)
    "pages: explorer": CONTENT,
    "pages: add a page": CONTENT,
    "pages: edit a page": CONTENT,
    "pages: unpublish (publish right)": {MODERATOR},
    "pages: delete": {MODERATOR},
    # journeys.md: translators never delete; Wagtail's "change" right deletes drafts (editors, moderators)
    "pages: delete a translator's Dutch draft": {EDITOR, MODERATOR},
    # Site shell snippets and settings
    "helplines: list": CONTENT,
    "helplines: add": {EDITOR, MODERATOR},
    "alert banners: add": {EDITOR, MODERATOR},
    "site settings": {MODERATOR},
    # Campaign tools (campaigns/roles.py)
    "quizzes: list": CONTENT | {REVIEWER},  # reviewers find the health content they approve
    "quizzes: add": {EDITOR, MODERATOR},
    "quizzes: edit": {EDITOR, MODERATOR},  # translators: synced translations only (campaigns/permissions.py)
    "quizzes: delete": {EDITOR, MODERATOR},
    "self-checks: add": {EDITOR, MODERATOR},
    "mixes: list": CONTENT | {REVIEWER},
    "health review: approve an editor's mix": {REVIEWER},  # moderators publish pages, not health content
    # Directory (resources/groups.py, resources/permissions.py)
    "directory: services list": DIRECTORY,
    "directory: services export": DIRECTORY,
    "directory: add a service": DIRECTORY,
    "directory: edit a service of the commune": DIRECTORY,
    "directory: edit a service elsewhere": {MANAGER},
    "directory: delete a service of the commune": DIRECTORY,
    "directory: delete a service elsewhere": {MANAGER},
    "directory: history of a service of the commune": DIRECTORY,
    "directory: usage of a service of the commune": DIRECTORY,
    "directory: history of a service elsewhere": {MANAGER},
    "directory: locations list": DIRECTORY,
    "directory: add a location": DIRECTORY,
    "directory: edit a location of the commune": DIRECTORY,
    "directory: edit a location elsewhere": {MANAGER},
    "directory: history of a location elsewhere": {MANAGER},
    "directory: organisations list": DIRECTORY,
    "directory: add an organisation": {MANAGER},
    "directory: hotspots list": {MANAGER},
    "directory: categories list": {MANAGER},
    "directory: problem reports": DIRECTORY,
    "directory: problem report elsewhere": {MANAGER},
    "directory: task forces": {MANAGER},
    "directory: import services": {MANAGER},
    # Influencer scheduling (campaigns/scheduling: migration 0002, calendar.py, views_admin.py)
    "scheduling: deliverables list": SEE_PLAN,
    "scheduling: add a deliverable": PLANNERS,
    "scheduling: influencers list": SEE_PLAN,
    "scheduling: poster links list": SEE_PLAN,
    "scheduling: calendar": SEE_PLAN | {INFLUENCER},
    "scheduling: calendar export": SEE_PLAN | {INFLUENCER},
    "scheduling: own variant": SEE_PLAN | {INFLUENCER},
    "scheduling: another influencer's variant": SEE_PLAN,
    "scheduling: approve (review a variant)": {REVIEWER},
    "scheduling: import the plan": PLANNERS,
    "scheduling: poster print page": SEE_PLAN,
    # Evaluation (evaluation/permissions.py, evaluation/roles.py)
    "evaluation: campaign report": {ANALYST},
    "evaluation: campaign report export": {ANALYST},
    "evaluation: hotspot sheets": {ANALYST},
    "evaluation: hotspot sheet export": {ANALYST},
    "evaluation: tracked campaigns": {ANALYST},
    "evaluation: add a tracked campaign": NOBODY,
    "evaluation: sync log": {ANALYST},
    "evaluation: daily metrics": {ANALYST},
    "evaluation: social metrics": {ANALYST},
    "evaluation: social metric import": NOBODY,
    "evaluation: fetch exact figures": {
        ANALYST
    },  # roles.md: Plausible sync to analysts (and the regional cell)
    "evaluation: start a sync": {ANALYST},
    "evaluation: hotspot actions": {ANALYST},
    "evaluation: add a hotspot action": NOBODY,
    "evaluation: hotspot sheet CSV export": {ANALYST},
    "evaluation: regional overview": {ANALYST},
    "evaluation: regional overview export": {ANALYST},
    "evaluation: record a hotspot status change": NOBODY,  # the "Regional security cell" group only
    # Users, groups, sites, locales, redirects, workflows: superusers only
    "users": NOBODY,
    "groups": NOBODY,
    "sites": NOBODY,
    "locales": NOBODY,
    "redirects": NOBODY,
    "workflows": NOBODY,
}
# Not even superusers: approving a post is personal (four-eyes rule), only members of "Reviewers" record it.
SUPERUSER_REFUSED = {"scheduling: approve (review a variant)"}


@dataclass
class Area:
    name: str
    url: str
    method: str = "get"
    data: dict = field(default_factory=dict)
    # Allowed answer: 200, or for actions a redirect that is not the admin home (its refusal).
    check_side_effect: object = None


def _areas(w) -> list[Area]:
    today = dt.date.today()
    report_query = f"?campaign={w['campaign'].code}&start={today - dt.timedelta(days=7)}&end={today}"
    home_fr, page = w["home_fr"], w["page"]
    snippet = "wagtailsnippets_{}:{}".format
    areas = [
        Area("pages: explorer", reverse("wagtailadmin_explore", args=[home_fr.pk])),
        Area(
            "pages: add a page", reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_fr.pk])
        ),
        Area("pages: edit a page", reverse("wagtailadmin_pages:edit", args=[page.pk])),
        Area("pages: unpublish (publish right)", reverse("wagtailadmin_pages:unpublish", args=[page.pk])),
        Area("pages: delete", reverse("wagtailadmin_pages:delete", args=[page.pk])),
        Area(
            "pages: delete a translator's Dutch draft",
            reverse("wagtailadmin_pages:delete", args=[w["translator_draft"].pk]),
        ),
        Area(
            "health review: approve an editor's mix",
            reverse(
                snippet("campaigns_mix", "workflow_action"), args=[w["mix"].pk, "approve", w["mix_task"].pk]
            ),
            method="post",
            data={"comment": ""},
            check_side_effect=lambda: type(w["mix"]).objects.get(pk=w["mix"].pk).risk == "low",
        ),
        Area("helplines: list", reverse(snippet("home_helpline", "list"))),
        Area("helplines: add", reverse(snippet("home_helpline", "add"))),
        Area("alert banners: add", reverse(snippet("home_alertbanner", "add"))),
        Area(
            "site settings",
            reverse("wagtailsettings:edit", args=["home", "sitesettings", w["site_settings"].pk]),
        ),
        Area("quizzes: list", reverse(snippet("campaigns_quiz", "list"))),
        Area("quizzes: add", reverse(snippet("campaigns_quiz", "add"))),
        Area("quizzes: edit", reverse(snippet("campaigns_quiz", "edit"), args=[w["quiz"].pk])),
        Area("quizzes: delete", reverse(snippet("campaigns_quiz", "delete"), args=[w["quiz"].pk])),
        Area("self-checks: add", reverse(snippet("campaigns_selfcheck", "add"))),
        Area("mixes: list", reverse(snippet("campaigns_mix", "list"))),
        Area("directory: services list", reverse(snippet("resources_service", "list"))),
        Area("directory: services export", reverse(snippet("resources_service", "list")) + "?export=csv"),
        Area("directory: add a service", reverse(snippet("resources_service", "add"))),
        Area(
            "directory: edit a service of the commune",
            reverse(snippet("resources_service", "edit"), args=[w["service_here"].pk]),
        ),
        Area(
            "directory: edit a service elsewhere",
            reverse(snippet("resources_service", "edit"), args=[w["service_elsewhere"].pk]),
        ),
        Area(
            "directory: delete a service of the commune",
            reverse(snippet("resources_service", "delete"), args=[w["service_here"].pk]),
        ),
        Area(
            "directory: delete a service elsewhere",
            reverse(snippet("resources_service", "delete"), args=[w["service_elsewhere"].pk]),
        ),
        Area(
            "directory: history of a service of the commune",
            reverse(snippet("resources_service", "history"), args=[w["service_here"].pk]),
        ),
        Area(
            "directory: usage of a service of the commune",
            reverse(snippet("resources_service", "usage"), args=[w["service_here"].pk]),
        ),
        Area(
            "directory: history of a service elsewhere",
            reverse(snippet("resources_service", "history"), args=[w["service_elsewhere"].pk]),
        ),
        Area("directory: locations list", reverse(snippet("resources_location", "list"))),
        Area("directory: add a location", reverse(snippet("resources_location", "add"))),
        Area(
            "directory: edit a location of the commune",
            reverse(snippet("resources_location", "edit"), args=[w["location_here"].pk]),
        ),
        Area(
            "directory: edit a location elsewhere",
            reverse(snippet("resources_location", "edit"), args=[w["location_elsewhere"].pk]),
        ),
        Area(
            "directory: history of a location elsewhere",
            reverse(snippet("resources_location", "history"), args=[w["location_elsewhere"].pk]),
        ),
        Area("directory: organisations list", reverse(snippet("resources_organisation", "list"))),
        Area("directory: add an organisation", reverse(snippet("resources_organisation", "add"))),
        Area("directory: hotspots list", reverse(snippet("resources_hotspot", "list"))),
        Area("directory: categories list", reverse(snippet("resources_category", "list"))),
        Area("directory: problem reports", reverse("resources_problemreport:index")),
        Area(
            "directory: problem report elsewhere",
            reverse("resources_problemreport:edit", args=[w["report_elsewhere"].pk]),
        ),
        Area("directory: task forces", reverse("resources_taskforce:index")),
        Area("directory: import services", reverse("resources_import")),
        Area("scheduling: deliverables list", reverse(snippet("scheduling_deliverable", "list"))),
        Area("scheduling: add a deliverable", reverse(snippet("scheduling_deliverable", "add"))),
        Area("scheduling: influencers list", reverse(snippet("scheduling_influencer", "list"))),
        Area("scheduling: poster links list", reverse(snippet("scheduling_trackedlink", "list"))),
        Area("scheduling: calendar", reverse("scheduling_admin:calendar")),
        Area("scheduling: calendar export", reverse("scheduling_admin:export")),
        Area("scheduling: own variant", reverse("scheduling_admin:variant", args=[w["own_variant"].pk])),
        Area(
            "scheduling: another influencer's variant",
            reverse("scheduling_admin:variant", args=[w["other_variant"].pk]),
        ),
        Area(
            "scheduling: approve (review a variant)",
            reverse("scheduling_admin:variant_action", args=[w["own_variant"].pk, "review"]),
            method="post",
            data={"step": "content", "decision": "approved", "comment": ""},
            check_side_effect=lambda: w["own_variant"].approvals.exists(),
        ),
        Area("scheduling: import the plan", reverse("scheduling_admin:import")),
        Area("scheduling: poster print page", reverse("scheduling_admin:poster", args=[w["link"].pk])),
        Area("evaluation: campaign report", reverse("evaluation_campaign_report")),
        Area(
            "evaluation: campaign report export",
            reverse("evaluation_campaign_report") + report_query + "&export=csv",
        ),
        Area("evaluation: hotspot sheets", reverse("evaluation_hotspot_index")),
        Area(
            "evaluation: hotspot sheet export",
            reverse("evaluation_hotspot_sheet", args=[w["hotspot_slug"]]) + "?export=xlsx",
        ),
        Area("evaluation: tracked campaigns", reverse("evaluation_tracked_campaigns:index")),
        Area("evaluation: add a tracked campaign", reverse("evaluation_tracked_campaigns:add")),
        Area("evaluation: sync log", reverse("evaluation_sync_runs:index")),
        Area("evaluation: daily metrics", reverse("evaluation_daily_metrics:index")),
        Area("evaluation: social metrics", reverse("evaluation_social_metrics:index")),
        Area("evaluation: social metric import", reverse("evaluation_social_import")),
        Area(
            "evaluation: fetch exact figures",
            reverse("evaluation_fetch_exact"),
            method="post",
            data={"campaign": w["campaign"].code, "start": today - dt.timedelta(days=7), "end": today},
        ),
        Area("evaluation: start a sync", reverse("evaluation_sync_runs:start")),
        Area("evaluation: hotspot actions", reverse("evaluation_hotspot_actions:index")),
        Area("evaluation: add a hotspot action", reverse("evaluation_hotspot_actions:add")),
        Area(
            "evaluation: hotspot sheet CSV export",
            reverse("evaluation_hotspot_sheet", args=[w["hotspot_slug"]]) + "?export=csv",
        ),
        Area("evaluation: regional overview", reverse("evaluation_regional_overview")),
        Area(
            "evaluation: regional overview export", reverse("evaluation_regional_overview") + "?export=xlsx"
        ),
        Area(
            "evaluation: record a hotspot status change",
            reverse("evaluation_regional_overview"),
            method="post",
            data={"hotspot_slug": w["hotspot_slug"], "date": today, "status": "easing", "reason": "Test"},
            check_side_effect=lambda: HotspotStatusChange.objects.exists(),
        ),
        Area("users", reverse("wagtailusers_users:index")),
        Area("groups", reverse("wagtailusers_groups:index")),
        Area("sites", reverse("wagtailsites:index")),
        Area("locales", reverse("wagtaillocales:index")),
        Area("redirects", reverse("wagtailredirects:index")),
        Area("workflows", reverse("wagtailadmin_workflows:index")),
    ]
    assert {a.name for a in areas} == set(POLICY), "every area has a policy line and the reverse"
    return areas


@pytest.fixture
def world(home_fr, make_service, make_deliverable, influencer, django_user_model, settings):
    """The groups as after `migrate` and `setup_directory_groups`, and one object of each kind."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # queued, never run
    sync_roles()
    page = home_fr.add_child(instance=StandardPage(title="À propos", slug="a-propos"))
    page.save_revision().publish()
    service_here, _nl = make_service("Comptoir")  # located in Saint-Gilles (the task force's commune)
    service_elsewhere, _nl = make_service("Ailleurs", point=ETTERBEEK)  # no commune of the task force
    ensure_groups()
    assert Group.objects.filter(name=GROUPS[TASK_FORCE]).exists()
    report_elsewhere = ProblemReport.objects.create(service=service_elsewhere, reason="phone")
    ProblemReport.objects.create(service=service_here, reason="hours")
    own = make_deliverable()
    submit_draft(own.variants.get(language="fr").pk, caption="Mon texte", via_link=True)  # ready for review
    other = make_deliverable(influencer=Influencer.objects.create(name="Other", handle_tiktok="other"))
    link = TrackedLink.objects.create(hotspot_slug="midi", campaign_page=home_fr, campaign_code="dope-talk")
    campaign = TrackedCampaign.objects.create(code="dope-talk", name="Dope Talk", utm_campaign="dope-talk")
    from evaluation.selectors import hotspots

    hotspot_slug = hotspots()[0].slug
    HotspotAction.objects.create(
        hotspot_slug=hotspot_slug,
        axis="prevention",
        date=dt.date.today(),
        description="Maraude",
        task_force_group=Group.objects.get(name=GROUPS[TASK_FORCE]),
    )
    users = {}
    for role in ROLES:
        user = django_user_model.objects.create_user(
            role.replace(" ", "-"), f"{role[:3]}@example.org", "pw-x-123456789"
        )
        user.groups.add(Group.objects.get(name=GROUPS[role]))
        users[role] = user
    influencer.user = users[INFLUENCER]
    influencer.save()
    users["superuser"] = django_user_model.objects.create_superuser(
        "root", "root@example.org", "pw-root-123456"
    )
    translator_draft = home_fr.add_child(
        instance=StandardPage(title="Brouillon", slug="brouillon", live=False, owner=users[TRANSLATOR])
    )
    index = f.substance_index(home_fr)
    mix = f.mix(home_fr.locale, f.substance(index, "Alcool"), f.substance(index, "GHB"), risk="dangerous")
    mix.save_revision().publish()
    mix.refresh_from_db()
    mix.risk = "low"
    mix.save_revision(user=users[EDITOR])
    mix_task = mix.get_workflow().start(mix, users[EDITOR]).current_task_state
    return {
        "translator_draft": translator_draft,
        "mix": mix,
        "mix_task": mix_task,
        "home_fr": home_fr,
        "site_settings": SiteSettings.load(),
        "page": page,
        "quiz": f.quiz(home_fr.locale),
        "service_here": service_here,
        "service_elsewhere": service_elsewhere,
        "location_here": service_here.locations.get().location,
        "location_elsewhere": service_elsewhere.locations.get().location,
        "report_elsewhere": report_elsewhere,
        "own_variant": own.variants.get(language="fr"),
        "other_variant": other.variants.get(language="fr"),
        "link": link,
        "campaign": campaign,
        "hotspot_slug": hotspot_slug,
        "users": users,
    }


def _judged_by_side_effect(response, done: bool, home: str) -> str:
    """An area whose effect is checked: a redirect elsewhere than the dashboard is allowed if the effect is
    done; a refusal leaves it undone."""
    if response.status_code == 302 and response["Location"] != home:
        return "allowed" if done else "refused"
    return "refused" if not done and response.status_code in (302, 403, 404) else f"{response.status_code}?"


def _judged_by_answer(response, method: str, home: str) -> str:
    if response.status_code == 200:
        return "allowed"
    if response.status_code in (403, 404):
        return "refused"
    if response.status_code == 302:
        if response["Location"] == home:
            return "refused"
        if method == "post":
            return "allowed"
    return f"{response.status_code} {response.get('Location', '')}"


def outcome(client, area: Area) -> str:
    """'allowed' or 'refused', or a description of anything else (which fails the test)."""
    response = getattr(client, area.method)(area.url, area.data)
    home = reverse("wagtailadmin_home")
    if area.check_side_effect is not None:
        return _judged_by_side_effect(response, area.check_side_effect(), home)
    return _judged_by_answer(response, area.method, home)


@pytest.mark.parametrize("role", [*ROLES, "superuser"])
def test_permission_matrix(client, world, role):
    client.force_login(world["users"][role])
    mismatches = []
    observed = {}
    for area in _areas(world):
        got = outcome(client, area)
        observed[area.name] = got
        if role == "superuser":
            expected = "refused" if area.name in SUPERUSER_REFUSED else "allowed"
        else:
            expected = "allowed" if role in POLICY[area.name] else "refused"
        if got != expected:
            mismatches.append(f"{area.name}: expected {expected}, got {got}")
    if os.environ.get("PRINT_MATRIX"):
        print(role, observed)
    assert not mismatches, f"{role}:\n" + "\n".join(mismatches)


@pytest.mark.parametrize(
    ("language", "message"),
    [("fr", "vous n&#x27;avez pas les autorisations"), ("nl", "je hebt geen toegang tot dit gedeelte")],
)
def test_refusal_explains_itself_in_the_users_language(client, world, language, message):
    """Wagtail's refusal by redirect carries its message, in the user's admin language."""
    user = world["users"][ANALYST]
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    response = client.get(reverse("scheduling_admin:import"), follow=True)
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert message in response.content.decode()


def test_every_role_group_exists_after_migrate(db):
    """`migrate` alone creates the role groups (roles.py of each app, scheduling's data migration); only the
    per-commune task forces wait for `setup_directory_groups` (they need the communes)."""
    expected = {name for role, name in GROUPS.items() if role != TASK_FORCE}
    assert expected <= set(Group.objects.values_list("name", flat=True))
    assert Group.objects.get(name="Analysts").permissions.filter(codename="view_periodaggregate").exists()
    assert Group.objects.get(name="Directory managers").permissions.filter(codename="change_service").exists()


def test_an_admin_404_stays_a_404_in_the_admin(admin_client):
    """Not a redirect to /fr/admin/… (the public page tree would answer): site/home/middleware.py."""
    response = admin_client.get(reverse("scheduling_admin:variant", args=[999999]))
    assert response.status_code == 404
