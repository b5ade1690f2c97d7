"""`python manage.py rebuild_evidence_audit`: rescan every page for the evidence audit.

Pages keep their audit rows up to date as they are edited and published; run this once on a
database that had pages before the audit existed, or after importing content without signals.
"""

from django.core.management.base import BaseCommand

from citations.index import refresh_all


class Command(BaseCommand):
    help = "Rebuild the evidence audit (citations in live and draft pages)."

    def handle(self, *args, verbosity=1, **options):
        count = refresh_all()
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Scanned {count} pages for citations."))
