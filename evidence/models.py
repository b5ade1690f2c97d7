"""Sources and the organisations that made them: the evidence every narrative cites.

Both are snippets with drafts, revisions, locking, workflow and previews, because a change to
a source changes the meaning of every page that cites it and so must be reviewed like a page.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PublishingPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from evidence.bibliography import CitationRecord, to_apa
from evidence.usage import live_pages_citing
from evidence.widgets import MultipleSnippetChooser


class EvidenceQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)


class SourceQuerySet(EvidenceQuerySet):
    def with_live_organisations(self):
        """Prefetch the live organisations (by name) that `live_organisations` and citations read:
        one query for any number of sources, and no unpublished organisation in public."""
        return self.prefetch_related(
            models.Prefetch("organisations", queryset=Organisation.objects.live().order_by("name"))
        )


# The schema.org type of each kind of source; anything else is a CreativeWork.
SCHEMA_TYPES = {
    "report": "Report",
    "inspection": "Report",
    "evaluation": "Report",
    "data_set": "Dataset",
}


def unique_slug(instance: models.Model, value: str) -> str:
    """A slug from `value` that no other row of the same model uses."""
    base = slugify(value)[:80] or "item"
    candidate, counter = base, 2
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    while others.filter(slug=candidate).exists():
        candidate = f"{base}-{counter}"
        counter += 1
    return candidate


class EvidenceSnippet(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """What sources and organisations share: review before publishing, a public page by slug
    (free to change, because rich text stores the id), and a preview of that page."""

    public_url_name: str
    preview_template: str
    linktype: str  # the rich text link type that cites it: `<a linktype="source" id="12">`

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        abstract = True

    def slug_base(self) -> str:
        raise NotImplementedError

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.slug_base())
        super().save(*args, **kwargs)

    @property
    def public_url(self) -> str:
        return reverse(self.public_url_name, kwargs={"slug": self.slug})

    def get_absolute_url(self) -> str:
        return self.public_url

    def absolute_public_url(self, root_url: str) -> str:
        """The public URL on the site at `root_url`; "" for an unsaved object (a preview)."""
        return f"{root_url}{self.public_url}" if self.slug else ""

    def get_preview_template(self, request, mode_name):
        return self.preview_template

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), **self.public_context()}

    def public_context(self) -> dict:
        """The template context of the public page (and of its preview)."""
        raise NotImplementedError


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


class Source(EvidenceSnippet, ClusterableModel):
    class ResourceType(models.TextChoices):
        REPORT = "report", "Report"
        DATA_SET = "data_set", "Data set"
        INSPECTION = "inspection", "Inspection"
        QUALITATIVE_INSIGHT = "qualitative_insight", "Qualitative insight"
        EVALUATION = "evaluation", "Evaluation"
        RESEARCH = "research", "Research"
        POLICY = "policy", "Policy or strategy"
        GUIDANCE = "guidance", "Guidance"

    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    resource_type = models.CharField(max_length=32, choices=ResourceType.choices)
    authors = models.TextField(
        blank=True,
        help_text="One author a line as 'Surname, Initials.', for example 'Sharp, C.'. "
        "Leave empty when an organisation is the author.",
    )
    organisations = ParentalManyToManyField(
        Organisation, related_name="sources", blank=True, help_text="Who made this source."
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    publication_date = models.DateField(null=True, blank=True)
    url = models.URLField("URL", blank=True, max_length=500)
    doi = models.CharField("DOI", max_length=255, blank=True, help_text="For example 10.1000/xyz")
    summary = models.TextField("Summary or abstract", blank=True)
    purpose_and_context = RichTextField(
        "Original purpose and context",
        features=settings.RICH_TEXT_PLAIN_FEATURES,
        blank=True,
        help_text="Why the source was made, for whom, and what it can and cannot show.",
    )
    licence = models.CharField(max_length=255, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    citation_override = models.TextField(
        blank=True, help_text="Replaces the generated APA citation when filled in."
    )

    linktype = "source"
    public_url_name = "evidence:source_detail"

    objects = SourceQuerySet.as_manager()
    preview_template = "evidence/source_detail.html"

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("resource_type"), FieldPanel("slug")]),
        FieldPanel("authors"),
        FieldPanel(
            "organisations",
            widget=MultipleSnippetChooser(
                Organisation, add_label="Add organisations", empty_label="No organisations yet."
            ),
        ),
        FieldRowPanel(
            [
                FieldPanel(
                    "year",
                    help_text="Year of publication, as cited. Left empty, it is filled from "
                    "the publication date.",
                ),
                FieldPanel(
                    "publication_date",
                    help_text="Exact date, if known; it fills an empty year.",
                ),
            ]
        ),
        FieldRowPanel([FieldPanel("url"), FieldPanel("doi")]),
        FieldPanel("summary"),
        FieldPanel("purpose_and_context"),
        FieldRowPanel([FieldPanel("licence"), FieldPanel("document")]),
        FieldPanel("citation_override"),
        PublishingPanel(),  # go-live and expiry dates, run by publish_scheduled
    ]

    search_fields = [
        index.SearchField("title", boost=5),
        index.AutocompleteField("title"),
        index.SearchField("authors", boost=2),
        index.SearchField("summary"),
        index.SearchField("purpose_and_context"),
        index.RelatedFields(
            "organisations",
            [index.SearchField("name", boost=2), index.SearchField("short_name", boost=2)],
        ),
        index.FilterField("resource_type"),
        index.FilterField("year"),
        index.FilterField("live"),
        index.FilterField("id"),  # the chooser's organisation filter (evidence/choosers.py)
    ]

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def slug_base(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.publication_date and not self.year:
            self.year = self.publication_date.year
        super().save(*args, **kwargs)

    @property
    def author_list(self) -> list[str]:
        return [line.strip() for line in self.authors.splitlines() if line.strip()]

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def link(self) -> str:
        """Where the original lives: the DOI if there is one, else the URL."""
        return self.doi_url or self.url

    @property
    def live_organisations(self) -> list[Organisation]:
        """Who made it, as readers may see them: an unpublished organisation never shows.

        Filtered here rather than in the query so that whatever a caller prefetched, a public
        page cannot show an unpublished organisation; callers prefetch the live ones only.
        """
        return [organisation for organisation in self.organisations.all() if organisation.live]

    def citation_record(self) -> CitationRecord:
        return CitationRecord(
            key=self.slug,
            title=self.title,
            kind="dataset" if self.resource_type == self.ResourceType.DATA_SET else "report",
            authors=tuple(self.author_list),
            organisations=tuple(organisation.name for organisation in self.live_organisations),
            year=self.year,
            url=self.url,
            doi=self.doi,
            abstract=self.summary,
        )

    @property
    def citation(self) -> str:
        """APA citation: the editor's override if any, else generated from the record."""
        if self.citation_override.strip():
            return self.citation_override.strip()
        return to_apa(self.citation_record())

    @property
    def schema_type(self) -> str:
        """The schema.org type search engines know it by."""
        return SCHEMA_TYPES.get(self.resource_type, "CreativeWork")

    def schema_org_reference(self, root_url: str) -> dict:
        reference = {
            "@type": self.schema_type,
            "name": self.title,
            "url": self.absolute_public_url(root_url),
        }
        if self.link:
            reference["sameAs"] = self.link
        return reference

    def get_metadata(self, describer):
        """Head metadata for its public page (`sitewide.seo` supplies what is site-wide)."""
        root_url = describer.root_url
        organisations = [o.schema_org_reference(root_url) for o in self.live_organisations]
        people = [{"@type": "Person", "name": name} for name in self.author_list]
        published = self.publication_date.isoformat() if self.publication_date else self.year
        data = {
            "@type": self.schema_type,
            "author": people or organisations,
            "creator": organisations,
            "datePublished": str(published or ""),
            "sameAs": [link for link in (self.doi_url, self.url) if link],
            "abstract": self.summary,
            "license": self.licence,
            "isPartOf": describer.website(),
        }
        if self.doi:
            data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": self.doi}
        return describer.thing(
            title=self.title,
            summary=describer.plain_text(self.summary)
            or describer.plain_text(self.purpose_and_context),
            canonical_url=self.absolute_public_url(root_url),
            **data,
        )

    def public_context(self) -> dict:
        return {
            "source": self,
            "organisations": self.live_organisations,
            "cited_in": live_pages_citing(self) if self.pk else [],
        }


class FormerSlug(models.Model):
    """A slug a source or organisation was public under before it changed (see
    `evidence.former_slugs`): its old URLs answer with a 301 to the current ones."""

    slug = models.SlugField(max_length=100)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.CASCADE, related_name="former_slugs"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="former_slugs"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source__isnull=False, organisation__isnull=True)
                | models.Q(source__isnull=True, organisation__isnull=False),
                name="former_slug_of_one_thing",
            )
        ]

    def __str__(self) -> str:
        return self.slug
