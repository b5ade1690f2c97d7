"""Settings shared by every environment. Values that differ come from the environment."""

import math
import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated environment variable as a list, ignoring blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_number(name: str, default: float, minimum: float = 0, whole: bool = True):
    """A number from the environment, or `default` if the variable is unset or blank. A value
    that is not a number, or is below `minimum`, stops the process with a message naming the
    variable (not Python's own `ValueError`, which names neither it nor what it expects)."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    kind = "a whole number" if whole else "a number"
    try:
        value = int(text) if whole else float(text)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or value < minimum:
        raise ImproperlyConfigured(f"{name} must be {kind} of at least {minimum}, not {text!r}.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


INSTALLED_APPS = [
    "demo",
    "home",
    "sitewide",
    "search",
    "library",
    "citations",
    "story",
    "indicators",
    "evidence",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail_modeladmin",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "storyofprogress.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "storyofprogress.wsgi.application"

# SQLite is the embedded default so a newcomer needs no database server;
# DATABASE_URL=postgres://user@host:5432/name switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_number("DATABASE_CONN_MAX_AGE", 0),
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"


def media_storage(environ=os.environ) -> dict:
    """Where uploads (documents, images, renditions) are kept: an S3-compatible bucket through
    django-storages when AWS_STORAGE_BUCKET_NAME is set, so that every host reads the same
    files; MEDIA_ROOT on the local disk otherwise.

    The bucket stays private: objects are written without an ACL, and documents are only ever
    served through Wagtail's view, which checks their collection's restriction
    (`WAGTAILDOCS_SERVE_METHOD` below). Image URLs are left unsigned, for a bucket policy (or a
    CDN, AWS_S3_CUSTOM_DOMAIN) that lets readers fetch `images/` and `original_images/` only:
    a signed URL would expire inside a page that caches keep. Credentials are not settings:
    boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or an instance role) itself, so
    they never reach the task queue, where Wagtail's file-deletion task stores the storage's
    arguments (README "Media on object storage")."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "default_acl": None,
        "querystring_auth": False,
        "file_overwrite": False,  # a new upload never replaces a file of the same name
    }
    for option, variable in (
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
        ("custom_domain", "AWS_S3_CUSTOM_DOMAIN"),
        ("addressing_style", "AWS_S3_ADDRESSING_STYLE"),
        ("location", "AWS_LOCATION"),
    ):
        if environ.get(variable, "").strip():
            options[option] = environ[variable].strip()
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": media_storage(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cache: Redis when REDIS_URL is set (production requires it), local memory otherwise. Django's
# Redis cache, made safe to lose (`storyofprogress/cache.py`): while Redis cannot be reached
# the site is served without it, and uses it again once it is back (README "Caching").
# Image renditions are looked up in the "renditions" cache when there is one (Wagtail's
# `Rendition.cache_backend`): the same Redis, kept longer, since a rendition never changes (one
# deleted is dropped from it by Wagtail's signal handler). Formatted APA references are kept in
# the "references" cache (`evidence.shared_references`), by what they are made of, so they
# never change either: kept for a month (then formatted again when next read).
REFERENCES_CACHE_SECONDS = env_number("REFERENCES_CACHE_SECONDS", 30 * 86400)
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "storyofprogress.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        },
        "renditions": {
            "BACKEND": "storyofprogress.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "renditions",
            "TIMEOUT": env_number("RENDITION_CACHE_SECONDS", 86400),
        },
        "references": {
            "BACKEND": "storyofprogress.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "references",
            "TIMEOUT": REFERENCES_CACHE_SECONDS,
        },
    }
else:  # this process's memory; references apart, so that they never push pages out
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "references": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "references",
            "TIMEOUT": REFERENCES_CACHE_SECONDS,
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }

# Wagtail
WAGTAIL_SITE_NAME = "Story of Progress"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin makes no third-party requests
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILADMIN_COMMENTS_ENABLED = True

# Workflow notifications are Wagtail's own emails: reviewers hear when something awaits them,
# the submitter when it is approved or changes are requested (with the reviewer's comment).
# Superusers are left out so review mail goes to the Reviewers group only.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "storyofprogress@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

