"""The OpenAPI 3.1 description of the read API, served at /api/v2/openapi.json.

Written out rather than generated: Wagtail's API v2 builds its serializers per request from the
`fields` parameter, which no schema generator can follow, and a reader of this description
needs the fields and filters said in words. `tests/api/test_openapi.py` keeps it honest: every
path it names answers, and every field it lists for an item is in the item's JSON.
"""

from django.conf import settings
from django.http import JsonResponse

from evidence.models import Organisation, Source
from indicators.models import Indicator
from story.models import EvidenceStrength, SectionPage


def _list_of(ref: str) -> dict:
    return {"type": "array", "items": {"$ref": f"#/components/schemas/{ref}"}}


def _listing(item: str) -> dict:
    return {
        "type": "object",
        "properties": {
            "meta": {"type": "object", "properties": {"total_count": {"type": "integer"}}},
            "items": _list_of(item),
        },
    }


PAGINATION = [
    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100, "default": 20}},
    {"name": "offset", "in": "query", "schema": {"type": "integer", "default": 0}},
    {
        "name": "fields",
        "in": "query",
        "description": "Fields to add (`fields=summary,section`), remove (`fields=-title`) "
        "or all (`fields=*`).",
        "schema": {"type": "string"},
    },
    {
        "name": "order",
        "in": "query",
        "description": "A field to order by, `-field` for descending, or `random`.",
        "schema": {"type": "string"},
    },
    {"name": "search", "in": "query", "schema": {"type": "string"}},
]


def _endpoint(tag: str, summary: str, item: str, filters: list[dict]) -> dict:
    errors = {
        "400": {"description": "An unknown parameter or a bad value, with a message."},
        "429": {"description": "Too many requests; `Retry-After` says when to try again."},
    }
    return {
        "get": {
            "tags": [tag],
            "summary": summary,
            "parameters": PAGINATION + filters,
            "responses": {
                "200": {
                    "description": "One page of results.",
                    "content": {"application/json": {"schema": _listing(item)}},
                },
                **errors,
            },
        }
    }


def _detail(tag: str, summary: str, item: str) -> dict:
    return {
        "get": {
            "tags": [tag],
            "summary": summary,
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
            "responses": {
                "200": {
                    "description": "The item, with its detail-only fields.",
                    "content": {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/{item}"}}
                    },
                },
                "404": {"description": "No live, public item has this id."},
                "429": {"description": "Too many requests; `Retry-After` says when to try again."},
            },
        }
    }


def _filter(name: str, description: str, schema: dict | None = None) -> dict:
    return {
        "name": name,
        "in": "query",
        "description": description,
        "schema": schema or {"type": "string"},
    }


REFERENCE = {"type": "object", "properties": {"id": {"type": "integer"}}}
BOOLEAN = {"type": "boolean"}
FREQUENCIES = list(Indicator.Frequency.values)
CITING_PAGES = {
    "type": "array",
    "description": "Live, public pages citing it (detail only).",
    "items": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "html_url": {"type": "string"},
        },
    },
}


def description() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{settings.WAGTAIL_SITE_NAME}: open read API",
            "version": "2",
            "description": (
                "Live, public pages, sources, organisations and indicators of the Story of "
                "Progress, read-only. Nothing draft, unpublished or restricted is ever included. "
                "Rich text is HTML; a citation of a source is a link to the source's page, and "
                "`cited_sources` lists the live sources a page cites by id."
            ),
        },
        "servers": [{"url": f"{settings.WAGTAILAPI_BASE_URL}/api/v2"}],
        "paths": {
            "/pages/": _endpoint(
                "pages",
                "Live, public pages",
                "Page",
                [
                    _filter("type", "A page type, e.g. `story.VisionStatementPage`."),
                    _filter("child_of", "A page id, or `root`."),
                    _filter("descendant_of", "A page id."),
                    _filter(
                        "vision_statement",
                        "With `type=story.VisionStatementPage`: a vision statement's id.",
                        {"type": "integer"},
                    ),
                    _filter(
                        "lens",
                        "With `type=story.SectionPage`: a lens.",
                        {"enum": list(SectionPage.Lens.values)},
                    ),
                ],
            ),
            "/pages/{id}/": _detail("pages", "One live, public page", "Page"),
            "/sources/": _endpoint(
                "sources",
                "Live sources",
                "Source",
                [
                    _filter(
                        "resource_type", "A kind of source.", {"enum": Source.ResourceType.values}
                    ),
                    _filter("year", "Year of publication.", {"type": "integer"}),
                    _filter("organisation", "An organisation's id.", {"type": "integer"}),
                ],
            ),
            "/sources/{id}/": _detail("sources", "One live source", "Source"),
            "/organisations/": _endpoint(
                "organisations",
                "Live organisations",
                "Organisation",
                [_filter("kind", "A kind of organisation.", {"enum": Organisation.Kind.values})],
            ),
            "/organisations/{id}/": _detail(
                "organisations", "One live organisation", "Organisation"
            ),
            "/indicators/": _endpoint(
                "indicators",
                "Live indicators (the national data lens)",
                "Indicator",
                [
                    _filter("frequency", "How often it is updated.", {"enum": FREQUENCIES}),
                    _filter("illustrative", "`true` for demonstration figures.", BOOLEAN),
                ],
            ),
            "/indicators/{id}/": _detail("indicators", "One live indicator", "Indicator"),
        },
        "components": {"schemas": SCHEMAS},
    }


