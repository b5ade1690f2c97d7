"""Read-only panels in the source editor."""

from wagtail.admin.panels import Panel


class LinkHealthPanel(Panel):
    """What the last `check_source_links` run found at the source's URL and DOI: so an editor
    who opens a source sees a broken link where they would fix it. Checks of an address the
    source no longer has (edited since) are shown as such, not as the current state."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "evidence/panels/link_health.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            source = self.instance
            context["link_checks"] = list(source.links.all()) if source.pk else []
            context["has_address"] = bool(source.url or source.doi)
            return context
