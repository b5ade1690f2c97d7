"""Demo accounts: one per role, only when DEBUG is on or asked for, never in production.

The loader runs on the demo site already loaded without accounts (`demo_site`), so each run
is the loader's cheap second one (it is idempotent: tests/home/test_demo_content.py)."""

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def load(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


def usernames() -> set[str]:
    return set(get_user_model().objects.values_list("username", flat=True))


def test_no_accounts_when_debug_is_off(demo_site, settings):
    settings.DEBUG = False
    load()
    assert usernames() == set()


def test_accounts_in_their_groups_with_the_password_from_the_environment(demo_site, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-from-env")
    output = load("--with-users")
    User = get_user_model()
    editor, reviewer, admin = (
        User.objects.get(username=n) for n in ("editor", "reviewer", "admin")
    )
    assert [g.name for g in editor.groups.all()] == ["Editors"]
    assert [g.name for g in reviewer.groups.all()] == ["Reviewers"]
    assert admin.is_superuser and not editor.is_superuser and not reviewer.is_superuser
    assert all(u.check_password("demo-password-from-env") for u in (editor, reviewer, admin))
    assert "demo-password-from-env" not in output


def test_a_generated_password_is_printed_once(demo_site, settings, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    settings.DEBUG = True
    first = load()
    password = first.split("username 'editor', password ")[1].split()[0]
    assert get_user_model().objects.get(username="editor").check_password(password)
    assert password not in load()


def test_never_with_production_settings(settings):
    settings.SETTINGS_MODULE = "storyofprogress.settings.production"
    with pytest.raises(CommandError, match="never created with production settings"):
        load("--with-users")
    assert usernames() == set()
