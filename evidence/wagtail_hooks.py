"""Admin registration for evidence: snippet viewsets, the inline rich-text features, and a
guard that stops a cited source or organisation being deleted out from under live pages."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.rich_text.editors.draftail import features as draftail_features
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from evidence.choosers import OrganisationChooserViewSet, SourceChooserViewSet
from evidence.contentstate import contentstate_rule
from evidence.models import Organisation, Source
from evidence.rich_text import OrganisationLinkHandler, SourceLinkHandler
from evidence.usage import live_pages_citing


class OrganisationViewSet(SnippetViewSet):
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


@hooks.register("before_delete_snippet")
def block_deleting_cited_evidence(request, instances):
    """Refuse to delete evidence that live pages cite, naming those pages.

    Rendering already degrades to plain text for missing evidence; this keeps the reader's
    trail intact in the first place. Unpublish the pages or remove the citations first.
    """
    if request.method != "POST":
        return None
    blocked = [
        (instance, pages)
        for instance in instances
        if isinstance(instance, (Source, Organisation)) and (pages := live_pages_citing(instance))
    ]
    if not blocked:
        return None
    for instance, pages in blocked:
        messages.error(
            request,
            format_html(
                "“{}” was not deleted because live pages cite it: {}. "
                "Remove the citations or unpublish those pages first.",
                instance,
                "; ".join(page.title for page in pages),
            ),
        )
    instance = blocked[0][0]
    return redirect(instance.snippet_viewset.get_url_name("usage"), instance.pk)
