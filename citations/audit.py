"""The evidence audit: read-only admin lists reviewers use to check evidence before approving.

Built with wagtail-modeladmin on the tables `citations.index` keeps in step with page
content: every inline citation in live and draft pages, sources that no page cites, and pages
with a learning block but no cited source. Each list costs a fixed number of queries however
many rows it shows (related rows are joined, never fetched one by one).
"""

from django.contrib.admin.filters import RelatedOnlyFieldListFilter
from django.urls import reverse
from django.utils.html import format_html

from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup

from citations.models import Citation, PageEvidenceSummary, UncitedSource


class CitedOnlyFilter(RelatedOnlyFieldListFilter):
    """Offers only the related rows that appear in the list (not every source in the library).

    Django's version asks `django.contrib.admin`'s site for the related model's ordering; that
    app is not installed here, so the related model's own `Meta.ordering` is used instead.
    """

    def field_admin_ordering(self, field, request, model_admin):
        return ()


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


def page_edit_link(page):
    return format_html(
        '<a href="{}">{}</a>',
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        page.get_admin_display_title(),
    )


def evidence_edit_link(obj):
    status = "" if obj.live else " (not live)"
    return format_html(
        '<a href="{}">{}</a>{}',
        reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk]),
        obj,
        status,
    )


class ReadOnlyAuditAdmin(ModelAdmin):
    permission_helper_class = ReadOnlyAuditPermissionHelper
    add_to_admin_menu = False


class CitationAdmin(ReadOnlyAuditAdmin):
    model = Citation
    menu_label = "All citations"
    menu_icon = "link"
    list_display = (
        "cited_on",
        "cites",
        "resource_type",
        "vision_statement",
        "location",
        "in_live_version",
        "in_latest_version",
    )
    list_filter = (
        ("vision_statement", CitedOnlyFilter),
        ("source", CitedOnlyFilter),
        ("organisation", CitedOnlyFilter),
        "source__resource_type",
        "in_live_version",
        "in_latest_version",
    )
    list_select_related = ("page", "source", "organisation", "vision_statement")
    search_fields = ("page__title", "source__title", "organisation__name")
    list_per_page = 100

    @staticmethod
    def cited_on(citation):
        return page_edit_link(citation.page)

    cited_on.short_description = "Page"

    @staticmethod
    def cites(citation):
        return evidence_edit_link(citation.source or citation.organisation)

    cites.short_description = "Cites"

    @staticmethod
    def resource_type(citation):
        if citation.source:
            return citation.source.get_resource_type_display()
        return "Organisation"

    resource_type.short_description = "Resource type"


class UncitedSourceAdmin(ReadOnlyAuditAdmin):
    """Sources neither the live nor the latest version of any page cites."""

    model = UncitedSource
    menu_label = "Sources no page cites"
    menu_icon = "doc-full"
    list_display = ("source", "resource_type", "year")
    list_filter = ("resource_type", "live")
    search_fields = ("title",)

    def get_queryset(self, request):
        cited = Citation.objects.filter(source__isnull=False).values("source_id")
        return super().get_queryset(request).exclude(pk__in=cited)

    @staticmethod
    def source(obj):
        return evidence_edit_link(obj)

    source.short_description = "Source"


class LearningWithoutSourcesAdmin(ReadOnlyAuditAdmin):
    """Pages whose latest version has a learning block but cites no source at all."""

    model = PageEvidenceSummary
    menu_label = "Learning without sources"
    menu_icon = "warning"
    list_display = ("page_title", "vision_statement", "learning_blocks", "is_live")
    list_filter = (("vision_statement", CitedOnlyFilter),)
    list_select_related = ("page", "vision_statement")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(learning_blocks__gt=0, cited_sources=0)

    @staticmethod
    def page_title(summary):
        return page_edit_link(summary.page)

    page_title.short_description = "Page"

    @staticmethod
    def is_live(summary):
        return "Live" if summary.page.live else "Draft"

    is_live.short_description = "Status"


class EvidenceAuditGroup(ModelAdminGroup):
    menu_label = "Evidence audit"
    menu_icon = "tasks"
    menu_order = 205
    items = (CitationAdmin, UncitedSourceAdmin, LearningWithoutSourcesAdmin)
