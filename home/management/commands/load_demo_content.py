"""`python manage.py load_demo_content`: the demo site from the seed documents. Idempotent."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from home.demo.loader import DemoLoader


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
        log = self.stdout.write if verbosity > 1 else (lambda message: None)
        DemoLoader(log=log).run()
        call_command("rebuild_references_index", verbosity=0)
        call_command("update_index", verbosity=0)
        if not no_users and (settings.DEBUG or with_users):
            self.create_demo_users()
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))

    def create_demo_users(self) -> None:
        """A demo administrator, with a password from DEMO_PASSWORD or printed once."""
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            return
        password = os.environ.get("DEMO_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@example.org", password)
        shown = "from DEMO_PASSWORD" if os.environ.get("DEMO_PASSWORD") else password
        self.stdout.write(
            self.style.WARNING(f"Demo administrator: username 'admin', password {shown}")
        )
