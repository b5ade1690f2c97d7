"""The vision statement page form: one page per vision statement in each section, and blocks
that belong to one lens only in that lens's section.

The checks live in the admin form because only the form knows the parent of a page being
created (`parent_page`); the model has no place in the tree yet. Drafts count: a sibling's
row holds its live (or first) version, its latest revision what it will become.
"""

from django.core.exceptions import ValidationError

from wagtail.blocks import StreamBlockValidationError
from wagtail.models import Revision

from evidence.forms import CleanTextPageForm


class VisionStatementPageForm(CleanTextPageForm):
    def clean(self):
        cleaned_data = super().clean()
        statement = cleaned_data.get("vision_statement")
        parent = self.parent_page
        if parent is not None and cleaned_data.get("body") is not None:
            self.check_lenses(cleaned_data["body"], parent.specific)
        if statement is None or parent is None:
            return cleaned_data
        taken = self.sibling_titles_for(statement.pk, parent)
        if taken:
            self.add_error(
                "vision_statement",
                ValidationError(
                    "“%(section)s” already has a page for vision statement %(statement)s: "
                    "%(pages)s. Edit that page instead, or choose another vision statement.",
                    code="duplicate_vision_statement",
                    params={
                        "section": parent.title,
                        "statement": statement,
                        "pages": ", ".join(f"“{title}”" for title in taken),
                    },
                ),
            )
        return cleaned_data

    def sibling_titles_for(self, statement_id: int, parent) -> list[str]:
        """Titles of the other pages under `parent` whose row or latest draft has the statement."""
        model = type(self.instance)
        siblings = list(
            model.objects.child_of(parent)
            .exclude(pk=self.instance.pk)
            .only("pk", "title", "draft_title", "vision_statement_id", "latest_revision_id")
        )
        draft_statements = {
            revision.object_id: revision.content.get("vision_statement")
            for revision in Revision.objects.filter(
                pk__in=[page.latest_revision_id for page in siblings if page.latest_revision_id]
            ).only("object_id", "content")
        }
        return [
            page.draft_title or page.title
            for page in siblings
            if statement_id in (page.vision_statement_id, draft_statements.get(str(page.pk)))
        ]

    def check_lenses(self, body, section) -> None:
        """Each block whose Meta names `lenses` (experience blocks, indicator charts) in a section
        of another lens is refused, with the reason on the block itself."""
        lens = getattr(section, "lens", None)
        if lens is None:
            return
        lens_labels = dict(type(section)._meta.get_field("lens").choices)
        errors = {}
        for index, child in enumerate(body):
            allowed = getattr(child.block.meta, "lenses", None)
            if allowed and lens not in allowed:
                where = " or ".join(f"“{lens_labels.get(name, name)}”" for name in allowed)
                errors[index] = ValidationError(
                    f"{child.block.label} blocks belong in the {where} section only, not in "
                    f"“{section.title}”.",
                    code="block_outside_its_lens",
                )
        if errors:
            self.add_error("body", StreamBlockValidationError(block_errors=errors))
