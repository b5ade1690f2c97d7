"""What every process keeps in the shared cache after its first request, warmed before a query
count, so that counts compare requests, not a cold cache with a warm one."""

from wagtail.models import Site

from story import routing


def warm_site_caches() -> None:
    """Wagtail's site root paths and the sites `story.routing` matches requests to."""
    Site.get_site_root_paths()
    routing.all_sites()
