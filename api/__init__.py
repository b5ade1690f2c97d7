"""The open read API at /api/v2/: live, public pages, sources and organisations as JSON.

Wagtail's API v2 (its router, viewsets and serializers) with what this site adds: one rule for
what is public (`evidence.public_pages`, the rule every public surface uses), pages' fields that
matter to reuse (vision statement, section, parts with their evidence strength, the body with
citations resolved to live source ids), sources with their organisations, APA citation and
"cited in", organisations with their sources; the search rate limit; CORS for GET; an OpenAPI
description at /api/v2/openapi.json. It reads every app below it and nothing imports it.
"""
