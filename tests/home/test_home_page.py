"""The home page: content, helplines with open-now, alert banner, bounded queries."""

import datetime as dt

import pytest
from django.utils import timezone

from home.models import AlertBanner, Helpline
from tests.growth import assert_queries_do_not_grow
from tests.helplines import make_helpline as _helpline

pytestmark = pytest.mark.django_db


def test_home_shows_helplines_and_emergency_number(client, locales, home_fr):
    _helpline(locales["fr"], "Infor-Drogues", "02 227 52 52", [(d, dt.time(0), dt.time(0)) for d in range(7)])
    _helpline(locales["nl"], "De DrugLijn", "078 15 10 20", always_open=True)
    html = client.get("/fr/").content.decode()
    assert 'href="tel:+3222275252"' in html
    assert "Ouvert" in html
    assert 'href="tel:112"' in html
    assert "DrugLijn" not in html  # the NL helpline belongs to the NL site
    assert "De DrugLijn" in client.get("/nl/").content.decode()


def test_alert_banner_shows_only_within_its_window(client, locales, home_fr):
    now = timezone.now()
    AlertBanner.objects.create(
        locale=locales["fr"],
        message="Pilules dangereuses en circulation",
        severity="danger",
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(hours=1),
    )
    AlertBanner.objects.create(
        locale=locales["fr"],
        message="Alerte expirée",
        starts_at=now - dt.timedelta(days=3),
        ends_at=now - dt.timedelta(days=1),
    )
    html = client.get("/fr/").content.decode()
    assert "Pilules dangereuses" in html
    assert "Alerte expirée" not in html
    assert "Pilules dangereuses" not in client.get("/nl/").content.decode()


def test_alert_banner_rejects_end_before_start(locales):
    from django.core.exceptions import ValidationError

    now = timezone.now()
    banner = AlertBanner(
        locale=locales["fr"], message="x", starts_at=now, ends_at=now - dt.timedelta(hours=1)
    )
    with pytest.raises(ValidationError):
        banner.full_clean()


def test_home_query_count_is_bounded(client, locales, home_fr, django_assert_max_num_queries):
    def helplines(first, last):
        for i in range(first, last):
            _helpline(
                locales["fr"],
                f"Ligne {i}",
                f"02 000 00 {i:02d}",
                [(d, dt.time(9), dt.time(17)) for d in range(5)],
            )

    def fetch():
        assert client.get("/fr/").status_code == 200

    helplines(0, 2)
    # Many helplines, still the same handful of queries (a budget of 13) ...
    assert_queries_do_not_grow(fetch, lambda: helplines(2, 12), ceiling=13)
    # ... and once read they are memoised (home.memo).
    with django_assert_max_num_queries(13) as captured:
        fetch()
    assert not [q for q in captured.captured_queries if "home_helpline" in q["sql"]]


def test_memoised_site_shell_follows_content_changes(client, locales, home_fr, django_assert_max_num_queries):
    _helpline(locales["fr"], "Ligne A", "02 000 00 01", [(0, dt.time(9), dt.time(17))])
    assert "Ligne A" in client.get("/fr/").content.decode()
    with django_assert_max_num_queries(13) as warm:
        client.get("/fr/")
    assert not [q for q in warm.captured_queries if "home_helpline" in q["sql"]]
    # A new helpline (a snippet) drops the memo: it shows on the very next request, read in one query (its
    # listing's phones and hours in three more).
    _helpline(locales["fr"], "Ligne B", "02 000 00 02", [(0, dt.time(9), dt.time(17))])
    with django_assert_max_num_queries(20) as cold:
        html = client.get("/fr/").content.decode()
    assert "Ligne B" in html
    assert len([q for q in cold.captured_queries if "home_helpline" in q["sql"]]) == 1
    # An alert banner that starts later is memoised with the others but only shown once it has started.
    now = timezone.now()
    AlertBanner.objects.create(
        locale=locales["fr"],
        message="Alerte future",
        starts_at=now + dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(hours=2),
    )
    assert "Alerte future" not in client.get("/fr/").content.decode()
    AlertBanner.objects.create(
        locale=locales["fr"],
        message="Alerte en cours",
        starts_at=now - dt.timedelta(minutes=1),
        ends_at=now + dt.timedelta(hours=2),
    )
    assert "Alerte en cours" in client.get("/fr/").content.decode()


def test_demo_loader_is_idempotent(db):
    from django.core.management import call_command
    from wagtail.models import Page, Revision

    call_command("load_demo", "--password", "x-demo-password-1", stdout=_Null())
    counts = (
        Page.objects.count(),
        Revision.objects.count(),
        Helpline.objects.count(),
    )
    call_command("load_demo", "--password", "x-demo-password-1", stdout=_Null())
    assert (
        Page.objects.count(),
        Revision.objects.count(),
        Helpline.objects.count(),
    ) == counts
    assert (
        Page.objects.filter(locale__language_code="nl", depth__gte=2).count()
        == Page.objects.filter(locale__language_code="fr", depth__gte=2).count()
    )


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


def test_no_analytics_script_unless_configured(client, home_fr, settings):
    assert "data-domain" not in client.get("/fr/").content.decode()
    settings.PLAUSIBLE_DOMAIN = "prevention.brussels"
    html = client.get("/fr/").content.decode()
    assert 'data-domain="prevention.brussels"' in html and "plausible.io/js/" in html
    assert "data-api" not in html
    settings.PLAUSIBLE_PROXY = True
    html = client.get("/fr/").content.decode()
    assert 'data-api="/stats/api/event"' in html and 'src="/stats/js/script.js"' in html


def test_helpline_without_an_active_listing_with_a_number_is_not_shown(client, locales, home_fr):
    line = _helpline(locales["fr"], "Ligne fermée", "02 000 00 09", always_open=True)
    assert "Ligne fermée" in client.get("/fr/").content.decode()
    line.service.status = "inactive"
    line.service.save()
    assert "Ligne fermée" not in client.get("/fr/").content.decode()


def test_helpline_needs_a_listing_with_a_number(locales):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        Helpline(locale=locales["fr"], name="Sans fiche").full_clean()
    assert "service" in error.value.message_dict
    line = _helpline(locales["fr"], "Ligne", "02 000 00 08")
    line.service.phones.all().delete()
    with pytest.raises(ValidationError):
        line.full_clean()


def test_helpline_form_offers_the_listings_with_a_helpline_number(admin_client, locales):
    _helpline(locales["fr"], "Ligne", "02 000 00 07")
    response = admin_client.get("/admin/snippets/home/helpline/add/")
    assert response.status_code == 200
    assert "Ligne – ligne</option>" in response.content.decode()


def test_alert_banner_gravest_first_with_its_end_date_and_a_close_button(client, locales, home_fr):
    now = timezone.now()
    for severity, message in (("danger", "Lot frelaté"), ("info", "Horaires d'été"), ("warning", "Chaleur")):
        AlertBanner.objects.create(
            locale=locales["fr"],
            message=message,
            severity=severity,
            starts_at=now - dt.timedelta(hours=1),
            ends_at=dt.datetime(2099, 3, 7, 12, tzinfo=dt.UTC),
        )
    html = client.get("/fr/").content.decode()
    assert "Lot frelaté" in html and "Chaleur" not in html  # "danger" before "warning" and "info"
    assert "alert-banner--danger" in html
    assert "Jusqu’au 7 mars 2099" in html or "Jusqu'au 7 mars 2099" in html
    # The close button is for JavaScript (sessionStorage, no cookie): hidden until the script shows it.
    assert '<button type="button" class="alert-banner__close" hidden' in html
    assert 'data-alert-id="' in html
