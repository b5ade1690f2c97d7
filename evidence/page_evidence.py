"""One page's evidence, loaded once, numbered in reading order, and rendered.

Wagtail's link rewriter batches per rich text value, so a page with many narrative blocks would
make one query per block. Instead a page's citations are found once (`evidence.references`, no
queries), all its sources and organisations are loaded in a fixed number of queries, and the
`cited_richtext` tag renders each block from this registry. The numbers are the order in which
a reader meets each source; "Sources on this page" lists them in the same order.

This is the one renderer of evidence links, citation markers and the entries of "Sources on
this page": the link handlers (`evidence.rich_text`) use `evidence_link_tag` too. Its cost must
not grow faster than the page: each cited source is loaded as a plain row (`SourceRow`), its URL
and reference worked out once, and markers and entries (hundreds on a long page) formatted here,
where a template render each would cost more than everything else the citation needs.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from html import escape

from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from wagtail.rich_text import expand_db_html, features

from evidence import citation_markup
from evidence.models import Organisation, Source, SourceRow, citations_of
from evidence.references import EvidenceReference, references_in_rich_text
from evidence.rich_text import evidence_link_tag, stored_id

PENDING_TEMPLATE = "evidence/includes/pending_evidence.html"
#: The kinds of link Wagtail's `LinkRewriter` reads from an href rather than a `linktype`.
HREF_LINK_TYPES = frozenset({"external", "email", "anchor"})

# Stored (database-format) rich text only: the converter writes exactly
# `<a linktype="..." id="...">...</a>` and links never nest, as in Wagtail's own rewriter.
# Finding citations is `evidence.references`' job; this only puts each link's text in place.
EVIDENCE_LINK = re.compile(
    r'<a(\b[^>]*\blinktype="(?P<linktype>source|organisation)"[^>]*)>(?P<text>.*?)</a>'
    r"(?P<after>[).,;:!?\]]*)",  # kept with a marker on its line (`citation_markup.glued`)
    re.DOTALL,
)


def page_evidence_for(context, references: Iterable[EvidenceReference]) -> "PageEvidence":
    """The page's prepared evidence; outside such a page (a block preview) collect it here."""
    evidence = context.get("page_evidence")
    if evidence is None:
        evidence = PageEvidence.collect(references)
        context["page_evidence"] = evidence
    return evidence


def cited_rich_text(context, value) -> SafeString:
    """Rich text (a `RichText` or stored HTML) with evidence links and numbered citation
    markers, from the evidence the page prepared (`context["page_evidence"]`)."""
    html = getattr(value, "source", value) or ""
    evidence = context.get("page_evidence")
    if evidence is None:
        evidence = page_evidence_for(context, references_in_rich_text(html))
    return evidence.render(html)


def wagtail_would_rewrite(html: str) -> bool:
    """Whether Wagtail's rewriter (`expand_db_html`) would change anything in `html`.

    It parses every `<a>` in the text, the evidence links and markers just written among them,
    and changes only a link or embed stored with its type (`linktype`, `<embed`), or a link
    whose kind it reads from the href (external, email, anchor) when a handler is registered
    for that kind, which none is by default. Text with neither is returned unparsed.
    """
    if "linktype" in html or "<embed" in html:
        return True
    return not HREF_LINK_TYPES.isdisjoint(features.get_link_types())


@dataclass
class CitedSource:
    """A source as one page shows it: its number and its row, and what its markers and its
    entry say whatever the text, made once (and kept with the page's evidence in the shared
    cache): the escaped title, the link, the entry but for its way back. Never changed once
    made, so one copy may serve every render (`PageEvidence.for_a_render`)."""

    number: int
    source: SourceRow
    title_html: str = field(init=False)
    link_tag: str = field(init=False)
    entry_head: str = field(init=False)

    def __post_init__(self):
        source = self.source
        self.title_html = escape(source.title)
        self.link_tag = evidence_link_tag(source)
        self.entry_head = citation_markup.entry_head(
            self.number,
            url=source.public_url,
            title=source.title,
            kind=source.get_resource_type_display(),
            reference=source.citation,
        )


