"""What each lens says about a vision statement: the statement's page in every section.

The story index shows it for every statement, and each vision statement page for its own, with
links across to the same statement in the other sections. Both come from here, in a fixed number
of queries whatever the number of sections, statements and pages: the one rule of what readers
see (`evidence.public_pages`, one query), the sections, the pages, and for the index the
statements. Pages are read with the few fields a listing shows.
"""

from dataclasses import dataclass, field

from django.db.models import F, Q

from wagtail.models import Page

from evidence.public_pages import public_pages_q
from story import generation
from story.models import SectionPage, StoryIndexPage, VisionStatement, VisionStatementPage

LISTED_FIELDS = ("title", "slug", "url_path", "path", "depth", "summary", "vision_statement_id")


@dataclass(frozen=True)
class LensPage:
    """One section's say on one statement: its page, or None when it has none yet."""

    section: SectionPage
    page: VisionStatementPage | None
    current: bool = False


@dataclass
class StatementLenses:
    statement: VisionStatement
    lenses: list[LensPage] = field(default_factory=list)

    @property
    def pages(self) -> list[LensPage]:
        return [lens for lens in self.lenses if lens.page is not None]


def _public_sections(index_path: str, depth: int, public_q) -> list[SectionPage]:
    return list(
        SectionPage.objects.filter(public_q, path__startswith=index_path, depth=depth)
        .only("title", "slug", "url_path", "path", "depth", "lens")
        .order_by("path")
    )


@dataclass
class StoryLenses:
    sections: list[SectionPage]
    statements: list[StatementLenses]


def statements_by_lens(index: StoryIndexPage) -> StoryLenses:
    """The public sections, and every vision statement in number order with its page (or
    none) in each section."""
    public_q = public_pages_q()
    sections = _public_sections(index.path, index.depth + 1, public_q)
    pages: dict[tuple[int, str], VisionStatementPage] = {}
    if sections:
        for page in (
            VisionStatementPage.objects.filter(
                public_q, path__startswith=index.path, depth=index.depth + 2
            )
            .only(*LISTED_FIELDS)
            .order_by("path")
        ):
            pages.setdefault((page.vision_statement_id, page.path[: -page.steplen]), page)
    statements = [
        StatementLenses(
            statement,
            [LensPage(section, pages.get((statement.pk, section.path))) for section in sections],
        )
        for statement in VisionStatement.objects.all()
    ]
    return StoryLenses(sections, statements)


def lenses_of(page: VisionStatementPage) -> list[LensPage]:
    """The page's statement in every public section of its story, its own section marked
    `current`; empty when there is no other section to link to.

    One query, whatever the number of sections and pages, and none while the content is
    unchanged: the story's public sections and the statement's public pages in them, read as
    rows (kept in the shared cache until the content changes, `story.generation`) and made into
    the few fields a link and a card show (the public-pages rule inside it). None for a page
    that has no statement or place in the tree yet (a new page's preview).
    """
    if not page.vision_statement_id or not page.path or page.depth < 3:
        return []  # a page being created has no statement or place yet
    section_path = page.path[: -page.steplen]
    rows = generation.remembered(
        "lenses",
        lambda: _lens_rows(page),
        page.pk,
        page.path,
        page.vision_statement_id,
    )
    sections, others = [], {}
    for row in rows:
        row = dict(row)  # the cached rows are read again by the next request
        if row["depth"] == page.depth - 1:
            sections.append(_section_from(row))
        else:
            others.setdefault(row["path"][: -page.steplen], _page_from(row, page))
    if section_path not in {section.path for section in sections}:
        sections = sorted([*sections, page.get_parent().specific], key=lambda s: s.path)
    if len(sections) < 2:
        return []
    return [
        LensPage(section, page, current=True)
        if section.path == section_path
        else LensPage(section, others.get(section.path))
        for section in sections
    ]


def _lens_rows(page: VisionStatementPage) -> list[dict]:
    """The public sections beside the page's and the statement's public pages in them."""
    index_path = page.path[: -2 * page.steplen]
    return list(
        Page.objects.filter(public_pages_q(in_the_query=True), path__startswith=index_path)
        .filter(
            Q(depth=page.depth - 1, sectionpage__isnull=False)
            | Q(depth=page.depth, visionstatementpage__vision_statement=page.vision_statement_id)
        )
        .exclude(pk=page.pk)
        .order_by("path")
        .values("pk", "title", "slug", "url_path", "path", "depth")
        .annotate(lens=F("sectionpage__lens"), summary=F("visionstatementpage__summary"))
    )


def _section_from(row: dict) -> SectionPage:
    lens = row.pop("lens")
    row.pop("summary")
    return SectionPage(**row, lens=lens)


def _page_from(row: dict, like: VisionStatementPage) -> VisionStatementPage:
    row.pop("lens")
    return VisionStatementPage(**row, vision_statement_id=like.vision_statement_id)
