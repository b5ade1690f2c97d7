"""Production settings refuse to start without a real SECRET_KEY and hosts."""

import os
import socket
import subprocess
import sys

import pytest

PROBE = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
CACHE_PROBE = (
    "import django; django.setup(); from django.core.cache import caches; "
    "cache = caches['default']; print(type(cache).__name__); "
    "cache.set('settings-probe', 42, 5); print(cache.get('settings-probe')); "
    "cache.delete('settings-probe')"
)


def redis_running(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


DEPLOY_CHECK = (
    "from django.core.management import execute_from_command_line; "
    "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
)
#: Long and varied enough for Django's own check of SECRET_KEY (security.W009).
REAL_LOOKING_KEY = "production-settings-check-" + "0123456789abcdefghij" * 2

#: Variables each test sets itself (or leaves out on purpose), never taken from the caller.
SET_BY_TESTS = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_CONN_MAX_AGE",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_SECONDS",
    "SECURE_SSL_REDIRECT",
}


def load_production(probe: str = PROBE, **env):
    environment = {key: value for key, value in os.environ.items() if key not in SET_BY_TESTS}
    environment.update(DJANGO_SETTINGS_MODULE="storyofprogress.settings.production", **env)
    environment.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")  # required, not connected to
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe], env=environment, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    "secret", ["", "short", "django-insecure-development-only-key-not-for-production-xx"]
)
def test_production_refuses_weak_secret_key(secret):
    result = load_production(SECRET_KEY=secret, ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_requires_allowed_hosts():
    result = load_production(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_real_configuration():
    result = load_production(SECRET_KEY="k" * 50, ALLOWED_HOSTS="example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.skipif(not redis_running(), reason="no Redis on 127.0.0.1:6379")
def test_production_caches_in_redis_when_redis_url_is_set():
    """The client library is installed and Django's Redis cache round-trips a value."""
    result = load_production(
        CACHE_PROBE,
        SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="example.org",
        REDIS_URL="redis://127.0.0.1:6379/14",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["RedisCache", "42"]


def test_production_keeps_database_connections_checked():
    probe = PROBE.replace(
        "print(settings.DEBUG)",
        "db = settings.DATABASES['default']; print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'])",
    )
    defaults = load_production(probe, SECRET_KEY="k" * 50, ALLOWED_HOSTS="example.org")
    assert defaults.returncode == 0, defaults.stderr
    assert defaults.stdout.split() == ["60", "True"]
    chosen = load_production(
        probe, SECRET_KEY="k" * 50, ALLOWED_HOSTS="example.org", DATABASE_CONN_MAX_AGE="0"
    )
    assert chosen.stdout.split() == ["0", "True"]


def test_deploy_check_is_clean_with_production_settings():
    result = load_production(DEPLOY_CHECK, SECRET_KEY=REAL_LOOKING_KEY, ALLOWED_HOSTS="example.org")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "System check identified no issues" in output


def test_deploy_check_warns_when_hsts_is_narrowed_on_purpose():
    """Opting out of subdomains or preloading is possible, and visible, not silenced."""
    result = load_production(
        DEPLOY_CHECK,
        SECRET_KEY=REAL_LOOKING_KEY,
        ALLOWED_HOSTS="example.org",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
        SECURE_HSTS_PRELOAD="0",
    )
    assert result.returncode != 0
    assert "security.W005" in result.stderr
    assert "security.W021" in result.stderr
