"""Scheduled publishing for pages and snippets, run by `publish_scheduled` (see deploy/).

`publish_scheduled` is run with the clock moved two days on, as cron would run it later.
"""

from datetime import timedelta
from unittest import mock

import pytest

from django.core.management import call_command
from django.utils import timezone

from evidence.models import Source
from tests.workflow.admin import (
    PUBLISH,
    SUBMIT,
    page_data_for,
    page_url,
    source_data_for,
    source_url,
    workflow_action_url,
)

# Each test undoes what it did: the module shares one tree (`tests/workflow/conftest.py`).
pytestmark = pytest.mark.usefixtures("shared_tree")


def in_a_day() -> str:
    return (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")


def publish_scheduled_later() -> None:
    later = timezone.now() + timedelta(days=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled", verbosity=0)


def test_approved_page_goes_live_at_its_scheduled_time(
    editor_client, reviewer_client, client, live_page
):
    scheduled = "<p>Words for next week.</p>"
    editor_client.post(
        page_url("edit", live_page.pk),
        page_data_for(live_page, paragraphs=[scheduled], go_live_at=in_a_day(), **SUBMIT),
    )
    reviewer_client.post(workflow_action_url(live_page, "approve"), {"comment": ""})
    assert "Words for next week" not in client.get(live_page.get_url()).content.decode()

    publish_scheduled_later()
    assert "Words for next week" in client.get(live_page.get_url()).content.decode()


def test_page_expires(reviewer_client, client, live_page):
    reviewer_client.post(
        page_url("edit", live_page.pk), page_data_for(live_page, expire_at=in_a_day(), **PUBLISH)
    )
    assert client.get(live_page.get_url()).status_code == 200
    publish_scheduled_later()
    assert client.get(live_page.get_url()).status_code == 404


def test_source_goes_live_then_expires(reviewer_client, client, live_source):
    response = reviewer_client.post(
        source_url("edit", live_source.pk),
        source_data_for(live_source, title="Revised title", go_live_at=in_a_day(), **PUBLISH),
    )
    assert response.status_code == 302
    assert Source.objects.get(pk=live_source.pk).title != "Revised title"

    publish_scheduled_later()
    source = Source.objects.get(pk=live_source.pk)
    assert source.title == "Revised title"

    reviewer_client.post(
        source_url("edit", source.pk),
        source_data_for(source, expire_at=in_a_day(), **PUBLISH),
    )
    assert client.get(source.public_url).status_code == 200
    publish_scheduled_later()
    assert client.get(source.public_url).status_code == 404
