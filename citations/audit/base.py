"""What every list of the evidence audit shares: read-only permissions, filters by section,
vision statement, organisation and resource type, status in words, and a CSV download that is
safe in spreadsheets.

Each filter loads its choices with one query and filters through the report's own
`filter_by_<name>` method (a report says what "in this section" means for its rows), so a list
costs a fixed number of queries whatever the number of rows.
"""

from django.contrib.admin import SimpleListFilter
from django.contrib.admin.utils import label_for_field, lookup_field
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import IndexView

from citations.models import Citation
from evidence.downloads import SafeSpreadsheetExportMixin
from evidence.models import Organisation, Source
from story.models import SectionPage, VisionStatement


class ReadOnlyAuditPermissionHelper(PermissionHelper):
    """Whoever may see sources may read the audit; nobody edits rows derived from pages."""

    def user_can_list(self, user):
        return user.is_active and user.has_perm("evidence.view_source")

    def user_can_create(self, user):
        return False

    def user_can_inspect_obj(self, user, obj):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class AuditIndexView(SafeSpreadsheetExportMixin, IndexView):
    """The list, and its CSV/XLSX downloads with every text cell defused (`csv_cell`) and empty
    cells left empty (modeladmin would write "-", which a spreadsheet reads as a formula)."""

    def to_row_dict(self, item):
        row = {}
        for field in self.list_export:
            _f, _attr, value = lookup_field(field, item, self.model_admin)
            row[field] = "" if value is None else value
        return row

    def get_heading(self, queryset, field):
        """The column's own wording ("Cited words"), not modeladmin's Title Case."""
        return capfirst(str(label_for_field(field, self.model, self.model_admin)))


class ScopeFilter(SimpleListFilter):
    """A filter whose choices come from one query and whose meaning the report decides."""

    def __init__(self, request, params, model, model_admin):
        self.model_admin = model_admin
        super().__init__(request, params, model, model_admin)

    def choices_query(self):
        raise NotImplementedError

    def lookups(self, request, model_admin):
        self.known = {str(pk): obj for pk, obj in self.choices_query()}
        return [(pk, label) for pk, (label, _extra) in self.known.items()]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None or value not in self.known:
            return queryset
        _label, extra = self.known[value]
        return getattr(self.model_admin, f"filter_by_{self.parameter_name}")(queryset, extra)


class SectionFilter(ScopeFilter):
    title = "section"
    parameter_name = "section"

    def choices_query(self):
        for pk, title, path in SectionPage.objects.order_by("path").values_list(
            "pk", "title", "path"
        ):
            yield pk, (title, path)


class VisionStatementFilter(ScopeFilter):
    title = "vision statement"
    parameter_name = "vision_statement"

    def choices_query(self):
        for pk, number, short_name in VisionStatement.objects.order_by("number").values_list(
            "pk", "number", "short_name"
        ):
            yield pk, (f"{number}. {short_name}", pk)


class OrganisationFilter(ScopeFilter):
    title = "organisation"
    parameter_name = "organisation"

    def choices_query(self):
        for pk, name in Organisation.objects.order_by("name").values_list("pk", "name"):
            yield pk, (name, pk)


class ResourceTypeFilter(ScopeFilter):
    title = "resource type"
    parameter_name = "resource_type"

    def choices_query(self):
        for value, label in Source.ResourceType.choices:
            yield value, (label, value)


SCOPE_FILTERS = (SectionFilter, VisionStatementFilter, OrganisationFilter, ResourceTypeFilter)


def cited_in(section_path: str | None = None, vision_statement_id: int | None = None, **flags):
    """Citations on pages in a section (its path) or under a vision statement."""
    citations = Citation.objects.filter(**flags)
    if section_path is not None:
        citations = citations.filter(page__path__startswith=section_path)
    if vision_statement_id is not None:
        citations = citations.filter(vision_statement_id=vision_statement_id)
    return citations


def page_edit_link(page):
    return format_html(
        '<a href="{}">{}</a>',
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        page.get_admin_display_title(),
    )


def evidence_status(obj) -> str:
    if obj.live:
        return "Live, with a draft awaiting publishing" if obj.has_unpublished_changes else "Live"
    if obj.first_published_at is None:
        return "Draft, never published"
    return "Unpublished"


def evidence_edit_link(obj):
    return format_html(
        '<a href="{}">{}</a>',
        reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk]),
        obj,
    )


def page_status(page) -> str:
    if not page.live:
        return "Draft, never published" if page.first_published_at is None else "Unpublished"
    return "Live, with a newer draft" if page.has_unpublished_changes else "Live"


class AuditReport(ModelAdmin):
    """A read-only list of the audit, with a CSV download (`list_export`)."""

    permission_helper_class = ReadOnlyAuditPermissionHelper
    index_view_class = AuditIndexView
    index_template_name = "citations/audit_index.html"
    index_view_extra_css = ["citations/audit.css"]
    add_to_admin_menu = False
    list_per_page = 100
    empty_value_display = ""
    # Said when the list is empty before any filter or search, and when they leave nothing.
    empty_message = "Nothing to list."
    no_match_message = "Nothing matches these filters."
