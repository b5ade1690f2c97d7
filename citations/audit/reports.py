"""The lists of the evidence audit, each a wagtail-modeladmin list with a CSV download.

Every list joins or prefetches what it shows (never one query per row), and each filter by
section, vision statement, organisation or resource type says, through its `filter_by_`
method, what it means for the list's rows.
"""

from django.contrib.admin import display
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery

from citations.audit.base import (
    SCOPE_FILTERS,
    AuditReport,
    OrganisationFilter,
    ScopeFilter,
    SectionFilter,
    VisionStatementFilter,
    cited_in,
    evidence_edit_link,
    evidence_status,
    page_edit_link,
    page_status,
)
from citations.models import (
    Citation,
    LearningWithoutSources,
    NotLiveCitation,
    OrganisationWithoutSources,
    SourceWithoutLink,
    UncitedSource,
)
from evidence.models import Organisation, Source
from evidence.text import ascii_int
from story.models import SectionPage


def version_status(citation) -> str:
    if citation.in_live_version and citation.in_latest_version:
        return "Live and in the latest draft"
    if citation.in_latest_version:
        return "Latest draft only"
    return "Live version only"


class VersionFilter(ScopeFilter):
    title = "version"
    parameter_name = "version"
    VERSIONS = {
        "both": ("Live and in the latest draft", Q(in_live_version=True, in_latest_version=True)),
        "draft": ("Latest draft only", Q(in_live_version=False, in_latest_version=True)),
        "live": ("Live version only", Q(in_live_version=True, in_latest_version=False)),
    }

    def choices_query(self):
        yield from self.VERSIONS.items()


class PageRowReport(AuditReport):
    """Reports whose rows are a page's (citations, page summaries): the page's columns and the
    section and vision statement filters, written once."""

    def filter_by_section(self, queryset, path):
        return queryset.filter(page__path__startswith=path)

    def filter_by_vision_statement(self, queryset, pk):
        return queryset.filter(vision_statement_id=pk)

    @staticmethod
    @display(description="Page")
    def page_link(row):
        return page_edit_link(row.page)

    @staticmethod
    @display(description="Page")
    def page_title(row):
        return row.page.get_admin_display_title()

    @staticmethod
    @display(description="Vision statement")
    def statement(row):
        return row.vision_statement.short_name if row.vision_statement else ""


class CitationReport(PageRowReport):
    """Citation rows: filtered by where the citing page is, and by what is cited."""

    list_filter = (*SCOPE_FILTERS, VersionFilter)
    list_select_related = ("page", "source", "organisation", "vision_statement")
    search_fields = ("page__title", "source__title", "organisation__name", "cited_words")

    def filter_by_organisation(self, queryset, pk):
        return queryset.filter(Q(organisation_id=pk) | Q(source__organisations=pk)).distinct()

    def filter_by_resource_type(self, queryset, value):
        return queryset.filter(source__resource_type=value)

    def filter_by_version(self, queryset, condition):
        return queryset.filter(condition)

    @staticmethod
    @display(description="Cites")
    def cites(citation):
        return evidence_edit_link(citation.source or citation.organisation)

    @staticmethod
    @display(description="Cites")
    def cited_title(citation):
        return str(citation.source or citation.organisation)

    @staticmethod
    @display(description="Resource type")
    def resource_type(citation):
        if citation.source:
            return citation.source.get_resource_type_display()
        return "Organisation"

    @staticmethod
    @display(description="Where on the page")
    def where(citation):
        return citation.place or citation.location

    @staticmethod
    @display(description="Cited words")
    def words(citation):
        return citation.cited_words

    @staticmethod
    @display(description="In which version")
    def version(citation):
        return version_status(citation)

    @staticmethod
    @display(description="Evidence status")
    def evidence(citation):
        return evidence_status(citation.source or citation.organisation)


class CitationAdmin(CitationReport):
    model = Citation
    menu_label = "All citations"
    menu_icon = "link"
    # The vision statement is a filter and a CSV column; on screen the page title says it.
    list_display = ("page_link", "cites", "resource_type", "where", "words", "version")
    list_export = (
        "page_title", "cited_title", "resource_type", "statement", "where", "words", "version"
    )  # fmt: skip
    export_filename = "evidence-audit-citations"
    empty_message = "No page cites a source or organisation yet."
    no_match_message = "No citations match these filters."


class NotLiveCitationAdmin(CitationReport):
    """(a) Citations of a source or organisation that is not live: the reader sees plain text."""

    model = NotLiveCitation
    menu_label = "Citations of evidence not live"
    menu_icon = "warning"
    list_display = ("page_link", "cites", "evidence", "resource_type", "where", "words", "version")
    list_export = (
        "page_title", "cited_title", "evidence", "resource_type", "statement", "where", "words",
        "version",
    )  # fmt: skip
    export_filename = "evidence-audit-citations-of-evidence-not-live"
    empty_message = "Every citation is of a live source or organisation."
    no_match_message = "No citations of evidence that is not live match these filters."

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(Q(source__live=False) | Q(organisation__live=False))
        )


