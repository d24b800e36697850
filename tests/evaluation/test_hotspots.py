import io
from datetime import date

import pytest
from django.contrib.auth.models import Group, Permission
from openpyxl import load_workbook

from evaluation.hotspots import build_sheet, months_back, six_month_windows
from evaluation.models import DailyMetric, HotspotAction, HotspotTaskForce
from evaluation.selectors import hotspot
from tests.growth import assert_queries_do_not_grow

from .conftest import english

pytestmark = pytest.mark.django_db
SHEET = "/admin/evaluation/hotspots/gare-du-midi/"


def test_six_month_windows_are_consecutive():
    assert months_back(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert six_month_windows(date(2026, 6, 30), 2) == [
        (date(2025, 7, 1), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 6, 30)),
    ]


@pytest.fixture
def force_a():
    group = Group.objects.create(name="Task force Gare du Midi")
    group.permissions.set(
        Permission.objects.filter(
            codename__in=["view_hotspotaction", "add_hotspotaction", "change_hotspotaction"]
        )
    )
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    HotspotTaskForce.objects.create(group=group, hotspot_slug="gare-du-midi")
    return group


@pytest.fixture
def force_b():
    group = Group.objects.create(name="Task force Porte de Hal")
    HotspotTaskForce.objects.create(group=group, hotspot_slug="porte-de-hal")
    return group


@pytest.fixture
def data(force_a, force_b):
    for day, visitors in ((date(2025, 8, 1), 10), (date(2026, 2, 1), 30), (date(2026, 3, 1), 5)):
        DailyMetric.objects.create(
            date=day, kind="utm_content", value="hotspot-gare-du-midi", visitors=visitors, visits=visitors + 1
        )
    DailyMetric.objects.create(
        date=date(2026, 2, 1), kind="utm_content", value="hotspot-porte-de-hal", visitors=999
    )
    DailyMetric.objects.create(
        date=date(2026, 2, 2),
        kind="goal_prop",
        value="Directory search",
        prop_name="quartier",
        prop_value="804",
        events=7,
        visitors=6,
    )
    DailyMetric.objects.create(
        date=date(2026, 2, 3),
        kind="goal_prop",
        value="Service contact",
        prop_name="quartier",
        prop_value="804",
        events=3,
        visitors=3,
    )
    DailyMetric.objects.create(
        date=date(2026, 2, 3),
        kind="goal_prop",
        value="Directory search",
        prop_name="quartier",
        prop_value="48",
        events=50,
    )
    DailyMetric.objects.create(
        date=date(2026, 2, 3),
        kind="goal_prop",
        value="Directory search",
        prop_name="commune",
        prop_value="804",
        events=50,
    )
    a = HotspotAction.objects.create(
        hotspot_slug="gare-du-midi",
        axis="prevention",
        date=date(2026, 1, 15),
        description="Outreach",
        task_force_group=force_a,
    )
    HotspotAction.objects.create(
        hotspot_slug="gare-du-midi",
        axis="security",
        date=date(2025, 9, 1),
        description="Patrols",
        task_force_group=force_a,
    )
    b = HotspotAction.objects.create(
        hotspot_slug="porte-de-hal",
        axis="prevention",
        date=date(2026, 1, 15),
        description="Bus",
        task_force_group=force_b,
    )
    return a, b


def test_sheet_numbers(data):
    sheet = build_sheet(hotspot("gare-du-midi"), end=date(2026, 6, 30), windows=2)
    old, new = sheet.windows
    assert (old.reach_visitors, new.reach_visitors, new.reach_visits) == (10, 35, 37)
    assert new.demand == {"Directory search": 7, "Service contact": 3}
    assert old.actions == {"security": 1} and new.actions == {"prevention": 1}
    assert [a.description for a in sheet.actions] == ["Outreach", "Patrols"]