# Rich-text feature lists are named once and used everywhere: removing a feature
# from a field silently strips that kind of link on the next save.
RICH_TEXT_EVIDENCE_FEATURES = ["source", "organisation"]
RICH_TEXT_NARRATIVE_FEATURES = [
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    *RICH_TEXT_EVIDENCE_FEATURES,
]
RICH_TEXT_INTRO_FEATURES = ["bold", "italic", "link", *RICH_TEXT_EVIDENCE_FEATURES]
RICH_TEXT_PLAIN_FEATURES = ["bold", "italic", "link"]
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "evidence.contentstate.EvidenceDraftailRichTextArea",  # bulk-loads citations
        "OPTIONS": {"features": RICH_TEXT_NARRATIVE_FEATURES},
    }
}

# Front end and accessibility
# The "Leave this site quickly" control goes here, replacing the current history entry.
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")
# Every image needs alt text: the image form makes Wagtail's `description` field required.
WAGTAILIMAGES_IMAGE_FORM_BASE = "sitewide.forms.ImageForm"

# --- Hardening: readers cannot write the site (issue 13, part 3) ---
# Rate limits per client address (`evidence/rate_limits.py`, django-ratelimit, counted in the
# default cache): "number/period", period s, m, h or d. Generous: a person reading and
# searching never reaches them; a script does. Logged-in editors and reviewers are not limited.
READER_RATE_LIMITS = {
    "search": os.environ.get("RATELIMIT_SEARCH", "60/m"),
    "autocomplete": os.environ.get("RATELIMIT_AUTOCOMPLETE", "120/m"),
    "exports": os.environ.get("RATELIMIT_EXPORTS", "20/m"),  # library CSV/RIS/BibTeX, citations
    # Guesses at a restricted page's or document collection's shared password (sitewide.passwords)
    "passwords": os.environ.get("RATELIMIT_PASSWORDS", "5/m"),
}
for _name, _rate in READER_RATE_LIMITS.items():
    if not re.fullmatch(r"[1-9]\d*/\d*[smhd]", _rate):
        raise ImproperlyConfigured(
            f"RATELIMIT_{_name.upper()} must look like 60/m (requests per s, m, h or d): {_rate!r}"
        )
# Behind a reverse proxy every request comes from the proxy's address: name the header it sets
# to the client's address, as a META key (nginx `proxy_set_header X-Real-IP $remote_addr;` →
# HTTP_X_REAL_IP). Unset: REMOTE_ADDR. Never name a header the proxy does not overwrite, or
# clients choose their own address.
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None
# A cache that answers but cannot count lets the request through rather than refusing everyone.
RATELIMIT_FAIL_OPEN = True

# --- Hardening: uploaded documents and backups (issue 13, parts 2 and 5) ---
# Documents are always served through Wagtail's view, which checks the view restrictions of the
# document's collection (uploads wait in the restricted "Awaiting review" collection until a
# reviewer releases them: story/migrations/0004_document_review.py). Without this setting a
# storage that can give a URL but no local path (S3, and the test settings' in-memory storage)
# would redirect to the file's storage URL, where no restriction is checked.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# --- Hardening: Content-Security-Policy (issue 13, django-csp; README "Hardening") ---
# Every response gets a policy from sitewide.csp.ContentSecurityPolicyMiddleware, placed right
# after SecurityMiddleware so that static files and error pages get it too. Public pages load
# scripts, styles, fonts and images from this origin only (images also as data: URIs), with no
# inline script or style; they may not be framed. JSON-LD is a data block, which CSP does not
# govern, so it needs no nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The admin (everything under /admin/): what Wagtail 8's own templates and scripts need, checked
# in chromium (tests/browser/test_csp.py). Page and snippet previews keep the public policy, but
# the admin may frame them (sitewide/csp.py).
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],  # date pickers, inline panels
        "script-src-attr": ["'none'"],  # no inline event handlers, which Wagtail never writes
        "style-src": ["'self'", "'unsafe-inline'"],  # styles set by Wagtail's vendor.js, jQuery
        "img-src": ["'self'", "data:", "blob:"],  # the image uploader's thumbnails
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "sitewide.csp.ContentSecurityPolicyMiddleware",
)

