"""The project's own admin screens use Wagtail's generic admin frame (WagtailAdminTemplateMixin,
wagtailadmin/generic/base.html): breadcrumbs from Home to the screen and the page title as the screen's <title>
and heading, in the admin language of the person (issue 19, item 3)."""

import re
from html import unescape

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

# (URL name, the French breadcrumbs between "Home" and the screen's title, which ends the trail).
SCREENS = [
    ("scheduling_admin:calendar", ["Planning des influenceurs", "Calendrier des contenus"]),
    (
        "scheduling_admin:import",
        ["Planning des influenceurs", "Calendrier des contenus", "Importer le planning (CSV)"],
    ),
    ("scheduling_admin:import_metrics", ["Planning des influenceurs", "Calendrier des contenus"]),
    ("scheduling_admin:feed", ["Planning des influenceurs"]),
    ("evaluation_social_import", ["Rapports"]),
    ("evaluation_hotspot_index", ["Rapports"]),
    ("evaluation_campaign_report", ["Rapports"]),
    ("evaluation_hotspot_sheet", ["Rapports", "Fiches hotspots"]),
    ("evaluation_regional_overview", ["Rapports"]),
    ("outgoing_emails:retry_all", []),
    ("resources_to_complete:index", []),
]


# The URL arguments of the screens that show one object.
ARGS = {"evaluation_hotspot_sheet": ["gare-du-midi"]}


def _url(name: str) -> str:
    return reverse(name, args=ARGS.get(name, []))


def _breadcrumbs(html: str) -> list[str]:
    nav = re.search(r'<nav[^>]*aria-label="[^"]*"[^>]*>\s*<ol.*?</ol>', html, re.S)
    assert nav, "no breadcrumbs"
    items = re.findall(r"<li[^>]*>(.*?)</li>", nav.group(0), re.S)
    return [unescape(re.sub(r"<[^>]+>|\s+", " ", item)).strip() for item in items]


def _title(html: str) -> str:
    return unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1)).strip()


def _client(client, django_user_model, language):
    user = django_user_model.objects.create_superuser(
        f"root-{language}", f"{language}@example.org", "pw-123456789"
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


@pytest.mark.parametrize(("name", "trail"), SCREENS)
def test_a_screen_has_breadcrumbs_and_a_title_in_french(client, django_user_model, name, trail):
    html = _client(client, django_user_model, "fr").get(_url(name)).content.decode()
    crumbs = _breadcrumbs(html)
    assert crumbs[0] == "Accueil"
    assert crumbs[1 : 1 + len(trail)] == trail
    assert _title(html).startswith(crumbs[-1])


NL = {
    "scheduling_admin:calendar": ["Home", "Planning van influencers", "Contentkalender"],
    "evaluation_social_import": ["Home", "Rapporten", "Sociale-mediametingen importeren"],
    "evaluation_hotspot_index": ["Home", "Rapporten", "Hotspotfiches"],
    "evaluation_campaign_report": ["Home", "Rapporten", "Campagnerapporten"],
    "evaluation_hotspot_sheet": [
        "Home",
        "Rapporten",
        "Hotspotfiches",
        "Hotspotfiche: Gare du Midi / Zuidstation",
    ],
    "evaluation_regional_overview": ["Home", "Rapporten", "Regionaal overzicht van de hotspots"],
    "outgoing_emails:retry_all": ["Home", "Uitgaande e-mails", "Mislukte e-mails opnieuw proberen"],
    "resources_to_complete:index": ["Home", "Aan te vullen fiches"],
}


@pytest.mark.parametrize("name", sorted(NL))
def test_a_screen_has_breadcrumbs_in_dutch(client, django_user_model, name):
    html = _client(client, django_user_model, "nl").get(_url(name)).content.decode()
    assert _breadcrumbs(html) == NL[name]


@pytest.mark.parametrize(
    "name",
    [
        "evaluation_social_import",
        "evaluation_hotspot_index",
        "evaluation_campaign_report",
        "evaluation_hotspot_sheet",
        "evaluation_regional_overview",
        "outgoing_emails:retry_all",
        "resources_import",
    ],
)
def test_a_refusal_is_explained_in_the_admin_language(client, django_user_model, name):
    """Wagtail's "permission denied" redirect and message, in Dutch for a Dutch-speaking editor (a raised
    PermissionDenied was answered after the admin language had ended: in French)."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("nobody-nl", "n@example.org", "pw-123456789")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
    client.force_login(user)
    response = client.get(_url(name), follow=True)
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert "je hebt geen toegang tot dit gedeelte" in response.content.decode()


def _header_buttons(html: str) -> list[tuple[str, str]]:
    """(label, href) of the slim header's buttons (the nav that print.css hides on paper)."""
    nav = re.search(r'<nav[^>]*id="w-slim-header-buttons"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "no header buttons"
    links = re.findall(r'<a[^>]*href="([^"]*)"[^>]*>(.*?)</a>', nav.group(1), re.S)
    return [(unescape(re.sub(r"<[^>]+>|\s+", " ", label)).strip(), unescape(href)) for href, label in links]


def test_a_campaign_report_sits_under_the_campaign_reports_with_its_exports_in_the_header(
    client, django_user_model
):
    from evaluation.models import TrackedCampaign

    TrackedCampaign.objects.create(code="ete", name="Summer", path_prefixes="/fr/ete/")
    query = {"campaign": "ete", "start": "2026-03-10", "end": "2026-03-16"}
    html = _client(client, django_user_model, "nl").get(reverse("evaluation_campaign_report"), query)
    html = html.content.decode()
    assert _breadcrumbs(html) == ["Home", "Rapporten", "Campagnerapporten", "Rapport: Summer"]
    assert _title(html).startswith("Rapport: Summer")
    buttons = _header_buttons(html)
    assert [label for label, _href in buttons] == ["Exporteren als CSV", "Exporteren als XLSX"]
    assert all("campaign=ete" in href and "start=2026-03-10" in href for _label, href in buttons)
    assert [href.rsplit("export=", 1)[1] for _label, href in buttons] == ["csv", "xlsx"]


@pytest.mark.parametrize("name", ["evaluation_hotspot_sheet", "evaluation_regional_overview"])
def test_a_printable_screen_keeps_its_print_styles_and_puts_its_exports_in_the_header(
    client, django_user_model, name
):
    from django.contrib.staticfiles import finders

    html = _client(client, django_user_model, "fr").get(_url(name)).content.decode()
    assert "evaluation/print.css" in html
    buttons = _header_buttons(html)
    assert sorted(label for label, _href in buttons) == ["Exporter en CSV", "Exporter en XLSX"]
    assert sorted(href for _label, href in buttons) == ["?export=csv", "?export=xlsx"]
    # On paper the header keeps its title (the last breadcrumb) and drops its buttons.
    with open(finders.find("evaluation/print.css"), encoding="utf-8") as css:
        assert "#w-slim-header-buttons" in css.read()
