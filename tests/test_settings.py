"""Production settings refuse to start without a real SECRET_KEY and hosts."""

import os
import subprocess
import sys

import pytest

PROBE = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def load_production(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="storyofprogress.settings.production", **env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE], env=environment, capture_output=True, text=True, timeout=60
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
