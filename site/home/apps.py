import logging

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site shell")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .cache import connect_signals

        post_migrate.connect(_after_migrate, dispatch_uid="home.after_migrate")
        # Always: the content version also keys `home.memo`, used with or without the page cache. The one purge
        # dispatcher: the in-app caches and the HTTP cache in front (a no-op unless WAGTAILFRONTENDCACHE is set).
        connect_signals()


def is_last_migrated(app_config) -> bool:
    """post_migrate is sent once per app that has a models module, in INSTALLED_APPS order: is this the last?"""
    from django.apps import apps

    return app_config is [c for c in apps.get_app_configs() if c.models_module is not None][-1]


def _after_migrate(app_config, **kwargs):
    """Once per migrate, after the last app (so every app's permissions exist): configuration only, the locales
    of the settings and the roles' groups and permissions. No content: the home pages come from `set_site` (every
    deployment runs it after `migrate`) or `load_demo`."""
    if not is_last_migrated(app_config):
        return
    from .roles import sync_roles
    from .services import ensure_locales

    ensure_locales(using=kwargs.get("using", "default"))
    try:
        sync_roles()
    except LookupError as exc:
        # A partial post_migrate (e.g. a test database flush) may run before every app's permissions exist;
        # the next full migrate grants them. tests/home/test_roles.py checks the declarations strictly.
        logging.getLogger(__name__).warning("roles not synced: %s", exc)
