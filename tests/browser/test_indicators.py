"""An indicator's page and a national data page with its chart, in chromium: no WCAG A/AA
violation at 320 and 1280 px wide (axe-core), nothing but the chart's own frame scrolls
sideways, the chart is an image named by its title, and it prints with its labels.

Set `SCREENSHOT_DIR` to keep screenshots of each page, and of its chart, at each width.
"""

import os
from pathlib import Path

import pytest

from django.core.cache import cache

from tests.browser.test_accessibility import WIDTHS, axe_source, describe, run_axe
from tests.indicators.conftest import build_world


@pytest.fixture
def world(transactional_db, live_server):
    cache.clear()  # site root paths are cached outside the database
    built = build_world()
    cache.clear()
    return built


def screenshot(page, name: str, width: int) -> None:
    """The whole page, and its first figure alone (at full size, to read its labels)."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
        figure = page.locator("figure.indicator-figure").first
        figure.screenshot(path=f"{folder}/{name}-{width}-figure.png")


def test_indicator_and_national_data_pages_are_accessible(live_server, browser, world):
    axe_source()  # fail early and clearly without axe-core
    pages = {"indicator": world["over_time"].public_url, "national-data": world["page"].url}
    pages["bars"] = world["by_area"].public_url
    failures = []
    for name, path in pages.items():
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900})
            try:
                page = context.new_page()
                response = page.goto(f"{live_server.url}{path}")
                assert response.status == 200, path
                chart = page.get_by_role("img", name=world["over_time"].name)
                if name != "bars":
                    assert chart.count() == 1 and chart.is_visible()
                violations = run_axe(page)
                if violations:
                    failures.append(f"{path} at {width}px:\n{describe(violations)}")
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                if overflow > 0:
                    failures.append(f"{path} at {width}px scrolls sideways by {overflow}px")
                screenshot(page, name, width)
            finally:
                context.close()
    assert not failures, "\n\n".join(failures)


def test_the_chart_prints_with_its_labels(live_server, browser, world):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(f"{live_server.url}{world['page'].url}")
        chart = page.locator("svg.chart")
        assert chart.is_visible()
        assert page.locator("svg.chart text", has_text="66.25%").is_visible()
        box = chart.bounding_box()
        assert box["width"] > 300 and box["height"] > 150
    finally:
        context.close()
