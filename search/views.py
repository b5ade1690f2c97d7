"""Site search over Story of Progress pages, sources and organisations."""

from django.core.paginator import Paginator
from django.shortcuts import render

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from evidence.models import Organisation, Source

MAX_QUERY_LENGTH = 200
PER_PAGE = 20


def clean_query(raw: str) -> str:
    """Printable characters only, whitespace folded, cut to MAX_QUERY_LENGTH."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = []
    if query:
        backend = get_search_backend()
        pages = list(backend.search(query, Page.objects.live().public().specific())[:50])
        sources = list(backend.search(query, Source.objects.live())[:50])
        organisations = list(backend.search(query, Organisation.objects.live())[:50])
        results = (
            [("Organisation", o) for o in organisations]
            + [("Page", p) for p in pages]
            + [("Source", s) for s in sources]
        )
        Query.get(query).add_hit()
    page_obj = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {"search_query": query, "page_obj": page_obj, "result_count": len(results)},
    )
