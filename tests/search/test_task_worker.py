"""With the database task backend (production's), a publish queues its background work and the
worker runs it: Wagtail's index updates, then ours (the pages citing a renamed source), then the
search generation moves on, so the page is found by the source's new name.

Transactional: the worker checks its database connection between tasks as a request would,
which a test's open transaction does not survive; here every change is committed, as in
production, and the tasks are queued by the commit hooks that production runs."""

from collections import Counter

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.core.management import call_command

from storyofprogress.settings.base import task_settings
from tests.factories import SourceFactory, narrative
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

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    results = DBTaskResult.objects.all()
    failed = {r.task_path: r.traceback for r in results if r.status != TaskResultStatus.SUCCESSFUL}
    assert not failed
    assert results.get(task_path="search.tasks.reindex_pages_citing").return_value == 1
    assert page.url in found(search, "platypus")
