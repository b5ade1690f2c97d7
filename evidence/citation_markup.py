"""The markup of a numbered citation: its marker in the text and its entry in "Sources on this
page", with a link back to each marker.

A long page has hundreds of each, so they are formatted here with `html.escape` (what Django's
`escape` calls, without its lazy-string wrapper) rather than by a template or `format_html`,
either of which costs more per citation than everything else the citation needs. Every value
that is not a number of ours is escaped; what is returned is safe HTML.
"""

from html import escape


def marker(number: int, occurrence: int, title: str) -> str:
    """A marker linking to the source's entry, with an id of its own to come back to.

    Screen readers announce "Source 3: <title>" (the label contains the visible number, as
    WCAG's "label in name" asks); sighted readers see "[3]".
    """
    return marker_of_escaped(number, occurrence, escape(title))


def marker_of_escaped(number: int, occurrence: int, title_html: str) -> str:
    """`marker`, for a title already escaped (once per page's evidence, not per marker)."""
    return (
        f'<sup class="citation-marker"><a href="#source-{number}" id="cite-{number}-{occurrence}"'
        f' aria-label="Source {number}: {title_html}">[{number}]</a></sup>'
    )


def glued(marker_html: str, punctuation: str) -> str:
    """A marker and the punctuation right after it, kept on one line: the marker's link is an
    inline block (for a 24 px target), after which a line may break, which would leave a ")"
    or "." alone at the start of the next line (a word joiner does not stop Chromium there)."""
    if not punctuation:
        return marker_html
    return f'<span class="citation-glue">{marker_html}{punctuation}</span>'


def back_links(number: int, occurrences: int) -> str:
    """The way back from an entry to each place the source is cited (none, for a source that
    is cited where no marker is shown)."""
    if occurrences == 1:
        return (
            f'<a class="back-to-text" href="#cite-{number}-1">Back to text'
            f'<span class="visually-hidden"> (source {number})</span></a>'
        )
    if not occurrences:
        return ""
    links = "".join(
        f' <a href="#cite-{number}-{n}"><span class="visually-hidden">citation </span>{n}'
        f'<span class="visually-hidden"> of source {number}</span></a>'
        for n in range(1, occurrences + 1)
    )
    return f'<p class="back-to-text">Back to text:{links}</p>'


def list_entry(
    number: int, occurrences: int, *, url: str, title: str, kind: str, reference: str
) -> str:
    """A source's entry in "Sources on this page": its title (linking to its page), kind and
    reference, and the way back to the text."""
    head = entry_head(number, url=url, title=title, kind=kind, reference=reference)
    return entry_of_head(head, number, occurrences)


def entry_head(number: int, *, url: str, title: str, kind: str, reference: str) -> str:
    """What an entry says whatever the text: made once per page's evidence (`PageEvidence`,
    kept until the content changes), not per render."""
    return f"""
    <li id="source-{number}" value="{number}" tabindex="-1">
      <a href="{escape(url)}">{escape(title)}</a>
      <span class="resource-type">{escape(kind)}</span>
      <p class="citation">{escape(reference)}</p>"""


def entry_of_head(head: str, number: int, occurrences: int) -> str:
    """The entry: its `entry_head` and the way back to each of the `occurrences` markers."""
    return f"""{head}
      {back_links(number, occurrences)}
    </li>"""
