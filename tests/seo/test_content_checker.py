"""Wagtail's content checker looks at our main content, against WCAG 2.x A/AA and our checks."""

import json

import pytest

from django.template import Context

from wagtail.admin.userbar import Userbar

from sitewide.wagtail_hooks import AXE_RUN_ONLY, EDITORIAL_RULES


def axe_configuration(html: str) -> dict:
    """The JSON the userbar hands to axe (Wagtail renders it with `json_script`)."""
    start = html.index('id="checker-axe-configuration"')
    return json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])


def assert_our_configuration(configuration: dict) -> None:
    assert configuration["context"]["include"] == ["main"]
    exclude = configuration["context"]["exclude"]
    assert ".quick-exit" in exclude
    assert {"fromShadowDom": ["wagtail-userbar", "wagtail-inline-userbar"]} in exclude
    assert configuration["options"]["runOnly"] == AXE_RUN_ONLY
    assert {"wcag2a", "wcag2aa", "wcag21aa"} <= set(configuration["options"]["runOnly"])
    for rule in EDITORIAL_RULES:
        assert configuration["options"]["rules"][rule] == {"enabled": True}
    custom_rules = {rule["id"] for rule in configuration["spec"]["rules"]}
    assert {"alt-text-quality", "empty-meta-description"} <= custom_rules


@pytest.mark.django_db
def test_userbar_checker_on_a_live_page(client, home_page, admin_user):
    client.force_login(admin_user)
    response = client.get("/")
    assert_our_configuration(axe_configuration(response.content.decode()))


@pytest.mark.django_db
def test_editor_preview_panel_checker(rf, home_page, admin_user):
    request = rf.get("/")
    request.user = admin_user
    request.in_preview_panel = True  # as Wagtail's preview panel sets it
    html = Userbar(object=home_page).render_html(Context({"request": request}))
    assert_our_configuration(axe_configuration(html))


@pytest.mark.django_db
def test_readers_get_no_userbar(client, home_page):
    assert "checker-axe-configuration" not in client.get("/").content.decode()
