"""The regional six-month overview: every hotspot side by side with its status history, exposure, help seen and
help actions per month (each beside the months before), actions per axis and state; status changes recorded by
the regional cell only; typed exports; a fixed number of queries."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from campaigns.scheduling.models import ClickDay, TrackedLink
from evaluation.models import DailyMetric, HotspotAction, HotspotStatusChange
from home.roles import sync_roles

from .conftest import english

pytestmark = pytest.mark.django_db
URL = "/admin/evaluation/regional/"
WINDOW = {"end": "2026-06-30", "months": "6"}


def reach(slug, day, visitors):
    DailyMetric.objects.create(
        date=day, kind="utm_content", value=f"hotspot-{slug}", visitors=visitors, visits=visitors
    )


def goal(name, quartier, day, events):
    DailyMetric.objects.create(
        date=day, kind="goal_prop", value=name, prop_name="quartier", prop_value=quartier, events=events
    )


@pytest.fixture
def data(home_fr, django_user_model):
    force = Group.objects.create(name="Task force Midi (test)")
    reach("gare-du-midi", date(2026, 1, 5), 10)
    reach("gare-du-midi", date(2026, 6, 30), 5)
    reach("gare-du-midi", date(2025, 12, 31), 7)  # the months before
    reach("gare-du-midi", date(2026, 7, 1), 99)  # after the window
    goal("Directory search", "804", date(2026, 3, 3), 4)  # Gare du Midi's quartier
    goal("Service contact", "804", date(2026, 3, 4), 2)
    goal("Referral slip", "804", date(2025, 8, 1), 1)  # before
    goal("Service contact", "48", date(2026, 2, 2), 3)  # Porte de Hal
    TrackedLink.objects.create(
        code="midi-qr", medium="qr", hotspot_slug="gare-du-midi", campaign_page=home_fr, campaign_code="x"
    )
    ClickDay.objects.create(code="midi-qr", day=date(2026, 4, 2), count=6)
    HotspotAction.objects.create(
        hotspot_slug="gare-du-midi", axis="prevention", date=date(2026, 2, 1), status="done",
        description="Outreach", task_force_group=force,
    )  # fmt: skip
    author = django_user_model.objects.create_user("cell-author", password="pw-cell-author-123")
    HotspotStatusChange.objects.create(
        hotspot_slug="gare-du-midi",
        date=date(2024, 3, 28),
        status="designated",
        reason="CORES",
        author=author,
    )
    HotspotStatusChange.objects.create(
        hotspot_slug="gare-du-midi",
        date=date(2026, 4, 15),
        status="easing",
        reason="Fewer reports",
        author=author,
    )


def row_of(response, slug):
    return next(r for r in response.context["overview"].rows if r.hotspot.slug == slug)


@pytest.fixture
def overview(analyst_client, data):
    response = analyst_client.get(URL, WINDOW)
    assert response.status_code == 200
    return response


def test_overview_numbers(overview):
    midi = row_of(overview, "gare-du-midi")
    assert [m.start.month for m in midi.months] == [1, 2, 3, 4, 5, 6]
    assert (midi.totals.reach, midi.before.reach) == (15, 7)
    assert (midi.totals.clicks, midi.totals.help_seen, midi.totals.help_actions) == (6, 4, 2)
    assert midi.before.help_actions == 1
    assert [m.help_actions for m in midi.months] == [0, 0, 2, 0, 0, 0]


def test_overview_status_and_actions(overview):
    midi = row_of(overview, "gare-du-midi")
    assert midi.status.status == "easing"
    assert [c.reason for c in midi.changes] == ["Fewer reports"]
    assert midi.actions == {("prevention", "done"): 1}
    hal = row_of(overview, "porte-de-hal")
    assert hal.totals.help_actions == 3
    assert hal.status is None


def test_overview_page_lists_every_hotspot_with_its_status(overview):
    html = overview.content.decode()
    assert "Fewer reports" in html
    assert "Easing" in html
    assert "cell-author" in html
    assert len(overview.context["overview"].rows) >= 16  # every hotspot, with or without data


def test_overview_query_count_is_equal_at_two_sizes(analyst_client, data, home_fr):
    analyst_client.get(URL, WINDOW)
    with CaptureQueriesContext(connection) as small:
        assert analyst_client.get(URL, WINDOW).status_code == 200
    for n in range(30):
        day = date(2026, 1, 1) + timedelta(days=n * 5)
        reach("porte-de-hal", day, n)
        goal("Referral slip", "48", day, 1)
        HotspotStatusChange.objects.create(
            hotspot_slug="matonge", date=day, status="escalating", reason=f"r{n}"
        )
    TrackedLink.objects.create(
        code="hal-qr", medium="qr", hotspot_slug="porte-de-hal", campaign_page=home_fr, campaign_code="x"
    )
    ClickDay.objects.create(code="hal-qr", day=date(2026, 5, 2), count=1)
    with CaptureQueriesContext(connection) as large:
        assert analyst_client.get(URL, WINDOW).status_code == 200
    assert len(large) == len(small)


def test_exports_typed(analyst_client, data):
    workbook = load_workbook(io.BytesIO(analyst_client.get(URL, {**WINDOW, "export": "xlsx"}).content))
    assert workbook.sheetnames == ["Hotspots", "Per month", "Status history"]
    summary = list(workbook["Hotspots"].values)
    midi = next(r for r in summary if r[0].startswith("Gare du Midi"))
    assert midi[1] == "Easing" and midi[2].date() == date(2026, 4, 15)
    assert midi[4:12] == (15, 7, 6, 0, 4, 0, 2, 1)
    monthly = list(workbook["Per month"].values)
    assert any(
        r[0].startswith("Gare du Midi") and r[1].date() == date(2026, 3, 1) and r[5] == 2 for r in monthly[1:]
    )
    text = analyst_client.get(URL, {**WINDOW, "export": "csv"}).content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert any(r[:3] == [midi[0], "Easing", "2026-04-15"] for r in rows)


def test_bad_input_is_refused_clearly(analyst_client, data):
    for params in ({"months": "99"}, {"end": "soon"}, {"months": "-1"}):
        assert analyst_client.get(URL, params).status_code == 400


@pytest.fixture
def cell_client(client, django_user_model):
    sync_roles()
    user = django_user_model.objects.create_user("cell", password="pw-cell-123456789")
    user.groups.add(Group.objects.get(name="Regional security cell"))
    client.force_login(english(user))
    return client, user


def test_regional_cell_records_a_status_change(cell_client, data):
    client, user = cell_client
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        URL,
        {"hotspot_slug": "matonge", "date": yesterday, "status": "renewal", "reason": "Urban renewal plan"},
    )
    assert response.status_code == 302
    change = HotspotStatusChange.objects.get(hotspot_slug="matonge")
    assert (change.status, change.author, change.date) == ("renewal", user, yesterday)
    # A date in the future, an unknown hotspot, no reason: a clear message, nothing saved.
    for bad in (
        {
            "hotspot_slug": "matonge",
            "date": timezone.localdate() + timedelta(days=3),
            "status": "closed",
            "reason": "x",
        },
        {"hotspot_slug": "nowhere", "date": yesterday, "status": "closed", "reason": "x"},
        {"hotspot_slug": "matonge", "date": yesterday, "status": "closed", "reason": ""},
        {"hotspot_slug": "matonge", "date": yesterday, "status": "gone", "reason": "x"},
    ):
        assert client.post(URL, bad).status_code == 400
    assert HotspotStatusChange.objects.filter(hotspot_slug="matonge").count() == 1


def test_analyst_reads_but_cannot_record_and_others_are_refused(
    analyst_client, editor_without_rights, client, data
):
    assert analyst_client.get(URL).status_code == 200
    post = {"hotspot_slug": "matonge", "date": "2026-01-01", "status": "closed", "reason": "x"}
    assert analyst_client.post(URL, post).status_code in (302, 403)  # the admin refuses with a message
    assert not HotspotStatusChange.objects.filter(hotspot_slug="matonge").exists()
    client.force_login(editor_without_rights)
    assert client.get(URL).status_code in (302, 403)
    assert client.get(URL, {**WINDOW, "export": "csv"}).status_code in (302, 403)


SHEET = "/admin/evaluation/hotspots/gare-du-midi/"


def test_hotspot_sheet_funnel_beside_the_six_months_before(analyst_client, data, home_fr):
    params = {"end": "2026-06-30", "windows": "1"}
    response = analyst_client.get(SHEET, params)
    (row,) = response.context["funnel_rows"]
    window, before = row["window"], row["before"]
    assert (window.reach_visitors, window.clicks, window.help_seen, window.help_actions) == (15, 6, 4, 2)
    assert (before.reach_visitors, before.help_actions) == (7, 1)
    text = analyst_client.get(SHEET, {**params, "export": "csv"}).content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert ["2026-01-01", "2026-06-30", "15", "7", "6", "0", "4", "0", "2", "1"] in rows
    workbook = load_workbook(io.BytesIO(analyst_client.get(SHEET, {**params, "export": "xlsx"}).content))
    first = list(workbook["Path to help per six months"].values)[1]
    assert first[0].date() == date(2026, 1, 1) and first[2:] == (15, 7, 6, 0, 4, 0, 2, 1)

    with CaptureQueriesContext(connection) as small:
        assert analyst_client.get(SHEET, params).status_code == 200
    for n in range(20):
        day = date(2026, 1, 1) + timedelta(days=n * 7)
        reach("gare-du-midi", day + timedelta(days=1), n)
        goal("Warm referral sent", "804", day, 1)
        ClickDay.objects.create(code="midi-qr", day=day + timedelta(days=3), count=1)
    TrackedLink.objects.create(
        code="midi-poster",
        medium="poster",
        hotspot_slug="gare-du-midi",
        campaign_page=home_fr,
        campaign_code="y",
    )
    with CaptureQueriesContext(connection) as large:
        assert analyst_client.get(SHEET, params).status_code == 200
    assert len(large) == len(small)
