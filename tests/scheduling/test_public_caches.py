"""Back-office writes of the scheduling tool never purge the public site (issue 17): a deliverable, its variants
or a metric snapshot saved or deleted keep the page cache, the memoised shell and the fragments, and send
nothing to the HTTP cache."""

import datetime as dt

import pytest

from campaigns.scheduling.models import MetricSnapshot
from home.cache import HEADER, content_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1, "home.cache.PageCacheMiddleware"
    )
    settings.MIDDLEWARE = middleware
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def purges(monkeypatch):
    from home import http_cache

    calls = []
    monkeypatch.setattr(http_cache, "purge_page", lambda page: calls.append(("page", page.pk)))
    monkeypatch.setattr(http_cache, "purge_all", lambda **_kw: calls.append(("all", None)))
    return calls


def test_deliverables_and_metric_snapshots_do_not_purge_the_public_site(
    page_cache, purges, client, make_deliverable, home_fr
):
    deliverable = make_deliverable()
    variant = deliverable.variants.get(language="fr")
    assert client.get("/fr/").status_code == 200
    assert client.get("/fr/")[HEADER] == "hit"
    version = content_version()

    deliverable.key_message = "Parle à quelqu'un"
    deliverable.save()
    variant.caption = "Nouvelle légende"
    variant.save()
    snapshot = MetricSnapshot.objects.create(variant=variant, date=dt.date(2026, 3, 9), views=10, likes=1)
    snapshot.views = 12
    snapshot.save()
    snapshot.delete()
    make_deliverable()  # a new one, with its variants

    assert content_version() == version
    assert purges == []
    assert client.get("/fr/")[HEADER] == "hit"
