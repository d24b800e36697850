"""Writes that set up the site: locales from settings (after every migrate) and a home page per locale
(`manage.py set_site`, `load_demo`)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import override
from wagtail.models import Locale, Page, Site


def ensure_locales(*, using: str = "default") -> None:
    """Idempotent: one Locale per configured content language (configuration, run after every migrate)."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.using(using).get_or_create(language_code=code)


def ensure_locales_and_home(*, using: str = "default") -> None:
    """Idempotent: the locales, a HomePage as the default site's root, and a (draft-free, published) translation
    of that home page in every locale."""
    from .models import HomePage

    with transaction.atomic(using=using):
        ensure_locales(using=using)
        default_locale = Locale.objects.using(using).get(language_code=settings.LANGUAGE_CODE)

        home = HomePage.objects.using(using).filter(locale=default_locale).first()
        if home is None:
            root = Page.get_first_root_node()
            if root is None:  # a flushed database (transactional tests): recreate Wagtail's root node
                from django.contrib.contenttypes.models import ContentType

                ContentType.objects.clear_cache()  # content types were recreated with new ids
                root = Page.add_root(instance=Page(title="Root", slug="root", locale=default_locale))
            with override(settings.LANGUAGE_CODE):
                home = HomePage(
                    title="Accueil",
                    slug="accueil",
                    hero_title="Parlons drogues, sans tabou",
                    locale=default_locale,
                )
            root.add_child(instance=home)
            home.save_revision().publish()
            site = Site.objects.filter(is_default_site=True).first()
            if site is None:
                Site.objects.create(
                    hostname="localhost",
                    port=80,
                    root_page=home,
                    is_default_site=True,
                    site_name=settings.WAGTAIL_SITE_NAME,
                )
            else:
                old_root = site.root_page
                site.root_page = home
                site.save()
                if old_root.specific_class is Page and old_root.depth == 2 and not old_root.get_children():
                    old_root.delete()  # Wagtail's own "Welcome" page
        for locale in Locale.objects.using(using).exclude(pk=home.locale_id):
            if (
                not HomePage.objects.using(using)
                .filter(translation_key=home.translation_key, locale=locale)
                .exists()
            ):
                translation = home.copy_for_translation(locale)
                translation.save_revision().publish()


def set_default_site(*, hostname: str, port: int, site_name: str | None = None) -> Site:
    """The public host and port of the default Wagtail Site, which every absolute URL of a page is built from
    (sitemap, canonical links, JSON-LD, e-mails): port 443 gives https://hostname/, 80 http://hostname/, any other
    http://hostname:port/. Saving the Site purges the page cache (home/cache.py)."""
    ensure_locales_and_home()
    site = Site.objects.get(is_default_site=True)
    site.hostname = hostname
    site.port = port
    if site_name:
        site.site_name = site_name
    site.save()
    Site.clear_site_root_paths_cache()
    return site
