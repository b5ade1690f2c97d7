"""Control characters in every text field of published evidence never reach what the site
writes: every output format parses, and holds no C0/C1 control character but tab, line feed and
carriage return (and only where the format allows them).

The evidence is saved through the models, not the admin's forms (which drop control
characters, `evidence.forms`): this is text that arrived another way, by an import or before
the forms cleaned it. U+0000 is left out on PostgreSQL, which cannot store it.
"""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from openpyxl import load_workbook

from django.contrib.auth import get_user_model
from django.db import connection, models
from django.test import Client
from django.urls import reverse

from wagtail.fields import RichTextField
from wagtail.models import Page, Site

from sitewide.models import SiteSettings
from tests.hardening.public_site import build_public_site, page_examples
from tests.module_data import built_once

#: C0 and C1 control characters except tab, line feed and carriage return.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
JSON_LD = re.compile(r'(?s)<script type="application/ld\+json">(.*?)</script>')


def pasted() -> str:
    controls = "\x01\x08\x0b\x0c\x1b\x7f\x85"
    return controls if connection.vendor == "postgresql" else "\x00" + controls


def skipped(field: models.Field) -> bool:
    return (
        isinstance(field, models.SlugField | models.URLField | models.EmailField)
        or bool(field.choices)
        or field.name in ("path", "url_path", "draft_title", "latest_revision_created_at")
    )


def fill_text_fields(obj, text: str) -> None:
    """Every text field the model declares (and a page's title and promote fields) gets the
    control characters."""
    names = {"title", "seo_title", "search_description"} if isinstance(obj, Page) else set()
    for field in type(obj)._meta.concrete_fields:
        own = field.model is type(obj) or field.name in names
        if own and isinstance(field, models.CharField | models.TextField) and not skipped(field):
            value = getattr(obj, field.attname) or "Words"
            if isinstance(field, RichTextField):
                value = f"<p>Rich{text} words</p>"
            setattr(obj, field.attname, f"{value}{text}"[: field.max_length or None])


def publish(obj) -> None:
    if hasattr(obj, "save_revision"):
        obj.save_revision().publish()
    else:
        obj.save()


@pytest.fixture(scope="module")
def site_for_module(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        text = pasted()
        site = build_public_site(text)
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        everything = [
            site.source,
            site.organisation,
            site.page.vision_statement,
            site.page,
            site.section,
            site.story_index,
            site.home,
            site_settings,
        ]
        for obj in everything:
            obj = obj.specific if isinstance(obj, Page) else obj
            fill_text_fields(obj, text)
            publish(obj)
        site_settings.partners.create(organisation=site.organisation)
        yield site


@pytest.fixture
def public_site(site_for_module, db):
    return site_for_module


@pytest.fixture
def staff(db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client = Client()
    client.force_login(user)
    return client


def content(response) -> bytes:
    assert response.status_code == 200, response
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_clean(text: str, where: str) -> None:
    found = sorted({f"U+{ord(ch):04X}" for ch in CONTROL.findall(text)})
    assert not found, f"{where}: {', '.join(found)}"


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def test_html_pages_and_their_json_ld(public_site):
    urls = [
        *page_examples(public_site).values(),
        public_site.source.public_url,
        public_site.organisation.public_url,
        "/evidence/",
        "/evidence/sources/",
        "/evidence/organisations/",
        "/library/",
        "/search/?q=words",
        "/no-such-page/",
    ]
    client = Client()
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        html = (
            content(response).decode() if response.status_code == 200 else response.content.decode()
        )
        assert_clean(html, url)
        for block in JSON_LD.findall(html):
            for value in strings_in(json.loads(block)):
                assert_clean(value, f"{url} JSON-LD")


def test_search_and_autocomplete_json(public_site):
    data = json.loads(content(Client().get("/search/autocomplete/", {"q": "hearing"})))
    assert data, "the autocomplete found nothing to check"
    for value in strings_in(data):
        assert_clean(value, "autocomplete")


def test_xml_sitemap_and_feeds(public_site):
    for url in ("/sitemap.xml", "/feeds/updates.rss", "/feeds/updates.atom"):
        body = content(Client().get(url))
        ET.fromstring(body)  # noqa: S314 - our own output
        assert_clean(body.decode(), url)


def test_citation_downloads_and_robots(public_site):
    urls = [
        reverse("library:source_ris", args=[public_site.source.slug]),
        reverse("library:source_bibtex", args=[public_site.source.slug]),
        reverse("library:ris"),
        reverse("library:bibtex"),
        reverse("page_citation", args=[public_site.page.pk, "ris"]),
        reverse("page_citation", args=[public_site.page.pk, "bib"]),
        "/robots.txt",
    ]
    for url in urls:
        assert_clean(content(Client().get(url)).decode(), url)


def test_library_csv(public_site):
    rows = list(csv.reader(io.StringIO(content(Client().get(reverse("library:csv"))).decode())))
    assert len(rows) > 1
    for cell in (cell for row in rows for cell in row):
        assert_clean(cell, "library CSV")


def test_admin_snippet_exports(public_site, staff):
    for model in ("source", "organisation"):
        url = reverse(f"wagtailsnippets_evidence_{model}:list")
        rows = list(csv.reader(io.StringIO(content(staff.get(url, {"export": "csv"})).decode())))
        for cell in (cell for row in rows for cell in row):
            assert_clean(cell, f"{model} CSV export")
        workbook = load_workbook(io.BytesIO(content(staff.get(url, {"export": "xlsx"}))))
        for row in workbook.active.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert_clean(cell.value, f"{model} XLSX export")
