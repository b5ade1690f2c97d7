"""The evidence panel beside a page in the editor: what the current draft cites, and whether
readers will be able to follow each citation.

Wagtail 8 has no hook for adding a side panel: the page editor's panels come from
`EditView.get_side_panels()` (`wagtail/admin/views/pages/edit.py`), and the supported way to
change a page view is a `PageViewSet` whose `edit_view_class` is a subclass, registered with
the `register_admin_viewset` hook. `EvidencePageViewSet` does that for `Page`, so it serves
every page type (Wagtail's own base viewset is registered first, `order=-1`, and ours replaces
it in the page viewset registry); a page type with a viewset of its own should use
`EvidencePanelEditView` as its edit view.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.functional import cached_property

from wagtail.admin.ui.components import MediaContainer
from wagtail.admin.ui.side_panels import BaseSidePanel
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, WorkflowState

from evidence.models import Organisation, Source
from evidence.references import EvidenceReference, evidence_cited, references_in

# (status, label, what readers see): the label is the status in words, never colour alone.
STATUSES = {
    "live": ("Live", "Readers follow the citation to it."),
    "in_review": ("Draft awaiting review", "Readers see the words without a link until approved."),
    "unpublished": ("Unpublished", "Readers see the words without a link."),
    "missing": ("Missing", "Deleted: readers see the words without a link."),
}


@dataclass
class CitedEvidence:
    """One source or organisation the draft cites, where a reader first meets it."""

    linktype: str
    object_id: int
    obj: Source | Organisation | None
    in_review: bool
    number: int | None = None  # a live source's number on the public page
    times: int = 0

    @property
    def kind(self) -> str:
        return "Source" if self.linktype == "source" else "Organisation"

    @property
    def title(self) -> str:
        return str(self.obj) if self.obj is not None else f"{self.kind} {self.object_id}"

    @property
    def status(self) -> str:
        if self.obj is None:
            return "missing"
        if self.obj.live:
            return "live"
        return "in_review" if self.in_review else "unpublished"

    @property
    def status_label(self) -> str:
        return STATUSES[self.status][0]

    @property
    def status_classname(self) -> str:
        """Wagtail's own status tags: "primary" for live, as its status panel does."""
        return "w-status--primary" if self.status == "live" else ""

    @property
    def status_help(self) -> str:
        return STATUSES[self.status][1]

    @property
    def organisations(self) -> list[str]:
        """Who made a source, unpublished ones said so (readers would not see them)."""
        if self.linktype != "source" or self.obj is None:
            return []
        return [str(o) if o.live else f"{o} (unpublished)" for o in self.obj.organisations.all()]

    @property
    def details(self) -> str:
        """A source's type and year; an organisation's kind."""
        if self.obj is None:
            return ""
        if self.linktype == "organisation":
            return self.obj.get_kind_display()
        year = str(self.obj.year) if self.obj.year else "no year"
        return f"{self.obj.get_resource_type_display()}, {year}"

    @property
    def edit_url(self) -> str:
        if self.obj is None:
            return ""
        return reverse(self.obj.snippet_viewset.get_url_name("edit"), args=[self.obj.pk])


def cited_evidence(references: list[EvidenceReference]) -> list[CitedEvidence]:
    """Each cited source and organisation once, in reading order, with its status.

    Four queries whatever the number of citations: sources with their organisations (two),
    organisations, and the workflow states of those awaiting review. Live sources are numbered
    in the order a reader first meets them, as `PageEvidence.collect` numbers them on the
    public page once this draft is published.
    """
    loaded = evidence_cited(
        references,
        sources=Source.objects.prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.order_by("name"))
        ),
    )
    in_review = _awaiting_review(loaded)
    cited: dict[tuple[str, int], CitedEvidence] = {}
    numbered = 0
    for reference in references:
        key = (reference.linktype, reference.object_id)
        if key not in cited:
            obj = loaded.get(key)
            cited[key] = CitedEvidence(*key, obj=obj, in_review=key in in_review)
            if reference.linktype == "source" and obj is not None and obj.live:
                numbered += 1
                cited[key].number = numbered
        cited[key].times += 1
    return list(cited.values())


def _awaiting_review(loaded: dict) -> set[tuple[str, int]]:
    """The cited objects with a review in progress (one query)."""
    if not any(loaded.values()):
        return set()
    linktypes = {
        ContentType.objects.get_for_model(model).pk: model.linktype
        for model in (Source, Organisation)
    }
    states = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type_id__in=linktypes,
        object_id__in={str(object_id) for _linktype, object_id in loaded},
    ).values_list("base_content_type_id", "object_id")
    return {(linktypes[content_type_id], int(object_id)) for content_type_id, object_id in states}


class EvidenceSidePanel(BaseSidePanel):
    class SidePanelToggle(BaseSidePanel.SidePanelToggle):
        aria_label = "Toggle evidence"
        icon_name = "doc-full"
        counter_classname = "w-bg-critical-200"

        def get_context_data(self, parent_context):
            context = super().get_context_data(parent_context)
            context["count"] = self.panel.not_live_count  # what readers cannot follow
            return context

    name = "evidence"
    title = "Evidence"
    template_name = "evidence/admin/side_panel.html"
    order = 200  # after Status (100), before Comments (300), Checks and Preview

    @cached_property
    def cited(self) -> list[CitedEvidence]:
        return cited_evidence(references_in(self.object))

    @property
    def not_live_count(self) -> int:
        return sum(1 for item in self.cited if item.status != "live")

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["cited"] = self.cited
        context["not_live_count"] = self.not_live_count
        return context


class EvidencePanelEditView(EditView):
    """Wagtail's page editor with the evidence panel among its side panels."""

    def get_side_panels(self):
        side_panels = list(super().get_side_panels())
        if not self.expects_json_response:
            side_panels.append(EvidenceSidePanel(self.page, self.request))
        return MediaContainer(sorted(side_panels, key=lambda panel: panel.order))


class EvidencePageViewSet(PageViewSet):
    model = Page
    edit_view_class = EvidencePanelEditView
