"""Readers' side of indicators: the indicator's page (chart, table, CSV, Dataset metadata,
"Cite this page"), its chart placed on a national data page and cited there like any source,
and indicators in search, the sitemap and the feeds. One world per module (`conftest.py`)."""

import csv
import io
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from citations.models import Citation
from indicators.loading import create_indicator, figures_for
from indicators.models import ILLUSTRATIVE_NOTICE, Indicator
from story.review_guard import pending_evidence
from tests.factories import SourceFactory, VisionStatementFactory
from tests.indicators.conftest import OVER_TIME, indicator_block
from tests.seo.html import json_ld, parse_strict
from tests.site_caches import warm_site_caches

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]
SVG = "{http://www.w3.org/2000/svg}"


def table_of(document) -> list[list[str]]:
    table = next(document.iter("table"))
    return [
        ["".join(cell.itertext()).strip() for cell in row if cell.tag in ("th", "td")]
        for row in table.iter("tr")
    ]


def test_indicator_page(client, world):
    indicator = world["over_time"]
    response = client.get(indicator.public_url)
    assert response.status_code == 200
    document = parse_strict(response.content.decode())
    data = indicator.data
    svg = next(document.iter(f"{SVG}svg"))
    assert svg.get("role") == "img"
    assert next(svg.iter(f"{SVG}title")).text.startswith(indicator.name)
    assert next(svg.iter(f"{SVG}desc")).text.startswith(data.summary())
    labels = {text.text for text in svg.iter(f"{SVG}text")}
    assert {data.number(row.value) for row in data.rows} <= labels
    # The table is the data: a row per period, a column per breakdown, "no figure" for a gap.
    assert table_of(document) == [
        ["Year", "All", "16 to 17", "18 to 21"],
        ["2019", "62.00%", "48.00%", "70.00%"],
        ["2020", "63.50%", "50.00%", "71.00%"],
        ["2021", "61.00%", "–no figure", "69.00%"],
        ["2022", "66.25%", "55.50%", "74.00%"],
    ]
    html = response.content.decode()
    assert f"{ILLUSTRATIVE_NOTICE}." in html
    assert data.summary() in html and world["page"].title in html  # "Shown on"
    (dataset,) = [item for item in json_ld(document) if item.get("@type") == "Dataset"]
    assert dataset["temporalCoverage"] == "2019/2022"
    assert dataset["description"].startswith(ILLUSTRATIVE_NOTICE)
    assert dataset["distribution"][0]["contentUrl"].endswith(indicator.csv_url)
    assert dataset["creator"][0]["name"] == "Scottish Government"
    assert dataset["isBasedOn"]["name"] == world["source"].title
    assert f'href="{indicator.csv_url}"' in html


