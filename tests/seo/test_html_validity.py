"""Every kind of public page parses as valid HTML5 and has the basics a reader relies on."""

from collections import Counter

import pytest

from django.core.cache import cache
from django.template.loader import render_to_string

from tests.seo.html import parse_strict

# One URL per page type, from the demo content. Add new public page types here.
PUBLIC_URLS = [
    "/",
    "/story-of-progress/",
    "/story-of-progress/organisational-progress/",
    "/story-of-progress/organisational-progress/education/",
    "/story-of-progress/experiences/mental-health/",
    "/story-of-progress/national-data/aftercare/",
    "/indicators/",
    "/indicators/children-with-three-or-more-placements/",
    "/evidence/",
    "/evidence/sources/",
    "/evidence/sources/how-do-we-know-we-are-doing-good-work/",
    "/evidence/organisations/",
    "/evidence/organisations/cosla/",
    "/search/",
    "/search/?q=care",
    "/library/",
    "/library/?type=report&sort=year",
]
NOT_FOUND_URL = "/no-such-page/"


def problems_in(html: str, *, canonical: bool = True) -> list[str]:
    document = parse_strict(html)
    problems = []
    root = document if document.tag == "html" else document.find("html")
    if not root.get("lang"):
        problems.append("<html> has no lang")
    title = document.find("head/title")
    if title is None or not (title.text or "").strip():
        problems.append("no <title>")
    h1s = list(document.iter("h1"))
    if len(h1s) != 1:
        problems.append(f"{len(h1s)} <h1> elements")
    links = [link for link in document.iter("link") if link.get("rel") == "canonical"]
    if canonical and not (len(links) == 1 and links[0].get("href", "").startswith("http")):
        problems.append("no single absolute canonical link")
    ids = Counter(element.get("id") for element in document.iter() if element.get("id"))
    problems += [f"id {value!r} used {count} times" for value, count in ids.items() if count > 1]
    problems += [
        f"<img src={image.get('src')!r}> has no alt"
        for image in document.iter("img")
        if image.get("alt") is None
    ]
    return problems


@pytest.mark.django_db
def test_public_pages_are_valid_html(demo_site, client):
    cache.clear()
    failures = {}
    for url in PUBLIC_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        try:
            problems = problems_in(response.content.decode())
        except AssertionError as error:
            problems = [str(error)]
        if problems:
            failures[url] = problems
    assert not failures, "\n".join(f"{url}: {'; '.join(p)}" for url, p in failures.items())


@pytest.mark.django_db
def test_not_found_page_is_valid_html(demo_site, client):
    response = client.get(NOT_FOUND_URL)
    assert response.status_code == 404
    assert problems_in(response.content.decode(), canonical=False) == []


def test_server_error_page_is_valid_html():
    assert problems_in(render_to_string("500.html"), canonical=False) == []


def test_checks_catch_invalid_markup():
    broken = (
        "<!DOCTYPE html><html><head><title>x</title></head>"
        "<body><p id=a><p id=a></div></body></html>"
    )
    with pytest.raises(AssertionError, match=r"line 1, column \d+: end-tag-too-early"):
        problems_in(broken)
    almost = (
        '<!DOCTYPE html><html><head><title>x</title></head><body><h1 id="a">A</h1>'
        '<p id="a"><img src="x.png"></p></body></html>'
    )
    assert problems_in(almost) == [
        "<html> has no lang",
        "no single absolute canonical link",
        "id 'a' used 2 times",
        "<img src='x.png'> has no alt",
    ]
