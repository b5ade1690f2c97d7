"""A web server on 127.0.0.1 answering as the sites sources link to do: 200, 301, 404, 500,
HEAD refused but GET fine, a redirect loop, a DOI resolver, and one that never answers.

It runs in a thread of the test process and records every request (method, path, User-Agent)
and the most requests for /slow/… it had in flight at once, so the tests can see how politely
the check asked. `stop()` releases the never-answering handler and closes the server.
"""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LinkServer:
    def __init__(self):
        self.requests: list[tuple[str, str, str]] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()
        self._released = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self) -> None:
        self._released.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def seen(self, path: str) -> list[str]:
        """The methods of the requests for `path`, in order."""
        return [method for method, seen_path, _agent in self.requests if seen_path == path]

    def _handler(self):
        link_server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_HEAD(self):
                self.answer(body=False)

            def do_GET(self):
                self.answer(body=True)

            def answer(self, body: bool):
                with link_server._lock:
                    link_server.requests.append(
                        (self.command, self.path, self.headers.get("User-Agent", ""))
                    )
                self.route(body)

            def route(self, body: bool):
                path = self.path
                if path == "/never":
                    link_server._released.wait(30)
                    return
                if path.startswith("/slow"):
                    # Counted from arrival until just before the answer goes out: once the
                    # client has it, it may start its next request while this thread ends.
                    with link_server._lock:
                        link_server.in_flight += 1
                        link_server.most_in_flight = max(
                            link_server.most_in_flight, link_server.in_flight
                        )
                    time.sleep(0.15)
                    with link_server._lock:
                        link_server.in_flight -= 1
                    return self.send(200, body)
                if path == "/moved":
                    return self.send(301, body, location="/ok")
                if path == "/loop":
                    return self.send(302, body, location="/loop")
                if path.startswith("/doi/10.1000/"):
                    return self.send(302, body, location="/ok")
                if path == "/get-only" and self.command == "HEAD":
                    return self.send(405, body)
                statuses = {"/ok": 200, "/get-only": 200, "/missing": 404, "/error": 500}
                self.send(statuses.get(path.split("?")[0], 404), body)

            def send(self, status: int, body: bool, location: str | None = None):
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                content = b"<p>a page</p>"
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                if body:
                    self.wfile.write(content)

        return Handler
