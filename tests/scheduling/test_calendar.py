import datetime as dt
import io
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from campaigns.scheduling import calendar, importing, services
from campaigns.scheduling.models import Deliverable, Status, Variant

BXL = zoneinfo.ZoneInfo("Europe/Brussels")
pytestmark = pytest.mark.django_db


def test_month_range_covers_whole_weeks_in_utc():
    rng = calendar.compute_range("month", dt.date(2026, 3, 15), BXL)
    assert rng.first_day == dt.date(2026, 2, 23) and rng.end_day == dt.date(2026, 4, 6)
    assert rng.start == dt.datetime(2026, 2, 22, 23, 0, tzinfo=dt.UTC)  # CET
    assert rng.end == dt.datetime(2026, 4, 5, 22, 0, tzinfo=dt.UTC)  # CEST
    assert len(rng.weeks) == 6 and all(len(w) == 7 for w in rng.weeks)
    assert (rng.previous, rng.next) == (dt.date(2026, 2, 1), dt.date(2026, 4, 1))


def test_week_across_spring_dst_is_167_hours():
    rng = calendar.compute_range("week", dt.date(2026, 3, 29), BXL)
    assert rng.first_day == dt.date(2026, 3, 23)
    assert rng.end - rng.start == dt.timedelta(hours=167)
    autumn = calendar.compute_range("week", dt.date(2026, 10, 25), BXL)
    assert autumn.end - autumn.start == dt.timedelta(hours=169)


def test_list_range_is_the_month():
    rng = calendar.compute_range("list", dt.date(2026, 12, 31), BXL)
    assert (rng.first_day, rng.end_day, rng.next) == (
        dt.date(2026, 12, 1),
        dt.date(2027, 1, 1),
        dt.date(2027, 1, 1),
    )


def test_adjacent_ranges_do_not_overlap_or_gap():
    march = calendar.compute_range("list", dt.date(2026, 3, 1), BXL)
    april = calendar.compute_range("list", dt.date(2026, 4, 1), BXL)
    assert march.end == april.start


def test_keep_wall_clock_across_dst():
    before = dt.datetime(2026, 3, 27, 17, 30, tzinfo=dt.UTC)  # 18:30 CET, Friday
    moved = services.keep_wall_clock(before, dt.date(2026, 3, 30), BXL)  # Monday, CEST
    assert moved.astimezone(BXL).time() == dt.time(18, 30)
    assert moved == dt.datetime(2026, 3, 30, 16, 30, tzinfo=dt.UTC)
    gap = services.local_to_utc(dt.date(2026, 3, 29), dt.time(2, 30), BXL)
    assert gap.astimezone(BXL).time() == dt.time(3, 30)  # 02:30 does not exist that night


def test_move_view_keeps_local_time_across_dst(client, editor, make_deliverable):
    slot = dt.datetime(2027, 3, 26, 19, 0, tzinfo=BXL)  # Friday before the last Sunday of March 2027
    deliverable = make_deliverable(at=slot.astimezone(dt.UTC))
    client.force_login(editor)
    response = client.post(
        reverse("scheduling_admin:move", args=[deliverable.pk]), {"date": "2027-03-29"}, follow=True
    )
    assert response.status_code == 200
    deliverable.refresh_from_db()
    assert deliverable.local_planned_at.replace(tzinfo=None) == dt.datetime(2027, 3, 29, 19, 0)
    assert deliverable.planned_at == dt.datetime(2027, 3, 29, 17, 0, tzinfo=dt.UTC)
    assert deliverable.draft_due_at.astimezone(BXL).replace(tzinfo=None) == dt.datetime(2027, 3, 27, 19, 0)


@pytest.mark.parametrize("bad", [{"date": "yesterday"}, {"date": "2001-01-01"}, {}])
def test_move_refuses_bad_input(client, editor, deliverable, bad):
    before = deliverable.planned_at
    client.force_login(editor)
    response = client.post(reverse("scheduling_admin:move", args=[deliverable.pk]), bad, follow=True)
    assert response.status_code == 200
    assert any(m.level_tag == "error" for m in response.context["messages"])
    deliverable.refresh_from_db()
    assert deliverable.planned_at == before


