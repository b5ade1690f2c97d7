"""Vision statements across lenses (`story.lenses`): the story index shows what each section says
about every statement, and each statement's page links to the same statement in the other
sections, in a fixed number of queries, and shows nothing when there is nowhere to link to.
The module shares one story; tests that add pages undo them."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from story.lenses import lenses_of
from story.models import VisionStatementPage
from tests.factories import (
    SectionPageFactory,
    StoryIndexPageFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    make_home_page,
    part,
)
from tests.module_data import built_once
from tests.site_caches import warm_site_caches

pytestmark = pytest.mark.django_db


def statement_page(section, statement, summary="") -> VisionStatementPage:
    page = VisionStatementPageFactory(
        parent=section,
        title=statement.short_name,
        slug=f"statement-{statement.number}",
        vision_statement=statement,
        summary=summary,
        body=[part()],
    )
    page.save_revision().publish()
    return page


@pytest.fixture(scope="module")
def lenses(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        home = make_home_page()
        index = StoryIndexPageFactory(parent=home)
        sections = [
            SectionPageFactory(parent=index, title=title, slug=slug, lens=lens)
            for title, slug, lens in (
                ("National Data", "national-data", "quantitative"),
                ("Organisational Progress", "organisational-progress", "organisational"),
                ("Experiences", "experiences", "experiential"),
            )
        ]
        for page in (index, *sections):
            page.save_revision().publish()
        national, organisational, experiences = sections
        family = VisionStatementFactory(number=1, short_name="Family")
        education = VisionStatementFactory(number=3, short_name="Education")
        justice = VisionStatementFactory(number=8, short_name="Justice")
        yield {
            "index": index,
            "national": national,
            "organisational": organisational,
            "experiences": experiences,
            "family": family,
            "education": education,
            "justice": justice,
            "family_org": statement_page(organisational, family, "Organisations describe it."),
            "family_exp": statement_page(experiences, family, "People say it."),
            "education_org": statement_page(organisational, education),
        }


@pytest.fixture
def story(lenses):
    return lenses


def html_of(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def queries_for(client, url) -> int:
    client.get(url)  # per-process caches (site root paths) warmed, as for every later reader
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_index_shows_each_lens_for_every_statement(story, client):
    html = html_of(client, story["index"])
    family = html[html.index('id="statement-1"') : html.index('id="statement-3"')]
    assert f'href="{story["family_org"].url}"' in family
    assert "Organisations describe it." in family and "People say it." in family
    assert f'href="{story["family_exp"].url}"' in family
    assert (
        '<p><span class="lens-card__title">National Data</span>: no page on this vision '
        "statement yet.</p>"
    ) in family
    justice = html[html.index('id="statement-8"') :]
    assert "Pages for this vision statement are being prepared." in justice


def test_a_statement_page_links_to_the_same_statement_in_the_other_lenses(story, client):
    html = html_of(client, story["family_org"])
    across = html[html.index('id="through-each-lens"') :]
    assert f'href="{story["family_exp"].url}"' in across
    assert "People say it." in across
    # No national data page yet: the section is linked, and says so.
    assert (
        f'href="{story["national"].url}">National Data</a>: no page on this vision statement yet.'
    ) in across
    assert (
        '<p class="lens-card__title" aria-current="page">Organisational Progress'
        '<span class="lens-card__here"> (this page)</span></p>'
    ) in across
    assert 'href="#through-each-lens">Through each lens</a>' in html


def test_a_page_readers_cannot_see_is_not_linked(story, client):
    story["family_exp"].view_restrictions.create(restriction_type="password", password="x")
    across = html_of(client, story["family_org"])
    assert f'href="{story["family_exp"].url}"' not in across
    index = html_of(client, story["index"])
    assert f'href="{story["family_exp"].url}"' not in index


def test_queries_do_not_grow_with_pages_or_statements(story, client):
    index_before = queries_for(client, story["index"].url)
    page_before = queries_for(client, story["education_org"].url)
    for number in range(4):
        statement = VisionStatementFactory(number=20 + number)
        for section in ("national", "organisational", "experiences"):
            statement_page(story[section], statement, summary=f"Statement {number}")
    statement_page(story["national"], story["education"])
    statement_page(story["experiences"], story["education"])
    assert queries_for(client, story["index"].url) == index_before
    assert queries_for(client, story["education_org"].url) == page_before
    html = html_of(client, story["education_org"])
    assert html.count("no page on this vision statement yet.") == 0


def test_nothing_when_there_is_nowhere_to_link(story, django_assert_num_queries):
    # A section alone in its branch (here straight under the home page: the index is a
    # singleton), so its pages have no other section to link to.
    only = SectionPageFactory(parent=story["index"].get_parent(), slug="alone")
    only.save_revision().publish()
    statement = VisionStatementFactory()
    alone = VisionStatementPageFactory(parent=only, vision_statement=statement, body=[part()])
    alone.save_revision().publish()
    warm_site_caches()  # as after any first request
    with django_assert_num_queries(1):  # the sections (the public-pages rule in it): no pages
        assert lenses_of(alone) == []
    new = VisionStatementPage(title="New", vision_statement=statement)
    with django_assert_num_queries(0):
        assert lenses_of(new) == []
