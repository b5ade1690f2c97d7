"""Keeps the `Citation` and `PageEvidenceSummary` tables in step with every page's content.

Wagtail's reference index records live content only, yet reviewers check evidence before they
approve, that is, in drafts. So each time a page gets a new revision, is published or is
unpublished, its live version and its latest version are scanned with `evidence.references`
(Wagtail's `extract_references`, the reference index's own mechanism: rich text links and
chooser blocks) and the page's rows are replaced. Deleting a page deletes its rows through the
foreign key.
"""

from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import unescape

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst

from wagtail.blocks import ChoiceBlock, StructBlock, StructValue
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.rich_text import RichText
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs
from wagtail.signals import page_published, page_unpublished, published, unpublished

from citations.models import Citation, PageEvidenceSummary
from evidence.models import Organisation, Source
from evidence.references import references_in
from evidence.text import ascii_int
from indicators.models import Indicator


@dataclass(frozen=True)
class Place:
    """Where a reader finds one citation, in the words of the page, and the words it links."""

    where: str
    words: str = ""


def link_words(html: str) -> Iterator[tuple[str, int, str]]:
    """(link type, id, linked words) for every evidence link in stored rich text, in order.

    Found with Wagtail's own rewriter helpers (`FIND_A_TAG`, `extract_attrs`, what
    `extract_references_from_rich_text` reads); stored links never nest, so a link's words run
    to the next closing tag.
    """
    for match in FIND_A_TAG.finditer(html or ""):
        attrs = extract_attrs(match.group(1))
        if attrs.get("linktype") not in ("source", "organisation"):
            continue
        object_id = ascii_int(attrs.get("id"))
        if object_id is None:
            continue  # hand-edited junk: "²".isdigit() is true, int("²") fails
        close = html.find("</a>", match.end())
        inner = html[match.end() : close if close != -1 else len(html)]
        words = " ".join(unescape(strip_tags(inner)).split())
        yield attrs["linktype"], object_id, words


def shorten(text: str, limit: int = 250) -> str:
    return Truncator(text).chars(limit)


def field_label(field) -> str:
    return capfirst(str(field.verbose_name))


def block_places(field, block_type: str, block, value, part: str) -> Iterator[tuple[tuple, Place]]:
    """((link type, id, field, block type), place) for every citation in one stream block."""
    label = str(block.label)
    kind_block = block.child_blocks.get("kind") if isinstance(block, StructBlock) else None
    if isinstance(kind_block, ChoiceBlock):  # a learning block: say which kind of learning
        kind = dict(kind_block.field.choices).get(value.get("kind"))
        label = f"{label} ({kind})" if kind else label
    where = f"Part \u201c{part}\u201d \u203a {label}" if part else label
    items = value.items() if isinstance(value, StructValue) else [("", value)]
    for _name, item in items:
        if isinstance(item, RichText):
            for linktype, object_id, words in link_words(item.source):
                yield (linktype, object_id, field.name, block_type), Place(where, shorten(words))
        elif isinstance(item, Source | Organisation) and item.pk:
            quote = chosen_words(block, value)
            yield (
                (item.linktype, item.pk, field.name, block_type),
                Place(where, shorten(" ".join(str(quote).split()))),
            )
        elif isinstance(item, Indicator) and item.source_id:
            # A chart cites its indicator's source (`indicators.blocks`): named by the indicator.
            place = Place(where, shorten(f"Indicator: {item.name}"))
            yield (Source.linktype, item.source_id, field.name, block_type), place


def chosen_words(block, value) -> str:
    """The words a chosen source or organisation stands behind: what the block says they are
    (`cited_words`: an experience quote, a theme), else its quote."""
    if hasattr(block, "cited_words"):
        return block.cited_words(value)
    return value.get("quote", "") if isinstance(value, StructValue) else ""


def places_in(page: Page) -> dict[tuple, deque[Place]]:
    """The places of every citation on `page`, keyed by what `references_in` reports, in order:
    field label for rich text fields; for a stream, the heading of the part a block falls under
    and the block's label ("Part \u201cWhat is being tried\u201d \u203a Narrative")."""
    places: dict[tuple, deque[Place]] = defaultdict(deque)
    for field in page._meta.get_fields():
        if isinstance(field, RichTextField):
            for linktype, object_id, words in link_words(field.value_from_object(page)):
                places[(linktype, object_id, field.name, "")].append(
                    Place(field_label(field), shorten(words))
                )
        elif isinstance(field, StreamField):
            part = ""
            for child in field.value_from_object(page):
                if child.block_type == "part":
                    part = child.value.get("heading", "")
                    continue
                for key, place in block_places(
                    field, child.block_type, child.block, child.value, part
                ):
                    places[key].append(place)
    return places


def fallback_place(page: Page, field_name: str, block_type: str) -> Place:
    """For a citation the walk above did not foresee (a new kind of block): still readable."""
    field = page._meta.get_field(field_name)
    if block_type and isinstance(field, StreamField):
        block = field.stream_block.child_blocks.get(block_type)
        return Place(str(block.label) if block else block_type)
    return Place(field_label(field))


