"""The experience lens's blocks (`story.experience`): shown with care, cited like every other
piece of evidence (numbered, indexed, "Cited in", review guard, compare, search), illustrative
ones said to be so, and kept to the Experiences section. The module shares one story."""

import re

import pytest

from django.urls import reverse

from wagtail.blocks import StructBlockValidationError
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from citations.models import Citation
from story.blocks import VisionStatementBodyBlock
from story.experience import ILLUSTRATIVE_QUOTES_NOTICE, ExperienceQuoteBlock
from story.models import VisionStatementPage
from story.review_guard import pending_evidence
from tests.factories import (
    OrganisationFactory,
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    make_home_page,
    part,
    source_link,
)
from tests.module_data import built_once

pytestmark = pytest.mark.django_db

QUOTE = "Somebody asked what I wanted, then actually did it."
QUOTE_PLACE = "Part \u201cWhat people told us\u201d \u203a Experience: quote"


def quote(source, **value) -> dict:
    return {
        "type": "experience_quote",
        "value": {
            "quote": QUOTE,
            "who": "a young person, 16",
            "source": source.pk,
            "organisation": None,
            "consent": "Shared with permission; details changed.",
            "content_note": "",
            "illustrative": True,
            **value,
        },
    }


def theme(source, organisation, summary_source) -> dict:
    return {
        "type": "experience_theme",
        "value": {
            "theme": "Being listened to",
            "summary": f"<p>Decisions felt fairer {source_link(summary_source, 'when explained')}"
            ".</p>",
            "who": "young people in foster care",
            "source": source.pk,
            "organisation": organisation.pk,
            "consent": "Shared with permission.",
            "content_note": "mentions moving home",
            "illustrative": False,
        },
    }


@pytest.fixture(scope="module")
def lens_story(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        home = make_home_page()
        index = StoryIndexPageFactory(parent=home)
        organisational = SectionPageFactory(parent=index)
        experiential = SectionPageFactory(
            parent=index, title="Experiences", slug="experiences", lens="experiential"
        )
        maker = OrganisationFactory(name="Voices Trust")
        gatherer = OrganisationFactory(name="Gathering Council")
        consultation = SourceFactory(title="Young people's consultation", organisations=[maker])
        explained = SourceFactory(title="Decisions explained")
        statement = VisionStatementFactory(number=9, short_name="Aftercare")
        page = VisionStatementPageFactory(
            parent=experiential,
            title="Aftercare",
            slug="aftercare",
            vision_statement=statement,
            body=[
                part("What people told us", "limited"),
                quote(consultation),
                theme(consultation, gatherer, explained),
            ],
        )
        plain = VisionStatementPageFactory(
            parent=organisational,
            title="Aftercare",
            slug="aftercare",
            vision_statement=statement,
            body=[part("What is being tried")],
        )
        for each in (index, organisational, experiential, page, plain):
            each.save_revision().publish()
        yield {
            "page": page,
            "plain": plain,
            "organisational": organisational,
            "experiential": experiential,
            "consultation": consultation,
            "explained": explained,
            "maker": maker,
            "gatherer": gatherer,
            "statement": statement,
        }


@pytest.fixture
def story(lens_story):
    return lens_story


def article(client, page) -> str:
    html = client.get(page.url).content.decode()
    return html[html.index("<article") : html.index("</article>")]


def test_blocks_render_with_care(story, client):
    html = article(client, story["page"])
    assert "<img" not in html and "<picture" not in html
    assert QUOTE in html
    assert '<dd class="experience__who">a young person, 16</dd>' in html
    assert "Shared with permission; details changed." in html
    assert "<strong>Content note:</strong> mentions moving home" in html
    # The quote names the source's own organisation; the theme the organisation chosen for it.
    assert re.search(r"Gathered by</dt><dd><a href=\"/evidence/organisations/voices-trust/", html)
    assert 'href="/evidence/organisations/gathering-council/">Gathering Council</a>' in html
    # The source is cited like any other: linked and numbered, in the page's list.
    assert html.count('href="/evidence/sources/young-peoples-consultation/"') >= 2
    assert 'aria-label="Source 1: Young people&#x27;s consultation">[1]</a>' in html
    assert 'aria-label="Source 2: Decisions explained">[2]</a>' in html


def test_illustrative_content_is_said_to_be_so(story, client):
    html = article(client, story["page"])
    assert f'<p class="illustrative-notice" role="note">{ILLUSTRATIVE_QUOTES_NOTICE}</p>' in html
    # Only the quote is illustrative; the theme is not labelled.
    assert html.count("for demonstration, not real testimony</p>") == 1
    assert "Illustrative quote for demonstration, not real testimony" in html
    assert ILLUSTRATIVE_QUOTES_NOTICE not in client.get(story["plain"].url).content.decode()


def test_search_text_carries_the_illustrative_label(story):
    body = VisionStatementPage.objects.get(pk=story["page"].pk).body
    content = body.stream_block.get_searchable_content(body)
    label = "Illustrative quote for demonstration, not real testimony:"
    assert content[content.index(label) + 1] == QUOTE
    assert "Illustrative theme for demonstration, not real testimony:" not in content


def test_citations_are_indexed_and_shown_in_cited_in(story, client):
    page = story["page"]
    rows = {
        (row.source_id or row.organisation_id, row.place, row.cited_words)
        for row in Citation.objects.filter(page=page, in_live_version=True)
    }
    theme_place = "Part \u201cWhat people told us\u201d \u203a Experience: theme"
    assert (story["consultation"].pk, QUOTE_PLACE, QUOTE) in rows
    assert (story["gatherer"].pk, theme_place, "Being listened to") in rows
    assert (story["explained"].pk, theme_place, "when explained") in rows
    for evidence in (story["consultation"], story["gatherer"], story["explained"]):
        html = client.get(evidence.public_url).content.decode()
        assert f'href="{page.url}"' in html, evidence


def test_review_waits_for_the_source_an_experience_cites(story):
    draft_source = SourceFactory(title="Not reviewed yet", publish=False, live=False)
    page = VisionStatementPage(
        vision_statement=story["statement"], body=[quote(draft_source)], title="Draft"
    )
    [pending] = pending_evidence(page)
    assert pending.obj == draft_source


def test_compare_names_the_source_an_experience_adds(story, admin_client):
    page = VisionStatementPage.objects.get(pk=story["page"].pk)
    first = page.save_revision()
    other = SourceFactory(title="A later survey")
    page.body = [part("What people told us", "limited"), quote(other)]
    second = page.save_revision()
    url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk])
    html = admin_client.get(url).content.decode()
    assert "Added: Source “A later survey”" in html
    assert "Removed: Source “Young people&#x27;s consultation”" in html


