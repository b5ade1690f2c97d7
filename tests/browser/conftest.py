"""Playwright (Python) driving Debian's chromium against pytest-django's live server.

Every test under tests/browser is marked `browser`: `make test` skips them, `make
test-browser` (and .ci/run) runs them. `playwright install` cannot download browsers here, so
we launch /usr/bin/chromium with the flags this machine needs.

Playwright runs in a thread of its own (playwright_thread.py says why): the tests' thread keeps
Django's own database connection, so serialized rollback restores what the migrations created
(the root page, locale, groups, workflow) before every test, and the ORM needs no
DJANGO_ALLOW_ASYNC_UNSAFE.
"""

import os
import shutil

import pytest

from django.contrib.auth import get_user_model

from tests.browser.playwright_thread import PlaywrightThread

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct-horse-battery-staple"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # The live server needs committed data; serialized rollback restores what the
            # migrations created (the root page, locales, groups) after each flush.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"chromium not found at {CHROMIUM}: apt-get install -y chromium")
    playwright = PlaywrightThread()
    try:
        instance = playwright.playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield instance
        instance.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def make_user(transactional_db):
    def make(username: str, *, superuser: bool = False, groups=()):
        User = get_user_model()
        if superuser:
            user = User.objects.create_superuser(username, f"{username}@example.org", PASSWORD)
        else:
            user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
        for group in groups:
            user.groups.add(group)
        return user

    return make


def admin_login(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
