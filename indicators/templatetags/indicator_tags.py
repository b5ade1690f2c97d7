from django import template

from indicators.charts import chart
from indicators.models import ILLUSTRATIVE_NOTICE

register = template.Library()


@register.simple_tag(takes_context=True)
def indicator_figure(context, indicator) -> dict:
    """What an indicator's figure shows: its data, chart and an id no other figure on the page
    has (the same indicator may show twice), from figures already loaded with it."""
    request = context.get("request")
    shown = getattr(request, "_indicator_figures", 0) + 1 if request is not None else 1
    if request is not None:
        request._indicator_figures = shown
    data = indicator.data
    return {
        "indicator": indicator,
        "data": data,
        "chart": chart(data),
        "chart_id": f"indicator-{indicator.pk or 'new'}-{shown}",
        "illustrative_notice": ILLUSTRATIVE_NOTICE,
    }


@register.filter(is_safe=True)
def coord(value) -> str:
    """An SVG length with one decimal place, as `floatformat:1` printed it, without its Decimal
    arithmetic and localisation: a chart prints a few hundred of them, and `floatformat` was a
    sixth of a national data page's render."""
    return f"{value:.1f}"
