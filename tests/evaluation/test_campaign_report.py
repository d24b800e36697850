import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from evaluation.models import DailyMetric, PeriodAggregate, SocialMetric, TrackedCampaign
from tests.growth import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
URL = "/admin/evaluation/campaign-report/"
CURRENT = (date(2026, 3, 10), date(2026, 3, 16))
BASELINE = (date(2026, 3, 3), date(2026, 3, 9))


@pytest.fixture
def campaign():
    return TrackedCampaign.objects.create(
        code="ete",
        name="Summer",
        path_prefixes="/fr/ete/\n/nl/zomer/",
        utm_campaign="ete-2026",
        starts_on=CURRENT[0],
        ends_on=CURRENT[1],
    )


def agg(period, breakdown, value="", **metrics):
    return PeriodAggregate.objects.create(
        campaign_code="ete",
        period_start=period[0],
        period_end=period[1],
        breakdown=breakdown,
        value=value,
        **metrics,
    )


@pytest.fixture
def exact(campaign):
    agg(
        CURRENT,
        "total",
        visitors=1200,
        visits=1500,
        pageviews=3000,
        bounce_rate=40.0,
        visit_duration=95.0,
        events=600,
    )
    agg(
        BASELINE,
        "total",
        visitors=800,
        visits=1000,
        pageviews=2000,
        bounce_rate=50.0,
        visit_duration=80.0,
        events=400,
    )
    agg(CURRENT, "language", "fr", visitors=700, pageviews=1800)
    agg(CURRENT, "language", "nl", visitors=500, pageviews=1200)
    agg(CURRENT, "utm_source", "instagram", visitors=400, visits=450)
    agg(CURRENT, "utm_source", "tiktok", visitors=300, visits=320)
    agg(BASELINE, "utm_source", "instagram", visitors=100, visits=110)
    agg(CURRENT, "utm_medium", "qr", visitors=60, visits=61)
    agg(CURRENT, "utm_content", "hotspot-gare-du-midi", visitors=45, visits=50)
    agg(CURRENT, "goal", "Directory search", visitors=300, events=420)
    agg(CURRENT, "goal", "Service contact", visitors=90, events=100)
    agg(CURRENT, "goal", "Referral slip", visitors=18, events=18)
    agg(BASELINE, "goal", "Directory search", visitors=100, events=120)


def get(client, **params):
    return client.get(URL, {"campaign": "ete", "start": "2026-03-10", "end": "2026-03-16", **params})


@pytest.fixture
def exact_response(admin_client, exact):
    response = get(admin_client)
    assert response.status_code == 200
    return response


def test_report_numbers_match_hand_computed_values(exact_response):
    rows = {r["label"]: r for r in exact_response.context["metric_rows"]}
    assert rows["Visitors"]["current"] == 1200
    assert rows["Visitors"]["baseline"] == 800
    assert rows["Visitors"]["delta"] == 50.0  # (1200 - 800) / 800
    engagement = rows["Engagement rate (100 − bounce rate, %)"]
    assert (engagement["current"], engagement["baseline"], engagement["delta"]) == (60.0, 50.0, 20.0)
    report = exact_response.context["report"]
    assert (report.baseline.start, report.baseline.end) == BASELINE  # same length just before


def test_report_path_to_help_matches_hand_computed_values(exact_response):
    report = exact_response.context["report"]
    assert [(s.visitors, s.share_of_previous, s.share_of_first) for s in report.path] == [
        (1200, None, None),
        (300, 25.0, 25.0),
        (90, 30.0, 7.5),
        (18, 20.0, 1.5),
    ]
    assert report.path_baseline[2].visitors == 0  # stored aggregates without that goal: zero, not unknown


def test_report_sources_and_languages_match_hand_computed_values(exact_response):
    report = exact_response.context["report"]
    sources = list(report.sources.values())
    assert [(r.label, r.current.visitors, r.baseline.visitors) for r in sources[0]] == [
        ("instagram", 400, 100),
        ("tiktok", 300, None),
    ]
    assert [(r.label, r.current.visitors) for r in report.languages] == [
        ("French pages (/fr/)", 700),
        ("Dutch pages (/nl/)", 500),
    ]


