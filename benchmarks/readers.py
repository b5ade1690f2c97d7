"""Readers: concurrent clients requesting pages from a server on 127.0.0.1 for a while.

Each request is kept as a `Reading` (when it started and ended, how it failed, whether the page
came from the app's cache), so that one run gives both the rates and percentiles a load test
prints and the timeline a fault test cuts around the moment of the fault. A new connection per
request, as gunicorn's sync workers close each one anyway; a request that has no answer within
`timeout` seconds is a failure, so a run always ends.
"""

import http.client
import random
import re
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.figures import percentile
from benchmarks.processes import HOST

VOCABULARY = re.findall(
    r"\w+",
    "care children families support inspection police scotland education health justice "
    "aftercare relationships stability carers brothers sisters restraint mental wellbeing "
    "leadership collective learning practice services council workforce trauma poverty housing "
    "school attainment youth advocacy rights voice participation kinship adoption fostering",
)


@dataclass(frozen=True, slots=True)
class Reading:
    started: float  # time.monotonic()
    ended: float
    failure: str | None  # None for a 200; "HTTP 503", "ConnectionResetError", ...
    cache: str  # the app's X-Page-Cache header: "hit", "miss" or ""

    @property
    def milliseconds(self) -> float:
        return (self.ended - self.started) * 1000


def search_path(rng: random.Random) -> str:
    """A random one- or two-word search over the benchmark's vocabulary, some sorted by date
    and some asking for a later page, so that some are computed afresh and some were made
    before: what a busy site sees."""
    params = {"q": " ".join(rng.sample(VOCABULARY, rng.choice((1, 2))))}
    if rng.random() < 0.3:
        params["sort"] = "date"
    if rng.random() < 0.2:
        params["page"] = str(rng.randint(2, 4))
    return f"/search/?{urllib.parse.urlencode(params)}"


def fetch(port: int, path: str, timeout: float) -> tuple[str | None, str]:
    """GET `path`: (None or how it failed, the X-Page-Cache header)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        failure = None if response.status == 200 else f"HTTP {response.status}"
        return failure, response.getheader("X-Page-Cache", "")
    except (OSError, http.client.HTTPException) as error:  # refused, reset, timed out
        return type(error).__name__, ""
    finally:
        connection.close()


def read(
    port: int,
    next_path: Callable[[random.Random], str],
    *,
    seconds: float,
    concurrency: int,
    seed: int,
    timeout: float = 10,
) -> list[Reading]:
    """`concurrency` readers each request `next_path(rng)` until `seconds` are up. Should this
    be interrupted, the readers stop after their current request (and, daemons, never keep the
    script alive)."""
    readings: list[Reading] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    stop = threading.Event()

    def reader(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        while time.monotonic() < stop_at and not stop.is_set():
            path = next_path(rng)
            started = time.monotonic()
            failure, cache = fetch(port, path, timeout)
            with lock:
                readings.append(Reading(started, time.monotonic(), failure, cache))

    readers = [threading.Thread(target=reader, args=(n,), daemon=True) for n in range(concurrency)]
    try:
        for thread in readers:
            thread.start()
        for thread in readers:
            thread.join()
    finally:
        stop.set()
    return sorted(readings, key=lambda reading: reading.started)


@dataclass(frozen=True)
class Summary:
    """Rates and percentiles of the readings made over `seconds`."""

    requests: int
    seconds: float
    milliseconds: list[float]  # of the answered ones, sorted
    failures: Counter

    @classmethod
    def of(cls, readings: list[Reading], seconds: float) -> "Summary":
        answered = sorted(r.milliseconds for r in readings if r.failure is None)
        failures = Counter(r.failure for r in readings if r.failure is not None)
        return cls(len(readings), seconds, answered, failures)

    @property
    def answered_per_second(self) -> float:
        return len(self.milliseconds) / self.seconds if self.seconds > 0 else 0.0

    def percentile(self, fraction: float) -> float:
        return percentile(self.milliseconds, fraction) if self.milliseconds else float("nan")

    @property
    def server_errors(self) -> int:
        return sum(n for failure, n in self.failures.items() if failure.startswith("HTTP 5"))
