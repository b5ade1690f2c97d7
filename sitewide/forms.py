"""The admin's image and document forms: alt text compulsory, pasted control characters
dropped from titles and alt text (`evidence.forms`, as for pages and snippets)."""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from evidence.forms import SubmittedTextCleaningMixin


class ImageForm(SubmittedTextCleaningMixin, BaseImageForm):
    """Wagtail's image form, except that `description` (the alt text) is required.

    Templates take an image's alt text from `description`; an image saved without one would
    reach readers of screen readers as a file name or nothing at all.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            field = self.fields["description"]
            field.required = True
            field.label = "Alt text"
            field.help_text = (
                "Describe the image for someone who cannot see it, for example "
                "'COSLA logo'. Screen readers read this out in place of the image."
            )


class DocumentForm(SubmittedTextCleaningMixin, BaseDocumentForm):
    """Wagtail's document form (`WAGTAILDOCS_DOCUMENT_FORM_BASE`)."""
