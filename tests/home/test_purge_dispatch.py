"""One purge dispatcher (home.cache.connect_signals, issue 17) and the memoised serve path (home.memo): routing,
view restrictions and the per-process copies follow every write that changes what a visitor may see."""

import weakref

import pytest
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from home import memo
from home.cache import content_version
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def _purge_receivers(signal) -> list[str]:
    found = []
    for entry in signal.receivers:
        receiver = entry[1]
        if isinstance(receiver, weakref.ReferenceType):
            receiver = receiver()
        if receiver is not None and getattr(receiver, "__module__", "") in ("home.cache", "home.http_cache"):
            found.append(receiver.__qualname__)
    return found


@pytest.mark.parametrize(
    "signal", [page_published, page_unpublished, page_slug_changed, post_page_move, post_save, post_delete]
)
def test_one_purge_receiver_per_signal(signal):
    assert len(_purge_receivers(signal)) == 1, _purge_receivers(signal)


@pytest.fixture
def purges(monkeypatch):
    from home import http_cache

    calls = []
    monkeypatch.setattr(http_cache, "purge_page", lambda page: calls.append(("page", page.pk)))
    monkeypatch.setattr(http_cache, "purge_all", lambda **_kw: calls.append(("all", None)))
    return calls


@pytest.fixture
def about(home_fr):
    page = StandardPage(title="À propos", slug="a-propos", intro="Version une.")
    home_fr.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_publication_purges_the_page_once_and_the_in_app_caches(about, purges):
    version = content_version()
    purges.clear()
    about.save_revision().publish()
    assert purges.count(("page", about.pk)) == 1
    assert ("all", None) not in purges
    assert content_version() != version


def test_a_view_restriction_applies_at_once(client, about):
    assert client.get("/fr/a-propos/").status_code == 200  # routing and restrictions memoised
    restriction = PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/fr/a-propos/")
    assert response.status_code == 302 and "login" in response["Location"]
    restriction.delete()
    assert client.get("/fr/a-propos/").status_code == 200


def test_an_alias_follows_the_restrictions_of_its_source(client, home_fr, about):
    parent = StandardPage(title="Rubrique", slug="rubrique")
    home_fr.add_child(instance=parent)
    parent.save_revision().publish()
    alias = about.create_alias(parent=parent, update_slug="copie")
    assert client.get(alias.url).status_code == 200
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(alias.url).status_code == 302
    assert list(alias.get_view_restrictions()) == list(
        PageViewRestriction.objects.filter(page_id__in=[about.pk])
    )


def test_the_memoised_route_follows_slug_changes_and_unpublication(client, about):
    assert client.get("/fr/a-propos/").status_code == 200
    about.slug = "qui-sommes-nous"
    about.save_revision().publish()
    assert client.get("/fr/a-propos/").status_code == 404
    assert client.get("/fr/qui-sommes-nous/").status_code == 200
    about.unpublish()
    assert client.get("/fr/qui-sommes-nous/").status_code == 404


def test_the_memoised_restrictions_are_wagtails(about, home_fr):
    PageViewRestriction.objects.create(page=home_fr, restriction_type=PageViewRestriction.LOGIN)
    memoised = about.get_view_restrictions()
    assert list(memoised) == list(PageViewRestriction.objects.filter(page_id__in=[1, home_fr.pk, about.pk]))
    assert list(memoised.order_by("-page__depth")) == list(memoised)  # still a queryset for the admin


def test_each_read_is_a_fresh_copy():
    first = memo.remember("test:list", lambda: [1, 2])
    first.append(3)
    assert memo.remember("test:list", lambda: ["rebuilt"]) == [1, 2]


def test_a_read_only_value_is_kept_as_is_until_a_write_changes_the_version():
    first = memo.remember_read_only("test:rows", lambda: ("a", "b"))
    assert memo.remember_read_only("test:rows", lambda: ("rebuilt",)) is first  # no copy per read
    from home.cache import purge_page_cache

    purge_page_cache()  # what every content write does, on any server
    assert memo.remember_read_only("test:rows", lambda: ("rebuilt",)) == ("rebuilt",)
