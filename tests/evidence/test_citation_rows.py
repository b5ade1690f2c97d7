"""What a page shows of each source it cites comes from plain rows (`SourceQuerySet.rows`) and
from markup formatted in Python (`evidence.citation_markup`): the same reference, links and
escaping as the model and a template would give, without a query or template per citation."""

import pytest

from django.urls import NoReverseMatch, reverse

from evidence import citation_markup
from evidence.models import Organisation, Source
from evidence.models.base import slug_url
from tests.factories import OrganisationFactory, SourceFactory


@pytest.mark.django_db
def test_rows_cite_each_source_as_the_model_does(django_assert_num_queries):
    care, police = OrganisationFactory(name="Care Inspectorate"), OrganisationFactory(name="Abc")
    withdrawn = OrganisationFactory(name="Withdrawn Trust", live=False, publish=False)
    sources = [
        SourceFactory(organisations=[care, police, withdrawn], doi="10.1000/xyz"),
        SourceFactory(authors="Sharp, C.\nLawson, K.", organisations=[care], url="https://e.org/r"),
        SourceFactory(resource_type=Source.ResourceType.DATA_SET, year=None),
        SourceFactory(organisations=[withdrawn], citation_override="  As the editor wrote.  "),
        SourceFactory(title='Fish & "chips" <b>'),
    ]
    Source.objects.filter(pk=sources[-1].pk).update(resource_type="a type since removed")
    with django_assert_num_queries(1):
        rows = Source.objects.live().filter(pk__in=[s.pk for s in sources]).rows()
    for source in sources:
        model = Source.objects.with_live_organisations().get(pk=source.pk)
        row = rows[source.pk]
        assert row.citation == model.citation
        assert row.citation_record() == model.citation_record()
        assert row.organisation_names == tuple(model.organisation_names)
        assert row.public_url == model.public_url
        assert row.get_resource_type_display() == model.get_resource_type_display()
        assert row.schema_org_reference("https://x.org") == model.schema_org_reference(
            "https://x.org"
        )
    assert rows[sources[0].pk].organisation_names == ("Abc", "Care Inspectorate")
    assert rows[sources[3].pk].organisation_names == ()


@pytest.mark.django_db
def test_rows_leave_out_what_readers_may_not_see():
    live, draft = SourceFactory(), SourceFactory(live=False, publish=False)
    assert set(Source.objects.live().filter(pk__in=[live.pk, draft.pk]).rows()) == {live.pk}
    assert Source.objects.none().rows() == {}


@pytest.mark.parametrize("slug", ["a", "care-inspectorate", "x_9-Y", "10"])
@pytest.mark.parametrize("url_name", [Source.public_url_name, Organisation.public_url_name])
def test_a_slug_url_is_what_reverse_gives(url_name, slug):
    assert slug_url(url_name, slug) == reverse(url_name, kwargs={"slug": slug})


@pytest.mark.parametrize("slug", ["", "with space", "café", "a/b"])
def test_a_slug_reverse_refuses_is_refused(slug):
    with pytest.raises(NoReverseMatch):
        slug_url(Source.public_url_name, slug)


def test_markers_and_entries_escape_what_editors_wrote():
    title = "<script>alert('x')</script> & \"more\""
    marker = citation_markup.marker(3, 2, title)
    assert 'href="#source-3" id="cite-3-2"' in marker
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;more&quot;" in marker
    assert ">[3]</a></sup>" in marker and "<script>" not in marker
    entry = citation_markup.list_entry(
        3, 1, url='/s/"x"/', title=title, kind="<Report>", reference="A & B <i>"
    )
    assert '<li id="source-3" value="3" tabindex="-1">' in entry
    assert '<a href="/s/&quot;x&quot;/">&lt;script&gt;' in entry
    assert '<span class="resource-type">&lt;Report&gt;</span>' in entry
    assert '<p class="citation">A &amp; B &lt;i&gt;</p>' in entry
    assert "<script>" not in entry


def test_each_entry_links_back_to_every_marker():
    assert citation_markup.back_links(4, 0) == ""
    one = citation_markup.back_links(4, 1)
    assert one.startswith('<a class="back-to-text" href="#cite-4-1">Back to text')
    assert "(source 4)" in one
    three = citation_markup.back_links(4, 3)
    assert three.startswith('<p class="back-to-text">Back to text:')
    assert [f'href="#cite-4-{n}"' in three for n in (1, 2, 3)] == [True] * 3
    assert three.count("of source 4") == 3
