from dataclasses import dataclass

from django import template
from django.db.models import F, Q

from wagtail.models import Page

from evidence.public_pages import public_pages_q
from story.blocks import EvidenceStrength
from story.models import SectionPage, VisionStatementPage

register = template.Library()

LENS_LABELS = dict(SectionPage.Lens.choices)


@dataclass(frozen=True)
class CrossLink:
    """The same vision statement's page in another section, and that section's name."""

    page: Page
    section_title: str
    lens_label: str


@register.simple_tag
def other_sections(page: VisionStatementPage) -> list[CrossLink]:
    """The same vision statement's public pages in the other sections of its story, each with
    its section's title and lens.

    No query when routing found that no other live page has the statement
    (`VisionStatementPage.routing_queryset`); else one, for the public pages with the story's
    sections, read together as plain pages (a link needs no body).
    """
    if not getattr(page, "statement_elsewhere", True):
        return []
    steplen, section_depth = page.steplen, page.depth - 1
    rows = (
        Page.objects.filter(public_pages_q(in_the_query=True))
        .filter(path__startswith=page.path[: -2 * steplen])  # the story's
        .filter(
            Q(depth=page.depth, visionstatementpage__vision_statement=page.vision_statement_id)
            | Q(depth=section_depth, sectionpage__isnull=False)
        )
        .exclude(pk=page.pk)
        .only("title", "path", "url_path", "depth")
        .annotate(lens=F("sectionpage__lens"))
        .order_by("path")
    )
    sections = {row.path: row for row in rows if row.depth == section_depth}
    return [
        CrossLink(row, section.title, LENS_LABELS.get(section.lens, ""))
        for row in rows
        if row.depth == page.depth and (section := sections.get(row.path[:-steplen]))
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
