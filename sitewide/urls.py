"""Site-wide URLs outside the page tree: sitemap, robots.txt, favicon, update feeds and page
citations."""

from django.urls import path

from sitewide import feeds, page_citations, sitemaps, views

urlpatterns = [
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("feeds/updates.rss", feeds.UpdatesFeed(), name="updates_rss"),
    path("feeds/updates.atom", feeds.UpdatesAtomFeed(), name="updates_atom"),
    path(
        "cite/page/<int:page_id>.<str:extension>",
        page_citations.page_citation,
        name="page_citation",
    ),
    path(
        "cite/page/<int:page_id>/versions/<int:number>.<str:extension>",
        page_citations.version_citation,
        name="page_version_citation",
    ),
    path(
        "cite/indicator/<slug:slug>.<str:extension>",
        page_citations.indicator_citation,
        name="indicator_citation",
    ),
]
