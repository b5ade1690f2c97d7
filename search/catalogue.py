"""The small lists a search needs to read filters and label facets, loaded once per request.

Sections and vision statements are a handful of rows; organisations can be many, so only the one
named in the URL (if any) is looked up here, and facet labels are loaded for the counted ones.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from wagtail.models import Page, Site

from evidence.models import Organisation
from evidence.text import ascii_int
from search import generation
from search.params import SearchParams
from story.models import SectionPage, VisionStatement


def public_pages_q(private_q: Q | None = None) -> Q:
    """Pages a reader may find: in a site (so they have a URL) and under no view restriction."""
    if private_q is None:
        private_q = Page.objects.all().private_q()
    site_q = Q(pk__in=[])
    for _site_id, root_path, _root_url, _language in Site.get_site_root_paths():
        site_q |= Q(url_path__startswith=root_path)
    return site_q & ~private_q


@dataclass
class Catalogue:
    sections: list[SectionPage] = field(default_factory=list)
    statements: dict[int, VisionStatement] = field(default_factory=dict)
    public_q: Q = field(default_factory=Q)
    organisation: Organisation | None = None

    @classmethod
    def load(cls) -> "Catalogue":
        """The catalogue, as loaded before if nothing has changed since (`search.cache`)."""
        return generation.remembered("catalogue", cls.load_from_database)

    @classmethod
    def load_from_database(cls) -> "Catalogue":
        private_q = Page.objects.all().private_q()  # one query for view restrictions
        return cls(
            sections=list(
                SectionPage.objects.live()
                .exclude(private_q)
                .only("pk", "title", "slug", "path")
                .order_by("path")
            ),
            statements=VisionStatement.objects.in_bulk(),
            public_q=public_pages_q(private_q),
        )

    def section(self, slug: str) -> SectionPage | None:
        return next((section for section in self.sections if section.slug == slug), None)

    def section_for_path(self, path: str) -> SectionPage | None:
        for length in self._section_path_lengths:
            section = self._sections_by_path.get(path[:length])
            if section:
                return section
        return None

    def __post_init__(self):
        self._sections_by_path = {section.path: section for section in self.sections}
        self._section_path_lengths = sorted({len(path) for path in self._sections_by_path})

    def statement(self, number: str) -> VisionStatement | None:
        wanted = ascii_int(number, max_digits=4)
        return next((s for s in self.statements.values() if s.number == wanted), None)

    def resolve(self, params: SearchParams) -> None:
        """Drop filters naming a section, statement or organisation that does not exist."""
        params.validate_static_filters()
        if "section" in params.filters and not self.section(params.filters["section"]):
            params.drop_filter("section", "section")
        if "vision" in params.filters and not self.statement(params.filters["vision"]):
            params.drop_filter("vision", "vision statement")
        if "organisation" in params.filters:
            self.organisation = (
                Organisation.objects.live()
                .filter(slug=params.filters["organisation"])
                .only("pk", "name", "short_name", "slug")
                .first()
            )
            if self.organisation is None:
                params.drop_filter("organisation", "organisation")
