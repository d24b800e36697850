"""Unprefixed routes of the directory: the read-only HSDS 3.0 API and its OpenAPI description."""

from django.urls import path

from . import api

urlpatterns = [
    path("api/hsds/openapi.json", api.openapi_schema, name="hsds_openapi"),
    path("api/hsds/services", api.services, name="hsds_services"),
    path("api/hsds/services/<str:service_id>", api.service_detail, name="hsds_service"),
    path("api/hsds/organizations", api.organizations, name="hsds_organizations"),
    path("api/hsds/taxonomies", api.taxonomies, name="hsds_taxonomies"),
    path("api/hsds/taxonomy_terms", api.taxonomy_term_list, name="hsds_taxonomy_terms"),
]
