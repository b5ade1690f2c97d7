"""The open read API at /api/v2/ (issue 16, point 2): what each endpoint says, filters and
pagination, CORS for GET, the rate limit, fixed query counts, and a walk of every endpoint that
never meets a draft, a restricted page, an unpublished source or organisation.

The world (`conftest.py`) is built once for the module; every test but the last only reads it."""

import json

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.loading import create_indicator
from tests.api.conftest import API, SECRET, data, get, ids, publish
from tests.factories import (
    OrganisationFactory,
    SourceFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    narrative,
    part,
    source_link,
)


def test_a_vision_statement_page_with_its_statement_section_parts_and_resolved_citations(
    client, world
):
    page = data(client, f"/pages/{world.page.pk}/")
    assert page["title"] == "Family"
    assert page["vision_statement"]["number"] == 7
    assert page["vision_statement"]["short_name"] == "Family"
    assert page["section"] == {
        "id": world.section.pk,
        "title": "Organisational progress",
        "lens": "organisational",
    }
    assert page["parts"] == [
        {
            "heading": "What is being tried",
            "evidence_strength": "moderate",
            "caveats": "Small numbers.",
        }
    ]
    assert page["cited_sources"] == [{"id": world.source.pk, "times": 2}]
    html = page["body"][1]["value"]
    assert (
        f'<a href="http://localhost/evidence/sources/hearing-children/" '
        f'data-source-id="{world.source.pk}" class="evidence-link evidence-link--source">'
        "they are heard</a>"
    ) in html
    assert f'data-organisation-id="{world.maker.pk}"' in html
    assert "<a>a draft says more</a>" in html  # the words stay, with no link and no id
    assert "<a>a withdrawn one too</a>" in html
    assert "linktype" not in json.dumps(page)


def test_a_source_with_its_live_organisations_citation_and_cited_in(client, world):
    source = data(client, f"/sources/{world.source.pk}/")
    assert source["title"] == "Hearing children"
    assert source["authors"] == ["Sharp, C.", "Lawson, K."]
    assert source["url"] == "https://example.org/hearing"
    assert source["meta"]["html_url"] == "http://localhost/evidence/sources/hearing-children/"
    assert [organisation["id"] for organisation in source["organisations"]] == [world.maker.pk]
    assert source["citation"].startswith("Sharp, C., & Lawson, K. (2023). Hearing children")
    assert source["cited_in"] == [
        {"id": world.page.pk, "title": "Family", "html_url": "http://localhost" + world.page.url}
    ]
    other = data(client, f"/sources/{world.other.pk}/")
    assert other["cited_in"] == []  # only a restricted page cites it


def test_an_organisation_with_its_live_sources(client, world):
    organisation = data(client, f"/organisations/{world.maker.pk}/")
    assert organisation["name"] == "Care Inspectorate"
    assert [source["id"] for source in organisation["sources"]] == [world.source.pk]
    assert [page["id"] for page in organisation["cited_in"]] == [world.page.pk]


def test_an_indicator_with_its_figures_source_and_download(client, world):
    indicator = data(client, f"/indicators/{world.indicator.pk}/")
    assert indicator["name"] == "Children living at home"
    assert indicator["illustrative"] is True
    assert indicator["unit"] == "%"
    assert indicator["source"]["id"] == world.source.pk
    assert indicator["figures"] == [
        {"period": "2019", "breakdown": "", "value": 62.0},
        {"period": "2020", "breakdown": "", "value": 64.0},
        {"period": "2020", "breakdown": "16 to 17", "value": 48.0},
    ]
    assert indicator["csv_url"] == f"http://localhost/indicators/{world.indicator.slug}/figures.csv"
    listing = data(client, "/indicators/")
    assert ids(listing) == [world.indicator.pk]
    assert "figures" not in listing["items"][0]  # detail only


def test_filters_and_pagination(client, world):
    assert ids(data(client, "/sources/", resource_type="data_set")) == [world.other.pk]
    assert ids(data(client, "/sources/", year="2023")) == [world.source.pk]
    assert ids(data(client, "/sources/", organisation=str(world.maker.pk))) == [world.source.pk]
    first, second = (data(client, "/sources/", limit="1", offset=str(n)) for n in (0, 1))
    assert first["meta"]["total_count"] == second["meta"]["total_count"] == 2
    assert ids(first) + ids(second) == sorted([world.source.pk, world.other.pk])
    statements = data(
        client,
        "/pages/",
        type="story.VisionStatementPage",
        vision_statement=str(world.statement.pk),
        fields="section,parts",
    )
    assert ids(statements) == [world.page.pk]
    assert statements["items"][0]["section"]["lens"] == "organisational"
    found = client.get(f"{API}/pages/find/", {"html_path": world.page.url})
    assert found.status_code == 302
    assert found["Location"].startswith(f"http://127.0.0.1:8000{API}/pages/{world.page.pk}/")


