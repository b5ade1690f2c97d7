"""Public pages for sources and organisations: the end of every inline citation."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from evidence.models import Organisation, Source
from evidence.usage import live_pages_citing

PER_PAGE = 50


def live_organisations():
    return Organisation.objects.live()


def source_context(source: Source) -> dict:
    organisations = [o for o in source.organisations.all() if o.live]
    return {
        "source": source,
        "organisations": organisations,
        "cited_in": live_pages_citing(source),
    }


def organisation_context(organisation: Organisation) -> dict:
    sources = (
        list(
            organisation.sources.live().prefetch_related(
                Prefetch("organisations", queryset=live_organisations())
            )
        )
        if organisation.pk
        else []
    )
    return {
        "organisation": organisation,
        "sources": sources,
        "cited_in": live_pages_citing(organisation, *sources) if organisation.pk else [],
    }


def public_context(obj) -> dict:
    """The template context of a source's or organisation's public page (also its preview)."""
    return source_context(obj) if isinstance(obj, Source) else organisation_context(obj)


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
    sources = Source.objects.live().prefetch_related(
        Prefetch("organisations", queryset=live_organisations())
    )
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
        },
    )


def source_detail(request, slug):
    source = get_object_or_404(
        Source.objects.live().prefetch_related(
            Prefetch("organisations", queryset=live_organisations())
        ),
        slug=slug,
    )
    return render(request, "evidence/source_detail.html", source_context(source))


def organisation_index(request):
    organisations = live_organisations().annotate(
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
    organisation = get_object_or_404(live_organisations(), slug=slug)
    return render(request, "evidence/organisation_detail.html", organisation_context(organisation))