def test_move_refused_for_reviewer_and_influencer(
    client, reviewer, deliverable, influencer, django_user_model
):
    before = deliverable.planned_at
    for user in (reviewer,):
        client.force_login(user)
        client.post(reverse("scheduling_admin:move", args=[deliverable.pk]), {"date": "2030-01-01"})
    deliverable.refresh_from_db()
    assert deliverable.planned_at == before


def test_conflicts_same_lane_and_identical_caption(make_deliverable, other_influencer):
    at = timezone.now() + dt.timedelta(days=3)
    a = make_deliverable(at=at)
    b = make_deliverable(at=at + dt.timedelta(hours=2))
    c = make_deliverable(at=at + dt.timedelta(hours=1), influencer=other_influencer)
    far = make_deliverable(at=at + dt.timedelta(days=2))
    Variant.objects.filter(deliverable=c, language="fr").update(caption="Même texte")
    Variant.objects.filter(deliverable=far, language="fr").update(caption="  même   TEXTE ")
    variants = list(Variant.objects.select_related("deliverable"))
    warnings = calendar.find_conflicts(variants, window=dt.timedelta(hours=6))
    ids = lambda d: set(d.variants.values_list("pk", flat=True))  # noqa: E731
    assert ids(a) | ids(b) <= set(warnings)
    assert not ids(c) - {c.variants.get(language="fr").pk} & set(warnings)
    assert c.variants.get(language="fr").pk in warnings and far.variants.get(language="fr").pk in warnings


def _bulk(n, influencer, home, start):
    deliverables = Deliverable.objects.bulk_create(
        [
            Deliverable(
                campaign_page=home,
                campaign_code=f"c{i % 3}",
                influencer=influencer,
                platform="tiktok",
                planned_at=start + dt.timedelta(hours=2 * i),
            )
            for i in range(n)
        ]
    )
    Variant.objects.bulk_create(
        [
            Variant(deliverable=d, language="fr", disclosure="Publicité", link_code=f"b{d.pk}")
            for d in deliverables
        ]
    )


