"""The request's site and page found in two queries and one cache read, instead of six queries.

Wagtail finds the request's site with a query on every request (`get_site_for_hostname`), then
loads the site's root page as its own type and walks down the tree a level at a time (one query
a level here, `ServedPage.route`): six queries before a vision statement page is served, about
15 ms of a 36 ms render on a 2-core machine. `RoutingMiddleware` answers the same two questions
before Wagtail's serve view runs, in the caches Wagtail itself reads first
(`request._wagtail_site`, `request._wagtail_route_for_request`), so serving, view restrictions,
previews, redirects and 404s stay Wagtail's:

- **The site**: every `Site` with its root page is kept in the shared cache (as Wagtail keeps the
  site root paths; forgotten when a site, or a page that is a site's root, is saved, moved or
  deleted) and matched to the request's host and port by Wagtail's rules (`site_for_host`,
  tested against Wagtail's own function).
- **The page**: when the page types from the site's root down allow one type at the path's depth
  (`ServedPage.only_child_model`), that type's page at the path's `url_path`, in one query with
  what its page needs (`routing_queryset`) and whether a view restriction applies to it; then its
  ancestors in one query, kept on it as Wagtail's route keeps them (treebeard's parent cache), for
  the breadcrumbs and the view-restriction check. A path that finds nothing so (an unknown slug,
  a version URL, a page of another type) is routed by Wagtail as before, so a 404 is Wagtail's.
"""

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce, Length, Substr
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.http.request import split_domain_port

from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import post_page_move

from story import generation
from story.serving import PARENT_ATTRIBUTE, ServedPage, path_and_above

SITES_KEY = "story:sites"
#: A safety net for a site changed without signals (SQL by hand): read again after this long.
SITES_TIMEOUT = 10 * 60

# Wagtail's order of preference (`wagtail.models.sites`).
MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT, MATCH_DEFAULT, MATCH_HOSTNAME = range(4)


def all_sites() -> list[Site]:
    """Every site with its root page, from the shared cache (read from the database on a miss,
    or when the cache is away)."""
    sites = cache.get(SITES_KEY)
    if sites is None:
        sites = list(Site.objects.select_related("root_page"))
        cache.set(SITES_KEY, sites, SITES_TIMEOUT)
    return sites


def forget_sites(**kwargs) -> None:
    cache.delete(SITES_KEY)


def forget_sites_if_root(instance, **kwargs) -> None:
    """A page that is a site's root changed: its title, path or place is in the cached sites."""
    if any(site.root_page_id == instance.pk for site in cache.get(SITES_KEY) or ()):
        forget_sites()


