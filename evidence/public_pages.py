"""The one rule of which pages a reader may see, so which pages' citations count in public.

Everything the public site derives from pages or from what they cite (search results and facet
counts, autocomplete, the library's vision statements, feeds, the sitemap, "Cited in" lists, page
citations) must agree, or one surface reveals what another hides: a password-protected page's
sources found by a search filter that only that page could make true, say. So every one of them
asks this module (and `citations.models.CitationQuerySet.in_public`, built on it).

A page is public when it is live, lies in a site (so it has a URL), has no view restriction
(password, login or groups) on itself or any ancestor, and has no unpublished ancestor. Wagtail
would still route to a live page under an unpublished one, but an editor who unpublishes a part of
the tree means to withdraw it, so it is not offered to readers. It lives in the lowest app because
`evidence.usage` ("Cited in") needs it too.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr

from wagtail.models import Page, Site
from wagtail.query import PageQuerySet


def hiding_pages() -> PageQuerySet:
    """The pages that hide their subtree: those with a view restriction, and unpublished ones
    with children (what Wagtail's `private_q` reads, and no more)."""
    return Page.objects.filter(
        Q(view_restrictions__isnull=False) | Q(live=False, depth__gt=1, numchild__gt=0)
    )


def public_pages_q(*, in_the_query: bool = False) -> Q:
    """The condition on `Page` rows.

    By default one small query reads the paths of `hiding_pages`, and the condition names them:
    best for a query over many pages (search, listings). `in_the_query` puts that lookup in the
    query the condition is used in instead (a correlated subquery per row): one query fewer,
    for a query that reads a handful of pages. Either way Wagtail's cached site root paths say
    which pages lie in a site.
    """
    in_site = Q(pk__in=[])  # matches nothing if there is no site
    for _site_id, root_path, _root_url, _language in Site.get_site_root_paths():
        in_site |= Q(url_path__startswith=root_path)
    if in_the_query:
        at_or_above = hiding_pages().filter(path=Substr(OuterRef("path"), 1, Length("path")))
        return Q(live=True) & in_site & ~Exists(at_or_above)
    hidden = Q(pk__in=[])  # matches nothing if nothing is hidden
    for path in hiding_pages().order_by("path").values_list("path", flat=True).distinct():
        hidden |= Q(path__startswith=path)
    return Q(live=True) & in_site & ~hidden


def public_pages() -> PageQuerySet:
    """The pages a reader may see (`public_pages_q`)."""
    return Page.objects.filter(public_pages_q())
