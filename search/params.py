"""What a reader asked for: the query, the filters, the sort and the page, read from the URL.

Everything lives in the query string so a results page can be bookmarked and shared. Nothing a
reader types can make the search fail: the query is cleaned and cut, and a filter value we do not
know is dropped with a notice that says so, rather than answering 400 or 500.
"""

import re
from dataclasses import dataclass, field

from django.http import QueryDict

from evidence.models import Source
from story.models import Foundation

#: Longest query we search for; the rest is cut (and the reader told).
MAX_QUERY_LENGTH = 200
#: Most words passed to the search backend: each one costs a full-text lookup.
MAX_TERMS = 12
PER_PAGE = 20

KINDS = {"page": "Pages", "source": "Sources", "organisation": "Organisations"}
SORTS = {"relevance": "Relevance", "date": "Most recent"}
FILTER_NAMES = ("kind", "section", "vision", "foundation", "organisation", "type", "year")
MIN_YEAR, MAX_YEAR = 1900, 2100

WORD = re.compile(r"\w+")
# Common English words PostgreSQL's text search ignores; SQLite's FTS5 would require them.
# Dropping them on both keeps results the same whichever database runs the site.
STOP_WORDS = frozenset(
    re.findall(
        r"\w+",
        "a an and are as at be but by for from has have he her his i if in into is it its "
        "of on or our she so that the their them they this to was we were what when where "
        "which who will with you your",
    )
)
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")


def clean_query(raw: str) -> str:
    """Printable characters only, whitespace folded, cut to MAX_QUERY_LENGTH at a word break."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw[: MAX_QUERY_LENGTH * 5])
    query = " ".join(printable.split())
    if len(query) > MAX_QUERY_LENGTH:
        cut = query[: MAX_QUERY_LENGTH + 1]
        query = cut[: cut.rfind(" ")] if " " in cut else cut[:MAX_QUERY_LENGTH]
    return query.strip()


def query_terms(query: str) -> list[str]:
    """The words of the query, lower-cased, for the backend and for highlighting.

    Only word characters reach the backend, so quotes, operators and SQL or FTS syntax in what a
    reader types are never interpreted (SQLite's FTS5 would otherwise read `AND`, `*` or `"`).
    """
    words = WORD.findall(query.lower())
    terms: list[str] = []
    for term in [w for w in words if w not in STOP_WORDS] or words:
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


@dataclass
class SearchParams:
    query: str = ""
    terms: list[str] = field(default_factory=list)
    truncated: bool = False
    filters: dict[str, str] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    notices: list[str] = field(default_factory=list)

    @classmethod
    def from_querydict(cls, data: QueryDict) -> "SearchParams":
        raw = data.get("q", "")
        query = clean_query(raw)
        params = cls(query=query, terms=query_terms(query))
        params.truncated = len(" ".join(raw.split())) > MAX_QUERY_LENGTH
        if params.truncated:
            params.notices.append(
                f"Your search was shortened to its first {MAX_QUERY_LENGTH} characters."
            )
        for name in FILTER_NAMES:
            value = data.get(name, "").strip()
            if value:
                params.filters[name] = value[:100]
        sort = data.get("sort", "relevance")
        params.sort = sort if sort in SORTS else "relevance"
        params.page = parse_page(data.get("page", "1"))
        return params

    def drop_filter(self, name: str, label: str) -> None:
        """Forget a filter value we cannot use, and tell the reader."""
        self.filters.pop(name, None)
        self.notices.append(f"The {label} filter was ignored: no such {label}.")

    def validate_static_filters(self) -> None:
        """Check the filters whose values are fixed lists; the catalogue checks the others."""
        checks = {
            "kind": ("result type", lambda v: v in KINDS),
            "foundation": ("foundation", lambda v: v in Foundation.values),
            "type": ("resource type", lambda v: v in Source.ResourceType.values),
            "year": ("year", lambda v: v.isdigit() and MIN_YEAR <= int(v) <= MAX_YEAR),
            "vision": ("vision statement", lambda v: v.isdigit() and len(v) < 5),
            "section": ("section", SLUG.match),
            "organisation": ("organisation", SLUG.match),
        }
        for name, (label, is_valid) in checks.items():
            if name in self.filters and not is_valid(self.filters[name]):
                self.drop_filter(name, label)

    def url_params(self, **changes) -> dict[str, str]:
        """The query string of this search, with some values changed (None removes one)."""
        params = {"q": self.query, **self.filters}
        if self.sort != "relevance":
            params["sort"] = self.sort
        params.update(changes)
        return {key: str(value) for key, value in params.items() if value not in (None, "")}


def parse_page(raw: str) -> int:
    """A page number from the URL: anything that is not a positive number means page 1."""
    raw = raw.strip()
    if not raw.isdigit() or len(raw) > 6:
        return 1
    return max(int(raw), 1)
