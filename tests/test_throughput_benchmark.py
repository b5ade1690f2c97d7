"""`benchmarks/throughput.py` keeps working, and stops everything it starts (`make bench-smoke`).

A second per row on the demo content in SQLite (`tests.benchmark_scripts.demo_database`): four
rows of figures with no errors, the page served from the app's cache and from Varnish (the
script checks both before it measures), and no server left behind. Needs Debian's wrk, nginx and
varnish, which .ci/run installs.
"""

import re

import pytest

from benchmarks.throughput import Row, parse_wrk, table
from tests import benchmark_scripts
from tests.benchmark_scripts import ROOT, Script

pytestmark = pytest.mark.bench
demo_database = benchmark_scripts.demo_database  # the shared fixtures
token = benchmark_scripts.token

THROUGHPUT = ROOT / "benchmarks" / "throughput.py"
ROWS = ("uncached", "cached by the app", "through Varnish", "nginx, same HTML")


def test_four_rows_side_by_side_and_every_server_stopped(demo_database, tmp_path, token):
    script = Script(
        THROUGHPUT, tmp_path, token, demo_database, "--seconds", "1", "--connections", "4"
    )
    status = script.finish(timeout=240)
    output = script.stdout()
    assert status == 0, script.stderr()[-3000:] + output[-2000:]
    assert re.search(r"^throughput\.py: /story-of-progress/\S+/, wrk -t2 -c4 -d1s", output, re.M)
    for name in ROWS:
        row = re.search(rf"^{name} +([\d.]+) +([\d.]+) +([\d.]+) +(\d+)$", output, re.M)
        assert row, (name, output)
        assert float(row.group(1)) > 0
        assert row.group(4) == "0", (name, output)
    assert re.search(r"^cached by the app / uncached: [\d.]+x; Varnish / nginx: \d+%", output, re.M)
    script.assert_nothing_left(token)


WRK_OUTPUT = """\
Running 15s test @ http://127.0.0.1:8000/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   123.45ms   20.00ms 300.00ms   80.00%
  Latency Distribution
     50%  120.50ms
     75%  130.00ms
     90%  150.00ms
     99%    1.25s
  967 requests in 15.00s, 12.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:     64.47
Transfer/sec:      0.80MB
"""


def test_wrk_figures_are_read_in_milliseconds_with_every_error_counted():
    row = parse_wrk("uncached", WRK_OUTPUT)
    assert row == Row("uncached", 64.47, 120.5, 1250.0, 7)
    assert parse_wrk("nginx", WRK_OUTPUT.replace("120.50ms", "91.00us")).p50_ms == 0.091
    figures = table(
        [
            Row("uncached", 50, 1, 2, 0),
            Row("cached by the app", 600, 1, 2, 0),
            Row("through Varnish", 30_000, 1, 2, 0),
            Row("nginx, same HTML", 60_000, 1, 2, 0),
        ]
    )
    assert "cached by the app / uncached: 12.0x; Varnish / nginx: 50%" in figures
