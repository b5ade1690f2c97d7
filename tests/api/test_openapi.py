"""The OpenAPI description at /api/v2/openapi.json says what the API does: every path it names
answers, every filter it lists is accepted, and every field it lists for an item is in that
item's JSON (and the other way round)."""

import pytest

from tests.api.conftest import API, data


@pytest.fixture
def description(client, world):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def test_every_path_and_filter_answers(client, world, description):
    examples = {
        "pages": world.page.pk,
        "sources": world.source.pk,
        "organisations": world.maker.pk,
        "indicators": world.indicator.pk,
    }
    assert description["openapi"] == "3.1.0"
    assert len(description["paths"]) == 8
    for path, operations in description["paths"].items():
        endpoint = path.strip("/").split("/")[0]
        url = path.replace("{id}", str(examples[endpoint]))
        data(client, url)
        for parameter in operations["get"]["parameters"]:
            if parameter["in"] != "query" or "{id}" in path:
                continue
            value = {"integer": "1", "string": "care", "boolean": "true"}.get(
                parameter["schema"].get("type"), ""
            )
            if "enum" in parameter["schema"]:
                value = parameter["schema"]["enum"][0]
            params = {parameter["name"]: value}
            if parameter["name"] in ("vision_statement", "lens"):
                params["type"] = (
                    "story.VisionStatementPage"
                    if parameter["name"] == "vision_statement"
                    else "story.SectionPage"
                )
            if parameter["name"] in ("child_of", "descendant_of"):
                params[parameter["name"]] = str(world.home.pk)
            if parameter["name"] == "fields":
                params["fields"] = "*"
            if parameter["name"] == "order":
                params["order"] = "id"
            if parameter["name"] == "type":
                params["type"] = "story.VisionStatementPage"
            data(client, path.replace("{id}/", ""), **params)


def test_the_fields_it_lists_are_the_fields_items_have(client, world, description):
    schemas = description["components"]["schemas"]
    page_keys = set()
    for page in (world.page, world.section):
        page_keys |= set(data(client, f"/pages/{page.pk}/"))
    assert set(schemas["Page"]["properties"]) == page_keys
    source = data(client, f"/sources/{world.source.pk}/")
    assert set(schemas["Source"]["properties"]) == set(source)
    organisation = data(client, f"/organisations/{world.maker.pk}/")
    assert set(schemas["Organisation"]["properties"]) == set(organisation)
    indicator = data(client, f"/indicators/{world.indicator.pk}/")
    assert set(schemas["Indicator"]["properties"]) == set(indicator)
