"""`migrate` creates configuration, never content: the project's post_migrate handler makes the locales and the
roles; the home pages come from `set_site` (every deployment) or `load_demo`."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Locale, Site

from home.apps import _after_migrate, is_last_migrated
from home.models import HomePage

pytestmark = pytest.mark.django_db


def _last_app():
    return next(config for config in apps.get_app_configs() if is_last_migrated(config))


def test_post_migrate_makes_locales_and_no_page():
    HomePage.objects.all().delete()
    Locale.objects.filter(language_code="nl").delete()
    _after_migrate(_last_app(), using="default")
    assert Locale.objects.filter(language_code="nl").exists()
    assert not HomePage.objects.exists()


def test_set_site_makes_the_home_pages():
    HomePage.objects.all().delete()
    call_command("set_site", host="prevention.brussels", port=443, stdout=io.StringIO())
    assert set(HomePage.objects.values_list("locale__language_code", flat=True)) == {"fr", "nl"}
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
