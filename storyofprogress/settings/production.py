"""Production: refuses to start without a real SECRET_KEY, explicit hosts and a shared cache."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list, env_number, media_storage, task_settings

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 32 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 32 characters in production."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# One cache every worker and host shares: pages, computed searches and rate limits live there,
# and a publish purges it for all of them. A per-process cache would serve each worker its own
# stale copy (README "Caching").
if not os.environ.get("REDIS_URL"):
    raise ImproperlyConfigured(
        "REDIS_URL must name the Redis cache every worker shares in production "
        "(e.g. redis://127.0.0.1:6379/0)."
    )

# Keep database connections between requests (opening one costs a PostgreSQL server several
# milliseconds: measured, it halved the throughput of search pages under gunicorn), checked
# before reuse so a connection the server dropped is replaced instead of failing a request.
DATABASES["default"]["CONN_MAX_AGE"] = env_number("DATABASE_CONN_MAX_AGE", 60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# A database host that has gone silent (no refusal, just no answer) would hold each connection
# attempt for the kernel's TCP timeout, about two minutes: gunicorn's master while it warms the
# site up (`sitewide.workers`), then every request. Seconds instead, unless DATABASE_URL says
# (`?connect_timeout=N`) or DATABASE_CONNECT_TIMEOUT does.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(  # noqa: F405
        "connect_timeout", env_number("DATABASE_CONNECT_TIMEOUT", 5, minimum=1)
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_number("SECURE_HSTS_SECONDS", 31536000)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

STORAGES = {
    "default": media_storage(),  # a bucket when AWS_STORAGE_BUCKET_NAME is set, else MEDIA_ROOT
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Background work runs in the task worker (`manage.py db_worker`, deploy/task-worker.service),
# not in editors' requests; TASKS_BACKEND=immediate runs it in the request instead, for a single
# host without a worker.
TASKS = task_settings(os.environ.get("TASKS_BACKEND", "database").strip())

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_number("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Hardening: HSTS for subdomains and the preload list (issue 13, part "hardening-login";
# README "Hardening"). On by default, so `check --deploy` is clean: the site is HTTPS only.
# includeSubDomains covers the hosts *below* the one serving the site (all of example.org's if
# the site is at the apex), so set SECURE_HSTS_INCLUDE_SUBDOMAINS=0 if any of them still needs
# plain HTTP. `preload` alone changes nothing in browsers: it only permits submitting the
# domain to hstspreload.org, which nobody should do before every subdomain serves HTTPS
# (leaving the list takes months). Turning either off makes `check --deploy` warn, as it should.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
