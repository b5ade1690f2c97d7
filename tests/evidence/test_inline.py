"""Inline Source and Organisation references: editor round trip, rendering, reference index,
renames, deletion, and the query budget."""

import json
import re

import pytest

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import ReferenceIndex
from wagtail.rich_text import expand_db_html

from evidence.models import Source
from tests.factories import (
    OrganisationFactory,
    SourceFactory,
    VisionStatementPageFactory,
    narrative,
    organisation_link,
    part,
    source_link,
)


def publish_page(section, body, **kwargs):
    page = VisionStatementPageFactory(parent=section, body=body, **kwargs)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
class TestEditorRoundTrip:
    converter = ContentstateConverter(features=settings.RICH_TEXT_NARRATIVE_FEATURES)

    @pytest.mark.parametrize(
        "linktype,entity_type", [("source", "SOURCE"), ("organisation", "ORGANISATION")]
    )
    def test_link_survives_editor_round_trip(self, linktype, entity_type):
        obj = SourceFactory() if linktype == "source" else OrganisationFactory()
        html = f'<p>Staff <a linktype="{linktype}" id="{obj.pk}">said so</a> clearly.</p>'

        contentstate = json.loads(self.converter.from_database_format(html))

        (entity,) = contentstate["entityMap"].values()
        assert entity["type"] == entity_type
        assert entity["mutability"] == "MUTABLE"
        assert entity["data"]["id"] == obj.pk
        assert entity["data"]["string"] == str(obj)
        assert entity["data"]["edit_url"].endswith(f"/edit/{obj.pk}/")
        stored = self.converter.to_database_format(json.dumps(contentstate))
        assert f'<a linktype="{linktype}" id="{obj.pk}">said so</a> clearly.</p>' in stored
        again = self.converter.to_database_format(self.converter.from_database_format(stored))
        assert again == stored

    def test_editor_stores_only_the_id(self):
        source = SourceFactory(url="https://example.org/report")
        contentstate = {
            "blocks": [
                {
                    "key": "a",
                    "type": "unstyled",
                    "depth": 0,
                    "text": "a report",
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 8, "key": 0}],
                }
            ],
            "entityMap": {
                "0": {
                    "type": "SOURCE",
                    "mutability": "MUTABLE",
                    "data": {"id": str(source.pk), "string": "x", "edit_url": "/admin/x"},
                }
            },
        }
        html = self.converter.to_database_format(json.dumps(contentstate))
        assert html.endswith(f'><a linktype="source" id="{source.pk}">a report</a></p>')
        assert "example.org" not in html


