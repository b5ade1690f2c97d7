"""Admin registration for indicators: the snippet viewset, and its "Load figures from CSV" view.

Indicators go through the same review as every source and page: the workflow is attached to
their content type by `story/migrations/0005_indicator_review.py` (the workflow is story's).
"""

from functools import cached_property

from django.urls import path, reverse

from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

from evidence.downloads import SafeSpreadsheetExportMixin
from indicators.admin_views import LoadFiguresView
from indicators.models import Indicator


class IndicatorEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.locked_for_user:
            return buttons
        url_name = Indicator.snippet_viewset.get_url_name("load_figures")
        url = reverse(url_name, args=[self.object.pk])
        buttons.append(Button("Load figures from CSV", url=url, icon_name="upload", priority=5))
        return buttons


class SafeExportIndexView(SafeSpreadsheetExportMixin, IndexView):
    """CSV/XLSX downloads of the listing, defused as the evidence listings' are."""


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "table"
    menu_label = "Indicators"
    menu_order = 205
    add_to_admin_menu = True
    index_view_class = SafeExportIndexView
    edit_view_class = IndicatorEditView
    list_display = ["name", "unit", "frequency", "source", "illustrative", "live"]
    list_filter = ["frequency", "illustrative", "live"]
    search_fields = ["name", "what_it_measures"]
    list_export = ["name", "unit", "frequency", "source", "last_updated", "illustrative"]
    inspect_view_enabled = True

    @property
    def load_figures_view(self):
        return LoadFiguresView.as_view(viewset=self)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("load-figures/<int:pk>/", self.load_figures_view, name="load_figures"),
        ]


register_snippet(IndicatorViewSet)
