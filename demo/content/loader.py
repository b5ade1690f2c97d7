"""Builds the demo site from `demo/content/*` data. Creates what is missing and leaves what
exists alone, so running it twice changes nothing and never overwrites an editor's work."""

import json
import re
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction

from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, Site

from demo.content.experiences import EXPERIENCE_PAGES
from demo.content.national_data import NATIONAL_DATA_PAGES
from demo.content.national_indicators import INDICATORS
from demo.content.organisational import ORGANISATIONAL_PAGES
from demo.content.organisations import ORGANISATIONS
from demo.content.sources import SOURCES, demo_document_text
from demo.content.story import (
    LAST_UPDATED,
    NEXT_UPDATE,
    SECTIONS,
    VISION_STATEMENTS,
)
from evidence.models import Organisation, Source
from home.models import HomePage, HomePageFeaturedPage
from indicators.loading import create_indicator
from indicators.models import Indicator
from sitewide.models import SiteSettings, SiteSettingsPartner, SiteSettingsSuggestedSearch
from story.models import SectionPage, StoryIndexPage, VisionStatement, VisionStatementPage

# The partners named in the footer, on the home page and in page citations, in this order.
PARTNER_SLUGS = ("cosla", "scottish-government", "the-promise-scotland")
# Offered when a search finds nothing; each finds something in the demo content.
SUGGESTED_SEARCHES = ("mental health", "education", "family support", "Care Inspectorate")
# The pages of each lens's section (`SectionPage.lens`).
PAGES_BY_LENS = {
    "quantitative": NATIONAL_DATA_PAGES,
    "organisational": ORGANISATIONAL_PAGES,
    "experiential": EXPERIENCE_PAGES,
}
# Documents in this collection are served to readers (story/migrations/0004_document_review.py).
PUBLISHED_DOCUMENTS = "Published documents"
EVIDENCE_TOKEN = re.compile(r"\[\[(source|organisation):([\w-]+)\|(.+?)\]\]", re.DOTALL)

HOME_INTRODUCTION = (
    "<p>The Promise Story of Progress brings together national data, what organisations are "
    "learning, and people's experiences, to show how Scotland is keeping the promise to care "
    "experienced children, young people and families.</p>"
)
PARTNERS_INTRODUCTION = (
    "<p>This work is being developed through a collaborative approach between COSLA, the "
    "Scottish Government and The Promise Scotland. It is also informed by the Promise "
    "Collective, a group of key national bodies including "
    "[[organisation:police-scotland|Police Scotland]], the "
    "[[organisation:sfrs|Scottish Fire and Rescue Service]], "
    "[[organisation:public-health-scotland|Public Health Scotland]], the "
    "[[organisation:care-inspectorate|Care Inspectorate]], "
    "[[organisation:who-cares-scotland|Who Cares? Scotland]], "
    "[[organisation:celcis|CELCIS]] and the "
    "[[organisation:improvement-service|Improvement Service]], who have contributed qualitative "
    "insights.</p>"
)
STORY_INTRODUCTION = (
    "<p>The Promise Story of Progress looks at progress through three lenses: national data "
    "through the Promise Progress Framework, organisational learning, and experience. Together "
    "they create a richer picture of progress than any could alone.</p>"
)


