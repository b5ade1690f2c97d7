"""The snippet choosers editors cite evidence with (the "Cite a source" / "Cite an organisation"
toolbar buttons, `SnippetChooserBlock`s and the Source form's organisations).

Many source titles read alike ("...: qualitative insight for the Promise Story of Progress"),
so the source chooser shows who made each source, its type and year, and filters by
organisation and type beside Wagtail's search. A results page costs a fixed number of queries:
the organisations of the listed sources, and what the status column reads, are loaded in one
query each after paging, which works for a plain queryset and for search results alike.
"""

from django import forms
from django.db.models import Prefetch, prefetch_related_objects

from wagtail.admin.forms.choosers import BaseFilterForm, SearchFilterMixin
from wagtail.admin.ui.tables import Column
from wagtail.models import Revision, WorkflowState
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)

from evidence.models import Organisation, Source

# Changing one of these re-runs the search in the modal (Wagtail's chooser-modal.js).
FILTER_WIDGET_ATTRS = {"data-chooser-modal-search-filter": True}


class SourceFilterForm(SearchFilterMixin, BaseFilterForm):
    """Search, plus "which organisation" and "which type"."""

    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.order_by("name"),
        empty_label="All organisations",
        required=False,
        widget=forms.Select(attrs=FILTER_WIDGET_ATTRS),
    )
    resource_type = forms.ChoiceField(
        label="Type",
        choices=[("", "All types"), *Source.ResourceType.choices],
        required=False,
        widget=forms.Select(attrs=FILTER_WIDGET_ATTRS),
    )

    def filter(self, objects):
        """Narrow the queryset first, then let the search mixin search within it."""
        organisation = self.cleaned_data.get("organisation")
        if organisation:
            # By id rather than through the relation, so the search backend sees a plain
            # filter on the primary key, whatever its support for related filters.
            through = Source.organisations.through.objects
            objects = objects.filter(
                pk__in=list(
                    through.filter(organisation=organisation).values_list("source_id", flat=True)
                )
            )
        resource_type = self.cleaned_data.get("resource_type")
        if resource_type:
            objects = objects.filter(resource_type=resource_type)
        # Filtering counts as searching: the results say how many match, or that none do.
        self.is_searching = bool(organisation or resource_type)
        return super().filter(objects)


def organisation_names(source: Source) -> str:
    """Who made it, short names where they exist (read from the prefetched organisations)."""
    return ", ".join(
        organisation.short_name or organisation.name for organisation in source.organisations.all()
    )


def prefetch_status(objects: list) -> None:
    """Load what Wagtail's status column reads for every listed object, one query each.

    The status ("live + draft", "scheduled", "in moderation"...) asks each object for its
    scheduled revision and whether a workflow is in progress, two queries a row (Wagtail's own
    snippet chooser does so). This fills both for the whole page: the scheduled revision is the
    first by id, as `DraftStateMixin.scheduled_revision` picks it, and the active workflow
    states go where `WorkflowMixin.workflow_in_progress` looks for prefetched ones.
    """
    if not objects:
        return
    scheduled = {}
    revisions = Revision.objects.filter(
        base_content_type=objects[0].get_base_content_type(),
        object_id__in=[str(obj.pk) for obj in objects],
        approved_go_live_at__isnull=False,
    ).order_by("pk")
    for revision in revisions:
        scheduled.setdefault(revision.object_id, revision)
    for obj in objects:
        obj.__dict__["scheduled_revision"] = scheduled.get(str(obj.pk))
    prefetch_related_objects(
        objects,
        Prefetch(
            "_workflow_states",
            queryset=WorkflowState.objects.active().select_related("current_task_state__task"),
            to_attr="_current_workflow_states",
        ),
    )


class PrefetchedResultsMixin:
    """A fixed number of queries whatever a results page holds: the relations named in
    `prefetch` (on the view) and what the status column reads are loaded for the page at once.
    """

    def get_results_page(self, request):
        page = super().get_results_page(request)
        page.object_list = list(page.object_list)
        prefetch_related_objects(page.object_list, *getattr(self, "prefetch", ()))
        prefetch_status(page.object_list)
        return page


class SourceColumnsMixin:
    filter_form_class = SourceFilterForm
    results_template_name = "evidence/chooser/source_results.html"
    prefetch = ("organisations",)

    @property
    def columns(self):
        title, *rest = super().columns  # title, then the live status column
        return [
            title,
            Column("organisations", label="Organisation(s)", accessor=organisation_names),
            Column("resource_type", label="Type", accessor="get_resource_type_display"),
            Column("year", label="Year", accessor=lambda source: source.year or "Not dated"),
            *rest,
        ]


class SourceChooseView(PrefetchedResultsMixin, SourceColumnsMixin, ChooseView):
    template_name = "evidence/chooser/source_chooser.html"  # the two filters side by side


class SourceChooseResultsView(PrefetchedResultsMixin, SourceColumnsMixin, ChooseResultsView):
    pass


class SourceChooserViewSet(SnippetChooserViewSet):
    choose_view_class = SourceChooseView
    choose_results_view_class = SourceChooseResultsView


class OrganisationColumnsMixin:
    @property
    def columns(self):
        title, *rest = super().columns
        return [
            title,
            Column("short_name", label="Short name", accessor="short_name"),
            Column("kind", label="Kind", accessor="get_kind_display"),
            *rest,
        ]


class OrganisationChooseView(PrefetchedResultsMixin, OrganisationColumnsMixin, ChooseView):
    pass


class OrganisationChooseResultsView(
    PrefetchedResultsMixin, OrganisationColumnsMixin, ChooseResultsView
):
    pass


class OrganisationChooserViewSet(SnippetChooserViewSet):
    choose_view_class = OrganisationChooseView
    choose_results_view_class = OrganisationChooseResultsView
