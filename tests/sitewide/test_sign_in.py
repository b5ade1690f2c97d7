"""Sign-in throttling: failed sign-ins lock out a username from one address for a while, with a
readable page; password reset requests are rate-limited per address and per e-mail address.

django-axes is off in the test settings (Django's `Client.login` passes no request, which axes
refuses); these tests turn it on, with the limits pinned whatever the environment says."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from sitewide.sign_in import client_ip

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
RESET = "/admin/password_reset/"
PASSWORD = "correct horse battery staple"
LOCKED_OUT = "Too many failed sign-in attempts. Try again in 15 minutes."


@pytest.fixture(autouse=True)
def throttling_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    settings.RATELIMIT_ENABLE = True
    settings.PASSWORD_RESET_RATE_PER_IP = "3/h"
    settings.PASSWORD_RESET_RATE_PER_EMAIL = "2/h"
    settings.RATELIMIT_IP_META_KEY = None


@pytest.fixture
def editors():
    User = get_user_model()
    return [
        User.objects.create_superuser(name, f"{name}@example.org", PASSWORD)
        for name in ("editor", "colleague")
    ]


def sign_in(client, username: str, password: str = PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def signed_in(response) -> bool:
    return response.status_code == 302 and response.url == "/admin/"


def fail(client, username: str, times: int, **extra):
    for _ in range(times):
        assert sign_in(client, username, "wrong", **extra).status_code in (200, 429)


def test_five_failures_refuse_the_right_password_with_a_message(client, editors):
    fail(client, "editor", 4)
    fifth = sign_in(client, "editor", "wrong")
    assert fifth.status_code == 429
    response = sign_in(client, "editor")
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    html = response.content.decode()
    assert LOCKED_OUT in html
    assert 'role="alert"' in html
    assert 'class="login-form"' in html and 'value="editor"' in html  # Wagtail's page, name kept
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still sent to the login page


def test_a_lockout_holds_only_that_username_from_that_address(client, editors):
    fail(client, "editor", 5)
    assert sign_in(client, "editor").status_code == 429
    assert signed_in(sign_in(client, "editor", REMOTE_ADDR="198.51.100.20"))
    client.logout()
    assert signed_in(sign_in(client, "colleague"))


def test_signing_in_clears_the_failures(client, editors):
    fail(client, "editor", 4)
    assert AccessAttempt.objects.get().failures_since_start == 4
    assert signed_in(sign_in(client, "editor"))
    assert not AccessAttempt.objects.exists()
    client.logout()
    fail(client, "editor", 4)
    assert signed_in(sign_in(client, "editor"))


def test_a_lockout_ends_after_the_cool_off(client, editors):
    fail(client, "editor", 5)
    assert sign_in(client, "editor").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    assert sign_in(client, "editor").status_code == 429  # a refused attempt restarts it
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert signed_in(sign_in(client, "editor"))


def test_a_forwarded_address_is_ignored_unless_a_proxy_is_configured(client, editors):
    fail(client, "editor", 5, HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert sign_in(client, "editor", HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 429


def test_behind_a_configured_proxy_the_address_it_saw_counts(client, editors, settings):
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_FORWARDED_FOR"
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    fail(client, "editor", 5, HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy)
    spoofed = "203.0.113.2, 203.0.113.1"  # the client's own claim, then what the proxy saw
    assert sign_in(client, "editor", HTTP_X_FORWARDED_FOR=spoofed, **proxy).status_code == 429
    assert signed_in(sign_in(client, "editor", HTTP_X_FORWARDED_FOR="203.0.113.2", **proxy))


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"REMOTE_ADDR": "198.51.100.7"}, "198.51.100.7"),
        ({"REMOTE_ADDR": "2001:db8:1:2:3:4:5:6"}, "2001:db8:1:2::"),  # its /64, as one client
        ({"REMOTE_ADDR": ""}, None),
    ],
)
def test_sign_in_counts_the_address_the_rate_limits_count(rf, meta, expected):
    assert client_ip(rf.get("/", **meta)) == expected


def request_reset(client, email: str, **extra):
    return client.post(RESET, {"email": email}, **extra)


def test_password_reset_is_limited_per_address(client, editors):
    for number in range(3):
        assert request_reset(client, f"someone{number}@example.org").status_code == 302
    assert request_reset(client, "editor@example.org").status_code == 429
    assert mail.outbox == []  # the refused request, the only one for a real account, sent nothing
    elsewhere = request_reset(client, "editor@example.org", REMOTE_ADDR="198.51.100.20")
    assert elsewhere.status_code == 302
    assert len(mail.outbox) == 1


def test_password_reset_is_limited_per_email_address(client, editors):
    for number in range(2):
        response = request_reset(client, "Editor@example.org ", REMOTE_ADDR=f"198.51.100.{number}")
        assert response.status_code == 302
    assert len(mail.outbox) == 2
    response = request_reset(client, "editor@example.org", REMOTE_ADDR="198.51.100.99")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Too many password reset requests. Try again in " in html
    assert 'role="alert"' in html and 'name="email"' in html  # Wagtail's form, shown again
    assert len(mail.outbox) == 2
    assert request_reset(client, "colleague@example.org").status_code == 302
    assert client.get(RESET).status_code == 200  # the form itself is never refused
