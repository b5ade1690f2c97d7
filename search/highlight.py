"""Show readers why a result matched: the query's words marked in the title and an excerpt.

Wagtail's search has no highlighting, so this is ours. All text is escaped first and only our own
`<mark>` elements are added, so nothing from the content or the query becomes markup. Words are
matched by a simple stem (the search backends stem too), so "inspections" marks "inspection".
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SUFFIXES = ("ions", "ion", "ing", "ed", "es", "s")
EXCERPT_LENGTH = 240
LEAD_IN = 80
SENTENCE_JOIN = re.compile(r"([.!?]), ")


def stem(term: str) -> str:
    for suffix in SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= 3:
            return term[: -len(suffix)]
    return term


def term_pattern(terms: list[str]) -> re.Pattern | None:
    stems = sorted({stem(term) for term in terms if term}, key=len, reverse=True)
    if not stems:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE)


def highlight(text: str, pattern: re.Pattern | None) -> SafeString:
    """`text` escaped, with each match of `pattern` in a <mark>."""
    if pattern is None:
        return escape(text)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


def excerpt(text: str, pattern: re.Pattern | None, length: int = EXCERPT_LENGTH) -> SafeString:
    """About `length` characters of `text` around its first match, highlighted."""
    # The index joins a page's blocks with ", ": after a full stop that reads as a stray comma.
    text = SENTENCE_JOIN.sub(r"\1 ", " ".join((text or "").split()))
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > LEAD_IN:
        start = text.rfind(" ", 0, match.start() - LEAD_IN) + 1
    end = start + length
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + highlight(text[start:end], pattern) + suffix)  # noqa: S308
