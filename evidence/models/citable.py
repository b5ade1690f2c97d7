"""What citing a source is made of: its reference (APA), its schema.org description, its links.

Written once, for two carriers of the same fields: the `Source` model, and `SourceRow`, the
plain record a page loads for each source it cites. A page citing 500 sources pays for 500
model instances and their organisations' instances (about 40 µs each) before it renders a
word; rows cost a fifth of that, and both give the same reference because both ask this class.
"""

import functools
from collections.abc import Sequence

from evidence.bibliography import CACHE_SIZE, CitationRecord, to_apa, to_apa_many

# The schema.org type of each kind of source; anything else is a CreativeWork.
SCHEMA_TYPES = {
    "report": "Report",
    "inspection": "Report",
    "evaluation": "Report",
    "data_set": "Dataset",
}
DATA_SET = "data_set"

#: The same sources are cited on every render of a page: their records (whose text is cleaned
#: field by field as they are made) are memoised like the references made from them.
_citation_record = functools.lru_cache(maxsize=CACHE_SIZE)(CitationRecord)


class CitableSource:
    """Needs `title`, `slug`, `resource_type`, `authors`, `year`, `url`, `doi`, `summary`,
    `citation_override`, `organisation_names` (the live organisations that made it, by name)
    and `absolute_public_url(root_url)`."""

    __slots__ = ()

    @property
    def author_list(self) -> list[str]:
        return [line.strip() for line in self.authors.splitlines() if line.strip()]

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def link(self) -> str:
        """Where the original lives: the DOI if there is one, else the URL."""
        return self.doi_url or self.url

    def citation_record(self) -> CitationRecord:
        return _citation_record(
            key=self.slug,
            title=self.title,
            kind="dataset" if self.resource_type == DATA_SET else "report",
            authors=tuple(self.author_list),
            organisations=tuple(self.organisation_names),
            year=self.year,
            url=self.url,
            doi=self.doi,
            abstract=self.summary,
        )

    @property
    def citation(self) -> str:
        """APA citation: the editor's override if any, else generated from the record."""
        if self.citation_override.strip():
            return self.citation_override.strip()
        return to_apa(self.citation_record())

    @property
    def schema_type(self) -> str:
        """The schema.org type search engines know it by."""
        return SCHEMA_TYPES.get(self.resource_type, "CreativeWork")

    def schema_org_reference(self, root_url: str) -> dict:
        reference = {
            "@type": self.schema_type,
            "name": self.title,
            "url": self.absolute_public_url(root_url),
        }
        if self.link:
            reference["sameAs"] = self.link
        return reference


def citations_of(sources: Sequence[CitableSource]) -> list[str]:
    """Each source's `citation`, the generated ones read (or formatted) together: one read of
    the shared references for all of them (`evidence.bibliography.to_apa_many`) where asking
    each source would make one each. They are then in this process's memo too, so a template
    asking each source's `citation` afterwards finds it there."""
    generated = iter(
        to_apa_many(
            source.citation_record() for source in sources if not source.citation_override.strip()
        )
    )
    return [source.citation_override.strip() or next(generated) for source in sources]
