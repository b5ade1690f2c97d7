"""`python manage.py load_demo_content`: the demo site from the seed documents. Idempotent."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.signals import post_save

from demo.content.loader import DemoLoader

# (username, group); the groups come from story/migrations/0003_editorial_workflow.py.
DEMO_USERS = [("admin", None), ("editor", "Editors"), ("reviewer", "Reviewers")]


def saves_made_by(load) -> int:
    """How many rows `load()` saved (every save the loader makes sends `post_save`)."""
    saves = []

    def count(sender, **kwargs):
        saves.append(sender)

    post_save.connect(count, weak=False, dispatch_uid="load_demo_content_saves")
    try:
        load()
    finally:
        post_save.disconnect(dispatch_uid="load_demo_content_saves")
    return len(saves)


class Command(BaseCommand):
    help = "Create the demo site tree and content (safe to run more than once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-users",
            action="store_true",
            help="Create demo accounts even when DEBUG is off (never do this in production).",
        )
        parser.add_argument("--no-users", action="store_true", help="Do not create demo accounts.")

    def handle(self, *args, with_users=False, no_users=False, verbosity=1, **options):
        if with_users and no_users:
            raise CommandError("--with-users and --no-users cannot be used together.")
        create_users = not no_users and (settings.DEBUG or with_users)
        settings_module = getattr(settings, "SETTINGS_MODULE", None) or os.environ.get(
            "DJANGO_SETTINGS_MODULE", ""
        )
        if create_users and settings_module.endswith(".production"):
            raise CommandError("Demo accounts are never created with production settings.")
        log = self.stdout.write if verbosity > 1 else (lambda message: None)
        with transaction.atomic():
            if saves_made_by(DemoLoader(log=log).run):
                # Whole-site rebuilds, so a run that changed nothing (`make run` again) skips
                # them; in one transaction with the load, so no load is left without them.
                call_command("rebuild_references_index", verbosity=0)
                call_command("rebuild_evidence_audit", verbosity=0)
                call_command("update_index", verbosity=0)
        if create_users:
            self.create_demo_users()
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))

    def create_demo_users(self) -> None:
        """Demo accounts for each role, with a password from DEMO_PASSWORD or printed once.

        Accounts that already exist are left alone, so their passwords are printed only when
        they are created.
        """
        User = get_user_model()
        from_env = os.environ.get("DEMO_PASSWORD")
        password = from_env or secrets.token_urlsafe(12)
        for username, group_name in DEMO_USERS:
            if User.objects.filter(username=username).exists():
                continue
            email = f"{username}@example.org"
            if group_name is None:
                User.objects.create_superuser(username, email, password)
            else:
                user = User.objects.create_user(username, email, password)
                user.groups.add(Group.objects.get(name=group_name))
            shown = "from DEMO_PASSWORD" if from_env else password
            role = group_name or "superuser"
            self.stdout.write(
                self.style.WARNING(f"Demo {role}: username '{username}', password {shown}")
            )
