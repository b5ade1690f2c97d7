"""The hosts' content, made in a process of its own on their database (`tests.postgres_databases`):

    DATABASE_URL=postgres://... python -m tests.hosts.build

migrates the database, builds the caching tests' small site (`tests.caching.site`) and a
superuser to publish with, and prints the site's ids as JSON on its last line of output.
"""

import dataclasses
import json

import django

EDITOR = ("editor", "hosts-editor-password")


def main() -> None:
    django.setup()
    from django.conf import global_settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test.utils import override_settings

    from tests.caching.site import build_site

    call_command("migrate", interactive=False, verbosity=0)
    site = build_site()
    username, password = EDITOR
    # Hashed as production checks it: the test settings' fast hasher is not among its hashers.
    with override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS):
        get_user_model().objects.create_superuser(username, f"{username}@example.org", password)
    print(json.dumps(dataclasses.asdict(site)))  # noqa: T201 (read by the fixture)


if __name__ == "__main__":
    main()
