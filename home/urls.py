"""Site-wide URLs outside the page tree: sitemap, robots.txt, favicon and update feeds."""

from django.urls import path

from home import feeds, sitemaps, views

urlpatterns = [
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("feeds/updates.rss", feeds.UpdatesFeed(), name="updates_rss"),
    path("feeds/updates.atom", feeds.UpdatesAtomFeed(), name="updates_atom"),
]
