"""Settings → Site settings: editors change the site name, partners, quick exit and footer, and
every reader-facing use follows (header, footer, head metadata, feeds, page citations)."""

import re

import pytest

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from sitewide.models import SiteSettings
from sitewide.page_citations import page_citation_record
from tests.factories import (
    OrganisationFactory,
    SectionPageFactory,
    StoryIndexPageFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
)
from tests.site_caches import warm_site_caches
from tests.sitewide.factories import site_settings_naming, the_three_partners

pytestmark = pytest.mark.django_db

FOOTER_SENTENCE = re.compile(r"<p>The Promise (.+?) is developed by (.+?)\.</p>")


@pytest.fixture
def story(home_page):
    index = StoryIndexPageFactory(parent=home_page)
    section = SectionPageFactory(parent=index)
    page = VisionStatementPageFactory(
        parent=section, title="Education", vision_statement=VisionStatementFactory(number=7)
    )
    return {"index": index, "section": section, "page": page}


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def footer_sentence(html: str) -> tuple[str, list[str]]:
    site_name, partners = FOOTER_SENTENCE.search(html).groups()
    return site_name, re.findall(r">([^<]+)</a>", partners)


def test_defaults_before_anyone_edits_the_settings(story, client, settings):
    html = html_of(client, story["page"].url)
    assert "<title>Education | Story of Progress</title>" in html
    assert '<meta property="og:site_name" content="Story of Progress">' in html
    assert f'href="{settings.QUICK_EXIT_URL}" rel="noreferrer" data-quick-exit' in html
    assert "It is informed by the Promise Collective." in html
    assert not FOOTER_SENTENCE.search(html)  # no partners chosen yet: nobody is named
    assert not SiteSettings.objects.exists()  # reading a page never writes the settings


def test_editing_the_settings_changes_header_footer_meta_and_quick_exit(story, client):
    the_three_partners(
        site_name="Progress Story",
        quick_exit_url="https://example.org/neutral",
        footer_text="<p>Footer words for <b>everyone</b>.</p>",
    )
    for url in (story["page"].url, "/", reverse("evidence:source_index"), "/library/?page=1"):
        html = html_of(client, url)
        assert re.search(r"<title>[^<]* \| Progress Story</title>", html), url
        assert '<span class="site-header__promise">The Promise</span> Progress Story</a>' in html
        assert '<meta property="og:site_name" content="Progress Story">' in html
        assert 'title="Progress Story updates (RSS)"' in html
        assert 'title="Progress Story updates (Atom)"' in html
        assert 'href="https://example.org/neutral" rel="noreferrer" data-quick-exit' in html
        assert footer_sentence(html) == (
            "Progress Story",
            ["COSLA", "Scottish Government", "The Promise Scotland"],
        )
        assert "<p>Footer words for <b>everyone</b>.</p>" in html
        assert "Story of Progress</title>" not in html


def test_partners_are_publishers_in_metadata_and_page_citations(story, client, rf):
    the_three_partners(site_name="Progress Story")
    html = html_of(client, "/")
    assert '"publisher": [{"@type": "Organization", "name": "COSLA"}' in html
    assert '"@type": "WebSite", "name": "Progress Story"' in html
    record = page_citation_record(story["page"], rf.get("/", HTTP_HOST="localhost"))
    assert record.organisations == ("COSLA", "Scottish Government", "The Promise Scotland")
    assert record.container == "Progress Story"
    ris = client.get(f"/cite/page/{story['page'].pk}.ris").content.decode()
    assert "AU  - COSLA" in ris
    assert "T2  - Progress Story" in ris


def test_feeds_are_titled_with_the_site_name(story, client):
    site_settings_naming(site_name="Progress Story")
    assert "<title>Progress Story: updates</title>" in html_of(client, "/feeds/updates.rss")
    assert "<title>Progress Story: updates</title>" in html_of(client, "/feeds/updates.atom")