def test_report_page_rolls_raw_values_up_by_hotspot(exact_response):
    html = exact_response.content.decode()
    assert "<svg" in html
    assert "hotspot-gare-du-midi" not in html  # raw utm_content: rolled up by hotspot
    assert "Gare du Midi" in html
    assert "Caveats" in html


def test_report_falls_back_to_daily_series_and_says_so(admin_client, campaign):
    for day, visitors, visits, bounce in ((10, 10, 12, 50.0), (11, 20, 28, 25.0)):
        DailyMetric.objects.create(
            date=date(2026, 3, day),
            kind="campaign",
            value="ete",
            visitors=visitors,
            visits=visits,
            pageviews=visits * 2,
            bounce_rate=bounce,
            visit_duration=60.0,
            events=1,
        )
    DailyMetric.objects.create(
        date=date(2026, 3, 12), kind="page", value="/fr/ete/quiz/", visitors=5, visits=5, pageviews=7
    )
    DailyMetric.objects.create(
        date=date(2026, 3, 12), kind="page", value="/fr/autre/", visitors=99, visits=99, pageviews=99
    )
    response = get(admin_client)
    report = response.context["report"]
    cur = report.totals.current
    assert (cur.visitors, cur.visits, cur.pageviews, cur.exact) == (30, 40, 80, False)
    assert cur.bounce_rate == 32.5  # visits-weighted: (50*12 + 25*28) / 40
    assert report.languages[0].current.pageviews == 7
    assert report.daily[0]["visitors"] == 10 and report.daily[2]["visitors"] == 0  # zero-filled
    assert len(report.daily) == 7
    assert report.path[1].visitors is None  # not attributable without exact figures
    assert "summed from daily figures" in response.content.decode()


