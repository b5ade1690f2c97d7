"""The editorial path through the real admin in chromium: an editor writes a paragraph, cites a
source from the Draftail toolbar and submits it; a reviewer approves it; a reader follows the
inline link from the public page to the source's page."""

import pytest

from django.contrib.auth.models import Group

from story.models import VisionStatementPage
from tests.browser.conftest import admin_login
from tests.factories import (
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementPageFactory,
    narrative,
    part,
)

NEW_PARAGRAPH = "Care leavers told us that their advocates made the difference."
CITED_WORDS = "their advocates made the difference"
SOURCE_TITLE = "Independent advocacy for care experienced young people"


@pytest.fixture
def story_page(transactional_db, home_page):
    """A published page under the root page, where the data migration assigned the review
    workflow (with its groups, restored before each test by serialized rollback)."""
    section = SectionPageFactory(parent=StoryIndexPageFactory(parent=home_page))
    section.save_revision().publish()
    page = VisionStatementPageFactory(
        parent=section,
        title="Advocacy",
        slug="advocacy",
        body=[part(), narrative("<p>Advocacy is available in more places.</p>")],
    )
    page.save_revision().publish()
    return page


def open_edit_view(tab, live_server, page):
    tab.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    editor = tab.locator(".public-DraftEditor-content").first
    editor.wait_for()
    return editor


SUBMIT = 'button[name="action-submit"]'
APPROVE = 'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'


def footer_action(tab, selector: str):
    """A button of the editor's footer action menu, opening the menu if it is folded away."""
    button = tab.locator(f"footer {selector}").first
    if not button.is_visible():
        tab.locator("footer .w-dropdown__toggle").first.click()
    return button


def wait_for_stored_entity(tab, entity_type: str) -> None:
    """Draftail writes its hidden input shortly after a change; submit only once it has."""
    tab.wait_for_function(
        """type => [...document.querySelectorAll('input[type=hidden]')]
            .some(input => input.value.includes(`"type":"${type}"`))""",
        arg=entity_type,
    )


def test_editor_cites_a_source_reviewer_approves_reader_follows_the_link(
    page, browser, live_server, make_user, story_page
):
    source = SourceFactory(title=SOURCE_TITLE)
    make_user("editor", groups=[Group.objects.get(name="Editors")])
    make_user("reviewer", groups=[Group.objects.get(name="Reviewers")])
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # The editor writes a paragraph, cites the source for some of its words and submits.
    admin_login(page, live_server, "editor")
    editor = open_edit_view(page, live_server, story_page)
    editor.click()
    editor.press("Control+End")
    editor.press("Enter")
    editor.type(NEW_PARAGRAPH)
    editor.press("ArrowLeft")  # before the full stop
    for _ in CITED_WORDS:
        editor.press("Shift+ArrowLeft")
    page.locator('button[name="SOURCE"]:visible').first.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name=SOURCE_TITLE).click()
    modal.wait_for(state="hidden")
    wait_for_stored_entity(page, "SOURCE")
    with page.expect_navigation():
        footer_action(page, SUBMIT).click()
    story_page.refresh_from_db()
    assert story_page.workflow_in_progress
    assert (
        NEW_PARAGRAPH
        not in page.context.request.get(f"{live_server.url}/story-of-progress/").text()
    )

    # The reviewer, in a browser of their own, approves.
    reviewer_context = browser.new_context(viewport={"width": 1280, "height": 900})
    reviewer_tab = reviewer_context.new_page()
    reviewer_tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        admin_login(reviewer_tab, live_server, "reviewer")
        open_edit_view(reviewer_tab, live_server, story_page)
        with reviewer_tab.expect_navigation():
            footer_action(reviewer_tab, APPROVE).click()
    finally:
        reviewer_context.close()

    live = VisionStatementPage.objects.get(pk=story_page.pk)
    assert live.live and not live.has_unpublished_changes

    # A reader finds the paragraph and follows the citation to the source's page.
    reader = browser.new_context()
    try:
        reader_tab = reader.new_page()
        reader_tab.goto(f"{live_server.url}{live.url}")
        link = reader_tab.get_by_role("link", name=CITED_WORDS)
        main_text = reader_tab.locator("main").inner_text()
        assert "Care leavers told us that" in main_text and CITED_WORDS in main_text
        link.click()
        reader_tab.wait_for_url(f"{live_server.url}{source.public_url}")
        assert reader_tab.get_by_role("heading", level=1).inner_text().strip() == SOURCE_TITLE
        assert reader_tab.get_by_role("link", name=live.title).count() >= 1
    finally:
        reader.close()
    assert not errors
