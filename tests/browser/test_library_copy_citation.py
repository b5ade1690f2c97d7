"""The "Copy citation" button in chromium: shown only with JavaScript, copies the citation."""

import pytest

from tests.factories import OrganisationFactory, SourceFactory


@pytest.fixture
def source(transactional_db, home_page):
    return SourceFactory(
        title="Inspection findings",
        authors="Sharp, C.",
        organisations=[OrganisationFactory(name="Care Inspectorate")],
        year=2022,
    )


def test_copy_citation_from_the_library(page, live_server, source):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{live_server.url}/library/")
    button = page.get_by_role("button", name="Copy citation of Inspection findings")
    button.click()
    status = page.get_by_role("status").filter(has_text="Citation copied")
    status.wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "Sharp, C. (2022). Inspection findings. Care Inspectorate."


def test_button_stays_hidden_without_javascript(browser, live_server, source):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{live_server.url}{source.public_url}")
    assert tab.locator("button.copy-citation").is_hidden()
    assert tab.locator("#source-citation").inner_text().startswith("Sharp, C. (2022).")
    context.close()
