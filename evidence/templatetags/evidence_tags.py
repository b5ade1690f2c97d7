from django import template
from django.utils.safestring import SafeString

from evidence.page_evidence import PageEvidence
from evidence.references import EvidenceReference, references_in_rich_text

register = template.Library()


def page_evidence_for(context, references: list[EvidenceReference]) -> PageEvidence:
    """The page's prepared evidence; outside such a page (a block preview) collect it here."""
    evidence = context.get("page_evidence")
    if evidence is None:
        evidence = PageEvidence.collect(references)
        context["page_evidence"] = evidence
    return evidence


@register.simple_tag(takes_context=True)
def cited_richtext(context, value) -> SafeString:
    """Rich text with evidence links and numbered citation markers."""
    html = getattr(value, "source", value) or ""
    evidence = context.get("page_evidence")
    if evidence is None:
        evidence = page_evidence_for(context, references_in_rich_text(html))
    return evidence.render(html)


@register.simple_tag(takes_context=True)
def cited_source(context, source) -> dict | None:
    """A chosen source's citation number and marker, or None when it is missing or not live.

    A block preview's empty chooser gives "" rather than None: anything without a pk is none."""
    if getattr(source, "pk", None) is None:
        return None
    evidence = page_evidence_for(context, [EvidenceReference(source.linktype, source.pk)])
    cited = evidence.sources.get(source.pk)
    if cited is None:
        return None
    return {"source": cited.source, "marker": cited.marker()}


@register.simple_tag(takes_context=True)
def cited_organisation(context, organisation):
    """A chosen organisation as readers may see it: None when it is missing or not live."""
    if getattr(organisation, "pk", None) is None:
        return None
    references = [EvidenceReference(organisation.linktype, organisation.pk)]
    return page_evidence_for(context, references).organisations.get(organisation.pk)
