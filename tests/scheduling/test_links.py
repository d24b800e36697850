import datetime as dt
import re
import threading
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection

from campaigns.scheduling import links
from campaigns.scheduling.models import ClickDay, Deliverable, TrackedLink
from home.models import StandardPage
from home.upserts import upsert_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign_pages(home_fr, locales):
    page = StandardPage(title="Campagne", slug="campagne")
    home_fr.add_child(instance=page)
    page.save_revision().publish()
    nl = upsert_translation(page, locales["nl"], title="Campagne NL", slug="campagne-nl")
    return page, nl


def test_redirect_to_translation_with_utm(client, make_deliverable, campaign_pages, home_fr):
    fr_page, nl_page = campaign_pages
    deliverable = make_deliverable(campaign_page=fr_page)
    nl = deliverable.variants.get(language="nl")
    response = client.get(f"/go/{nl.link_code}")
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert url.path == "/nl/campagne-nl/"
    assert url.path.startswith("/nl/")
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert query == {
        "utm_source": "instagram_reel",
        "utm_medium": "influencer",
        "utm_campaign": "dope-talk",
        "utm_content": f"sarabxl-{deliverable.pk}-nl",
    }
    fr = deliverable.variants.get(language="fr")
    assert urlsplit(client.get(f"/go/{fr.link_code}")["Location"]).path == fr_page.get_url()


def test_clicks_counted_per_day_without_personal_data(client, variant):
    for address in ("10.1.2.3", "10.1.2.4", "10.1.2.5"):
        client.get(f"/go/{variant.link_code}", HTTP_USER_AGENT="Mozilla", REMOTE_ADDR=address)
    client.head(f"/go/{variant.link_code}")
    row = ClickDay.objects.get(code=variant.link_code)
    assert row.count == 3 and row.day == links.local_today()


def test_repeated_clicks_from_one_client_count_once(client, variant):
    """150 GETs from one address add one click; another client, or the same one on another link, counts."""
    for _ in range(150):
        assert client.get(f"/go/{variant.link_code}", REMOTE_ADDR="10.9.9.9").status_code == 302
    assert ClickDay.objects.get(code=variant.link_code).count == 1
    client.get(f"/go/{variant.link_code}", REMOTE_ADDR="10.9.9.10")
    client.get(f"/go/{variant.link_code}", REMOTE_ADDR="10.9.9.9", HTTP_USER_AGENT="Another browser")
    assert ClickDay.objects.get(code=variant.link_code).count == 3
    field_names = {f.name for f in ClickDay._meta.get_fields()}
    assert field_names == {"id", "code", "day", "count"}


def test_counter_survives_existing_row_race(variant):
    day = dt.date(2026, 3, 29)
    links.count_click(variant.link_code, day)
    links.count_click(variant.link_code, day)
    assert ClickDay.objects.get(code=variant.link_code, day=day).count == 2


@pytest.mark.skipif(connection.vendor == "sqlite", reason="needs concurrent connections (PostgreSQL)")
@pytest.mark.flushes
@pytest.mark.django_db(transaction=True)
def test_concurrent_clicks_postgres(variant):
    def hit():
        links.count_click(variant.link_code)
        connection.close()

    threads = [threading.Thread(target=hit) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert ClickDay.objects.get(code=variant.link_code).count == 8


def test_control_character_in_a_code_is_refused_before_the_view(client, locales):
    response = client.get("/go/%00", follow=True)
    assert response.status_code == 400  # home/input_guard.py, with the helplines
    assert not ClickDay.objects.exists()


@pytest.mark.parametrize("code", ["nope", "x" * 300, "a.b"])
def test_unknown_code_friendly_404(client, locales, code):
    response = client.get(f"/go/{code}", follow=True)
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode() or "lien" in response.content.decode()
    assert not ClickDay.objects.exists()


def test_poster_link_and_qr(client, campaign_pages):
    fr_page, _nl = campaign_pages
    link = TrackedLink.objects.create(
        code="gare-midi",
        medium="poster",
        hotspot_slug="gare-du-midi",
        campaign_page=fr_page,
        campaign_code="dt",
    )
    response = client.get("/go/gare-midi")
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["utm_medium"] == ["poster"] and query["utm_content"] == ["hotspot-gare-du-midi"]
    qr = client.get(f"/go/{link.code}/qr.svg")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content
    assert client.get("/go/unknown/qr.svg", follow=True).status_code == 404
    assert client.get("/nl/go/unknown", HTTP_ACCEPT_LANGUAGE="nl").status_code == 404


@pytest.fixture
def midi(locales):
    from resources.models import Commune, Hotspot

    commune = Commune.objects.create(nis_code="21013", names={"fr": "Saint-Gilles", "nl": "Sint-Gillis"})
    return Hotspot.objects.create(
        locale=locales["fr"], name="Gare du Midi", slug="gare-du-midi", commune=commune
    )


def test_poster_links_take_the_hotspot_and_campaign_from_lists(
    admin_client, campaign_pages, midi, make_deliverable
):
    """A typo ("gare-du-mid") or an unknown campaign code would send the scans nowhere (issue 15.5)."""
    fr_page, _nl = campaign_pages
    make_deliverable(campaign_page=fr_page)  # its campaign code is one to choose from
    code = Deliverable.objects.values_list("campaign_code", flat=True).first()
    form = admin_client.get("/admin/snippets/scheduling/trackedlink/add/").content.decode()
    assert '<select name="hotspot_slug"' in form and 'value="gare-du-midi"' in form
    assert '<select name="campaign_code"' in form and f'value="{code}"' in form
    data = {
        "code": "affiche-midi",
        "medium": "poster",
        "hotspot_slug": "gare-du-mid",
        "campaign_page": fr_page.pk,
        "campaign_code": code,
        "language": "fr",
    }
    response = admin_client.post("/admin/snippets/scheduling/trackedlink/add/", data)
    assert response.status_code == 200 and not TrackedLink.objects.exists()  # refused with a form error
    response = admin_client.post(
        "/admin/snippets/scheduling/trackedlink/add/", {**data, "hotspot_slug": "gare-du-midi"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert TrackedLink.objects.get().hotspot_slug == "gare-du-midi"


def test_clicks_are_shown_on_the_list_and_the_poster(admin_client, campaign_pages, midi):
    fr_page, _nl = campaign_pages
    link = TrackedLink.objects.create(
        code="affiche-midi",
        medium="poster",
        hotspot_slug="gare-du-midi",
        campaign_page=fr_page,
        campaign_code="dt",
    )
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        admin_client.get("/go/affiche-midi", REMOTE_ADDR=address)
    listing = admin_client.get("/admin/snippets/scheduling/trackedlink/").content.decode()
    assert re.search(r"<td[^>]*>\s*3\s*</td>", listing), listing[listing.find("<tbody") :][:1500]
    poster = admin_client.get(f"/admin/scheduling/poster/{link.pk}/").content.decode()
    assert re.search(r"\b3 scans", poster)  # "3 scans or clicks counted so far", in the admin's language
