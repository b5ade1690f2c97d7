"""Local development: debug on, a throwaway key, mail to the console."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = "django-insecure-development-only-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Templates change under a developer's hands: pages are not kept (a Varnish in front still may).
PAGE_CACHE_ALIAS = None
WAGTAILFRONTENDCACHE.pop("app", None)  # noqa: F405
