"""A searchable chooser for a many-to-many relation to a snippet: the Source form's organisations.

Wagtail 8 has no chooser widget for a `ParentalManyToManyField`: its `MultipleChooserPanel`
works on an `InlinePanel` relation (a through model with a `ParentalKey`), which would mean
changing the schema and every reader of `Source.organisations`. This widget keeps the field and
reuses Wagtail's own snippet chooser modal in its multiple mode (the modal's search, paging,
checkboxes and "Confirm selection"), so choosing organisations looks and searches like every
other chooser. The form receives the chosen ids as repeated hidden inputs, as a
`<select multiple>` would send them.
"""

from django import forms
from django.urls import reverse


class MultipleSnippetChooser(forms.Widget):
    """For a `ModelMultipleChoiceField` of snippets (the field sets `choices` on it).

    A plain `Widget`, not a `SelectMultiple`, so Wagtail's telepath packs it as a generic
    widget rather than as a `<select>` it would then look for.
    """

    template_name = "evidence/widgets/multiple_snippet_chooser.html"
    choices = ()

    def __init__(self, model, *, add_label="Add", empty_label="None chosen.", attrs=None):
        super().__init__(attrs=attrs)
        self.model = model
        self.add_label = add_label
        self.empty_label = empty_label

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # nothing chosen sends nothing: that is an empty choice, not an omission

    def format_value(self, value):
        if value is None:
            return []
        if not isinstance(value, (list, tuple)):
            value = [value]
        return [str(v) for v in value if v not in (None, "")]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        selected = set(context["widget"]["value"])
        chosen = [
            {"value": str(choice_value), "label": label}
            for choice_value, label in self.choices
            if str(choice_value) in selected
        ]
        namespace = self.model.snippet_viewset.get_chooser_admin_url_namespace()
        context["widget"].update(
            chooser_url=reverse(f"{namespace}:choose"),
            chosen=chosen,
            add_label=self.add_label,
            empty_label=self.empty_label,
        )
        return context

    @property
    def media(self):
        return forms.Media(
            css={"all": ["evidence/css/multiple-snippet-chooser.css"]},
            js=["wagtailadmin/js/chooser-modal.js", "evidence/js/multiple-snippet-chooser.js"],
        )