def test_sheet_page_and_xlsx(admin_client, data):
    response = admin_client.get(SHEET, {"end": "2026-06-30", "windows": "2"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Outreach" in html and "<svg" in html and "print.css" in html
    response = admin_client.get(SHEET, {"end": "2026-06-30", "windows": "2", "export": "xlsx"})
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook["Six-month windows"].values)
    assert [c.date() for c in rows[2][:2]] == [date(2026, 1, 1), date(2026, 6, 30)]  # typed dates
    assert rows[2][2:4] == (35, 37)


def test_sheet_bad_input_and_unknown_hotspot(admin_client, data):
    assert admin_client.get(SHEET, {"windows": "99"}).status_code == 400
    assert admin_client.get(SHEET, {"end": "soon"}).status_code == 400
    response = admin_client.get("/admin/evaluation/hotspots/nowhere/")
    assert response.status_code == 302 and response["Location"].endswith("/admin/evaluation/hotspots/")


def test_sheet_query_count_is_constant(admin_client, data, force_a):
    def fetch():
        assert admin_client.get(SHEET, {"end": "2026-06-30", "windows": "6"}).status_code == 200

    def grow():  # six more actions and six more days of reach and demand, spread over the windows
        for month in range(1, 7):
            HotspotAction.objects.create(
                hotspot_slug="gare-du-midi",
                axis="prevention",
                date=date(2026, month, 10),
                description=f"Action {month}",
                task_force_group=force_a,
            )
            DailyMetric.objects.create(
                date=date(2025, 6 + month, 5),
                kind="utm_content",
                value="hotspot-gare-du-midi",
                visitors=month,
            )
            DailyMetric.objects.create(
                date=date(2026, month, 6),
                kind="goal_prop",
                value="Service contact",
                prop_name="quartier",
                prop_value="804",
                events=month,
            )

    assert_queries_do_not_grow(fetch, grow, ceiling=25)


def test_index_lists_hotspots(analyst_client, data):
    response = analyst_client.get("/admin/evaluation/hotspots/")
    assert response.status_code == 200 and "Gare du Midi" in response.content.decode()


@pytest.fixture
def member(django_user_model, force_a):
    user = django_user_model.objects.create_user("tf-member", password="pw-member-123456")
    user.groups.add(force_a)
    return english(user)


def test_task_force_edits_its_own_actions_only(client, member, data):
    own, other = data
    client.force_login(member)
    assert client.get(f"/admin/evaluation_hotspot_actions/edit/{own.pk}/").status_code == 200
    response = client.post(
        f"/admin/evaluation_hotspot_actions/edit/{own.pk}/",
        {
            "hotspot_slug": "gare-du-midi",
            "axis": "prevention",
            "date": "2026-01-15",
            "status": "done",
            "description": "Outreach done",
            "task_force_group": own.task_force_group_id,
        },
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.description == "Outreach done"
    response = client.get(f"/admin/evaluation_hotspot_actions/edit/{other.pk}/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    client.post(f"/admin/evaluation_hotspot_actions/edit/{other.pk}/", {"description": "hijack"})
    other.refresh_from_db()
    assert other.description == "Bus"


def test_task_force_cannot_file_an_action_for_another_group(client, member, data, force_b):
    client.force_login(member)
    response = client.post(
        "/admin/evaluation_hotspot_actions/new/",
        {
            "hotspot_slug": "porte-de-hal",
            "axis": "prevention",
            "date": "2026-02-01",
            "status": "planned",
            "description": "x",
            "task_force_group": force_b.pk,
        },
    )
    assert response.status_code == 200  # form redisplayed with an error
    assert not HotspotAction.objects.filter(description="x").exists()


def test_unknown_hotspot_slug_is_refused(client, member, data, force_a):
    client.force_login(member)
    response = client.post(
        "/admin/evaluation_hotspot_actions/new/",
        {
            "hotspot_slug": "nowhere",
            "axis": "prevention",
            "date": "2026-02-01",
            "status": "planned",
            "description": "y",
            "task_force_group": force_a.pk,
        },
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not HotspotAction.objects.filter(description="y").exists()


def test_analysts_edit_nothing(analyst_client, data):
    own, _other = data
    assert analyst_client.get(f"/admin/evaluation_hotspot_actions/edit/{own.pk}/").status_code == 302
    assert analyst_client.get("/admin/evaluation_hotspot_actions/new/").status_code == 302
    assert analyst_client.get("/admin/evaluation_hotspot_actions/").status_code == 200
    assert analyst_client.get(SHEET).status_code == 200


def test_people_without_rights_see_no_sheet(client, editor_without_rights, data):
    client.force_login(editor_without_rights)
    assert client.get(SHEET).status_code == 302


def test_task_force_is_offered_and_shown_only_its_own_hotspots(client, member, data):
    """docs/journeys.md, hotspot task force: their hotspots' actions and sheets, no other."""
    client.force_login(member)
    form = client.get("/admin/evaluation_hotspot_actions/new/").content.decode()
    assert 'value="gare-du-midi"' in form and 'value="porte-de-hal"' not in form
    index = client.get("/admin/evaluation/hotspots/").content.decode()
    assert "/admin/evaluation/hotspots/gare-du-midi/" in index
    assert "/admin/evaluation/hotspots/porte-de-hal/" not in index
    assert client.get("/admin/evaluation/hotspots/gare-du-midi/").status_code == 200
    refused = client.get("/admin/evaluation/hotspots/porte-de-hal/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's permission denied


def test_task_force_cannot_file_an_action_on_another_hotspot_under_its_own_group(
    client, member, data, force_a
):
    client.force_login(member)
    response = client.post(
        "/admin/evaluation_hotspot_actions/new/",
        {
            "hotspot_slug": "porte-de-hal",
            "axis": "prevention",
            "date": "2026-02-01",
            "status": "planned",
            "description": "z",
            "task_force_group": force_a.pk,
        },
    )
    assert response.status_code == 200
    assert not HotspotAction.objects.filter(description="z").exists()