SCHEMAS = {
    "Page": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "meta": {"type": "object"},
            "title": {"type": "string"},
            "vision_statement": {
                "type": "object",
                "description": "Vision statement pages: the statement.",
                "properties": {
                    "id": {"type": "integer"},
                    "number": {"type": "integer"},
                    "short_name": {"type": "string"},
                    "full_wording": {"type": "string"},
                    "foundation": {"type": "string"},
                },
            },
            "section": {
                "type": "object",
                "description": "Vision statement pages: the section (lens) it is in.",
                "properties": {
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "lens": {"enum": list(SectionPage.Lens.values)},
                },
            },
            "summary": {"type": "string"},
            "last_updated": {"type": ["string", "null"], "format": "date"},
            "next_update_expected": {"type": ["string", "null"], "format": "date"},
            "parts": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "heading": {"type": "string"},
                        "evidence_strength": {"enum": list(EvidenceStrength.values)},
                        "caveats": {"type": "string"},
                    },
                },
            },
            "body": {
                "type": "array",
                "description": "Detail only: the StreamField's blocks, rich text as HTML.",
                "items": {"type": "object"},
            },
            "cited_sources": {
                "type": "array",
                "description": "Detail only: live sources cited, in reading order.",
                "items": {
                    "type": "object",
                    "properties": {"id": {"type": "integer"}, "times": {"type": "integer"}},
                },
            },
            "lens": {"type": "string", "description": "Section pages: the lens."},
            "introduction": {"type": "string", "description": "Section pages: HTML."},
            "what_is_this": {"type": "string", "description": "Section pages: HTML."},
            "background": {"type": "string", "description": "Section pages: HTML."},
        },
    },
    "Source": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "meta": {"type": "object"},
            "title": {"type": "string"},
            "resource_type": {"enum": Source.ResourceType.values},
            "authors": {"type": "array", "items": {"type": "string"}},
            "year": {"type": ["integer", "null"]},
            "publication_date": {"type": ["string", "null"], "format": "date"},
            "url": {"type": "string"},
            "doi": {"type": "string"},
            "summary": {"type": "string", "description": "HTML."},
            "purpose_and_context": {"type": "string", "description": "HTML."},
            "licence": {"type": "string"},
            "citation": {"type": "string", "description": "APA 7th edition."},
            "organisations": {"type": "array", "items": REFERENCE},
            "cited_in": CITING_PAGES,
        },
    },
    "Indicator": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "meta": {"type": "object"},
            "name": {"type": "string"},
            "what_it_measures": {"type": "string"},
            "why_it_matters": {"type": "string"},
            "definition": {"type": "string"},
            "unit": {"type": "string"},
            "source": {
                "type": ["object", "null"],
                "description": "The live source the figures come from.",
                "properties": {
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "html_url": {"type": "string"},
                },
            },
            "frequency": {"enum": FREQUENCIES},
            "last_updated": {"type": ["string", "null"], "format": "date"},
            "next_update": {"type": ["string", "null"], "format": "date"},
            "breakdown_label": {"type": "string"},
            "technical_notes": {"type": "string"},
            "caveats": {"type": "string"},
            "illustrative": {
                "type": "boolean",
                "description": "Made-up figures for demonstration, not official statistics.",
            },
            "figures": {
                "type": "array",
                "description": "Detail only: every figure, in the indicator's order.",
                "items": {
                    "type": "object",
                    "properties": {
                        "period": {"type": "string"},
                        "breakdown": {"type": "string", "description": "Empty for the whole."},
                        "value": {"type": "number"},
                    },
                },
            },
            "csv_url": {"type": "string", "description": "The figures as CSV."},
        },
    },
    "Organisation": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "meta": {"type": "object"},
            "name": {"type": "string"},
            "short_name": {"type": "string"},
            "kind": {"enum": Organisation.Kind.values},
            "description": {"type": "string", "description": "HTML."},
            "website": {"type": "string"},
            "is_partner": {"type": "boolean"},
            "is_promise_collective_member": {"type": "boolean"},
            "sources": {"type": "array", "description": "Detail only.", "items": REFERENCE},
            "cited_in": CITING_PAGES,
        },
    },
}


def openapi_description(request):
    response = JsonResponse(description(), json_dumps_params={"indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response
