"""`caching.varnish.VarnishBackend` against servers on 127.0.0.1 that answer, never answer, or
drop the connection: a purge batch always ends, within its deadline, and reaches every URL."""

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
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def answering():
    """An HTTP server that answers every PURGE with 200 and notes what it was asked."""
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
    """Accepts connections (the kernel's backlog) and never reads or answers them."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener.getsockname()[1]


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


def test_a_cache_that_never_answers_costs_its_timeout_per_url_and_is_logged(silent, caplog):
    started = time.monotonic()
    with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
        backend(silent).purge_batch(["https://story.example/a/", "https://story.example/b/"])
    assert time.monotonic() - started < 5  # two deadlines of 0.3 s, not for ever
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2
    assert "https://story.example/a/" in messages[0] and "timed out" in messages[0]


@pytest.mark.parametrize("what", ["hanging up", "refusing"])
def test_a_dropped_or_refused_connection_does_not_end_the_batch(what, hanging_up, caplog):
    if what == "refusing":
        with socket.socket() as probe:  # a port nothing listens on
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    else:
        port = hanging_up
    urls = ["https://story.example/a/", "https://story.example/b/"]
    with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
        backend(port).purge_batch(urls)
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2
    assert all(url in message for url, message in zip(urls, messages, strict=True))
