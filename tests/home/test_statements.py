"""The privacy and accessibility statements' facts follow the configuration, not hand-written text."""

import pytest
from django.test import override_settings
from django.utils import translation

from home.statements import accessibility_facts, privacy_facts


def _text(facts):
    return " | ".join(f"{f.what} / {f.where} / {f.kept}" for f in facts)


@override_settings(PLAUSIBLE_DOMAIN="", PROBLEM_REPORT_RETENTION_DAYS=180, MAP_TILE_URL="")
def test_analytics_off_no_map_and_the_retention_periods():
    with translation.override("fr"):
        text = _text(privacy_facts())
    assert "Désactivée : rien n’est mesuré." in text
    assert "Plausible" not in text and "openstreetmap" not in text
    assert "180 jours" in text
    assert "Aucun pour les visiteurs" in text


@override_settings(
    PLAUSIBLE_DOMAIN="example.org",
    PLAUSIBLE_PROXY=True,
    PROBLEM_REPORT_RETENTION_DAYS=30,
    EMAIL_OUTBOX_KEEP_DAYS=7,
    MAP_TILE_URL="https://tiles.example.net/{z}/{x}/{y}.png",
)
def test_analytics_through_the_proxy_lists_the_events_and_the_map_host():
    with translation.override("nl"):
        text = _text(privacy_facts())
    assert "via het adres van deze site" in text
    assert "Helpline tap" in text or "helpline" in text.lower()
    assert "tiles.example.net" in text
    assert "30 dagen" in text and "7 dagen" in text


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_accessibility_status_and_limitations(language):
    with translation.override(language):
        facts = accessibility_facts()
    assert "WCAG 2.1" in facts["status"]
    assert len(facts["limitations"]) == 3
