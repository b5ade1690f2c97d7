"""The admin's side of search: Wagtail's "Search terms" report is left out of the Reports menu.

The report lists the query log, and readers' searches are no longer logged (they are private,
and the log fed a public list anonymous traffic could plant): it would only ever be empty.
Editors curate "Suggested searches" in the site settings and pin results with "Promoted search
results" instead.
"""

from wagtail import hooks

SEARCH_TERMS_REPORT = "search-terms"


@hooks.register("construct_reports_menu")
def hide_search_terms_report(request, menu_items) -> None:
    menu_items[:] = [item for item in menu_items if item.name != SEARCH_TERMS_REPORT]
