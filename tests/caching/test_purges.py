"""A change purges exactly the URLs that show what changed (`caching/purges.py`, `shown.py`), in
every cache (the app's own, and what the recording backend stands for: Varnish, a CDN), and the
next request shows the change.

Each test changes one thing in the small site of `tests/caching/site.py`, committed (on-commit
callbacks run), and compares the set of purged URLs with what the templates show.
"""

from io import StringIO

import pytest

from django.core.files.base import ContentFile
from django.core.management import call_command

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from evidence.models import Organisation, Source
from indicators.loading import create_indicator, figures_for
from sitewide.models import SiteSettings, SiteSettingsPartner
from story.models import VisionStatement, VisionStatementPage
from tests.caching.site import (
    CACHED_URLS,
    EDUCATION,
    EDUCATION_SCOTLAND,
    EXPERIENCES,
    FAMILY,
    HEARING,
    HOME,
    INSPECTORATE,
    LISTINGS_OF_ORGANISATIONS,
    LISTINGS_OF_PAGES,
    LISTINGS_OF_SOURCES,
    ORGANISATIONAL,
    OTHER_FAMILY,
    SCHOOL,
    STORY,
    Site,
    urls,
)
from tests.factories import SectionPageFactory, narrative

MOVED_EDUCATION = "/story-of-progress/organisational-progress/education/"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what is deferred to the commit, as the end of the admin's transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def kept(client):
    """GET each URL twice: the second answer must come from the cache."""

    def keep(*paths):
        for path in paths:
            client.get(path)
            assert client.get(path)["X-Page-Cache"] == "hit", path

    return keep


def publish(obj):
    obj.save_revision().publish()


def test_publishing_a_page_purges_it_its_listings_and_the_evidence_it_cites(
    site, page_cache, committed, kept, client
):
    kept(FAMILY, HEARING, EDUCATION, SCHOOL)
    page = Site.page(site.family)
    page.title = "Family life"
    with committed():
        publish(page)

    assert set(page_cache) == urls(
        FAMILY, OTHER_FAMILY, EXPERIENCES, STORY, HOME, HEARING, INSPECTORATE, LISTINGS_OF_PAGES
    )
    response = client.get(FAMILY)
    assert response["X-Page-Cache"] == "miss"
    assert b"Family life" in response.content
    assert b"Family life" in client.get(HEARING).content  # "Cited in" names it
    assert client.get(EDUCATION)["X-Page-Cache"] == "hit"  # shows nothing that changed
    assert client.get(SCHOOL)["X-Page-Cache"] == "hit"


def test_saving_a_draft_purges_nothing(site, page_cache, committed):
    page = Site.page(site.family)
    page.title = "A draft title"
    with committed():
        page.save_revision()
    assert page_cache == []


def test_unpublishing_a_page_purges_what_showed_it(site, page_cache, committed, kept, client):
    kept(FAMILY, HEARING)
    with committed():
        Site.page(site.family).unpublish()

    assert set(page_cache) == urls(
        FAMILY, OTHER_FAMILY, EXPERIENCES, STORY, HOME, HEARING, INSPECTORATE, LISTINGS_OF_PAGES
    )
    assert client.get(FAMILY).status_code == 404
    assert b'href="/story-of-progress/experiences/family/"' not in client.get(HEARING).content


def test_moving_a_page_purges_its_old_and_new_places(site, page_cache, committed, kept, client):
    kept(EDUCATION, ORGANISATIONAL)
    with committed():
        Site.page(site.education).move(Site.page(site.organisational), pos="last-child")

    assert set(page_cache) == urls(
        EDUCATION,
        MOVED_EDUCATION,
        EXPERIENCES,
        ORGANISATIONAL,
        STORY,
        HOME,
        SCHOOL,
        EDUCATION_SCOTLAND,
        LISTINGS_OF_PAGES,
    )
    old_place = client.get(EDUCATION)  # Wagtail's automatic redirect, not the kept page
    assert (old_place.status_code, old_place["Location"]) == (301, MOVED_EDUCATION)
    assert client.get(MOVED_EDUCATION).status_code == 200
    assert b"Education" in client.get(ORGANISATIONAL).content


def test_deleting_a_page_purges_what_showed_it(site, page_cache, committed, kept, client):
    kept(EDUCATION, SCHOOL)
    with committed():
        Site.page(site.education).delete()

    assert set(page_cache) == urls(
        EDUCATION, EXPERIENCES, STORY, HOME, SCHOOL, EDUCATION_SCOTLAND, LISTINGS_OF_PAGES
    )
    assert client.get(EDUCATION).status_code == 410  # deleted: gone, not unknown (story.gone)
    assert b"No published page cites this source yet." in client.get(SCHOOL).content


