"""Index updates follow what readers can find: a save that only records a draft (a page or a
source saved as a draft, locked) queues none for the task worker; a publish, an unpublish or a
plain save queues one, as modelsearch's own handler would (`search.indexing`)."""

import pytest
from django_tasks_db.models import DBTaskResult
from modelsearch.signal_handlers import post_save_signal_handler

from django.db.models.signals import post_save

from evidence.models import Source
from search.indexing import index_after_save, updates_paused
from story.models import VisionStatementPage
from storyofprogress.settings.base import task_settings
from tests.factories import SourceFactory, VisionStatementPageFactory

pytestmark = pytest.mark.django_db

INDEX_TASK = "modelsearch.tasks.insert_or_update_object_task"


def queued_index_updates() -> int:
    return DBTaskResult.objects.filter(task_path=INDEX_TASK).count()


def test_a_draft_saved_queues_no_index_update_and_a_publish_does(story_tree, settings):
    page = VisionStatementPageFactory(parent=story_tree["section"], title="Otters")
    page.save_revision().publish()
    source = SourceFactory(title="Otter count")
    settings.TASKS = task_settings("database")

    page.title = "Otters (draft)"
    page.save_revision()
    source.title = "Otter count (draft)"
    source.save_revision()
    assert queued_index_updates() == 0

    page.get_latest_revision().publish()
    assert queued_index_updates() == 1
    source.get_latest_revision().publish()
    assert queued_index_updates() == 2
    page.unpublish()
    assert queued_index_updates() == 3


@pytest.mark.parametrize("model", [VisionStatementPage, Source])
def test_our_models_are_indexed_by_our_handler_only(model):
    """Modelsearch leaves them to us (`search_auto_update = False`): one update per save."""
    receivers = post_save._live_receivers(model)[0]  # (sync, async)
    assert index_after_save in receivers
    assert post_save_signal_handler not in receivers


def test_nothing_is_queued_while_updates_are_paused(story_tree, settings):
    """A bulk load (and a test that never searches) holds index updates back; they resume after."""
    page = VisionStatementPageFactory(parent=story_tree["section"], title="Otters")
    source = SourceFactory(title="Otter count")
    settings.TASKS = task_settings("database")

    with updates_paused():
        page.save_revision().publish()
        source.save_revision().publish()
        source.delete()
    assert queued_index_updates() == 0

    page.unpublish()
    assert queued_index_updates() == 1