def _month_queries(client, django_assert_max_num_queries, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_month_view_fixed_query_count_300_items(
    admin_client, influencer, home_fr, django_assert_max_num_queries
):
    start = dt.datetime(2027, 5, 1, 8, 0, tzinfo=BXL)
    _bulk(5, influencer, home_fr, start)
    url = reverse("scheduling_admin:calendar") + "?view=month&date=2027-05-10"
    small, response = _month_queries(admin_client, django_assert_max_num_queries, url)
    assert response.context["count"] == 5
    _bulk(295, influencer, home_fr, start + dt.timedelta(hours=1))
    large, response = _month_queries(admin_client, django_assert_max_num_queries, url)
    assert response.context["count"] == 300
    assert large == small
    with django_assert_max_num_queries(small):
        admin_client.get(url)
    body = response.content.decode()
    assert "Europe/Brussels" in body
    assert "08:00" in body and "TikTok" in body and "FR" in body
    assert body.count("data-move-url=") == 300 and "calendar.js" in body


def test_calendar_filters_and_bad_filters(admin_client, make_deliverable, other_influencer):
    d1 = make_deliverable()
    make_deliverable(influencer=other_influencer, platform="youtube")
    date = d1.local_planned_at.date().isoformat()
    url = reverse("scheduling_admin:calendar")
    r = admin_client.get(url, {"view": "list", "date": date, "platform": "youtube", "language": "nl"})
    assert r.context["count"] == 1
    r = admin_client.get(url, {"view": "week", "date": date, "influencer": d1.influencer_id})
    assert r.context["count"] == 2
    r = admin_client.get(
        url, {"view": "month", "date": "not-a-date", "platform": "myspace", "influencer": "x"}
    )
    assert r.status_code == 200
    assert any(m.level_tag == "error" for m in r.context["messages"])


def test_calendar_permissions(client, django_user_model, make_deliverable, influencer, other_influencer):
    mine = make_deliverable()
    make_deliverable(influencer=other_influencer)
    nobody = django_user_model.objects.create_user("nobody", "n@example.org", "pw-nobody-12345")
    nobody.groups.add(Group.objects.get(name="Influencers"))
    client.force_login(nobody)
    response = client.get(reverse("scheduling_admin:calendar"))
    assert response.status_code in (302, 403)
    influencer.user = nobody
    influencer.save()
    date = mine.local_planned_at.date().isoformat()
    response = client.get(reverse("scheduling_admin:calendar"), {"view": "list", "date": date})
    assert response.status_code == 200 and response.context["count"] == 2
    assert {v.deliverable.influencer_id for _d, items in response.context["list_days"] for v in items} == {
        influencer.pk
    }
    other_variant = Variant.objects.filter(deliverable__influencer=other_influencer).first()
    # Refused with the admin's usual "permission denied" (roles.md), not a 404 that hides the refusal.
    refused = client.get(reverse("scheduling_admin:variant", args=[other_variant.pk]))
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    own = mine.variants.first()
    assert client.get(reverse("scheduling_admin:variant", args=[own.pk])).status_code == 200
    client.post(reverse("scheduling_admin:variant_action", args=[own.pk, "cancel"]))
    own.refresh_from_db()
    assert own.status == Status.PLANNED
    assert client.get(reverse("scheduling_admin:import")).status_code in (302, 403)


def test_variant_page_and_review_flow(client, reviewer, editor, variant):
    services.submit_draft(variant.pk, caption="Texte")
    client.force_login(editor)
    page = client.get(reverse("scheduling_admin:variant", args=[variant.pk]))
    assert page.status_code == 200 and "Europe/Brussels" in page.content.decode()
    client.post(
        reverse("scheduling_admin:variant_action", args=[variant.pk, "review"]),
        {"step": "content", "decision": "approved"},
    )
    assert not variant.approvals.exists()
    client.force_login(reviewer)
    for step in ("content", "health", "disclosure"):
        client.post(
            reverse("scheduling_admin:variant_action", args=[variant.pk, "review"]),
            {"step": step, "decision": "approved"},
        )
    variant.refresh_from_db()
    assert variant.status == Status.APPROVED
    r = client.post(
        reverse("scheduling_admin:variant_action", args=[variant.pk, "review"]), {"step": "zzz"}, follow=True
    )
    assert r.status_code == 200


# --- CSV --------------------------------------------------------------------------------------------------

HEADER = ",".join(importing.PLAN_COLUMNS)


def _csv(*lines, name="plan.csv"):
    return SimpleUploadedFile(name, ("\n".join([HEADER, *lines]) + "\n").encode(), content_type="text/csv")


def test_import_dry_run_then_write(influencer, editor):
    rows = [
        "dt26,,Sara Example,tiktok,2030-03-29 18:30,Europe/Brussels,2030-03-27 12:00,Msg,fr,Texte,#a,Publicité",
        "dt26,,@sara.bxl,tiktok,2030-03-29 18:30,Europe/Brussels,2030-03-27 12:00,Msg,nl,Tekst,#a,Reclame",
    ]
    report = importing.import_plan(_csv(*rows), actor=editor, dry_run=True)
    assert not report.errors and (report.deliverables, report.variants) == (1, 2)
    assert not Deliverable.objects.exists()
    report = importing.import_plan(_csv(*rows), actor=editor, dry_run=False)
    assert report.written
    d = Deliverable.objects.get()
    assert d.planned_at == dt.datetime(
        2030, 3, 29, 17, 30, tzinfo=dt.UTC
    )  # 18:30 CET (DST starts 31 March 2030)
    assert d.variants.count() == 2


def test_import_all_or_nothing_with_line_errors(influencer, editor):
    rows = [
        "dt26,,Sara Example,tiktok,2030-03-29 18:30,,,Msg,fr,Texte,#a,Publicité",
        "dt26,,Nobody,myspace,2001-01-01 10:00,Mars/Base,,Msg,xx,T,,",
        "dt26,,Sara Example,tiktok,29/03/2030,,,Msg,nl,T,,Reclame",
    ]
    report = importing.import_plan(_csv(*rows), actor=editor, dry_run=False)
    assert not report.written and not Deliverable.objects.exists()
    text = "\n".join(report.errors)
    for expected in ("Line 3", "Unknown influencer", "Unknown platform", "past", "Mars/Base", "Line 4"):
        assert expected in text
    assert "Line 2" not in text


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe\x00garbage", b"", b"a,b,c\n1,2,3\n", b"campaign_code;influencer\n", b'"unterminated\n' * 3],
)
def test_malformed_files_give_messages(admin_client, content):
    response = admin_client.post(
        reverse("scheduling_admin:import"),
        {"file": SimpleUploadedFile("x.csv", content), "dry_run": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert not Deliverable.objects.exists()
    messages = [m for m in response.context["messages"] if m.level_tag == "error"]
    assert messages or response.context["form"].errors


def test_export_matches_import_columns_and_escapes(admin_client, deliverable):
    Variant.objects.filter(deliverable=deliverable, language="fr").update(caption="=HYPERLINK(1)")
    date = deliverable.local_planned_at.date().isoformat()
    response = admin_client.get(reverse("scheduling_admin:export"), {"view": "list", "date": date})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].split(",")[: len(importing.PLAN_COLUMNS)] == importing.PLAN_COLUMNS
    assert len(lines) == 3 and "'=HYPERLINK(1)" in response.content.decode()


def test_import_view_round_trip(admin_client, influencer):
    upload = _csv("dt26,,Sara Example,youtube,2030-01-10 09:15,,,Msg,fr,Texte,,#pub")
    r = admin_client.post(reverse("scheduling_admin:import"), {"file": upload}, follow=True)
    assert r.status_code == 200 and Deliverable.objects.count() == 1
    assert io  # keep import used


def test_day_range_across_autumn_dst_is_25_hours():
    rng = calendar.compute_range("day", dt.date(2026, 10, 25), BXL)
    assert rng.end - rng.start == dt.timedelta(hours=25)
    assert (rng.previous, rng.next) == (dt.date(2026, 10, 24), dt.date(2026, 10, 26))


def test_day_and_lanes_views(admin_client, make_deliverable, other_influencer):
    d1 = make_deliverable()
    make_deliverable(influencer=other_influencer, at=d1.planned_at + dt.timedelta(hours=1))
    date = d1.local_planned_at.date().isoformat()
    url = reverse("scheduling_admin:calendar")
    day = admin_client.get(url, {"view": "day", "date": date})
    assert day.context["count"] == 4
    lanes = admin_client.get(url, {"view": "lanes", "date": date})
    assert [i.name for i, _cells in lanes.context["lanes"]] == ["Other Person", "Sara Example"]
    assert all(len(cells) == 7 for _i, cells in lanes.context["lanes"])


def test_campaign_moments_are_bands_on_the_days_they_cover(admin_client, home_fr):
    from campaigns.models import CampaignPage
    from tests.campaigns.factories import campaign_index, publish

    index = campaign_index(home_fr)
    publish(
        index,
        CampaignPage(
            title="Vague de printemps",
            slug="vague",
            code="vague-2027",
            start_date=dt.date(2027, 5, 10),
            end_date=dt.date(2027, 5, 12),
        ),
    )
    publish(
        index,
        CampaignPage(
            title="Hors période",
            slug="hors",
            code="hors-2027",
            start_date=dt.date(2027, 8, 1),
            end_date=dt.date(2027, 8, 2),
        ),
    )
    response = admin_client.get(reverse("scheduling_admin:calendar") + "?view=month&date=2027-05-10")
    assert [m.code for m in response.context["moments"]] == ["vague-2027"]
    banded = {day for week in response.context["weeks"] for day, _items, moments in week if moments}
    assert banded == {dt.date(2027, 5, 10), dt.date(2027, 5, 11), dt.date(2027, 5, 12)}
    assert "Hors période" not in response.content.decode()
