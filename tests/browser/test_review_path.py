"""The review path of issue 12 through the real admin in chromium, as the editor and reviewer.

The editor cites a new source, still a draft awaiting review, for words already on a live
page and submits the page. The reviewer's "Compare with live version" shows the added
citation although no word changed; approving the page is refused with a message that names
the source and links to it; the reviewer follows that link, approves the source, then
approves the page; a reader sees the words linked to the source with a citation marker.
"""

import os

import pytest

from django.contrib.auth.models import Group

from evidence.models import Source
from story.models import VisionStatementPage
from tests.browser.conftest import admin_login
from tests.browser.test_inline_evidence import choose_from_toolbar, select_words_at_end
from tests.browser.test_workflow import (
    APPROVE,
    SUBMIT,
    footer_action,
    open_edit_view,
    wait_for_stored_entity,
)
from tests.factories import (
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementPageFactory,
    narrative,
    part,
)

PAGE_TITLE = "Kinship care"
PARAGRAPH = "Kinship carers now receive support in more areas."
CITED_WORDS = "support in more areas"
SOURCE_TITLE = "Kinship care support: a national evaluation"
# A folder to keep screenshots of the compare and of the refusal in, to look at them.
SCREENSHOTS = os.environ.get("REVIEW_PATH_SCREENSHOTS")


@pytest.fixture
def live_story_page(transactional_db, home_page):
    """A live vision statement page under the root page, which the review workflow covers."""
    section = SectionPageFactory(parent=StoryIndexPageFactory(parent=home_page))
    section.save_revision().publish()
    page = VisionStatementPageFactory(
        parent=section,
        title=PAGE_TITLE,
        slug="kinship-care",
        body=[part(), narrative(f"<p>{PARAGRAPH}</p>")],
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def source_in_review(transactional_db):
    """A new source the editor wrote and submitted: never published, awaiting review."""

    def make(editor) -> Source:
        source = SourceFactory(title=SOURCE_TITLE, live=False, publish=False)
        source.save_revision(user=editor)
        source.get_workflow().start(source, editor)
        return source

    return make


def messages(tab):
    return tab.locator(".messages")


def screenshot(tab, name: str, **options) -> None:
    if SCREENSHOTS:
        tab.screenshot(path=os.path.join(SCREENSHOTS, f"reviewpath-{name}.png"), **options)


def test_review_path_new_draft_source_is_approved_before_the_page(
    page, browser, live_server, make_user, live_story_page, source_in_review
):
    editor_user = make_user("editor", groups=[Group.objects.get(name="Editors")])
    make_user("reviewer", groups=[Group.objects.get(name="Reviewers")])
    source = source_in_review(editor_user)
    assert source.workflow_in_progress and not source.live
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # 1. The editor cites the draft source for words already on the live page and submits.
    admin_login(page, live_server, "editor")
    editor = open_edit_view(page, live_server, live_story_page)
    select_words_at_end(editor, len(CITED_WORDS))  # up to the full stop
    choose_from_toolbar(page, "SOURCE", SOURCE_TITLE)
    wait_for_stored_entity(page, "SOURCE")
    with page.expect_navigation():
        footer_action(page, SUBMIT).click()
    # Submission is allowed; the editor is told the source must be approved first.
    warning = messages(page).locator(".warning", has_text="cites evidence that is not live yet")
    warning.wait_for()
    assert warning.get_by_role("link", name=SOURCE_TITLE).count() == 1
    live_story_page.refresh_from_db()
    assert live_story_page.workflow_in_progress and live_story_page.has_unpublished_changes

    # 2. The reviewer, in a browser of their own, compares the submission with the live page.
    reviewer_context = browser.new_context(viewport={"width": 1280, "height": 900})
    reviewer_context.set_default_timeout(15_000)
    reviewer = reviewer_context.new_page()
    reviewer.on("pageerror", lambda error: errors.append(str(error)))
    try:
        admin_login(reviewer, live_server, "reviewer")  # lands on the dashboard
        row = reviewer.get_by_role("row").filter(
            has=reviewer.get_by_role("link", name=PAGE_TITLE, exact=True)
        )
        row.get_by_role("button", name="Actions").click()
        with reviewer.expect_navigation():
            row.get_by_role("link", name="Compare with live version").click()
        assert "/revisions/compare/live..." in reviewer.url
        added = reviewer.locator(".addition", has_text=f"Added citation: Source “{SOURCE_TITLE}”")
        added.wait_for()
        assert reviewer.locator(".deletion").count() == 0, "no word changed"
        screenshot(reviewer, "compare", full_page=True)

        # 3. Approving the page is refused, naming the source with a link to review it.
        open_edit_view(reviewer, live_server, live_story_page)
        with reviewer.expect_navigation():
            footer_action(reviewer, APPROVE).click()
        refusal = messages(reviewer).locator(".error", has_text="Not approved")
        refusal.wait_for()
        assert SOURCE_TITLE in refusal.inner_text()
        screenshot(reviewer, "refusal")
        live_story_page.refresh_from_db()
        assert live_story_page.workflow_in_progress and live_story_page.has_unpublished_changes
        source_link = refusal.get_by_role("link", name=SOURCE_TITLE)
        edit_source_url = f"/admin/snippets/evidence/source/edit/{source.pk}/"
        assert source_link.get_attribute("href") == edit_source_url

        # 4. The reviewer follows the link and approves the source in its snippet workflow.
        source_link.click()
        reviewer.wait_for_url(f"{live_server.url}{edit_source_url}")
        reviewer.get_by_role("textbox", name="Title").wait_for()
        with reviewer.expect_navigation():
            footer_action(reviewer, APPROVE).click()
        source.refresh_from_db()
        assert source.live and not source.workflow_in_progress

        # 5. Now the page's approval goes through and publishes it.
        open_edit_view(reviewer, live_server, live_story_page)
        assert messages(reviewer).get_by_text("not live yet").count() == 0
        with reviewer.expect_navigation():
            footer_action(reviewer, APPROVE).click()
        assert messages(reviewer).locator(".error").count() == 0
    finally:
        reviewer_context.close()

    live = VisionStatementPage.objects.get(pk=live_story_page.pk)
    assert live.live and not live.has_unpublished_changes and not live.workflow_in_progress

    # 6. A reader, logged out, sees the words linked to the source with a citation marker.
    reader_context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        reader = reader_context.new_page()
        reader.on("pageerror", lambda error: errors.append(str(error)))
        reader.goto(f"{live_server.url}{live.url}")
        public_url = f"/evidence/sources/{source.slug}/"
        assert source.public_url == public_url
        link = reader.get_by_role("link", name=CITED_WORDS, exact=True)
        assert link.get_attribute("href") == public_url
        # The citation marker follows the cited words and names the source.
        # The marker follows the link, alone or kept with the punctuation after it.
        marker = reader.locator(
            f'a[href="{public_url}"] + sup.citation-marker > a, '
            f'a[href="{public_url}"] + .citation-glue > sup.citation-marker > a'
        )
        assert marker.inner_text() == "[1]"
        assert marker.get_attribute("aria-label") == f"Source 1: {SOURCE_TITLE}"
        assert "linked once approved" not in reader.locator("main").inner_text()
        with reader.expect_navigation():
            link.click()
        assert reader.url == f"{live_server.url}{source.public_url}"
        assert reader.get_by_role("heading", level=1).inner_text().strip() == SOURCE_TITLE
    finally:
        reader_context.close()
    assert not errors