def iter_citations(page: Page) -> Iterable[tuple[str, int, str, Place]]:
    """(foreign key name, id, location, place) for every source or organisation `page` cites.

    `evidence.references.references_in` says what is cited (the one parser); `places_in` only
    adds where, in the page's own words, and the linked words.
    """
    places = places_in(page)
    for reference in references_in(page):
        block = reference.model_path.split(".")[0]
        location = f"{reference.field_name} \u203a {block}" if block else reference.field_name
        queue = places.get((reference.linktype, reference.object_id, reference.field_name, block))
        place = queue.popleft() if queue else fallback_place(page, reference.field_name, block)
        yield f"{reference.linktype}_id", reference.object_id, location, place


def count_learning_blocks(page: Page) -> int:
    return sum(
        1
        for field in page._meta.get_fields()
        if isinstance(field, StreamField)
        for raw in field.value_from_object(page).raw_data
        if raw.get("type") == "learning"
    )


def latest_version(page: Page) -> Page:
    """The newest revision as a page object, or the page itself if it has none."""
    revision = page.revisions.order_by("-created_at", "-pk").first()
    if revision is None or revision.pk == page.live_revision_id:
        return page
    return revision.as_object()


@transaction.atomic
def refresh_page(page: Page, latest: Page | None = None) -> None:
    """Index what `page`'s live and latest versions cite. `latest`, when the caller has it (a
    revision just saved), saves loading it again."""
    page = page.specific
    latest = latest_version(page) if latest is None else latest
    # One row per thing cited per place; the live and latest versions each set their flag.
    rows: dict[tuple[str, int, str], dict] = {}

    def record(citations: Iterable[tuple[str, int, str, Place]], flags: tuple[str, ...]) -> None:
        for key, object_id, location, place in citations:
            row = rows.setdefault(
                (key, object_id, place.where),
                {"key": key, "object_id": object_id, "location": location, "words": []},
            )
            row.update(dict.fromkeys(flags, True))
            if place.words and place.words not in row["words"]:
                row["words"].append(place.words)

    latest_citations = list(iter_citations(latest))
    if latest is page:  # just published, or never revised: one version to read, not two
        both = ("in_live_version", "in_latest_version")
        record(latest_citations, both if page.live else both[1:])
    else:
        if page.live:
            record(iter_citations(page), ("in_live_version",))
        record(latest_citations, ("in_latest_version",))

    vision_statement_id = getattr(latest, "vision_statement_id", None)
    Citation.objects.filter(page=page).delete()
    Citation.objects.bulk_create(
        Citation(
            page_id=page.pk,
            vision_statement_id=vision_statement_id,
            location=row["location"],
            place=shorten(where, 255),
            cited_words=shorten("; ".join(row["words"]), 255),
            in_live_version=row.get("in_live_version", False),
            in_latest_version=row.get("in_latest_version", False),
            **{key: object_id},
        )
        for (key, object_id, where), row in rows.items()
    )
    # One statement, insert or update (update_or_create would lock, read and write).
    PageEvidenceSummary.objects.bulk_create(
        [
            PageEvidenceSummary(
                page_id=page.pk,
                vision_statement_id=vision_statement_id,
                learning_blocks=count_learning_blocks(latest),
                cited_sources=len(
                    {object_id for key, object_id, _, _ in latest_citations if key == "source_id"}
                ),
            )
        ],
        update_conflicts=True,
        unique_fields=["page"],
        update_fields=["vision_statement", "learning_blocks", "cited_sources"],
    )


def refresh_all() -> int:
    pages = Page.objects.filter(depth__gt=1).specific()
    for page in pages:
        refresh_page(page)
    return len(pages)


def on_revision_saved(
    sender, instance: Revision, created: bool, raw: bool = False, update_fields=None, **kwargs
):
    """A new revision, or one overwritten in place (Wagtail's autosave, a second save by the
    same editor): its content is the page's latest version. Saves of other fields (scheduling's
    `approved_go_live_at`) change nothing cited."""
    page_type = ContentType.objects.get_for_model(Page)
    content_saved = created or update_fields is None or "content" in update_fields
    if content_saved and not raw and instance.base_content_type_id == page_type.pk:
        # The revision's own content type is the page's specific type: one query, not two.
        page_model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
        page = page_model._default_manager.filter(pk=instance.object_id).first()
        if page is not None:
            # A new revision is the latest: read from it, not loaded again. One overwritten is
            # the latest too in Wagtail's use, but any revision may be saved: look it up.
            refresh_page(page, instance.as_object() if created else None)


def on_page_published_or_unpublished(sender, instance: Page, **kwargs):
    refresh_page(instance)


def on_indicator_published_or_unpublished(sender, instance: Indicator, **kwargs):
    """A page showing an indicator cites the indicator's source, which a new version of the
    indicator may change: the pages showing it are indexed again (Wagtail's reference index,
    whose "Cited in" lists read it, and this one), as their own publishing would."""
    page_ids = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Indicator),
        to_object_id=str(instance.pk),
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list("object_id", flat=True)
    for page in Page.objects.filter(pk__in=[int(pk) for pk in page_ids]).specific():
        if page.live:
            ReferenceIndex.create_or_update_for_object(page)
        refresh_page(page)


def connect_signals() -> None:
    post_save.connect(on_revision_saved, sender=Revision, dispatch_uid="citation_index")
    page_published.connect(on_page_published_or_unpublished, dispatch_uid="citation_index")
    page_unpublished.connect(on_page_published_or_unpublished, dispatch_uid="citation_index")
    for signal in (published, unpublished):
        signal.connect(
            on_indicator_published_or_unpublished, sender=Indicator, dispatch_uid="citation_index"
        )
