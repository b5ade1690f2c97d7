"""Head metadata for every public page: canonical URL, description, Open Graph and JSON-LD.

Built from the template context the page already has (`page`, `page_evidence`, `indicator`,
`source`, `organisations`, `organisation`), so metadata never costs a query per item. Absolute URLs
come from the Wagtail `Site` an editor configured, so canonical links, the sitemap and the
feeds agree on one host whatever host name a request arrived on.
"""

import json
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from wagtail.models import Page, Site

from evidence.text import CONTROL_CHARACTERS, ascii_int, without_control_characters_in
from sitewide.models import DEFAULT_SITE_NAME, SiteSettings

DEFAULT_DESCRIPTION = (
    "The Promise Story of Progress: national data, organisational learning and experience "
    "showing how Scotland is keeping the promise, with every claim tied to its evidence."
)
DESCRIPTION_LENGTH = 200

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

JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
#: How `json.dumps` writes the C0 control characters that are not tab, line feed or return.
JSON_CONTROL_ESCAPES = ("\\u00", "\\b", "\\f")


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
    """A JSON-LD script element; `<`, `>` and `&` are escaped so no value can end the script,
    and control characters are dropped (JSON would escape them, but search engines would read
    them into the title).

    Nearly all data has none, and the serialised text says so at once (JSON escapes the C0
    characters, `JSON_CONTROL_ESCAPES`, and leaves DEL and C1 as they are); only data that may
    have some is cleaned value by value, which on a page citing 500 sources is thousands of
    values.
    """
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    if any(escape in payload for escape in JSON_CONTROL_ESCAPES) or CONTROL_CHARACTERS.search(
        payload
    ):
        payload = json.dumps(
            without_control_characters_in(data), cls=DjangoJSONEncoder, ensure_ascii=False
        )
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


def without_empty_values(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [])}


@dataclass
class Describer:
    """What a model's `get_metadata(describer)` builds its metadata from.

    Each model that has a public page describes itself (pages in `story` and `home`, sources
    and organisations in `evidence`); this object carries what is site-wide (the site's root
    URL, and its name and partners from the site settings, read once per request) and the
    template context the page already has, so that metadata costs no query per item and no
    lower app imports this one.
    """

    context: dict
    request: object
    root_url: str
    site_name: str = DEFAULT_SITE_NAME
    publisher_names: tuple[str, ...] = ()

    plain_text = staticmethod(plain_text)
    page_description = staticmethod(page_description)

    @property
    def page_evidence(self):
        return self.context.get("page_evidence")

    def absolute_url(self, path: str) -> str:
        return f"{self.root_url}{path}"

    def website(self) -> dict:
        return {"@type": "WebSite", "name": self.site_name, "url": f"{self.root_url}/"}

    def publishers(self) -> list[dict]:
        return [{"@type": "Organization", "name": name} for name in self.publisher_names]

    def page(self, page: Page, **json_ld) -> Metadata:
        """A page's metadata as a schema.org WebPage, with `json_ld` added or replacing."""
        canonical = page.get_full_url(self.request) or ""
        title = page.seo_title or page.title
        description = page_description(page)
        data = {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": title,
            "url": canonical,
            "description": description,
            "inLanguage": "en-GB",
            "isPartOf": self.website(),
            **json_ld,
        }
        return Metadata(
            title=title,
            description=description,
            canonical_url=canonical,
            json_ld=without_empty_values(data),
        )

    def thing(self, *, title: str, summary: str, canonical_url: str, **json_ld) -> Metadata:
        """Metadata for a public page outside the page tree (a source, an organisation)."""
        data = {"@context": "https://schema.org", "name": title, "url": canonical_url, **json_ld}
        return Metadata(
            title=title,
            description=plain_text(summary) or DEFAULT_DESCRIPTION,
            canonical_url=canonical_url,
            json_ld=without_empty_values(data),
        )


def canonical_query(request, view_name: str) -> str:
    """The query parameters that change what a view shows, in a fixed order; page 1 dropped."""
    params = []
    for name in CANONICAL_QUERY_PARAMETERS.get(view_name, ()):
        value = " ".join(request.GET.get(name, "").split())
        if name == "page" and (ascii_int(value) or 0) <= 1:
            continue
        # Junk (a 10,000-character value, control characters) is the view's to report, not
        # something to repeat to search engines as this page's address.
        if value and len(value) <= MAX_CANONICAL_VALUE and value.isprintable():
            params.append((name, value))
    return f"?{urlencode(params)}" if params else ""


def view_metadata(request, describer: Describer) -> Metadata:
    root_url = describer.root_url
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    canonical = f"{root_url}{request.path}{canonical_query(request, view_name)}"
    return Metadata(
        title=VIEW_TITLES.get(view_name, describer.site_name),
        description=VIEW_DESCRIPTIONS.get(view_name, DEFAULT_DESCRIPTION),
        canonical_url=canonical,
        robots="noindex, follow" if view_name in NOINDEX_VIEWS and request.GET else "",
        json_ld={
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": VIEW_TITLES.get(view_name, describer.site_name),
            "url": canonical,
            "isPartOf": describer.website(),
        },
    )


def build_metadata(context) -> Metadata:
    """Metadata for whatever the context shows: a page, a source, an organisation or a view.

    Whatever the context shows describes itself (`get_metadata`); a page type that does not
    is described as a plain web page.
    """
    request = context.get("request")
    site_settings = SiteSettings.for_reader(request)
    describer = Describer(
        context=context,
        request=request,
        root_url=site_root_url(request),
        site_name=site_settings.site_name,
        publisher_names=site_settings.partner_names,
    )
    shown = next(
        (
            context.get(name)
            for name in ("page", "indicator", "source", "organisation")
            if context.get(name)
        ),
        None,
    )
    if hasattr(shown, "get_metadata"):
        metadata = shown.get_metadata(describer)
    elif isinstance(shown, Page):
        metadata = describer.page(shown)
    elif request is not None:
        metadata = view_metadata(request, describer)
    else:
        metadata = Metadata(title=describer.site_name, description=DEFAULT_DESCRIPTION)
    if getattr(request, "is_preview", False):
        metadata.robots = "noindex"  # drafts shown to reviewers are never for search engines
    versions = context.get("versions")
    if versions is not None and versions.is_old:
        # An earlier version, kept for citations: the current page is the one to index.
        metadata.robots = "noindex"
        metadata.canonical_url = describer.root_url + versions.page_url
    return metadata