# --- Hardening (issue 13): bad input never 500s -------------------------------------------
# Document titles lose pasted control characters like every admin form's text
# (`evidence.forms`); images get the same through WAGTAILIMAGES_IMAGE_FORM_BASE above.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "sitewide.forms.DocumentForm"
# A form posted without its token gets the site's own 403 page, not Django's inline-styled one
# (which the Content-Security-Policy leaves unstyled).
CSRF_FAILURE_VIEW = "sitewide.views.csrf_failure"
# Control characters stored by other means never reach a reader's HTML. Innermost but for
# axes (below, which only swaps in its lockout page), so it cleans the view's response (error
# pages too) before any other middleware sees it.
MIDDLEWARE = [*MIDDLEWARE, "sitewide.middleware.ControlCharactersMiddleware"]
# Deleted pages and their versions answer 410 Gone instead of 404 (story.gone; README
# "Cite this version").
MIDDLEWARE = [*MIDDLEWARE, "story.gone.RemovedPageMiddleware"]
# The request's site from the shared cache and a page found in two queries instead of six,
# handed to Wagtail in its own per-request caches (story.routing; README "Caching").
MIDDLEWARE = [*MIDDLEWARE, "story.routing.RoutingMiddleware"]

# --- Hardening: sign-in throttling (issue 13, part 4; README "Hardening") ---
# django-axes counts failed sign-ins (the admin's /admin/login/ and Wagtail's front-end login)
# and refuses the next one, right password or not, until the cool-off has passed. Failures are
# counted per username and IP address *together*: an attacker guessing from one address is
# stopped, while the editor whose name they typed can still sign in from anywhere else. Each
# refused attempt restarts the cool-off (axes' default), so hammering never gets through.
INSTALLED_APPS += ["axes"]
# Last, so that it sees the view's response and can replace it with the lockout page.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
# AxesBackend, first, refuses a locked-out sign-in before any password is checked; it is
# axes' standalone backend plus ModelBackend's user loading and permissions, because the first
# backend must load users (Wagtail's test helpers sign in through it). ModelBackend signs in.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_number("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_number("LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sitewide.sign_in.lockout_response"  # Wagtail's login page, 429
AXES_CLIENT_IP_CALLABLE = "sitewide.sign_in.client_ip"  # as RATELIMIT_IP_META_KEY says
# Only failures are kept, and only until their cool-off ends: no log of every sign-in's
# address and browser grows forever.
AXES_DISABLE_ACCESS_LOG = True
# Password reset requests (/admin/password_reset/), throttled by django-ratelimit in
# `sitewide.sign_in`: per client address, and per e-mail address so that nobody's inbox can be
# flooded with reset links. Django-ratelimit syntax: "count/period", period s, m, h or d.
PASSWORD_RESET_RATE_PER_IP = os.environ.get("PASSWORD_RESET_RATE_PER_IP", "10/h")
PASSWORD_RESET_RATE_PER_EMAIL = os.environ.get("PASSWORD_RESET_RATE_PER_EMAIL", "5/h")

# --- Caching: whole pages for anonymous readers, purged on publish (issue 14; README "Caching")
# Last: its receivers run after Wagtail's reference index and the citation index have followed
# a change, so what it purges is what readers will be shown.
INSTALLED_APPS += ["caching"]
# Public pages are kept in the cache named here (the shared Redis in production) and served to
# readers without a session; `APP_PAGE_CACHE=0` leaves keeping them to a Varnish or CDN in
# front. Shared caches may keep them for PAGE_CACHE_SECONDS (`s-maxage`); browsers ask again.
PAGE_CACHE_ALIAS = "default" if env_bool("APP_PAGE_CACHE", True) else None
PAGE_CACHE_SECONDS = env_number("PAGE_CACHE_SECONDS", 3600)
# Before sessions: a page served from the cache costs no session, user or database work.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
    "caching.pages.PageCacheMiddleware",
)
# Every publish, unpublish, move or deletion purges the URLs that show what changed, through
# Wagtail's frontend cache: the app's own page cache, then each Varnish (or other cache that
# accepts PURGE) in FRONTEND_CACHE_VARNISH_URL (comma-separated, e.g. http://127.0.0.1:6081),
# and Cloudflare when FRONTEND_CACHE_CLOUDFLARE_ZONEID and _BEARER_TOKEN are set.
# FRONTEND_CACHE_HOSTNAMES limits the external caches to these host names (default: all).
WAGTAILFRONTENDCACHE = {}
if PAGE_CACHE_ALIAS:
    WAGTAILFRONTENDCACHE["app"] = {"BACKEND": "caching.pages.PageCacheBackend"}
