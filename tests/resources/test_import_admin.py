"""The directory import screen: directory managers only; a dry-run preview per record in the admin's language;
"Import" applies exactly the previewed file (kept under its SHA-256); a bad file changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.users.models import UserProfile

from home import tabular
from resources.import_views import SESSION_KEY
from resources.models import Service

from .test_admin import manager_client, services, task_force_client  # noqa: F401
from .test_hsds import CSV_OK
from .texts import missing

URL = "/admin/directory/import/"


def _language(client, code):
    profile = UserProfile.get_for_user(get_user_model().objects.get(pk=client.session["_auth_user_id"]))
    profile.preferred_language = code
    profile.save()


def _upload(client, content, name="services.csv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, content), "format": "auto"})


def _fr_services():
    return Service.objects.filter(locale__language_code="fr", external_id__startswith="CSV").count()


def test_url_is_registered():
    assert reverse("resources_import") == URL


def _preview(client):
    """The listing offers the import; a preview in Dutch stores the file (its SHA-256) and writes nothing."""
    listing = client.get(reverse("wagtailsnippets_resources_service:list")).content.decode()
    assert URL in listing  # "Import services" among the listing's actions
    preview = _upload(client, CSV_OK.encode())
    assert (preview.status_code, _fr_services()) == (200, 0)
    assert missing(preview.content.decode(), "regel 2 (CSV1)", "zou aangemaakt worden") == []
    sha = client.session[SESSION_KEY]["sha256"]
    assert sha == tabular.digest(CSV_OK.encode())
    return sha


def _confirm(client, sha, status, count):
    """Confirms the import of the file `sha`: the answer's status and the count of French services then."""
    response = client.post(URL, {"sha256": sha})
    assert (response.status_code, _fr_services()) == (status, count)
    return response.content.decode()


def test_preview_then_import_exactly_that_file(manager_client):  # noqa: F811
    _language(manager_client, "nl")
    sha = _preview(manager_client)
    # Another preview in another tab would replace the stored file: the first confirmation no longer matches.
    assert "niet meer beschikbaar" in _confirm(manager_client, "0" * 64, 400, 0)
    text = _confirm(manager_client, sha, 200, 2)
    assert "aangemaakt" in text and SESSION_KEY not in manager_client.session
    _confirm(manager_client, sha, 400, 2)  # a double click: nothing stored any more
    repeat = _upload(manager_client, CSV_OK.encode())
    assert repeat.content.decode().count("ongewijzigd") >= 2


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("caf\xe9".encode("latin-1"), "UTF-8"),
        (b"name,organization\nx,y\n", "Colonnes manquantes : id."),
        ((CSV_OK + "CSV3,X,,,Org,maybe,,,,,,,,\n").encode(), "ligne 4 (CSV3)"),
        (b"{not json", "pas du JSON valide"),
    ],
)
def test_bad_file_clear_french_message_nothing_changed(manager_client, content, expected):  # noqa: F811
    _language(manager_client, "fr")
    name = "x.json" if content.startswith(b"{") else "x.csv"
    response = _upload(manager_client, content, name)
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert _fr_services() == 0 and SESSION_KEY not in manager_client.session
    assert 'name="sha256"' not in response.content.decode()


def test_task_force_may_not_import(task_force_client):  # noqa: F811
    response = _upload(task_force_client, CSV_OK.encode())
    assert response.status_code in (302, 403)
    assert _fr_services() == 0
    listing = task_force_client.get(reverse("wagtailsnippets_resources_service:list")).content.decode()
    assert URL not in listing
