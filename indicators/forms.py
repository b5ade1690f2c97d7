"""The indicator's admin form, and the form that uploads its figures as a CSV file.

Figures typed in the editor keep the same rules as figures loaded from a file
(`series.problems_with`): a period and breakdown given twice, or more lines than a chart can
tell apart, are refused either way.
"""

from django import forms

from evidence.forms import CleanTextAdminModelForm
from indicators.csv_files import MAX_BYTES, describe_size
from indicators.series import Row, problems_with


class IndicatorForm(CleanTextAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("figures")
        if formset is None or not formset.is_valid():
            return cleaned_data
        kept = [
            form
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        kept.sort(key=lambda form: form.cleaned_data.get("ORDER") or 0)
        rows = [
            Row(
                form.cleaned_data["period"],
                form.cleaned_data["value"],
                form.cleaned_data.get("breakdown", ""),
            )
            for form in kept
        ]
        for index, message in problems_with(rows):
            if index is None:
                self.add_error(None, message)
            else:
                kept[index].add_error("period", message)
                self.add_error(None, f"Figure {index + 1}: {message}")
        return cleaned_data


class FiguresUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text=f"Columns period, value and, if the figures are broken down, breakdown; "
        f"one figure a line, under a header line. At most {describe_size(MAX_BYTES)}.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
