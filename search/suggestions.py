"""Help when a search finds nothing: spelling suggestions.

They compare each word of the query with the words of the site's own names (sections, vision
statements, organisations), so they only ever suggest something the site contains. The other
help, searches editors suggest, is in the site settings (`suggested_searches` in `site_tags`).
"""

import difflib
import re

from evidence.models import Organisation
from search.catalogue import Catalogue
from search.params import query_terms

WORD = re.compile(r"[a-z]{3,}")


def spelling_suggestion(query: str, catalogue: Catalogue) -> str:
    """The query with each unknown word replaced by the closest known one, or "" if none."""
    names = [section.title for section in catalogue.sections]
    names += [f"{s.short_name} {s.full_wording}" for s in catalogue.statements.values()]
    for name, short_name in Organisation.objects.live().values_list("name", "short_name"):
        names += [name, short_name]
    vocabulary = sorted({word for name in names for word in WORD.findall(name.lower())})
    known = set(vocabulary)
    suggested, changed = [], False
    for term in query_terms(query):
        if term in known or term.isdigit() or len(term) < 4:
            suggested.append(term)
            continue
        # Only words that start alike and are about as long: keeps difflib cheap on big lists.
        candidates = [w for w in vocabulary if w[0] == term[0] and abs(len(w) - len(term)) <= 2]
        close = difflib.get_close_matches(term, candidates, n=1, cutoff=0.75)
        suggested.append(close[0] if close else term)
        changed = changed or bool(close)
    return " ".join(suggested) if changed else ""