def test_who_must_not_identify_anyone(story):
    block = ExperienceQuoteBlock()
    value = block.to_python(quote(story["consultation"])["value"])
    for identifying in ("jo@example.org", "see www.example.org", "call 0131 496 0000"):
        value["who"] = identifying
        with pytest.raises(StructBlockValidationError):
            block.clean(value)


def test_block_renders_outside_a_page(story):
    """The editor's block preview has no page: the block loads its own evidence."""
    block = VisionStatementBodyBlock().child_blocks["experience_quote"]
    html = block.render(block.to_python(quote(story["consultation"])["value"]))
    assert QUOTE in html and "Young people&#x27;s consultation" in html and "<img" not in html


def add_page(client, section, statement, body) -> object:
    url = reverse("wagtailadmin_pages:add", args=("story", "visionstatementpage", section.pk))
    data = nested_form_data(
        {
            "title": "Aftercare",
            "slug": "aftercare-again",
            "vision_statement": statement.pk,
            "summary": "",
            "body": streamfield(body),
        }
    )
    return client.post(url, data)


def quote_form_value(source) -> dict:
    return {
        "quote": QUOTE,
        "who": "a parent",
        "source": source.pk,
        "organisation": "",
        "consent": "Shared with permission.",
        "content_note": "",
        "illustrative": "",
    }


def test_experience_blocks_only_in_the_experiences_section(story, admin_client):
    statement = VisionStatementFactory(number=10, short_name="Adults")
    body = [("experience_quote", quote_form_value(story["consultation"]))]
    refused = add_page(admin_client, story["organisational"], statement, body)
    assert refused.status_code == 200
    [error] = refused.context["form"].errors["body"].as_data()
    assert "belong in the “Experience” section only" in str(error.block_errors[0].message)
    assert not VisionStatementPage.objects.filter(slug="aftercare-again").exists()

    narrative_only = [("narrative", rich_text("<p>Fine anywhere.</p>"))]
    assert (
        add_page(admin_client, story["organisational"], statement, narrative_only).status_code
        == 302
    )
    accepted = add_page(admin_client, story["experiential"], statement, body)
    assert accepted.status_code == 302
    created = VisionStatementPage.objects.child_of(story["experiential"]).get(
        slug="aftercare-again"
    )
    assert created.body[0].value["quote"] == QUOTE


def test_editor_and_block_previews_open(story, admin_client):
    page = story["page"]
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200
    stream_block = VisionStatementPage._meta.get_field("body").stream_block
    for name in ("experience_quote", "experience_theme"):
        block = stream_block.child_blocks[name]
        preview = admin_client.get(
            reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
        )
        assert preview.status_code == 200, name
        html = preview.content.decode()
        assert "for demonstration, not real testimony" in html and "<img" not in html
