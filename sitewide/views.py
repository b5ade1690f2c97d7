"""Small site-wide responses: robots.txt, the favicon, and the page a form without its CSRF
token gets."""

from django.middleware import csrf
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from sitewide.seo import site_root_url

DAY = 60 * 60 * 24


@require_safe
@cache_control(max_age=DAY, public=True)
def robots_txt(request):
    sitemap_url = f"{site_root_url(request)}{reverse('sitemap')}"
    return render(
        request,
        "robots.txt",
        {"sitemap_url": sitemap_url},
        content_type="text/plain; charset=utf-8",
    )


@require_safe
@cache_control(max_age=DAY, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the SVG icon.

    Temporary, not permanent: the static URL gains a content hash when static files are
    collected with a manifest, and a permanent redirect would outlive it.
    """
    return redirect(static("favicon.svg"))


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form posted without its token (a page left open past its session,
    cookies blocked, a form posted from elsewhere) answers 403 on the site's own page, saying
    what to do. Django's page styles itself inline, which the Content-Security-Policy blocks, and
    speaks of CSRF cookies to people who have never heard of them. `reason` is for the log
    (`django.security.csrf` records it), not for the reader."""
    no_cookie = reason == csrf.REASON_NO_CSRF_COOKIE
    response = render(request, "403_csrf.html", {"no_cookie": no_cookie}, status=403)
    add_never_cache_headers(response)
    return response
