"""`caching.varnish.VarnishBackend` against servers on 127.0.0.1 that answer, refuse a URL,
never answer, drop the connection or are not there: a purge batch always ends, within one
deadline, never raises, and gives up on a cache that cannot be reached instead of waiting out a
deadline for each of its URLs."""

import http.server
import logging
import socket
import threading
import time

import pytest

from caching.varnish import VarnishBackend


class Recorder(http.server.BaseHTTPRequestHandler):
    seen: list

    def do_PURGE(self):  # noqa: N802 (http.server's naming)
        self.seen.append((self.path, self.headers["Host"], self.headers["User-Agent"]))
        self.send_response(405 if self.path.startswith("/refused/") else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def answering():
    """An HTTP server that answers every PURGE with 200 (405 under /refused/) and notes what it
    was asked."""
    seen = []
    handler = type("Handler", (Recorder,), {"seen": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def silent():
    """Accepts every connection and never reads or answers; `accepted` counts them."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    held, stop = [], threading.Event()

    def serve():
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], held
    finally:
        stop.set()
        thread.join(5)
        for connection in held:
            connection.close()
        listener.close()


@pytest.fixture
def hanging_up():
    """Accepts each connection, reads the request, and closes it without an answer."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    stop = threading.Event()

    def serve():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with connection:
                connection.recv(4096)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def backend(port: int, timeout: float = 0.3) -> VarnishBackend:
    return VarnishBackend({"LOCATION": f"http://127.0.0.1:{port}", "TIMEOUT": timeout})


def test_each_url_is_purged_with_the_readers_host(answering):
    port, seen = answering
    backend(port).purge_batch(
        ["https://story.example/story-of-progress/", "http://other.example:8080/library/?x=1"]
    )
    assert [(path, host) for path, host, _ in seen] == [
        ("/story-of-progress/", "story.example"),
        ("/library/?x=1", "other.example:8080"),
    ]
    assert all(agent.startswith("Wagtail-frontendcache/") for _, _, agent in seen)


def test_a_url_the_cache_refuses_is_logged_and_the_batch_goes_on(answering, caplog):
    port, seen = answering
    with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
        backend(port).purge_batch(["https://story.example/refused/", "https://story.example/b/"])
    assert [path for path, _, _ in seen] == ["/refused/", "/b/"]
    [message] = [record.getMessage() for record in caplog.records]
    assert "https://story.example/refused/" in message and "405" in message


def gave_up(caplog, port: int, untried: int) -> None:
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2, messages
    assert "https://story.example/a/" in messages[0]
    assert messages[1] == (
        f"Gave up purging http://127.0.0.1:{port}: {untried} more URLs not sent to it in this batch"
    )


URLS = [f"https://story.example/{name}/" for name in ("a", "b", "c")]


def test_a_cache_that_never_answers_costs_one_deadline_and_is_given_up(silent, caplog):
    port, held = silent
    started = time.monotonic()
    with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
        backend(port).purge_batch(URLS)
    assert time.monotonic() - started < 10  # not for ever
    assert len(held) == 1  # one deadline waited out, not one per URL
    gave_up(caplog, port, untried=2)
    assert "timed out" in caplog.records[0].getMessage()


@pytest.mark.parametrize("what", ["hanging up", "refusing"])
def test_a_dropped_or_refused_connection_gives_up_without_raising(what, hanging_up, caplog):
    if what == "refusing":
        with socket.socket() as probe:  # a port nothing listens on
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    else:
        port = hanging_up
    with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
        backend(port).purge_batch(URLS)
    gave_up(caplog, port, untried=2)


def test_one_url_purged_alone_never_raises(hanging_up, caplog):
    with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
        backend(hanging_up).purge("https://story.example/a/")
    [message] = [record.getMessage() for record in caplog.records]
    assert "https://story.example/a/" in message
