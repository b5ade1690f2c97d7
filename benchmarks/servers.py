"""The site's servers on 127.0.0.1, as the benchmarks and the live-server tests run them.

gunicorn with the production settings, a redis-server of their own (which a test or a benchmark
may stop, pause and start again), Varnish from the shipped `deploy/varnish/default.vcl` with only
the app's port changed, and nginx serving files. Each runs in a process group of its own and is
stopped by group on every way out (`benchmarks.processes`); one that does not come up raises
`ServerError`, which scripts turn into a message and tests into a failure.
"""

import contextlib
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.processes import (
    HOST,
    ROOT,
    STOP_GRACE,
    free_port,
    group,
    log_tail,
    manage,
    start_in_group,
    stop_group,
)

#: Production refuses to start without a Redis cache; a Redis that is not there is served
#: without (`storyofprogress.cache`), so a benchmark runs either way.
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/13"
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
VCL_BACKEND_PORT = '.port = "8000";'


class ServerError(RuntimeError):
    """A server stopped at start or did not answer in time."""


def server_environment(static_root: str, **overrides: str) -> dict[str, str]:
    """gunicorn's environment: production settings, served over plain HTTP on 127.0.0.1."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "storyofprogress.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "REDIS_URL": os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL,
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on the loopback interface
        "STATIC_ROOT": static_root,
        # Every reader here is one address searching flat out: measure search, not its limit.
        "RATELIMIT_SEARCH": "1000000/m",
        **overrides,
    }


def collect_static(environment: dict[str, str], root: Path = ROOT) -> None:
    """Production serves static files from a manifest, which its templates need to render.
    `root`: the checkout whose files to collect (an earlier commit's, `before_after.py`)."""
    manage(root, environment, "collectstatic", "--noinput")


#: What `deploy/web.service` runs gunicorn with (the site imported once, workers forked).
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"


def gunicorn(
    port: int,
    workers: int,
    environment: dict[str, str],
    log_path: Path,
    signals=None,
    root: Path = ROOT,
    wsgi: str = "storyofprogress.wsgi",
    python: str = sys.executable,
):
    """gunicorn serving the site on `port` for the block (a context manager giving the master's
    Popen: its pid is the group's id); the site in `root` (this checkout, or an earlier one, or
    another project whose WSGI module is `wsgi`, run by its own virtualenv's `python`)."""
    command = [
        *(python, "-m", "gunicorn", wsgi, "--chdir", str(root)),
        *("--config", str(GUNICORN_CONFIG)),  # the deployed settings, whichever checkout
        *("--bind", f"{HOST}:{port}", "--workers", str(workers), "--log-level", "warning"),
        *("--graceful-timeout", str(STOP_GRACE // 2)),
    ]
    return group(command, log_path, env=environment, signals=signals)


def status_of(port: int, path: str = "/robots.txt", *, timeout: float = 10, host=None) -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": host} if host else {})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def wait_until_answers(
    process: subprocess.Popen,
    port: int,
    timeout: float,
    *,
    name: str,
    any_status=False,
    hint="",
    path="/robots.txt",
) -> None:
    """Returns once the server answers `path` (with 200, unless `any_status`); raises
    `ServerError` if it stops or does not answer within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while True:
        if process.poll() is not None:
            raise ServerError(f"{name} stopped at start (exit status {process.returncode})")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ServerError(f"{name} did not answer within {timeout:g} s ({hint}last: {last})")
        try:
            status = status_of(port, path, timeout=min(2, max(remaining, 0.05)))
            if any_status or status == 200:
                return
            last = f"HTTP {status}"
        except (OSError, http.client.HTTPException) as error:  # refused, reset, timed out
            last = type(error).__name__
        time.sleep(min(0.2, max(deadline - time.monotonic(), 0)))


def redis_answers(port: int, timeout: float = 0.5) -> bool:
    """True if a Redis on `port` answers PING."""
    try:
        with socket.create_connection((HOST, port), timeout=timeout) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisProcess:
    """A redis-server on a free 127.0.0.1 port, in a process group of its own, keeping nothing
    on disk. `stop()` and `start()` again keep the port, as a Redis that is restarted does.
    Whoever calls `start()` calls `stop()` on every way out."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://{HOST}:{self.port}/{db}"

    def start(self, timeout: float = 10) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise ServerError("redis-server not found: apt-get install -y redis-server")
        command = [
            binary,
            *("--port", str(self.port), "--bind", HOST),
            *("--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"),
        ]
        self.process = start_in_group(command, subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while not redis_answers(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise ServerError(f"redis-server did not start on port {self.port}")
            time.sleep(0.02)

    def pause(self) -> None:
        """Stop the process without closing its port: it accepts connections and never answers,
        as a Redis host that has gone silent does."""
        os.killpg(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.killpg(self.process.pid, signal.SIGCONT)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None:
            stop_group(process)


@contextlib.contextmanager
def owned_redis_process():
    """A redis-server of the caller's own for the block, stopped however the block ends."""
    server = RedisProcess()
    try:
        server.start()
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def server_directory(prefix: str):
    """A directory for a server's files that its unprivileged workers can read (varnishd's and
    nginx's workers drop root, so not under a private temporary directory), removed after."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        path.chmod(0o755)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def serving(command, workdir: Path, port: int, *, name: str, signals, ready_timeout: float):
    """`command` in a process group for the block, once it answers HTTP on `port`; its log's
    last lines are in the error if it does not."""
    log_path = workdir / f"{name}.log"
    with group(command, log_path, signals=signals) as process:
        try:
            wait_until_answers(process, port, ready_timeout, name=name, any_status=True)
        except ServerError as error:
            raise ServerError(f"{error}; {name}'s log ends:\n{log_tail(log_path)}") from None
        yield port


@contextlib.contextmanager
def varnish(backend_port: int, *, port=None, signals=None, ready_timeout=60):
    """varnishd in the foreground from the shipped VCL, the app's port changed to
    `backend_port`, listening on `port` (free if not given); gives the port."""
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not Path(varnishd).exists():
        raise ServerError("varnishd not found: apt-get install -y varnish")
    vcl_text = VCL.read_text()
    if VCL_BACKEND_PORT not in vcl_text:
        raise ServerError(f"{VCL} no longer says {VCL_BACKEND_PORT}: update {__name__}")
    port = port or free_port()
    with server_directory("varnish-") as workdir:
        vcl = workdir / "default.vcl"
        vcl.write_text(vcl_text.replace(VCL_BACKEND_PORT, f'.port = "{backend_port}";'))
        command = [
            *(varnishd, "-F", "-n", str(workdir / "state"), "-f", str(vcl)),
            *("-a", f"{HOST}:{port}", "-T", f"{HOST}:0", "-s", "malloc,64m"),
        ]
        with serving(
            command, workdir, port, name="varnishd", signals=signals, ready_timeout=ready_timeout
        ):
            yield port


NGINX_CONF = """\
worker_processes auto;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    default_type text/html;
    server {{
        listen {host}:{port};
        root {workdir}/html;
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
}}
"""


@contextlib.contextmanager
def nginx(pages: dict[str, bytes], *, port=None, signals=None, ready_timeout=30):
    """Debian's nginx serving `pages` (path: body, e.g. a page's HTML at its URL) as static
    files on `port` (free if not given), in the foreground; gives the port."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise ServerError("nginx not found: apt-get install -y nginx")
    port = port or free_port()
    with server_directory("nginx-") as workdir:
        for path, body in pages.items():
            file = workdir / "html" / path.strip("/") / "index.html"
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(body)
        for directory in (workdir / "html", *(workdir / "html").rglob("*")):
            directory.chmod(0o755 if directory.is_dir() else 0o644)
        conf = workdir / "nginx.conf"
        conf.write_text(NGINX_CONF.format(workdir=workdir, host=HOST, port=port))
        command = [binary, "-c", str(conf), "-p", str(workdir), "-g", "daemon off;"]
        with serving(
            command, workdir, port, name="nginx", signals=signals, ready_timeout=ready_timeout
        ):
            yield port
