"""Throttled sign-in: the page django-axes shows a locked-out sign-in, and the password reset
form behind a rate limit.

Both answer 429 Too Many Requests with `Retry-After`, on Wagtail's own sign-in look (its
templates, extended), so an editor who mistypes their password five times reads what happened
and when to try again instead of a bare error. Settings: README "Hardening".
"""

import math

from axes.helpers import get_client_username, get_cool_off
from django_ratelimit.core import get_usage

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wagtail.admin.views.account import (
    LoginView,
    PasswordResetView,
    get_password_reset_form,
    password_reset_enabled,
)

TOO_MANY_REQUESTS = 429


def wait_phrase(seconds: float) -> str:
    """A wait in words ("15 minutes", "1 minute", "2 hours"), rounded up, never "0 minutes"."""
    minutes = max(1, math.ceil(seconds / 60))
    if minutes >= 120 and minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hours"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def too_many(request: HttpRequest, template: str, context: dict, seconds: int) -> HttpResponse:
    response = render(request, template, context, status=TOO_MANY_REQUESTS)
    response["Retry-After"] = str(max(1, int(seconds)))
    return response


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: Wagtail's login page with the reason, the username kept.

    The context is the login view's own (so `next` survives, validated as Wagtail does); the
    form is a fresh one, because validating the posted one would try to authenticate again.
    """
    cool_off = get_cool_off(request)
    view = LoginView()
    view.setup(request)
    form = view.get_form_class()(
        request, initial={"username": get_client_username(request, credentials) or ""}
    )
    context = view.get_context_data(form=form)
    if cool_off:
        wait = f"Try again in {wait_phrase(cool_off.total_seconds())}."
    else:  # AXES_COOLOFF_TIME = None locks for good
        wait = "Ask an administrator to unlock your account."
    context["throttle_message"] = f"Too many failed sign-in attempts. {wait}"
    seconds = cool_off.total_seconds() if cool_off else 24 * 60 * 60
    return too_many(request, "sitewide/sign_in_locked_out.html", context, seconds)


#: Each password reset request counts against both: (group, key, setting naming the rate).
PASSWORD_RESET_LIMITS = (
    ("password-reset-ip", "ip", "PASSWORD_RESET_RATE_PER_IP"),
    (
        "password-reset-email",
        lambda group, request: request.POST.get("email", "").strip().lower(),
        "PASSWORD_RESET_RATE_PER_EMAIL",
    ),
)

wagtail_password_reset = PasswordResetView.as_view()


def password_reset(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Wagtail's password reset view, refusing a request over either limit before any mail.

    Every posted request counts against both limits, even a refused one, so waiting is the
    only way through; showing the form (GET) costs nothing.
    """
    if request.method == "POST" and password_reset_enabled():
        waits = []
        for group, key, rate_setting in PASSWORD_RESET_LIMITS:
            usage = get_usage(
                request,
                group=group,
                key=key,
                rate=getattr(settings, rate_setting),
                method="POST",
                increment=True,
            )
            if usage and usage["should_limit"]:
                waits.append(max(usage["time_left"], 1))
        if waits:
            wait = max(waits)
            form = get_password_reset_form()(initial={"email": request.POST.get("email", "")})
            message = f"Too many password reset requests. Try again in {wait_phrase(wait)}."
            return too_many(
                request,
                "sitewide/password_reset_throttled.html",
                {"form": form, "throttle_message": message},
                wait,
            )
    return wagtail_password_reset(request, *args, **kwargs)
