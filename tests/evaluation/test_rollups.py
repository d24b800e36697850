"""The campaign report's path-to-help funnel and its roll-ups by influencer, platform, language and hotspot
(Plausible by utm_content, the site's tracked-link clicks, the scheduling post metrics), and the typed exports."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from campaigns.scheduling.models import ClickDay, MetricSnapshot, Platform, TrackedLink
from evaluation.models import PeriodAggregate, TrackedCampaign
from tests.scheduling.conftest import influencer as influencer  # fixture
from tests.scheduling.conftest import make_deliverable as make_deliverable  # fixture

pytestmark = pytest.mark.django_db
URL = "/admin/evaluation/campaign-report/"
CURRENT = (date(2026, 3, 10), date(2026, 3, 16))
BASELINE = (date(2026, 3, 3), date(2026, 3, 9))


def agg(period, breakdown, value="", **metrics):
    return PeriodAggregate.objects.create(
        campaign_code="dope-talk",
        period_start=period[0],
        period_end=period[1],
        breakdown=breakdown,
        value=value,
        **metrics,
    )


@pytest.fixture
def campaign(db):
    return TrackedCampaign.objects.create(
        code="dope-talk",
        name="Dope talk",
        path_prefixes="/fr/\n/nl/",
        starts_on=CURRENT[0],
        ends_on=CURRENT[1],
    )


def seed(make_deliverable, home_fr, posts=1):
    """`posts` influencer deliverables (FR+NL variants) and one poster at Gare du Midi, with clicks, snapshots
    and exact Plausible figures for the first deliverable and the poster."""
    deliverables = [make_deliverable(platform=Platform.TIKTOK) for _ in range(posts)]
    first = deliverables[0]
    fr = first.variants.get(language="fr")
    nl = first.variants.get(language="nl")
    poster = TrackedLink.objects.create(
        code="midi-poster", medium="poster", hotspot_slug="gare-du-midi", campaign_page=home_fr,
        campaign_code="dope-talk", language="fr",
    )  # fmt: skip
    for deliverable in deliverables:
        for variant in deliverable.variants.all():
            ClickDay.objects.create(code=variant.link_code, day=date(2026, 3, 11), count=2)
            MetricSnapshot.objects.create(variant=variant, date=date(2026, 3, 9), views=10, likes=1, shares=0)
            MetricSnapshot.objects.create(
                variant=variant, date=date(2026, 3, 15), views=100, likes=9, shares=3, completion_rate=40
            )
    ClickDay.objects.create(code=fr.link_code, day=date(2026, 3, 5), count=4)  # baseline
    ClickDay.objects.create(code="midi-poster", day=date(2026, 3, 12), count=7)
    ClickDay.objects.create(code="midi-poster", day=date(2026, 4, 1), count=50)  # outside both periods
    slug = first.influencer.slug
    agg(CURRENT, "total", visitors=300, visits=320, pageviews=700, events=90)
    agg(BASELINE, "total", visitors=100, visits=110, pageviews=200, events=20)
    agg(CURRENT, "utm_content", f"{slug}-{first.pk}-fr", visitors=40, visits=44)
    agg(CURRENT, "utm_content", f"{slug}-{first.pk}-nl", visitors=20, visits=21)
    agg(BASELINE, "utm_content", f"{slug}-{first.pk}-fr", visitors=5, visits=5)
    agg(CURRENT, "utm_content", "hotspot-gare-du-midi", visitors=6, visits=6)
    agg(CURRENT, "utm_content", "someone-else", visitors=3, visits=3)
    agg(CURRENT, "goal", "Tracked link landing", visitors=55, events=60)
    agg(CURRENT, "goal", "Video play", visitors=30, events=41)
    agg(CURRENT, "goal", "Directory search", visitors=12, events=15)
    agg(CURRENT, "goal", "Helpline click", visitors=4, events=4)
    agg(CURRENT, "goal", "Service contact", visitors=3, events=5)
    agg(BASELINE, "goal", "Helpline click", visitors=1, events=1)
    return deliverables, fr, nl, poster


def get(client, **params):
    return client.get(URL, {"campaign": "dope-talk", "start": "2026-03-10", "end": "2026-03-16", **params})


def table(report, dim):
    return {row.label: row for key, _title, rows in report.rollups.dimensions if key == dim for row in rows}


@pytest.fixture
def seeded(campaign, make_deliverable, home_fr):
    """`seed` with one post: (deliverables, fr, nl, poster)."""
    return seed(make_deliverable, home_fr)


@pytest.fixture
def steps(admin_client, seeded):
    """The report's path-to-help steps by key."""
    return {step.key: step for step in get(admin_client).context["report"].funnel}


@pytest.fixture
def report(admin_client, seeded):
    return get(admin_client).context["report"]


def lines(step):
    return {line.label: line for line in step.lines}


def test_funnel_by_step_from_goals_and_clicks(steps):
    assert list(steps) == ["landing", "engagement", "help_seen", "help_action"]
    landing = lines(steps["landing"])
    assert (landing["Campaign visitors"].current, landing["Campaign visitors"].baseline) == (300, 100)
    clicks = landing["Tracked-link clicks (our counter)"]
    assert (clicks.current, clicks.baseline) == (2 + 2 + 7, 4)
    assert landing["Tracked link landing"].current == 55


