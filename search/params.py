"""What a reader asked for: the query, the filters, the sort and the page, read from the URL.

Everything lives in the query string so a results page can be bookmarked and shared. Nothing a
reader types can make the search fail: the query is cleaned and cut, and a filter value we do not
know is dropped with a notice that says so, rather than answering 400 or 500.
"""

import re
from dataclasses import dataclass, field

from django.http import QueryDict

from evidence.models import Source
from evidence.text import ascii_int, is_number
from story.models import Foundation

#: Longest query we search for; the rest is cut (and the reader told).
MAX_QUERY_LENGTH = 200
#: Most words passed to the search backend: each one costs a full-text lookup.
MAX_TERMS = 12
PER_PAGE = 20

#: What a search finds, in the order the "Type of result" facet lists them, with their labels.
KINDS = {
    "page": "Pages",
    "indicator": "Indicators",
    "source": "Sources",
    "organisation": "Organisations",
}
#: Between hits that rank equally: an organisation (often what was searched for by name), then
#: pages, then indicators, then sources.
KIND_ORDER = {"organisation": 0, "page": 1, "indicator": 2, "source": 3}
SORTS = {"relevance": "Relevance", "date": "Most recent"}
FILTER_NAMES = ("kind", "section", "vision", "foundation", "organisation", "type", "year")
MIN_YEAR, MAX_YEAR = 1900, 2100

WORD = re.compile(r"\w+")
# The English stop words of PostgreSQL's text search (its `english.stop`, Snowball's list): it
# drops them from queries and documents. SQLite's FTS5 would require them, so they are dropped
# on both, and a search finds the same things whichever database runs the site.
STOP_WORDS = frozenset(
    re.findall(
        r"\w+",
        "i me my myself we our ours ourselves you your yours yourself yourselves he him his "
        "himself she her hers herself it its itself they them their theirs themselves what which "
        "who whom this that these those am is are was were be been being have has had having do "
        "does did doing a an the and but if or because as until while of at by for with about "
        "against between into through during before after above below to from up down in out on "
        "off over under again further then once here there when where why how all any both each "
        "few more most other some such no nor not only own same so than too very s t can will "
        "just don should now",
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
    terms: list[str] = []
    for term in WORD.findall(query.lower()):
        if term not in STOP_WORDS and term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def common_words_only(query: str) -> bool:
    """Whether the query has words, but only ones too common to search for (`STOP_WORDS`)."""
    words = WORD.findall(query.lower())
    return bool(words) and all(word in STOP_WORDS for word in words)


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
            "year": ("year", lambda v: MIN_YEAR <= (ascii_int(v, 4) or 0) <= MAX_YEAR),
            "vision": ("vision statement", lambda v: is_number(v, max_digits=4)),
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
    return max(ascii_int(raw.strip(), max_digits=6) or 1, 1)
