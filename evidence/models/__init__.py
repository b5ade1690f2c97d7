"""Sources and the organisations that made them: the evidence every narrative cites.

Both are snippets with drafts, revisions, locking, workflow and previews, because a change to
a source changes the meaning of every page that cites it and so must be reviewed like a page.
"""

from evidence.models.base import EvidenceQuerySet, EvidenceSnippet, unique_slug
from evidence.models.citable import SCHEMA_TYPES, CitableSource, citations_of
from evidence.models.former_slug import FormerSlug
from evidence.models.organisation import Organisation
from evidence.models.source import Source, SourceQuerySet, SourceRow
from evidence.models.source_link import SourceLink

__all__ = [
    "SCHEMA_TYPES",
    "CitableSource",
    "EvidenceQuerySet",
    "EvidenceSnippet",
    "FormerSlug",
    "Organisation",
    "Source",
    "SourceLink",
    "SourceQuerySet",
    "SourceRow",
    "citations_of",
    "unique_slug",
]
