"""`/sitemap.xml`: public pages (Wagtail's sitemap) and the public source, organisation and
indicator pages.

Every location uses the configured Wagtail site's root URL, as page URLs do, so the sitemap
lists the same URLs as the pages' canonical links.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.sitemaps import views as sitemap_views

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from evidence.models import Organisation, Source
from evidence.public_pages import public_pages_q
from indicators.models import Indicator
from sitewide.seo import site_root_url


class PageSitemap(WagtailSitemap):
    """Wagtail's page sitemap, keeping to the pages the rest of the site calls public
    (`evidence.public_pages`): Wagtail's own leaves in a live page under an unpublished one."""

    def items(self):
        return (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .filter(public_pages_q())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


class EvidenceSitemap(DjangoSitemap):
    """Snippets with a public page by slug (`evidence.models.EvidenceSnippet`)."""

    model: type[Source] | type[Organisation] | type[Indicator]

    def __init__(self, request):
        self.request = request

    def items(self):
        return self.model.objects.live().order_by("pk").only("pk", "slug", "last_published_at")

    def location(self, item):
        return item.public_url

    def lastmod(self, item):
        return item.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):
        root = urlsplit(site_root_url(self.request))
        return self._urls(page, root.scheme or self.get_protocol(protocol), root.netloc)


class SourceSitemap(EvidenceSitemap):
    model = Source


class OrganisationSitemap(EvidenceSitemap):
    model = Organisation


class IndicatorSitemap(EvidenceSitemap):
    model = Indicator


def sitemap(request):
    sitemaps = {
        "pages": PageSitemap(request),
        "sources": SourceSitemap(request),
        "organisations": OrganisationSitemap(request),
        "indicators": IndicatorSitemap(request),
    }
    return sitemap_views.sitemap(request, sitemaps)
