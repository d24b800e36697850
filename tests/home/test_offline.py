"""The service worker script and the offline page it keeps (the browser side: tests/e2e/test_offline.py)."""

import pytest

pytestmark = pytest.mark.django_db


def test_service_worker_is_served_at_the_root_and_knows_both_offline_pages(client, locales, home_fr):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert '"fr": "/fr/hors-ligne/"' in body and '"nl": "/nl/offline/"' in body
    assert '"/fr/aide/service/", "/nl/hulp/dienst/"' in body
    assert "http" not in body.split("*/")[-1].replace("self.location.origin", "")  # no third party


@pytest.mark.parametrize(
    ("path", "title"), [("/fr/hors-ligne/", "Pas de connexion"), ("/nl/offline/", "Geen verbinding")]
)
def test_offline_page_has_the_emergency_numbers(client, locales, home_fr, path, title):
    html = client.get(path).content.decode()
    assert f"<h1>{title}</h1>" in html
    assert 'href="tel:112"' in html
    assert 'name="robots" content="noindex"' in html
