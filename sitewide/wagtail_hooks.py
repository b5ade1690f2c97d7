"""The accessibility and content checker, tuned to our templates.

Wagtail's checker runs in the userbar on live pages and in the page editor's preview panel
(the same userbar item, built through the same hook). By default it checks the whole body
against a short list of rules; we check the main content, where editors' content lives,
against WCAG 2.x A and AA plus Wagtail's own editorial checks.
"""

from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

# Where editors' content is; the header, navigation and footer come from base.html and are
# checked by our own tests, not by editors.
AXE_INCLUDE = ["main"]
# The quick-exit link is site chrome, not editors' content; `data-content-checker-ignore`
# marks anything else that is not. Wagtail always excludes its own userbar as well.
AXE_EXCLUDE = [".quick-exit", "[data-content-checker-ignore]"]
AXE_RUN_ONLY = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Not tagged WCAG by axe, but what editors most often get wrong: switched on explicitly.
EDITORIAL_RULES = [
    "alt-text-quality",
    "empty-heading",
    "empty-table-header",
    "heading-order",
    "p-as-heading",
    "empty-meta-description",
]


@hooks.register("construct_wagtail_userbar")
def configure_content_checker(request, items, page):
    for item in items:
        if isinstance(item, ContentCheckerItem):
            item.axe_include = AXE_INCLUDE
            item.axe_exclude = AXE_EXCLUDE
            item.axe_run_only = AXE_RUN_ONLY
            item.axe_rules = {rule: {"enabled": True} for rule in EDITORIAL_RULES}
