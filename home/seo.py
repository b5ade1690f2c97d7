"""Head metadata for every public page: canonical URL, description, Open Graph and JSON-LD.

Built from the template context the page already has (`page`, `page_evidence`, `source`,
`organisations`, `organisation`), so metadata never costs a query per item. Absolute URLs
come from the Wagtail `Site` an editor configured, so canonical links, the sitemap and the
feeds agree on one host whatever host name a request arrived on.
"""

import json
import re
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlencode

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from wagtail.models import Page, Site

from evidence.models import Organisation, Source
from home.models import HomePage
from story.models import SectionPage, VisionStatementPage

SITE_NAME = settings.WAGTAIL_SITE_NAME
DEFAULT_DESCRIPTION = (
    "The Promise Story of Progress: national data, organisational learning and experience "
    "showing how Scotland is keeping the promise, with every claim tied to its evidence."
)
DESCRIPTION_LENGTH = 200
# The partners who make the Story of Progress, named as in the site footer.
PUBLISHERS = ("COSLA", "Scottish Government", "The Promise Scotland")

# Views outside the page tree: their title, and the query parameters that change what they
# show. Everything else in a query string (tracking parameters, typos) is left out of the
# canonical URL.
VIEW_TITLES = {
    "evidence:index": "Evidence",
    "evidence:source_index": "Sources",
    "evidence:organisation_index": "Organisations",
    "search": "Search",
    "library:index": "Library",
}
PAGE_NUMBER = re.compile(r"[0-9]{1,9}")  # ASCII digits: "²".isdigit() is true, int("²") fails
MAX_CANONICAL_VALUE = 200

VIEW_DESCRIPTIONS = {
    "library:index": (
        "The Story of Progress library: every source cited as evidence, "
        "with citations to copy or download."
    ),
}
CANONICAL_QUERY_PARAMETERS = {
    "search": (
        "q",
        "kind",
        "section",
        "vision",
        "foundation",
        "organisation",
        "type",
        "year",
        "sort",
        "page",
    ),
    "evidence:source_index": ("type", "page"),
    "library:index": ("type", "organisation", "year", "vision", "sort", "page"),
}
# Views whose results pages search engines should follow but not index.
NOINDEX_VIEWS = {"search"}

SCHEMA_TYPES = {
    Source.ResourceType.REPORT: "Report",
    Source.ResourceType.INSPECTION: "Report",
    Source.ResourceType.EVALUATION: "Report",
    Source.ResourceType.DATA_SET: "Dataset",
}

JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass
class Metadata:
    title: str
    description: str
    canonical_url: str = ""
    og_type: str = "website"
    robots: str = ""
    json_ld: dict = field(default_factory=dict)

    @property
    def json_ld_script(self) -> SafeString:
        return json_ld_script(self.json_ld) if self.json_ld else SafeString("")


def json_ld_script(data: dict) -> SafeString:
    """A JSON-LD script element; `<`, `>` and `&` are escaped so no value can end the script."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 (escaped above)
    )


def site_root_url(request) -> str:
    """The configured site's root URL (`https://example.org`), else the request's own."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None and request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return site.root_url if site else ""


def plain_text(html: str, length: int = DESCRIPTION_LENGTH) -> str:
    """Rich text (stored or rendered) as one line of plain text, cut at a word."""
    text = " ".join(unescape(strip_tags(html or "")).split())
    return Truncator(text).chars(length)


def page_description(page: Page) -> str:
    for candidate in (
        page.search_description,
        getattr(page, "summary", ""),
        getattr(page, "introduction", ""),
    ):
        text = plain_text(str(candidate or ""))
        if text:
            return text
    return DEFAULT_DESCRIPTION


def source_schema_type(source: Source) -> str:
    return SCHEMA_TYPES.get(source.resource_type, "CreativeWork")


def website_reference(root_url: str) -> dict:
    return {"@type": "WebSite", "name": SITE_NAME, "url": f"{root_url}/"}


def publishers() -> list[dict]:
    return [{"@type": "Organization", "name": name} for name in PUBLISHERS]


def page_metadata(context, page: Page, request, root_url: str) -> Metadata:
    canonical = page.get_full_url(request) or ""
    title = page.seo_title or page.title
    description = page_description(page)
    data = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": title,
        "url": canonical,
        "description": description,
        "inLanguage": "en-GB",
        "isPartOf": website_reference(root_url),
    }
    og_type = "website"
    if isinstance(page, HomePage):
        data = {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": SITE_NAME,
            "url": canonical,
            "description": description,
            "inLanguage": "en-GB",
            "publisher": publishers(),
            "potentialAction": {
                "@type": "SearchAction",
                "target": f"{root_url}{reverse('search')}?q={{search_term_string}}",
                "query-input": "required name=search_term_string",
            },
        }
    elif isinstance(page, SectionPage | VisionStatementPage):
        og_type = "article"
        modified = page.last_published_at
        if isinstance(page, VisionStatementPage) and page.last_updated:
            modified = page.last_updated
        data.update(
            {
                "@type": "Article",
                "headline": Truncator(title).chars(110),
                "mainEntityOfPage": canonical,
                "datePublished": page.first_published_at,
                "dateModified": modified,
                "publisher": publishers(),
            }
        )
        if isinstance(page, VisionStatementPage) and page.vision_statement_id:
            statement = page.vision_statement
            data["about"] = {
                "@type": "Thing",
                "name": f"Vision statement {statement.number}: {statement.short_name}",
                "description": statement.full_wording,
            }
        evidence = context.get("page_evidence")
        if evidence is not None and evidence.cited_sources:
            data["citation"] = [
                source_reference(cited.source, root_url) for cited in evidence.cited_sources
            ]
    return Metadata(
        title=title,
        description=description,
        canonical_url=canonical,
        og_type=og_type,
        json_ld={key: value for key, value in data.items() if value not in (None, "", [])},
    )