def test_csv_and_xlsx_exports(admin_client, exact):
    SocialMetric.objects.create(
        campaign_code="ete",
        influencer_handle="@lea",
        platform="instagram",
        language="fr",
        date=date(2026, 3, 11),
        reach=5000,
        engagements=250,
        clicks=40,
    )
    response = get(admin_client, export="csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["Visitors", "1200", "800", "50.0"] in rows
    assert any(r[:2] == ["instagram", "'@lea"] for r in rows)  # formula-safe
    response = get(admin_client, export="xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Summary" in workbook.sheetnames
    summary = list(workbook["Summary"].values)
    assert ("Visitors", 1200, 800, 50.0) in summary
    daily = list(workbook["Daily"].values)
    assert len(daily) == 8


def test_social_engagement_rate(admin_client, exact):
    SocialMetric.objects.create(
        campaign_code="ete",
        influencer_handle="@lea",
        platform="instagram",
        language="fr",
        date=date(2026, 3, 11),
        reach=4000,
        engagements=200,
    )
    SocialMetric.objects.create(
        campaign_code="ete",
        influencer_handle="@lea",
        platform="instagram",
        language="fr",
        date=date(2026, 3, 12),
        post_ref="2",
        reach=1000,
        engagements=50,
    )
    report = get(admin_client).context["report"]
    assert report.social[0]["reach"] == 5000 and report.social[0]["engagement_rate"] == 5.0


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"campaign": "nope"}, "Unknown campaign code"),
        ({"start": "2026-03-16", "end": "2026-03-10"}, "The end date is before the start date."),
        ({"start": "2020-01-01", "end": "2026-03-10"}, "The period is too long"),
        ({"start": "not-a-date"}, "Enter a valid date."),
        ({"start": "2026-03-01", "end": ""}, "Give both dates"),
        (
            {"baseline_start": "2026-03-09", "baseline_end": "2026-03-01"},
            "The end date is before the start date.",
        ),
    ],
)
def test_bad_input_gives_clear_messages(admin_client, campaign, params, message):
    response = get(admin_client, **params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_index_lists_campaigns(admin_client, campaign):
    response = admin_client.get(URL)
    assert response.status_code == 200 and "Summer" in response.content.decode()


def test_default_period_is_the_campaign_period(admin_client, exact):
    report = admin_client.get(URL, {"campaign": "ete"}).context["report"]
    assert (report.period.start, report.period.end) == CURRENT


def test_analyst_may_read(analyst_client, exact):
    assert get(analyst_client).status_code == 200


def test_refused_without_permission(client, editor_without_rights, exact):
    client.force_login(editor_without_rights)
    response = get(client)
    assert response.status_code == 302 and response["Location"] == "/admin/"  # Wagtail: "permission denied"


def test_anonymous_is_sent_to_login(client, exact):
    response = get(client)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_fetch_exact_refused_without_the_sync_permission(client, editor_without_rights, exact):
    client.force_login(editor_without_rights)
    response = client.post(URL + "fetch/", {"campaign": "ete"})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_fetch_exact_without_plausible_says_so_and_requests_nothing(analyst_client, exact, monkeypatch):
    """Issue 15.3: "requested" was shown although Plausible was not configured and the task failed."""
    calls = []
    monkeypatch.setattr("evaluation.sync.sync_period", lambda **kwargs: calls.append(kwargs) or 0)
    response = analyst_client.post(
        URL + "fetch/", {"campaign": "ete", "start": "2026-03-10", "end": "2026-03-16"}, follow=True
    )
    text = response.content.decode()
    assert "Plausible is not configured on this server" in text
    assert "Exact figures requested" not in text
    assert calls == []


@pytest.fixture
def plausible_settings(settings):
    settings.PLAUSIBLE_URL = "https://plausible.test"
    settings.PLAUSIBLE_API_KEY = "k"
    settings.PLAUSIBLE_DOMAIN = "dummy.site"
    return settings


def test_fetch_exact_queues_both_periods(admin_client, exact, monkeypatch, plausible_settings):
    calls = []
    monkeypatch.setattr(
        "evaluation.sync.sync_period",
        lambda **kwargs: calls.append((kwargs["code"], str(kwargs["start"]), str(kwargs["end"]))) or 0,
    )
    response = admin_client.post(
        URL + "fetch/", {"campaign": "ete", "start": "2026-03-10", "end": "2026-03-16"}, follow=True
    )
    assert calls == [("ete", "2026-03-10", "2026-03-16"), ("ete", "2026-03-03", "2026-03-09")]
    assert "Exact figures fetched from Plausible." in response.content.decode()


def test_fetch_exact_failure_is_reported_with_its_reason(
    analyst_client, exact, monkeypatch, plausible_settings
):
    from evaluation.clients.plausible import PlausibleRateLimited

    def refuse(**kwargs):
        raise PlausibleRateLimited("Too many API requests.", status=429)

    monkeypatch.setattr("evaluation.sync.sync_period", refuse)
    response = analyst_client.post(
        URL + "fetch/", {"campaign": "ete", "start": "2026-03-10", "end": "2026-03-16"}, follow=True
    )
    text = response.content.decode()
    assert "Plausible did not give the exact figures" in text and "HTTP 429" in text


def test_report_query_count_does_not_grow_with_days(admin_client, exact):
    def days(first, last):
        for n in range(first, last):
            DailyMetric.objects.create(
                date=date(2026, 3, 9 + n), kind="campaign", value="ete", visitors=n, visits=n, pageviews=n
            )

    def fetch():
        response = admin_client.get(URL, {"campaign": "ete", "start": "2026-01-01", "end": "2026-06-30"})
        assert response.status_code == 200

    days(1, 3)
    assert_queries_do_not_grow(fetch, lambda: days(3, 15), ceiling=30)


def test_campaign_moments_marked_on_the_chart(admin_client, exact):
    response = admin_client.get(URL, {"campaign": "ete", "start": "2026-03-01", "end": "2026-03-31"})
    svg = str(response.context["chart"])
    assert ">start<" in svg and ">end<" in svg
    response = get(admin_client, start="2026-04-01", end="2026-04-30")
    assert ">start<" not in str(response.context["chart"])


def test_report_speaks_dutch(client, superuser, exact):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "nl"
    profile.save()
    client.force_login(superuser)
    html = get(client).content.decode()
    assert "Weg naar hulp" in html and "Kanttekeningen" in html and "Bezoekers van de campagne" in html


def test_tracked_campaign_form_refuses_bad_input(admin_client):
    response = admin_client.post(
        "/admin/evaluation_tracked_campaigns/new/",
        {
            "code": "Bad Code",
            "name": "X",
            "path_prefixes": "fr/no-slash/",
            "starts_on": "2026-03-10",
            "ends_on": "2026-03-01",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"code", "path_prefixes", "ends_on"}
    assert not TrackedCampaign.objects.exists()
