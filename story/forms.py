"""The vision statement page form: one page per vision statement in each section, and
indicator charts in the national data section only.

The checks live in the admin form because only the form knows the parent of a page being
created (`parent_page`); the model has no place in the tree yet. Drafts count: a sibling's
row holds its live (or first) version, its latest revision what it will become.
"""

from django.core.exceptions import ValidationError

from wagtail.models import Revision

from evidence.forms import CleanTextPageForm

#: The lens of the national data section (`SectionPage.Lens.QUANTITATIVE`; the models import
#: this module, so it cannot import them).
NATIONAL_DATA = "quantitative"


class VisionStatementPageForm(CleanTextPageForm):
    def clean(self):
        cleaned_data = super().clean()
        self.check_indicators_belong(cleaned_data.get("body"))
        statement = cleaned_data.get("vision_statement")
        parent = self.parent_page
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

    def check_indicators_belong(self, body) -> None:
        """Indicator charts are the national data lens: refused in any other section."""
        parent = self.parent_page
        lens = getattr(getattr(parent, "specific", parent), "lens", None)
        if body is None or lens is None or lens == NATIONAL_DATA:
            return
        if any(child.block_type == "indicator" for child in body):
            self.add_error(
                "body",
                ValidationError(
                    "Indicator charts belong to the national data section; “%(section)s” is "
                    "not it. Remove the indicator chart blocks, or place them on this vision "
                    "statement's page in the national data section.",
                    code="indicator_outside_national_data",
                    params={"section": parent.title},
                ),
            )

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
