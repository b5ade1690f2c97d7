"""RSS and Atom feeds of recently published or updated Story of Progress pages, sources and
indicators.

Items are plain records built in `get_object`, so the shared feed instance keeps no request
state between requests, and the whole feed costs a fixed number of queries.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from evidence.bibliography import clean
from evidence.models import Source
from evidence.public_pages import public_pages
from indicators.models import ILLUSTRATIVE_NOTICE, Indicator
from sitewide.models import SiteSettings
from sitewide.seo import DEFAULT_DESCRIPTION, page_description, plain_text, site_root_url
from story.models import SectionPage, StoryIndexPage, VisionStatementPage

ITEM_LIMIT = 20


@dataclass
class Update:
    """One feed item, its text already fit for XML 1.0: a control character an editor pasted
    (U+000B from Word, say) would make the whole feed fail, so it is dropped here."""

    title: str
    url: str
    description: str
    category: str
    published: datetime | None
    updated: datetime

    def __post_init__(self):
        self.title, self.description = clean(self.title), clean(self.description)


@dataclass
class FeedContext:
    site_name: str
    root_url: str
    feed_url: str
    updates: list[Update]


def recent_updates(request, limit: int = ITEM_LIMIT) -> list[Update]:
    newest_first = F("last_published_at").desc()
    pages = (
        public_pages()
        .type(StoryIndexPage, SectionPage, VisionStatementPage)
        .filter(last_published_at__isnull=False)
        .order_by(newest_first)[:limit]
        .specific()
    )
    sources = (
        Source.objects.live().filter(last_published_at__isnull=False).order_by(newest_first)[:limit]
    )
    indicators = (
        Indicator.objects.live()
        .filter(last_published_at__isnull=False)
        .order_by(newest_first)[:limit]
    )
    root_url = site_root_url(request)
    updates = (
        [
            Update(
                title=page.title,
                url=page.get_full_url(request),
                description=page_description(page),
                category="Page",
                published=page.first_published_at,
                updated=page.last_published_at,
            )
            for page in pages
        ]
        + [
            Update(
                title=source.title,
                url=f"{root_url}{source.public_url}",
                description=plain_text(source.summary) or f"{source.get_resource_type_display()}.",
                category="Source",
                published=source.first_published_at,
                updated=source.last_published_at,
            )
            for source in sources
        ]
        + [
            Update(
                title=indicator.name,
                url=f"{root_url}{indicator.public_url}",
                description=" ".join(
                    [
                        f"{ILLUSTRATIVE_NOTICE}." if indicator.illustrative else "",
                        indicator.what_it_measures,
                    ]
                ).strip(),
                category="Indicator",
                published=indicator.first_published_at,
                updated=indicator.last_published_at,
            )
            for indicator in indicators
        ]
    )
    return sorted(updates, key=lambda update: update.updated, reverse=True)[:limit]


class UpdatesFeed(Feed):
    feed_url_name = "updates_rss"

    def get_object(self, request, *args, **kwargs) -> FeedContext:
        root_url = site_root_url(request)
        return FeedContext(
            site_name=clean(SiteSettings.for_reader(request).site_name),
            root_url=root_url,
            feed_url=f"{root_url}{reverse(self.feed_url_name)}",
            updates=recent_updates(request),
        )

    def title(self, obj: FeedContext) -> str:
        return f"{obj.site_name}: updates"

    def description(self, obj: FeedContext) -> str:
        return (
            f"{obj.site_name} pages, sources and indicators, newest first, as they are "
            "published or updated."
        )

    def link(self, obj: FeedContext) -> str:
        return f"{obj.root_url}/"

    def feed_url(self, obj: FeedContext) -> str:
        return obj.feed_url

    def items(self, obj: FeedContext) -> list[Update]:
        return obj.updates

    def item_title(self, item: Update) -> str:
        return item.title

    def item_description(self, item: Update) -> str:
        return item.description or DEFAULT_DESCRIPTION

    def item_link(self, item: Update) -> str:
        return item.url

    def item_categories(self, item: Update) -> list[str]:
        return [item.category]

    def item_pubdate(self, item: Update) -> datetime:
        """RSS readers sort by this date, so it is when the item was last published."""
        return item.updated

    def item_updateddate(self, item: Update) -> datetime:
        return item.updated


class UpdatesAtomFeed(UpdatesFeed):
    feed_type = Atom1Feed
    feed_url_name = "updates_atom"

    def subtitle(self, obj: FeedContext) -> str:
        return self.description(obj)

    def item_pubdate(self, item: Update) -> datetime | None:
        return item.published
