"""Control characters in a URL answer a 400 in the visitor's language (never a 500), everywhere."""

import pytest

PATHS = [
    "/api/hsds/services?search=%00",
    "/api/hsds/organizations?search=%00",
    "/fr/aide/commune/%00/",
    "/fr/orientation/fiche/?q=%00",
    "/fr/aide/?q=coke%00",
    "/nl/hulp/?q=%1b",
    "/fr/prevention/search/?q=%00",
    "/fr/%00/",
    "/nl/hulp/?q%00=x",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PATHS)
def test_control_characters_answer_400(client, path):
    response = client.get(path)
    assert response.status_code == 400, path


@pytest.mark.django_db
def test_the_400_page_is_in_the_visitors_language(client):
    assert "Dit adres is niet geldig" in client.get("/nl/hulp/?q=%00").content.decode()
    assert "Cette adresse n’est pas valable" in client.get("/fr/aide/?q=%00").content.decode()
    assert client.get("/api/hsds/services?search=%00").json()["error"]


@pytest.mark.django_db
def test_tabs_and_line_breaks_in_a_search_are_not_refused(client):
    assert client.get("/fr/aide/?q=emploi%0A").status_code == 200


@pytest.mark.django_db
def test_a_refusal_outside_the_admin_is_a_page_in_the_visitors_language(client, settings):
    """Django's bare "403 Forbidden" is English: the site's own 403 page says it in FR or NL, with help."""
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory
    from django.utils import translation
    from django.views.defaults import permission_denied

    settings.DEBUG = False
    with translation.override("nl"):
        response = permission_denied(RequestFactory().get("/nl/"), PermissionDenied())
    assert response.status_code == 403 and "Toegang geweigerd" in response.content.decode()