@pytest.mark.django_db
class TestRendering:
    def test_rich_text_links_to_public_pages(self):
        source, organisation = SourceFactory(), OrganisationFactory()
        html = expand_db_html(f"{source_link(source, 'a')} {organisation_link(organisation, 'b')}")
        assert f'href="{source.public_url}"' in html
        assert f'href="{organisation.public_url}"' in html

    @pytest.mark.parametrize("bad_id", ["999999", "abc", ""])
    def test_missing_or_malformed_evidence_renders_text_without_link(self, bad_id):
        html = expand_db_html(f'<p><a linktype="source" id="{bad_id}">kept text</a></p>')
        assert html == "<p><a>kept text</a></p>"

    def test_other_links_in_cited_text_are_wagtails(self, section, client):
        """Wagtail still expands page links beside citations; text with no link of its kind
        left to expand (external, mail, anchors) comes out as stored."""
        source = SourceFactory()
        page_link = f'<a linktype="page" id="{section.pk}">the section</a>'
        as_stored = '<a href="https://example.org/x">out</a> <a href="#top">up</a>'
        page = publish_page(
            section,
            [
                narrative(f"<p>{source_link(source, 'cited')} and {page_link}.</p>"),
                narrative(f"<p>{source_link(source, 'again')}: {as_stored}</p>"),
            ],
        )
        content = client.get(page.url).content.decode()
        assert f'<a href="{section.url}">the section</a>' in content
        assert f"{as_stored}</p>" in content
        assert content.count(f'href="{source.public_url}"') == 3  # twice cited, once listed

    def test_unpublished_source_is_not_linked(self, section, client):
        source = SourceFactory(title="Draft only")
        source.unpublish()
        page = publish_page(section, [narrative(f"<p>{source_link(source, 'the words')}</p>")])
        content = client.get(page.url).content.decode()
        assert "the words" in content
        assert source.public_url not in content
        assert "Draft only" not in content

    def test_a_story_page_never_shows_an_unpublished_organisation(self, section, client):
        published = OrganisationFactory(name="Care Inspectorate")
        withdrawn = OrganisationFactory(name="Withdrawn Trust", short_name="WT")
        source = SourceFactory(title="Joint findings", organisations=[published, withdrawn])
        withdrawn.unpublish()
        page = publish_page(
            section,
            [
                narrative(
                    f"<p>{source_link(source, 'found')} by "
                    f"{organisation_link(withdrawn, 'the trust')}</p>"
                )
            ],
        )
        response = client.get(page.url)
        assert response.status_code == 200
        content = response.content.decode()
        assert "Care Inspectorate" in content  # in the source's reference
        assert "the trust" in content  # the cited words stay, without a link
        assert "Withdrawn Trust" not in content and withdrawn.public_url not in content

    def test_page_numbers_sources_in_reading_order(self, section, client):
        first, second = SourceFactory(title="First"), SourceFactory(title="Second")
        page = publish_page(
            section,
            [
                part(),
                narrative(f"<p>{source_link(second)} then {source_link(first)}</p>"),
                narrative(f"<p>{source_link(second)} again</p>"),
            ],
        )
        content = client.get(page.url).content.decode()
        assert 'href="#source-1" id="cite-1-1" aria-label="Source 1: Second"' in content
        assert 'id="cite-2-1" aria-label="Source 2: First"' in content
        assert 'id="cite-1-2"' in content  # the second citation of Second
        listing = content.split('id="sources-on-this-page"')[1]
        assert listing.index(second.public_url) < listing.index(first.public_url)

    def test_punctuation_after_a_marker_stays_on_its_line(self, section, client):
        """The marker's link is an inline block, after which a line may break: the ")" or "."
        after it is kept with it (Chromium breaks there through a word joiner)."""
        source = SourceFactory(title="Glued")
        page = publish_page(
            section, [part(), narrative(f"<p>Words ({source_link(source)}). More.</p>")]
        )
        content = client.get(page.url).content.decode()
        assert re.search(
            r'<span class="citation-glue"><sup class="citation-marker">.*?</sup>\)\.</span> More',
            content,
        )


@pytest.mark.django_db
class TestReferenceIndexAndRenames:
    def test_usage_lists_citing_page(self, section, admin_client):
        source, organisation = SourceFactory(), OrganisationFactory()
        page = publish_page(
            section,
            [narrative(f"<p>{source_link(source)} by {organisation_link(organisation)}</p>")],
        )
        for obj in (source, organisation):
            assert page.pk in {int(ref.object_id) for ref in ReferenceIndex.get_references_to(obj)}
            usage_url = reverse(obj.snippet_viewset.get_url_name("usage"), args=[obj.pk])
            assert page.title in admin_client.get(usage_url).content.decode()

    def test_source_rename_and_new_slug_show_on_citing_page(self, section, client):
        source = SourceFactory(title="Old title")
        page = publish_page(section, [narrative(f"<p>{source_link(source)}</p>")])
        old_url = source.public_url

        source.title, source.slug = "New title", "new-slug"
        source.save_revision().publish()

        content = client.get(page.url).content.decode()
        assert "New title" in content and "Old title" not in content
        assert "/evidence/sources/new-slug/" in content and old_url not in content
        assert client.get("/evidence/sources/new-slug/").status_code == 200

    def test_organisation_rename_shows_on_citing_page(self, section, client):
        organisation = OrganisationFactory(name="Old name")
        page = publish_page(section, [narrative(f"<p>{organisation_link(organisation)}</p>")])
        organisation.name, organisation.slug = "New name", "new-name"
        organisation.save_revision().publish()
        content = client.get(page.url).content.decode()
        assert "/evidence/organisations/new-name/" in content
        assert "New name" in content


