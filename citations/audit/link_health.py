"""The evidence audit's list of source links that need an editor: broken, or moved.

Rows are the checks `check_source_links` recorded (`evidence.SourceLink`), one per address, of
live sources only; the source, its organisations and the pages citing it come in a fixed number
of queries. Filterable like every audit list, and by status and kind of link; a CSV download.
"""

from django.contrib.admin import display
from django.db.models import Count, Prefetch
from django.utils.html import format_html

from citations.audit.base import SCOPE_FILTERS, AuditReport, cited_in, evidence_edit_link
from evidence.models import Organisation, SourceLink


class SourceLinkAdmin(AuditReport):
    model = SourceLink
    menu_label = "Broken and moved links"
    menu_icon = "link-external"
    list_display = (
        "source_link",
        "kind_label",
        "address_link",
        "outcome",
        "checked",
        "failing",
        "makers",
        "cited_by",
    )
    list_export = (
        "source_title",
        "kind_label",
        "address",
        "outcome",
        "http_status",
        "final_url",
        "checked",
        "failing",
        "makers",
        "cited_by",
    )
    list_filter = ("status", "kind", *SCOPE_FILTERS)
    search_fields = ("source__title", "address", "final_url")
    export_filename = "evidence-audit-broken-and-moved-source-links"
    empty_message = (
        "Every checked link of a live source works. Links are checked once a day "
        "(check_source_links)."
    )
    no_match_message = "No broken or moved links match these filters."

    def get_queryset(self, request):
        return (
            SourceLink.objects.needing_attention()
            .select_related("source")
            .prefetch_related(
                Prefetch("source__organisations", queryset=Organisation.objects.only("pk", "name"))
            )
            .annotate(pages_citing=Count("source__citations__page", distinct=True))
            .order_by("status", "failing_since", "source__title", "kind")
        )

    def filter_by_section(self, queryset, path):
        return queryset.filter(source_id__in=cited_in(section_path=path).values("source_id"))

    def filter_by_vision_statement(self, queryset, pk):
        return queryset.filter(source_id__in=cited_in(vision_statement_id=pk).values("source_id"))

    def filter_by_organisation(self, queryset, pk):
        return queryset.filter(source__organisations=pk)

    def filter_by_resource_type(self, queryset, value):
        return queryset.filter(source__resource_type=value)

    @staticmethod
    @display(description="Source")
    def source_link(link):
        return evidence_edit_link(link.source)

    @staticmethod
    @display(description="Source")
    def source_title(link):
        return link.source.title

    @staticmethod
    @display(description="Link")
    def kind_label(link):
        return link.get_kind_display()

    @staticmethod
    @display(description="Address")
    def address_link(link):
        return format_html('<a href="{}" rel="noreferrer">{}</a>', link.checked_url, link.address)

    @staticmethod
    @display(description="What the check found")
    def outcome(link):
        return link.in_words

    @staticmethod
    @display(description="Checked")
    def checked(link):
        return link.checked_at.strftime("%Y-%m-%d %H:%M")

    @staticmethod
    @display(description="Failing since")
    def failing(link):
        return link.failing_since.strftime("%Y-%m-%d %H:%M") if link.failing_since else ""

    @staticmethod
    @display(description="Organisations")
    def makers(link):
        return "; ".join(organisation.name for organisation in link.source.organisations.all())

    @staticmethod
    @display(description="Pages citing it")
    def cited_by(link):
        return link.pages_citing
