from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site shell")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(_ensure_site, sender=self)


def _ensure_site(**kwargs):
    from .services import ensure_locales_and_home

    ensure_locales_and_home(using=kwargs.get("using", "default"))
