"""Restricted stays restricted: no public surface reveals what only a hidden page supplies.

One site, built once for the module: a public page citing source A, and four pages a reader may
not see, each the only page citing its own source ("B") and organisation ("C") and the only one
under its own vision statement and "last updated" year: a password-protected page, a page under
a login-restricted section, a page published and then unpublished, and a live page under an
unpublished section. Every surface that derives facts from citations is asked about each:
search (results of each kind, facet counts, the filters only that page could make true),
autocomplete, the library (listing, facets, CSV/RIS/BibTeX), the feeds, the sitemap and the
"Cited in" lists. B and C are live evidence, so they stay findable by their own names; what must
never show is the hidden page, its title, or B and C filed under what only that page supplies.
A still shows everywhere, so the tests can fail; and making each page public again makes it show,
which proves the rule follows view restrictions and publishing as they change.

The tests that only read share their answers (`reader`): each case asks the same site the same
questions about search, the library, the feeds and the listings, so each question is asked once
for the module; what a case asks about itself is asked by its own test.
"""

import csv
import datetime
import io
from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from django.test import Client
from django.utils.html import strip_tags

from wagtail.models import Page, PageViewRestriction

from evidence.public_pages import public_pages_q
from tests.factories import (
    OrganisationFactory,
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    make_home_page,
    narrative,
    organisation_link,
    source_link,
)
from tests.module_data import built_once

WORD = "kelp"  # in every title below: one search matches all of them


@dataclass(frozen=True)
class Case:
    name: str
    number: int  # its own vision statement, which nothing public is filed under
    year: int  # its page's "last updated" year, which nothing public has

    @property
    def page_title(self) -> str:
        return f"Kelp {self.name} memo"


CASES = [
    Case("walrus", 2, 1991),  # password-protected, in the public Experiences section
    Case("puffin", 3, 1992),  # under a login-restricted section
    Case("otter", 4, 1993),  # published, then unpublished
    Case("seal", 5, 1994),  # live, under an unpublished section
]


