"""The Content-Security-Policy in chromium: no page a reader or an editor uses breaks it.

Only a browser says what a policy blocks: a header test cannot see an inline style a script
adds, a data block chromium might still check, or a preview iframe the admin's policy forbids.
Every frame listens for `securitypolicyviolation` from before its first script, and chromium's
own console errors about the policy are collected too; the tests assert there are none, after
using each page as a person would (the autocomplete typed into, the chooser opened, the
preview shown).
"""

import io

import pytest
from PIL import Image

from evidence.models import Source
from story.models import VisionStatementPage
from tests.browser.conftest import admin_login
from tests.browser.demo import demo_content  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("demo_content")

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    console.error("securitypolicyviolation " + JSON.stringify({
        directive: event.effectiveDirective, blocked: event.blockedURI,
        source: event.sourceFile, line: event.lineNumber, sample: event.sample,
        page: document.location.pathname,
    }));
});
"""

VISION_PAGE = (
    "/story-of-progress/organisational-progress/supporting-children-to-stay-with-their-families/"
)
PUBLIC_PAGES = [
    ("/", 200),
    ("/story-of-progress/", 200),
    ("/story-of-progress/organisational-progress/", 200),
    (VISION_PAGE, 200),
    ("/evidence/", 200),
    ("/evidence/sources/", 200),
    ("/evidence/sources/how-do-we-know-we-are-doing-good-work/", 200),
    ("/evidence/organisations/", 200),
    ("/evidence/organisations/cosla/", 200),
    ("/library/", 200),
    ("/search/?q=care", 200),
    ("/search/?q=zzzzqqqq", 200),
    ("/this-page-does-not-exist/", 404),
]


@pytest.fixture
def watched(browser):
    """A tab whose every frame reports policy violations, and the list they go to."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.add_init_script(REPORT_VIOLATIONS)
    tab = context.new_page()
    reports: list[str] = []
    tab.on("console", lambda message: reports.append(message.text) if is_csp(message) else None)
    tab.on("pageerror", lambda error: reports.append(f"pageerror: {error}"))
    yield tab, reports
    context.close()


def is_csp(message) -> bool:
    text = message.text
    return "securitypolicyviolation" in text or "Content Security Policy" in text


@pytest.mark.urls("tests.seo.error_urls")  # the project's URLs and one that fails
def test_public_pages_break_no_policy(live_server, watched):
    tab, reports = watched
    for path, status in PUBLIC_PAGES:
        response = tab.goto(f"{live_server.url}{path}")
        assert response.status == status, path
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        tab.wait_for_load_state("load")
        # Styles apply: the header is drawn by site.css, which a policy error would drop.
        assert tab.locator(".site-header").evaluate("e => getComputedStyle(e).display") != "none"
    # JSON-LD is a data block, not a script: chromium reports nothing without a nonce.
    tab.goto(f"{live_server.url}{VISION_PAGE}")
    assert tab.locator('script[type="application/ld+json"]').count() == 1

    # The 500 page's own inline stylesheet applies (allowed by its hash).
    response = tab.goto(f"{live_server.url}/test-only/server-error/")
    assert response.status == 500
    header = tab.locator("header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header == "rgb(59, 31, 102)"

    # The search box's suggestions: a fetch and the listbox the script draws.
    tab.goto(f"{live_server.url}/search/")
    box = tab.get_by_role("combobox", name="Search pages, indicators, sources and organisations")
    box.press_sequentially("car", delay=30)
    tab.get_by_role("listbox", name="Suggestions").wait_for()
    # Cite this page: the downloads answer with the public policy too.
    cite = tab.request.get(f"{live_server.url}{tab_cite_url(tab, live_server)}")
    assert cite.status == 200
    assert "frame-ancestors 'none'" in cite.headers["content-security-policy"]
    assert reports == [], "\n".join(sorted(set(reports)))


def tab_cite_url(tab, live_server) -> str:
    tab.goto(f"{live_server.url}{VISION_PAGE}")
    return tab.locator('a[href^="/cite/page/"]').first.get_attribute("href")


def test_admin_and_previews_break_no_policy(live_server, make_user, watched):
    tab, reports = watched
    make_user("csp-admin", superuser=True)
    admin_login(tab, live_server, "csp-admin")  # the login page, then the dashboard
    tab.wait_for_load_state("load")

    page = VisionStatementPage.objects.live().get(url_path__endswith=f"{VISION_PAGE[1:]}")
    tab.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    editor = tab.locator(".public-DraftEditor-content").first
    editor.click()
    editor.press("End")
    editor.press("Shift+ArrowLeft")
    tab.locator('button[name="SOURCE"]:visible').first.click()
    modal = tab.locator(".modal-dialog")
    modal.get_by_role("link").first.wait_for()
    modal.locator("select").first.wait_for()  # the chooser's filters
    modal.get_by_role("button", name="Close").click()
    modal.wait_for(state="hidden")

    open_preview_panel(tab)
    preview = tab.frame_locator("iframe#w-preview-iframe")
    preview.locator("h1").wait_for()
    assert preview.locator("h1").inner_text() == page.title

    source = Source.objects.live().first()
    tab.goto(f"{live_server.url}/admin/snippets/evidence/source/edit/{source.pk}/")
    tab.locator("#id_title").wait_for()
    open_preview_panel(tab)
    tab.frame_locator("iframe#w-preview-iframe").locator("h1").wait_for()

    # The image uploader draws a thumbnail of the chosen file from a blob: URL.
    tab.goto(f"{live_server.url}/admin/images/multiple/add/")
    tab.locator("#fileupload").set_input_files(
        files=[{"name": "pixel.png", "mimeType": "image/png", "buffer": png()}]
    )
    tab.locator("#upload-list li .thumb canvas").wait_for()
    tab.locator("#upload-list .status-msg:visible").first.wait_for()

    # An editor on the public site sees Wagtail's userbar, under the public policy.
    tab.goto(f"{live_server.url}{VISION_PAGE}")
    tab.locator("wagtail-userbar [aria-haspopup]").first.click()
    tab.locator("wagtail-userbar #checker-trigger").click()
    count = tab.locator("wagtail-userbar #checker-results [data-content-checker-count]").first
    tab.wait_for_function(
        "el => el.textContent.trim() !== ''", arg=count.element_handle(), timeout=20_000
    )
    assert reports == [], "\n".join(sorted(set(reports)))


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "purple").save(buffer, "PNG")
    return buffer.getvalue()


def open_preview_panel(tab) -> None:
    """Open the editor's preview panel (Wagtail remembers an open panel between editors)."""
    toggle = tab.locator('[data-side-panel-toggle="preview"]')
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
