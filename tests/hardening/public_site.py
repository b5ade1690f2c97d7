"""A small public site with one of everything a URL can name, and a working URL for every
public URL pattern and page type, for the hardening tests to attack.

The patterns are read from the URL resolver (`public_routes`), not listed by hand, so a new
pattern without an example here fails `test_every_public_pattern_is_covered`.
"""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.urls import URLResolver, get_resolver

from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    get_page_models,
)

from indicators.loading import create_indicator
from tests.factories import (
    OrganisationFactory,
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    make_home_page,
    narrative,
    organisation_link,
    source_link,
)


@dataclass
class PublicSite:
    home: Page
    story_index: Page
    section: Page
    page: Page  # a vision statement page citing the source and the organisation
    restricted_page: Page  # password-protected
    page_restriction: PageViewRestriction
    source: object
    organisation: object
    indicator: object  # shown on `page`
    document: object
    collection_restriction: CollectionViewRestriction


def publish(page: Page) -> Page:
    page.save_revision().publish()
    return page


def build_public_site(text: str = "") -> PublicSite:
    """Everything live; `text` is added to every text field (the control character test)."""
    home = make_home_page()
    story_index = publish(StoryIndexPageFactory(parent=home, title=f"Story of Progress{text}"))
    section = publish(SectionPageFactory(parent=story_index, title=f"Experiences{text}"))
    organisation = OrganisationFactory(name=f"Care Inspectorate{text}", slug="care-inspectorate")
    source = SourceFactory(
        title=f"Hearing children{text}", slug="hearing-children", organisations=[organisation]
    )
    indicator = create_indicator(
        name=f"Children in work{text}",
        slug="children-in-work",
        what_it_measures=f"The share in work{text}.",
        unit="%",
        source=source,
        breakdown_label=f"Age{text}",
        rows=[("2023", "1.5", f"16{text}"), ("2024", "2", f"16{text}")],
    )
    body = f"<p>Words{text} citing {source_link(source)} and {organisation_link(organisation)}.</p>"
    chart = {"indicator": indicator.pk, "introduction": "", "commentary": ""}
    page = publish(
        VisionStatementPageFactory(
            parent=section,
            title=f"Family{text}",
            slug="family",
            vision_statement=VisionStatementFactory(short_name=f"Family{text}"),
            body=[narrative(body), {"type": "indicator", "value": chart}],
        )
    )
    restricted_page = publish(VisionStatementPageFactory(parent=section, slug="restricted"))
    page_restriction = PageViewRestriction.objects.create(
        page=restricted_page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    private = Collection.get_first_root_node().add_child(name="Private")
    collection_restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="secret"
    )
    document = get_document_model().objects.create(
        title=f"Annual report{text}", file=ContentFile(b"A report.\n", name="report.txt")
    )
    return PublicSite(
        home=home,
        story_index=story_index,
        section=section,
        page=page,
        restricted_page=restricted_page,
        page_restriction=page_restriction,
        source=source,
        organisation=organisation,
        indicator=indicator,
        document=document,
        collection_restriction=collection_restriction,
    )