class DemoLoader:
    def __init__(self, log=lambda message: None):
        self.log = log
        self.organisations: dict[str, Organisation] = {}
        self.sources: dict[str, Source] = {}
        self.indicators: dict[str, Indicator] = {}

    @transaction.atomic
    def run(self) -> None:
        self.load_organisations()
        self.load_sources()
        self.load_indicators()
        statements = self.load_vision_statements()
        home, site = self.ensure_home()
        self.ensure_site_settings(site)
        story_index = self.ensure_page(
            home,
            StoryIndexPage,
            slug="story-of-progress",
            title="Story of Progress",
            introduction=STORY_INTRODUCTION,
        )
        featured: list[VisionStatementPage] = []
        for data in SECTIONS:
            section = self.ensure_page(
                story_index,
                SectionPage,
                slug=data["slug"],
                title=data["title"],
                lens=data["lens"],
                introduction=self.link_evidence(data["introduction"]),
                what_is_this=self.link_evidence(data["what_is_this"]),
                background=self.link_evidence(data["background"]),
            )
            pages = self.load_vision_statement_pages(
                section, statements, PAGES_BY_LENS[data["lens"]]
            )
            if data["lens"] == "organisational":
                featured = pages
        self.fill_home(home, featured)

    # Evidence

    def load_organisations(self) -> None:
        for data in ORGANISATIONS:
            organisation = Organisation.objects.filter(slug=data["slug"]).first()
            if organisation is None:
                organisation = Organisation(**data)
                self.publish_snippet(organisation)
                self.log(f"Organisation: {organisation}")
            self.organisations[data["slug"]] = organisation

    def load_sources(self) -> None:
        for data in SOURCES:
            data = dict(data)
            organisation_slugs = data.pop("organisations")
            source = Source.objects.filter(slug=data["slug"]).first()
            if source is None:
                source = Source(**data)
                source.organisations = [self.organisations[slug] for slug in organisation_slugs]
                if not source.url:
                    source.document = self.demo_document(data, source.organisations.all())
                self.publish_snippet(source)
                self.log(f"Source: {source}")
            self.sources[data["slug"]] = source

    def load_indicators(self) -> None:
        """The national data lens's indicators, published with their (illustrative) figures."""
        for data in INDICATORS:
            indicator = Indicator.objects.filter(slug=data["slug"]).first()
            if indicator is None:
                indicator = create_indicator(
                    **{
                        **data,
                        "source": self.sources[data["source"]],
                        "last_updated": date.fromisoformat(data["last_updated"]),
                        "next_update": date.fromisoformat(data["next_update"]),
                    }
                )
                self.log(f"Indicator: {indicator}")
            self.indicators[data["slug"]] = indicator

    def demo_document(self, data: dict, organisations) -> object:
        """A text file standing in for a source with no URL, released to readers."""
        text = demo_document_text(data, [organisation.name for organisation in organisations])
        document = get_document_model()(
            title=f"{data['title']} (demonstration document, not the original)",
            collection=Collection.objects.get(name=PUBLISHED_DOCUMENTS),
            file=ContentFile(text.encode(), name=f"demo-{data['slug']}.txt"),
        )
        document.save()
        self.log(f"Document: {document}")
        return document

    @staticmethod
    def publish_snippet(obj) -> None:
        obj.save()
        obj.save_revision().publish()

    def link_evidence(self, html: str) -> str:
        """[[source:slug|words]] to the stored form `<a linktype="source" id="N">words</a>`."""

        def replace(match: re.Match) -> str:
            linktype, slug, text = match.groups()
            registry = self.sources if linktype == "source" else self.organisations
            return f'<a linktype="{linktype}" id="{registry[slug].pk}">{text}</a>'

        return EVIDENCE_TOKEN.sub(replace, html)

    # Story of Progress

    def load_vision_statements(self) -> dict[int, VisionStatement]:
        statements = {}
        for number, short_name, foundation, wording in VISION_STATEMENTS:
            statements[number], created = VisionStatement.objects.get_or_create(
                number=number,
                defaults={
                    "short_name": short_name,
                    "foundation": foundation,
                    "full_wording": wording,
                },
            )
            if created:
                self.log(f"Vision statement: {statements[number]}")
        return statements

    def load_vision_statement_pages(self, section, statements, pages) -> list[VisionStatementPage]:
        created = []
        for data in pages:
            statement = statements[data["number"]]
            created.append(
                self.ensure_page(
                    section,
                    VisionStatementPage,
                    slug=data["slug"],
                    title=statement.short_name,
                    vision_statement=statement,
                    summary=data["summary"],
                    body=json.dumps([self.stream_item(item) for item in data["body"]]),
                    last_updated=date.fromisoformat(LAST_UPDATED),
                    next_update_expected=date.fromisoformat(NEXT_UPDATE),
                )
            )
        return created

    def stream_item(self, item: tuple) -> dict:
        """A `(block type, value)` of the content modules as stored StreamField data: evidence
        tokens and slugs become ids (`BLOCK_CONVERTERS`)."""
        block_type, value = item
        return {"type": block_type, "value": BLOCK_CONVERTERS.get(block_type, keep)(self, value)}

    def source_id(self, slug: str) -> int:
        return self.sources[slug].pk

    def organisation_id(self, slug: str | None) -> int | None:
        return self.organisations[slug].pk if slug else None

    def experience(self, value: dict, *rich_text_fields: str) -> dict:
        return {
            **value,
            **{name: self.link_evidence(value[name]) for name in rich_text_fields},
            "source": self.source_id(value["source"]),
            "organisation": self.organisation_id(value.get("organisation")),
        }

    # Pages

    def ensure_home(self) -> tuple[HomePage, Site]:
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's migrations leave a placeholder "Welcome" page at the slug we want.
            for placeholder in root.get_children().filter(slug="home"):
                if placeholder.specific_class is Page:
                    placeholder.delete()
            home = root.add_child(
                instance=HomePage(
                    title="The Promise Story of Progress",
                    slug="home",
                    introduction=HOME_INTRODUCTION,
                    partners_introduction=self.link_evidence(PARTNERS_INTRODUCTION),
                )
            )
            home.save_revision().publish()
            self.log("Home page")
        site = Site.objects.filter(is_default_site=True).first() or Site(
            hostname="localhost", port=80, is_default_site=True
        )
        if site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = "Story of Progress"
            site.save()
        return home, site

    def ensure_site_settings(self, site: Site) -> None:
        """Names the partners and suggested searches in the demo site's settings, unless an
        editor already chose some."""
        site_settings = SiteSettings.objects.filter(site=site).first()
        if site_settings is None:
            site_settings = SiteSettings.objects.create(site=site)
            self.log("Site settings")
        if not site_settings.partners.exists():
            for order, slug in enumerate(PARTNER_SLUGS):
                SiteSettingsPartner.objects.create(
                    site_settings=site_settings,
                    organisation=self.organisations[slug],
                    sort_order=order,
                )
        if not site_settings.suggested_searches.exists():
            SiteSettingsSuggestedSearch.objects.bulk_create(
                SiteSettingsSuggestedSearch(site_settings=site_settings, query=query, sort_order=i)
                for i, query in enumerate(SUGGESTED_SEARCHES)
            )

    def ensure_page(self, parent: Page, page_class, *, slug: str, **fields):
        existing = page_class.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            return existing
        page = parent.add_child(instance=page_class(slug=slug, **fields))
        page.save_revision().publish()
        self.log(f"Page: {page.url_path}")
        return page

    def fill_home(self, home: HomePage, featured: list[VisionStatementPage]) -> None:
        if not home.featured_pages.exists():
            for order, page in enumerate(featured[:3]):
                HomePageFeaturedPage.objects.create(page=home, featured_page=page, sort_order=order)


def keep(loader: DemoLoader, value):
    return value


BLOCK_CONVERTERS = {
    "narrative": DemoLoader.link_evidence,
    "learning": lambda loader, value: {**value, "text": loader.link_evidence(value["text"])},
    "evidence_highlight": lambda loader, value: {
        **value,
        "source": loader.source_id(value["source"]),
    },
    "experience_quote": lambda loader, value: loader.experience(value),
    "experience_theme": lambda loader, value: loader.experience(value, "summary"),
    "indicator": lambda loader, value: {
        "indicator": loader.indicators[value["indicator"]].pk,
        "introduction": loader.link_evidence(value["introduction"]),
        "commentary": loader.link_evidence(value["commentary"]),
    },
}
