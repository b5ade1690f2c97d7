"""Organisations: who made the evidence, and who makes the Story of Progress."""

from django.conf import settings
from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PublishingPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from evidence.models.base import EvidenceSnippet
from evidence.usage import live_pages_citing


class Organisation(EvidenceSnippet):
    class Kind(models.TextChoices):
        NATIONAL_BODY = "national_body", "National public body"
        GOVERNMENT = "government", "Government"
        LOCAL_GOVERNMENT = "local_government", "Local government"
        INSPECTORATE = "inspectorate", "Inspection and regulation"
        POLICE_AND_FIRE = "police_fire", "Police and fire services"
        HEALTH = "health", "Health"
        THIRD_SECTOR = "third_sector", "Third sector"
        ACADEMIC = "academic", "Academic and research"
        IMPROVEMENT = "improvement", "Improvement and leadership"

    name = models.CharField(max_length=255, unique=True)
    short_name = models.CharField(max_length=50, blank=True, help_text="For example COSLA.")
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    description = RichTextField(features=settings.RICH_TEXT_PLAIN_FEATURES, blank=True)
    website = models.URLField(blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_partner = models.BooleanField(
        "Story of Progress partner",
        default=False,
        help_text="COSLA, the Scottish Government and The Promise Scotland develop the work.",
    )
    is_promise_collective_member = models.BooleanField(
        "Promise Collective member",
        default=False,
        help_text="National bodies that contribute qualitative insights.",
    )

    linktype = "organisation"
    public_url_name = "evidence:organisation_detail"
    preview_template = "evidence/organisation_detail.html"

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("kind")]),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("is_partner"), FieldPanel("is_promise_collective_member")],
            heading="Membership",
        ),
        PublishingPanel(),  # go-live and expiry dates, run by publish_scheduled
    ]

    search_fields = [
        index.SearchField("name", boost=5),
        index.AutocompleteField("name"),
        index.SearchField("short_name", boost=5),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("live"),
        index.FilterField("is_partner"),
        index.FilterField("is_promise_collective_member"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        if self.short_name and self.short_name != self.name:
            return f"{self.name} ({self.short_name})"
        return self.name

    def slug_base(self) -> str:
        return self.short_name or self.name

    def schema_org_reference(self, root_url: str) -> dict:
        reference = {
            "@type": "Organization",
            "name": self.name,
            "url": self.absolute_public_url(root_url),
        }
        return {key: value for key, value in reference.items() if value}

    def get_metadata(self, describer):
        """Head metadata for its public page (`sitewide.seo` supplies what is site-wide)."""
        return describer.thing(
            title=self.name,
            summary=self.description,
            canonical_url=self.absolute_public_url(describer.root_url),
            **{
                "@type": "Organization",
                "alternateName": self.short_name if self.short_name != self.name else "",
                "sameAs": self.website,
                "description": describer.plain_text(self.description),
            },
        )

    def public_context(self) -> dict:
        """Its live sources (with their live organisations) and the live pages citing either."""
        if not self.pk:  # a preview before the first save
            return {"organisation": self, "sources": [], "cited_in": []}
        sources = list(self.sources.live().with_live_organisations())
        return {
            "organisation": self,
            "sources": sources,
            "cited_in": live_pages_citing(self, *sources),
        }
