"""Public pages of indicators: the list, each indicator's page and its figures as CSV."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from evidence.downloads import CSV_CONTENT_TYPE, attachment
from evidence.rate_limits import rate_limited
from indicators.csv_files import write_figures
from indicators.models import Indicator


def live_indicator(slug: str) -> Indicator:
    """The live indicator at `slug`, with what its page shows; a draft is a 404."""
    indicator = Indicator.objects.live().for_display().filter(slug=slug).first()
    if indicator is None:
        raise Http404("No indicator is published under this name.")
    return indicator


@require_safe
def indicator_index(request):
    indicators = Indicator.objects.live().select_related("source").order_by("name")
    return render(request, "indicators/indicator_index.html", {"indicators": indicators})


@require_safe
def indicator_detail(request, slug):
    indicator = live_indicator(slug)
    return render(request, "indicators/indicator_detail.html", indicator.public_context())


@require_safe
@rate_limited("exports")
def indicator_csv(request, slug):
    """The figures as readers see them, in the columns an editor's upload takes."""
    indicator = live_indicator(slug)
    return attachment(write_figures(indicator.data), CSV_CONTENT_TYPE, f"{indicator.slug}.csv")
