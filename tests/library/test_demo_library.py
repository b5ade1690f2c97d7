"""The library on the demo content: the Collective Leadership for Scotland report and friends,
and that report (seed 004) cited exactly as the seed prints it, everywhere."""

import csv
import html
import io
import re

import pytest
import rispy

from django.urls import reverse

from citations.models import Citation
from evidence.models import Organisation, Source

URL = reverse("library:index")
CLFS = "collective-leadership-for-scotland"
REPORT = "How do we know we are doing good work?"
CITATION = (
    "Sharp, C., McLaughlin, D., Whitley, J., &amp; Lawson, K. (2022). How do we know we are "
    "doing good work? Collective Leadership for Scotland."
)


@pytest.mark.django_db
def test_demo_library_filters_and_facets(demo_site, client, django_assert_max_num_queries):
    # +3 for the page chrome: the site settings, its partners and the Story of Progress index
    with django_assert_max_num_queries(12 + 3):
        response = client.get(URL)
    assert response.status_code == 200
    live = Source.objects.live()
    assert response.context["page_obj"].paginator.count == live.count()
    type_counts = {o.value: o.count for o in response.context["facets"]["type"]}
    assert type_counts == {
        value: live.filter(resource_type=value).count()
        for value, _ in Source.ResourceType.choices
        if live.filter(resource_type=value).exists()
    }
    organisation_counts = {o.value: o.count for o in response.context["facets"]["organisation"]}
    assert organisation_counts[CLFS] == live.filter(organisations__slug=CLFS).count() >= 1
    assert set(organisation_counts) <= set(
        Organisation.objects.live().values_list("slug", flat=True)
    )
    vision_counts = {o.value: o.count for o in response.context["facets"]["vision"]}
    assert {"1", "3", "8"} <= set(vision_counts)  # the report is cited under 1, 3 and 8
    assert CITATION in response.content.decode()

    for query in (
        {"organisation": CLFS},
        {"type": "report", "year": "2022"},
        {"vision": "3", "organisation": CLFS},
        {"vision": "8", "type": "report"},
    ):
        response = client.get(URL, query)
        assert REPORT in [source.title for source in response.context["entries"]], query
        assert response.context["problems"] == []


@pytest.mark.django_db
def test_demo_exports_of_the_report(demo_site, client):
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(reverse("library:csv"), {"organisation": CLFS}).content.decode(
                    "utf-8-sig"
                ),
                newline="",
            )
        )
    )
    report = next(row for row in rows if row["Title"] == REPORT)
    assert report["Authors"] == "Sharp, C.; McLaughlin, D.; Whitley, J.; Lawson, K."
    assert report["Organisations"] == "Collective Leadership for Scotland"
    assert report["Year"] == "2022" and report["Resource type"] == "Report"
    assert report["Vision statements"].startswith("1. ")
    assert "3. Education" in report["Vision statements"]

    slug = "how-do-we-know-we-are-doing-good-work"
    [entry] = rispy.loads(
        client.get(reverse("library:source_ris", args=[slug])).content.decode("utf-8")
    )
    assert entry["title"] == REPORT
    assert entry["authors"] == ["Sharp, C.", "McLaughlin, D.", "Whitley, J.", "Lawson, K."]
    assert entry["publisher"] == "Collective Leadership for Scotland"
    assert entry["year"] == "2022"
    assert entry["abstract"].startswith("Collective leadership feels timely")


SEED_CITATION = (
    "Sharp, C., McLaughlin, D., Whitley, J., & Lawson, K. (2022). How do we know we are doing "
    "good work? Collective Leadership for Scotland."
)
SLUG = "how-do-we-know-we-are-doing-good-work"


def citation_texts(content: str) -> list[str]:
    """The text of every `<p class="citation">`: what "Copy citation" copies."""
    return [
        html.unescape(text)
        for text in re.findall(r'<p class="citation"[^>]*>(.*?)</p>', content, re.DOTALL)
    ]


@pytest.mark.django_db
def test_the_seed_source_is_cited_as_the_seed_prints_it(demo_site, client):
    source = Source.objects.get(slug=SLUG)
    assert source.citation == SEED_CITATION

    page = client.get(source.public_url)
    assert page.status_code == 200
    assert citation_texts(page.content.decode()) == [SEED_CITATION]

    library = client.get("/library/", {"organisation": "collective-leadership-for-scotland"})
    assert library.status_code == 200
    assert SEED_CITATION in citation_texts(library.content.decode())

    citing = Citation.objects.filter(source=source, in_live_version=True).first().page
    story_page = client.get(citing.url)
    assert story_page.status_code == 200
    assert SEED_CITATION in citation_texts(story_page.content.decode())

    ris = client.get(f"/library/sources/{SLUG}/citation.ris").content.decode()
    assert "TI  - How do we know we are doing good work?" in ris
    assert "AU  - Sharp, C." in ris and "AU  - Lawson, K." in ris and "PY  - 2022" in ris
    bib = client.get(f"/library/sources/{SLUG}/citation.bib").content.decode()
    assert "Sharp, C. and McLaughlin, D. and Whitley, J. and Lawson, K." in bib
