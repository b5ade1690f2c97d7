"""A control character an editor pastes (U+000B, Word's line break) never breaks the feeds:
XML 1.0 cannot carry it, so it is dropped from what the feeds write."""

import pytest

from tests.factories import SourceFactory


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/feeds/updates.rss", "/feeds/updates.atom"])
def test_feeds_survive_control_characters_in_titles_and_summaries(home_page, client, url):
    SourceFactory(title="Line\x0bbreak\x1f report", summary="First\x0bsecond\x1f line.")
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Line break report" in content
    assert "First second line." in content
