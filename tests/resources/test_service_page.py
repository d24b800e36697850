import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from resources.models import ProblemReport

from .conftest import ALL_WEEK


def service_url(pk, lang="fr"):
    with translation.override(lang):
        return reverse("resources:service", args=[pk])


def test_service_page_shows_everything(client, make_service):
    fr, _nl = make_service(
        "Comptoir",
        schedules=ALL_WEEK,
        free=True,
        cost="Gratuit",
        what_to_bring="Rien",
        eligibility="Toute personne qui consomme",
        languages=["fr", "nl"],
    )
    response = client.get(service_url(fr.pk))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Comptoir" in content
    assert 'href="tel:+3221234567"' in content
    assert "https://www.openstreetmap.org/directions?" in content
    assert "Rue de Test 1" in content
    assert "Gratuit" in content and "Rien" in content and "Toute personne qui consomme" in content
    assert response.context["status"].is_open
    assert (
        response.context["language_names"] == ["French", "Dutch"]
        or len(response.context["language_names"]) == 2
    )


def test_hidden_address_is_never_shown(client, make_service):
    fr, _nl = make_service("Abri", hidden=True)
    content = client.get(service_url(fr.pk)).content.decode()
    assert "Rue de Test 1" not in content
    assert "openstreetmap.org/directions" not in content
    search = client.get("/fr/aide/").content.decode()
    assert "Rue de Test 1" not in search


def test_other_language_id_redirects_to_translation(client, make_service):
    fr, nl = make_service("Traduit", nl_name="Vertaald")
    response = client.get(service_url(fr.pk, "nl"))
    assert response.status_code == 302
    assert response["Location"] == service_url(nl.pk, "nl")
    assert client.get(service_url(999999)).status_code == 404


def test_service_page_fixed_queries(client, make_service, django_assert_max_num_queries):
    fr, _nl = make_service("Q", schedules=ALL_WEEK)
    client.get(service_url(fr.pk))
    with django_assert_max_num_queries(17):
        assert client.get(service_url(fr.pk)).status_code == 200


def test_report_a_problem(client, make_service, settings, django_capture_on_commit_callbacks):
    settings.DIRECTORY_MANAGERS_EMAILS = ["team@example.org"]
    fr, _nl = make_service("Signalé")
    with django_capture_on_commit_callbacks(execute=True):  # the outbox hands it to the task on commit
        response = client.post(service_url(fr.pk), {"reason": "phone", "comment": "Le numéro ne répond pas"})
    assert response.status_code == 302
    report = ProblemReport.objects.get()
    assert (report.service, report.reason, report.resolved) == (fr, "phone", False)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["team@example.org"]
    assert str(fr.pk) in message.subject
    assert "Le numéro ne répond pas" not in message.subject
    assert "Le numéro ne répond pas" in message.body
    followed = client.get(response["Location"])
    assert "Merci" in followed.content.decode()


@pytest.mark.parametrize("data", [{}, {"reason": "nonsense"}, {"reason": "phone", "comment": "x" * 5000}])
def test_invalid_report_changes_nothing(client, make_service, data):
    fr, _nl = make_service("Signalé")
    response = client.post(service_url(fr.pk), data)
    assert response.status_code == 400
    assert ProblemReport.objects.count() == 0
    assert len(mail.outbox) == 0
    assert "errorlist" in response.content.decode()


def test_honeypot_stores_nothing(client, make_service):
    fr, _nl = make_service("Signalé")
    response = client.post(service_url(fr.pk), {"reason": "other", "website": "http://spam.example"})
    assert response.status_code == 302
    assert ProblemReport.objects.count() == 0
    assert len(mail.outbox) == 0


def test_reports_are_rate_limited(client, make_service, settings, django_capture_on_commit_callbacks):
    assert settings.RATELIMITS["report"] == "5/h"  # the default (tests/security/test_ratelimits.py: the rest)
    fr, _nl = make_service("Signalé")
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [client.post(service_url(fr.pk), {"reason": "hours"}).status_code for _ in range(8)]
    assert statuses == [302] * 5 + [429] * 3
    assert ProblemReport.objects.count() == 5
    assert len(mail.outbox) == 5


def test_report_visible_in_admin(admin_client, make_service):
    fr, _nl = make_service("Signalé")
    ProblemReport.objects.create(service=fr, reason="closed")
    response = admin_client.get(reverse("resources_problemreport:index"))
    assert response.status_code == 200
    assert "Signalé" in response.content.decode()


def test_transport_and_accessibility_in_the_visitors_language(client, make_service):
    fr, nl = make_service("Comptoir")
    location = fr.locations.get().location
    location.transportation_texts = {"fr": "Métro Gare du Midi", "nl": "Metro Zuidstation"}
    location.accessibility_texts = {"fr": "Rampe d'accès", "nl": "Toegangshelling"}
    location.save()
    french = client.get(service_url(fr.pk, "fr")).content.decode()
    dutch = client.get(service_url(nl.pk, "nl")).content.decode()
    assert "Métro Gare du Midi" in french and "Rampe d&#x27;accès" in french and "Zuidstation" not in french
    assert "Metro Zuidstation" in dutch and "Toegangshelling" in dutch and "Gare du Midi" not in dutch
    # A text given in one language only is shown in both rather than nothing.
    location.transportation_texts = {"fr": "Métro Gare du Midi"}
    location.save()
    assert "Métro Gare du Midi" in client.get(service_url(nl.pk, "nl")).content.decode()