_FRONTEND_CACHE_HOSTNAMES = env_list("FRONTEND_CACHE_HOSTNAMES", "*")
for _number, _location in enumerate(env_list("FRONTEND_CACHE_VARNISH_URL"), start=1):
    WAGTAILFRONTENDCACHE[f"varnish{_number}"] = {
        "BACKEND": "caching.varnish.VarnishBackend",  # Wagtail's HTTPBackend with a deadline
        "LOCATION": _location,
        "TIMEOUT": env_number("FRONTEND_CACHE_TIMEOUT", 5.0, minimum=0.1, whole=False),
        "HOSTNAMES": _FRONTEND_CACHE_HOSTNAMES,
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
        "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN", ""),
        "HOSTNAMES": _FRONTEND_CACHE_HOSTNAMES,
    }

# --- Many hosts: background tasks (issue 14, point 4; README "Background tasks") ---
# Wagtail 8 runs its search index and reference index updates, file deletions and frontend
# cache purges as django-tasks tasks, and so do we (search's reindexing of the pages citing a
# changed source). TASKS_BACKEND=database queues them in the database (django-tasks-db) for
# `manage.py db_worker` (deploy/task-worker.service); `immediate` runs them inside the request,
# as development and the tests do. Production queues them unless told otherwise.
INSTALLED_APPS += ["django_tasks_db"]
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def task_settings(name: str) -> dict:
    """`TASKS` for TASKS_BACKEND `name`, refusing a name it does not know."""
    if name not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}: {name!r}"
        )
    return {"default": {"BACKEND": TASK_BACKENDS[name]}}


TASKS = task_settings(os.environ.get("TASKS_BACKEND", "immediate").strip())

# Source link health (`manage.py check_source_links`, README "Source link health"): who is
# asking, so a site's owner can tell the check from a crawler, and where DOIs resolve.
LINK_CHECK_USER_AGENT = os.environ.get(
    "LINK_CHECK_USER_AGENT",
    f"StoryOfProgressLinkCheck/1.0 (+{WAGTAILADMIN_BASE_URL}/; checks that cited sources "
    "still resolve, once a day)",
)
LINK_CHECK_DOI_RESOLVER = os.environ.get("LINK_CHECK_DOI_RESOLVER", "https://doi.org/")

# --- The open read API at /api/v2/ (issue 16; README "Open read API") ---
# Wagtail's API v2 without rest_framework in INSTALLED_APPS, so only JSON is rendered (its
# browsable HTML pages would need inline scripts the CSP refuses). Rich text as display HTML: a
# citation of evidence that is not live keeps its words, without a link or an id.
INSTALLED_APPS += ["api", "wagtail.api.v2", "corsheaders"]
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
# The API counts against limits as search does (RATELIMIT_API, default RATELIMIT_SEARCH's).
READER_RATE_LIMITS["api"] = os.environ.get("RATELIMIT_API", READER_RATE_LIMITS["search"])
if not re.fullmatch(r"[1-9]\d*/\d*[smhd]", READER_RATE_LIMITS["api"]):
    raise ImproperlyConfigured(f"RATELIMIT_API must look like 60/m: {READER_RATE_LIMITS['api']!r}")
# Any site may read the API from a browser (GET, HEAD, OPTIONS; no credentials): django-cors-
# headers, first, so a preflight is answered before anything else looks at it.
MIDDLEWARE.insert(0, "corsheaders.middleware.CorsMiddleware")
CORS_URLS_REGEX = r"^/api/v2/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
