"""Canonical links, Open Graph and JSON-LD in the head of every public page."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from evidence.models import Source
from tests.factories import SourceFactory, VisionStatementPageFactory, narrative, source_link
from tests.seo.html import head_meta, json_ld, parse_strict
from tests.sitewide.factories import the_three_partners

ROOT = "http://localhost"


def get_document(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return parse_strict(response.content.decode())


@pytest.mark.django_db
def test_vision_statement_page_is_an_article_citing_its_sources(client, section, organisation):
    the_three_partners()
    report = SourceFactory(
        title="Inspection findings",
        resource_type=Source.ResourceType.INSPECTION,
        doi="10.1000/xyz",
        organisations=[organisation],
    )
    data_set = SourceFactory(title="Children looked after", resource_type="data_set")
    page = VisionStatementPageFactory(
        parent=section,
        title="Education",
        summary="How organisations help children thrive at school.",
        last_updated=datetime.date(2025, 10, 1),
        body=[narrative(f"<p>{source_link(data_set)} and {source_link(report)}</p>")],
    )
    page.save_revision().publish()
    page.refresh_from_db()

    document = get_document(client, page.url)
    meta = head_meta(document)
    [article] = json_ld(document)

    assert meta["canonical"] == f"{ROOT}{page.url}"
    assert meta["og:url"] == meta["canonical"]
    assert meta["og:type"] == "article"
    assert meta["og:title"] == meta["twitter:title"] == "Education"
    assert meta["description"] == meta["og:description"] == page.summary
    assert meta["og:site_name"] == "Story of Progress"
    assert article["@type"] == "Article"
    assert article["headline"] == "Education"
    assert article["url"] == meta["canonical"]
    assert article["dateModified"] == "2025-10-01"
    published = page.first_published_at.astimezone(datetime.UTC)
    assert article["datePublished"].startswith(published.strftime("%Y-%m-%dT%H:%M:%S"))
    assert {"@type": "Organization", "name": "The Promise Scotland"} in article["publisher"]
    assert article["about"]["name"].endswith(page.vision_statement.short_name)
    assert article["about"]["description"] == page.vision_statement.full_wording
    assert [(c["@type"], c["name"]) for c in article["citation"]] == [
        ("Dataset", "Children looked after"),
        ("Report", "Inspection findings"),
    ]
    assert article["citation"][1]["sameAs"] == "https://doi.org/10.1000/xyz"
    assert article["citation"][1]["url"] == f"{ROOT}{report.public_url}"


@pytest.mark.django_db
def test_metadata_costs_no_query_per_cited_source(client, make_cited_page):
    few, _ = make_cited_page(1)
    many, _ = make_cited_page(8)
    counts = []
    for page in (few, many):
        client.get(page.url)  # what is kept until the content changes (site settings, lenses)
        with CaptureQueriesContext(connection) as queries:
            document = get_document(client, page.url)
        counts.append(len(queries))
        assert len(json_ld(document)[0]["citation"]) in (1, 8)
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_home_page_describes_the_website(client, home_page):
    home_page.search_description = "Progress on keeping the promise."
    home_page.save_revision().publish()
    document = get_document(client, "/")
    [website] = json_ld(document)
    assert website["@type"] == "WebSite"
    assert website["url"] == f"{ROOT}/"
    assert website["potentialAction"]["target"] == f"{ROOT}/search/?q={{search_term_string}}"
    assert head_meta(document)["description"] == "Progress on keeping the promise."
    feeds = {link.get("type"): link.get("href") for link in document.iter("link")}
    assert feeds["application/rss+xml"] == "/feeds/updates.rss"
    assert feeds["application/atom+xml"] == "/feeds/updates.atom"
    assert {link.get("rel") for link in document.iter("link")} >= {"icon", "canonical"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("resource_type", "schema_type"),
    [
        ("report", "Report"),
        ("inspection", "Report"),
        ("evaluation", "Report"),
        ("data_set", "Dataset"),
        ("policy", "CreativeWork"),
        ("qualitative_insight", "CreativeWork"),
    ],
)
def test_source_page_json_ld(client, organisation, resource_type, schema_type):
    source = SourceFactory(
        title="Inspection findings",
        resource_type=resource_type,
        authors="Sharp, C.\nLawson, K.",
        organisations=[organisation],
        publication_date=datetime.date(2022, 3, 4),
        url="https://example.org/findings.pdf",
        doi="10.1000/xyz",
        summary="What inspection found across Scotland.",
    )
    document = get_document(client, source.public_url)
    meta = head_meta(document)
    [data] = json_ld(document)
    assert data["@type"] == schema_type
    assert data["name"] == meta["og:title"] == "Inspection findings"
    assert data["url"] == meta["canonical"] == f"{ROOT}{source.public_url}"
    assert data["author"] == [
        {"@type": "Person", "name": "Sharp, C."},
        {"@type": "Person", "name": "Lawson, K."},
    ]
    assert data["creator"] == [
        {
            "@type": "Organization",
            "name": "Care Inspectorate",
            "url": f"{ROOT}{organisation.public_url}",
        }
    ]
    assert data["datePublished"] == "2022-03-04"
    assert data["sameAs"] == ["https://doi.org/10.1000/xyz", "https://example.org/findings.pdf"]
    assert data["abstract"] == meta["description"] == "What inspection found across Scotland."
    assert data["identifier"]["value"] == "10.1000/xyz"


@pytest.mark.django_db
def test_source_by_an_organisation_only_has_the_organisation_as_author(client, organisation):
    source = SourceFactory(organisations=[organisation], year=2019)
    [data] = json_ld(get_document(client, source.public_url))
    assert data["author"] == data["creator"]
    assert data["author"][0]["name"] == "Care Inspectorate"
    assert data["datePublished"] == "2019"
    assert "sameAs" not in data


@pytest.mark.django_db
def test_organisation_page_json_ld(client, organisation):
    document = get_document(client, organisation.public_url)
    meta = head_meta(document)
    [data] = json_ld(document)
    assert data == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Care Inspectorate",
        "alternateName": "CI",
        "url": f"{ROOT}{organisation.public_url}",
        "sameAs": "https://www.careinspectorate.com/",
        "description": "Regulates & inspects care services.",
    }
    assert meta["canonical"] == data["url"]
    assert meta["description"] == "Regulates & inspects care services."


@pytest.mark.django_db
def test_a_title_cannot_break_out_of_the_json_ld_script(client):
    title = '</script><script>alert("x")</script> & <!-- more'
    source = SourceFactory(title=title, summary="</script><b>bold</b>")
    response = client.get(source.public_url)
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "</script><b>bold" not in html
    document = parse_strict(html)
    [data] = json_ld(document)
    assert data["name"] == title
    assert data["abstract"] == "</script><b>bold</b>"
    assert head_meta(document)["og:title"] == title


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("/search/?q=care&utm_source=newsletter&fbclid=abc", "/search/?q=care"),
        ("/search/?q=care&page=1", "/search/?q=care"),
        ("/search/?page=3&q=%20care%20%20homes", "/search/?q=care+homes&page=3"),
        ("/search/", "/search/"),
        ("/evidence/sources/?type=report&gclid=x&page=zz", "/evidence/sources/?type=report"),
        ("/evidence/organisations/?utm_medium=email", "/evidence/organisations/"),
        ("/evidence/?ref=home", "/evidence/"),
        ("/evidence/sources/?type=report&page=%C2%B2", "/evidence/sources/?type=report"),
        ("/library/?type=report&year=" + "9" * 300, "/library/?type=report"),
        ("/library/?organisation=a%00b&sort=year", "/library/?sort=year"),
        ("/library/?page=%00%01", "/library/"),
        ("/search/?q=care&type=%00x&section=%01&page=%00", "/search/?q=care"),
        ("/search/?q=ca%00re", "/search/"),
    ],
)
def test_canonical_urls_drop_tracking_parameters(client, home_page, url, canonical):
    meta = head_meta(get_document(client, url))
    assert meta["canonical"] == meta["og:url"] == f"{ROOT}{canonical}"


@pytest.mark.django_db
def test_search_results_are_not_indexed_but_the_search_page_is(client, home_page):
    assert head_meta(get_document(client, "/search/?q=care"))["robots"] == "noindex, follow"
    assert "robots" not in head_meta(get_document(client, "/search/"))


@pytest.mark.django_db
def test_page_canonical_ignores_the_query_string(client, section):
    meta = head_meta(get_document(client, f"{section.url}?utm_source=x"))
    assert meta["canonical"] == f"{ROOT}{section.url}"
    [data] = json_ld(get_document(client, section.url))
    assert data["@type"] == "Article"


@pytest.mark.django_db
def test_previews_are_never_indexed(rf, section, admin_user):
    request = rf.get("/")
    request.user = admin_user
    response = section.make_preview_request(request)
    assert '<meta name="robots" content="noindex">' in response.content.decode()


@pytest.mark.django_db
def test_evidence_previews_are_never_indexed(rf, admin_user, organisation):
    request = rf.get("/")
    request.user = admin_user
    unsaved = Source(title="A source not yet saved", slug="not-yet-saved", resource_type="report")
    for obj in (unsaved, organisation):
        html = obj.make_preview_request(request).content.decode()
        document = parse_strict(html)
        assert head_meta(document)["robots"] == "noindex"
        assert json_ld(document)[0]["name"] in (unsaved.title, organisation.name)
