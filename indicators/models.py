"""The indicator snippet and its figures."""

import re

from django.db import models
from django.urls import reverse

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PublishingPanel,
)
from wagtail.models import Orderable
from wagtail.search import index

from evidence.models import EvidenceQuerySet, EvidenceSnippet, Organisation, Source
from evidence.usage import live_pages_citing
from indicators.forms import IndicatorForm
from indicators.series import IndicatorData, Row

#: Said wherever illustrative figures show (issue 15: demo content must not pass for real).
ILLUSTRATIVE_NOTICE = "Illustrative figures for demonstration, not official statistics"
YEAR = re.compile(r"^\d{4}$")


class IndicatorQuerySet(EvidenceQuerySet):
    def for_display(self):
        """What a chart, its table and its source line read, in three queries for any number:
        the indicators with their sources, their figures, the sources' live makers."""
        return self.select_related("source").prefetch_related(
            "figures",
            models.Prefetch(
                "source__organisations", queryset=Organisation.objects.live().order_by("name")
            ),
        )


class Indicator(EvidenceSnippet, ClusterableModel):
    class Frequency(models.TextChoices):
        ANNUAL = "annual", "Annual"
        BIENNIAL = "biennial", "Every two years"
        QUARTERLY = "quarterly", "Quarterly"
        MONTHLY = "monthly", "Monthly"
        IRREGULAR = "irregular", "Irregular or one-off"

    PERIOD_LABELS = {"annual": "Year", "biennial": "Year", "quarterly": "Quarter"}
    PERIOD_LABELS |= {"monthly": "Month"}

    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    what_it_measures = models.TextField(help_text="In a sentence or two, for any reader.")
    why_it_matters = models.TextField(
        "Why it matters for the vision statement",
        blank=True,
        help_text="What this indicator tells us about keeping the promise.",
    )
    definition = models.TextField(
        blank=True, help_text="Exactly what is counted, and how (numerator and denominator)."
    )
    unit = models.CharField(
        max_length=60,
        help_text="“%” for percentages, or words such as “children” or “per 1,000 children”.",
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="indicators",
        help_text="Where the figures come from; cited like every other source.",
    )
    frequency = models.CharField(max_length=20, choices=Frequency.choices, default=Frequency.ANNUAL)
    last_updated = models.DateField(null=True, blank=True, help_text="When the figures were.")
    next_update = models.DateField("Next update expected", null=True, blank=True)
    breakdown_label = models.CharField(
        max_length=60,
        blank=True,
        help_text="What the breakdowns are, if the data has any: “Age group”, “Local authority”.",
    )
    technical_notes = models.TextField(blank=True)
    caveats = models.TextField(blank=True, help_text="What these figures cannot show.")
    illustrative = models.BooleanField(
        "Illustrative figures",
        default=False,
        help_text="Figures made up for a demonstration. Readers are told so wherever they "
        "show. Real indicators leave this off.",
    )

    public_url_name = "indicators:detail"
    preview_template = "indicators/indicator_detail.html"
    base_form_class = IndicatorForm  # figures checked together; pasted control characters

    objects = IndicatorQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("illustrative")]),
        FieldPanel("what_it_measures"),
        FieldPanel("why_it_matters"),
        FieldPanel("definition"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("frequency")]),
        FieldPanel("source"),
        FieldRowPanel([FieldPanel("last_updated"), FieldPanel("next_update")]),
        FieldPanel("technical_notes"),
        FieldPanel("caveats"),
        MultiFieldPanel(
            [
                FieldPanel("breakdown_label"),
                InlinePanel(
                    "figures",
                    label="Figure",
                    heading="Figures",
                    help_text="Or load them all from a CSV file: “Load figures from CSV” in "
                    "the menu at the top of this page.",
                ),
            ],
            heading="Data",
        ),
        PublishingPanel(),
    ]

    search_fields = [
        index.SearchField("name", boost=5),
        index.AutocompleteField("name"),
        index.SearchField("what_it_measures", boost=2),
        index.SearchField("why_it_matters"),
        index.SearchField("definition"),
        index.SearchField("breakdown_label"),
        index.RelatedFields("source", [index.SearchField("title")]),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def slug_base(self) -> str:
        return self.name

    @property
    def period_label(self) -> str:
        return self.PERIOD_LABELS.get(self.frequency, "Period")

    @property
    def rows(self) -> list[Row]:
        return [figure.row for figure in self.figures.all()]

    @property
    def data(self) -> IndicatorData:
        return IndicatorData.of(
            self.rows,
            unit=self.unit,
            name=self.name,
            breakdown_label=self.breakdown_label,
            period_label=self.period_label,
        )

    @property
    def csv_url(self) -> str:
        return reverse("indicators:csv", kwargs={"slug": self.slug})

    @property
    def live_source(self) -> Source | None:
        """The source as readers may see it: None while it is not live."""
        return self.source if self.source_id and self.source.live else None

    def get_metadata(self, describer):
        """Head metadata: a schema.org `Dataset` with its CSV download."""
        root_url, data = describer.root_url, self.data
        source = self.live_source
        makers = (
            [o.schema_org_reference(root_url) for o in source.live_organisations] if source else []
        )
        description = self.what_it_measures
        if self.illustrative:
            description = f"{ILLUSTRATIVE_NOTICE}. {description}"
        periods = data.periods
        json_ld = {
            "@type": "Dataset",
            "description": description,
            "creator": makers,
            "isBasedOn": source.schema_org_reference(root_url) if source else None,
            "license": source.licence if source else "",
            "variableMeasured": {
                "@type": "PropertyValue",
                "name": self.name,
                "unitText": self.unit,
            },
            "measurementTechnique": self.definition,
            "dateModified": self.last_updated.isoformat() if self.last_updated else "",
            "isAccessibleForFree": True,
            "isPartOf": describer.website(),
        }
        if periods and YEAR.match(periods[0]) and YEAR.match(periods[-1]):
            json_ld["temporalCoverage"] = f"{periods[0]}/{periods[-1]}"
        if self.slug and self.live:
            json_ld["distribution"] = [
                {
                    "@type": "DataDownload",
                    "encodingFormat": "text/csv",
                    "contentUrl": describer.absolute_url(self.csv_url),
                }
            ]
        return describer.thing(
            title=self.name,
            summary=description,
            canonical_url=self.absolute_public_url(root_url),
            **json_ld,
        )

    def public_context(self) -> dict:
        """The template context of the public page and of its preview."""
        return {
            "indicator": self,
            "data": self.data,
            "shown_on": live_pages_citing(self) if self.pk else [],
        }


class IndicatorFigure(Orderable):
    """One value of an indicator: for a period, and a breakdown if the data has one."""

    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="figures")
    period = models.CharField(max_length=40, help_text="For example 2024, 2023-24 or 2024 Q1.")
    breakdown = models.CharField(
        max_length=80, blank=True, help_text="Empty for the whole; else “16 to 17”, “Fife”."
    )
    value = models.DecimalField(max_digits=16, decimal_places=4)

    panels = [FieldRowPanel([FieldPanel("period"), FieldPanel("breakdown"), FieldPanel("value")])]

    class Meta(Orderable.Meta):
        verbose_name = "figure"

    def __str__(self) -> str:
        return f"{self.period} {self.breakdown}: {self.value}".replace("  ", " ")

    @property
    def row(self) -> Row:
        return Row(self.period, self.value, self.breakdown)