def connect_signals() -> None:
    """Per model, not for every model: a `post_delete` receiver stops Django deleting a model's
    rows in bulk, which cascades rely on."""
    post_save.connect(forget_sites, sender=Site, dispatch_uid="story_routing_site_saved")
    post_delete.connect(forget_sites, sender=Site, dispatch_uid="story_routing_site_deleted")
    for model in (Page, *get_page_models()):
        uid = f"story_routing_root_{model._meta.label_lower}"
        post_save.connect(forget_sites_if_root, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(forget_sites_if_root, sender=model, dispatch_uid=f"{uid}_deleted")
    post_page_move.connect(forget_sites_if_root, dispatch_uid="story_routing_root_moved")


def site_for_host(sites: list[Site], hostname: str, port: int) -> Site | None:
    """The site Wagtail's `get_site_for_hostname` gives for `hostname` and `port` (None where it
    raises `Site.DoesNotExist`), chosen from `sites` in the same order of preference."""

    def match(site: Site) -> int:
        if site.hostname == hostname and site.port == port:
            return MATCH_HOSTNAME_PORT
        if site.hostname == hostname and site.is_default_site:
            return MATCH_HOSTNAME_DEFAULT
        if site.is_default_site:
            return MATCH_DEFAULT
        return MATCH_HOSTNAME

    candidates = sorted(
        (site for site in sites if site.hostname == hostname or site.is_default_site), key=match
    )
    if not candidates:
        return None
    best = match(candidates[0])
    if len(candidates) == 1 or best in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return candidates[0]
    if best == MATCH_DEFAULT:  # a sole hostname match beats the default
        return candidates[len(candidates) == 2]
    return None


def model_at_depth(root: Page, levels: int) -> type[ServedPage] | None:
    """The one page type a page `levels` below `root` can have, if the types on the way down each
    allow just one (our types only)."""
    model = root.specific_class
    for _ in range(levels):
        if model is None or not issubclass(model, ServedPage):
            return None
        model = model.only_child_model()
    return model


def view_restricted():
    """Whether a view restriction applies to the page of the outer query: on it (an alias: on its
    original) or on a page above it. Right unless a page above it is an alias (whose original's
    restrictions count instead), which `route_in_one_query` checks once the ancestors are read."""
    return Exists(
        PageViewRestriction.objects.filter(
            Q(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
            | Q(page_id=Coalesce(OuterRef("alias_of_id"), OuterRef("pk")))
        )
    )


def found_at(model, root: Page, components: list[str]) -> tuple[Page, list[Page]] | None:
    """The page of `model` at `components` below `root` (with whether a view restriction
    applies to it) and its ancestors from `root` down, in two queries; None if there is none."""
    page = (
        model.routing_queryset()
        .filter(
            url_path=f"{root.url_path}{'/'.join(components)}/",
            depth=root.depth + len(components),
            path__startswith=root.path,
        )
        .annotate(view_restricted=view_restricted())
        .first()
    )
    if page is None:
        return None
    above = list(Page.objects.filter(path__in=path_and_above(page)[1:-1]).order_by("path"))
    if len(above) != len(components):  # the tree is being changed under us: Wagtail's way
        return None
    return page, above


def route_in_one_query(request, site: Site, components: list[str]):
    """Wagtail's route result for `components` below `site`'s root, or None to let Wagtail
    route (nothing found this way). Raises Http404 as Wagtail's route does for a page that is
    not live.

    For readers (not signed in) what is found is kept in the shared cache until the content
    changes (`story.generation`: a page saved, published, moved, deleted or restricted), so a
    page read again costs no query to find. Signed-in users, whose pages show draft details
    (the user bar), always read the tree. What is not found is not kept.
    """
    root = site.root_page
    model = model_at_depth(root, len(components))
    if model is None:
        return None
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        found = found_at(model, root, components)
    else:
        key = generation.versioned_key("route", root.pk, components)
        found = cache.get(key)
        if found is None:
            found = found_at(model, root, components)
            if found is not None:
                cache.set(key, found, generation.TIMEOUT)
    if found is None:
        return None
    page, above = found
    for parent, child in zip(above, [*above[1:], page], strict=True):
        setattr(child, PARENT_ATTRIBUTE, parent)
    if any(ancestor.alias_of_id for ancestor in above):
        del page.view_restricted  # an original's restrictions count: Wagtail's query decides
    return page.route(request, [])


class RoutingMiddleware:
    """Gives Wagtail the request's site (every view) and page (its serve view) from
    `all_sites` and `route_in_one_query`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not hasattr(request, "_wagtail_site"):
            hostname = split_domain_port(request._get_raw_host())[0]
            request._wagtail_site = site_for_host(all_sites(), hostname, request.get_port())
        site = request._wagtail_site
        if view_func is not wagtail_views.serve or site is None:
            return None
        if hasattr(request, "_wagtail_route_for_request"):
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        components = [part for part in path.split("/") if part]
        if not components:
            return None  # the site's root page: Wagtail loads it, one query
        try:
            result = route_in_one_query(request, site, components)
        except Http404:
            result = None
            request._wagtail_route_for_request = None  # as Wagtail records a 404
        else:
            if result is not None:
                request._wagtail_route_for_request = result
        return None
