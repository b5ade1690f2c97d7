"""The content generation: a number that moves on whenever something readers see changes.

What is computed from the published content and kept in the shared cache (search's catalogue,
`Findable` and computed searches; a page's lenses; the site settings a page shows) is kept under
a key that includes the generation (`remembered`), so a change to a page, source, organisation,
indicator, vision statement, view restriction or site, or to a model another app watches
(`watch`: search promotions, site settings), makes all of it unreadable at once, in every
process that shares the cache (Redis in production). Old entries are never read again and
expire on their own (`TIMEOUT`).

The generation moves on when the change is saved (so the request making it, and tests, which
never commit, see it) and again once it is committed (so that anything computed by another
request while the change was in flight, from the data as it was, is not kept); apps add what
else must follow a commit (`AFTER_COMMIT`: search moves on again once its index has followed).
"""

import hashlib
import threading
import time
from collections import OrderedDict

from django.apps import apps
from django.core import signals
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import post_page_move

from evidence.draft_saves import only_draft_fields
from evidence.models import Organisation, Source
from indicators.models import Indicator

GENERATION_KEY = "content:generation"
#: How long anything computed is kept (seconds). Changes made without signals (SQL run by hand,
#: `update_index` after a bulk load) show after this long at most.
TIMEOUT = 10 * 60
VERSION = 4  # change when a cached shape changes

#: Called after a watched change is committed, after the generation has moved on.
AFTER_COMMIT: list = []


def counter(name: str) -> int:
    """A number kept in the cache, started from the clock when the cache has none.

    Starting from the clock (not from 0) means that if the cache forgets the number, the
    entries written under an earlier one cannot be mistaken for new ones.
    """
    value = cache.get(name)
    if value is None:
        cache.add(name, time.time_ns(), timeout=None)
        value = cache.get(name) or time.time_ns()
    return value


def advance(name: str) -> None:
    try:
        cache.incr(name)
    except ValueError:  # not there (yet, or any more)
        cache.set(name, time.time_ns(), timeout=None)


#: The generation as this thread's request first read it: one cache read a request, however
#: many things the page reads by it. Set only between `request_started` and `request_finished`
#: (outside a request, in the task worker or a shell, every read asks the cache), and forgotten
#: when this request moves the generation on.
_read_in_request = threading.local()


def generation() -> int:
    """The current content generation."""
    if getattr(_read_in_request, "active", False):
        if _read_in_request.value is None:
            _read_in_request.value = counter(GENERATION_KEY)
        return _read_in_request.value
    return counter(GENERATION_KEY)


def move_on() -> None:
    """Make everything computed from the content so far unreadable."""
    advance(GENERATION_KEY)
    _read_in_request.value = None


def request_started(**kwargs) -> None:
    _read_in_request.active, _read_in_request.value = True, None


def request_finished(**kwargs) -> None:
    _read_in_request.active, _read_in_request.value = False, None


def versioned_key(name: str, *parts) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"content:v{VERSION}:{generation()}:{name}:{digest}"


#: Values this process has read, by versioned key (`remembered(..., shared_in_process=True)`),
#: the most recently used last. A key names a generation, so a change makes them unreadable as
#: it does the shared cache's; the oldest go beyond `IN_PROCESS_SIZE`.
_in_process: OrderedDict = OrderedDict()
_in_process_lock = threading.Lock()
IN_PROCESS_SIZE = 256


def forget_in_process() -> None:
    """Drop this process's copies (tests that change content without signals use this)."""
    with _in_process_lock:
        _in_process.clear()


def remembered(name: str, compute, *parts, shared_in_process: bool = False):
    """`compute()`, kept under `name` and `parts` until the content changes (or `TIMEOUT`).

    With `shared_in_process` the value read is also kept in this process and the same object
    given to every later caller until the content changes, without reading it from the shared
    cache again (unpickling a long page's evidence costs more than rendering its sources): for
    values no caller changes."""
    cache_key = versioned_key(name, *parts)
    if shared_in_process:
        with _in_process_lock:
            value = _in_process.get(cache_key)
            if value is not None:
                _in_process.move_to_end(cache_key)
                return value
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, timeout=TIMEOUT)
    if shared_in_process:
        with _in_process_lock:
            _in_process[cache_key] = value
            while len(_in_process) > IN_PROCESS_SIZE:
                _in_process.popitem(last=False)
    return value


def after_commit() -> None:
    move_on()
    for follow in AFTER_COMMIT:
        follow()


def content_changed(update_fields=None, **kwargs) -> None:
    """Signal receiver: move the generation on now, and again once the change is committed.

    A save touching only draft fields (an editor saving a draft) changes nothing readers see,
    and keeps everything computed.
    """
    if only_draft_fields(update_fields):
        return
    move_on()
    transaction.on_commit(after_commit, robust=True)


def watch(*models) -> None:
    """Move the generation on when a row of `models` is saved or deleted.

    Receivers are connected per model, not for every model: a `post_delete` receiver stops
    Django deleting a model's rows in bulk, which cascades rely on.
    """
    for model in models:
        uid = f"content_generation_{model._meta.label_lower}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}_deleted")


def connect_signals() -> None:
    """What every reader's page is made of. Citations are not among it: they are rewritten only
    when their page is saved, published or unpublished, which already moves the generation on
    (again on commit, after the rewrite)."""
    vision_statement = apps.get_model("story", "VisionStatement")  # by name: no import cycle
    watch(Page, *get_page_models(), PageViewRestriction, Site, vision_statement)
    watch(Source, Organisation, Indicator)
    m2m_changed.connect(
        content_changed,
        sender=Source.organisations.through,
        dispatch_uid="content_generation_source_organisations",
    )
    post_page_move.connect(content_changed, dispatch_uid="content_generation_page_moved")
    signals.request_started.connect(request_started, dispatch_uid="content_generation_request")
    signals.request_finished.connect(request_finished, dispatch_uid="content_generation_request")
