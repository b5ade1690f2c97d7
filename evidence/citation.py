"""APA 7 reference formatting for sources, kept free of Django so it is easy to test."""


def join_authors(authors: list[str]) -> str:
    """APA lists authors as 'A, B, & C'; two as 'A, & B'; one alone."""
    if not authors:
        return ""
    if len(authors) == 1:
        return authors[0]
    return ", ".join(authors[:-1]) + ", & " + authors[-1]


def _end_with_full_stop(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def format_apa_citation(
    *,
    authors: list[str],
    organisations: list[str],
    year: int | None,
    title: str,
    link: str = "",
) -> str:
    """A reference list entry such as
    'Sharp, C., & Lawson, K. (2022). Title? Publisher. https://...'.

    With no personal authors the organisation is the author and is not repeated as publisher.
    """
    publisher = "; ".join(organisations)
    author_text = join_authors(authors)
    if not author_text:
        author_text, publisher = publisher, ""
    date_text = f"({year})." if year else "(n.d.)."
    parts = [_end_with_full_stop(author_text)] if author_text else []
    if author_text:
        parts.append(date_text)
    parts.append(_end_with_full_stop(title.strip()))
    if not author_text:
        parts.append(date_text)
    if publisher:
        parts.append(_end_with_full_stop(publisher))
    if link:
        parts.append(link)
    return " ".join(parts)
