"""One page's evidence, loaded once and numbered in reading order.

Wagtail's link rewriter batches per rich text value, so a page with many narrative blocks would
make one query per block. Instead a page collects every cited id from its stored content first
(no queries), loads all sources and organisations in a fixed number of queries, and the
`cited_richtext` tag renders each block from that registry. The numbers are the order in which
a reader meets each source; "Sources on this page" lists them in the same order.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from wagtail.rich_text import expand_db_html
from wagtail.rich_text.rewriters import extract_attrs

from evidence.models import Organisation, Source
from evidence.rich_text import parse_id

# Stored (database-format) rich text only: the converter writes exactly
# `<a linktype="..." id="...">...</a>` and links never nest, as in Wagtail's own rewriter.
EVIDENCE_LINK = re.compile(
    r'<a(\b[^>]*\blinktype="(?P<linktype>source|organisation)"[^>]*)>(?P<text>.*?)</a>',
    re.DOTALL,
)


@dataclass
class CitedSource:
    number: int
    source: Source
    occurrences: int = 0  # markers rendered so far, each with its own id to return to

    @property
    def anchor(self) -> str:
        return f"source-{self.number}"

    @property
    def marker_ids(self) -> list[str]:
        """The ids of this source's markers in the text, for the list's "back" links."""
        return [f"cite-{self.number}-{n}" for n in range(1, self.occurrences + 1)]


@dataclass
class PageEvidence:
    """The sources (numbered) and organisations cited by one page."""

    sources: dict[int, CitedSource] = field(default_factory=dict)
    organisations: dict[int, Organisation] = field(default_factory=dict)

    @classmethod
    def collect(cls, items: Iterable[str | tuple[str, int]]) -> "PageEvidence":
        """Build from stored rich text strings and ("source", id) pairs, in reading order."""
        source_ids: list[int] = []
        organisation_ids: list[int] = []
        for item in items:
            pairs = [item] if isinstance(item, tuple) else iter_evidence_ids(item)
            for linktype, object_id in pairs:
                bucket = source_ids if linktype == "source" else organisation_ids
                if object_id not in bucket:
                    bucket.append(object_id)
        sources = Source.objects.live().prefetch_related("organisations").in_bulk(source_ids)
        organisations = Organisation.objects.live().in_bulk(organisation_ids)
        evidence = cls()
        for object_id in source_ids:
            if object_id in sources:
                number = len(evidence.sources) + 1
                evidence.sources[object_id] = CitedSource(number, sources[object_id])
        for object_id in organisation_ids:
            if object_id in organisations:
                evidence.organisations[object_id] = organisations[object_id]
        return evidence

    @property
    def cited_sources(self) -> list[CitedSource]:
        return sorted(self.sources.values(), key=lambda cited: cited.number)

    @property
    def cited_organisations(self) -> list[Organisation]:
        return list(self.organisations.values())

    def render(self, html: str) -> SafeString:
        """Rich text with evidence links and citation markers; other links as Wagtail does."""
        return mark_safe(expand_db_html(EVIDENCE_LINK.sub(self._render_link, html)))  # noqa: S308

    def _render_link(self, match: re.Match) -> str:
        object_id = parse_id(extract_attrs(match.group(1)))
        text = match.group("text")
        if match.group("linktype") == "organisation":
            organisation = self.organisations.get(object_id)
            if organisation is None:
                return text
            return (
                f'<a href="{escape(organisation.public_url)}" class="evidence-link '
                f'evidence-link--organisation">{text}</a>'
            )
        cited = self.sources.get(object_id)
        if cited is None:
            return text
        return f'<a href="{escape(cited.source.public_url)}" class="evidence-link">{text}</a>' + (
            self.marker(cited)
        )

    def marker(self, cited: CitedSource) -> str:
        """A numbered marker linking to the list entry; each occurrence gets its own id.

        Screen readers announce "Source 3: <title>" (the label contains the visible number,
        as WCAG's "label in name" asks); sighted readers see "[3]".
        """
        cited.occurrences += 1
        occurrence = cited.occurrences
        return format_html(
            '<sup class="citation-marker"><a href="#{anchor}" id="cite-{number}-{occurrence}" '
            'aria-label="Source {number}: {title}">[{number}]</a></sup>',
            anchor=cited.anchor,
            number=cited.number,
            occurrence=occurrence,
            title=cited.source.title,
        )


def iter_evidence_ids(html: str) -> Iterable[tuple[str, int]]:
    for match in EVIDENCE_LINK.finditer(html or ""):
        object_id = parse_id(extract_attrs(match.group(1)))
        if object_id is not None:
            yield match.group("linktype"), object_id
