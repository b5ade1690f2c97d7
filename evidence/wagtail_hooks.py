"""Admin registration for evidence: snippet viewsets and the inline rich-text features.

The guard that stops cited evidence being deleted is `citations.wagtail_hooks`: it needs the
citation index, which sees restricted pages and drafts in review."""

from django.urls import reverse_lazy

from wagtail import hooks
from wagtail.admin.rich_text.editors.draftail import features as draftail_features
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from evidence.choosers import OrganisationChooserViewSet, SourceChooserViewSet
from evidence.compare import register_evidence_comparisons
from evidence.contentstate import contentstate_rule
from evidence.downloads import SafeSpreadsheetExportMixin
from evidence.models import Organisation, Source
from evidence.rich_text import OrganisationLinkHandler, SourceLinkHandler
from evidence.side_panels import EvidencePageViewSet


class SafeExportIndexView(SafeSpreadsheetExportMixin, IndexView):
    """The snippet listing, whose CSV/XLSX downloads survive pasted control characters and
    cannot carry spreadsheet formulas."""


class OrganisationViewSet(SnippetViewSet):
    index_view_class = SafeExportIndexView
    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    list_display = ["name", "short_name", "kind", "is_partner", "is_promise_collective_member"]
    list_filter = ["kind", "is_partner", "is_promise_collective_member", "live"]
    search_fields = ["name", "short_name"]
    list_export = [
        "name",
        "short_name",
        "kind",
        "website",
        "is_partner",
        "is_promise_collective_member",
    ]
    inspect_view_enabled = True
    chooser_viewset_class = OrganisationChooserViewSet  # kind beside the name
    chooser_per_page = 50  # every organisation on one page


class SourceViewSet(SnippetViewSet):
    index_view_class = SafeExportIndexView
    model = Source
    icon = "doc-full"
    menu_label = "Sources"
    list_display = ["title", "resource_type", "year", "live"]
    list_filter = ["resource_type", "year", "organisations", "live"]
    search_fields = ["title", "authors", "summary"]
    list_export = ["title", "resource_type", "year", "authors", "url", "doi", "citation"]
    inspect_view_enabled = True
    chooser_viewset_class = SourceChooserViewSet  # organisations, type, year; filters
    chooser_per_page = 25


class EvidenceViewSetGroup(SnippetViewSetGroup):
    menu_label = "Evidence"
    menu_icon = "doc-full-inverse"
    menu_order = 200
    items = (SourceViewSet, OrganisationViewSet)


register_snippet(EvidenceViewSetGroup)
register_evidence_comparisons()  # revision compare shows what rich text cites


@hooks.register("register_admin_viewset")
def register_page_editor_with_evidence_panel():
    """The page editor with the evidence panel (`evidence.side_panels` says why a viewset)."""
    return EvidencePageViewSet("evidence_page_editor")


# (feature name and linktype, Draftail entity type, link handler, model, toolbar icon, label).
# The icons differ from Wagtail's document link ("doc-full-inverse") and from each other;
# the decorators in evidence-entities.js use the same icons.
EVIDENCE_FEATURES = [
    ("source", "SOURCE", SourceLinkHandler, Source, "openquote", "Cite a source"),
    (
        "organisation",
        "ORGANISATION",
        OrganisationLinkHandler,
        Organisation,
        "group",
        "Cite an organisation",
    ),
]


@hooks.register("register_rich_text_features")
def register_evidence_features(features):
    """The "Cite a source" and "Cite an organisation" toolbar buttons, after Wagtail's
    document links."""
    for name, entity_type, handler, model, icon, label in EVIDENCE_FEATURES:
        features.register_link_type(handler)
        chooser_namespace = model.snippet_viewset.get_chooser_admin_url_namespace()
        features.register_editor_plugin(
            "draftail",
            name,
            draftail_features.EntityFeature(
                {
                    "type": entity_type,
                    "icon": icon,
                    "description": label,
                    "chooserUrls": {"chooser": reverse_lazy(f"{chooser_namespace}:choose")},
                },
                js=["wagtailadmin/js/chooser-modal.js", "evidence/js/evidence-entities.js"],
            ),
        )
        features.register_converter_rule(
            "contentstate", name, contentstate_rule(name, entity_type, model)
        )
