"""The library catalogue: every live source, filterable, with its citation to copy or download.

The HTML page and the CSV, RIS and BibTeX exports read the same filters
(`library.filters`) and each runs a fixed number of queries whatever the number of
sources. Only live sources and live organisations are ever shown or exported.
"""

import csv
import io

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from evidence.downloads import CSV_CONTENT_TYPE, attachment, citation_download, csv_cell
from evidence.former_slugs import current_for
from evidence.models import Source, citations_of
from evidence.rate_limits import rate_limited
from evidence.text import ascii_int
from library.filters import SORTS, LibraryFilters, shorten, vision_statements_by_source

PER_PAGE = 20
CSV_COLUMNS = [
    "Title",
    "Resource type",
    "Authors",
    "Organisations",
    "Year",
    "URL",
    "DOI",
    "Citation (APA)",
    "Vision statements",
    "Public URL",
]


def read_page_number(value: str | None, num_pages: int, problems: list[str]) -> int:
    if value is None or value == "":
        return 1
    number = ascii_int(value)
    if number is not None and 1 <= number <= num_pages:
        return number
    problems.append(f"There is no page “{shorten(value, 20)}”: showing page 1 of {num_pages}.")
    return 1


@require_safe
def library_index(request):
    filters = LibraryFilters.from_query(request.GET)
    sources = filters.ordered(filters.sources()).with_live_organisations()
    paginator = Paginator(sources, PER_PAGE)
    problems = list(filters.problems)
    page = paginator.page(read_page_number(request.GET.get("page"), paginator.num_pages, problems))
    entries = list(page.object_list)
    citations_of(entries)  # the page's references in one read of the shared ones, not one each
    statements = vision_statements_by_source(filters.citations, [source.pk for source in entries])
    for source in entries:
        source.vision_statements = statements.get(source.pk, [])
    return render(
        request,
        "library/library_index.html",
        {
            "filters": filters,
            "facets": filters.facets(),
            "sorts": SORTS,
            "problems": problems,
            "page_obj": page,
            "entries": entries,
            "page_query": filters.query_dict(),
            "export_query": filters.querystring(),
        },
    )


def filtered_sources(request) -> tuple[LibraryFilters, list[Source]]:
    filters = LibraryFilters.from_query(request.GET)
    return filters, list(filters.ordered(filters.sources()).with_live_organisations())


def bad_filters(filters: LibraryFilters) -> HttpResponse:
    """Exports refuse unknown filters rather than silently exporting more than was asked."""
    message = "This export was not made because of its filters:\n" + "\n".join(filters.problems)
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def export_stem(filters: LibraryFilters) -> str:
    """The download's file name without extension, naming the filters applied."""
    suffix = "-".join(value for value in filters.params(include_sort=False).values())
    return f"story-of-progress-library{'-' + suffix if suffix else ''}"


@require_safe
@rate_limited("exports")
def library_csv(request):
    filters, sources = filtered_sources(request)
    if filters.problems:
        return bad_filters(filters)
    statements = vision_statements_by_source(filters.citations, filters.sources().values("pk"))
    buffer = io.StringIO()
    buffer.write("\ufeff")  # lets spreadsheet programs read the file as UTF-8
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for source, citation in zip(sources, citations_of(sources), strict=True):
        row = [
            source.title,
            source.get_resource_type_display(),
            "; ".join(source.author_list),
            "; ".join(organisation.name for organisation in source.live_organisations),
            source.year or "",
            source.url,
            source.doi,
            citation,
            "; ".join(f"{number}. {name}" for number, name in statements.get(source.pk, [])),
            request.build_absolute_uri(source.public_url),
        ]
        writer.writerow([csv_cell(value) for value in row])
    return attachment(buffer.getvalue(), CSV_CONTENT_TYPE, f"{export_stem(filters)}.csv")


@require_safe
@rate_limited("exports")
def library_citations(request, extension: str):
    """The filtered list as RIS or BibTeX; 400 rather than a longer list than was asked for."""
    filters, sources = filtered_sources(request)
    if filters.problems:
        return bad_filters(filters)
    records = (source.citation_record() for source in sources)
    return citation_download(records, extension, export_stem(filters))


@require_safe
@rate_limited("exports")
def source_citation(request, slug, extension: str):
    # A draft or unpublished source is a 404, exactly like its public page.
    source = Source.objects.live().with_live_organisations().filter(slug=slug).first()
    if source is None:
        current = current_for(Source, slug)  # a former slug: 301 to the current download
        if current is None:
            raise Http404("No source is published under this name.")
        return redirect(
            f"library:{request.resolver_match.url_name}", slug=current.slug, permanent=True
        )
    return citation_download([source.citation_record()], extension, source.slug)
