"""HomePage.route (issue 17): the page at the end of the path in one query, with the same result as Wagtail's
walk (Page.route) for every page, unknown paths and unpublished pages."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page

from campaigns.models import ArticlePage
from tests.campaigns import factories as f

pytestmark = pytest.mark.django_db


def _route(route, home, path):
    try:
        return route(home, RequestFactory().get("/"), [part for part in path.split("/") if part]).page.pk
    except Http404:
        return 404


def test_route_gives_the_same_page_as_wagtails_walk(home_fr, django_assert_max_num_queries):
    index = f.campaign_index(home_fr)
    campaign = f.campaign(index)
    nested = f.publish(campaign, ArticlePage(title="Sous-page", slug="sous-page"))
    hidden = f.publish(index, ArticlePage(title="Retirée", slug="retiree"))
    hidden.unpublish()
    home = home_fr.specific
    paths = [
        "campagnes/",
        "campagnes/dope-talk/",
        "campagnes/dope-talk/sous-page/",
        "campagnes/retiree/",
        "campagnes/inconnue/",
        "inconnue/dope-talk/",
        "dope-talk/",
    ]
    for path in paths:
        assert _route(type(home).route, home, path) == _route(Page.route, home, path), path
    assert _route(type(home).route, home, "campagnes/dope-talk/sous-page/") == nested.pk
    with django_assert_max_num_queries(2):  # the page, then its specific row; Wagtail's walk takes 6 here
        _route(type(home).route, home, "campagnes/dope-talk/sous-page/")