class LearningWithoutSourcesAdmin(PageRowReport):
    """(b) Pages whose latest version has a learning block but cites no source at all."""

    model = LearningWithoutSources
    menu_label = "Learning without sources"
    menu_icon = "warning"
    list_display = ("page_link", "statement", "learning_blocks", "status")
    list_export = ("page_title", "statement", "learning_blocks", "status")
    list_filter = (SectionFilter, VisionStatementFilter, OrganisationFilter)
    list_select_related = ("page", "vision_statement")
    search_fields = ("page__title",)
    export_filename = "evidence-audit-learning-without-sources"
    empty_message = "Every page with a learning block cites a source."
    no_match_message = "No pages with learning but no source match these filters."

    def get_queryset(self, request):
        return super().get_queryset(request).filter(learning_blocks__gt=0, cited_sources=0)

    def filter_by_organisation(self, queryset, pk):
        """Pages that cite
        the organisation itself (they cite no source)."""
        return queryset.filter(
            page_id__in=Citation.objects.filter(organisation_id=pk).values("page_id")
        )

    @staticmethod
    @display(description="Page status")
    def status(summary):
        return page_status(summary.page)


class SourceReport(AuditReport):
    """Source rows, with their organisations (one prefetch) and how many pages cite them."""

    list_display = ("source_link", "makers", "type", "year", "status", "cited_by")
    list_export = ("title", "makers", "type", "year", "status", "cited_by")
    list_filter = SCOPE_FILTERS
    search_fields = ("title",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("organisations", queryset=Organisation.objects.only("pk", "name"))
            )
            .annotate(pages_citing=Count("citations__page", distinct=True))
        )

    def filter_by_section(self, queryset, path):
        return queryset.filter(pk__in=cited_in(section_path=path).values("source_id"))

    def filter_by_vision_statement(self, queryset, pk):
        return queryset.filter(pk__in=cited_in(vision_statement_id=pk).values("source_id"))

    def filter_by_organisation(self, queryset, pk):
        return queryset.filter(organisations=pk)

    def filter_by_resource_type(self, queryset, value):
        return queryset.filter(resource_type=value)

    @staticmethod
    @display(description="Source")
    def source_link(source):
        return evidence_edit_link(source)

    @staticmethod
    @display(description="Organisations")
    def makers(source):
        return "; ".join(organisation.name for organisation in source.organisations.all())

    @staticmethod
    @display(description="Resource type")
    def type(source):
        return source.get_resource_type_display()

    @staticmethod
    @display(description="Status")
    def status(source):
        return evidence_status(source)

    @staticmethod
    @display(description="Cited by (any version)")
    def cited_by(source):
        count = source.pages_citing
        return "No page" if not count else "1 page" if count == 1 else f"{count} pages"


class UncitedSourceAdmin(SourceReport):
    """(c) Sources that no live version of a live page cites (drafts may cite them).

    Filtered by section or vision statement, it lists the sources no live page *there* cites.
    """

    model = UncitedSource
    menu_label = "Sources no live page cites"
    menu_icon = "doc-full"
    export_filename = "evidence-audit-sources-no-live-page-cites"
    empty_message = "Every source is cited by a live page."
    no_match_message = "No sources match these filters: live pages cite them all."

    def get_queryset(self, request):
        scope = {"in_live_version": True, "page__live": True}
        section = SectionFilter.parameter_name
        statement = VisionStatementFilter.parameter_name
        if (section_id := ascii_int(request.GET.get(section))) is not None:
            paths = SectionPage.objects.filter(pk=section_id).values("path")
            scope["page__path__startswith"] = Subquery(paths[:1])
        if (statement_id := ascii_int(request.GET.get(statement))) is not None:
            scope["vision_statement_id"] = statement_id
        cited = Citation.objects.filter(source=OuterRef("pk"), **scope)
        return super().get_queryset(request).filter(~Exists(cited))

    def filter_by_section(self, queryset, path):
        return queryset  # the scope of "no live page cites" (see get_queryset)

    def filter_by_vision_statement(self, queryset, pk):
        return queryset


class SourceWithoutLinkAdmin(SourceReport):
    """(d) Sources with neither URL, DOI nor document: a reader cannot find them."""

    model = SourceWithoutLink
    menu_label = "Sources with no link"
    menu_icon = "link-external"
    export_filename = "evidence-audit-sources-with-no-url-doi-or-document"
    empty_message = "Every source has a URL, a DOI or a document."
    no_match_message = "No sources without URL, DOI or document match these filters."

    def get_queryset(self, request):
        return super().get_queryset(request).filter(url="", doi="", document__isnull=True)


class OrganisationWithoutSourcesAdmin(AuditReport):
    """(e) Organisations that no source names among its makers."""

    model = OrganisationWithoutSources
    menu_label = "Organisations with no sources"
    menu_icon = "group"
    list_display = ("organisation_link", "kind_label", "status", "cited_by")
    list_export = ("name", "kind_label", "status", "cited_by")
    list_filter = (SectionFilter, VisionStatementFilter, "kind")
    search_fields = ("name", "short_name")
    export_filename = "evidence-audit-organisations-with-no-sources"
    empty_message = "Every organisation has at least one source."
    no_match_message = "No organisations without sources match these filters."

    def get_queryset(self, request):
        made = Source.organisations.through.objects.filter(organisation_id=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .filter(~Exists(made))
            .annotate(pages_citing=Count("citations__page", distinct=True))
        )

    def filter_by_section(self, queryset, path):
        return queryset.filter(pk__in=cited_in(section_path=path).values("organisation_id"))

    def filter_by_vision_statement(self, queryset, pk):
        return queryset.filter(pk__in=cited_in(vision_statement_id=pk).values("organisation_id"))

    @staticmethod
    @display(description="Organisation")
    def organisation_link(organisation):
        return evidence_edit_link(organisation)

    @staticmethod
    @display(description="Kind")
    def kind_label(organisation):
        return organisation.get_kind_display()

    status = staticmethod(SourceReport.status)
    cited_by = staticmethod(SourceReport.cited_by)
