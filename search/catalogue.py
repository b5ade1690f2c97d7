"""The small lists a search needs to read filters and label facets, loaded once per request.

Sections and vision statements are a handful of rows; organisations can be many, so only the one
named in the URL (if any) is looked up here, and facet labels are loaded for the counted ones.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from evidence.models import Organisation
from evidence.public_pages import public_pages_q
from evidence.text import ascii_int
from search import generation
from search.params import SearchParams
from story.models import SectionPage, VisionStatement


@dataclass
class Catalogue:
    sections: list[SectionPage] = field(default_factory=list)
    statements: dict[int, VisionStatement] = field(default_factory=dict)
    #: The pages a reader may find (`evidence.public_pages`), worked out once per generation.
    public_q: Q = field(default_factory=Q)
    organisation: Organisation | None = None

    @classmethod
    def load(cls) -> "Catalogue":
        """The catalogue, as loaded before if nothing has changed since (`search.cache`)."""
        return generation.remembered("catalogue", cls.load_from_database)

    @classmethod
    def load_from_database(cls) -> "Catalogue":
        public_q = public_pages_q()
        return cls(
            sections=list(
                SectionPage.objects.filter(public_q)
                .only("pk", "title", "slug", "path")
                .order_by("path")
            ),
            statements=VisionStatement.objects.in_bulk(),
            public_q=public_q,
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
