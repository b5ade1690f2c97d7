"""Public templates: landmarks, headings, skip link, quick exit, alt text. The story's own
templates (citations, dates, strength) are in `test_story_templates.py`."""

import re

import pytest
import wagtail_factories

from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from tests.factories import OrganisationFactory
from tests.sitewide.factories import site_settings_naming

pytestmark = pytest.mark.django_db

DEMO_PATHS = [
    "/",
    "/story-of-progress/",
    "/story-of-progress/national-data/",
    "/story-of-progress/organisational-progress/",
    "/story-of-progress/experiences/",
    "/story-of-progress/organisational-progress/supporting-children-to-stay-with-their-families/",
    "/evidence/sources/",
    "/evidence/organisations/",
    "/evidence/organisations/cosla/",
]
HEADING = re.compile(r"<h([1-6])\b")


def body_of(html: str) -> str:
    return html.split("<body", 1)[1]


@pytest.mark.parametrize("path", DEMO_PATHS)
def test_page_structure(demo_site, client, path):
    html = client.get(path).content.decode()
    assert '<html lang="en-GB">' in html
    body = body_of(html)
    first_link = re.search(r"<a\b[^>]*>", body).group(0)
    assert 'class="skip-link" href="#main-content"' in first_link
    assert 'id="main-content"' in body
    for landmark in ("<header", "<main", "<footer", 'aria-label="Main"'):
        assert landmark in body, landmark
    levels = [int(level) for level in HEADING.findall(body)]
    assert levels.count(1) == 1, f"{path}: {levels.count(1)} h1 elements"
    assert levels[0] == 1, f"{path}: the first heading is h{levels[0]}"
    for previous, current in zip(levels, levels[1:], strict=False):
        assert current <= previous + 1, f"{path}: h{previous} is followed by h{current}"
    if path != "/":
        assert 'aria-label="Breadcrumb"' in body and 'aria-current="page"' in body


def test_quick_exit_on_every_page_and_configurable(home_page, client, settings):
    html = client.get("/").content.decode()
    assert 'href="https://www.bbc.co.uk/weather" rel="noreferrer" data-quick-exit' in html
    assert ">Leave this site quickly</a>" in html
    assert "js/quick-exit.js" in html
    settings.QUICK_EXIT_URL = "https://example.org/neutral"
    assert 'href="https://example.org/neutral"' in client.get("/").content.decode()
    assert 'href="https://example.org/neutral"' in client.get("/evidence/sources/").content.decode()


def test_image_alt_text_is_required_in_the_admin():
    form_class = get_image_form(get_image_model())
    form = form_class(data={"title": "COSLA logo"})
    assert not form.is_valid()
    assert "description" in form.errors
    assert form.fields["description"].label == "Alt text"


def test_partner_logo_alt_text_comes_from_the_image(home_page, client):
    logo = wagtail_factories.ImageFactory(title="cosla.png", description="COSLA logo")
    organisation = OrganisationFactory(name="COSLA", logo=logo)
    site_settings_naming(organisation)
    html = client.get("/").content.decode()
    assert re.search(r'<img [^>]*alt="COSLA logo"', html)
    assert 'alt=""' not in html