def test_funnel_help_actions_and_step_visitors(steps):
    action = lines(steps["help_action"])
    assert (action["Helpline click"].current, action["Helpline click"].baseline) == (4, 1)
    assert action["Service contact (call, e-mail, route, website)"].events == 5
    assert action["Referral slip made"].current == 0  # exact figures stored, goal not reached
    assert steps["help_action"].visitors == 4
    assert steps["engagement"].visitors == 30


def test_funnel_is_rendered(admin_client, seeded):
    html = get(admin_client).content.decode()
    assert 'id="funnel-heading"' in html
    assert 'data-step="help_action"' in html


def test_rollup_by_influencer(report, seeded):
    deliverables, _fr, _nl, _poster = seeded
    influencer = table(report, "influencer")["Sara Example"]
    assert (influencer.current.visitors, influencer.baseline.visitors) == (60, 5)
    assert (influencer.current.clicks, influencer.baseline.clicks) == (4, 4)
    assert (influencer.current.views, influencer.baseline.views) == (200, 20)
    assert (influencer.current.likes, influencer.current.shares, influencer.current.completion) == (
        18,
        6,
        40.0,
    )
    assert f"influencer={deliverables[0].influencer.pk}" in influencer.url
    other = table(report, "influencer")["Other (not a tracked link of this campaign)"]
    assert other.current.visitors == 3


def test_rollups_by_platform_language_hotspot(report):
    platform = table(report, "platform")
    assert platform["TikTok"].current.visitors == 60
    assert platform["Poster"].current.clicks == 7
    language = table(report, "language")
    assert (language["FR"].current.visitors, language["NL"].current.visitors) == (40 + 6, 20)
    assert language["FR"].current.clicks == 2 + 7
    hotspot = table(report, "hotspot")
    midi = next(row for label, row in hotspot.items() if "Midi" in label)
    assert (midi.current.visitors, midi.current.clicks) == (6, 7)


def test_rollups_are_rendered_without_raw_values(admin_client, seeded):
    deliverables, _fr, _nl, _poster = seeded
    html = get(admin_client).content.decode()
    assert "someone-else" not in html  # no raw utm_content value in the roll-ups
    assert f"{deliverables[0].influencer.pk}&amp;campaign_code=dope-talk" in html


def test_report_queries_do_not_grow_with_data(admin_client, campaign, make_deliverable, home_fr):
    seed(make_deliverable, home_fr, posts=1)
    get(admin_client)  # warm caches (site root, locales)
    with CaptureQueriesContext(connection) as small:
        assert get(admin_client).status_code == 200
    seed_more = [make_deliverable(platform=Platform.YOUTUBE) for _ in range(4)]
    for deliverable in seed_more:
        for variant in deliverable.variants.all():
            ClickDay.objects.create(code=variant.link_code, day=date(2026, 3, 12), count=1)
            MetricSnapshot.objects.create(variant=variant, date=date(2026, 3, 12), views=5)
    TrackedLink.objects.create(
        code="hal-qr",
        medium="qr",
        hotspot_slug="porte-de-hal",
        campaign_page=home_fr,
        campaign_code="dope-talk",
    )
    with CaptureQueriesContext(connection) as large:
        assert get(admin_client).status_code == 200
    assert len(large) == len(small), [q["sql"][:90] for q in large.captured_queries]
    for export in ("csv", "xlsx"):
        with CaptureQueriesContext(connection) as exported:
            assert get(admin_client, export=export).status_code == 200
        assert len(exported) < len(large)


def test_campaign_page_without_tracked_campaign_is_listed(admin_client, home_fr):
    from campaigns.models import CampaignPage
    from tests.campaigns.factories import campaign_index, publish

    publish(
        campaign_index(home_fr),
        CampaignPage(title="Zonder rij", slug="zonder-rij", code="zonder-rij", start_date=CURRENT[0],
                     end_date=CURRENT[1]),
    )  # fmt: skip
    assert not TrackedCampaign.objects.exists()
    response = admin_client.get(URL)
    assert "?campaign=zonder-rij" in response.content.decode()
    response = get(admin_client, campaign="zonder-rij")
    assert response.status_code == 200 and response.context["report"].target.code == "zonder-rij"


@pytest.fixture
def workbook(admin_client, seeded):
    return load_workbook(io.BytesIO(get(admin_client, export="xlsx").content))


def test_xlsx_daily_sheet_is_typed(workbook):
    daily = list(workbook["Daily"].iter_rows(min_row=2, values_only=True))
    assert daily[0][0].date() == date(2026, 3, 10)
    assert isinstance(daily[0][1], int)
    assert workbook["Daily"]["A2"].number_format == "DD/MM/YYYY"
    assert all(len(name) <= 31 for name in workbook.sheetnames)


def test_exports_are_typed_with_baselines(workbook):
    funnel = list(workbook["Path to help by step"].values)
    assert funnel[0][3].startswith("Visitors")
    assert "Baseline" in funnel[0][4]
    helpline = next(r for r in funnel if r[1] == "Helpline click")
    assert helpline[3:5] == (4, 1)
    by_influencer = list(workbook["By influencer"].values)
    assert by_influencer[0][1:3] == ("Visitors", "Baseline visitors")
    assert by_influencer[1][:3] == ("Sara Example", 60, 5)


def test_csv_export_has_the_baselines(admin_client, seeded):
    text = get(admin_client, export="csv").content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert [
        "Sara Example",
        "60",
        "5",
        "65",
        "5",
        "4",
        "4",
        "200",
        "20",
        "18",
        "2",
        "6",
        "0",
        "40.0",
        "",
    ] in rows
    assert ["2026-03-10", "0", "0"] in rows
