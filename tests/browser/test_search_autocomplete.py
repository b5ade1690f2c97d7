"""Search suggestions in chromium: the combobox appears, arrows move, Enter opens the page,
and the search form still works as a plain form. Kept as one test, like the other browser test
files: with serialized rollback, a second test in the file found the page tree gone."""

from tests.factories import SourceFactory


def test_autocomplete_combobox_with_the_keyboard(home_page, live_server, page):
    source = SourceFactory(title="Kinship care evaluation")
    SourceFactory(title="Kinship carers survey")
    page.goto(f"{live_server.url}/search/")
    box = page.get_by_role("combobox", name="Search pages, indicators, sources and organisations")
    box.press_sequentially("kinsh", delay=30)
    listbox = page.get_by_role("listbox", name="Suggestions")
    listbox.wait_for()
    options = listbox.get_by_role("option")
    assert options.count() == 2
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    assert "polite" in page.get_by_role("status").last.get_attribute("aria-live")
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("ArrowDown")
    listbox.wait_for()
    box.press("ArrowDown")
    box.press("ArrowDown")  # the second suggestion
    chosen = page.locator(f"#{box.get_attribute('aria-activedescendant')}")
    target = chosen.get_attribute("data-url")
    assert target in {source.public_url, *[o.get_attribute("data-url") for o in options.all()]}
    box.press("Enter")
    page.wait_for_url(f"{live_server.url}{target}")

    # Enter with no suggestion highlighted submits the form: a plain search.
    page.goto(f"{live_server.url}/search/")
    box.fill("evaluation")
    box.press("Enter")
    page.wait_for_url("**/search/?q=evaluation**")
    assert page.get_by_role("heading", level=2, name="1 result for “evaluation”").is_visible()
    assert page.locator(".search-result mark").first.inner_text() == "evaluation"

    # The home page's search box offers the same suggestions.
    page.goto(f"{live_server.url}/")
    home_box = page.get_by_role(
        "combobox", name="Search pages, indicators, sources and organisations"
    )
    home_box.press_sequentially("kinsh", delay=30)
    home_list = page.get_by_role("listbox", name="Suggestions")
    home_list.wait_for()
    assert home_list.get_by_role("option").count() == 2