def test_partners_keep_their_order_and_unpublished_ones_are_left_out(story, client, rf):
    first, withdrawn, last = (OrganisationFactory(name=n) for n in ("Zeta", "Withdrawn", "Alpha"))
    site_settings_naming(first, withdrawn, last)
    withdrawn.unpublish()
    html = html_of(client, "/")
    assert footer_sentence(html)[1] == ["Zeta", "Alpha"]
    partners_section = html.split('id="partners-heading"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'partner-list__name">([^<]+)<', partners_section) == ["Zeta", "Alpha"]
    assert "Withdrawn" not in html
    record = page_citation_record(story["page"], rf.get("/", HTTP_HOST="localhost"))
    assert record.organisations == ("Zeta", "Alpha")


def test_a_change_to_the_settings_or_a_partner_shows_on_the_next_page(story, client):
    """Every page's settings are kept in the shared cache until something they show changes."""
    zeta, alpha = OrganisationFactory(name="Zeta"), OrganisationFactory(name="Alpha")
    site_settings = site_settings_naming(zeta, alpha, site_name="Progress Story")
    url = story["page"].url
    assert footer_sentence(html_of(client, url)) == ("Progress Story", ["Zeta", "Alpha"])
    site_settings.site_name = "Renamed"
    site_settings.save()
    assert footer_sentence(html_of(client, url)) == ("Renamed", ["Zeta", "Alpha"])
    zeta.name = "Zeta Trust"
    zeta.save_revision().publish()
    assert footer_sentence(html_of(client, url))[1] == ["Zeta Trust", "Alpha"]
    alpha.unpublish()
    assert footer_sentence(html_of(client, url))[1] == ["Zeta Trust"]


def test_quick_exit_url_must_be_https(home_page):
    site_settings = site_settings_naming()
    site_settings.quick_exit_url = "http://example.org/"
    with pytest.raises(ValidationError, match="https"):
        site_settings.full_clean()
    site_settings.quick_exit_url = "javascript:alert(1)"
    with pytest.raises(ValidationError):
        site_settings.full_clean()
    site_settings.quick_exit_url = "https://example.org/weather"
    site_settings.full_clean()


def test_page_queries_do_not_grow_with_the_partners(story, client):
    url = story["page"].url
    warm_site_caches()
    # Each the first request after the partners change, when the settings are read again (and
    # kept in the shared cache until the content changes again).
    site_settings_naming(OrganisationFactory())
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    site_settings_naming(*(OrganisationFactory() for _ in range(6)))
    with CaptureQueriesContext(connection) as many:
        html = html_of(client, url)
    assert len(footer_sentence(html)[1]) == 6
    assert len(many) == len(one)


def test_site_administrators_edit_the_settings_in_the_admin(home_page, admin_client):
    cosla, government = OrganisationFactory(name="COSLA"), OrganisationFactory(name="Government")
    site_settings = site_settings_naming()
    url = reverse("wagtailsettings:edit", args=["sitewide", "sitesettings", site_settings.site_id])
    assert admin_client.get(url).status_code == 200
    data = nested_form_data(
        {
            "site_name": "Renamed",
            "quick_exit_url": "https://example.org/",
            "footer_text": rich_text("<p>New footer.</p>"),
            "partners": inline_formset(
                [
                    {"organisation": government.pk, "ORDER": 1},
                    {"organisation": cosla.pk, "ORDER": 2},
                ]
            ),
            "suggested_searches": inline_formset([]),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    site_settings.refresh_from_db()
    assert site_settings.site_name == "Renamed"
    assert [p.organisation for p in site_settings.partners.all()] == [government, cosla]
    data["quick_exit_url"] = "http://example.org/"
    assert admin_client.post(url, data).status_code == 200  # the form comes back with the error
    site_settings.refresh_from_db()
    assert site_settings.quick_exit_url == "https://example.org/"
