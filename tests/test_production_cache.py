"""Production refuses to start without the cache every worker shares, as it does without a
SECRET_KEY, and uses the Redis cache that is safe to lose (`storyofprogress/cache.py`)."""

import os
import subprocess
import sys

PROBE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.CACHES['default']['BACKEND'])"
)
REAL_LOOKING = {"SECRET_KEY": "production-cache-check-" + "0123456789abcdefghij" * 2}


def start_production(**env) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    environment.update(
        DJANGO_SETTINGS_MODULE="storyofprogress.settings.production",
        ALLOWED_HOSTS="example.org",
        **REAL_LOOKING,
        **env,
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE], env=environment, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_redis_url():
    for missing in ({}, {"REDIS_URL": ""}):
        result = start_production(**missing)
        assert result.returncode != 0
        assert "REDIS_URL must name the Redis cache" in result.stderr


def test_production_caches_in_the_redis_cache_that_is_safe_to_lose():
    result = start_production(REDIS_URL="redis://127.0.0.1:6379/14")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "storyofprogress.cache.RedisCache"
