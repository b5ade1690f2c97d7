"""Small site-wide responses: robots.txt and the favicon."""

from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
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
