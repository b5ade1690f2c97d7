"""With the database task backend (production's), a publish queues its background work and the
worker runs it: Wagtail's index updates, then ours (the pages citing a renamed source), then the
search generation moves on, so the page is found by the source's new name; and the purge runs
after the reference index has followed, so the "Cited in" list a reader's request then puts in
the page cache is the new one.

Transactional: the worker checks its database connection between tasks as a request would,
which a test's open transaction does not survive; here every change is committed, as in
production, and the tasks are queued by the commit hooks that production runs."""

from collections import Counter

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.core.management import call_command
from django.test import Client

from storyofprogress.settings.base import task_settings
from tests.caching import recording
from tests.factories import SourceFactory, VisionStatementPageFactory, narrative
from tests.search.conftest import publish

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def found(search, query) -> list[str]:
    return [result.url for result in search(q=query).context["results"]]


def test_the_worker_runs_what_a_publish_queued(story_tree, search, settings):
    source = SourceFactory(title="Ordinary report")
    page = story_tree["page"]
    page.body = [narrative(f'<p>See <a linktype="source" id="{source.pk}">this</a>.</p>')]
    publish(page)

    settings.TASKS = task_settings("database")
    source.title = "Platypus findings"
    source.save_revision().publish()

    queued = Counter(DBTaskResult.objects.ready().values_list("task_path", flat=True))
    assert queued["search.indexing.reindex_pages_citing"] == 0  # the receiver only enqueues
    assert queued["search.tasks.reindex_pages_citing"] == 1
    assert queued["search.generation.index_followed"] >= 1
    assert queued["modelsearch.tasks.insert_or_update_object_task"] >= 1
    assert queued["wagtail.tasks.update_reference_index_task"] >= 1
    assert page.url not in found(search, "platypus")  # the index has not followed yet

    run_worker()

    assert DBTaskResult.objects.get(task_path="search.tasks.reindex_pages_citing").return_value == 1
    assert page.url in found(search, "platypus")


def run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    failed = DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL)
    assert not {result.task_path: result.traceback for result in failed}


def test_a_publish_is_purged_after_the_reference_index_has_followed(story_tree, settings):
    source = SourceFactory(title="Hedgehog survey")
    settings.PAGE_CACHE_ALIAS = "default"
    settings.WAGTAILFRONTENDCACHE = {
        "app": {"BACKEND": "caching.pages.PageCacheBackend"},
        "recording": {"BACKEND": "tests.caching.recording.RecordingBackend"},
    }
    reader = Client()
    assert "Hedgehog survey" in reader.get(source.public_url).text  # now kept in the page cache
    recording.forget()

    settings.TASKS = task_settings("database")
    page = VisionStatementPageFactory(
        parent=story_tree["section"],
        title="Hedgehogs page",
        vision_statement=story_tree["statement"],
        body=[narrative(f'<p>See <a linktype="source" id="{source.pk}">this</a>.</p>')],
        live=False,
    )
    publish(page)

    assert recording.purged == []  # queued, not sent
    queued = list(DBTaskResult.objects.ready().values_list("task_path", flat=True))
    purge = "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task"
    reference_index = "wagtail.tasks.update_reference_index_task"
    assert max(i for i, path in enumerate(queued) if path == reference_index) < queued.index(purge)
    # Preparing the next searches (slow on a big site) waits until readers' pages are purged.
    assert queued[-1] == "search.generation.index_followed", queued
    assert "Hedgehogs page" not in reader.get(source.public_url).text  # the cached copy

    run_worker()

    assert f"http://localhost{source.public_url}" in recording.purged
    assert "Hedgehogs page" in reader.get(source.public_url).text