def test_renaming_a_section_purges_the_pages_below_it(site, page_cache, committed, kept, client):
    """Their breadcrumbs name it, so every page below it and what shows them is purged."""
    kept(FAMILY)
    section = Site.page(site.experiences)
    section.title = "Lived experience"
    with committed():
        publish(section)

    assert set(page_cache) == urls(
        EXPERIENCES,
        FAMILY,
        EDUCATION,
        OTHER_FAMILY,
        STORY,
        HOME,
        HEARING,
        INSPECTORATE,
        SCHOOL,
        EDUCATION_SCOTLAND,
        LISTINGS_OF_PAGES,
    )
    assert b"Lived experience" in client.get(FAMILY).content


def test_a_new_section_purges_every_vision_statement_page(site, page_cache, committed, kept):
    """Each statement page lists the statement through every section (`story.lenses`)."""
    kept(FAMILY, OTHER_FAMILY)
    with committed():
        publish(
            SectionPageFactory(
                parent=Site.page(site.story), title="National data", slug="national-data"
            )
        )

    assert urls(FAMILY, OTHER_FAMILY, EDUCATION) <= set(page_cache)


def test_a_view_restriction_purges_the_subtree_it_hides(site, page_cache, committed, kept, client):
    kept(FAMILY, HEARING)
    with committed():
        PageViewRestriction.objects.create(
            page=Site.page(site.experiences),
            restriction_type=PageViewRestriction.PASSWORD,
            password="secret",
        )

    assert set(page_cache) == urls(
        EXPERIENCES,
        FAMILY,
        EDUCATION,
        OTHER_FAMILY,
        STORY,
        HOME,
        HEARING,
        INSPECTORATE,
        SCHOOL,
        EDUCATION_SCOTLAND,
        LISTINGS_OF_PAGES,
    )
    assert b"password" in client.get(FAMILY).content.lower()
    assert b'href="/story-of-progress/experiences/family/"' not in client.get(HEARING).content


def test_publishing_a_source_purges_the_pages_citing_it(site, page_cache, committed, kept, client):
    kept(FAMILY, HEARING, EDUCATION)
    source = Source.objects.get(pk=site.hearing)
    source.title = "Hearing children and young people"
    with committed():
        publish(source)

    assert set(page_cache) == urls(HEARING, INSPECTORATE, FAMILY, LISTINGS_OF_SOURCES)
    assert b"Hearing children and young people" in client.get(FAMILY).content
    assert client.get(EDUCATION)["X-Page-Cache"] == "hit"


def test_a_source_changing_makers_purges_both_organisations(site, page_cache, committed, client):
    source = Source.objects.get(pk=site.hearing)
    source.organisations.set([Organisation.objects.get(pk=site.education_scotland)])
    with committed():
        publish(source)

    assert set(page_cache) == urls(
        HEARING, INSPECTORATE, EDUCATION_SCOTLAND, FAMILY, LISTINGS_OF_SOURCES
    )
    assert b"Hearing children" not in client.get(INSPECTORATE).content
    assert b"Hearing children" in client.get(EDUCATION_SCOTLAND).content


def test_unpublishing_a_source_purges_what_showed_it(site, page_cache, committed, kept, client):
    kept(FAMILY, HEARING)
    with committed():
        Source.objects.get(pk=site.hearing).unpublish()

    assert set(page_cache) == urls(HEARING, INSPECTORATE, FAMILY, LISTINGS_OF_SOURCES)
    assert client.get(HEARING).status_code == 404
    assert f'href="{HEARING}"'.encode() not in client.get(FAMILY).content


def test_deleting_a_source_purges_what_showed_it(site, page_cache, committed):
    with committed():
        Source.objects.get(pk=site.school).delete()
    assert set(page_cache) == urls(SCHOOL, EDUCATION_SCOTLAND, EDUCATION, LISTINGS_OF_SOURCES)


def test_an_organisation_purges_its_sources_and_the_pages_citing_them(
    site, page_cache, committed, kept, client
):
    kept(FAMILY, HEARING)
    organisation = Organisation.objects.get(pk=site.inspectorate)
    organisation.name = "Care Inspectorate Scotland"
    with committed():
        publish(organisation)

    assert set(page_cache) == urls(INSPECTORATE, HEARING, FAMILY, LISTINGS_OF_ORGANISATIONS)
    assert b"Care Inspectorate Scotland" in client.get(HEARING).content
    assert b"Care Inspectorate Scotland" in client.get(FAMILY).content  # in the APA reference


def test_a_partner_is_on_every_page(site, page_cache, committed):
    settings = SiteSettings.objects.create(site_id=Site.page(site.home).get_site().pk)
    SiteSettingsPartner.objects.create(site_settings=settings, organisation_id=site.inspectorate)
    page_cache.clear()
    organisation = Organisation.objects.get(pk=site.inspectorate)
    organisation.short_name = "CI"
    with committed():
        publish(organisation)
    assert set(page_cache) == urls(CACHED_URLS)


