"""Schemathesis against the HSDS API's own OpenAPI document (/api/hsds/openapi.json), in process (WSGI, no
network): for generated parameters of every operation, never a 500, and every answer (status code, content type,
body) conforms to the document. A bounded number of examples per operation keeps it well under a minute."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from wsgi import application

from tests.referrals.conftest import geography as geography  # the small geography (fixture)
from tests.resources.conftest import ETTERBEEK
from tests.resources.conftest import make_service as make_service  # fixture

CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance)


# Loaded at collection from the WSGI application (the document needs no database).
schema = schemathesis.openapi.from_wsgi("/api/hsds/openapi.json", application)


@pytest.fixture
def services(make_service, settings):
    """A few public services (FR and NL) behind the API: located, hidden address, elsewhere, without a place."""
    settings.RATELIMIT_ENABLE = False  # the limit is tested in test_ratelimits.py; here, the contract
    make_service("Comptoir", free=True, languages=["fr", "nl"], postal_code="1060")
    make_service("Abri", hidden=True)
    make_service("Ailleurs", point=ETTERBEEK)
    make_service("Sans lieu", point=None)
    # As Django's test client does: the WSGI handler must not close the test's database connection at the end
    # of each request (on PostgreSQL that would end the test transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same examples on every run and machine
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_openapi_document(case, services):
    case.call_and_validate(checks=CHECKS)


def test_document_is_served_and_self_contained(client, db):
    response = client.get("/api/hsds/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"] == "3.1.0"
    assert set(document["paths"]) == {
        "/api/hsds/services",
        "/api/hsds/services/{id}",
        "/api/hsds/organizations",
        "/api/hsds/taxonomies",
        "/api/hsds/taxonomy_terms",
    }
    assert "raw.githubusercontent.com" not in response.content.decode()  # no remote $ref: no network
