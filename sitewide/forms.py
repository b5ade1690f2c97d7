"""The admin's image form, with the alt text an accessible page needs made compulsory."""

from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
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
