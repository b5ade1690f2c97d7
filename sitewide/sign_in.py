"""Throttled sign-in: the page django-axes shows a locked-out sign-in, and the password reset
form behind a rate limit.

Both answer 429 Too Many Requests with `Retry-After`, on Wagtail's own sign-in look (its
templates, extended), so an editor who mistypes their password five times reads what happened
and when to try again instead of a bare error. Settings: README "Hardening".
"""

import logging

from axes.helpers import get_client_username, get_cool_off
from django_ratelimit.core import get_usage

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from wagtail.admin.views.account import (
    LoginView,
    PasswordResetView,
    get_password_reset_form,
    password_reset_enabled,
)

from evidence.rate_limits import CACHE_ERRORS, client_address, in_words

logger = logging.getLogger(__name__)

TOO_MANY_REQUESTS = 429


def client_ip(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the address every rate limit counts (`client_address`, which
    reads a trusted proxy's header only when `RATELIMIT_IP_META_KEY` names it), as the plain
    address axes stores: an IPv6 client's /64 by its first address, so that it cannot escape a
    lockout by moving to a neighbouring address."""
    address = client_address("sign-in", request).split("/")[0]
    return None if address == "unknown" else address


def too_many(request: HttpRequest, template: str, context: dict, seconds: int) -> HttpResponse:
    response = render(request, template, context, status=TOO_MANY_REQUESTS)
    response["Retry-After"] = str(max(1, int(seconds)))
    add_never_cache_headers(response)
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
        wait = f"Try again in {in_words(int(cool_off.total_seconds()))}."
    else:  # AXES_COOLOFF_TIME = None locks for good
        wait = "Ask an administrator to unlock your account."
    context["throttle_message"] = f"Too many failed sign-in attempts. {wait}"
    seconds = cool_off.total_seconds() if cool_off else 24 * 60 * 60
    return too_many(request, "sitewide/sign_in_locked_out.html", context, seconds)


#: Each password reset request counts against both: (group, key, setting naming the rate).
PASSWORD_RESET_LIMITS = (
    ("password-reset-ip", client_address, "PASSWORD_RESET_RATE_PER_IP"),
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
            try:
                usage = get_usage(
                    request,
                    group=group,
                    key=key,
                    rate=getattr(settings, rate_setting),
                    method="POST",
                    increment=True,
                )
            except CACHE_ERRORS:  # fail open, as the readers' limits do (evidence.rate_limits)
                logger.warning("Password reset limit not checked: the cache is unavailable")
                continue
            if usage and usage["should_limit"]:
                waits.append(max(usage["time_left"], 1))
        if waits:
            wait = max(waits)
            form = get_password_reset_form()(initial={"email": request.POST.get("email", "")})
            message = f"Too many password reset requests. Try again in {in_words(wait)}."
            return too_many(
                request,
                "sitewide/password_reset_throttled.html",
                {"form": form, "throttle_message": message},
                wait,
            )
    return wagtail_password_reset(request, *args, **kwargs)
