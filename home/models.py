from django.conf import settings
from django.db import models
from django.urls import reverse

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from evidence.draft_saves import DraftSavesLeaveReferenceIndex
from evidence.forms import CleanTextPageForm
from evidence.page_evidence import PageEvidence
from evidence.references import references_in
from story.serving import ServedPage


class HomePage(DraftSavesLeaveReferenceIndex, ServedPage, Page):
    """The front door: what the Story of Progress is, who makes it, and where to start.

    Who makes it (the partners' logos) comes from the site settings, the one list of partners
    that the footer, the metadata and page citations read too."""

    introduction = RichTextField(features=settings.RICH_TEXT_INTRO_FEATURES, blank=True)
    partners_introduction = RichTextField(features=settings.RICH_TEXT_INTRO_FEATURES, blank=True)

    base_form_class = CleanTextPageForm  # pasted control characters dropped
    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel(
            "partners_introduction",
            help_text="Shown above the partners' logos. The partners themselves are chosen in "
            "Settings → Site settings.",
        ),
        InlinePanel(
            "featured_pages",
            label="Featured vision statement",
            heading="Featured vision statements",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    # Said outright (it is the only page type that may go here anyway), so that routing finds
    # the Story of Progress in one query instead of Wagtail's two (`story.serving`).
    subpage_types = ["story.StoryIndexPage"]
    max_count = 1

    def get_metadata(self, describer):
        """The home page stands for the whole site: a schema.org WebSite one can search."""
        search_url = describer.absolute_url(reverse("search"))
        return describer.page(
            self,
            **{
                "@type": "WebSite",
                "name": describer.site_name,
                "isPartOf": None,
                "publisher": describer.publishers(),
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": f"{search_url}?q={{search_term_string}}",
                    "query-input": "required name=search_term_string",
                },
            },
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_evidence"] = PageEvidence.collect(
            references_in(self), preview=getattr(request, "is_preview", False)
        )
        context["featured"] = [
            item.featured_page
            for item in self.featured_pages.select_related("featured_page__vision_statement")
            if item.featured_page.live
        ]
        return context


class HomePageFeaturedPage(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_pages")
    featured_page = models.ForeignKey(
        "story.VisionStatementPage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("featured_page")]
