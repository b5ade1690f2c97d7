from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from story.models import VisionStatement


class VisionStatementViewSet(SnippetViewSet):
    model = VisionStatement
    icon = "list-ol"
    menu_label = "Vision statements"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["number", "short_name", "foundation"]
    list_filter = ["foundation"]
    search_fields = ["short_name", "full_wording"]
    ordering = ["number"]


register_snippet(VisionStatementViewSet)
