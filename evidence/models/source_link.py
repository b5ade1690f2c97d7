"""Link health: whether each live source's web address and DOI still lead somewhere.

Kept beside the source, not on it: a source is a snippet with revisions, and publishing a
revision writes every field of the source from that revision, so a status written into the
source's own row would be overwritten by whatever the last editor saw. `check_source_links`
(evidence/link_health.py) writes these rows; the source's edit view and the evidence audit read
them. A row is about one address: when an editor changes the URL or the DOI, the row no longer
matches (`is_current`) and the next check replaces it.
"""

from django.db import models
from django.utils import timezone

from evidence.models.source import Source


class SourceLinkQuerySet(models.QuerySet):
    def needing_attention(self):
        """Broken or redirected links of live sources, as the sources stand now."""
        return self.filter(
            source__live=True, status__in=[SourceLink.Status.BROKEN, SourceLink.Status.REDIRECTED]
        )


class SourceLink(models.Model):
    class Kind(models.TextChoices):
        URL = "url", "URL"
        DOI = "doi", "DOI"

    class Status(models.TextChoices):
        WORKING = "working", "Working"
        REDIRECTED = "redirected", "Working, but moved"
        BROKEN = "broken", "Broken"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=3, choices=Kind.choices)
    address = models.CharField(
        max_length=500, help_text="The URL, or the DOI as given, when it was checked."
    )
    checked_url = models.URLField(max_length=800, help_text="What was requested.")
    status = models.CharField(max_length=10, choices=Status.choices)
    http_status = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The last answer's HTTP status; empty if none came."
    )
    problem = models.CharField(
        max_length=300, blank=True, help_text="Why it failed, in words (a timeout, a refusal)."
    )
    final_url = models.URLField(
        max_length=800, blank=True, help_text="Where the redirects ended, if there were any."
    )
    redirects = models.JSONField(
        default=list, blank=True, help_text="Each hop as [status, location], in order."
    )
    checked_at = models.DateTimeField(default=timezone.now)
    failing_since = models.DateTimeField(
        null=True, blank=True, help_text="When the first check of an unbroken run of failures ran."
    )

    objects = SourceLinkQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "kind"], name="one_link_check_per_kind")
        ]
        ordering = ["source__title", "kind"]
        verbose_name = "source link check"

    def __str__(self) -> str:
        return f"{self.source} ({self.get_kind_display()}): {self.get_status_display()}"

    @property
    def is_current(self) -> bool:
        """Whether this check is about the address the source has now."""
        return self.address == (self.source.url if self.kind == self.Kind.URL else self.source.doi)

    @property
    def in_words(self) -> str:
        """The outcome as an editor reads it: "Broken: 404 Not Found", "Moved to …"."""
        if self.status == self.Status.BROKEN:
            return f"Broken: {self.problem}" if self.problem else "Broken"
        if self.status == self.Status.REDIRECTED:
            return f"Working, but moved to {self.final_url}"
        return "Working"