def test_site_settings_are_on_every_page(site, page_cache, committed, kept, client):
    kept(SCHOOL)
    with committed():
        SiteSettings.objects.create(
            site_id=Site.page(site.home).get_site().pk, site_name="Promise Progress"
        )
    assert set(page_cache) == urls(CACHED_URLS)
    assert b"Promise Progress" in client.get(SCHOOL).content


def test_a_vision_statement_purges_its_pages_and_their_listings(site, page_cache, committed):
    statement = VisionStatement.objects.get(pk=site.statement)
    statement.short_name = "Families"
    with committed():
        statement.save()
    assert set(page_cache) == urls(
        FAMILY, OTHER_FAMILY, EXPERIENCES, ORGANISATIONAL, STORY, HOME, "/library/"
    )


def test_purge_pages_purges_every_public_url(site, page_cache):
    """For changes made without signals (SQL by hand, a restored database)."""
    call_command("purge_pages", stdout=StringIO())
    assert set(page_cache) == urls(CACHED_URLS)


def test_publishing_an_indicator_purges_its_page_and_the_pages_showing_it(
    site, page_cache, committed, kept, client
):
    with committed():
        indicator = create_indicator(
            name="Children heard",
            what_it_measures="Children who say they were heard.",
            unit="%",
            source=Source.objects.get(pk=site.hearing),
            rows=[("2023", "41"), ("2024", "47")],
        )
        family = VisionStatementPage.objects.get(pk=site.family)
        family.body.append(("indicator", {"indicator": indicator, "introduction": ""}))
        publish(family)
    page_cache.clear()
    shown = indicator.public_url
    kept(FAMILY, shown, EDUCATION)
    indicator.figures = figures_for([("2023", "41"), ("2024", "52")])
    with committed():
        publish(indicator)

    assert set(page_cache) == urls(FAMILY, shown, "/indicators/", LISTINGS_OF_PAGES - {"/library/"})
    assert b"52%" in client.get(FAMILY).content and b"52%" in client.get(shown).content
    assert client.get(EDUCATION)["X-Page-Cache"] == "hit"


def a_document(title="Annual report"):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"A report.\n", name="report.txt")
    )


def school_records_with_a_document(site):
    """A document attached to the "School records" source, published."""
    document = a_document()
    source = Source.objects.get(pk=site.school)
    source.document = document
    publish(source)
    return document


def test_a_replaced_document_purges_the_pages_linking_it_and_its_source(
    site, page_cache, committed, kept, client
):
    """A document's URL ends with its file name, so a page kept with the old one would link to
    a 404: what links the document (a page's paragraph, a source) is purged."""
    document = school_records_with_a_document(site)
    page = Site.page(site.family)
    link = f'<a linktype="document" id="{document.pk}">the report</a>'
    page.body = [*page.body.raw_data, narrative(f"<p>Read {link}.</p>")]
    publish(page)
    kept(FAMILY, SCHOOL, HEARING)
    page_cache.clear()

    document.file = ContentFile(b"A corrected report.\n", name="corrected.txt")
    with committed():
        document.save()

    assert set(page_cache) == urls(
        FAMILY, SCHOOL, EDUCATION_SCOTLAND, EDUCATION, LISTINGS_OF_SOURCES
    )
    assert document.url.encode() in client.get(FAMILY).content
    assert document.url.encode() in client.get(SCHOOL).content
    assert client.get(HEARING)["X-Page-Cache"] == "hit"


def test_a_deleted_document_purges_its_source_though_no_signal_says_it_changed(
    site, page_cache, committed
):
    document = school_records_with_a_document(site)
    page_cache.clear()
    with committed():
        document.delete()  # the source's link to it is set to nothing by an UPDATE
    assert set(page_cache) == urls(SCHOOL, EDUCATION_SCOTLAND, EDUCATION, LISTINGS_OF_SOURCES)


def test_a_changed_logo_purges_its_organisation_and_what_shows_it(site, page_cache, committed):
    logo = get_image_model().objects.create(
        title="Logo", file=get_test_image_file(), width=640, height=480
    )
    organisation = Organisation.objects.get(pk=site.inspectorate)
    organisation.logo = logo
    publish(organisation)
    page_cache.clear()

    logo.title = "Care Inspectorate logo"  # its alternative text on the page
    with committed():
        logo.save()
    assert set(page_cache) == urls(INSPECTORATE, HEARING, FAMILY, LISTINGS_OF_ORGANISATIONS)


def test_what_wagtail_saves_of_a_file_by_itself_purges_nothing(site, page_cache, committed):
    document = school_records_with_a_document(site)
    page_cache.clear()
    with committed():
        document.file_size = 10
        document.save(update_fields=["file_size"])
        an_unused = a_document("Not linked from anywhere")
        an_unused.title = "Still not linked"
        an_unused.save()
    assert page_cache == []
