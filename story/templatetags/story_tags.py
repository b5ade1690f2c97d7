from django import template

from indicators.blocks import illustrative_figures_notices
from story.blocks import EvidenceStrength
from story.experience import illustrative_notices
from story.lenses import LensPage, StoryLenses, lenses_of, statements_by_lens

register = template.Library()


@register.simple_tag
def lenses_of_page(page) -> list[LensPage]:
    """The page's vision statement in each section (`story.lenses`)."""
    return lenses_of(page)


@register.simple_tag
def story_through_lenses(index) -> StoryLenses:
    """The sections, and every vision statement with its page in each (`story.lenses`)."""
    return statements_by_lens(index)


@register.simple_tag
def illustrative_notices_of(page) -> list[str]:
    """The notices the page's body needs ("Illustrative quotes for demonstration, ...",
    "Illustrative figures for demonstration, ...")."""
    return illustrative_notices(page.body) + illustrative_figures_notices(page.body)


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
