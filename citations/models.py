from django.db import models

from evidence.models import Organisation, Source, SourceLink
from evidence.public_pages import public_pages
from story.models import VisionStatement


class CitationQuerySet(models.QuerySet):
    def in_public(self) -> "CitationQuerySet":
        """The citations that count in public: in the live version of a page a reader may see
        (`evidence.public_pages`), of a source or organisation that is live.

        Whatever the public site says about what is cited where (search filters and facet
        counts, the library's vision statements) comes from these rows only, so nothing a
        restricted, withdrawn or unpublished page cites shows through. The rows themselves
        hold no visibility: the rule is applied when read, so adding or removing a view
        restriction, unpublishing or moving a page needs no rewrite of the index.
        """
        return self.filter(in_live_version=True, page__in=public_pages()).filter(
            models.Q(source__live=True) | models.Q(organisation__live=True)
        )


class Citation(models.Model):
    """One page citing one source or organisation, in its live version, its latest draft, or both.

    Wagtail's reference index follows live content only; reviewers also need to see what a
    draft awaiting their approval cites. `citations.index` keeps these rows in step with page
    revisions and publishing; the evidence audit (`citations.audit`) lists them, and the
    library and search read which vision statement each live citation comes under, through
    `in_public` only.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    vision_statement = models.ForeignKey(
        VisionStatement,
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
    place = models.CharField(
        max_length=255,
        blank=True,
        help_text="Where a reader finds it, e.g. 'Part \u201cWhat works\u201d › Narrative'",
    )
    cited_words = models.CharField(
        max_length=255, blank=True, help_text="The linked words in the text (or the quote)"
    )
    in_live_version = models.BooleanField("live", default=False)
    in_latest_version = models.BooleanField("latest draft", default=False)

    objects = CitationQuerySet.as_manager()

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
        VisionStatement,
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
    """Sources no live page cites, seen from the audit: a proxy so the audit's read-only admin
    does not take over the snippet's edit links. Not searchable nor reference-indexed itself."""

    search_fields: list = []
    wagtail_reference_index_ignore = True

    class Meta:
        proxy = True
        verbose_name = "source no live page cites"
        verbose_name_plural = "sources no live page cites"


class LearningWithoutSources(PageEvidenceSummary):
    """Pages whose latest version has a learning block but cites no source, seen from the audit
    (a proxy, so the report is titled for what it lists)."""

    wagtail_reference_index_ignore = True

    class Meta:
        proxy = True
        verbose_name = "page with learning but no cited source"
        verbose_name_plural = "pages with learning but no cited source"


class NotLiveCitation(Citation):
    """Citations of a source or organisation that is not live, seen from the audit (a proxy, so
    the report has its own admin list beside "All citations")."""

    class Meta:
        proxy = True
        verbose_name = "citation of evidence that is not live"
        verbose_name_plural = "citations of evidence that is not live"


class SourceWithoutLink(Source):
    """Sources with neither URL, DOI nor document, seen from the audit."""

    search_fields: list = []
    wagtail_reference_index_ignore = True

    class Meta:
        proxy = True
        verbose_name = "source with no URL, DOI or document"
        verbose_name_plural = "sources with no URL, DOI or document"


class OrganisationWithoutSources(Organisation):
    """Organisations no source names as its maker, seen from the audit."""

    search_fields: list = []
    wagtail_reference_index_ignore = True

    class Meta:
        proxy = True
        verbose_name = "organisation with no sources"
        verbose_name_plural = "organisations with no sources"


class BrokenSourceLink(SourceLink):
    """Links of live sources the daily check found broken or moved, seen from the audit."""

    class Meta:
        proxy = True
        verbose_name = "broken or moved source link"
        verbose_name_plural = "broken or moved source links"
