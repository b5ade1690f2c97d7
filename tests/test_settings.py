"""Production settings refuse to start without a real SECRET_KEY and hosts; what they choose
for background tasks, uploaded media and the renditions cache."""

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


# One worker runs the module, so the two production processes its fixtures start (seconds each:
# a new Python importing Django and Wagtail) start once per run, not once per worker.
pytestmark = pytest.mark.xdist_group("production_settings")


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
    "'CONN_HEALTH_CHECKS': db['CONN_HEALTH_CHECKS'], "
    "'TASKS': settings.TASKS['default']['BACKEND'], 'MEDIA': settings.STORAGES['default'], "
    "'RENDITIONS': settings.CACHES.get('renditions'), "
    "'REFERENCES': settings.CACHES.get('references')}), flush=True); " + DEPLOY_CHECK
)
#: Long and varied enough for Django's own check of SECRET_KEY (security.W009).
REAL_LOOKING_KEY = "production-settings-check-" + "0123456789abcdefghij" * 2

#: Variables each test sets itself (or leaves out on purpose), never taken from the caller.
SET_BY_TESTS = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_CONN_MAX_AGE",
    "DATABASE_CONNECT_TIMEOUT",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_SECONDS",
    "SECURE_SSL_REDIRECT",
    "TASKS_BACKEND",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_S3_ADDRESSING_STYLE",
    "AWS_LOCATION",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
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
    not kept open, HSTS without subdomains or preloading, tasks run in the request, media in a
    bucket."""
    return started(
        load_production(
            SETTINGS_THEN_DEPLOY_CHECK,
            SECRET_KEY=REAL_LOOKING_KEY,
            ALLOWED_HOSTS="example.org",
            DATABASE_CONN_MAX_AGE="0",
            SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
            SECURE_HSTS_PRELOAD="0",
            TASKS_BACKEND="immediate",
            AWS_STORAGE_BUCKET_NAME="storyofprogress-media",
            AWS_S3_ENDPOINT_URL="https://objects.example.org",
            AWS_S3_REGION_NAME="eu-west-2",
            AWS_ACCESS_KEY_ID="not-a-setting",
            AWS_SECRET_ACCESS_KEY="never-a-setting",
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


DATABASE_OPTIONS = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
)


def test_production_gives_up_on_a_silent_database_in_seconds_unless_told():
    def options(**env) -> dict:
        result = load_production(
            DATABASE_OPTIONS, SECRET_KEY=REAL_LOOKING_KEY, ALLOWED_HOSTS="example.org", **env
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    database = "postgres://postgres@192.0.2.1:5432/storyofprogress"  # never connected to here
    assert options(DATABASE_URL=database)["connect_timeout"] == 5
    assert options(DATABASE_URL=f"{database}?connect_timeout=20")["connect_timeout"] == 20
    assert options(DATABASE_URL=database, DATABASE_CONNECT_TIMEOUT="2")["connect_timeout"] == 2
    assert "connect_timeout" not in options(DATABASE_URL="sqlite:///production-check.sqlite3")


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


def test_production_queues_tasks_for_the_worker_unless_told(production, production_as_chosen):
    assert production.settings["TASKS"] == "django_tasks_db.DatabaseBackend"
    assert production_as_chosen.settings["TASKS"] == (
        "django_tasks.backends.immediate.ImmediateBackend"
    )


def test_production_keeps_media_in_a_bucket_when_one_is_named(production, production_as_chosen):
    assert production.settings["MEDIA"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    media = production_as_chosen.settings["MEDIA"]
    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    assert media["OPTIONS"] == {
        "bucket_name": "storyofprogress-media",
        "endpoint_url": "https://objects.example.org",
        "region_name": "eu-west-2",
        "default_acl": None,  # private: the bucket's own default
        "querystring_auth": False,
        "file_overwrite": False,
    }
    # boto3 reads the credentials from the environment: never in the settings, so never in a
    # queued file-deletion task, which stores the storage's arguments
    assert "never-a-setting" not in production_as_chosen.result.stdout


def test_production_caches_renditions_in_the_shared_redis(production):
    renditions = production.settings["RENDITIONS"]
    assert renditions["BACKEND"] == "storyofprogress.cache.RedisCache"  # safe to lose
    assert renditions["LOCATION"] == "redis://127.0.0.1:6379/14"  # REDIS_URL
    assert renditions["KEY_PREFIX"] == "renditions"


def test_production_shares_formatted_references_in_redis_for_a_month(production):
    references = production.settings["REFERENCES"]
    assert references["BACKEND"] == "storyofprogress.cache.RedisCache"
    assert references["LOCATION"] == "redis://127.0.0.1:6379/14"
    assert references["KEY_PREFIX"] == "references"
    assert references["TIMEOUT"] == 30 * 86400


def test_development_and_tests_run_tasks_in_the_request():
    from django.conf import settings

    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")


def test_unknown_task_backends_and_blank_buckets_are_refused_or_ignored():
    from django.core.exceptions import ImproperlyConfigured

    from storyofprogress.settings.base import media_storage, task_settings

    with pytest.raises(ImproperlyConfigured, match="TASKS_BACKEND must be one of"):
        task_settings("celery")
    assert media_storage({"AWS_STORAGE_BUCKET_NAME": "  "})["BACKEND"].endswith("FileSystemStorage")
    options = media_storage(
        {"AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_CUSTOM_DOMAIN": "media.example.org "}
    )["OPTIONS"]
    assert options["custom_domain"] == "media.example.org"
    assert "endpoint_url" not in options  # AWS itself


def test_a_number_setting_that_is_not_one_stops_production_naming_the_variable():
    result = load_production(
        SECRET_KEY=REAL_LOOKING_KEY, ALLOWED_HOSTS="example.org", PAGE_CACHE_SECONDS="an hour"
    )
    assert result.returncode != 0
    assert "PAGE_CACHE_SECONDS must be a whole number of at least 0, not 'an hour'" in result.stderr


@pytest.mark.parametrize(
    ("text", "expected"), [("", 7), ("  ", 7), ("0", 0), (" 42 ", 42), ("1.5", None), ("-1", None)]
)
def test_whole_numbers_from_the_environment(monkeypatch, text, expected):
    from django.core.exceptions import ImproperlyConfigured

    from storyofprogress.settings.base import env_number

    monkeypatch.setenv("SOME_SECONDS", text)
    if expected is None:
        with pytest.raises(ImproperlyConfigured, match=f"SOME_SECONDS .* not '{text}'"):
            env_number("SOME_SECONDS", 7)
    else:
        assert env_number("SOME_SECONDS", 7) == expected


@pytest.mark.parametrize(("text", "accepted"), [("2.5", True), ("nan", False), ("inf", False)])
def test_numbers_from_the_environment_are_finite(monkeypatch, text, accepted):
    from django.core.exceptions import ImproperlyConfigured

    from storyofprogress.settings.base import env_number

    monkeypatch.setenv("SOME_TIMEOUT", text)
    if accepted:
        assert env_number("SOME_TIMEOUT", 5.0, minimum=0.1, whole=False) == float(text)
    else:
        with pytest.raises(ImproperlyConfigured, match="SOME_TIMEOUT must be a number"):
            env_number("SOME_TIMEOUT", 5.0, minimum=0.1, whole=False)


def test_gunicorn_names_a_number_it_refuses_from_the_environment():
    config = os.path.join(os.path.dirname(os.path.dirname(__file__)), "deploy", "gunicorn.conf.py")
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    result = subprocess.run(  # noqa: S603
        [gunicorn, "-c", config, "--check-config", "no.such:app"],
        env={**os.environ, "GUNICORN_TIMEOUT": "soon"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Invalid value for timeout: soon" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