def evidence_url(obj, root_url: str) -> str:
    """The absolute public URL, or "" for an unsaved object previewed before it has a slug."""
    return f"{root_url}{obj.public_url}" if obj.slug else ""


def source_reference(source: Source, root_url: str) -> dict:
    reference = {
        "@type": source_schema_type(source),
        "name": source.title,
        "url": evidence_url(source, root_url),
    }
    if source.link:
        reference["sameAs"] = source.link
    return reference


def organisation_reference(organisation: Organisation, root_url: str) -> dict:
    reference = {
        "@type": "Organization",
        "name": organisation.name,
        "url": evidence_url(organisation, root_url),
    }
    return {key: value for key, value in reference.items() if value}


def source_metadata(context, source: Source, root_url: str) -> Metadata:
    canonical = evidence_url(source, root_url)
    description = plain_text(source.summary) or plain_text(source.purpose_and_context)
    organisations = [
        organisation_reference(organisation, root_url)
        for organisation in context.get("organisations", [])
    ]
    people = [{"@type": "Person", "name": name} for name in source.author_list]
    date_published = (
        source.publication_date.isoformat()
        if source.publication_date
        else (str(source.year) if source.year else "")
    )
    data = {
        "@context": "https://schema.org",
        "@type": source_schema_type(source),
        "name": source.title,
        "url": canonical,
        "author": people or organisations,
        "creator": organisations,
        "datePublished": date_published,
        "sameAs": [link for link in (source.doi_url, source.url) if link],
        "abstract": source.summary,
        "license": source.licence,
        "isPartOf": website_reference(root_url),
    }
    if source.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": source.doi}
    return Metadata(
        title=source.title,
        description=description or DEFAULT_DESCRIPTION,
        canonical_url=canonical,
        json_ld={key: value for key, value in data.items() if value not in (None, "", [])},
    )


def organisation_metadata(organisation: Organisation, root_url: str) -> Metadata:
    canonical = evidence_url(organisation, root_url)
    description = plain_text(organisation.description)
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organisation.name,
        "alternateName": organisation.short_name
        if organisation.short_name != organisation.name
        else "",
        "url": canonical,
        "sameAs": organisation.website,
        "description": description,
    }
    return Metadata(
        title=organisation.name,
        description=description or DEFAULT_DESCRIPTION,
        canonical_url=canonical,
        json_ld={key: value for key, value in data.items() if value},
    )


def canonical_query(request, view_name: str) -> str:
    """The query parameters that change what a view shows, in a fixed order; page 1 dropped."""
    params = []
    for name in CANONICAL_QUERY_PARAMETERS.get(view_name, ()):
        value = " ".join(request.GET.get(name, "").split())
        if name == "page" and not (PAGE_NUMBER.fullmatch(value) and int(value) > 1):
            continue
        # Junk (a 10,000-character value, control characters) is the view's to report, not
        # something to repeat to search engines as this page's address.
        if value and len(value) <= MAX_CANONICAL_VALUE and value.isprintable():
            params.append((name, value))
    return f"?{urlencode(params)}" if params else ""


def view_metadata(request, root_url: str) -> Metadata:
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    canonical = f"{root_url}{request.path}{canonical_query(request, view_name)}"
    return Metadata(
        title=VIEW_TITLES.get(view_name, SITE_NAME),
        description=VIEW_DESCRIPTIONS.get(view_name, DEFAULT_DESCRIPTION),
        canonical_url=canonical,
        robots="noindex, follow" if view_name in NOINDEX_VIEWS and request.GET else "",
        json_ld={
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": VIEW_TITLES.get(view_name, SITE_NAME),
            "url": canonical,
            "isPartOf": website_reference(root_url),
        },
    )


def build_metadata(context) -> Metadata:
    """Metadata for whatever the context holds: a page, a source, an organisation or a view."""
    request = context.get("request")
    root_url = site_root_url(request)
    page = context.get("page")
    source = context.get("source")
    organisation = context.get("organisation")
    if isinstance(page, Page):
        metadata = page_metadata(context, page, request, root_url)
    elif isinstance(source, Source):
        metadata = source_metadata(context, source, root_url)
    elif isinstance(organisation, Organisation):
        metadata = organisation_metadata(organisation, root_url)
    elif request is not None:
        metadata = view_metadata(request, root_url)
    else:
        metadata = Metadata(title=SITE_NAME, description=DEFAULT_DESCRIPTION)
    if getattr(request, "is_preview", False):
        metadata.robots = "noindex"  # drafts shown to reviewers are never for search engines
    return metadata
