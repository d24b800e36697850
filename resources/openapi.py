"""The OpenAPI 3.1 description of the read-only HSDS API (served at /api/hsds/openapi.json).

Adapted from the HSDS 3.0 OpenAPI document (Open Referral, CC BY-SA 4.0: "Human Services Data Specification: an
Open Referral resource") to the paths, parameters and errors of resources/api.py. Response bodies use the
compiled HSDS schemas shipped in resources/data/hsds/ (the same ones the export is validated against), embedded
so that the document is self-contained (no remote $ref). tests/security/test_api_schema.py runs schemathesis
against it: no 500, and every answer conforms to this document.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings

from .hsds import schema as hsds_schema

NOT_SCHEMA_KEYS = (
    "name",
    "path",
    "datapackage_metadata",
    "tabular_required",
    "constraints",
    "core",
    "example",
)


def _clean(node):
    """A compiled HSDS table description as a plain JSON Schema (drops the tabular metadata keys)."""
    if isinstance(node, dict):
        cleaned = {}
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                cleaned[key] = {name: _clean(prop) for name, prop in value.items()}
            elif key not in NOT_SCHEMA_KEYS:
                cleaned[key] = _clean(value)
        return cleaned
    if isinstance(node, list):
        return [_clean(item) for item in node]
    return node


def _page(item_ref: str) -> dict:
    return {
        "type": "object",
        "required": [
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
            "contents",
        ],
        "properties": {
            "total_items": {"type": "integer", "minimum": 0},
            "total_pages": {"type": "integer", "minimum": 1},
            "page_number": {"type": "integer", "minimum": 1},
            "size": {"type": "integer", "minimum": 0},
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"},
            "contents": {"type": "array", "items": {"$ref": item_ref}},
        },
    }


def _taxonomy_object(*names: str, formats: dict[str, str]) -> dict:
    """A taxonomy or a term: an object of string properties (`names`, some with a `format`), of which the id, the
    name and the description are required."""
    return {
        "type": "object",
        "required": ["id", "name", "description"],
        "properties": {
            name: {"type": "string", "format": formats[name]} if name in formats else {"type": "string"}
            for name in names
        },
    }


def _json(ref: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}


ERRORS = {
    "400": _json(
        "#/components/schemas/Error", "Bad parameters: the message says which, in the asked language."
    ),
    "429": _json("#/components/schemas/Error", "Too many requests from this address: wait (Retry-After)."),
}


def _param(name: str, schema: dict, description: str, where: str = "query") -> dict:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "description": description,
        "schema": schema,
    }


def _parameters(*names: str) -> list[dict]:
    return [{"$ref": f"#/components/parameters/{name}"} for name in names]


@lru_cache(maxsize=1)
def openapi_document() -> dict:
    languages = [code for code, _name in settings.LANGUAGES]
    page_params = ("page", "per_page", "lang")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Brussels prevention directory: HSDS 3.0 API",
            "version": "1.0.0",
            "description": "Read-only Open Referral HSDS 3.0 API of the directory of support and reinsertion "
            "services. One document per language (lang); hidden addresses are never exported.",
            "license": {"name": "HSDS schemas: CC BY-SA 4.0 (Open Referral)"},
        },
        "paths": {
            "/api/hsds/services": {
                "get": {
                    "operationId": "listServices",
                    "summary": "Services, paginated",
                    "parameters": _parameters(
                        "search", "taxonomy_term_id", "modified_after", "postcode", "proximity", *page_params
                    ),
                    "responses": {
                        "200": _json("#/components/schemas/ServicePage", "A page of services."),
                        **ERRORS,
                    },
                }
            },
            "/api/hsds/services/{id}": {
                "get": {
                    "operationId": "getService",
                    "summary": "One service, fully nested",
                    "parameters": [
                        _param("id", {"type": "string"}, "The service's identifier (a UUID).", "path"),
                        *_parameters("lang"),
                    ],
                    "responses": {
                        "200": _json("#/components/schemas/Service", "The service."),
                        "404": _json("#/components/schemas/Error", "No such public service."),
                        **ERRORS,
                    },
                }
            },
            "/api/hsds/organizations": {
                "get": {
                    "operationId": "listOrganizations",
                    "summary": "Organisations, paginated",
                    "parameters": _parameters("search", *page_params),
                    "responses": {
                        "200": _json("#/components/schemas/OrganizationPage", "A page of organisations."),
                        **ERRORS,
                    },
                }
            },
            "/api/hsds/taxonomies": {
                "get": {
                    "operationId": "listTaxonomies",
                    "summary": "The directory's taxonomies",
                    "parameters": _parameters("lang"),
                    "responses": {
                        "200": _json("#/components/schemas/TaxonomyPage", "The taxonomies."),
                        **ERRORS,
                    },
                }
            },
            "/api/hsds/taxonomy_terms": {
                "get": {
                    "operationId": "listTaxonomyTerms",
                    "summary": "The taxonomy terms (kinds of help and flags)",
                    "parameters": _parameters("lang"),
                    "responses": {
                        "200": _json("#/components/schemas/TaxonomyTermPage", "The taxonomy terms."),
                        **ERRORS,
                    },
                }
            },
        },
        "components": {
            "parameters": {
                "search": _param(
                    "search", {"type": "string"}, "Words that must all appear (first 200 characters)."
                ),
                "taxonomy_term_id": _param(
                    "taxonomy_term_id",
                    {"type": "string"},
                    "A taxonomy term's id or code (see /taxonomy_terms).",
                ),
                "modified_after": _param(
                    "modified_after",
                    {"type": "string"},
                    "Only records changed after this ISO 8601 date or date-time (UTC when no offset).",
                ),
                "postcode": _param(
                    "postcode", {"type": "string", "pattern": "^[0-9]{4}$"}, "A Belgian postcode (4 digits)."
                ),
                "proximity": _param(
                    "proximity",
                    {"type": "number", "exclusiveMinimum": 0, "maximum": 50000},
                    "Metres from the centre of the postcode's communes (needs postcode).",
                ),
                "page": _param("page", {"type": "integer", "minimum": 1, "maximum": 1000000}, "Page number."),
                "per_page": _param(
                    "per_page", {"type": "integer", "minimum": 1, "maximum": 100}, "Items per page (20)."
                ),
                "lang": _param("lang", {"type": "string", "enum": languages}, "Language of the documents."),
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string", "minLength": 1}},
                },
                "Service": _clean(hsds_schema("service")),
                "Organization": _clean(hsds_schema("organization")),
                "Taxonomy": _taxonomy_object(
                    "id", "name", "description", "uri", "version", formats={"id": "uuid", "uri": "uri"}
                ),
                "TaxonomyTerm": _taxonomy_object(
                    "id",
                    "code",
                    "name",
                    "description",
                    "taxonomy",
                    "taxonomy_id",
                    "language",
                    formats={"id": "uuid", "taxonomy_id": "uuid"},
                ),
                "ServicePage": _page("#/components/schemas/Service"),
                "OrganizationPage": _page("#/components/schemas/Organization"),
                "TaxonomyPage": _page("#/components/schemas/Taxonomy"),
                "TaxonomyTermPage": _page("#/components/schemas/TaxonomyTerm"),
            },
        },
    }
