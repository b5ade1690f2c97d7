"""Admin URLs of ours that take the place of Wagtail's, included before Wagtail's admin URLs:
the password reset form behind its rate limit (`sitewide.sign_in`)."""

from django.urls import path

from sitewide import sign_in

urlpatterns = [
    path("password_reset/", sign_in.password_reset),
]
