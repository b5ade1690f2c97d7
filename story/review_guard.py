"""The rule that keeps approval from publishing a broken tie: the evidence a version cites,
and the indicators it shows, must be live before that version may go live.

One function, `pending_evidence`, decides; every path that publishes a page through a person
asks it: the review task's approve action (`ReviewTask.on_action`, whatever view calls it),
the editor's "Publish", bulk publish and the editor's submit warning (`story.wagtail_hooks`).
It lives in `story`, the app that owns the review task: `citations` sits above `story`, so the
task could not ask it, and `evidence` owns sources, not editorial policy. It needs nothing but
`evidence.references` and the evidence models, so it holds for any page that cites (section,
vision statement, home page).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from wagtail.models import WorkflowState

from evidence.models import EvidenceSnippet, Organisation, Source
from evidence.references import EvidenceReference, ids_referenced, references_in
from indicators.models import Indicator

# Wagtail's message banners colour links like the page: on their red and amber, inherit.
LINK = '<a href="{}" style="color: inherit; text-decoration: underline; font-weight: 700">{}</a>'
MODELS: dict[str, type[EvidenceSnippet]] = {
    "source": Source,
    "organisation": Organisation,
    "indicator": Indicator,
}


@dataclass(frozen=True)
class PendingEvidence:
    """A cited source or organisation, or an indicator shown, that is not live, or that no
    longer exists (`obj` None)."""

    linktype: str
    object_id: int
    obj: EvidenceSnippet | None

    @property
    def label(self) -> str:
        kind = self.linktype
        if self.obj is None:
            return f"a deleted {kind} (id {self.object_id}): remove it from the page"
        state = "awaiting review" if self.obj.workflow_in_progress else "draft"
        return f"{kind} “{self.obj}” ({state})"

    @property
    def edit_url(self) -> str:
        if self.obj is None:
            return ""
        return reverse(self.obj.snippet_viewset.get_url_name("edit"), args=[self.obj.pk])


def pending_in_references(references: Iterable[EvidenceReference]) -> list[PendingEvidence]:
    """The cited evidence that is not live, in reading order: six queries at most."""
    wanted: dict[tuple[str, int], None] = {}
    for reference in references:
        wanted.setdefault((reference.linktype, reference.object_id))
    found: dict[str, dict[int, EvidenceSnippet]] = {}
    for linktype, model in MODELS.items():
        ids = [object_id for kind, object_id in wanted if kind == linktype]
        # Active workflow states prefetched: `workflow_in_progress` (the label) reads them
        # instead of asking once per item.
        in_review = WorkflowState.objects.active().select_related("current_task_state__task")
        objects = model.objects.prefetch_related(
            Prefetch("_workflow_states", queryset=in_review, to_attr="_current_workflow_states")
        )
        found[linktype] = objects.in_bulk(ids) if ids else {}
    pending = []
    for linktype, object_id in wanted:
        obj = found[linktype].get(object_id)
        if obj is None or not obj.live:
            pending.append(PendingEvidence(linktype, object_id, obj))
    return pending


def pending_evidence(content) -> list[PendingEvidence]:
    """What `content` (a page, or a revision as an object) cites or shows that is not live."""
    indicators = [EvidenceReference("indicator", pk) for pk in ids_referenced(content, Indicator)]
    return pending_in_references([*references_in(content), *indicators])


def latest_content(obj):
    """The version approval would publish: the newest revision, else the object itself."""
    revision = obj.get_latest_revision() if hasattr(obj, "get_latest_revision") else None
    return revision.as_object() if revision is not None else obj


def describe(pending: list[PendingEvidence], lead: str) -> SafeString:
    """`lead`, then each pending item with a link to review it in the admin."""
    items = format_html_join(
        "; ",
        "{}",
        (
            (format_html(LINK, item.edit_url, item.label) if item.edit_url else item.label,)
            for item in pending
        ),
    )
    return format_html("{} {}.", lead, items)