def public_routes(patterns=None, prefix: str = ""):
    """Every URL pattern of the site as a string ("evidence/sources/<slug:slug>/"), the
    admin's excepted (it needs a login: not public)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith("admin/"):
            continue
        if isinstance(pattern, URLResolver):
            yield from public_routes(pattern.url_patterns, route)
        else:
            yield route


def route_examples(site: PublicSite) -> dict[str, tuple[str, dict[str, str]]]:
    """For each public pattern, a URL template and the values that make it a working URL; the
    values are what the malformed requests replace."""
    return {
        r"documents/^(\d+)/(.*)$": (
            "/documents/{id}/{filename}",
            {"id": str(site.document.pk), "filename": site.document.filename},
        ),
        "documents/authenticate_with_password/<int:restriction_id>/": (
            "/documents/authenticate_with_password/{id}/",
            {"id": str(site.collection_restriction.pk)},
        ),
        "evidence/": ("/evidence/", {}),
        "evidence/sources/": ("/evidence/sources/", {}),
        "evidence/sources/<slug:slug>/": ("/evidence/sources/{slug}/", {"slug": site.source.slug}),
        "evidence/organisations/": ("/evidence/organisations/", {}),
        "evidence/organisations/<slug:slug>/": (
            "/evidence/organisations/{slug}/",
            {"slug": site.organisation.slug},
        ),
        "indicators/": ("/indicators/", {}),
        "indicators/<slug:slug>/": ("/indicators/{slug}/", {"slug": site.indicator.slug}),
        "indicators/<slug:slug>/figures.csv": (
            "/indicators/{slug}/figures.csv",
            {"slug": site.indicator.slug},
        ),
        "cite/indicator/<slug:slug>.<str:extension>": (
            "/cite/indicator/{slug}.{extension}",
            {"slug": site.indicator.slug, "extension": "bib"},
        ),
        "library/": ("/library/", {}),
        "library/library.csv": ("/library/library.csv", {}),
        "library/library.ris": ("/library/library.ris", {}),
        "library/library.bib": ("/library/library.bib", {}),
        "library/sources/<slug:slug>/citation.ris": (
            "/library/sources/{slug}/citation.ris",
            {"slug": site.source.slug},
        ),
        "library/sources/<slug:slug>/citation.bib": (
            "/library/sources/{slug}/citation.bib",
            {"slug": site.source.slug},
        ),
        "search/": ("/search/", {}),
        "search/autocomplete/": ("/search/autocomplete/", {}),
        "sitemap.xml": ("/sitemap.xml", {}),
        "robots.txt": ("/robots.txt", {}),
        "favicon.ico": ("/favicon.ico", {}),
        "feeds/updates.rss": ("/feeds/updates.rss", {}),
        "feeds/updates.atom": ("/feeds/updates.atom", {}),
        "cite/page/<int:page_id>.<str:extension>": (
            "/cite/page/{id}.{extension}",
            {"id": str(site.page.pk), "extension": "ris"},
        ),
        "cite/page/<int:page_id>/versions/<int:number>.<str:extension>": (
            "/cite/page/{id}/versions/{number}.{extension}",
            {"id": str(site.page.pk), "number": "1", "extension": "bib"},
        ),
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": (
            "/_util/authenticate_with_password/{restriction}/{page}/",
            {"restriction": str(site.page_restriction.pk), "page": str(site.restricted_page.pk)},
        ),
        "_util/login/": ("/_util/login/", {}),
        "api/v2/openapi.json": ("/api/v2/openapi.json", {}),
        "api/v2/^pages/": ("/api/v2/pages/", {}),
        "api/v2/^pages/<int:pk>/": ("/api/v2/pages/{id}/", {"id": str(site.page.pk)}),
        "api/v2/^pages/find/": ("/api/v2/pages/find/?html_path={path}", {"path": site.page.url}),
        "api/v2/^sources/": ("/api/v2/sources/", {}),
        "api/v2/^sources/<int:pk>/": ("/api/v2/sources/{id}/", {"id": str(site.source.pk)}),
        "api/v2/^sources/find/": ("/api/v2/sources/find/?id={id}", {"id": str(site.source.pk)}),
        "api/v2/^organisations/": ("/api/v2/organisations/", {}),
        "api/v2/^organisations/<int:pk>/": (
            "/api/v2/organisations/{id}/",
            {"id": str(site.organisation.pk)},
        ),
        "api/v2/^indicators/": ("/api/v2/indicators/", {}),
        "api/v2/^indicators/<int:pk>/": (
            "/api/v2/indicators/{id}/",
            {"id": str(site.indicator.pk)},
        ),
        "api/v2/^indicators/find/": (
            "/api/v2/indicators/find/?id={id}",
            {"id": str(site.indicator.pk)},
        ),
        "api/v2/^organisations/find/": (
            "/api/v2/organisations/find/?id={id}",
            {"id": str(site.organisation.pk)},
        ),
        # Wagtail's page serving: every page type below, and a path that names no page.
        r"^((?:[\w\-]+/)*)$": ("/{path}/", {"path": "no-such-page"}),
    }


def page_examples(site: PublicSite) -> dict[type, str]:
    """The URL of a live page of every page type an editor can create."""
    pages = [site.home, site.story_index, site.section, site.page]
    return {type(page.specific): page.url for page in pages}


def creatable_page_types() -> set[type]:
    return {model for model in get_page_models() if model.is_creatable}
