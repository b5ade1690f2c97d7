"""Numbers from outside are ASCII digits or nothing (`evidence.text.ascii_int`): "²" and "①"
pass `str.isdigit` but fail `int`, "٣" passes both; none of them is a number of ours."""

import pytest

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from evidence.text import ascii_int, is_number, without_control_characters
from tests.factories import (
    SectionPageFactory,
    StoryIndexPageFactory,
    VisionStatementPageFactory,
    narrative,
)


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("12", 12),
        ("0", 0),
        ("²", None),
        ("①", None),
        ("٣", None),
        ("1_000", None),
        (" 1", None),
        ("-1", None),
        ("+1", None),
        ("", None),
        (None, None),
        ("9" * 10, None),
        (12, None),
    ],
)
def test_ascii_int(value, number):
    assert ascii_int(value) == number


def test_digit_limits():
    assert ascii_int("2024", max_digits=4) == 2024
    assert ascii_int("20240", max_digits=4) is None
    assert is_number("123456789") and not is_number("1234567890")


def test_control_characters_go_but_tab_and_line_breaks_stay():
    text = "a\x00b\x01c\x08d\x0be\x0cf\x1bg\x7fh\x85i\x9fj\tk\nl\rm\u00a0n"
    assert without_control_characters(text) == "abcdefghij\tk\nl\rm\u00a0n"


def junk_link(object_id: str, words: str) -> str:
    return f'<a linktype="source" id="{object_id}">{words}</a>'


@pytest.mark.django_db
def test_a_stored_junk_citation_id_neither_breaks_publishing_nor_the_page(home_page):
    """Rich text is stored HTML; an import or a crafted contentstate may hold `id="²"`."""
    section = SectionPageFactory(parent=StoryIndexPageFactory(parent=home_page))
    section.save_revision().publish()
    page = VisionStatementPageFactory(
        parent=section,
        body=[narrative(f"<p>See {junk_link('²', 'this')} and {junk_link('٣', 'that')}.</p>")],
    )
    page.save_revision().publish()
    response = Client().get(page.url)
    assert response.status_code == 200
    assert "See this and that." in " ".join(response.content.decode().split())


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "①", "٣", "9" * 30])
def test_audit_filters_ignore_unicode_digits(value):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    url = reverse("citations_uncitedsource_modeladmin_index")
    for name in ("section", "vision_statement"):
        assert client.get(url, {name: value}).status_code == 200
