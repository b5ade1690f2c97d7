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

from evidence.citation import format_apa_citation


class EvidenceQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)


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

    def get_preview_template(self, request, mode_name):
        return self.preview_template

    def get_preview_context(self, request, mode_name):
        from evidence.views import public_context

        return {**super().get_preview_context(request, mode_name), **public_context(self)}


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

    public_url_name = "evidence:source_detail"
    preview_template = "evidence/source_detail.html"

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("resource_type"), FieldPanel("slug")]),
        FieldPanel("authors"),
        FieldPanel("organisations"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("publication_date")]),
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
    def citation(self) -> str:
        """APA citation: the editor's override if any, else generated from the record."""
        if self.citation_override.strip():
            return self.citation_override.strip()
        return format_apa_citation(
            authors=self.author_list,
            organisations=[organisation.name for organisation in self.organisations.all()],
            year=self.year,
            title=self.title,
            link=self.link,
        )


class Citation(models.Model):
    """One page citing one source or organisation, in its live version, its latest draft, or both.

    Wagtail's reference index follows live content only; reviewers also need to see what a
    draft awaiting their approval cites. `evidence.audit` keeps these rows in step with page
    revisions and publishing; the evidence audit in the admin lists them.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    vision_statement = models.ForeignKey(
        "story.VisionStatement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    location = models.CharField(max_length=255, help_text="Field and block, e.g. 'body › learning'")
    in_live_version = models.BooleanField("live", default=False)
    in_latest_version = models.BooleanField("latest draft", default=False)

    wagtail_reference_index_ignore = True  # derived data: never a reason to keep evidence

    class Meta:
        ordering = ["page__path", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source__isnull=False, organisation__isnull=True)
                | models.Q(source__isnull=True, organisation__isnull=False),
                name="citation_cites_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_id} cites {self.source or self.organisation}"


class PageEvidenceSummary(models.Model):
    """Per page: how many learning blocks and cited sources its latest version has.

    Lets the audit list "pages with a learning block but no cited source" with one query.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    vision_statement = models.ForeignKey(
        "story.VisionStatement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    learning_blocks = models.PositiveIntegerField(default=0)
    cited_sources = models.PositiveIntegerField(default=0)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["page__path"]
        verbose_name = "page evidence summary"
        verbose_name_plural = "page evidence summaries"

    def __str__(self) -> str:
        return f"Evidence summary of page {self.page_id}"


class UncitedSource(Source):
    """Sources seen from the audit: a proxy so the audit's read-only admin does not take over
    the snippet's edit links. Not searchable and not reference-indexed in its own right."""

    search_fields: list = []
    wagtail_reference_index_ignore = True

    class Meta:
        proxy = True
        verbose_name = "source that no page cites"
        verbose_name_plural = "sources that no page cites"
