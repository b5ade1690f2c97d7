"""The Draftail "Source" and "Organisation" buttons, driven in chromium through the real admin.

No server-side test sees the editor's JavaScript: this one selects words, picks a snippet in
Wagtail's chooser modal, saves a draft, and checks the stored rich text holds the id.
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
    part,
)

SENTENCE = "Families said change is slow."


@pytest.fixture
def draft_page(transactional_db, home_page, live_server):
    section = SectionPageFactory(parent=StoryIndexPageFactory(parent=home_page))
    page = VisionStatementPageFactory(
        parent=section, title="Aftercare", body=[part(), narrative(f"<p>{SENTENCE}</p>")]
    )
    page.save_revision().publish()
    return page


def select_words_at_end(editor, count: int, skip: int = 1) -> None:
    """Select `count` characters ending `skip` characters before the end, with the keyboard
    as a person would (Draft.js tracks its own selection from real key events)."""
    editor.click()
    editor.press("End")
    for _ in range(skip):
        editor.press("ArrowLeft")
    for _ in range(count):
        editor.press("Shift+ArrowLeft")


def select_words_at_start(editor, count: int) -> None:
    editor.click()
    editor.press("Home")
    for _ in range(count):
        editor.press("Shift+ArrowRight")


def choose_from_toolbar(page, button_name: str, title: str) -> None:
    page.locator(f'button[name="{button_name}"]:visible').first.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name=title).click()
    modal.wait_for(state="hidden")


@pytest.mark.parametrize(
    "kind,button,select,expected_text",
    [
        (
            "source",
            "SOURCE",
            lambda e: select_words_at_end(e, len("change is slow")),
            "change is slow",
        ),
        (
            "organisation",
            "ORGANISATION",
            lambda e: select_words_at_start(e, len("Families")),
            "Families",
        ),
    ],
)
def test_toolbar_inserts_reference_by_id(
    page, live_server, make_user, draft_page, kind, button, select, expected_text
):
    target = (
        SourceFactory(title="How do we know we are doing good work?")
        if kind == "source"
        else OrganisationFactory(name="Collective Leadership for Scotland")
    )
    make_user("admin", superuser=True)
    admin_login(page, live_server, "admin")
    page.goto(f"{live_server.url}/admin/pages/{draft_page.pk}/edit/")

    editor = page.locator(".public-DraftEditor-content").first
    editor.wait_for()
    select(editor)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    choose_from_toolbar(page, button, str(target))
    assert page.locator(".TooltipEntity").count() == 1
    # Draftail writes its hidden input on a short debounce; a person never saves that fast.
    page.wait_for_function(
        "type => [...document.querySelectorAll('input[type=hidden]')]"
        '.some(input => input.value.includes(`"type":"${type}"`))',
        arg=button,
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    page.locator(".messages").get_by_text("has been updated").wait_for()

    draft_page.refresh_from_db()
    stored = draft_page.get_latest_revision_as_object().body.raw_data[1]["value"]
    assert f'<a linktype="{kind}" id="{target.pk}">{expected_text}</a>' in stored
    assert "href" not in stored
    assert not errors
