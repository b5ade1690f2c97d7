"""Wagtail's content checker, with our configuration, runs in chromium and passes our pages.

The server-side tests check the configuration JSON; only a browser shows axe accepts it and
what it finds in the pages our templates render.
"""

import pytest

from tests.browser.conftest import admin_login
from tests.factories import (
    OrganisationFactory,
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementPageFactory,
    narrative,
    organisation_link,
    part,
    source_link,
)


@pytest.fixture
def story_pages(transactional_db, home_page):
    """A page of each Story of Progress type, citing evidence as editors do (committed, for
    the live server)."""
    source = SourceFactory(title="Inspection findings", summary="What inspection found.")
    organisation = OrganisationFactory(name="Care Inspectorate")
    index = StoryIndexPageFactory(parent=home_page, introduction="<p>Three lenses.</p>")
    section = SectionPageFactory(
        parent=index, introduction=f"<p>Learning from {organisation_link(organisation)}.</p>"
    )
    page = VisionStatementPageFactory(
        parent=section,
        title="Education",
        summary="How organisations help children thrive at school.",
        body=[part(), narrative(f"<p>Attendance rose: {source_link(source)}.</p>")],
    )
    for story_page in (index, section, page):
        story_page.save_revision().publish()
    return [home_page, index, section, page]


def test_checker_runs_on_main_with_our_rules(page, live_server, make_user, story_pages):
    make_user("checker", superuser=True)
    admin_login(page, live_server, "checker")
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "axe.run" in message.text else None,
    )
    counts = {}
    for story_page in story_pages:
        page.goto(f"{live_server.url}{story_page.url}")
        counts[story_page.url] = run_checker(page)
    assert set(counts.values()) == {"0"}, (counts, violations)

    # The checker runs once the page has loaded: add problems before that. An empty heading
    # and a file name as alt text in main are reported; an empty heading in the footer is
    # outside what editors control and is not.
    page.add_init_script(
        """document.addEventListener("DOMContentLoaded", () => {
            document.querySelector("main").insertAdjacentHTML(
                "beforeend", '<h2></h2><img src="/static/favicon.svg" alt="favicon.svg">');
            document.querySelector("footer").insertAdjacentHTML("beforeend", "<h3></h3>");
        });"""
    )
    page.goto(f"{live_server.url}{story_pages[0].url}")
    assert run_checker(page) == "2"


def run_checker(page) -> str:
    """Open the userbar's checks and return the number of issues it reports."""
    page.locator("wagtail-userbar [aria-haspopup]").first.click()
    page.locator("wagtail-userbar #checker-trigger").click()
    count = page.locator("wagtail-userbar #checker-results [data-content-checker-count]").first
    page.wait_for_function(
        "el => el.textContent.trim() !== ''", arg=count.element_handle(), timeout=20_000
    )
    return count.text_content().strip()
