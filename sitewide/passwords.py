"""Wagtail's password forms for restricted pages and document collections, behind a rate limit.

A page or collection restricted by a shared password ("Privacy: a password" in the admin) is
unlocked by posting that password to Wagtail's `authenticate_with_password` views, which do not
count attempts: a script could guess for as long as it liked. These URL patterns take the place
of Wagtail's (same paths and names, included before `wagtail.urls` and the documents' URLs) and
count every request to them per client address (`RATELIMIT_PASSWORDS`, 5 a minute), answering
429 with `Retry-After` over the limit (`evidence.rate_limits`, as search and exports are). A
reader types a password once or twice; people who can use the admin are never limited.
"""

from django.urls import path

from wagtail import views as page_views
from wagtail.documents.views import serve as document_views

from evidence.rate_limits import rate_limited

limited = rate_limited("passwords")

urlpatterns = [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        limited(page_views.authenticate_with_password),
        name="wagtailcore_authenticate_with_password",
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        limited(document_views.authenticate_with_password),
        name="wagtaildocs_authenticate_with_password",
    ),
]
