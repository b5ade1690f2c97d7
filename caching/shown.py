"""Which public URLs show a page, source, organisation or vision statement, as the database says
now: what a change must purge from the page caches (`caching.purges` asks before the
change and after it, and purges both).

Each public surface is listed with what it shows, from the templates and views:

- a page: itself; its ancestors (the home page's featured statements, the story index's and
  the section's listings, the breadcrumbs of a renamed parent's children are handled by
  `subtree`); the other sections' pages of the same vision statement ("in other sections");
  the public pages of the evidence it cites, whose "Cited in" lists name it, and of the
  organisations that made the sources it cites (their "Cited in" counts their sources'
  citations); the library (its vision statement facets), the feeds and the sitemap.
- a source: its page; the organisations that made it; the pages citing it (their citation
  markers and "Sources on this page"); the evidence indexes, the library, feeds and sitemap.
- an organisation: its page; its sources' pages (they name their makers); the pages citing it
  or its sources (an APA reference names the organisation); the evidence indexes, the library,
  the sitemap; and, if it is one of the site's partners, every page (the footer names them).
- a vision statement: the pages under it and their ancestors, the story index (it lists every
  statement) and the library's facets.
- an indicator: its page; the pages showing its chart (and so citing its source); the
  indicators' list, feeds and sitemap. A page's own change also purges the pages of the
  indicators it shows ("Shown on"), and a source's the pages of its indicators (they name it).

Which pages cite a source or organisation comes from Wagtail's reference index, which follows
live content and is what the "Cited in" lists themselves read (`evidence.usage`); what a page
cites, from its live content (`evidence.references`). Only live content is looked at: a draft,
or evidence that is not live, is on no public page.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex, Site

from evidence.models import Organisation, Source
from evidence.references import ids_referenced, references_in
from indicators.models import Indicator
from sitewide.models import SiteSettingsPartner
from story.models import SectionPage, StoryIndexPage, VisionStatementPage

LISTINGS_OF_PAGES = ("library:index", "updates_rss", "updates_atom", "sitemap")
LISTINGS_OF_SOURCES = (
    "evidence:index",
    "evidence:source_index",
    "evidence:organisation_index",  # each organisation's number of sources
    "library:index",
    "updates_rss",
    "updates_atom",
    "sitemap",
)
LISTINGS_OF_INDICATORS = ("indicators:index", "updates_rss", "updates_atom", "sitemap")
LISTINGS_OF_ORGANISATIONS = (
    "evidence:index",
    "evidence:organisation_index",
    "evidence:source_index",  # each source's makers
    "library:index",
    "sitemap",
)


class Shown:
    """The URLs, on every site, that show some content: a Wagtail `PurgeBatch` being filled."""

    def __init__(self):
        self.batch = PurgeBatch()
        self.everything = False

    @property
    def urls(self) -> set[str]:
        return self.batch.urls

    def purge(self) -> None:
        self.batch.purge()

    # What readers see, whatever changed -------------------------------------------------------

    def paths(self, *url_names: str) -> None:
        """Views outside the page tree, on each site's host."""
        roots = {root_url for _id, _path, root_url, _language in Site.get_site_root_paths()}
        for name in url_names:
            path = reverse(name)
            self.batch.add_urls(f"{root}{path}" for root in roots)

    def page_urls(self, pages) -> None:
        for page in pages:
            self.batch.add_page(page)

    def pages_citing(self, sources=(), organisations=(), indicators=()) -> None:
        """The live pages that cite any of these sources or organisations, or show any of
        these indicators (ids)."""
        targets = Q(pk__in=[])
        for model, ids in (
            (Source, sources),
            (Organisation, organisations),
            (Indicator, indicators),
        ):
            if ids:
                targets |= Q(
                    to_content_type=ContentType.objects.get_for_model(model),
                    to_object_id__in=[str(pk) for pk in ids],
                )
        if targets == Q(pk__in=[]):
            return
        references = ReferenceIndex.objects.filter(
            targets, base_content_type=ContentType.objects.get_for_model(Page)
        ).values_list("object_id", flat=True)
        self.page_urls(Page.objects.live().filter(pk__in=[int(pk) for pk in references]))

    # One kind of content at a time -------------------------------------------------------------

    def pages(self, ids, *, subtree: bool = False) -> None:
        """Live pages (ids) and what shows them; with `subtree`, every live page below them and
        what shows those too (a title in the breadcrumbs, a URL, or whether the subtree is
        public at all has changed)."""
        pages = list(Page.objects.live().filter(pk__in=ids).only("path", "depth", "url_path"))
        if not pages:
            return
        if subtree:
            below = Q(pk__in=[])
            for page in pages:
                below |= Q(path__startswith=page.path, depth__gt=page.depth)
            pages += Page.objects.live().filter(below).only("path", "depth", "url_path")
        page_ids = [page.pk for page in pages]
        self.page_urls(pages)
        self.page_urls(self.ancestors(pages))
        statements = VisionStatementPage.objects.filter(pk__in=page_ids).values("vision_statement")
        self.page_urls(
            VisionStatementPage.objects.live()
            .filter(vision_statement__in=statements)
            .only("path", "depth", "url_path")
        )
        if SectionPage.objects.filter(pk__in=page_ids).exists():
            # Every vision statement page lists the statement through each section (its title,
            # its link: `story.lenses`), so a section added, renamed or withdrawn shows on all.
            self.page_urls(VisionStatementPage.objects.live().only("path", "depth", "url_path"))
        self.evidence_cited_by(page_ids)
        self.paths(*LISTINGS_OF_PAGES)

    def sources(self, ids) -> None:
        sources = list(Source.objects.live().filter(pk__in=ids).only("slug"))
        if not sources:
            return
        self.batch.add_urls(self.evidence_urls(sources))
        makers = Organisation.objects.live().filter(sources__in=sources).only("slug")
        self.batch.add_urls(self.evidence_urls(makers))
        self.pages_citing(sources=[source.pk for source in sources])
        self.paths(*LISTINGS_OF_SOURCES)
        made_from = Indicator.objects.live().filter(source__in=sources).only("slug")
        if made_from:
            self.batch.add_urls(self.evidence_urls(made_from))
            self.paths("indicators:index")

    def indicators(self, ids) -> None:
        indicators = list(Indicator.objects.live().filter(pk__in=ids).only("slug"))
        if not indicators:
            return
        self.batch.add_urls(self.evidence_urls(indicators))
        self.pages_citing(indicators=[indicator.pk for indicator in indicators])
        self.paths(*LISTINGS_OF_INDICATORS)

    def organisations(self, ids) -> None:
        organisations = list(Organisation.objects.live().filter(pk__in=ids).only("slug"))
        if not organisations:
            return
        if SiteSettingsPartner.objects.filter(organisation__in=organisations).exists():
            self.every_public_url()
            return
        self.batch.add_urls(self.evidence_urls(organisations))
        made = list(Source.objects.live().filter(organisations__in=organisations).only("slug"))
        self.batch.add_urls(self.evidence_urls(made))
        self.pages_citing(
            sources=[source.pk for source in made],
            organisations=[organisation.pk for organisation in organisations],
        )
        self.paths(*LISTINGS_OF_ORGANISATIONS)

    def vision_statements(self, ids) -> None:
        """The pages under these statements and their ancestors, the story index (it lists every
        statement, with or without pages) and the library's facets."""
        pages = list(
            VisionStatementPage.objects.live()
            .filter(vision_statement__in=ids)
            .only("path", "depth", "url_path")
        )
        self.page_urls(pages)
        self.page_urls(self.ancestors(pages))
        self.page_urls(StoryIndexPage.objects.live().only("path", "depth", "url_path"))
        self.paths("library:index")

    def showing(self, model, ids) -> None:
        """Whatever shows these images or documents (ids), as Wagtail's reference index records
        it: the live pages linking them (a document link in a paragraph), and the sources and
        organisations that have them (a source's document, an organisation's logo) with
        everywhere those are shown. A replaced file has a new URL (a document's ends with its
        file name, an image's renditions are made again), so a page kept with the old one would
        link to nothing."""
        referencing = ReferenceIndex.objects.filter(
            to_content_type=ContentType.objects.get_for_model(model),
            to_object_id__in=[str(pk) for pk in ids],
        ).values_list("base_content_type", "object_id")
        by_type: dict[int, set[int]] = {}
        for content_type_id, object_id in referencing:
            by_type.setdefault(content_type_id, set()).add(int(object_id))
        pages = by_type.get(ContentType.objects.get_for_model(Page).pk)
        if pages:
            self.page_urls(
                Page.objects.live().filter(pk__in=pages).only("path", "depth", "url_path")
            )
        for owner, gather in ((Source, self.sources), (Organisation, self.organisations)):
            owned = by_type.get(ContentType.objects.get_for_model(owner).pk)
            if owned:
                gather(owned)

    def every_public_url(self) -> None:
        """Every page, source and organisation and every listing: what the site settings (name,
        partners, footer) or the Story of Progress index's place in the tree change."""
        if self.everything:
            return
        self.everything = True
        self.page_urls(Page.objects.live().filter(depth__gt=1).only("path", "depth", "url_path"))
        self.batch.add_urls(self.evidence_urls(Source.objects.live().only("slug")))
        self.batch.add_urls(self.evidence_urls(Organisation.objects.live().only("slug")))
        self.batch.add_urls(self.evidence_urls(Indicator.objects.live().only("slug")))
        self.paths(*LISTINGS_OF_SOURCES, *LISTINGS_OF_ORGANISATIONS, *LISTINGS_OF_INDICATORS)

    # Helpers ------------------------------------------------------------------------------------

    @staticmethod
    def ancestors(pages) -> list[Page]:
        """The live ancestors of `pages` below the tree's root, in one query."""
        steplen = Page.steplen
        prefixes = {
            page.path[: steplen * depth] for page in pages for depth in range(2, page.depth)
        }
        if not prefixes:
            return []
        return list(Page.objects.live().filter(path__in=prefixes).only("path", "depth", "url_path"))

    def evidence_cited_by(self, page_ids) -> None:
        """The public pages of the evidence these pages' live versions cite, of the cited
        sources' makers, and of the indicators they show. Read from the content itself
        (`evidence.references`, the one parser): the reference index may not have followed a
        save yet when this runs."""
        pages = list(Page.objects.filter(pk__in=page_ids).specific())
        cited = [reference for page in pages for reference in references_in(page)]
        shown = {pk for page in pages for pk in ids_referenced(page, Indicator)}
        if shown:  # their "Shown on" lists
            live = Indicator.objects.live().filter(pk__in=shown).only("slug")
            self.batch.add_urls(self.evidence_urls(live))
        sources = {ref.object_id for ref in cited if ref.linktype == Source.linktype}
        organisations = {ref.object_id for ref in cited if ref.linktype == Organisation.linktype}
        if sources:
            live = Source.objects.live().filter(pk__in=sources)
            self.batch.add_urls(self.evidence_urls(live.only("slug")))
            makers = Organisation.objects.live().filter(sources__in=live).only("slug")
            self.batch.add_urls(self.evidence_urls(makers))
        if organisations:
            live = Organisation.objects.live().filter(pk__in=organisations).only("slug")
            self.batch.add_urls(self.evidence_urls(live))

    @staticmethod
    def evidence_urls(objects) -> set[str]:
        roots = {root_url for _id, _path, root_url, _language in Site.get_site_root_paths()}
        return {f"{root}{obj.public_url}" for obj in objects for root in roots}
