"""Saves readers cannot see (a draft, Wagtail 8's autosave, a lock) queue no update of Wagtail's
reference index; a publish does (`evidence.draft_saves`)."""

import pytest
from django_tasks_db.models import DBTaskResult

from django.utils import timezone

from wagtail.signal_handlers import disable_reference_index_auto_update

from storyofprogress.settings.base import task_settings
from tests.factories import SourceFactory, VisionStatementPageFactory, narrative, source_link

pytestmark = pytest.mark.django_db

REFERENCE_TASK = "wagtail.tasks.update_reference_index_task"


def queued_reference_updates() -> int:
    return DBTaskResult.objects.filter(task_path=REFERENCE_TASK).count()


@pytest.fixture
def page_and_source(home_page, settings):
    page = VisionStatementPageFactory(parent=home_page, title="Otters")
    page.save_revision().publish()
    source = SourceFactory(title="Otter count")
    settings.TASKS = task_settings("database")
    return page, source


def test_drafts_autosaves_and_locks_queue_nothing_and_a_publish_does(page_and_source, admin_user):
    page, source = page_and_source
    page.body = [narrative(f"<p>{source_link(source)}</p>")]
    revision = page.save_revision(user=admin_user)
    page.save_revision(user=admin_user, overwrite_revision=revision)  # as the autosave does
    page.locked, page.locked_at, page.locked_by = True, timezone.now(), admin_user
    page.save(update_fields=["locked", "locked_at", "locked_by"])
    source.title = "Otter count (draft)"
    source.save_revision()
    assert queued_reference_updates() == 0

    page.get_latest_revision().publish()
    assert queued_reference_updates() == 1
    source.get_latest_revision().publish()
    assert queued_reference_updates() == 2


def test_a_pause_already_on_stays_on(page_and_source):
    """A draft save inside Wagtail's own pause (a rebuild, a bulk load) leaves it on for the
    saves after it."""
    page, _source = page_and_source
    with disable_reference_index_auto_update():
        page.save_revision()
        page.save()
    assert queued_reference_updates() == 0
    page.save()
    assert queued_reference_updates() == 1
