from django import template

from evidence.public_pages import public_pages_q
from story.blocks import EvidenceStrength
from story.models import SectionPage, VisionStatementPage

register = template.Library()


@register.simple_tag
def other_sections(page) -> list[tuple[SectionPage, VisionStatementPage]]:
    """The same vision statement's public pages in the other sections, in three queries."""
    pages = list(
        VisionStatementPage.objects.filter(public_pages_q())
        .filter(vision_statement_id=page.vision_statement_id)
        .exclude(pk=page.pk)
        .order_by("path")
    )
    parent_paths = {other.path[: -other.steplen] for other in pages}
    sections = {
        section.path: section
        for section in SectionPage.objects.live().filter(path__in=parent_paths)
    }
    return [
        (sections[other.path[: -other.steplen]], other)
        for other in pages
        if other.path[: -other.steplen] in sections
    ]


@register.simple_tag
def part_strengths(page) -> list[dict]:
    """Each part's heading and strength of evidence, read from the stored body.

    Listings show these for many pages: reading the raw stream avoids loading the snippets
    that the page's other blocks choose, so a listing's queries do not grow with its length.
    """
    strengths = []
    for raw in page.body.raw_data:
        if raw["type"] == "part":
            try:
                value = EvidenceStrength(raw["value"].get("evidence_strength"))
            except ValueError:  # a choice since removed: say nothing rather than fail
                continue
            strengths.append(
                {
                    "heading": raw["value"].get("heading", ""),
                    "strength": value,
                    "label": value.label,
                }
            )
    return strengths