def test_csv_download_is_the_data(client, world):
    indicator = world["over_time"]
    response = client.get(indicator.csv_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["period", "breakdown", "value"]
    assert [(period, value, breakdown) for period, breakdown, value in rows[1:]] == OVER_TIME


def test_cite_this_indicator(client, world):
    indicator = world["over_time"]
    html = client.get(indicator.public_url).content.decode()
    ris_url = reverse("indicator_citation", args=[indicator.slug, "ris"])
    assert ris_url in html
    ris = client.get(ris_url).content.decode()
    assert "TY  - DATA" in ris
    # Illustrative figures say so in the citation's title, wherever it is pasted.
    assert f"{indicator.name}: {ILLUSTRATIVE_NOTICE}" in ris
    assert f"{indicator.name}: {ILLUSTRATIVE_NOTICE}" in html
    real = world["by_area"]
    real_ris = client.get(reverse("indicator_citation", args=[real.slug, "ris"])).content
    assert real.name in real_ris.decode() and ILLUSTRATIVE_NOTICE not in real_ris.decode()


def test_drafts_and_unknown_indicators_are_not_found(client, world):
    draft = create_indicator(
        name="Draft indicator",
        what_it_measures="Not yet reviewed.",
        unit="%",
        source=world["source"],
        rows=[("2024", "1")],
        publish=False,
    )
    for url in (draft.public_url, draft.csv_url, "/indicators/nothing-here/"):
        assert client.get(url).status_code == 404, url
    listing = client.get(reverse("indicators:index")).content.decode()
    assert world["over_time"].name in listing and "Draft indicator" not in listing


def test_national_data_page_shows_the_chart_and_cites_its_source(client, world):
    page, source = world["page"], world["source"]
    html = client.get(page.url).content.decode()
    parse_strict(html)
    assert world["over_time"].data.summary() in html
    assert "Look at the youngest." in html and "It rose." in html
    # Said on the chart, and for the whole page under its summary, before any chart.
    notice = f'<p class="illustrative-notice" role="note">{ILLUSTRATIVE_NOTICE}.</p>'
    assert html.index(notice) < html.index('<figure class="indicator-figure"')
    assert 'aria-label="Source 1: Care leavers statistics 2022">[1]</a>' in html
    assert 'id="sources-on-this-page"' in html and 'href="#source-1"' in html
    # The source's "Cited in" (Wagtail's reference index) and the evidence audit count it.
    assert page.title in client.get(source.public_url).content.decode()
    citation = Citation.objects.get(page=page, source=source)
    assert citation.in_live_version and citation.place == (
        "Part “What the figures show” › Indicator chart"
    )
    assert citation.cited_words == f"Indicator: {world['over_time'].name}"


def count_queries(client, url) -> int:
    warm_site_caches()
    client.get(url)  # what is kept until the content changes (site settings, lenses)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_ten_charts_cost_the_queries_of_one(client, world):
    indicators = [
        create_indicator(
            name=f"Indicator {n}",
            what_it_measures="Something counted.",
            unit="children",
            source=world["source"],
            rows=[("2023", n), ("2024", n + 1)],
        )
        for n in range(10)
    ]
    pages = []
    for count in (1, 10):
        page = world["page"].copy(
            update_attrs={
                "slug": f"moving-on-{count}",
                "vision_statement": VisionStatementFactory(),
                "body": [indicator_block(indicator) for indicator in indicators[:count]],
            },
            keep_live=False,
        )
        page.save_revision().publish()
        pages.append(page)
    one, ten = (count_queries(client, page.url) for page in pages)
    assert client.get(pages[1].url).content.decode().count('role="img"') == 10
    assert ten == one, (one, ten)
    assert one <= 25, one  # the vision statement page budget (tests/frontend)


def test_indicators_are_found_mapped_and_fed(client, world):
    indicator = world["over_time"]
    found = client.get(reverse("search"), {"q": "care leavers work", "kind": "indicator"})
    assert [result.url for result in found.context["results"]] == [indicator.public_url]
    assert found.context["results"][0].kind_label == "Indicator"
    statement = client.get(reverse("search"), {"q": "care leavers", "vision": "5"})
    assert indicator.public_url in [result.url for result in statement.context["results"]]
    suggestions = client.get(reverse("search_autocomplete"), {"q": "care leav"}).json()
    assert {"title": indicator.name, "url": indicator.public_url, "kind": "Indicator"} in (
        suggestions["results"]
    )
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"{indicator.public_url}</loc>" in sitemap
    feed = client.get(reverse("updates_rss")).content.decode()
    assert indicator.name in feed and ILLUSTRATIVE_NOTICE in feed


def test_a_page_showing_a_draft_indicator_waits_for_it(world):
    draft = create_indicator(
        name="Awaiting review",
        what_it_measures="x",
        unit="%",
        source=world["source"],
        rows=[("2024", "1")],
        publish=False,
    )
    page = world["page"]
    page.body.append(("indicator", {"indicator": draft, "introduction": "", "commentary": ""}))
    pending = pending_evidence(page)
    assert [(item.linktype, item.object_id) for item in pending] == [("indicator", draft.pk)]
    assert "indicator “Awaiting review” (draft)" in pending[0].label


def test_indicator_charts_only_in_the_national_data_section(admin_client, world):
    def create_under(section, statement):
        data = nested_form_data(
            {
                "title": "Moving on",
                "slug": f"moving-on-{section.slug}",
                "vision_statement": statement.pk,
                "summary": "",
                "body": streamfield(
                    [
                        (
                            "indicator",
                            {
                                "indicator": world["by_area"].pk,
                                "introduction": rich_text(""),
                                "commentary": rich_text(""),
                            },
                        )
                    ]
                ),
            }
        )
        url = reverse("wagtailadmin_pages:add", args=["story", "visionstatementpage", section.pk])
        return admin_client.post(url, data)

    refused = create_under(world["organisational"], VisionStatementFactory())
    assert refused.status_code == 200
    page = refused.content.decode()  # the message sits on the block, in the stream's JSON
    assert "Indicator chart blocks belong in the \\u201cNational data" in page
    assert "section only, not in \\u201cOrganisational" in page
    accepted = create_under(world["national"], VisionStatementFactory())
    assert accepted.status_code == 302
    assert Indicator.objects.filter(pk=world["by_area"].pk).exists()
    assert re.search(r"/admin/pages/\d+/edit/", accepted.url)


def test_a_source_with_indicators_cannot_be_deleted(admin_client, world):
    """Wagtail refuses: the indicator's foreign key protects its source."""
    source = SourceFactory(title="Only an indicator uses this")
    create_indicator(name="Lonely", what_it_measures="x", unit="%", source=source, rows=[])
    url = reverse(source.snippet_viewset.get_url_name("delete"), args=[source.pk])
    page = admin_client.get(url).content.decode()
    assert "references to this source prevent it from being deleted" in page
    response = admin_client.post(url)
    assert response.status_code in (200, 302)
    assert type(source).objects.filter(pk=source.pk).exists()


def test_preview_of_a_new_indicator(rf, admin_user, world):
    """The admin previews an indicator before its first save: no id, no slug, figures in
    memory; its page renders, without downloads."""
    indicator = Indicator(
        name="Not saved yet",
        what_it_measures="A preview.",
        unit="%",
        source=world["source"],
        figures=figures_for([("2023", "1"), ("2024", "3")]),
    )
    request = rf.get("/", HTTP_HOST="localhost")
    request.user = admin_user
    response = indicator.make_preview_request(request, indicator.default_preview_mode)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not saved yet rose from 1% in 2023 to 3% in 2024." in html
    assert "figures.csv" not in html and "/cite/indicator/" not in html