@dataclass
class PageEvidence:
    """The sources (numbered) and organisations cited by one page, and the markers one render
    has written so far (`occurrences`, by source number: each marker has an id of its own to
    return to, and each entry links back to every one)."""

    sources: dict[int, CitedSource] = field(default_factory=dict)
    organisations: dict[int, Organisation] = field(default_factory=dict)
    # Preview only: cited evidence that is not live yet, by (linktype, id), marked in the text
    pending: dict[tuple[str, int], Source | Organisation] = field(default_factory=dict)
    occurrences: dict[int, int] = field(default_factory=dict)

    def for_a_render(self) -> "PageEvidence":
        """The same evidence with no marker written yet: what one render counts is its own,
        while the sources, their rows and their markup are shared (never changed)."""
        return replace(self, occurrences={})

    def marker(self, cited: CitedSource) -> SafeString:
        """One more marker for `cited` in the text."""
        occurrence = self.occurrences.get(cited.number, 0) + 1
        self.occurrences[cited.number] = occurrence
        html = citation_markup.marker_of_escaped(cited.number, occurrence, cited.title_html)
        return mark_safe(html)  # noqa: S308 (escaped by citation_markup)

    def list_entry(self, cited: CitedSource) -> str:
        """`cited`'s entry in "Sources on this page", linking back to each of its markers."""
        occurrences = self.occurrences.get(cited.number, 0)
        return citation_markup.entry_of_head(cited.entry_head, cited.number, occurrences)

    @classmethod
    def collect(
        cls, references: Iterable[EvidenceReference], *, preview: bool = False
    ) -> "PageEvidence":
        """Load, in two queries and whatever their number, the live evidence `references` cite.

        Only live organisations are attached to sources: an unpublished organisation must not
        appear in a reference on a public page. With `preview` (pass `request.is_preview`),
        two more queries load the cited evidence that is not live, so the editor and reviewer
        see it marked ("draft source: linked once approved"); the public site never does.
        """
        references = list(references)
        source_ids: dict[int, None] = {}
        organisation_ids: dict[int, None] = {}
        for reference in references:
            bucket = source_ids if reference.linktype == "source" else organisation_ids
            bucket.setdefault(reference.object_id)
        sources = Source.objects.live().filter(pk__in=list(source_ids)).rows() if source_ids else {}
        organisations = (
            Organisation.objects.live().in_bulk(list(organisation_ids)) if organisation_ids else {}
        )
        evidence = cls()
        citations_of(list(sources.values()))  # their references in one read, not one each
        for object_id in source_ids:
            if object_id in sources:
                number = len(evidence.sources) + 1
                evidence.sources[object_id] = CitedSource(number, sources[object_id])
        for object_id in organisation_ids:
            if object_id in organisations:
                evidence.organisations[object_id] = organisations[object_id]
        if preview:
            evidence.collect_pending(source_ids, organisation_ids)
        return evidence

    def collect_pending(self, source_ids, organisation_ids) -> None:
        for linktype, model, ids, loaded in (
            ("source", Source, source_ids, self.sources),
            ("organisation", Organisation, organisation_ids, self.organisations),
        ):
            missing = [object_id for object_id in ids if object_id not in loaded]
            if missing:
                for object_id, obj in model.objects.filter(live=False).in_bulk(missing).items():
                    self.pending[(linktype, object_id)] = obj

    @property
    def cited_sources(self) -> list[CitedSource]:
        return sorted(self.sources.values(), key=lambda cited: cited.number)

    @property
    def cited_organisations(self) -> list[Organisation]:
        return list(self.organisations.values())

    def source_list_entries(self) -> SafeString:
        """The entries of "Sources on this page", in the order readers meet the sources: after
        the text is rendered, so that each links back to every marker."""
        entries = "".join(self.list_entry(cited) for cited in self.cited_sources)
        return mark_safe(entries)  # noqa: S308 (escaped by citation_markup)

    def render(self, html: str) -> SafeString:
        """Rich text with evidence links and citation markers; other links as Wagtail does."""
        html = EVIDENCE_LINK.sub(self._render_link, html)
        if wagtail_would_rewrite(html):
            html = expand_db_html(html)
        return mark_safe(html)  # noqa: S308

    def _render_link(self, match: re.Match) -> str:
        object_id = stored_id(match.group(1))
        text, after = match.group("text"), match.group("after")
        if match.group("linktype") == "organisation":
            organisation = self.organisations.get(object_id)
            if organisation is None:
                return self.pending_mark("organisation", object_id, text) + after
            return f"{evidence_link_tag(organisation)}{text}</a>{after}"
        cited = self.sources.get(object_id)
        if cited is None:
            return self.pending_mark("source", object_id, text) + after
        marker = citation_markup.glued(self.marker(cited), after)
        return f"{cited.link_tag}{text}</a>{marker}"

    def pending_mark(self, linktype: str, object_id: int | None, text: str) -> str:
        """In preview, the words marked as citing evidence not live yet; else the bare words."""
        obj = self.pending.get((linktype, object_id))
        if obj is None:
            return text
        context = {"text": mark_safe(text), "evidence": obj, "linktype": linktype}  # noqa: S308
        return get_template(PENDING_TEMPLATE).render(context).strip()
