"""Slugs sources and organisations were public under before they changed."""

from django.db import models

from evidence.models.organisation import Organisation
from evidence.models.source import Source


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
