"""Production settings refuse to start without a real SECRET_KEY and hosts."""

import json
import os
import socket
import subprocess
import sys
from types import SimpleNamespace

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
#: The settings the tests read, printed as one JSON line once Django is set up, then the
#: deploy check: one process answers every test that reads the same environment.
SETTINGS_THEN_DEPLOY_CHECK = (
    "import json, django; django.setup(); from django.conf import settings; "
    "db = settings.DATABASES['default']; "
    "print(json.dumps({'DEBUG': settings.DEBUG, 'CONN_MAX_AGE': db['CONN_MAX_AGE'], "
    "'CONN_HEALTH_CHECKS': db['CONN_HEALTH_CHECKS']}), flush=True); " + DEPLOY_CHECK
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


def started(result) -> SimpleNamespace:
    """The process's result, and the settings it printed (None if it did not get that far)."""
    first_line = result.stdout.partition("\n")[0]
    settings = json.loads(first_line) if first_line.startswith("{") else None
    return SimpleNamespace(result=result, settings=settings)


@pytest.fixture(scope="module")
def production() -> SimpleNamespace:
    """Production with a real key and hosts and every other setting left to its default."""
    return started(
        load_production(
            SETTINGS_THEN_DEPLOY_CHECK, SECRET_KEY=REAL_LOOKING_KEY, ALLOWED_HOSTS="example.org"
        )
    )


@pytest.fixture(scope="module")
def production_as_chosen() -> SimpleNamespace:
    """Production with settings an operator chose away from the defaults: database connections
    not kept open, HSTS without subdomains or preloading."""
    return started(
        load_production(
            SETTINGS_THEN_DEPLOY_CHECK,
            SECRET_KEY=REAL_LOOKING_KEY,
            ALLOWED_HOSTS="example.org",
            DATABASE_CONN_MAX_AGE="0",
            SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
            SECURE_HSTS_PRELOAD="0",
        )
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


def test_production_starts_with_real_configuration(production):
    assert production.settings is not None, production.result.stderr
    assert production.settings["DEBUG"] is False


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


def test_production_keeps_database_connections_checked(production, production_as_chosen):
    assert production.settings["CONN_MAX_AGE"] == 60
    assert production.settings["CONN_HEALTH_CHECKS"] is True
    assert production_as_chosen.settings["CONN_MAX_AGE"] == 0  # DATABASE_CONN_MAX_AGE=0
    assert production_as_chosen.settings["CONN_HEALTH_CHECKS"] is True


def test_deploy_check_is_clean_with_production_settings(production):
    output = production.result.stdout + production.result.stderr
    assert production.result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "System check identified no issues" in output


def test_deploy_check_warns_when_hsts_is_narrowed_on_purpose(production_as_chosen):
    """Opting out of subdomains or preloading is possible, and visible, not silenced."""
    result = production_as_chosen.result
    assert result.returncode != 0
    assert "security.W005" in result.stderr
    assert "security.W021" in result.stderr
