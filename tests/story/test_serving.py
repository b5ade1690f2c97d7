"""Serving a page finds what Wagtail finds, in fewer queries (`story.serving`): the same page or
the same 404, the same view restrictions (aliases included), redirects, a second site, previews.

One tree for the module (`built_once`); tests that add restrictions, redirects, sites or pages
do so inside their own transaction.
"""

import pytest

from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site

from story.models import SectionPage, StoryIndexPage, VisionStatementPage
from story.serving import ServedPage, ancestors, loaded_ancestors
from tests.factories import (
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    make_home_page,
    narrative,
    part,
    source_link,
)
from tests.module_data import built_once

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tree")]


@pytest.fixture(scope="module")
def tree(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        home = make_home_page()
        story = StoryIndexPageFactory(parent=home)
        organisational = SectionPageFactory(parent=story)
        experiences = SectionPageFactory(
            parent=story, title="Experiences", slug="experiences", lens="experiential"
        )
        education, health = VisionStatementFactory(number=3), VisionStatementFactory(number=7)
        source = SourceFactory(title="Attainment of care experienced pupils")
        body = [part(), narrative(f"<p>Pupils {source_link(source, 'did better')}.</p>")]
        pages = {
            "education": VisionStatementPageFactory(
                parent=organisational, slug="education", vision_statement=education, body=body
            ),
            "health": VisionStatementPageFactory(
                parent=organisational, slug="health", vision_statement=health, body=body
            ),
            "education-experience": VisionStatementPageFactory(
                parent=experiences, slug="education", vision_statement=education
            ),
        }
        for page in (story, organisational, experiences, *pages.values()):
            page.save_revision().publish()
        VisionStatementPageFactory(parent=organisational, slug="draft", live=False)
        yield


def fresh(model, **lookups):
    return model.objects.get(**lookups)


def served(client, url, **extra):
    response = client.get(url, **extra)
    page = response.context["page"] if response.context and "page" in response.context else None
    return response, page


URLS = {
    "/": "home",
    "/story-of-progress/": StoryIndexPage,
    "/story-of-progress/organisational-progress/": SectionPage,
    "/story-of-progress/organisational-progress/education/": VisionStatementPage,
    "/story-of-progress/organisational-progress/health/": VisionStatementPage,
    "/story-of-progress/experiences/education/": VisionStatementPage,
}


def test_each_page_is_served_as_itself(client):
    for url in URLS:
        response, page = served(client, url)
        assert response.status_code == 200, url
        expected = Page.objects.get(url_path=f"/home{url}").specific
        assert type(page) is type(expected) and page.pk == expected.pk, url


@pytest.mark.parametrize(
    "url",
    [
        "/story-of-progress/organisational-progress/draft/",  # not live
        "/story-of-progress/organisational-progress/nowhere/",
        "/story-of-progress/nowhere/",
        "/story-of-progress/organisational-progress/education/deeper/",
    ],
)
def test_what_wagtail_does_not_serve_is_not_served(client, url):
    assert client.get(url).status_code == 404


def test_a_child_of_another_type_is_routed_by_wagtail(client):
    """Parent types are the admin's rule, not the tree's: a page of an unexpected type (moved
    or made by a script) is still found, by Wagtail's own routing."""
    section = fresh(SectionPage, slug="organisational-progress")
    section.add_child(instance=SectionPage(title="Odd one", slug="odd", lens="experiential"))
    response, page = served(client, "/story-of-progress/organisational-progress/odd/")
    assert response.status_code == 200
    assert isinstance(page, SectionPage) and page.title == "Odd one"


def test_routing_loads_each_page_once_and_says_what_the_page_needs(django_assert_num_queries):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    path = "/story-of-progress/organisational-progress/education/"
    # The site, its root page, then by type (each the only type its parent may have): the story
    # index, the section and the vision statement page (with its vision statement).
    with django_assert_num_queries(5):
        page, _args, _kwargs = Page.route_for_request(request, path)
    with django_assert_num_queries(0):
        chain = loaded_ancestors(page)
        assert [type(p) for p in chain] == [type(chain[0]), StoryIndexPage, SectionPage]
        assert chain[0].depth == 2
        assert page.get_parent() is chain[-1]
        assert list(page.get_view_restrictions()) == []
        assert page.vision_statement.number == 3


def test_ancestors_of_a_page_not_routed_are_read_once(django_assert_num_queries):
    page = fresh(VisionStatementPage, slug="health")
    with django_assert_num_queries(1):
        assert [p.title for p in ancestors(page)] == [
            "Home",
            "Story of Progress",
            "Organisational Progress",
        ]
    assert loaded_ancestors(page) is None


def restrict(page, kind=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="x")


def test_view_restrictions_are_wagtails(client):
    """The same restrictions as Wagtail's own `get_view_restrictions`, page by page, with
    restrictions at every level and aliases (which follow their original's)."""
    story = fresh(StoryIndexPage)
    organisational = fresh(SectionPage, slug="organisational-progress")
    experiences = fresh(SectionPage, slug="experiences")
    health = fresh(VisionStatementPage, slug="health")
    restrict(experiences)
    restrict(health, PageViewRestriction.LOGIN)
    health.create_alias(parent=experiences, update_slug="health-alias")
    organisational.create_alias(parent=story, update_slug="organisational-alias")
    restrict(fresh(Page, slug="organisational-alias"))  # ignored, as Wagtail ignores it
    for page in Page.objects.all().specific():
        ours = ServedPage.get_view_restrictions(page) if isinstance(page, ServedPage) else None
        if ours is not None:
            wagtails = Page.get_view_restrictions(page)
            assert set(ours) == set(wagtails), page.url_path


def test_restricted_pages_stay_restricted_when_routed(client):
    experiences = fresh(SectionPage, slug="experiences")
    health = fresh(VisionStatementPage, slug="health")
    password = restrict(experiences)
    restrict(health, PageViewRestriction.LOGIN)
    health.create_alias(update_slug="health-alias")  # beside it, in the same section

    response = client.get("/story-of-progress/experiences/education/")
    assert response.status_code == 200
    assert "wagtailcore/password_required.html" in [t.name for t in response.templates]
    assert f"/_util/authenticate_with_password/{password.pk}/" in response.content.decode()
    for url in (
        "/story-of-progress/organisational-progress/health/",
        "/story-of-progress/organisational-progress/health-alias/",  # follows its original
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/_util/login/" in response["Location"], url
    assert client.get("/story-of-progress/organisational-progress/education/").status_code == 200

    restrict(fresh(StoryIndexPage))  # above everything routed by type
    for url in URLS:
        if url != "/":
            assert asks_who_you_are(client.get(url)), url


def asks_who_you_are(response) -> bool:
    """A password form or a sign-in redirect (Wagtail answers the first restriction it reads
    that the request does not meet, in no set order)."""
    if response.status_code == 302:
        return "/_util/login/" in response["Location"]
    return "wagtailcore/password_required.html" in [t.name for t in response.templates]


def test_redirects_answer_what_routing_does_not_find(client):
    education = fresh(
        VisionStatementPage, url_path="/home/story-of-progress/experiences/education/"
    )
    Redirect.add_redirect("/story-of-progress/experiences/schools", redirect_to=education)
    response = client.get("/story-of-progress/experiences/schools/")
    assert response.status_code in (301, 302)
    assert response["Location"].endswith("/story-of-progress/experiences/education/")


def test_a_site_rooted_at_the_story_routes_from_there(client):
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=fresh(StoryIndexPage))
    cache.clear()  # site root paths
    response, page = served(client, "/organisational-progress/education/", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    assert page.url_path == "/home/story-of-progress/organisational-progress/education/"
    assert client.get("/nowhere/", HTTP_HOST="127.0.0.1").status_code == 404


def test_a_preview_reads_its_breadcrumbs_from_the_tree(admin_user):
    page = fresh(VisionStatementPage, slug="health")
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    request.user = admin_user
    with CaptureQueriesContext(connection):
        response = page.make_preview_request(request, page.default_preview_mode)
    html = response.content.decode()
    breadcrumbs = html[html.index('aria-label="Breadcrumb"') :]
    assert breadcrumbs.index("Story of Progress") < breadcrumbs.index("Organisational Progress")


# The request's site and page handed to Wagtail (`story.routing`) ------------------------------
WITHOUT_ROUTING = "story.routing.RoutingMiddleware"


def answer(client, url, **extra) -> tuple:
    """What a reader sees of a response: status, where it sends them, the page and template."""
    response, page = served(client, url, **extra)
    templates = sorted({t.name for t in response.templates or () if t.name})
    return (
        response.status_code,
        response.get("Location"),
        (type(page).__name__, page.pk) if page is not None else None,
        "wagtailcore/password_required.html" in templates,
    )


def test_routing_in_one_query_answers_as_wagtail_does(client, settings):
    """Every kind of URL, answered with the middleware and without it (Wagtail's routing, with
    `ServedPage`'s): pages, a draft, unknown slugs, deeper paths, a version, a page under an
    unpublished section, a child of another type, restrictions at each level, aliases."""
    story = fresh(StoryIndexPage)
    organisational = fresh(SectionPage, slug="organisational-progress")
    experiences = fresh(SectionPage, slug="experiences")
    health = fresh(VisionStatementPage, slug="health")
    hidden = SectionPageFactory(parent=story, title="Hidden", slug="hidden", live=False)
    VisionStatementPageFactory(
        parent=hidden, slug="inside", vision_statement=VisionStatementFactory()
    ).save_revision().publish()
    organisational.add_child(instance=SectionPage(title="Odd one", slug="odd", lens="experiential"))
    restrict(experiences)
    restrict(health, PageViewRestriction.LOGIN)
    health.create_alias(parent=experiences, update_slug="health-alias")
    # An alias's original's restrictions count for the pages below the alias.
    organisational.create_alias(parent=story, update_slug="organisational-alias", recursive=True)
    restrict(organisational)
    urls = [
        *URLS,
        "/story-of-progress/organisational-progress/draft/",
        "/story-of-progress/organisational-progress/nowhere/",
        "/story-of-progress/organisational-progress/education/deeper/",
        "/story-of-progress/organisational-progress/education/versions/1/",
        "/story-of-progress/hidden/inside/",
        "/story-of-progress/organisational-progress/odd/",
        "/story-of-progress/experiences/health-alias/",
        "/story-of-progress/organisational-alias/health/",
        "/story-of-progress/organisational-alias/education/",
        "/nowhere/deeper/still/",
    ]
    ours = [answer(client, url) for url in urls]
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != WITHOUT_ROUTING]
    wagtails = [answer(Client(), url) for url in urls]  # a new client loads the middleware
    assert ours == wagtails
    assert ours[urls.index("/story-of-progress/experiences/education/")][0] == 200  # password
    assert ours[urls.index("/story-of-progress/")][:1] == (200,)


def test_a_page_and_its_site_are_found_in_two_queries_then_none(
    client, django_assert_num_queries, admin_user
):
    from django.contrib.auth.models import AnonymousUser

    from wagtail import views as wagtail_views

    from story.routing import RoutingMiddleware, all_sites

    all_sites()  # what every process finds in the shared cache after its first request
    url = "/story-of-progress/organisational-progress/education/"

    def route(user):
        request = RequestFactory().get(url, HTTP_HOST="localhost")
        request.user = user
        RoutingMiddleware(lambda r: None).process_view(request, wagtail_views.serve, [url[1:]], {})
        return request

    # The page (with its vision statement and whether a view restriction applies), its ancestors.
    with django_assert_num_queries(2):
        route(AnonymousUser())
    with django_assert_num_queries(0):  # kept for readers until the content changes
        request = route(AnonymousUser())
    with django_assert_num_queries(2):  # signed in: the user bar shows the page's draft state
        route(admin_user)
    page, _args, _kwargs = request._wagtail_route_for_request
    assert page.url_path == f"/home{url}"
    with django_assert_num_queries(0):
        assert [p.title for p in loaded_ancestors(page)] == [
            "Home",
            "Story of Progress",
            "Organisational Progress",
        ]
        assert list(page.get_view_restrictions()) == []
        assert page.vision_statement.number == 3
        assert request._wagtail_site.root_page.slug == "home"


@pytest.mark.parametrize(
    "sites",
    [
        [("localhost", 80, True)],
        [("localhost", 80, False)],
        [("a.example", 80, True), ("b.example", 80, False)],
        [("a.example", 80, False), ("a.example", 8080, False)],
        [("a.example", 80, False), ("a.example", 8080, True), ("b.example", 443, False)],
        [("a.example", 8080, False), ("b.example", 80, True), ("b.example", 8080, False)],
    ],
)
def test_the_site_is_the_one_wagtail_finds(sites):
    from wagtail.models.sites import get_site_for_hostname

    from story.routing import all_sites, site_for_host

    Site.objects.all().delete()
    home = fresh(Page, depth=2)
    for hostname, port, default in sites:
        Site.objects.create(hostname=hostname, port=port, is_default_site=default, root_page=home)
    for hostname in ("localhost", "a.example", "b.example", "c.example"):
        for port in (80, 443, 8080):
            try:
                wagtails = get_site_for_hostname(hostname, port).pk
            except Site.DoesNotExist:
                wagtails = None
            ours = site_for_host(all_sites(), hostname, port)
            assert (ours.pk if ours else None) == wagtails, (hostname, port)


def test_a_changed_site_or_root_page_is_seen_at_once(client):
    """The sites live in the shared cache: a site saved, a root page renamed or a site deleted
    is seen by the next request (here and, through Redis, on every other host)."""
    url = "/story-of-progress/organisational-progress/education/"
    assert client.get(url).status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.hostname = "127.0.0.1"
    site.is_default_site = False
    site.save()
    assert client.get(url).status_code == 404  # no site for localhost now
    assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 200
    home = fresh(Page, depth=2)
    home.slug = "start"
    home.save()  # every url_path below it changes
    response, page = served(client, url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200 and page.url_path == "/start" + url
    site.delete()
    assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 404
