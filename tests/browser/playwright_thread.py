"""Playwright's sync API in a thread of its own, used from the tests' thread through proxies.

Why not in the tests' thread: Playwright's sync API marks its event loop as the running loop
of the thread that uses it, and leaves it so between calls (`asyncio._set_running_loop` in
`playwright._impl._greenlets.wait_for_future`). Django then takes that thread for async code:

- the ORM raises SynchronousOnlyOperation (hence the old DJANGO_ALLOW_ASYNC_UNSAFE), and
- `django.db.connections` is an asgiref `Local(thread_critical=True)`, which in a thread with a
  running loop keeps its connections in a context variable instead of the thread-local, so
  `connections["default"]` becomes a new DatabaseWrapper. That wrapper lacks the
  `_test_serialized_contents` pytest-django stored on the first one when it created the test
  database, and Django's serialized rollback silently restores nothing: after the first flush
  there is no root page, locale, group or workflow any more.

Here no Playwright code runs in the tests' thread: `browser`, `page` and everything obtained
from them are `Remote` proxies, and every attribute read or method call is carried out by the
Playwright thread while the caller waits. Callbacks given to Playwright (`page.on(...)`) run in
the Playwright thread with Playwright's own objects; they should only record what they see.
"""

from __future__ import annotations

import inspect
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from playwright import sync_api


class PlaywrightThread:
    """A thread that starts Playwright and runs the calls it is given, one at a time."""

    def __init__(self) -> None:
        self._calls: queue.SimpleQueue[tuple[Callable[[], Any], Future] | None] = (
            queue.SimpleQueue()
        )
        self._thread = threading.Thread(target=self._serve, name="playwright", daemon=True)
        self._thread.start()
        self._manager = sync_api.sync_playwright()
        try:
            self.playwright: Remote = self.call(self._manager.start)
        except BaseException:
            self._calls.put(None)
            raise

    def _serve(self) -> None:
        while (item := self._calls.get()) is not None:
            function, future = item
            try:
                future.set_result(function())
            except BaseException as error:  # pytest's outcomes too: raised in the caller
                future.set_exception(error)

    def run(self, function: Callable[[], Any]) -> Any:
        if threading.current_thread() is self._thread:
            return function()
        future: Future = Future()
        self._calls.put((function, future))
        return future.result()

    def call(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """`function(*args, **kwargs)` in the Playwright thread; proxies in and out."""
        args, kwargs = unwrap(args), unwrap(kwargs)
        return self.wrap(self.run(lambda: function(*args, **kwargs)))

    def wrap(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return type(value)(self.wrap(item) for item in value)
        if isinstance(value, dict):
            return {key: self.wrap(item) for key, item in value.items()}
        if type(value).__module__.startswith("playwright."):
            return Remote(self, value)
        return value

    def stop(self) -> None:
        try:
            self.run(self._manager.__exit__)
        finally:
            self._calls.put(None)
            self._thread.join(timeout=30)


class Remote:
    """A Playwright object living in the Playwright thread."""

    __slots__ = ("_thread", "_target")

    def __init__(self, thread: PlaywrightThread, target: Any) -> None:
        object.__setattr__(self, "_thread", thread)
        object.__setattr__(self, "_target", target)

    def __getattr__(self, name: str) -> Any:
        value = self._thread.run(lambda: getattr(self._target, name))
        if inspect.ismethod(value):
            return lambda *args, **kwargs: self._thread.call(value, *args, **kwargs)
        return self._thread.wrap(value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self._target).__name__} is read-only from the tests")

    def __enter__(self) -> Any:
        return self._thread.call(self._target.__enter__)

    def __exit__(self, *exc_info: Any) -> Any:
        return self._thread.call(self._target.__exit__, *exc_info)

    def __repr__(self) -> str:
        return f"Remote({self._thread.run(lambda: repr(self._target))})"


def unwrap(value: Any) -> Any:
    if isinstance(value, Remote):
        return value._target
    if isinstance(value, list | tuple):
        return type(value)(unwrap(item) for item in value)
    if isinstance(value, dict):
        return {key: unwrap(item) for key, item in value.items()}
    return value


def expect(actual: Remote, *args: Any, **kwargs: Any) -> Remote:
    """Playwright's `expect`, for a page, locator or response obtained through `Remote`."""
    return actual._thread.call(sync_api.expect, actual, *args, **kwargs)
