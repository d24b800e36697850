"""Unprefixed routes: the first-party Plausible proxy (active only when settings.PLAUSIBLE_PROXY is true)."""

from django.urls import path

from . import proxy

urlpatterns = [
    path("stats/js/script.js", proxy.script, name="evaluation_plausible_script"),
    path("stats/api/event", proxy.event, name="evaluation_plausible_event"),
]
