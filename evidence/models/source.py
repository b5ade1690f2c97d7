"""Sources: the reports, data sets, inspections and insights every claim is tied to."""

from django.conf import settings
from django.db import models

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PublishingPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from evidence.bibliography import CitationRecord, to_apa
from evidence.models.base import EvidenceQuerySet, EvidenceSnippet
from evidence.models.organisation import Organisation
from evidence.panels import LinkHealthPanel
from evidence.usage import live_pages_citing
from evidence.widgets import MultipleSnippetChooser


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
        LinkHealthPanel(heading="Link health"),
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
