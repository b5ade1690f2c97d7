"""Every response carries a Content-Security-Policy: the strict public one, or the admin's.

Headers only: whether chromium obeys them without breaking a page is tests/browser/test_csp.py.
"""

import base64
import hashlib
import re

import pytest

from django.template.loader import render_to_string

from evidence.models import Source
from story.models import VisionStatementPage

SOURCE = "how-do-we-know-we-are-doing-good-work"
PUBLIC_URLS = [
    "/",
    "/story-of-progress/",
    "/story-of-progress/organisational-progress/",
    "/story-of-progress/organisational-progress/education/",
    "/evidence/",
    "/evidence/sources/",
    f"/evidence/sources/{SOURCE}/",
    "/evidence/organisations/",
    "/evidence/organisations/cosla/",
    "/library/",
    "/library/?type=report&sort=year",
    "/library/library.csv",
    "/library/library.ris",
    f"/library/sources/{SOURCE}/citation.bib",
    "/search/",
    "/search/?q=care",
    "/search/?q=zzzzqqqq",
    "/search/autocomplete/?q=car",
    "/sitemap.xml",
    "/robots.txt",
    "/feeds/updates.rss",
    "/static/css/site.css",
]
PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def policy(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{response.status_code} response without a Content-Security-Policy"
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


@pytest.mark.django_db
def test_public_responses_carry_the_strict_policy(demo_site, client):
    page = VisionStatementPage.objects.live().first()
    urls = [*PUBLIC_URLS, f"/cite/page/{page.pk}.ris", "/no-such-page/"]
    wrong = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        if policy(response) != PUBLIC_POLICY:
            wrong[url] = response.headers["Content-Security-Policy"]
    assert not wrong, wrong


@pytest.mark.django_db
@pytest.mark.urls("tests.seo.error_urls")
def test_the_500_page_may_use_its_own_stylesheet_and_nothing_else_inline(client, home_page):
    client.raise_request_exception = False
    response = client.get("/test-only/server-error/")
    assert response.status_code == 500
    styles = re.findall(r"<style>(.*?)</style>", response.content.decode(), re.DOTALL)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    directives = policy(response)
    assert directives["style-src"] == ["'self'", f"'sha256-{digest}'"]
    assert directives["script-src"] == ["'self'"]
    assert render_to_string("500.html") == response.content.decode()  # hashed as served


@pytest.mark.django_db
def test_admin_responses_carry_the_admin_policy(demo_site, client, admin_client):
    page = VisionStatementPage.objects.live().first()
    source = Source.objects.live().first()
    urls = [
        "/admin/",
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/snippets/evidence/source/edit/{source.pk}/",
        "/admin/snippets/choose/evidence/source/",
    ]
    for url in [*urls, "/admin/no-such-view/"]:
        response = admin_client.get(url)
        assert response.status_code in (200, 404), url
        directives = policy(response)
        # Wagtail's templates write inline scripts and styles, but no inline event handlers.
        assert directives["script-src"] == ["'self'", "'unsafe-inline'"], url
        assert directives["script-src-attr"] == ["'none'"], url
        assert directives["frame-ancestors"] == ["'self'"], url
        assert directives["img-src"] == ["'self'", "data:", "blob:"], url
        assert directives["object-src"] == ["'none'"], url
    login = client.get("/admin/login/")
    assert policy(login) == policy(admin_client.get("/admin/"))


@pytest.mark.django_db
def test_a_preview_keeps_the_public_policy_and_may_be_framed_by_the_admin(demo_site, admin_client):
    page = VisionStatementPage.objects.live().first()
    response = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 200
    assert policy(response) == {**PUBLIC_POLICY, "frame-ancestors": ["'self'"]}


@pytest.mark.django_db
def test_the_public_policy_built_once_is_django_csps_and_follows_the_settings(
    home_page, client, settings
):
    """Built once per settings object (`ContentSecurityPolicyMiddleware.public_policy`): the
    same string django-csp builds, and a changed policy is used at once."""
    from csp.utils import build_policy

    assert client.get("/").headers["Content-Security-Policy"] == build_policy()
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": ["'none'"]},
    }
    header = client.get("/").headers["Content-Security-Policy"]
    assert "img-src 'none'" in header and header == build_policy()
