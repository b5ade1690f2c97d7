from django.contrib import messages
from django.shortcuts import redirect
from django.utils.html import format_html, format_html_join

from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from citations.audit import EvidenceAuditGroup
from citations.delete_guard import pages_keeping
from evidence.models import Organisation, Source

modeladmin_register(EvidenceAuditGroup)


@hooks.register("before_delete_snippet")
def block_deleting_cited_evidence(request, instances):
    """Refuse to delete evidence that pages cite, naming those pages.

    Rendering already degrades to plain text for missing evidence; this keeps the reader's
    trail intact in the first place: live pages, public or restricted, and drafts in review.
    """
    if request.method != "POST":
        return None
    blocked = [
        (instance, pages)
        for instance in instances
        if isinstance(instance, (Source, Organisation)) and (pages := pages_keeping(instance))
    ]
    if not blocked:
        return None
    for instance, pages in blocked:
        messages.error(
            request,
            format_html(
                "“{}” was not deleted because these pages cite it: {}. "
                "Remove the citations, or unpublish those pages and end their reviews, first.",
                instance,
                format_html_join("; ", "{} ({})", ((page.title, why) for page, why in pages)),
            ),
        )
    instance = blocked[0][0]
    return redirect(instance.snippet_viewset.get_url_name("usage"), instance.pk)