def cite(parent, statement, year, title, *evidence):
    links = "".join(
        f"<p>{source_link(e) if e.linktype == 'source' else organisation_link(e)}</p>"
        for e in evidence
    )
    page = VisionStatementPageFactory(
        parent=parent,
        title=title,
        vision_statement=statement,
        last_updated=datetime.date(year, 3, 1),
        body=[narrative(f"<p>Kelp forests.</p>{links}")],
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_site() -> SimpleNamespace:
    story = StoryIndexPageFactory(parent=make_home_page())
    experiences = SectionPageFactory(parent=story, title="Experiences", slug="experiences")
    statements = {
        number: VisionStatementFactory(number=number, short_name=f"Statement {number}")
        for number in (1, *(case.number for case in CASES))
    }
    public_source = SourceFactory(title="Kelp aardvark study", year=2024)
    public_page = cite(
        experiences, statements[1], 2020, "Kelp open page", public_source, OrganisationFactory()
    )
    site = SimpleNamespace(public_page=public_page, public_source=public_source, cases={})
    for case in CASES:
        parent = experiences
        if case.name in ("puffin", "seal"):
            parent = SectionPageFactory(parent=story, title=f"{case.name} lens", slug=case.name)
        source = SourceFactory(title=f"Kelp {case.name} ledger", year=2024)
        organisation = OrganisationFactory(name=f"{case.name.title()} Council")
        page = cite(
            parent, statements[case.number], case.year, case.page_title, source, organisation
        )
        site.cases[case.name] = SimpleNamespace(
            page=page, section=parent, source=source, organisation=organisation
        )
    hide = site.cases
    PageViewRestriction.objects.create(
        page=hide["walrus"].page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    PageViewRestriction.objects.create(
        page=hide["puffin"].section, restriction_type=PageViewRestriction.LOGIN
    )
    hide["otter"].page.unpublish()
    hide["seal"].section.unpublish()  # its page stays live, under a withdrawn section
    return site


@pytest.fixture(scope="module")
def site_for_module(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        yield build_site()


@pytest.fixture
def site(site_for_module, db):
    return site_for_module


class ReadingClient(Client):
    """A client that asks each question (path, query, headers) once and keeps the answer."""

    def __init__(self):
        super().__init__()
        self.answers = {}

    def get(self, path, data=None, **extra):
        key = (path, tuple(sorted((data or {}).items())), tuple(sorted(extra.items())))
        if key not in self.answers:
            self.answers[key] = super().get(path, data, **extra)
        return self.answers[key]


@pytest.fixture(scope="module")
def reader(site_for_module):
    """Answers kept for the module's tests that only read: they all see the same site."""
    return ReadingClient()


def make_public(site, case: Case) -> None:
    """Undo what hides the case's page, as an editor would in the admin."""
    hidden = site.cases[case.name]
    if case.name == "walrus":
        PageViewRestriction.objects.get(page=hidden.page).delete()
    elif case.name == "puffin":
        PageViewRestriction.objects.get(page=hidden.section).delete()
    else:  # publish again (fresh objects: the module's instances are shared by its tests)
        withdrawn = hidden.page if case.name == "otter" else hidden.section
        Page.objects.get(pk=withdrawn.pk).specific.save_revision().publish()


# Reading each surface ------------------------------------------------------------------------
def search(client, **params):
    response = client.get("/search/", {"q": WORD, **params})
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    """The results' titles, without the highlighting."""
    return [strip_tags(result.title) for result in response.context["results"]]


def facet_values(response, name: str) -> dict[str, int]:
    for facet in response.context["facets"]:
        if facet.name == name:
            return {option.value: option.count for option in facet.options}
    return {}


def library_titles(client, **params) -> list[str]:
    response = client.get("/library/", params)
    assert response.status_code == 200
    return [source.title for source in response.context["entries"]]


def library_csv(client, **params) -> list[dict]:
    response = client.get("/library/library.csv", params)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def cited_in(client, evidence) -> str:
    """The "Cited in" list of a source's or organisation's page, as its context holds it."""
    response = client.get(evidence.public_url)
    assert response.status_code == 200
    return " | ".join(page.title for page in response.context["cited_in"])


# The public page and source A show everywhere (so the checks below can fail) -----------------
@pytest.mark.django_db
def test_what_public_pages_supply_shows_everywhere(site, reader):
    found = search(reader)
    assert "Kelp open page" in titles(found)
    assert facet_values(found, "vision").get("1") == 2  # the open page and source A
    assert facet_values(found, "year").get("2020") == 1
    assert titles(search(reader, kind="source", vision=1, section="experiences")) == [
        "Kelp aardvark study"
    ]
    autocomplete = reader.get("/search/autocomplete/", {"q": "kelp op"}).json()
    assert [r["title"] for r in autocomplete["results"]] == ["Kelp open page"]
    assert library_titles(reader, vision=1) == ["Kelp aardvark study"]
    assert [row["Title"] for row in library_csv(reader, vision=1)] == ["Kelp aardvark study"]
    for url in ("/feeds/updates.rss", "/feeds/updates.atom", "/sitemap.xml"):
        assert "open-page" in text(reader, url) or "Kelp open page" in text(reader, url)
    assert cited_in(reader, site.public_source) == "Kelp open page"
    for listing in ("/story-of-progress/", "/story-of-progress/experiences/"):
        assert f"/{site.public_page.slug}/" in text(reader, listing)


# What only a hidden page supplies never shows -------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_search_results_of_each_kind_leave_the_hidden_page_out(site, reader, case):
    for kind in (None, "page", "source", "organisation"):
        params = {"kind": kind} if kind else {}
        assert case.page_title not in titles(search(reader, **params))
        assert titles(search(reader, vision=case.number, **params)) == []
    assert search(reader, q=case.name, kind="page").context["result_count"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_facet_counts_count_nothing_only_the_hidden_page_supplies(site, reader, case):
    found = search(reader)
    assert str(case.number) not in facet_values(found, "vision")
    assert str(case.year) not in facet_values(found, "year")
    assert site.cases[case.name].organisation.slug not in facet_values(found, "organisation")
    assert case.name not in facet_values(found, "section")
    # Experiences: the open page, the section page itself and source A; nothing hidden.
    experiences = facet_values(found, "section")["experiences"]
    assert experiences == len(titles(search(reader, section="experiences")))
    assert f"Kelp {case.name} ledger" not in titles(search(reader, section="experiences"))


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_filters_only_the_hidden_page_makes_true_find_nothing(site, reader, case):
    hidden = site.cases[case.name]
    # The search measured in issue 13, for each case.
    found = search(reader, kind="source", vision=case.number, section="experiences")
    assert found.context["result_count"] == 0
    assert titles(search(reader, section=case.name)) == titles(search(reader))  # unknown: ignored
    assert search(reader, organisation=hidden.organisation.slug).context["result_count"] == 0
    assert search(reader, year=case.year).context["result_count"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_autocomplete_leaves_the_hidden_page_out(site, reader, case):
    for typed in (f"kelp {case.name[:3]}", case.name):
        results = reader.get("/search/autocomplete/", {"q": typed}).json()["results"]
        assert case.page_title not in [result["title"] for result in results]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_library_files_nothing_under_the_hidden_pages_statement(site, reader, case):
    ledger = f"Kelp {case.name} ledger"
    assert library_titles(reader, vision=case.number) == []
    assert ledger in library_titles(reader)  # live evidence, listed for itself
    response = reader.get("/library/")
    assert str(case.number) not in {option.value for option in response.context["facets"]["vision"]}
    (row,) = [row for row in library_csv(reader) if row["Title"] == ledger]
    assert row["Vision statements"] == ""
    assert library_csv(reader, vision=case.number) == []
    for export in ("/library/library.ris", "/library/library.bib"):
        assert ledger not in text(reader, f"{export}?vision={case.number}")


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_feeds_and_sitemap_leave_the_hidden_page_out(site, reader, case):
    page = site.cases[case.name].page
    for url in ("/feeds/updates.rss", "/feeds/updates.atom", "/sitemap.xml"):
        body = text(reader, url)
        assert case.page_title not in body
        assert f"/{page.slug}/" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_story_listings_leave_the_hidden_page_out(site, reader, case):
    page = site.cases[case.name].page
    for listing in ("/story-of-progress/", "/story-of-progress/experiences/", site.public_page.url):
        body = text(reader, listing)
        assert case.page_title not in body
        assert f"/{page.slug}/" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_cited_in_lists_leave_the_hidden_page_out(site, reader, case):
    hidden = site.cases[case.name]
    assert cited_in(reader, hidden.source) == ""
    assert cited_in(reader, hidden.organisation) == ""
    assert case.page_title not in text(reader, hidden.source.public_url)
    assert case.page_title not in text(reader, hidden.organisation.public_url)
    page_citation = reader.get(f"/cite/page/{hidden.page.pk}.ris")
    assert page_citation.status_code == 404


# Making a page public again shows it: the rule follows changes as they are made -------------
@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_making_the_page_public_shows_what_it_supplies(site, client, case):
    hidden = site.cases[case.name]
    search(client, vision=case.number)  # computed and kept before the change
    client.get("/search/autocomplete/", {"q": case.name})

    make_public(site, case)

    found = search(client, kind="source", vision=case.number)
    assert titles(found) == [f"Kelp {case.name} ledger"]
    assert facet_values(search(client), "year").get(str(case.year)) == 1
    assert case.page_title in titles(search(client, q=case.name, kind="page"))
    assert library_titles(client, vision=case.number) == [f"Kelp {case.name} ledger"]
    assert cited_in(client, hidden.source) == case.page_title
    assert cited_in(client, hidden.organisation) == case.page_title
    assert f"/{hidden.page.slug}/" in text(client, "/sitemap.xml")
    assert case.page_title in text(client, "/feeds/updates.rss")


def public_page_ids(**form) -> set[int]:
    return set(Page.objects.filter(public_pages_q(**form)).values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_rule_reads_the_same_in_one_query_or_two(site, case):
    """`public_pages_q(in_the_query=True)` (the hiding pages looked up inside the query) keeps
    out and lets in exactly what the default form does, before and after the change."""
    page = site.cases[case.name].page
    assert public_page_ids() == public_page_ids(in_the_query=True)
    assert site.public_page.pk in public_page_ids(in_the_query=True)
    assert page.pk not in public_page_ids(in_the_query=True)
    make_public(site, case)
    assert public_page_ids() == public_page_ids(in_the_query=True)
    assert page.pk in public_page_ids(in_the_query=True)
