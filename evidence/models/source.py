"""Sources: the reports, data sets, inspections and insights every claim is tied to."""

from typing import NamedTuple

from django.conf import settings
from django.db import models

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PublishingPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from evidence.models.base import EvidenceQuerySet, EvidenceSnippet, slug_url
from evidence.models.citable import CitableSource
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

    def rows(self) -> dict[int, "SourceRow"]:
        """These sources as `SourceRow`s by id, with the names of their live organisations (by
        name): one query, and no model instance, whatever their number."""
        rows: dict[int, SourceRow] = {}
        makers: dict[int, list[OrganisationRow]] = {}
        made_by = self.annotate(
            made_by=models.FilteredRelation(
                "organisations", condition=models.Q(organisations__live=True)
            )
        )
        for *columns, name, slug, short_name in made_by.order_by("made_by__name").values_list(
            *SourceRow.COLUMNS, "made_by__name", "made_by__slug", "made_by__short_name"
        ):
            if columns[0] not in rows:
                rows[columns[0]] = SourceRow(*columns)
                makers[columns[0]] = []
            if name is not None:
                makers[columns[0]].append(OrganisationRow(name, slug, short_name))
        for source_id, row in rows.items():
            row.live_organisations = tuple(makers[source_id])
            row.organisation_names = tuple(maker.name for maker in makers[source_id])
        return rows


class Source(CitableSource, EvidenceSnippet, ClusterableModel):
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
    def live_organisations(self) -> list[Organisation]:
        """Who made it, as readers may see them: an unpublished organisation never shows.

        Filtered here rather than in the query so that whatever a caller prefetched, a public
        page cannot show an unpublished organisation; callers prefetch the live ones only.
        """
        return [organisation for organisation in self.organisations.all() if organisation.live]

    @property
    def organisation_names(self) -> list[str]:
        return [organisation.name for organisation in self.live_organisations]

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


RESOURCE_TYPE_LABELS = dict(Source.ResourceType.choices)


class OrganisationRow(NamedTuple):
    """A live organisation that made a source, as a page citing the source links it."""

    name: str
    slug: str
    short_name: str

    @property
    def public_url(self) -> str:
        return slug_url(Organisation.public_url_name, self.slug)

    @property
    def display_name(self) -> str:
        """As the model's: "Name (SHORT)" when the short name says something more."""
        if self.short_name and self.short_name != self.name:
            return f"{self.name} ({self.short_name})"
        return self.name


class SourceRow(CitableSource):
    """A source as a page that cites it shows it: its columns, its live organisations' names and
    its public URL, read in bulk without a model instance (`SourceQuerySet.rows`). Its reference
    and schema.org description are the model's own (`CitableSource`)."""

    COLUMNS = (
        "id",
        "title",
        "slug",
        "resource_type",
        "authors",
        "year",
        "url",
        "doi",
        "summary",
        "citation_override",
    )
    __slots__ = (*COLUMNS, "organisation_names", "live_organisations", "public_url")
    linktype = Source.linktype

    def __init__(self, *columns, organisation_names: tuple[str, ...] = ()):
        for name, value in zip(self.COLUMNS, columns, strict=True):
            setattr(self, name, value)
        self.organisation_names = organisation_names  # filled in by `SourceQuerySet.rows`
        self.live_organisations: tuple[OrganisationRow, ...] = ()  # and so are these
        self.public_url = slug_url(Source.public_url_name, self.slug) if self.slug else ""

    def get_resource_type_display(self) -> str:
        """As the model's: the label of its type, or the stored value of a type since removed."""
        return RESOURCE_TYPE_LABELS.get(self.resource_type, self.resource_type)

    def absolute_public_url(self, root_url: str) -> str:
        return f"{root_url}{self.public_url}" if self.public_url else ""
