"""The whole demo, in layer order: each step may rely on the content of the ones before it."""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.db import transaction

# (app, its demo module with `load(*, stdout, style)`): a step runs only when its app is installed.
STEPS = [
    ("home", "demo.home"),
    ("resources", "demo.directory"),
    ("resources.referrals", "demo.referrals"),
    ("campaigns", "demo.campaigns"),
    ("campaigns.scheduling", "demo.scheduling"),
    ("evaluation", "demo.evaluation"),
]


def load(*, stdout, style, only: tuple[str, ...] = ()) -> None:
    """Every step (or the `only` modules, e.g. ("demo.home", "demo.campaigns")), each in a transaction."""
    for app_name, module_name in STEPS:
        if not apps.is_installed(app_name) or (only and module_name not in only):
            continue
        with transaction.atomic():
            import_module(module_name).load(stdout=stdout, style=style)
