"""Public pages for sources and organisations: the end of every inline citation."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render

from evidence.former_slugs import current_for
from evidence.models import Organisation, Source

PER_PAGE = 50


def evidence_index(request):
    return render(
        request,
        "evidence/evidence_index.html",
        {
            "source_count": Source.objects.live().count(),
            "organisation_count": Organisation.objects.live().count(),
        },
    )


def source_index(request):
    resource_types = dict(Source.ResourceType.choices)
    selected_type = request.GET.get("type", "")
    sources = Source.objects.live().with_live_organisations()
    if selected_type in resource_types:
        sources = sources.filter(resource_type=selected_type)
    else:
        selected_type = ""
    page = Paginator(sources.order_by("title"), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "evidence/source_index.html",
        {
            "page_obj": page,
            "resource_types": resource_types,
            "selected_type": selected_type,
            # Pagination carries the filter on, and nothing else a URL may have had.
            "page_query": QueryDict(f"type={selected_type}" if selected_type else ""),
        },
    )


def source_detail(request, slug):
    source = Source.objects.live().with_live_organisations().filter(slug=slug).first()
    if source is None:
        return redirect_from_former_slug(Source, slug)
    return render(request, "evidence/source_detail.html", source.public_context())


def organisation_index(request):
    organisations = Organisation.objects.live().annotate(
        source_count=Count("sources", filter=Q(sources__live=True))
    )
    return render(
        request,
        "evidence/organisation_index.html",
        {
            "partners": [o for o in organisations if o.is_partner],
            "collective": [o for o in organisations if o.is_promise_collective_member],
            "others": [
                o for o in organisations if not (o.is_partner or o.is_promise_collective_member)
            ],
        },
    )


def organisation_detail(request, slug):
    organisation = Organisation.objects.live().filter(slug=slug).first()
    if organisation is None:
        return redirect_from_former_slug(Organisation, slug)
    return render(request, "evidence/organisation_detail.html", organisation.public_context())


def redirect_from_former_slug(model, slug):
    """A 301 to the evidence's page under its current slug, or 404 (`evidence.former_slugs`)."""
    current = current_for(model, slug)
    if current is None:
        raise Http404(f"No {model._meta.verbose_name} is published as “{slug}”.")
    return redirect(current.public_url, permanent=True)
