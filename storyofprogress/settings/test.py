"""Test runs: fast password hashing, mail kept in memory, uploads stored in memory.

Background tasks (search and reference index updates, purges) run in the request, whatever
TASKS_BACKEND says; tests/test_task_worker.py queues them in the database and runs the worker."""

from .base import *  # noqa: F403
from .base import task_settings

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "tests.memory_storage.InMemoryStorageWithoutPaths"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = task_settings("immediate")
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Tests make many requests from one address: limits no test reaches unless it sets its own
# (tests/evidence/test_rate_limits.py).
READER_RATE_LIMITS = dict.fromkeys(READER_RATE_LIMITS, "100000/m")  # noqa: F405
# Django's test client signs in (Client.login) without a request, which django-axes refuses:
# axes is off here, and the sign-in throttling tests turn it on (tests/sitewide/test_sign_in.py).
AXES_ENABLED = False
# Pages are not kept and nothing is purged unless a test asks (tests/sitewide/test_page_cache.py
# and the purge tests turn them on): the local-memory cache outlives each test's database, so a
# page kept by one test would be served to the next.
PAGE_CACHE_ALIAS = None
WAGTAILFRONTENDCACHE = {}
