"""The admin view that loads an indicator's figures from a CSV file, as a draft for review."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from indicators.csv_files import MAX_BYTES, FileRefused, describe_size, read_figures
from indicators.forms import FiguresUploadForm
from indicators.loading import save_figures_as_draft
from indicators.models import Indicator
from indicators.series import MAX_ROWS, MAX_SERIES_OVER_TIME

UPLOAD_TEMPLATE = "indicators/admin/load_figures.html"


class LoadFiguresView(WagtailAdminTemplateMixin, FormView):
    """Replace an indicator's figures with a file's: all of them, or none if any line is wrong.

    The figures become a new draft revision, exactly as if typed in the editor: nothing a
    reader sees changes until the draft is submitted, approved and published.
    """

    form_class = FiguresUploadForm
    template_name = UPLOAD_TEMPLATE
    page_title = "Load figures from CSV"
    header_icon = "table"
    viewset = None

    def dispatch(self, request, pk):
        self.indicator = get_object_or_404(Indicator, pk=pk)
        policy = self.viewset.permission_policy
        if not policy.user_has_permission_for_instance(request.user, "change", self.indicator):
            raise PermissionDenied
        self.problems: list[str] = []
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.indicator.name

    @property
    def edit_url(self) -> str:
        return reverse(self.viewset.get_url_name("edit"), args=[self.indicator.pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.viewset.get_url_name("list")), "label": "Indicators"},
            {"url": self.edit_url, "label": self.indicator.name},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            indicator=self.indicator,
            problems=self.problems,
            edit_url=self.edit_url,
            max_size=describe_size(MAX_BYTES),
            max_rows=MAX_ROWS,
            max_series=MAX_SERIES_OVER_TIME,
            **kwargs,
        )

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        lock = self.indicator.get_lock()
        if lock is not None and lock.for_user(self.request.user):
            form.add_error(None, "This indicator is locked: it cannot be changed until unlocked.")
            return self.form_invalid(form)
        try:
            rows = read_figures(upload)
        except FileRefused as refused:
            self.problems = refused.problems
            form.add_error(
                "file", "Nothing was loaded: fix the problems listed above and try again."
            )
            return self.form_invalid(form)
        save_figures_as_draft(self.indicator, rows, user=self.request.user)
        messages.success(
            self.request,
            f"Loaded {len(rows)} figures from “{upload.name}” into a draft. Preview it, then "
            "submit it for review: readers see the new figures once a reviewer publishes them.",
        )
        return redirect(self.edit_url)
