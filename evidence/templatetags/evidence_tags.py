from django import template
from django.utils.safestring import SafeString

from evidence.page_evidence import cited_rich_text, page_evidence_for
from evidence.references import EvidenceReference

register = template.Library()


@register.simple_tag(takes_context=True)
def cited_richtext(context, value) -> SafeString:
    """Rich text with evidence links and numbered citation markers."""
    return cited_rich_text(context, value)


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
    return {"source": cited.source, "marker": evidence.marker(cited)}


@register.simple_tag(takes_context=True)
def cited_organisation(context, organisation):
    """A chosen organisation as readers may see it: None when it is missing or not live."""
    if getattr(organisation, "pk", None) is None:
        return None
    references = [EvidenceReference(organisation.linktype, organisation.pk)]
    return page_evidence_for(context, references).organisations.get(organisation.pk)
