from pathlib import Path

from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include("sitewide.admin_urls")),  # first: wraps Wagtail's password reset
    path("", include("sitewide.passwords")),  # first: Wagtail's password forms, rate-limited
    path("admin/", include(wagtailadmin_urls)),
    path("api/v2/", include("api.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("evidence/", include("evidence.urls")),
    path("indicators/", include("indicators.urls")),
    path("library/", include("library.urls")),
    path("search/", include("search.urls")),
    path("", include("sitewide.urls")),  # sitemap.xml, robots.txt, favicon.ico, feeds/, cite/
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Images only: documents are served by Wagtail's view under /documents/, which checks their
    # collection's view restrictions; a route to MEDIA_ROOT/documents would skip that check.
    for folder in ("original_images", "images"):
        urlpatterns += static(
            f"{settings.MEDIA_URL}{folder}/", document_root=Path(settings.MEDIA_ROOT) / folder
        )

urlpatterns += [path("", include(wagtail_urls))]
