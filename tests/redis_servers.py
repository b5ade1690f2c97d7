"""Real Redis servers for the cache tests: the shared one, one a test owns, and one that is down.

The tests of a cache that is safe to lose must lose a real one: a Redis process that stops,
pauses or was never there, not a mock. A server a test starts runs in a process group of its
own and is stopped by group on every way out (`owned_redis` is a context manager).
"""

import os
import shutil
import signal
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest

SHARED_HOST, SHARED_PORT = "127.0.0.1", 6379


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (bound and released at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(port: int, host: str = "127.0.0.1", timeout: float = 0.5) -> bool:
    """True if a Redis on `port` answers PING."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisProcess:
    """A redis-server on a free 127.0.0.1 port, in a process group of its own, keeping nothing
    on disk. `stop()` and `start()` again keep the port, as a Redis that is restarted does."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self, timeout: float = 10) -> None:
        command = [
            shutil.which("redis-server") or "redis-server",
            *("--port", str(self.port), "--bind", "127.0.0.1"),
            *("--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"),
        ]
        self.process = subprocess.Popen(  # noqa: S603
            command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + timeout
        while not answers(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.02)

    def pause(self) -> None:
        """Stop the process without closing its port: it accepts connections and never answers,
        as a Redis host that has gone silent does."""
        os.killpg(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.killpg(self.process.pid, signal.SIGCONT)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGCONT)  # a paused server cannot act on SIGTERM
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        except ProcessLookupError:
            process.wait(timeout=10)


@contextmanager
def owned_redis():
    """A redis-server of the test's own, stopped however the test ends."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = RedisProcess()
    try:
        server.start()
        yield server
    finally:
        server.stop()


@contextmanager
def shared_redis_url(db: int):
    """The machine's Redis (127.0.0.1:6379, which .ci/run starts), database `db`, which the
    test may empty; a Redis of the test's own if none runs there."""
    if answers(SHARED_PORT, SHARED_HOST):
        yield f"redis://{SHARED_HOST}:{SHARED_PORT}/{db}"
        return
    with owned_redis() as server:
        yield server.url(db)


def redis_cache(url: str, **params) -> dict:
    """A `CACHES` entry for the project's Redis cache at `url` (`storyofprogress.cache`)."""
    return {"BACKEND": "storyofprogress.cache.RedisCache", "LOCATION": url, **params}
