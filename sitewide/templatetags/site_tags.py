"""What every page's chrome needs: the site settings, the Story of Progress's place in the tree,
breadcrumbs and pagination. Each is read once per request, however many templates ask."""

from django import template
from django.urls import reverse

from wagtail.models import Page, Site

from sitewide.models import SiteSettings
from story.models import StoryIndexPage
from story.serving import ancestors, loaded_ancestors

register = template.Library()

STORY_INDEX_ATTRIBUTE = "_sitewide_story_index"


@register.simple_tag(takes_context=True)
def site_settings(context) -> SiteSettings:
    """`{% site_settings as site_settings %}`: the request's site settings (one lookup)."""
    return SiteSettings.for_reader(context.get("request"))


@register.simple_tag(takes_context=True)
def quick_exit_url(context) -> str:
    """Where "Leave this site quickly" goes: a neutral site, as the site settings say."""
    return site_settings(context).quick_exit_url


@register.simple_tag(takes_context=True)
def suggested_searches(context, exclude: str = "") -> list[str]:
    """`{% suggested_searches exclude=search_query as suggestions %}`: the searches editors
    suggest (Settings → Site settings), without the one the reader has just made."""
    excluded = " ".join(exclude.split()).casefold()
    return [
        query
        for query in site_settings(context).suggested_search_queries
        if query.casefold() != excluded
    ]


def story_index_for(request, page: Page | None = None) -> Page | None:
    """The live Story of Progress index of the request's site, found by type, not by slug: on a
    page inside the story, the index routing loaded on the way to it (no query)."""
    if request is None:
        return None
    if not hasattr(request, STORY_INDEX_ATTRIBUTE):
        site = Site.find_for_request(request)
        index = None
        if site is not None:
            index = story_index_above(page, site) or (
                StoryIndexPage.objects.live()
                .descendant_of(site.root_page, inclusive=True)
                .only("url_path")
                .order_by("path")
                .first()
            )
        setattr(request, STORY_INDEX_ATTRIBUTE, (site, index))
    return getattr(request, STORY_INDEX_ATTRIBUTE)[1]


def story_index_above(page: Page | None, site: Site) -> Page | None:
    """The live story index that `page` is, or is under, in `site`, from what routing loaded.

    There is one story index (`max_count`), so the one on the way to the page is the one the
    query would find. Ancestors may be loaded as plain pages (`story.routing`): the type is read
    from each page's content type."""
    if page is None:
        return None
    chain = loaded_ancestors(page)
    for candidate in [*(chain or ()), page]:
        if (
            issubclass(candidate.specific_class or Page, StoryIndexPage)
            and candidate.live
            and candidate.path.startswith(site.root_page.path)
        ):
            return candidate
    return None


def site_page_url(site: Site, page: Page) -> str:
    """A page's URL on the request's own site, from the paths already loaded with the site.

    The same URL as `pageurl`, without reading every site's root path to find which site the
    page is on: it was looked for under this site's root.
    """
    return reverse("wagtail_serve", args=[page.url_path[len(site.root_page.url_path) :]])


@register.simple_tag(takes_context=True)
def story_index_url(context) -> str:
    """The URL of the site's Story of Progress index; "" if it has none (links are left out)."""
    request = context.get("request")
    page = context.get("page")
    index = story_index_for(request, page if isinstance(page, Page) else None)
    if index is None:
        return ""
    site, _ = getattr(request, STORY_INDEX_ATTRIBUTE)
    return site_page_url(site, index)


@register.simple_tag
def home_url() -> str:
    """The URL of the request's site's home page: the root page of a site is served at its root."""
    return reverse("wagtail_serve", args=[""])


@register.simple_tag
def page_ancestors(page: Page) -> list[Page]:
    """`{% page_ancestors page as ancestors %}`: the breadcrumbs' pages above `page`, below the
    tree's root; those routing loaded to find it, so no query on a page served normally."""
    return ancestors(page)


@register.simple_tag
def breadcrumb_trail(*labels_and_urls) -> list[tuple[str, str]]:
    """`{% breadcrumb_trail "Sources" sources_url source.title source.public_url as crumbs %}`:
    the (label, url) pairs after Home that `includes/breadcrumbs.html` shows for a view
    outside the page tree."""
    if len(labels_and_urls) % 2:
        raise template.TemplateSyntaxError("breadcrumb_trail takes pairs of label and url")
    return list(zip(labels_and_urls[::2], labels_and_urls[1::2], strict=True))
