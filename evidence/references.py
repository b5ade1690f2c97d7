"""The one way to find which sources and organisations a piece of stored content cites.

Built on Wagtail's own `extract_references` (rich text fields, StreamField and its blocks, the
snippet chooser block), the mechanism that also feeds the reference index, so rendering, the
citation index, search indexing and the audit all read citations exactly as Wagtail does.
Results come in reading order: fields in the order the model declares them, links in the order
they appear, blocks in stream order.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from wagtail.rich_text import extract_references_from_rich_text

from evidence.models import Organisation, Source
from evidence.text import ascii_int

LINKTYPES = {model: model.linktype for model in (Source, Organisation)}


@dataclass(frozen=True, slots=True)
class EvidenceReference:
    """One citation of a source or organisation, and where in the content it stands."""

    linktype: str  # "source" or "organisation"
    object_id: int
    field_name: str = ""
    model_path: str = ""  # the block path, e.g. "learning.text"; empty for a rich text field


def _evidence_only(
    references: Iterable[tuple], field_name: str = ""
) -> Iterator[EvidenceReference]:
    for model, object_id, model_path, _content_path in references:
        linktype, number = LINKTYPES.get(model), ascii_int(str(object_id))
        if linktype is None or number is None:
            continue  # other links (pages, documents) and hand-edited junk ids
        yield EvidenceReference(linktype, number, field_name, model_path or "")


def _references_by_field(obj) -> Iterator[tuple[str, Iterable[tuple]]]:
    for field in obj._meta.get_fields():
        if not hasattr(field, "extract_references") or not hasattr(field, "value_from_object"):
            continue
        yield field.name, field.extract_references(field.value_from_object(obj))


def references_in(obj) -> list[EvidenceReference]:
    """Every citation in `obj`'s fields (a page, a page revision as an object, a snippet)."""
    found: list[EvidenceReference] = []
    for field_name, references in _references_by_field(obj):
        found.extend(_evidence_only(references, field_name))
    return found


def ids_referenced(obj, model) -> list[int]:
    """The ids of the `model` objects that `obj`'s fields refer to (a chooser block's
    indicator, say), in reading order: for what a higher app places in content."""
    found: dict[int, None] = {}
    for _field_name, references in _references_by_field(obj):
        for referenced, object_id, _model_path, _content_path in references:
            number = ascii_int(str(object_id))
            if referenced is model and number is not None:
                found.setdefault(number)
    return list(found)


def references_in_rich_text(html: str) -> list[EvidenceReference]:
    """Every citation in one stored rich text value (a block rendered outside its page)."""
    return list(_evidence_only(extract_references_from_rich_text(html or "")))


def references_in_block(block, value) -> list[EvidenceReference]:
    """Every citation in one block's value: a whole stream, a struct, one rich text block."""
    return list(_evidence_only(block.extract_references(value)))


def evidence_cited(
    references: Iterable[EvidenceReference], *, sources=None, organisations=None
) -> dict[tuple[str, int], Source | Organisation | None]:
    """The cited objects, live or not, by `(linktype, id)`; None for a missing one.

    One query per model cited, whatever the number of citations: the admin's views (compare,
    the evidence panel, the editor) show drafts and unpublished evidence too, so this is not
    `PageEvidence.collect`, which loads only what readers may see. `sources` and
    `organisations` are querysets to load from (to prefetch what a caller shows).
    """
    wanted: dict[str, set[int]] = {"source": set(), "organisation": set()}
    for reference in references:
        wanted[reference.linktype].add(reference.object_id)
    querysets = {
        "source": Source.objects.all() if sources is None else sources,
        "organisation": Organisation.objects.all() if organisations is None else organisations,
    }
    found: dict[tuple[str, int], Source | Organisation | None] = {}
    for linktype, ids in wanted.items():
        if ids:
            objects = querysets[linktype].in_bulk(ids)
            found.update(((linktype, i), objects.get(i)) for i in ids)
    return found


def names_cited(references: Iterable[EvidenceReference]) -> str:
    """Titles and names of the live sources and organisations cited, for search indexing.

    A reader searching for "Care Inspectorate" should find the pages that cite it, even where
    the linked words are "an inspection report". Two queries at most.
    """
    ids: dict[str, set[int]] = {"source": set(), "organisation": set()}
    for reference in references:
        ids[reference.linktype].add(reference.object_id)
    names: list[str] = []
    if ids["source"]:
        names += Source.objects.live().filter(pk__in=ids["source"]).values_list("title", flat=True)
    if ids["organisation"]:
        for name, short_name in (
            Organisation.objects.live()
            .filter(pk__in=ids["organisation"])
            .values_list("name", "short_name")
        ):
            names += [name, short_name]
    return " ".join(name for name in names if name)
