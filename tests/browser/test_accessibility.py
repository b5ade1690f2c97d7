"""axe-core on every public page type of the demo site, on a phone and on a desk.

axe-core comes from npm (`npm ci` installs the version pinned in package-lock.json) and is
injected from node_modules, so the test makes no network request. Any WCAG 2.0/2.1/2.2 A or AA
violation fails the test, listed readably.
"""

import json
from pathlib import Path

import pytest

from tests.browser.demo import demo_content  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("demo_content")

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = [320, 1280]

VISION_PAGE = (
    "/story-of-progress/organisational-progress/supporting-children-to-stay-with-their-families/"
)
# Illustrative quote and theme blocks (one with a content note), and the links across lenses.
EXPERIENCE_PAGE = "/story-of-progress/experiences/mental-health/"
# Illustrative charts over time and bars at one period, each with its table and CSV download.
NATIONAL_DATA_PAGE = "/story-of-progress/national-data/aftercare/"
# A chart with a line per age group, and its table open.
INDICATOR_PAGE = "/indicators/children-with-three-or-more-placements/"

# Path and expected status. The lead adds "/search/?q=..." and "/library/" as they land.
PUBLIC_URLS = [
    ("/", 200),
    ("/story-of-progress/", 200),
    ("/story-of-progress/national-data/", 200),
    ("/story-of-progress/organisational-progress/", 200),
    ("/story-of-progress/experiences/", 200),
    (VISION_PAGE, 200),
    (EXPERIENCE_PAGE, 200),
    (NATIONAL_DATA_PAGE, 200),
    (INDICATOR_PAGE, 200),
    ("/evidence/", 200),
    ("/evidence/sources/", 200),
    ("/evidence/sources/how-do-we-know-we-are-doing-good-work/", 200),
    ("/evidence/organisations/", 200),
    ("/evidence/organisations/cosla/", 200),
    ("/library/", 200),
    ("/library/?type=report&sort=year&year=abc", 200),
    ("/search/", 200),
    ("/search/?q=care", 200),
    ("/search/?q=zzzzqqqq", 200),
    ("/this-page-does-not-exist/", 404),
]


def axe_source() -> str:
    if not AXE_PATH.exists():
        pytest.fail(
            f"axe-core is not installed ({AXE_PATH} is missing): run `npm ci` in the repository "
            "root (make test-browser does it for you)."
        )
    return AXE_PATH.read_text()


def run_axe(page) -> list[dict]:
    # Evaluated, not added as a <script>: the Content-Security-Policy forbids inline scripts.
    page.evaluate(axe_source())
    results = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({target: n.target, summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )
    return results


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    at {json.dumps(node['target'])}")
            for detail in (node["summary"] or "").splitlines():
                lines.append(f"      {detail}")
    return "\n".join(lines)


@pytest.mark.parametrize("path,status", PUBLIC_URLS, ids=[path for path, _ in PUBLIC_URLS])
def test_page_has_no_wcag_violations(live_server, browser, path, status):
    axe_source()  # fail early and clearly without axe-core
    failures = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            page = context.new_page()
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == status, f"{path}: HTTP {response.status}, not {status}"
            violations = run_axe(page)
            if violations:
                failures.append(f"{path} at {width}px wide:\n{describe(violations)}")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                failures.append(
                    f"{path} at {width}px wide scrolls sideways by {overflow}px (WCAG 1.4.10)"
                )
        finally:
            context.close()
    assert not failures, "\n\n".join(failures)


def test_the_page_a_form_without_its_token_gets_has_no_wcag_violations(live_server, browser):
    """`sitewide.views.csrf_failure`: reached by posting, so not in PUBLIC_URLS."""
    axe_source()
    failures = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            page = context.new_page()
            page.goto(f"{live_server.url}/")
            with page.expect_navigation():
                page.evaluate(
                    """() => {
                        const form = document.createElement("form");
                        form.method = "post";
                        form.action = "/search/";
                        document.body.appendChild(form);
                        form.submit();
                    }"""
                )
            assert page.title().startswith("Your form could not be sent")
            violations = run_axe(page)
            if violations:
                failures.append(f"CSRF failure page at {width}px wide:\n{describe(violations)}")
        finally:
            context.close()
    assert not failures, "\n\n".join(failures)


def test_print_keeps_citations_and_sources_but_not_navigation(live_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(f"{live_server.url}{VISION_PAGE}")
        for hidden in (".quick-exit", ".site-nav", ".site-search", ".in-page-nav", ".skip-link"):
            assert not page.locator(hidden).is_visible(), f"{hidden} is printed"
        for kept in ("h1", ".citation-marker >> nth=0", "#sources-on-this-page", "#source-1"):
            assert page.locator(kept).is_visible(), f"{kept} is not printed"
        assert page.locator("#page-citation-text").is_visible()
    finally:
        context.close()