@pytest.mark.django_db
class TestDeletion:
    def delete_url(self, obj):
        return reverse(obj.snippet_viewset.get_url_name("delete"), args=[obj.pk])

    def test_deleting_cited_source_is_blocked_naming_the_pages(self, section, admin_client):
        source = SourceFactory()
        page = publish_page(
            section, [narrative(f"<p>{source_link(source)}</p>")], title="Aftercare"
        )

        response = admin_client.post(self.delete_url(source), follow=True)

        assert Source.objects.filter(pk=source.pk).exists()
        messages = [str(m) for m in response.context["messages"]]
        assert any("was not deleted" in m and page.title in m for m in messages)

    def test_deleting_uncited_source_works(self, section, admin_client):
        source = SourceFactory()
        admin_client.post(self.delete_url(source))
        assert not Source.objects.filter(pk=source.pk).exists()

    def test_deleting_source_cited_only_by_a_draft_works(self, section, admin_client):
        source = SourceFactory()
        draft = VisionStatementPageFactory(
            parent=section, body=[narrative(f"<p>{source_link(source)}</p>")], live=False
        )
        admin_client.post(self.delete_url(source))
        assert not Source.objects.filter(pk=source.pk).exists()
        assert draft.pk

    def test_page_survives_evidence_deleted_outside_the_admin(self, section, client):
        source, organisation = SourceFactory(), OrganisationFactory()
        links = f"{source_link(source, 'cited')} {organisation_link(organisation, 'org')}"
        page = publish_page(section, [narrative(f"<p>{links}</p>")])
        source.delete()
        organisation.delete()
        response = client.get(page.url)
        assert response.status_code == 200
        content = response.content.decode()
        assert "cited" in content and "org" in content
        assert 'id="sources-on-this-page"' not in content


@pytest.mark.django_db
def test_query_count_does_not_grow_with_inline_references(section, client):
    def render_count(page) -> int:
        client.get(page.url)  # warm caches shared by every request (site, content types)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        return len(queries)

    organisation = OrganisationFactory()
    few = [SourceFactory(organisations=[organisation]) for _ in range(2)]
    many = [SourceFactory(organisations=[organisation]) for _ in range(12)]
    few_links = " ".join(source_link(s) for s in few)
    small = publish_page(
        section, [part(), narrative(f"<p>{few_links} {organisation_link(organisation)}</p>")]
    )
    body = []
    for chunk in range(4):  # ten more sources and three more parts than the small page
        body.append(part(heading=f"Part {chunk}"))
        links = " ".join(source_link(s) for s in many[chunk * 3 : chunk * 3 + 3])
        body.append(narrative(f"<p>{links} {organisation_link(organisation)}</p>"))
    large = publish_page(section, body)

    assert render_count(large) == render_count(small)
    assert client.get(large.url).content.decode().count('class="citation-marker"') == len(many)


@pytest.mark.django_db
def test_each_render_numbers_its_own_markers(section, client):
    """A page's evidence is kept once per process and shared by every render: each counts its
    own markers, so the second reader's page returns to the same ids as the first's."""
    source = SourceFactory(title="Counted twice")
    page = publish_page(
        section,
        [narrative(f"<p>{source_link(source, 'once')} and {source_link(source, 'twice')}.</p>")],
    )
    first, second = (client.get(page.url).content.decode() for _ in range(2))
    for html in (first, second):
        assert re.findall(r'id="cite-1-(\d+)"', html) == ["1", "2"]
        assert 'href="#cite-1-2"' in html  # the entry links back to both
        assert 'id="cite-1-3"' not in html
