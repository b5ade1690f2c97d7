"""Site search over Story of Progress pages, indicators, sources and organisations, and its
autocomplete.

Both views answer 200 to anything a reader can type: the query is cleaned and cut to
`MAX_QUERY_LENGTH`, and filter values we do not know are dropped with a notice on the page.
Neither writes anything: readers' searches are not logged (Wagtail's query log fed a public
"Popular searches" list that anonymous traffic could fill; editors now curate "Suggested
searches" in the site settings instead).
"""

from collections import Counter, defaultdict
from math import ceil
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from evidence.models import Organisation, Source
from evidence.public_pages import public_pages_q
from evidence.rate_limits import rate_limited
from evidence.text import without_control_characters
from indicators.models import Indicator
from search import cache as search_cache
from search import generation
from search.catalogue import Catalogue
from search.facets import FacetCounter
from search.highlight import term_pattern
from search.params import (
    MAX_QUERY_LENGTH,
    PER_PAGE,
    SORTS,
    SearchParams,
    clean_query,
    common_words_only,
    query_terms,
)
from search.query import RankedHits, SearchRun, relevance, title_tier
from search.results import load_results
from search.suggestions import spelling_suggestion

AUTOCOMPLETE_LIMIT = 8
AUTOCOMPLETE_MIN_LENGTH = 2

__all__ = ["MAX_QUERY_LENGTH", "autocomplete", "search"]


def link(params: SearchParams, **changes) -> str:
    return "?" + urlencode(params.url_params(**changes))


def editors_picks(query: str, public_q: Q, request) -> list[dict]:
    """Editors' picks for this query, as found before if nothing has changed since."""
    return generation.remembered(
        "picks",
        lambda: find_editors_picks(query, public_q, request),
        normalise_query_string(query),
        request.get_host(),
    )


def find_editors_picks(query: str, public_q: Q, request) -> list[dict]:
    """Editors' picks for this query (`wagtail.contrib.search_promotions`), live pages only."""
    public_pages = Page.objects.live().filter(public_q)
    picks = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .filter(Q(page__isnull=True) | Q(page__in=public_pages))
        .select_related("page")
        .order_by("sort_order")
    )
    return [
        {
            "title": pick.title,
            "url": pick.page.get_url(request) if pick.page else pick.external_link_url,
            "description": pick.description or (pick.page.search_description if pick.page else ""),
        }
        for pick in picks
    ]


def run_search(params: SearchParams, catalogue: Catalogue) -> tuple[RankedHits, list]:
    """The ranked hits and facets of a search: computed, or as computed before (`search.cache`).

    A computed search keeps its facet counts and its first `CACHED_HITS` hits (more if the page
    asked for is further on), so later requests for any of those pages cost no search at all.
    """
    cache_key = search_cache.key(params)
    run = SearchRun(params, catalogue)
    counter = FacetCounter(run)
    computed = search_cache.get(cache_key)
    if computed is None:
        counter.tally()
        total = counter.total
        last = min(params.page, max(ceil(total / PER_PAGE), 1)) * PER_PAGE
        hits = run.top(min(max(search_cache.CACHED_HITS, last), total))
        computed = search_cache.ComputedSearch(
            total, counter.counted, hits, counter.organisation_names
        )
        search_cache.put(cache_key, computed)
    else:
        counter.counted = defaultdict(Counter, {k: Counter(v) for k, v in computed.counted.items()})
        counter.organisation_names = computed.organisation_names
    return RankedHits(run, computed.total, first=computed.hits), counter.facets()


@require_GET
@rate_limited("search")
def search(request):
    params = SearchParams.from_querydict(request.GET)
    context = {
        "search_query": params.query,
        "params": params,
        "max_query_length": MAX_QUERY_LENGTH,
    }
    if not params.query:
        return render(request, "search/search.html", context)
    if common_words_only(params.query):
        params.notices.append(
            "Words as common as these are left out of searches: add a more specific word."
        )
    elif not params.terms:
        params.notices.append("Search for words or numbers: punctuation on its own finds nothing.")

    catalogue = Catalogue.load()
    catalogue.resolve(params)
    all_hits, facets = RankedHits(None, 0), []
    if params.terms:
        all_hits, facets = run_search(params, catalogue)
    paginator = Paginator(all_hits, PER_PAGE)
    page_obj = paginator.page(min(params.page, paginator.num_pages))
    if params.page > paginator.num_pages and all_hits:
        params.notices.append(f"There are only {paginator.num_pages} pages of results.")
    pattern = term_pattern(params.terms)
    results = load_results(list(page_obj.object_list), catalogue, pattern, request)

    for facet in facets:
        for option in facet.options:
            option.url = link(params, **{facet.name: None if option.selected else option.value})
    context.update(
        {
            "results": results,
            "result_count": len(all_hits),
            "page_obj": page_obj,
            "facets": [facet for facet in facets if facet.options],
            "active_filters": [
                (facet.label, option.label, option.url)
                for facet in facets
                for option in facet.options
                if option.selected
            ],
            "clear_filters_url": link(params, **dict.fromkeys(params.filters)),
            "sort_links": [
                (key, label, link(params, sort=key), key == params.sort)
                for key, label in SORTS.items()
            ],
            "page_query": QueryDict(urlencode(params.url_params())),
            "editors_picks": editors_picks(params.query, catalogue.public_q, request)
            if page_obj.number == 1
            else [],
        }
    )
    if not all_hits:
        context["suggestion"] = spelling_suggestion(params.query, catalogue)
    return render(request, "search/search.html", context)


@require_GET
@rate_limited("autocomplete", as_json=True)
def autocomplete(request):
    """Up to eight titles that start like what the reader is typing, as JSON."""
    query = clean_query(request.GET.get("q", ""))[:100]
    terms = query_terms(query)
    if len(query) < AUTOCOMPLETE_MIN_LENGTH or not terms:
        return JsonResponse({"query": query, "results": []})
    backend = get_search_backend()
    text = " ".join(terms)

    def matches(queryset):
        results = backend.autocomplete(text, queryset, operator="and").annotate_score("_score")
        return results.get_queryset()

    pages = matches(Page.objects.live().filter(depth__gt=1)).filter(public_pages_q())[
        :AUTOCOMPLETE_LIMIT
    ]
    sources = matches(Source.objects.live()).only("pk", "title", "slug")[:AUTOCOMPLETE_LIMIT]
    organisations = matches(Organisation.objects.live()).only("pk", "name", "short_name", "slug")[
        :AUTOCOMPLETE_LIMIT
    ]
    indicators = matches(Indicator.objects.live()).only("pk", "name", "slug")[:AUTOCOMPLETE_LIMIT]
    candidates = [(page.title, page.get_url(request), "Page", page._score) for page in pages]
    candidates += [(i.name, i.public_url, "Indicator", i._score) for i in indicators]
    candidates += [(s.title, s.public_url, "Source", s._score) for s in sources]
    candidates += [(o.name, o.public_url, "Organisation", o._score) for o in organisations]
    lowered = query.lower()
    candidates.sort(
        key=lambda c: (
            not c[0].lower().startswith(lowered),
            -title_tier(query, c[0]),
            -relevance(c[3]),
        )
    )
    return JsonResponse(
        {
            "query": query,
            "results": [
                {"title": without_control_characters(title), "url": url, "kind": kind}
                for title, url, kind, _score in candidates[:AUTOCOMPLETE_LIMIT]
                if url
            ],
        }
    )
