from django import template
from django.utils.safestring import SafeString, mark_safe

from evidence.citations import PageEvidence

register = template.Library()


def page_evidence_for(context, items) -> PageEvidence:
    """The page's prepared evidence; outside such a page (a block preview) collect it here."""
    evidence = context.get("page_evidence")
    if evidence is None:
        evidence = PageEvidence.collect(items)
        context["page_evidence"] = evidence
    return evidence


@register.simple_tag(takes_context=True)
def cited_richtext(context, value) -> SafeString:
    """Rich text with evidence links and numbered citation markers."""
    html = getattr(value, "source", value) or ""
    return page_evidence_for(context, [html]).render(html)


@register.simple_tag(takes_context=True)
def cited_source(context, source) -> dict | None:
    """A chosen source's citation number and marker, or None when it is missing or not live."""
    if source is None:
        return None
    cited = page_evidence_for(context, [("source", source.pk)]).sources.get(source.pk)
    if cited is None:
        return None
    return {"source": cited.source, "marker": mark_safe(context["page_evidence"].marker(cited))}  # noqa: S308