@pytest.mark.parametrize("endpoint", ["pages", "sources", "organisations", "indicators"])
def test_search_reads_words_not_query_syntax(client, world, endpoint):
    """Quotes, `*` and `AND` are query syntax to SQLite's full-text search: a search for them
    found nothing or failed; the words alone are searched for, on either database."""
    word = {
        "pages": "Family",
        "sources": "hearing",
        "organisations": "inspectorate",
        "indicators": "living",
    }[endpoint]
    found = ids(data(client, f"/{endpoint}/", search=word))
    assert found
    for odd in (f'"{word}', f"{word}*", f"{word} AND", f"'{word}\"", f"({word}"):
        assert ids(data(client, f"/{endpoint}/", search=odd)) == found, odd
    for nothing in ('"', "'\"", "*", "()"):
        assert ids(data(client, f"/{endpoint}/", search=nothing)) == [], nothing


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/pages/", {"rich_text_format": "db_html"}, "rich text is always served as HTML"),
        ("/sources/", {"organisation": "x"}, "organisation must be an organisation's id"),
        ("/sources/", {"year": "٢٠٢٣"}, "year: numbers are written in ASCII digits"),
        ("/sources/", {"limit": "many"}, "limit must be a positive integer"),
        ("/sources/find/", {"id": "1x"}, "id must be a number"),
        ("/pages/", {"colour": "red"}, "query parameter is not an operation or a recognised"),
        ("/pages/", {"search": "care\x00"}, "search: control characters are not allowed"),
        ("/sources/", {"title": "\x0b"}, "title: control characters are not allowed"),
        ("/sources/", {"offset": "9" * 20}, "offset must be a number of at most 9 digits"),
        ("/organisations/", {"limit": "1" + "0" * 19}, "limit must be a number of at most 9"),
    ],
)
def test_bad_parameters_get_400_with_a_message(client, world, path, params, message):
    response = get(client, path, **params)
    assert response.status_code == 400
    assert message in response.json()["message"]


def test_nothing_draft_restricted_or_unpublished_appears_on_any_endpoint(client, world):
    """Walks every listing with every field, and every item a listing links to."""
    hidden = {
        "pages": {world.restricted.pk, world.draft_page.pk},
        "sources": {world.draft_source.pk, world.unpublished_source.pk},
        "organisations": {world.hidden_maker.pk},
        "indicators": {world.draft_indicator.pk},
    }
    seen_texts = []
    for endpoint in hidden:
        listing = data(client, f"/{endpoint}/", fields="*", limit="100")
        seen_texts.append(json.dumps(listing))
        for item in listing["items"]:
            assert item["id"] not in hidden[endpoint]
            seen_texts.append(json.dumps(data(client, f"/{endpoint}/{item['id']}/", fields="*")))
        for search in ("Zebrafinch", "ledger", "restricted"):
            seen_texts.append(json.dumps(data(client, f"/{endpoint}/", search=search)))
        for pk in hidden[endpoint]:
            assert get(client, f"/{endpoint}/{pk}/").status_code == 404
            assert client.get(f"{API}/{endpoint}/find/", {"id": pk}).status_code == 404
    for page_type in ("story.VisionStatementPage", "story.SectionPage"):
        seen_texts.append(json.dumps(data(client, "/pages/", type=page_type, fields="*")))
    everything = "\n".join(seen_texts)
    assert SECRET not in everything
    assert "Restricted statement" not in everything
    assert "Draft statement" not in everything
    assert len(seen_texts) > 15


def test_any_origin_may_read_with_get_only(client, world):
    response = client.get(f"{API}/sources/", HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        f"{API}/sources/",
        HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "Access-Control-Allow-Credentials" not in preflight
    search = client.get("/search/", {"q": "care"}, HTTP_ORIGIN="https://partner.example")
    assert "Access-Control-Allow-Origin" not in search  # only the API is shared
    assert client.post(f"{API}/sources/").status_code == 405


def test_the_api_has_the_search_rate_limit(client, world, settings):
    settings.READER_RATE_LIMITS = {**settings.READER_RATE_LIMITS, "api": "2/m"}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    for _ in range(2):
        assert get(client, "/sources/").status_code == 200
    limited = client.get(f"{API}/pages/")
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0
    assert "Too many requests" in limited.json()["error"]


def queries_for(client, path, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        data(client, path, **params)
    return len(queries)


def test_listings_and_a_page_cost_the_same_queries_for_few_and_many_items(client, world):
    # Wagtail caches the site's root paths and the page type's content type on first use.
    data(client, "/pages/", type="story.VisionStatementPage")
    before = {
        "sources": queries_for(client, "/sources/", fields="*"),
        "organisations": queries_for(client, "/organisations/", fields="*"),
        "pages": queries_for(
            client,
            "/pages/",
            type="story.VisionStatementPage",
            fields="vision_statement,section,parts",
        ),
        "page": queries_for(client, f"/pages/{world.page.pk}/"),
    }
    sources = [SourceFactory(title=f"More {n}", organisations=[world.maker]) for n in range(6)]
    for n in range(4):
        OrganisationFactory(name=f"More organisation {n}")
        create_indicator(
            name=f"More indicator {n}",
            what_it_measures="x",
            why_it_matters="x",
            definition="x",
            unit="%",
            source=sources[n],
            rows=[("2019", "1"), ("2020", "2")],
        )
    for n in range(3):
        publish(
            VisionStatementPageFactory(
                parent=world.section,
                slug=f"more-{n}",
                vision_statement=VisionStatementFactory(),
                body=[part(), part()],
            )
        )
    page = type(world.page).objects.get(pk=world.page.pk)  # the module's copy stays as built
    page.body = list(page.body.raw_data) + [
        narrative("".join(source_link(source, source.title) for source in sources))
    ]
    publish(page)
    after = {
        "sources": queries_for(client, "/sources/", fields="*"),
        "organisations": queries_for(client, "/organisations/", fields="*"),
        "pages": queries_for(
            client,
            "/pages/",
            type="story.VisionStatementPage",
            fields="vision_statement,section,parts",
        ),
        "page": queries_for(client, f"/pages/{world.page.pk}/"),
    }
    assert after == before
