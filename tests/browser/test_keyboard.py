"""The public site with a keyboard only: skip link, quick exit, citations and search."""

import re

import pytest

from evidence.models import Source
from sitewide.models import SiteSettings
from tests.browser.demo import demo_content  # noqa: F401  (fixture)
from tests.browser.playwright_thread import expect

pytestmark = pytest.mark.usefixtures("demo_content")

VISION_PAGE = (
    "/story-of-progress/organisational-progress/supporting-children-to-stay-with-their-families/"
)
EXIT_PATH = "/evidence/"  # stands in for the neutral external site in tests


def tab_until(page, selector: str, limit: int = 80):
    """Press Tab until the focused element matches `selector`, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return page.locator(":focus")
    pytest.fail(f"{selector} was not reached with {limit} presses of Tab")


@pytest.fixture
def quick_exit_here(settings, live_server):
    settings.QUICK_EXIT_URL = f"{live_server.url}{EXIT_PATH}"
    # The demo site's settings were made with the default; the live server is not https, which
    # only the admin's form checks.
    SiteSettings.objects.update(quick_exit_url=settings.QUICK_EXIT_URL)
    return settings.QUICK_EXIT_URL


def test_skip_link_is_first_and_moves_focus_to_main(live_server, page):
    page.goto(f"{live_server.url}{VISION_PAGE}")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to main content")
    expect(focused).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_id("main-content")
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main-content').contains(document.activeElement)")


def visit_two_pages(page, live_server) -> int:
    page.goto(f"{live_server.url}/")
    page.goto(f"{live_server.url}{VISION_PAGE}")
    return page.evaluate("history.length")


def assert_left_without_trace(page, live_server, exit_url: str, history_length: int) -> None:
    page.wait_for_url(exit_url)
    assert page.evaluate("history.length") == history_length
    page.go_back()
    # Back skips the page the reader left: it was replaced, not added to.
    page.wait_for_url(f"{live_server.url}/")


def test_quick_exit_link_by_keyboard_replaces_history(live_server, page, quick_exit_here):
    history_length = visit_two_pages(page, live_server)
    link = tab_until(page, "a[data-quick-exit]", limit=3)
    expect(link).to_have_accessible_name("Leave this site quickly")
    expect(link).to_have_accessible_description("or press Esc twice")
    page.keyboard.press("Enter")
    assert_left_without_trace(page, live_server, quick_exit_here, history_length)


def test_quick_exit_shortcut_escape_twice(live_server, page, quick_exit_here):
    history_length = visit_two_pages(page, live_server)
    page.keyboard.press("Escape")
    page.wait_for_timeout(200)
    assert page.url.endswith(VISION_PAGE), "one Escape alone must not leave the page"
    page.keyboard.press("Escape")
    assert_left_without_trace(page, live_server, quick_exit_here, history_length)


def test_quick_exit_without_javascript_is_a_plain_link(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/")
        link = page.locator("a[data-quick-exit]")
        expect(link).to_have_attribute("href", "https://www.bbc.co.uk/weather")
        expect(page.locator("#quick-exit-hint")).to_be_hidden()  # no JS, no shortcut
    finally:
        context.close()


def test_citation_marker_round_trip(live_server, page):
    first_source = Source.objects.get(slug="police-scotland-qualitative-insight")
    page.goto(f"{live_server.url}{VISION_PAGE}")
    marker = tab_until(page, ".citation-marker a")
    expect(marker).to_have_accessible_name(f"Source 1: {first_source.title}")
    expect(marker).to_have_text("[1]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#source-1$"))
    entry = page.locator("#source-1")
    expect(entry).to_be_focused()
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text(first_source.title)

    back = tab_until(page, "#source-1 .back-to-text")
    expect(back).to_have_accessible_name(re.compile(r"^Back to text"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#cite-1-1$"))
    expect(page.locator("#cite-1-1")).to_be_focused()
    expect(page.locator("#cite-1-1")).to_be_in_viewport()


def test_source_cited_several_times_links_back_to_each_citation(live_server, page):
    page.goto(f"{live_server.url}{VISION_PAGE}")
    markers = page.locator('.citation-marker a[href="#source-4"]')
    count = markers.count()
    assert count > 1
    back_links = page.locator("#source-4 .back-to-text a")
    expect(back_links).to_have_count(count)
    back_links.nth(count - 1).focus()
    expect(back_links.nth(count - 1)).to_have_accessible_name(f"citation {count} of source 4")
    page.keyboard.press("Enter")
    expect(page.locator(f"#cite-4-{count}")).to_be_focused()


def test_search_form_reachable_and_submits_with_enter(live_server, page):
    page.goto(f"{live_server.url}/story-of-progress/")
    field = tab_until(page, "#site-search-q", limit=10)
    expect(field).to_have_accessible_name("Search")
    page.keyboard.type("education")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=education$"))
    expect(page.locator("h1")).to_have_count(1)


def test_cite_this_page_copies_the_reference(live_server, browser):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}{VISION_PAGE}")
        # The first citation offered is this version's, which will not change (story.versions).
        reference = page.locator("#version-citation-text").inner_text()
        assert reference.startswith("COSLA, Scottish Government, & The Promise Scotland. (")
        assert reference.endswith("/versions/1/")
        button = tab_until(page, "button.copy-citation")
        expect(button).to_have_accessible_name("Copy citation")
        page.keyboard.press("Enter")
        expect(page.get_by_role("status")).to_have_text("Citation copied")
        assert page.evaluate("navigator.clipboard.readText()") == reference
    finally:
        context.close()


@pytest.mark.parametrize("width,open_at_load", [(390, False), (1280, True)])
def test_in_page_navigation_folds_on_phones(live_server, browser, width, open_at_load):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}{VISION_PAGE}")
        details = page.locator("details[data-in-page-nav]")
        assert details.evaluate("d => d.open") is open_at_load
        link = page.locator(".in-page-nav a", has_text="What has been learned")
        if open_at_load:  # a sidebar that cannot be folded: its summary is not a tab stop
            expect(page.locator(".in-page-nav summary")).to_have_attribute("tabindex", "-1")
        else:
            expect(link).to_be_hidden()
            tab_until(page, ".in-page-nav summary")
            page.keyboard.press("Enter")
        expect(link).to_be_visible()
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"#part-what-has-been-learned$"))
        expect(page.locator("#part-what-has-been-learned-heading")).to_be_in_viewport()
    finally:
        context.close()
