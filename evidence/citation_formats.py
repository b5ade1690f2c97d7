"""Machine-readable citations (RIS and BibTeX) for sources and Story of Progress pages.

One neutral record feeds both formats, so a source and a page are exported the same way.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone

RIS_TYPES = {"report": "RPRT", "dataset": "DATA", "webpage": "ELEC", "generic": "GEN"}
BIBTEX_TYPES = {"report": "techreport", "dataset": "misc", "webpage": "online", "generic": "misc"}


@dataclass
class CitationRecord:
    key: str
    title: str
    kind: str = "generic"  # one of RIS_TYPES
    authors: list[str] = field(default_factory=list)  # "Surname, Initials."
    organisations: list[str] = field(default_factory=list)
    year: int | None = None
    url: str = ""
    doi: str = ""
    abstract: str = ""
    accessed: str = ""  # ISO date, for web pages
    container: str = ""  # the website a web page belongs to

    # The Story of Progress is published jointly; its pages are cited as the partners' work.
    PARTNERS = ("COSLA", "Scottish Government", "The Promise Scotland")
    SITE_NAME = "Story of Progress"

    @classmethod
    def from_source(cls, source) -> "CitationRecord":
        kind = {"data_set": "dataset"}.get(source.resource_type, "report")
        return cls(
            key=source.slug,
            title=source.title,
            kind=kind,
            authors=source.author_list,
            organisations=[organisation.name for organisation in source.organisations.all()],
            year=source.year,
            url=source.url,
            doi=source.doi,
            abstract=source.summary,
        )

    @classmethod
    def from_page(cls, page, request_or_site_url) -> "CitationRecord":
        """A Story of Progress page as a web page by the partners, accessed today.

        `request_or_site_url` is the current request (the URL follows the site it was served
        from) or a site root URL such as "https://example.org".
        """
        if isinstance(request_or_site_url, str):
            url_parts = page.get_url_parts()
            url = request_or_site_url.rstrip("/") + url_parts[2] if url_parts else ""
        else:
            url = page.get_full_url(request_or_site_url) or ""
        published = page.last_published_at or page.first_published_at
        return cls(
            key=f"storyofprogress-{page.slug}-{page.pk}",
            title=page_citation_title(page),
            kind="webpage",
            organisations=list(cls.PARTNERS),
            year=published.year if published else None,
            url=url,
            accessed=timezone.localdate().isoformat(),
            container=cls.SITE_NAME,
        )


def page_citation_title(page) -> str:
    """A vision statement has a page in each section: the section tells them apart."""
    if getattr(page.specific_deferred, "vision_statement_id", None):
        parent = page.get_parent()
        if parent is not None:
            return f"{page.title}: {parent.title}"
    return page.title


def _join_names(names: list[str]) -> str:
    """APA lists names as "A, B, & C"."""
    if len(names) <= 2:
        return " & ".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else f"{text}."


def to_apa(record: CitationRecord) -> str:
    """APA (7th edition) reference as plain text, for readers to copy."""
    creators = _join_names(record.authors or record.organisations)
    year = record.year or "n.d."
    title = _sentence(record.title)
    parts = [f"{creators}. ({year}). {title}"] if creators else [f"{title} ({year})."]
    if record.container and record.container not in record.organisations:
        parts.append(_sentence(record.container))
    if record.doi:
        parts.append(f"https://doi.org/{record.doi}")
    elif record.url and record.accessed:
        accessed = datetime.date.fromisoformat(record.accessed)
        parts.append(f"Retrieved {accessed:%B} {accessed.day}, {accessed.year}, from {record.url}")
    elif record.url:
        parts.append(record.url)
    return _clean(" ".join(parts))


def _clean(value: str) -> str:
    """One line, no control characters: RIS is line-based and BibTeX values are one field."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in str(value)).split())


def to_ris(record: CitationRecord) -> str:
    lines = [("TY", RIS_TYPES.get(record.kind, "GEN")), ("TI", record.title)]
    if record.container:
        lines.append(("T2", record.container))
    lines += [("AU", author) for author in record.authors]
    if not record.authors:
        lines += [("AU", organisation) for organisation in record.organisations]
    else:
        lines += [("PB", organisation) for organisation in record.organisations]
    if record.year:
        lines.append(("PY", str(record.year)))
    if record.doi:
        lines.append(("DO", record.doi))
    if record.url:
        lines.append(("UR", record.url))
    if record.abstract:
        lines.append(("AB", record.abstract))
    if record.accessed:
        lines.append(("Y2", record.accessed))
    lines.append(("ER", ""))
    return "".join(
        f"{tag}  - {_clean(value)}\r\n".replace(" - \r\n", " -\r\n") for tag, value in lines
    )


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def _bibtex_escape(value: str) -> str:
    def replace(match: re.Match) -> str:
        char = match.group(1)
        return {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(char, "\\" + char)

    return _BIBTEX_SPECIAL.sub(replace, _clean(value))


def to_bibtex(record: CitationRecord) -> str:
    key = re.sub(r"[^A-Za-z0-9:_-]", "", record.key) or "item"
    fields = [("title", "{" + _bibtex_escape(record.title) + "}")]
    if record.authors:
        fields.append(("author", " and ".join(_bibtex_escape(a) for a in record.authors)))
    elif record.organisations:
        fields.append(
            ("author", " and ".join("{" + _bibtex_escape(o) + "}" for o in record.organisations))
        )
    if record.organisations:
        publisher_field = "institution" if record.kind == "report" else "publisher"
        fields.append((publisher_field, "; ".join(_bibtex_escape(o) for o in record.organisations)))
    if record.year:
        fields.append(("year", str(record.year)))
    if record.doi:
        fields.append(("doi", _bibtex_escape(record.doi)))
    if record.url:
        fields.append(("url", _clean(record.url).replace("}", "%7D").replace("{", "%7B")))
    if record.accessed:
        fields.append(("urldate", record.accessed))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{BIBTEX_TYPES.get(record.kind, 'misc')}{{{key},\n{body}\n}}\n"
