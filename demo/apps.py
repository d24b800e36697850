from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Only for the management commands (no models, no URLs, no templates)."""

    name = "demo"
    verbose_name = "Demo and benchmark data"
