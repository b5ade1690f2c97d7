from django import template
from django.urls import reverse

from evidence.bibliography import to_apa, to_apa_many
from indicators.models import Indicator
from sitewide.page_citations import (
    indicator_citation_record,
    page_citation_record,
    version_citation_record,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def page_citation(context, page) -> dict:
    """The APA reference for "Cite this page" and the links to its RIS and BibTeX files.

    A preview of a page not yet saved or published has the reference but no downloads, which
    serve live pages only.
    """
    if isinstance(page, Indicator):
        return indicator_citation(context, page)
    request = context["request"]
    shown = page  # the version being read, or the page
    versions = context.get("versions")
    if versions is not None and versions.is_old:
        page = versions.page  # "the current page" is the page as it is now, not the version read
    record = page_citation_record(page, request)
    citation = {"record": record}
    if page.pk and page.live:
        citation["ris_url"] = reverse("page_citation", args=[page.pk, "ris"])
        citation["bib_url"] = reverse("page_citation", args=[page.pk, "bib"])
    version = versions.reading if versions is not None and page.live else None
    if version is None or version.revision_id is None:
        citation["apa"] = to_apa(record)
        return citation
    version_record = version_citation_record(page, version, request, shown=shown)
    citation["apa"], version_apa = to_apa_many([record, version_record])  # one read, not two
    args = [page.pk, version.number]
    citation["version"] = {
        "number": version.number,
        "published_on": version.published_on,
        "apa": version_apa,
        "ris_url": reverse("page_version_citation", args=[*args, "ris"]),
        "bib_url": reverse("page_version_citation", args=[*args, "bib"]),
    }
    return citation


def indicator_citation(context, indicator: Indicator) -> dict:
    """An indicator's page, cited as a data set; downloads for a live one only."""
    record = indicator_citation_record(indicator, context["request"])
    citation = {"record": record, "apa": to_apa(record)}
    if indicator.slug and indicator.live:
        citation["ris_url"] = reverse("indicator_citation", args=[indicator.slug, "ris"])
        citation["bib_url"] = reverse("indicator_citation", args=[indicator.slug, "bib"])
    return citation
